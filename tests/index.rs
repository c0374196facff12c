//! The on-disk index: the SQLite store answers exactly as the in-memory store does (rows,
//! links, bm25 ranking, passages); a sync reads only what changed, drops what is gone and
//! re-links only what a catalogue change can affect; other schema versions and broken files
//! are rebuilt, never read; two processes building at once leave a sound index.

#[path = "../benches/support/corpus.rs"]
mod generated;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use dossier::corpus::Corpus;
use dossier::corpus::catalogue::{Catalogue, parse_catalogue};
use dossier::corpus::{Links, read_article_dir};
use dossier::store::mem::MemStore;
use dossier::store::sqlite::{Progress, SqliteStore, SyncReport};
use dossier::store::{self, CorpusStore};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn catalogue() -> Catalogue {
    let path = Path::new(ROOT).join("config/entities.toml");
    let bytes = std::fs::read(&path).expect("catalogue");
    parse_catalogue(&path.display().to_string(), &bytes).expect("catalogue parses")
}

/// The five real articles and `extra` generated ones in a fresh directory.
fn corpus_dir(root: &Path, extra: usize) -> PathBuf {
    let dir = root.join("articles");
    generated::generate(&dir, extra, 11).expect("generate articles");
    for entry in std::fs::read_dir(Path::new(ROOT).join("articles")).expect("articles") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "md") {
            std::fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

fn open(dir: &Path, cache: &Path, catalogue: Catalogue) -> (SqliteStore, SyncReport) {
    let (store, report, _) =
        SqliteStore::open(dir, cache, catalogue, Links::StayInside, &|_: Progress| {})
            .expect("index opens");
    (store, report)
}

fn mem(dir: &Path, catalogue: Catalogue) -> MemStore {
    let (files, problems) = read_article_dir(dir).expect("read articles");
    MemStore::new(Corpus::build(files, catalogue, problems))
}

const QUERIES: [&str; 14] = [
    "putin",
    "putin 2019",
    "schoigu wladiwostok",
    "Sanktionen",
    "sanctions",
    "\"Kim Jong-un\"",
    "\"koreanischen Halbinsel\"",
    "wladi*",
    "pjongjang",
    "@schoigu wladiwostok",
    "@lawrow",
    "@kim @putin",
    "xylophonquartett",
    "@nobodyknowsthisname",
];

#[test]
fn sqlite_and_memory_stores_give_the_same_rows_links_ranking_and_passages() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = corpus_dir(root.path(), 60);
    let (sqlite, report) = open(&dir, &root.path().join("cache"), catalogue());
    assert_eq!(report.added, 65);
    let memory = mem(&dir, catalogue());
    assert_eq!(sqlite.rows().unwrap(), memory.rows().unwrap());
    assert_eq!(
        sqlite.entity_counts().unwrap(),
        memory.entity_counts().unwrap()
    );
    for (entity, _) in memory.catalogue().iter().take(40) {
        assert_eq!(
            sqlite.articles_of(entity, 3, 7).unwrap(),
            memory.articles_of(entity, 3, 7).unwrap()
        );
    }
    for row in memory.rows().unwrap().iter().take(10) {
        let a = sqlite.article(row.key.as_str()).unwrap().expect("article");
        let b = memory.article(row.key.as_str()).unwrap().expect("article");
        assert_eq!(a.article.blocks, b.article.blocks);
        let strip = |ms: &[dossier::corpus::linker::Mention]| {
            ms.iter()
                .map(|m| (m.place, m.range.clone(), m.entity))
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(&a.mentions), strip(&b.mentions));
    }
    for (entity, _) in memory.catalogue().iter() {
        let sorted = |mut keys: Vec<(dossier::corpus::ids::ArticleKey, usize)>| {
            keys.sort();
            keys
        };
        assert_eq!(
            sorted(sqlite.keys_of(entity).unwrap()),
            sorted(memory.keys_of(entity).unwrap())
        );
    }
    let mut found_any = 0;
    for query in QUERIES {
        // A short page cut from the best only: the same as the in-memory store.
        for limit in [1, 3] {
            let from_index = store::search(&sqlite, query, limit, 0).unwrap();
            let from_memory = store::search(&memory, query, limit, 0).unwrap();
            let keys = |found: &[store::Found]| {
                found
                    .iter()
                    .map(|f| f.hit.row.key.to_string())
                    .collect::<Vec<_>>()
            };
            assert_eq!(keys(&from_index), keys(&from_memory), "{query}, {limit}");
        }
        let a = store::search(&sqlite, query, 30, 2).unwrap();
        let b = store::search(&memory, query, 30, 2).unwrap();
        let keys = |found: &[store::Found]| {
            found
                .iter()
                .map(|f| f.hit.row.key.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(&a), keys(&b), "{query}");
        for (x, y) in a.iter().zip(&b) {
            let tolerance = 1e-9 * x.hit.score.abs().max(1e-12);
            assert!(
                (x.hit.score - y.hit.score).abs() <= tolerance,
                "{query}: {} vs {}",
                x.hit.score,
                y.hit.score
            );
            assert_eq!(x.passages, y.passages, "{query}");
        }
        found_any += usize::from(!a.is_empty());
    }
    assert!(found_any >= 11, "most queries find something");
}

#[test]
fn search_needs_every_term_finds_word_forms_and_ranks_denser_articles_first() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("articles");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, body: &str| {
        let text =
            format!("+++\ntitle = \"{name}\"\ndate = \"2024\"\nsource = \"S\"\n+++\n\n{body}\n");
        std::fs::write(dir.join(format!("{name}.md")), text).unwrap();
    };
    write(
        "both",
        "Die Sanktionen trafen Wladiwostok. Sanktion um Sanktion.",
    );
    write(
        "one",
        "Die Sanktion allein, lange Rede, viele Worte und noch mehr Worte.",
    );
    write("other", "Nur Wladiwostok.");
    for n in 0..8 {
        write(&format!("filler{n}"), "Etwas ganz anderes steht hier.");
    }
    let (sqlite, _) = open(&dir, &root.path().join("cache"), catalogue());
    let keys = |q: &str| -> Vec<String> {
        store::search(&sqlite, q, 10, 1)
            .unwrap()
            .iter()
            .map(|f| f.hit.row.key.to_string())
            .collect()
    };
    assert_eq!(keys("sanktionen wladiwostok"), vec!["both"]);
    assert_eq!(keys("Sanktion"), vec!["both", "one"]);
    assert_eq!(keys("\"sanktion allein\""), vec!["one"]);
    assert_eq!(keys("\"allein sanktion\""), Vec::<String>::new());
}

#[test]
fn articles_scoring_alike_are_ranked_by_date_and_key_when_the_page_cuts_them() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("articles");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, date: &str| {
        let text = format!(
            "+++\ntitle = \"T\"\ndate = \"{date}\"\nsource = \"S\"\n+++\n\nDie Sanktionen trafen Wladiwostok.\n"
        );
        std::fs::write(dir.join(format!("{name}.md")), text).unwrap();
    };
    write("c", "2021");
    write("a", "2022");
    write("b", "2021");
    write("d", "2020");
    for n in 0..6 {
        let text = format!("+++\ntitle = \"F{n}\"\ndate = \"2024\"\n+++\n\nEtwas anderes.\n");
        std::fs::write(dir.join(format!("filler{n}.md")), text).unwrap();
    }
    let (sqlite, _) = open(&dir, &root.path().join("cache"), catalogue());
    let memory = mem(&dir, catalogue());
    for limit in 1..=5 {
        let keys = |store: &dyn CorpusStore| -> Vec<String> {
            store::search(store, "sanktionen wladiwostok", limit, 1)
                .unwrap()
                .iter()
                .map(|f| f.hit.row.key.to_string())
                .collect()
        };
        let expected: Vec<String> = ["d", "b", "c", "a"]
            .iter()
            .take(limit)
            .map(|k| k.to_string())
            .collect();
        assert_eq!(keys(&sqlite), expected, "limit {limit}");
        assert_eq!(keys(&memory), expected, "limit {limit}");
    }
}

#[test]
fn a_phrase_never_matches_across_a_paragraph_or_field_boundary_in_either_store() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("articles");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, title: &str, body: &str| {
        let text = format!(
            "+++\ntitle = \"{title}\"\ndate = \"2024\"\nsource = \"Quelle\"\n+++\n\n{body}\n"
        );
        std::fs::write(dir.join(format!("{name}.md")), text).unwrap();
    };
    // "Rasse" ends one paragraph and "Kater" starts the next; the title ends in "Morgen",
    // the source is "Quelle".
    write("split", "Ein Morgen", "Die Rasse\n\nKater schlafen.");
    write("joined", "Ein Abend", "Die Rasse Kater schlafen.");
    for n in 0..4 {
        write(
            &format!("filler{n}"),
            "Anderes",
            "Etwas ganz anderes steht hier.",
        );
    }
    let (sqlite, _) = open(&dir, &root.path().join("cache"), catalogue());
    let memory = mem(&dir, catalogue());
    for store in [&sqlite as &dyn CorpusStore, &memory] {
        let keys = |q: &str| -> Vec<String> {
            store::search(store, q, 10, 1)
                .unwrap()
                .iter()
                .map(|f| f.hit.row.key.to_string())
                .collect()
        };
        assert_eq!(keys("\"rasse kater\""), vec!["joined"]);
        assert_eq!(keys("\"morgen quelle\""), Vec::<String>::new());
        assert_eq!(keys("rasse kater").len(), 2, "separate words still match");
    }
}

/// Sets a file's modification time to `seconds` after the epoch (content unchanged).
fn set_mtime(path: &Path, seconds: u64) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
    file.set_times(std::fs::FileTimes::new().set_modified(time))
        .unwrap();
}

#[test]
fn sync_reads_only_changed_files_skips_touched_ones_and_drops_removed_ones() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = corpus_dir(root.path(), 20);
    let cache = root.path().join("cache");
    let (_, first) = open(&dir, &cache, catalogue());
    assert_eq!((first.added, first.articles), (25, 25));
    let (_, again) = open(&dir, &cache, catalogue());
    assert_eq!(
        (again.added, again.updated, again.removed, again.unchanged),
        (0, 0, 0, 25)
    );

    set_mtime(&dir.join("a000001.md"), 1_000_000);
    let changed = dir.join("a000002.md");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(&changed, format!("{text}\nZebrastreifenkontrolle.\n")).unwrap();
    set_mtime(&changed, 2_000_000);
    std::fs::remove_file(dir.join("a000003.md")).unwrap();
    std::fs::copy(dir.join("a000004.md"), dir.join("new-one.md")).unwrap();
    let (store, report) = open(&dir, &cache, catalogue());
    assert_eq!(
        (
            report.added,
            report.updated,
            report.removed,
            report.unchanged
        ),
        (1, 1, 1, 23),
        "{report:?}"
    );
    assert_eq!(report.articles, 25);
    let found = store::search(&store, "zebrastreifenkontrolle", 10, 1).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].hit.row.key.as_str(), "a000002");
    assert!(store.row("a000003").unwrap().is_none());
    assert!(store.row("new-one").unwrap().is_some());
}

#[test]
fn an_unchanged_directory_is_trusted_but_a_change_in_place_of_the_same_size_is_noticed() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = corpus_dir(root.path(), 6);
    let cache = root.path().join("cache");
    open(&dir, &cache, catalogue());
    let (_, again) = open(&dir, &cache, catalogue());
    assert_eq!((again.unchanged, again.articles), (11, 11), "{again:?}");

    // Same size, written in place (the directory itself does not change), a nanosecond
    // later than it was.
    let path = dir.join("a000001.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let at = text.rfind("Wladiwostok").expect("a word to replace");
    let edited = format!("{}Zebrakaefer{}", &text[..at], &text[at + 11..]);
    assert_eq!(edited.len(), text.len());
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    std::io::Write::write_all(&mut &file, edited.as_bytes()).unwrap();
    file.set_times(
        std::fs::FileTimes::new().set_modified(before + std::time::Duration::from_nanos(1)),
    )
    .unwrap();
    drop(file);
    let (store, report) = open(&dir, &cache, catalogue());
    assert_eq!((report.updated, report.unchanged), (1, 10), "{report:?}");
    let found = store::search(&store, "zebrakaefer", 10, 0).unwrap();
    assert_eq!(found.len(), 1, "the new word is found");

    // A catalogue whose forms changed is a change too, though no file is.
    let bytes = std::fs::read(Path::new(ROOT).join("config/entities.toml")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let with_alias = text.replacen("aliases = [", "aliases = [\"Zebrakaefer\", ", 1);
    let changed = parse_catalogue("entities.toml", with_alias.as_bytes()).expect("parses");
    let (_, relinked) = open(&dir, &cache, changed);
    assert_eq!(relinked.relinked, 1, "{relinked:?}");

    // Removing and adding files is noticed with or without a change of size or time.
    std::fs::remove_file(dir.join("a000002.md")).unwrap();
    let (_, removed) = open(&dir, &cache, catalogue());
    assert_eq!((removed.removed, removed.articles), (1, 10), "{removed:?}");
}

#[test]
fn a_broken_article_is_remembered_with_its_warning_and_indexed_once_fixed() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = corpus_dir(root.path(), 2);
    let cache = root.path().join("cache");
    let broken = dir.join("broken.md");
    // Front matter that never ends: the article cannot be read.
    std::fs::write(&broken, "+++\ntitle = \"x\"\n\nText.\n").unwrap();
    for _ in 0..2 {
        let (store, _) = open(&dir, &cache, catalogue());
        let skipped = store.skipped().unwrap();
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert!(skipped[0].path.ends_with("broken.md"));
        assert!(skipped[0].message.starts_with("skipped:"), "{}", skipped[0]);
    }
    std::fs::write(
        &broken,
        "+++\ntitle = \"x\"\ndate = \"2020\"\nsource = \"s\"\n+++\n\nText.\n",
    )
    .unwrap();
    set_mtime(&broken, 3_000_000);
    let (store, report) = open(&dir, &cache, catalogue());
    assert_eq!(report.updated, 1);
    assert!(store.skipped().unwrap().is_empty());
    assert!(store.row("broken").unwrap().is_some());
}

#[test]
fn a_catalogue_change_relinks_only_the_articles_holding_the_changed_form() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = corpus_dir(root.path(), 30);
    let cache = root.path().join("cache");
    // An article naming a new entity twice, once in the genitive.
    std::fs::write(
        dir.join("zz-new.md"),
        "+++\ntitle = \"Neu\"\ndate = \"2024\"\nsource = \"S\"\n+++\n\nQuuxland grüßt. Quuxlands Gruß.\n",
    )
    .unwrap();
    open(&dir, &cache, catalogue());
    let toml = std::fs::read_to_string(Path::new(ROOT).join("config/entities.toml")).unwrap();
    let extended = format!(
        "{toml}\n[[entity]]\nid = \"quuxland\"\nname = \"Quuxland\"\nkind = \"country\"\nsummary = \"Ein Testland.\"\n"
    );
    let changed = parse_catalogue("entities.toml", extended.as_bytes()).unwrap();
    let (store, report) = open(&dir, &cache, changed.clone());
    assert_eq!(report.relinked, 1, "{report:?}");
    assert_eq!(report.unchanged, 35);
    let fresh = mem(&dir, changed);
    assert_eq!(
        store.entity_counts().unwrap(),
        fresh.entity_counts().unwrap()
    );
    let quux = store.catalogue().get("quuxland").unwrap();
    let rows = store.articles_of(quux, 0, 10).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].0.key.as_str(), rows[0].1), ("zz-new", 2));
    // Back to the original catalogue: the links go again.
    let (store, report) = open(&dir, &cache, catalogue());
    assert_eq!(report.relinked, 1, "{report:?}");
    assert_eq!(
        store.entity_counts().unwrap(),
        mem(&dir, catalogue()).entity_counts().unwrap()
    );
}

fn index_file(cache: &Path) -> PathBuf {
    std::fs::read_dir(cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "sqlite"))
        .expect("an index file")
}

#[test]
fn an_index_of_another_schema_version_is_rebuilt_never_read() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = corpus_dir(root.path(), 3);
    let cache = root.path().join("cache");
    open(&dir, &cache, catalogue());
    let path = index_file(&cache);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("DELETE FROM file; CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let (store, report) = open(&dir, &cache, catalogue());
    assert_eq!(report.added, 8, "rebuilt from the files: {report:?}");
    assert_eq!(store.rows().unwrap().len(), 8);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let future: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'future'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(future, 0);
}

#[test]
fn an_index_file_that_is_not_a_database_is_replaced() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = corpus_dir(root.path(), 3);
    let cache = root.path().join("cache");
    open(&dir, &cache, catalogue());
    let path = index_file(&cache);
    std::fs::write(&path, vec![0x5a; 8192]).unwrap();
    let _ = std::fs::remove_file(path.with_extension("sqlite-wal"));
    let (store, report) = open(&dir, &cache, catalogue());
    assert_eq!(report.added, 8);
    assert_eq!(store.rows().unwrap().len(), 8);
}

fn dossier(cache: &Path, dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .arg("--articles")
        .arg(dir)
        .arg("--catalogue")
        .arg(Path::new(ROOT).join("config/entities.toml"))
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .env("HOME", cache)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

#[test]
fn two_processes_building_at_once_leave_a_sound_index() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = corpus_dir(root.path(), 300);
    let cache = root.path().join("cache");
    let children: Vec<_> = (0..2)
        .map(|_| {
            dossier(&cache, &dir, &["index", "--json"])
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut added = 0;
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(report["articles"], 305);
        added += report["added"].as_u64().unwrap_or(0);
    }
    assert_eq!(added, 305, "the files were indexed once, by one of them");
    let conn = rusqlite::Connection::open(index_file(&cache.join("dossier"))).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let fts: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM text WHERE text MATCH 'putin'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(fts > 0);
}

#[test]
fn a_build_killed_midway_is_finished_by_the_next_run() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = corpus_dir(root.path(), 3000);
    let cache = root.path().join("cache");
    let mut child = dossier(&cache, &dir, &["index"]).spawn().expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(400));
    let _ = child.kill();
    let _ = child.wait();
    let out = dossier(&cache, &dir, &["index", "--json"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["articles"], 3005);
    let list = dossier(&cache, &dir, &["list"]).output().expect("run");
    assert_eq!(String::from_utf8_lossy(&list.stdout).lines().count(), 3005);
}

#[test]
fn index_json_reports_what_changed() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = corpus_dir(root.path(), 4);
    let cache = root.path().join("cache");
    let run = |args: &[&str]| {
        let out = dossier(&cache, &dir, args).output().expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    let out = run(&["index", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let keys: Vec<&str> = report
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        vec![
            "added",
            "articles",
            "relinked",
            "removed",
            "seconds",
            "unchanged",
            "updated"
        ]
    );
    assert_eq!(
        (report["articles"].as_u64(), report["added"].as_u64()),
        (Some(9), Some(9))
    );
    assert!(report["seconds"].is_f64());
    let text = String::from_utf8_lossy(&run(&["index"]).stdout).to_string();
    assert!(
        text.starts_with("9 articles: 0 added, 0 updated, 0 removed, 9 unchanged"),
        "{text}"
    );
}

#[test]
fn an_unusable_cache_directory_falls_back_to_reading_every_file_with_a_warning() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = corpus_dir(root.path(), 2);
    let blocked = root.path().join("not-a-directory");
    std::fs::write(&blocked, "x").unwrap();
    let out = dossier(&blocked, &dir, &["list"]).output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 7);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the index cannot be used"), "{stderr}");
}

/// Runs dossier on `dir` with the index in `cache` (`None`: no cache directory, so every file
/// is read into memory) and the notes in `data`; returns (status, stdout, stderr).
fn run_with(cache: Option<&Path>, data: &Path, dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut command = Command::new(BIN);
    command
        .arg("--articles")
        .arg(dir)
        .arg("--catalogue")
        .arg(Path::new(ROOT).join("config/entities.toml"))
        .args(args)
        .env_remove("HOME")
        .env_remove("XDG_CACHE_HOME")
        .env("XDG_DATA_HOME", data)
        .env("XDG_CONFIG_HOME", data)
        .env("XDG_STATE_HOME", data)
        .stdin(Stdio::null());
    if let Some(cache) = cache {
        command.env("XDG_CACHE_HOME", cache);
    }
    let output = command.output().expect("run dossier");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn check_timeline_notes_and_export_say_the_same_from_the_index_as_from_memory() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = corpus_dir(root.path(), 40);
    // An ambiguous mention, a broken article and an unknown front matter field.
    std::fs::copy(
        Path::new(ROOT).join("tests/fixtures/ambiguous-kim.md"),
        dir.join("ambiguous-kim.md"),
    )
    .unwrap();
    std::fs::write(dir.join("broken.md"), "+++\ntitle = \"never ends\"\n").unwrap();
    std::fs::write(
        dir.join("odd.md"),
        "+++\ntitle = \"Odd\"\ndate = \"2019-04-25\"\nmood = \"grey\"\n+++\n\nPutin traf Kim Jong-un im April 2019 in Wladiwostok.\n",
    )
    .unwrap();
    let cache = root.path().join("cache");
    let (data_index, data_memory) = (root.path().join("d1"), root.path().join("d2"));
    let first = memory_or_index_rows(&dir);
    for data in [&data_index, &data_memory] {
        let cache = if *data == data_index {
            Some(cache.as_path())
        } else {
            None
        };
        for (quote, extra) in [
            ("Wladiwostok", vec!["--tag", "gipfel"]),
            ("Putin", vec!["--note", "wer sonst", "--bookmark"]),
        ] {
            let mut args = vec!["note", "add", "odd", "--quote", quote];
            args.extend(extra);
            let (code, out, err) = run_with(cache, data, &dir, &args);
            assert_eq!(code, 0, "{out}{err}");
        }
        let mut args = vec!["note", "add", first.as_str(), "--quote", "Kim Jong-un"];
        args.extend(["--paragraph", "1"]);
        // The first article may or may not hold the words in its first paragraph: both
        // ways must agree, so the outcome is compared, not required.
        let _ = run_with(cache, data, &dir, &args);
    }
    assert!(
        std::fs::read_dir(&cache).unwrap().next().is_some(),
        "the first runs used an index"
    );
    let commands: [&[&str]; 10] = [
        &["check"],
        &["check", "--json"],
        &["timeline"],
        &["timeline", "--entity", "putin", "--json"],
        &["notes"],
        &["notes", "--json", "--entity", "wladiwostok"],
        &["notes", "--article", "od"],
        &["export"],
        &["export", "--format", "json", "--group", "entity"],
        &["export", "--group", "entity", "--tag", "gipfel"],
    ];
    for args in commands {
        let from_index = run_with(Some(&cache), &data_index, &dir, args);
        let from_memory = run_with(None, &data_memory, &dir, args);
        let strip_times = |s: &str| -> String {
            s.lines()
                .filter(|l| !l.contains("\"created\"") && !l.contains("\"updated\""))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(from_index.0, from_memory.0, "{args:?}");
        assert_eq!(
            strip_times(&from_index.1),
            strip_times(&from_memory.1),
            "{args:?}"
        );
        assert!(
            !from_index.1.trim().is_empty(),
            "{args:?} printed something"
        );
    }
    let (_, check, _) = run_with(Some(&cache), &data_index, &dir, &["check"]);
    for expected in ["broken.md", "ambiguous mention `Kim`", "mood"] {
        assert!(check.contains(expected), "{expected} in {check}");
    }
    let (_, timeline, _) = run_with(Some(&cache), &data_index, &dir, &["timeline"]);
    assert!(
        timeline.contains("2019-04     odd#1  Putin traf"),
        "{timeline}"
    );
}

/// The key of the first article in order (oldest), as `list --json` gives it.
fn memory_or_index_rows(dir: &Path) -> String {
    let memory = mem(dir, catalogue());
    memory.rows().unwrap()[0].key.to_string()
}
