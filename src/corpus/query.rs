//! A full-text query: words (all required), `"phrases"`, `prefix*` and `@entity` terms, and
//! the ranking both stores share. Every word is folded and looked for in each of its forms (its
//! German stem, its English stem, the folded word), so the query matches an article whatever
//! its language. The same `Query` is written as an FTS5 expression for the SQLite index and
//! evaluated here for the in-memory store, with FTS5's bm25 reproduced to the last bit.

use super::article::Article;
use super::terms::{self, Language, Terms};

/// One form of a query term: consecutive index terms, the last one a prefix if `prefix`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub terms: Vec<String>,
    pub prefix: bool,
}

/// One thing the user asked for: any of its forms must occur.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// What the user typed, for messages.
    pub text: String,
    pub forms: Vec<Phrase>,
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Text clauses, all required.
    pub clauses: Vec<Clause>,
    /// `@term`s (without the `@`), each of which must name an entity the article mentions.
    pub entities: Vec<String>,
}

/// bm25 parameters, as FTS5 has them.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Column weights in bm25: the head (title, source, date) counts twice the body.
pub const WEIGHTS: [f64; 2] = [2.0, 1.0];

impl Query {
    /// Parses what the user typed. Words are separated by white space; `"…"` is a phrase (an
    /// unclosed quote runs to the end); `word*` matches words that start with `word`; `@term`
    /// is an entity term. A hyphenated word (`Jong-un`) is a phrase of its parts.
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        let mut rest = input.trim();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('"') {
                let end = after.find('"').unwrap_or(after.len());
                query.push_text(&after[..end], true);
                rest = after.get(end + 1..).unwrap_or("").trim_start();
                continue;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            let item = &rest[..end];
            rest = rest[end..].trim_start();
            match item.strip_prefix('@') {
                Some(entity) if !entity.is_empty() => query.entities.push(entity.to_string()),
                Some(_) => {}
                None => query.push_text(item, false),
            }
        }
        query
    }

    fn push_text(&mut self, text: &str, quoted: bool) {
        let prefix = !quoted && text.ends_with('*');
        let words: Vec<String> = terms::words(text)
            .map(|(_, w)| terms::folded(w))
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return;
        }
        let mut forms: Vec<Phrase> = Vec::new();
        for language in Language::QUERY_FORMS {
            let last = words.len() - 1;
            let phrase = Phrase {
                terms: words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        if prefix && i == last {
                            w.clone()
                        } else {
                            terms::stem(w, language)
                        }
                    })
                    .collect(),
                prefix,
            };
            if !forms.contains(&phrase) {
                forms.push(phrase);
            }
        }
        self.clauses.push(Clause {
            text: text.to_string(),
            forms,
        });
    }

    /// Whether nothing at all was asked.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty() && self.entities.is_empty()
    }

    /// Every form of every clause, in the order FTS5 numbers the phrases of `fts_expression`.
    pub fn phrases(&self) -> impl Iterator<Item = &Phrase> {
        self.clauses.iter().flat_map(|c| c.forms.iter())
    }

    /// The text clauses as an FTS5 MATCH expression; `None` when there are none. Terms hold
    /// only letters and digits, so quoting them is always safe.
    pub fn fts_expression(&self) -> Option<String> {
        if self.clauses.is_empty() {
            return None;
        }
        let clauses: Vec<String> = self
            .clauses
            .iter()
            .map(|clause| {
                let forms: Vec<String> = clause
                    .forms
                    .iter()
                    .map(|p| {
                        format!(
                            "\"{}\"{}",
                            p.terms.join(" "),
                            if p.prefix { "*" } else { "" }
                        )
                    })
                    .collect();
                format!("({})", forms.join(" OR "))
            })
            .collect();
        Some(clauses.join(" AND "))
    }
}

impl Phrase {
    /// How often the phrase occurs in a stream of terms.
    pub fn count_in(&self, stream: &[String]) -> usize {
        self.starts_in(stream).count()
    }

    /// Where the phrase starts in a stream of terms.
    pub fn starts_in<'a>(&'a self, stream: &'a [String]) -> impl Iterator<Item = usize> + 'a {
        let n = self.terms.len();
        (0..(stream.len() + 1).saturating_sub(n)).filter(move |&at| {
            self.terms.iter().enumerate().all(|(i, term)| {
                let word = &stream[at + i];
                if self.prefix && i + 1 == n {
                    word.starts_with(term.as_str())
                } else {
                    word == term
                }
            })
        })
    }
}

/// The indexed text of one article: its head (title, source, date) and body as terms.
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub columns: [Vec<String>; 2],
}

/// The term that stands between two fields or paragraphs in an indexed column. It is not a
/// word character, so no query term ever equals it or starts with it, and a phrase can never
/// match across it; FTS5's `ascii` tokenizer keeps non-ASCII characters in tokens, so the
/// index sees it as one term, as the in-memory store does.
pub const BOUNDARY: &str = "\u{b6}";

/// Appends the terms of each of `texts` to `out`, with `BOUNDARY` between texts that have
/// terms.
fn append_fields<'a>(texts: impl Iterator<Item = &'a String>, terms: &mut Terms, out: &mut String) {
    for text in texts {
        let before = out.len();
        if before > 0 {
            out.push(' ');
            out.push_str(BOUNDARY);
        }
        if terms.append(text, out) == 0 {
            out.truncate(before);
        }
    }
}

/// The two indexed columns of an article as space-separated terms: the head (title, source,
/// date, author) and the body (lead and blocks), each field and each block apart from the
/// next by `BOUNDARY`, so a phrase stays within one. The index and the in-memory store both
/// take their text from here.
pub fn columns(article: &Article, terms: &mut Terms) -> [String; 2] {
    terms.set_language(Language::from_tag(&article.front.language));
    let front = &article.front;
    let mut head = String::new();
    append_fields(
        [&front.title, &front.source, &front.date]
            .into_iter()
            .chain(front.author.as_ref()),
        terms,
        &mut head,
    );
    let size: usize = article.blocks.iter().map(|b| b.text.len()).sum();
    let mut body = String::with_capacity(size);
    append_fields(
        front
            .lead
            .iter()
            .chain(article.blocks.iter().map(|b| &b.text)),
        terms,
        &mut body,
    );
    [head, body]
}

impl Document {
    /// The document of an article, as the index holds it.
    pub fn of(article: &Article, terms: &mut Terms) -> Document {
        let split = |s: String| -> Vec<String> {
            s.split(' ')
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect()
        };
        let [head, body] = columns(article, terms);
        Document {
            columns: [split(head), split(body)],
        }
    }

    fn len(&self) -> usize {
        self.columns.iter().map(Vec::len).sum()
    }

    fn count(&self, phrase: &Phrase) -> [usize; 2] {
        [
            phrase.count_in(&self.columns[0]),
            phrase.count_in(&self.columns[1]),
        ]
    }
}

/// FTS5's bm25 over `documents` for `query`'s text clauses: for every document that holds
/// every clause, its score (negative; lower is better, as FTS5 ranks). Documents are indexed
/// by position.
pub fn bm25(query: &Query, documents: &[Document]) -> Vec<Option<f64>> {
    let phrases: Vec<&Phrase> = query.phrases().collect();
    let rows = documents.len() as f64;
    let total: usize = documents.iter().map(Document::len).sum();
    let average = if documents.is_empty() {
        0.0
    } else {
        total as f64 / rows
    };
    let counts: Vec<Vec<[usize; 2]>> = documents
        .iter()
        .map(|d| phrases.iter().map(|p| d.count(p)).collect())
        .collect();
    let idf: Vec<f64> = (0..phrases.len())
        .map(|i| {
            let hits = counts.iter().filter(|c| c[i][0] + c[i][1] > 0).count() as f64;
            let idf = ((rows - hits + 0.5) / (hits + 0.5)).ln();
            if idf <= 0.0 { 1e-6 } else { idf }
        })
        .collect();
    documents
        .iter()
        .zip(&counts)
        .map(|(document, counts)| {
            let mut phrase = 0;
            for clause in &query.clauses {
                let found = clause.forms.iter().enumerate().any(|(f, _)| {
                    let c = counts[phrase + f];
                    c[0] + c[1] > 0
                });
                if !found {
                    return None;
                }
                phrase += clause.forms.len();
            }
            let length = document.len() as f64;
            let mut score = 0.0;
            for (i, c) in counts.iter().enumerate() {
                let frequency = WEIGHTS[0] * c[0] as f64 + WEIGHTS[1] * c[1] as f64;
                score += idf[i] * (frequency * (K1 + 1.0))
                    / (frequency + K1 * (1.0 - B + B * length / average));
            }
            Some(-score)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(words: &str) -> Vec<String> {
        words.split(' ').map(String::from).collect()
    }

    #[test]
    fn words_phrases_prefixes_and_entities_are_told_apart() {
        let q = Query::parse(r#"Sanktionen "Kim Jong-un" wladi* @schoigu"#);
        assert_eq!(q.entities, vec!["schoigu"]);
        assert_eq!(q.clauses.len(), 3);
        assert_eq!(q.clauses[0].forms[0].terms, vec!["sanktion"]);
        assert_eq!(q.clauses[1].forms[0].terms, vec!["kim", "jong", "un"]);
        assert!(q.clauses[2].forms.iter().all(|p| p.prefix));
        assert_eq!(q.clauses[2].forms.len(), 1, "a prefix is not stemmed");
    }

    #[test]
    fn every_clause_is_required_and_each_form_is_an_alternative() {
        let q = Query::parse("putin 2019");
        assert_eq!(
            q.fts_expression().as_deref(),
            Some(r#"("putin") AND ("2019")"#)
        );
        let q = Query::parse("Sanktionen");
        assert_eq!(
            q.fts_expression().as_deref(),
            Some(r#"("sanktion" OR "sanktionen")"#)
        );
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end_and_lone_symbols_are_ignored() {
        let q = Query::parse(r#""kim jong"#);
        assert_eq!(q.clauses.len(), 1);
        assert_eq!(q.clauses[0].forms[0].terms, vec!["kim", "jong"]);
        assert!(Query::parse(" @ - * \"\" ").is_empty());
    }

    #[test]
    fn phrases_match_consecutive_terms_and_prefixes_the_last() {
        let p = Phrase {
            terms: stream("kim jong"),
            prefix: true,
        };
        assert_eq!(p.count_in(&stream("kim jong un kim jongil kim x jong")), 2);
        let p = Phrase {
            terms: stream("kim jong"),
            prefix: false,
        };
        assert_eq!(p.count_in(&stream("kim jongs kim jong")), 1);
    }

    #[test]
    fn bm25_ranks_the_denser_document_first_and_needs_every_clause() {
        let doc = |body: &str| Document {
            columns: [Vec::new(), stream(body)],
        };
        let docs = vec![
            doc("a b c d e f"),
            doc("putin x putin y"),
            doc("putin a b c d e f g"),
            doc("z z z z"),
        ];
        let scores = bm25(&Query::parse("putin"), &docs);
        assert!(scores[0].is_none() && scores[3].is_none());
        let (dense, sparse) = (scores[1].unwrap(), scores[2].unwrap());
        assert!(dense < sparse, "{dense} vs {sparse}");
        let both = bm25(&Query::parse("putin x"), &docs);
        assert!(both[1].is_some() && both[2].is_none());
    }
}
