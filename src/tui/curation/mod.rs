//! Curating the catalogue from the reader. On the selected mention: `X` unlinks it where it
//! stands, `R` links it to another entity there (the entity picker), `o` shows the other
//! entities it names in turn. On words selected in visual mode: `L` makes them an alias of an
//! entity (everywhere), `R` links them to one only there, `N` opens the card to add them as a
//! new entity. `S` opens the suggestions view: add, merge or ignore each proposal.
//!
//! Every change is a `CatalogueJob` (`job.rs`) handed to the event loop with
//! `Effect::EditCatalogue`; it writes the catalogue with the CLI's editor and reads everything
//! again, so marks, counts, sidebar and passages follow. No I/O here.

pub mod job;

use std::ops::Range;
use std::time::Instant;

pub use job::{CatalogueJob, Change};

use super::effect::{Effect, Status};
use super::nav::{Subject, Target};
use super::overlay::Overlay;
use super::overlay::finder::Finder;
use super::overlay::suggestions::{self, Picker, Purpose, SuggestionsView};
use super::panes::reader::ReaderPane;
use super::panes::sidebar::SidebarPane;
use crate::config::action::Action;
use crate::config::keymap::{Context, Keymap};
use crate::corpus::article::Place;
use crate::corpus::catalogue::EntityKind;
use crate::corpus::ids::EntityId;
use crate::corpus::linker::Mention;
use crate::corpus::overrides::Part;
use crate::corpus::quote::Selector;
use crate::names::{Example, Suggester};
use crate::shelf::Shelf;

/// The parts of the app curation works on.
pub struct Bench<'a> {
    pub shelf: &'a Shelf,
    pub keymap: &'a Keymap,
    pub reader: &'a mut ReaderPane,
    pub sidebar: &'a mut SidebarPane,
    pub overlay: &'a mut Overlay,
    pub status: &'a mut Option<Status>,
    pub effects: &'a mut Vec<Effect>,
    pub job: &'a mut Option<CatalogueJob>,
}

/// Whether `action` in `context` is curation's (else the app's usual routing takes it).
pub fn handles(overlay: &Overlay, context: Context, action: Action) -> bool {
    use Action::*;
    match context {
        Context::Reader => matches!(action, UnlinkMention | OtherEntity | LinkHere | Suggestions),
        Context::Visual => matches!(action, LinkAlias | LinkHere | NewEntity | Suggestions),
        Context::Suggestions => matches!(
            action,
            AcceptSuggestion | MergeSuggestion | IgnoreSuggestion | CycleKind | Suggestions
        ),
        Context::Finder => matches!(overlay, Overlay::Pick(_)) && matches!(action, Accept | Cancel),
        _ => action == Suggestions && !context.is_modal(),
    }
}

/// Carries out a curation command.
pub fn act(bench: &mut Bench, context: Context, action: Action) {
    let done = match (context, action) {
        (_, Action::Suggestions) => {
            *bench.overlay = match bench.overlay {
                Overlay::Suggestions(_) => Overlay::None,
                _ => Overlay::Suggestions(SuggestionsView::new(bench.shelf)),
            };
            Ok(())
        }
        (Context::Reader, Action::UnlinkMention) => unlink(bench),
        (Context::Reader, Action::OtherEntity) => other_entity(bench),
        (Context::Reader, Action::LinkHere) => relink(bench),
        (Context::Visual, _) => on_selection(bench, action),
        (Context::Suggestions, _) => on_proposal(bench, action),
        (Context::Finder, Action::Accept) => picked(bench),
        (Context::Finder, _) => {
            back_from_picker(bench.overlay);
            Ok(())
        }
        _ => Ok(()),
    };
    if let Err(status) = done {
        *bench.status = Some(status);
    }
}

fn key(bench: &Bench, context: Context, action: Action) -> String {
    bench.keymap.first_key(context, action).unwrap_or_default()
}

fn queue(bench: &mut Bench, job: CatalogueJob) {
    *bench.job = Some(job);
    bench.effects.push(Effect::EditCatalogue);
}

/// The mention selected in the open article, with the text of its paragraph (or title or
/// lead).
fn selected(shelf: &Shelf, reader: &ReaderPane) -> Result<(Mention, String, String), Status> {
    let open = reader
        .open()
        .ok_or_else(|| Status::info("open an article and select a mention first (] and [)"))?;
    let m = match open.target() {
        Some(Target::Mention(id)) => shelf
            .mention(id)
            .ok_or_else(|| Status::error("the mention is no longer there"))?,
        _ => return Err(Status::info("select a mention first (] and [)")),
    };
    let body = shelf
        .article(m.article)
        .ok_or_else(|| Status::error("the article is no longer loaded"))?;
    let text = body
        .article
        .text_at(m.place)
        .map(str::to_string)
        .ok_or_else(|| Status::error("the mention's paragraph is no longer there"))?;
    Ok((m, body.article.id.to_string(), text))
}

/// The part of the article a place is in, as an override names it.
fn part(place: Place) -> Part {
    match place {
        Place::Title => Part::Title,
        Place::Lead => Part::Lead,
        Place::Block(_) => Part::Body,
    }
}

/// `X`: the selected mention is unlinked where it stands.
fn unlink(bench: &mut Bench) -> Result<(), Status> {
    let (m, article, text) = selected(bench.shelf, bench.reader)?;
    queue(
        bench,
        CatalogueJob::new(Change::Override {
            article,
            part: part(m.place),
            quote: Selector::capture(&text, m.range.clone()),
            entity: None,
        }),
    );
    Ok(())
}

/// `R` on a mention: the picker, to link it to another entity where it stands.
fn relink(bench: &mut Bench) -> Result<(), Status> {
    let (m, article, text) = selected(bench.shelf, bench.reader)?;
    let quote = Selector::capture(&text, m.range.clone());
    let part = part(m.place);
    open_picker(
        bench,
        Purpose::Here {
            article,
            part,
            quote,
        },
        None,
    );
    Ok(())
}

fn open_picker(bench: &mut Bench, purpose: Purpose, return_to: Option<Box<SuggestionsView>>) {
    let accept = key(bench, Context::Finder, Action::Accept);
    let cancel = key(bench, Context::Finder, Action::Cancel);
    *bench.overlay = Overlay::Pick(Picker {
        finder: Finder::new(bench.shelf),
        purpose,
        return_to,
    });
    *bench.status = Some(Status::info(format!(
        "type to find the entity, {accept} links, {cancel} goes back"
    )));
}

/// `o`: the sidebar shows the next entity the selected mention names; the status line names
/// them all.
fn other_entity(bench: &mut Bench) -> Result<(), Status> {
    let shown = match bench.sidebar.subject() {
        Some(Subject::Entity(e)) => Some(e),
        _ => None,
    };
    let (m, _, text) = selected(bench.shelf, bench.reader)?;
    let surface = text.get(m.range.clone()).unwrap_or("");
    let named: Vec<EntityId> = m.entities().collect();
    let at = shown
        .and_then(|s| named.iter().position(|&e| e == s))
        .map_or(0, |i| (i + 1) % named.len());
    let next = named[at];
    let names: Vec<&str> = named
        .iter()
        .filter_map(|&e| bench.shelf.entity(e))
        .map(|e| e.name.as_str())
        .collect();
    let status = if named.len() == 1 {
        Status::info(format!("`{}` names only {}", surface, names.join("")))
    } else {
        Status::info(format!(
            "`{}` names {} ({} of {}); enter follows {}",
            surface,
            names.join(" and "),
            at + 1,
            named.len(),
            names.first().copied().unwrap_or("")
        ))
    };
    bench.sidebar.show(Some(Subject::Entity(next)), false);
    *bench.status = Some(status);
    Ok(())
}

/// The words selected in visual mode: article key, block, range and the block's text.
fn selection(bench: &Bench) -> Result<(String, usize, Range<usize>, String), Status> {
    let open = bench
        .reader
        .open()
        .ok_or_else(|| Status::info("open an article first"))?;
    let v = bench
        .reader
        .visual()
        .ok_or_else(|| Status::info("select words first (v)"))?;
    let body = bench
        .shelf
        .article(open.article())
        .ok_or_else(|| Status::error("the article is no longer loaded"))?;
    let text = body
        .article
        .blocks
        .get(v.block)
        .map(|b| b.text.clone())
        .ok_or_else(|| Status::error("the paragraph is no longer there"))?;
    let range = v.range();
    let words = text.get(range.clone()).unwrap_or("").trim();
    if words.is_empty() {
        return Err(Status::info("select words first (v)"));
    }
    if words.chars().count() > 120 {
        return Err(Status::info(
            "select a name, not a passage: at most 120 characters",
        ));
    }
    Ok((body.article.id.to_string(), v.block, range, text))
}

/// `L`, `R` and `N` in visual mode.
fn on_selection(bench: &mut Bench, action: Action) -> Result<(), Status> {
    let (article, block, range, text) = selection(bench)?;
    let words = text.get(range.clone()).unwrap_or("").trim().to_string();
    match action {
        Action::LinkAlias => {
            bench.reader.end_visual();
            let purpose = Purpose::Alias {
                forms: vec![words],
                settles: None,
            };
            open_picker(bench, purpose, None);
        }
        Action::LinkHere => {
            bench.reader.end_visual();
            let quote = Selector::capture(&text, range);
            let part = Part::Body;
            open_picker(
                bench,
                Purpose::Here {
                    article,
                    part,
                    quote,
                },
                None,
            );
        }
        _ => {
            let proposal = card(bench.shelf, &article, block, &words, &text, range);
            bench.reader.end_visual();
            *bench.overlay = Overlay::Suggestions(SuggestionsView::single(proposal));
        }
    }
    Ok(())
}

/// The card for `words` at `range` of block `block`: what the suggester makes of them in
/// their article (kind, forms, counts), else the sentence they stand in.
fn card(
    shelf: &Shelf,
    article: &str,
    block: usize,
    words: &str,
    text: &str,
    range: Range<usize>,
) -> suggestions::Proposal {
    let mut suggester = Suggester::new(shelf.catalogue());
    if let Ok(Some(linked)) = shelf.library().store().article(article) {
        suggester.add_article(&linked.article, &linked.mentions);
    }
    let found = suggester
        .finish(None)
        .into_iter()
        .find(|s| s.name == words || s.aliases.iter().any(|a| a == words));
    let sentence = crate::corpus::sentence::sentence_around(text, range.start);
    let example = Example {
        article: article.to_string(),
        paragraph: crate::corpus::article::paragraph_number(block),
        sentence: text.get(sentence).unwrap_or(words).trim().to_string(),
    };
    suggestions::proposal_for(words, found, example)
}

/// `a`, `m`, `i` and `tab` in the suggestions view.
fn on_proposal(bench: &mut Bench, action: Action) -> Result<(), Status> {
    let Overlay::Suggestions(view) = &mut *bench.overlay else {
        return Ok(());
    };
    if action == Action::CycleKind {
        if let Some(kind) = view.cycle_kind() {
            *bench.status = Some(Status::info(format!("to be added as {}", kind.name())));
        }
        return Ok(());
    }
    let Some(p) = view.chosen().cloned() else {
        return Err(Status::info(if view.is_ready() {
            "nothing to add: no proposal selected"
        } else {
            "the names are still being read"
        }));
    };
    let s = &p.suggestion;
    let forms = job::worth_listing(&s.name, &s.aliases, p.kind);
    let settles = Some(s.name.clone());
    match action {
        Action::AcceptSuggestion => queue(
            bench,
            CatalogueJob {
                change: Change::Add {
                    name: s.name.clone(),
                    kind: p.kind,
                    aliases: forms[1..].to_vec(),
                },
                settles,
            },
        ),
        Action::IgnoreSuggestion => {
            let mut forms = vec![s.name.clone()];
            forms.extend(s.aliases.iter().cloned());
            queue(
                bench,
                CatalogueJob {
                    change: Change::Ignore { forms },
                    settles,
                },
            )
        }
        _ => {
            let view = match std::mem::take(bench.overlay) {
                Overlay::Suggestions(view) => Some(Box::new(view)),
                _ => None,
            };
            open_picker(bench, Purpose::Alias { forms, settles }, view);
        }
    }
    Ok(())
}

/// Enter in the picker: the change for the entity chosen; back to the view it came from.
fn picked(bench: &mut Bench) -> Result<(), Status> {
    let Overlay::Pick(picker) = &*bench.overlay else {
        return Ok(());
    };
    let Some(&(entity, _)) = picker.finder.matches().get(picker.finder.selected()) else {
        return Err(Status::info(
            "no entity matches: type less, or esc to go back",
        ));
    };
    let id = bench
        .shelf
        .entity(entity)
        .map(|e| e.id.clone())
        .ok_or_else(|| Status::error("the entity is no longer there"))?;
    let job = match picker.purpose.clone() {
        Purpose::Alias { forms, settles } => CatalogueJob {
            change: Change::Alias { entity: id, forms },
            settles,
        },
        Purpose::Here {
            article,
            part,
            quote,
        } => CatalogueJob::new(Change::Override {
            article,
            part,
            quote,
            entity: Some(id),
        }),
    };
    back_from_picker(bench.overlay);
    queue(bench, job);
    Ok(())
}

/// Closes the picker, back to the suggestions view it was opened from, if any.
fn back_from_picker(overlay: &mut Overlay) {
    *overlay = match std::mem::take(overlay) {
        Overlay::Pick(Picker {
            return_to: Some(view),
            ..
        }) => Overlay::Suggestions(*view),
        _ => Overlay::None,
    };
}

/// Why a change was not made, on one line for the status bar: the first problem of a
/// catalogue that does not load, with how many more `dossier check` lists.
pub fn refusal(error: &crate::corpus::catalogue_edit::EditError) -> String {
    use crate::corpus::catalogue_edit::EditError;
    let why = match error {
        EditError::Invalid(problems) => {
            let first = problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            match problems.len() {
                0 | 1 => format!("{first}: fix it first"),
                n => format!("{first} (+{} more, `dossier check` lists them)", n - 1),
            }
        }
        other => other.to_string(),
    };
    format!("catalogue not changed: {why}")
}

/// The event loop made `job` (`made`) or could not: a settled proposal leaves the view, and
/// a card for selected words closes once its words are in the catalogue.
pub fn curated(overlay: &mut Overlay, job: &CatalogueJob, made: bool) {
    let (Overlay::Suggestions(view), true, Some(name)) = (&mut *overlay, made, &job.settles) else {
        return;
    };
    view.settle_proposal(name);
    if view.is_single() && view.proposals().is_empty() {
        *overlay = Overlay::None;
    }
}

/// What stays open when the articles or the catalogue are read again: a suggestions view
/// whose list is ready (its proposals are still the corpus's, less those settled); one still
/// reading starts again on the new articles.
pub fn carried_over(overlay: &mut Overlay, shelf: &Shelf) -> Overlay {
    match std::mem::take(overlay) {
        Overlay::Suggestions(view) if view.is_ready() => Overlay::Suggestions(view),
        Overlay::Suggestions(_) => Overlay::Suggestions(SuggestionsView::new(shelf)),
        _ => Overlay::None,
    }
}

/// Work of an open suggestions view: a slice of reading, or a look at the ranking; whether
/// anything shown changed.
pub fn tick(overlay: &mut Overlay, shelf: &Shelf) -> bool {
    match overlay {
        Overlay::Suggestions(view) => view.step(shelf, suggestions::SLICE),
        _ => false,
    }
}

/// When an open suggestions view has work to do next.
pub fn deadline(overlay: &Overlay, now: Instant) -> Option<Instant> {
    match overlay {
        Overlay::Suggestions(view) => view.deadline(now),
        _ => None,
    }
}

/// For the sidebar: the selected mention's words and the entities they name, when they name
/// more than one ("US-Sanktionen" → Vereinigte Staaten · Sanktionen).
pub fn compound(shelf: &Shelf, reader: &ReaderPane) -> Option<(String, Vec<(String, EntityKind)>)> {
    let open = reader.open()?;
    let Some(Target::Mention(id)) = open.target() else {
        return None;
    };
    let m = open.body().mention(id)?;
    m.also.as_ref()?;
    let words = open
        .body()
        .article
        .text_at(m.place)
        .and_then(|t| t.get(m.range.clone()))?
        .to_string();
    let named = m
        .entities()
        .filter_map(|e| shelf.entity(e))
        .map(|e| (e.name.clone(), e.kind))
        .collect();
    Some((words, named))
}
