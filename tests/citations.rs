//! Citations carry the article's `url` wherever an article is cited: the Markdown export (as
//! an autolink), the JSON export, the timeline's JSON; and leave it out, with no empty
//! field or dangling comma, where the front matter has none.

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use common::bin::{command, run_within};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const URL: &str = "https://www.tagesanzeiger.ch/russland-und-nordkorea-da-haben-sich-zwei-gefunden";
const ARTICLE: &str = "tagesanzeiger-2024-choe-in-moskau";

/// The bundled articles and catalogue in a temporary directory, the Tages-Anzeiger article
/// with a `url` in its front matter.
fn sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::create_dir(dir.path().join("articles")).unwrap();
    for entry in fs::read_dir(root.join("articles")).unwrap() {
        let path = entry.unwrap().path();
        let mut text = fs::read_to_string(&path).unwrap();
        if path.file_stem().unwrap() == ARTICLE {
            text = text.replacen(
                "source = \"Tages-Anzeiger\"\n",
                &format!("source = \"Tages-Anzeiger\"\nurl = \"{URL}\"\n"),
                1,
            );
            assert!(text.contains(URL), "the front matter took the url");
        }
        fs::write(
            dir.path().join("articles").join(path.file_name().unwrap()),
            text,
        )
        .unwrap();
    }
    fs::create_dir(dir.path().join("config")).unwrap();
    fs::copy(
        root.join("config/entities.toml"),
        dir.path().join("config/entities.toml"),
    )
    .unwrap();
    dir
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let done = run_within(command(Path::new(BIN), dir, args), Duration::from_secs(60));
    assert_eq!(done.code, Some(0), "dossier {args:?}: {}", done.stderr);
    done.stdout_text()
}

fn note(dir: &Path, article: &str, quote: &str) {
    ok(
        dir,
        &["note", "add", article, "--quote", quote, "--note", "n"],
    );
}

#[test]
fn markdown_export_ends_the_citation_with_the_url_as_an_autolink() {
    let dir = sandbox();
    note(
        dir.path(),
        ARTICLE,
        "Putins Verteidigungsminister Sergei Schoigu besuchte damals Pyongyang",
    );
    let md = ok(dir.path(), &["export"]);
    assert!(
        md.contains(&format!(
            "— „Russland und Nordkorea: Da haben sich zwei gefunden“, Tages-Anzeiger, 2024-01, paragraph 7, <{URL}>"
        )),
        "{md}"
    );
}

#[test]
fn a_citation_without_a_url_ends_with_the_paragraph() {
    let dir = sandbox();
    note(
        dir.path(),
        "t-online-2019-kim-putin-wladiwostok",
        "Er ist wieder da.",
    );
    let md = ok(dir.path(), &["export"]);
    let cite = md
        .lines()
        .find(|l| l.starts_with("— "))
        .expect("a citation line");
    assert!(cite.ends_with("paragraph 4"), "{cite}");
    let rows: Value =
        serde_json::from_str(&ok(dir.path(), &["export", "--format", "json"])).unwrap();
    assert!(rows[0]["url"].is_null(), "{rows}");
}

#[test]
fn json_export_and_timeline_carry_the_url() {
    let dir = sandbox();
    note(
        dir.path(),
        ARTICLE,
        "Putins Verteidigungsminister Sergei Schoigu besuchte damals Pyongyang",
    );
    let rows: Value =
        serde_json::from_str(&ok(dir.path(), &["export", "--format", "json"])).unwrap();
    assert_eq!(rows[0]["url"], URL);
    let timeline: Value = serde_json::from_str(&ok(
        dir.path(),
        &["timeline", "--entity", "schoigu", "--json"],
    ))
    .unwrap();
    let timeline = timeline.as_array().unwrap();
    let from_article: Vec<&Value> = timeline
        .iter()
        .filter(|r| r["article"] == ARTICLE)
        .collect();
    assert!(!from_article.is_empty(), "{timeline:?}");
    assert!(
        from_article.iter().all(|r| r["url"] == URL),
        "{from_article:?}"
    );
    assert!(
        timeline
            .iter()
            .filter(|r| r["article"] != ARTICLE)
            .all(|r| r["url"].is_null()),
        "only the article with a url has one"
    );
}
