//! Inline Markdown in a block: `*emphasis*`, `**strong**` (also with `_`), `[links](url)` and
//! backslash escapes. The markup is removed from the text and kept as spans, byte ranges over
//! the plain text, so the linker, search and wrapping see only words. Work is linear in the
//! text: a delimiter whose closer was not found is never searched for again from further on.

use std::ops::Range;

use serde::Serialize;

/// How a span of text is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Style {
    Emphasis,
    Strong,
    Link { url: String },
}

/// A styled range of a block's plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub style: Style,
}

/// The plain text of some marked-up text, its spans, and which pieces of the source it kept:
/// `(source offset, plain offset, length)`, in order.
#[derive(Debug, Default)]
pub struct Inline {
    pub text: String,
    pub spans: Vec<Span>,
    pub kept: Vec<(usize, usize, usize)>,
}

impl Inline {
    fn keep(&mut self, source: usize, piece: &str) {
        if piece.is_empty() {
            return;
        }
        if let Some(last) = self.kept.last_mut()
            && last.0 + last.2 == source
            && last.1 + last.2 == self.text.len()
        {
            last.2 += piece.len();
            self.text.push_str(piece);
            return;
        }
        self.kept.push((source, self.text.len(), piece.len()));
        self.text.push_str(piece);
    }
}

/// Parses the inline markup of `source`.
pub fn parse_inline(source: &str) -> Inline {
    let mut out = Inline::default();
    // Fast path: nothing that could be markup.
    if !source
        .bytes()
        .any(|b| matches!(b, b'*' | b'_' | b'[' | b'\\'))
    {
        out.keep(0, source);
        return out;
    }
    let mut dead = [usize::MAX; 4];
    walk(source, 0, source.len(), &mut out, &mut dead);
    out.spans
        .sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
    out
}

/// Delimiters: `*`, `**`, `_`, `__`; `dead[k]` is the first source offset from which delimiter
/// `k` is known to have no closer.
const DELIMITERS: [&str; 4] = ["**", "__", "*", "_"];

fn walk(s: &str, start: usize, end: usize, out: &mut Inline, dead: &mut [usize; 4]) {
    let bytes = s.as_bytes();
    let mut i = start;
    let mut literal = start;
    while i < end {
        let b = bytes[i];
        match b {
            b'\\' if i + 1 < end && bytes[i + 1].is_ascii_punctuation() => {
                out.keep(literal, &s[literal..i]);
                literal = i + 1;
                i += 2;
            }
            b'[' => {
                if let Some((text, url, after)) = link_at(s, i, end) {
                    out.keep(literal, &s[literal..i]);
                    let from = out.text.len();
                    walk(s, text.start, text.end, out, dead);
                    out.spans.push(Span {
                        range: from..out.text.len(),
                        style: Style::Link {
                            url: s[url].to_string(),
                        },
                    });
                    i = after;
                    literal = i;
                } else {
                    i += 1;
                }
            }
            b'*' | b'_' => {
                let run = bytes[i..end].iter().take_while(|&&c| c == b).count();
                let kind = match (b, run >= 2) {
                    (b'*', true) => 0,
                    (b'_', true) => 1,
                    (b'*', false) => 2,
                    _ => 3,
                };
                let delimiter = DELIMITERS[kind];
                let len = delimiter.len();
                let opens = opens_at(s, i, len, b, start);
                let closer = if opens && i < dead[kind] {
                    let found = find_closer(s, i + len, end, delimiter, b);
                    if found.is_none() {
                        dead[kind] = dead[kind].min(i);
                    }
                    found
                } else {
                    None
                };
                match closer {
                    Some(close) => {
                        out.keep(literal, &s[literal..i]);
                        let from = out.text.len();
                        walk(s, i + len, close, out, dead);
                        let style = if len == 2 {
                            Style::Strong
                        } else {
                            Style::Emphasis
                        };
                        if out.text.len() > from {
                            out.spans.push(Span {
                                range: from..out.text.len(),
                                style,
                            });
                        }
                        i = close + len;
                        literal = i;
                    }
                    None => i += run,
                }
            }
            _ => i += 1,
        }
    }
    out.keep(literal, &s[literal..end]);
}

/// Whether a delimiter of `len` bytes at `i` can open: followed by a non-space, and for `_`
/// not inside a word (snake_case stays as it is).
fn opens_at(s: &str, i: usize, len: usize, b: u8, start: usize) -> bool {
    let next = s[i + len..].chars().next();
    if next.is_none_or(char::is_whitespace) {
        return false;
    }
    if b == b'_' && i > start {
        let prev = s[..i].chars().next_back();
        if prev.is_some_and(char::is_alphanumeric) {
            return false;
        }
    }
    true
}

/// The offset of the delimiter that closes one opened before `from`: the same run length,
/// preceded by a non-space, and for `_` not followed by a letter or digit.
fn find_closer(s: &str, from: usize, end: usize, delimiter: &str, b: u8) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut at = from;
    while let Some(found) = s[at..end].find(delimiter).map(|o| o + at) {
        let run_start = found;
        let run = bytes[found..end].iter().take_while(|&&c| c == b).count();
        let preceded = s[..run_start]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace());
        let close = found + run - delimiter.len();
        let followed_ok = b != b'_'
            || s[close + delimiter.len()..end]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
        if run_start > from && preceded && followed_ok && (run == delimiter.len() || run >= 3) {
            return Some(close);
        }
        at = found + run;
    }
    None
}

/// `[text](url)` at `i`: the text range, the url range and the offset after `)`. Footnote
/// markers `[1]` are not links; the url has no spaces.
fn link_at(s: &str, i: usize, end: usize) -> Option<(Range<usize>, Range<usize>, usize)> {
    let bytes = s.as_bytes();
    // Link texts are short: look for the `]` within a bounded window, so a text full of
    // unmatched `[` stays linear.
    let window = &bytes[i + 1..end.min(i + 1 + 2_000)];
    let close = memchr::memchr(b']', window).map(|o| o + i + 1);
    let close = close?;
    if bytes.get(close + 1) != Some(&b'(') || close == i + 1 {
        return None;
    }
    let url_start = close + 2;
    let url_end = s[url_start..end].find(')').map(|o| o + url_start)?;
    let url = s[url_start..url_end].trim();
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    let lead = s[url_start..url_end].len() - s[url_start..url_end].trim_start().len();
    let url_range = url_start + lead..url_start + lead + url.len();
    Some((i + 1..close, url_range, url_end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(source: &str) -> (String, Vec<(String, Style)>) {
        let parsed = parse_inline(source);
        let spans = parsed
            .spans
            .iter()
            .map(|s| (parsed.text[s.range.clone()].to_string(), s.style.clone()))
            .collect();
        (parsed.text, spans)
    }

    #[test]
    fn emphasis_strong_and_links_become_spans_over_plain_text() {
        let (text, spans) =
            styled("Ein *kurzer* und **starker** Satz mit [Link](https://a.example/x).");
        assert_eq!(text, "Ein kurzer und starker Satz mit Link.");
        assert_eq!(
            spans,
            [
                ("kurzer".into(), Style::Emphasis),
                ("starker".into(), Style::Strong),
                (
                    "Link".into(),
                    Style::Link {
                        url: "https://a.example/x".into()
                    }
                ),
            ]
        );
    }

    #[test]
    fn footnote_markers_snake_case_and_lone_stars_stay_literal() {
        for literal in [
            "Satz.[1] Weiter",
            "a_b_c und snake_case",
            "5 * 3 = 15 und 2 * 2",
            "Stern* ohne Paar",
            "[nur Klammern]",
        ] {
            let (text, spans) = styled(literal);
            assert_eq!(text, literal);
            assert!(spans.is_empty(), "{literal}: {spans:?}");
        }
    }

    #[test]
    fn escapes_drop_the_backslash() {
        assert_eq!(styled(r"\*nicht kursiv\*").0, "*nicht kursiv*");
    }

    #[test]
    fn emphasis_inside_a_link_and_strong_nests() {
        let (text, spans) = styled("[*kursiver* Link](u) und **stark *und kursiv***");
        assert_eq!(text, "kursiver Link und stark und kursiv");
        assert_eq!(spans.len(), 4, "{spans:?}");
    }

    #[test]
    fn kept_pieces_map_plain_offsets_back_to_the_source() {
        let source = "a **b** c";
        let parsed = parse_inline(source);
        for &(from, to, len) in &parsed.kept {
            assert_eq!(&source[from..from + len], &parsed.text[to..to + len]);
        }
    }

    #[test]
    fn many_unmatched_delimiters_take_linear_time() {
        let text = "*a _b [c ".repeat(200_000);
        let started = std::time::Instant::now();
        let parsed = parse_inline(&text);
        assert_eq!(parsed.text, text);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}
