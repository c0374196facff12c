//! Finding an article or entity from an id typed on the command line.
//!
//! An exact id wins; then the same id in another Unicode normal form (NFD from a macOS file
//! name or a paste); then a unique prefix (`show vice`). An ambiguous prefix lists its
//! candidates; an unknown id suggests the closest. What the user typed is quoted escaped, so
//! control characters in it never reach the terminal.

use unicode_normalization::UnicodeNormalization;

use super::CliError;
use crate::corpus::catalogue::Catalogue;
use crate::corpus::ids::EntityId;
use crate::corpus::resolve::resolve_entity;
use crate::corpus::sanitize::visible;
use crate::store::{CorpusStore, LinkedArticle};
use crate::suggest::did_you_mean;
use crate::text::truncate;

/// How many candidates an ambiguous prefix lists.
const LISTED: usize = 8;
/// How much of an unknown id a message quotes, in characters.
const SHOWN_CHARS: usize = 120;

/// An article by id or unique prefix, read from the store with its blocks and mentions.
pub fn article(store: &dyn CorpusStore, id: &str) -> Result<LinkedArticle, CliError> {
    if let Some(found) = store.article(id)? {
        return Ok(found);
    }
    let rows = store.rows()?;
    let ids: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    let key = ids[find(&ids, id, "article", "dossier list")?];
    store
        .article(key)?
        .ok_or_else(|| CliError::Request(format!("article `{}` is not loaded", visible(key))))
}

/// An entity by id, by its name or an alias (case and diacritics folded: `putin`,
/// `schoigu`), or by a unique prefix of its id; a miss suggests the closest. One rule for
/// every `--entity` option (`corpus::resolve`).
pub fn entity(catalogue: &Catalogue, id: &str) -> Result<EntityId, CliError> {
    resolve_entity(catalogue, id).map_err(|e| CliError::Request(e.to_string()))
}

/// The index of `wanted` in `ids`, by normal form, then by prefix. `what` names the kind of id and
/// `listing` the command that lists them.
fn find(ids: &[&str], wanted: &str, what: &str, listing: &str) -> Result<usize, CliError> {
    let shown = visible(&truncate(wanted, SHOWN_CHARS)).into_owned();
    let nfc = |s: &str| -> String { s.nfc().collect() };
    let query = nfc(wanted);
    if query.is_empty() {
        return Err(CliError::Request(format!(
            "empty {what} id; `{listing}` shows the ids"
        )));
    }
    let normal: Vec<String> = ids.iter().map(|id| nfc(id)).collect();
    if let Some(i) = normal.iter().position(|id| *id == query) {
        return Ok(i);
    }
    let matching: Vec<usize> = normal
        .iter()
        .enumerate()
        .filter(|(_, id)| id.starts_with(&query))
        .map(|(i, _)| i)
        .collect();
    match matching[..] {
        [only] => Ok(only),
        [] => {
            // Edit distance is quadratic: a pasted page is not a typo.
            let hint = if wanted.len() <= SHOWN_CHARS {
                did_you_mean(wanted, ids.iter().copied())
            } else {
                String::new()
            };
            Err(CliError::Request(format!(
                "unknown {what} `{shown}`{hint}; `{listing}` shows the ids"
            )))
        }
        ref several => {
            let mut names: Vec<String> = several
                .iter()
                .take(LISTED)
                .map(|&i| format!("`{}`", visible(ids[i])))
                .collect();
            if several.len() > LISTED {
                names.push(format!("{} more", several.len() - LISTED));
            }
            Err(CliError::Request(format!(
                "{what} `{shown}` is ambiguous: it begins {} ids: {}",
                several.len(),
                names.join(", ")
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: &[&str] = &[
        "vice-2015-kim",
        "standard-2023",
        "standard-2024",
        "pjöngjang",
    ];

    fn message(r: Result<usize, CliError>) -> String {
        r.unwrap_err().to_string()
    }

    #[test]
    fn a_unique_prefix_finds_its_id() {
        assert_eq!(find(IDS, "vice", "article", "l").unwrap(), 0);
        assert_eq!(find(IDS, "standard-2024", "article", "l").unwrap(), 2);
    }

    #[test]
    fn an_ambiguous_prefix_lists_its_candidates() {
        let m = message(find(IDS, "standard", "article", "l"));
        assert!(m.contains("ambiguous"), "{m}");
        assert!(
            m.contains("`standard-2023`") && m.contains("`standard-2024`"),
            "{m}"
        );
    }

    #[test]
    fn an_nfd_id_finds_its_nfc_twin() {
        let nfd: String = "pjöngjang".nfd().collect();
        assert_ne!(nfd, "pjöngjang");
        assert_eq!(find(IDS, &nfd, "article", "l").unwrap(), 3);
        let nfd_prefix: String = "pjö".nfd().collect();
        assert_eq!(find(IDS, &nfd_prefix, "article", "l").unwrap(), 3);
    }

    #[test]
    fn control_characters_of_an_unknown_id_are_escaped() {
        let m = message(find(IDS, "x\u{1b}]0;PWNED\u{7}", "article", "l"));
        assert!(!m.contains('\u{1b}') && !m.contains('\u{7}'), "{m:?}");
        assert!(m.contains("x\\u{1b}]0;PWNED\\u{7}"), "{m}");
    }

    #[test]
    fn an_empty_id_is_not_a_prefix_of_everything() {
        assert!(message(find(IDS, "", "article", "l")).contains("empty"));
    }
}
