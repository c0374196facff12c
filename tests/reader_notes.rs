//! Highlighting in the reader: `H` queues the sentence under the cursor for the event loop
//! to store (no I/O in the app), the stored highlight is drawn over its words, and one that
//! cannot be kept says why.

mod common;

use common::{CorpusOf, app};
use dossier::corpus::linker::Mention;
use dossier::tui::app::App;
use dossier::tui::effect::Effect;
use dossier::tui::nav::Target;
use dossier::tui::notes::Change;
use dossier::tui::overlay::Overlay;
use dossier::tui::ui::draw;
use dossier::userdata::{Kind, NewAnnotation, UserData};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

/// The Tages-Anzeiger article (the last in the list) open, its mention of Schoigu selected.
fn on_schoigu() -> App {
    let mut a = app(160, 45);
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

/// The new annotations the app queued (taking every queued change).
fn added(a: &mut App) -> Vec<NewAnnotation> {
    a.take_queued_notes()
        .into_iter()
        .filter_map(|c| match c {
            Change::Add(new) => Some(new),
            _ => None,
        })
        .collect()
}

fn selected(a: &App) -> Option<Mention> {
    match common::open(a).target() {
        Some(Target::Mention(id)) => a.corpus().links.mention(id).cloned(),
        _ => None,
    }
}

fn render(app: &App) -> Buffer {
    let (w, h) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| draw(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

#[test]
fn h_on_a_selected_mention_queues_its_whole_sentence_for_the_event_loop() {
    let mut a = on_schoigu();
    let effects = a.press("H").unwrap();
    assert_eq!(effects, vec![Effect::StoreNotes]);
    let queued = added(&mut a);
    assert_eq!(queued.len(), 1);
    let new = &queued[0];
    assert_eq!(new.article, "tagesanzeiger-2024-choe-in-moskau");
    assert_eq!(new.paragraph, 7);
    assert!(
        new.selector.exact.starts_with("Das erste klare Zeichen"),
        "{}",
        new.selector.exact
    );
    assert!(
        new.selector.exact.ends_with("gar nicht haben dürfte."),
        "{}",
        new.selector.exact
    );
    assert!(added(&mut a).is_empty(), "taken once");
}

#[test]
fn a_stored_highlight_is_drawn_over_its_words_and_not_made_twice() {
    let mut a = on_schoigu();
    a.press("H").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut db = UserData::open_in(dir.path()).unwrap();
    for new in added(&mut a) {
        db.add(&new).unwrap();
    }
    a.set_annotations(db.all().unwrap());
    assert_eq!(a.notes().all().len(), 1);
    let buffer = render(&a);
    let area = buffer.area;
    let row = |y: u16| -> String { (0..area.width).map(|x| buffer[(x, y)].symbol()).collect() };
    let (y, line) = (0..area.height)
        .map(|y| (y, row(y)))
        .find(|(_, l)| l.contains("Das erste klare"))
        .expect("the highlighted sentence is on screen");
    let x = line[..line.find("Das erste").unwrap()].chars().count() as u16;
    for dx in 0..9 {
        let cell = &buffer[(x + dx, y)];
        assert!(
            cell.modifier
                .contains(Modifier::ITALIC | Modifier::UNDERLINED),
            "cell {dx} of the highlight"
        );
    }
    // The sentence before it in the paragraph is not highlighted.
    let before = (0..area.height)
        .map(|y| (y, row(y)))
        .find(|(_, l)| l.contains("Aber der rege Austausch"))
        .unwrap();
    let bx = before.1[..before.1.find("Aber").unwrap()].chars().count() as u16;
    assert!(!buffer[(bx, before.0)].modifier.contains(Modifier::ITALIC));
    // Again on the same sentence: nothing queued, a status says why.
    assert!(a.press("H").unwrap().is_empty());
    assert!(added(&mut a).is_empty());
    assert!(a.status().unwrap().text().contains("already marked"));
}

#[test]
fn without_a_user_database_highlighting_says_why_and_keeps_nothing() {
    let mut a = on_schoigu();
    a.set_notes_unavailable("/x/user.db: cannot open".into());
    assert!(a.press("H").unwrap().is_empty());
    assert!(added(&mut a).is_empty());
    let status = a.status().unwrap();
    assert!(
        status.is_error() && status.text().contains("/x/user.db"),
        "{status:?}"
    );
}

#[test]
fn without_an_open_article_highlighting_asks_for_one() {
    let mut a = app(160, 45);
    a.press("2 H").unwrap();
    assert!(added(&mut a).is_empty());
}

#[test]
fn m_bookmarks_the_sentence_and_a_note_or_bookmark_is_marked_in_the_margin() {
    let mut a = on_schoigu();
    assert_eq!(a.press("M").unwrap(), vec![Effect::StoreNotes]);
    let mut queued = added(&mut a);
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].kind, Kind::Bookmark);
    let dir = tempfile::tempdir().unwrap();
    let mut db = UserData::open_in(dir.path()).unwrap();
    db.add(&queued[0]).unwrap();
    a.set_annotations(db.all().unwrap());
    let text_x = a.geometry().text_x;
    let row_of = |buffer: &Buffer, words: &str| {
        let area = buffer.area;
        (0..area.height)
            .find(|&y| {
                let line: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
                line.contains(words)
            })
            .expect("the words are on screen")
    };
    let buffer = render(&a);
    let y = row_of(&buffer, "Das erste klare");
    assert_eq!(buffer[(text_x - 1, y)].symbol(), "▸", "the bookmark's mark");
    let line: String = (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect();
    let x = line[..line.find("Das erste").unwrap()].chars().count() as u16;
    assert!(
        !buffer[(x, y)].modifier.contains(Modifier::ITALIC),
        "a bookmark is not drawn as a highlight"
    );
    // The same sentence highlighted with a note: the note's mark, and the highlight.
    queued[0].kind = Kind::Highlight;
    queued[0].note = "Erstes klares Zeichen".into();
    db.add(&queued[0]).unwrap();
    a.set_annotations(db.all().unwrap());
    let buffer = render(&a);
    let y = row_of(&buffer, "Das erste klare");
    assert_eq!(buffer[(text_x - 1, y)].symbol(), "✎", "the note's mark");
    assert!(buffer[(x, y)].modifier.contains(Modifier::ITALIC));
    // The next paragraph has no mark.
    let unmarked = row_of(&buffer, "Schon im Oktober");
    assert_eq!(buffer[(text_x - 1, unmarked)].symbol(), " ");
}

#[test]
fn the_annotations_view_filters_by_tag_entity_and_words_and_enter_jumps_there_with_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = UserData::open_in(dir.path()).unwrap();
    let mut a = on_schoigu();
    a.press("H").unwrap();
    let mut schoigu = added(&mut a).remove(0);
    schoigu.tags = vec!["waffen".into()];
    schoigu.note = "Erstes klares Zeichen".into();
    db.add(&schoigu).unwrap();
    // A second one elsewhere: the first sentence of the first article's first paragraph.
    let mut other = schoigu.clone();
    other.article = a.corpus().articles()[0].id.clone();
    let text = &a.corpus().articles()[0].blocks[0].text;
    other.selector = dossier::userdata::Selector::capture(text, 0..text.len().min(20));
    other.paragraph = 1;
    other.tags = vec!["kontext".into()];
    other.note = String::new();
    db.add(&other).unwrap();
    a.set_annotations(db.all().unwrap());
    // Leave the article, so the jump has somewhere to come back to.
    a.press("1 g enter").unwrap();
    let before = common::article_id(&a);
    assert_ne!(before.as_deref(), Some("tagesanzeiger-2024-choe-in-moskau"));
    a.press("A").unwrap();
    let Overlay::Annotations(view) = a.overlay() else {
        panic!("the annotations view is open");
    };
    assert_eq!((view.matched(), view.total()), (2, 2));
    let screen = render(&a);
    let shown: String = (0..screen.area.height)
        .map(|y| {
            (0..screen.area.width)
                .map(|x| screen[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        shown.contains("Annotations") && shown.contains("#waffen"),
        "{shown}"
    );
    for (query, expected) in [
        ("#waffen", 1),
        ("@schoigu", 1),
        ("zeichen", 1),
        ("#nichts", 0),
    ] {
        a.press("ctrl-u").unwrap();
        for c in query.chars() {
            a.press(&c.to_string()).unwrap();
        }
        let Overlay::Annotations(view) = a.overlay() else {
            unreachable!()
        };
        assert_eq!(view.matched(), expected, "query {query}");
        for _ in query.chars() {
            a.press("backspace").unwrap();
        }
    }
    for c in "#waffen".chars() {
        a.press(&c.to_string()).unwrap();
    }
    a.press("enter").unwrap();
    assert!(matches!(a.overlay(), Overlay::None));
    assert_eq!(
        common::article_id(&a).as_deref(),
        Some("tagesanzeiger-2024-choe-in-moskau")
    );
    let open = common::open(&a);
    let line = open.layout().first_line_of(6);
    assert!(
        open.scroll() <= line && line < open.scroll() + 20,
        "paragraph 7 (line {line}) is on screen from line {}",
        open.scroll()
    );
    a.press("ctrl-o").unwrap();
    assert_eq!(common::article_id(&a), before, "the jump is in the history");
}
