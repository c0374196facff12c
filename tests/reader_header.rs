//! Titles and leads are linked like the body, on both stores: their mentions are selected
//! with `]` / `[` in document order (title, lead, body), the sidebar follows them, `*` / `#`
//! pass through them, the sidebar lists them as passages cited "title" / "lead", and every
//! count (the sidebar's, the entity's, the articles naming it) includes them.

mod common;

use std::time::Instant;

use dossier::corpus::article::Place;
use dossier::corpus::ids::EntityId;
use dossier::tui::app::App;
use dossier::tui::nav::{Jump, Subject, Target};
use dossier::tui::panes::facts::Item;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

const TONLINE: &str = "t-online-2019-kim-putin-wladiwostok";

/// The bundled articles copied into a directory, read through its index.
fn on_disk() -> (TempDir, App) {
    common::app_on_disk(160, 45)
}

/// Runs `check` on a reader of the bundled articles held in memory and on one reading them
/// through the SQLite index.
fn on_both_stores(check: impl Fn(&mut App)) {
    check(&mut common::app(160, 45));
    let (_root, mut app) = on_disk();
    check(&mut app);
}

fn open_tonline(a: &mut App) {
    let id = a.shelf().article_id(TONLINE).expect("the t-online article");
    a.jump(Jump::Article(id), Instant::now());
    assert_eq!(a.reader().article(), Some(id));
}

fn entity(a: &App, id: &str) -> EntityId {
    a.shelf()
        .catalogue()
        .iter()
        .find(|(_, e)| e.id == id)
        .map(|(e, _)| e)
        .unwrap_or_else(|| panic!("no entity {id}"))
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

/// The selected mention's place and entity id.
fn selected(a: &App) -> (Place, String) {
    let open = a.reader().open().expect("an article is open");
    let Some(Target::Mention(id)) = open.target() else {
        panic!("no mention selected: {:?}", open.target())
    };
    let m = open.body().mention(id).expect("the mention");
    (m.place, a.shelf().entity(m.entity).unwrap().id.clone())
}

#[test]
fn bracket_keys_walk_the_title_then_the_lead_then_the_body_and_the_sidebar_follows() {
    on_both_stores(|a| {
        open_tonline(a);
        a.press("]").unwrap();
        assert_eq!(selected(a), (Place::Title, "kim-jong-un".to_string()));
        let kim = entity(a, "kim-jong-un");
        assert_eq!(a.sidebar().subject(), Some(Subject::Entity(kim)));
        let status = screen(a).pop().unwrap();
        assert!(status.contains("% · title · "), "{status}");
        a.press("]").unwrap();
        assert_eq!(selected(a), (Place::Title, "wladimir-putin".to_string()));
        a.press("]").unwrap();
        assert_eq!(selected(a), (Place::Lead, "donald-trump".to_string()));
        let mut places = vec![Place::Title, Place::Title, Place::Lead];
        for _ in 0..12 {
            a.press("]").unwrap();
            places.push(selected(a).0);
        }
        assert!(places.windows(2).all(|w| w[0] <= w[1]), "{places:?}");
        assert!(
            places.iter().any(|p| p.block().is_some()),
            "on into the body: {places:?}"
        );
        // And back: `[` from the first body mention returns to the lead's last.
        while selected(a).0.block().is_some() {
            a.press("[").unwrap();
        }
        assert_eq!(selected(a).0, Place::Lead);
        while selected(a).0 != Place::Title {
            a.press("[").unwrap();
        }
        a.press("[").unwrap();
        assert_eq!(selected(a), (Place::Title, "kim-jong-un".to_string()));
        a.press("[").unwrap();
        assert_eq!(selected(a), (Place::Title, "kim-jong-un".to_string()));
        assert!(
            a.status()
                .is_some_and(|s| s.text().contains("first mention")),
            "{:?}",
            a.status()
        );
    });
}

#[test]
fn counts_include_the_title_and_lead_the_same_on_both_stores() {
    let memory = common::app(160, 45);
    let (_root, disk) = on_disk();
    for (e, _) in memory.shelf().catalogue().iter() {
        assert_eq!(
            memory.shelf().entity_count(e),
            disk.shelf().entity_count(e),
            "{}",
            memory.shelf().entity(e).unwrap().id
        );
        assert_eq!(memory.shelf().naming(e), disk.shelf().naming(e));
    }
    on_both_stores(|a| {
        let article = a.shelf().article_id(TONLINE).unwrap();
        let body = a.shelf().article(article).unwrap();
        let trump = entity(a, "donald-trump");
        let in_header = body
            .mentions
            .iter()
            .filter(|m| m.place.block().is_none() && m.names(trump))
            .count();
        assert_eq!(in_header, 1, "Trump is named in the lead");
        let all = body.mentions.iter().filter(|m| m.names(trump)).count();
        assert_eq!(body.count_of(trump), all, "the sidebar's count");
        let naming = a.shelf().naming(trump);
        let here = naming
            .iter()
            .find(|(id, _)| *id == article)
            .map(|(_, n)| *n);
        assert_eq!(here, Some(all), "the count of the articles naming it");
        let total: usize = naming.iter().map(|(_, n)| n).sum();
        assert_eq!(a.shelf().entity_count(trump).mentions, total);
    });
}

#[test]
fn star_passes_through_the_title_and_lead_and_the_sidebar_lists_them_cited_by_part() {
    on_both_stores(|a| {
        open_tonline(a);
        let putin = entity(a, "wladimir-putin");
        a.press("] ]").unwrap();
        assert_eq!(selected(a), (Place::Title, "wladimir-putin".to_string()));
        a.press("*").unwrap();
        assert_eq!(selected(a), (Place::Lead, "wladimir-putin".to_string()));
        let said = a.status().map(|s| s.text().to_string()).unwrap_or_default();
        assert!(said.contains("· lead"), "{said}");
        a.press("#").unwrap();
        assert_eq!(selected(a), (Place::Title, "wladimir-putin".to_string()));
        // The sidebar's "here" group lists the title's and the lead's mentions first.
        assert_eq!(a.sidebar().subject(), Some(Subject::Entity(putin)));
        let rows: Vec<(String, Option<Item>)> = a
            .sidebar()
            .rows()
            .iter(a.shelf())
            .map(|r| (r.plain(), r.item))
            .collect();
        let here = rows
            .iter()
            .position(|(text, _)| text.starts_with("here · "))
            .expect("a here group");
        let count = a.reader().open().unwrap().body().count_of(putin);
        assert!(
            rows[here].0.contains(&format!("({count})")),
            "{:?}",
            rows[here]
        );
        assert!(
            rows[here + 1].0.trim_start().starts_with("title"),
            "{rows:?}"
        );
        assert!(
            rows[here + 2].0.trim_start().starts_with("lead"),
            "{rows:?}"
        );
        let Some(Item::Passage(first)) = rows[here + 1].1 else {
            panic!("{:?}", rows[here + 1])
        };
        assert_eq!(a.shelf().mention(first).unwrap().place, Place::Title);
    });
}

#[test]
fn a_title_mention_chosen_in_another_article_opens_it_at_the_top_and_ctrl_o_returns() {
    on_both_stores(|a| {
        a.press("enter").unwrap();
        let first = a.reader().article();
        let article = a.shelf().article_id(TONLINE).unwrap();
        let body = a.shelf().article(article).unwrap();
        let (id, _) = body
            .mentions_with_ids()
            .find(|(_, m)| m.place == Place::Title)
            .unwrap();
        a.jump(Jump::Mention(id), Instant::now());
        assert_eq!(a.reader().article(), Some(article));
        assert_eq!(selected(a).0, Place::Title);
        assert_eq!(a.reader().open().unwrap().scroll(), 0, "the title shows");
        assert_eq!(
            a.reader().open().unwrap().flash().map(|(p, _)| *p),
            Some(Place::Title)
        );
        a.press("ctrl-o").unwrap();
        assert_eq!(a.reader().article(), first);
    });
}

#[test]
fn captions_are_linked_and_selected_like_paragraphs() {
    on_both_stores(|a| {
        let id = a
            .shelf()
            .article_id("standard-2023-kim-putin-waffen")
            .unwrap();
        a.jump(Jump::Article(id), Instant::now());
        let mut on_caption = None;
        for _ in 0..60 {
            a.press("]").unwrap();
            let open = a.reader().open().unwrap();
            let Some(Target::Mention(m)) = open.target() else {
                panic!("no mention selected")
            };
            let mention = open.body().mention(m).unwrap();
            let kind = open.body().block_of(mention).map(|b| b.kind);
            if kind == Some(dossier::corpus::article::BlockKind::Caption) {
                on_caption = Some((m, mention.entity));
                break;
            }
        }
        let (m, e) = on_caption.expect("] reaches a mention in a caption");
        assert_eq!(a.sidebar().subject(), Some(Subject::Entity(e)));
        let body = a.reader().open().unwrap().body();
        assert!(body.mentions_with_ids().any(|(id, _)| id == m));
        assert!(body.count_of(e) >= 1, "counted");
    });
}

#[test]
fn unlinking_a_title_mention_writes_an_override_for_the_title() {
    let mut a = common::app(160, 45);
    open_tonline(&mut a);
    a.press("]").unwrap();
    assert_eq!(selected(&a).0, Place::Title);
    a.press("X").unwrap();
    let job = a.take_catalogue_job().expect("a catalogue change");
    let dossier::tui::curation::Change::Override {
        article,
        part,
        quote,
        entity,
    } = job.change
    else {
        panic!("{job:?}")
    };
    assert_eq!(part, dossier::corpus::overrides::Part::Title);
    assert_eq!(quote.exact, "Kim");
    assert_eq!(article, TONLINE);
    assert_eq!(entity, None);
}
