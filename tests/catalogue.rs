//! The catalogue from the command line: `catalogue add|alias|ignore|remove` change the file in
//! place (comments kept, refused changes leave it byte for byte), the changes are in force for
//! the next command, and every `--entity` takes an id, a name or an alias.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::bin::{Finished, command, run_within};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn run(dir: &Path, args: &[&str]) -> Finished {
    run_within(command(Path::new(BIN), dir, args), Duration::from_secs(60))
}

fn ok(f: &Finished) -> String {
    assert_eq!(
        f.code,
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        f.stdout_text(),
        f.stderr
    );
    f.stdout_text()
}

fn failed(f: &Finished) -> String {
    assert_eq!(
        f.code,
        Some(1),
        "stdout:\n{}\nstderr:\n{}",
        f.stdout_text(),
        f.stderr
    );
    assert!(!f.stderr.contains("panicked"), "{}", f.stderr);
    f.stderr.clone()
}

/// A sandbox with a copy of the real catalogue and articles in `./config` and `./articles`.
fn sandbox() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let catalogue = config.join("entities.toml");
    std::fs::copy(Path::new(ROOT).join("config/entities.toml"), &catalogue).unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    for entry in std::fs::read_dir(Path::new(ROOT).join("articles")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), articles.join(entry.file_name())).unwrap();
    }
    (dir, catalogue)
}

#[test]
fn catalogue_add_keeps_every_line_and_the_next_command_sees_the_entity() {
    let (dir, catalogue) = sandbox();
    let before = std::fs::read_to_string(&catalogue).unwrap();
    let out = ok(&run(
        dir.path(),
        &[
            "catalogue",
            "add",
            "Alexander Worontsow Junior",
            "--kind",
            "person",
            "--alias",
            "Worontsow junior",
        ],
    ));
    assert!(out.contains("added `alexander-worontsow-junior`"), "{out}");
    let after = std::fs::read_to_string(&catalogue).unwrap();
    // Everything that was there is still there, comments included, in the same order.
    let kept: Vec<&str> = before.lines().collect();
    let mut rest = after.lines();
    for line in &kept {
        assert!(rest.any(|l| l == *line), "lost or moved: {line}");
    }
    assert!(after.contains(
        "name = \"Alexander Worontsow Junior\"\nkind = \"person\"\naliases = [\"Worontsow junior\"]"
    ));
    let entities = ok(&run(dir.path(), &["entities"]));
    assert!(
        entities.contains("alexander-worontsow-junior"),
        "{entities}"
    );
}

#[test]
fn catalogue_add_refuses_a_duplicate_and_a_misspelt_kind_leaving_the_file() {
    let (dir, catalogue) = sandbox();
    let before = std::fs::read(&catalogue).unwrap();
    let err = failed(&run(
        dir.path(),
        &["catalogue", "add", "Moskau", "--kind", "city"],
    ));
    assert!(err.contains("`moskau` exists already"), "{err}");
    let err = failed(&run(
        dir.path(),
        &[
            "catalogue",
            "add",
            "Deutsche Bahn",
            "--kind",
            "organization",
        ],
    ));
    assert!(
        err.contains("unknown kind `organization` (did you mean `organisation`?)"),
        "{err}"
    );
    let err = failed(&run(dir.path(), &["catalogue", "add", "Deutsche Bahn"]));
    assert!(err.contains("--kind"), "{err}");
    assert_eq!(std::fs::read(&catalogue).unwrap(), before);
}

#[test]
fn catalogue_alias_takes_a_folded_name_and_refuses_typos_and_shared_names() {
    let (dir, catalogue) = sandbox();
    let out = ok(&run(
        dir.path(),
        &["catalogue", "alias", "lawrow", "Außenminister Lawrow"],
    ));
    assert!(out.contains("to `sergei-lawrow`"), "{out}");
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(
        text.contains("\"Sergei Lavrov\", \"Außenminister Lawrow\"]"),
        "{text}"
    );
    let err = failed(&run(dir.path(), &["catalogue", "alias", "lavrow", "X"]));
    assert!(err.contains("did you mean `sergei-lawrow`"), "{err}");
    let err = failed(&run(
        dir.path(),
        &["catalogue", "alias", "kim", "Kim Jong Un"],
    ));
    assert!(
        err.contains("ambiguous") && err.contains("`kim-jong-un`"),
        "{err}"
    );
}

#[test]
fn catalogue_ignore_stops_a_mention() {
    let (dir, _) = sandbox();
    let count = |dir: &Path| {
        ok(&run(dir, &["mentions", "--entity", "putin", "--json"]))
            .matches("\"entity\"")
            .count()
    };
    let before = count(dir.path());
    ok(&run(
        dir.path(),
        &[
            "catalogue",
            "ignore",
            "Putins Schwenk",
            "--entity",
            "wladimir putin",
        ],
    ));
    assert_eq!(count(dir.path()), before - 1);
    let err = failed(&run(
        dir.path(),
        &["catalogue", "ignore", "Rubel", "--entity", "putin"],
    ));
    assert!(err.contains("holds no form of `wladimir-putin`"), "{err}");
    let err = failed(&run(
        dir.path(),
        &["catalogue", "ignore", "putins schwenk", "--entity", "putin"],
    ));
    assert!(
        err.contains("ignored for `wladimir-putin` already"),
        "{err}"
    );
    ok(&run(dir.path(), &["catalogue", "ignore", "Putins Schwenk"]));
    let err = failed(&run(dir.path(), &["catalogue", "ignore", "putins schwenk"]));
    assert!(err.contains("ignored already"), "{err}");
}

#[test]
fn catalogue_ignore_for_one_entity_is_kept_with_it_and_leaves_the_others_named() {
    let (dir, catalogue) = sandbox();
    // "Ukraine-Feldzug" names the war (an alias) and, through its first part, Ukraine.
    let rows = |dir: &Path, entity: &str| -> Vec<serde_json::Value> {
        let json = ok(&run(dir, &["mentions", "--entity", entity, "--json"]));
        let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["text"] == "Ukraine-Feldzug")
            .cloned()
            .collect()
    };
    let war = "russischer-ueberfall-auf-die-ukraine";
    assert_eq!(rows(dir.path(), "ukraine").len(), 1);
    assert_eq!(rows(dir.path(), war).len(), 1);
    let before = std::fs::read_to_string(&catalogue).unwrap();
    let said = ok(&run(
        dir.path(),
        &[
            "catalogue",
            "ignore",
            "Ukraine-Feldzug",
            "--entity",
            "ukraine",
        ],
    ));
    assert!(said.contains("`Ukraine-Feldzug` is ignored now"), "{said}");
    let after = std::fs::read_to_string(&catalogue).unwrap();
    // Kept in Ukraine's own table, not in the list of forms ignored for every entity.
    let table = after
        .split("[[entity]]")
        .find(|t| t.contains("id = \"ukraine\""))
        .unwrap();
    assert!(table.contains("ignore = [\"Ukraine-Feldzug\"]"), "{table}");
    let head = |text: &str| text.split("[[entity]]").next().unwrap_or("").to_string();
    assert_eq!(
        head(&after),
        head(&before),
        "the forms ignored for all stay as they were"
    );
    // Never Ukraine's mention now, still the war's, which no longer names Ukraine too.
    assert!(rows(dir.path(), "ukraine").is_empty());
    let war_rows = rows(dir.path(), war);
    assert_eq!(war_rows.len(), 1);
    assert_eq!(war_rows[0]["entity"], war);
    assert!(
        war_rows[0]["also"]
            .as_array()
            .is_none_or(|a| a.iter().all(|e| e != "ukraine")),
        "{:?}",
        war_rows[0]
    );
    // `check` counts the form as used, and suggest never proposes it.
    let out = ok(&run(dir.path(), &["check"]));
    assert!(!out.contains("Ukraine-Feldzug"), "{out}");
    let out = ok(&run(dir.path(), &["suggest", "--json"]));
    assert!(!out.contains("\"Ukraine-Feldzug\""), "{out}");
}

#[test]
fn catalogue_remove_takes_the_entity_out_and_an_unknown_one_is_refused() {
    let (dir, catalogue) = sandbox();
    ok(&run(dir.path(), &["catalogue", "remove", "Shane Smith"]));
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(!text.contains("shane-smith"));
    let err = failed(&run(dir.path(), &["catalogue", "remove", "shane-smith"]));
    assert!(err.contains("unknown entity"), "{err}");
}

#[test]
fn a_broken_catalogue_is_not_edited_and_its_problem_is_shown() {
    let (dir, catalogue) = sandbox();
    let broken = std::fs::read_to_string(&catalogue).unwrap().replacen(
        "kind = \"person\"",
        "kind = \"persn\"",
        1,
    );
    std::fs::write(&catalogue, &broken).unwrap();
    let err = failed(&run(dir.path(), &["catalogue", "alias", "putin", "Wowa"]));
    assert!(
        err.contains("entities.toml:") && err.contains("persn"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&catalogue).unwrap(), broken);
}

#[test]
fn with_the_bundled_catalogue_an_edit_starts_the_users_own() {
    let dir = tempfile::tempdir().unwrap();
    let f = run(dir.path(), &["catalogue", "alias", "putin", "Wowa"]);
    ok(&f);
    assert!(
        f.stderr.contains("bundled catalogue was copied"),
        "{}",
        f.stderr
    );
    let mine = dir.path().join("dossier").join("entities.toml");
    let text = std::fs::read_to_string(&mine).unwrap();
    assert!(
        text.starts_with("# Entity catalogue for dossier."),
        "{text}"
    );
    assert!(text.contains("aliases = [\"Putin\", \"Wowa\"]"));
    // From now on that file is the catalogue in use.
    let out = ok(&run(dir.path(), &["entities", "--json"]));
    assert!(out.contains("\"Wowa\""), "{out}");
}

#[test]
fn every_entity_option_takes_a_name_or_alias_with_did_you_mean() {
    let (dir, _) = sandbox();
    for args in [
        &["mentions", "--entity", "lawrow"][..],
        &["timeline", "--entity", "Sergei Lawrow"],
        &["notes", "--entity", "LAWROW"],
    ] {
        ok(&run(dir.path(), args));
    }
    let err = failed(&run(dir.path(), &["mentions", "--entity", "lawrov"]));
    assert!(
        err.contains("did you mean `sergei-lawrow`, Sergei Lawrow?"),
        "{err}"
    );
}

#[test]
fn entity_card_shows_summary_facts_aliases_and_articles_with_counts() {
    let (dir, _) = sandbox();
    let out = ok(&run(dir.path(), &["entity", "lawrow"]));
    assert!(
        out.starts_with("Sergei Lawrow  (sergei-lawrow, person)\n"),
        "{out}"
    );
    assert!(out.contains("Also: Lawrow"), "{out}");
    assert!(out.contains("[tagesanzeiger-2024-choe-in-moskau]"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&ok(&run(
        dir.path(),
        &["entity", "Sergei Lavrov", "--json"],
    )))
    .unwrap();
    assert_eq!(json["id"], "sergei-lawrow");
    let articles = json["articles"].as_array().unwrap();
    let total: u64 = articles
        .iter()
        .map(|a| a["mentions"].as_u64().unwrap())
        .sum();
    assert_eq!(total, json["mentions"].as_u64().unwrap());
    assert!(
        out.contains(&format!(
            "Named {total} times in {} articles",
            articles.len()
        )),
        "{out}"
    );
    assert!(json["facts"][0]["source"].is_string(), "{json}");
    let err = failed(&run(dir.path(), &["entity", "lavrow"]));
    assert!(err.contains("did you mean `sergei-lawrow`"), "{err}");
}

#[test]
fn catalogue_errors_come_all_at_once_with_positions_and_suggestions() {
    let (dir, catalogue) = sandbox();
    let text = std::fs::read_to_string(&catalogue)
        .unwrap()
        .replacen("kind = \"organisation\"", "kind = \"organization\"", 1)
        .replacen("summary = ", "sumary = ", 1)
        .replacen("kind = \"city\"", "kind = \"town\"", 1);
    std::fs::write(&catalogue, &text).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let err = failed(&run(dir.path(), &["check"]));
    let path = catalogue.display().to_string();
    for (needle, message) in [
        (
            "kind = \"organization\"",
            "unknown kind `organization` (did you mean `organisation`?)",
        ),
        ("sumary = ", "unknown field `sumary` in entity"),
        ("kind = \"town\"", "unknown kind `town`"),
    ] {
        let prefix = format!("{path}:{}:", line_of(needle));
        assert!(
            err.lines()
                .any(|l| l.starts_with(&prefix) && l.contains(message)),
            "no {message:?} at {prefix} in:\n{err}"
        );
    }
    assert!(err.contains("(did you mean `summary`?)"), "{err}");
    assert!(err.contains("the catalogue has 4 problems"), "{err}");
}

#[test]
fn check_warns_about_names_suggest_finds_in_several_articles() {
    let dir = tempfile::tempdir().unwrap();
    let rail = Path::new(ROOT).join("tests/fixtures/suggest/rail");
    let empty = dir.path().join("entities.toml");
    std::fs::write(&empty, "").unwrap();
    let args = [
        "--articles",
        rail.to_str().unwrap(),
        "--catalogue",
        empty.to_str().unwrap(),
        "check",
    ];
    let f = run(dir.path(), &args);
    let out = ok(&f);
    let warning = out
        .lines()
        .find(|l| l.contains("`Deutsche Bahn` is named"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        warning.contains("guardian-2024-rail-strike.md:") && warning.contains("warning:"),
        "{warning}"
    );
    assert!(
        warning.contains("dossier catalogue add \"Deutsche Bahn\" --kind organisation"),
        "{warning}"
    );
    // Once it is in the catalogue, the warning goes.
    ok(&run(
        dir.path(),
        &[
            "--catalogue",
            empty.to_str().unwrap(),
            "catalogue",
            "add",
            "Deutsche Bahn",
            "--kind",
            "organisation",
        ],
    ));
    let out = ok(&run(dir.path(), &args));
    assert!(!out.contains("`Deutsche Bahn`"), "{out}");
    // A name in one article only is left to `suggest`.
    assert!(!out.contains("Cazenave"), "{out}");
}

#[test]
fn catalogue_override_reassigns_then_unlinks_one_mention_and_the_next_command_follows() {
    let (dir, catalogue) = sandbox();
    let article = "wikipedia-nordkoreanisch-russische-beziehungen";
    let kim_rows = |dir: &Path| -> Vec<String> {
        let json = ok(&run(dir, &["mentions", "--article", article, "--json"]));
        let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["text"] == "Kim" && r["context"].as_str().unwrap().contains("April 1950"))
            .map(|r| r["entity"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(kim_rows(dir.path()), ["kim-il-sung"]);
    let before = std::fs::read_to_string(&catalogue).unwrap();
    let said = ok(&run(
        dir.path(),
        &[
            "catalogue",
            "override",
            article,
            "Kim",
            "--before",
            "seinem Verbündeten ",
            "--after",
            " die Erlaubnis",
            "--entity",
            "Kim Jong-il",
        ],
    ));
    assert!(said.contains("names `kim-jong-il`"), "{said}");
    let after = std::fs::read_to_string(&catalogue).unwrap();
    assert!(
        after.starts_with(&before),
        "the file before the new table is kept as it was"
    );
    assert_eq!(kim_rows(dir.path()), ["kim-jong-il"]);
    ok(&run(
        dir.path(),
        &[
            "catalogue",
            "override",
            article,
            "Kim",
            "--before",
            "seinem Verbündeten ",
            "--after",
            " die Erlaubnis",
            "--unlink",
        ],
    ));
    assert!(kim_rows(dir.path()).is_empty());
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert_eq!(
        text.matches("seinem Verbündeten").count(),
        1,
        "the override was replaced"
    );
    let refused = failed(&run(
        dir.path(),
        &[
            "catalogue",
            "override",
            article,
            "Kim",
            "--entity",
            "kim-jong",
        ],
    ));
    assert!(refused.contains("kim-jong"), "{refused}");
    assert_eq!(std::fs::read_to_string(&catalogue).unwrap(), text);
}

#[test]
fn check_reports_an_ending_that_makes_an_ordinary_word_of_a_name_and_the_remedies_silence_it() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(
        articles.join("rom.md"),
        "+++\ntitle = \"Besuch in Rom\"\ndate = \"2024-05-01\"\nlanguage = \"de\"\n+++\n\nRom empfing die Gäste. Roms Bürgermeister sprach lange.\n",
    )
    .unwrap();
    let catalogue = dir.path().join("entities.toml");
    std::fs::write(
        &catalogue,
        "[[entity]]\nid = \"rom\"\nname = \"Rom\"\nkind = \"city\"\nsummary = \"Hauptstadt Italiens.\"\n",
    )
    .unwrap();
    let with = |args: &[&str]| {
        let mut all = vec![
            "--articles",
            articles.to_str().unwrap(),
            "--catalogue",
            catalogue.to_str().unwrap(),
        ];
        all.extend_from_slice(args);
        run(dir.path(), &all)
    };
    // "Roms" is the genitive the linker takes after "Rom", and a common noun too.
    let out = ok(&with(&["check"]));
    let line = out
        .lines()
        .find(|l| l.contains("`Roms`"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("rom.md:7:"), "at its place: {line}");
    assert!(line.contains("warning:"), "{line}");
    assert!(
        line.contains("is an ordinary word, linked 1× to `rom` (Rom)")
            && line.contains("dossier catalogue ignore \"Roms\" --entity rom")
            && line.contains("dossier catalogue alias rom \"Roms\""),
        "{line}"
    );
    // Saying it is Rome's (an alias) silences it and keeps the mention.
    ok(&with(&["catalogue", "alias", "rom", "Roms"]));
    let out = ok(&with(&["check"]));
    assert!(!out.contains("ordinary word"), "{out}");
    let json = ok(&with(&["mentions", "--entity", "rom", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        rows.as_array().unwrap().iter().any(|r| r["text"] == "Roms"),
        "{json}"
    );
}

#[test]
fn check_reports_an_override_whose_words_no_longer_stand_in_their_place() {
    let (dir, catalogue) = sandbox();
    let article = "wikipedia-nordkoreanisch-russische-beziehungen";
    ok(&run(
        dir.path(),
        &[
            "catalogue",
            "override",
            article,
            "Kim",
            "--before",
            "seinem Verbündeten ",
            "--after",
            " die Erlaubnis",
            "--entity",
            "kim-jong-il",
        ],
    ));
    let f = run(dir.path(), &["check"]);
    assert!(
        !f.stdout_text().contains("applies nowhere"),
        "{}",
        f.stdout_text()
    );
    // The sentence is rewritten: the override's words no longer stand between its context.
    let path = dir.path().join("articles").join(format!("{article}.md"));
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replace(
        "erteilte Stalin seinem Verbündeten Kim die Erlaubnis",
        "gab Stalin dem Machthaber Kim freie Hand",
    );
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    let f = run(dir.path(), &["check"]);
    assert_eq!(f.code, Some(1), "{}\n{}", f.stdout_text(), f.stderr);
    let all = format!("{}{}", f.stdout_text(), f.stderr);
    let line = all
        .lines()
        .find(|l| l.contains("override of `Kim`") && l.contains("applies nowhere"))
        .unwrap_or_else(|| panic!("{all}"));
    // At the override's table in the catalogue.
    let table = std::fs::read_to_string(&catalogue).unwrap();
    let before = table.find("before = \"seinem Verbündeten \"").unwrap();
    let header = table[..before].rfind("[[override]]").unwrap();
    let (first, last) = (
        table[..header].lines().count() + 1,
        table[..before].lines().count() + 1,
    );
    let at: usize = line
        .split("entities.toml:")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{line}"));
    assert!((first..=last).contains(&at), "{first}..{last}: {line}");
}
