//! `dossier man` and `dossier completions SHELL`: the manual page (roff) and shell completions,
//! generated from the same clap definition as `--help`, so none of them can drift.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Args, CliError, Outcome};

/// `dossier man`: the manual page for `man -l -` or a `man1` directory.
pub fn man(out: &mut dyn Write) -> Result<Outcome, CliError> {
    let page = clap_mangen::Man::new(Args::command());
    page.render(out)?;
    Ok(Outcome::Success)
}

/// `dossier completions SHELL`: a completion script for the shell.
pub fn completions(shell: Shell, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let mut command = Args::command();
    // The generator panics when a write fails: it writes to memory, we write the result, so
    // a closed pipe is an error like any other.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "dossier", &mut script);
    out.write_all(&script)?;
    Ok(Outcome::Success)
}
