//! Writing imported articles into a directory: readable unique slug ids, the hash of what
//! was imported kept in the front matter, and atomic writes. An article is updated only when
//! the import changed and the file is still exactly as imported; a file the user has edited
//! since is never overwritten. A new file never replaces one that appeared meanwhile.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::corpus::fold::fold_str;

/// What happened to one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Added,
    Updated,
    Unchanged,
    Skipped,
    Failed,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Updated => "updated",
            Status::Unchanged => "unchanged",
            Status::Skipped => "skipped",
            Status::Failed => "failed",
        }
    }
}

/// The articles already in the target directory: id by `imported_from`, and every id taken.
#[derive(Debug, Default)]
pub struct Store {
    dir: PathBuf,
    by_origin: HashMap<String, String>,
    taken: std::collections::HashSet<String>,
}

const HASH_FIELD: &str = "import_hash = ";

/// `sha256:<hex>` of an article file without its `import_hash` line.
pub fn content_hash(file: &str) -> String {
    let mut hasher = Sha256::new();
    for line in file.split_inclusive('\n') {
        if !line.starts_with(HASH_FIELD) {
            hasher.update(line.as_bytes());
        }
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The file with its hash line added after the opening fence.
fn with_hash(file: &str) -> String {
    let hash = content_hash(file);
    match file.strip_prefix("+++\n") {
        Some(rest) => format!("+++\n{HASH_FIELD}\"{hash}\"\n{rest}"),
        None => file.to_string(),
    }
}

/// The value of a `key = "value"` line in the front matter of `file`.
fn front_value(file: &str, key: &str) -> Option<String> {
    let mut lines = file.lines();
    let fence = lines.next()?.trim_end();
    if fence != "+++" && fence != "---" {
        return None;
    }
    for line in lines {
        if line.trim_end() == fence {
            break;
        }
        let Some(rest) = line.strip_prefix(key) else {
            continue;
        };
        let rest = rest.trim_start();
        let rest = rest.strip_prefix('=').or_else(|| rest.strip_prefix(':'));
        if let Some(value) = rest {
            let value = value.trim();
            return Some(
                match toml::from_str::<toml::Table>(&format!("v = {value}")) {
                    Ok(t) => t
                        .get("v")
                        .and_then(|v| v.as_str())
                        .unwrap_or(value)
                        .to_string(),
                    Err(_) => value.trim_matches('"').to_string(),
                },
            );
        }
    }
    None
}

impl Store {
    /// Reads the front matter of every `*.md` in `dir` (a missing directory is empty).
    pub fn open(dir: &Path) -> Store {
        let mut store = Store {
            dir: dir.to_path_buf(),
            ..Store::default()
        };
        let Ok(entries) = fs::read_dir(dir) else {
            return store;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(id) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".md"))
                .map(str::to_string)
            else {
                continue;
            };
            store.taken.insert(id.clone());
            let head = read_head(&path);
            if let Some(origin) = head
                .as_deref()
                .and_then(|h| front_value_any(h, "imported_from"))
            {
                store.by_origin.insert(origin, id);
            }
        }
        store
    }

    /// Writes (unless `dry_run`) the rendered article `file` imported from `origin`, with an id
    /// made from `slug` when it is new. Returns the id, the path and what happened.
    pub fn put(
        &mut self,
        origin: &str,
        slug: &str,
        file: &str,
        dry_run: bool,
    ) -> Result<(String, PathBuf, Status), String> {
        let file = with_hash(file);
        if let Some(id) = self.by_origin.get(origin).cloned() {
            let path = self.dir.join(format!("{id}.md"));
            let current =
                fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let stored = front_value(&current, "import_hash");
            if stored.as_deref() != Some(content_hash(&current).as_str()) {
                return Ok((id, path, Status::Skipped));
            }
            if stored.as_deref() == Some(content_hash(&file).as_str()) {
                return Ok((id, path, Status::Unchanged));
            }
            if !dry_run {
                write_atomic(&path, &file, true)?;
            }
            return Ok((id, path, Status::Updated));
        }
        let base = if slug.is_empty() {
            "article".to_string()
        } else {
            slug.to_string()
        };
        let mut n = 1;
        loop {
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            n += 1;
            if self.taken.contains(&id) {
                continue;
            }
            let path = self.dir.join(format!("{id}.md"));
            if !dry_run {
                match write_atomic(&path, &file, false) {
                    Ok(()) => {}
                    Err(e) if path.exists() => {
                        // Another process took this id meanwhile: try the next one.
                        let _ = e;
                        self.taken.insert(id);
                        continue;
                    }
                    Err(e) => return Err(e),
                }
            }
            self.taken.insert(id.clone());
            self.by_origin.insert(origin.to_string(), id.clone());
            return Ok((id, path, Status::Added));
        }
    }
}

/// Front matter value in TOML (`key = "v"`) or YAML (`key: v`).
fn front_value_any(head: &str, key: &str) -> Option<String> {
    front_value(head, key)
}

/// The first 64 KiB of a file, enough for its front matter.
fn read_head(path: &Path) -> Option<String> {
    use std::io::Read;
    let file = fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut buf = Vec::new();
    file.take(64 * 1024).read_to_end(&mut buf).ok()?;
    Some(String::from_utf8_lossy(&buf).into_owned())
}

/// Writes `text` atomically: replacing the old file when `replace`, else only if `path`
/// does not exist yet (see `fswrite`).
fn write_atomic(path: &Path, text: &str, replace: bool) -> Result<(), String> {
    let result = if replace {
        crate::fswrite::write_atomically(path, text.as_bytes())
    } else {
        crate::fswrite::write_new_atomically(path, text.as_bytes())
    };
    result.map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The longest slug built from title words.
const SLUG_MAX: usize = 50;

/// A readable id: `source-year-title words`, folded to ASCII, whole words up to 50 characters
/// (short enough for a list column and a command line).
pub fn slug(source: Option<&str>, date: &str, title: &str) -> String {
    let words = |s: &str| -> Vec<String> {
        fold_str(s)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut parts: Vec<String> = Vec::new();
    if let Some(source) = source {
        parts.extend(words(source).into_iter().take(3));
    }
    if date.len() >= 4 {
        parts.push(date[..4].to_string());
    }
    let mut length: usize = parts.iter().map(|p| p.len() + 1).sum();
    for word in words(title) {
        if length + word.len() > SLUG_MAX {
            break;
        }
        length += word.len() + 1;
        parts.push(word);
    }
    parts.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str =
        "+++\ntitle = \"x\"\nimported_from = \"https://a.example/1\"\n+++\n\nText.\n";

    #[test]
    fn slugs_are_readable_ascii() {
        assert_eq!(
            slug(
                Some("Der Standard"),
                "2023-09-05",
                "Kim Jong-un besucht Putin: Waffen für Russland"
            ),
            "der-standard-2023-kim-jong-un-besucht-putin-waffen"
        );
        let long = slug(None, "", &"Wort ".repeat(40));
        assert!(long.len() <= SLUG_MAX && long.ends_with("wort"), "{long}");
        assert_eq!(slug(None, "", "Ünïcödé!"), "unicode");
    }

    #[test]
    fn reimport_adds_then_is_unchanged_then_updates_and_never_overwrites_an_edit() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path());
        let (id, path, status) = store.put("https://a.example/1", "x", FILE, false).unwrap();
        assert_eq!((id.as_str(), status), ("x", Status::Added));
        let mut store = Store::open(dir.path());
        assert_eq!(
            store
                .put("https://a.example/1", "x", FILE, false)
                .unwrap()
                .2,
            Status::Unchanged
        );
        let changed = FILE.replace("Text.", "Neuer Text.");
        assert_eq!(
            store
                .put("https://a.example/1", "x", &changed, false)
                .unwrap()
                .2,
            Status::Updated
        );
        assert!(fs::read_to_string(&path).unwrap().contains("Neuer Text."));
        // The user edits the file: a later import leaves it alone.
        let edited = fs::read_to_string(&path).unwrap().replace("Neuer", "Mein");
        fs::write(&path, &edited).unwrap();
        let mut store = Store::open(dir.path());
        assert_eq!(
            store
                .put("https://a.example/1", "x", FILE, false)
                .unwrap()
                .2,
            Status::Skipped
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), edited);
    }

    #[test]
    fn ids_stay_unique_and_a_dry_run_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("x.md"), "hand-written").unwrap();
        let mut store = Store::open(dir.path());
        let (id, _, _) = store.put("o1", "x", FILE, true).unwrap();
        assert_eq!(id, "x-2");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let (id, _, _) = store.put("o2", "x", FILE, false).unwrap();
        assert_eq!(id, "x-3", "the dry run's id stays reserved in this run");
        assert_eq!(
            fs::read_to_string(dir.path().join("x.md")).unwrap(),
            "hand-written"
        );
    }
}
