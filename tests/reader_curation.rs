//! Curating links in the reader: a mention that names two entities shows each in the sidebar
//! in turn (`o`) and lists them in a row of its own; `X` unlinks the selected mention and `R`
//! links it to an entity picked in the finder (overrides); in visual mode `L` makes the
//! selected words an alias of a picked entity, `R` links them there only, `N` adds them as a
//! new entity. Each change is written to the catalogue the reader reads and everything is
//! linked again at once.

mod common;

use common::{CorpusOf, app, entity_id};
use dossier::corpus::linker::Mention;
use dossier::paths::{Inputs, Origin, Reason};
use dossier::tui::app::App;
use dossier::tui::curation::Change;
use dossier::tui::effect::{Effect, Status};
use dossier::tui::nav::{Subject, Target};
use dossier::tui::overlay::Overlay;
use dossier::tui::watch::{Watch, Watcher};

fn selected(app: &App) -> Option<Mention> {
    match app.reader().open()?.target()? {
        Target::Mention(id) => app.corpus().links.mention(id).cloned(),
        Target::Footnote(..) => None,
    }
}

/// Opens the Der Standard article and moves the mention cursor to `text` in the body.
fn select(app: &mut App, text: &str) {
    app.press("j j enter").unwrap();
    for _ in 0..200 {
        app.press("]").unwrap();
        if selected(app)
            .is_some_and(|m| m.place.block().is_some() && app.corpus().mention_text(&m) == text)
        {
            return;
        }
    }
    panic!("no mention `{text}` reached with ]");
}

/// A watcher whose catalogue is `catalogue` (with the bundled articles).
fn watching(catalogue: &std::path::Path) -> Watcher {
    Watcher::new(Watch {
        inputs: Some(Inputs {
            articles: Origin::Bundled,
            catalogue: Origin::Disk(catalogue.to_path_buf(), Reason::Flag),
            keys: None,
            config: None,
            follow_links: false,
        }),
        ..Watch::default()
    })
}

/// A copy of the bundled catalogue in a temporary directory.
fn own_catalogue() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = dir.path().join("entities.toml");
    std::fs::write(&catalogue, dossier::bundled::CATALOGUE).unwrap();
    (dir, catalogue)
}

/// Makes the change the last key queued, as the event loop does.
fn carry_out(a: &mut App, watcher: &mut Watcher, effects: &[Effect]) {
    assert!(effects.contains(&Effect::EditCatalogue), "{effects:?}");
    let job = a.take_catalogue_job().expect("a job for the event loop");
    watcher.curate(&job, a);
}

fn status(a: &App) -> String {
    match a.status() {
        Some(Status::Info(s)) => s.clone(),
        other => panic!("status {other:?}"),
    }
}

/// Every (text, entity ids) of the mentions in the open article's block `block`.
fn named_in(a: &App, article: &str, text: &str) -> Vec<Vec<String>> {
    let id = a.shelf().article_id(article).unwrap();
    a.corpus()
        .links
        .all()
        .iter()
        .filter(|m| m.article == id && a.corpus().mention_text(m) == text)
        .map(|m| m.entities().map(|e| entity_id(a, e)).collect())
        .collect()
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
    let Change::Override {
        article,
        part,
        quote,
        entity,
    } = &job.change
    else {
        panic!("{job:?}")
    };
    assert_eq!(article, "standard-2023-kim-putin-waffen");
    assert_eq!(*part, dossier::corpus::overrides::Part::Body);
    assert_eq!(quote.exact, "Ukraine-Feldzug");
    assert!(quote.prefix.ends_with("desaströs verlaufenden "), "{job:?}");
    assert_eq!(*entity, None);
    let mut watcher = watching(&catalogue);
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

#[test]
fn r_links_the_selected_mention_to_a_picked_entity_only_there() {
    let (_dir, catalogue) = own_catalogue();
    let mut watcher = watching(&catalogue);
    let mut a = app(160, 45);
    let article = "standard-2023-kim-putin-waffen";
    select(&mut a, "Ukraine-Feldzug");
    a.press("R").unwrap();
    assert!(matches!(a.overlay(), Overlay::Pick(_)), "{:?}", a.overlay());
    a.type_text("ukraine");
    let effects = a.press("enter").unwrap();
    assert!(matches!(a.overlay(), Overlay::None));
    let job = a.take_catalogue_job().unwrap();
    assert!(
        matches!(&job.change, Change::Override { entity: Some(e), quote, .. }
            if e == "ukraine" && quote.exact == "Ukraine-Feldzug"),
        "{job:?}"
    );
    assert!(effects.contains(&Effect::EditCatalogue));
    watcher.curate(&job, &mut a);
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(
        text.contains("text = \"Ukraine-Feldzug\"") && text.contains("entity = \"ukraine\""),
        "{text}"
    );
    assert_eq!(named_in(&a, article, "Ukraine-Feldzug"), [["ukraine"]]);
    assert!(
        status(&a).contains("links to `ukraine` here"),
        "{}",
        status(&a)
    );
}

#[test]
fn visual_l_makes_the_selected_words_an_alias_of_a_picked_entity_everywhere() {
    let (_dir, catalogue) = own_catalogue();
    let mut watcher = watching(&catalogue);
    let mut a = app(160, 45);
    let article = "standard-2023-kim-putin-waffen";
    select(&mut a, "Tumen");
    // From the mention one word back: "Grenzfluss Tumen".
    a.press("v b").unwrap();
    a.press("L").unwrap();
    assert!(a.reader().visual().is_none(), "the selection ends");
    a.type_text("tumen");
    let effects = a.press("enter").unwrap();
    let job = a.take_catalogue_job().unwrap();
    assert_eq!(
        job.change,
        Change::Alias {
            entity: "tumen".to_string(),
            forms: vec!["Grenzfluss Tumen".to_string()]
        }
    );
    assert!(effects.contains(&Effect::EditCatalogue));
    watcher.curate(&job, &mut a);
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(
        text.contains("aliases = [\"Tumen-Fluss\", \"Grenzfluss Tumen\"]"),
        "{text}"
    );
    assert_eq!(named_in(&a, article, "Grenzfluss Tumen"), [["tumen"]]);
    assert!(status(&a).contains("`Grenzfluss Tumen` now an alias of `tumen`"));
}

#[test]
fn visual_r_links_words_no_form_covers_only_there() {
    let (_dir, catalogue) = own_catalogue();
    let mut watcher = watching(&catalogue);
    let mut a = app(160, 45);
    let article = "standard-2023-kim-putin-waffen";
    select(&mut a, "Kim Jong-un");
    a.press("v b").unwrap();
    let effects = a.press("R").unwrap();
    assert!(
        !effects.contains(&Effect::EditCatalogue),
        "nothing before the pick"
    );
    a.type_text("kim jong-un");
    let effects = a.press("enter").unwrap();
    carry_out(&mut a, &mut watcher, &effects);
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(text.contains("text = \"Diktator Kim Jong-un\""), "{text}");
    assert_eq!(
        named_in(&a, article, "Diktator Kim Jong-un"),
        [["kim-jong-un"]]
    );
    // Only there: no alias was added.
    let kim = a.shelf().catalogue().get("kim-jong-un").unwrap();
    assert!(
        a.shelf()
            .entity(kim)
            .unwrap()
            .aliases
            .iter()
            .all(|f| f != "Diktator Kim Jong-un")
    );
}

#[test]
fn visual_n_adds_the_selected_words_as_a_new_entity_from_a_card() {
    let (_dir, catalogue) = own_catalogue();
    dossier::corpus::catalogue_edit::edit_catalogue(&catalogue, None, |e| {
        e.remove_entity("un-generalversammlung")
    })
    .unwrap();
    let mut watcher = watching(&catalogue);
    let mut a = app(160, 45);
    watcher.reload_corpus(&mut a);
    let article = "standard-2023-kim-putin-waffen";
    select(&mut a, "UN");
    a.press("v w").unwrap();
    a.press("N").unwrap();
    let Overlay::Suggestions(card) = a.overlay() else {
        panic!("{:?}", a.overlay())
    };
    assert!(card.is_single());
    let proposal = card.chosen().unwrap();
    assert_eq!(proposal.suggestion.name, "UN-Generalversammlung");
    assert!(
        proposal.suggestion.examples[0]
            .sentence
            .contains("in der UN-Generalversammlung gegen"),
        "{proposal:?}"
    );
    // tab until the kind is right, then add.
    for _ in 0..9 {
        if matches!(a.overlay(), Overlay::Suggestions(v) if v.chosen().unwrap().kind.name() == "organisation")
        {
            break;
        }
        a.press("tab").unwrap();
    }
    let effects = a.press("a").unwrap();
    carry_out(&mut a, &mut watcher, &effects);
    assert!(matches!(a.overlay(), Overlay::None), "the card closes");
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(
        text.contains("name = \"UN-Generalversammlung\"\nkind = \"organisation\""),
        "{text}"
    );
    assert_eq!(
        named_in(&a, article, "UN-Generalversammlung"),
        [["un-generalversammlung", "vereinte-nationen"]]
    );
}

#[test]
fn the_sidebar_lists_every_entity_a_compound_mention_names() {
    let mut a = app(160, 45);
    select(&mut a, "Ukraine-Feldzug");
    let rows: Vec<String> = a
        .sidebar()
        .rows()
        .iter(a.shelf())
        .map(|r| r.plain())
        .collect();
    let war = a
        .shelf()
        .entity(
            a.shelf()
                .catalogue()
                .get("russischer-ueberfall-auf-die-ukraine")
                .unwrap(),
        )
        .unwrap()
        .name
        .clone();
    // The row heads the sidebar; where it is too wide, a name goes on a line of its own.
    let head: Vec<&str> = rows
        .iter()
        .take_while(|r| !r.is_empty())
        .map(|r| r.trim_start_matches("  · "))
        .collect();
    assert_eq!(
        head.join(" · "),
        format!("Ukraine-Feldzug → {war} · Ukraine"),
        "{rows:?}"
    );
    // A mention of one entity has no such row.
    select(&mut a, "Wladiwostok");
    assert!(
        a.sidebar()
            .rows()
            .iter(a.shelf())
            .all(|r| !r.plain().contains(" → ")),
    );
}
