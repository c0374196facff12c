//! The measure of extraction quality used by the tests: F1 of 4-word shingles (runs of four
//! words, lower-cased, punctuation ignored, counted as a multiset) between an extracted text
//! and a reference text.

use std::collections::HashMap;

fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut counts = HashMap::new();
    for window in words.windows(4) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// F1 of 4-word shingles; 1.0 for equal texts, 0.0 when either has fewer than four words.
pub fn shingle_f1(extracted: &str, reference: &str) -> f64 {
    let (a, b) = (shingles(extracted), shingles(reference));
    let total_a: usize = a.values().sum();
    let total_b: usize = b.values().sum();
    if total_a == 0 || total_b == 0 {
        return 0.0;
    }
    let common: usize = a
        .iter()
        .map(|(k, n)| (*n).min(b.get(k).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let precision = common as f64 / total_a as f64;
    let recall = common as f64 / total_b as f64;
    2.0 * precision * recall / (precision + recall)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one_and_chrome_lowers_precision() {
        let article =
            "Kim trifft Putin in Wladiwostok, und beide sprechen über Waffen und Technik.";
        assert_eq!(shingle_f1(article, article), 1.0);
        let noisy = format!(
            "Startseite Politik Ausland Nordkorea Anzeige {article} Teilen Drucken Merken Kommentare"
        );
        let f1 = shingle_f1(&noisy, article);
        assert!(f1 < 0.8 && f1 > 0.3, "{f1}");
        assert_eq!(shingle_f1("zu kurz", article), 0.0);
    }
}
