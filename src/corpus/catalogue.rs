//! The entity catalogue: people, places, organisations and events, with aliases and facts.
//!
//! `parse_catalogue` reads `config/entities.toml` strictly (unknown fields, wrong types,
//! duplicate ids, empty names or aliases are errors at their line:col) and sanitizes every
//! string it keeps. Aliases come out NFC-normalised, trimmed and deduplicated per entity.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::ids::EntityId;
use super::overrides::{Override, RawOverride, read_overrides};
use super::sanitize::sanitize;
use crate::diag::{Diagnostic, LineIndex, Position};

/// What kind of thing an entity is; it decides the colour a mention gets.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Country,
    City,
    Region,
    Place,
    Organisation,
    Event,
    Facility,
    Document,
}

impl EntityKind {
    pub const ALL: [EntityKind; 9] = [
        EntityKind::Person,
        EntityKind::Country,
        EntityKind::City,
        EntityKind::Region,
        EntityKind::Place,
        EntityKind::Organisation,
        EntityKind::Event,
        EntityKind::Facility,
        EntityKind::Document,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Country => "country",
            EntityKind::City => "city",
            EntityKind::Region => "region",
            EntityKind::Place => "place",
            EntityKind::Organisation => "organisation",
            EntityKind::Event => "event",
            EntityKind::Facility => "facility",
            EntityKind::Document => "document",
        }
    }

    /// The kind named `name` (as written in the catalogue); an unknown one is an error naming
    /// the closest kind and listing them all.
    pub fn parse(name: &str) -> Result<EntityKind, String> {
        let wanted = name.trim().to_lowercase();
        if let Some(kind) = EntityKind::ALL.into_iter().find(|k| k.name() == wanted) {
            return Ok(kind);
        }
        Err(format!(
            "unknown kind `{}`{}; kinds: {}",
            crate::corpus::sanitize::visible(name),
            crate::suggest::did_you_mean(&wanted, EntityKind::ALL.map(EntityKind::name)),
            EntityKind::ALL.map(EntityKind::name).join(", ")
        ))
    }
}

/// A labelled fact; `source` names the article id that states it.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub label: String,
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One entity of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// Other surface forms, not including `name`.
    pub aliases: Vec<String>,
    /// Forms that are never a mention of this entity, though one of its forms sits inside
    /// them ("US-Dollar" for the USA); they may still be mentions of other entities.
    pub ignore: Vec<String>,
    pub summary: String,
    pub facts: Vec<Fact>,
    /// File position of the entity's `id`, for `check`.
    pub position: Position,
    /// File positions of each alias (parallel to `aliases`), for `check`.
    pub alias_positions: Vec<Position>,
    /// File positions of each ignored form (parallel to `ignore`), for `check`.
    pub ignore_positions: Vec<Position>,
    /// File position of each fact's `source` value, where it has one (parallel to `facts`).
    pub fact_positions: Vec<Position>,
}

impl Entity {
    /// The name followed by the aliases: every form the linker looks for.
    pub fn surface_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The loaded catalogue.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    pub path: String,
    entities: Vec<Entity>,
    /// Forms that are never mentions, though a shorter alias sits inside them ("US-Dollar"
    /// is not the USA), with their file positions.
    pub ignore: Vec<(String, Position)>,
    /// Corrections of single mentions (`[[override]]`), honoured by the linker.
    pub overrides: Vec<Override>,
    by_id: HashMap<String, usize>,
}

impl Catalogue {
    /// The entity with this slug.
    pub fn get(&self, id: &str) -> Option<EntityId> {
        self.by_id.get(id).copied().map(EntityId::from_index)
    }

    /// One entity; `None` for an id this catalogue did not make.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.index())
    }

    /// Every entity, in catalogue order (position `i` has `EntityId::from_index(i)`).
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Every entity with its id, in catalogue order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (EntityId, &Entity)> {
        self.entities
            .iter()
            .enumerate()
            .map(|(i, e)| (EntityId::from_index(i), e))
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    entity: Vec<RawEntity>,
    #[serde(default, rename = "override")]
    overrides: Vec<Spanned<RawOverride>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: Spanned<String>,
    name: Spanned<String>,
    kind: EntityKind,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    summary: String,
    #[serde(default)]
    facts: Vec<Spanned<Fact>>,
}

/// Parses the catalogue text; `path` names the file in messages. The first problem, saying
/// how many more there are (`parse_catalogue_all` has them all).
pub fn parse_catalogue(path: &str, raw: &[u8]) -> Result<Catalogue, Diagnostic> {
    parse_catalogue_all(path, raw).map_err(|mut all| {
        let mut first = all.remove(0);
        if !all.is_empty() {
            first
                .message
                .push_str(&format!(" (and {} more in this file)", all.len()));
        }
        first
    })
}

/// Parses the catalogue text, or gives every problem, each at its line:col.
pub fn parse_catalogue_all(path: &str, raw: &[u8]) -> Result<Catalogue, Vec<Diagnostic>> {
    let text = std::str::from_utf8(raw).map_err(|e| {
        let prefix = String::from_utf8_lossy(&raw[..e.valid_up_to()]);
        let position = Position::of_offset(&prefix, prefix.len());
        vec![Diagnostic::error(
            path,
            Some(position),
            "invalid UTF-8: the catalogue must be UTF-8 text",
        )]
    })?;
    let structural = super::catalogue_check::structural_problems(path, text);
    if !structural.is_empty() {
        return Err(structural);
    }
    let parsed: RawCatalogue =
        toml::from_str(text).map_err(|e| vec![Diagnostic::from_toml(path, text, 1, &e)])?;
    let mut problems: Vec<Diagnostic> = Vec::new();
    let lines = LineIndex::new(text);
    let at = |offset: usize| Some(lines.position(offset));
    let mut ignore = Vec::with_capacity(parsed.ignore.len());
    for form in &parsed.ignore {
        let cleaned = clean(form.get_ref());
        if cleaned.is_empty() {
            problems.push(Diagnostic::error(
                path,
                at(form.span().start),
                "empty form in `ignore`",
            ));
            continue;
        }
        ignore.push((cleaned, lines.position(form.span().start)));
    }
    let mut entities = Vec::with_capacity(parsed.entity.len());
    let mut by_id = HashMap::new();
    for raw in parsed.entity {
        let id = raw.id.get_ref().trim().to_string();
        if !is_slug(&id) {
            problems.push(Diagnostic::error(
                path,
                at(raw.id.span().start),
                format!("entity id `{id}` must be a slug: lower-case letters, digits and hyphens"),
            ));
            continue;
        }
        if by_id.contains_key(&id) {
            problems.push(Diagnostic::error(
                path,
                at(raw.id.span().start),
                format!("duplicate entity id `{id}`"),
            ));
            continue;
        }
        let name = clean(raw.name.get_ref());
        if name.is_empty() {
            problems.push(Diagnostic::error(
                path,
                at(raw.name.span().start),
                format!("entity `{id}` has an empty name"),
            ));
            continue;
        }
        let mut aliases = Vec::new();
        let mut alias_positions = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for alias in &raw.aliases {
            let cleaned = clean(alias.get_ref());
            if cleaned.is_empty() {
                problems.push(Diagnostic::error(
                    path,
                    at(alias.span().start),
                    format!("entity `{id}` has an empty alias"),
                ));
                continue;
            }
            if cleaned != name && seen.insert(cleaned.clone()) {
                aliases.push(cleaned);
                alias_positions.push(lines.position(alias.span().start));
            }
        }
        let mut ignored = Vec::new();
        let mut ignore_positions = Vec::new();
        for form in &raw.ignore {
            let cleaned = clean(form.get_ref());
            if cleaned.is_empty() {
                problems.push(Diagnostic::error(
                    path,
                    at(form.span().start),
                    format!("entity `{id}` has an empty form in `ignore`"),
                ));
                continue;
            }
            if !ignored.contains(&cleaned) {
                ignored.push(cleaned);
                ignore_positions.push(lines.position(form.span().start));
            }
        }
        let mut facts = Vec::new();
        let mut fact_positions = Vec::new();
        for fact in raw.facts {
            fact_positions.push(lines.position(fact.span().start));
            let fact = fact.into_inner();
            facts.push(Fact {
                label: clean(&fact.label),
                value: clean(&fact.value),
                source: fact.source.map(|s| clean(&s)),
            });
        }
        by_id.insert(id.clone(), entities.len());
        entities.push(Entity {
            id,
            name,
            kind: raw.kind,
            aliases,
            ignore: ignored,
            summary: clean(&raw.summary),
            facts,
            position: lines.position(raw.id.span().start),
            alias_positions,
            ignore_positions,
            fact_positions,
        });
    }
    let overrides = read_overrides(
        path,
        &lines,
        parsed.overrides,
        |id| by_id.get(id).copied().map(EntityId::from_index),
        clean,
    )
    .unwrap_or_else(|problem| {
        problems.push(problem);
        Vec::new()
    });
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Catalogue {
        path: path.to_string(),
        entities,
        ignore,
        overrides,
        by_id,
    })
}

/// Sanitized, on one line, trimmed.
fn clean(s: &str) -> String {
    sanitize(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Catalogue, Diagnostic> {
        parse_catalogue("config/entities.toml", text.as_bytes())
    }

    const TWO: &str = r#"
[[entity]]
id = "kim-jong-un"
name = "Kim Jong-un"
kind = "person"
aliases = ["Kim Jong Un", "Kim"]
summary = "Machthaber Nordkoreas."
facts = [{ label = "Geboren", value = "1984" }]

[[entity]]
id = "pjoengjang"
name = "Pjöngjang"
kind = "city"
aliases = ["Pyongyang", "Pjöngjang"]
summary = "Hauptstadt Nordkoreas."
"#;

    #[test]
    fn entities_are_read_with_aliases_and_facts() {
        let c = parse(TWO).unwrap();
        assert_eq!(c.len(), 2);
        let kim = c.entity(c.get("kim-jong-un").unwrap()).unwrap();
        assert_eq!(kim.kind, EntityKind::Person);
        assert_eq!(kim.aliases, ["Kim Jong Un", "Kim"]);
        assert_eq!(kim.facts[0].value, "1984");
        assert_eq!(kim.alias_positions[0].line, 6);
    }

    #[test]
    fn alias_equal_to_the_name_is_dropped() {
        let c = parse(TWO).unwrap();
        assert_eq!(c.entities[1].aliases, ["Pyongyang"]);
    }

    #[test]
    fn syntax_error_names_file_line_and_column() {
        let e = parse("[[entity]]\nid = \"a\nname = \"b\"\n").unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("config/entities.toml:2:"), "{s}");
    }

    #[test]
    fn unknown_field_is_an_error_at_its_line() {
        let text = TWO.replace("summary = \"Hauptstadt", "sumary = \"Hauptstadt");
        let e = parse(&text).unwrap_err();
        assert!(e.message.contains("sumary"), "{e}");
        assert!(e.position.is_some());
    }

    #[test]
    fn duplicate_id_is_an_error_at_the_second_id() {
        let text = TWO.replace("id = \"pjoengjang\"", "id = \"kim-jong-un\"");
        let e = parse(&text).unwrap_err();
        assert!(e.message.contains("duplicate entity id `kim-jong-un`"));
        assert_eq!(e.position.map(|p| p.line), Some(11));
    }

    #[test]
    fn empty_alias_is_an_error_at_the_alias() {
        let text = TWO.replace("\"Kim Jong Un\", \"Kim\"", "\"Kim Jong Un\", \"  \"");
        let e = parse(&text).unwrap_err();
        assert!(e.message.contains("empty alias"));
        assert_eq!(e.position, Some(Position { line: 6, col: 27 }));
    }

    #[test]
    fn wrong_type_is_an_error() {
        let text = TWO.replace(
            "aliases = [\"Pyongyang\", \"Pjöngjang\"]",
            "aliases = \"Pyongyang\"",
        );
        let e = parse(&text).unwrap_err();
        assert!(e.position.is_some(), "{e}");
        assert_eq!(e.position.map(|p| p.line), Some(14));
    }

    #[test]
    fn unknown_kind_is_an_error() {
        let text = TWO.replace("kind = \"city\"", "kind = \"town\"");
        let e = parse(&text).unwrap_err();
        assert!(e.message.contains("town"), "{e}");
    }

    #[test]
    fn bad_slug_is_an_error() {
        let text = TWO.replace("id = \"pjoengjang\"", "id = \"Pjöngjang\"");
        assert!(parse(&text).unwrap_err().message.contains("slug"));
    }

    #[test]
    fn control_characters_in_strings_are_removed() {
        let text = TWO.replace("Machthaber Nordkoreas.", "Macht\\u001b[31mhaber");
        let c = parse(&text).unwrap();
        assert_eq!(c.entities[0].summary, "Machthaber");
    }

    #[test]
    fn ignore_forms_are_read_with_positions() {
        let c = parse(&format!("ignore = [\"US-Dollar\"]\n{TWO}")).unwrap();
        assert_eq!(
            c.ignore,
            vec![("US-Dollar".to_string(), Position { line: 1, col: 11 })]
        );
        assert!(
            parse("ignore = [\"\"]")
                .unwrap_err()
                .message
                .contains("empty form")
        );
    }

    #[test]
    fn an_entitys_own_ignored_forms_are_read_with_positions() {
        let text = TWO.replace(
            "aliases = [\"Kim Jong Un\", \"Kim\"]",
            "aliases = [\"Kim Jong Un\", \"Kim\"]\nignore = [\"Kim Jong-uns Vater\"]",
        );
        let c = parse(&text).unwrap();
        let kim = c.entity(c.get("kim-jong-un").unwrap()).unwrap();
        assert_eq!(kim.ignore, ["Kim Jong-uns Vater"]);
        assert_eq!(kim.ignore_positions[0].line, 7);
        assert!(c.ignore.is_empty(), "not a form ignored for every entity");
        let empty = TWO.replace("facts = [", "ignore = [\" \"]\nfacts = [");
        assert!(
            parse(&empty)
                .unwrap_err()
                .message
                .contains("empty form in `ignore`")
        );
    }

    #[test]
    fn empty_catalogue_is_valid() {
        assert!(parse("").unwrap().is_empty());
    }
}
