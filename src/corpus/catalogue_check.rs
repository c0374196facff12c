//! Every structural problem of a catalogue file at once, each at its line:col, in our words
//! with a suggestion: unknown fields and kinds ("unknown kind `organization` (did you mean
//! `organisation`?)"), wrong types, missing fields. Serde stops at the first; this walks the
//! whole document (toml_edit keeps the spans).

use std::ops::Range;

use toml_edit::{Document, Item, Table, Value};

use super::catalogue::EntityKind;
use crate::diag::{Diagnostic, LineIndex};
use crate::suggest::did_you_mean;

const TOP: &[&str] = &["ignore", "entity", "override"];
const OVERRIDE: &[&str] = &[
    "article", "text", "before", "after", "entity", "unlink", "part",
];
const ENTITY: &[&str] = &[
    "id", "name", "kind", "aliases", "ignore", "summary", "facts",
];
const REQUIRED: &[&str] = &["id", "name", "kind", "summary"];
const FACT: &[&str] = &["label", "value", "source"];

/// The structural problems of `text` (shown as `path`); empty when serde would accept it.
pub fn structural_problems(path: &str, text: &str) -> Vec<Diagnostic> {
    let doc = match Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let position = e
                .span()
                .map(|s| crate::diag::Position::of_offset(text, s.start));
            let message = e.message().trim().replace('\n', " ");
            return vec![Diagnostic::error(path, position, message)];
        }
    };
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    let mut at = |span: Option<Range<usize>>, message: String| {
        out.push(Diagnostic::error(
            path,
            span.map(|s| lines.position(s.start)),
            message,
        ));
    };
    for (key, item) in doc.as_table().iter() {
        let key_span = doc.as_table().key(key).and_then(|k| k.span());
        match key {
            "ignore" => strings(item, "`ignore`", &mut at),
            "entity" => match item {
                Item::ArrayOfTables(tables) => {
                    for table in tables.iter() {
                        entity(table, &mut at);
                    }
                }
                other => at(
                    other.span().or(key_span),
                    "`entity` must be a table: write each entity as [[entity]]".to_string(),
                ),
            },
            "override" => {
                if let Item::ArrayOfTables(tables) = item {
                    for table in tables.iter() {
                        for (k, _) in table.iter() {
                            if !OVERRIDE.contains(&k) {
                                at(
                                    table.key(k).and_then(|k| k.span()),
                                    format!(
                                        "unknown field `{k}` in an override{}; fields: {}",
                                        did_you_mean(k, OVERRIDE.iter().copied()),
                                        OVERRIDE.join(", ")
                                    ),
                                );
                            }
                        }
                    }
                }
            }
            unknown => at(
                key_span,
                format!(
                    "unknown field `{unknown}` at the top level{}; fields: {}",
                    did_you_mean(unknown, TOP.iter().copied()),
                    TOP.join(", ")
                ),
            ),
        }
    }
    out
}

fn entity(table: &Table, at: &mut impl FnMut(Option<Range<usize>>, String)) {
    let id = table.get("id").and_then(Item::as_str).map(str::to_string);
    let which = id
        .as_deref()
        .map(|id| format!("entity `{id}`"))
        .unwrap_or_else(|| "an entity".to_string());
    for (key, item) in table.iter() {
        let key_span = table.key(key).and_then(|k| k.span());
        let value_span = item.span().or(key_span.clone());
        match key {
            "id" | "name" | "summary" => {
                if item.as_str().is_none() {
                    at(value_span, format!("`{key}` of {which} must be a string"));
                }
            }
            "kind" => match item.as_str() {
                Some(kind) => {
                    if let Err(message) = EntityKind::parse(kind) {
                        at(value_span, format!("{message} (in {which})"));
                    }
                }
                None => at(value_span, format!("`kind` of {which} must be a string")),
            },
            "aliases" => strings(item, &format!("`aliases` of {which}"), at),
            "ignore" => strings(item, &format!("`ignore` of {which}"), at),
            "facts" => facts(item, &which, at),
            unknown => at(
                key_span,
                format!(
                    "unknown field `{unknown}` in {which}{}; fields: {}",
                    did_you_mean(unknown, ENTITY.iter().copied()),
                    ENTITY.join(", ")
                ),
            ),
        }
    }
    for required in REQUIRED {
        if !table.contains_key(required) {
            let span = table.span().or_else(|| {
                table
                    .iter()
                    .next()
                    .and_then(|(k, _)| table.key(k).and_then(|k| k.span()))
            });
            at(span, format!("{which} has no `{required}`"));
        }
    }
}

fn strings(item: &Item, what: &str, at: &mut impl FnMut(Option<Range<usize>>, String)) {
    match item.as_array() {
        Some(array) => {
            for value in array.iter() {
                if value.as_str().is_none() {
                    at(value.span(), format!("{what} must hold strings only"));
                }
            }
        }
        None => at(
            item.span(),
            format!(
                "{what} must be a list of strings, not {}: [\"…\", \"…\"]",
                type_of(item)
            ),
        ),
    }
}

/// "a string", "a table": what a wrong value is.
fn type_of(item: &Item) -> String {
    match item {
        Item::Value(v) => format!("a {}", v.type_name()),
        Item::Table(_) => "a table".to_string(),
        Item::ArrayOfTables(_) => "a list of tables".to_string(),
        Item::None => "nothing".to_string(),
    }
}

fn facts(item: &Item, which: &str, at: &mut impl FnMut(Option<Range<usize>>, String)) {
    let Some(array) = item.as_array() else {
        at(
            item.span(),
            format!("`facts` of {which} must be a list of {{ label, value, source }}"),
        );
        return;
    };
    for value in array.iter() {
        let Value::InlineTable(fact) = value else {
            at(
                value.span(),
                format!("a fact of {which} must be {{ label = \"…\", value = \"…\" }}"),
            );
            continue;
        };
        for (key, v) in fact.iter() {
            let span = fact.key(key).and_then(|k| k.span());
            if !FACT.contains(&key) {
                at(
                    span,
                    format!(
                        "unknown field `{key}` in a fact of {which}{}; fields: {}",
                        did_you_mean(key, FACT.iter().copied()),
                        FACT.join(", ")
                    ),
                );
            } else if v.as_str().is_none() {
                at(
                    v.span().or(span),
                    format!("`{key}` of a fact of {which} must be a string"),
                );
            }
        }
        for required in ["label", "value"] {
            if !fact.contains_key(required) {
                at(
                    fact.span(),
                    format!("a fact of {which} has no `{required}`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"ignor = ["x"]

[[entity]]
id = "a"
name = "A"
kind = "organization"
sumary = "x"
facts = [{ label = "L", valeu = "v" }]

[[entity]]
id = "b"
name = "B"
kind = "persn"
summary = "y"
aliases = "B."
"#;

    #[test]
    fn every_problem_is_reported_at_its_place_with_a_suggestion() {
        let problems: Vec<String> = structural_problems("e.toml", TEXT)
            .iter()
            .map(ToString::to_string)
            .collect();
        let expected = [
            "e.toml:1:1: unknown field `ignor` at the top level (did you mean `ignore`?); fields: ignore, entity, override",
            "e.toml:6:8: unknown kind `organization` (did you mean `organisation`?)",
            "e.toml:7:1: unknown field `sumary` in entity `a` (did you mean `summary`?)",
            "e.toml:8:25: unknown field `valeu` in a fact of entity `a` (did you mean `value`?)",
            "a fact of entity `a` has no `value`",
            "entity `a` has no `summary`",
            "e.toml:13:8: unknown kind `persn` (did you mean `person`?)",
            "e.toml:15:11: `aliases` of entity `b` must be a list of strings",
        ];
        for e in expected {
            assert!(
                problems.iter().any(|p| p.contains(e)),
                "missing {e:?} in {problems:#?}"
            );
        }
        assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    }

    #[test]
    fn a_valid_catalogue_has_no_problems() {
        let bundled = include_str!("../../config/entities.toml");
        assert!(structural_problems("e.toml", bundled).is_empty());
    }
}
