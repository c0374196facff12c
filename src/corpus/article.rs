//! One article: front matter (TOML between `+++` lines or YAML between `---` lines), then a
//! body of typed blocks.
//!
//! `parse_article` takes raw bytes, sanitizes them and returns either a whole `Article` (with
//! warnings, such as an unknown field) or one `Diagnostic` naming the file and the line:col of
//! the fault; it never panics on any input. Block text is sanitized, whitespace-collapsed,
//! stripped of inline markup (kept as spans), and each block remembers where it came from.

use std::ops::Range;

use serde::Serialize;

use super::blocks::parse_blocks;
pub use super::front::{FrontMatter, validate_date};
use super::front::{Syntax, parse_front_matter};
use super::ids::ArticleKey;
pub use super::inline::{Span, Style};
use super::sanitize::sanitize_keeping_tabs;
use crate::diag::{Diagnostic, Position, position_from_marks};

/// What a block is, which decides how it is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    #[default]
    Paragraph,
    Quote,
    Caption,
    Reference,
    /// A bulleted or numbered list; its items are ranges of the text.
    List,
}

impl BlockKind {
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Quote => "quote",
            BlockKind::Caption => "caption",
            BlockKind::Reference => "reference",
            BlockKind::List => "list",
        }
    }
}

/// One block of the body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The text, on one line, without its markup (prefixes, emphasis marks, link targets).
    pub text: String,
    /// For references: the footnote number `n` of `[n]: …`. For numbered lists: the number of
    /// the first item (bulleted lists have none).
    pub number: Option<u32>,
    /// Where each source line of the block starts, where a run of whitespace was collapsed or
    /// markup removed, and every `MARK_SPACING` bytes of a long line: (byte offset in `text`,
    /// file position of that byte). Sorted by offset; the first entry has offset 0.
    pub origins: Vec<(usize, Position)>,
    /// For lists: each item's range of `text`, in order (items are joined by one space).
    pub items: Vec<Range<usize>>,
    /// Emphasis, strong text and links, as sorted ranges of `text`.
    pub spans: Vec<Span>,
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
    /// Problems that did not stop the article from loading (an unknown field).
    pub warnings: Vec<Diagnostic>,
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

/// Where a piece of an article's text is: its title, its lead or a block of its body
/// (0-based). Orders as the article reads: the title, the lead, then the body's blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Title,
    Lead,
    Block(usize),
}

impl Place {
    /// The body block, if it is one.
    pub fn block(self) -> Option<usize> {
        match self {
            Place::Block(b) => Some(b),
            Place::Title | Place::Lead => None,
        }
    }

    /// "title", "lead" or "body", as JSON names the part.
    pub fn part(self) -> &'static str {
        match self {
            Place::Title => "title",
            Place::Lead => "lead",
            Place::Block(_) => "body",
        }
    }

    /// How a reader cites it: "title", "lead" or the paragraph number (`paragraph_number`).
    pub fn cite(self) -> String {
        match self {
            Place::Block(b) => paragraph_number(b).to_string(),
            _ => self.part().to_string(),
        }
    }

    /// The citation with the paragraph sign: "title", "lead" or "¶ 16".
    pub fn cited(self) -> String {
        match self {
            Place::Block(b) => format!("¶ {}", paragraph_number(b)),
            _ => self.part().to_string(),
        }
    }
}

impl Article {
    /// The text at `place`: the title, the lead ("" when there is none) or a block's text.
    pub fn text_at(&self, place: Place) -> Option<&str> {
        match place {
            Place::Title => Some(&self.front.title),
            Place::Lead => Some(self.front.lead.as_deref().unwrap_or("")),
            Place::Block(b) => self.blocks.get(b).map(|b| b.text.as_str()),
        }
    }

    /// The title and the lead (empty when there is none) as two paragraphs, for linking
    /// them like the body: block 0 is the title, block 1 the lead.
    pub fn header_blocks(&self) -> [Block; 2] {
        let block = |text: &str| Block {
            kind: BlockKind::Paragraph,
            text: text.to_string(),
            number: None,
            origins: vec![(0, Position { line: 1, col: 1 })],
            ..Block::default()
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

    /// What names the article where space is short: its source, or its title when the source is
    /// unknown (imported pages and pasted text often lack one).
    pub fn name(&self) -> &str {
        if self.front.source.is_empty() {
            &self.front.title
        } else {
            &self.front.source
        }
    }

    /// "name · date" for group headers and status lines; an unknown date is left out.
    pub fn label(&self) -> String {
        joined(&[self.name(), &self.front.date])
    }

    /// "source · date · author · N min read", as the reader and `dossier show` print it; parts
    /// that are unknown are left out.
    pub fn byline(&self) -> String {
        let front = &self.front;
        let mut parts: Vec<String> = [&front.source, &front.date]
            .into_iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect();
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

/// The non-empty `parts` joined by ` · `, for lines such as "date · source" where a part may
/// be unknown.
pub fn joined(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
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
    let syntax = match lines.first().map(|l| l.trim_end()) {
        Some("+++") => Syntax::Toml,
        Some("---") => Syntax::Yaml,
        _ => {
            return Err(fail(
                Some(Position { line: 1, col: 1 }),
                "missing front matter: the file must start with a `+++` (TOML) or `---` (YAML) line"
                    .into(),
            ));
        }
    };
    let fence = syntax.fence();
    let Some(close) = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == fence)
        .map(|i| i + 1)
    else {
        return Err(fail(
            Some(Position { line: 1, col: 1 }),
            format!("unterminated front matter: no closing `{fence}` line"),
        ));
    };
    let (front, warnings) = parse_front_matter(path, syntax, &lines[1..close], 2)?;
    let blocks = parse_blocks(&lines[close + 1..], close + 2);
    let words = blocks.iter().map(|b| count_words(&b.text)).sum();
    Ok(Article {
        id: ArticleKey::new(id),
        path: path.to_string(),
        front,
        blocks,
        words,
        warnings,
    })
}

/// Words in a text: whitespace-separated tokens with at least one letter or digit.
pub fn count_words(text: &str) -> usize {
    let mut count = 0;
    // Whether the current whitespace-separated token was counted already.
    let mut counted = false;
    for c in text.chars() {
        if c.is_whitespace() {
            counted = false;
            continue;
        }
        let alphanumeric = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if alphanumeric && !counted {
            count += 1;
            counted = true;
        }
    }
    count
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
    fn an_article_without_source_or_date_is_named_by_its_title() {
        let known = parse(GOOD).unwrap();
        assert_eq!(known.label(), "Tages-Anzeiger · 2024-01");
        let pasted = parse("+++\ntitle = \"Kim in Moskau\"\n+++\n\nText.\n").unwrap();
        assert_eq!(pasted.name(), "Kim in Moskau");
        assert_eq!(pasted.label(), "Kim in Moskau");
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
        assert!(b.origins.len() > b.text.len() / crate::diag::MARK_SPACING);
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
        let e = parse("+++\ntitle = \"x\"\ndate = 2024-13-45\nsource = \"s\"\n+++\nText\n")
            .unwrap_err();
        let p = e.position.expect("position");
        assert_eq!(p.line, 3, "{e}");
    }

    #[test]
    fn unknown_front_matter_field_is_a_warning_and_the_article_loads() {
        let a = parse(
            "+++\ntitle = \"x\"\ndate = \"2024\"\nsource = \"s\"\nautor = \"y\"\n+++\nText\n",
        )
        .unwrap();
        assert_eq!(a.blocks[0].text, "Text");
        assert_eq!(a.warnings.len(), 1);
        assert!(a.warnings[0].message.contains("autor"), "{}", a.warnings[0]);
        assert_eq!(a.warnings[0].position.map(|p| p.line), Some(5));
    }

    #[test]
    fn yaml_front_matter_between_dashes_is_read() {
        let a = parse("---\ntitle: Kim in Moskau\ndate: 2015-05-09\nsource: VICE\n---\n\nText *mit* Betonung.\n")
            .unwrap();
        assert_eq!(a.front.title, "Kim in Moskau");
        assert_eq!(a.front.date, "2015-05-09");
        assert_eq!(a.blocks[0].text, "Text mit Betonung.");
        assert_eq!(a.blocks[0].spans.len(), 1);
    }

    #[test]
    fn date_and_source_may_be_unknown() {
        let a = parse("+++\ntitle = \"x\"\n+++\nText\n").unwrap();
        assert_eq!(a.front.date, "");
        assert_eq!(a.byline(), "1 min read");
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
