//! What stands in front of a block's lines: a quote bar, a caption mark, a reference's number.
//! One source for the glyphs and their widths, so the reading pane's drawing, its mouse
//! hit-testing and `dossier show` always agree on where the text starts.

use crate::corpus::article::{Block, BlockKind};

/// Where the decoration is shown: the reader draws a bar for quotes, plain text uses `>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Medium {
    Screen,
    Plain,
}

/// The prefixes of one block's first and following lines (both the same width).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockDecor {
    pub first: String,
    pub rest: String,
}

impl BlockDecor {
    pub fn new(kind: BlockKind, number: Option<u32>, medium: Medium) -> BlockDecor {
        let same = |s: &str| BlockDecor {
            first: s.to_string(),
            rest: s.to_string(),
        };
        match kind {
            BlockKind::Quote => same(match medium {
                Medium::Screen => "┃ ",
                Medium::Plain => "> ",
            }),
            BlockKind::Caption => BlockDecor {
                first: "▣ ".to_string(),
                rest: "  ".to_string(),
            },
            BlockKind::Reference => {
                let number = number.map(|n| format!("[{n}] ")).unwrap_or_default();
                BlockDecor {
                    rest: " ".repeat(super::width(&number)),
                    first: number,
                }
            }
            BlockKind::Heading | BlockKind::Paragraph => same(""),
        }
    }

    pub fn of(block: &Block, medium: Medium) -> BlockDecor {
        BlockDecor::new(block.kind, block.number, medium)
    }

    /// Columns in front of the text.
    pub fn width(&self) -> usize {
        super::width(&self.first).max(super::width(&self.rest))
    }

    /// The prefix of the first line of the block, or of any later one.
    pub fn prefix(&self, first_line: bool) -> &str {
        if first_line { &self.first } else { &self.rest }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_media_give_the_same_widths() {
        for kind in [
            BlockKind::Paragraph,
            BlockKind::Heading,
            BlockKind::Quote,
            BlockKind::Caption,
            BlockKind::Reference,
        ] {
            let screen = BlockDecor::new(kind, Some(12), Medium::Screen);
            let plain = BlockDecor::new(kind, Some(12), Medium::Plain);
            assert_eq!(screen.width(), plain.width(), "{kind:?}");
            assert_eq!(
                crate::text::width(&screen.first),
                crate::text::width(&screen.rest)
            );
        }
        assert_eq!(
            BlockDecor::new(BlockKind::Reference, Some(12), Medium::Plain).width(),
            5
        );
        assert_eq!(
            BlockDecor::new(BlockKind::Caption, None, Medium::Screen).prefix(false),
            "  "
        );
    }
}
