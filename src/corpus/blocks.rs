//! The body of an article: lines grouped into typed blocks (paragraph, heading, quote, caption,
//! reference, list), inner whitespace collapsed, inline markup turned into spans. Every block
//! keeps a map from its text back to file line:col, exact after collapsing and unmarking.

use super::article::{Block, BlockKind};
use super::inline::parse_inline;
use crate::diag::{MARK_SPACING, Position};

/// A line that opens a block of a given kind: the kind, the length of its markup prefix and
/// its number (references, numbered list items).
fn line_kind(line: &str) -> (BlockKind, usize, Option<u32>) {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        return (BlockKind::Heading, hashes + 1, None);
    }
    if line.starts_with('>') {
        let depth = line.bytes().take_while(|&b| b == b'>' || b == b' ').count();
        return (BlockKind::Quote, depth, None);
    }
    if line.starts_with("! ") {
        return (BlockKind::Caption, 2, None);
    }
    if let Some((n, prefix)) = reference_prefix(line) {
        return (BlockKind::Reference, prefix, Some(n));
    }
    if let Some((number, prefix)) = list_prefix(line) {
        return (BlockKind::List, prefix, number);
    }
    (BlockKind::Paragraph, 0, None)
}

/// `[n]: ` at the start of a line: the number and the prefix length.
fn reference_prefix(line: &str) -> Option<(u32, usize)> {
    let rest = line.strip_prefix('[')?;
    let digits = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=4).contains(&digits) || !rest[digits..].starts_with("]:") {
        return None;
    }
    let n = rest[..digits].parse().ok()?;
    let after = 1 + digits + 2;
    let spaces = line[after..].bytes().take_while(|&b| b == b' ').count();
    Some((n, after + spaces))
}

/// `- `, `* `, `+ ` or `n. ` / `n) ` (one to three digits) at the start of a line: the number
/// (for numbered items) and the prefix length.
fn list_prefix(line: &str) -> Option<(Option<u32>, usize)> {
    let bytes = line.as_bytes();
    if matches!(bytes.first(), Some(b'-' | b'*' | b'+')) && bytes.get(1) == Some(&b' ') {
        // `- ` but not a thematic break like `- - -` or `***`.
        if line.bytes().all(|b| b == bytes[0] || b == b' ') {
            return None;
        }
        return Some((None, 2));
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&digits)
        && matches!(bytes.get(digits), Some(b'.' | b')'))
        && bytes.get(digits + 1) == Some(&b' ')
    {
        return Some((line[..digits].parse().ok(), digits + 2));
    }
    None
}

/// Appends one source line's content (which starts at file position `origin`) to a block,
/// joined by one space and with inner whitespace runs collapsed to one space. An origin is
/// recorded at the line start, after every run that was not a single space and every
/// `MARK_SPACING` bytes, so positions map back to the file exactly and cheaply.
fn append_line(block: &mut Block, content: &str, origin: Position) {
    if content.is_empty() {
        return;
    }
    if !block.text.is_empty() {
        block.text.push(' ');
    }
    block.origins.push((block.text.len(), origin));
    let mut run = String::new();
    for (col, c) in (origin.col..).zip(content.chars()) {
        if c.is_whitespace() {
            run.push(c);
        } else {
            if !run.is_empty() {
                block.text.push(' ');
                if run != " " {
                    block.origins.push((
                        block.text.len(),
                        Position {
                            line: origin.line,
                            col,
                        },
                    ));
                }
                run.clear();
            }
            if block.text.len() - block.origins.last().map_or(0, |o| o.0) >= MARK_SPACING {
                let position = Position {
                    line: origin.line,
                    col,
                };
                block.origins.push((block.text.len(), position));
            }
            block.text.push(c);
        }
    }
}

/// Takes the inline markup out of a finished block's text; spans, list items and origins
/// move to the plain offsets.
fn unmark(block: &mut Block) {
    let parsed = parse_inline(&block.text);
    if parsed.text.len() == block.text.len() && parsed.spans.is_empty() {
        return;
    }
    // A source offset's place in the plain text: inside a kept piece it moves with the piece;
    // in removed markup it goes to the next kept byte.
    let map = |offset: usize| -> usize {
        let i = parsed.kept.partition_point(|&(from, _, _)| from <= offset);
        match i.checked_sub(1).map(|i| parsed.kept[i]) {
            Some((from, to, len)) if offset < from + len => to + offset - from,
            _ => parsed
                .kept
                .get(i)
                .map_or(parsed.text.len(), |&(_, to, _)| to),
        }
    };
    let mut origins: Vec<(usize, Position)> = parsed
        .kept
        .iter()
        .map(|&(from, to, _)| (to, block.position_of(from)))
        .collect();
    for &(offset, position) in &block.origins {
        let i = parsed.kept.partition_point(|&(from, _, _)| from <= offset);
        if let Some(&(from, to, len)) = i.checked_sub(1).map(|i| &parsed.kept[i])
            && offset < from + len
        {
            origins.push((to + offset - from, position));
        }
    }
    origins.sort_by_key(|&(offset, _)| offset);
    origins.dedup_by_key(|&mut (offset, _)| offset);
    if origins.first().is_none_or(|&(offset, _)| offset != 0) {
        origins.insert(0, (0, block.position_of(0)));
    }
    block.items = block
        .items
        .iter()
        .map(|r| map(r.start)..map(r.end))
        .collect();
    block.origins = origins;
    block.spans = parsed.spans;
    block.text = parsed.text;
}

/// Groups body lines into blocks. `first_line` is the file line number of `lines[0]`.
pub fn parse_blocks(lines: &[&str], first_line: usize) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<Block> = None;
    let finish = |open: &mut Option<Block>, blocks: &mut Vec<Block>| {
        if let Some(mut block) = open.take() {
            let trimmed = block.text.trim_end().len();
            block.text.truncate(trimmed);
            if let Some(last) = block.items.last_mut() {
                last.end = block.text.len();
            }
            block.items.retain(|r| r.start < r.end);
            unmark(&mut block);
            if !block.text.is_empty() {
                blocks.push(block);
            }
        }
    };
    let mut blank_before = true;
    for (i, raw_line) in lines.iter().enumerate() {
        let line_no = first_line + i;
        let indent = raw_line.len() - raw_line.trim_start().len();
        let line = raw_line.trim();
        if line.is_empty() {
            // A blank line between two items keeps a list open (a loose list).
            let list_goes_on = open.as_ref().is_some_and(|b| {
                b.kind == BlockKind::List
                    && lines[i + 1..]
                        .iter()
                        .find(|l| !l.trim().is_empty())
                        .and_then(|l| list_prefix(l.trim()))
                        .is_some_and(|(n, _)| n.is_some() == b.number.is_some())
            });
            if !list_goes_on {
                finish(&mut open, &mut blocks);
            }
            blank_before = true;
            continue;
        }
        let (mut kind, mut prefix, mut number) = line_kind(line);
        let open_kind = open.as_ref().map(|b| b.kind);
        // A numbered line inside a paragraph ("9. Mai" wrapped to the line start) continues
        // it; only `1.` or a bullet starts a list there, as in CommonMark.
        if kind == BlockKind::List
            && open_kind == Some(BlockKind::Paragraph)
            && !blank_before
            && number.is_some_and(|n| n != 1)
        {
            (kind, prefix, number) = (BlockKind::Paragraph, 0, None);
        }
        blank_before = false;
        let content = line[prefix..].trim();
        let col = raw_line[..indent + prefix].chars().count()
            + (line[prefix..].len() - line[prefix..].trim_start().len())
            + 1;
        let origin = Position { line: line_no, col };
        // A line continues the open block unless it starts a heading, a new reference, a list
        // item of a new list, or a block of another marked kind.
        let continues = match (open_kind, kind) {
            (None, _) => false,
            (Some(_), BlockKind::Heading) => false,
            (Some(_), BlockKind::Reference) => false,
            // A numbered item after bullets (or the reverse) starts a new list.
            (Some(BlockKind::List), BlockKind::List) => {
                open.as_ref().map(|b| b.number.is_some()) == Some(number.is_some())
            }
            (Some(b), BlockKind::Paragraph) => b != BlockKind::Heading,
            (Some(b), k) => b == k,
        };
        if continues {
            if let Some(block) = open.as_mut() {
                if kind == BlockKind::List {
                    // A new item: the previous one ends before the joining space.
                    if let Some(last) = block.items.last_mut() {
                        last.end = block.text.len();
                    }
                    let start = block.text.len() + usize::from(!block.text.is_empty());
                    block.items.push(start..start);
                }
                append_line(block, content, origin);
            }
        } else {
            finish(&mut open, &mut blocks);
            let mut block = Block {
                kind,
                number,
                ..Block::default()
            };
            if kind == BlockKind::List {
                block.items.push(0..0);
            }
            append_line(&mut block, content, origin);
            open = Some(block);
        }
        if kind == BlockKind::Heading {
            finish(&mut open, &mut blocks);
        }
    }
    finish(&mut open, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(body: &str) -> Vec<Block> {
        let lines: Vec<&str> = body.split('\n').collect();
        parse_blocks(&lines, 1)
    }

    fn items(block: &Block) -> Vec<&str> {
        block.items.iter().map(|r| &block.text[r.clone()]).collect()
    }

    #[test]
    fn bullet_lines_make_one_list_block_with_items() {
        let b = blocks(
            "Vorher.\n\n- erstens *kursiv*\n- zweitens\n  geht weiter\n* drittens\n\nDanach.",
        );
        assert_eq!(b.len(), 3);
        assert_eq!(b[1].kind, BlockKind::List);
        assert_eq!(b[1].number, None);
        assert_eq!(
            items(&b[1]),
            ["erstens kursiv", "zweitens geht weiter", "drittens"]
        );
        assert_eq!(&b[1].text[b[1].spans[0].range.clone()], "kursiv");
    }

    #[test]
    fn numbered_list_keeps_its_first_number_and_loose_items_stay_together() {
        let b = blocks("3. drei\n\n4. vier\n5) fünf");
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].number, Some(3));
        assert_eq!(items(&b[0]), ["drei", "vier", "fünf"]);
    }

    #[test]
    fn a_date_at_a_line_start_inside_a_paragraph_is_not_a_list() {
        let b = blocks("Kim kam am\n9. Mai nach Moskau.");
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].kind, BlockKind::Paragraph);
        assert_eq!(b[0].text, "Kim kam am 9. Mai nach Moskau.");
    }

    #[test]
    fn positions_stay_exact_after_markup_is_removed() {
        let b = blocks("Ein **starker** Satz mit [Kim](https://x.example) darin.");
        let text = &b[0].text;
        assert_eq!(text, "Ein starker Satz mit Kim darin.");
        let kim = text.find("Kim").unwrap();
        assert_eq!(b[0].position_of(kim), Position { line: 1, col: 27 });
        let darin = text.find("darin").unwrap();
        assert_eq!(b[0].position_of(darin), Position { line: 1, col: 51 });
        let satz = text.find("Satz").unwrap();
        assert_eq!(b[0].position_of(satz), Position { line: 1, col: 17 });
    }

    #[test]
    fn bullets_after_a_numbered_list_start_a_new_list() {
        let b = blocks("1. eins\n2. zwei\n\n- Punkt\n- Punkt");
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].number, Some(1));
        assert_eq!(b[1].number, None);
        assert_eq!(items(&b[1]), ["Punkt", "Punkt"]);
    }

    #[test]
    fn thematic_breaks_are_not_list_items() {
        let b = blocks("- - -\n\n***");
        assert!(b.iter().all(|b| b.kind != BlockKind::List), "{b:?}");
    }
}
