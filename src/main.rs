//! The `dossier` binary: parse arguments, resolve inputs, load, dispatch to the CLI or the
//! reader. Nothing else lives here.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use dossier::cli::{self, Args, Outcome};
use dossier::config::{load_keymap, load_settings, read_settings_text};
use dossier::library::Library;
use dossier::paths::{self, Flags};
use dossier::shelf::Shelf;
use dossier::store::sqlite::Progress;
use dossier::tui;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let flags = Flags {
        articles: args.articles.clone(),
        catalogue: args.catalogue.clone(),
        keys: args.keys.clone(),
        config: args.config.clone(),
        follow_links: args.follow_links,
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let inputs = paths::resolve(&flags, &paths::process_env, &cwd);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let keymap = load_keymap(inputs.keys.as_deref());
    let settings = load_settings(inputs.config.as_deref(), no_color);
    let Some(command) = args.command else {
        return open_reader(&inputs, keymap, settings, no_color);
    };
    let library = if command.needs_corpus() {
        match open_library(&inputs) {
            Ok(library) => Some(library),
            Err(problem) => {
                // A broken catalogue: every problem at once, each at its line:col.
                let all = dossier::load::catalogue_problems(&inputs.catalogue);
                if all.len() > 1 && all.iter().any(|p| p.path == problem.path) {
                    for p in &all {
                        eprintln!("{p}");
                    }
                    eprintln!("dossier: the catalogue has {} problems", all.len());
                } else {
                    eprintln!("dossier: {problem}");
                }
                return ExitCode::from(1);
            }
        }
    } else {
        None
    };
    let mut config_problems = match &keymap {
        Ok((_, warnings)) => warnings.clone(),
        Err(errors) => errors.0.clone(),
    };
    let settings_problems = settings.err().unwrap_or_default();
    config_problems.extend(settings_problems.iter().cloned());
    if !matches!(command, cli::Command::Check { .. })
        && let Some(library) = &library
    {
        match library.warnings() {
            Ok(warnings) => {
                for warning in &warnings {
                    // A warning says so itself; a skipped article is an error made a warning.
                    if warning.severity == dossier::diag::Severity::Warning {
                        eprintln!("{warning}");
                    } else {
                        eprintln!("warning: {warning}");
                    }
                }
            }
            Err(e) => {
                eprintln!("dossier: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let settings_path = inputs
        .config
        .clone()
        .or_else(|| paths::config_dir(&paths::process_env).map(|dir| dir.join("config.toml")));
    let settings_text = inputs
        .config
        .as_deref()
        .and_then(|path| read_settings_text(path).ok());
    let data_dir = paths::data_dir(&paths::process_env);
    let loaded = cli::Loaded {
        data_dir: data_dir.as_deref(),
        library: library.as_ref(),
        keymap: keymap.as_ref().ok().map(|(k, _)| k),
        keymap_problems: keymap.as_ref().err().map_or(&[], |e| e.0.as_slice()),
        config_problems: &config_problems,
        settings: cli::SettingsFile {
            path: settings_path.as_deref(),
            text: settings_text.as_deref(),
            problems: &settings_problems,
        },
        import_into: cli::import::default_dir(&inputs, &paths::process_env),
        catalogue_edits: cli::catalogue::edit_target(&inputs, &paths::process_env),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let outcome = cli::run(&command, &loaded, &mut out, &mut io::stderr().lock());
    let flushed = out.flush();
    let code = match outcome {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failure) => ExitCode::from(1),
        Err(error) => {
            eprintln!("dossier: {error}");
            ExitCode::from(1)
        }
    };
    match flushed {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("dossier: {e}");
            ExitCode::from(1)
        }
        _ => code,
    }
}

/// Opens the library, bringing the index up to date; a build shows a progress bar when
/// stderr is a terminal.
fn open_library(inputs: &paths::Inputs) -> Result<Library, dossier::diag::Diagnostic> {
    let cache_dir = paths::cache_dir(&paths::process_env);
    let bar = io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::hidden();
        bar.set_style(
            ProgressStyle::with_template("indexing {bar:40} {pos}/{len} articles, {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let progress = |p: Progress| {
        let Some(bar) = &bar else { return };
        match p {
            Progress::Scanned { to_read, .. } if to_read >= 1000 => {
                bar.set_length(to_read as u64);
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
            Progress::Scanned { .. } => {}
            Progress::Indexed { done, .. } => bar.set_position(done as u64),
        }
    };
    let library = Library::open(inputs, cache_dir.as_deref(), &progress);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    library
}

/// Checks everything the reader needs before touching the terminal, then runs it.
fn open_reader(
    inputs: &paths::Inputs,
    keymap: Result<dossier::config::LoadedKeymap, dossier::config::keymap::KeymapErrors>,
    settings: Result<dossier::config::settings::Options, Vec<dossier::diag::Diagnostic>>,
    no_color: bool,
) -> ExitCode {
    let mut problems = Vec::new();
    let keymap = keymap.map_err(|e| problems.extend(e.0));
    let options = settings.map_err(|e| problems.extend(e));
    let (Ok((keymap, warnings)), Ok(options)) = (keymap, options) else {
        for problem in &problems {
            eprintln!("{problem}");
        }
        eprintln!(
            "dossier: fix the problems above (the reader starts only with a valid keymap and settings)"
        );
        return ExitCode::from(1);
    };
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "dossier: the reader needs a terminal; for scripts use a command such as `dossier list` (see --help)"
        );
        return ExitCode::from(2);
    }
    // The index as it stands: the reader brings it up to date in the background.
    let cache_dir = paths::cache_dir(&paths::process_env);
    let shelf = match Shelf::open_at_once(inputs, cache_dir.as_deref()) {
        Ok(shelf) => shelf,
        Err(problem) => {
            eprintln!("dossier: {problem}");
            return ExitCode::from(1);
        }
    };
    let skipped = shelf.skipped().len();
    let mut notes = Vec::new();
    // Why the index is not used, if so.
    notes.extend(shelf.library().unindexed().map(|w| w.to_string()));
    if skipped > 0 {
        notes.push(format!(
            "{skipped} article(s) could not be loaded: `dossier check` lists them"
        ));
    }
    notes.extend(warnings.iter().map(|w| w.to_string()));
    let state_dir = paths::state_dir(&paths::process_env);
    let config_dir = paths::config_dir(&paths::process_env);
    let watch = tui::Watch {
        keys: inputs
            .keys
            .clone()
            .or_else(|| config_dir.as_ref().map(|d| d.join("keys.toml"))),
        config: inputs
            .config
            .clone()
            .or_else(|| config_dir.as_ref().map(|d| d.join("config.toml"))),
        no_color,
        inputs: Some(inputs.clone()),
    };
    let start = tui::Start {
        shelf,
        keymap,
        options,
        notes,
        state_dir,
        data_dir: paths::data_dir(&paths::process_env),
    };
    match tui::run(start, watch) {
        Ok(ending) => ExitCode::from(ending.exit_status()),
        Err(e) => {
            eprintln!("dossier: {e}");
            ExitCode::from(1)
        }
    }
}
