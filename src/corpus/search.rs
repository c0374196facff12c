//! Search, shared by the CLI and the reader: the one place that knows fuzzy-matcher.
//!
//! Queries and candidates are folded (case, diacritics) before matching. An article matches
//! on its title, source, date and the entities it names (names and aliases), best score wins;
//! a folded substring hit in the body ranks below every such match. `@term` keeps only
//! articles that name an entity matching `term`.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::Corpus;
use super::catalogue::Catalogue;
use super::fold::{fold, fold_str};
use super::ids::{ArticleId, EntityId};

/// How many characters of a title, source, date or entity name the fuzzy matcher looks at.
/// Fuzzy matching costs the product of query and candidate lengths, so a 1 MB title would
/// make each keystroke take seconds; beyond this the body search still finds the words.
pub const MATCHED_CHARS: usize = 512;

/// The first `MATCHED_CHARS` characters of `text`.
fn matched_part(text: &str) -> &str {
    match text.char_indices().nth(MATCHED_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// What made an article match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Source,
    Date,
    Entity(EntityId),
    Body,
}

/// One matching article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub article: ArticleId,
    /// Fuzzy score of the best field; body-only hits score 0.
    pub score: i64,
    pub field: Field,
}

/// Fuzzy matching on folded text.
pub struct Matcher {
    inner: SkimMatcherV2,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            inner: SkimMatcherV2::default().respect_case(),
        }
    }
}

impl Matcher {
    /// Score of an already folded query against an already folded candidate.
    pub fn score(&self, folded_candidate: &str, folded_query: &str) -> Option<i64> {
        if !is_subsequence(folded_query, folded_candidate) {
            return None;
        }
        let (score, indices) = self.inner.fuzzy_indices(folded_candidate, folded_query)?;
        (!is_scattered(folded_candidate, &indices)).then_some(score)
    }

    /// Char positions in the original `text` that a (raw) query matches, for highlighting;
    /// only the first `MATCHED_CHARS` characters are looked at.
    pub fn positions(&self, text: &str, query: &str) -> Option<Vec<usize>> {
        let folded_query = fold_str(query.trim());
        if folded_query.is_empty() {
            return None;
        }
        let folded = fold(matched_part(text));
        let (_, indices) = self.inner.fuzzy_indices(&folded.text, &folded_query)?;
        Some(folded.original_positions(&indices))
    }
}

/// A match is scattered, and no match at all, when too many of its runs of consecutive
/// characters start inside a word: "lawrow" is not "aLexAnder WoRontsoW". Runs that start a
/// word (initials, "kju" for "Kim Jong-un") are fine, and one run inside a word (a substring,
/// a typo) is always allowed.
fn is_scattered(candidate: &str, indices: &[usize]) -> bool {
    let allowed = 1 + indices.len() / 5;
    let mut mid_word_runs = 0;
    let mut previous_char: Option<char> = None;
    let mut previous_index: Option<usize> = None;
    let mut wanted = indices.iter().peekable();
    for (i, c) in candidate.chars().enumerate() {
        if wanted.peek() == Some(&&i) {
            wanted.next();
            let continues_run = previous_index.is_some_and(|p| p + 1 == i);
            let starts_mid_word = previous_char.is_some_and(char::is_alphanumeric);
            if !continues_run && starts_mid_word {
                mid_word_runs += 1;
                if mid_word_runs > allowed {
                    return true;
                }
            }
            previous_index = Some(i);
        }
        previous_char = Some(c);
    }
    false
}

/// Cheap pre-check: every query char appears in order in the candidate.
fn is_subsequence(query: &str, candidate: &str) -> bool {
    let mut rest = candidate.chars();
    query
        .chars()
        .filter(|c| *c != ' ')
        .all(|q| rest.any(|c| c == q))
}

/// Folded search keys of every article and entity, built once.
pub struct SearchIndex {
    matcher: Matcher,
    titles: Vec<String>,
    sources: Vec<String>,
    dates: Vec<String>,
    bodies: Vec<String>,
    /// Folded name and aliases of each entity.
    entity_forms: Vec<Vec<String>>,
}

impl SearchIndex {
    pub fn new(corpus: &Corpus) -> SearchIndex {
        let articles = &corpus.articles();
        SearchIndex {
            matcher: Matcher::default(),
            titles: articles.iter().map(|a| folded(&a.front.title)).collect(),
            sources: articles.iter().map(|a| folded(&a.front.source)).collect(),
            dates: articles.iter().map(|a| folded(&a.front.date)).collect(),
            bodies: articles
                .iter()
                .map(|a| {
                    let mut body = String::new();
                    for block in &a.blocks {
                        body.push_str(&fold_str(&block.text));
                        body.push('\n');
                    }
                    body
                })
                .collect(),
            entity_forms: corpus
                .catalogue
                .entities()
                .iter()
                .map(|e| e.surface_forms().map(folded).collect())
                .collect(),
        }
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Entities whose name or an alias matches, best first (ties: catalogue order).
    pub fn entities(&self, query: &str) -> Vec<(EntityId, i64)> {
        let query = fold_str(query.trim());
        if query.is_empty() {
            return (0..self.entity_forms.len())
                .map(|e| (EntityId::from_index(e), 0))
                .collect();
        }
        let mut found: Vec<(EntityId, i64)> = self
            .entity_scores(&query)
            .into_iter()
            .enumerate()
            .filter_map(|(e, s)| s.map(|s| (EntityId::from_index(e), s)))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        found
    }

    fn entity_scores(&self, folded_query: &str) -> Vec<Option<i64>> {
        self.entity_forms
            .iter()
            .map(|forms| {
                forms
                    .iter()
                    .filter_map(|f| self.matcher.score(f, folded_query))
                    .max()
            })
            .collect()
    }

    /// Articles matching `query`, best first. An empty query matches every article, in order.
    pub fn search(&self, corpus: &Corpus, query: &str) -> Vec<Hit> {
        let all: Vec<ArticleId> = (0..self.titles.len()).map(ArticleId::from_index).collect();
        self.search_within(corpus, query, &all)
    }

    /// Like `search`, over a subset of articles (the reader narrows the previous result when a
    /// query grows).
    pub fn search_within(&self, corpus: &Corpus, query: &str, articles: &[ArticleId]) -> Vec<Hit> {
        let trimmed = query.trim();
        if let Some(entity_query) = trimmed.strip_prefix('@') {
            return self.search_by_entity(corpus, entity_query, articles);
        }
        let query = fold_str(trimmed);
        if query.is_empty() {
            return articles
                .iter()
                .map(|&article| Hit {
                    article,
                    score: 0,
                    field: Field::Title,
                })
                .collect();
        }
        let entity_scores = self.entity_scores(&query);
        let body_finder = memchr::memmem::Finder::new(query.as_bytes());
        let mut hits: Vec<Hit> = Vec::new();
        for &article in articles {
            let mut best: Option<(i64, Field)> = None;
            let mut consider = |score: Option<i64>, field: Field| {
                if let Some(score) = score
                    && best.is_none_or(|(b, _)| score > b)
                {
                    best = Some((score, field));
                }
            };
            consider(
                self.matcher.score(key(&self.titles, article), &query),
                Field::Title,
            );
            consider(
                self.matcher.score(key(&self.sources, article), &query),
                Field::Source,
            );
            consider(
                self.matcher.score(key(&self.dates, article), &query),
                Field::Date,
            );
            for &(entity, _) in corpus.links.entities_in(article) {
                consider(
                    entity_scores.get(entity.index()).copied().flatten(),
                    Field::Entity(entity),
                );
            }
            match best {
                Some((score, field)) => hits.push(Hit {
                    article,
                    score: score.max(1),
                    field,
                }),
                None if body_finder
                    .find(key(&self.bodies, article).as_bytes())
                    .is_some() =>
                {
                    hits.push(Hit {
                        article,
                        score: 0,
                        field: Field::Body,
                    })
                }
                None => {}
            }
        }
        rank(&mut hits);
        hits
    }

    fn search_by_entity(&self, corpus: &Corpus, query: &str, articles: &[ArticleId]) -> Vec<Hit> {
        let query = fold_str(query.trim());
        if query.is_empty() {
            return articles
                .iter()
                .filter(|&&a| !corpus.links.entities_in(a).is_empty())
                .map(|&article| Hit {
                    article,
                    score: 0,
                    field: Field::Title,
                })
                .collect();
        }
        let entity_scores = self.entity_scores(&query);
        let mut hits: Vec<Hit> = articles
            .iter()
            .filter_map(|&article| {
                corpus
                    .links
                    .entities_in(article)
                    .iter()
                    .filter_map(|&(e, _)| {
                        entity_scores
                            .get(e.index())
                            .copied()
                            .flatten()
                            .map(|s| (s, e))
                    })
                    .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
                    .map(|(score, entity)| Hit {
                        article,
                        score: score.max(1),
                        field: Field::Entity(entity),
                    })
            })
            .collect();
        rank(&mut hits);
        hits
    }
}

/// One article's folded search key; empty for an id of another corpus.
fn key(keys: &[String], article: ArticleId) -> &str {
    keys.get(article.index()).map_or("", String::as_str)
}

/// The folded form of the part of a field the fuzzy matcher sees.
fn folded(text: &str) -> String {
    fold_str(matched_part(text))
}

/// The entities whose name or an alias matches `term` (folded fuzzy match, as the reader's
/// `@` filter has it), in catalogue order. Needs only the catalogue, so every store uses it.
pub fn entities_matching(catalogue: &Catalogue, term: &str) -> Vec<EntityId> {
    let query = fold_str(term.trim());
    if query.is_empty() {
        return Vec::new();
    }
    let matcher = Matcher::default();
    catalogue
        .iter()
        .filter(|(_, e)| {
            e.surface_forms()
                .any(|f| matcher.score(&folded(f), &query).is_some())
        })
        .map(|(id, _)| id)
        .collect()
}

/// Best first; body-only hits after all field hits; ties in article order.
fn rank(hits: &mut [Hit]) {
    hits.sort_by(|a, b| {
        let tier = |h: &Hit| h.field == Field::Body;
        tier(a)
            .cmp(&tier(b))
            .then(b.score.cmp(&a.score))
            .then(a.article.cmp(&b.article))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsequence_precheck_matches_fuzzy_semantics() {
        assert!(is_subsequence("pjg", "pjongjang"));
        assert!(!is_subsequence("gjp", "pjongjang"));
        assert!(is_subsequence("kim jong", "kim jong-un"));
    }

    #[test]
    fn scattered_matches_are_no_matches() {
        let m = Matcher::default();
        assert!(m.score("alexander worontsow", "lawrow").is_none());
        assert!(m.score("sergei lawrow", "lawrow").is_some());
        assert!(m.score("kim jong-un", "kju").is_some(), "initials match");
        assert!(
            m.score("wladiwostok", "wladiwstok").is_some(),
            "one typo is fine"
        );
    }

    #[test]
    fn folded_queries_match_diacritics() {
        let m = Matcher::default();
        assert!(
            m.score(&fold_str("Pjöngjang"), &fold_str("pjongjang"))
                .is_some()
        );
        assert!(m.score(&fold_str("Rasŏn"), &fold_str("rason")).is_some());
        assert!(m.score(&fold_str("Rasŏn"), &fold_str("Raß")).is_none());
    }

    #[test]
    fn positions_point_into_the_original_text() {
        let m = Matcher::default();
        let text = "Maaßen in Pjöngjang";
        let positions = m.positions(text, "pjongjang").unwrap();
        let chars: Vec<char> = text.chars().collect();
        let picked: String = positions.iter().map(|&i| chars[i]).collect();
        assert_eq!(picked, "Pjöngjang");
    }

    #[test]
    fn positions_of_an_expanded_char_map_to_it_once() {
        let m = Matcher::default();
        let positions = m.positions("Maaßen", "maassen").unwrap();
        assert_eq!(positions, vec![0, 1, 2, 3, 4, 5]);
    }
}
