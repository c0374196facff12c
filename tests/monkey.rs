//! The monkey test: 100,000 random keys, clicks, wheel turns and resizes (down to 1×1) driven
//! through the real `App` and drawn on a TestBackend, in every mode. No panic, and after every
//! event the state is consistent.

mod common;

use common::CorpusOf;

use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use dossier::config::key::Key;
use dossier::config::keymap::Context;
use dossier::tui::app::App;
use dossier::tui::nav::Target;
use dossier::tui::overlay::Overlay;
use dossier::tui::ui::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A small deterministic generator (xorshift), so a failure can be replayed by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every key the default keymap binds, plus keys a user types into prompts.
fn key_pool(app: &App) -> Vec<Key> {
    let mut keys: Vec<Key> = app
        .keymap()
        .rows()
        .iter()
        .flat_map(|r| r.keys.clone())
        .collect();
    for c in "abcdefghijklmnopqrstuvwxyzäöüß @-1209 ".chars() {
        keys.push(Key::plain(c));
    }
    for code in [
        KeyCode::F(5),
        KeyCode::Insert,
        KeyCode::Delete,
        KeyCode::Left,
        KeyCode::Right,
    ] {
        keys.push(Key::new(code, KeyModifiers::NONE));
    }
    keys.push(Key::new(
        KeyCode::Char('x'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    ));
    keys.sort_by_key(|k| k.to_string());
    keys.dedup();
    keys
}

fn check_invariants(app: &App, step: usize) {
    let list = app.list();
    let len = list.hits().len();
    if len > 0 {
        assert!(
            list.selected() < len,
            "step {step}: list selection {} of {len}",
            list.selected()
        );
    } else {
        assert_eq!(list.selected(), 0, "step {step}");
    }
    assert!(
        list.offset() <= list.selected().max(len.saturating_sub(1)) || len == 0,
        "step {step}: list offset"
    );
    if let Some(r) = app.reader().open() {
        assert!(app.corpus().article(r.article()).is_some());
        let page = app.reader().page(app.geometry());
        let max = r.layout().lines.len().saturating_sub(page);
        assert!(
            r.scroll() <= max,
            "step {step}: scroll {} beyond {max}",
            r.scroll()
        );
        match r.target() {
            Some(Target::Mention(id)) => assert!(
                app.corpus()
                    .links
                    .mention(id)
                    .is_some_and(|m| m.article == r.article()),
                "step {step}: the selected mention is in the open article"
            ),
            Some(Target::Footnote(b, i)) => {
                assert!(
                    i < app.corpus().article(r.article()).unwrap().blocks[b]
                        .footnote_markers()
                        .len(),
                    "step {step}"
                )
            }
            None => {}
        }
        if let Some(c) = r.find().current() {
            assert!(c < r.find().hits().len(), "step {step}: find hit");
        }
    }
    let sidebar = app.sidebar();
    if let Some(s) = sidebar.selected() {
        assert!(
            sidebar.rows().item(app.shelf(), s).is_some(),
            "step {step}: sidebar selection"
        );
    }
    assert!(
        sidebar.scroll() <= sidebar.rows().len(),
        "step {step}: sidebar scroll"
    );
    assert!(
        app.history().back_len() <= 500 && app.history().forward_len() <= 500,
        "step {step}: history"
    );
    match app.overlay() {
        Overlay::Finder(f) => assert!(
            f.matches().is_empty() || f.selected() < f.matches().len(),
            "step {step}: finder"
        ),
        Overlay::Help(h) => assert!(
            h.rows().is_empty() || h.scroll() < h.line_count(),
            "step {step}: help scroll"
        ),
        Overlay::Annotations(v) => assert!(
            v.matched() == 0 || v.selected() < v.matched(),
            "step {step}: annotations"
        ),
        Overlay::Timeline(v) => assert!(
            v.matched() == 0 || v.selected() < v.matched(),
            "step {step}: timeline"
        ),
        Overlay::Search(v) => assert!(
            v.hits().is_empty() || v.selected() < v.hits().len(),
            "step {step}: search"
        ),
        Overlay::Compare(v) => {
            for side in v.sides() {
                let lines = side.layout().map_or(0, |l| l.lines.len());
                assert!(side.scroll() <= lines, "step {step}: compare scroll");
            }
        }
        Overlay::Note(n) => assert!(
            n.area().cursor() <= n.text().len() && n.text().is_char_boundary(n.area().cursor()),
            "step {step}: note cursor"
        ),
        Overlay::Suggestions(v) => assert!(
            v.proposals().is_empty() || v.selected() < v.proposals().len(),
            "step {step}: suggestions"
        ),
        Overlay::Pick(p) => assert!(
            p.finder.matches().is_empty() || p.finder.selected() < p.finder.matches().len(),
            "step {step}: picker"
        ),
        Overlay::None => {}
    }
    assert!(app.pending().len() < 3, "step {step}: pending keys");
}

fn run(seed: u64, events: usize) {
    let mut rng = Rng(seed);
    let mut app = common::app(120, 40);
    let keys = key_pool(&app);
    let mut contexts = std::collections::HashSet::new();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    for step in 0..events {
        match rng.below(100) {
            0..=79 => {
                let key = keys[rng.below(keys.len())];
                app.handle_key(key);
            }
            80..=94 => {
                let (w, h) = app.size();
                let kind = match rng.below(4) {
                    0 => MouseEventKind::ScrollDown,
                    1 => MouseEventKind::ScrollUp,
                    _ => MouseEventKind::Down(MouseButton::Left),
                };
                app.handle_mouse(MouseEvent {
                    kind,
                    column: rng.below(usize::from(w) + 2) as u16,
                    row: rng.below(usize::from(h) + 2) as u16,
                    modifiers: KeyModifiers::NONE,
                });
            }
            95..=97 => {
                let (w, h) = if rng.below(3) == 0 {
                    (1 + rng.below(12) as u16, 1 + rng.below(6) as u16)
                } else {
                    (20 + rng.below(200) as u16, 8 + rng.below(60) as u16)
                };
                app.resize(w, h);
                terminal.backend_mut().resize(w, h);
                terminal
                    .resize(ratatui::layout::Rect::new(0, 0, w, h))
                    .unwrap();
            }
            _ => {
                app.tick(std::time::Instant::now() + std::time::Duration::from_secs(5));
            }
        }
        // Effects (quit, suspend, ...) are the event loop's to perform: the monkey keeps going.
        contexts.insert(app.context());
        check_invariants(&app, step);
        if step % 7 == 0 {
            terminal.draw(|f| draw(&app, f)).unwrap();
        }
    }
    for context in [
        Context::List,
        Context::Reader,
        Context::Sidebar,
        Context::Filter,
        Context::Finder,
        Context::Help,
    ] {
        assert!(
            contexts.contains(&context),
            "seed {seed}: the monkey never reached {context:?}"
        );
    }
}

#[test]
fn a_hundred_thousand_random_events_break_nothing() {
    for (seed, events) in [
        (0x5eed_0001, 40_000),
        (0x5eed_0002, 30_000),
        (0x5eed_0003, 30_000),
    ] {
        run(seed, events);
    }
}
