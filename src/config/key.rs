//! Key strings: `ctrl-o`, `shift-tab`, `G`, `pagedown`, `f5`, `g g` (sequences of up to three).
//!
//! `parse_key` and `Key`'s `Display` are exact inverses on normalised keys. Normalisation makes
//! equal what a plain terminal cannot tell apart: `Ctrl-O` is `ctrl-o`, `shift-g` is `G`,
//! and a key event from crossterm becomes the same `Key` as its string.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::suggest::did_you_mean;

/// One key with its modifiers (only ctrl, alt and shift are kept).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// Named keys and their names, in the order help lists them.
const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backspace", KeyCode::Backspace),
    ("space", KeyCode::Char(' ')),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("insert", KeyCode::Insert),
    ("delete", KeyCode::Delete),
];

/// Every named key, for tests and suggestions.
pub fn named_keys() -> Vec<&'static str> {
    let mut names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
    names.extend(FUNCTION_KEYS);
    names
}

const FUNCTION_KEYS: [&str; 12] = [
    "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12",
];

const MODIFIERS: [(&str, KeyModifiers); 3] = [
    ("ctrl", KeyModifiers::CONTROL),
    ("alt", KeyModifiers::ALT),
    ("shift", KeyModifiers::SHIFT),
];

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        normalise(code, mods)
    }

    pub fn plain(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// The key a crossterm event stands for.
    pub fn from_event(event: &KeyEvent) -> Key {
        match event.code {
            KeyCode::BackTab => Key::new(KeyCode::Tab, event.modifiers | KeyModifiers::SHIFT),
            code => Key::new(code, event.modifiers),
        }
    }

    /// A printable character typed without ctrl or alt (what a prompt inserts).
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c)
                if !self
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    && !c.is_control() =>
            {
                Some(c)
            }
            _ => None,
        }
    }
}

fn normalise(code: KeyCode, mods: KeyModifiers) -> Key {
    let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    let code = match code {
        KeyCode::Char(c) => {
            let mut c = c;
            if mods.contains(KeyModifiers::CONTROL) && c.is_ascii_alphabetic() {
                // A plain terminal sends the same byte for ctrl-o and ctrl-O.
                c = c.to_ascii_lowercase();
                mods.remove(KeyModifiers::SHIFT);
            } else if mods.contains(KeyModifiers::SHIFT) {
                // Shift is already in the character: `shift-g` is `G`, shift-1 is whatever
                // the layout makes of it and arrives as that character.
                let upper: Vec<char> = c.to_uppercase().collect();
                if let [u] = upper[..] {
                    c = u;
                }
                mods.remove(KeyModifiers::SHIFT);
            }
            KeyCode::Char(c)
        }
        other => other,
    };
    Key { code, mods }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, m) in MODIFIERS {
            if self.mods.contains(m) {
                write!(f, "{name}-")?;
            }
        }
        if let Some((name, _)) = NAMED.iter().find(|(_, code)| *code == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Parses one key string such as `ctrl-o`, `G`, `shift-tab`, `f5`, `-`, `ctrl--`.
pub fn parse_key(text: &str) -> Result<Key, String> {
    if text.is_empty() {
        return Err("empty key".to_string());
    }
    let mut mods = KeyModifiers::NONE;
    let mut rest = text;
    while let Some((prefix, after)) = rest.split_once('-') {
        if prefix.is_empty() {
            // The key is `-` itself.
            break;
        }
        let lowered = prefix.to_ascii_lowercase();
        let Some((name, m)) = MODIFIERS.iter().find(|(n, _)| *n == lowered) else {
            let hint = did_you_mean(&lowered, MODIFIERS.iter().map(|(n, _)| *n));
            return Err(format!("unknown modifier `{prefix}` in `{text}`{hint}"));
        };
        if after.is_empty() {
            return Err(format!("`{text}` has a modifier but no key"));
        }
        if mods.contains(*m) {
            return Err(format!("modifier `{name}` repeated in `{text}`"));
        }
        mods |= *m;
        rest = after;
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => {
            let lowered = rest.to_ascii_lowercase();
            if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == lowered) {
                *code
            } else if let Some(n) = lowered
                .strip_prefix('f')
                .filter(|n| n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0'))
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|n| (1..=12).contains(n))
            {
                KeyCode::F(n)
            } else {
                let names = named_keys();
                let hint = did_you_mean(&lowered, names.iter().copied());
                return Err(format!("unknown key `{rest}` in `{text}`{hint}"));
            }
        }
    };
    if let KeyCode::Char(c) = code {
        if c.is_control() {
            return Err(format!(
                "`{text}` is a control character; name the key instead"
            ));
        }
        if !crate::corpus::sanitize::is_clean(c.encode_utf8(&mut [0; 4])) {
            // Bidi controls and zero-width characters would be shown raw by `dossier keys`,
            // the help screen and the hints, and turn the terminal's text around.
            return Err(format!(
                "`{}` is an invisible or bidi formatting character, not a key",
                c.escape_unicode()
            ));
        }
        if mods.contains(KeyModifiers::SHIFT) && !c.is_alphabetic() {
            return Err(format!(
                "`{text}`: shift with `{c}` cannot be told apart in a terminal; write the shifted character itself"
            ));
        }
    }
    Ok(Key::new(code, mods))
}

/// Parses a sequence of up to three keys separated by spaces (`g g`). Only the ASCII space
/// separates: a tab or another blank character is a key string of its own, so `"\t"` is
/// rejected as a control character and `"\u{3000}"` is that character, not the space key.
pub fn parse_sequence(text: &str) -> Result<Vec<Key>, String> {
    if !text.is_empty() && text.bytes().all(|b| b == b' ') {
        // `" " = "page_down"`: a literal space is the space key.
        return Ok(vec![Key::plain(' ')]);
    }
    let keys = text
        .split(' ')
        .filter(|k| !k.is_empty())
        .map(parse_key)
        .collect::<Result<Vec<Key>, String>>()?;
    match keys.len() {
        0 => Err("empty key".to_string()),
        1..=3 => Ok(keys),
        _ => Err(format!("`{text}`: a sequence has at most three keys")),
    }
}

/// Shows a sequence the way it is written in keys.toml.
pub fn display_sequence(keys: &[Key]) -> String {
    keys.iter()
        .map(Key::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventKind, KeyEventState};

    #[test]
    fn every_named_key_and_modifier_round_trips() {
        for name in named_keys() {
            for mods in [
                "",
                "ctrl-",
                "alt-",
                "shift-",
                "ctrl-alt-",
                "ctrl-alt-shift-",
            ] {
                if name == "space" && mods.contains("shift") {
                    // Shift with a character is the shifted character itself.
                    continue;
                }
                let text = format!("{mods}{name}");
                let key = parse_key(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
                assert_eq!(key.to_string(), text, "display of {text}");
                assert_eq!(parse_key(&key.to_string()).unwrap(), key);
            }
        }
    }

    #[test]
    fn characters_round_trip() {
        for text in [
            "q", "?", "/", "]", "[", "G", "g", "-", "ctrl--", "alt-x", "ctrl-o", "ü", "@", "+",
        ] {
            let key = parse_key(text).unwrap();
            assert_eq!(key.to_string(), text);
        }
    }

    #[test]
    fn normalisation_merges_what_a_terminal_cannot_tell_apart() {
        assert_eq!(parse_key("Ctrl-O").unwrap(), parse_key("ctrl-o").unwrap());
        assert_eq!(parse_key("CTRL-o").unwrap().to_string(), "ctrl-o");
        assert_eq!(parse_key("shift-g").unwrap(), parse_key("G").unwrap());
        assert_eq!(parse_key("Enter").unwrap(), parse_key("enter").unwrap());
        assert_eq!(parse_key("PageDown").unwrap().to_string(), "pagedown");
    }

    #[test]
    fn invalid_strings_are_rejected_with_a_message() {
        let cases = [
            ("ctrl-banana", "unknown key `banana`"),
            (
                "ctl-o",
                "unknown modifier `ctl` in `ctl-o` (did you mean `ctrl`?)",
            ),
            ("ctrl-ctrl-o", "modifier `ctrl` repeated"),
            ("", "empty key"),
            ("entr", "did you mean `enter`?"),
            ("f13", "unknown key `f13`"),
            ("shift-1", "write the shifted character itself"),
            ("ctrl-", "has a modifier but no key"),
        ];
        for (text, message) in cases {
            let err = parse_key(text).expect_err(text);
            assert!(err.contains(message), "{text}: {err}");
        }
    }

    #[test]
    fn sequences_have_one_to_three_keys() {
        assert_eq!(parse_sequence("g g").unwrap().len(), 2);
        assert_eq!(display_sequence(&parse_sequence("g  g").unwrap()), "g g");
        assert!(
            parse_sequence("a b c d")
                .unwrap_err()
                .contains("at most three")
        );
        assert!(
            parse_sequence("   ").is_ok(),
            "a literal space is the space key"
        );
    }

    #[test]
    fn only_the_ascii_space_separates_keys_of_a_sequence() {
        // A literal tab was taken for the space key, and so was any other blank character.
        let err = parse_sequence("\t").unwrap_err();
        assert!(err.contains("control character"), "{err}");
        assert!(parse_sequence("g\tg").is_err());
        let ideographic = parse_sequence("\u{3000}").unwrap();
        assert_eq!(ideographic, [Key::plain('\u{3000}')]);
        assert_ne!(ideographic, parse_sequence(" ").unwrap());
        assert_eq!(
            parse_sequence(&display_sequence(&ideographic)).unwrap(),
            ideographic
        );
    }

    #[test]
    fn invisible_and_bidi_characters_are_not_keys() {
        // `"\u202e" = "top"` showed a raw right-to-left override in `dossier keys` and help.
        for text in [
            "\u{202e}",
            "\u{2066}",
            "\u{200b}",
            "\u{feff}",
            "ctrl-\u{200d}",
            "\u{ad}",
        ] {
            let err = parse_key(text).expect_err(text);
            assert!(err.contains("not a key"), "{err}");
            assert!(!err.contains(text), "the message shows it escaped: {err}");
        }
        assert!(parse_key("\u{3000}").is_ok());
    }

    #[test]
    fn function_keys_are_written_with_plain_digits() {
        for text in ["f+5", "f05", "f 5", "f-1"] {
            assert!(parse_key(text).is_err(), "{text}");
        }
        assert_eq!(parse_key("F12").unwrap().to_string(), "f12");
    }

    fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn crossterm_events_become_the_same_keys_as_their_strings() {
        let cases = [
            (event(KeyCode::Char('G'), KeyModifiers::SHIFT), "G"),
            (event(KeyCode::BackTab, KeyModifiers::SHIFT), "shift-tab"),
            (event(KeyCode::Char('o'), KeyModifiers::CONTROL), "ctrl-o"),
            (event(KeyCode::Char('?'), KeyModifiers::SHIFT), "?"),
            (event(KeyCode::Char(' '), KeyModifiers::NONE), "space"),
            (event(KeyCode::Left, KeyModifiers::ALT), "alt-left"),
        ];
        for (ev, text) in cases {
            assert_eq!(Key::from_event(&ev), parse_key(text).unwrap(), "{text}");
        }
    }
}
