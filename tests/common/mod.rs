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
