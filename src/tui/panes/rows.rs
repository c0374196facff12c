//! The sidebar's rows as values: the text pieces with their tones (the theme turns them into
//! styles) and the item a row stands for. Shared by the sidebar's head (`facts.rs`) and its
//! paged passages (`passages.rs`), which never import each other's building.

use crate::corpus::catalogue::EntityKind;
use crate::corpus::ids::{ArticleId, EntityId, MentionId};
use crate::tui::nav::Jump;

/// Something a row stands for, which Enter or a click opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// A mention (in the open article or another).
    Passage(MentionId),
    Entity(EntityId),
    Article(ArticleId),
}

impl Item {
    /// The jump that opens it.
    pub fn jump(self) -> Jump {
        match self {
            Item::Passage(m) => Jump::Mention(m),
            Item::Entity(e) => Jump::Entity(e),
            Item::Article(a) => Jump::Article(a),
        }
    }
}

/// How a piece of a row looks; the theme turns it into a style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Normal,
    Title,
    Heading,
    Dim,
    Mention(EntityKind),
}

/// One row of the sidebar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub spans: Vec<(String, Tone)>,
    pub item: Option<Item>,
}

impl Row {
    pub(super) fn text(text: impl Into<String>, tone: Tone) -> Row {
        Row {
            spans: vec![(text.into(), tone)],
            item: None,
        }
    }

    pub(super) fn blank() -> Row {
        Row::text("", Tone::Normal)
    }

    /// The row's text without styles (for tests and hit-testing).
    pub fn plain(&self) -> String {
        self.spans.iter().map(|(s, _)| s.as_str()).collect()
    }
}
