//! How a command ends: `Outcome` when it ran, `CliError` when it could not.
//!
//! `CliError` keeps the `io::Error` it came from, so a closed pipe (`dossier list | head`) is
//! recognised by its kind and ends quietly; everything else is shown on stderr with exit 1.

use std::fmt;
use std::io;

use crate::diag::Diagnostic;
use crate::store::StoreError;

/// What a command that ran ended with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// Problems were found (`check`): exit status 1, nothing more to say.
    Failure,
}

/// Why a command could not do what was asked. Shown on stderr, exit status 1.
#[derive(Debug)]
pub enum CliError {
    /// Writing the output failed.
    Io(io::Error),
    /// An input file is unusable (a catalogue, keymap or settings file), with its position.
    Input(Diagnostic),
    /// The request cannot be served: an unknown or ambiguous id, a keymap with problems. The
    /// message is ready to show: anything quoted from the command line is already escaped.
    Request(String),
    /// The store of the articles failed (the index, or an article file read on demand).
    Store(StoreError),
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::Store(e)
    }
}

impl CliError {
    /// A closed pipe: the reader of the output has gone, which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Io(e) => write!(f, "cannot write the output: {e}"),
            CliError::Input(d) => write!(f, "{d}"),
            CliError::Request(message) => f.write_str(message),
            CliError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for CliError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CliError::Io(e) => Some(e),
            CliError::Input(d) => Some(d),
            CliError::Request(_) => None,
            CliError::Store(e) => Some(e),
        }
    }
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        CliError::Io(e)
    }
}

impl From<Diagnostic> for CliError {
    fn from(d: Diagnostic) -> Self {
        CliError::Input(d)
    }
}

/// Our rows serialize without fail, so a JSON error is an I/O error; serde_json hands back
/// the original `io::Error` (and its kind) for those.
impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        CliError::Io(io::Error::from(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipe_is_recognised_by_kind_not_by_message() {
        let pipe = CliError::from(io::Error::new(io::ErrorKind::BrokenPipe, "gone"));
        assert!(pipe.is_broken_pipe());
        let other = CliError::from(io::Error::other("Broken pipe"));
        assert!(!other.is_broken_pipe());
        assert!(!CliError::Request("Broken pipe".into()).is_broken_pipe());
    }

    #[test]
    fn a_json_write_to_a_closed_pipe_keeps_its_kind() {
        struct Closed;
        impl io::Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let e = serde_json::to_writer(Closed, &[1, 2, 3]).unwrap_err();
        assert!(CliError::from(e).is_broken_pipe());
    }
}
