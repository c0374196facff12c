//! Changing the catalogue file in place: add an entity, add an alias, ignore a form, remove an
//! entity. Edits go through toml_edit, so the user's comments, order, spacing and quoting stay
//! as they were; every result is parsed again and written only when it loads.
//!
//! `edit_catalogue` is the transaction: it takes a lock beside the file, reads it, lets the
//! caller change it through a `CatalogueEditor`, and writes it atomically (temp file, sync,
//! rename), so two writers never undo each other and a kill leaves the old file or the new.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use super::catalogue::{Catalogue, Entity, EntityKind, parse_catalogue_all};
use super::fold::fold_str;
use super::resolve::resolve_entity;
use super::sanitize::visible;
use super::slug::slug;
use crate::diag::Diagnostic;
use crate::fsread::{ReadError, read_regular};

/// The largest catalogue read for editing (as for loading).
const LIMIT: u64 = 64 * 1024 * 1024;
/// How long an edit waits for another process editing the same file.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Why an edit was not made; the file is then unchanged.
#[derive(Debug)]
pub enum EditError {
    /// The file could not be read, locked or written.
    Io { path: PathBuf, message: String },
    /// The catalogue does not load as it is: every problem, each at its place.
    Invalid(Vec<Diagnostic>),
    /// The change makes no sense for this catalogue (a duplicate, an unknown entity, a bad
    /// kind); the message says what to do instead.
    Refused(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Io { path, message } => write!(f, "{}: {message}", path.display()),
            EditError::Invalid(problems) => {
                let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "{}\nthe catalogue is left unchanged: fix the problems above first",
                    lines.join("\n")
                )
            }
            EditError::Refused(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for EditError {}

/// A new entity: its name, kind and aliases; `id` is made from the name when not given.
#[derive(Clone, Debug)]
pub struct NewEntity<'a> {
    pub name: &'a str,
    pub kind: EntityKind,
    pub aliases: &'a [String],
    pub id: Option<&'a str>,
    pub summary: &'a str,
}

/// What an edit did, for the message that reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The entity changed, added or removed (none for a global `ignore` form).
    pub entity: Option<String>,
    /// Things worth knowing that did not stop the change (an alias another entity shares).
    pub notes: Vec<String>,
}

/// A correction of one mention, for `CatalogueEditor::add_override`.
#[derive(Clone, Debug)]
pub struct NewOverride<'a> {
    /// The article's id.
    pub article: &'a str,
    pub part: super::overrides::Part,
    /// The words, and a little of the text just before and after them in their paragraph.
    pub text: &'a str,
    pub before: &'a str,
    pub after: &'a str,
    /// The entity the words name (an id, name or alias); `None` unlinks them.
    pub entity: Option<&'a str>,
}

/// The catalogue's text as an editable document, with the catalogue it loads as.
pub struct CatalogueEditor {
    path: String,
    doc: DocumentMut,
    catalogue: Catalogue,
}

impl CatalogueEditor {
    /// Reads `text` (shown as `path` in messages). A catalogue that does not load is refused
    /// with its problems: editing it would hide them.
    pub fn parse(path: &str, text: &str) -> Result<CatalogueEditor, EditError> {
        let catalogue = parse_catalogue_all(path, text.as_bytes()).map_err(EditError::Invalid)?;
        let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            let position = e
                .span()
                .map(|span| crate::diag::Position::of_offset(text, span.start));
            EditError::Invalid(vec![Diagnostic::error(path, position, e.message())])
        })?;
        Ok(CatalogueEditor {
            path: path.to_string(),
            doc,
            catalogue,
        })
    }

    /// The catalogue as it stands after the edits so far.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// The file's new text.
    pub fn text(&self) -> String {
        self.doc.to_string()
    }

    /// Adds an entity after the last one of the same kind (at the end when there is none), so
    /// a catalogue grouped by kind stays grouped. Returns its id.
    pub fn add_entity(&mut self, new: &NewEntity) -> Result<Change, EditError> {
        let name = one_line(new.name);
        if name.is_empty() {
            return Err(EditError::Refused("an entity needs a name".to_string()));
        }
        let id = match new.id {
            Some(id) => id.trim().to_string(),
            None => slug(&name),
        };
        if id.is_empty() {
            return Err(EditError::Refused(format!(
                "no id can be made from `{}`: give one with --id",
                visible(&name)
            )));
        }
        if let Some(existing) = self.catalogue.get(&id) {
            let entity = self.entity(existing);
            return Err(EditError::Refused(format!(
                "an entity with the id `{}` exists already ({}); give another with --id, or add `{}` as an alias: dossier catalogue alias {} {:?}",
                visible(&id),
                visible(&entity.name),
                visible(&name),
                entity.id,
                name
            )));
        }
        let folded = fold_str(&name);
        if let Some(same) = self
            .catalogue
            .entities()
            .iter()
            .find(|e| fold_str(&e.name) == folded)
        {
            return Err(EditError::Refused(format!(
                "`{}` is the name of `{}` already",
                visible(&name),
                visible(&same.id)
            )));
        }
        let mut aliases: Vec<String> = Vec::new();
        for alias in new.aliases {
            let alias = one_line(alias);
            if alias.is_empty() {
                return Err(EditError::Refused("an alias cannot be empty".to_string()));
            }
            if fold_str(&alias) != folded
                && !aliases.iter().any(|a| fold_str(a) == fold_str(&alias))
            {
                aliases.push(alias);
            }
        }
        let mut notes = Vec::new();
        for form in std::iter::once(&name).chain(&aliases) {
            if let Some(note) = self.shared_form_note(form, None) {
                notes.push(note);
            }
        }
        let mut table = Table::new();
        table.insert("id", toml_edit::value(id.as_str()));
        table.insert("name", toml_edit::value(name.as_str()));
        table.insert("kind", toml_edit::value(new.kind.name()));
        if !aliases.is_empty() {
            table.insert(
                "aliases",
                toml_edit::value(Array::from_iter(aliases.iter())),
            );
        }
        table.insert("summary", toml_edit::value(one_line(new.summary)));
        table.decor_mut().set_prefix("\n");
        let after = self
            .catalogue
            .entities()
            .iter()
            .rposition(|e| e.kind == new.kind);
        let tables = self.tables_mut()?;
        let at = after.map_or(tables.len(), |i| i + 1);
        tables.insert(at.min(tables.len()), table);
        self.reparse()?;
        Ok(Change {
            entity: Some(id),
            notes,
        })
    }

    /// Adds `alias` to `entity` (an id, name or alias).
    pub fn add_alias(&mut self, entity: &str, alias: &str) -> Result<Change, EditError> {
        let alias = one_line(alias);
        if alias.is_empty() {
            return Err(EditError::Refused("an alias cannot be empty".to_string()));
        }
        let (index, entity) = self.find(entity)?;
        let folded = fold_str(&alias);
        if entity.surface_forms().any(|f| fold_str(f) == folded) {
            return Err(EditError::Refused(format!(
                "`{}` is already a form of `{}`",
                visible(&alias),
                visible(&entity.id)
            )));
        }
        let id = entity.id.clone();
        let notes: Vec<String> = self
            .shared_form_note(&alias, Some(index))
            .into_iter()
            .collect();
        let table = self.table_mut(index)?;
        let array = array_in(table, "aliases", "kind")?;
        push_like_the_rest(array, &alias);
        self.reparse()?;
        Ok(Change {
            entity: Some(id),
            notes,
        })
    }

    /// Adds `form` to the forms that are never mentions: of any entity (the catalogue's
    /// `ignore`), or, with `entity`, of that entity only (its own `ignore`; the form may still
    /// be a mention of others). With `entity`, the form must hold a form of that entity (else
    /// ignoring it would change nothing for it).
    pub fn ignore(&mut self, form: &str, entity: Option<&str>) -> Result<Change, EditError> {
        let form = one_line(form);
        if form.is_empty() {
            return Err(EditError::Refused(
                "an ignored form cannot be empty".to_string(),
            ));
        }
        let folded = fold_str(&form);
        if self
            .catalogue
            .ignore
            .iter()
            .any(|(f, _)| fold_str(f) == folded)
        {
            return Err(EditError::Refused(format!(
                "`{}` is ignored already",
                visible(&form)
            )));
        }
        let Some(query) = entity else {
            match self.doc.get_mut("ignore") {
                Some(item) => {
                    let array = item.as_array_mut().ok_or_else(|| {
                        EditError::Refused("`ignore` is not an array".to_string())
                    })?;
                    push_like_the_rest(array, &form);
                }
                None => {
                    let mut key = toml_edit::Key::new("ignore");
                    key.leaf_decor_mut().set_prefix("");
                    self.doc.insert_formatted(
                        &key,
                        toml_edit::value(Array::from_iter([form.as_str()])),
                    );
                }
            }
            self.reparse()?;
            return Ok(Change {
                entity: None,
                notes: Vec::new(),
            });
        };
        let (index, entity) = self.find(query)?;
        let words = word_folds(&form);
        if !entity
            .surface_forms()
            .any(|f| contains_words(&words, &word_folds(f)))
        {
            return Err(EditError::Refused(format!(
                "`{}` holds no form of `{}` ({}), so ignoring it would change nothing for it",
                visible(&form),
                visible(&entity.id),
                entity
                    .surface_forms()
                    .map(|f| format!("`{}`", visible(f)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        if entity.ignore.iter().any(|f| fold_str(f) == folded) {
            return Err(EditError::Refused(format!(
                "`{}` is ignored for `{}` already",
                visible(&form),
                visible(&entity.id)
            )));
        }
        let id = entity.id.clone();
        let table = self.table_mut(index)?;
        let array = array_in(table, "ignore", "aliases")?;
        push_like_the_rest(array, &form);
        self.reparse()?;
        Ok(Change {
            entity: Some(id),
            notes: Vec::new(),
        })
    }

    /// Adds an `[[override]]` for one occurrence of `text` in `article` (found again by the
    /// text `before` and `after` it): it names `entity` (an id, name or alias), or nothing
    /// when `entity` is `None`. An override of the same words in the same place is replaced,
    /// so correcting a correction leaves one table.
    pub fn add_override(&mut self, new: &NewOverride) -> Result<Change, EditError> {
        let article = one_line(new.article);
        let text = one_line(new.text);
        if article.is_empty() || text.is_empty() {
            return Err(EditError::Refused(
                "an override needs the article's id and the words".to_string(),
            ));
        }
        let entity = match new.entity {
            Some(query) => Some(self.find(query)?.1.id.clone()),
            None => None,
        };
        let same = |o: &super::overrides::Override| {
            o.article == article
                && o.part == new.part
                && o.quote.exact == text
                && o.quote.prefix.trim() == new.before.trim()
                && o.quote.suffix.trim() == new.after.trim()
        };
        if let Some(at) = self.catalogue.overrides.iter().position(same)
            && let Some(tables) = self
                .doc
                .get_mut("override")
                .and_then(Item::as_array_of_tables_mut)
        {
            tables.remove(at);
        }
        let mut table = Table::new();
        table.insert("article", toml_edit::value(article.as_str()));
        if new.part != super::overrides::Part::Body {
            table.insert("part", toml_edit::value(new.part.name()));
        }
        table.insert("text", toml_edit::value(text.as_str()));
        table.insert("before", toml_edit::value(new.before));
        table.insert("after", toml_edit::value(new.after));
        match &entity {
            Some(id) => table.insert("entity", toml_edit::value(id.as_str())),
            None => table.insert("unlink", toml_edit::value(true)),
        };
        match self.doc.get_mut("override") {
            Some(item) => item
                .as_array_of_tables_mut()
                .ok_or_else(|| {
                    EditError::Refused("`override` is not an array of tables".to_string())
                })?
                .push(table),
            None => {
                let mut tables = ArrayOfTables::new();
                tables.push(table);
                self.doc.insert("override", Item::ArrayOfTables(tables));
            }
        }
        self.reparse()?;
        Ok(Change {
            entity,
            notes: Vec::new(),
        })
    }

    /// Removes `entity` (an id, name or alias). A comment block that stands apart from it
    /// (a section heading above a blank line) is kept for the entity that follows.
    pub fn remove_entity(&mut self, entity: &str) -> Result<Change, EditError> {
        let (index, entity) = self.find(entity)?;
        let id = entity.id.clone();
        let tables = self.tables_mut()?;
        let removed = tables.remove(index);
        let prefix = removed
            .decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .to_string();
        let kept = section_part(&prefix);
        if !kept.trim().is_empty()
            && let Some(next) = tables.get_mut(index)
        {
            let own = next
                .decor()
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string();
            next.decor_mut()
                .set_prefix(format!("{kept}{}", own.trim_start_matches('\n')));
        }
        self.reparse()?;
        Ok(Change {
            entity: Some(id),
            notes: Vec::new(),
        })
    }

    /// The table of `entity` (an id, name or alias) and its id, for edits this module does
    /// not know (the caller keeps the catalogue loadable: `finish` checks it).
    pub fn entity_table_mut(&mut self, entity: &str) -> Result<(String, &mut Table), EditError> {
        let (index, entity) = self.find(entity)?;
        let id = entity.id.clone();
        Ok((id, self.table_mut(index)?))
    }

    /// Checks the document after edits made through `entity_table_mut`.
    pub fn finish(&mut self) -> Result<(), EditError> {
        self.reparse()
    }

    fn find(&self, query: &str) -> Result<(usize, &Entity), EditError> {
        let id = resolve_entity(&self.catalogue, query)
            .map_err(|e| EditError::Refused(e.to_string()))?;
        Ok((id.index(), self.entity(id)))
    }

    fn entity(&self, id: super::ids::EntityId) -> &Entity {
        &self.catalogue.entities()[id.index()]
    }

    /// "`Kim` is also a form of …" when another entity than `except` answers to `form`.
    fn shared_form_note(&self, form: &str, except: Option<usize>) -> Option<String> {
        let folded = fold_str(form);
        let others: Vec<String> = self
            .catalogue
            .entities()
            .iter()
            .enumerate()
            .filter(|(i, e)| Some(*i) != except && e.surface_forms().any(|f| fold_str(f) == folded))
            .map(|(_, e)| format!("`{}`", visible(&e.id)))
            .collect();
        (!others.is_empty()).then(|| {
            format!(
                "`{}` is also a form of {}: where an article does not say which, the linker takes the one named last",
                visible(form),
                others.join(", ")
            )
        })
    }

    fn tables_mut(&mut self) -> Result<&mut ArrayOfTables, EditError> {
        if self.doc.get("entity").is_none() {
            self.doc
                .insert("entity", Item::ArrayOfTables(ArrayOfTables::new()));
        }
        self.doc
            .get_mut("entity")
            .and_then(Item::as_array_of_tables_mut)
            .ok_or_else(|| EditError::Refused("`entity` is not an array of tables".to_string()))
    }

    fn table_mut(&mut self, index: usize) -> Result<&mut Table, EditError> {
        let path = self.path.clone();
        self.tables_mut()?.get_mut(index).ok_or_else(|| {
            EditError::Refused(format!(
                "{path}: the entity tables are not where they were read"
            ))
        })
    }

    fn reparse(&mut self) -> Result<(), EditError> {
        let text = self.doc.to_string();
        self.catalogue =
            parse_catalogue_all(&self.path, text.as_bytes()).map_err(EditError::Invalid)?;
        Ok(())
    }
}

/// Reads the catalogue at `path` under a lock, lets `change` edit it, and writes the result
/// atomically when `change` succeeds; the file is untouched otherwise. `seed` is the text to
/// start from when the file does not exist yet (the bundled catalogue), else it must exist.
pub fn edit_catalogue<T>(
    path: &Path,
    seed: Option<&str>,
    change: impl FnOnce(&mut CatalogueEditor) -> Result<T, EditError>,
) -> Result<T, EditError> {
    let io = |message: String| EditError::Io {
        path: path.to_path_buf(),
        message,
    };
    if let (Some(_), Some(dir)) = (seed, path.parent())
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| io(format!("cannot create the directory: {e}")))?;
    }
    let _lock = crate::fswrite::lock_beside(path, LOCK_WAIT)
        .map_err(|e| io(format!("cannot lock the catalogue: {e}")))?;
    let (text, exists) = match read_regular(path, LIMIT) {
        Ok(bytes) => (
            String::from_utf8(bytes)
                .map_err(|_| io("invalid UTF-8: the catalogue must be UTF-8 text".to_string()))?,
            true,
        ),
        Err(ReadError::NotFound) => match seed {
            Some(seed) => (seed.to_string(), false),
            None => return Err(io("catalogue not found".to_string())),
        },
        Err(ReadError::Io(e)) => return Err(io(format!("cannot read the catalogue: {e}"))),
        Err(e) => return Err(io(format!("catalogue {e}"))),
    };
    let shown = path.display().to_string();
    let mut editor = CatalogueEditor::parse(&shown, &text)?;
    let result = change(&mut editor)?;
    editor.reparse()?;
    let new = editor.text();
    if exists && new == text {
        return Ok(result);
    }
    crate::fswrite::write_atomically(path, new.as_bytes())
        .map_err(|e| io(format!("cannot write the catalogue: {e}")))?;
    Ok(result)
}

/// The array `key` of an entity's table, made (empty) when missing: right after the key
/// `after` where that is there (where the catalogue keeps it), else at the end. A value that
/// is not an array is refused.
fn array_in<'t>(table: &'t mut Table, key: &str, after: &str) -> Result<&'t mut Array, EditError> {
    if !table.contains_key(key) {
        let position = table.iter().position(|(k, _)| k == after);
        table.insert(key, toml_edit::value(Array::new()));
        if let Some(p) = position {
            let mut keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
            keys.retain(|k| k != key);
            keys.insert(p + 1, key.to_string());
            table.sort_values_by(|a, _, b, _| {
                let rank = |k: &str| keys.iter().position(|x| x == k);
                rank(a.get()).cmp(&rank(b.get()))
            });
        }
    }
    table
        .get_mut(key)
        .and_then(Item::as_array_mut)
        .ok_or_else(|| EditError::Refused(format!("`{key}` is not an array")))
}

/// Pushes `text` onto `array`, spaced like the values already there (one a line in a
/// multi-line array).
fn push_like_the_rest(array: &mut Array, text: &str) {
    let prefix_of = |v: &Value| {
        v.decor()
            .prefix()
            .and_then(|p| p.as_str())
            .map(str::to_string)
    };
    // The first value of a one-line array has no space before it; the others have one.
    let prefix = match array.len() {
        0 => None,
        1 => array
            .get(0)
            .and_then(prefix_of)
            .filter(|p| p.contains('\n'))
            .or_else(|| Some(" ".to_string())),
        n => array.get(n - 1).and_then(prefix_of),
    };
    array.push(text);
    match (prefix, array.iter_mut().last()) {
        (Some(prefix), Some(last)) => last.decor_mut().set_prefix(prefix),
        _ => array.fmt(),
    }
}

/// The part of a table's comment prefix that stands apart from it: everything up to the last
/// blank line (a section heading), without the comment directly above the table.
fn section_part(prefix: &str) -> String {
    let lines: Vec<&str> = prefix.split_inclusive('\n').collect();
    match lines.iter().rposition(|l| l.trim().is_empty()) {
        Some(blank) => lines[..=blank].concat(),
        None => String::new(),
    }
}

/// A form made one line, trimmed and sanitized, as the catalogue keeps it.
fn one_line(text: &str) -> String {
    super::sanitize::sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The folded words of `text` (letters and digits).
fn word_folds(text: &str) -> Vec<String> {
    fold_str(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `needle`'s words occur in a row in `haystack`'s, the last possibly followed by an
/// ending (`Putins` holds `Putin`).
fn contains_words(haystack: &[String], needle: &[String]) -> bool {
    if needle.is_empty() || needle.len() > haystack.len() {
        return false;
    }
    haystack.windows(needle.len()).any(|w| {
        w.iter().zip(needle).enumerate().all(|(i, (h, n))| {
            h == n || (i + 1 == needle.len() && h.starts_with(n.as_str()) && h.len() <= n.len() + 2)
        })
    })
}

#[cfg(test)]
#[path = "catalogue_edit_tests.rs"]
mod tests;
