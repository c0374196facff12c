//! The reader's work in proportion to what is shown: the release binary in a pseudo-terminal on
//! generated corpora. Bounds are ratios against another cost measured in the same run (loading
//! the corpus, one resize) and memory growth against the corpus, never bare wall-clock limits.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::Session;

fn article(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = \"2024-01-01\"\nsource = \"Quelle\"\n+++\n\n{body}\n")
}

/// Resident memory of a running process in KiB (`VmRSS`).
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Waits up to `limit` for `text` on the screen; how long it took.
fn time_until(s: &Session, text: &str, limit: Duration) -> Duration {
    let start = Instant::now();
    while !s.screen().contains(text) {
        assert!(
            start.elapsed() < limit,
            "{text:?} not shown after {limit:?}:\n{}",
            s.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    start.elapsed()
}

fn write_corpus(dir: &Path, articles: usize, body: &str) -> (String, String) {
    let arts = dir.join("articles");
    std::fs::create_dir_all(&arts).unwrap();
    for i in 0..articles - 1 {
        std::fs::write(
            arts.join(format!("a{i:05}.md")),
            article(&format!("Artikel {i}"), body),
        )
        .unwrap();
    }
    // The last one stands out: its own source and a single passage.
    let last = article("Der letzte", "Am Ende kam die Stille.").replace("Quelle", "Letzte");
    std::fs::write(arts.join("zz-last.md"), last).unwrap();
    let catalogue = dir.join("entities.toml");
    std::fs::write(
        &catalogue,
        "[[entity]]\nid = \"die-partei\"\nname = \"Die Partei\"\nkind = \"organisation\"\n\
         aliases = [\"die\"]\nsummary = \"A party whose alias is the commonest word.\"\n",
    )
    .unwrap();
    (
        arts.to_string_lossy().into_owned(),
        catalogue.to_string_lossy().into_owned(),
    )
}

#[test]
fn half_a_million_passages_of_a_common_word_show_at_once_in_bounded_memory() {
    let corpus = tempfile::tempdir().unwrap();
    let articles = 10_000;
    let body = "Es war die Zeit, als die Stadt schlief. ".repeat(25);
    let (arts, catalogue) = write_corpus(corpus.path(), articles, &body);
    // Built before the clock starts.
    common::pty::release_binary();
    let started = Instant::now();
    let mut s = Session::start(&["--articles", &arts, "--catalogue", &catalogue], &[]);
    let limit = Duration::from_secs(60);
    time_until(&s, &format!("Articles {articles}"), limit);
    let load = started.elapsed();
    let pid = s.child.process_id().unwrap();
    let before = rss_kib(pid);
    s.send("e");
    s.send("Die Partei");
    let chosen = Instant::now();
    s.send("\r");
    time_until(&s, "Passages (499951 in 10000 articles)", limit);
    let show = chosen.elapsed();
    // To the last passage and back: the list is walked as fast as it is shown.
    s.send("G");
    time_until(&s, "Letzte · 2024-01-01 (1)", limit);
    s.send("g");
    let walked = chosen.elapsed();
    let grown = rss_kib(pid).saturating_sub(before);
    eprintln!(
        "load {load:?}, passages shown {show:?}, walked {walked:?}, memory +{} MiB",
        grown / 1024
    );
    assert!(
        walked <= load + Duration::from_secs(1),
        "showing and walking the passages ({walked:?}) costs more than loading the corpus ({load:?})"
    );
    assert!(
        grown < 64 * 1024,
        "showing 500,000 passages grew memory by {} MiB",
        grown / 1024
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

const STORM_FROM: u16 = 100;

fn resize(s: &Session, cols: u16) {
    s.master
        .resize(portable_pty::PtySize {
            rows: 45,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let nz = |n| std::num::NonZeroU16::new(n).unwrap();
    s.parser
        .lock()
        .unwrap()
        .screen_mut()
        .set_size(nz(45), nz(cols));
}

#[test]
fn a_storm_of_resizes_over_a_big_article_costs_about_one_rewrap() {
    let corpus = tempfile::tempdir().unwrap();
    let arts = corpus.path().join("articles");
    std::fs::create_dir_all(&arts).unwrap();
    let paragraph = "Die Stadt lag still am Fluss, und die Menschen gingen langsam ihrer \
                     Arbeit nach, während die Glocken zur Mittagsstunde läuteten. "
        .repeat(6);
    let paragraphs = (40 << 20) / paragraph.len();
    let body = vec![paragraph; paragraphs].join("\n\n");
    std::fs::write(arts.join("gross.md"), article("Ein großer Text", &body)).unwrap();
    let catalogue = corpus.path().join("entities.toml");
    std::fs::write(&catalogue, "").unwrap();
    let mut s = Session::start(
        &[
            "--articles",
            &arts.to_string_lossy(),
            "--catalogue",
            &catalogue.to_string_lossy(),
        ],
        &[],
    );
    let limit = Duration::from_secs(120);
    time_until(&s, "Articles 1", limit);
    s.send("\r");
    time_until(&s, "Die Stadt lag still", limit);
    // One resize to a width never laid out, then a key: the cost of one re-wrap.
    let started = Instant::now();
    resize(&s, 150);
    s.send("m");
    time_until(&s, "mouse capture off", limit);
    let one = started.elapsed();
    // A storm through forty widths never laid out, then the same key.
    for cols in (STORM_FROM..140).rev() {
        resize(&s, cols);
        std::thread::sleep(Duration::from_millis(5));
    }
    let storm_over = Instant::now();
    s.send("m");
    time_until(&s, "mouse capture on", limit);
    let after_storm = storm_over.elapsed();
    eprintln!("one resize {one:?}; after a storm of forty {after_storm:?}");
    assert!(
        after_storm <= one * 3 + Duration::from_secs(1),
        "the storm left {after_storm:?} of work behind, one resize costs {one:?}"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
