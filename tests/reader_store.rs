//! The reader on a directory on disk, through its index: list rows without bodies, an
//! article's body read when it is opened and kept in a small LRU, mentions that stay valid
//! after their article is evicted, and the list filter finding words by their forms in the text.

mod common;

use std::path::Path;

use dossier::config::keymap::Keymap;
use dossier::config::settings::Options;
use dossier::corpus::search::Field;
use dossier::paths::{Inputs, Origin, Reason};
use dossier::shelf::{KEPT_BODIES, Shelf};
use dossier::tui::app::App;
use dossier::tui::nav::Target;
use tempfile::TempDir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The bundled articles and `extra` generated ones, copied into a directory of their own.
fn articles(extra: usize) -> TempDir {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("articles");
    common::copy_bundled_articles(&dir);
    for i in 0..extra {
        let text = format!(
            "+++\ntitle = \"Bericht {i:03}\"\ndate = \"2020-01-{:02}\"\nsource = \"Archiv\"\n+++\n\n\
             Wladimir Putin traf Kim Jong-un in Wladiwostok, Bericht {i}.\n\n\
             Die Sanktionen blieben.\n",
            1 + i % 28
        );
        std::fs::write(dir.join(format!("bericht-{i:03}.md")), text).unwrap();
    }
    root
}

fn shelf(root: &TempDir) -> Shelf {
    shelf_with(root, Some(&root.path().join("cache")))
}

/// The shelf of `root`'s articles through an index in `cache`, or all in memory without one.
fn shelf_with(root: &TempDir, cache: Option<&Path>) -> Shelf {
    let inputs = Inputs {
        articles: Origin::Disk(root.path().join("articles"), Reason::Flag),
        catalogue: Origin::Disk(Path::new(ROOT).join("config/entities.toml"), Reason::Flag),
        keys: None,
        config: None,
        follow_links: false,
    };
    Shelf::open(&inputs, cache, &|_| {}).expect("the shelf opens")
}

fn app(shelf: Shelf) -> App {
    let options = Options {
        palette: None,
        ..Options::default()
    };
    App::new(shelf, Keymap::defaults(), options, (160, 45))
}

#[test]
fn a_directory_on_disk_is_read_through_its_index_and_no_body_is_read_before_it_is_opened() {
    let root = articles(3);
    let shelf = shelf(&root);
    assert!(
        shelf.in_memory_corpus().is_none(),
        "a directory on disk is read through its index"
    );
    assert!(
        root.path()
            .join("cache")
            .read_dir()
            .unwrap()
            .next()
            .is_some()
    );
    let mut a = app(shelf);
    assert_eq!(a.list().hits().len(), 8);
    assert!(a.shelf().kept_bodies().is_empty(), "the list needs no body");
    a.press("enter").unwrap();
    let open = a.reader().article().expect("an article is open");
    assert!(a.shelf().kept_bodies().contains(&open));
    assert!(!a.reader().open().unwrap().body().blocks.is_empty());
}

#[test]
fn opening_more_articles_than_the_lru_holds_evicts_the_least_recent_and_back_still_works() {
    let root = articles(KEPT_BODIES + 8);
    let mut a = app(shelf(&root));
    a.press("enter").unwrap();
    let first = a.reader().article().unwrap();
    a.press("] ]").unwrap();
    let Some(Target::Mention(selected)) = a.reader().open().unwrap().target() else {
        panic!("a mention is selected in the first article")
    };
    for _ in 0..KEPT_BODIES + 4 {
        a.press("1 j enter").unwrap();
    }
    let kept = a.shelf().kept_bodies();
    assert!(kept.len() <= KEPT_BODIES, "{} bodies kept", kept.len());
    assert!(!kept.contains(&first), "the first article was evicted");
    // The history still names the first article and its mention: they are read again.
    for _ in 0..KEPT_BODIES + 4 {
        a.press("ctrl-o").unwrap();
    }
    assert_eq!(a.reader().article(), Some(first));
    assert_eq!(
        a.reader().open().unwrap().target(),
        Some(Target::Mention(selected))
    );
    let mention = a
        .shelf()
        .mention(selected)
        .expect("the mention is found again");
    assert_eq!(mention.article, first);
}

#[test]
fn following_a_mention_on_disk_leads_to_another_article_and_back() {
    let root = articles(2);
    let mut a = app(shelf(&root));
    a.press("/").unwrap();
    a.type_text("bericht 001");
    a.press("enter enter").unwrap();
    let here = a.reader().article().unwrap();
    a.press("]").unwrap();
    a.press("enter").unwrap();
    let there = a.reader().article().unwrap();
    assert_ne!(there, here, "Enter on a mention goes to another article");
    a.press("ctrl-o").unwrap();
    assert_eq!(a.reader().article(), Some(here));
}

#[test]
fn the_list_filter_finds_words_in_the_text_by_their_forms() {
    let root = articles(2);
    let mut a = app(shelf(&root));
    a.press("/").unwrap();
    // "Sanktion" is in no title, source or entity name: only the text has "Sanktionen".
    a.type_text("sanktion");
    let hits = a.list().hits();
    assert!(hits.len() >= 2, "{hits:?}");
    let keys: Vec<&str> = hits
        .iter()
        .map(|h| a.shelf().key(h.article).unwrap().as_str())
        .collect();
    assert!(
        keys.contains(&"bericht-000") && keys.contains(&"bericht-001"),
        "{keys:?}"
    );
    assert!(hits.iter().all(|h| h.field == Field::Body));
    // A title still matches fuzzily, before anything found only in the text.
    a.press("ctrl-u").unwrap();
    a.type_text("brcht 001");
    let first = a.list().hits().first().map(|h| (h.article, h.field));
    let bericht = a.shelf().article_id("bericht-001").unwrap();
    assert_eq!(first, Some((bericht, Field::Title)));
}

#[test]
fn the_index_and_memory_agree_on_the_articles_naming_each_entity_and_on_entity_filters() {
    let root = articles(30);
    let indexed = shelf(&root);
    let memory = shelf_with(&root, None);
    assert!(memory.in_memory_corpus().is_some() && indexed.in_memory_corpus().is_none());
    let mut named = 0;
    for (entity, _) in memory.catalogue().iter() {
        let from_index = indexed.naming(entity);
        assert_eq!(&*from_index, &*memory.naming(entity), "{entity:?}");
        named += usize::from(from_index.len() > 1);
        // Asked again, from the kept lists.
        assert_eq!(&*indexed.naming(entity), &*from_index);
    }
    assert!(named >= 3, "several entities are named in several articles");
    for query in [
        "@putin",
        "@kim",
        "@",
        "putin",
        "wladimir",
        "kim jong",
        "@putin wladiwostok",
    ] {
        let hits = indexed.filter(query);
        assert_eq!(hits, memory.filter(query), "{query}");
        assert!(!hits.is_empty(), "{query}");
    }
}
