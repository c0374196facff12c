//! The articles directory: every `*.md` file in it (not recursive), read safely.
//!
//! Each file is read through `fsread` (opened non-blocking, checked on the handle, at most
//! `ARTICLE_LIMIT` bytes). A symbolic link that leads out of the directory is refused unless
//! `Links::Follow` is asked for. Whatever is refused becomes a warning naming the file; the
//! other articles still load.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::RawFile;
use super::sanitize;
use crate::diag::Diagnostic;
use crate::fsread::{ARTICLE_LIMIT, ReadError, kind_of, read_regular};

/// What to do with a symbolic link whose target lies outside the articles directory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Links {
    /// Refuse it with a warning (links inside the directory are always followed).
    #[default]
    StayInside,
    /// Follow it (`--follow-links`).
    Follow,
}

/// `read_article_dir_with` refusing links out of the directory.
pub fn read_article_dir(dir: &Path) -> Result<(Vec<RawFile>, Vec<Diagnostic>), Diagnostic> {
    read_article_dir_with(dir, Links::StayInside)
}

/// Reads every `*.md` file in `dir` (not recursive), sorted by name. Directories are passed
/// over; a file that cannot be read, is not a regular file (a pipe would block the load), is
/// larger than `ARTICLE_LIMIT`, is a link out of `dir` (unless `links` follows them) or has a
/// name with control, bidi or invisible characters becomes a warning; a missing or unreadable
/// directory is an error that names it.
pub fn read_article_dir_with(
    dir: &Path,
    links: Links,
) -> Result<(Vec<RawFile>, Vec<Diagnostic>), Diagnostic> {
    let shown = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        let what = match e.kind() {
            std::io::ErrorKind::NotFound => "articles directory not found".to_string(),
            _ => format!("cannot read articles directory: {e}"),
        };
        Diagnostic::error(shown.as_str(), None, what)
    })?;
    let mut paths: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|x| x == "md"))
        .map(|entry| {
            let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
            (entry.path(), is_link)
        })
        .collect();
    paths.sort();
    let home = dir.canonicalize().ok();
    let mut files = Vec::with_capacity(paths.len());
    let mut problems = Vec::new();
    for (path, is_link) in paths {
        let shown = path.display().to_string();
        let skip = |message: String| Diagnostic::error(shown.as_str(), None, message);
        // Where a link leads, checked by name only: nothing is opened yet.
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => continue,
            Ok(meta) if !meta.is_file() => {
                problems.push(skip(format!(
                    "skipped: not a regular file (a {}); only regular files are read",
                    kind_of(meta.file_type())
                )));
                continue;
            }
            // A dangling link or a file gone since the listing: the read below says why.
            _ => {}
        }
        if is_link && links == Links::StayInside {
            let target = path.canonicalize();
            let inside = match (&target, &home) {
                (Ok(target), Some(home)) => target.starts_with(home),
                _ => true,
            };
            if !inside {
                let target = target.map(|t| t.display().to_string()).unwrap_or_default();
                problems.push(skip(format!(
                    "skipped: a symbolic link out of the articles directory (to {target}); pass --follow-links to read it"
                )));
                continue;
            }
        }
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The id is shown everywhere (`list`, JSON, the reader); a name that would act on the
        // terminal or hide part of itself is refused rather than silently changed.
        if !sanitize::is_clean(&id) || id.contains('\n') {
            problems.push(skip(
                "skipped: the file name holds control, bidi or invisible characters; rename the file"
                    .to_string(),
            ));
            continue;
        }
        match read_regular(&path, ARTICLE_LIMIT) {
            Ok(bytes) => files.push(RawFile {
                id,
                path: shown,
                bytes: Cow::Owned(bytes),
            }),
            Err(e @ ReadError::NotRegular(_)) => {
                problems.push(skip(format!("skipped: {e}; only regular files are read")))
            }
            Err(e @ ReadError::TooLarge { .. }) => problems.push(skip(format!(
                "skipped: {e} for an article; split it into several"
            ))),
            Err(ReadError::NotFound) => problems.push(skip(
                "skipped: cannot read: no such file (a dangling link, or removed while loading)"
                    .to_string(),
            )),
            Err(e) => problems.push(skip(format!("skipped: {e}"))),
        }
    }
    Ok((files, problems))
}
