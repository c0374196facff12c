//! The scriptable command line: one file per subcommand, plain text or JSON (`--json`).
//!
//! Every command reads the same corpus as the reader and uses the same search, linker and
//! index. JSON comes only from the row types of `output.rs`. Output goes through a writer, so
//! a closed pipe (`dossier list | head`) ends quietly. Exit codes: 0 success, 1 problems or
//! runtime error, 2 usage.

mod check;
mod config;
mod entities;
mod error;
mod generate;
mod keys;
mod list;
mod lookup;
mod mentions;
pub mod output;
mod search;
mod show;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use config::SettingsFile;
pub use error::{CliError, Outcome};
pub use mentions::{CONTEXT_BYTES, capped_sentence};

use crate::config::keymap::Keymap;
use crate::corpus::Corpus;
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
    /// Read symbolic links in the articles directory that lead out of it (refused otherwise).
    #[arg(long, global = true)]
    pub follow_links: bool,
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
        /// The article id (its file stem), or a prefix of one id only.
        id: String,
        /// Wrap to this many columns.
        #[arg(long, value_name = "N", default_value_t = 80, value_parser = clap::value_parser!(u16).range(10..))]
        width: u16,
        /// Break lines between words only, never inside a word.
        #[arg(long)]
        no_hyphenate: bool,
        /// Print JSON: blocks and mentions.
        #[arg(long)]
        json: bool,
        /// Number the paragraphs in a left margin (the numbers the reader and `mentions` show).
        #[arg(long, short = 'n')]
        numbers: bool,
    },
    /// List the entities of the catalogue with their mention counts.
    Entities {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A concordance of mentions (key word in context).
    Mentions {
        /// Only mentions of this entity id (or a unique prefix).
        #[arg(long, value_name = "ID")]
        entity: Option<String>,
        /// Only mentions in this article id (or a unique prefix).
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
    /// Validate articles, catalogue, keymap and settings; exit 1 when there are problems.
    Check {
        /// Print JSON: the counts and every problem.
        #[arg(long)]
        json: bool,
    },
    /// Print the effective keymap: context, key, action, description, origin.
    Keys {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Print the default keys.toml, ready to copy and edit.
        #[arg(long, conflicts_with = "json")]
        default: bool,
    },
    /// Print the settings file in effect (yours, or the documented defaults).
    Config {
        /// Print the default config.toml, ready to copy and edit.
        #[arg(long, conflicts_with = "path")]
        default: bool,
        /// Print where your settings file is read from.
        #[arg(long)]
        path: bool,
    },
    /// Print the manual page (roff): `dossier man | man -l -`.
    Man,
    /// Print a shell completion script: `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

impl Command {
    /// Whether the command reads the articles and the catalogue; the others work even when
    /// those are broken.
    pub fn needs_corpus(&self) -> bool {
        !matches!(
            self,
            Command::Keys { .. }
                | Command::Config { .. }
                | Command::Man
                | Command::Completions { .. }
        )
    }
}

/// What the commands read: the corpus (loaded only when the command `needs_corpus`), the
/// keymap when it is valid, the problems of the user's configuration files, the settings file.
pub struct Loaded<'a> {
    pub corpus: Option<&'a Corpus>,
    pub keymap: Option<&'a Keymap>,
    /// Why the keymap is not valid, when it is not.
    pub keymap_problems: &'a [Diagnostic],
    pub config_problems: &'a [Diagnostic],
    pub settings: SettingsFile<'a>,
}

/// Runs a subcommand, writing its output to `out` and its summary (`check`) to `err`. A
/// closed output pipe is a success.
pub fn run(
    command: &Command,
    loaded: &Loaded,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, CliError> {
    match dispatch(command, loaded, out, err) {
        Err(e) if e.is_broken_pipe() => Ok(Outcome::Success),
        other => other,
    }
}

fn dispatch(
    command: &Command,
    loaded: &Loaded,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let corpus = || {
        loaded.corpus.ok_or_else(|| {
            CliError::Request("the articles and catalogue were not loaded".to_string())
        })
    };
    match command {
        Command::List { json } => list::list(corpus()?, *json, out),
        Command::Show {
            id,
            width,
            no_hyphenate,
            json,
            numbers,
        } => {
            let options = show::ShowOptions {
                width: usize::from(*width),
                hyphenate: !no_hyphenate,
                json: *json,
                numbers: *numbers,
            };
            show::show(corpus()?, id, options, out)
        }
        Command::Entities { json } => entities::entities(corpus()?, *json, out),
        Command::Mentions {
            entity,
            article,
            json,
        } => mentions::mentions(corpus()?, entity.as_deref(), article.as_deref(), *json, out),
        Command::Search { query, json } => search::search(corpus()?, query, *json, out),
        Command::Check { json } => check::check(corpus()?, loaded.config_problems, *json, out, err),
        Command::Keys { json, default } => {
            keys::keys(loaded.keymap, loaded.keymap_problems, *json, *default, out)
        }
        Command::Config { default, path } => config::config(&loaded.settings, *default, *path, out),
        Command::Man => generate::man(out),
        Command::Completions { shell } => generate::completions(*shell, out),
    }
}
