//! The `dossier` binary: parse arguments, resolve inputs, load, dispatch to the CLI or the
//! reader. Nothing else lives here.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use dossier::cli::{self, Args, Command, Outcome};
use dossier::load::load_corpus;
use dossier::paths::{self, Flags};

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
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let inputs = paths::resolve(&flags, &paths::process_env, &cwd);
    let corpus = match load_corpus(&inputs) {
        Ok(corpus) => corpus,
        Err(problem) => {
            eprintln!("dossier: {problem}");
            return ExitCode::from(1);
        }
    };
    let command = args.command.unwrap_or(Command::List { json: false });
    if !matches!(command, Command::Check) {
        for skipped in &corpus.skipped {
            eprintln!("warning: {skipped}");
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let outcome = cli::run(&command, &corpus, &[], &mut out);
    let flushed = out.flush();
    match outcome {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failure) => ExitCode::from(1),
        Err(failure) => {
            eprintln!("dossier: {}", failure.0);
            ExitCode::from(1)
        }
    }
    .max_with(flushed)
}

/// A failed final flush is an error unless the reader went away (broken pipe).
trait WithFlush {
    fn max_with(self, flushed: io::Result<()>) -> ExitCode;
}

impl WithFlush for ExitCode {
    fn max_with(self, flushed: io::Result<()>) -> ExitCode {
        match flushed {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                eprintln!("dossier: {e}");
                ExitCode::from(1)
            }
            _ => self,
        }
    }
}
