//! `dossier catalogue add|alias|ignore|remove|override`: curating the catalogue file from the command
//! line. The edit itself is `corpus::catalogue_edit` (comments and layout kept, atomic, locked);
//! this file picks the file to change and reports what was done.

use std::io::Write;
use std::path::PathBuf;

use super::{CliError, Outcome};
use crate::corpus::catalogue::EntityKind;
use crate::corpus::catalogue_edit::{
    CatalogueEditor, Change, EditError, NewEntity, NewOverride, edit_catalogue,
};
use crate::corpus::overrides::Part;
use crate::corpus::sanitize::visible;
use crate::paths::{Env, Inputs, Origin};

/// The file an edit changes: the catalogue in use, or, when that is the bundled copy, the
/// user's catalogue in the configuration directory, made from the bundled one on first edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditTarget {
    pub path: PathBuf,
    /// The text to start from when the file does not exist yet.
    pub seed: Option<&'static str>,
}

/// Where catalogue edits go for these inputs; `None` when the catalogue is bundled and no
/// configuration directory is known (no HOME, no XDG_CONFIG_HOME).
pub fn edit_target(inputs: &Inputs, env: Env) -> Option<EditTarget> {
    match &inputs.catalogue {
        Origin::Disk(path, _) => Some(EditTarget {
            path: path.clone(),
            seed: None,
        }),
        Origin::Bundled => crate::paths::config_dir(env).map(|dir| EditTarget {
            path: dir.join("entities.toml"),
            seed: Some(crate::bundled::CATALOGUE),
        }),
    }
}

/// What to change.
#[derive(Debug)]
pub enum Edit<'a> {
    Add {
        name: &'a str,
        kind: Option<&'a str>,
        aliases: &'a [String],
        id: Option<&'a str>,
        summary: Option<&'a str>,
    },
    Alias {
        entity: &'a str,
        alias: &'a str,
    },
    Ignore {
        text: &'a str,
        entity: Option<&'a str>,
    },
    Remove {
        entity: &'a str,
    },
    Override {
        article: &'a str,
        text: &'a str,
        before: &'a str,
        after: &'a str,
        /// `None` unlinks.
        entity: Option<&'a str>,
        part: &'a str,
    },
}

pub fn catalogue(
    target: Option<&EditTarget>,
    edit: &Edit,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let Some(target) = target else {
        return Err(CliError::Request(
            "no catalogue file to change: set HOME or XDG_CONFIG_HOME, or use --catalogue FILE"
                .to_string(),
        ));
    };
    let created = target.seed.is_some() && !target.path.exists();
    let change = edit_catalogue(&target.path, target.seed, |editor| apply(editor, edit))
        .map_err(|e| CliError::Request(e.to_string()))?;
    let shown = visible(&target.path.display().to_string()).into_owned();
    if created {
        writeln!(
            err,
            "the bundled catalogue was copied to {shown}; it is in use from now on"
        )?;
    }
    for note in &change.notes {
        writeln!(err, "note: {note}")?;
    }
    let id = change.entity.as_deref().map(visible).unwrap_or_default();
    match edit {
        Edit::Add { .. } => writeln!(out, "added `{id}` to {shown}")?,
        Edit::Alias { alias, .. } => writeln!(
            out,
            "added the alias `{}` to `{id}` in {shown}",
            visible(alias.trim())
        )?,
        Edit::Ignore { text, .. } => {
            writeln!(out, "`{}` is ignored now ({shown})", visible(text.trim()))?
        }
        Edit::Remove { .. } => writeln!(out, "removed `{id}` from {shown}")?,
        Edit::Override { article, text, .. } => {
            let what = if id.is_empty() {
                "no entity".to_string()
            } else {
                format!("`{id}`")
            };
            writeln!(
                out,
                "`{}` in `{}` names {what} now ({shown})",
                visible(text.trim()),
                visible(article.trim())
            )?
        }
    }
    Ok(Outcome::Success)
}

fn apply(editor: &mut CatalogueEditor, edit: &Edit) -> Result<Change, EditError> {
    match *edit {
        Edit::Add {
            name,
            kind,
            aliases,
            id,
            summary,
        } => {
            let kind = match kind {
                Some(kind) => EntityKind::parse(kind).map_err(EditError::Refused)?,
                None => {
                    return Err(EditError::Refused(format!(
                        "say what `{}` is with --kind: {}",
                        visible(name.trim()),
                        EntityKind::ALL.map(EntityKind::name).join(", ")
                    )));
                }
            };
            editor.add_entity(&NewEntity {
                name,
                kind,
                aliases,
                id,
                summary: summary.unwrap_or(""),
            })
        }
        Edit::Alias { entity, alias } => editor.add_alias(entity, alias),
        Edit::Ignore { text, entity } => editor.ignore(text, entity),
        Edit::Remove { entity } => editor.remove_entity(entity),
        Edit::Override {
            article,
            text,
            before,
            after,
            entity,
            part,
        } => {
            let part = match part.trim() {
                "body" => Part::Body,
                "title" => Part::Title,
                "lead" => Part::Lead,
                other => {
                    return Err(EditError::Refused(format!(
                        "unknown part `{}`: body, title or lead",
                        visible(other)
                    )));
                }
            };
            editor.add_override(&NewOverride {
                article,
                part,
                text,
                before,
                after,
                entity,
            })
        }
    }
}
