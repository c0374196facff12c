//! Text hygiene at load: article and catalogue text is untrusted.
//!
//! `sanitize` guarantees its output holds no control characters except `\n`, no escape
//! sequences, no bidi overrides or isolates, no zero-width or soft-hyphen characters, no tabs,
//! and is in Unicode NFC. Everything downstream may trust text that went through it.

use unicode_normalization::UnicodeNormalization;

/// How far an escape sequence may run before it is treated as garbage: only its introducer is
/// dropped then, so a stray ESC cannot swallow the rest of an article.
const MAX_ESCAPE_LEN: usize = 4096;
/// Tab stops are every `TAB_WIDTH` columns.
pub const TAB_WIDTH: usize = 4;

/// Cleans untrusted text; see the module documentation for what the result guarantees.
pub fn sanitize(raw: &str) -> String {
    clean(raw, true)
}

/// Like `sanitize`, but tabs stay as they are: for a parser that turns all whitespace into
/// single spaces itself and wants columns as in the file.
pub fn sanitize_keeping_tabs(raw: &str) -> String {
    clean(raw, false)
}

fn clean(raw: &str, expand_tabs: bool) -> String {
    // Almost all text is clean already: one quick scan, and a copy.
    let untouched = |c: char| match c {
        '\n' => true,
        '\t' => !expand_tabs,
        '\r' | '\u{2028}' | '\u{2029}' => false,
        c => !is_dropped(c),
    };
    if raw.chars().all(untouched)
        && unicode_normalization::is_nfc_quick(raw.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return raw.to_string();
    }
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut column = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\r' => {
                // CRLF and lone CR both end a line.
                if chars.get(i + 1) != Some(&'\n') {
                    out.push('\n');
                    column = 0;
                }
            }
            '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                column = 0;
            }
            '\t' if !expand_tabs => {
                out.push('\t');
                column += 1;
            }
            '\t' => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\u{1b}' => {
                i += escape_sequence_len(&chars[i..], 1);
                continue;
            }
            '\u{9b}' => {
                // C1 CSI: the same as ESC [.
                i += csi_len(&chars[i..], 1);
                continue;
            }
            '\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' => {
                // C1 OSC, DCS, PM, APC: strings up to a terminator.
                i += string_sequence_len(&chars[i..], 1);
                continue;
            }
            c if is_dropped(c) => {}
            c => {
                out.push(c);
                column += 1;
            }
        }
        i += 1;
    }
    if out.is_ascii() {
        out
    } else {
        out.nfc().collect()
    }
}

/// Characters that never reach the output: C0/C1 controls, DEL, bidi controls, zero-width
/// characters, soft hyphens, byte-order marks and Unicode tag characters.
fn is_dropped(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{ad}'                      // soft hyphen
        | '\u{61c}'                     // Arabic letter mark
        | '\u{180e}'                    // Mongolian vowel separator
        | '\u{200b}'..='\u{200f}'       // zero-width space/joiners, LRM, RLM
        | '\u{202a}'..='\u{202e}'       // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'       // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}'       // bidi isolates
        | '\u{206a}'..='\u{206f}'       // deprecated format characters
        | '\u{feff}'                    // byte-order mark / zero-width no-break space
        | '\u{fff9}'..='\u{fffb}'       // interlinear annotation controls
        | '\u{e0000}'..='\u{e007f}'     // tag characters
    )
}

/// Length in chars of the escape sequence that starts with ESC at `seq[0]`.
fn escape_sequence_len(seq: &[char], introducer: usize) -> usize {
    match seq.get(introducer) {
        Some('[') => csi_len(seq, introducer + 1),
        Some(']' | 'P' | '^' | '_' | 'X') => string_sequence_len(seq, introducer + 1),
        // Two-character escapes such as ESC c (reset) or ESC 7 (save cursor).
        Some(c) if ('\u{20}'..='\u{7e}').contains(c) => introducer + 1,
        _ => introducer,
    }
}

/// A control sequence: parameters and intermediates, then one final byte in `@`..=`~`.
fn csi_len(seq: &[char], start: usize) -> usize {
    for (offset, c) in seq.iter().enumerate().skip(start).take(MAX_ESCAPE_LEN) {
        match c {
            '\u{40}'..='\u{7e}' => return offset + 1,
            '\u{20}'..='\u{3f}' => {}
            _ => return offset,
        }
    }
    start
}

/// An OSC/DCS/PM/APC string: runs to BEL, ESC \ or ST (U+9C).
fn string_sequence_len(seq: &[char], start: usize) -> usize {
    let mut offset = start;
    while offset < seq.len() && offset < start + MAX_ESCAPE_LEN {
        match seq[offset] {
            '\u{7}' | '\u{9c}' => return offset + 1,
            '\u{1b}' if seq.get(offset + 1) == Some(&'\\') => return offset + 2,
            _ => offset += 1,
        }
    }
    if offset >= seq.len() {
        // Unterminated at the end of the text: the whole tail was the sequence.
        offset
    } else {
        start
    }
}

/// `text` with every character that `sanitize` would drop, newlines and tabs included,
/// written as a visible escape (`\u{1b}`): for text that is shown as it is, such as a file
/// name or a quoted value in a message, and must not act on the terminal.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_dropped) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_dropped(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// True when `text` would pass through `sanitize` unchanged apart from normalisation; used by
/// tests and debug assertions downstream.
pub fn is_clean(text: &str) -> bool {
    !text
        .chars()
        .any(|c| (c != '\n' && is_dropped(c)) || c == '\t' || c == '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_german_text_and_newlines() {
        let text = "Pjöngjang und Wladiwostok\nStraße, Rasŏn, „Zitat“ — gut.";
        assert_eq!(sanitize(text), text);
    }

    #[test]
    fn strips_csi_sequences_whole() {
        assert_eq!(sanitize("a\u{1b}[2Jb\u{1b}[1;31mc\u{1b}[0m"), "abc");
    }

    #[test]
    fn strips_osc_title_and_clipboard_sequences() {
        assert_eq!(sanitize("x\u{1b}]0;evil title\u{7}y"), "xy");
        assert_eq!(sanitize("x\u{1b}]52;c;aGVsbG8=\u{1b}\\y"), "xy");
    }

    #[test]
    fn unterminated_osc_far_from_the_end_drops_only_the_introducer() {
        let long = format!("\u{1b}]0;{}", "a".repeat(MAX_ESCAPE_LEN + 10));
        let clean = sanitize(&long);
        assert!(clean.starts_with("0;aaa"));
        assert!(is_clean(&clean));
    }

    #[test]
    fn removes_c0_c1_del_and_bell() {
        assert_eq!(sanitize("a\u{7}b\u{7f}c\u{85}d\u{0}e\u{8}f"), "abcdef");
    }

    #[test]
    fn removes_c1_csi_sequence() {
        assert_eq!(sanitize("a\u{9b}31mb"), "ab");
    }

    #[test]
    fn strips_bidi_overrides_and_isolates() {
        assert_eq!(sanitize("a\u{202e}cba\u{202c}\u{2066}x\u{2069}"), "acbax");
    }

    #[test]
    fn drops_soft_hyphens_and_zero_width_characters() {
        assert_eq!(sanitize("Nord\u{ad}korea\u{200b}\u{feff}"), "Nordkorea");
    }

    #[test]
    fn expands_tabs_to_the_next_stop() {
        assert_eq!(sanitize("ab\tc\n\td"), "ab  c\n    d");
    }

    #[test]
    fn turns_crlf_and_cr_into_newlines() {
        assert_eq!(sanitize("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn normalises_to_nfc() {
        // "o" + combining breve → "ŏ"; "o" + combining diaeresis → "ö".
        assert_eq!(sanitize("Raso\u{306}n Pjo\u{308}ngjang"), "Rasŏn Pjöngjang");
    }

    #[test]
    fn removal_between_base_and_mark_still_yields_nfc() {
        assert_eq!(sanitize("o\u{200b}\u{308}"), "ö");
    }

    #[test]
    fn visible_escapes_what_sanitize_drops_and_keeps_the_rest() {
        assert_eq!(visible("Pjöngjang"), "Pjöngjang");
        assert!(matches!(
            visible("Pjöngjang"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            visible("a\u{1b}[2J\u{202e}b\n\tc\u{85}"),
            "a\\u{1b}[2J\\u{202e}b\\u{a}\\u{9}c\\u{85}"
        );
        assert!(is_clean(&visible("\u{1b}]0;x\u{7}\u{200b}\u{feff}")));
    }

    #[test]
    fn output_of_hostile_text_is_clean() {
        let hostile = "\u{1b}[?1049h\u{1b}P+q\u{1b}\\\u{9d}8;;http://x\u{9c}\u{e0041}ok";
        let clean = sanitize(hostile);
        assert_eq!(clean, "ok");
        assert!(is_clean(&clean));
    }
}
