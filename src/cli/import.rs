//! `dossier import`: runs the importers over the inputs, shows a progress bar on a terminal,
//! and prints one row per article (plain text or JSON). Exit status 0 when every input was
//! imported, 1 when any failed (the others are still written).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use super::output::{ImportRow, write_json};
use super::{CliError, Outcome};
use crate::corpus::sanitize::visible;
use crate::import::store::Status;
use crate::import::{Imported, MAX_BYTES, Options, import_all};
use crate::paths::{Env, Inputs, Origin, data_dir};

/// How `import` runs.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    pub into: PathBuf,
    pub json: bool,
    pub dry_run: bool,
    /// Seconds a URL may take.
    pub timeout: u64,
}

/// Where `import` writes without `--into`: the articles directory in use, else (when the
/// bundled articles are in use) `$XDG_DATA_HOME/dossier/articles`; never the binary's copy.
pub fn default_dir(inputs: &Inputs, env: Env) -> Option<PathBuf> {
    match &inputs.articles {
        Origin::Disk(dir, _) => Some(dir.clone()),
        Origin::Bundled => data_dir(env).map(|d| d.join("articles")),
    }
}

/// Runs `dossier import`; the summary goes to `err`.
pub fn run(
    inputs: &[String],
    options: &ImportOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let import_options = Options {
        into: options.into.clone(),
        dry_run: options.dry_run,
        timeout: Duration::from_secs(options.timeout),
        max_bytes: MAX_BYTES,
    };
    let bar = (inputs.len() > 1 && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar
    });
    let rows = import_all(inputs, &import_options, |done, total, input| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            bar.set_message(visible(input).into_owned());
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if options.json {
        write_json(out, &rows.iter().map(ImportRow::new).collect::<Vec<_>>())?;
    } else {
        for row in &rows {
            writeln!(out, "{}", text_row(row))?;
        }
    }
    let count = |s: Status| rows.iter().filter(|r| r.status == s).count();
    let failed = count(Status::Failed);
    writeln!(
        err,
        "{}{} added, {} updated, {} unchanged, {} skipped, {} failed in {}",
        if options.dry_run { "dry run: " } else { "" },
        count(Status::Added),
        count(Status::Updated),
        count(Status::Unchanged),
        count(Status::Skipped),
        failed,
        visible(&options.into.display().to_string())
    )?;
    Ok(if failed == 0 {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}

/// `added      id  title` or `failed     input: error`; untrusted text made visible.
fn text_row(row: &Imported) -> String {
    let show = |s: &str| visible(s).into_owned();
    let status = row.status.name();
    match (&row.id, &row.error) {
        (Some(id), None) => format!(
            "{status:<10} {}  {}",
            show(id),
            show(row.title.as_deref().unwrap_or(""))
        ),
        (Some(id), Some(note)) => format!("{status:<10} {}  {}", show(id), show(note)),
        (None, error) => format!(
            "{status:<10} {}: {}",
            show(&row.input),
            show(error.as_deref().unwrap_or(""))
        ),
    }
}
