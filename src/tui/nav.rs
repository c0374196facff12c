//! Where the reader is and how it got there: the selection in the reading pane (`Target`), a
//! `Location` precise enough to come back to, and the jump history. Every jump (passage,
//! footnote, entity, article) records where the reader was, so back and forward restore the
//! exact article, scroll, selection and sidebar subject.

use crate::corpus::ids::{ArticleId, EntityId, MentionId};

/// What the sidebar shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Article(ArticleId),
    Entity(EntityId),
}

/// A move the reader remembers in its history; only the app carries one out, as it touches the
/// reading pane, the sidebar and the history together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jump {
    Article(ArticleId),
    /// The mention's article, the mention selected and flashed.
    Mention(MentionId),
    /// The entity in the sidebar with all its passages.
    Entity(EntityId),
    /// A block of the open article (a footnote's reference), flashed.
    Block(usize),
    /// A block (0-based) of an article, opened if need be and flashed: an annotation's place.
    Place(ArticleId, usize),
    /// Bytes `start..end` of a block of an article, opened if need be, centred and flashed:
    /// a sentence of the timeline, a passage of the compare view.
    Passage(ArticleId, usize, usize, usize),
    Back,
    Forward,
}

/// What the reading pane has selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A mention in the open article.
    Mention(MentionId),
    /// A footnote marker: block and the marker's index in that block.
    Footnote(usize, usize),
}

/// Where the reader is: enough to put it back exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub article: Option<ArticleId>,
    /// The first visible line, valid for `width`.
    pub scroll: usize,
    pub width: usize,
    /// The block shown at the top, used when the width changed since.
    pub top_block: Option<usize>,
    pub target: Option<Target>,
    pub subject: Option<Subject>,
}

impl Location {
    /// Whether the sidebar keeps its subject here: an entity chosen as a jump, not one that
    /// follows the selected mention.
    pub fn sidebar_pinned(&self) -> bool {
        matches!(self.subject, Some(Subject::Entity(_)))
            && !matches!(self.target, Some(Target::Mention(_)))
    }
}

/// Back and forward stacks, bounded.
#[derive(Clone, Debug, Default)]
pub struct History {
    back: Vec<Location>,
    forward: Vec<Location>,
}

const LIMIT: usize = 500;

impl History {
    /// Records `from` before a jump; forward history is dropped, as in a browser. A place
    /// with no article open is not one to come back to: going back stops at the first
    /// article opened.
    pub fn record(&mut self, from: Location) {
        if from.article.is_none() {
            return;
        }
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > LIMIT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// Goes back from `current`; returns where to go.
    pub fn back(&mut self, current: Location) -> Option<Location> {
        let to = self.back.pop()?;
        self.forward.push(current);
        Some(to)
    }

    /// Goes forward from `current`; returns where to go.
    pub fn forward(&mut self, current: Location) -> Option<Location> {
        let to = self.forward.pop()?;
        self.back.push(current);
        Some(to)
    }

    pub fn back_len(&self) -> usize {
        self.back.len()
    }

    pub fn forward_len(&self) -> usize {
        self.forward.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(article: usize) -> Location {
        Location {
            article: Some(ArticleId::from_index(article)),
            scroll: 0,
            width: 80,
            top_block: None,
            target: None,
            subject: None,
        }
    }

    #[test]
    fn back_and_forward_walk_the_jumps() {
        let mut h = History::default();
        h.record(at(0));
        h.record(at(1));
        // now at 2
        assert_eq!(h.back(at(2)), Some(at(1)));
        assert_eq!(h.back(at(1)), Some(at(0)));
        assert_eq!(h.back(at(0)), None);
        assert_eq!(h.forward(at(0)), Some(at(1)));
        assert_eq!(h.forward(at(1)), Some(at(2)));
        assert_eq!(h.forward(at(2)), None);
    }

    #[test]
    fn a_new_jump_drops_the_forward_history() {
        let mut h = History::default();
        h.record(at(0));
        h.back(at(1));
        assert_eq!(h.forward_len(), 1);
        h.record(at(0));
        assert_eq!(h.forward_len(), 0);
    }

    #[test]
    fn the_empty_screen_before_the_first_article_is_never_recorded() {
        let mut h = History::default();
        h.record(Location {
            article: None,
            ..at(0)
        });
        assert_eq!(h.back_len(), 0);
        h.record(at(0));
        assert_eq!(h.back(at(1)), Some(at(0)));
        assert_eq!(h.back(at(0)), None, "going back stops at the first article");
    }

    #[test]
    fn history_is_bounded() {
        let mut h = History::default();
        for i in 0..LIMIT + 50 {
            h.record(at(i));
        }
        assert_eq!(h.back_len(), LIMIT);
    }
}
