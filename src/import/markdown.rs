//! Markdown files: ours (TOML `+++` front matter, our block markup) are taken block by block
//! with their spans; any other CommonMark file, with or without YAML `---` or TOML front
//! matter, is read with pulldown-cmark into headings, paragraphs, quotes, lists and footnotes,
//! and the usual front matter names (Hugo, Jekyll, Pandoc) are mapped to our fields.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::doc::{Doc, DocBlock, clean_inline, escape};
use super::meta::{detect_language, normalize_date};
use crate::corpus::article::{Block, BlockKind, Style, parse_article};

/// Imports a Markdown file.
pub fn import_markdown(text: &str) -> Result<Doc, String> {
    if text.starts_with("+++")
        && let Ok(article) = parse_article("import", "import", text.as_bytes())
    {
        return Ok(from_article(&article));
    }
    let (front, body) = split_front_matter(text);
    let mut doc = Doc::default();
    for (key, value) in front {
        match key.as_str() {
            "title" => doc.title = value,
            "date" | "published" | "pubdate" | "publishdate" => {
                doc.date = normalize_date(&value).unwrap_or_default()
            }
            "author" | "authors" | "byline" => doc.author = Some(value),
            "source" | "site" | "publisher" | "site_name" => doc.source = Some(value),
            "url" | "link" | "canonical" | "canonical_url" | "canonicalurl" => {
                doc.url = Some(value)
            }
            "lead" | "description" | "summary" | "subtitle" | "excerpt" | "abstract" => {
                doc.lead = Some(value)
            }
            "language" | "lang" => doc.language = value,
            "tags" | "keywords" | "categories" => doc.tags.extend(
                value
                    .split('\u{1f}')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string),
            ),
            _ => {}
        }
    }
    doc.blocks = commonmark_blocks(body);
    // A first-level heading with no title in the front matter is the title.
    if doc.title.is_empty()
        && let Some(DocBlock::Heading(h)) = doc.blocks.first()
    {
        doc.title = DocBlock::Heading(h.clone()).plain();
        doc.blocks.remove(0);
    }
    if doc.blocks.is_empty() {
        return Err("no text: the Markdown file has an empty body".into());
    }
    if doc.language.is_empty() {
        doc.language = detect_language(&doc.body_text(), None);
    }
    Ok(doc)
}

/// Front matter fields as strings (lists joined by U+001F) and the body after them.
fn split_front_matter(text: &str) -> (Vec<(String, String)>, &str) {
    let fence = match text.lines().next().map(str::trim_end) {
        Some("---") => "---",
        Some("+++") => "+++",
        _ => return (Vec::new(), text),
    };
    let after_open = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = after_open;
    for line in text[after_open..].split_inclusive('\n') {
        if line.trim_end() == fence {
            let front = &text[after_open..offset];
            let body = &text[offset + line.len()..];
            return (fields(front, fence == "---"), body);
        }
        offset += line.len();
    }
    (Vec::new(), text)
}

fn fields(front: &str, yaml: bool) -> Vec<(String, String)> {
    let scalar_yaml = |v: &serde_norway::Value| match v {
        serde_norway::Value::String(s) => Some(s.clone()),
        serde_norway::Value::Number(n) => Some(n.to_string()),
        serde_norway::Value::Mapping(m) => {
            m.get("name").and_then(|n| n.as_str()).map(str::to_string)
        }
        _ => None,
    };
    let mut out = Vec::new();
    if yaml {
        if let Ok(serde_norway::Value::Mapping(map)) =
            serde_norway::from_str::<serde_norway::Value>(front)
        {
            for (k, v) in &map {
                let Some(key) = k.as_str() else { continue };
                let value = match v {
                    serde_norway::Value::Sequence(items) => items
                        .iter()
                        .filter_map(scalar_yaml)
                        .collect::<Vec<_>>()
                        .join("\u{1f}"),
                    other => scalar_yaml(other).unwrap_or_default(),
                };
                let value = if matches!(key, "tags" | "keywords" | "categories") {
                    value
                } else {
                    value.replace('\u{1f}', ", ")
                };
                out.push((key.to_ascii_lowercase(), value));
            }
        }
    } else if let Ok(table) = toml::from_str::<toml::Table>(front) {
        for (k, v) in table {
            let value = match v {
                toml::Value::String(s) => s,
                toml::Value::Datetime(d) => d.to_string(),
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Array(items) => items
                    .iter()
                    .filter_map(|i| i.as_str())
                    .collect::<Vec<_>>()
                    .join("\u{1f}"),
                _ => continue,
            };
            out.push((k.to_ascii_lowercase(), value));
        }
    }
    out
}

/// Our article's blocks back into `DocBlock`s, spans as inline Markdown again.
fn from_article(article: &crate::corpus::article::Article) -> Doc {
    let front = &article.front;
    let blocks = article
        .blocks
        .iter()
        .map(|b| {
            let text = marked_up(b, 0..b.text.len());
            match b.kind {
                BlockKind::Heading => DocBlock::Heading(text),
                BlockKind::Paragraph => DocBlock::Paragraph(text),
                BlockKind::Quote => DocBlock::Quote(text),
                BlockKind::Caption => DocBlock::Caption(text),
                BlockKind::Reference => DocBlock::Reference(b.number.unwrap_or(0), text),
                BlockKind::List => DocBlock::List(
                    b.number,
                    b.items.iter().map(|r| marked_up(b, r.clone())).collect(),
                ),
            }
        })
        .collect();
    Doc {
        title: front.title.clone(),
        date: front.date.clone(),
        author: front.author.clone(),
        source: Some(front.source.clone()).filter(|s| !s.is_empty()),
        url: front.url.clone(),
        language: front.language.clone(),
        lead: front.lead.clone(),
        tags: front.tags.clone(),
        blocks,
    }
}

/// `block.text[range]` with its spans written as inline Markdown.
fn marked_up(block: &Block, range: std::ops::Range<usize>) -> String {
    let mut marks: Vec<(usize, bool, String)> = Vec::new();
    for span in &block.spans {
        let (start, end) = (
            span.range.start.max(range.start),
            span.range.end.min(range.end),
        );
        if start >= end {
            continue;
        }
        let (open, close) = match &span.style {
            Style::Emphasis => ("*".to_string(), "*".to_string()),
            Style::Strong => ("**".to_string(), "**".to_string()),
            Style::Link { url } => ("[".to_string(), format!("]({url})")),
        };
        marks.push((start, true, open));
        marks.push((end, false, close));
    }
    // Closing marks before opening ones at the same place.
    marks.sort_by_key(|(at, open, _)| (*at, *open));
    let mut out = String::new();
    let mut at = range.start;
    for (pos, _, mark) in marks {
        out.push_str(&escape(block.text.get(at..pos).unwrap_or("")));
        out.push_str(&mark);
        at = pos;
    }
    out.push_str(&escape(block.text.get(at..range.end).unwrap_or("")));
    out
}

/// CommonMark into blocks.
fn commonmark_blocks(body: &str) -> Vec<DocBlock> {
    let options =
        Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut blocks = Vec::new();
    let mut buffer = String::new();
    let mut quote_depth = 0usize;
    let mut lists: Vec<(Option<u32>, Vec<String>)> = Vec::new();
    let mut footnote: Option<u32> = None;
    let mut footnote_labels: Vec<String> = Vec::new();
    let mut links: Vec<String> = Vec::new();
    let mut heading = false;
    let mut in_image = 0usize;
    let number_of = |label: &str, labels: &mut Vec<String>| -> u32 {
        if let Ok(n) = label.parse::<u32>() {
            return n;
        }
        let i = labels.iter().position(|l| l == label).unwrap_or_else(|| {
            labels.push(label.to_string());
            labels.len() - 1
        });
        i as u32 + 1
    };
    for event in Parser::new_ext(body, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                buffer.clear();
                heading = true;
            }
            Event::End(TagEnd::Heading(level)) => {
                heading = false;
                let text = clean_inline(&std::mem::take(&mut buffer));
                if !text.is_empty() {
                    let _ = level == HeadingLevel::H1;
                    blocks.push(DocBlock::Heading(text));
                }
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::List(start)) => {
                // The text of the item that holds a nested list is an item of its own.
                let text = clean_inline(&std::mem::take(&mut buffer));
                if let Some((_, items)) = lists.last_mut().filter(|_| !text.is_empty()) {
                    items.push(text);
                }
                lists.push((start.map(|n| n as u32), Vec::new()));
            }
            Event::End(TagEnd::List(_)) => {
                if let Some((start, items)) = lists.pop() {
                    match lists.last_mut() {
                        // A nested list's items continue the outer list.
                        Some((_, outer)) => outer.extend(items),
                        None if !items.is_empty() => blocks.push(DocBlock::List(start, items)),
                        None => {}
                    }
                }
            }
            Event::Start(Tag::Item) => buffer.clear(),
            Event::End(TagEnd::Item) => {
                let text = clean_inline(&std::mem::take(&mut buffer));
                if let Some((_, items)) = lists.last_mut()
                    && !text.is_empty()
                {
                    items.push(text);
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                footnote = Some(number_of(&label, &mut footnote_labels));
                buffer.clear();
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let text = clean_inline(&std::mem::take(&mut buffer));
                if let Some(n) = footnote.take() {
                    blocks.push(DocBlock::Reference(n, text));
                }
            }
            Event::FootnoteReference(label) => {
                buffer.push_str(&format!("\\[{}]", number_of(&label, &mut footnote_labels)));
            }
            Event::Start(Tag::Paragraph) => {
                if lists.is_empty() && footnote.is_none() {
                    buffer.clear();
                } else if !buffer.is_empty() {
                    buffer.push(' ');
                }
            }
            Event::End(TagEnd::Paragraph) if lists.is_empty() && footnote.is_none() => {
                let text = clean_inline(&std::mem::take(&mut buffer));
                if !text.is_empty() {
                    blocks.push(if quote_depth > 0 {
                        DocBlock::Quote(text)
                    } else {
                        DocBlock::Paragraph(text)
                    });
                }
            }
            Event::Start(Tag::Emphasis) => buffer.push('*'),
            Event::End(TagEnd::Emphasis) => buffer.push('*'),
            Event::Start(Tag::Strong) => buffer.push_str("**"),
            Event::End(TagEnd::Strong) => buffer.push_str("**"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let url = dest_url.to_string();
                if url.starts_with("http://") || url.starts_with("https://") {
                    buffer.push('[');
                    links.push(url);
                } else {
                    links.push(String::new());
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(url) = links.pop().filter(|u| !u.is_empty()) {
                    buffer.push_str(&format!("]({url})"));
                }
            }
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => buffer.clear(),
            Event::End(TagEnd::CodeBlock) => {
                let text = clean_inline(&std::mem::take(&mut buffer));
                if !text.is_empty() {
                    blocks.push(DocBlock::Paragraph(text));
                }
            }
            Event::Start(Tag::TableRow | Tag::TableHead) => buffer.clear(),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                let text = clean_inline(&std::mem::take(&mut buffer));
                if !text.is_empty() {
                    blocks.push(DocBlock::Paragraph(text));
                }
            }
            Event::End(TagEnd::TableCell) => buffer.push_str(" · "),
            Event::Text(t) | Event::Code(t) if in_image == 0 => buffer.push_str(&escape(&t)),
            Event::SoftBreak | Event::HardBreak => buffer.push(' '),
            _ => {}
        }
        let _ = heading;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_and_commonmark_body_are_mapped() {
        let doc = import_markdown("---\ntitle: Kim in Moskau\ndate: 2015-05-09\nauthor: [Anna Muster]\ndescription: Ein Besuch.\ntags: [nk, ru]\n---\n\n# Überschrift\n\nEin *betonter* Satz mit [Link](https://a.example) und Fußnote.[^1]\n\n- eins\n- zwei\n  - drei\n\n> Ein Zitat.\n\n[^1]: Die Quelle.\n").unwrap();
        assert_eq!(doc.title, "Kim in Moskau");
        assert_eq!(doc.date, "2015-05-09");
        assert_eq!(doc.author.as_deref(), Some("Anna Muster"));
        assert_eq!(doc.lead.as_deref(), Some("Ein Besuch."));
        assert_eq!(doc.tags, ["nk", "ru"]);
        assert_eq!(doc.blocks[0], DocBlock::Heading("Überschrift".into()));
        assert_eq!(
            doc.blocks[1],
            DocBlock::Paragraph(
                "Ein *betonter* Satz mit [Link](https://a.example) und Fußnote.\\[1]".into()
            )
        );
        assert_eq!(
            doc.blocks[2],
            DocBlock::List(None, vec!["eins".into(), "zwei".into(), "drei".into()])
        );
        assert_eq!(doc.blocks[3], DocBlock::Quote("Ein Zitat.".into()));
        assert_eq!(doc.blocks[4], DocBlock::Reference(1, "Die Quelle.".into()));
    }

    #[test]
    fn our_own_format_round_trips_with_its_spans() {
        let ours = "+++\ntitle = \"x\"\ndate = \"2024\"\nsource = \"s\"\n+++\n\n! Bild: AP\n\nEin **starker** [Link](https://a.example).[1]\n\n[1]: Quelle.\n";
        let doc = import_markdown(ours).unwrap();
        assert_eq!(doc.blocks[0], DocBlock::Caption("Bild: AP".into()));
        assert_eq!(
            doc.blocks[1],
            DocBlock::Paragraph("Ein **starker** [Link](https://a.example).\\[1]".into())
        );
        assert_eq!(doc.blocks[2], DocBlock::Reference(1, "Quelle.".into()));
    }
}
