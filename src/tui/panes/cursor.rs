//! Where the reading pane's selection can go, computed from the open article without changing
//! it: the next or previous mention or footnote marker, where Enter on the selection leads, and
//! what lies under a screen position (with `BlockDecor` telling where the text starts).

use ratatui::layout::Position;
use unicode_width::UnicodeWidthChar;

use super::open::OpenArticle;
use crate::config::action::Action;
use crate::config::keymap::{Context, Keymap};
use crate::corpus::Corpus;
use crate::corpus::ids::{ArticleId, MentionId};
use crate::corpus::linker::Mention;
use crate::text::decor::{BlockDecor, Medium};
use crate::tui::effect::{Reply, Status};
use crate::tui::geometry::Geometry;
use crate::tui::layout::Source;
use crate::tui::nav::{Jump, Target};

/// Mention `id` when it is in the open article.
pub fn mention_in<'c>(o: &OpenArticle, corpus: &'c Corpus, id: MentionId) -> Option<&'c Mention> {
    corpus
        .links
        .mention(id)
        .filter(|m| m.article == o.article())
}

/// The cursor's place in the open article: the selected mention's block and words, else the
/// start of the first line on the page (an empty range there); `None` above the first block.
pub fn place(o: &OpenArticle, corpus: &Corpus) -> Option<(usize, std::ops::Range<usize>)> {
    match o.target() {
        Some(Target::Mention(id)) => {
            if let Some(m) = mention_in(o, corpus, id) {
                return Some((m.block, m.range.clone()));
            }
        }
        Some(Target::Footnote(block, i)) => {
            let markers = corpus
                .article(o.article())?
                .blocks
                .get(block)?
                .footnote_markers();
            if let Some((range, _)) = markers.get(i) {
                return Some((block, range.clone()));
            }
        }
        None => {}
    }
    o.top_place().map(|(block, offset)| (block, offset..offset))
}

/// The line a target is on.
pub fn target_line(o: &OpenArticle, corpus: &Corpus, target: Target) -> Option<usize> {
    match target {
        Target::Mention(id) => {
            let m = mention_in(o, corpus, id)?;
            Some(o.layout().line_of(m.block, m.range.start))
        }
        Target::Footnote(block, i) => {
            let markers = corpus
                .article(o.article())?
                .blocks
                .get(block)?
                .footnote_markers();
            let (range, _) = markers.get(i)?;
            Some(o.layout().line_of(block, range.start))
        }
    }
}

/// The next (or previous) mention: from the selected one, else from the top (or bottom) of
/// the page of `page` lines.
pub fn next_mention(
    o: &OpenArticle,
    corpus: &Corpus,
    forward: bool,
    page: usize,
) -> Result<Target, Status> {
    if corpus.links.in_article(o.article()).is_empty() {
        return Err(Status::info("this article names no entity"));
    }
    let next = match o.target() {
        Some(Target::Mention(id)) => corpus.links.step_in_article(id, forward),
        _ => {
            let line_of = |m: &Mention| o.layout().line_of(m.block, m.range.start);
            let mut mentions = corpus.links.in_article_with_ids(o.article());
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
pub fn same_entity(o: &OpenArticle, corpus: &Corpus, keymap: &Keymap, forward: bool) -> Reply {
    let Some(Target::Mention(id)) = o.target() else {
        let hint = keymap
            .first_key(Context::Reader, Action::NextMention)
            .unwrap_or_default();
        return Reply::Status(Status::info(format!("select a mention first ({hint})")));
    };
    let Some(m) = mention_in(o, corpus, id) else {
        return Reply::Done;
    };
    let all = corpus.links.of_entity(m.entity);
    let Some(at) = all.iter().position(|&g| g == id) else {
        return Reply::Done;
    };
    let n = all.len();
    let (next, wrapped) = if forward {
        ((at + 1) % n, at + 1 == n)
    } else {
        ((at + n - 1) % n, at == 0)
    };
    let target = all[next];
    let Some(there) = corpus.links.mention(target) else {
        return Reply::Done;
    };
    let name = corpus.entity(m.entity).map_or("", |e| e.name.as_str());
    let mut said = format!(
        "{name}: {} of {n} · ¶ {}",
        next + 1,
        crate::corpus::article::paragraph_number(there.block)
    );
    if there.article != o.article()
        && let Some(article) = corpus.article(there.article)
    {
        said.push_str(&format!(" · {}", article.label()));
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
pub fn next_footnote(
    o: &OpenArticle,
    corpus: &Corpus,
    forward: bool,
    page: usize,
) -> Result<Target, Status> {
    let Some(article) = corpus.article(o.article()) else {
        return Err(Status::info("this article has no footnotes"));
    };
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
pub fn follow(o: &OpenArticle, corpus: &Corpus, keymap: &Keymap) -> Reply {
    match o.target() {
        Some(Target::Mention(id)) => {
            let Some(m) = mention_in(o, corpus, id) else {
                return Reply::Done;
            };
            let here = o.article();
            let elsewhere: Vec<(MentionId, ArticleId)> = corpus
                .links
                .of_entity(m.entity)
                .iter()
                .filter_map(|&g| Some((g, corpus.links.mention(g)?.article)))
                .filter(|&(_, a)| a != here)
                .collect();
            let next = elsewhere
                .iter()
                .find(|&&(_, a)| a > here)
                .or_else(|| elsewhere.first());
            match next {
                Some(&(g, _)) => Reply::Jump(Jump::Mention(g)),
                None => {
                    let name = corpus.entity(m.entity).map_or("", |e| e.name.as_str());
                    Reply::Status(Status::info(format!("no other article names {name}")))
                }
            }
        }
        Some(Target::Footnote(block, i)) => {
            let article = corpus.article(o.article());
            let number = article
                .and_then(|a| a.blocks.get(block))
                .and_then(|b| b.footnote_markers().get(i).map(|(_, n)| *n));
            match number.and_then(|n| article?.reference_block(n)) {
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
pub fn under(
    o: &OpenArticle,
    corpus: &Corpus,
    geometry: &Geometry,
    at: Position,
) -> Option<Target> {
    let area = geometry.reader_inner();
    if at.y < area.y || at.x < geometry.text_x {
        return None;
    }
    let line = o
        .layout()
        .lines
        .get(o.scroll() + usize::from(at.y - area.y))?;
    let Source::Block(b) = line.source else {
        return None;
    };
    let block = corpus.article(o.article())?.blocks.get(b)?;
    let column = usize::from(at.x - geometry.text_x)
        .checked_sub(BlockDecor::of(block, Medium::Screen).width())?;
    // The byte under the pointer.
    let mut used = 0;
    let mut offset = None;
    for (i, c) in block.text.get(line.range.clone())?.char_indices() {
        let w = c.width().unwrap_or(0);
        if column < used + w.max(1) {
            offset = Some(line.range.start + i);
            break;
        }
        used += w;
    }
    let offset = offset?;
    if let Some((id, _)) = corpus
        .links
        .in_article_with_ids(o.article())
        .find(|(_, m)| m.block == b && m.range.contains(&offset))
    {
        return Some(Target::Mention(id));
    }
    block
        .footnote_markers()
        .iter()
        .position(|(range, _)| range.contains(&offset))
        .map(|i| Target::Footnote(b, i))
}
