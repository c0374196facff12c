//! Extraction quality, measured: handwritten pages in the shape of real news sites (navigation,
//! cookie banner, share bar, ads, related links, newsletter box, comments, footer, JSON-LD,
//! figure captions, footnotes) in German, English, French and Spanish, their text-mode browser
//! dumps (w3m, chrome included), and the five raw copies of the bundled articles. Each import is scored
//! against a reference text by the F1 of 4-word shingles; a change that makes extraction worse
//! fails here. The figures are printed (`cargo test --test extraction -- --nocapture`).

use std::path::{Path, PathBuf};

use dossier::corpus::article::parse_article;
use dossier::import::doc::Doc;
use dossier::import::html::import_html;
use dossier::import::score::shingle_f1;
use dossier::import::text::import_text;

fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The page names of the test set.
fn pages() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures("pages"))
        .expect("fixtures/pages")
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".html"))
                .map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 4, "the test set has {} pages", names.len());
    names
}

fn meta(name: &str) -> serde_json::Value {
    let text = read(&fixtures("pages").join(format!("{name}.meta.json")));
    serde_json::from_str(&text).expect("meta.json")
}

fn mean(scores: &[f64]) -> f64 {
    scores.iter().sum::<f64>() / scores.len() as f64
}

fn score_all(import: impl Fn(&str, &str) -> Doc, suffix: &str) -> Vec<(String, f64, Doc)> {
    pages()
        .into_iter()
        .map(|name| {
            let input = read(&fixtures("pages").join(format!("{name}{suffix}")));
            let reference = read(&fixtures("pages").join(format!("{name}.ref.txt")));
            let doc = import(&name, &input);
            let f1 = shingle_f1(&doc.body_text(), &reference);
            println!("{name}{suffix}: F1 {f1:.4}");
            (name, f1, doc)
        })
        .collect()
}

#[test]
fn html_pages_score_at_least_096_mean_f1_with_titles_dates_and_authors() {
    let results = score_all(
        |name, html| {
            import_html(html, Some(&format!("https://news.example/{name}")))
                .unwrap_or_else(|e| panic!("{name}: {e}"))
        },
        ".html",
    );
    let scores: Vec<f64> = results.iter().map(|r| r.1).collect();
    println!("HTML mean F1 {:.4}", mean(&scores));
    assert!(mean(&scores) >= 0.96, "mean F1 {:.4}", mean(&scores));
    for (name, f1, doc) in &results {
        assert!(*f1 >= 0.93, "{name}: F1 {f1:.4}");
        let m = meta(name);
        assert_eq!(doc.title, m["title"].as_str().unwrap(), "{name}");
        assert_eq!(doc.date, m["date"].as_str().unwrap(), "{name}");
        assert_eq!(doc.author.as_deref(), m["author"].as_str(), "{name}");
        assert_eq!(doc.source.as_deref(), m["source"].as_str(), "{name}");
        assert_eq!(doc.language, m["language"].as_str().unwrap(), "{name}");
    }
}

#[test]
fn html_pages_keep_captions_footnotes_and_lists_as_such() {
    use dossier::import::doc::DocBlock;
    for (name, _, doc) in score_all(|_, html| import_html(html, None).expect("page"), ".html") {
        let html = read(&fixtures("pages").join(format!("{name}.html")));
        if html.contains("<figcaption>") {
            assert!(
                doc.blocks.iter().any(|b| matches!(b, DocBlock::Caption(_))),
                "{name}: no caption"
            );
        }
        let m = meta(&name);
        if m["notes"] == true {
            assert!(
                doc.blocks
                    .iter()
                    .any(|b| matches!(b, DocBlock::Reference(1, _))),
                "{name}: no footnote"
            );
        }
        if m["list"] == true {
            assert!(
                doc.blocks.iter().any(|b| matches!(b, DocBlock::List(..))),
                "{name}: no list"
            );
        }
    }
}

#[test]
fn text_dumps_of_the_pages_score_at_least_085_mean_f1() {
    let results = score_all(
        |name, text| import_text(text).unwrap_or_else(|e| panic!("{name}: {e}")),
        ".dump.txt",
    );
    let scores: Vec<f64> = results.iter().map(|r| r.1).collect();
    println!("pasted text mean F1 {:.4}", mean(&scores));
    assert!(mean(&scores) >= 0.85, "mean F1 {:.4}", mean(&scores));
}

/// The bundled article each seed is the raw copy of.
const SEEDS: [(&str, &str); 5] = [
    ("000_5b6d4a3f50f068bc.txt", "vice-2015-kim-besucht-moskau"),
    ("001_7ea8b3834f6a9932.txt", "standard-2023-kim-putin-waffen"),
    (
        "002_96800e13f34186bd.txt",
        "wikipedia-nordkoreanisch-russische-beziehungen",
    ),
    (
        "003_5615875bba8a24d2.txt",
        "t-online-2019-kim-putin-wladiwostok",
    ),
    (
        "004_f6ebf1c77519c4e2.txt",
        "tagesanzeiger-2024-choe-in-moskau",
    ),
];

#[test]
fn seeds_import_as_clean_as_the_bundled_articles() {
    let mut scores = Vec::new();
    for (seed, bundled) in SEEDS {
        let doc = import_text(&read(&fixtures("seeds").join(seed))).expect(seed);
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("articles/{bundled}.md"));
        let article = parse_article(bundled, bundled, read(&path).as_bytes()).expect(bundled);
        let mut reference: Vec<String> = article.front.lead.iter().cloned().collect();
        reference.extend(article.blocks.iter().map(|b| b.text.clone()));
        let f1 = shingle_f1(&doc.body_text(), &reference.join("\n"));
        println!("{seed} -> {bundled}: F1 {f1:.4}");
        assert!(f1 >= 0.99, "{seed}: F1 {f1:.4}");
        assert_eq!(doc.language, "de");
        scores.push(f1);
    }
    println!("seeds mean F1 {:.4}", mean(&scores));
}
