//! Screen snapshots of the real reader on ratatui's TestBackend, at 80×24 and 160×45, plus
//! style checks on the cells that matter (snapshots do not capture colour or modifiers).

mod common;

use common::app;
use dossier::tui::app::App;
use dossier::tui::ui::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

fn render(app: &App) -> Buffer {
    let (w, h) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| draw(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn screen(app: &App) -> String {
    text(&render(app))
}

#[test]
fn list_at_80x24() {
    let a = app(80, 24);
    insta::assert_snapshot!("list_80x24", screen(&a));
}

#[test]
fn list_at_160x45() {
    let a = app(160, 45);
    insta::assert_snapshot!("list_160x45", screen(&a));
}

#[test]
fn article_with_a_selected_mention_at_160x45() {
    let mut a = app(160, 45);
    a.press("j j enter ] ]").unwrap();
    insta::assert_snapshot!("article_mention_160x45", screen(&a));
}

#[test]
fn article_at_80x24_takes_the_whole_width() {
    let mut a = app(80, 24);
    a.press("j enter").unwrap();
    let s = screen(&a);
    assert!(
        !s.contains("Entity") && !s.contains(" Article ") && !s.contains("Articles 5"),
        "neither sidebar nor list beside the text at 80 columns"
    );
    insta::assert_snapshot!("article_80x24", s);
}

#[test]
fn sidebar_with_passages_at_160x45() {
    let mut a = app(160, 45);
    a.press("j j enter ] ] ] 3 j").unwrap();
    let s = screen(&a);
    assert!(s.contains("Passages ("));
    assert!(
        s.contains("here · Der Standard"),
        "the open article's own passages first"
    );
    insta::assert_snapshot!("sidebar_passages_160x45", s);
}

#[test]
fn filter_at_160x45() {
    let mut a = app(160, 45);
    a.press("/").unwrap();
    a.type_text("wladiwostok");
    let s = screen(&a);
    assert!(s.contains("Articles 4 of 5"));
    insta::assert_snapshot!("filter_160x45", s);
}

#[test]
fn filter_at_80x24() {
    let mut a = app(80, 24);
    a.press("/").unwrap();
    a.type_text("pjongjang");
    insta::assert_snapshot!("filter_80x24", screen(&a));
}

#[test]
fn help_at_160x45() {
    let mut a = app(160, 45);
    a.press("?").unwrap();
    insta::assert_snapshot!("help_160x45", screen(&a));
}

#[test]
fn help_at_80x24_searched() {
    let mut a = app(80, 24);
    a.press("? /").unwrap();
    a.type_text("mention");
    let s = screen(&a);
    assert!(s.contains("next_mention"));
    assert!(!s.contains("toggle_mouse"));
    insta::assert_snapshot!("help_search_80x24", s);
}

#[test]
fn entity_finder_at_80x24() {
    let mut a = app(80, 24);
    a.press("e").unwrap();
    a.type_text("pjong");
    insta::assert_snapshot!("finder_80x24", screen(&a));
}

#[test]
fn too_small_says_so_and_recovers() {
    let mut a = app(30, 8);
    let s = screen(&a);
    assert!(s.contains("too small"), "{s}");
    insta::assert_snapshot!("too_small_30x8", s);
    a.resize(80, 24);
    assert!(screen(&a).contains("Articles 5"));
}

#[test]
fn tiny_sizes_do_not_panic() {
    for (w, h) in [(1, 1), (2, 1), (1, 3), (39, 11), (40, 12), (41, 13)] {
        let mut a = app(w, h);
        a.press("j enter ] ] 3 j enter ?").unwrap();
        let _ = render(&a);
    }
}

#[test]
fn the_selected_mention_is_drawn_in_reverse_video() {
    let mut a = app(160, 45);
    a.press("j j enter ]").unwrap();
    let buffer = render(&a);
    let s = text(&buffer);
    // The first mention of the Standard article is "Kim Jong-un" in its title (which the
    // list shows too, left of the reading pane).
    let column = |line: &str| {
        let byte = line.rfind("Kim Jong-un besucht Putin")?;
        Some(line[..byte].chars().count() as u16)
    };
    let (y, x) = s
        .lines()
        .enumerate()
        .find_map(|(y, l)| Some((y, column(l).filter(|&x| x >= a.geometry().text_x)?)))
        .unwrap();
    for dx in 0..11 {
        let cell = &buffer[(x + dx, y as u16)];
        assert!(
            cell.modifier.contains(Modifier::REVERSED),
            "cell {dx} of the mention"
        );
    }
    let before = &buffer[(x - 2, y as u16)];
    assert!(!before.modifier.contains(Modifier::REVERSED));
}

#[test]
fn mentions_are_marked_even_without_colour() {
    let mut a = app(160, 45);
    a.press("j j enter").unwrap();
    let buffer = render(&a);
    let s = text(&buffer);
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Kollegen Wladimir Putin"))
        .unwrap();
    let x = line[..line.find("Wladimir Putin").unwrap()].chars().count() as u16;
    assert!(
        buffer[(x, y as u16)]
            .modifier
            .contains(Modifier::UNDERLINED)
    );
    assert_eq!(
        buffer[(x, y as u16)].fg,
        ratatui::style::Color::Reset,
        "NO_COLOR: no colour"
    );
}

#[test]
fn status_bar_hints_come_from_the_keymap() {
    let mut a = app(160, 45);
    let s = screen(&a);
    let status = s.lines().last().unwrap().to_string();
    assert!(
        status.contains("enter open") && status.contains("/ filter"),
        "{status}"
    );
    let (keymap, _) = dossier::config::keymap::Keymap::load(Some((
        "keys.toml",
        "[global]\n\"/\" = \"none\"\nF = \"filter\"\n",
    )))
    .unwrap();
    a.set_keymap(keymap);
    let status = screen(&a).lines().last().unwrap().to_string();
    assert!(
        status.contains("F filter") && !status.contains("/ filter"),
        "{status}"
    );
}

#[test]
fn a_pending_sequence_shows_what_may_follow() {
    let mut a = app(160, 45);
    a.press("j j enter z").unwrap();
    let s = screen(&a);
    assert!(s.contains("z …"), "{s}");
    assert!(
        s.lines().any(|l| l.contains("z") && l.contains("center")),
        "{s}"
    );
    a.press("z").unwrap();
    assert!(!screen(&a).contains("z …"));
}

#[test]
fn sidebar_at_80x24_takes_the_place_of_the_text() {
    let mut a = app(80, 24);
    a.press("j j enter ] s").unwrap();
    let s = screen(&a);
    assert!(s.contains("Entity") && s.contains("Passages ("), "{s}");
    insta::assert_snapshot!("sidebar_80x24", s);
}

#[test]
fn paragraph_numbers_in_the_margin_at_100x30() {
    let mut a = app(100, 30);
    a.press("j enter p").unwrap();
    let s = screen(&a);
    assert!(s.lines().any(|l| l.contains("  1 ▣ Die beiden")), "{s}");
    insta::assert_snapshot!("article_numbers_100x30", s);
}

#[test]
fn wide_220x60_gives_the_list_and_sidebar_the_spare_columns() {
    let mut a = app(220, 60);
    a.press("j j enter ]").unwrap();
    insta::assert_snapshot!("article_mention_220x60", screen(&a));
}

#[test]
fn the_find_counter_stays_in_the_status_bar_after_enter() {
    let mut a = app(100, 30);
    a.press("j j enter /").unwrap();
    a.type_text("wladiwostok");
    a.press("enter n").unwrap();
    let hits = a.reader().open().unwrap().find().hits().len();
    let s = screen(&a);
    let status = s.lines().last().unwrap_or_default();
    assert!(
        status.contains(&format!("/wladiwostok 2 of {hits}")),
        "{status}"
    );
}

#[test]
fn help_at_80_columns_shows_every_description_whole() {
    let mut a = app(80, 24);
    a.press("?").unwrap();
    let mut seen = String::new();
    for _ in 0..30 {
        seen.push_str(&screen(&a));
        a.press("pagedown").unwrap();
    }
    let words: Vec<&str> = seen.split_whitespace().collect();
    for &action in dossier::config::action::Action::ALL {
        if action == dossier::config::action::Action::None {
            continue;
        }
        // The last word of each description, never cut at the popup's edge.
        let last = action
            .description()
            .split_whitespace()
            .last()
            .unwrap_or_default();
        assert!(
            words.contains(&last),
            "{}: {last:?} not shown",
            action.name()
        );
    }
    insta::assert_snapshot!("help_80x24", screen(&a));
}

#[test]
fn the_title_and_lead_mark_their_entities_like_the_body() {
    let mut a = app(160, 45);
    a.press("j enter").unwrap();
    let buffer = render(&a);
    let s = text(&buffer);
    let underlined = |needle_line: &str, word: &str| {
        let (y, line) = s
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(needle_line))
            .unwrap_or_else(|| panic!("no line with {needle_line:?}"));
        let x = line[..line.find(word).unwrap()].chars().count() as u16;
        buffer[(x, y as u16)]
            .modifier
            .contains(Modifier::UNDERLINED)
    };
    assert!(underlined("Kim und Putin treffen sich", "Putin"), "title");
    assert!(
        underlined("Nach Trump trifft nun auch Putin", "Trump"),
        "lead"
    );
    assert!(!underlined("Kim und Putin treffen sich", "treffen"));
}

/// A reader on one English article with a list, emphasis, strong text and a link.
fn formatted_app() -> App {
    use dossier::config::keymap::Keymap;
    use dossier::config::settings::Options;
    use dossier::corpus::{Corpus, RawFile};
    let article = "+++\ntitle = \"Formatting\"\ndate = \"2024\"\nsource = \"Test\"\nlanguage = \"en\"\n+++\n\nA *leaning* word, a **heavy** word and a [linked](https://a.example) word.\n\n1. first item of the list\n2. second item that is long enough to wrap onto a second line in a narrow pane\n\n- a bullet\n";
    let files = vec![RawFile {
        id: "formatting".into(),
        path: "formatting.md".into(),
        bytes: article.as_bytes().to_vec().into(),
    }];
    let corpus = Corpus::build(files, Default::default(), Vec::new());
    let options = Options {
        palette: None,
        ..Options::default()
    };
    App::new(corpus, Keymap::defaults(), options, (80, 24))
}

fn cell_of(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in 0..area.height {
        let row: String = (0..area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        if let Some(at) = row.find(needle) {
            let x = row[..at].chars().count() as u16;
            return Some((x, y));
        }
    }
    None
}

#[test]
fn emphasis_strong_and_links_are_styled_and_list_items_get_markers() {
    let mut a = formatted_app();
    a.press("enter").unwrap();
    let buffer = render(&a);
    let shown = text(&buffer);
    assert!(
        shown.contains("A leaning word, a heavy word and a linked word."),
        "{shown}"
    );
    assert!(
        !shown.contains("**") && !shown.contains("]("),
        "markup never shows:\n{shown}"
    );
    let style_at = |needle: &str| {
        let (x, y) =
            cell_of(&buffer, needle).unwrap_or_else(|| panic!("{needle} not on screen:\n{shown}"));
        buffer[(x, y)].modifier
    };
    assert!(style_at("leaning").contains(Modifier::ITALIC));
    assert!(style_at("heavy").contains(Modifier::BOLD));
    assert!(style_at("linked").contains(Modifier::UNDERLINED));
    assert!(!style_at("word,").contains(Modifier::ITALIC));
    assert!(shown.contains("1. first item of the list"), "{shown}");
    assert!(shown.contains("2. second item"), "{shown}");
    assert!(shown.contains("• a bullet"), "{shown}");
    // A wrapped item's second line hangs under the text, not under the number.
    let lines: Vec<&str> = shown.lines().collect();
    let second = lines
        .iter()
        .position(|l| l.contains("2. second item"))
        .expect("item 2");
    let number_col = lines[second].find("2. ").expect("marker");
    let next = lines[second + 1];
    let text_col = next.len() - next[number_col..].trim_start().len();
    assert_eq!(text_col, number_col + 3, "{shown}");
}

#[test]
fn status_bar_hints_stop_before_the_position_whatever_the_context_name() {
    // At 80 columns with an article open: the hints of a long context name ("SUGGESTIONS",
    // "SEARCH PROMPT") end two columns before the position on the right, never run into it.
    for keys in ["j j enter", "j j enter S", "j j enter F", "j j enter v"] {
        let mut a = app(80, 24);
        a.press(keys).unwrap();
        let status = screen(&a).lines().last().unwrap().to_string();
        let at = status.find('%').expect("the position is shown");
        let before: String = status[..at]
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .into();
        assert!(
            before.ends_with("  ") || before.ends_with("· "),
            "{keys}: the hints run into the position: {status:?}"
        );
    }
}
