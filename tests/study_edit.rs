//! The reader's study tools as state: visual mode selects by words and sentences and tags
//! what it selected, the note editor popup keeps what is typed (through resizes and reloads,
//! asking before throwing it away), the sidebar shows the note under the cursor, copying is
//! off until the settings turn it on, and the annotations view exports what it shows.

mod common;

use common::{CorpusOf, app, bundled_corpus};
use dossier::config::keymap::{Context, Keymap};
use dossier::config::settings::Options;
use dossier::corpus::linker::Mention;
use dossier::tui::app::App;
use dossier::tui::effect::Effect;
use dossier::tui::nav::Target;
use dossier::tui::notes::Change;
use dossier::tui::overlay::Overlay;
use dossier::tui::overlay::note::NoteTarget;
use dossier::tui::study::{EditInto, Exported, edited, exported};
use dossier::tui::ui::draw;
use dossier::userdata::{NewAnnotation, UserData};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn on_schoigu(mut a: App) -> App {
    a.press("G enter").unwrap();
    for _ in 0..200 {
        if selected(&a).is_some_and(|m| a.corpus().entity(m.entity).unwrap().id == "sergei-schoigu")
        {
            return a;
        }
        a.press("]").unwrap();
    }
    panic!("no mention of Schoigu reached");
}

fn selected(a: &App) -> Option<Mention> {
    match common::open(a).target() {
        Some(Target::Mention(id)) => a.corpus().links.mention(id).cloned(),
        _ => None,
    }
}

/// The visual selection's words.
fn selection(a: &App) -> String {
    let v = a.reader().visual().expect("visual mode");
    let article = a.corpus().article(common::open(a).article()).unwrap();
    article.blocks[v.block].text[v.range()].to_string()
}

fn render(app: &App) -> Buffer {
    let (w, h) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| draw(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

fn screen(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where `words` start in the reading pane.
fn find(a: &App, buffer: &Buffer, words: &str) -> Option<(u16, u16)> {
    let pane = a.geometry().panes.reader;
    let text = screen(buffer);
    text.lines().enumerate().find_map(|(y, line)| {
        let inside: String = line
            .chars()
            .skip(usize::from(pane.x))
            .take(usize::from(pane.width))
            .collect();
        let at = inside.find(words)?;
        Some((pane.x + inside[..at].chars().count() as u16, y as u16))
    })
}

fn adds(a: &mut App) -> Vec<NewAnnotation> {
    a.take_queued_notes()
        .into_iter()
        .filter_map(|c| match c {
            Change::Add(new) => Some(new),
            _ => None,
        })
        .collect()
}

/// Stores what the app queued and hands it the stored list, as the event loop does.
fn store(a: &mut App, db: &mut UserData) {
    for change in a.take_queued_notes() {
        match change {
            Change::Add(new) => {
                db.add(&new).unwrap();
            }
            Change::Note(id, text) => assert!(db.set_note(id, &text).unwrap()),
            Change::Tags(id, tags) => assert!(db.set_tags(id, &tags).unwrap()),
        }
    }
    a.set_annotations(db.all().unwrap());
}

fn with_options(options: Options) -> App {
    App::new(bundled_corpus(), Keymap::defaults(), options, (160, 45))
}

#[test]
fn v_selects_the_mention_grows_by_words_and_sentences_and_a_tag_key_highlights_it_with_the_tag() {
    let mut a = on_schoigu(app(160, 45));
    a.press("v").unwrap();
    assert_eq!(a.context(), Context::Visual);
    assert_eq!(selection(&a), "Sergei Schoigu");
    a.press("w w").unwrap();
    assert_eq!(selection(&a), "Sergei Schoigu besuchte damals");
    a.press("b").unwrap();
    assert_eq!(selection(&a), "Sergei Schoigu besuchte");
    a.press(")").unwrap();
    let sentence = selection(&a);
    assert!(
        sentence.starts_with("Sergei Schoigu") && sentence.ends_with('.'),
        "{sentence}"
    );
    // The selection is drawn (reverse video without colour) and the status bar names the tags.
    let buffer = render(&a);
    let (x, y) = find(&a, &buffer, "Sergei Schoigu besuchte").expect("on screen");
    assert!(
        buffer[(x, y)]
            .modifier
            .contains(Modifier::REVERSED | Modifier::UNDERLINED)
    );
    let status = screen(&buffer).lines().last().unwrap().to_string();
    assert!(
        status.contains("VISUAL") && status.contains("2 question"),
        "{status}"
    );
    let effects = a.press("2").unwrap();
    assert_eq!(effects, vec![Effect::StoreNotes]);
    assert!(a.reader().visual().is_none(), "tagging ends visual mode");
    let new = adds(&mut a).remove(0);
    assert_eq!(new.selector.exact, sentence);
    assert_eq!(new.tags, ["question"]);
    assert_eq!(new.paragraph, 7);
    assert!(a.status().unwrap().text().contains("#question"));
}

#[test]
fn a_tagged_highlight_is_drawn_in_its_colour_and_a_second_tag_key_adds_to_it() {
    let mut a = on_schoigu(with_options(Options::default()));
    let dir = tempfile::tempdir().unwrap();
    let mut db = UserData::open_in(dir.path()).unwrap();
    a.press("v 1").unwrap();
    store(&mut a, &mut db);
    let buffer = render(&a);
    let (x, y) = find(&a, &buffer, "Sergei Schoigu").unwrap();
    assert_eq!(
        buffer[(x + 1, y)].bg,
        Color::Yellow,
        "the tag `key` is yellow"
    );
    a.press("v 4").unwrap();
    let changes = a.take_queued_notes();
    assert!(
        matches!(&changes[..], [Change::Tags(_, tags)] if tags == &["key", "doubt"]),
        "{changes:?}"
    );
    // The same key again takes the tag off.
    a.press("v 1").unwrap();
    assert!(matches!(&a.take_queued_notes()[..], [Change::Tags(_, tags)] if tags.is_empty()));
}

#[test]
fn esc_leaves_visual_mode_and_a_selection_never_leaves_its_paragraph() {
    let mut a = on_schoigu(app(160, 45));
    a.press("V").unwrap();
    let sentence = selection(&a);
    a.press("$ w w").unwrap();
    assert!(a.status().unwrap().text().contains("within its paragraph"));
    assert!(selection(&a).starts_with(&sentence));
    a.press("esc").unwrap();
    assert!(a.reader().visual().is_none());
    assert_eq!(a.context(), Context::Reader);
    assert!(a.take_queued_notes().is_empty());
}

#[test]
fn the_note_editor_keeps_typed_text_through_resizes_and_reloads_and_asks_before_discarding() {
    let mut a = on_schoigu(app(160, 45));
    a.press("v w a").unwrap();
    let Overlay::Note(editor) = a.overlay() else {
        panic!("the note editor is open");
    };
    assert_eq!(editor.quote, "Sergei Schoigu besuchte");
    assert!(matches!(editor.target, NoteTarget::New(_)));
    a.type_text("Erster Besuch");
    a.press("enter").unwrap();
    a.type_text("seit 1990");
    a.press("alt-b alt-b backspace").unwrap();
    a.type_text(" –");
    let text = |a: &App| match a.overlay() {
        Overlay::Note(e) => e.text().to_string(),
        _ => panic!("the editor closed"),
    };
    assert_eq!(text(&a), "Erster Besuch –seit 1990");
    for (w, h) in [(40, 12), (30, 8), (200, 60), (80, 24)] {
        a.resize(w, h);
        render(&a);
    }
    a.replace_shelf(bundled_corpus().into());
    assert_eq!(
        text(&a),
        "Erster Besuch –seit 1990",
        "kept through resizes and a reload"
    );
    // The border says what the keys do.
    assert!(screen(&render(&a)).contains("ctrl-s keep"));
    // Esc asks first; typing again disarms it; a global key does not close the editor.
    a.press("esc").unwrap();
    assert!(screen(&render(&a)).contains("again throws it away"));
    a.type_text("!");
    a.press("ctrl-f").unwrap();
    assert!(matches!(a.overlay(), Overlay::Note(_)));
    assert!(a.press("q").unwrap().is_empty(), "q is typed");
    assert_eq!(a.press("ctrl-c").unwrap(), vec![], "quit asks first");
    assert!(a.status().unwrap().text().contains("not kept yet"));
    let effects = a.press("ctrl-s").unwrap();
    assert_eq!(effects, vec![Effect::StoreNotes]);
    assert!(matches!(a.overlay(), Overlay::None));
    let new = adds(&mut a).remove(0);
    assert_eq!(new.note, "Erster Besuch –!qseit 1990");
    assert_eq!(new.selector.exact, "Sergei Schoigu besuchte");
}

#[test]
fn a_stored_note_is_edited_in_the_popup_shown_in_the_sidebar_and_esc_twice_discards() {
    let mut a = on_schoigu(app(160, 45));
    let dir = tempfile::tempdir().unwrap();
    let mut db = UserData::open_in(dir.path()).unwrap();
    a.press("a").unwrap();
    a.type_text("Das erste Zeichen");
    a.press("ctrl-s").unwrap();
    store(&mut a, &mut db);
    // The cursor is on the annotated sentence: the sidebar shows the note.
    let shown = screen(&render(&a));
    assert!(
        shown.contains("✎ Note") && shown.contains("Das erste Zeichen"),
        "{shown}"
    );
    a.press("a").unwrap();
    let Overlay::Note(editor) = a.overlay() else {
        panic!("the editor is open");
    };
    assert!(matches!(editor.target, NoteTarget::Stored(_)));
    assert_eq!(editor.text(), "Das erste Zeichen");
    a.type_text(" (Juli)");
    a.press("esc esc").unwrap();
    assert!(matches!(a.overlay(), Overlay::None));
    assert!(a.take_queued_notes().is_empty(), "discarded");
    a.press("a ctrl-w ctrl-w ctrl-w").unwrap();
    a.type_text("Neu");
    a.press("ctrl-s").unwrap();
    let changes = a.take_queued_notes();
    assert!(
        matches!(&changes[..], [Change::Note(_, t)] if t == "Neu"),
        "{changes:?}"
    );
}

#[test]
fn the_external_editor_keeps_the_previous_text_when_it_fails() {
    let mut a = on_schoigu(app(160, 45));
    a.press("a").unwrap();
    a.type_text("vorher");
    assert_eq!(a.press("ctrl-e").unwrap(), vec![Effect::ExternalEdit]);
    let job = a.desk().outbox.edit.take().unwrap();
    assert_eq!(job.text, "vorher");
    edited(
        &mut a.desk(),
        job.into,
        Err("the editor `false` exited with status 1".into()),
    );
    let Overlay::Note(editor) = a.overlay() else {
        panic!("still open");
    };
    assert_eq!(editor.text(), "vorher");
    assert!(a.status().unwrap().is_error());
    edited(&mut a.desk(), EditInto::Popup, Ok("nachher\n".into()));
    let Overlay::Note(editor) = a.overlay() else {
        panic!("still open");
    };
    assert_eq!(editor.text(), "nachher");
}

#[test]
fn copying_says_how_to_turn_it_on_and_when_on_hands_the_quote_with_its_citation_to_the_loop() {
    let mut off = on_schoigu(app(160, 45));
    assert!(off.press("y").unwrap().is_empty());
    assert!(off.status().unwrap().text().contains("osc52 = true"));
    let mut on = on_schoigu(with_options(Options {
        osc52: true,
        ..Options::default()
    }));
    assert_eq!(on.press("v y").unwrap(), vec![Effect::Clipboard]);
    let text = on.desk().outbox.clipboard.take().unwrap();
    assert!(
        text.starts_with("„Sergei Schoigu“ — „")
            && text.contains("Tages-Anzeiger, 2024-01, paragraph 7"),
        "{text}"
    );
}

#[test]
fn the_annotations_view_exports_what_its_filter_shows_and_asks_before_replacing() {
    let mut a = on_schoigu(app(160, 45));
    let dir = tempfile::tempdir().unwrap();
    let mut db = UserData::open_in(dir.path()).unwrap();
    a.press("v 1").unwrap();
    a.press("] ] v 2").unwrap();
    store(&mut a, &mut db);
    a.press("A").unwrap();
    a.type_text("#question");
    a.press("ctrl-e").unwrap();
    assert_eq!(a.context(), Context::SavePath);
    a.type_text("out.json");
    assert_eq!(a.press("enter").unwrap(), vec![Effect::Export]);
    let job = a.desk().outbox.export.take().unwrap();
    assert_eq!(job.path, "out.json");
    assert_eq!(job.items.len(), 1, "only what the filter shows");
    assert_eq!(job.items[0].annotation.tags, ["question"]);
    assert!(!job.replace);
    exported(&mut a.desk(), Exported::Exists("out.json".into()));
    assert!(a.status().unwrap().text().contains("Enter again replaces"));
    a.press("enter").unwrap();
    assert!(a.desk().outbox.export.take().unwrap().replace);
    exported(
        &mut a.desk(),
        Exported::Written {
            count: 1,
            path: "/x/out.json".into(),
        },
    );
    assert_eq!(a.context(), Context::Annotations);
    assert!(
        a.status()
            .unwrap()
            .text()
            .contains("exported 1 annotation to /x/out.json")
    );
}
