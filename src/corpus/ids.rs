//! Typed ids. Articles, entities and mentions each have their own index space, so one can never
//! be passed for another. A mention is named by its article and its place among that article's
//! mentions, so it stays valid however many other articles are loaded or read lazily. These ids
//! are positions in one loaded corpus and never go to disk: what is stored names an article by
//! its `ArticleKey`, the file name without `.md`.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! index_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(usize);

        impl $name {
            /// The id of the `index`-th item of its kind in the corpus that made it.
            pub const fn from_index(index: usize) -> Self {
                $name(index)
            }

            /// The position in the corpus's list of this kind.
            pub const fn index(self) -> usize {
                self.0
            }
        }
    };
}

index_id!(
    /// An article of the loaded corpus (ordered by date, then key).
    ArticleId
);
index_id!(
    /// An entity of the catalogue (in catalogue order).
    EntityId
);
/// A mention: the `ordinal`-th mention (in document order: title, lead, then the body's
/// blocks; byte) of `article`. Ids order as the corpus does: by article, then in the text.
/// Ordinals live only as long as the loaded corpus: nothing stored names a mention by one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MentionId {
    pub article: ArticleId,
    pub ordinal: usize,
}

impl MentionId {
    pub const fn new(article: ArticleId, ordinal: usize) -> MentionId {
        MentionId { article, ordinal }
    }
}

/// The stable name of an article: its file name without `.md`. Shown to the user, accepted on
/// the command line, and the key of everything stored about an article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleKey(String);

impl ArticleKey {
    pub fn new(key: impl Into<String>) -> ArticleKey {
        ArticleKey(key.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for ArticleKey {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ArticleKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for ArticleKey {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ArticleKey {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn ids_round_trip_their_index_and_order_by_it() {
        assert_eq!(EntityId::from_index(7).index(), 7);
        assert!(ArticleId::from_index(1) < ArticleId::from_index(2));
        let m = |a, o| MentionId::new(ArticleId::from_index(a), o);
        assert!(m(0, 9) < m(1, 0), "mentions order by article first");
        assert!(m(1, 0) < m(1, 1));
    }

    #[test]
    fn article_key_is_stored_as_a_plain_string_and_looked_up_by_str() {
        let key = ArticleKey::new("standard-2023");
        assert_eq!(serde_json::to_string(&key).unwrap(), "\"standard-2023\"");
        let back: ArticleKey = serde_json::from_str("\"standard-2023\"").unwrap();
        assert_eq!(back, key);
        let map = HashMap::from([(key.clone(), 1)]);
        assert_eq!(map.get("standard-2023"), Some(&1));
        assert_eq!(key.to_string(), "standard-2023");
        assert!(key == "standard-2023");
    }
}
