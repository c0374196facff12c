//! Hostile articles: escape sequences, C1 controls, bidi and zero-width characters in every
//! place an article can hold text, a 20 MB one-line article, 10,000 tiny articles, quotes
//! nested 10,000 deep, invalid UTF-8, files that vanish or cannot be read, a directory named
//! like an article. Each runs through the library and the binary (`list`, `show`, `--json`,
//! `mentions`, `search`), and the escape cases through the reader drawn on a `TestBackend`.
//!
//! Nothing may panic or hang, nothing hostile may reach the output, and a good article placed
//! next to the hostile ones always loads and shows exactly as it does alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use dossier::config::keymap::Keymap;
use dossier::config::settings::Options;
use dossier::corpus::catalogue::{Catalogue, parse_catalogue};
use dossier::corpus::ids::ArticleId;
use dossier::corpus::sanitize::is_clean;
use dossier::corpus::{Corpus, read_article_dir};
use dossier::tui::app::App;
use dossier::tui::nav::Jump;
use dossier::tui::ui::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// The good article that sits next to the hostile ones.
const GOOD: &str = "tagesanzeiger-2024-choe-in-moskau";
/// How long one run of the binary or one load may take before it counts as hung.
const HANG: Duration = Duration::from_secs(60);
/// How long a step over a few megabytes of hostile text may take: a linear pass takes a few
/// seconds even with the machine's cores busy with other work, a quadratic one hours.
const LINEAR: Duration = Duration::from_secs(40);

// ---------------------------------------------------------------------------------------------
// What must never come out

/// Characters that must never reach a terminal: controls (but the newline), bidi controls,
/// zero-width and invisible formatting characters.
fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{ad}' | '\u{61c}' | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{e0000}'..='\u{e007f}'
        )
}

/// What an escape sequence carried; if it shows up, the sequence was not removed whole.
const PAYLOADS: [&str; 4] = ["pwned", "cm0gLXJmIH4", "2J", "31m"];

/// No character that could act on the terminal. Messages may quote a hostile value, made
/// visible as `\u{1b}[2J`: harmless, though the payload is still there to read.
fn assert_harmless(text: &str, what: &str) {
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| is_hostile(c)) {
        let from = text[..i].char_indices().rev().nth(30).map_or(0, |(j, _)| j);
        panic!(
            "{what}: {c:?} (U+{:04X}) at byte {i}, after {:?}",
            c as u32,
            &text[from..i]
        );
    }
}

/// Harmless, and every escape sequence was removed whole: article text as loaded and shown.
fn assert_clean_text(text: &str, what: &str) {
    assert_harmless(text, what);
    for payload in PAYLOADS {
        assert!(
            !text.contains(payload),
            "{what}: escape payload {payload:?} leaked"
        );
    }
}

/// Every string inside a JSON value.
fn assert_json_harmless(value: &Value, what: &str) {
    match value {
        Value::String(s) => assert_clean_text(s, what),
        Value::Array(items) => items.iter().for_each(|v| assert_json_harmless(v, what)),
        Value::Object(map) => {
            for (k, v) in map {
                assert_harmless(k, what);
                assert_json_harmless(v, what);
            }
        }
        _ => {}
    }
}

fn assert_corpus_harmless(corpus: &Corpus) {
    for a in corpus.articles() {
        let front = &a.front;
        for (field, text) in [
            ("id", &a.id.to_string()),
            ("title", &front.title),
            ("source", &front.source),
            ("date", &front.date),
            ("language", &front.language),
        ]
        .into_iter()
        .chain(front.author.iter().map(|s| ("author", s)))
        .chain(front.lead.iter().map(|s| ("lead", s)))
        {
            assert!(is_clean(text), "{}: {field} {text:?}", a.id);
            assert_clean_text(text, &format!("{} {field}", a.id));
        }
        for (b, block) in a.blocks.iter().enumerate() {
            assert!(is_clean(&block.text), "{} block {b}", a.id);
            assert_clean_text(&block.text, &format!("{} block {b}", a.id));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Building article directories and running the binary

/// A temporary directory that is the working directory, HOME and every XDG directory.
struct Sandbox {
    dir: TempDir,
}

/// What one run of the binary produced.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A fresh articles directory holding the good article.
    fn articles(&self) -> PathBuf {
        let dir = self.path().join("articles");
        std::fs::create_dir_all(&dir).expect("articles directory");
        std::fs::write(dir.join(format!("{GOOD}.md")), good_text()).expect("good article");
        dir
    }

    /// Runs the binary on `articles` with the repository's catalogue.
    fn run(&self, articles: &Path, args: &[&str]) -> Run {
        let home = self.path().join("home");
        let work = self.path().join("work");
        for dir in [&home, &work] {
            std::fs::create_dir_all(dir).expect("sandbox directory");
        }
        let catalogue = Path::new(ROOT).join("config/entities.toml");
        let started = Instant::now();
        let child = Command::new(BIN)
            .arg("--articles")
            .arg(articles)
            .arg("--catalogue")
            .arg(&catalogue)
            .args(args)
            .current_dir(&work)
            .env_remove("DOSSIER_ARTICLES")
            .env_remove("DOSSIER_CATALOGUE")
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run dossier");
        // A hang is a failure, not a stuck test run.
        let pid = child.id();
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = sender.send(child.wait_with_output());
        });
        let output: Output = match receiver.recv_timeout(HANG) {
            Ok(output) => output.expect("wait for dossier"),
            Err(_) => {
                // SAFETY: kill(2) on the child we started and have not reaped.
                unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
                panic!("dossier {args:?} hung for {HANG:?}");
            }
        };
        Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            took: started.elapsed(),
        }
    }

    /// Runs and asserts success and harmless output on both streams.
    fn run_ok(&self, articles: &Path, args: &[&str]) -> Run {
        let run = self.run(articles, args);
        assert_eq!(
            run.code,
            Some(0),
            "dossier {args:?} failed\nstdout:\n{}\nstderr:\n{}",
            run.stdout,
            run.stderr
        );
        let what = format!("dossier {}", args.join(" "));
        assert_clean_text(&run.stdout, &format!("{what} (stdout)"));
        assert_harmless(&run.stderr, &format!("{what} (stderr)"));
        run
    }
}

fn good_text() -> String {
    std::fs::read_to_string(Path::new(ROOT).join(format!("articles/{GOOD}.md")))
        .expect("read the good article")
}

fn catalogue() -> Catalogue {
    let path = Path::new(ROOT).join("config/entities.toml");
    let bytes = std::fs::read(&path).expect("read the catalogue");
    parse_catalogue("config/entities.toml", &bytes).expect("the catalogue loads")
}

fn load(dir: &Path) -> Corpus {
    let (files, problems) = read_article_dir(dir).expect("read the articles directory");
    Corpus::build(files, catalogue(), problems)
}

/// `load`, failing instead of hanging when reading blocks.
fn load_within(dir: &Path, limit: Duration) -> Corpus {
    let dir = dir.to_path_buf();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(load(&dir));
    });
    receiver
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("loading the articles hung for {limit:?}"))
}

/// `show GOOD`, `show GOOD --json` and the good article's `list` row, from a directory that
/// holds only it: what it must look like wherever it sits.
fn good_alone() -> (String, String, String) {
    use std::sync::OnceLock;
    static ALONE: OnceLock<(String, String, String)> = OnceLock::new();
    ALONE
        .get_or_init(|| {
            let sandbox = Sandbox::new();
            let dir = sandbox.articles();
            (
                sandbox.run_ok(&dir, &["show", GOOD]).stdout,
                sandbox.run_ok(&dir, &["show", GOOD, "--json"]).stdout,
                sandbox.run_ok(&dir, &["list"]).stdout,
            )
        })
        .clone()
}

/// The good article loads and shows exactly as it does alone.
fn assert_good_article_intact(sandbox: &Sandbox, dir: &Path) {
    let (show, json, list) = good_alone();
    assert_eq!(sandbox.run_ok(dir, &["show", GOOD]).stdout, show);
    assert_eq!(sandbox.run_ok(dir, &["show", GOOD, "--json"]).stdout, json);
    let listed = sandbox.run_ok(dir, &["list"]).stdout;
    let row = list.lines().next().expect("a row");
    assert!(
        listed.lines().any(|l| l == row),
        "{GOOD} missing from list:\n{listed}"
    );
    let corpus = load(dir);
    assert!(corpus.article_id(GOOD).is_some(), "{GOOD} not loaded");
}

// ---------------------------------------------------------------------------------------------
// Escape sequences, C1 controls, bidi overrides and zero-width characters

/// Terminal attacks as raw characters.
const RAW: &[&str] = &[
    "\u{1b}[2J",                        // clear screen
    "\u{1b}[H",                         // cursor home
    "\u{1b}]0;pwned\u{7}",              // window title
    "\u{1b}]52;c;cm0gLXJmIH4=\u{7}",    // OSC 52: set the clipboard
    "\u{1b}]52;c;cm0gLXJmIH4=\u{1b}\\", // the same, ended by ST
    "\u{1b}]8;;http://pwned\u{1b}\\",   // hyperlink
    "\u{1b}P+qpwned\u{1b}\\",           // DCS
    "\u{9b}2J",                         // C1 CSI: clear screen
    "\u{9b}31m",                        // C1 CSI: red
    "\u{9d}0;pwned\u{9c}",              // C1 OSC
    "\u{85}",                           // C1 next line
    "\u{202e}",                         // right-to-left override
    "\u{2066}",                         // left-to-right isolate
    "\u{2067}",                         // right-to-left isolate
    "\u{2068}",                         // first strong isolate
    "\u{2069}",                         // pop directional isolate
    "\u{200b}",                         // zero width space
    "\u{200c}",                         // zero width non-joiner
    "\u{200d}",                         // zero width joiner
    "\u{feff}",                         // byte order mark
    "\u{7}",                            // bell
    "\u{8}",                            // backspace
    "\u{7f}",                           // delete
];

/// The same attacks as TOML escapes, for front matter strings (they decode after the file
/// was sanitized).
const TOML_ESCAPED: &[&str] = &[
    "\\u001b[2J",
    "\\u001b]0;pwned\\u0007",
    "\\u001b]52;c;cm0gLXJmIH4=\\u0007",
    "\\u009b31m",
    "\\u009d0;pwned\\u009c",
    "\\u0085",
    "\\u202e",
    "\\u2066",
    "\\u2069",
    "\\u200b",
    "\\u200d",
    "\\ufeff",
    "\\u0007",
    "\\b",
    "\\r",
    "\\u007f",
];

/// `text` with every attack of `attacks` woven in between its words.
fn laced(text: &str, attacks: &[&str]) -> String {
    let mut out = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(attacks[i % attacks.len()]);
        out.push_str(word);
    }
    out.push_str(&attacks.concat());
    out
}

/// An article with raw attacks in the front matter strings and in every kind of block.
fn raw_article() -> String {
    let r = |s: &str| laced(s, RAW);
    format!(
        "+++\ntitle = \"{}\"\ndate = \"2024-03\"\nsource = \"{}\"\nauthor = \"{}\"\nlead = \"{}\"\n+++\n\n{}\n\n## {}\n\n> {}\n> > {}\n\n! {}\n\n{}[1]\n\nZeile eins\rZeile zwei\r\nZeile\u{2028}drei\n\n[1]: {}\n",
        r("Kim Jong-un trifft Putin in Moskau"),
        r("Hostile Zeitung"),
        r("Eve Angreiferin"),
        r("Ein Vorspann mit Sequenzen"),
        r("Kim Jong-un reiste nach Wladiwostok, wo Wladimir Putin ihn empfing."),
        r("Waffen für den Ukraine-Krieg"),
        r("Unsere beiden Länder stehen unter US-Sanktionen."),
        r("Tief verschachtelt zitiert."),
        r("Kim Jong-un und Putin prosten sich zu. Foto: AP"),
        r("Sergei Lawrow besuchte Pjöngjang."),
        r("Eine Quelle mit Sequenzen."),
    )
}

/// An article whose front matter carries the attacks as TOML escapes.
fn escaped_article() -> String {
    let e = |s: &str| laced(s, TOML_ESCAPED);
    format!(
        "+++\ntitle = \"{}\"\ndate = \"2023\"\nsource = \"{}\"\nauthor = \"{}\"\nlanguage = \"{}\"\nlead = \"{}\"\n+++\n\nKim Jong-un\u{200b} und Mos\u{200d}kau, Pjöng\u{feff}jang.\n",
        e("Escaped Titel über Nordkorea"),
        e("Escaped Quelle"),
        e("Escaped Autor"),
        e("de"),
        e("Escaped Vorspann"),
    )
}

/// Attacks in a multi-line TOML string, a literal string and a heading only.
fn odd_places_article() -> String {
    String::from(
        "+++\ntitle = \"\"\"\nMehrzeilig \\u001b[2J\nTitel \u{1b}]0;pwned\u{7}\"\"\"\ndate = \"2019-04-25\"\nsource = 'Literal \u{202e}Quelle\u{9b}31m'\n+++\n## \u{1b}[2J\u{202e}Nur\u{200b} eine Überschrift\u{85}\n",
    )
}

fn hostile_dir(sandbox: &Sandbox) -> PathBuf {
    let dir = sandbox.articles();
    std::fs::write(dir.join("hostile-raw.md"), raw_article()).unwrap();
    std::fs::write(dir.join("hostile-escaped.md"), escaped_article()).unwrap();
    std::fs::write(dir.join("hostile-odd.md"), odd_places_article()).unwrap();
    dir
}

#[test]
fn escape_sequences_and_invisible_characters_never_reach_the_corpus() {
    let sandbox = Sandbox::new();
    let corpus = load(&hostile_dir(&sandbox));
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    assert_eq!(corpus.articles().len(), 4);
    assert_corpus_harmless(&corpus);
    // What remains is the text itself, and it links.
    let raw = corpus
        .article(corpus.article_id("hostile-raw").unwrap())
        .unwrap();
    assert_eq!(raw.front.title, "Kim Jong-un trifft Putin in Moskau");
    assert_eq!(raw.front.author.as_deref(), Some("Eve Angreiferin"));
    let texts: Vec<&str> = raw.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Kim Jong-un reiste nach Wladiwostok, wo Wladimir Putin ihn empfing.",
            "Waffen für den Ukraine-Krieg",
            "Unsere beiden Länder stehen unter US-Sanktionen. Tief verschachtelt zitiert.",
            "Kim Jong-un und Putin prosten sich zu. Foto: AP",
            "Sergei Lawrow besuchte Pjöngjang.[1]",
            "Zeile eins Zeile zwei Zeile drei",
            "Eine Quelle mit Sequenzen.",
        ]
    );
    let escaped = corpus
        .article(corpus.article_id("hostile-escaped").unwrap())
        .unwrap();
    assert_eq!(escaped.front.title, "Escaped Titel über Nordkorea");
    assert_eq!(escaped.front.language, "de");
    assert_eq!(escaped.blocks[0].text, "Kim Jong-un und Moskau, Pjöngjang.");
    let a = corpus.article_id("hostile-escaped").unwrap();
    assert!(
        corpus.links.entities_in(a).len() >= 3,
        "zero-width characters inside names must not stop linking"
    );
}

#[test]
fn escape_sequences_and_invisible_characters_never_reach_the_command_line() {
    let sandbox = Sandbox::new();
    let dir = hostile_dir(&sandbox);
    sandbox.run_ok(&dir, &["list"]);
    let list = sandbox.run_ok(&dir, &["list", "--json"]);
    let rows: Value = serde_json::from_str(&list.stdout).expect("list --json");
    assert_json_harmless(&rows, "list --json");
    assert_eq!(rows.as_array().map(Vec::len), Some(4));
    for id in ["hostile-raw", "hostile-escaped", "hostile-odd", GOOD] {
        for width in ["80", "10"] {
            sandbox.run_ok(&dir, &["show", id, "--width", width]);
        }
        let json = sandbox.run_ok(&dir, &["show", id, "--json"]);
        let value: Value = serde_json::from_str(&json.stdout).expect("show --json");
        assert_json_harmless(&value, &format!("show {id} --json"));
        sandbox.run_ok(&dir, &["mentions", "--article", id]);
    }
    let mentions = sandbox.run_ok(&dir, &["mentions", "--json"]);
    let value: Value = serde_json::from_str(&mentions.stdout).expect("mentions --json");
    assert_json_harmless(&value, "mentions --json");
    assert!(
        value.as_array().is_some_and(|m| m
            .iter()
            .any(|m| m["article"] == "hostile-raw" && m["entity"] == "kim-jong-un")),
        "the hostile article still links"
    );
    sandbox.run_ok(&dir, &["mentions"]);
    for query in [
        "Kim", "@kim", "hostile", "Escaped", "Quelle", "\u{202e}", "2J",
    ] {
        sandbox.run_ok(&dir, &["search", query]);
        let json = sandbox.run_ok(&dir, &["search", query, "--json"]);
        let value: Value = serde_json::from_str(&json.stdout).expect("search --json");
        assert_json_harmless(&value, &format!("search {query} --json"));
    }
    let titles = sandbox
        .run_ok(&dir, &["search", "Escaped", "--json"])
        .stdout;
    assert!(titles.contains("hostile-escaped"), "{titles}");
    assert_good_article_intact(&sandbox, &dir);
}

/// Attacks in places the loader reports: an unknown field (a warning, the article loads), an
/// impossible date and a field of the wrong type (the article is skipped), each with an escape
/// sequence in what the message quotes.
#[test]
fn warnings_about_broken_articles_carry_no_escape_sequences() {
    let sandbox = Sandbox::new();
    let dir = sandbox.articles();
    let files = [
        (
            "bad-field",
            "+++\ntitle = \"x\"\ndate = \"2024\"\nsource = \"s\"\n\"\\u001b]0;pwned\\u0007\\u202e\" = \"y\"\n+++\nText\n",
        ),
        (
            "bad-date",
            "+++\ntitle = \"x\"\ndate = \"\\u001b[2J\\u202e2024-13\\u0085\"\nsource = \"s\"\n+++\nText\n",
        ),
        (
            "bad-type",
            "+++\ntitle = \"x\"\ndate = \"2024\"\nsource = [\"\\u001b]52;c;cm0gLXJmIH4=\\u0007\"]\n+++\nText\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(format!("{name}.md")), text).unwrap();
    }
    let corpus = load(&dir);
    assert_eq!(corpus.articles().len(), 2, "{:?}", corpus.skipped);
    assert_eq!(corpus.skipped.len(), 2, "{:?}", corpus.skipped);
    assert_eq!(corpus.warnings.len(), 1, "{:?}", corpus.warnings);
    for problem in corpus.skipped.iter().chain(&corpus.warnings) {
        assert_harmless(&problem.to_string(), "a broken article's warning");
    }
    let list = sandbox.run_ok(&dir, &["list"]);
    assert_eq!(list.stderr.matches("warning").count(), 3, "{}", list.stderr);
    assert_harmless(&list.stdout, "list (stdout)");
    assert_harmless(&list.stderr, "list (stderr)");
    let check = sandbox.run(&dir, &["check"]);
    assert_eq!(check.code, Some(1));
    assert_harmless(&check.stdout, "check (stdout)");
    assert_harmless(&check.stderr, "check (stderr)");
    assert_good_article_intact(&sandbox, &dir);
}

/// A file name is text that reaches the terminal too (`list`, warnings, JSON paths).
#[test]
fn escape_sequences_in_file_names_never_reach_the_output() {
    let sandbox = Sandbox::new();
    let dir = sandbox.articles();
    let names = [
        "evil\u{1b}]0;pwned\u{7}",
        "evil\u{1b}[2J",
        "rtl\u{202e}dm",
        "zero\u{200b}width",
        "c1\u{9b}31m",
    ];
    for name in names {
        std::fs::write(dir.join(format!("{name}.md")), good_text()).unwrap();
    }
    let corpus = load(&dir);
    assert_corpus_harmless(&corpus);
    assert_eq!(corpus.articles().len(), 1, "only the good article loads");
    assert_eq!(corpus.skipped.len(), names.len(), "{:?}", corpus.skipped);
    for problem in &corpus.skipped {
        assert!(problem.message.contains("file name"), "{problem:?}");
        assert_harmless(&problem.to_string(), "a skipped file's warning");
    }
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["mentions", "--json"],
        &["search", "Kim"],
    ] {
        sandbox.run_ok(&dir, args);
    }
    let json: Value =
        serde_json::from_str(&sandbox.run_ok(&dir, &["list", "--json"]).stdout).unwrap();
    assert_json_harmless(&json, "list --json");
    let check = sandbox.run(&dir, &["check"]);
    assert_eq!(check.code, Some(1), "skipped files are problems");
    assert_harmless(&check.stdout, "check (stdout)");
    assert_harmless(&check.stderr, "check (stderr)");
    assert_good_article_intact(&sandbox, &dir);
}

// ---------------------------------------------------------------------------------------------
// The reader's own rendering

/// Draws `app` and asserts that no cell holds a control, bidi or zero-width character.
fn assert_screen_harmless(app: &App, what: &str) {
    let (w, h) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal.draw(|f| draw(app, f)).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut screen = String::new();
    for y in 0..h {
        for x in 0..w {
            let symbol = buffer[(x, y)].symbol();
            if let Some(c) = symbol.chars().find(|&c| is_hostile(c)) {
                panic!("{what}: cell ({x}, {y}) holds {c:?} in {symbol:?}");
            }
            screen.push_str(symbol);
        }
        screen.push('\n');
    }
    for payload in ["pwned", "cm0gLXJmIH4"] {
        assert!(
            !screen.contains(payload),
            "{what}: {payload:?} on screen:\n{screen}"
        );
    }
}

#[test]
fn the_reader_draws_hostile_articles_without_control_or_bidi_characters() {
    let sandbox = Sandbox::new();
    let corpus = load(&hostile_dir(&sandbox));
    let count = corpus.articles().len();
    let options = Options {
        palette: None,
        ..Options::default()
    };
    let mut app = App::new(corpus, Keymap::defaults(), options, (120, 40));
    assert_screen_harmless(&app, "the list");
    for size in [(120, 40), (60, 20), (20, 6)] {
        app.resize(size.0, size.1);
        for article in 0..count {
            let what = format!("article {article} at {size:?}");
            app.jump(
                Jump::Article(ArticleId::from_index(article)),
                Instant::now(),
            );
            assert_screen_harmless(&app, &what);
            app.press("j enter ] ] G").unwrap();
            assert_screen_harmless(&app, &format!("{what} after j enter ] ] G"));
            app.press("1 j enter tab ] [ 3 j enter").unwrap();
            assert_screen_harmless(&app, &format!("{what} after the sidebar"));
            app.press("ctrl-f").unwrap();
            app.type_text("Kim");
            assert_screen_harmless(&app, &format!("{what} finding Kim"));
            app.press("esc e").unwrap();
            app.type_text("kim");
            assert_screen_harmless(&app, &format!("{what} in the entity finder"));
            app.press("esc 1 /").unwrap();
            app.type_text("Esc");
            assert_screen_harmless(&app, &format!("{what} filtering the list"));
            app.press("esc ?").unwrap();
            assert_screen_harmless(&app, &format!("{what} with help"));
            app.press("esc").unwrap();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Size: a 20 MB paragraph, 10,000 articles, quotes nested 10,000 deep

/// The body of the good article as one paragraph, repeated to `bytes`.
fn one_line_of(bytes: usize) -> String {
    let text = good_text();
    let body = text.splitn(3, "+++").nth(2).unwrap_or(&text);
    // Words only: no line may start with block markup.
    let line = body
        .split_whitespace()
        .filter(|w| !w.starts_with(['#', '!', '>', '[']))
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::with_capacity(bytes + line.len());
    out.push_str("Ein Absatz: ");
    while out.len() < bytes {
        out.push_str(&line);
        out.push(' ');
    }
    out
}

#[test]
fn a_twenty_megabyte_one_line_article_loads_and_shows_in_reasonable_time() {
    let sandbox = Sandbox::new();
    let dir = sandbox.articles();
    let paragraph = one_line_of(20 << 20);
    let article = format!(
        "+++\ntitle = \"Ein sehr langer Absatz\"\ndate = \"2024\"\nsource = \"s\"\n+++\n{paragraph}\n"
    );
    assert!(article.len() >= 20 << 20);
    std::fs::write(dir.join("huge.md"), &article).unwrap();

    let started = Instant::now();
    let corpus = load(&dir);
    let loaded = started.elapsed();
    let huge = corpus
        .article(corpus.article_id("huge").expect("huge loads"))
        .unwrap();
    assert_eq!(huge.blocks.len(), 1);
    // (Not assert_eq: a failure would print 20 MB.)
    assert!(
        huge.blocks[0].text == paragraph.trim_end(),
        "the paragraph changed: {} bytes instead of {}",
        huge.blocks[0].text.len(),
        paragraph.trim_end().len()
    );
    assert!(
        corpus
            .links
            .entities_in(corpus.article_id("huge").unwrap())
            .len()
            > 3
    );
    drop(corpus);

    // Indexing the article and showing it are two steps, each bounded.
    let index = sandbox.run(&dir, &["index"]);
    assert_eq!(index.code, Some(0), "{}", index.stderr);
    assert!(
        index.took < LINEAR,
        "indexing a 20 MB article took {:?}",
        index.took
    );
    let show = sandbox.run(&dir, &["show", "huge"]);
    assert_eq!(show.code, Some(0), "{}", show.stderr);
    assert!(show.stdout.len() > 20 << 20);
    assert!(
        show.stdout.lines().all(|l| dossier::text::width(l) <= 80),
        "a line of `show huge` is wider than 80"
    );
    println!(
        "20 MB article: library load {loaded:?}, `index` {:?}, `show` {:?}",
        index.took, show.took
    );
    assert!(
        show.took < LINEAR,
        "`show` of a 20 MB article took {:?}",
        show.took
    );
    assert!(loaded < LINEAR, "loading a 20 MB article took {loaded:?}");
    assert_good_article_intact(&sandbox, &dir);
}

#[test]
fn a_five_megabyte_word_is_cut_into_lines_in_reasonable_time() {
    // A base64 blob with no space in it: wrapping measured the rest of the word again for
    // every line, so 2 MB took minutes.
    let sandbox = Sandbox::new();
    let dir = sandbox.articles();
    let blob = "QUJD".repeat(5 << 18);
    std::fs::write(
        dir.join("blob.md"),
        format!("+++\ntitle = \"Blob\"\ndate = \"2024\"\nsource = \"s\"\n+++\n{blob}\n"),
    )
    .unwrap();
    let show = sandbox.run(&dir, &["show", "blob", "--width", "80"]);
    assert_eq!(show.code, Some(0), "{}", show.stderr);
    let lines: Vec<&str> = show.stdout.lines().collect();
    // Every piece of the blob, in order; a hyphen may end a line where the tail was split.
    let pieces: String = lines
        .iter()
        .filter(|l| l.starts_with('Q'))
        .map(|l| l.trim_end_matches('-'))
        .collect();
    assert!(pieces == blob, "the blob came back changed");
    assert!(lines.iter().all(|l| dossier::text::width(l) <= 80));
    println!("5 MB word: `show` {:?}", show.took);
    assert!(
        show.took < LINEAR,
        "`show` of a 5 MB word took {:?}",
        show.took
    );
    assert_good_article_intact(&sandbox, &dir);
}

#[test]
fn the_concordance_of_a_two_megabyte_paragraph_takes_reasonable_time() {
    // Tens of thousands of mentions in one block: the sentence around each one and the
    // context on either side were found by reading the whole block again, so 2 MB took
    // minutes.
    let sandbox = Sandbox::new();
    let dir = sandbox.articles();
    let paragraph = one_line_of(2 << 20);
    std::fs::write(
        dir.join("long.md"),
        format!("+++\ntitle = \"Lang\"\ndate = \"2024\"\nsource = \"s\"\n+++\n{paragraph}\n"),
    )
    .unwrap();
    for args in [
        &["mentions", "--article", "long"][..],
        &["mentions", "--article", "long", "--json"],
        &["mentions", "--entity", "sergei-lawrow"],
    ] {
        let run = sandbox.run(&dir, args);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        println!("{args:?}: {:?}", run.took);
        assert!(run.took < LINEAR, "{args:?} took {:?}", run.took);
    }
    let json = sandbox.run(&dir, &["mentions", "--article", "long", "--json"]);
    let rows: Value = serde_json::from_str(&json.stdout).expect("mentions --json");
    let rows = rows.as_array().expect("an array");
    assert!(rows.len() > 10_000, "{} mentions", rows.len());
    for row in rows.iter().step_by(997) {
        let context = row["context"].as_str().expect("context");
        let text = row["text"].as_str().expect("text");
        assert!(context.contains(text), "{context:?} lacks {text:?}");
        assert!(
            context.len() < 1_000,
            "a sentence of {} bytes",
            context.len()
        );
    }
    assert_good_article_intact(&sandbox, &dir);
}

#[test]
fn ten_thousand_tiny_articles_all_load_and_are_all_listed() {
    let sandbox = Sandbox::new();
    let dir = sandbox.articles();
    for i in 0..10_000 {
        std::fs::write(
            dir.join(format!("tiny-{i:05}.md")),
            format!(
                "+++\ntitle = \"Winzig {i}\"\ndate = \"2020-01-01\"\nsource = \"s\"\n+++\nKim Jong-un in Moskau, Nummer {i}.\n"
            ),
        )
        .unwrap();
    }
    let corpus = load(&dir);
    assert_eq!(corpus.articles().len(), 10_001);
    assert!(corpus.skipped.is_empty());
    let list = sandbox.run_ok(&dir, &["list"]);
    assert_eq!(list.stdout.lines().count(), 10_001);
    for i in [0, 4_999, 9_999] {
        let id = format!("tiny-{i:05}");
        assert!(list.stdout.contains(&id), "{id} not listed");
    }
    let json: Value =
        serde_json::from_str(&sandbox.run_ok(&dir, &["list", "--json"]).stdout).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(10_001));
    let shown = sandbox.run_ok(&dir, &["show", "tiny-09999"]).stdout;
    assert!(shown.contains("Nummer 9999."), "{shown}");
    assert_good_article_intact(&sandbox, &dir);
}

#[test]
fn quotes_nested_ten_thousand_deep_are_one_flat_quote() {
    let sandbox = Sandbox::new();
    let dir = sandbox.articles();
    let deep = "> ".repeat(10_000);
    let tight = ">".repeat(10_000);
    let front = "+++\ntitle = \"Zitate\"\ndate = \"2024\"\nsource = \"s\"\n+++\n";
    std::fs::write(
        dir.join("deep.md"),
        format!("{front}{deep}Kim Jong-un sagt etwas.\n\n{tight} Und Putin antwortet.\n"),
    )
    .unwrap();
    // 10,000 lines of quotes, each nested deeper than the one before (up to 1,000).
    let mut many = String::from(front);
    for i in 0..10_000 {
        many.push_str(&"> ".repeat(1 + i % 1_000));
        many.push_str(&format!("Zeile {i} in Moskau.\n"));
    }
    std::fs::write(dir.join("many.md"), &many).unwrap();

    let corpus = load(&dir);
    let deep = corpus
        .article(corpus.article_id("deep").expect("deep loads"))
        .unwrap();
    let texts: Vec<&str> = deep.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["Kim Jong-un sagt etwas.", "Und Putin antwortet."]);
    let many = corpus
        .article(corpus.article_id("many").expect("many loads"))
        .unwrap();
    assert_eq!(many.blocks.len(), 1);
    assert!(
        many.blocks[0]
            .text
            .starts_with("Zeile 0 in Moskau. Zeile 1 in Moskau.")
    );
    assert!(many.blocks[0].text.ends_with("Zeile 9999 in Moskau."));
    for id in ["deep", "many"] {
        let run = sandbox.run_ok(&dir, &["show", id, "--width", "10"]);
        assert!(run.took < LINEAR, "{id}: {:?}", run.took);
        sandbox.run_ok(&dir, &["show", id, "--json"]);
    }
    assert_good_article_intact(&sandbox, &dir);
}

// ---------------------------------------------------------------------------------------------
// Broken files and odd directory entries

#[test]
fn invalid_utf8_is_skipped_with_a_warning_and_loses_nothing_else() {
    let sandbox = Sandbox::new();
    let dir = sandbox.articles();
    let mut bytes = good_text().into_bytes();
    bytes.splice(200..200, [0xff, 0xfe, 0xc3, 0x28]);
    std::fs::write(dir.join("latin1.md"), &bytes).unwrap();
    std::fs::write(dir.join("truncated.md"), &good_text().as_bytes()[..101]).unwrap();
    let mut cut = good_text().into_bytes();
    // End in the middle of a two-byte character.
    let umlaut = cut.iter().position(|&b| b == 0xc3).unwrap();
    cut.truncate(umlaut + 1);
    std::fs::write(dir.join("cut.md"), &cut).unwrap();

    let corpus = load(&dir);
    let skipped: Vec<String> = corpus.skipped.iter().map(|d| d.to_string()).collect();
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("latin1.md") && s.contains("UTF-8")),
        "{skipped:?}"
    );
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("cut.md") && s.contains("UTF-8")),
        "{skipped:?}"
    );
    let list = sandbox.run_ok(&dir, &["list"]);
    assert!(list.stderr.contains("latin1.md"), "{}", list.stderr);
    assert_good_article_intact(&sandbox, &dir);
}

#[test]
fn a_vanished_file_and_a_directory_named_like_an_article_lose_nothing() {
    let sandbox = Sandbox::new();
    let dir = sandbox.articles();
    // Listed by the directory walk, gone when read: a symlink to nothing.
    std::os::unix::fs::symlink(dir.join("gone.md"), dir.join("x.md")).unwrap();
    // A directory named like an article, with an article inside that must not be read.
    std::fs::create_dir(dir.join("y.md")).unwrap();
    std::fs::write(dir.join("y.md").join("inner.md"), good_text()).unwrap();

    let corpus = load(&dir);
    assert_eq!(corpus.articles().len(), 1, "{:?}", corpus.skipped);
    let skipped: Vec<String> = corpus.skipped.iter().map(|d| d.to_string()).collect();
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("x.md") && s.contains("cannot read")),
        "{skipped:?}"
    );
    assert!(!skipped.iter().any(|s| s.contains("y.md")), "{skipped:?}");
    let list = sandbox.run_ok(&dir, &["list"]);
    assert!(list.stderr.contains("x.md"), "{}", list.stderr);
    assert!(!list.stdout.contains("inner"), "{}", list.stdout);
    assert_good_article_intact(&sandbox, &dir);
}

#[test]
fn an_unreadable_file_is_skipped_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let dir = sandbox.articles();
    let locked = dir.join("locked.md");
    std::fs::write(&locked, good_text()).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Root (or a capability) reads it anyway: permissions cannot make it unreadable here.
        println!(
            "note: running with rights that ignore file permissions; the unreadable-file case cannot be staged, skipping it"
        );
        return;
    }
    let corpus = load(&dir);
    let skipped: Vec<String> = corpus.skipped.iter().map(|d| d.to_string()).collect();
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("locked.md") && s.contains("cannot read")),
        "{skipped:?}"
    );
    assert_eq!(corpus.articles().len(), 1);
    let list = sandbox.run_ok(&dir, &["list"]);
    assert!(list.stderr.contains("locked.md"), "{}", list.stderr);
    assert_good_article_intact(&sandbox, &dir);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn empty_binary_and_headless_files_are_skipped_next_to_a_good_article() {
    let sandbox = Sandbox::new();
    let dir = sandbox.articles();
    let good = good_text();
    let files: [(&str, Vec<u8>); 6] = [
        ("empty", Vec::new()),
        ("blank", b"\n \n\t\n".to_vec()),
        ("binary", b"+++\ntitle = \"x\0\"\n".to_vec()),
        ("headless", good.replacen("+++", "", 1).into_bytes()),
        ("unterminated", good.replace("+++\n\n", "\n\n").into_bytes()),
        ("bom", format!("\u{feff}{good}").into_bytes()),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.join(format!("{name}.md")), bytes).unwrap();
    }
    let corpus = load(&dir);
    assert_corpus_harmless(&corpus);
    assert!(corpus.article_id(GOOD).is_some());
    for skipped in ["empty", "blank", "binary", "headless", "unterminated"] {
        assert!(
            corpus.skipped.iter().any(|d| d.path.contains(skipped)),
            "{skipped} not reported: {:?}",
            corpus.skipped
        );
    }
    sandbox.run_ok(&dir, &["list"]);
    assert_good_article_intact(&sandbox, &dir);
}

#[test]
fn a_pipe_a_device_and_a_link_loop_named_like_articles_neither_hang_nor_lose_anything() {
    let sandbox = Sandbox::new();
    let dir = sandbox.articles();
    // Reading a pipe waits for a writer that never comes; /dev/zero never ends.
    let fifo = std::ffi::CString::new(dir.join("pipe.md").into_os_string().into_encoded_bytes())
        .expect("a path without NUL");
    // SAFETY: mkfifo(3) with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.md")).unwrap();
    // A link to itself: reading fails with "too many levels of symbolic links", even as root.
    std::os::unix::fs::symlink(dir.join("loop.md"), dir.join("loop.md")).unwrap();

    let corpus = load_within(&dir, HANG);
    assert_eq!(corpus.articles().len(), 1, "{:?}", corpus.skipped);
    let skipped: Vec<String> = corpus.skipped.iter().map(|d| d.to_string()).collect();
    for name in ["pipe.md", "zero.md"] {
        assert!(
            skipped
                .iter()
                .any(|s| s.contains(name) && s.contains("not a regular file")),
            "{name}: {skipped:?}"
        );
    }
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("loop.md") && s.contains("cannot read")),
        "{skipped:?}"
    );
    let list = sandbox.run_ok(&dir, &["list"]);
    assert!(list.stderr.contains("pipe.md"), "{}", list.stderr);
    assert_good_article_intact(&sandbox, &dir);
}
