//! The reader's view of the user's annotations: the stored ones as found in the loaded
//! corpus (by article and block, for drawing), and the changes (new annotations, notes,
//! tags) waiting for the event loop to store them, one transaction each. Nothing here
//! touches the database: the loop writes and hands back the list.

use std::collections::HashMap;
use std::ops::Range;

use super::effect::Status;
use super::panes::cursor;
use super::panes::open::OpenArticle;
use crate::corpus::article::paragraph_number;
use crate::corpus::ids::ArticleId;
use crate::corpus::sentence::sentence_around;
use crate::shelf::Shelf;
use crate::userdata::resolve::Resolved;
use crate::userdata::{Annotation, Kind, NewAnnotation, Selector};

/// Annotations as the reader sees them.
#[derive(Debug, Default)]
pub struct Notes {
    all: Vec<Resolved>,
    /// For each (article, block): indices into `all` of the annotations found there.
    by_block: HashMap<(ArticleId, usize), Vec<usize>>,
    /// Made in the reader, not yet stored.
    queued: Vec<Change>,
    /// The database could not be opened: annotations can be neither shown nor kept.
    unavailable: Option<String>,
}

impl Notes {
    /// Replaces the stored annotations with `annotations`, found again in `corpus`.
    pub fn set(&mut self, shelf: &Shelf, annotations: Vec<Annotation>) {
        self.all = shelf.resolve(annotations);
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

    /// The byte ranges highlighted in a block with their tags (bookmarks are marked in the
    /// margin only).
    pub fn ranges_in(
        &self,
        article: ArticleId,
        block: usize,
    ) -> impl Iterator<Item = (Range<usize>, &[String])> + '_ {
        self.in_block(article, block)
            .filter(|r| r.annotation.kind == Kind::Highlight)
            .filter_map(|r| {
                let (_, range) = r.place.as_ref()?;
                Some((range.clone(), r.annotation.tags.as_slice()))
            })
    }

    fn in_block(&self, article: ArticleId, block: usize) -> impl Iterator<Item = &Resolved> + '_ {
        self.by_block
            .get(&(article, block))
            .into_iter()
            .flatten()
            .filter_map(|&i| self.all.get(i))
    }

    /// The annotation at byte `offset` of a block: of those whose words hold it, one with a
    /// note first, then the shortest.
    pub fn at(&self, article: ArticleId, block: usize, offset: usize) -> Option<&Resolved> {
        self.in_block(article, block)
            .filter(|r| {
                r.place
                    .as_ref()
                    .is_some_and(|(_, x)| x.start <= offset && offset < x.end.max(x.start + 1))
            })
            .min_by_key(|r| {
                let len = r.place.as_ref().map_or(usize::MAX, |(_, x)| x.len());
                (r.annotation.note.trim().is_empty(), len)
            })
    }

    /// The annotation on exactly these words of a block, if any (a highlight before a
    /// bookmark).
    pub fn exactly(
        &self,
        article: ArticleId,
        block: usize,
        range: &Range<usize>,
    ) -> Option<&Resolved> {
        self.in_block(article, block)
            .filter(|r| r.place.as_ref().is_some_and(|(_, x)| x == range))
            .min_by_key(|r| r.annotation.kind != Kind::Highlight)
    }

    /// The stored annotation with this id.
    pub fn by_id(&self, id: i64) -> Option<&Resolved> {
        self.all.iter().find(|r| r.annotation.id == id)
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
        self.in_block(article, block)
            .any(|r| r.annotation.kind == kind && r.place.as_ref().is_some_and(|(_, x)| x == range))
    }

    /// Keeps `change` until the event loop stores it.
    pub fn queue(&mut self, change: Change) {
        self.queued.push(change);
    }

    /// What is waiting to be stored; the caller stores it.
    pub fn take_queued(&mut self) -> Vec<Change> {
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

/// What the sidebar shows of the annotation under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteCard {
    pub id: i64,
    pub updated: String,
    /// Sanitized.
    pub note: String,
    pub tags: Vec<String>,
}

/// A change for the event loop to store, each in one transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Add(NewAnnotation),
    /// The note of a stored annotation, replaced.
    Note(i64, String),
    /// The tags of a stored annotation, replaced.
    Tags(i64, Vec<String>),
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
    pub fn mark_sentence(&mut self, open: &OpenArticle, kind: Kind) -> Highlighted {
        if let Some(why) = &self.unavailable {
            return Highlighted::Refused(Status::error(format!(
                "highlights cannot be kept: {why}"
            )));
        }
        let article_id = open.article();
        let Some((block, offset)) = cursor::place(open).map(|(b, r)| (b, r.start)) else {
            return Highlighted::Refused(Status::info("scroll down to the text to highlight"));
        };
        let article = open.body();
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
        self.queue(Change::Add(NewAnnotation {
            kind,
            article: article.id.clone(),
            paragraph,
            selector: Selector::capture(text, range),
            note: String::new(),
            tags: Vec::new(),
        }));
        Highlighted::Queued(paragraph)
    }
}
