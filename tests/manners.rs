//! The command line's manners: manual page and completions from the clap definition,
//! `check --json`, `show --no-hyphenate`, unique id prefixes, NFD ids, escaped unknown ids,
//! `config --default`, and `check`'s summary written through the writer it is given.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::bin::{Finished, command, run_within};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const LIMIT: Duration = Duration::from_secs(60);
const VICE: &str = "vice-2015-kim-besucht-moskau";

fn run_in(dir: &Path, args: &[&str]) -> Finished {
    run_within(command(Path::new(BIN), dir, args), LIMIT)
}

fn run(args: &[&str]) -> Finished {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), args)
}

fn ok(f: Finished) -> Finished {
    assert_eq!(f.code, Some(0), "stderr: {}", f.stderr);
    f
}

#[test]
fn man_prints_a_roff_page_naming_every_command() {
    let page = ok(run(&["man"])).stdout_text();
    assert!(
        page.contains(".TH dossier 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    for command in [
        "list",
        "show",
        "mentions",
        "check",
        "keys",
        "config",
        "completions",
    ] {
        assert!(page.contains(command), "no `{command}` in the man page");
    }
}

#[test]
fn completions_for_bash_zsh_and_fish_know_the_commands_and_options() {
    for shell in ["bash", "zsh", "fish"] {
        let script = ok(run(&["completions", shell])).stdout_text();
        for word in ["dossier", "mentions", "no-hyphenate", "follow-links"] {
            assert!(script.contains(word), "{shell}: no `{word}`");
        }
    }
    let unknown = run(&["completions", "cmd.exe"]);
    assert_eq!(unknown.code, Some(2), "{}", unknown.stderr);
}

#[test]
fn man_and_completions_work_even_with_a_broken_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[[entity]\n").unwrap();
    let b = broken.to_str().unwrap();
    ok(run_in(dir.path(), &["--catalogue", b, "man"]));
    ok(run_in(
        dir.path(),
        &["--catalogue", b, "completions", "fish"],
    ));
    ok(run_in(
        dir.path(),
        &["--catalogue", b, "config", "--default"],
    ));
    assert_eq!(
        run_in(dir.path(), &["--catalogue", b, "list"]).code,
        Some(1)
    );
}

#[test]
fn check_json_reports_counts_and_problems_with_positions() {
    let clean: Value = serde_json::from_slice(&ok(run(&["check", "--json"])).stdout).unwrap();
    assert_eq!(clean["articles"], 5);
    assert_eq!(clean["errors"], 0);
    assert_eq!(clean["problems"], Value::Array(Vec::new()));

    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(
        articles.join("kim.md"),
        "+++\ntitle = \"t\"\ndate = \"2024\"\nsource = \"s\"\n+++\n\nDa kam Kim.\n",
    )
    .unwrap();
    std::fs::write(articles.join("bad.md"), "no front matter\n").unwrap();
    let run = run_in(dir.path(), &["check", "--json"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.is_empty(),
        "JSON mode keeps stderr quiet: {}",
        run.stderr
    );
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(report["errors"].as_u64().unwrap() as usize, problems.len());
    let kim = problems
        .iter()
        .find(|p| {
            p["message"]
                .as_str()
                .unwrap()
                .contains("ambiguous mention `Kim`")
        })
        .expect("the bare Kim is reported");
    assert!(kim["path"].as_str().unwrap().ends_with("kim.md"));
    assert_eq!(
        (kim["line"].as_u64(), kim["col"].as_u64()),
        (Some(7), Some(8))
    );
    assert_eq!(kim["severity"], "error");
    let bad = problems
        .iter()
        .find(|p| p["path"].as_str().unwrap().ends_with("bad.md"))
        .expect("the broken article is reported");
    assert!(bad["message"].as_str().unwrap().contains("front matter"));
}

#[test]
fn check_text_prints_problems_on_stdout_and_the_summary_on_stderr() {
    let run = ok(run(&["check"]));
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.starts_with("5 articles, 125 entities"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_summary_goes_through_the_writer_it_is_given() {
    use dossier::cli::{Command, Loaded, Outcome, SettingsFile, run};
    let library = dossier::library::Library::bundled().expect("bundled library");
    let loaded = Loaded {
        library: Some(&library),
        keymap: None,
        keymap_problems: &[],
        config_problems: &[],
        settings: SettingsFile {
            path: None,
            text: None,
            problems: &[],
        },
        data_dir: None,
        import_into: None,
        catalogue_edits: None,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let outcome = run(&Command::Check { json: false }, &loaded, &mut out, &mut err).unwrap();
    assert_eq!(outcome, Outcome::Success);
    assert!(out.is_empty());
    let summary = String::from_utf8(err).unwrap();
    assert!(
        summary.contains("5 articles") && summary.contains("0 errors"),
        "{summary}"
    );
}

/// The words of printed text, a word broken after a hyphen at a line end joined again.
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        for (i, word) in line.split_whitespace().enumerate() {
            match words.last_mut() {
                Some(last) if open && i == 0 => last.push_str(word),
                _ => words.push(word.to_string()),
            }
        }
        open = line.ends_with('-') && !line.ends_with(" -");
    }
    words
}

/// Whether every word of `expected` is printed whole, in order, in `printed`.
fn all_whole(expected: &[String], printed: &[String]) -> bool {
    let mut rest = printed.iter();
    expected.iter().all(|word| rest.any(|w| w == word))
}

#[test]
fn show_no_hyphenate_breaks_only_between_words() {
    let hyphenated = ok(run(&["show", VICE, "--width", "30"])).stdout_text();
    let plain = ok(run(&["show", VICE, "--width", "30", "--no-hyphenate"])).stdout_text();
    let json: Value = serde_json::from_slice(&ok(run(&["show", VICE, "--json"])).stdout).unwrap();
    let mut expected = Vec::new();
    for block in json["blocks"].as_array().unwrap() {
        expected.extend(
            block["text"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .map(str::to_string),
        );
    }
    assert!(
        all_whole(&expected, &words(&plain)),
        "a word was broken:\n{plain}"
    );
    assert!(
        !all_whole(&expected, &words(&hyphenated)),
        "with hyphenation some word is broken at 30 columns"
    );
    for line in plain.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 30, "{line}");
    }
}

#[test]
fn a_unique_prefix_shows_the_article_and_an_ambiguous_one_lists_the_candidates() {
    let full = ok(run(&["show", VICE])).stdout;
    assert_eq!(ok(run(&["show", "vice"])).stdout, full);
    let ambiguous = run(&["show", "t"]);
    assert_eq!(ambiguous.code, Some(1));
    assert!(ambiguous.stdout.is_empty());
    for id in [
        "t-online-2019-kim-putin-wladiwostok",
        "tagesanzeiger-2024-choe-in-moskau",
    ] {
        assert!(ambiguous.stderr.contains(id), "{}", ambiguous.stderr);
    }
    assert!(
        ambiguous.stderr.contains("ambiguous"),
        "{}",
        ambiguous.stderr
    );
    let by_entity = ok(run(&["mentions", "--entity", "sergei-law", "--json"])).stdout;
    assert_eq!(
        by_entity,
        ok(run(&["mentions", "--entity", "sergei-lawrow", "--json"])).stdout
    );
}

#[test]
fn an_unknown_id_is_never_echoed_raw_to_the_terminal() {
    for args in [
        vec!["show", "x\u{1b}]0;PWNED\u{7}"],
        vec!["mentions", "--entity", "\u{1b}[2J\u{202e}kim"],
        vec!["mentions", "--article", "\u{9b}31m"],
    ] {
        let run = run(&args);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        let hostile =
            |c: char| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c);
        assert!(!run.stderr.chars().any(hostile), "{:?}", run.stderr);
        assert!(
            run.stderr.contains("\\u{"),
            "the id is shown escaped: {}",
            run.stderr
        );
    }
}

#[test]
fn an_id_in_nfd_finds_the_article_listed_in_nfc() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    let text = "+++\ntitle = \"Pjöngjang\"\ndate = \"2024\"\nsource = \"s\"\n+++\n\nText.\n";
    std::fs::write(articles.join("pjöngjang.md"), text).unwrap();
    let nfd: String = "pjöngjang".nfd().collect();
    assert_ne!(nfd, "pjöngjang");
    let run = ok(run_in(dir.path(), &["show", &nfd]));
    assert!(run.stdout_text().starts_with("Pjöngjang\n"));
}

#[test]
fn config_default_prints_the_shipped_file_and_it_is_valid_when_copied() {
    let dir = tempfile::tempdir().unwrap();
    let run = ok(run_in(dir.path(), &["config", "--default"]));
    let shipped = std::fs::read(PathBuf::from(ROOT).join("config/config.toml")).unwrap();
    assert_eq!(run.stdout, shipped);
    let copy = dir.path().join("mine.toml");
    std::fs::write(&copy, &run.stdout).unwrap();
    ok(run_in(
        dir.path(),
        &["--config", copy.to_str().unwrap(), "check"],
    ));
    // Without a file of one's own, `config` shows the defaults in effect; with one, that file.
    assert_eq!(ok(run_in(dir.path(), &["config"])).stdout, shipped);
    std::fs::write(&copy, "max_width = 72\n").unwrap();
    let mine = ok(run_in(
        dir.path(),
        &["--config", copy.to_str().unwrap(), "config"],
    ));
    assert_eq!(mine.stdout_text(), "max_width = 72\n");
    let path = ok(run_in(dir.path(), &["config", "--path"])).stdout_text();
    assert_eq!(
        path.trim_end(),
        dir.path().join("dossier/config.toml").to_str().unwrap()
    );
}

#[test]
fn config_with_a_broken_settings_file_fails_naming_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("mine.toml");
    std::fs::write(&copy, "max_width = 5\n").unwrap();
    let run = run_in(dir.path(), &["--config", copy.to_str().unwrap(), "config"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("mine.toml:1:13: `max_width` must be between"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_reader_that_goes_away_early_ends_every_command_quietly() {
    use std::io::Read;
    // Each writes more than a pipe holds (64 KiB), so it meets the closed pipe mid-write.
    for args in [&["mentions", "--json"][..], &["mentions"][..]] {
        let dir = tempfile::tempdir().unwrap();
        let mut child = command(Path::new(BIN), dir.path(), args).spawn().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 10];
        stdout.read_exact(&mut first).unwrap();
        // Like `| head -c 10`: the pipe closes while the command still has much to write.
        drop(stdout);
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}
