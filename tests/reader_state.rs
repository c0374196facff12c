//! State tests: the reader driven by key strings, asserting where it ends up.

mod common;

use common::{app, article_id, entity_id, open};
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use dossier::config::keymap::Context;
use dossier::corpus::ids::ArticleId;
use dossier::tui::effect::Effect;
use dossier::tui::geometry::Focus;
use dossier::tui::nav::{Subject, Target};
use dossier::tui::overlay::Overlay;
use dossier::tui::panes::facts::Item;

fn selected_mention_entity(app: &dossier::tui::app::App) -> Option<String> {
    let r = app.reader().open()?;
    match r.target()? {
        Target::Mention(id) => {
            let m = app.corpus().links.mention(id)?;
            Some(entity_id(app, m.entity))
        }
        Target::Footnote(..) => None,
    }
}

#[test]
fn enter_opens_the_selected_article() {
    let mut a = app(160, 45);
    a.press("j j enter").unwrap();
    assert_eq!(
        article_id(&a).as_deref(),
        Some("standard-2023-kim-putin-waffen")
    );
    assert_eq!(a.focus(), Focus::Reader);
}

#[test]
fn next_mention_selects_the_first_mention_and_the_sidebar_follows_it() {
    let mut a = app(160, 45);
    a.press("j j enter ]").unwrap();
    let entity = selected_mention_entity(&a).expect("a mention is selected");
    assert_eq!(entity, "kim-jong-un");
    let Some(Subject::Entity(e)) = a.sidebar().subject() else {
        panic!("sidebar shows {:?}", a.sidebar().subject())
    };
    assert_eq!(entity_id(&a, e), "kim-jong-un");
    a.press("] [").unwrap();
    let r = open(&a);
    let first = a.corpus().links.in_article_with_ids(r.article()).next();
    assert_eq!(r.target(), first.map(|(id, _)| Target::Mention(id)));
}

#[test]
fn follow_jumps_to_the_entity_in_another_article_and_back_restores_everything() {
    let mut a = app(160, 45);
    a.press("j j enter ] ] ]").unwrap();
    let before_article = article_id(&a);
    let before = a.reader().open().map(|r| (r.scroll(), r.target()));
    let entity = selected_mention_entity(&a).unwrap();
    a.press("enter").unwrap();
    assert_ne!(
        article_id(&a),
        before_article,
        "follow moved to another article"
    );
    assert_eq!(
        selected_mention_entity(&a).as_deref(),
        Some(entity.as_str()),
        "same entity selected there"
    );
    assert!(
        open(&a).flash().is_some(),
        "the landing spot is highlighted"
    );
    // The selected mention is on screen.
    let r = open(&a);
    let Some(Target::Mention(i)) = r.target() else {
        panic!()
    };
    let m = a.corpus().links.mention(i).unwrap();
    assert_eq!(m.article, r.article());
    let line = r.layout().line_of(m.block, m.range.start);
    assert!(line >= r.scroll() && line < r.scroll() + a.reader().page(a.geometry()));
    let after = article_id(&a);
    a.press("ctrl-o").unwrap();
    assert_eq!(article_id(&a), before_article);
    assert_eq!(a.reader().open().map(|r| (r.scroll(), r.target())), before);
    a.press("ctrl-n").unwrap();
    assert_eq!(article_id(&a), after);
}

#[test]
fn the_filter_narrows_with_folded_fuzzy_search_and_esc_clears_it() {
    let mut a = app(160, 45);
    a.press("/").unwrap();
    assert_eq!(a.context(), Context::Filter);
    a.type_text("wladiwostok");
    assert_eq!(a.list().hits().len(), 4);
    a.press("esc").unwrap();
    assert_eq!(a.list().hits().len(), 5);
    a.press("/").unwrap();
    a.type_text("pjongjang");
    assert_eq!(a.list().hits().len(), 5);
    a.press("ctrl-u").unwrap();
    a.type_text("rason");
    let ids: Vec<&str> = a
        .list()
        .hits()
        .iter()
        .map(|h| a.corpus().article(h.article).unwrap().id.as_str())
        .collect();
    assert_eq!(ids, ["vice-2015-kim-besucht-moskau"]);
}

#[test]
fn typing_q_in_the_filter_types_it_instead_of_quitting() {
    let mut a = app(160, 45);
    a.press("/").unwrap();
    assert!(!a.type_text("q").contains(&Effect::Quit));
    assert_eq!(a.list().query(), "q");
    a.press("enter").unwrap();
    assert_eq!(a.context(), Context::List);
    assert_eq!(a.list().query(), "q", "enter keeps the filter");
}

#[test]
fn at_sign_keeps_articles_naming_a_matching_entity() {
    let mut a = app(160, 45);
    a.press("/").unwrap();
    a.type_text("@lawrow");
    let lawrow = a
        .corpus()
        .catalogue
        .get("sergei-lawrow")
        .expect("catalogue has Lawrow");
    assert!(!a.list().hits().is_empty());
    for hit in a.list().hits() {
        assert!(a.corpus().links.count_in(hit.article, lawrow) > 0);
    }
    assert_eq!(
        a.list().hits().len(),
        a.corpus().links.articles_of(lawrow).len()
    );
}

#[test]
fn entity_finder_shows_the_entity_and_its_passages_open_with_a_jump() {
    let mut a = app(160, 45);
    a.press("e").unwrap();
    assert!(matches!(a.overlay(), Overlay::Finder(_)));
    a.type_text("lawrow");
    a.press("enter").unwrap();
    assert_eq!(a.focus(), Focus::Sidebar);
    let Some(Subject::Entity(e)) = a.sidebar().subject() else {
        panic!()
    };
    assert_eq!(entity_id(&a, e), "sergei-lawrow");
    let passages = a
        .sidebar()
        .rows()
        .iter()
        .filter(|r| matches!(r.item, Some(Item::Passage(_))))
        .count();
    assert_eq!(
        passages,
        a.corpus().links.of_entity(e).len(),
        "no article is open, so every mention is elsewhere"
    );
    // The first selectable row is an article header; the next a passage.
    a.press("j j enter").unwrap();
    assert_eq!(a.focus(), Focus::Reader);
    assert_eq!(
        selected_mention_entity(&a).as_deref(),
        Some("sergei-lawrow")
    );
    let opened = article_id(&a);
    a.press("ctrl-o").unwrap();
    assert_eq!(
        article_id(&a),
        opened,
        "going back stops at the first article, never at an empty screen"
    );
    assert_eq!(a.status().map(|s| s.text()), Some("no earlier jump"));
    assert_eq!(a.sidebar().subject(), Some(Subject::Entity(e)));
}

#[test]
fn footnote_marker_leads_to_its_reference_and_back() {
    let mut a = app(160, 45);
    a.press("j j j enter").unwrap();
    assert_eq!(
        article_id(&a).as_deref(),
        Some("wikipedia-nordkoreanisch-russische-beziehungen")
    );
    a.press(")").unwrap();
    let r = open(&a);
    let Some(Target::Footnote(block, i)) = r.target() else {
        panic!("{:?}", r.target())
    };
    let number = a.corpus().article(r.article()).unwrap().blocks[block].footnote_markers()[i].1;
    let scroll_before = r.scroll();
    a.press("enter").unwrap();
    let r = open(&a);
    let (flashed, _) = r.flash().cloned().expect("reference highlighted");
    assert_eq!(
        a.corpus().article(r.article()).unwrap().blocks[flashed].number,
        Some(number)
    );
    assert!(r.scroll() > scroll_before);
    a.press("ctrl-o").unwrap();
    assert_eq!(open(&a).scroll(), scroll_before);
}

#[test]
fn find_in_article_highlights_hits_and_n_moves_between_them() {
    let mut a = app(160, 45);
    a.press("j j enter ctrl-f").unwrap();
    assert_eq!(a.context(), Context::Find);
    a.type_text("putin");
    a.press("enter").unwrap();
    let find = &open(&a).find();
    assert!(find.hits().len() >= 5, "{}", find.hits().len());
    let first = find.current();
    a.press("n").unwrap();
    assert_ne!(open(&a).find().current(), first);
    a.press("N").unwrap();
    assert_eq!(open(&a).find().current(), first);
    // Hits are found with folding: "Pjongjang" finds "Pjöngjang".
    a.press("ctrl-f ctrl-u").unwrap();
    a.type_text("pjongjang");
    let r = open(&a);
    let (b, range) = r.find().hits().first().cloned().expect("folded hit");
    assert_eq!(
        &a.corpus().article(r.article()).unwrap().blocks[b].text[range],
        "Pjöngjang"
    );
}

#[test]
fn help_lists_actions_from_the_keymap_and_can_be_searched() {
    let mut a = app(160, 45);
    a.press("?").unwrap();
    assert!(matches!(a.overlay(), Overlay::Help(_)));
    a.type_text("mention");
    let Overlay::Help(help) = a.overlay() else {
        panic!()
    };
    assert_eq!(help.query(), "mention");
    let effects = a.press("esc esc").unwrap();
    assert!(matches!(a.overlay(), Overlay::None));
    assert!(!effects.contains(&Effect::Quit));
}

#[test]
fn a_sequence_waits_for_its_second_key() {
    let mut a = app(160, 45);
    a.press("j j enter ] ] ] ] ] ] ] ] ] ] ] ] ] ] ] G")
        .unwrap();
    a.press("z").unwrap();
    assert_eq!(a.pending().len(), 1, "z waits");
    a.press("z").unwrap();
    assert!(a.pending().is_empty());
}

#[test]
fn resizing_keeps_the_same_block_at_the_top() {
    let mut a = app(160, 45);
    a.press("j j enter space space").unwrap();
    let r = open(&a);
    let block = r.layout().block_at(r.scroll());
    a.resize(100, 30);
    let r = open(&a);
    assert_eq!(r.layout().block_at(r.scroll()), block);
}

#[test]
fn sidebar_toggles_and_hides_itself_when_narrow() {
    let mut a = app(160, 45);
    assert!(a.geometry().panes.sidebar.is_some());
    a.press("3").unwrap();
    assert_eq!(a.focus(), Focus::Sidebar);
    a.press("s").unwrap();
    assert!(a.geometry().panes.sidebar.is_none());
    assert_ne!(a.focus(), Focus::Sidebar);
    a.press("s").unwrap();
    a.resize(90, 30);
    assert!(a.geometry().panes.sidebar.is_none());
}

#[test]
fn tab_cycles_focus_through_the_visible_panes() {
    let mut a = app(160, 45);
    a.press("tab").unwrap();
    assert_eq!(a.focus(), Focus::Reader);
    a.press("tab").unwrap();
    assert_eq!(a.focus(), Focus::Sidebar);
    a.press("tab shift-tab shift-tab").unwrap();
    assert_eq!(a.focus(), Focus::Reader);
}

#[test]
fn q_quits() {
    let mut a = app(80, 24);
    assert_eq!(a.press("q").unwrap(), [Effect::Quit]);
}

fn click(a: &mut dossier::tui::app::App, column: u16, row: u16) {
    a.handle_mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
}

#[test]
fn clicking_a_list_item_opens_it_and_the_wheel_scrolls_the_reader() {
    let mut a = app(160, 45);
    // Third article: rows 2 items down (two rows each) inside the border.
    click(&mut a, 5, 1 + 2 * 2);
    assert_eq!(
        article_id(&a).as_deref(),
        Some("standard-2023-kim-putin-waffen")
    );
    let reader = a.geometry().panes.reader;
    a.handle_mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: reader.x + 5,
        row: reader.y + 5,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(open(&a).scroll(), 3);
}

#[test]
fn clicking_a_mention_selects_it() {
    let mut a = app(160, 45);
    a.press("j j enter ]").unwrap();
    let r = open(&a);
    let Some(Target::Mention(i)) = r.target() else {
        panic!()
    };
    let m = a.corpus().links.mention(i).unwrap().clone();
    let line = r.layout().line_of(m.block, m.range.start);
    let text = &a.corpus().article(r.article()).unwrap().blocks[m.block].text;
    let line_start = r.layout().lines[line].range.start;
    let column = dossier::text::width(&text[line_start..m.range.start]) as u16;
    let text_x = a.geometry().text_x;
    let y = a.geometry().panes.reader.y + 1 + (line - r.scroll()) as u16;
    a.press("esc").unwrap();
    assert_eq!(open(&a).target(), None);
    click(&mut a, text_x + column + 1, y);
    assert_eq!(open(&a).target(), Some(Target::Mention(i)));
}

#[test]
fn mouse_capture_toggles() {
    let mut a = app(160, 45);
    assert!(a.mouse_capture());
    a.press("m").unwrap();
    assert!(!a.mouse_capture());
    click(&mut a, 5, 5);
    assert_eq!(
        article_id(&a),
        None,
        "clicks are ignored while capture is off"
    );
}

#[test]
fn opened_articles_are_read_and_others_unread() {
    let mut a = app(160, 45);
    assert!(!a.reader().is_read(a.corpus(), ArticleId::from_index(2)));
    a.press("j j enter").unwrap();
    let opened = open(&a).article();
    assert!(a.reader().is_read(a.corpus(), opened));
    assert!(
        (0..a.corpus().articles().len())
            .map(ArticleId::from_index)
            .filter(|&i| i != opened)
            .all(|i| !a.reader().is_read(a.corpus(), i))
    );
}
