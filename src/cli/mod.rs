//! The scriptable command line: one file per subcommand, plain text or JSON (`--json`).
//!
//! Every command reads the same corpus as the reader and uses the same search, linker and
//! index. JSON comes only from the row types of `output.rs`. Output goes through a writer, so
//! a closed pipe (`dossier list | head`) ends quietly. Exit codes: 0 success, 1 problems or
//! runtime error, 2 usage.

pub mod catalogue;
mod check;
mod config;
mod entities;
mod entity;
mod error;
pub mod export;
mod generate;
pub mod import;
mod keys;
mod list;
mod lookup;
mod mentions;
mod note;
mod notes;
pub mod output;
mod search;
mod show;
pub mod suggest;
mod timeline;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

pub use config::SettingsFile;
pub use error::{CliError, Outcome};
pub use mentions::{CONTEXT_BYTES, capped_sentence};

use crate::config::keymap::Keymap;
use crate::diag::Diagnostic;
use crate::library::Library;

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
    /// One entity's card: summary, facts with sources, aliases, articles with counts.
    Entity {
        /// The entity: an id, a name or an alias (`putin`, `lawrow`).
        name: String,
        /// Print JSON: {id, name, kind, summary, aliases, facts, mentions, articles}.
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
    /// Full-text search: all words must occur (any word form), "phrases", prefix*, and
    /// @entity terms; ranked by bm25, with the best passages of each article.
    Search {
        /// The query.
        query: String,
        /// Show at most this many articles (0: all).
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        /// Passages shown per article.
        #[arg(long, value_name = "N", default_value_t = 3)]
        passages: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Bring the index of the articles directory up to date and say what changed.
    Index {
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
    /// Add, change or remove a highlight, note or bookmark (the reader makes them too).
    Note {
        #[command(subcommand)]
        action: NoteAction,
    },
    /// List highlights, notes and bookmarks, with whether each is still where it was made.
    Notes {
        #[command(flatten)]
        filter: FilterArgs,
        /// Print JSON: {id, kind, article, paragraph, quote, note, tags, created, updated, status, entities}.
        #[arg(long)]
        json: bool,
    },
    /// Export highlights and notes with citations, as Markdown or JSON.
    Export {
        /// Markdown (quotes, notes and citations) or JSON (the same fields as rows).
        #[arg(long, value_enum, default_value = "md")]
        format: export::Format,
        /// Group the Markdown by article or by the entities the quotes name.
        #[arg(long, value_enum, default_value = "article")]
        group: GroupArg,
        #[command(flatten)]
        filter: FilterArgs,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Dated statements in time order: facts of the catalogue and sentences that state a date.
    Timeline {
        /// Only statements about this entity: an id, a name or an alias (`putin`).
        #[arg(long, value_name = "ENTITY")]
        entity: Option<String>,
        /// Print JSON: [{date, precision, text, article, paragraph, entity, kind}].
        #[arg(long)]
        json: bool,
    },
    /// Names in the articles that the catalogue does not cover, best first: people, places,
    /// organisations, events, with their other forms, a guessed kind and example sentences.
    Suggest {
        /// Show at most this many (0: all).
        #[arg(long, value_name = "N", default_value_t = 30)]
        limit: usize,
        /// Only names this article holds (an id or a unique prefix).
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        /// Print JSON: [{name, aliases, kind, mentions, articles, examples}].
        #[arg(long)]
        json: bool,
    },
    /// Change the entity catalogue in place (comments and layout are kept): add an entity,
    /// an alias, a form to ignore, or remove an entity.
    Catalogue {
        #[command(subcommand)]
        action: CatalogueAction,
    },
    /// Print the manual page (roff): `dossier man | man -l -`.
    Man,
    /// Print a shell completion script: `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Import articles from saved pages, pasted text, Markdown, RSS/Atom feeds, URLs,
    /// directories or `-` (standard input) into the articles directory.
    Import {
        /// Files, directories, http(s) URLs or `-`.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// Directory to write into (default: the articles directory in use, or the XDG data
        /// directory when the bundled articles are in use).
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        /// Print JSON rows.
        #[arg(long)]
        json: bool,
        /// Show what would happen; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Seconds a URL may take to fetch.
        #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: u64,
    },
}

/// What to do with one annotation.
#[derive(Debug, Subcommand)]
pub enum NoteAction {
    /// Highlight a quote of an article, with a note and tags if given.
    Add {
        /// The article id (or a unique prefix).
        article: String,
        /// The words to highlight, as the text reads them.
        #[arg(long, value_name = "TEXT")]
        quote: String,
        /// A note on the quote.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// A tag (one word); repeat for several.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// The paragraph (1-based) when the quote occurs in several.
        #[arg(long, value_name = "N")]
        paragraph: Option<usize>,
        /// Make it a bookmark rather than a highlight.
        #[arg(long)]
        bookmark: bool,
    },
    /// Replace the note or the tags of an annotation.
    Edit {
        /// The annotation's id (`dossier notes` lists them).
        id: i64,
        /// The new note (empty to remove it).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// The new tags; repeat for several.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Option<Vec<String>>,
    },
    /// Delete an annotation.
    Rm {
        /// The annotation's id.
        id: i64,
    },
}

/// One change to the catalogue.
#[derive(Debug, Subcommand)]
pub enum CatalogueAction {
    /// Add an entity; its id is made from the name unless given.
    Add {
        /// The entity's name, as the articles write it ("Martin Seiler").
        name: String,
        /// What it is: person, country, city, region, place, organisation, event, facility,
        /// document.
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        /// Another form of the name; repeat for several.
        #[arg(long = "alias", value_name = "ALIAS")]
        aliases: Vec<String>,
        /// The id (a slug: lower-case letters, digits, hyphens).
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// A one-line summary for the sidebar and `dossier entity`.
        #[arg(long, value_name = "TEXT")]
        summary: Option<String>,
    },
    /// Add an alias to an entity (an id, a name or an alias: `putin`).
    Alias {
        /// The entity.
        entity: String,
        /// The new form.
        alias: String,
    },
    /// Never count TEXT as a mention (nor suggest it); with --entity, TEXT must hold a form
    /// of that entity.
    Ignore {
        /// The form to ignore ("US-Dollar").
        text: String,
        /// The entity whose form it holds.
        #[arg(long, value_name = "ENTITY")]
        entity: Option<String>,
    },
    /// Remove an entity.
    Remove {
        /// The entity: an id, a name or an alias.
        entity: String,
    },
    /// Correct one mention: the occurrence of TEXT in ARTICLE between --before and --after
    /// names --entity, or nothing with --unlink. Kept as an [[override]] in the catalogue.
    Override {
        /// The article's id.
        article: String,
        /// The words ("Kim").
        text: String,
        /// The text just before the words in their paragraph ("Im Juni 1950 überzeugte ").
        #[arg(
            long,
            value_name = "TEXT",
            default_value = "",
            allow_hyphen_values = true
        )]
        before: String,
        /// The text just after the words (" Stalin").
        #[arg(
            long,
            value_name = "TEXT",
            default_value = "",
            allow_hyphen_values = true
        )]
        after: String,
        /// The entity the words name: an id, a name or an alias.
        #[arg(
            long,
            value_name = "ENTITY",
            conflicts_with = "unlink",
            required_unless_present = "unlink"
        )]
        entity: Option<String>,
        /// The words name no entity.
        #[arg(long)]
        unlink: bool,
        /// Where the words are: body (default), title or lead.
        #[arg(long, value_name = "PART", default_value = "body")]
        part: String,
    },
}

/// The filters of `notes` and `export`.
#[derive(Debug, clap::Args)]
pub struct FilterArgs {
    /// Only annotations with this tag.
    #[arg(long, value_name = "TAG")]
    tag: Option<String>,
    /// Only quotes that name this entity (an id, a name or an alias).
    #[arg(long, value_name = "ENTITY")]
    entity: Option<String>,
    /// Only annotations of this article (an id or a unique prefix).
    #[arg(long, value_name = "ID")]
    article: Option<String>,
    /// Only annotations whose quote or note contains this text (case and accents folded).
    #[arg(long, value_name = "TEXT")]
    text: Option<String>,
}

impl FilterArgs {
    fn flags(&self) -> notes::FilterFlags<'_> {
        notes::FilterFlags {
            tag: self.tag.as_deref(),
            entity: self.entity.as_deref(),
            article: self.article.as_deref(),
            text: self.text.as_deref(),
        }
    }
}

/// How an export is grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupArg {
    Article,
    Entity,
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
                | Command::Import { .. }
                | Command::Catalogue { .. }
        )
    }
}

/// What the commands read: the corpus (loaded only when the command `needs_corpus`), the
/// keymap when it is valid, the problems of the user's configuration files, the settings file.
pub struct Loaded<'a> {
    pub library: Option<&'a Library>,
    pub keymap: Option<&'a Keymap>,
    /// Why the keymap is not valid, when it is not.
    pub keymap_problems: &'a [Diagnostic],
    pub config_problems: &'a [Diagnostic],
    pub settings: SettingsFile<'a>,
    /// `$XDG_DATA_HOME/dossier`, where the user database lives.
    pub data_dir: Option<&'a Path>,
    /// Where `import` writes without `--into`: the articles directory in use, or the XDG
    /// data directory when the bundled articles are in use (see `import::default_dir`).
    pub import_into: Option<PathBuf>,
    /// Where `catalogue` edits go (see `catalogue::edit_target`).
    pub catalogue_edits: Option<catalogue::EditTarget>,
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
    let library = || {
        loaded.library.ok_or_else(|| {
            CliError::Request("the articles and catalogue were not loaded".to_string())
        })
    };
    let store = || library().map(Library::store);
    match command {
        Command::List { json } => list::list(store()?, *json, out),
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
            show::show(store()?, id, options, out)
        }
        Command::Entities { json } => entities::entities(store()?, *json, out),
        Command::Entity { name, json } => entity::entity(store()?, name, *json, out),
        Command::Mentions {
            entity,
            article,
            json,
        } => mentions::mentions(store()?, entity.as_deref(), article.as_deref(), *json, out),
        Command::Search {
            query,
            limit,
            passages,
            json,
        } => search::search(store()?, query, *limit, *passages, *json, out),
        Command::Index { json } => search::index(library()?, *json, out),
        Command::Check { json } => {
            check::check(library()?, loaded.config_problems, *json, out, err)
        }
        Command::Keys { json, default } => {
            keys::keys(loaded.keymap, loaded.keymap_problems, *json, *default, out)
        }
        Command::Config { default, path } => config::config(&loaded.settings, *default, *path, out),
        Command::Note { action } => match action {
            NoteAction::Add {
                article,
                quote,
                note,
                tags,
                paragraph,
                bookmark,
            } => {
                let request = note::AddRequest {
                    article,
                    quote,
                    note: note.as_deref(),
                    tags,
                    paragraph: *paragraph,
                    bookmark: *bookmark,
                };
                note::add(store()?, loaded, &request, out)
            }
            NoteAction::Edit { id, note, tags } => {
                note::edit(loaded, *id, note.as_deref(), tags.as_deref(), out)
            }
            NoteAction::Rm { id } => note::remove(loaded, *id, out),
        },
        Command::Notes { filter, json } => {
            notes::notes(store()?, loaded, &filter.flags(), *json, out)
        }
        Command::Export {
            format,
            group,
            filter,
            output,
        } => {
            let group = match group {
                GroupArg::Article => crate::userdata::export::Group::Article,
                GroupArg::Entity => crate::userdata::export::Group::Entity,
            };
            export::export(
                store()?,
                loaded,
                &filter.flags(),
                *format,
                group,
                output.as_deref(),
                out,
            )
        }
        Command::Timeline { entity, json } => {
            timeline::timeline(store()?, entity.as_deref(), *json, out)
        }
        Command::Suggest {
            limit,
            article,
            json,
        } => suggest::suggest(store()?, *limit, article.as_deref(), *json, out),
        Command::Catalogue { action } => {
            let edit = match action {
                CatalogueAction::Add {
                    name,
                    kind,
                    aliases,
                    id,
                    summary,
                } => catalogue::Edit::Add {
                    name,
                    kind: kind.as_deref(),
                    aliases,
                    id: id.as_deref(),
                    summary: summary.as_deref(),
                },
                CatalogueAction::Alias { entity, alias } => {
                    catalogue::Edit::Alias { entity, alias }
                }
                CatalogueAction::Ignore { text, entity } => catalogue::Edit::Ignore {
                    text,
                    entity: entity.as_deref(),
                },
                CatalogueAction::Remove { entity } => catalogue::Edit::Remove { entity },
                CatalogueAction::Override {
                    article,
                    text,
                    before,
                    after,
                    entity,
                    unlink: _,
                    part,
                } => catalogue::Edit::Override {
                    article,
                    text,
                    before,
                    after,
                    entity: entity.as_deref(),
                    part,
                },
            };
            catalogue::catalogue(loaded.catalogue_edits.as_ref(), &edit, out, err)
        }
        Command::Man => generate::man(out),
        Command::Completions { shell } => generate::completions(*shell, out),
        Command::Import {
            inputs,
            into,
            json,
            dry_run,
            timeout,
        } => {
            let Some(into) = into.clone().or_else(|| loaded.import_into.clone()) else {
                return Err(CliError::Request(
                    "no place to import into: set HOME or XDG_DATA_HOME, or use --into DIR"
                        .to_string(),
                ));
            };
            let options = import::ImportOptions {
                into,
                json: *json,
                dry_run: *dry_run,
                timeout: *timeout,
            };
            import::run(inputs, &options, out, err)
        }
    }
}
