//! Pasted text: a browser's copy or a text-mode browser's dump of a page, chrome included.
//! There is no DOM, so each line is judged by its features — length, sentence punctuation,
//! known boilerplate phrases (de, en, fr, es), repetition, link- and menu-likeness, photo
//! credits, its place before, in or after the run of prose — and the article is what remains:
//! title, lead, headings, paragraphs, captions, pull quotes, lists and references, in order.

use std::collections::HashMap;

use super::doc::{Doc, DocBlock, escape};
use super::meta::{detect_language, find_date, normalize_date};
use super::phrases::{is_boilerplate, is_references_heading, is_section_label, strip_edit_link};

/// One unit of text: a line, or the joined lines of a hard-wrapped paragraph.
#[derive(Debug)]
struct Unit {
    text: String,
    /// Index of the blank-line separated group it came from.
    group: usize,
    /// Spaces before its lines (a text browser indents quotes by four).
    indent: usize,
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '»', '«', '“', '”', '’', ')', ']', ' ']);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Prose: a sentence-shaped line of some length.
fn is_prose(s: &str) -> bool {
    let n = words(s);
    (n >= 15 && ends_sentence(s)) || n >= 30
}

/// Photo and video credits and captions.
fn is_caption(s: &str) -> bool {
    let t = s.trim();
    let lower = t.to_lowercase();
    const PREFIXES: &[&str] = &[
        "video:", "foto:", "bild:", "photo:", "image:", "grafik:", "fotos:",
    ];
    const MARKS: &[&str] = &[
        "(quelle:",
        "(source:",
        "(foto:",
        "(bild:",
        "(photo:",
        "foto:",
        "bild:",
        "photo:",
        "editorial use only",
        "getty images",
        "picture alliance",
        "picture-alliance",
        "©",
    ];
    const CREDITS: &[&str] = &[
        " ap",
        " afp",
        " dpa",
        " reuters",
        " imago",
        " epa",
        " keystone",
        " getty images",
        " apa",
        " ddp",
        " sda",
    ];
    if PREFIXES.iter().any(|p| lower.starts_with(p)) || MARKS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    let bare = lower.trim_end_matches(['.', ')', ' ']);
    if words(t) <= 40 && CREDITS.iter().any(|c| bare.ends_with(c)) && !bare.ends_with(" ap.") {
        return true;
    }
    // "Kim Jong-un und Wladimir Putin (2019)": a short line ending in a year in parentheses.
    let year_note = t.len() > 7
        && t.ends_with(')')
        && t[..t.len() - 1]
            .rsplit('(')
            .next()
            .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
    year_note && words(t) <= 15
}

/// Links, menus, breadcrumbs: separators and addresses rather than words.
fn is_link_like(s: &str) -> bool {
    let t = s.trim();
    let separators = t.matches(['|', '›', '»', '•']).count();
    t.starts_with("http://")
        || t.starts_with("https://")
        || t.starts_with("www.")
        || (separators >= 2 && !ends_sentence(t))
        || t.ends_with(['›', '→'])
}

/// The attribution line of an embedded social post: "— Name (@handle) date".
fn is_attribution(s: &str) -> bool {
    let t = s.trim_start_matches(['—', '–', '-', ' ']);
    t.len() < s.len() && t.contains("(@") && words(t) <= 12
}

/// Whether a line starts a list item or a numbered reference.
fn starts_item(line: &str) -> bool {
    let t = line.trim_start();
    // Up to three digits: "2023. Photo: AFP" wrapped to a line start is no item.
    let digits = t
        .trim_start_matches('[')
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    bullet(t).is_some() || (digits <= 3 && reference_line(t).is_some())
}

/// Splits into units: hard-wrapped paragraphs (lines of similar, long length) are joined;
/// other lines stay separate.
fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut group = 0;
    let mut lines: Vec<&str> = Vec::new();
    let flush = |lines: &mut Vec<&str>, group: usize, out: &mut Vec<Unit>| {
        // Lines that are only an image's or a form field's placeholder.
        lines.retain(|l| !without_placeholders(l.trim()).is_empty());
        if lines.is_empty() {
            return;
        }
        // Items of a list or a list of references: each marker starts a unit, the indented
        // lines after it continue it.
        if lines.len() >= 2 && lines[1..].iter().any(|l| starts_item(l)) {
            let indent = |l: &str| l.len() - l.trim_start().len();
            let marker_indent = lines
                .iter()
                .find(|l| starts_item(l))
                .map_or(0, |l| indent(l));
            let mut current: Option<String> = None;
            for line in lines.iter() {
                let new_item = starts_item(line) && indent(line) <= marker_indent;
                match current.as_mut() {
                    Some(unit) if !new_item && line.starts_with(' ') => {
                        unit.push(' ');
                        unit.push_str(line.trim());
                    }
                    _ => {
                        if let Some(text) = current.take() {
                            out.push(Unit {
                                text,
                                group,
                                indent: 0,
                            });
                        }
                        current = Some(without_placeholders(line.trim()));
                    }
                }
            }
            out.extend(current.map(|text| Unit {
                text,
                group,
                indent: 0,
            }));
            lines.clear();
            return;
        }
        let indent_of = |l: &str| l.len() - l.trim_start_matches(' ').len();
        let widest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let wrapped = lines.len() >= 2
            && widest >= 50
            && lines[..lines.len() - 1].iter().all(|l| {
                l.chars().count() * 10 >= widest * 6 && !l.trim_start().starts_with(['-', '*', '•'])
            });
        if wrapped {
            let joined = lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
            // A soft hyphen at a line end ("Ukraine-\nKrieg") stays a hyphen; words are kept.
            out.push(Unit {
                text: joined,
                group,
                indent: lines.iter().map(|l| indent_of(l)).min().unwrap_or(0),
            });
        } else {
            out.extend(lines.iter().map(|l| Unit {
                text: without_placeholders(l.trim()),
                group,
                indent: indent_of(l),
            }));
        }
        lines.clear();
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut lines, group, &mut out);
            group += 1;
        } else {
            lines.push(line);
        }
    }
    flush(&mut lines, group, &mut out);
    out
}

/// A short line without the bracketed placeholders a text browser leaves for images and
/// form fields (`[9431]`, `Anzeige[ad]`, `[                    ]`).
fn without_placeholders(line: &str) -> String {
    if words(line) > 4 {
        return line.to_string();
    }
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| c + open) else {
            break;
        };
        let inner = rest[open + 1..close].trim();
        let placeholder = inner.len() <= 16;
        out.push_str(&rest[..open]);
        if !placeholder {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// A reference line of a list of sources: `1. text`, `[1] text`, `^ text`, with a wiki's
/// back-link letters (`a b c`) and arrows taken off.
fn reference_line(s: &str) -> Option<(u32, String)> {
    let t = s.trim_start_matches([' ', '↑', '^']);
    let t = t.strip_prefix('[').unwrap_or(t);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=4).contains(&digits) {
        return None;
    }
    let n: u32 = t[..digits].parse().ok()?;
    let rest = t[digits..].strip_prefix(['.', ']', ')'])?;
    let mut rest = rest
        .trim_start()
        .trim_start_matches(['↑', '^'])
        .trim_start();
    // "a b c Text": back-links to each citation.
    let letters: Vec<&str> = rest
        .split(' ')
        .take_while(|w| w.len() == 1 && w.bytes().all(|b| b.is_ascii_lowercase()))
        .collect();
    if letters.len() >= 2
        && letters
            .iter()
            .enumerate()
            .all(|(i, w)| w.as_bytes()[0] == b'a' + i as u8)
    {
        let skip: usize = letters.iter().map(|w| w.len() + 1).sum();
        rest = rest.get(skip..).unwrap_or("");
    }
    Some((n, rest.trim().to_string()))
}

/// A list item: `- `, `* `, `• `, `+ ` bullets.
fn bullet(s: &str) -> Option<&str> {
    ["- ", "* ", "• ", "+ ", "– "]
        .iter()
        .find_map(|b| s.strip_prefix(b))
        .map(str::trim)
}

/// Imports pasted or dumped text.
pub fn import_text(text: &str) -> Result<Doc, String> {
    let text = html_escape::decode_html_entities(text);
    let mut units = units(&text);
    let mut doc = Doc::default();
    // A dateline glued to the start ("date 2023-09 Es wird …").
    let mut dates: Vec<String> = Vec::new();
    for unit in units.iter_mut().take(12) {
        let lower = unit.text.to_lowercase();
        for label in [
            "date ",
            "datum: ",
            "datum ",
            "published ",
            "veröffentlicht am ",
            "publié le ",
        ] {
            if let Some(rest) = lower.strip_prefix(label) {
                let token = rest.split_whitespace().next().unwrap_or("");
                if let Some(date) = normalize_date(token).or_else(|| find_date(rest)) {
                    dates.push(date);
                    let cut = label.len() + rest.find(token).unwrap_or(0) + token.len();
                    unit.text = unit.text.get(cut..).unwrap_or("").trim().to_string();
                }
                break;
            }
        }
    }
    // Repetition: short lines seen twice are furniture; long ones are pull quotes.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for unit in &units {
        *seen.entry(unit.text.to_lowercase()).or_default() += 1;
    }
    let repeated_short =
        |t: &str| words(t) < 8 && seen.get(&t.to_lowercase()).copied().unwrap_or(0) >= 2;
    // Menus: runs of three or more short lines without sentence punctuation in one group.
    let mut menu = vec![false; units.len()];
    let mut i = 0;
    while i < units.len() {
        let short =
            |u: &Unit| words(&u.text) <= 6 && !ends_sentence(&u.text) && !is_caption(&u.text);
        let mut j = i;
        while j < units.len() && units[j].group == units[i].group && short(&units[j]) {
            j += 1;
        }
        if j - i >= 3 {
            menu[i..j].iter_mut().for_each(|m| *m = true);
        }
        i = j.max(i + 1);
    }
    // The lines after a box's label ("Mehr zum Thema", "Kommentare") up to the next prose.
    let mut boxed = vec![false; units.len()];
    for (i, unit) in units.iter().enumerate() {
        if is_section_label(&unit.text) {
            // The label's own group and the one after it.
            let mut j = i + 1;
            while j < units.len() && units[j].group <= unit.group + 1 && !is_prose(&units[j].text) {
                boxed[j] = true;
                j += 1;
            }
        }
    }
    // Bylines ("Von Anna Muster · 5.9.2023", "By Jane Doe"): author and date, then dropped.
    let mut bylines = vec![false; units.len()];
    for (i, unit) in units.iter().enumerate() {
        let t = unit.text.trim();
        let Some(rest) = ["Von ", "By ", "Par ", "Por "]
            .iter()
            .find_map(|b| t.strip_prefix(b))
        else {
            continue;
        };
        if words(rest) > 12 || ends_sentence(t) && !t.ends_with(')') && words(rest) > 6 {
            continue;
        }
        let name: String = rest
            .split(['·', '|', ',', '–', '(', '/'])
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let name_words = words(&name);
        if (2..=5).contains(&name_words)
            && name
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase))
        {
            bylines[i] = true;
            if doc.author.is_none() {
                doc.author = Some(name);
            }
            dates.extend(find_date(rest));
        }
    }
    // Furniture whatever its place; repeated short lines too, except a repeated title.
    let chrome: Vec<bool> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            u.text.is_empty()
                || is_boilerplate(&u.text)
                || is_section_label(&u.text)
                || is_link_like(&u.text)
                || menu[i]
                || boxed[i]
                || bylines[i]
        })
        .collect();
    let mut furniture: Vec<bool> = units
        .iter()
        .enumerate()
        .map(|(i, u)| chrome[i] || repeated_short(&u.text))
        .collect();
    // An embedded post: its attribution ("— Ministry (@handle) date") and the short text
    // right before it.
    for i in 0..units.len() {
        if is_attribution(&units[i].text) {
            furniture[i] = true;
            if let Some(p) = i
                .checked_sub(1)
                .filter(|&p| units[p].group + 1 >= units[i].group && words(&units[p].text) <= 30)
            {
                furniture[p] = true;
            }
        }
    }
    // The author's box after the article: a short paragraph that starts with the author's
    // name from the byline.
    if let Some(author) = doc.author.clone() {
        let prefix = format!("{author} ");
        for (i, unit) in units.iter().enumerate().skip(1) {
            if unit.text.starts_with(&prefix) && words(&unit.text) <= 40 {
                furniture[i] = true;
            }
        }
    }
    let first_prose = units
        .iter()
        .enumerate()
        .position(|(i, u)| !furniture[i] && is_prose(&u.text) && !is_caption(&u.text));
    let Some(first_prose) = first_prose else {
        return Err("no article found: the text has no paragraph of prose".into());
    };
    // The title: the last title-shaped line before the prose (bylines aside), joined with a
    // headline or kicker right before it when that is on the next line or has five words.
    let byline = |t: &str| {
        ["Von ", "By ", "Par ", "Por "]
            .iter()
            .any(|b| t.starts_with(b))
    };
    let title_like = |i: usize| {
        let t = &units[i].text;
        !chrome[i]
            && (2..=25).contains(&words(t))
            && !t.ends_with('.')
            && !is_caption(t)
            && !byline(t)
            && !t.contains(['|', '@'])
            && !t
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    };
    let mut title_at = None;
    if let Some(t) = (0..first_prose).rev().find(|&i| title_like(i)) {
        let mut title = units[t].text.clone();
        let before = (0..t).rev().find(|&i| !units[i].text.is_empty());
        if let Some(p) = before.filter(|&p| title_like(p) && units[p].text != units[t].text) {
            let adjacent = units[p].group == units[t].group;
            let near = units[p].group + 1 >= units[t].group;
            if adjacent || (near && words(&units[p].text) >= 5) {
                title = format!("{}: {}", units[p].text.trim_end_matches(':'), title);
            }
        }
        doc.title = title;
        title_at = Some(t);
    }
    // The site's name where a page states it.
    for unit in &units[..first_prose] {
        let t = unit.text.trim();
        if t.starts_with("aus Wikipedia")
            || t.starts_with("From Wikipedia")
            || t.starts_with("De Wikipedia")
        {
            doc.source = Some("Wikipedia".into());
        }
    }
    let last_prose = (0..units.len())
        .rev()
        .find(|&i| !furniture[i] && is_prose(&units[i].text))
        .unwrap_or(first_prose);
    // Captions before the prose are kept; everything else there is page furniture.
    let mut blocks: Vec<DocBlock> = Vec::new();
    let mut pending_label: Option<String> = None;
    for i in title_at.map_or(0, |t| t + 1)..first_prose {
        let t = &units[i].text;
        if furniture[i] {
            continue;
        }
        if is_caption(t) {
            let text = match pending_label.take() {
                Some(label) => format!("{label} {t}"),
                None => t.clone(),
            };
            blocks.push(DocBlock::Caption(escape(&text)));
        } else if words(t) <= 6
            && t.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        {
            // "ARCHIVBILD - NICHT AKTUELL!!!" before a credit line belongs to the caption.
            pending_label = Some(t.clone());
        }
    }
    // The body: from the first prose to the last, and a list of references after it.
    let mut in_references = false;
    let mut quoted: Vec<String> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let mut list_start: Option<u32> = None;
    let flush_list =
        |list: &mut Vec<String>, start: &mut Option<u32>, blocks: &mut Vec<DocBlock>| {
            if !list.is_empty() {
                blocks.push(DocBlock::List(start.take(), std::mem::take(list)));
            }
            *start = None;
        };
    // A numbered item: "1. text" next to another numbered line.
    let numbered = |i: usize| -> Option<(u32, String)> {
        let item = reference_line(&units[i].text).filter(|_| {
            let t = units[i].text.trim_start();
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            (1..=3).contains(&digits) && t[digits..].starts_with(['.', ')'])
        })?;
        let near = |j: usize| reference_line(&units[j].text).is_some();
        let neighbour = (i > 0 && near(i - 1)) || (i + 1 < units.len() && near(i + 1));
        neighbour.then_some(item)
    };
    let mut i = first_prose;
    while i < units.len() {
        let t = units[i].text.clone();
        let after_prose = i > last_prose;
        if furniture[i] {
            if after_prose && !in_references && !units[i].text.is_empty() {
                // Page furniture after the last paragraph: the article is over.
                break;
            }
            i += 1;
            continue;
        }
        if let Some(item) = bullet(&t).filter(|_| !after_prose) {
            if list_start.is_some() {
                flush_list(&mut list, &mut list_start, &mut blocks);
            }
            list.push(escape(item));
            i += 1;
            continue;
        }
        if let Some((n, item)) = numbered(i).filter(|_| !after_prose && !in_references) {
            if list.is_empty() {
                list_start = Some(n);
            } else if list_start.is_none() {
                flush_list(&mut list, &mut list_start, &mut blocks);
                list_start = Some(n);
            }
            list.push(escape(&item));
            i += 1;
            continue;
        }
        if in_references {
            if let Some((n, text)) = reference_line(&t) {
                flush_list(&mut list, &mut list_start, &mut blocks);
                blocks.push(DocBlock::Reference(n, escape(&text)));
                i += 1;
                continue;
            }
            if after_prose {
                break;
            }
        }
        let heading_text = strip_edit_link(&t).map(str::to_string);
        let shaped_heading = words(&t) <= 14 && !ends_sentence(&t) && !is_caption(&t);
        if heading_text.is_some() || shaped_heading {
            let heading = heading_text.unwrap_or_else(|| t.clone());
            // A heading needs something of its own before the next heading.
            let next = |from: usize| (from + 1..units.len()).find(|&j| !furniture[j]);
            let body_like = |u: &str| {
                is_prose(u)
                    || reference_line(u).is_some()
                    || bullet(u).is_some()
                    || is_caption(u)
                    || words(u) > 14
                    || ends_sentence(u)
            };
            // A section may open with a subsection's heading: one level of look-ahead.
            let has_content = next(i).is_some_and(|j| {
                body_like(&units[j].text) || next(j).is_some_and(|k| body_like(&units[k].text))
            });
            if is_references_heading(&heading) && has_content {
                flush_list(&mut list, &mut list_start, &mut blocks);
                blocks.push(DocBlock::Heading(escape(&heading)));
                in_references = true;
                i += 1;
                continue;
            }
            if after_prose {
                i += 1;
                continue;
            }
            if has_content && words(&heading) >= 1 && !heading.is_empty() {
                flush_list(&mut list, &mut list_start, &mut blocks);
                blocks.push(DocBlock::Heading(escape(&heading)));
            }
            i += 1;
            continue;
        }
        if after_prose && !in_references {
            // After the last paragraph only footnotes count; a closing line such as
            // "(Michael Vosatka, 5.9.2023)" is part of the article when it is prose-shaped.
            if !ends_sentence(&t) || words(&t) < 4 {
                i += 1;
                continue;
            }
        }
        if let Some(item) = bullet(&t) {
            list.push(escape(item));
            i += 1;
            continue;
        }
        flush_list(&mut list, &mut list_start, &mut blocks);
        if is_caption(&t) {
            blocks.push(DocBlock::Caption(escape(&t)));
        } else if words(&t) >= 6
            && quoted
                .iter()
                .any(|p| p.contains(t.trim_end_matches('.')) && p.len() > t.len())
        {
            // A pull quote repeats a sentence of the text.
            blocks.push(DocBlock::Quote(escape(&t)));
        } else if units[i].indent >= 4 && ends_sentence(&t) {
            // Set in by four: a text browser's block quote.
            blocks.push(DocBlock::Quote(escape(&t)));
        } else {
            quoted.push(t.clone());
            blocks.push(DocBlock::Paragraph(escape(&t)));
        }
        i += 1;
    }
    flush_list(&mut list, &mut list_start, &mut blocks);
    // Lead: a short standfirst right after the title.
    if title_at.is_some() {
        let first = blocks
            .iter()
            .position(|b| !matches!(b, DocBlock::Caption(_)));
        if let Some(p) = first
            && let DocBlock::Paragraph(text) = &blocks[p]
        {
            let plain = blocks[p].plain();
            let later_prose = blocks[p + 1..]
                .iter()
                .any(|b| matches!(b, DocBlock::Paragraph(_)));
            if words(&plain) <= 45 && later_prose && p <= 1 {
                doc.lead = Some(plain);
                let _ = text;
                blocks.remove(p);
            }
        }
    }
    // Dateline and closing "(Name, 5.9.2023)".
    let paragraphs: Vec<String> = blocks
        .iter()
        .filter(|b| matches!(b, DocBlock::Paragraph(_)))
        .map(DocBlock::plain)
        .collect();
    if let Some(last) = paragraphs.last()
        && let Some(open) = last
            .trim_end()
            .strip_suffix(')')
            .and_then(|s| s.rfind('(').map(|o| &s[o + 1..]))
        && let Some((name, when)) = open.split_once(',')
        && let Some(date) = find_date(when)
    {
        dates.push(date);
        if (2..=4).contains(&words(name)) && doc.author.is_none() {
            doc.author = Some(name.trim().to_string());
        }
    }
    for p in paragraphs.iter().take(2) {
        let head: String = p.chars().take(120).collect();
        dates.extend(find_date(&head));
    }
    doc.date = dates
        .into_iter()
        .max_by_key(String::len)
        .unwrap_or_default();
    doc.blocks = blocks;
    doc.language = detect_language(&doc.body_text(), None);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASTED: &str = "Zum Hauptinhalt springen\n\nStartseite\nPolitik\nAusland\nNordkorea\n\nRussland und Nordkorea\nDa haben sich zwei gefunden\n\nVon Anna Muster\n\nDie Aussenministerin reist nach Moskau, und die freiheitliche Welt schaut etwas nervös dabei zu, was dort besprochen wird.\n\nAnzeige\n\nIm Kreml wird sie von Sergei Lawrow empfangen, der die Beziehungen zu Pjöngjang seit Jahren pflegt und ausbaut.\n\nWaffen für den Krieg\n\nNordkorea liefert Granaten und Raketen, sagen westliche Geheimdienste, und Russland zahlt mit Technik und Öl.\n\nAnzeige\n\nLesen Sie auch: Kim besucht Putin\n\nTeilen\nDrucken\nMerken\n\n© Tamedia AG 2024. Alle Rechte vorbehalten.\n";

    #[test]
    fn chrome_goes_and_the_article_stays_in_order() {
        let doc = import_text(PASTED).unwrap();
        assert_eq!(
            doc.title,
            "Russland und Nordkorea: Da haben sich zwei gefunden"
        );
        assert_eq!(doc.author.as_deref(), Some("Anna Muster"));
        let texts: Vec<String> = doc.blocks.iter().map(DocBlock::plain).collect();
        assert_eq!(
            texts,
            [
                "Im Kreml wird sie von Sergei Lawrow empfangen, der die Beziehungen zu Pjöngjang seit Jahren pflegt und ausbaut.",
                "Waffen für den Krieg",
                "Nordkorea liefert Granaten und Raketen, sagen westliche Geheimdienste, und Russland zahlt mit Technik und Öl.",
            ]
        );
        assert!(
            doc.lead
                .as_deref()
                .unwrap()
                .starts_with("Die Aussenministerin")
        );
        assert_eq!(doc.language, "de");
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "Title of the story\n\nThe minister travelled to Moscow on Monday, where she was received\nby her counterpart, who has courted Pyongyang for years and is\nexpected to sign several agreements on trade and on transport.\n\nA second paragraph of the story follows here, and it is long enough to count as prose.\n";
        let doc = import_text(text).unwrap();
        assert!(
            doc.body_text()
                .contains("she was received by her counterpart"),
            "{doc:?}"
        );
    }

    #[test]
    fn wiki_references_keep_numbers_without_backlinks() {
        assert_eq!(
            reference_line("  2. a b Julian E. Barnes: Russia Is Buying."),
            Some((2, "Julian E. Barnes: Russia Is Buying.".into()))
        );
        assert_eq!(
            reference_line("  1. Ukraine bricht ab."),
            Some((1, "Ukraine bricht ab.".into()))
        );
        assert_eq!(reference_line("Kein Verweis"), None);
    }

    #[test]
    fn text_without_prose_is_an_error() {
        let e = import_text("Home\nNews\nSport\n").unwrap_err();
        assert!(e.contains("no article"), "{e}");
    }
}
