//! Work that grows with its input, not faster: each repro of a quadratic or memory-hungry path
//! runs the release binary on a generated input and compares it with a run that must cost about
//! the same (the same data listed, a tenth of the size, a harmless twin). Bounds are ratios
//! with room for a busy machine; the old code missed each of them by a factor of ten or more.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::bin::{Finished, command, run_within};

/// Generous: a run that takes this long is a hang, whatever the machine.
const LIMIT: Duration = Duration::from_secs(120);
/// Start-up noise a ratio must tolerate on small inputs.
const SLACK: Duration = Duration::from_millis(300);

/// The release binary of this tree, or the build named by `DOSSIER_SCALE_BINARY` (to see an
/// older build fail these bounds).
fn release() -> PathBuf {
    std::env::var_os("DOSSIER_SCALE_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(common::pty::release_binary)
}

/// Every run starts without an index (it lives in `dir/cache`), so each command pays for
/// reading and linking every article, the work these bounds are about.
fn run(dir: &Path, args: &[&str]) -> Finished {
    let _ = std::fs::remove_dir_all(dir.join("cache"));
    run_within(command(&release(), dir, args), LIMIT)
}

fn ok(f: Finished) -> Finished {
    assert_eq!(
        f.code,
        Some(0),
        "stderr: {}",
        &f.stderr[..f.stderr.len().min(2000)]
    );
    f
}

/// Fastest of three runs: the least disturbed by the other work on the machine.
fn best_of(dir: &Path, args: &[&str]) -> Finished {
    let runs: Vec<Finished> = (0..3).map(|_| run(dir, args)).collect();
    runs.into_iter()
        .min_by_key(|f| f.elapsed)
        .expect("three runs")
}

fn assert_ratio(what: &str, slow: &Finished, fast: &Finished, ratio: u32) {
    eprintln!("{what}: {:?} against {:?}", slow.elapsed, fast.elapsed);
    assert!(
        slow.elapsed <= fast.elapsed * ratio + SLACK,
        "{what}: {:?} against {:?} (allowed {ratio}× + {SLACK:?})",
        slow.elapsed,
        fast.elapsed
    );
}

fn article(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = \"2024\"\nsource = \"s\"\n+++\n\n{body}\n")
}

/// A sandbox with `articles/` and `entities.toml`; returns the directory and the flags.
struct Corpus {
    dir: tempfile::TempDir,
}

impl Corpus {
    fn new(catalogue: &str, articles: &[(&str, String)]) -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        let arts = dir.path().join("articles");
        std::fs::create_dir(&arts).unwrap();
        for (id, text) in articles {
            std::fs::write(arts.join(format!("{id}.md")), text).unwrap();
        }
        std::fs::create_dir(dir.path().join("config")).unwrap();
        std::fs::write(dir.path().join("config/entities.toml"), catalogue).unwrap();
        Corpus { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

fn entity(id: &str, name: &str, aliases: &[&str]) -> String {
    let aliases: Vec<String> = aliases.iter().map(|a| format!("\"{a}\"")).collect();
    format!(
        "[[entity]]\nid = \"{id}\"\nname = \"{name}\"\nkind = \"person\"\naliases = [{}]\nsummary = \"s\"\n",
        aliases.join(", ")
    )
}

/// `n` entities that all have the alias "Kim".
fn kims(n: usize) -> String {
    (0..n)
        .map(|i| entity(&format!("kim-{i}"), &format!("Kim Nummer{i}"), &["Kim"]))
        .collect()
}

#[test]
fn check_on_one_huge_line_of_ambiguous_mentions_is_linear_and_grouped() {
    let repeats = 250_000;
    let line = "Kim traf Kim. ".repeat(repeats);
    let corpus = Corpus::new(&kims(3), &[("zz-huge", article("Huge", &line))]);
    let list = best_of(corpus.path(), &["list"]);
    let check = best_of(corpus.path(), &["check"]);
    assert_eq!(check.code, Some(1), "{}", check.stderr);
    assert_ratio("check against list", &check, &list, 4);
    let out = check.stdout_text();
    let ambiguous: Vec<&str> = out.lines().filter(|l| l.contains("ambiguous")).collect();
    assert_eq!(ambiguous.len(), 1, "{ambiguous:?}");
    assert!(
        ambiguous[0].contains("zz-huge.md:7:1: ambiguous mention `Kim` ×500,000 (the first here)"),
        "{}",
        ambiguous[0]
    );
}

#[test]
fn a_thousand_entities_sharing_kim_on_a_big_article_cost_what_two_do() {
    let body = "Dann sagte Kim etwas. ".repeat(200_000); // 4.4 MB, 200,000 bare "Kim"
    let pages = [("big", article("Big", &body))];
    let many = Corpus::new(&kims(1_000), &pages);
    let two = Corpus::new(&kims(2), &pages);
    for command in [&["list"][..], &["check"][..]] {
        let base = best_of(two.path(), command);
        let heavy = best_of(many.path(), command);
        assert_ratio(&format!("{command:?} with 1,000 Kims"), &heavy, &base, 3);
        assert!(
            heavy.max_rss_kib < base.max_rss_kib * 2 + 64 * 1024,
            "{command:?}: {} KiB against {} KiB",
            heavy.max_rss_kib,
            base.max_rss_kib
        );
    }
}

/// A catalogue of `n` entities, one of them with `n` aliases; names share prefixes.
fn big_catalogue(n: usize) -> String {
    let mut text = String::new();
    let aliases: Vec<String> = (0..n).map(|i| format!("Vielnamig {i}")).collect();
    let aliases: Vec<&str> = aliases.iter().map(String::as_str).collect();
    text.push_str(&entity("vielnamig", "Vielnamig", &aliases));
    for i in 0..n {
        let name = format!("Person {i} Muster");
        let short = format!("Person {i}");
        text.push_str(&entity(&format!("p-{i}"), &name, &[&short]));
    }
    text
}

#[test]
fn commands_grow_linearly_with_the_catalogue() {
    let pages = [(
        "a",
        article("A", "Person 1 Muster traf Vielnamig 7 in Moskau."),
    )];
    let small = Corpus::new(&big_catalogue(2_000), &pages);
    let large = Corpus::new(&big_catalogue(20_000), &pages);
    let small_run = best_of(small.path(), &["list"]);
    let large_run = ok(best_of(large.path(), &["list"]));
    // Ten times the catalogue: about ten times the work, never a hundred.
    assert_ratio(
        "list, 20,000 against 2,000 entities",
        &large_run,
        &small_run,
        25,
    );
}

fn keymap(n: usize) -> String {
    let letters: Vec<char> = ('a'..='z').collect();
    let mut text = String::from("[reader]\n");
    for i in 0..n {
        let (a, b, c) = (i % 26, (i / 26) % 26, (i / 676) % 26);
        let _ = writeln!(
            text,
            "\"alt-{} alt-{} alt-{}\" = \"down\"",
            letters[c], letters[b], letters[a]
        );
    }
    text
}

#[test]
fn checking_a_keymap_grows_linearly_with_its_bindings() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small.toml");
    let large = dir.path().join("large.toml");
    std::fs::write(&small, keymap(1_000)).unwrap();
    std::fs::write(&large, keymap(10_000)).unwrap();
    let small_run = best_of(dir.path(), &["--keys", small.to_str().unwrap(), "keys"]);
    let large_run = ok(best_of(
        dir.path(),
        &["--keys", large.to_str().unwrap(), "keys"],
    ));
    assert!(large_run.stdout_text().lines().count() > 10_000);
    assert_ratio(
        "keys, 10,000 against 1,000 bindings",
        &large_run,
        &small_run,
        25,
    );
}

#[test]
fn millions_of_unterminated_escape_strings_load_as_fast_as_plain_text() {
    let hostile = "\u{1b}]a".repeat(2_000_000); // 6 MB, 2 million OSC introducers
    let plain = "abc ".repeat(1_500_000); // 6 MB of ordinary text
    let bad = Corpus::new("", &[("bad", article("Bad", &hostile))]);
    let good = Corpus::new("", &[("good", article("Good", &plain))]);
    let base = best_of(good.path(), &["list"]);
    let heavy = ok(best_of(bad.path(), &["list"]));
    assert_ratio("escape strings against plain text", &heavy, &base, 4);
}

#[test]
fn mentions_and_show_json_stream_rows_with_capped_context() {
    let rows = 100_000;
    let body = "Putin ".repeat(rows); // one sentence without an end
    let corpus = Corpus::new(
        &entity("putin", "Wladimir Putin", &["Putin"]),
        &[("p", article("P", &body))],
    );
    let list = best_of(corpus.path(), &["list"]);
    let mentions = ok(run(corpus.path(), &["mentions", "--json"]));
    let per_row = mentions.stdout.len() / rows;
    assert!(per_row < 1_000, "{per_row} bytes per row");
    let show = ok(run(corpus.path(), &["show", "p", "--json"]));
    for (what, r) in [("mentions --json", &mentions), ("show --json", &show)] {
        // Rows are written as they are made: memory stays near what loading takes.
        assert!(
            r.max_rss_kib < list.max_rss_kib * 2 + 32 * 1024,
            "{what}: {} KiB against list {} KiB",
            r.max_rss_kib,
            list.max_rss_kib
        );
    }
    let parsed: serde_json::Value = serde_json::from_slice(&mentions.stdout).unwrap();
    assert_eq!(parsed.as_array().map(Vec::len), Some(rows));
}

#[test]
fn searching_articles_with_megabyte_titles_costs_little_more_than_listing_them() {
    let title = "Wladiwostok ".repeat(90_000); // about 1 MB
    let pages: Vec<(String, String)> = (0..30)
        .map(|i| (format!("t{i:02}"), article(&title, "Ein kurzer Text.")))
        .collect();
    let pages: Vec<(&str, String)> = pages
        .iter()
        .map(|(id, t)| (id.as_str(), t.clone()))
        .collect();
    let corpus = Corpus::new("", &pages);
    let list = best_of(corpus.path(), &["list"]);
    let search = ok(best_of(
        corpus.path(),
        &["search", "wladiwostok", "--limit", "0"],
    ));
    let hits = search
        .stdout_text()
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .count();
    assert_eq!(hits, 30);
    assert_ratio("search against list", &search, &list, 3);
}
