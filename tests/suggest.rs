//! `dossier suggest` measured against hand-made lists (tests/fixtures/suggest/, written by
//! reading the articles): from an empty catalogue, the top 60 must hold at least 90% of the
//! entities the articles are about and at least 85% of the 60 must be real entities, on the
//! bundled German articles and on a second corpus of English and German railway articles.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::bin::{command, run_within};
use dossier::corpus::fold::fold_str;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn fixtures() -> PathBuf {
    Path::new(ROOT).join("tests/fixtures/suggest")
}

/// Entities of a list file: each one's forms, folded.
fn list(name: &str) -> Vec<Vec<String>> {
    std::fs::read_to_string(fixtures().join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('|').map(|f| fold_str(f.trim())).collect())
        .collect()
}

/// The top `limit` suggestions from an empty catalogue for the articles in `dir`.
fn suggest(dir: &Path, limit: usize, extra: &[&str]) -> Vec<Value> {
    let sandbox = tempfile::tempdir().unwrap();
    let empty = sandbox.path().join("empty.toml");
    std::fs::write(&empty, "").unwrap();
    let limit = limit.to_string();
    let mut args = vec![
        "--articles",
        dir.to_str().unwrap(),
        "--catalogue",
        empty.to_str().unwrap(),
        "suggest",
        "--json",
        "--limit",
        &limit,
    ];
    args.extend_from_slice(extra);
    let run = run_within(
        command(Path::new(BIN), sandbox.path(), &args),
        Duration::from_secs(120),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let json: Value = serde_json::from_slice(&run.stdout).expect("JSON");
    json.as_array().expect("array").clone()
}

/// A suggestion's name and aliases, folded.
fn forms(s: &Value) -> Vec<String> {
    let mut out = vec![fold_str(s["name"].as_str().unwrap())];
    for a in s["aliases"].as_array().unwrap() {
        out.push(fold_str(a.as_str().unwrap()));
    }
    out
}

fn names(s: &Value, entity: &[String]) -> bool {
    forms(s).iter().any(|f| entity.contains(f))
}

/// (share of `core` entities found in the top 60, share of the 60 that are real entities),
/// with the misses and the wrong ones for the message.
fn measure(dir: &Path, core: &str, real: &str) -> (f64, f64, String) {
    let top = suggest(dir, 60, &[]);
    let core = list(core);
    let mut real_entities = list(real);
    real_entities.extend(core.iter().cloned());
    let found: Vec<&Vec<String>> = core
        .iter()
        .filter(|e| top.iter().any(|s| names(s, e)))
        .collect();
    let missed: Vec<&String> = core
        .iter()
        .filter(|e| !top.iter().any(|s| names(s, e)))
        .map(|e| &e[0])
        .collect();
    let wrong: Vec<&str> = top
        .iter()
        .filter(|s| !real_entities.iter().any(|e| names(s, e)))
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    let recall = found.len() as f64 / core.len() as f64;
    let precision = (top.len() - wrong.len()) as f64 / top.len().max(1) as f64;
    let report = format!(
        "{}: recall {recall:.3} ({} of {}), precision {precision:.3} ({} of {})\nmissed: {missed:?}\nnot entities: {wrong:?}",
        dir.display(),
        found.len(),
        core.len(),
        top.len() - wrong.len(),
        top.len()
    );
    eprintln!("{report}");
    (recall, precision, report)
}

#[test]
fn bundled_articles_top_60_hold_90_percent_of_their_entities_and_85_percent_are_real() {
    let (recall, precision, report) = measure(
        &Path::new(ROOT).join("articles"),
        "bundled.core",
        "bundled.real",
    );
    assert!(recall >= 0.90, "{report}");
    assert!(precision >= 0.85, "{report}");
}

#[test]
fn railway_articles_top_60_hold_90_percent_of_their_entities_and_85_percent_are_real() {
    let (recall, precision, report) = measure(&fixtures().join("rail"), "rail.core", "rail.real");
    assert!(recall >= 0.90, "{report}");
    assert!(precision >= 0.85, "{report}");
}

#[test]
fn variants_are_grouped_under_one_suggestion() {
    let top = suggest(&Path::new(ROOT).join("articles"), 0, &[]);
    let find = |name: &str| {
        top.iter()
            .find(|s| forms(s).contains(&fold_str(name)))
            .unwrap_or_else(|| panic!("no suggestion holds {name}"))
    };
    // Genitive, surname and full name, hyphenated and spaced spellings.
    let putin = find("Putins");
    assert!(
        forms(putin).contains(&fold_str("Wladimir Putin")),
        "{putin}"
    );
    assert!(forms(putin).contains(&fold_str("Putin")), "{putin}");
    let kim = find("Kim Jong Un");
    assert!(forms(kim).contains(&fold_str("Kim Jong-un")), "{kim}");
    // Adjective forms of a name stay one.
    let war = find("Zweiten Weltkrieg");
    assert!(
        forms(war).contains(&fold_str("Zweiten Weltkriegs")),
        "{war}"
    );
    assert_eq!(putin["kind"], "person");
}

#[test]
fn suggestions_carry_counts_kinds_and_two_examples_from_different_articles() {
    let top = suggest(&Path::new(ROOT).join("articles"), 5, &[]);
    for s in &top {
        let keys: Vec<&str> = [
            "name", "aliases", "kind", "mentions", "articles", "examples",
        ]
        .to_vec();
        let object = s.as_object().unwrap();
        assert_eq!(object.len(), keys.len(), "{s}");
        for k in keys {
            assert!(object.contains_key(k), "{k} missing in {s}");
        }
        let examples = s["examples"].as_array().unwrap();
        assert_eq!(examples.len(), 2, "{s}");
        assert_ne!(examples[0]["article"], examples[1]["article"], "{s}");
        assert!(s["mentions"].as_u64().unwrap() >= s["articles"].as_u64().unwrap());
    }
}

#[test]
fn the_catalogue_covers_its_names_and_one_article_can_be_asked_for() {
    let sandbox = tempfile::tempdir().unwrap();
    let articles = Path::new(ROOT).join("articles");
    let catalogue = Path::new(ROOT).join("config/entities.toml");
    let run = run_within(
        command(
            Path::new(BIN),
            sandbox.path(),
            &[
                "--articles",
                articles.to_str().unwrap(),
                "--catalogue",
                catalogue.to_str().unwrap(),
                "suggest",
                "--json",
                "--limit",
                "0",
            ],
        ),
        Duration::from_secs(120),
    );
    let all: Value = serde_json::from_slice(&run.stdout).expect("JSON");
    for s in all.as_array().unwrap() {
        let f = forms(s);
        for covered in [
            "putin",
            "wladimir putin",
            "moskau",
            "kim jong-un",
            "nordkorea",
        ] {
            assert!(
                !f.contains(&covered.to_string()),
                "{covered} is in the catalogue: {s}"
            );
        }
    }
    // What is left once the catalogue covers the names: never a letter on its own, nor a
    // noun named once that only just looks like a name.
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    for noise in [
        "L",
        "Antwort",
        "Absprache",
        "Medien",
        "Militär",
        "Heimat",
        "Vielzahl",
    ] {
        assert!(!names.contains(&noise), "{noise} suggested: {names:?}");
    }
    let one = suggest(&fixtures().join("rail"), 0, &["--article", "ft-2024"]);
    assert!(
        one.iter().any(|s| s["name"] == "Gwendoline Cazenave"),
        "{one:?}"
    );
    assert!(
        !one.iter().any(|s| s["name"] == "Claus Weselsky"),
        "{one:?}"
    );
}
