//! The scriptable command line: one function per subcommand, plain text or JSON (`--json`).
//!
//! Every command reads the same corpus as the reader and uses the same search, linker and
//! index. Output goes through a writer, so a closed pipe (`dossier list | head`) ends quietly.
//! Exit codes: 0 success, 1 problems or runtime error, 2 usage.

mod commands;
mod keys;
mod kwic;
mod show;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::keymap::Keymap;
use crate::corpus::Corpus;
use crate::corpus::ids::{ArticleId, EntityId};
use crate::diag::Diagnostic;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "Read a collection of news articles in the terminal and follow the threads between them.",
    long_about = "Read a collection of news articles in the terminal and follow the threads between them.\n\nWithout a command, dossier opens the reader. Inputs are found in this order: flag, environment (DOSSIER_ARTICLES, DOSSIER_CATALOGUE), ./articles and ./config/entities.toml, the XDG data and config directories, then the copies bundled into the binary."
)]
pub struct Args {
    /// Directory of articles (*.md).
    #[arg(long, global = true, value_name = "DIR")]
    pub articles: Option<PathBuf>,
    /// Entity catalogue (TOML).
    #[arg(long, global = true, value_name = "FILE")]
    pub catalogue: Option<PathBuf>,
    /// Keymap file laid over the default keys (TOML).
    #[arg(long, global = true, value_name = "FILE")]
    pub keys: Option<PathBuf>,
    /// Settings file (TOML).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles: id, title, date, source, words.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print one article as wrapped plain text.
    Show {
        /// The article id (its file stem).
        id: String,
        /// Wrap to this many columns.
        #[arg(long, value_name = "N", default_value_t = 80, value_parser = clap::value_parser!(u16).range(10..))]
        width: u16,
        /// Print JSON: blocks and mentions.
        #[arg(long)]
        json: bool,
    },
    /// List the entities of the catalogue with their mention counts.
    Entities {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A concordance of mentions (key word in context).
    Mentions {
        /// Only mentions of this entity id.
        #[arg(long, value_name = "ID")]
        entity: Option<String>,
        /// Only mentions in this article id.
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy search over titles, sources, dates and named entities; `@term` filters by entity.
    Search {
        /// The query.
        query: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Validate articles, catalogue and keymap; exit 1 when there are problems.
    Check,
    /// Print the effective keymap: context, key, action, description, origin.
    Keys {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Print the default keys.toml, ready to copy and edit.
        #[arg(long, conflicts_with = "json")]
        default: bool,
    },
}

/// What a command ended with.
pub enum Outcome {
    Success,
    /// Problems were found (check) or a request could not be served.
    Failure,
}

/// A runtime error for the user: printed on stderr, exit status 1.
#[derive(Debug)]
pub struct Failure(pub String);

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure(d.to_string())
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure(e.to_string())
    }
}

/// Runs a subcommand against a loaded corpus, writing to `out`.
pub fn run(
    command: &Command,
    corpus: &Corpus,
    keymap: Option<&Keymap>,
    extra_problems: &[Diagnostic],
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let result = match command {
        Command::List { json } => commands::list(corpus, *json, out),
        Command::Show { id, width, json } => {
            show::show(corpus, id, usize::from(*width), *json, out)
        }
        Command::Entities { json } => commands::entities(corpus, *json, out),
        Command::Mentions {
            entity,
            article,
            json,
        } => kwic::mentions(corpus, entity.as_deref(), article.as_deref(), *json, out),
        Command::Search { query, json } => commands::search(corpus, query, *json, out),
        Command::Check => commands::check(corpus, extra_problems, out),
        Command::Keys { json, default } => keys::keys(keymap, *json, *default, out),
    };
    match result {
        Err(Failure(message)) if is_broken_pipe(&message) => Ok(Outcome::Success),
        other => other,
    }
}

fn is_broken_pipe(message: &str) -> bool {
    message.contains("Broken pipe") || message.contains("broken pipe")
}

/// Writes pretty JSON and a newline.
fn write_json(out: &mut dyn Write, value: &serde_json::Value) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| Failure(e.to_string()))?;
    writeln!(out)?;
    Ok(())
}

/// An article by its key, or a failure with a suggestion.
fn find_article(corpus: &Corpus, id: &str) -> Result<ArticleId, Failure> {
    corpus.article_id(id).ok_or_else(|| {
        let hint =
            crate::suggest::did_you_mean(id, corpus.articles().iter().map(|a| a.id.as_str()));
        Failure(format!(
            "unknown article `{id}`{hint}; `dossier list` shows the ids"
        ))
    })
}

/// An entity by its slug, or a failure with a suggestion.
fn find_entity(corpus: &Corpus, id: &str) -> Result<EntityId, Failure> {
    corpus.catalogue.get(id).ok_or_else(|| {
        let hint = crate::suggest::did_you_mean(
            id,
            corpus.catalogue.entities().iter().map(|e| e.id.as_str()),
        );
        Failure(format!(
            "unknown entity `{id}`{hint}; `dossier entities` shows the ids"
        ))
    })
}
