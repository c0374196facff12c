//! The reader's passage search, on both stores: `F` opens its prompt (on the previous query,
//! selected), Enter runs the query through the engine of `dossier search` and lists passages
//! (article, paragraph, snippet with the matched words), j/k move, Enter opens the article at
//! the passage (recorded in history: ctrl-o comes back), Esc closes. Drawn whole at 80×24.

mod common;

use std::path::Path;

use dossier::config::action::Action;
use dossier::config::keymap::{Context, Keymap};
use dossier::config::settings::Options;
use dossier::corpus::article::paragraph_number;
use dossier::paths::{Inputs, Origin, Reason};
use dossier::shelf::Shelf;
use dossier::tui::app::App;
use dossier::tui::overlay::Overlay;
use dossier::tui::overlay::help::HelpRow;
use dossier::tui::overlay::search::SearchView;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn on_disk(width: u16, height: u16) -> (TempDir, App) {
    common::app_on_disk(width, height)
}

/// Runs `check` on a reader of the bundled articles in memory and on one through the index.
fn on_both_stores(width: u16, height: u16, check: impl Fn(&mut App)) {
    check(&mut common::app(width, height));
    let (_root, mut app) = on_disk(width, height);
    check(&mut app);
}

fn view(a: &App) -> &SearchView {
    match a.overlay() {
        Overlay::Search(view) => view,
        other => panic!("no search open: {other:?}"),
    }
}

fn screen(app: &App) -> Vec<String> {
    let (w, h) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| dossier::tui::ui::draw(app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect()
}

#[test]
fn a_query_lists_passages_and_enter_opens_the_article_there_and_ctrl_o_comes_back() {
    on_both_stores(160, 45, |a| {
        a.press("enter").unwrap();
        let before = a.reader().article();
        let history = a.history().back_len();
        a.press("F").unwrap();
        assert_eq!(a.context(), Context::SearchPrompt);
        a.type_text("@schoigu wladiwostok");
        a.press("enter").unwrap();
        assert_eq!(a.context(), Context::Search, "{:?}", a.status());
        let v = view(a);
        let (articles, shown) = v.counts();
        assert!(articles >= 1 && shown == articles, "{articles} {shown}");
        assert!(!v.hits().is_empty());
        for hit in v.hits() {
            let words: Vec<String> = hit
                .marks
                .iter()
                .map(|r| hit.snippet[r.clone()].to_lowercase())
                .collect();
            assert!(!words.is_empty(), "{hit:?}");
            assert!(
                words
                    .iter()
                    .any(|w| w.contains("schoigu") || w.contains("wladiwostok")),
                "{words:?}"
            );
        }
        // The second result, if any, else the first.
        if v.hits().len() > 1 {
            a.press("j").unwrap();
        }
        let v = view(a);
        let chosen = v.hits()[v.selected()].clone();
        let paragraph = chosen.paragraph.expect("a passage in a paragraph");
        a.press("enter").unwrap();
        assert_eq!(a.overlay().context(), None, "enter closes the search");
        let open = a.reader().open().expect("an article is open");
        assert_eq!(open.article(), chosen.article);
        let (place, range) = open.flash().cloned().expect("the passage flashes");
        let block = place.block().expect("in the body");
        assert_eq!(paragraph_number(block), paragraph);
        let text = open.body().article.text_at(place).unwrap();
        let marked = &chosen.snippet[chosen.marks[0].clone()];
        assert_eq!(&text[range], marked, "the first matched words flash");
        let line = open.layout().line_of(block, 0);
        let page = a.reader().page(a.geometry());
        assert!(
            (open.scroll()..open.scroll() + page).contains(&line),
            "the passage is on screen"
        );
        assert_eq!(a.history().back_len(), history + 1, "recorded in history");
        a.press("ctrl-o").unwrap();
        assert_eq!(a.reader().article(), before);
    });
}

#[test]
fn the_prompt_reopens_on_the_last_query_selected_and_esc_closes() {
    on_both_stores(160, 45, |a| {
        a.press("F").unwrap();
        a.type_text("kosmodrom");
        a.press("enter").unwrap();
        assert!(!view(a).hits().is_empty());
        a.press("G").unwrap();
        assert_eq!(view(a).selected(), view(a).hits().len() - 1);
        a.press("g").unwrap();
        assert_eq!(view(a).selected(), 0);
        a.press("esc").unwrap();
        assert_eq!(a.overlay().context(), None);
        a.press("F").unwrap();
        assert_eq!(view(a).query(), "kosmodrom");
        assert!(view(a).prompt().selected(), "typing replaces it");
        a.type_text("\"kim jong-un\"");
        assert_eq!(view(a).query(), "\"kim jong-un\"");
        a.press("enter").unwrap();
        let v = view(a);
        assert!(!v.hits().is_empty());
        for hit in v.hits() {
            let marked: Vec<&str> = hit.marks.iter().map(|r| &hit.snippet[r.clone()]).collect();
            assert!(
                marked
                    .iter()
                    .all(|m| m.to_lowercase().starts_with("kim jong")),
                "a phrase marks the phrase: {marked:?}"
            );
        }
        // `/` edits the query again; esc there goes back to the results, esc again closes.
        a.press("/").unwrap();
        assert_eq!(a.context(), Context::SearchPrompt);
        a.press("esc").unwrap();
        assert_eq!(a.context(), Context::Search);
        a.press("esc").unwrap();
        assert_eq!(a.overlay().context(), None);
    });
}

#[test]
fn a_query_that_finds_nothing_or_nothing_typed_says_so_and_never_panics() {
    on_both_stores(160, 45, |a| {
        a.press("F enter").unwrap();
        assert!(
            a.status().is_some_and(|s| s.is_error()),
            "an empty query says what to type: {:?}",
            a.status()
        );
        assert_eq!(a.context(), Context::SearchPrompt);
        for query in ["@nobodyknown", "\"unclosed phrase", "((", "zzzqqq"] {
            a.press("ctrl-u").unwrap();
            a.type_text(query);
            a.press("enter").unwrap();
            assert!(view(a).hits().is_empty(), "{query}");
            assert_eq!(view(a).counts(), (0, 0), "{query}");
            let s = screen(a);
            assert!(s.iter().any(|l| l.contains("nothing matches")), "{query}");
            a.press("/").unwrap();
        }
    });
}

#[test]
fn at_80x24_the_search_takes_the_screen_with_paragraph_article_and_snippet() {
    let mut a = common::app(80, 24);
    a.press("F").unwrap();
    a.type_text("wladiwostok");
    a.press("enter").unwrap();
    let s = screen(&a);
    let text = s.join("\n");
    assert!(s[0].contains("Search the articles"), "{text}");
    assert!(s[0].starts_with('╭') && s[22].starts_with('╰'), "{text}");
    assert!(
        s[1].contains("wladiwostok") && s[1].contains("articles"),
        "{text}"
    );
    let first = &view(&a).hits()[0];
    let head = s
        .iter()
        .position(|l| l.contains(&format!("¶ {}", first.paragraph.unwrap())));
    let head = head.unwrap_or_else(|| panic!("the first result's paragraph:\n{text}"));
    assert!(
        s[head + 1].to_lowercase().contains("wladiwostok"),
        "the snippet under it:\n{text}"
    );
    assert!(s.iter().all(|l| dossier::text::width(l) == 80), "{text}");
    assert!(
        s[23].contains("SEARCH"),
        "the status bar names the view:\n{text}"
    );
    let rows = s.iter().filter(|l| l.contains(" ¶ ")).count();
    assert!(rows >= 5, "{rows} results on screen:\n{text}");
}

#[test]
fn at_220_columns_the_search_is_a_wide_popup() {
    let mut a = common::app(220, 60);
    a.press("F").unwrap();
    a.type_text("@putin");
    a.press("enter").unwrap();
    let s = screen(&a);
    assert!(s.iter().any(|l| l.contains("Search the articles")));
    let hits = view(&a).hits().len();
    assert!(hits > 5);
    let shown = s.iter().filter(|l| l.contains("¶ ")).count();
    assert!(shown >= hits.min(25), "{shown} of {hits}");
}

#[test]
fn help_lists_the_search_key() {
    let mut a = common::app(160, 45);
    a.press("?").unwrap();
    let Overlay::Help(help) = a.overlay() else {
        panic!("no help")
    };
    assert!(
        help.rows()
            .iter()
            .any(|r| matches!(r, HelpRow::Binding(keys, Action::Search) if keys.contains('F'))),
        "the search key in help"
    );
    assert!(
        Action::Search
            .description()
            .to_lowercase()
            .contains("search")
    );
}

/// `n` generated articles naming Wladiwostok, in a directory of their own.
fn many(n: usize) -> TempDir {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..n {
        let text = format!(
            "+++\ntitle = \"Bericht {i:03}\"\ndate = \"2020-01-{:02}\"\nsource = \"Archiv\"\n+++\n\n\
             Die Sanktionen blieben.\n\nWladimir Putin traf Kim Jong-un in Wladiwostok, Bericht {i}.\n",
            1 + i % 28
        );
        std::fs::write(dir.join(format!("bericht-{i:03}.md")), text).unwrap();
    }
    root
}

#[test]
fn many_matches_list_the_best_fifty_articles_and_say_how_many_match() {
    let root = many(70);
    let inputs = Inputs {
        articles: Origin::Disk(root.path().join("articles"), Reason::Flag),
        catalogue: Origin::Disk(Path::new(ROOT).join("config/entities.toml"), Reason::Flag),
        keys: None,
        config: None,
        follow_links: false,
    };
    let disk = Shelf::open(&inputs, Some(&root.path().join("cache")), &|_| {}).unwrap();
    let memory = Shelf::from(dossier::load::load_corpus(&inputs).expect("loads"));
    for shelf in [disk, memory] {
        let options = Options {
            palette: None,
            ..Options::default()
        };
        let mut a = App::new(shelf, Keymap::defaults(), options, (120, 40));
        a.press("F").unwrap();
        a.type_text("wladiwostok");
        a.press("enter").unwrap();
        let v = view(&a);
        assert_eq!(v.counts(), (70, 50), "all are counted, the best 50 listed");
        assert_eq!(v.hits().len(), 50, "one passage each");
        assert!(v.hits().iter().all(|h| h.paragraph == Some(2)));
        let s = screen(&a);
        assert!(
            s.iter()
                .any(|l| l.contains("70 articles match · the best 50 listed")),
            "{}",
            s.join("\n")
        );
        a.press("G").unwrap();
        assert_eq!(view(&a).selected(), 49);
        let s = screen(&a);
        let last = &view(&a).hits()[49];
        let label = last.label.split(" · ").next().unwrap().to_string();
        assert!(
            s.iter().any(|l| l.contains(&label)),
            "the selection stays on screen: {label}"
        );
    }
}
