//! Shared set-up for the reader's tests: the bundled corpus and an `App` on it.

#![allow(dead_code)]

pub mod bin;
pub mod pty;

use dossier::config::keymap::Keymap;
use dossier::config::settings::Options;
use dossier::corpus::Corpus;
use dossier::corpus::ids::EntityId;
use dossier::load::load_corpus;
use dossier::paths::{Inputs, Origin};
use dossier::tui::app::App;
use dossier::tui::panes::open::OpenArticle;

pub fn bundled_corpus() -> Corpus {
    let inputs = Inputs {
        articles: Origin::Bundled,
        catalogue: Origin::Bundled,
        keys: None,
        config: None,
        follow_links: false,
    };
    load_corpus(&inputs).expect("bundled corpus loads")
}

/// A reader on the bundled articles at `width`×`height`, colours off unless asked.
pub fn app(width: u16, height: u16) -> App {
    let options = Options {
        palette: None,
        ..Options::default()
    };
    App::new(
        bundled_corpus(),
        Keymap::defaults(),
        options,
        (width, height),
    )
}

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The bundled articles copied into `dir`, which is made.
pub fn copy_bundled_articles(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).unwrap();
    let bundled = std::path::Path::new(ROOT).join("articles");
    for entry in std::fs::read_dir(bundled).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
}

/// A reader at `width`×`height`, colours off, on a copy of the bundled articles read through
/// their index (in the returned directory's `cache`), with the bundled catalogue.
pub fn app_on_disk(width: u16, height: u16) -> (tempfile::TempDir, App) {
    use dossier::paths::Reason;
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("articles");
    copy_bundled_articles(&dir);
    let inputs = Inputs {
        articles: Origin::Disk(dir, Reason::Flag),
        catalogue: Origin::Disk(
            std::path::Path::new(ROOT).join("config/entities.toml"),
            Reason::Flag,
        ),
        keys: None,
        config: None,
        follow_links: false,
    };
    let cache = root.path().join("cache");
    let shelf = dossier::shelf::Shelf::open(&inputs, Some(&cache), &|_| {}).unwrap();
    assert!(shelf.in_memory_corpus().is_none(), "read through the index");
    let options = Options {
        palette: None,
        ..Options::default()
    };
    let app = App::new(shelf, Keymap::defaults(), options, (width, height));
    (root, app)
}

/// The whole corpus behind a reader on articles held in memory, to check the reader against.
pub trait CorpusOf {
    fn corpus(&self) -> &Corpus;
}

impl CorpusOf for App {
    fn corpus(&self) -> &Corpus {
        self.shelf()
            .in_memory_corpus()
            .expect("the tests' reader holds its articles in memory")
    }
}

/// The key of the open article.
pub fn article_id(app: &App) -> Option<String> {
    app.reader()
        .article()
        .map(|a| app.shelf().key(a).unwrap().to_string())
}

/// The open article; panics when none is open.
pub fn open(app: &App) -> &OpenArticle {
    app.reader().open().expect("an article is open")
}

pub fn entity_id(app: &App, entity: EntityId) -> String {
    app.shelf().entity(entity).unwrap().id.clone()
}
