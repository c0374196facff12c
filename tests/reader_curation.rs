//! Curating links in the reader: a mention that names two entities shows each in the sidebar
//! in turn (`o`), and `X` unlinks the selected mention: the override is written to the
//! catalogue the reader reads and everything is linked again at once.

mod common;

use common::{CorpusOf, app, entity_id};
use dossier::corpus::linker::Mention;
use dossier::paths::{Inputs, Origin, Reason};
use dossier::tui::app::App;
use dossier::tui::effect::{Effect, Status};
use dossier::tui::nav::{Subject, Target};
use dossier::tui::watch::{Watch, Watcher};

fn selected(app: &App) -> Option<Mention> {
    match app.reader().open()?.target()? {
        Target::Mention(id) => app.corpus().links.mention(id).cloned(),
        Target::Footnote(..) => None,
    }
}

/// Opens the Der Standard article and moves the mention cursor to `text`.
fn select(app: &mut App, text: &str) {
    app.press("j j enter").unwrap();
    for _ in 0..40 {
        app.press("]").unwrap();
        if selected(app).is_some_and(|m| app.corpus().mention_text(&m) == text) {
            return;
        }
    }
    panic!("no mention `{text}` reached with ]");
}

fn shown(app: &App) -> String {
    match app.sidebar().subject() {
        Some(Subject::Entity(e)) => entity_id(app, e),
        other => panic!("the sidebar shows {other:?}"),
    }
}

#[test]
fn o_shows_each_entity_a_two_entity_mention_names_in_turn() {
    let mut a = app(160, 45);
    select(&mut a, "Ukraine-Feldzug");
    assert_eq!(shown(&a), "russischer-ueberfall-auf-die-ukraine");
    a.press("o").unwrap();
    assert_eq!(shown(&a), "ukraine");
    let Some(Status::Info(said)) = a.status() else {
        panic!("status {:?}", a.status())
    };
    assert!(
        said.contains("(2 of 2)") && said.contains(" and Ukraine"),
        "{said}"
    );
    a.press("o").unwrap();
    assert_eq!(shown(&a), "russischer-ueberfall-auf-die-ukraine");
}

#[test]
fn o_on_a_one_entity_mention_says_so_and_keeps_the_sidebar() {
    let mut a = app(160, 45);
    select(&mut a, "Wladiwostok");
    a.press("o").unwrap();
    assert_eq!(shown(&a), "wladiwostok");
    let Some(Status::Info(said)) = a.status() else {
        panic!("status {:?}", a.status())
    };
    assert!(said.contains("names only"), "{said}");
}

#[test]
fn x_unlinks_the_selected_mention_in_the_catalogue_and_the_corpus_follows() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = dir.path().join("entities.toml");
    std::fs::write(&catalogue, dossier::bundled::CATALOGUE).unwrap();
    let mut a = app(160, 45);
    select(&mut a, "Ukraine-Feldzug");
    let before = a.corpus().links.all().len();
    let effects = a.press("X").unwrap();
    assert!(effects.contains(&Effect::EditCatalogue), "{effects:?}");
    let job = a.take_catalogue_job().expect("a job for the event loop");
    assert_eq!(job.article, "standard-2023-kim-putin-waffen");
    assert_eq!(job.quote.exact, "Ukraine-Feldzug");
    assert!(
        job.quote.prefix.ends_with("desaströs verlaufenden "),
        "{job:?}"
    );
    assert_eq!(job.entity, None);
    let mut watcher = Watcher::new(Watch {
        inputs: Some(Inputs {
            articles: Origin::Bundled,
            catalogue: Origin::Disk(catalogue.clone(), Reason::Flag),
            keys: None,
            config: None,
            follow_links: false,
        }),
        ..Watch::default()
    });
    watcher.curate(&job, &mut a);
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(
        text.starts_with(dossier::bundled::CATALOGUE),
        "the file is kept as it was"
    );
    assert!(text.contains("text = \"Ukraine-Feldzug\"") && text.contains("unlink = true"));
    assert_eq!(a.corpus().links.all().len(), before - 1);
    assert!(
        a.corpus()
            .links
            .all()
            .iter()
            .all(|m| a.corpus().mention_text(m) != "Ukraine-Feldzug"),
        "the mention is gone"
    );
    let Some(Status::Info(said)) = a.status() else {
        panic!("status {:?}", a.status())
    };
    assert!(said.contains("unlinked"), "{said}");
}

#[test]
fn x_without_a_selected_mention_says_what_to_do_and_changes_nothing() {
    let mut a = app(160, 45);
    a.press("j j enter").unwrap();
    let effects = a.press("X").unwrap();
    assert!(!effects.contains(&Effect::EditCatalogue));
    assert!(a.take_catalogue_job().is_none());
    assert!(matches!(a.status(), Some(Status::Info(s)) if s.contains("select a mention")));
}
