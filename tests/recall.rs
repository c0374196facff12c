//! Mention recall and article-level links of the bundled corpus against a hand count
//! (`tests/fixtures/hand-mentions.toml`, made by reading the five articles): every mention of
//! every catalogue entity, with the entity the sentence means. The linker must find at least
//! 98% of the (mention, entity) pairs, link nothing the count does not have, and name the
//! right entities per article (F1 ≥ 0.99). `cargo test --test recall -- --nocapture` prints
//! the figures and every miss.

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use dossier::corpus::Corpus;
use dossier::corpus::ids::ArticleId;
use dossier::corpus::linker::Mention;
use dossier::load::load_corpus;
use dossier::paths::{Inputs, Origin};
use serde::Deserialize;

#[derive(Deserialize)]
struct Count {
    block: Vec<HandBlock>,
}

#[derive(Deserialize)]
struct HandBlock {
    article: String,
    /// The block's first words, or `title` / `lead`.
    starts: String,
    /// `[text, entity, further entities…]`.
    mentions: Vec<Vec<String>>,
}

/// Where a block is: the article, and the body block or header block (title 0, lead 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Place {
    Body(usize),
    Header(usize),
}

/// One (mention, entity) pair.
#[derive(Clone, Debug)]
struct Pair {
    article: ArticleId,
    place: Place,
    range: Range<usize>,
    text: String,
    entity: String,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let inputs = Inputs {
            articles: Origin::Bundled,
            catalogue: Origin::Bundled,
            keys: None,
            config: None,
            follow_links: false,
        };
        load_corpus(&inputs).expect("the bundled corpus loads")
    })
}

fn block_text(c: &Corpus, article: ArticleId, place: Place) -> String {
    let a = c.article(article).unwrap();
    match place {
        Place::Body(b) => a.blocks[b].text.clone(),
        Place::Header(h) => a.header_blocks()[h].text.clone(),
    }
}

/// The first occurrence of `words` in `text` at or after `from` that is not part of a longer
/// word ("Nordkorea" is not found in "Nordkoreanische").
fn find_word(text: &str, from: usize, words: &str) -> Option<usize> {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text[from..]
        .match_indices(words)
        .map(|(at, _)| from + at)
        .find(|&at| {
            let before = text[..at].chars().next_back();
            let after = text[at + words.len()..].chars().next();
            let glued_before = alnum(words.chars().next()) && alnum(before);
            let glued_after = alnum(words.chars().next_back()) && alnum(after);
            !glued_before && !glued_after
        })
}

/// The hand count as pairs, each placed in its block.
fn hand_pairs() -> Vec<Pair> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hand-mentions.toml"
    );
    let count: Count = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let c = corpus();
    let mut pairs = Vec::new();
    let mut seen_blocks = HashSet::new();
    for hand in &count.block {
        let article = c
            .article_id(&hand.article)
            .unwrap_or_else(|| panic!("no article {}", hand.article));
        let place = match hand.starts.as_str() {
            "title" => Place::Header(0),
            "lead" => Place::Header(1),
            starts => {
                let found: Vec<usize> = c
                    .article(article)
                    .unwrap()
                    .blocks
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.text.starts_with(starts))
                    .map(|(i, _)| i)
                    .collect();
                assert_eq!(
                    found.len(),
                    1,
                    "{}: block starting {starts:?}",
                    hand.article
                );
                Place::Body(found[0])
            }
        };
        assert!(
            seen_blocks.insert((article, place)),
            "{} {place:?} twice",
            hand.article
        );
        let text = block_text(c, article, place);
        let mut from = 0;
        for m in &hand.mentions {
            let at = find_word(&text, from, &m[0]).unwrap_or_else(|| {
                panic!("{}: `{}` not found after byte {from}", hand.article, m[0])
            });
            let range = at..at + m[0].len();
            from = range.end;
            for entity in &m[1..] {
                assert!(c.catalogue.get(entity).is_some(), "unknown entity {entity}");
                pairs.push(Pair {
                    article,
                    place,
                    range: range.clone(),
                    text: m[0].clone(),
                    entity: entity.clone(),
                });
            }
        }
    }
    pairs
}

/// What the linker found, as pairs.
fn linked_pairs() -> Vec<Pair> {
    let c = corpus();
    let mut pairs = Vec::new();
    let mut add = |article: ArticleId, place: Place, m: &Mention| {
        let text = block_text(c, article, place);
        for e in m.entities() {
            pairs.push(Pair {
                article,
                place,
                range: m.range.clone(),
                text: text[m.range.clone()].to_string(),
                entity: c.entity(e).unwrap().id.clone(),
            });
        }
    };
    for (id, _) in c.iter_articles() {
        for m in c.links.in_article(id) {
            let place = match m.place {
                dossier::corpus::article::Place::Title => Place::Header(0),
                dossier::corpus::article::Place::Lead => Place::Header(1),
                dossier::corpus::article::Place::Block(b) => Place::Body(b),
            };
            add(id, place, m);
        }
    }
    pairs
}

struct Scores {
    hand: usize,
    linked: usize,
    misses: Vec<Pair>,
    wrong: Vec<Pair>,
    article_f1: f64,
}

fn score() -> &'static Scores {
    static SCORES: OnceLock<Scores> = OnceLock::new();
    SCORES.get_or_init(|| {
        let hand = hand_pairs();
        let linked = linked_pairs();
        let mut used = vec![false; linked.len()];
        let mut misses = Vec::new();
        for h in &hand {
            let found = linked.iter().enumerate().position(|(i, l)| {
                !used[i]
                    && l.article == h.article
                    && l.place == h.place
                    && l.entity == h.entity
                    && l.range.start < h.range.end
                    && h.range.start < l.range.end
            });
            match found {
                Some(i) => used[i] = true,
                None => misses.push(h.clone()),
            }
        }
        let wrong: Vec<Pair> = linked
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(l, _)| l.clone())
            .collect();
        let by_article = |pairs: &[Pair]| -> BTreeSet<(ArticleId, String)> {
            pairs.iter().map(|p| (p.article, p.entity.clone())).collect()
        };
        let (h, l) = (by_article(&hand), by_article(&linked));
        let common = h.intersection(&l).count() as f64;
        let (precision, recall) = (common / l.len() as f64, common / h.len() as f64);
        let article_f1 = 2.0 * precision * recall / (precision + recall);
        let c = corpus();
        let name = |p: &Pair| c.article(p.article).unwrap().id.to_string();
        println!(
            "hand count: {} pairs; linked: {} pairs; recall {:.4}; mention precision {:.4}; article-level F1 {:.4}",
            hand.len(),
            linked.len(),
            1.0 - misses.len() as f64 / hand.len() as f64,
            1.0 - wrong.len() as f64 / linked.len() as f64,
            article_f1
        );
        for m in &misses {
            println!("missed: {} {:?} `{}` {}", name(m), m.place, m.text, m.entity);
        }
        for w in &wrong {
            println!("not in the hand count: {} {:?} `{}` {}", name(w), w.place, w.text, w.entity);
        }
        Scores {
            hand: hand.len(),
            linked: linked.len(),
            misses,
            wrong,
            article_f1,
        }
    })
}

#[test]
fn mention_recall_against_the_hand_count_is_at_least_098() {
    let s = score();
    let recall = 1.0 - s.misses.len() as f64 / s.hand as f64;
    assert!(recall >= 0.98, "recall {recall:.4}; misses: {:?}", s.misses);
}

#[test]
fn the_linker_links_nothing_the_hand_count_does_not_have() {
    let s = score();
    assert!(s.linked > 0);
    assert!(
        s.wrong.is_empty(),
        "links not in the hand count: {:?}",
        s.wrong
    );
}

#[test]
fn article_level_links_have_f1_of_at_least_099() {
    let s = score();
    assert!(s.article_f1 >= 0.99, "article-level F1 {:.4}", s.article_f1);
}
