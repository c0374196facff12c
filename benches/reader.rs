//! The reader's speed (`cargo bench --bench reader`), against the figures:
//! drawing a frame at 200×60 under 2 ms; a filter keystroke over 10,000 articles under 16 ms;
//! opening an article of 20,000 words under 30 ms. Release mode, real `App`, ratatui's
//! TestBackend (the terminal write itself is not measured).
//!
//! Environment: `DOSSIER_BENCH_COUNT` (articles for the filter, default 10000).

use std::time::{Duration, Instant};

use dossier::bundled;
use dossier::config::keymap::Keymap;
use dossier::config::settings::Options;
use dossier::corpus::catalogue::parse_catalogue;
use dossier::corpus::ids::ArticleId;
use dossier::corpus::{Corpus, RawFile, read_article_dir};
use dossier::tui::app::App;
use dossier::tui::nav::Jump;
use dossier::tui::ui::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "support/corpus.rs"]
mod support;

use support::{corpus, env_number, ms};

const FRAME_TARGET: Duration = Duration::from_millis(2);
const KEYSTROKE_TARGET: Duration = Duration::from_millis(16);
const OPEN_TARGET: Duration = Duration::from_millis(30);

fn main() {
    frame();
    keystroke();
    open_long_article();
}

fn catalogue() -> dossier::corpus::catalogue::Catalogue {
    parse_catalogue("entities.toml", bundled::CATALOGUE.as_bytes()).expect("bundled catalogue")
}

fn app(corpus: Corpus, width: u16, height: u16) -> App {
    App::new(
        corpus,
        Keymap::defaults(),
        Options::default(),
        (width, height),
    )
}

fn verdict(worst: Duration, target: Duration) -> &'static str {
    if worst <= target {
        "target met"
    } else {
        "TARGET MISSED"
    }
}

/// Worst and median of a set of timings.
fn summary(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[times.len() - 1], times[times.len() / 2])
}

fn frame() {
    let mut a = app(
        Corpus::build(bundled::article_files(), catalogue(), Vec::new()),
        200,
        60,
    );
    // The longest article, a mention selected, the sidebar full of passages.
    a.press("j j j enter ] ] ] ]").unwrap();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut times = Vec::new();
    for i in 0..2000 {
        // Alternate between two scroll positions so every frame changes.
        a.press(if i % 2 == 0 { "j" } else { "k" }).unwrap();
        let start = Instant::now();
        terminal.draw(|f| draw(&a, f)).unwrap();
        times.push(start.elapsed());
    }
    let (worst, median) = summary(times.clone());
    times.sort();
    let p99 = times[times.len() * 99 / 100];
    println!(
        "frame 200x60:      median {:.3} ms, p99 {:.3} ms, worst {:.3} ms (target < {} ms: {})",
        ms(median),
        ms(p99),
        ms(worst),
        FRAME_TARGET.as_millis(),
        verdict(p99, FRAME_TARGET)
    );
}

fn keystroke() {
    let count = env_number("DOSSIER_BENCH_COUNT", 10_000);
    let dir = corpus(count, "rust");
    let (files, problems) = read_article_dir(&dir).expect("bench corpus");
    let corpus = Corpus::build(files, catalogue(), problems);
    let mut a = app(corpus, 160, 45);
    let mut worst = Duration::ZERO;
    let mut worst_key = String::new();
    let mut times = Vec::new();
    for round in 0..3 {
        a.press("/").unwrap();
        for text in ["wladiwostok", "@lawrow", "pjongjang 2019"] {
            for c in text.chars() {
                let start = Instant::now();
                a.type_text(&c.to_string());
                let took = start.elapsed();
                times.push(took);
                if took > worst {
                    worst = took;
                    worst_key = format!("`{}` (round {round})", a.list().query());
                }
            }
            // Deleting widens the list again: a full search each time.
            for _ in 0..text.chars().count() {
                let start = Instant::now();
                a.press("backspace").unwrap();
                let took = start.elapsed();
                times.push(took);
                if took > worst {
                    worst = took;
                    worst_key = format!("backspace to `{}`", a.list().query());
                }
            }
        }
        a.press("esc").unwrap();
    }
    let (_, median) = summary(times);
    println!(
        "filter keystroke:  {count} articles, median {:.2} ms, worst {:.2} ms at {worst_key} (target < {} ms: {})",
        ms(median),
        ms(worst),
        KEYSTROKE_TARGET.as_millis(),
        verdict(worst, KEYSTROKE_TARGET)
    );
}

/// One article of about 20,000 words, stitched from the bundled paragraphs.
fn long_article() -> RawFile {
    let mut body = String::new();
    let mut words = 0;
    'outer: loop {
        for (_, text) in bundled::ARTICLES {
            let Some(body_start) = text.find("\n+++\n").map(|i| i + 5) else {
                continue;
            };
            for paragraph in text[body_start..].split("\n\n") {
                if paragraph.trim().is_empty() {
                    continue;
                }
                body.push_str(paragraph.trim());
                body.push_str("\n\n");
                words += paragraph.split_whitespace().count();
                if words >= 20_000 {
                    break 'outer;
                }
            }
        }
    }
    let text = format!(
        "+++\ntitle = \"Langer Artikel\"\ndate = \"2024\"\nsource = \"Bench\"\n+++\n\n{body}"
    );
    RawFile {
        id: "long".into(),
        path: "long.md".into(),
        bytes: std::borrow::Cow::Owned(text.into_bytes()),
    }
}

fn open_long_article() {
    let mut files = bundled::article_files();
    files.push(long_article());
    let corpus = Corpus::build(files, catalogue(), Vec::new());
    let long = corpus.article_id("long").expect("long article");
    let words = corpus.article(long).unwrap().words;
    let mut times = Vec::new();
    let mut first = None;
    for _ in 0..20 {
        // A fresh app each time, so nothing is cached but the hyphenation dictionary.
        let mut a = app(
            Corpus::build(vec![long_article()], catalogue(), Vec::new()),
            200,
            60,
        );
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        let start = Instant::now();
        a.jump(Jump::Article(ArticleId::from_index(0)), Instant::now());
        terminal.draw(|f| draw(&a, f)).unwrap();
        let took = start.elapsed();
        first.get_or_insert(took);
        times.push(took);
    }
    let (worst, median) = summary(times[1..].to_vec());
    println!(
        "open {words}-word article (wrap + first frame): median {:.2} ms, worst {:.2} ms, first run {:.2} ms (target < {} ms: {})",
        ms(median),
        ms(worst),
        ms(first.unwrap_or_default()),
        OPEN_TARGET.as_millis(),
        verdict(worst, OPEN_TARGET)
    );
}
