//! State tests: the reader driven by key strings, asserting where it ends up.

mod common;

use common::{CorpusOf, app, article_id, entity_id, open};
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use dossier::config::keymap::Context;
use dossier::corpus::article::Place;
use dossier::corpus::ids::ArticleId;
use dossier::tui::effect::Effect;
use dossier::tui::geometry::Focus;
use dossier::tui::layout::{LayoutLine, Source};
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
    let line = r.layout().line_of_place(m.place, m.range.start);
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
        .iter(a.shelf())
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
        a.corpus().article(r.article()).unwrap().blocks[flashed.block().unwrap()].number,
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
    let (source, range) = r.find().hits().first().cloned().expect("folded hit");
    let Source::Block(b) = source else {
        panic!("{source:?}")
    };
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
    a.press("/").unwrap();
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
    // The first paragraph whose text shows at the top (a blank line above a paragraph
    // belongs to the one below it).
    let first_shown = |a: &dossier::tui::app::App| {
        let r = open(a);
        r.layout().lines[r.scroll()..]
            .iter()
            .find_map(|l| match l.source {
                Source::Block(b) => Some(b),
                _ => None,
            })
    };
    let block = first_shown(&a);
    a.resize(100, 30);
    assert_eq!(first_shown(&a), block);
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
    let line = r.layout().line_of_place(m.place, m.range.start);
    let text = a
        .corpus()
        .article(r.article())
        .unwrap()
        .text_at(m.place)
        .unwrap();
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
    assert!(!a.reader().is_read(a.shelf(), ArticleId::from_index(2)));
    a.press("j j enter").unwrap();
    let opened = open(&a).article();
    assert!(a.reader().is_read(a.shelf(), opened));
    assert!(
        (0..a.corpus().articles().len())
            .map(ArticleId::from_index)
            .filter(|&i| i != opened)
            .all(|i| !a.reader().is_read(a.shelf(), i))
    );
}

fn passage_count(a: &dossier::tui::app::App) -> usize {
    a.sidebar()
        .rows()
        .iter(a.shelf())
        .filter(|r| matches!(r.item, Some(Item::Passage(_))))
        .count()
}

fn shown_entity(a: &dossier::tui::app::App) -> Option<String> {
    match a.sidebar().subject()? {
        Subject::Entity(e) => Some(entity_id(a, e)),
        Subject::Article(_) => None,
    }
}

#[test]
fn at_80_columns_s_shows_the_sidebar_in_place_of_the_text_and_never_changes_the_setting() {
    let mut a = app(80, 24);
    a.press("j enter ]").unwrap();
    assert!(!a.geometry().shows(Focus::List), "the list collapses");
    assert_eq!(a.geometry().panes.reader.width, 80);
    a.press("s").unwrap();
    assert_eq!(a.focus(), Focus::Sidebar);
    assert_eq!(a.geometry().panes.sidebar.map(|r| r.width), Some(80));
    assert!(shown_entity(&a).is_some(), "the selected mention's entity");
    assert!(a.sidebar_wanted(), "the setting stays on");
    a.press("s").unwrap();
    assert_eq!(a.focus(), Focus::Reader);
    assert!(a.geometry().panes.sidebar.is_none());
    a.resize(160, 45);
    assert!(
        a.geometry().panes.sidebar.is_some(),
        "wide again: beside the text"
    );
}

#[test]
fn at_80_columns_the_entity_finder_ends_in_the_sidebar_not_a_dead_end() {
    let mut a = app(80, 24);
    a.press("e").unwrap();
    a.type_text("schoigu");
    a.press("enter").unwrap();
    assert_eq!(a.focus(), Focus::Sidebar);
    assert!(a.geometry().shows(Focus::Sidebar));
    assert_eq!(a.status(), None, "no error");
    assert_eq!(shown_entity(&a).as_deref(), Some("sergei-schoigu"));
    // Its first passage opens, the text takes the screen again, and back returns.
    a.press("j j enter").unwrap();
    assert_eq!(a.focus(), Focus::Reader);
    assert!(a.geometry().shows(Focus::Reader));
    assert_eq!(
        selected_mention_entity(&a).as_deref(),
        Some("sergei-schoigu")
    );
}

#[test]
fn at_100_columns_the_text_keeps_sixty_columns_beside_the_sidebar() {
    let mut a = app(100, 30);
    a.press("j enter").unwrap();
    assert!(
        a.geometry().panes.reader.width >= 60,
        "{:?}",
        a.geometry().panes
    );
    assert!(a.geometry().shows(Focus::Sidebar));
    assert!(a.geometry().text_width >= 56);
}

#[test]
fn at_220_columns_the_list_and_sidebar_widen_and_max_width_bounds_the_text() {
    let mut a = app(220, 60);
    a.press("j enter").unwrap();
    let g = a.geometry();
    assert_eq!(g.text_width, 80);
    assert!(g.panes.list.width > 42 && g.panes.sidebar.is_some_and(|s| s.width > 44));
    let room = usize::from(g.list_inner().width).saturating_sub(2);
    assert!(room >= 56, "{room}");
    // Titles cut to the list's width still tell the three "Kim …" articles apart.
    let shown: std::collections::HashSet<String> = a
        .corpus()
        .articles()
        .iter()
        .map(|art| dossier::text::truncate(&art.front.title, room))
        .collect();
    assert_eq!(shown.len(), a.corpus().articles().len());
}

#[test]
fn zoom_gives_any_pane_the_whole_width_and_again_gives_it_back() {
    let mut a = app(160, 45);
    a.press("j enter +").unwrap();
    assert!(a.zoomed());
    assert_eq!(a.geometry().panes.reader.width, 160);
    assert!(!a.geometry().shows(Focus::List) && !a.geometry().shows(Focus::Sidebar));
    a.press("3").unwrap();
    assert_eq!(a.geometry().panes.sidebar.map(|r| r.width), Some(160));
    a.press("+").unwrap();
    assert!(!a.zoomed());
    for pane in [Focus::List, Focus::Reader, Focus::Sidebar] {
        assert!(a.geometry().shows(pane), "{pane:?}");
    }
}

#[test]
fn the_passage_list_holds_the_open_articles_own_passages_and_never_shrinks() {
    let mut a = app(160, 45);
    a.press("j j enter ]").unwrap();
    let entity = selected_mention_entity(&a).unwrap();
    let Some(Subject::Entity(e)) = a.sidebar().subject() else {
        panic!()
    };
    let all = a.corpus().links.of_entity(e).len();
    assert_eq!(passage_count(&a), all, "here and elsewhere together");
    let here = a
        .sidebar()
        .rows()
        .iter(a.shelf())
        .find(|r| r.item.is_some_and(|i| matches!(i, Item::Article(_))));
    assert!(
        here.as_ref()
            .is_some_and(|r| r.plain().starts_with("here · Der Standard")),
        "{here:?}"
    );
    // Travel: follow the thread to another article; the list stays whole.
    a.press("enter").unwrap();
    assert_eq!(
        selected_mention_entity(&a).as_deref(),
        Some(entity.as_str())
    );
    assert_eq!(passage_count(&a), all);
    // Every article group says its date.
    for row in a
        .sidebar()
        .rows()
        .iter(a.shelf())
        .filter(|r| matches!(r.item, Some(Item::Article(_))))
    {
        assert!(
            row.plain().chars().any(|c| c.is_ascii_digit()),
            "{}",
            row.plain()
        );
    }
}

#[test]
fn star_and_hash_walk_the_same_entity_through_the_article_then_on_to_the_next() {
    let mut a = app(160, 45);
    a.press("j j enter ]").unwrap();
    let Some(Target::Mention(first)) = open(&a).target() else {
        panic!()
    };
    let entity = a.corpus().links.mention(first).unwrap().entity;
    let all: Vec<_> = a.corpus().links.of_entity(entity).to_vec();
    let start = all.iter().position(|&m| m == first).unwrap();
    let opened = article_id(&a);
    let mut left_article = false;
    for step in 1..all.len() {
        a.press("*").unwrap();
        let Some(Target::Mention(now)) = open(&a).target() else {
            panic!("step {step}")
        };
        assert_eq!(now, all[(start + step) % all.len()], "step {step}");
        assert!(a.status().is_some_and(|s| s.text().contains(" of ")));
        left_article |= article_id(&a) != opened;
    }
    assert!(left_article, "went on into other articles");
    a.press("*").unwrap();
    assert_eq!(
        open(&a).target(),
        Some(Target::Mention(first)),
        "round the corpus"
    );
    a.press("#").unwrap();
    let Some(Target::Mention(back)) = open(&a).target() else {
        panic!()
    };
    assert_eq!(back, all[(start + all.len() - 1) % all.len()]);
}

#[test]
fn paragraph_numbers_toggle_in_a_margin_that_moves_the_text_right() {
    let mut a = app(160, 45);
    a.press("j enter").unwrap();
    let x = a.geometry().text_x;
    a.press("p").unwrap();
    assert!(a.reader().numbers());
    assert_eq!(a.geometry().text_x, x + dossier::tui::geometry::GUTTER);
    a.press("p").unwrap();
    assert_eq!(a.geometry().text_x, x);
}

/// Scrolls the open article so that a line inside a long paragraph (not its first) is at the
/// top; returns that line.
fn scroll_into_a_long_paragraph(a: &mut dossier::tui::app::App) -> LayoutLine {
    let r = open(a);
    let line = (0..r.layout().lines.len())
        .find(|&l| {
            let ll = &r.layout().lines[l];
            matches!(ll.source, Source::Block(_)) && !ll.first && ll.range.start > 200
        })
        .expect("a paragraph of several lines");
    for _ in 0..line {
        a.press("j").unwrap();
    }
    let r = open(a);
    r.layout().lines[r.scroll()].clone()
}

#[test]
fn resizing_keeps_the_line_not_just_the_paragraph_at_the_top() {
    let mut a = app(160, 45);
    a.press("j j enter").unwrap();
    let top = scroll_into_a_long_paragraph(&mut a);
    a.resize(100, 30);
    let r = open(&a);
    let now = &r.layout().lines[r.scroll()];
    assert_eq!(now.source, top.source);
    assert!(
        now.range.contains(&top.range.start),
        "{now:?} shows byte {} of the block",
        top.range.start
    );
}

#[test]
fn an_entity_named_in_one_article_says_one_article() {
    let mut a = app(160, 45);
    let corpus = a.corpus();
    let Some(single) = corpus
        .catalogue
        .iter()
        .map(|(id, _)| id)
        .find(|&e| corpus.links.articles_of(e).len() == 1)
    else {
        panic!("the bundled corpus has an entity named in one article")
    };
    let name = corpus.entity(single).unwrap().name.clone();
    a.press("e").unwrap();
    a.type_text(&name);
    a.press("enter").unwrap();
    let rows: Vec<String> = a
        .sidebar()
        .rows()
        .iter(a.shelf())
        .map(|r| r.plain())
        .collect();
    assert!(rows.iter().any(|r| r.contains("in 1 article")), "{rows:?}");
    assert!(!rows.iter().any(|r| r.contains("1 articles")), "{rows:?}");
}

#[test]
fn slash_in_the_reading_pane_finds_in_the_article_and_the_counter_stays_after_enter() {
    let mut a = app(160, 45);
    a.press("j j enter /").unwrap();
    assert_eq!(a.context(), Context::Find, "not the list filter");
    a.type_text("wladiwostok");
    a.press("enter").unwrap();
    let hits = open(&a).find().hits().len();
    assert!(hits >= 3);
    assert_eq!(open(&a).find().current(), Some(0));
    assert!(!open(&a).find().prompting());
    a.press("n").unwrap();
    assert_eq!(open(&a).find().current(), Some(1));
}

#[test]
fn n_past_the_last_hit_wraps_and_says_so() {
    let mut a = app(160, 45);
    a.press("j j enter /").unwrap();
    a.type_text("wladiwostok");
    a.press("enter").unwrap();
    let hits = open(&a).find().hits().len();
    for _ in 1..hits {
        a.press("n").unwrap();
        assert_eq!(a.status(), None);
    }
    a.press("n").unwrap();
    assert_eq!(open(&a).find().current(), Some(0));
    assert!(
        a.status()
            .is_some_and(|s| s.text().contains("wrapped to the first"))
    );
    a.press("N").unwrap();
    assert!(
        a.status()
            .is_some_and(|s| s.text().contains("wrapped to the last"))
    );
}

#[test]
fn question_mark_in_the_reading_pane_finds_upwards_and_f1_still_opens_help() {
    let mut a = app(160, 45);
    a.press("j j enter G ?").unwrap();
    assert_eq!(a.context(), Context::Find);
    assert!(open(&a).find().backward());
    a.type_text("putin");
    a.press("enter").unwrap();
    let last = open(&a).find().current().unwrap();
    assert_eq!(
        last + 1,
        open(&a).find().hits().len(),
        "the last hit above the page end"
    );
    a.press("n").unwrap();
    assert_eq!(
        open(&a).find().current(),
        Some(last - 1),
        "n goes on upwards"
    );
    a.press("f1").unwrap();
    assert!(matches!(a.overlay(), Overlay::Help(_)));
}

#[test]
fn find_covers_the_title_and_the_lead() {
    let mut a = app(160, 45);
    a.press("j enter /").unwrap();
    a.type_text("Diktator");
    let hits = open(&a).find().hits().to_vec();
    assert!(hits.iter().any(|(s, _)| *s == Source::Title), "{hits:?}");
    assert!(hits.iter().any(|(s, _)| *s == Source::Lead), "{hits:?}");
    assert_eq!(hits[0].0, Source::Title, "document order");
}

#[test]
fn prompts_reopen_with_the_previous_text_selected_so_typing_replaces_it() {
    let mut a = app(160, 45);
    a.press("j j enter /").unwrap();
    a.type_text("grossvater");
    a.press("enter /").unwrap();
    assert!(open(&a).find().prompt().selected());
    a.type_text("putin");
    assert_eq!(open(&a).find().query(), "putin", "not grossvaterputin");
    a.press("enter 1 /").unwrap();
    a.type_text("kim");
    a.press("enter /").unwrap();
    a.type_text("wla");
    assert_eq!(a.list().query(), "wla");
    a.press("esc").unwrap();
}

#[test]
fn help_closes_on_q_and_esc_searches_with_slash_and_pages_by_its_height() {
    let mut a = app(80, 24);
    a.press("?").unwrap();
    assert_eq!(a.context(), Context::Help);
    let effects = a.press("q").unwrap();
    assert!(matches!(a.overlay(), Overlay::None), "q closes help");
    assert!(!effects.contains(&Effect::Quit));
    a.press("? j").unwrap();
    let Overlay::Help(help) = a.overlay() else {
        panic!()
    };
    assert_eq!(help.scroll(), 1, "j scrolls, it does not type");
    a.press("pagedown").unwrap();
    let Overlay::Help(help) = a.overlay() else {
        panic!()
    };
    let page = a.geometry().help_rows();
    assert_eq!(help.scroll(), 1 + page - 1, "a page is the lines shown");
    a.press("/").unwrap();
    assert_eq!(a.context(), Context::HelpSearch);
    a.type_text("quit");
    a.press("enter").unwrap();
    assert_eq!(a.context(), Context::Help);
    let Overlay::Help(help) = a.overlay() else {
        panic!()
    };
    assert_eq!(help.query(), "quit");
    a.press("esc esc").unwrap();
    assert!(matches!(a.overlay(), Overlay::None));
}

#[test]
fn opening_from_an_entity_filter_lands_on_that_entitys_first_mention() {
    let mut a = app(160, 45);
    a.press("/").unwrap();
    a.type_text("@schoigu");
    a.press("enter enter").unwrap();
    let r = open(&a);
    let Some(Target::Mention(id)) = r.target() else {
        panic!("no mention selected: {:?}", r.target())
    };
    let m = a.corpus().links.mention(id).unwrap();
    assert_eq!(entity_id(&a, m.entity), "sergei-schoigu");
    let first = a
        .corpus()
        .links
        .in_article_with_ids(r.article())
        .find(|(_, other)| other.entity == m.entity)
        .map(|(first, _)| first);
    assert_eq!(first, Some(id), "the first mention in the article");
    assert!(r.flash().is_some(), "and it is highlighted");
}

#[test]
fn without_truecolor_the_reader_draws_no_24_bit_colour() {
    let options = dossier::config::settings::Options::default();
    let mut a = dossier::tui::app::App::new(
        common::bundled_corpus(),
        dossier::config::keymap::Keymap::defaults(),
        options,
        (160, 45),
    );
    let is_rgb =
        |c: Option<ratatui::style::Color>| matches!(c, Some(ratatui::style::Color::Rgb(..)));
    assert!(
        is_rgb(a.theme().status.bg),
        "24-bit where the terminal says so"
    );
    for depth in [
        dossier::config::palette::ColorDepth::Ansi256,
        dossier::config::palette::ColorDepth::Ansi16,
    ] {
        a.set_colors(depth);
        let t = a.theme();
        for style in [
            t.status, t.dim, t.caption, t.quote, t.hit, t.flash, t.heading,
        ] {
            assert!(
                !is_rgb(style.fg) && !is_rgb(style.bg),
                "{depth:?}: {style:?}"
            );
        }
    }
}

#[test]
fn the_saved_place_is_the_line_not_the_start_of_its_paragraph() {
    let mut a = app(160, 45);
    a.press("j j enter").unwrap();
    let top = scroll_into_a_long_paragraph(&mut a);
    let scroll = open(&a).scroll();
    let (remembered, last) = a.snapshot();
    // Same width: the same line; another width: the line showing the same words.
    for (width, height) in [(160, 45), (100, 30)] {
        let mut b = app(width, height);
        b.restore(remembered.clone(), last.as_ref().map(|k| k.as_str()));
        let r = open(&b);
        let now = &r.layout().lines[r.scroll()];
        assert_eq!(now.source, top.source, "{width}");
        assert!(now.range.contains(&top.range.start), "{width}: {now:?}");
        if width == 160 {
            assert_eq!(r.scroll(), scroll);
        }
    }
}

#[test]
fn titles_and_leads_are_linked_by_the_same_linker_as_the_body() {
    let a = app(160, 45);
    let corpus = a.corpus();
    let article = corpus
        .article_id("t-online-2019-kim-putin-wladiwostok")
        .unwrap();
    let named = |part: Place| -> Vec<String> {
        corpus
            .header_mentions(article)
            .iter()
            .filter(|m| m.place == part)
            .map(|m| entity_id(&a, m.entity))
            .collect()
    };
    let title = named(Place::Title);
    assert!(title.contains(&"wladimir-putin".to_string()), "{title:?}");
    let lead = named(Place::Lead);
    assert!(lead.contains(&"donald-trump".to_string()), "{lead:?}");
}

#[test]
fn the_entity_finder_reopens_on_its_last_query_selected() {
    let mut a = app(160, 45);
    a.press("e").unwrap();
    a.type_text("lawrow");
    a.press("enter e").unwrap();
    let Overlay::Finder(finder) = a.overlay() else {
        panic!()
    };
    assert_eq!(finder.query(), "lawrow");
    assert!(finder.prompt().selected());
    a.type_text("schoigu");
    let Overlay::Finder(finder) = a.overlay() else {
        panic!()
    };
    assert_eq!(finder.query(), "schoigu", "typing replaced the old query");
    a.press("esc e").unwrap();
    let Overlay::Finder(finder) = a.overlay() else {
        panic!()
    };
    assert_eq!(finder.query(), "schoigu");
}
