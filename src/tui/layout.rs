//! The wrapped layout of one article at one width: every screen line the reading pane can show.
//!
//! Built once per (article, width) and kept; drawing takes only the visible slice. Each line
//! points back into its source text (title, lead or a block) by byte range, so mentions, hits
//! and footnote markers are styled on the wrapped text without wrapping again.

use std::ops::Range;

use crate::corpus::article::{Article, BlockKind, Place};
use crate::corpus::ids::ArticleId;
use crate::text::decor::{BlockDecor, Medium};
use crate::text::hyphenate::patterns_for;
use crate::text::wrap::wrap_with;

/// Where a line's text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Title,
    /// Source, date, author, reading time: `ArticleLayout::byline`.
    Byline,
    Lead,
    /// The rule under the header.
    Rule,
    Blank,
    Block(usize),
}

impl From<Place> for Source {
    fn from(place: Place) -> Source {
        match place {
            Place::Title => Source::Title,
            Place::Lead => Source::Lead,
            Place::Block(b) => Source::Block(b),
        }
    }
}

impl Source {
    /// The place in the article whose text the line shows (`None` for the byline, the rule
    /// and blank lines).
    pub fn place(self) -> Option<Place> {
        match self {
            Source::Title => Some(Place::Title),
            Source::Lead => Some(Place::Lead),
            Source::Block(b) => Some(Place::Block(b)),
            Source::Byline | Source::Rule | Source::Blank => None,
        }
    }
}

/// One screen line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutLine {
    pub source: Source,
    /// Byte range in the source text.
    pub range: Range<usize>,
    /// Whether a hyphen is added at the end.
    pub hyphen: bool,
    /// The first line of its block, or of its list item (decides prefixes such as a
    /// reference number or an item's bullet).
    pub first: bool,
    /// For a list's lines: which item they show.
    pub item: Option<usize>,
}

/// An article laid out at one width.
#[derive(Clone, Debug)]
pub struct ArticleLayout {
    pub article: ArticleId,
    pub width: usize,
    /// "source · date · author · N min read", the text of the byline lines.
    pub byline: String,
    pub lines: Vec<LayoutLine>,
    /// For each block, the range of its lines.
    pub block_lines: Vec<Range<usize>>,
}

impl ArticleLayout {
    /// Lays out `article` (index `index` in the corpus) to `width` text columns.
    pub fn new(
        article: &Article,
        index: ArticleId,
        width: usize,
        hyphenate: bool,
    ) -> ArticleLayout {
        let width = width.max(8);
        let mut lines = Vec::new();
        // The article's text is hyphenated by its language; the byline is ours.
        let patterns = if hyphenate {
            patterns_for(&article.front.language)
        } else {
            None
        };
        let push_wrapped = |lines: &mut Vec<LayoutLine>,
                            source: Source,
                            text: &str,
                            width: usize,
                            hyphenate: bool| {
            let patterns = patterns.filter(|_| hyphenate);
            for (i, line) in wrap_with(text, width, patterns).into_iter().enumerate() {
                lines.push(LayoutLine {
                    source,
                    range: line.range,
                    hyphen: line.hyphen,
                    first: i == 0,
                    item: None,
                });
            }
        };
        let plain = |source: Source| LayoutLine {
            source,
            range: 0..0,
            hyphen: false,
            first: true,
            item: None,
        };
        push_wrapped(
            &mut lines,
            Source::Title,
            &article.front.title,
            width,
            false,
        );
        let byline = article.byline();
        push_wrapped(&mut lines, Source::Byline, &byline, width, false);
        if let Some(lead) = &article.front.lead {
            lines.push(plain(Source::Blank));
            push_wrapped(&mut lines, Source::Lead, lead, width, hyphenate);
        }
        lines.push(plain(Source::Rule));
        let mut block_lines = Vec::with_capacity(article.blocks.len());
        for (b, block) in article.blocks.iter().enumerate() {
            lines.push(plain(Source::Blank));
            let start = lines.len();
            let text_width = width
                .saturating_sub(BlockDecor::of(block, Medium::Screen).width())
                .max(4);
            if block.kind == BlockKind::List {
                // Each item on lines of its own, wrapped within the item's range.
                for (i, item) in block.items.iter().enumerate() {
                    let text = block.text.get(item.clone()).unwrap_or("");
                    for (j, line) in wrap_with(text, text_width, patterns)
                        .into_iter()
                        .enumerate()
                    {
                        lines.push(LayoutLine {
                            source: Source::Block(b),
                            range: line.range.start + item.start..line.range.end + item.start,
                            hyphen: line.hyphen,
                            first: j == 0,
                            item: Some(i),
                        });
                    }
                }
            } else {
                push_wrapped(
                    &mut lines,
                    Source::Block(b),
                    &block.text,
                    text_width,
                    hyphenate && block.kind != BlockKind::Heading,
                );
            }
            block_lines.push(start..lines.len());
        }
        ArticleLayout {
            article: index,
            width,
            byline,
            lines,
            block_lines,
        }
    }

    /// The line that shows byte `offset` of block `block`.
    pub fn line_of(&self, block: usize, offset: usize) -> usize {
        let Some(range) = self.block_lines.get(block) else {
            return 0;
        };
        let lines = &self.lines[range.clone()];
        let within = lines
            .partition_point(|l| l.range.end <= offset)
            .min(lines.len().saturating_sub(1));
        range.start + within
    }

    /// The line that shows byte `offset` of the text at `place`.
    pub fn line_of_place(&self, place: Place, offset: usize) -> usize {
        self.line_at(Source::from(place), offset)
    }

    /// The line that shows byte `offset` of `source` (the title, the lead or a block).
    pub fn line_at(&self, source: Source, offset: usize) -> usize {
        match source {
            Source::Block(b) => self.line_of(b, offset),
            _ => self
                .lines
                .iter()
                .position(|l| l.source == source && l.range.end > offset)
                .or_else(|| self.lines.iter().rposition(|l| l.source == source))
                .unwrap_or(0),
        }
    }

    /// The block shown on (or nearest before) `line`.
    pub fn block_at(&self, line: usize) -> Option<usize> {
        let line = line.min(self.lines.len().saturating_sub(1));
        self.lines[..=line]
            .iter()
            .rev()
            .find_map(|l| match l.source {
                Source::Block(b) => Some(b),
                _ => None,
            })
    }

    /// The first line of block `block`.
    pub fn first_line_of(&self, block: usize) -> usize {
        self.block_lines.get(block).map_or(0, |r| r.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::article::parse_article;

    fn article() -> Article {
        let text = "+++\ntitle = \"Kim und Putin treffen sich\"\ndate = \"2019-04\"\nsource = \"t-online\"\nlead = \"Nach Trump trifft nun auch Putin Nordkoreas Machthaber Kim.\"\n+++\n\nDie beiden Staatschefs Wladimir Putin und Kim Jong Un treffen sich am Donnerstag in Wladiwostok.\n\n## Sanktionen\n\n[1]: Eine Quelle mit einem recht langen Titel.\n";
        parse_article("a", "a.md", text.as_bytes()).unwrap()
    }

    #[test]
    fn header_then_blocks_with_blank_lines_between() {
        let layout = ArticleLayout::new(&article(), ArticleId::from_index(0), 30, true);
        assert_eq!(layout.lines[0].source, Source::Title);
        assert!(layout.lines.iter().any(|l| l.source == Source::Byline));
        assert!(layout.lines.iter().any(|l| l.source == Source::Rule));
        assert_eq!(layout.block_lines.len(), 3);
        let first = layout.block_lines[0].start;
        assert_eq!(layout.lines[first - 1].source, Source::Blank);
    }

    #[test]
    fn every_block_line_fits_its_width() {
        let a = article();
        let layout = ArticleLayout::new(&a, ArticleId::from_index(0), 24, true);
        for line in &layout.lines {
            if let Source::Block(b) = line.source {
                let block = &a.blocks[b];
                let shown =
                    crate::text::width(&block.text[line.range.clone()]) + usize::from(line.hyphen);
                assert!(
                    shown + BlockDecor::of(block, Medium::Screen).width() <= 24,
                    "{line:?}"
                );
            }
        }
    }

    #[test]
    fn the_byline_wraps_instead_of_being_cut() {
        let layout = ArticleLayout::new(&article(), ArticleId::from_index(0), 12, true);
        let byline: Vec<&str> = layout
            .lines
            .iter()
            .filter(|l| l.source == Source::Byline)
            .map(|l| &layout.byline[l.range.clone()])
            .collect();
        assert!(byline.len() > 1, "{byline:?}");
        assert_eq!(byline.join(" "), "t-online · 2019-04 · 1 min read");
    }

    #[test]
    fn line_of_finds_the_line_showing_an_offset() {
        let a = article();
        let layout = ArticleLayout::new(&a, ArticleId::from_index(0), 24, false);
        let text = &a.blocks[0].text;
        let offset = text.find("Wladiwostok").unwrap();
        let line = layout.line_of(0, offset);
        assert!(layout.lines[line].range.contains(&offset));
        assert_eq!(layout.block_at(line), Some(0));
        assert_eq!(layout.line_of(0, 0), layout.first_line_of(0));
    }
}
