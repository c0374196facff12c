//! One change of the catalogue asked for in the reader, as a value: an override of one
//! mention, aliases for an entity, a new entity or forms to ignore. `apply` makes it through
//! `catalogue_edit`, the editor `dossier catalogue` uses; the event loop runs it inside
//! `edit_catalogue` (locked, atomic, checked by loading) and reads everything again. No I/O.

use crate::corpus::catalogue::EntityKind;
use crate::corpus::catalogue_edit::{CatalogueEditor, EditError, NewEntity, NewOverride};
use crate::corpus::fold::fold_str;
use crate::corpus::forms::{self, Lang};
use crate::corpus::overrides::Part;
use crate::corpus::quote::Selector;
use crate::corpus::sanitize::visible;

/// What to change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// One occurrence of words in an article's title, lead or body, found again by its
    /// quote: it names `entity` (an id), or nothing.
    Override {
        article: String,
        part: Part,
        quote: Selector,
        entity: Option<String>,
    },
    /// Forms added to `entity` (an id) as aliases; those it has already are left out.
    Alias { entity: String, forms: Vec<String> },
    /// A new entity with its aliases.
    Add {
        name: String,
        kind: EntityKind,
        aliases: Vec<String>,
    },
    /// Forms that are never mentions of any entity (nor proposed again).
    Ignore { forms: Vec<String> },
}

/// A change for the event loop, and the proposal of the suggestions view it settles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueJob {
    pub change: Change,
    /// The name of the proposal this settles: the view drops it once the change is made.
    pub settles: Option<String>,
}

impl CatalogueJob {
    pub fn new(change: Change) -> CatalogueJob {
        CatalogueJob {
            change,
            settles: None,
        }
    }

    /// Makes the change in `editor`; what was done, for the status line.
    pub fn apply(&self, editor: &mut CatalogueEditor) -> Result<String, EditError> {
        match &self.change {
            Change::Override {
                article,
                part,
                quote,
                entity,
            } => {
                let change = editor.add_override(&NewOverride {
                    article,
                    part: *part,
                    text: &quote.exact,
                    before: &quote.prefix,
                    after: &quote.suffix,
                    entity: entity.as_deref(),
                })?;
                let words = visible(&quote.exact);
                Ok(match change.entity {
                    Some(id) => format!("`{words}` links to `{}` here", visible(&id)),
                    None => format!("`{words}` unlinked here"),
                })
            }
            Change::Alias { entity, forms } => {
                let mut added = Vec::new();
                let mut notes = Vec::new();
                for form in forms {
                    let (id, table_forms) = {
                        let catalogue = editor.catalogue();
                        let found = crate::corpus::resolve::resolve_entity(catalogue, entity)
                            .map_err(|e| EditError::Refused(e.to_string()))?;
                        let e = &catalogue.entities()[found.index()];
                        let folded: Vec<String> = e.surface_forms().map(fold_str).collect();
                        (e.id.clone(), folded)
                    };
                    if table_forms.contains(&fold_str(form)) {
                        continue;
                    }
                    let change = editor.add_alias(&id, form)?;
                    notes.extend(change.notes);
                    added.push(format!("`{}`", visible(form)));
                }
                if added.is_empty() {
                    return Err(EditError::Refused(format!(
                        "`{}` has these forms already",
                        visible(entity)
                    )));
                }
                let note = notes.first().map_or(String::new(), |n| format!(" ({n})"));
                Ok(format!(
                    "{} now {} of `{}`{note}",
                    added.join(", "),
                    if added.len() == 1 {
                        "an alias"
                    } else {
                        "aliases"
                    },
                    visible(entity)
                ))
            }
            Change::Add {
                name,
                kind,
                aliases,
            } => {
                let change = editor.add_entity(&NewEntity {
                    name,
                    kind: *kind,
                    aliases,
                    id: None,
                    summary: "",
                })?;
                Ok(format!(
                    "added `{}` ({})",
                    visible(change.entity.as_deref().unwrap_or(name)),
                    kind.name()
                ))
            }
            Change::Ignore { forms } => {
                let mut ignored = Vec::new();
                for form in forms {
                    let folded = fold_str(form);
                    if editor
                        .catalogue()
                        .ignore
                        .iter()
                        .any(|(f, _)| fold_str(f) == folded)
                    {
                        continue;
                    }
                    editor.ignore(form, None)?;
                    ignored.push(format!("`{}`", visible(form)));
                }
                if ignored.is_empty() {
                    return Err(EditError::Refused("ignored already".to_string()));
                }
                Ok(format!("{} ignored from now on", ignored.join(", ")))
            }
        }
    }
}

/// The forms worth writing down for a name of `kind`: the name, then each alias the linker
/// would not find by itself (an ending such as "Seilers" or "Kalten Krieges" after a form
/// kept is found anyway, so it is left out, as the catalogue's own entries do). Shorter
/// aliases are looked at first, so a form is only ever left out for one that is kept.
pub fn worth_listing(name: &str, aliases: &[String], kind: EntityKind) -> Vec<String> {
    let mut kept: Vec<String> = vec![name.to_string()];
    let mut shortest_first: Vec<&String> = aliases.iter().collect();
    shortest_first.sort_by_key(|a| a.chars().count());
    for alias in shortest_first {
        let made = kept.iter().any(|form| {
            let bases = std::iter::once(form.clone())
                .chain(forms::generated(form, kind).into_iter().map(|(t, _)| t));
            bases.into_iter().any(|base| {
                if base == *alias {
                    return true;
                }
                let Some(rest) = alias.strip_prefix(base.as_str()) else {
                    return false;
                };
                [Lang::German, Lang::English].iter().any(|&lang| {
                    let endings = forms::endings(&base, kind, lang);
                    [forms::S, forms::ES, forms::N, forms::POSSESSIVE]
                        .iter()
                        .filter(|&&bit| endings & bit != 0)
                        .any(|&bit| forms::ending_texts(bit).contains(&rest))
                })
            })
        });
        if !made && !kept.iter().any(|k| fold_str(k) == fold_str(alias)) {
            kept.push(alias.clone());
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_the_linker_makes_itself_are_not_listed() {
        let aliases = ["Seilers", "Seiler", "Seiler's", "Martin Seilers"].map(String::from);
        assert_eq!(
            worth_listing("Martin Seiler", &aliases, EntityKind::Person),
            ["Martin Seiler", "Seiler"]
        );
        let aliases = ["Kalten Krieges", "Kalten Krieg", "Cold War"].map(String::from);
        assert_eq!(
            worth_listing("Kalter Krieg", &aliases, EntityKind::Event),
            ["Kalter Krieg", "Cold War"]
        );
    }
}
