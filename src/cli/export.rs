//! `dossier export`: the annotations that pass the filter, as Markdown with citations
//! (grouped by article or entity) or as JSON rows with the same fields; `-o FILE` is written
//! atomically, so an existing export is replaced whole or not at all.

use std::io::Write;
use std::path::Path;

use super::notes::{FilterFlags, selected};
use super::output::{ExportRow, write_json};
use super::{CliError, Loaded, Outcome};
use crate::corpus::catalogue::Catalogue;
use crate::corpus::sanitize::visible;
use crate::fswrite::write_atomically;
use crate::store::CorpusStore;
use crate::userdata::export::{Citation, Group, markdown_with};
use crate::userdata::resolve::Resolved;

/// The export's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Json,
}

/// The export of `found` as `format`, each annotation cited by `cite`: what `dossier export`
/// writes and the reader's export from its annotations view.
pub fn render<'c>(
    catalogue: &'c Catalogue,
    found: &'c [Resolved],
    format: Format,
    group: Group,
    cite: &dyn Fn(&Resolved) -> Option<Citation<'c>>,
) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    match format {
        Format::Md => {
            bytes.extend_from_slice(markdown_with(catalogue, found, group, cite).as_bytes());
        }
        Format::Json => {
            let rows: Vec<ExportRow> = found
                .iter()
                .map(|r| ExportRow::new(catalogue, cite(r), r))
                .collect();
            write_json(&mut bytes, &rows)?;
        }
    }
    Ok(bytes)
}

impl Format {
    /// JSON for a path ending in `.json`, else Markdown.
    pub fn for_path(path: &Path) -> Format {
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if json { Format::Json } else { Format::Md }
    }
}

/// `dossier export [--format md|json] [--group article|entity] [filters] [-o FILE]`
pub fn export(
    store: &dyn CorpusStore,
    loaded: &Loaded,
    flags: &FilterFlags,
    format: Format,
    group: Group,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let (found, cited) = selected(store, loaded, flags)?;
    let bytes = render(store.catalogue(), &found, format, group, &|r| {
        cited.citation(r)
    })?;
    match output {
        None => out.write_all(&bytes)?,
        Some(path) => {
            write_atomically(path, &bytes).map_err(|e| {
                CliError::Request(format!(
                    "cannot write {}: {e}",
                    visible(&path.display().to_string())
                ))
            })?;
            writeln!(
                out,
                "exported {} annotation(s) to {}",
                found.len(),
                visible(&path.display().to_string())
            )?;
        }
    }
    Ok(Outcome::Success)
}
