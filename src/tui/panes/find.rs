//! Finding text in the open article: the query, every hit as (block, byte range) in document
//! order, and the current one. Query and text are folded like the filter (case, diacritics),
//! and hits are mapped back onto the original text; the search is linear in each block.

use std::ops::Range;

use crate::corpus::article::Article;
use crate::corpus::fold::{fold, fold_str};
use crate::tui::layout::ArticleLayout;
use crate::tui::prompt::{Prompt, Typing};

#[derive(Clone, Debug, Default)]
pub struct Find {
    query: Prompt,
    /// Whether the find prompt has the keyboard.
    prompt: bool,
    hits: Vec<(usize, Range<usize>)>,
    current: Option<usize>,
}

impl Find {
    pub fn query(&self) -> &str {
        self.query.text()
    }

    pub fn prompting(&self) -> bool {
        self.prompt
    }

    /// (block, byte range) of every hit, in order.
    pub fn hits(&self) -> &[(usize, Range<usize>)] {
        &self.hits
    }

    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// The current hit.
    pub fn current_hit(&self) -> Option<&(usize, Range<usize>)> {
        self.hits.get(self.current?)
    }

    pub fn open_prompt(&mut self) {
        self.prompt = true;
    }

    /// Whether there is a prompt or hits to clear with Esc.
    pub fn is_active(&self) -> bool {
        self.prompt || !self.hits.is_empty()
    }

    /// Enter: close the prompt, make the first hit current if none is.
    pub fn accept(&mut self) {
        self.prompt = false;
        if self.current.is_none() && !self.hits.is_empty() {
            self.current = Some(0);
        }
    }

    /// Types or edits the query; whether it changed (and was searched again from `scroll`, the
    /// top line shown).
    pub fn input(
        &mut self,
        typing: Typing,
        article: &Article,
        layout: &ArticleLayout,
        scroll: usize,
    ) -> bool {
        let changed = self.query.apply(typing);
        if changed {
            self.search(article, layout, scroll);
        }
        changed
    }

    /// Moves to the next or previous hit, wrapping around; false when there is none.
    pub fn step(&mut self, forward: bool) -> bool {
        let n = self.hits.len();
        if n == 0 {
            return false;
        }
        self.current = Some(match self.current {
            Some(c) if forward => (c + 1) % n,
            Some(c) => (c + n - 1) % n,
            None => 0,
        });
        true
    }

    fn search(&mut self, article: &Article, layout: &ArticleLayout, scroll: usize) {
        let query = fold_str(self.query.text().trim());
        self.hits.clear();
        self.current = None;
        if query.is_empty() {
            return;
        }
        let query_chars = query.chars().count();
        for (b, block) in article.blocks.iter().enumerate() {
            let folded = fold(&block.text);
            let char_starts: Vec<usize> = block
                .text
                .char_indices()
                .map(|(i, _)| i)
                .chain([block.text.len()])
                .collect();
            // Chars before `counted`, kept as the search moves on (recounting from the start
            // for every hit made long blocks quadratic).
            let (mut counted, mut chars_before) = (0, 0);
            let mut from = 0;
            while let Some(pos) = folded.text[from..].find(&query) {
                let start = from + pos;
                let end = start + query.len();
                chars_before += folded.text[counted..start].chars().count();
                counted = start;
                let start_char = chars_before;
                let originals = folded.original_positions(
                    &(start_char..start_char + query_chars).collect::<Vec<_>>(),
                );
                if let (Some(&first), Some(&last)) = (originals.first(), originals.last()) {
                    let range =
                        char_starts[first]..char_starts[(last + 1).min(char_starts.len() - 1)];
                    self.hits.push((b, range));
                }
                from = end.max(start + 1);
                while !folded.text.is_char_boundary(from) {
                    from += 1;
                }
            }
        }
        // The first hit at or after the top of the page becomes current.
        self.current = self
            .hits
            .iter()
            .position(|(b, range)| layout.line_of(*b, range.start) >= scroll)
            .or(if self.hits.is_empty() { None } else { Some(0) });
    }
}
