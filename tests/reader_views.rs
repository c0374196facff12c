//! The reader's timeline and compare views on the bundled corpus: what opens them, what they
//! list or show, filtering, the scope key, Enter as a jump recorded in history (ctrl-o comes
//! back), and the compare view side by side on a wide terminal and stacked at 80×24.

mod common;

use common::{CorpusOf, app, article_id};
use dossier::config::keymap::Context;
use dossier::corpus::article::Place;
use dossier::tui::app::App;
use dossier::tui::overlay::Overlay;
use dossier::tui::ui::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App) -> Vec<String> {
    let (w, h) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| draw(app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect()
}

/// The first article open, the sidebar showing Wladimir Putin, chosen in the entity finder.
fn on_putin(width: u16, height: u16) -> App {
    let mut a = app(width, height);
    a.press("enter e").unwrap();
    a.type_text("wladimir putin");
    a.press("enter").unwrap();
    a
}

fn timeline_rows(a: &App) -> Vec<(String, String, String)> {
    match a.overlay() {
        Overlay::Timeline(view) => view
            .matches()
            .map(|r| (r.date.clone(), r.place.clone(), r.text.clone()))
            .collect(),
        other => panic!("no timeline open: {other:?}"),
    }
}

#[test]
fn the_timeline_of_the_selected_entity_lists_the_2019_meeting_before_the_2023_one() {
    let mut a = on_putin(160, 45);
    a.press("T").unwrap();
    assert_eq!(a.context(), Context::Timeline);
    let rows = timeline_rows(&a);
    let april = rows
        .iter()
        .position(|(d, _, t)| d == "2019-04" && t.contains("Wladiwostok"))
        .expect("the April 2019 meeting");
    let september = rows
        .iter()
        .position(|(d, _, t)| d == "2023-09" && t.contains("Wostotschny"))
        .expect("the September 2023 meeting");
    assert!(april < september);
    let dates: Vec<&str> = rows.iter().map(|(d, _, _)| d.as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "in time order");
    // Each passage names its source and paragraph; the screen shows the title and the count.
    let (_, place, _) = &rows[april];
    assert!(
        place.contains('¶') || place.starts_with("catalogue"),
        "{place}"
    );
    let shown = screen(&a).join("\n");
    assert!(shown.contains("Timeline · Wladimir Putin"), "{shown}");
    assert!(
        shown.contains(&format!("{} of {}", rows.len(), rows.len())),
        "{shown}"
    );
}

#[test]
fn typing_narrows_the_timeline_and_enter_jumps_to_the_sentence_with_history() {
    let mut a = on_putin(160, 45);
    a.press("T").unwrap();
    a.type_text("Wostotschny 2023");
    let rows = timeline_rows(&a);
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|(d, _, t)| d.starts_with("2023") && t.contains("Wostotschny"))
    );
    // The first passage (facts come first on a date): move onto it.
    let passage = rows.iter().position(|(_, p, _)| p.contains('¶')).unwrap();
    for _ in 0..passage {
        a.press("down").unwrap();
    }
    let before = a.history().back_len();
    a.press("enter").unwrap();
    assert_eq!(a.overlay().context(), None, "Enter closes the timeline");
    assert_eq!(
        article_id(&a).as_deref(),
        Some("wikipedia-nordkoreanisch-russische-beziehungen")
    );
    let open = a.reader().open().unwrap();
    let (block, range) = open.flash().expect("the sentence flashes").clone();
    let text = a
        .corpus()
        .article(open.article())
        .unwrap()
        .text_at(block)
        .unwrap();
    assert!(text[range].contains("Wostotschny"));
    assert_eq!(a.history().back_len(), before + 1, "the jump is recorded");
    a.press("ctrl-o").unwrap();
    assert_ne!(
        article_id(&a).as_deref(),
        Some("wikipedia-nordkoreanisch-russische-beziehungen"),
        "ctrl-o goes back"
    );
}

#[test]
fn the_scope_key_shows_every_entity_and_with_nothing_selected_the_timeline_is_of_everything() {
    let mut a = on_putin(160, 45);
    a.press("T").unwrap();
    let own = timeline_rows(&a).len();
    a.press("tab").unwrap();
    let all = timeline_rows(&a).len();
    assert!(all > own, "{all} > {own}");
    assert!(screen(&a).join("\n").contains("Timeline · every entity"));
    a.press("tab").unwrap();
    assert_eq!(timeline_rows(&a).len(), own);
    a.press("esc").unwrap();
    assert_eq!(a.overlay().context(), None);

    let mut b = app(80, 24);
    b.press("T").unwrap();
    assert_eq!(timeline_rows(&b).len(), all);
    let shown = screen(&b).join("\n");
    assert!(shown.contains("Timeline · every entity"), "{shown}");
}

/// The Standard article open with a mention of Putin selected, the sidebar on Putin with a
/// passage of another article selected.
fn comparing(width: u16, height: u16) -> App {
    let mut a = app(width, height);
    a.press("j j enter").unwrap();
    assert_eq!(
        article_id(&a).as_deref(),
        Some("standard-2023-kim-putin-waffen")
    );
    for _ in 0..40 {
        a.press("]").unwrap();
        let on_putin = a.sidebar().subject().is_some_and(|s| {
            matches!(s, dossier::tui::nav::Subject::Entity(e)
                if common::entity_id(&a, e) == "wladimir-putin")
        });
        // A mention in the body: the title and lead are not passages to compare.
        let in_body = a.reader().open().and_then(|o| match o.target() {
            Some(dossier::tui::nav::Target::Mention(m)) => o.body().mention(m)?.place.block(),
            _ => None,
        });
        if on_putin && in_body.is_some() {
            break;
        }
    }
    a.press("3").unwrap();
    // Past the "here" group onto the first passage of another article.
    for _ in 0..30 {
        a.press("j").unwrap();
        let rows = a.sidebar().rows();
        let selected = a.sidebar().selected().unwrap();
        if let Some(dossier::tui::panes::rows::Item::Passage(m)) = rows.item(a.shelf(), selected)
            && a.corpus().links.mention(m).unwrap().article != a.reader().article().unwrap()
            && a.corpus().links.mention(m).unwrap().place.block().is_some()
        {
            break;
        }
    }
    a.press("c").unwrap();
    assert_eq!(a.context(), Context::Compare, "{:?}", a.status());
    a
}

#[test]
fn compare_puts_the_sidebar_passage_beside_the_open_one_side_by_side_when_wide() {
    let a = comparing(160, 45);
    let Overlay::Compare(view) = a.overlay() else {
        panic!("no compare view");
    };
    assert!(!view.frames().stacked);
    let [left, right] = view.sides();
    assert_eq!(left.passage().article, a.reader().article().unwrap());
    assert_ne!(right.passage().article, left.passage().article);
    let lines = screen(&a);
    let titles: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.matches('¶').count() == 2)
        .map(|(y, _)| y)
        .collect();
    assert_eq!(
        titles,
        [0],
        "both titles on the top border:\n{}",
        lines.join("\n")
    );
    // Each side shows its passage's words.
    for side in view.sides() {
        let article = a.corpus().article(side.passage().article).unwrap();
        let words = &article.blocks[side.passage().block].text[side.passage().range.clone()];
        assert!(lines.iter().any(|l| l.contains(words)), "{words} on screen");
    }
}

#[test]
fn at_80x24_compare_stacks_the_two_and_each_scrolls_alone() {
    let mut a = comparing(80, 24);
    let Overlay::Compare(view) = a.overlay() else {
        panic!("no compare view");
    };
    assert!(view.frames().stacked);
    let top = view.sides()[0].scroll();
    let bottom = view.sides()[1].scroll();
    let lines = screen(&a);
    let titled: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains('¶') && (l.starts_with('┌') || l.starts_with('┏')))
        .map(|(y, _)| y)
        .collect();
    assert_eq!(titled.len(), 2, "{}", lines.join("\n"));
    assert!(titled[1] > titled[0] + 5, "one above the other");
    a.press("j j").unwrap();
    let Overlay::Compare(view) = a.overlay() else {
        panic!("no compare view");
    };
    assert_eq!(view.sides()[0].scroll(), top);
    assert_eq!(view.sides()[1].scroll(), bottom + 2);
    a.press("tab j").unwrap();
    let Overlay::Compare(view) = a.overlay() else {
        panic!("no compare view");
    };
    assert_eq!(view.focused(), 0);
    assert_eq!(view.sides()[0].scroll(), top + 1);
}

#[test]
fn enter_in_compare_follows_the_focused_side_and_ctrl_o_comes_back() {
    let mut a = comparing(80, 24);
    let Overlay::Compare(view) = a.overlay() else {
        panic!("no compare view");
    };
    let right = view.sides()[1].passage().clone();
    let before = a.reader().article();
    a.press("enter").unwrap();
    assert_eq!(a.overlay().context(), None);
    assert_eq!(a.reader().article(), Some(right.article));
    let (block, _) = a.reader().open().unwrap().flash().unwrap().clone();
    assert_eq!(block, Place::Block(right.block), "at the passage");
    a.press("ctrl-o").unwrap();
    assert_eq!(a.reader().article(), before);
}

#[test]
fn compare_without_a_selected_passage_says_what_to_do() {
    let mut a = app(160, 45);
    a.press("j enter 3").unwrap();
    a.press("c").unwrap();
    assert_eq!(a.overlay().context(), None);
    let status = a.status().expect("a status line").text().to_string();
    assert!(status.contains("select a passage"), "{status}");
}
