//! sanitize on arbitrary text: the output is clean, NFC and a fixed point.

#![no_main]

use dossier::corpus::sanitize::{is_clean, sanitize, sanitize_keeping_tabs};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::{UnicodeNormalization, is_nfc};

fuzz_target!(|text: &str| {
    let clean = sanitize(text);
    assert!(is_clean(&clean), "not clean: {clean:?}");
    assert!(is_nfc(&clean), "not NFC: {clean:?}");
    assert_eq!(sanitize(&clean), clean, "not idempotent");
    assert_eq!(clean.nfc().collect::<String>(), clean);

    let tabs = sanitize_keeping_tabs(text);
    assert!(is_clean(&tabs.replace('\t', " ")), "not clean: {tabs:?}");
    assert_eq!(sanitize_keeping_tabs(&tabs), tabs, "not idempotent (tabs)");
});
