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
    let mut strings = StringScan::default();
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
                i += escape_sequence_len(&chars, i, &mut strings);
                continue;
            }
            '\u{9b}' => {
                // C1 CSI: the same as ESC [.
                i += csi_len(&chars[i..], 1);
                continue;
            }
            '\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' => {
                // C1 OSC, DCS, PM, APC: strings up to a terminator.
                i += strings.len(&chars, i, 1);
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

/// Length in chars of the escape sequence that starts with ESC at `chars[at]`.
fn escape_sequence_len(chars: &[char], at: usize, strings: &mut StringScan) -> usize {
    match chars.get(at + 1) {
        Some('[') => csi_len(&chars[at..], 2),
        Some(']' | 'P' | '^' | '_' | 'X') => strings.len(chars, at, 2),
        // Two-character escapes such as ESC c (reset) or ESC 7 (save cursor).
        Some(c) if ('\u{20}'..='\u{7e}').contains(c) => 2,
        _ => 1,
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

/// Finds the ends of OSC/DCS/PM/APC strings, which run to BEL, ESC \ or ST (U+9C). It
/// remembers how far it has already looked without finding a terminator, so a text of a
/// million unterminated `ESC ]` is scanned once, not once per introducer.
#[derive(Default)]
struct StringScan {
    /// No terminator starts in `chars[..clear_until]` from where the last search began.
    clear_until: usize,
}

impl StringScan {
    /// Length in chars of the string sequence that starts at `chars[at]`, its introducer
    /// `introducer` chars long. Unterminated within `MAX_ESCAPE_LEN`: only the introducer.
    fn len(&mut self, chars: &[char], at: usize, introducer: usize) -> usize {
        let start = at + introducer;
        let limit = chars.len().min(start + MAX_ESCAPE_LEN);
        let mut offset = start.max(self.clear_until);
        while offset < limit {
            match chars[offset] {
                '\u{7}' | '\u{9c}' => return offset + 1 - at,
                '\u{1b}' if chars.get(offset + 1) == Some(&'\\') => return offset + 2 - at,
                _ => offset += 1,
            }
        }
        self.clear_until = self.clear_until.max(limit);
        if limit >= chars.len() {
            // Unterminated at the end of the text: the whole tail was the sequence.
            chars.len() - at
        } else {
            introducer
        }
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
    fn many_unterminated_osc_introducers_keep_their_text_and_are_removed() {
        let text = format!("{}Ende\u{7}x", "\u{1b}]a".repeat(3 * MAX_ESCAPE_LEN));
        let clean = sanitize(&text);
        // Far from the terminator each introducer goes alone; the last MAX_ESCAPE_LEN chars
        // before BEL form one sequence with it.
        assert!(clean.starts_with("aaa"), "{}", &clean[..10]);
        assert!(clean.ends_with('x'));
        assert!(is_clean(&clean));
        let after_bel = sanitize("\u{1b}]0;t\u{7}rest \u{1b}]1;u\u{1b}\\ende");
        assert_eq!(after_bel, "rest ende");
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
