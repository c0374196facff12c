//! The best passages of an article for a query: the blocks that hold the most of what was asked
//! (text clauses and `@entity` terms), each with a snippet around its matches and the byte
//! ranges of the matched words inside the snippet. Shared by every store, so a search shows the
//! same passages whichever store answered it.

use std::ops::Range;

use super::article::{Article, Place};
use super::ids::EntityId;
use super::linker::Mention;
use super::query::Query;
use super::terms::{Language, Terms};

/// Bytes of context kept before the first match of a snippet.
const BEFORE: usize = 60;
/// Bytes a snippet aims at in all.
const SNIPPET: usize = 220;

/// One passage: a block of the article and a snippet of it with the matches marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// The block's index in the article (as `dossier mentions` and `show --json` count).
    pub block: usize,
    /// A piece of the block's text, cut at word boundaries.
    pub snippet: String,
    /// Where the snippet starts in the block's text.
    pub start: usize,
    /// Whether text was cut before / after the snippet.
    pub cut_before: bool,
    pub cut_after: bool,
    /// Byte ranges of the matches inside `snippet`, sorted and disjoint.
    pub ranges: Vec<Range<usize>>,
}

impl Passage {
    /// The first match as a byte range of the block's text (the snippet's start when there
    /// is none).
    pub fn first_match(&self) -> std::ops::Range<usize> {
        self.ranges.first().map_or(self.start..self.start, |r| {
            self.start + r.start..self.start + r.end
        })
    }

    /// The snippet with each match in `[brackets]` and `…` where text was cut.
    pub fn marked(&self) -> String {
        let mut out = String::with_capacity(self.snippet.len() + 8);
        if self.cut_before {
            out.push('…');
        }
        let mut at = 0;
        for r in &self.ranges {
            out.push_str(&self.snippet[at..r.start]);
            out.push('[');
            out.push_str(&self.snippet[r.clone()]);
            out.push(']');
            at = r.end;
        }
        out.push_str(&self.snippet[at..]);
        if self.cut_after {
            out.push('…');
        }
        out
    }
}

/// Up to `limit` passages of `article`, best first: a block ranks by how many of the query's
/// clauses and entity terms it satisfies, then by its number of matches, then by its place.
/// `entities[i]` lists the catalogue indices that `@term` number `i` stands for; `mentions`
/// are the article's mentions.
pub fn best_passages(
    article: &Article,
    mentions: &[Mention],
    query: &Query,
    entities: &[Vec<EntityId>],
    limit: usize,
) -> Vec<Passage> {
    let mut terms = Terms::new(Language::from_tag(&article.front.language));
    let mut ranked: Vec<(usize, usize, usize, Vec<Range<usize>>)> = Vec::new();
    for (b, block) in article.blocks.iter().enumerate() {
        let spans = terms.spans(&block.text);
        let stream: Vec<String> = spans.iter().map(|(_, t)| t.clone()).collect();
        let mut ranges: Vec<Range<usize>> = Vec::new();
        let mut satisfied = 0;
        for clause in &query.clauses {
            let mut found = false;
            for phrase in &clause.forms {
                for start in phrase.starts_in(&stream) {
                    let last = start + phrase.terms.len() - 1;
                    ranges.push(spans[start].0.start..spans[last].0.end);
                    found = true;
                }
            }
            satisfied += usize::from(found);
        }
        for wanted in entities {
            let mut found = false;
            for m in mentions
                .iter()
                .filter(|m| m.place == Place::Block(b) && m.entities().any(|e| wanted.contains(&e)))
            {
                ranges.push(m.range.clone());
                found = true;
            }
            satisfied += usize::from(found);
        }
        if satisfied > 0 {
            ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
            let mut merged: Vec<Range<usize>> = Vec::new();
            for r in ranges {
                match merged.last_mut() {
                    Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                    _ => merged.push(r),
                }
            }
            let count = merged.len();
            ranked.push((satisfied, count, b, merged));
        }
    }
    ranked.sort_by(|x, y| y.0.cmp(&x.0).then(y.1.cmp(&x.1)).then(x.2.cmp(&y.2)));
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, _, b, ranges)| snippet(&article.blocks[b].text, b, &ranges))
        .collect()
}

/// Cuts a snippet of `text` around the first of `ranges`.
fn snippet(text: &str, block: usize, ranges: &[Range<usize>]) -> Passage {
    let (first, first_end) = ranges.first().map_or((0, 0), |r| (r.start, r.end));
    let mut start = floor_boundary(text, first.saturating_sub(BEFORE));
    if start > 0 {
        // Start at a word: after the next space, unless that passes the match.
        if let Some(space) = text[start..first].find(' ') {
            start += space + 1;
        }
    }
    let want_end = (start + SNIPPET).max(first_end);
    let mut end = floor_boundary(text, want_end.min(text.len()));
    if end < text.len()
        && let Some(space) = text[start..end].rfind(' ')
        && start + space >= first_end
    {
        end = start + space;
    }
    let kept: Vec<Range<usize>> = ranges
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| r.start - start..r.end - start)
        .collect();
    Passage {
        block,
        snippet: text[start..end].to_string(),
        start,
        cut_before: start > 0,
        cut_after: end < text.len(),
        ranges: kept,
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::article::parse_article;

    fn article(body: &str) -> Article {
        let text = format!("+++\ntitle = \"T\"\ndate = \"2024\"\nsource = \"S\"\n+++\n\n{body}\n");
        parse_article("t", "t.md", text.as_bytes()).expect("article")
    }

    #[test]
    fn the_block_with_every_term_ranks_first_and_matches_are_marked() {
        let a = article(
            "Putin sprach lange.\n\nIn Wladiwostok traf Putin den Gast.\n\nWladiwostok liegt am Meer.",
        );
        let found = best_passages(&a, &[], &Query::parse("putin wladiwostok"), &[], 3);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].block, 1);
        assert_eq!(found[0].marked(), "In [Wladiwostok] traf [Putin] den Gast.");
    }

    #[test]
    fn word_forms_are_marked_as_the_text_spells_them() {
        let a = article("Die neuen Sanktionen treffen Nordkoreas Wirtschaft.");
        let found = best_passages(&a, &[], &Query::parse("Sanktion"), &[], 1);
        assert_eq!(
            found[0].marked(),
            "Die neuen [Sanktionen] treffen Nordkoreas Wirtschaft."
        );
    }

    #[test]
    fn long_blocks_are_cut_around_the_first_match_at_word_boundaries() {
        let filler = "wort ".repeat(100);
        let a = article(&format!("{filler}Schoigu kam. {filler}"));
        let found = best_passages(&a, &[], &Query::parse("schoigu"), &[], 1);
        let p = &found[0];
        assert!(p.cut_before && p.cut_after);
        assert!(p.snippet.len() <= SNIPPET + 1);
        assert!(p.snippet.starts_with("wort") && p.snippet.ends_with("wort"));
        assert_eq!(&p.snippet[p.ranges[0].clone()], "Schoigu");
    }

    #[test]
    fn entity_terms_mark_the_mentions() {
        let a = article("Erst Schoigu.\n\nDann nichts.");
        let entity = EntityId::from_index(7);
        let mention = Mention::new(
            crate::corpus::ids::ArticleId::from_index(0),
            Place::Block(0),
            5..12,
            entity,
        );
        let found = best_passages(
            &a,
            &[mention],
            &Query::parse("@schoigu"),
            &[vec![entity]],
            3,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].marked(), "Erst [Schoigu].");
    }
}
