//! The articles directory: every `*.md` file in it (not recursive), listed with its size and
//! modification time (`scan_article_dir_with`) and read safely (`read_article_file`).
//!
//! Each file is read through `fsread` (opened non-blocking, checked on the handle, at most
//! `ARTICLE_LIMIT` bytes). A symbolic link that leads out of the directory is refused unless
//! `Links::Follow` is asked for. Whatever is refused becomes a warning naming the file; the
//! other articles still load.

use std::borrow::Cow;
use std::ffi::OsString;
use std::fs::DirEntry;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

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

/// One `*.md` file of an articles directory, as listed (not yet read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleFile {
    /// The file name, `<id>.md` (lossy when the name is not UTF-8).
    pub name: String,
    /// The file stem: the article's id and key.
    pub id: String,
    pub path: PathBuf,
    /// Size and modification time (nanoseconds since the epoch) when listed.
    pub size: u64,
    pub mtime: i64,
}

impl ArticleFile {
    /// The path as shown in messages.
    pub fn shown(&self) -> String {
        self.path.display().to_string()
    }
}

/// `read_article_dir_with` refusing links out of the directory.
pub fn read_article_dir(dir: &Path) -> Result<(Vec<RawFile>, Vec<Diagnostic>), Diagnostic> {
    read_article_dir_with(dir, Links::StayInside)
}

/// Reads every `*.md` file in `dir` (see `scan_article_dir_with`), sorted by name.
pub fn read_article_dir_with(
    dir: &Path,
    links: Links,
) -> Result<(Vec<RawFile>, Vec<Diagnostic>), Diagnostic> {
    let (listed, mut problems) = scan_article_dir_with(dir, links)?;
    let mut files = Vec::with_capacity(listed.len());
    for file in listed {
        match read_article_file(&file) {
            Ok(bytes) => files.push(RawFile {
                id: file.id,
                path: file.path.display().to_string(),
                bytes: Cow::Owned(bytes),
            }),
            Err(problem) => problems.push(problem),
        }
    }
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, problems))
}

/// Opens the articles directory for listing; a missing or unreadable one is an error naming it.
pub fn open_article_dir(dir: &Path) -> Result<std::fs::ReadDir, Diagnostic> {
    std::fs::read_dir(dir).map_err(|e| {
        let what = match e.kind() {
            std::io::ErrorKind::NotFound => "articles directory not found".to_string(),
            _ => format!("cannot read articles directory: {e}"),
        };
        Diagnostic::error(dir.display().to_string(), None, what)
    })
}

/// Lists every `*.md` file in `dir` (not recursive), sorted by name, without reading them.
/// Directories are passed over; a file that is not a regular file (a pipe would block the
/// load), is a link out of `dir` (unless `links` follows them) or has a name with control,
/// bidi or invisible characters becomes a warning; a missing or unreadable directory is an
/// error that names it.
pub fn scan_article_dir_with(
    dir: &Path,
    links: Links,
) -> Result<(Vec<ArticleFile>, Vec<Diagnostic>), Diagnostic> {
    let entries = open_article_dir(dir)?;
    let mut found: Vec<(OsString, DirEntry)> = entries
        .filter_map(Result::ok)
        .map(|entry| (entry.file_name(), entry))
        .filter(|(name, _)| name.as_encoded_bytes().ends_with(b".md"))
        .collect();
    // Same directory: the names decide, byte by byte (cheaper than comparing paths).
    found.sort_unstable_by(|a, b| a.0.as_encoded_bytes().cmp(b.0.as_encoded_bytes()));
    let home = dir.canonicalize().ok();
    let listed: Vec<Option<Result<ArticleFile, Diagnostic>>> = found
        .into_par_iter()
        .map(|(_, entry)| describe(&entry, links, home.as_deref()))
        .collect();
    let mut files = Vec::with_capacity(listed.len());
    let mut problems = Vec::new();
    for item in listed.into_iter().flatten() {
        match item {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    Ok((files, problems))
}

/// The listing of one entry: `None` for a directory, a warning for what cannot be an article.
/// The entry's own metadata (one `fstatat` in the open directory) serves unless it is a link,
/// which is followed by name only: nothing is opened yet.
fn describe(
    entry: &DirEntry,
    links: Links,
    home: Option<&Path>,
) -> Option<Result<ArticleFile, Diagnostic>> {
    let path = entry.path();
    let skip = |message: String| {
        Some(Err(Diagnostic::error(
            path.display().to_string(),
            None,
            message,
        )))
    };
    let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
    let meta = if is_link {
        std::fs::metadata(&path)
    } else {
        entry.metadata()
    };
    let (size, mtime) = match meta {
        Ok(meta) if meta.is_dir() => return None,
        Ok(meta) if !meta.is_file() => {
            return skip(format!(
                "skipped: not a regular file (a {}); only regular files are read",
                kind_of(meta.file_type())
            ));
        }
        Ok(meta) => (meta.len(), mtime_of(&meta)),
        // A dangling link or a file gone since the listing: the read says why.
        Err(_) => (0, 0),
    };
    if is_link && links == Links::StayInside {
        let target = path.canonicalize();
        let inside = match (&target, home) {
            (Ok(target), Some(home)) => target.starts_with(home),
            _ => true,
        };
        if !inside {
            let target = target.map(|t| t.display().to_string()).unwrap_or_default();
            return skip(format!(
                "skipped: a symbolic link out of the articles directory (to {target}); pass --follow-links to read it"
            ));
        }
    }
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The id is shown everywhere (`list`, JSON, the reader); a name that would act on the
    // terminal or hide part of itself is refused rather than silently changed.
    if !sanitize::is_clean(&id) || id.contains('\n') {
        return skip(
            "skipped: the file name holds control, bidi or invisible characters; rename the file"
                .to_string(),
        );
    }
    Some(Ok(ArticleFile {
        name: entry.file_name().to_string_lossy().into_owned(),
        id,
        path,
        size,
        mtime,
    }))
}

fn mtime_of(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// Reads one listed file through `fsread`: a regular file of at most `ARTICLE_LIMIT` bytes.
pub fn read_article_file(file: &ArticleFile) -> Result<Vec<u8>, Diagnostic> {
    let skip = |message: String| Diagnostic::error(file.shown(), None, message);
    read_regular(&file.path, ARTICLE_LIMIT).map_err(|e| match e {
        e @ ReadError::NotRegular(_) => skip(format!("skipped: {e}; only regular files are read")),
        e @ ReadError::TooLarge { .. } => skip(format!(
            "skipped: {e} for an article; split it into several"
        )),
        ReadError::NotFound => skip(
            "skipped: cannot read: no such file (a dangling link, or removed while loading)"
                .to_string(),
        ),
        e => skip(format!("skipped: {e}")),
    })
}
