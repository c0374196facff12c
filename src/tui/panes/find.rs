//! Finding text in the open article: the query, every hit as (part, byte range) in document
//! order (title, lead, then the blocks), the current one and the direction (`/` forward, `?`
//! backward). Query and text are folded like the filter (case, diacritics), and hits are
//! mapped back onto the original text; the search is linear in each part.

use std::ops::Range;

use crate::corpus::article::Article;
use crate::corpus::fold::{fold, fold_str};
use crate::tui::layout::{ArticleLayout, Source};
use crate::tui::prompt::{Prompt, Typing};

#[derive(Clone, Debug, Default)]
pub struct Find {
    query: Prompt,
    /// Whether the find prompt has the keyboard.
    prompt: bool,
    /// Found with `?`: `n` goes up, `N` down.
    backward: bool,
    hits: Vec<(Source, Range<usize>)>,
    current: Option<usize>,
}

/// Where a step through the hits landed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// On the next hit in the direction asked.
    On,
    /// Past the last hit onto the first (or past the first onto the last).
    Wrapped,
}

impl Find {
    pub fn query(&self) -> &str {
        self.query.text()
    }

    /// The prompt (its text and whether it is selected).
    pub fn prompt(&self) -> &Prompt {
        &self.query
    }

    pub fn prompting(&self) -> bool {
        self.prompt
    }

    pub fn backward(&self) -> bool {
        self.backward
    }

    /// (part, byte range) of every hit, in order.
    pub fn hits(&self) -> &[(Source, Range<usize>)] {
        &self.hits
    }

    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// The current hit.
    pub fn current_hit(&self) -> Option<&(Source, Range<usize>)> {
        self.hits.get(self.current?)
    }

    /// Opens the prompt on the previous query, selected so that typing replaces it.
    pub fn open_prompt(&mut self, backward: bool) {
        self.prompt = true;
        self.backward = backward;
        self.query.select_all();
    }

    /// Whether there is a prompt or hits to clear with Esc.
    pub fn is_active(&self) -> bool {
        self.prompt || !self.hits.is_empty()
    }

    /// Enter: close the prompt, make the first hit current if none is.
    pub fn accept(&mut self) {
        self.prompt = false;
        self.query.deselect();
        if self.current.is_none() && !self.hits.is_empty() {
            self.current = Some(0);
        }
    }

    /// Types or edits the query; whether it changed (and was searched again from `shown`,
    /// the lines on the page: forward from its top, backward from its bottom).
    pub fn input(
        &mut self,
        typing: Typing,
        article: &Article,
        layout: &ArticleLayout,
        shown: Range<usize>,
    ) -> bool {
        let changed = self.query.apply(typing);
        if changed {
            self.search(article, layout, shown);
        }
        changed
    }

    /// Moves to the next hit `forward` (down the article) or back, wrapping around; None
    /// when there is no hit.
    pub fn step(&mut self, forward: bool) -> Option<Step> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        let (next, wrapped) = match self.current {
            Some(c) if forward => ((c + 1) % n, c + 1 == n),
            Some(c) => ((c + n - 1) % n, c == 0),
            None => (0, false),
        };
        self.current = Some(next);
        Some(if wrapped { Step::Wrapped } else { Step::On })
    }

    fn search(&mut self, article: &Article, layout: &ArticleLayout, shown: Range<usize>) {
        let query = fold_str(self.query.text().trim());
        self.hits.clear();
        self.current = None;
        if query.is_empty() {
            return;
        }
        let parts = [
            (Source::Title, Some(article.front.title.as_str())),
            (Source::Lead, article.front.lead.as_deref()),
        ];
        let blocks = article
            .blocks
            .iter()
            .enumerate()
            .map(|(b, block)| (Source::Block(b), Some(block.text.as_str())));
        for (source, text) in parts.into_iter().chain(blocks) {
            if let Some(text) = text {
                for range in find_in(text, &query) {
                    self.hits.push((source, range));
                }
            }
        }
        let line = |(source, range): &(Source, Range<usize>)| layout.line_at(*source, range.start);
        // Forward: the first hit at or after the top of the page; backward: the last one
        // above its bottom. Either wraps when there is none that way.
        self.current = if self.backward {
            self.hits
                .iter()
                .rposition(|h| line(h) < shown.end)
                .or(self.hits.len().checked_sub(1))
        } else {
            self.hits
                .iter()
                .position(|h| line(h) >= shown.start)
                .or(if self.hits.is_empty() { None } else { Some(0) })
        };
    }
}

/// Byte ranges of `text` where the folded `query` occurs (folded the same way).
fn find_in(text: &str, query: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let folded = fold(text);
    let char_starts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let query_chars = query.chars().count();
    // Chars before `counted`, kept as the search moves on (recounting from the start for
    // every hit made long blocks quadratic).
    let (mut counted, mut chars_before) = (0, 0);
    let mut from = 0;
    while let Some(pos) = folded.text[from..].find(query) {
        let start = from + pos;
        let end = start + query.len();
        chars_before += folded.text[counted..start].chars().count();
        counted = start;
        let start_char = chars_before;
        let originals =
            folded.original_positions(&(start_char..start_char + query_chars).collect::<Vec<_>>());
        if let (Some(&first), Some(&last)) = (originals.first(), originals.last()) {
            found.push(char_starts[first]..char_starts[(last + 1).min(char_starts.len() - 1)]);
        }
        from = end.max(start + 1);
        while !folded.text.is_char_boundary(from) {
            from += 1;
        }
    }
    found
}
