//! The suggestions view of the reader (`S`): the proposals of `dossier suggest`, read in slices
//! and ranked off the reader's thread; `a` adds one as a new entity (its kind changed with
//! `tab` first), `m` merges it into an entity picked in the finder, `i` ignores it. Each change
//! is written to the catalogue the reader reads and everything is linked again at once; a
//! change that cannot be made leaves the file and the proposal as they were.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::{CorpusOf, app, bundled_corpus};
use dossier::config::keymap::Keymap;
use dossier::config::settings::Options;
use dossier::corpus::catalogue_edit::edit_catalogue;
use dossier::paths::{Inputs, Origin, Reason};
use dossier::tui::app::App;
use dossier::tui::curation::Change;
use dossier::tui::effect::{Effect, Status};
use dossier::tui::overlay::Overlay;
use dossier::tui::overlay::suggestions::{Progress, SuggestionsView};
use dossier::tui::ui::draw;
use dossier::tui::watch::{Watch, Watcher};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A copy of the bundled catalogue, changed by `edit`, and a reader on the bundled articles
/// that reads it (as after `--catalogue FILE`).
fn reader_with(
    edit: impl FnOnce(&mut dossier::corpus::catalogue_edit::CatalogueEditor),
    size: (u16, u16),
) -> (tempfile::TempDir, PathBuf, App, Watcher) {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = dir.path().join("entities.toml");
    edit_catalogue(&catalogue, Some(dossier::bundled::CATALOGUE), |e| {
        edit(e);
        Ok(())
    })
    .unwrap();
    let options = Options {
        palette: None,
        ..Options::default()
    };
    let mut a = App::new(bundled_corpus(), Keymap::defaults(), options, size);
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
    watcher.reload_corpus(&mut a);
    (dir, catalogue, a, watcher)
}

fn view(a: &App) -> &SuggestionsView {
    match a.overlay() {
        Overlay::Suggestions(view) => view,
        other => panic!("the overlay is {other:?}"),
    }
}

/// Opens the view and lets it work until its list is ready, as the event loop does.
fn open_ready(a: &mut App) {
    a.press("S").unwrap();
    let started = Instant::now();
    while !view(a).is_ready() {
        a.tick(Instant::now());
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the suggestions were never ready"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn names(a: &App) -> Vec<String> {
    view(a)
        .proposals()
        .iter()
        .map(|p| p.suggestion.name.clone())
        .collect()
}

/// Selects the proposal named `name`.
fn select(a: &mut App, name: &str) {
    a.press("g").unwrap();
    for _ in 0..names(a).len() {
        if view(a).chosen().is_some_and(|p| p.suggestion.name == name) {
            return;
        }
        a.press("j").unwrap();
    }
    panic!("no proposal `{name}` in {:?}", names(a));
}

fn carry_out(a: &mut App, watcher: &mut Watcher, effects: &[Effect]) {
    assert!(effects.contains(&Effect::EditCatalogue), "{effects:?}");
    let job = a.take_catalogue_job().expect("a job for the event loop");
    watcher.curate(&job, a);
}

fn screen(a: &App) -> String {
    let (w, h) = a.size();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| draw(a, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn mentions_of(a: &App, id: &str) -> usize {
    let e = a.shelf().catalogue().get(id).expect("the entity is there");
    a.corpus().links.of_entity(e).len()
}

#[test]
fn the_view_lists_what_dossier_suggest_proposes_in_the_same_order() {
    let mut a = app(160, 45);
    open_ready(&mut a);
    let cli: Vec<String> = dossier::cli::suggest::collect(a.shelf().library().store())
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert!(!cli.is_empty());
    assert_eq!(names(&a), cli);
    // S again, or esc, closes it.
    a.press("S").unwrap();
    assert!(matches!(a.overlay(), Overlay::None));
}

#[test]
fn the_articles_are_read_a_slice_at_a_time_with_progress_and_the_reader_answers_meanwhile() {
    let mut a = app(160, 45);
    a.press("S").unwrap();
    let mut view = view(&a).clone();
    let shelf = a.shelf();
    // The word list is loaded on a thread of its own; then each step reads at least one
    // article and stops when its time is up: with no time at all, exactly one.
    let started = Instant::now();
    while view.progress(shelf) == Progress::Warming {
        view.step(shelf, Duration::ZERO);
        assert!(started.elapsed() < Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(view.progress(shelf), Progress::Reading { read: 0, of: 5 });
    view.step(shelf, Duration::ZERO);
    assert_eq!(view.progress(shelf), Progress::Reading { read: 1, of: 5 });
    assert!(!view.is_ready());
    // While the view works, the event loop is asked to come back at once.
    let now = Instant::now();
    assert!(
        a.next_deadline()
            .is_some_and(|d| d <= now + Duration::from_millis(40))
    );
    // Keys are answered while it works: the selection moves, esc closes.
    a.press("j esc").unwrap();
    assert!(matches!(a.overlay(), Overlay::None));
    assert_eq!(a.next_deadline(), None);
}

#[test]
fn a_adds_the_proposal_as_a_new_entity_of_the_kind_chosen_and_the_corpus_follows() {
    let (_dir, catalogue, mut a, mut watcher) = reader_with(
        |e| {
            e.remove_entity("sergei-schoigu").unwrap();
        },
        (160, 45),
    );
    assert!(a.shelf().catalogue().get("sergei-schoigu").is_none());
    open_ready(&mut a);
    let before = names(&a).len();
    select(&mut a, "Sergei Schoigu");
    let proposal = view(&a).chosen().unwrap().clone();
    assert!(proposal.suggestion.aliases.contains(&"Schoigu".to_string()));
    assert_eq!(proposal.kind.name(), "person");
    // The kind can be changed before adding: tab goes round all nine.
    a.press("tab").unwrap();
    assert_ne!(view(&a).chosen().unwrap().kind.name(), "person");
    a.press("tab tab tab tab tab tab tab tab").unwrap();
    assert_eq!(view(&a).chosen().unwrap().kind.name(), "person");
    let effects = a.press("a").unwrap();
    let job = a.take_catalogue_job().unwrap();
    assert_eq!(job.settles.as_deref(), Some("Sergei Schoigu"));
    let Change::Add { name, aliases, .. } = &job.change else {
        panic!("{job:?}")
    };
    assert_eq!(name, "Sergei Schoigu");
    assert!(aliases.contains(&"Schoigu".to_string()), "{aliases:?}");
    assert!(
        aliases.iter().all(|a| a != "Schoigus"),
        "the linker finds endings itself: {aliases:?}"
    );
    assert!(effects.contains(&Effect::EditCatalogue));
    watcher.curate(&job, &mut a);
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(
        text.contains("name = \"Sergei Schoigu\"\nkind = \"person\""),
        "{text}"
    );
    // Linked again at once: the new entity has its mentions, the proposal is gone.
    assert!(mentions_of(&a, "sergei-schoigu") >= 4);
    assert_eq!(names(&a).len(), before - 1);
    assert!(!names(&a).contains(&"Sergei Schoigu".to_string()));
    let Some(Status::Info(said)) = a.status() else {
        panic!("{:?}", a.status())
    };
    assert!(said.contains("added `sergei-schoigu` (person)"), "{said}");
}

#[test]
fn m_merges_the_proposal_into_an_entity_picked_in_the_finder() {
    let (_dir, catalogue, mut a, mut watcher) = reader_with(
        |e| {
            let (_, table) = e.entity_table_mut("sergei-schoigu").unwrap();
            table.remove("aliases");
            e.finish().unwrap();
        },
        (80, 24),
    );
    open_ready(&mut a);
    select(&mut a, "Schoigu");
    a.press("m").unwrap();
    assert!(matches!(a.overlay(), Overlay::Pick(_)), "{:?}", a.overlay());
    assert!(screen(&a).contains("Link `Schoigu` everywhere to"));
    a.type_text("sergei schoigu");
    assert!(
        screen(&a).contains("enter link"),
        "the hint says what Enter does here"
    );
    let effects = a.press("enter").unwrap();
    // Back in the view at once; the change is made by the event loop.
    assert!(matches!(a.overlay(), Overlay::Suggestions(_)));
    carry_out(&mut a, &mut watcher, &effects);
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(
        text.contains("name = \"Sergei Schoigu\"\nkind = \"person\"\naliases = [\"Schoigu\"]"),
        "{text}"
    );
    let schoigu = a.shelf().catalogue().get("sergei-schoigu").unwrap();
    assert!(
        a.corpus()
            .links
            .of_entity(schoigu)
            .iter()
            .filter_map(|&id| a.corpus().links.mention(id))
            .any(|m| a.corpus().mention_text(m) == "Schoigu"),
        "the surname alone is Schoigu's again"
    );
    assert!(!names(&a).contains(&"Schoigu".to_string()));
    // Esc in the picker goes back to the view without a change.
    a.press("j m esc").unwrap();
    assert!(matches!(a.overlay(), Overlay::Suggestions(_)));
    assert!(a.take_catalogue_job().is_none());
}

#[test]
fn i_ignores_the_proposal_and_its_forms_for_good() {
    let (_dir, catalogue, mut a, mut watcher) = reader_with(|_| {}, (160, 45));
    open_ready(&mut a);
    select(&mut a, "Sowjetzeit");
    let effects = a.press("i").unwrap();
    carry_out(&mut a, &mut watcher, &effects);
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(text.contains("\"Sowjetzeit\", \"Sowjetzeiten\"]"), "{text}");
    assert!(!names(&a).contains(&"Sowjetzeit".to_string()));
    // `dossier suggest` on the changed catalogue does not propose it either.
    let cli: Vec<String> = dossier::cli::suggest::collect(a.shelf().library().store())
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert!(!cli.iter().any(|n| n.starts_with("Sowjetzeit")), "{cli:?}");
}

#[test]
fn a_catalogue_that_does_not_load_or_cannot_be_written_is_left_alone_and_said_so() {
    let (dir, catalogue, mut a, mut watcher) = reader_with(|_| {}, (160, 45));
    open_ready(&mut a);
    let before = names(&a);
    // A syntax error in the user's catalogue: nothing is written, the proposal stays.
    let broken = format!("{}\n[[entity]\n", dossier::bundled::CATALOGUE);
    std::fs::write(&catalogue, &broken).unwrap();
    let effects = a.press("a").unwrap();
    carry_out(&mut a, &mut watcher, &effects);
    assert_eq!(std::fs::read_to_string(&catalogue).unwrap(), broken);
    let Some(Status::Error(said)) = a.status() else {
        panic!("{:?}", a.status())
    };
    assert!(said.starts_with("catalogue not changed: "), "{said}");
    assert!(
        said.contains("entities.toml:"),
        "names the file and line: {said}"
    );
    assert_eq!(names(&a), before);
    // A catalogue that cannot be written (its lock cannot be made): the same.
    std::fs::write(&catalogue, dossier::bundled::CATALOGUE).unwrap();
    let lock = dir.path().join("entities.toml.lock");
    let _ = std::fs::remove_file(&lock);
    std::fs::create_dir(&lock).unwrap();
    let effects = a.press("i").unwrap();
    carry_out(&mut a, &mut watcher, &effects);
    assert_eq!(
        std::fs::read_to_string(&catalogue).unwrap(),
        dossier::bundled::CATALOGUE
    );
    assert!(
        matches!(a.status(), Some(Status::Error(s)) if s.contains("cannot lock the catalogue")),
        "{:?}",
        a.status()
    );
    assert_eq!(names(&a), before);
    assert!(matches!(a.overlay(), Overlay::Suggestions(_)));
}

#[test]
fn the_view_shows_names_kinds_counts_forms_and_examples_at_80x24_and_wide() {
    let (_dir, _catalogue, mut a, _watcher) = reader_with(
        |e| {
            e.remove_entity("sergei-schoigu").unwrap();
        },
        (80, 24),
    );
    open_ready(&mut a);
    select(&mut a, "Sergei Schoigu");
    for (w, h) in [(80, 24), (200, 60)] {
        a.resize(w, h);
        let s = screen(&a);
        assert!(s.contains("Suggestions"), "{s}");
        let row = s
            .lines()
            .find(|l| l.contains("Sergei Schoigu") && l.contains("person"))
            .unwrap_or_else(|| panic!("{s}"));
        assert!(row.contains("× in "), "{row}");
        assert!(s.contains("Schoigu,") || s.contains(" Schoigu"), "{s}");
        // The two example sentences of the selected proposal, and the keys.
        let example = &view(&a).chosen().unwrap().suggestion.examples[0];
        let start: String = example.sentence.chars().take(20).collect();
        assert!(s.contains(&start), "{start:?} in\n{s}");
        assert!(
            s.contains("a add as person") && s.contains("i ignore"),
            "{s}"
        );
    }
}

#[test]
fn help_and_the_list_hints_name_the_suggestions_key() {
    let mut a = app(160, 45);
    a.press("?").unwrap();
    let s = screen(&a);
    assert!(
        s.contains("Names in the articles the catalogue lacks"),
        "{s}"
    );
    a.press("esc").unwrap();
    assert!(screen(&a).contains("S suggest"));
}
