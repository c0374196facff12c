//! Reloading the corpus while the reader runs (`r`, or files changed on disk): the open
//! article and its place survive, new articles appear, removed ones go.

mod common;

use common::CorpusOf;

use dossier::config::keymap::Keymap;
use dossier::config::settings::Options;
use dossier::corpus::{Corpus, RawFile};
use dossier::shelf::Shelf;
use dossier::tui::app::App;
use dossier::tui::effect::Effect;

fn article(id: &str, title: &str, paragraphs: usize) -> RawFile {
    let mut text = format!("+++\ntitle = \"{title}\"\ndate = \"2024\"\nsource = \"Test\"\n+++\n");
    for i in 0..paragraphs {
        text.push_str(&format!(
            "\nAbsatz {i} über Kim und Putin, lang genug für eine Zeile.\n"
        ));
    }
    RawFile {
        id: id.into(),
        path: format!("{id}.md"),
        bytes: text.into_bytes().into(),
    }
}

fn corpus(files: Vec<RawFile>) -> Corpus {
    Corpus::build(files, common::bundled_corpus().catalogue, Vec::new())
}

fn app(files: Vec<RawFile>) -> App {
    let options = Options {
        palette: None,
        ..Options::default()
    };
    App::new(corpus(files), Keymap::defaults(), options, (100, 30))
}

fn open_key(app: &App) -> Option<String> {
    common::article_id(app)
}

#[test]
fn r_asks_the_event_loop_to_reload() {
    let mut a = app(vec![article("a", "Alpha", 3)]);
    let effects = a.press("r").expect("key");
    assert!(effects.contains(&Effect::Reload), "{effects:?}");
}

#[test]
fn the_open_article_and_its_place_survive_a_reload_and_new_articles_appear() {
    let mut a = app(vec![article("a", "Alpha", 80), article("b", "Beta", 80)]);
    a.press("j enter").expect("keys");
    a.press("space space").expect("keys");
    let before = a.location();
    let key = open_key(&a).expect("open");
    assert!(before.scroll > 0);
    a.replace_shelf(Shelf::from(corpus(vec![
        article("a", "Alpha", 80),
        article("b", "Beta (changed)", 80),
        article("c", "Gamma", 3),
    ])));
    assert_eq!(open_key(&a).as_deref(), Some(key.as_str()));
    // The place is kept as the block at the top, which survives edits to the file.
    assert!(before.top_block.is_some_and(|b| b > 0), "{before:?}");
    assert_eq!(a.location().top_block, before.top_block);
    assert_eq!(a.corpus().articles().len(), 3);
    assert!(
        a.corpus()
            .articles()
            .iter()
            .any(|x| x.front.title == "Beta (changed)")
    );
    assert_eq!(a.list().hits().len(), 3);
}

#[test]
fn a_removed_open_article_closes_without_panicking() {
    let mut a = app(vec![article("a", "Alpha", 10), article("b", "Beta", 10)]);
    a.press("j enter").expect("keys");
    let gone = open_key(&a).expect("open");
    let kept = if gone == "a" { "b" } else { "a" };
    a.replace_shelf(Shelf::from(corpus(vec![article(kept, "Kept", 10)])));
    assert_ne!(open_key(&a).as_deref(), Some(gone.as_str()));
    a.press("j k enter space").expect("the reader still works");
    assert_eq!(a.corpus().articles().len(), 1);
}
