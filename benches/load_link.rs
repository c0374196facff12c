//! Load + link benchmark over a large generated corpus (`cargo bench --bench load_link`).
//!
//! Generates 10 000 articles (once; reused while the recipe is unchanged) by stitching
//! paragraphs of the bundled articles with a seeded generator, the same recipe as
//! `../shared/tools/make-corpus.py`; set `DOSSIER_BENCH_GENERATOR=python` to use that script
//! instead. Then measures and prints: read+parse MB/s, link-only MB/s on one core (best of
//! several runs), total load+link time, and the worst search latency per keystroke.
//!
//! Environment: `DOSSIER_BENCH_COUNT` (articles, default 10000), `DOSSIER_BENCH_RUNS` (runs
//! per measurement, default 5), `DOSSIER_BENCH_GENERATOR` (`rust`, the default, or `python`).

use std::time::{Duration, Instant};

use dossier::corpus::article::{Article, parse_article};
use dossier::corpus::catalogue::Catalogue;
use dossier::corpus::ids::ArticleId;
use dossier::corpus::linker::Linker;
use dossier::corpus::read_article_dir;
use dossier::corpus::search::SearchIndex;
use dossier::load::{load_catalogue, load_corpus};
use dossier::paths::{Inputs, Origin, Reason};

/// The aim for linking on one core.
const TARGET_LINK_MB_S: f64 = 200.0;

#[path = "support/corpus.rs"]
mod support;

use support::{corpus, env_number, mb, ms};

fn main() {
    let count = env_number("DOSSIER_BENCH_COUNT", 10_000);
    let runs = env_number("DOSSIER_BENCH_RUNS", 5).max(1);
    let generator = std::env::var("DOSSIER_BENCH_GENERATOR").unwrap_or_else(|_| "rust".into());
    let dir = corpus(count, &generator);

    let catalogue = load_catalogue(&Origin::Bundled).unwrap_or_else(|e| {
        eprintln!("bench: bundled catalogue: {e}");
        std::process::exit(1);
    });

    // 1. Read + parse (sanitize, front matter, blocks), all files of the directory.
    let mut best_parse = Duration::MAX;
    let mut file_bytes = 0usize;
    let mut articles: Vec<Article> = Vec::new();
    for _ in 0..runs.min(3) {
        let start = Instant::now();
        let (files, problems) = read_article_dir(&dir).unwrap_or_else(|e| {
            eprintln!("bench: {e}");
            std::process::exit(1);
        });
        let parsed: Vec<Article> = files
            .iter()
            .filter_map(|f| parse_article(&f.id, &f.path, &f.bytes).ok())
            .collect();
        let elapsed = start.elapsed();
        assert!(problems.is_empty(), "unreadable files: {problems:?}");
        assert_eq!(parsed.len(), files.len(), "every generated article parses");
        file_bytes = files.iter().map(|f| f.bytes.len()).sum();
        best_parse = best_parse.min(elapsed);
        articles = parsed;
    }
    let block_bytes: usize = articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| b.text.len())
        .sum();
    println!(
        "articles: {}, files {:.1} MB, block text {:.1} MB, catalogue {} entities",
        articles.len(),
        mb(file_bytes),
        mb(block_bytes),
        catalogue.len()
    );
    println!(
        "read+parse: {:>8.1} MB/s  ({:.0} ms best of {})",
        mb(file_bytes) / best_parse.as_secs_f64(),
        ms(best_parse),
        runs.min(3)
    );

    // 2. Link only, one core: the compiled catalogue over every parsed article's blocks.
    let (link_time, mentions) = link_only(&catalogue, &articles, runs);
    let link_rate = mb(block_bytes) / link_time.as_secs_f64();
    println!(
        "link only:  {:>8.1} MB/s  ({:.0} ms best of {runs}, {mentions} mentions)",
        link_rate,
        ms(link_time)
    );
    println!(
        "target: linking >= {TARGET_LINK_MB_S:.0} MB/s on one core: {}",
        if link_rate >= TARGET_LINK_MB_S {
            "met"
        } else {
            "NOT met"
        }
    );

    // 3. Load + link as the binary does it.
    let inputs = Inputs {
        articles: Origin::Disk(dir.clone(), Reason::Flag),
        catalogue: Origin::Bundled,
        keys: None,
        config: None,
        follow_links: false,
    };
    let start = Instant::now();
    let corpus = load_corpus(&inputs).unwrap_or_else(|e| {
        eprintln!("bench: {e}");
        std::process::exit(1);
    });
    let load_time = start.elapsed();
    println!(
        "load+link:  {:>8.0} ms total ({} articles, {} mentions, {:.1} MB/s of files)",
        ms(load_time),
        corpus.articles().len(),
        corpus.links.all().len(),
        mb(file_bytes) / load_time.as_secs_f64()
    );

    // 4. Search latency per keystroke.
    let start = Instant::now();
    let index = SearchIndex::new(&corpus);
    println!("search index: {:>6.0} ms to build", ms(start.elapsed()));
    let word = "wladiwostok";
    let mut queries: Vec<String> = (1..=word.len()).map(|n| word[..n].to_string()).collect();
    queries.push("@lawrow".to_string());
    let mut worst = (Duration::ZERO, String::new(), 0usize);
    for query in &queries {
        let mut best = Duration::MAX;
        let mut hits = 0;
        for _ in 0..runs.min(3) {
            let start = Instant::now();
            hits = std::hint::black_box(index.search(&corpus, query)).len();
            best = best.min(start.elapsed());
        }
        println!("  search {query:<12} {:>8.1} ms  {hits} hits", ms(best));
        if best > worst.0 {
            worst = (best, query.clone(), hits);
        }
    }
    println!(
        "search keystroke latency, worst: {:.1} ms for `{}` ({} hits)",
        ms(worst.0),
        worst.1,
        worst.2
    );
}

/// Best time of `runs` link passes over all articles, and the number of mentions found.
fn link_only(catalogue: &Catalogue, articles: &[Article], runs: usize) -> (Duration, usize) {
    let linker = Linker::new(catalogue);
    let mut best = Duration::MAX;
    let mut mentions = 0;
    for _ in 0..runs {
        let mut hits = vec![0usize; linker.pattern_count()];
        let start = Instant::now();
        let mut found = 0;
        for (i, article) in articles.iter().enumerate() {
            let links = linker.link(
                ArticleId::from_index(i),
                std::hint::black_box(&article.blocks),
                &mut hits,
            );
            found += links.mentions.len();
        }
        best = best.min(start.elapsed());
        mentions = std::hint::black_box(found);
    }
    (best, mentions)
}
