//! German elided compounds: in "Nord- und Südkorea" or "nicht nur in Nord-, sondern auch in
//! Südkorea" the hyphen stands for the end of the word that follows ("Nord-" is "Nordkorea").
//! After a block is linked, each word ending in such a hyphen is completed with the end of the
//! next mention nearby; when that makes a form of exactly one entity, it is a mention of it.

use super::{Linker, Mention};
use crate::corpus::article::Place;
use crate::corpus::ids::ArticleId;

/// How far after the hyphen the completing mention may start, in bytes.
const REACH: usize = 80;

/// Adds the mentions of elided compounds in the text at `place` (`text`), whose mentions are
/// `mentions[first..]`, keeping them in order.
pub(super) fn complete(
    linker: &Linker,
    article: ArticleId,
    place: Place,
    text: &str,
    mentions: &mut Vec<Mention>,
    first: usize,
) {
    let bytes = text.as_bytes();
    // (position among the block's mentions, new mention), in order; merged once at the end,
    // so a block with many elisions costs one pass, not one shift each.
    let mut found: Vec<(usize, Mention)> = Vec::new();
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'-', &bytes[from..]) {
        let hyphen = from + at;
        from = hyphen + 1;
        if !matches!(bytes.get(hyphen + 1), Some(b' ' | b',')) {
            continue;
        }
        let word_start = text[..hyphen]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map(|(i, _)| i);
        let Some(word_start) = word_start else {
            continue;
        };
        let word = &text[word_start..hyphen];
        let block = &mentions[first..];
        let next = block.partition_point(|m| m.range.start <= hyphen);
        // Mentions are sorted and disjoint: only the one just before can reach into the word.
        if next > 0 && block[next - 1].range.end > word_start {
            continue;
        }
        let Some(following) = block.get(next).filter(|m| m.range.start - hyphen <= REACH) else {
            continue;
        };
        let Some(whole) = text.get(following.range.clone()) else {
            continue;
        };
        let entity = whole.char_indices().skip(1).find_map(|(i, c)| {
            if !c.is_lowercase() {
                return None;
            }
            let candidate = format!("{word}{}", &whole[i..]);
            let stripped = candidate.strip_suffix('s').unwrap_or(&candidate);
            linker
                .sole_entity_of(&candidate)
                .or_else(|| linker.sole_entity_of(stripped))
        });
        if let Some(entity) = entity
            && entity != following.entity
        {
            found.push((
                next,
                Mention::new(article, place, word_start..hyphen + 1, entity),
            ));
        }
    }
    if found.is_empty() {
        return;
    }
    let tail = mentions.split_off(first);
    let mut found = found.into_iter().peekable();
    for (i, m) in tail.into_iter().enumerate() {
        while let Some((_, new)) = found.next_if(|(at, _)| *at == i) {
            mentions.push(new);
        }
        mentions.push(m);
    }
    mentions.extend(found.map(|(_, new)| new));
}
