//! An entity's passages in the sidebar as a paged list: one small record per article group is
//! kept, and a row is built only when it is shown or asked for. Memory and work stay in
//! proportion to the articles naming the entity and the rows on screen, never to every
//! mention (a common word on 100,000 articles has millions).

use std::sync::Arc;

use super::rows::{Item, Row, Tone};
use crate::corpus::article::paragraph_number;
use crate::corpus::catalogue::EntityKind;
use crate::corpus::ids::{ArticleId, EntityId, MentionId};
use crate::corpus::linker::Mention;
use crate::shelf::{Body, Shelf};
use crate::text::{truncate, truncate_start, width};

/// One article's passages: a header row, then one row per mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Group {
    article: ArticleId,
    here: bool,
    count: usize,
    /// Its header's row, counted from the first passage row.
    first_row: usize,
}

/// The passage rows of one entity at one width; the open article's group first ("here").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Passages {
    entity: Option<(EntityId, EntityKind)>,
    columns: usize,
    groups: Vec<Group>,
    rows: usize,
    mentions: usize,
}

impl Passages {
    /// Indexes the passages of `entity` while `open` is the article in the reading pane.
    pub fn new(
        shelf: &Shelf,
        entity: (EntityId, EntityKind),
        open: Option<ArticleId>,
        columns: usize,
    ) -> Passages {
        let mut all = Vec::new();
        let mut mentions = 0;
        for &(article, count) in shelf.naming(entity.0).iter() {
            all.push(Group {
                article,
                here: Some(article) == open,
                count,
                first_row: 0,
            });
            mentions += count;
        }
        let mut groups: Vec<Group> = all.iter().filter(|g| g.here).copied().collect();
        groups.extend(all.iter().filter(|g| !g.here));
        let mut rows = 0;
        for group in &mut groups {
            group.first_row = rows;
            rows += 1 + group.count;
        }
        Passages {
            entity: Some(entity),
            columns,
            groups,
            rows,
            mentions,
        }
    }

    /// How many rows (headers and passages).
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// How many passages, and in how many articles.
    pub fn counts(&self) -> (usize, usize) {
        (self.mentions, self.groups.len())
    }

    /// The group holding row `i` and the row's place in it (0: the header).
    fn locate(&self, i: usize) -> Option<(&Group, usize)> {
        if i >= self.rows {
            return None;
        }
        let g = self.groups.partition_point(|g| g.first_row <= i) - 1;
        let group = self.groups.get(g)?;
        Some((group, i - group.first_row))
    }

    /// The `k`-th passage of `group`: its article's body and the mention's id.
    fn mention(&self, shelf: &Shelf, group: &Group, k: usize) -> Option<(Arc<Body>, MentionId)> {
        let (entity, _) = self.entity?;
        let body = shelf.article(group.article)?;
        let id = body.nth_of(entity, k)?;
        Some((body, id))
    }

    /// What row `i` stands for, without building it.
    pub fn item(&self, shelf: &Shelf, i: usize) -> Option<Item> {
        let (group, at) = self.locate(i)?;
        if at == 0 {
            return Some(Item::Article(group.article));
        }
        if at > group.count {
            return None;
        }
        self.mention(shelf, group, at - 1)
            .map(|(_, id)| Item::Passage(id))
    }

    /// Builds row `i`.
    pub fn row(&self, shelf: &Shelf, i: usize) -> Option<Row> {
        let (group, at) = self.locate(i)?;
        if at == 0 {
            let here = if group.here { "here · " } else { "" };
            let header = format!("{here}{} ({})", shelf.label(group.article), group.count);
            return Some(Row {
                spans: vec![(truncate(&header, self.columns), Tone::Title)],
                item: Some(Item::Article(group.article)),
            });
        }
        let (_, kind) = self.entity?;
        let (body, id) = self.mention(shelf, group, at - 1)?;
        let mention = body.mention(id)?;
        Some(passage_row(&body, (id, mention), self.columns, kind))
    }
}

/// `#12 …left context mention right context…` (`title …` or `lead …` in the header)
/// fitted to `columns`.
fn passage_row(
    body: &Body,
    (m, mention): (MentionId, &Mention),
    columns: usize,
    kind: EntityKind,
) -> Row {
    let text = body.text_of(mention);
    let label = match mention.place.block() {
        Some(b) => format!("  #{:<4} ", paragraph_number(b)),
        None => format!("  {:<5} ", mention.place.cite()),
    };
    let surface = truncate(
        text.get(mention.range.clone()).unwrap_or(""),
        columns.saturating_sub(width(&label)),
    );
    let room = columns.saturating_sub(width(&label) + width(&surface));
    let left_room = room / 2;
    let left = truncate_start(text.get(..mention.range.start).unwrap_or(""), left_room);
    let right = truncate(
        text.get(mention.range.end..).unwrap_or(""),
        room.saturating_sub(width(&left)),
    );
    Row {
        spans: vec![
            (label, Tone::Dim),
            (left, Tone::Normal),
            (surface, Tone::Mention(kind)),
            (right, Tone::Normal),
        ],
        item: Some(Item::Passage(m)),
    }
}
