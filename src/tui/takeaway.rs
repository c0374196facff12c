//! What the event loop does for the study commands: runs the external editor on a temp
//! file, writes an export (atomically, never over a file the user did not agree to replace),
//! and makes the OSC 52 sequence that puts text on the terminal's clipboard.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;

use super::study::{ExportJob, Exported};
use super::textarea::MAX_NOTE_BYTES;
use crate::cli::export::{Format, render};
use crate::corpus::sanitize::{sanitize, visible};
use crate::fswrite::{write_atomically, write_new_atomically};
use crate::shelf::Shelf;
use crate::userdata::export::{Citation, Group};

/// The bytes that ask the terminal to put `text` (sanitized first) on the clipboard.
pub fn osc52(text: &str) -> Vec<u8> {
    let clean = sanitize(text);
    let encoded = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    format!("\x1b]52;c;{encoded}\x07").into_bytes()
}

/// The editor to run: `$VISUAL`, else `$EDITOR`, else `vi` (empty values are skipped).
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs the external editor on a temp file holding `text` and reads it back. The terminal
/// must be given back before and taken again after. An editor that cannot start, fails or
/// exits non-zero gives an error saying so (the caller keeps the previous text).
pub fn edit_outside(text: &str) -> Result<String, String> {
    let editor = editor_command();
    let file = tempfile::Builder::new()
        .prefix("dossier-note-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| format!("cannot make a temp file for the editor: {e}"))?;
    std::fs::write(file.path(), text)
        .map_err(|e| format!("cannot write {}: {e}", file.path().display()))?;
    // Through the shell, as git does, so `EDITOR="code --wait"` works.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("dossier")
        .arg(file.path())
        .status()
        .map_err(|e| format!("cannot run the editor `{}`: {e}", visible(&editor)))?;
    if !status.success() {
        let how = match status.code() {
            Some(127) => "was not found (exit status 127)".to_string(),
            Some(code) => format!("exited with status {code}"),
            None => "was killed by a signal".to_string(),
        };
        return Err(format!("the editor `{}` {how}", visible(&editor)));
    }
    read_back(file.path())
}

fn read_back(path: &Path) -> Result<String, String> {
    let shown = path.display();
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_NOTE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    if bytes.len() > MAX_NOTE_BYTES {
        return Err("the editor's text is over 256 KiB, the most a note holds".to_string());
    }
    String::from_utf8(bytes).map_err(|_| "the editor's text is not UTF-8".to_string())
}

/// Writes an export: Markdown, or JSON for a `.json` path; relative paths are taken from
/// the working directory. An existing file is replaced only when `job.replace` says so.
pub fn export(shelf: &Shelf, job: &ExportJob) -> Exported {
    let typed = PathBuf::from(&job.path);
    let path = if typed.is_absolute() {
        typed
    } else {
        std::env::current_dir().map_or(typed.clone(), |dir| dir.join(&typed))
    };
    let shown = visible(&path.display().to_string()).into_owned();
    let format = Format::for_path(&path);
    // The articles cited, held while the export is written.
    let bodies: std::collections::HashMap<_, _> = job
        .items
        .iter()
        .filter_map(|r| r.article)
        .filter_map(|a| Some((a, shelf.article(a)?)))
        .collect();
    let cite = |r: &crate::userdata::resolve::Resolved| {
        let body = bodies.get(&r.article?)?;
        Some(Citation::of(&body.article, r.paragraph()))
    };
    let bytes = match render(shelf.catalogue(), &job.items, format, Group::Article, &cite) {
        Ok(bytes) => bytes,
        Err(e) => return Exported::Failed(format!("cannot export: {e}")),
    };
    let written = if job.replace {
        write_atomically(&path, &bytes)
    } else {
        write_new_atomically(&path, &bytes)
    };
    match written {
        Ok(()) => Exported::Written {
            count: job.items.len(),
            path: shown,
        },
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Exported::Exists(job.path.clone())
        }
        Err(e) => Exported::Failed(format!("cannot write {shown}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clipboard_sequence_carries_sanitized_text_in_base64() {
        let seq = String::from_utf8(osc52("„Kim“\x1b[31m — T")).unwrap();
        let body = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap(), "„Kim“ — T");
    }
}
