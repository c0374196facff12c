//! The reader's study commands: visual mode's motions and tags, the note editor (popup and
//! `$EDITOR`), copying a quote with its citation and exporting the annotations view. They act
//! on a `Desk` (the parts of the app they need) and leave work for the event loop in the
//! `Outbox` with an `Effect`: nothing here does I/O.

use std::ops::Range;

use super::effect::{Effect, Status};
use super::geometry::Geometry;
use super::notes::{Change, NoteCard, Notes};
use super::overlay::Overlay;
use super::overlay::note::{Closing, NoteEditor, NoteTarget};
use super::panes::cursor;
use super::panes::reader::ReaderPane;
use crate::config::action::Action;
use crate::config::keymap::{Context, Keymap};
use crate::config::settings::Options;
use crate::corpus::article::paragraph_number;
use crate::corpus::ids::ArticleId;
use crate::corpus::sanitize::sanitize;
use crate::corpus::sentence::sentence_around;
use crate::shelf::Shelf;
use crate::userdata::export::Citation;
use crate::userdata::resolve::Resolved;
use crate::userdata::{Kind, NewAnnotation, Selector};

/// The most text copied to the clipboard, in bytes (terminals cap OSC 52 at about 100 kB
/// of base64).
pub const CLIPBOARD_LIMIT: usize = 32 * 1024;

/// Work left for the event loop.
#[derive(Debug, Default)]
pub struct Outbox {
    /// Text to put on the clipboard (OSC 52).
    pub clipboard: Option<String>,
    pub export: Option<ExportJob>,
    pub edit: Option<EditJob>,
    /// The path the last export went to, offered again.
    pub last_export: Option<String>,
}

/// Annotations to write to a file.
#[derive(Clone, Debug)]
pub struct ExportJob {
    /// As typed; relative to the working directory.
    pub path: String,
    pub items: Vec<Resolved>,
    /// The user agreed to replace an existing file.
    pub replace: bool,
}

/// How an export went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exported {
    /// Written, with how many annotations and the path shown to the user.
    Written {
        count: usize,
        path: String,
    },
    /// The file exists and replacing it was not agreed to yet.
    Exists(String),
    Failed(String),
}

/// A note to write in an external editor.
#[derive(Clone, Debug)]
pub struct EditJob {
    /// The text the editor opens on.
    pub text: String,
    pub into: EditInto,
}

/// Where the text from an external editor goes.
#[derive(Clone, Debug)]
pub enum EditInto {
    /// Back into the open note editor popup (kept with its save key).
    Popup,
    /// Stored at once.
    Save(NoteTarget, String),
}

/// The parts of the app the study commands use.
pub struct Desk<'a> {
    pub shelf: &'a Shelf,
    pub keymap: &'a Keymap,
    pub options: &'a Options,
    pub geometry: &'a Geometry,
    pub reader: &'a mut ReaderPane,
    pub notes: &'a mut Notes,
    pub overlay: &'a mut Overlay,
    pub outbox: &'a mut Outbox,
    pub status: &'a mut Option<Status>,
    pub effects: &'a mut Vec<Effect>,
}

/// Whether `action` in `context` is a study command (else the app's usual routing takes it).
pub fn handles(context: Context, action: Action) -> bool {
    use Action::*;
    match context {
        // Everything but what the app does anywhere; Esc asks the overlay.
        Context::Note => !matches!(action, Suspend | Redraw | Cancel),
        Context::SavePath => action == Accept,
        Context::Annotations => matches!(action, Export | Copy | Note | ExternalEditor),
        Context::Visual => matches!(
            action,
            Highlight
                | Tag1
                | Tag2
                | Tag3
                | Tag4
                | Tag5
                | Note
                | ExternalEditor
                | Copy
                | Visual
                | VisualSentence
                | WordForward
                | WordBackward
                | SentenceForward
                | SentenceBackward
                | LineStart
                | LineEnd
        ),
        Context::Reader => matches!(
            action,
            Visual | VisualSentence | Note | ExternalEditor | Copy
        ),
        _ => false,
    }
}

/// Carries out a study command.
pub fn act(desk: &mut Desk, context: Context, action: Action) {
    let result = match context {
        Context::Note => in_editor(desk, action),
        Context::SavePath => save_view(desk),
        Context::Annotations => in_view(desk, action),
        _ => in_reader(desk, action),
    };
    if let Err(status) = result {
        *desk.status = Some(status);
    }
}

fn say(desk: &mut Desk, text: impl Into<String>) {
    *desk.status = Some(Status::info(text));
}

fn key(desk: &Desk, context: Context, action: Action) -> String {
    desk.keymap.first_key(context, action).unwrap_or_default()
}

/// Words of the open article the reader's commands act on.
#[derive(Clone, Debug)]
struct Passage {
    article: ArticleId,
    block: usize,
    range: Range<usize>,
    /// The stored annotation on these words, if any.
    stored: Option<i64>,
}

/// The visual selection; else the annotation under the cursor; else the sentence there.
fn passage(desk: &Desk) -> Result<Passage, Status> {
    let o = desk
        .reader
        .open()
        .ok_or_else(|| Status::info("open an article first"))?;
    let article = o.article();
    if let Some(v) = desk.reader.visual() {
        let range = v.range();
        let stored = desk
            .notes
            .exactly(article, v.block, &range)
            .map(|r| r.annotation.id);
        return Ok(Passage {
            article,
            block: v.block,
            range,
            stored,
        });
    }
    let (block, at) =
        cursor::place(o).ok_or_else(|| Status::info("scroll down to the text first"))?;
    if let Some(r) = desk.notes.at(article, block, at.start)
        && let Some((_, range)) = &r.place
    {
        return Ok(Passage {
            article,
            block,
            range: range.clone(),
            stored: Some(r.annotation.id),
        });
    }
    let text = block_text(desk.shelf, article, block)?;
    let range = sentence_around(&text, at.start);
    if range.is_empty() {
        return Err(Status::info("no sentence here"));
    }
    let stored = desk
        .notes
        .exactly(article, block, &range)
        .map(|r| r.annotation.id);
    Ok(Passage {
        article,
        block,
        range,
        stored,
    })
}

fn block_text(shelf: &Shelf, article: ArticleId, block: usize) -> Result<String, Status> {
    shelf
        .article(article)
        .and_then(|a| a.blocks.get(block).map(|b| b.text.clone()))
        .ok_or_else(|| Status::error("the article cannot be read"))
}

/// A new highlight of `p` with `tags`.
fn new_highlight(shelf: &Shelf, p: &Passage, tags: Vec<String>) -> Result<NewAnnotation, Status> {
    let text = block_text(shelf, p.article, p.block)?;
    let key = shelf
        .key(p.article)
        .cloned()
        .ok_or_else(|| Status::error("the article cannot be read"))?;
    Ok(NewAnnotation {
        kind: Kind::Highlight,
        article: key,
        paragraph: paragraph_number(p.block),
        selector: Selector::capture(&text, p.range.clone()),
        note: String::new(),
        tags,
    })
}

fn in_reader(desk: &mut Desk, action: Action) -> Result<(), Status> {
    match action {
        Action::Visual | Action::VisualSentence => {
            desk.reader.start_visual(action == Action::VisualSentence)?;
            let hint = [
                (Action::WordForward, "word"),
                (Action::SentenceForward, "sentence"),
                (Action::Tag1, "tag"),
                (Action::Note, "note"),
            ]
            .iter()
            .map(|&(a, label)| format!("{} {label}", key(desk, Context::Visual, a)))
            .collect::<Vec<_>>()
            .join(" · ");
            say(desk, format!("selecting: {hint}"));
            Ok(())
        }
        Action::Highlight => tag(desk, None),
        _ if action.tag_index().is_some() => tag(desk, action.tag_index()),
        Action::Note => {
            let p = passage(desk)?;
            let (target, quote, note) = target_of(desk, &p)?;
            desk.reader.end_visual();
            let place = place_of(desk.shelf, p.article, p.block);
            *desk.overlay = Overlay::Note(NoteEditor::new(target, &quote, place, &note));
            Ok(())
        }
        Action::ExternalEditor => {
            let p = passage(desk)?;
            let (target, quote, note) = target_of(desk, &p)?;
            desk.reader.end_visual();
            edit_outside(desk, note, EditInto::Save(target, quote));
            Ok(())
        }
        Action::Copy => {
            let p = passage(desk)?;
            let text = block_text(desk.shelf, p.article, p.block)?;
            let quote = text.get(p.range.clone()).unwrap_or_default().to_string();
            let cited = cite(desk.shelf, p.article, paragraph_number(p.block), &quote);
            desk.reader.end_visual();
            copy(desk, cited);
            Ok(())
        }
        _ => {
            if let Some(status) = desk.reader.extend_visual(action, desk.geometry) {
                *desk.status = Some(status);
            }
            Ok(())
        }
    }
}

/// Highlights the selection (with tag `index` of the settings): a new highlight, or the tag
/// added to (or taken from) the highlight on exactly these words.
fn tag(desk: &mut Desk, index: Option<usize>) -> Result<(), Status> {
    let tag = match index {
        Some(i) => Some(
            desk.options
                .tags
                .get(i)
                .map(|t| t.name.clone())
                .ok_or_else(|| {
                    Status::error(format!(
                        "no tag {}: config.toml's [[tags]] name {}",
                        i + 1,
                        desk.options.tags.len()
                    ))
                })?,
        ),
        None => None,
    };
    let p = passage(desk)?;
    let paragraph = paragraph_number(p.block);
    let stored = p
        .stored
        .and_then(|id| desk.notes.by_id(id))
        .filter(|r| r.annotation.kind == Kind::Highlight)
        .map(|r| r.annotation.clone());
    let said = match (stored, tag) {
        (Some(_), None) => format!("already highlighted in paragraph {paragraph}"),
        (Some(a), Some(tag)) => {
            let mut tags = a.tags.clone();
            let said = if let Some(at) = tags.iter().position(|t| *t == tag) {
                tags.remove(at);
                format!("#{tag} taken off the highlight")
            } else {
                tags.push(tag.clone());
                format!("tagged #{tag} in paragraph {paragraph}")
            };
            desk.notes.queue(Change::Tags(a.id, tags));
            desk.effects.push(Effect::StoreNotes);
            said
        }
        (None, tag) => {
            let new = new_highlight(desk.shelf, &p, tag.iter().cloned().collect())?;
            desk.notes.queue(Change::Add(new));
            desk.effects.push(Effect::StoreNotes);
            match tag {
                Some(tag) => format!("highlighted #{tag} in paragraph {paragraph}"),
                None => format!("highlighted in paragraph {paragraph}"),
            }
        }
    };
    desk.reader.end_visual();
    say(desk, said);
    Ok(())
}

/// Whose note a passage's is: the stored annotation's, or a new highlight's; with the quote
/// and the note so far.
fn target_of(desk: &Desk, p: &Passage) -> Result<(NoteTarget, String, String), Status> {
    if let Some(r) = p.stored.and_then(|id| desk.notes.by_id(id)) {
        let a = &r.annotation;
        return Ok((
            NoteTarget::Stored(a.id),
            a.selector.exact.clone(),
            a.note.clone(),
        ));
    }
    if let Some(why) = desk.notes.unavailable() {
        return Err(Status::error(format!("notes cannot be kept: {why}")));
    }
    let new = new_highlight(desk.shelf, p, Vec::new())?;
    let quote = new.selector.exact.clone();
    Ok((NoteTarget::New(new), quote, String::new()))
}

fn place_of(shelf: &Shelf, article: ArticleId, block: usize) -> String {
    let key = shelf.key(article).map_or("", |k| k.as_str());
    format!("{key}#{}", paragraph_number(block))
}

fn edit_outside(desk: &mut Desk, text: String, into: EditInto) {
    desk.outbox.edit = Some(EditJob { text, into });
    desk.effects.push(Effect::ExternalEdit);
}

/// `„quote“ — „Title“, Source, Author, Date, paragraph N`, sanitized.
fn cite(shelf: &Shelf, article: ArticleId, paragraph: usize, quote: &str) -> String {
    let quote = crate::userdata::anchor::collapse_whitespace(quote);
    let citation = shelf
        .article(article)
        .map(|a| Citation::of(&a.article, paragraph).line());
    sanitize(&match citation {
        Some(c) => format!("„{quote}“ — {c}"),
        None => format!("„{quote}“"),
    })
}

/// Puts `text` on the clipboard through the terminal, when the settings allow it.
fn copy(desk: &mut Desk, text: String) {
    if !desk.options.osc52 {
        *desk.status = Some(Status::error(
            "copying is off: set osc52 = true under [clipboard] in config.toml (`dossier config` shows where it is)",
        ));
        return;
    }
    let mut text = text;
    let mut cut = "";
    if text.len() > CLIPBOARD_LIMIT {
        let mut end = CLIPBOARD_LIMIT;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push('…');
        cut = ", cut to 32 KiB";
    }
    let chars = text.chars().count();
    desk.outbox.clipboard = Some(text);
    desk.effects.push(Effect::Clipboard);
    say(
        desk,
        format!("copied the quote with its citation ({chars} characters{cut})"),
    );
}

fn in_view(desk: &mut Desk, action: Action) -> Result<(), Status> {
    let Overlay::Annotations(view) = &mut *desk.overlay else {
        return Ok(());
    };
    if action == Action::Export {
        if view.matched() == 0 {
            return Err(Status::info(
                "nothing to export: no annotation passes the filter",
            ));
        }
        view.start_saving(desk.outbox.last_export.as_deref());
        return Ok(());
    }
    let chosen = view
        .selected_index()
        .and_then(|i| desk.notes.all().get(i))
        .cloned()
        .ok_or_else(|| Status::info("no annotation selected"))?;
    let a = &chosen.annotation;
    match action {
        Action::Copy => {
            let cited = match chosen.article {
                Some(article) => cite(desk.shelf, article, chosen.paragraph(), &a.selector.exact),
                None => sanitize(&format!("„{}“ — {}", a.selector.exact, a.article)),
            };
            copy(desk, cited);
        }
        Action::Note => {
            let place = format!("{}#{}", a.article, chosen.paragraph());
            let mut editor =
                NoteEditor::new(NoteTarget::Stored(a.id), &a.selector.exact, place, &a.note);
            if let Overlay::Annotations(view) = std::mem::take(desk.overlay) {
                editor.return_to = Some(Box::new(view));
            }
            *desk.overlay = Overlay::Note(editor);
        }
        Action::ExternalEditor => {
            let into = EditInto::Save(NoteTarget::Stored(a.id), a.selector.exact.clone());
            edit_outside(desk, a.note.clone(), into);
        }
        _ => {}
    }
    Ok(())
}

/// Enter in the export's path prompt: the annotations that pass the view's filter, to the
/// event loop.
fn save_view(desk: &mut Desk) -> Result<(), Status> {
    let Overlay::Annotations(view) = &*desk.overlay else {
        return Ok(());
    };
    let Some(saving) = view.saving() else {
        return Ok(());
    };
    let path = saving.prompt.text().trim().to_string();
    if path.is_empty() {
        return Err(Status::info("type the file to export to (.md or .json)"));
    }
    let replace = saving.replace.as_deref() == Some(path.as_str());
    let items = view
        .matched_indices()
        .into_iter()
        .filter_map(|i| desk.notes.all().get(i).cloned())
        .collect();
    desk.outbox.last_export = Some(path.clone());
    desk.outbox.export = Some(ExportJob {
        path,
        items,
        replace,
    });
    desk.effects.push(Effect::Export);
    Ok(())
}

/// The event loop wrote (or could not write) an export.
pub fn exported(desk: &mut Desk, outcome: Exported) {
    let Overlay::Annotations(view) = &mut *desk.overlay else {
        return;
    };
    *desk.status = Some(match outcome {
        Exported::Written { count, path } => {
            view.stop_saving();
            let what = crate::text::counted(count, "annotation", "annotations");
            Status::info(format!("exported {what} to {path}"))
        }
        Exported::Exists(path) => {
            view.confirm_replace(&path);
            Status::info(format!("{path} exists: Enter again replaces it"))
        }
        Exported::Failed(why) => Status::error(why),
    });
}

fn in_editor(desk: &mut Desk, action: Action) -> Result<(), Status> {
    let Overlay::Note(editor) = &mut *desk.overlay else {
        return Ok(());
    };
    match action {
        Action::SaveNote => return save_note(desk),
        Action::ExternalEditor => {
            let text = editor.text().to_string();
            edit_outside(desk, text, EditInto::Popup);
        }
        Action::Quit => match editor.cancel() {
            Closing::Armed => {
                let save = key(desk, Context::Note, Action::SaveNote);
                say(
                    desk,
                    format!("the note is not kept yet: {save} keeps it; quit again throws it away"),
                );
            }
            Closing::Unchanged | Closing::Discarded => desk.effects.push(Effect::Quit),
        },
        Action::Left
        | Action::Right
        | Action::Up
        | Action::Down
        | Action::LineStart
        | Action::LineEnd
        | Action::WordForward
        | Action::WordBackward
        | Action::Top
        | Action::Bottom
        | Action::Newline
        | Action::DeleteChar
        | Action::DeleteForward
        | Action::DeleteWord
        | Action::ClearInput => {
            editor.update(action);
            if editor.full() {
                return Err(Status::error("a note has at most 256 KiB"));
            }
        }
        _ => {
            let (save, cancel) = (
                key(desk, Context::Note, Action::SaveNote),
                key(desk, Context::Note, Action::Cancel),
            );
            say(
                desk,
                format!("finish the note first: {save} keeps it, {cancel} closes"),
            );
        }
    }
    Ok(())
}

/// Keeps the note of the open editor: a stored annotation's note replaced, or the new
/// highlight stored with it; one change, one transaction.
fn save_note(desk: &mut Desk) -> Result<(), Status> {
    let Overlay::Note(editor) = &mut *desk.overlay else {
        return Ok(());
    };
    let text = editor.text().trim_end().to_string();
    let said = match &editor.target {
        NoteTarget::Stored(id) => {
            if !editor.changed() {
                "the note is unchanged".to_string()
            } else {
                desk.notes.queue(Change::Note(*id, text));
                desk.effects.push(Effect::StoreNotes);
                format!("note kept ({})", editor.place)
            }
        }
        NoteTarget::New(new) => {
            if text.trim().is_empty() {
                let cancel = key(desk, Context::Note, Action::Cancel);
                return Err(Status::info(format!(
                    "an empty note is not kept; {cancel} closes"
                )));
            }
            desk.notes.queue(Change::Add(NewAnnotation {
                note: text,
                ..new.clone()
            }));
            desk.effects.push(Effect::StoreNotes);
            format!("highlighted with a note ({})", editor.place)
        }
    };
    desk.overlay.close_note();
    say(desk, said);
    Ok(())
}

/// The external editor ended: its text (or why there is none) goes where `into` says.
pub fn edited(desk: &mut Desk, into: EditInto, result: Result<String, String>) {
    let text = match result {
        Ok(text) => crate::tui::textarea::clean_note(text.trim_end()),
        Err(why) => {
            *desk.status = Some(Status::error(format!("{why}; the note is as it was")));
            return;
        }
    };
    match into {
        EditInto::Popup => {
            if let Overlay::Note(editor) = &mut *desk.overlay {
                editor.replace(&text);
                let save = key(desk, Context::Note, Action::SaveNote);
                say(
                    desk,
                    format!("the editor's text is in the note: {save} keeps it"),
                );
            }
        }
        EditInto::Save(target, _) if text.trim().is_empty() => {
            let what = match target {
                NoteTarget::Stored(_) => "the note is as it was",
                NoteTarget::New(_) => "nothing kept",
            };
            say(desk, format!("the editor left the note empty: {what}"));
        }
        EditInto::Save(NoteTarget::Stored(id), _) => {
            let same = desk
                .notes
                .by_id(id)
                .is_some_and(|r| r.annotation.note == text);
            if same {
                say(desk, "the note is unchanged");
            } else {
                desk.notes.queue(Change::Note(id, text));
                desk.effects.push(Effect::StoreNotes);
                say(desk, "note kept");
            }
        }
        EditInto::Save(NoteTarget::New(new), _) => {
            desk.notes
                .queue(Change::Add(NewAnnotation { note: text, ..new }));
            desk.effects.push(Effect::StoreNotes);
            say(desk, "highlighted with a note");
        }
    }
}

/// A paste: into the note editor, or typed into an open prompt (on one line).
pub fn paste(desk: &mut Desk, text: &str) -> bool {
    if let Overlay::Note(editor) = &mut *desk.overlay {
        editor.paste(text);
        if editor.full() {
            *desk.status = Some(Status::error(
                "a note has at most 256 KiB: the paste was left out",
            ));
        }
        return true;
    }
    false
}

/// The note and tags of the annotation under the cursor, for the sidebar.
pub fn card(reader: &ReaderPane, notes: &Notes) -> Option<NoteCard> {
    let o = reader.open()?;
    let article = o.article();
    let found = match reader.visual() {
        Some(v) => notes
            .exactly(article, v.block, &v.range())
            .or_else(|| notes.at(article, v.block, v.head().saturating_sub(1))),
        None => {
            let (block, at) = cursor::place(o)?;
            notes.at(article, block, at.start)
        }
    }?;
    let a = &found.annotation;
    if a.note.trim().is_empty() && a.tags.is_empty() {
        return None;
    }
    Some(NoteCard {
        id: a.id,
        updated: a.updated.clone(),
        note: sanitize(&a.note),
        tags: a.tags.clone(),
    })
}
