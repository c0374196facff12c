//! `dossier check`: every problem of articles, catalogue, keymap and settings as
//! `path:line:col: message` on the output and a summary on the error stream, or all of it as
//! one JSON report. Exit status 1 when there is an error.

use std::io::Write;

use super::output::{CheckReport, ProblemRow, write_json};
use super::{CliError, Outcome};
use crate::corpus::Corpus;
use crate::diag::{Diagnostic, Severity};
use crate::text::counted;

pub fn check(
    corpus: &Corpus,
    extra: &[Diagnostic],
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let mut problems = corpus.problems();
    problems.extend(extra.iter().cloned());
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let outcome = if errors == 0 {
        Outcome::Success
    } else {
        Outcome::Failure
    };
    let (articles, entities, mentions) = (
        corpus.articles().len(),
        corpus.catalogue.len(),
        corpus.links.all().len(),
    );
    if json {
        let report = CheckReport {
            articles,
            entities,
            mentions,
            errors,
            warnings,
            problems: problems.iter().map(ProblemRow::new).collect(),
        };
        write_json(out, &report)?;
        return Ok(outcome);
    }
    for p in &problems {
        writeln!(out, "{p}")?;
    }
    writeln!(
        err,
        "{}, {}, {}: {}, {}",
        counted(articles, "article", "articles"),
        counted(entities, "entity", "entities"),
        counted(mentions, "mention", "mentions"),
        counted(errors, "error", "errors"),
        counted(warnings, "warning", "warnings"),
    )?;
    Ok(outcome)
}
