//! The linker on arbitrary text, against the bundled catalogue or a small catalogue made from
//! the input: never panics; mention and ambiguity ranges lie on char boundaries inside the
//! block, are sorted, do not overlap, and each mention's text is one of its entity's forms
//! (or that form with a genitive `s`).
//!
//! Input: the first byte picks the catalogue. Bundled: the rest is the text. Small: the rest
//! is split at the first `\n\n`; each line before it is a form: `!form` an ignored form,
//! `dform` (d a digit 0–3) a surface form of entity d (its first form is its name).

#![no_main]

use std::sync::OnceLock;

use dossier::bundled;
use dossier::corpus::article::{Block, BlockKind};
use dossier::corpus::catalogue::{Catalogue, parse_catalogue};
use dossier::corpus::ids::ArticleId;
use dossier::corpus::linker::Linker;
use dossier::corpus::sanitize::sanitize;
use dossier::diag::Position;
use libfuzzer_sys::fuzz_target;

fn bundled() -> &'static (Catalogue, Linker) {
    static BUNDLED: OnceLock<(Catalogue, Linker)> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let catalogue =
            parse_catalogue("entities.toml", bundled::CATALOGUE.as_bytes()).expect("bundled");
        let linker = Linker::new(&catalogue);
        (catalogue, linker)
    })
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

fn small_catalogue(spec: &str) -> Option<Catalogue> {
    let mut ignore = Vec::new();
    let mut forms: [Vec<&str>; 4] = Default::default();
    for line in spec.lines().take(32) {
        if let Some(form) = line.strip_prefix('!') {
            ignore.push(quoted(form));
        } else if let Some(d) = line.chars().next().and_then(|c| c.to_digit(10)) {
            forms[(d % 4) as usize].push(&line[1..]);
        }
    }
    let mut toml = format!("ignore = [{}]\n", ignore.join(", "));
    for (i, forms) in forms.iter().enumerate() {
        let Some((name, aliases)) = forms.split_first() else {
            continue;
        };
        let aliases: Vec<String> = aliases.iter().map(|a| quoted(a)).collect();
        toml.push_str(&format!(
            "[[entity]]\nid = \"e{i}\"\nname = {}\nkind = \"person\"\naliases = [{}]\nsummary = \"s\"\n",
            quoted(name),
            aliases.join(", ")
        ));
    }
    // Empty names and forms are rejected by the loader; that is fine.
    parse_catalogue("small.toml", toml.as_bytes()).ok()
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

fn check(catalogue: &Catalogue, linker: &Linker, blocks: &[Block]) {
    let mut hits = vec![0; linker.pattern_count()];
    let links = linker.link(ArticleId::from_index(0), blocks, &mut hits);
    let mut ranges: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    // `link` reads the blocks it is given: every mention is in one of them.
    let block_of = |m: &dossier::corpus::linker::Mention| {
        m.place.block().expect("a mention of the blocks given")
    };
    for m in &links.mentions {
        let text = &blocks[block_of(m)].text;
        let surface = text
            .get(m.range.clone())
            .expect("mention on char boundaries");
        let Some(entity) = catalogue.entity(m.entity) else {
            panic!("mention of an entity the catalogue does not have: {m:?}");
        };
        assert!(
            entity
                .surface_forms()
                .any(|f| surface == f || surface.strip_suffix('s') == Some(f)),
            "{surface:?} is no form of {}",
            entity.id
        );
        ranges.push((block_of(m), m.range.clone()));
    }
    for a in &links.ambiguities {
        let text = &blocks[a.block].text;
        assert!(text.get(a.range.clone()).is_some());
        assert!(a.candidates.len() > 1);
        ranges.push((a.block, a.range.clone()));
    }
    for pair in links.mentions.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            (block_of(a), a.range.end) <= (block_of(b), b.range.start),
            "{a:?} {b:?}"
        );
    }
    ranges.sort_by_key(|(b, r)| (*b, r.start));
    for pair in ranges.windows(2) {
        assert!(
            pair[0].0 < pair[1].0 || pair[0].1.end <= pair[1].1.start,
            "overlap {pair:?}"
        );
    }
    for (_, r) in &ranges {
        assert!(r.start < r.end);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    if mode % 2 == 0 {
        let (catalogue, linker) = bundled();
        // Raw text (the linker must survive anything) and the text as the loader gives it.
        let blocks = vec![block(text.to_string()), block(sanitize(&text))];
        check(catalogue, linker, &blocks);
    } else {
        let (spec, body) = text.split_once("\n\n").unwrap_or((&text, ""));
        let Some(catalogue) = small_catalogue(spec) else {
            return;
        };
        let linker = Linker::new(&catalogue);
        let blocks: Vec<Block> = body.split('\n').map(|l| block(l.to_string())).collect();
        check(&catalogue, &linker, &blocks);
    }
});
