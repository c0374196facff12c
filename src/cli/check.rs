//! `dossier check`: every problem of articles, catalogue, keymap and settings as
//! `path:line:col: message` on the output and a summary on the error stream, or all of it as
//! one JSON report. Exit status 1 when there is an error. The articles are checked one at a
//! time through the store, so a check of any corpus holds a few articles at once.

use std::collections::HashSet;
use std::io::Write;

use super::output::{CheckReport, ProblemRow, write_json};
use super::{CliError, Outcome};
use crate::corpus::check::{Checked, Checker};
use crate::diag::{Diagnostic, Severity};
use crate::library::Library;
use crate::text::counted;

/// Every problem of the library's articles and catalogue: files that were skipped, article
/// warnings, the catalogue's problems and ambiguous mentions.
pub fn check_library(library: &Library) -> Result<Checked, CliError> {
    let store = library.store();
    let catalogue = store.catalogue();
    let mut checker = Checker::new(catalogue);
    // Names that `suggest` finds in several articles, read in the same pass.
    let mut names = crate::names::Suggester::new(catalogue);
    let mut broken = Vec::new();
    store.each_article(&mut |article| {
        match article {
            Ok(article) => {
                let mentions = checker.article(article);
                names.add_article(article, &mentions);
            }
            Err(problem) => broken.push(Diagnostic {
                message: format!("skipped: {}", problem.message),
                ..problem
            }),
        }
        Ok(true)
    })?;
    // Files not loaded, as opening found them (errors); the warnings of loaded articles come
    // from the articles themselves, and a warning about the index is not about the articles.
    let mut skipped: Vec<Diagnostic> = library
        .warnings()?
        .into_iter()
        .filter(|w| w.severity == Severity::Error)
        .collect();
    skipped.extend(broken);
    let mut loaded = HashSet::new();
    for entity in catalogue.entities() {
        for source in entity.facts.iter().filter_map(|f| f.source.as_deref()) {
            if store.row(source)?.is_some() {
                loaded.insert(source);
            }
        }
    }
    let mut checked = checker.finish(skipped, &|key| loaded.contains(key));
    checked.problems.extend(names.warnings());
    Ok(checked)
}

pub fn check(
    library: &Library,
    extra: &[Diagnostic],
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let checked = check_library(library)?;
    let mut problems = checked.problems;
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
    let (articles, entities, mentions) = (checked.articles, checked.entities, checked.mentions);
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
