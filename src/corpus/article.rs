//! One article: TOML front matter between `+++` lines, then a body of typed blocks.
//!
//! `parse_article` takes raw bytes, sanitizes them and returns either a whole `Article` or one
//! `Diagnostic` naming the file and the line:col of the fault; it never panics on any input.
//! Block text is sanitized, whitespace-collapsed, and each block remembers where it came from.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::ids::ArticleKey;
use super::sanitize::{sanitize, sanitize_keeping_tabs};
use crate::diag::{Diagnostic, MARK_SPACING, Position, position_from_marks};

/// The fields of an article's front matter.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    /// "YYYY", "YYYY-MM" or "YYYY-MM-DD".
    pub date: String,
    pub source: String,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub lead: Option<String>,
}

fn default_language() -> String {
    "de".to_string()
}

/// What a block is, which decides how it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    Paragraph,
    Quote,
    Caption,
    Reference,
}

impl BlockKind {
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Quote => "quote",
            BlockKind::Caption => "caption",
            BlockKind::Reference => "reference",
        }
    }
}

/// One block of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The text, on one line, without its markup prefix.
    pub text: String,
    /// For references: the footnote number `n` of `[n]: …`.
    pub number: Option<u32>,
    /// Where each source line of the block starts, where a run of whitespace was collapsed, and
    /// every `MARK_SPACING` bytes of a long line: (byte offset in `text`, file position of that
    /// byte). Sorted by offset; the first entry has offset 0.
    pub origins: Vec<(usize, Position)>,
}

impl Block {
    /// The file position of byte `offset` of the block's text: a binary search in `origins`
    /// and a count of at most `MARK_SPACING` bytes, so positions of many mentions on one huge
    /// line stay linear.
    pub fn position_of(&self, offset: usize) -> Position {
        position_from_marks(&self.text, &self.origins, offset)
    }

    /// Footnote markers `[n]` in the text, with their byte ranges.
    pub fn footnote_markers(&self) -> Vec<(Range<usize>, u32)> {
        if self.kind == BlockKind::Reference {
            return Vec::new();
        }
        footnote_markers(&self.text)
    }
}

/// Footnote markers `[n]` (n = 1..=9999) in `text`, with their byte ranges.
pub fn footnote_markers(text: &str) -> Vec<(Range<usize>, u32)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(open) = memchr::memchr(b'[', &bytes[i..]).map(|o| o + i) {
        let digits = bytes[open + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let close = open + 1 + digits;
        if (1..=4).contains(&digits) && bytes.get(close) == Some(&b']') {
            if let Ok(n) = text[open + 1..close].parse::<u32>() {
                found.push((open..close + 1, n));
            }
            i = close + 1;
        } else {
            i = open + 1;
        }
    }
    found
}

/// A parsed article.
#[derive(Clone, Debug)]
pub struct Article {
    /// The file stem: the article's stable key.
    pub id: ArticleKey,
    /// Where it came from, as shown to people.
    pub path: String,
    pub front: FrontMatter,
    pub blocks: Vec<Block>,
    pub words: usize,
}

/// The one number a reader cites a block by, everywhere (reader, status bar, `mentions`,
/// `show`, JSON): 1-based, every block counted, headings and captions included.
pub fn paragraph_number(block: usize) -> usize {
    block + 1
}

/// The 0-based block of paragraph `number`: the inverse of `paragraph_number`; `None` for 0,
/// which no paragraph has.
pub fn block_of_paragraph(number: usize) -> Option<usize> {
    number.checked_sub(1)
}

impl Article {
    /// The title and the lead (empty when there is none) as two paragraphs, for linking
    /// them like the body: block 0 is the title, block 1 the lead.
    pub fn header_blocks(&self) -> [Block; 2] {
        let block = |text: &str| Block {
            kind: BlockKind::Paragraph,
            text: text.to_string(),
            number: None,
            origins: vec![(0, Position { line: 1, col: 1 })],
        };
        [
            block(&self.front.title),
            block(self.front.lead.as_deref().unwrap_or("")),
        ]
    }

    /// Minutes of reading at 230 words a minute, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(230).max(1)
    }

    /// "source · date · author · N min read", as the reader and `dossier show` print it.
    pub fn byline(&self) -> String {
        let front = &self.front;
        let mut parts = vec![front.source.clone(), front.date.clone()];
        if let Some(author) = &front.author {
            parts.push(author.clone());
        }
        parts.push(format!("{} min read", self.reading_minutes()));
        parts.join(" · ")
    }

    /// The block that holds reference `n`, if the article has one.
    pub fn reference_block(&self, n: u32) -> Option<usize> {
        self.blocks
            .iter()
            .position(|b| b.kind == BlockKind::Reference && b.number == Some(n))
    }
}

/// Parses an article from raw bytes. `id` is the file stem, `path` names the file in messages.
pub fn parse_article(id: &str, path: &str, raw: &[u8]) -> Result<Article, Diagnostic> {
    let fail =
        |position: Option<Position>, message: String| Diagnostic::error(path, position, message);
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(fail(
            None,
            "empty file: an article needs front matter and a body".into(),
        ));
    }
    if let Some(nul) = memchr::memchr(0, raw) {
        let position = Position::of_offset(&String::from_utf8_lossy(&raw[..nul]), nul);
        return Err(fail(
            Some(position),
            "binary file (NUL byte): not an article".into(),
        ));
    }
    let text = match std::str::from_utf8(raw) {
        Ok(text) => text,
        Err(e) => {
            let valid = &raw[..e.valid_up_to()];
            let prefix = String::from_utf8_lossy(valid);
            let position = Position::of_offset(&prefix, prefix.len());
            return Err(fail(
                Some(position),
                "invalid UTF-8: the file must be UTF-8 text".into(),
            ));
        }
    };
    // Tabs stay until the blocks are built, so columns in messages match the file.
    let text = sanitize_keeping_tabs(text);
    let lines: Vec<&str> = text.split('\n').collect();
    if lines.first().map(|l| l.trim_end()) != Some("+++") {
        return Err(fail(
            Some(Position { line: 1, col: 1 }),
            "missing front matter: the file must start with a `+++` line".into(),
        ));
    }
    let Some(close) = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == "+++")
        .map(|i| i + 1)
    else {
        return Err(fail(
            Some(Position { line: 1, col: 1 }),
            "unterminated front matter: no closing `+++` line".into(),
        ));
    };
    let front_text = lines[1..close].join("\n");
    let mut front: FrontMatter =
        toml::from_str(&front_text).map_err(|e| Diagnostic::from_toml(path, &front_text, 2, &e))?;
    let field_position = |field: &str| {
        lines[1..close]
            .iter()
            .position(|l| l.trim_start().starts_with(field))
            .map(|i| Position {
                line: i + 2,
                col: 1,
            })
    };
    if let Err(message) = validate_date(&front.date) {
        return Err(fail(field_position("date"), message));
    }
    for (field, value) in [("title", &front.title), ("source", &front.source)] {
        if value.trim().is_empty() {
            return Err(fail(field_position(field), format!("`{field}` is empty")));
        }
    }
    tidy_front_matter(&mut front);
    let blocks = parse_blocks(&lines[close + 1..], close + 2);
    let words = blocks.iter().map(|b| count_words(&b.text)).sum();
    Ok(Article {
        id: ArticleKey::new(id),
        path: path.to_string(),
        front,
        blocks,
        words,
    })
}

/// TOML escapes (`\u001b`) decode after the file was sanitized, so each value is sanitized
/// again; multi-line strings become one line, as the reader shows them.
fn tidy_front_matter(front: &mut FrontMatter) {
    let one_line = |s: &mut String| *s = collapse_whitespace(&sanitize(s));
    one_line(&mut front.title);
    one_line(&mut front.source);
    one_line(&mut front.date);
    one_line(&mut front.language);
    for s in [&mut front.author, &mut front.lead].into_iter().flatten() {
        one_line(s);
    }
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real month and day.
pub fn validate_date(date: &str) -> Result<(), String> {
    let bad = || format!("date `{date}` must be YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = date.split('-').collect();
    let widths = [4, 2, 2];
    if parts.is_empty() || parts.len() > 3 {
        return Err(bad());
    }
    let mut numbers = Vec::new();
    for (part, width) in parts.iter().zip(widths) {
        if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        numbers.push(part.parse::<u32>().map_err(|_| bad())?);
    }
    if let Some(&month) = numbers.get(1) {
        if !(1..=12).contains(&month) {
            return Err(format!("date `{date}`: month {month} does not exist"));
        }
        if let Some(&day) = numbers.get(2) {
            let year = numbers[0];
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if !(1..=days).contains(&day) {
                return Err(format!("date `{date}`: day {day} does not exist"));
            }
        }
    }
    Ok(())
}

/// Words in a text: whitespace-separated tokens with at least one letter or digit.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A line that opens a block of a given kind, with the length of its markup prefix.
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

/// Groups body lines into blocks. `first_line` is the file line number of `lines[0]`.
fn parse_blocks(lines: &[&str], first_line: usize) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<Block> = None;
    let finish = |open: &mut Option<Block>, blocks: &mut Vec<Block>| {
        if let Some(mut block) = open.take() {
            let trimmed = block.text.trim_end().len();
            block.text.truncate(trimmed);
            if !block.text.is_empty() {
                blocks.push(block);
            }
        }
    };
    for (i, raw_line) in lines.iter().enumerate() {
        let line_no = first_line + i;
        let indent = raw_line.len() - raw_line.trim_start().len();
        let line = raw_line.trim();
        if line.is_empty() {
            finish(&mut open, &mut blocks);
            continue;
        }
        let (kind, prefix, number) = line_kind(line);
        let content = line[prefix..].trim();
        let col = raw_line[..indent + prefix].chars().count()
            + (line[prefix..].len() - line[prefix..].trim_start().len())
            + 1;
        let origin = Position { line: line_no, col };
        // A line continues the open block unless it starts a heading, a new reference, or a
        // block of another marked kind.
        let continues = match (&open, kind) {
            (None, _) => false,
            (Some(_), BlockKind::Heading) => false,
            (Some(_), BlockKind::Reference) => false,
            (Some(b), BlockKind::Paragraph) => b.kind != BlockKind::Heading,
            (Some(b), k) => b.kind == k,
        };
        if continues {
            if let Some(block) = open.as_mut() {
                append_line(block, content, origin);
            }
        } else {
            finish(&mut open, &mut blocks);
            let mut block = Block {
                kind,
                text: String::new(),
                number,
                origins: Vec::new(),
            };
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

    const GOOD: &str = "+++\ntitle = \"Da haben sich zwei gefunden\"\ndate = \"2024-01\"\nsource = \"Tages-Anzeiger\"\nlanguage = \"de\"\n+++\n\nNordkoreas Aussenministerin Choe Son-hui ist jetzt\nin Moskau.\n\n## Waffen für den Ukraine-Krieg gekauft\n\n> Unsere beiden Länder stehen unter US-Sanktionen.\n\n! Kim Jong-un und Wladimir Putin prosten sich zu. AP\n\nText mit Fußnote.[1][2]\n\n## Einzelnachweise\n\n[1]: Ukraine bricht Beziehungen zu Nordkorea ab.\n[2]: Julian E. Barnes: Russia Is Buying\n  North Korean Artillery.\n";

    fn parse(text: &str) -> Result<Article, Diagnostic> {
        parse_article("a", "articles/a.md", text.as_bytes())
    }

    #[test]
    fn front_matter_fields_are_read() {
        let a = parse(GOOD).unwrap();
        assert_eq!(a.front.title, "Da haben sich zwei gefunden");
        assert_eq!(a.front.date, "2024-01");
        assert_eq!(a.front.source, "Tages-Anzeiger");
        assert_eq!(a.front.author, None);
        assert_eq!(a.front.language, "de");
    }

    #[test]
    fn blocks_are_typed_in_order() {
        let a = parse(GOOD).unwrap();
        let kinds: Vec<BlockKind> = a.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [
                Paragraph, Heading, Quote, Caption, Paragraph, Heading, Reference, Reference
            ]
        );
    }

    #[test]
    fn paragraph_lines_join_with_one_space() {
        let a = parse(GOOD).unwrap();
        assert_eq!(
            a.blocks[0].text,
            "Nordkoreas Aussenministerin Choe Son-hui ist jetzt in Moskau."
        );
    }

    #[test]
    fn references_carry_their_number_and_continuation_lines() {
        let a = parse(GOOD).unwrap();
        let r2 = &a.blocks[7];
        assert_eq!(r2.number, Some(2));
        assert_eq!(
            r2.text,
            "Julian E. Barnes: Russia Is Buying North Korean Artillery."
        );
        assert_eq!(a.reference_block(1), Some(6));
        assert_eq!(a.reference_block(9), None);
    }

    #[test]
    fn footnote_markers_are_found_with_ranges() {
        let a = parse(GOOD).unwrap();
        let block = &a.blocks[4];
        let markers = block.footnote_markers();
        assert_eq!(markers.len(), 2);
        assert_eq!(&block.text[markers[0].0.clone()], "[1]");
        assert_eq!(markers[1].1, 2);
        assert!(footnote_markers("[a] [] [12345] [7").is_empty());
    }

    #[test]
    fn block_positions_map_back_to_file_line_and_column() {
        let a = parse(GOOD).unwrap();
        let p = &a.blocks[0];
        assert_eq!(p.position_of(0), Position { line: 8, col: 1 });
        let moskau = p.text.find("Moskau").unwrap();
        assert_eq!(p.position_of(moskau), Position { line: 9, col: 4 });
        let quote = &a.blocks[2];
        assert_eq!(quote.position_of(0), Position { line: 13, col: 3 });
    }

    #[test]
    fn positions_stay_exact_after_repeated_spaces_and_tabs() {
        let a = parse("+++\ntitle = \"x\"\ndate = \"2024\"\nsource = \"s\"\n+++\nDanach  kam   Kim nach Moskau.\n\tEin\tTab und Kim.\n").unwrap();
        let b = &a.blocks[0];
        assert_eq!(b.text, "Danach kam Kim nach Moskau. Ein Tab und Kim.");
        let kim = b.text.find("Kim").unwrap();
        assert_eq!(b.position_of(kim), Position { line: 6, col: 15 });
        let second = b.text.rfind("Kim").unwrap();
        assert_eq!(b.position_of(second), Position { line: 7, col: 14 });
        let tab = b.text.find("Tab").unwrap();
        assert_eq!(b.position_of(tab), Position { line: 7, col: 6 });
    }

    #[test]
    fn positions_on_a_long_line_match_counting_from_the_line_start() {
        let line = "Kim  Jong-un trifft Putin in Pjöngjang. ".repeat(200);
        let text = format!("+++\ntitle = \"x\"\ndate = \"2024\"\nsource = \"s\"\n+++\n{line}\n");
        let a = parse(&text).unwrap();
        let b = &a.blocks[0];
        assert!(b.origins.len() > b.text.len() / MARK_SPACING);
        let body_line = text.lines().nth(5).unwrap();
        for (offset, _) in b.text.match_indices("Pjöngjang") {
            // The n-th "Pjöngjang" in the block is the n-th on the file's line.
            let nth = b.text[..offset].matches("Pjöngjang").count();
            let in_file = body_line.match_indices("Pjöngjang").nth(nth).unwrap().0;
            let col = body_line[..in_file].chars().count() + 1;
            assert_eq!(b.position_of(offset), Position { line: 6, col });
        }
    }

    #[test]
    fn word_count_ignores_punctuation_tokens() {
        assert_eq!(count_words("Kim – Putin , 2019 trifft"), 4);
    }

    #[test]
    fn missing_front_matter_is_an_error_at_line_one() {
        let e = parse("title = \"x\"\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("articles/a.md:1:1: missing front matter"),
            "{e}"
        );
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        let e = parse("+++\ntitle = \"x\"\n").unwrap_err();
        assert!(e.message.contains("unterminated front matter"));
    }

    #[test]
    fn toml_error_in_front_matter_names_the_file_line() {
        let e = parse("+++\ntitle = \"x\"\ndate = 2024\nsource = \"s\"\n+++\nText\n").unwrap_err();
        let p = e.position.expect("position");
        assert_eq!(p.line, 3, "{e}");
    }

    #[test]
    fn unknown_front_matter_field_is_rejected() {
        let e = parse("+++\ntitle = \"x\"\ndate = \"2024\"\nsource = \"s\"\nautor = \"y\"\n+++\n")
            .unwrap_err();
        assert!(e.message.contains("autor"), "{e}");
        assert_eq!(e.position.map(|p| p.line), Some(5));
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(validate_date("2015").is_ok());
        assert!(validate_date("2023-09").is_ok());
        assert!(validate_date("2024-02-29").is_ok());
        for bad in [
            "2023-13",
            "2023-02-29",
            "15",
            "2023-9",
            "2023-09-05-01",
            "",
            "abcd",
        ] {
            assert!(validate_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_date_is_reported_on_its_line() {
        let e = parse("+++\ntitle = \"x\"\ndate = \"2023-13\"\nsource = \"s\"\n+++\n").unwrap_err();
        assert_eq!(e.position.map(|p| p.line), Some(3));
    }

    #[test]
    fn empty_binary_and_invalid_utf8_files_are_errors() {
        assert!(
            parse_article("a", "a.md", b"")
                .unwrap_err()
                .message
                .contains("empty")
        );
        assert!(
            parse_article("a", "a.md", b" \n\n")
                .unwrap_err()
                .message
                .contains("empty")
        );
        assert!(
            parse_article("a", "a.md", b"+++\0")
                .unwrap_err()
                .message
                .contains("binary")
        );
        let e = parse_article("a", "a.md", b"+++\ntitle = \"\xff\"").unwrap_err();
        assert!(e.message.contains("UTF-8"));
        assert_eq!(e.position, Some(Position { line: 2, col: 10 }));
    }

    #[test]
    fn control_characters_never_survive_parsing() {
        let text = "+++\ntitle = \"x\\u001b[2J\"\ndate = \"2024\"\nsource = \"s\"\n+++\nA\u{1b}]0;t\u{7}B\u{202e}C\n";
        let a = parse(text).unwrap();
        assert_eq!(a.blocks[0].text, "ABC");
        assert_eq!(a.front.title, "x");
    }

    #[test]
    fn every_front_matter_field_is_sanitized() {
        // Found by fuzzing (fuzz/fuzz_targets/article.rs): `language` kept a bidi override.
        let text = "+++\ntitle = \"x\"\ndate = \"2024\"\nsource = \"s\\u202e\"\nauthor = \"a\\u001b[2J\"\nlanguage = \"de\\u202e\\u001b]0;t\\u0007\"\nlead = \"l\\u200b\\u0085\"\n+++\nText\n";
        let a = parse(text).unwrap();
        assert_eq!(a.front.language, "de");
        assert_eq!(a.front.source, "s");
        assert_eq!(a.front.author.as_deref(), Some("a"));
        assert_eq!(a.front.lead.as_deref(), Some("l"));
    }

    #[test]
    fn nested_quotes_are_one_quote_block() {
        let a = parse(
            "+++\ntitle = \"x\"\ndate = \"2024\"\nsource = \"s\"\n+++\n> > > tief\n> flach\n",
        )
        .unwrap();
        assert_eq!(a.blocks.len(), 1);
        assert_eq!(a.blocks[0].kind, BlockKind::Quote);
        assert_eq!(a.blocks[0].text, "tief flach");
    }
}
