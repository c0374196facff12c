//! Folding for search: case and diacritics (ö→o, ŏ→o, ä→a, ß→ss, …), with a map back.
//!
//! `fold` returns the folded text and, for every folded char, the index of the original char
//! it came from, so match positions found in folded text highlight the original text.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folded text with a map from folded char index to original char index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    origin: Vec<u32>,
}

impl Folded {
    /// Original char indices for folded char indices (in any order; indices past the end are
    /// ignored), sorted and deduplicated.
    pub fn original_positions(&self, folded: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = folded
            .iter()
            .filter_map(|&i| self.origin.get(i).map(|&o| o as usize))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Folds `text` and keeps the map back to it.
pub fn fold(text: &str) -> Folded {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    for (index, c) in text.chars().enumerate() {
        let before = folded.text.len();
        fold_char(c, &mut folded.text);
        let added = folded.text[before..].chars().count();
        folded
            .origin
            .extend(std::iter::repeat_n(index as u32, added));
    }
    folded
}

/// Folds `text` without keeping a map (for haystacks and queries).
pub fn fold_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let special = match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' => "d",
        'ı' => "i",
        'þ' | 'Þ' => "th",
        '‐' | '‑' | '‒' | '–' | '—' => "-",
        '„' | '“' | '”' | '«' | '»' => "\"",
        '‚' | '‘' | '’' | '‹' | '›' => "'",
        _ => "",
    };
    if !special.is_empty() {
        out.push_str(special);
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            out.extend(d.to_lowercase());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_german_diacritics() {
        assert_eq!(fold_str("Pjöngjang"), "pjongjang");
        assert_eq!(fold_str("Maaßen"), "maassen");
        assert_eq!(fold_str("ÄRGER über Öl"), "arger uber ol");
    }

    #[test]
    fn folds_korean_transliteration_breves() {
        assert_eq!(fold_str("Rasŏn"), "rason");
        assert_eq!(fold_str("Nyŏngbyŏn"), "nyongbyon");
        assert_eq!(fold_str("Kim Yŏng-nam"), "kim yong-nam");
    }

    #[test]
    fn positions_map_back_across_expansions() {
        let f = fold("Maß x");
        assert_eq!(f.text, "mass x");
        // folded "x" is char 5; in the original it is char 4.
        assert_eq!(f.original_positions(&[5]), vec![4]);
        // both folded "s" chars map to the one "ß".
        assert_eq!(f.original_positions(&[2, 3]), vec![2]);
    }

    #[test]
    fn positions_come_back_sorted_and_unique_whatever_the_order_asked() {
        // Found by tests/properties.rs: unsorted indices came back unsorted, with repeats.
        let f = fold("Maß x");
        assert_eq!(f.original_positions(&[5, 2, 3, 0, 5, 99]), vec![0, 2, 4]);
    }

    #[test]
    fn positions_map_back_inside_the_original() {
        let text = "Pjöngjang – Rasŏn";
        let f = fold(text);
        let all: Vec<usize> = (0..f.text.chars().count()).collect();
        let back = f.original_positions(&all);
        assert!(back.iter().all(|&i| i < text.chars().count()));
    }
}
