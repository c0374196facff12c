//! Finding an entity from what a person typed: its id, its name or one of its aliases, with
//! case and diacritics folded (`putin`, `lawrow`, `pjongjang`), or a unique prefix of its id.
//!
//! One function serves every `--entity` option, `dossier entity` and the catalogue editor. A
//! miss names the closest id, name or alias; what was typed is quoted escaped.

use super::catalogue::Catalogue;
use super::fold::fold_str;
use super::ids::EntityId;
use super::sanitize::visible;
use crate::suggest::suggest;

/// How many candidates an ambiguous query lists.
const LISTED: usize = 8;
/// How much of a query a message quotes, in characters.
const SHOWN_CHARS: usize = 120;

/// Why a query names no single entity; `Display` gives a message ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// Nothing was typed.
    Empty,
    /// No entity has this id, name or alias; `hint` is " (did you mean …?)" or empty.
    Unknown { shown: String, hint: String },
    /// Several entities answer to it (an alias they share, a prefix of several ids).
    Ambiguous { shown: String, ids: Vec<String> },
}

impl std::fmt::Display for Unresolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unresolved::Empty => write!(f, "empty entity; `dossier entities` lists them"),
            Unresolved::Unknown { shown, hint } => write!(
                f,
                "unknown entity `{shown}`{hint}; `dossier entities` lists them"
            ),
            Unresolved::Ambiguous { shown, ids } => {
                let mut names: Vec<String> = ids
                    .iter()
                    .take(LISTED)
                    .map(|id| format!("`{}`", visible(id)))
                    .collect();
                if ids.len() > LISTED {
                    names.push(format!("{} more", ids.len() - LISTED));
                }
                write!(
                    f,
                    "entity `{shown}` is ambiguous: {} entities answer to it: {}; give an id",
                    ids.len(),
                    names.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for Unresolved {}

/// The entity `query` names: an exact id; else the one whose name or alias folds to the same
/// text; else the one whose id starts with the query (folded). Several answers are ambiguous.
pub fn resolve_entity(catalogue: &Catalogue, query: &str) -> Result<EntityId, Unresolved> {
    let trimmed = query.trim();
    if let Some(found) = catalogue.get(trimmed) {
        return Ok(found);
    }
    let shown = || visible(&crate::text::truncate(trimmed, SHOWN_CHARS)).into_owned();
    let folded = fold_str(trimmed);
    if folded.is_empty() {
        return Err(Unresolved::Empty);
    }
    let one_or_several = |found: Vec<EntityId>| -> Option<Result<EntityId, Unresolved>> {
        match found[..] {
            [] => None,
            [only] => Some(Ok(only)),
            _ => Some(Err(Unresolved::Ambiguous {
                shown: shown(),
                ids: found
                    .iter()
                    .filter_map(|&e| catalogue.entity(e).map(|e| e.id.clone()))
                    .collect(),
            })),
        }
    };
    let named: Vec<EntityId> = catalogue
        .iter()
        .filter(|(_, e)| {
            fold_str(&e.id) == folded || e.surface_forms().any(|f| fold_str(f) == folded)
        })
        .map(|(i, _)| i)
        .collect();
    if let Some(answer) = one_or_several(named) {
        return answer;
    }
    let slug = super::slug::slug(trimmed);
    let prefixed: Vec<EntityId> = catalogue
        .iter()
        .filter(|(_, e)| !slug.is_empty() && e.id.starts_with(&slug))
        .map(|(i, _)| i)
        .collect();
    if let Some(answer) = one_or_several(prefixed) {
        return answer;
    }
    // Edit distance is quadratic: a pasted page is not a typo.
    let hint = if trimmed.chars().count() <= SHOWN_CHARS {
        hint(catalogue, &folded)
    } else {
        String::new()
    };
    Err(Unresolved::Unknown {
        shown: shown(),
        hint,
    })
}

/// " (did you mean `sergei-lawrow`, Sergei Lawrow?)" for the entity whose id, name or
/// alias is closest to the folded query, or nothing when none is close.
fn hint(catalogue: &Catalogue, folded: &str) -> String {
    let mut forms: Vec<(String, usize)> = Vec::new();
    for (i, e) in catalogue.entities().iter().enumerate() {
        forms.push((e.id.clone(), i));
        for form in e.surface_forms() {
            forms.push((fold_str(form), i));
        }
    }
    let Some(best) = suggest(folded, forms.iter().map(|(f, _)| f.as_str())) else {
        return String::new();
    };
    let Some(entity) = forms
        .iter()
        .find(|(f, _)| f == best)
        .and_then(|(_, i)| catalogue.entities().get(*i))
    else {
        return String::new();
    };
    format!(
        " (did you mean `{}`, {}?)",
        visible(&entity.id),
        visible(&entity.name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::catalogue::parse_catalogue;

    fn catalogue() -> Catalogue {
        parse_catalogue(
            "t.toml",
            r#"
[[entity]]
id = "wladimir-putin"
name = "Wladimir Putin"
kind = "person"
aliases = ["Putin"]
summary = ""

[[entity]]
id = "sergei-lawrow"
name = "Sergei Lawrow"
kind = "person"
aliases = ["Lawrow"]
summary = ""

[[entity]]
id = "kim-jong-un"
name = "Kim Jong-un"
kind = "person"
aliases = ["Kim"]
summary = ""

[[entity]]
id = "kim-jong-il"
name = "Kim Jong-il"
kind = "person"
aliases = ["Kim"]
summary = ""

[[entity]]
id = "pjoengjang"
name = "Pjöngjang"
kind = "city"
summary = ""
"#
            .as_bytes(),
        )
        .unwrap()
    }

    fn id(c: &Catalogue, q: &str) -> String {
        let e = resolve_entity(c, q).unwrap_or_else(|e| panic!("{q}: {e}"));
        c.entity(e).unwrap().id.clone()
    }

    #[test]
    fn id_name_and_alias_are_found_with_case_and_accents_folded() {
        let c = catalogue();
        assert_eq!(id(&c, "sergei-lawrow"), "sergei-lawrow");
        assert_eq!(id(&c, "lawrow"), "sergei-lawrow");
        assert_eq!(id(&c, "PUTIN"), "wladimir-putin");
        assert_eq!(id(&c, "wladimir putin"), "wladimir-putin");
        assert_eq!(id(&c, "pjongjang"), "pjoengjang");
        assert_eq!(id(&c, "Pjöngjang"), "pjoengjang");
    }

    #[test]
    fn a_unique_id_prefix_is_found_and_a_shared_one_is_ambiguous() {
        let c = catalogue();
        assert_eq!(id(&c, "wladimir"), "wladimir-putin");
        let e = resolve_entity(&c, "kim-jong").unwrap_err().to_string();
        assert!(
            e.contains("ambiguous") && e.contains("`kim-jong-il`"),
            "{e}"
        );
    }

    #[test]
    fn a_shared_alias_is_ambiguous_and_lists_the_ids() {
        let e = resolve_entity(&catalogue(), "kim").unwrap_err().to_string();
        assert!(
            e.contains("`kim-jong-un`") && e.contains("`kim-jong-il`"),
            "{e}"
        );
    }

    #[test]
    fn a_typo_suggests_the_closest_name_or_alias() {
        let e = resolve_entity(&catalogue(), "lavrow")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("did you mean `sergei-lawrow`, Sergei Lawrow?"),
            "{e}"
        );
        let e = resolve_entity(&catalogue(), "zzzzzz")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("unknown entity `zzzzzz`") && !e.contains("did you mean"),
            "{e}"
        );
    }

    #[test]
    fn escapes_in_the_query_are_shown_visible() {
        let e = resolve_entity(&catalogue(), "x\u{1b}[2J")
            .unwrap_err()
            .to_string();
        assert!(!e.contains('\u{1b}'), "{e:?}");
    }

    #[test]
    fn empty_query_is_an_error() {
        assert_eq!(resolve_entity(&catalogue(), "  "), Err(Unresolved::Empty));
    }
}
