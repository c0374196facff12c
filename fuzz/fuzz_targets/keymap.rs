//! The keymap loader and the key parser on arbitrary text: never panic; every key that parses
//! displays as a string that parses back to the same key, and holds nothing `sanitize` drops.

#![no_main]

use dossier::config::action::Action;
use dossier::config::key::{display_sequence, parse_key, parse_sequence};
use dossier::config::keymap::{Context, Keymap, Lookup};
use dossier::corpus::sanitize::is_clean;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(key) = parse_key(text) {
        let shown = key.to_string();
        assert!(is_clean(&shown) && !shown.contains('\n'), "{shown:?}");
        assert_eq!(parse_key(&shown), Ok(key), "{text:?} shown as {shown:?}");
    }
    if let Ok(keys) = parse_sequence(text) {
        assert!((1..=3).contains(&keys.len()));
        let shown = display_sequence(&keys);
        assert_eq!(
            parse_sequence(&shown),
            Ok(keys),
            "{text:?} shown as {shown:?}"
        );
    }
    // Each line on its own, as a key string in keys.toml would be.
    for line in text.lines().take(64) {
        if let Ok(keys) = parse_sequence(line) {
            let shown = display_sequence(&keys);
            assert_eq!(
                parse_sequence(&shown),
                Ok(keys),
                "{line:?} shown as {shown:?}"
            );
        }
    }
    let Ok((keymap, _warnings)) = Keymap::load(Some(("keys.toml", text))) else {
        return;
    };
    for row in keymap.rows() {
        let shown = display_sequence(&row.keys);
        // What `dossier keys`, help and the hints print.
        assert!(is_clean(&shown) && !shown.contains('\n'), "{shown:?}");
        assert_eq!(parse_sequence(&shown).as_ref(), Ok(&row.keys), "{shown:?}");
        assert_eq!(
            keymap.lookup(row.context, &row.keys),
            Lookup::Action(row.action)
        );
        for n in 1..row.keys.len() {
            assert!(matches!(
                keymap.lookup(row.context, &row.keys[..n]),
                Lookup::Pending(_)
            ));
        }
    }
    for &context in Context::ALL {
        for &action in Action::ALL {
            for shown in keymap.keys_for(context, action) {
                assert!(parse_sequence(&shown).is_ok(), "{shown:?}");
            }
        }
    }
});
