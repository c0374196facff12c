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
            // A list's decoration is per item (`list_item`); all its markers are as wide as
            // the first.
            BlockKind::List => BlockDecor::list_item(number, 0, 1),
            BlockKind::Heading | BlockKind::Paragraph => same(""),
        }
    }

    /// The prefix of a list block's line: the item's marker on its first line, else spaces.
    pub fn list_line(block: &Block, item: usize, first_line: bool) -> String {
        let decor = BlockDecor::list_item(block.number, item, block.items.len());
        decor.prefix(first_line).to_string()
    }

    /// The marker of item `index` of a list of `count` items: `• `, or the item's number
    /// right-aligned to the widest number (`9. ` / `10. ` line up as ` 9. `).
    pub fn list_item(start: Option<u32>, index: usize, count: usize) -> BlockDecor {
        let first = match start {
            Some(n) => {
                let last = n as usize + count.saturating_sub(1);
                let widest = last.to_string().len();
                format!("{:>widest$}. ", n as usize + index)
            }
            None => "• ".to_string(),
        };
        BlockDecor {
            rest: " ".repeat(super::width(&first)),
            first,
        }
    }

    pub fn of(block: &Block, medium: Medium) -> BlockDecor {
        if block.kind == BlockKind::List {
            return BlockDecor::list_item(block.number, 0, block.items.len());
        }
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

    #[test]
    fn list_markers_line_up_and_hang() {
        assert_eq!(BlockDecor::list_item(None, 0, 3).first, "• ");
        assert_eq!(BlockDecor::list_item(Some(9), 0, 2).first, " 9. ");
        assert_eq!(BlockDecor::list_item(Some(9), 1, 2).first, "10. ");
        assert_eq!(BlockDecor::list_item(Some(9), 1, 2).rest, "    ");
    }
}
