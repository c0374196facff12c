//! Where the reading pane's selection can go, computed from the open article without changing
//! it: the next or previous mention or footnote marker, where Enter on the selection leads, and
//! what lies under a screen position (with `BlockDecor` telling where the text starts).

use ratatui::layout::Position;
use unicode_width::UnicodeWidthChar;

use super::open::OpenArticle;
use crate::config::action::Action;
use crate::config::keymap::{Context, Keymap};
use crate::corpus::linker::Mention;
use crate::shelf::Shelf;
use crate::text::decor::{BlockDecor, Medium};
use crate::tui::effect::{Reply, Status};
use crate::tui::geometry::Geometry;
use crate::tui::nav::{Jump, Target};

/// The cursor's place in the open article: the selected mention's block and words, else the
/// start of the first line on the page (an empty range there); `None` above the first block.
pub fn place(o: &OpenArticle) -> Option<(usize, std::ops::Range<usize>)> {
    match o.target() {
        Some(Target::Mention(id)) => {
            // A mention in the title or lead: the cursor is where the page is.
            if let Some((block, m)) = o
                .body()
                .mention(id)
                .and_then(|m| Some((m.place.block()?, m)))
            {
                return Some((block, m.range.clone()));
            }
        }
        Some(Target::Footnote(block, i)) => {
            let markers = o.body().blocks.get(block)?.footnote_markers();
            if let Some((range, _)) = markers.get(i) {
                return Some((block, range.clone()));
            }
        }
        None => {}
    }
    o.top_place().map(|(block, offset)| (block, offset..offset))
}

/// The line a target is on.
pub fn target_line(o: &OpenArticle, target: Target) -> Option<usize> {
    match target {
        Target::Mention(id) => {
            let m = o.body().mention(id)?;
            Some(o.layout().line_of_place(m.place, m.range.start))
        }
        Target::Footnote(block, i) => {
            let markers = o.body().blocks.get(block)?.footnote_markers();
            let (range, _) = markers.get(i)?;
            Some(o.layout().line_of(block, range.start))
        }
    }
}

/// The next (or previous) mention: from the selected one, else from the top (or bottom) of
/// the page of `page` lines.
pub fn next_mention(o: &OpenArticle, forward: bool, page: usize) -> Result<Target, Status> {
    let body = o.body();
    if body.mentions.is_empty() {
        return Err(Status::info("this article names no entity"));
    }
    let next = match o.target() {
        Some(Target::Mention(id)) => body.step(id, forward),
        _ => {
            let line_of = |m: &Mention| o.layout().line_of_place(m.place, m.range.start);
            let mut mentions = body.mentions_with_ids();
            let found = if forward {
                mentions.find(|(_, m)| line_of(m) >= o.scroll())
            } else {
                mentions.rfind(|(_, m)| line_of(m) < o.scroll() + page)
            };
            found.map(|(id, _)| id)
        }
    };
    next.map(Target::Mention).ok_or_else(|| {
        Status::info(if forward {
            "last mention"
        } else {
            "first mention"
        })
    })
}

/// `*` / `#`: the next (or previous) mention of the selected mention's entity, through the
/// open article and then on into the next (or previous) article that names it, wrapping
/// around the corpus; said as "Name: 4 of 12 · ¶ 16 · source date".
pub fn same_entity(o: &OpenArticle, shelf: &Shelf, keymap: &Keymap, forward: bool) -> Reply {
    let Some(Target::Mention(id)) = o.target() else {
        let hint = keymap
            .first_key(Context::Reader, Action::NextMention)
            .unwrap_or_default();
        return Reply::Status(Status::info(format!("select a mention first ({hint})")));
    };
    let Some(m) = o.body().mention(id) else {
        return Reply::Done;
    };
    let Some(step) = shelf.step_same_entity(id, m.entity, forward) else {
        return Reply::Done;
    };
    let (target, next, n, wrapped) = (step.to, step.position, step.of, step.wrapped);
    let Some(there) = shelf.mention(target) else {
        return Reply::Done;
    };
    let name = shelf.entity(m.entity).map_or("", |e| e.name.as_str());
    let mut said = format!("{name}: {} of {n} · {}", next + 1, there.place.cited());
    if there.article != o.article() {
        said.push_str(&format!(" · {}", shelf.label(there.article)));
    }
    if n == 1 {
        said.push_str(" (the only one)");
    } else if wrapped {
        said.push_str(if forward {
            " (wrapped to the first)"
        } else {
            " (wrapped to the last)"
        });
    }
    Reply::JumpSaying(Jump::Mention(target), Status::info(said))
}

/// The next (or previous) footnote marker, in the same way.
pub fn next_footnote(o: &OpenArticle, forward: bool, page: usize) -> Result<Target, Status> {
    let article = o.body();
    let all: Vec<(usize, usize, usize)> = article
        .blocks
        .iter()
        .enumerate()
        .flat_map(|(b, block)| {
            block
                .footnote_markers()
                .into_iter()
                .enumerate()
                .map(move |(i, (range, _))| (b, i, range.start))
        })
        .collect();
    if all.is_empty() {
        return Err(Status::info("this article has no footnotes"));
    }
    let current = match o.target() {
        Some(Target::Footnote(b, i)) => all.iter().position(|&(bb, ii, _)| bb == b && ii == i),
        _ => None,
    };
    let line_of = |b: usize, start: usize| o.layout().line_of(b, start);
    let next = match (current, forward) {
        (Some(c), true) => (c + 1 < all.len()).then_some(c + 1),
        (Some(c), false) => c.checked_sub(1),
        (None, true) => all
            .iter()
            .position(|&(b, _, start)| line_of(b, start) >= o.scroll()),
        (None, false) => all
            .iter()
            .rposition(|&(b, _, start)| line_of(b, start) < o.scroll() + page),
    };
    next.map(|n| Target::Footnote(all[n].0, all[n].1))
        .ok_or_else(|| Status::info("no more footnotes"))
}

/// Enter on the selection: a mention leads to the entity's next passage in another article
/// (following the thread, wrapping around); a footnote marker to its reference.
pub fn follow(o: &OpenArticle, shelf: &Shelf, keymap: &Keymap) -> Reply {
    match o.target() {
        Some(Target::Mention(id)) => {
            let Some(m) = o.body().mention(id) else {
                return Reply::Done;
            };
            match shelf.next_article_naming(m.entity, o.article()) {
                Some(g) => Reply::Jump(Jump::Mention(g)),
                None => {
                    let name = shelf.entity(m.entity).map_or("", |e| e.name.as_str());
                    Reply::Status(Status::info(format!("no other article names {name}")))
                }
            }
        }
        Some(Target::Footnote(block, i)) => {
            let article = o.body();
            let number = article
                .blocks
                .get(block)
                .and_then(|b| b.footnote_markers().get(i).map(|(_, n)| *n));
            match number.and_then(|n| article.reference_block(n)) {
                Some(reference) => Reply::Jump(Jump::Block(reference)),
                None => Reply::Status(Status::error("no reference with that number")),
            }
        }
        None => {
            let hint = keymap
                .first_key(Context::Reader, Action::NextMention)
                .unwrap_or_default();
            Reply::Status(Status::info(format!("select a mention first ({hint})")))
        }
    }
}

/// The mention or footnote marker under screen position `at`.
pub fn under(o: &OpenArticle, geometry: &Geometry, at: Position) -> Option<Target> {
    let area = geometry.reader_inner();
    if at.y < area.y || at.x < geometry.text_x {
        return None;
    }
    let line = o
        .layout()
        .lines
        .get(o.scroll() + usize::from(at.y - area.y))?;
    let place = line.source.place()?;
    let block = place.block().and_then(|b| o.body().blocks.get(b));
    let text = o.body().article.text_at(place)?;
    let decor = block.map_or(0, |b| BlockDecor::of(b, Medium::Screen).width());
    let column = usize::from(at.x - geometry.text_x).checked_sub(decor)?;
    // The byte under the pointer.
    let mut used = 0;
    let mut offset = None;
    for (i, c) in text.get(line.range.clone())?.char_indices() {
        let w = c.width().unwrap_or(0);
        if column < used + w.max(1) {
            offset = Some(line.range.start + i);
            break;
        }
        used += w;
    }
    let offset = offset?;
    if let Some((id, _)) = o
        .body()
        .mentions_with_ids()
        .find(|(_, m)| m.place == place && m.range.contains(&offset))
    {
        return Some(Target::Mention(id));
    }
    let b = place.block()?;
    block?
        .footnote_markers()
        .iter()
        .position(|(range, _)| range.contains(&offset))
        .map(|i| Target::Footnote(b, i))
}
