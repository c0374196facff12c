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

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use dossier::bundled;
use dossier::corpus::article::{Article, parse_article};
use dossier::corpus::catalogue::Catalogue;
use dossier::corpus::linker::Linker;
use dossier::corpus::read_article_dir;
use dossier::corpus::search::SearchIndex;
use dossier::load::{load_catalogue, load_corpus};
use dossier::paths::{Inputs, Origin, Reason};

/// The aim for linking on one core.
const TARGET_LINK_MB_S: f64 = 200.0;
const SEED: u64 = 7;

fn main() {
    let count = env_number("DOSSIER_BENCH_COUNT", 10_000);
    let runs = env_number("DOSSIER_BENCH_RUNS", 5).max(1);
    let generator = std::env::var("DOSSIER_BENCH_GENERATOR").unwrap_or_else(|_| "rust".into());
    let dir = target_dir().join(format!("bench-corpus-{generator}-{count}"));

    let (dir, how) = match prepare_corpus(&dir, count, &generator) {
        Ok(how) => (dir, how),
        Err(e) => {
            eprintln!("bench: {e}; falling back to the Rust generator");
            let fallback = target_dir().join(format!("bench-corpus-rust-{count}"));
            let how = prepare_corpus(&fallback, count, "rust").unwrap_or_else(|e| {
                eprintln!("bench: cannot generate the corpus: {e}");
                std::process::exit(1);
            });
            (fallback, how)
        }
    };
    println!("corpus: {} ({how})", dir.display());

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
        corpus.articles.len(),
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
            let links = linker.link(i, std::hint::black_box(&article.blocks), &mut hits);
            found += links.mentions.len();
        }
        best = best.min(start.elapsed());
        mentions = std::hint::black_box(found);
    }
    (best, mentions)
}

/// Makes sure `dir` holds the corpus for this recipe; says how it got there.
fn prepare_corpus(dir: &Path, count: usize, generator: &str) -> Result<String, String> {
    let stamp = dir.join(".recipe");
    let recipe = format!(
        "generator={generator} count={count} seed={SEED} sources={:016x}\n",
        sources_fingerprint()
    );
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == recipe) {
        return Ok(format!("reused, {generator} generator"));
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let start = Instant::now();
    match generator {
        "rust" => generate(dir, count, SEED)?,
        "python" => run_script(dir, count)?,
        other => return Err(format!("unknown generator `{other}` (rust or python)")),
    }
    std::fs::write(&stamp, recipe).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(format!(
        "generated by the {generator} generator in {:.1} s",
        start.elapsed().as_secs_f64()
    ))
}

/// `python3 ../shared/tools/make-corpus.py --from <bundled articles> --out DIR --count N`.
fn run_script(dir: &Path, count: usize) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("../shared/tools/make-corpus.py");
    if !script.is_file() {
        return Err(format!("{} not found", script.display()));
    }
    let status = Command::new("python3")
        .arg(&script)
        .arg("--from")
        .arg(root.join("articles"))
        .arg("--out")
        .arg(dir)
        .arg("--count")
        .arg(count.to_string())
        .arg("--seed")
        .arg(SEED.to_string())
        .status()
        .map_err(|e| format!("python3: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("make-corpus.py failed: {status}"))
    }
}

/// Stitches `count` articles from paragraphs of the bundled articles: 6–18 paragraphs each,
/// a title from words of the real titles, a random date and source. Deterministic for a seed.
fn generate(dir: &Path, count: usize, seed: u64) -> Result<(), String> {
    let mut paragraphs: Vec<&str> = Vec::new();
    let mut titles: Vec<&str> = Vec::new();
    let mut sources: Vec<&str> = Vec::new();
    for (_, text) in bundled::ARTICLES {
        let Some((front, body)) = split_front_matter(text) else {
            continue;
        };
        for line in front.lines() {
            if let Some(v) = toml_string(line, "title") {
                titles.push(v);
            }
            if let Some(v) = toml_string(line, "source") {
                sources.push(v);
            }
        }
        paragraphs.extend(
            body.split("\n\n")
                .map(str::trim)
                .filter(|p| p.len() > 40 && !p.starts_with('#')),
        );
    }
    if paragraphs.is_empty() {
        return Err("no paragraphs in the bundled articles".into());
    }
    let mut words: Vec<&str> = titles
        .iter()
        .flat_map(|t| t.split_whitespace())
        .filter(|w| w.chars().count() > 3 && !w.contains(['"', '\\']))
        .collect();
    words.sort_unstable();
    words.dedup();
    if words.is_empty() {
        words.push("Artikel");
    }
    if sources.is_empty() {
        sources.push("Archiv");
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut rng = SplitMix(seed);
    let mut text = String::new();
    for i in 0..count {
        text.clear();
        let title_words: Vec<&str> = (0..rng.range(4, 9)).map(|_| rng.pick(&words)).collect();
        text.push_str(&format!(
            "+++\ntitle = \"{} ({i})\"\ndate = \"{:04}-{:02}-{:02}\"\nsource = \"{}\"\nlanguage = \"de\"\n+++\n\n",
            title_words.join(" "),
            rng.range(1990, 2024),
            rng.range(1, 12),
            rng.range(1, 28),
            rng.pick(&sources)
        ));
        let n = rng.range(6, 18);
        for p in 0..n {
            if p > 0 {
                text.push_str("\n\n");
            }
            text.push_str(rng.pick(&paragraphs));
        }
        text.push('\n');
        let path = dir.join(format!("a{i:06}.md"));
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("+++\n")?;
    let close = rest.find("\n+++\n")?;
    Some((&rest[..close], &rest[close + 5..]))
}

/// `key = "value"` on one line, without escapes.
fn toml_string<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
    let value = rest.trim().strip_prefix('"')?.strip_suffix('"')?;
    (!value.contains('\\')).then_some(value)
}

/// A small seeded generator (SplitMix64); no dependency needed for shuffling test data.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low + 1) as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.range(0, items.len() - 1)]
    }
}

/// Changes when the bundled articles change, so a stale corpus is regenerated.
fn sources_fingerprint() -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (id, text) in bundled::ARTICLES {
        for byte in id.bytes().chain(text.bytes()) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The cargo target directory: the bench runs as `<target>/<profile>/deps/load_link-…`.
fn target_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.to_path_buf()))
        .filter(|dir| dir.is_dir())
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
