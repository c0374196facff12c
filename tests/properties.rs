//! Property tests: random inputs, checked against what each module promises.
//!
//! Linker mention ranges lie on char boundaries, are sorted and never overlap; wrapping never
//! loses or reorders a word and never exceeds the width; folding maps match positions back
//! inside the original string; key strings round-trip through `Display` and show nothing
//! invisible; the sanitizer's output is clean, NFC and a fixed point; the article parser
//! survives any bytes; truncation fits its columns; sentence bounds agree with the unbounded
//! search they replaced (which ends a sentence after its footnote markers too). Failures shrink to a minimal input; fixed ones stay at the end as
//! plain regression tests.

use std::sync::OnceLock;

use crossterm::event::{KeyCode, KeyModifiers};
use dossier::bundled;
use dossier::config::key::{Key, display_sequence, named_keys, parse_key, parse_sequence};
use dossier::corpus::article::{Block, BlockKind, parse_article};
use dossier::corpus::catalogue::{Catalogue, parse_catalogue};
use dossier::corpus::fold::fold;
use dossier::corpus::ids::{ArticleId, EntityId};
use dossier::corpus::linker::{ArticleLinks, Linker};
use dossier::corpus::sanitize::{is_clean, sanitize};
use dossier::corpus::search::Matcher;
use dossier::corpus::sentence::{MAX_REACH, sentence_around};
use dossier::diag::Position;
use dossier::text::wrap::wrap;
use dossier::text::{columns, columns_within, truncate, truncate_start, width};
use proptest::prelude::*;
use proptest::sample::select;
use unicode_normalization::is_nfc;

// ---------------------------------------------------------------------------------------------
// Shared inputs

/// 256 cases per property; failures are not written to a file: each one found became a plain
/// regression test at the end of this file or next to the fix.
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn bundled_catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        parse_catalogue("entities.toml", bundled::CATALOGUE.as_bytes()).expect("bundled loads")
    })
}

fn bundled_linker() -> &'static Linker {
    static LINKER: OnceLock<Linker> = OnceLock::new();
    LINKER.get_or_init(|| Linker::new(bundled_catalogue()))
}

/// Words of the bundled articles, every surface form of the catalogue, and fragments that
/// sit at the linker's and the wrapper's edges (genitive s, hyphens, combining marks, wide and
/// zero-width characters).
fn vocabulary() -> Vec<String> {
    let mut words: Vec<String> = bundled::ARTICLES
        .iter()
        .flat_map(|(_, text)| text.split_whitespace())
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    for entity in bundled_catalogue().entities() {
        words.extend(entity.surface_forms().map(str::to_string));
    }
    for odd in [
        "s",
        "-",
        "’s",
        "'s",
        "ß",
        "ẞ",
        "\u{301}",
        "\u{308}",
        "e\u{301}",
        "日本語",
        "🦀",
        "❤\u{fe0f}",
        "\u{3000}",
        "\u{a0}",
        "Kim",
        "Kims",
        "Kim-",
        "-Kim",
        "US-Dollar",
        "US",
        "II.",
        "1945",
        "„",
        "“",
        "—",
        "Ukraine-Konflikt",
        "Atomwaffenentwicklung",
    ] {
        words.push(odd.to_string());
    }
    words
}

fn words() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(vocabulary)
}

/// German-ish text: vocabulary words joined by spaces, hyphens or nothing at all.
fn german_ish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (select(words()), select(vec![" ", " ", " ", "-", "", ", "])),
        0..40,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .map(|(w, sep)| format!("{w}{sep}"))
            .collect()
    })
}

/// A paragraph as the loader gives it: sanitized, on one line, single spaces, trimmed.
fn one_line(text: &str) -> String {
    sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn block(text: String) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        text,
        number: None,
        origins: vec![(0, Position { line: 1, col: 1 })],
        ..Block::default()
    }
}

/// Text with plenty of what the sanitizer must remove.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => any::<char>().prop_map(String::from),
        2 => "[a-zA-ZäöüßŏÄÖÜ ]{1,8}",
        1 => select(vec![
            "\u{1b}[2J", "\u{1b}]0;x\u{7}", "\u{1b}]52;c;aGk=\u{1b}\\", "\u{1b}", "\u{1b}[",
            "\u{9b}", "\u{9b}31m", "\u{9d}", "\u{9c}", "\u{85}", "\u{202e}", "\u{2066}",
            "\u{2069}", "\u{200b}", "\u{200d}", "\u{feff}", "\u{ad}", "\t", "\r", "\r\n",
            "\u{2028}", "\u{7f}", "\u{0}", "\u{301}", "\u{308}", "\u{e0041}", "o\u{308}",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..48).prop_map(|p| p.concat())
}

/// Text from the characters whose width depends on their neighbours: variation selectors,
/// emoji and their modifiers, regional indicators, conjoining Hangul jamo, Arabic lam-alef,
/// combining marks, wide and ambiguous characters, spaces and hyphens.
fn tricky_width_text() -> impl Strategy<Value = String> {
    let piece = select(vec![
        "❤", "☎", "⚠", "1", "#", "a", "ß", "\u{fe0f}", "\u{fe0e}", "\u{20e3}", "🦀", "👍", "🏻",
        "🇩", "🇪", "\u{1100}", "\u{1161}", "\u{11a8}", "ل", "ا", "\u{301}", "\u{308}", "日", "ｱ",
        "·", " ", " ", "-", "\u{3000}", "\u{a0}", "\u{200d}", "\u{e9}", "\u{2764}",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

// ---------------------------------------------------------------------------------------------
// Linker

/// Mention and ambiguity ranges: inside their block, on char boundaries, not empty, sorted in
/// document order, and no two of them overlap.
fn assert_ranges_sound(blocks: &[Block], links: &ArticleLinks) -> Result<(), TestCaseError> {
    let mut all: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for m in &links.mentions {
        let b = m.place.block().unwrap();
        let text = &blocks[b].text;
        prop_assert!(m.range.start < m.range.end, "empty mention {m:?}");
        prop_assert!(m.range.end <= text.len(), "{m:?} beyond {text:?}");
        prop_assert!(
            text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end),
            "{m:?} not on char boundaries of {text:?}"
        );
        all.push((b, m.range.clone()));
    }
    for pair in links.mentions.windows(2) {
        prop_assert!(
            (pair[0].place, pair[0].range.end) <= (pair[1].place, pair[1].range.start),
            "mentions out of order or overlapping: {pair:?}"
        );
    }
    for a in &links.ambiguities {
        let text = &blocks[a.block].text;
        prop_assert!(text.get(a.range.clone()).is_some(), "{a:?} in {text:?}");
        all.push((a.block, a.range.clone()));
    }
    all.sort_by_key(|(b, r)| (*b, r.start));
    for pair in all.windows(2) {
        prop_assert!(
            pair[0].0 < pair[1].0 || pair[0].1.end <= pair[1].1.start,
            "overlap: {pair:?}"
        );
    }
    Ok(())
}

/// A TOML basic string holding `s`.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A small catalogue over a tiny alphabet, so forms share prefixes, overlap and are shared
/// between entities; the text uses the same alphabet.
fn small_catalogue() -> impl Strategy<Value = (Catalogue, String)> {
    let form = "[KkIiMm -ßsö.\u{301}]{1,6}";
    let entity = prop::collection::vec(form, 1..4);
    (
        prop::collection::vec(entity, 1..5),
        prop::collection::vec(form, 0..2),
        "[KkIiMm -ßsö.\u{301}]{0,80}",
    )
        .prop_filter_map("a form that cleans to nothing", |(entities, ignore, text)| {
            let ignore: Vec<String> = ignore.iter().map(|f| quoted(f)).collect();
            let mut toml = format!("ignore = [{}]\n", ignore.join(", "));
            for (i, forms) in entities.iter().enumerate() {
                let aliases: Vec<String> = forms[1..].iter().map(|f| quoted(f)).collect();
                toml.push_str(&format!(
                    "[[entity]]\nid = \"e{i}\"\nname = {}\nkind = \"person\"\naliases = [{}]\nsummary = \"s\"\n",
                    quoted(&forms[0]),
                    aliases.join(", ")
                ));
            }
            parse_catalogue("small.toml", toml.as_bytes())
                .ok()
                .map(|c| (c, text))
        })
}

/// Whether `surface` is a form of `entity` the linker knows (listed or generated), that form
/// with one of the endings it may take, or its first part before an elision hyphen.
fn is_form(linker: &Linker, entity: EntityId, surface: &str) -> bool {
    const ENDINGS: [&str; 6] = ["", "s", "es", "n", "'s", "’s"];
    linker.forms_of(entity).any(|f| {
        ENDINGS.iter().any(|e| surface.strip_suffix(e) == Some(f))
            || surface
                .strip_suffix('-')
                .is_some_and(|head| !head.is_empty() && f.starts_with(head))
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mentions_in_german_text_are_sound(paragraphs in prop::collection::vec(german_ish(), 1..4)) {
        let blocks: Vec<Block> = paragraphs.iter().map(|p| block(one_line(p))).collect();
        let linker = bundled_linker();
        let mut hits = vec![0; linker.pattern_count()];
        let links = linker.link(ArticleId::from_index(0), &blocks, &mut hits);
        assert_ranges_sound(&blocks, &links)?;
        // Each mention is one of its entity's forms, maybe with an ending.
        for m in &links.mentions {
            let surface = &blocks[m.place.block().unwrap()].text[m.range.clone()];
            let entity = bundled_catalogue().entity(m.entity).unwrap();
            prop_assert!(is_form(linker, m.entity, surface), "{surface:?} is no form of {}", entity.id);
        }
    }

    #[test]
    fn mentions_in_raw_text_are_sound(text in hostile_text()) {
        // The linker gets sanitized text from the loader, but must not break on any string.
        let blocks = vec![block(text)];
        let linker = bundled_linker();
        let mut hits = vec![0; linker.pattern_count()];
        let links = linker.link(ArticleId::from_index(0), &blocks, &mut hits);
        assert_ranges_sound(&blocks, &links)?;
    }

    #[test]
    fn mentions_against_small_catalogues_are_sound((catalogue, text) in small_catalogue()) {
        let linker = Linker::new(&catalogue);
        let blocks = vec![block(one_line(&text)), block(text)];
        let mut hits = vec![0; linker.pattern_count()];
        let links = linker.link(ArticleId::from_index(0), &blocks, &mut hits);
        assert_ranges_sound(&blocks, &links)?;
        for m in &links.mentions {
            let surface = &blocks[m.place.block().unwrap()].text[m.range.clone()];
            let entity = catalogue.entity(m.entity).unwrap();
            prop_assert!(is_form(&linker, m.entity, surface), "{surface:?} is no form of {}", entity.id);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Wrapping

/// Checks everything `wrap` promises for `text` (one line, single spaces) at `columns`.
fn assert_wraps_soundly(text: &str, columns: usize, hyphenate: bool) -> Result<(), TestCaseError> {
    let lines = wrap(text, columns, hyphenate);
    let context = format!("{text:?} at {columns} (hyphenate {hyphenate})");
    if text.trim().is_empty() {
        prop_assert!(lines.is_empty(), "{context}: {lines:?}");
        return Ok(());
    }
    // Rebuild the text from the lines: a line break stands for one space, or for nothing where
    // a word was split. The result must be the text itself: no word lost, none reordered.
    let mut rebuilt = String::new();
    let mut previous_end = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(shown) = text.get(line.range.clone()) else {
            return Err(TestCaseError::fail(format!(
                "{context}: bad range {line:?}"
            )));
        };
        prop_assert!(!shown.is_empty(), "{context}: empty line {i}");
        prop_assert!(line.range.start >= previous_end, "{context}: lines overlap");
        let gap = &text[previous_end..line.range.start];
        prop_assert!(gap.chars().all(|c| c == ' '), "{context}: {gap:?} skipped");
        if i > 0 {
            if gap.is_empty() {
                // A split inside a word: no space on either side of it.
                prop_assert!(
                    !rebuilt.ends_with(' ') && !shown.starts_with(' '),
                    "{context}"
                );
            } else {
                rebuilt.push(' ');
            }
        }
        if line.hyphen {
            prop_assert!(i + 1 < lines.len(), "{context}: hyphen on the last line");
            prop_assert_eq!(
                lines[i + 1].range.start,
                line.range.end,
                "{}: hyphen where no word was split",
                context
            );
        }
        rebuilt.push_str(shown);
        previous_end = line.range.end;
        // The width, with the added hyphen; only a single character wider than the whole line
        // may exceed it.
        let used = width(shown) + usize::from(line.hyphen);
        // One character with the zero-width marks that follow it ("❤\u{fe0f}").
        let single_wide_char = shown
            .chars()
            .skip(1)
            .all(|c| unicode_width::UnicodeWidthChar::width(c) == Some(0))
            && width(shown) > columns;
        prop_assert!(
            used <= columns.max(1) || single_wide_char,
            "{}: line {:?} takes {} columns",
            context,
            line.render(text),
            used
        );
    }
    prop_assert!(
        text[previous_end..].chars().all(|c| c == ' '),
        "{context}: tail lost"
    );
    prop_assert_eq!(rebuilt.as_str(), text.trim_matches(' '), "{}", context);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn wrapping_keeps_every_word_and_fits_german_text(
        text in german_ish(),
        columns in 1usize..120,
        hyphenate in any::<bool>(),
    ) {
        assert_wraps_soundly(&one_line(&text), columns, hyphenate)?;
    }

    #[test]
    fn wrapping_keeps_every_word_and_fits_any_text(
        text in any::<String>(),
        columns in 1usize..120,
        hyphenate in any::<bool>(),
    ) {
        assert_wraps_soundly(&one_line(&text), columns, hyphenate)?;
    }

    #[test]
    fn wrapping_keeps_every_word_and_fits_text_of_tricky_widths(
        text in tricky_width_text(),
        columns in 1usize..12,
        hyphenate in any::<bool>(),
    ) {
        assert_wraps_soundly(&one_line(&text), columns, hyphenate)?;
    }

    #[test]
    fn wrapping_long_compounds_fits_narrow_widths(
        compound in prop::collection::vec(select(words()), 1..6),
        columns in 1usize..30,
    ) {
        // Closed compounds: long words that must be hyphenated or cut.
        let text = one_line(&compound.concat());
        assert_wraps_soundly(&text, columns, true)?;
        assert_wraps_soundly(&text, columns, false)?;
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn columns_are_never_fewer_than_the_width_and_stop_at_the_room(
        text in prop_oneof![tricky_width_text(), german_ish(), any::<String>()],
        room in 0usize..60,
    ) {
        let text = one_line(&text);
        let all = columns(&text);
        prop_assert!(all >= width(&text), "{text:?}: {all} < {}", width(&text));
        prop_assert_eq!(columns_within(&text, room), (all <= room).then_some(all));
    }

    #[test]
    fn truncated_text_fits_and_keeps_its_start_or_end(
        text in prop_oneof![tricky_width_text(), german_ish(), any::<String>()],
        columns in 0usize..40,
    ) {
        let text = one_line(&text);
        let head = truncate(&text, columns);
        prop_assert!(width(&head) <= columns, "{head:?} wider than {columns}");
        prop_assert!(text.starts_with(head.trim_end_matches('…')) || head.is_empty());
        let tail = truncate_start(&text, columns);
        prop_assert!(width(&tail) <= columns, "{tail:?} wider than {columns}");
        prop_assert!(text.ends_with(tail.trim_start_matches('…')) || tail.is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// Folding and highlighting

/// Strictly increasing: sorted and without duplicates.
fn strictly_increasing(positions: &[usize]) -> bool {
    positions.windows(2).all(|w| w[0] < w[1])
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn folded_positions_map_back_inside_the_original(
        text in prop_oneof![any::<String>(), german_ish()],
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..20),
    ) {
        let folded = fold(&text);
        let original = text.chars().count();
        let folded_len = folded.text.chars().count();
        let mut subset: Vec<usize> = if folded_len == 0 {
            Vec::new()
        } else {
            picks.iter().map(|p| p.index(folded_len)).collect()
        };
        subset.sort_unstable();
        subset.dedup();
        let back = folded.original_positions(&subset);
        prop_assert!(back.iter().all(|&i| i < original), "{back:?} beyond {original}");
        prop_assert!(strictly_increasing(&back), "{back:?}");
        // Every folded char comes from some original char, and all of them map back.
        let all: Vec<usize> = (0..folded_len).collect();
        let back = folded.original_positions(&all);
        prop_assert!(back.iter().all(|&i| i < original));
        prop_assert!(strictly_increasing(&back));
    }

    #[test]
    fn folded_positions_of_unsorted_indices_are_sorted_and_unique(
        text in german_ish(),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..20),
    ) {
        let folded = fold(&text);
        let folded_len = folded.text.chars().count();
        prop_assume!(folded_len > 0);
        let subset: Vec<usize> = picks.iter().map(|p| p.index(folded_len)).collect();
        let back = folded.original_positions(&subset);
        prop_assert!(strictly_increasing(&back), "{subset:?} -> {back:?}");
    }

    #[test]
    fn highlight_positions_lie_inside_the_text(
        text in prop_oneof![any::<String>(), german_ish()],
        query in prop_oneof![any::<String>(), "[a-zäöüß ]{1,6}"],
        from_text in any::<bool>(),
        start in any::<prop::sample::Index>(),
    ) {
        // Half of the queries are a piece of the text itself, so they do match.
        let chars: Vec<char> = text.chars().collect();
        let query = if from_text && !chars.is_empty() {
            let s = start.index(chars.len());
            chars[s..chars.len().min(s + 5)].iter().collect()
        } else {
            query
        };
        let count = chars.len();
        if let Some(positions) = Matcher::default().positions(&text, &query) {
            prop_assert!(positions.iter().all(|&i| i < count), "{positions:?} beyond {count}");
            prop_assert!(strictly_increasing(&positions), "{positions:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Key strings

fn key_code() -> impl Strategy<Value = KeyCode> {
    let named: Vec<KeyCode> = named_keys()
        .iter()
        .map(|n| parse_key(n).expect("named key").code)
        .collect();
    prop_oneof![
        select(named),
        (1u8..=12).prop_map(KeyCode::F),
        any::<char>()
            .prop_filter(
                "the parser rejects control, bidi and invisible characters",
                |c| !c.is_control() && is_clean(&c.to_string())
            )
            .prop_map(KeyCode::Char),
        "[a-zA-Z0-9äöüÄÖÜß?/\\[\\]+@#-]".prop_map(|s| KeyCode::Char(s.chars().next().unwrap())),
    ]
}

fn key() -> impl Strategy<Value = Key> {
    (key_code(), any::<(bool, bool, bool)>()).prop_map(|(code, (ctrl, alt, shift))| {
        let mut mods = KeyModifiers::NONE;
        mods.set(KeyModifiers::CONTROL, ctrl);
        mods.set(KeyModifiers::ALT, alt);
        mods.set(KeyModifiers::SHIFT, shift);
        Key::new(code, mods)
    })
}

/// Strings that look like key strings, and some that almost do.
fn key_string() -> impl Strategy<Value = String> {
    let modifier = select(vec![
        "ctrl-", "alt-", "shift-", "Ctrl-", "ALT-", "Shift-", "ctl-", "-",
    ]);
    let name = prop_oneof![
        select(named_keys()).prop_map(str::to_string),
        select(named_keys()).prop_map(|n| n.to_uppercase()),
        "f[0-9+]{1,3}",
        any::<char>().prop_map(String::from),
        "[a-zA-Z-]{1,3}",
    ];
    prop_oneof![
        (prop::collection::vec(modifier, 0..4), name)
            .prop_map(|(m, n)| format!("{}{n}", m.concat())),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn shown_keys_never_hold_control_bidi_or_invisible_characters(text in key_string()) {
        // What `dossier keys`, help and the hints print.
        if let Ok(keys) = parse_sequence(&text) {
            let shown = display_sequence(&keys);
            prop_assert!(is_clean(&shown) && !shown.contains('\n'), "{:?}", shown);
        }
    }

    #[test]
    fn every_key_displays_as_a_string_that_parses_back_to_it(key in key()) {
        let shown = key.to_string();
        prop_assert_eq!(parse_key(&shown), Ok(key), "shown as {:?}", shown);
    }

    #[test]
    fn every_sequence_displays_as_a_string_that_parses_back_to_it(
        keys in prop::collection::vec(key(), 1..=3),
    ) {
        let shown = display_sequence(&keys);
        prop_assert_eq!(parse_sequence(&shown), Ok(keys), "shown as {:?}", shown);
    }

    #[test]
    fn parse_then_display_is_the_identity_on_parsed_keys(text in key_string()) {
        if let Ok(key) = parse_key(&text) {
            let shown = key.to_string();
            prop_assert_eq!(parse_key(&shown), Ok(key), "{:?} shown as {:?}", text, shown);
        }
        if let Ok(keys) = parse_sequence(&text) {
            let shown = display_sequence(&keys);
            prop_assert_eq!(parse_sequence(&shown), Ok(keys), "{:?} shown as {:?}", text, shown);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sanitizer and article parser

proptest! {
    #![proptest_config(config())]

    #[test]
    fn sanitized_text_is_clean_nfc_and_a_fixed_point(text in prop_oneof![hostile_text(), any::<String>()]) {
        let clean = sanitize(&text);
        prop_assert!(is_clean(&clean), "{clean:?}");
        prop_assert!(is_nfc(&clean), "{clean:?}");
        prop_assert!(!clean.chars().any(|c| c.is_control() && c != '\n'), "{clean:?}");
        prop_assert_eq!(sanitize(&clean), clean);
    }

    #[test]
    fn article_parsing_survives_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_article("x", "x.md", &bytes);
    }

    #[test]
    fn parsed_articles_hold_only_clean_text(
        title in hostile_text(),
        body in prop::collection::vec(
            (select(vec!["", "## ", "> ", "> > > ", "! ", "[1]: ", "  ", "\t"]), hostile_text()),
            0..12,
        ),
        blank_lines in prop::collection::vec(any::<bool>(), 12),
    ) {
        let mut text = format!(
            "+++\ntitle = {}\ndate = \"2024\"\nsource = {}\nlead = {}\n+++\n",
            quoted(&format!("T{title}")),
            quoted(&format!("S{title}")),
            quoted(&title),
        );
        for ((marker, line), blank) in body.iter().zip(&blank_lines) {
            text.push_str(marker);
            text.push_str(line);
            text.push('\n');
            if *blank {
                text.push('\n');
            }
        }
        let article = match parse_article("x", "x.md", text.as_bytes()) {
            Ok(article) => article,
            // Escapes that decode to a line break or quote can break the TOML; that is fine.
            Err(_) => return Ok(()),
        };
        let front = &article.front;
        for s in [&front.title, &front.source, &front.date, &front.language]
            .into_iter()
            .chain(front.lead.as_ref())
        {
            prop_assert!(is_clean(s) && !s.contains('\n'), "{s:?}");
        }
        for b in &article.blocks {
            prop_assert!(is_clean(&b.text) && !b.text.contains('\n'), "{:?}", b.text);
            prop_assert!(!b.text.is_empty() && !b.text.contains("  "), "{:?}", b.text);
            for offset in 0..=b.text.len() + 1 {
                let p = b.position_of(offset);
                prop_assert!(p.line >= 1 && p.col >= 1);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sentence bounds (the concordance's context)

mod reference {
    //! `sentence_around` as it was before its search was bounded to the neighbourhood of the
    //! offset: the model for texts shorter than the reach.

    use std::ops::Range;

    const ABBREVIATIONS: &[&str] = &[
        "Nr", "Mrd", "Mio", "bzw", "ca", "Dr", "Prof", "St", "vgl", "z", "B", "u", "a", "d", "h",
        "S", "Jh", "etc", "usw", "Abs", "Art", "Bd", "Hrsg", "Tsd", "evtl", "ggf", "inkl", "sog",
        "II", "III", "IV",
    ];

    /// The byte range of the sentence in `text` that contains byte `at`: the implementation
    /// before the search was bounded, kept as the model the new one must agree with.
    pub fn sentence_around(text: &str, at: usize) -> Range<usize> {
        let at = at.min(text.len());
        let ends = sentence_ends(text);
        let start = ends.iter().copied().filter(|&e| e <= at).max().unwrap_or(0);
        let end = ends.iter().copied().find(|&e| e > at).unwrap_or(text.len());
        let slice = &text[start..end];
        let lead = slice.len() - slice.trim_start().len();
        let trail = slice.len() - slice.trim_end().len();
        (start + lead)..(end - trail).max(start + lead)
    }

    /// Byte offsets just after each sentence end (where the next sentence's whitespace starts).
    fn sentence_ends(text: &str) -> Vec<usize> {
        let mut ends = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for (i, &(offset, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            // Closing quotes and brackets belong to the sentence.
            let mut j = i + 1;
            while j < chars.len()
                && matches!(chars[j].1, '"' | '“' | '”' | '«' | '»' | '\'' | ')' | '’')
            {
                j += 1;
            }
            // Footnote markers `[n]` (one to four digits) belong to the sentence too.
            while chars.get(j).is_some_and(|&(_, c)| c == '[') {
                let digits = chars[j + 1..]
                    .iter()
                    .take_while(|&&(_, c)| c.is_ascii_digit())
                    .count();
                if (1..=4).contains(&digits)
                    && chars.get(j + 1 + digits).is_some_and(|&(_, c)| c == ']')
                {
                    j += digits + 2;
                } else {
                    break;
                }
            }
            if j >= chars.len() || !chars[j].1.is_whitespace() {
                continue;
            }
            let next = chars[j..]
                .iter()
                .map(|&(_, c)| c)
                .find(|c| !c.is_whitespace());
            let starts_sentence = next
                .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "„\"«‚(".contains(n));
            if !starts_sentence {
                continue;
            }
            if c == '.' && ends_abbreviation(text, offset) {
                continue;
            }
            let end = chars.get(j).map_or(text.len(), |&(o, _)| o);
            ends.push(end);
        }
        ends
    }

    /// Whether the dot at byte `dot` ends a number, an initial or a known abbreviation.
    fn ends_abbreviation(text: &str, dot: usize) -> bool {
        let word_start = text[..dot]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || c == '(')
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &text[word_start..dot];
        if word.is_empty() {
            return false;
        }
        if word.chars().all(|c| c.is_ascii_digit()) {
            return true;
        }
        if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
            return true;
        }
        ABBREVIATIONS.contains(&word)
    }
}

/// Sentences from German-ish words, abbreviations, numbers, quotes and punctuation.
fn sentence_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => select(words()).prop_map(|w| w.clone()),
        2 => select(vec![
            ".", "!", "?", "…", "“", "”", "«", "»", "\"", "'", ")", "(", "„", " ", " ", "  ", "9.",
            "Mrd.", ".[12]", "![3][4]", "[7]", "z. B.", "E.", "Nr.", "II.", "Kim", "Moskau", "ö", "\u{301}",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|p| p.join(" "))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn sentence_bounds_agree_with_the_unbounded_search(
        text in sentence_text(),
        at in any::<prop::sample::Index>(),
    ) {
        prop_assume!(text.len() < MAX_REACH);
        let at = at.index(text.len() + 1);
        let got = sentence_around(&text, at);
        prop_assert!(text.get(got.clone()).is_some(), "{got:?} in {text:?}");
        let mut boundary = at;
        while !text.is_char_boundary(boundary) {
            boundary -= 1;
        }
        prop_assert_eq!(got, reference::sentence_around(&text, boundary), "{:?} at {}", text, at);
    }

    #[test]
    fn sentence_bounds_of_long_text_are_near_the_offset(
        text in prop::collection::vec(sentence_text(), 1..200).prop_map(|t| t.concat()),
        at in any::<prop::sample::Index>(),
    ) {
        let at = at.index(text.len() + 1);
        let got = sentence_around(&text, at);
        prop_assert!(text.get(got.clone()).is_some(), "{got:?}");
        prop_assert!(got.start + MAX_REACH + 4 >= at && got.end <= at + MAX_REACH + 4, "{got:?} for {at}");
    }
}

// ---------------------------------------------------------------------------------------------
// Regressions: failures the properties and the fuzzers found, kept as plain tests.

#[test]
fn folded_positions_of_indices_in_reverse_order_come_back_sorted() {
    // Found by `folded_positions_of_unsorted_indices_are_sorted_and_unique`.
    let folded = fold("! ");
    assert_eq!(folded.original_positions(&[1, 0]), vec![0, 1]);
}

#[test]
fn language_of_the_front_matter_is_sanitized_too() {
    // Found by the `article` fuzzer: `language = "de\u202e"` kept its bidi override.
    let text = "+++\ntitle = \"Nordkorea\"\ndate = \"2023-12\"\nsource = \"Wikipedia\"\nlanguage = \"de\\u202e\"\n+++\nder Sowjetzeit\n";
    let article = parse_article("x", "x.md", text.as_bytes()).expect("loads");
    assert_eq!(article.front.language, "de");
}

#[test]
fn a_tab_or_ideographic_space_is_never_the_space_key() {
    // `"\t" = "top"` in keys.toml bound the space key; `"\u3000"` clashed with it.
    assert!(parse_sequence("\t").is_err());
    let ideographic = parse_sequence("\u{3000}").expect("a character key");
    assert_ne!(ideographic, parse_sequence(" ").unwrap());
    assert_eq!(
        parse_sequence(&display_sequence(&ideographic)),
        Ok(ideographic)
    );
}

#[test]
fn wrapped_lines_of_emoji_with_variation_selectors_fit() {
    // "❤\u{fe0f}" takes two columns; wrap measured it as one and overflowed the width.
    for text in [
        "❤\u{fe0f}❤\u{fe0f}❤\u{fe0f} ab",
        "a ❤\u{fe0f} b",
        "日本語 ❤\u{fe0f}x",
    ] {
        for columns in 1..8 {
            for hyphenate in [false, true] {
                assert_wraps_soundly(text, columns, hyphenate).unwrap();
            }
        }
    }
}

#[test]
fn a_bidi_override_is_not_a_key() {
    // `"\u202e" = "top"` in keys.toml put a raw right-to-left override into `dossier keys`.
    assert!(parse_sequence("\u{202e}").is_err());
    assert!(parse_key("alt-\u{200b}").is_err());
}
