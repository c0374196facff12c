//! The reader's view of the user's annotations: the stored ones as found in the loaded
//! corpus (by article and block, for drawing), and the new ones waiting for the event loop
//! to store them. Nothing here touches the database: the loop writes and hands back the list.

use std::collections::HashMap;
use std::ops::Range;

use super::effect::Status;
use super::nav::Target;
use super::panes::open::OpenArticle;
use crate::corpus::Corpus;
use crate::corpus::article::paragraph_number;
use crate::corpus::ids::ArticleId;
use crate::corpus::sentence::sentence_around;
use crate::userdata::resolve::{Resolved, resolve};
use crate::userdata::{Annotation, Kind, NewAnnotation, Selector};

/// Annotations as the reader sees them.
#[derive(Debug, Default)]
pub struct Notes {
    all: Vec<Resolved>,
    /// For each (article, block): indices into `all` of the annotations found there.
    by_block: HashMap<(ArticleId, usize), Vec<usize>>,
    /// Made in the reader, not yet stored.
    queued: Vec<NewAnnotation>,
    /// The database could not be opened: annotations can be neither shown nor kept.
    unavailable: Option<String>,
}

impl Notes {
    /// Replaces the stored annotations with `annotations`, found again in `corpus`.
    pub fn set(&mut self, corpus: &Corpus, annotations: Vec<Annotation>) {
        self.all = resolve(corpus, annotations);
        self.by_block.clear();
        for (i, r) in self.all.iter().enumerate() {
            if let (Some(article), Some((block, _))) = (r.article, &r.place) {
                self.by_block.entry((article, *block)).or_default().push(i);
            }
        }
    }

    /// Every stored annotation.
    pub fn all(&self) -> &[Resolved] {
        &self.all
    }

    /// The byte ranges highlighted in a block (bookmarks are marked in the margin only).
    pub fn ranges_in(
        &self,
        article: ArticleId,
        block: usize,
    ) -> impl Iterator<Item = Range<usize>> + '_ {
        self.by_block
            .get(&(article, block))
            .into_iter()
            .flatten()
            .filter_map(|&i| self.all.get(i))
            .filter(|r| r.annotation.kind == Kind::Highlight)
            .filter_map(|r| r.place.as_ref().map(|(_, range)| range.clone()))
    }

    /// Where the margin marks a block's annotations: the byte offset each quote starts at,
    /// with `Mark::Note` for one with a note, else `Mark::Bookmark` for a bookmark (plain
    /// highlights show in the text only).
    pub fn marks_in(
        &self,
        article: ArticleId,
        block: usize,
    ) -> impl Iterator<Item = (usize, Mark)> + '_ {
        self.by_block
            .get(&(article, block))
            .into_iter()
            .flatten()
            .filter_map(|&i| {
                let r = self.all.get(i)?;
                let start = r.place.as_ref()?.1.start;
                if !r.annotation.note.trim().is_empty() {
                    Some((start, Mark::Note))
                } else if r.annotation.kind == Kind::Bookmark {
                    Some((start, Mark::Bookmark))
                } else {
                    None
                }
            })
    }

    /// Whether `range` of a block already has an annotation of `kind`.
    pub fn has(&self, article: ArticleId, block: usize, range: &Range<usize>, kind: Kind) -> bool {
        self.by_block
            .get(&(article, block))
            .into_iter()
            .flatten()
            .filter_map(|&i| self.all.get(i))
            .any(|r| r.annotation.kind == kind && r.place.as_ref().is_some_and(|(_, x)| x == range))
    }

    /// Keeps `new` until the event loop stores it.
    pub fn queue(&mut self, new: NewAnnotation) {
        self.queued.push(new);
    }

    /// What is waiting to be stored; the caller stores it.
    pub fn take_queued(&mut self) -> Vec<NewAnnotation> {
        std::mem::take(&mut self.queued)
    }

    pub fn set_unavailable(&mut self, why: String) {
        self.unavailable = Some(why);
    }

    /// Why annotations cannot be kept, when they cannot.
    pub fn unavailable(&self) -> Option<&str> {
        self.unavailable.as_deref()
    }
}

/// What the margin shows next to an annotation; a note wins over a bookmark on one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    Note,
    Bookmark,
}

impl Mark {
    /// The glyph in the margin (one column).
    pub fn glyph(self) -> &'static str {
        match self {
            Mark::Note => "✎",
            Mark::Bookmark => "▸",
        }
    }
}

/// What a request to highlight came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Highlighted {
    /// Queued for storing: the 1-based paragraph.
    Queued(usize),
    /// Nothing to do, and why.
    Refused(Status),
}

impl Notes {
    /// Queues a highlight or bookmark of the sentence under the cursor of `open`: the
    /// selected mention's sentence, else the sentence at the top of the page.
    pub fn mark_sentence(
        &mut self,
        corpus: &Corpus,
        open: &OpenArticle,
        kind: Kind,
    ) -> Highlighted {
        if let Some(why) = &self.unavailable {
            return Highlighted::Refused(Status::error(format!(
                "highlights cannot be kept: {why}"
            )));
        }
        let article_id = open.article();
        let selected = match open.target() {
            Some(Target::Mention(id)) => corpus
                .links
                .mention(id)
                .filter(|m| m.article == article_id)
                .map(|m| (m.block, m.range.start)),
            _ => None,
        };
        let Some((block, offset)) = selected.or_else(|| open.top_place()) else {
            return Highlighted::Refused(Status::info("scroll down to the text to highlight"));
        };
        let Some(article) = corpus.article(article_id) else {
            return Highlighted::Refused(Status::error("the article is no longer loaded"));
        };
        let Some(text) = article.blocks.get(block).map(|b| b.text.as_str()) else {
            return Highlighted::Refused(Status::error("no such paragraph"));
        };
        let range = sentence_around(text, offset);
        if range.is_empty() {
            return Highlighted::Refused(Status::info("nothing to highlight here"));
        }
        let paragraph = paragraph_number(block);
        if self.has(article_id, block, &range, kind) {
            return Highlighted::Refused(Status::info(format!(
                "already marked in paragraph {paragraph}"
            )));
        }
        self.queue(NewAnnotation {
            kind,
            article: article.id.clone(),
            paragraph,
            selector: Selector::capture(text, range),
            note: String::new(),
            tags: Vec::new(),
        });
        Highlighted::Queued(paragraph)
    }
}
