//! parse_article on arbitrary bytes: never panics; what it accepts is clean.
//!
//! Every front matter string is clean and on one line; every block's text is clean, on one
//! line, with single spaces and no space at either end; origins are sorted, start at 0 and lie
//! on char boundaries; `position_of` never panics for any offset.

#![no_main]

use dossier::corpus::article::parse_article;
use dossier::corpus::sanitize::is_clean;
use libfuzzer_sys::fuzz_target;

fn one_clean_line(what: &str, s: &str) {
    assert!(is_clean(s), "{what} not clean: {s:?}");
    assert!(!s.contains('\n'), "{what} has a newline: {s:?}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(article) = parse_article("fuzz", "fuzz.md", data) else {
        return;
    };
    let front = &article.front;
    one_clean_line("title", &front.title);
    one_clean_line("source", &front.source);
    one_clean_line("date", &front.date);
    one_clean_line("language", &front.language);
    for s in [&front.author, &front.lead].into_iter().flatten() {
        one_clean_line("author/lead", s);
    }
    assert!(!front.title.trim().is_empty());
    for block in &article.blocks {
        let text = &block.text;
        one_clean_line("block", text);
        assert!(!text.is_empty(), "empty block");
        assert!(!text.starts_with(' ') && !text.ends_with(' '), "{text:?}");
        assert!(!text.contains("  "), "double space in {text:?}");
        assert!(
            !text.chars().any(|c| c.is_whitespace() && c != ' '),
            "other whitespace in {text:?}"
        );
        assert_eq!(block.origins.first().map(|o| o.0), Some(0));
        assert!(block.origins.windows(2).all(|w| w[0].0 <= w[1].0));
        for (offset, position) in &block.origins {
            assert!(
                text.is_char_boundary(*offset),
                "origin {offset} in {text:?}"
            );
            assert!(position.line >= 1 && position.col >= 1);
        }
        for offset in 0..=text.len() + 2 {
            let p = block.position_of(offset);
            assert!(p.line >= 1 && p.col >= 1);
        }
        for (range, _) in block.footnote_markers() {
            assert!(text.get(range).is_some());
        }
    }
});
