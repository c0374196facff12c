//! What every importer produces: one `Doc`, the article as metadata and typed blocks whose
//! text carries our inline Markdown. `render` turns it into an article file in our format;
//! nothing after this point knows where the article came from.

use serde::Serialize;

use crate::corpus::front::validate_date;

/// An imported article before it is written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Doc {
    pub title: String,
    /// ISO date as precise as known (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`); empty when unknown.
    pub date: String,
    pub author: Option<String>,
    /// The site's or publication's name.
    pub source: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1 code; empty when it could not be told.
    pub language: String,
    pub lead: Option<String>,
    pub tags: Vec<String>,
    pub blocks: Vec<DocBlock>,
}

/// One block; `text` is inline Markdown (see `escape`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocBlock {
    Heading(String),
    Paragraph(String),
    Quote(String),
    Caption(String),
    /// A footnote or a numbered reference.
    Reference(u32, String),
    /// A list: the first number for numbered lists, and the items.
    List(Option<u32>, Vec<String>),
}

impl DocBlock {
    /// The block's text (items joined by newlines), as a reader sees it.
    pub fn plain(&self) -> String {
        let text = match self {
            DocBlock::Heading(t)
            | DocBlock::Paragraph(t)
            | DocBlock::Quote(t)
            | DocBlock::Caption(t)
            | DocBlock::Reference(_, t) => t.clone(),
            DocBlock::List(_, items) => items.join("\n"),
        };
        crate::corpus::inline::parse_inline(&text).text
    }
}

impl Doc {
    /// The lead and the body as plain text, one block a line: what extraction is scored on.
    pub fn body_text(&self) -> String {
        let mut out: Vec<String> = self.lead.iter().cloned().collect();
        out.extend(self.blocks.iter().map(DocBlock::plain));
        out.join("\n")
    }

    /// Words of the lead and the body.
    pub fn words(&self) -> usize {
        crate::corpus::article::count_words(&self.body_text())
    }

    /// Makes the metadata safe to write: one line each, a valid date or none, a title.
    pub fn tidy(&mut self) {
        self.title = clean_inline(&self.title);
        self.date = self.date.trim().to_string();
        if validate_date(&self.date).is_err() {
            self.date.clear();
        }
        for field in [
            &mut self.author,
            &mut self.source,
            &mut self.url,
            &mut self.lead,
        ] {
            *field = field.as_deref().map(clean_inline).filter(|s| !s.is_empty());
        }
        self.language = self.language.trim().to_ascii_lowercase();
        if self.title.is_empty() {
            self.title = fallback_title(&self.blocks);
        }
    }
}

/// A title from the first sentence of the body, when the input named none.
fn fallback_title(blocks: &[DocBlock]) -> String {
    let first = blocks
        .iter()
        .find(|b| matches!(b, DocBlock::Heading(_) | DocBlock::Paragraph(_)))
        .map(DocBlock::plain)
        .unwrap_or_default();
    let words: Vec<&str> = first.split_whitespace().collect();
    if words.len() <= 12 {
        return words.join(" ").trim_end_matches(['.', ':']).to_string();
    }
    let sentence_end = words
        .iter()
        .take(12)
        .position(|w| w.ends_with(['.', '!', '?']))
        .map(|i| i + 1);
    match sentence_end {
        Some(n) if n >= 4 => words[..n].join(" ").trim_end_matches('.').to_string(),
        _ => format!("{} …", words[..12].join(" ")),
    }
}

/// Whitespace collapsed, control characters and escape sequences removed.
pub fn clean_inline(text: &str) -> String {
    crate::corpus::sanitize::sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Plain text made safe as inline Markdown in our format: `\`, `*`, `_` and `[` are escaped,
/// so nothing in it turns into emphasis or a link.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A block's first line must not read as markup of another kind (`# `, `> `, `! `, `- `,
/// `1. `, `[1]: `): such a start is escaped.
fn guard_line_start(text: &str) -> String {
    let starts_marked = text.starts_with(['#', '>', '+', '-', '*'])
        || text.starts_with("! ")
        || text.starts_with("\\[")
        || {
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            (1..=3).contains(&digits) && text[digits..].starts_with(['.', ')'])
        };
    if !starts_marked {
        return text.to_string();
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        format!("{}\\{}", &text[..digits], &text[digits..])
    } else if text.starts_with("\\[") {
        text.to_string()
    } else {
        format!("\\{text}")
    }
}

#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    date: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    lead: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    imported_from: &'a str,
}

/// The article file for `doc`, without the `import_hash` line (see `store`).
pub fn render(doc: &Doc, imported_from: &str) -> String {
    let front = Front {
        title: &doc.title,
        date: &doc.date,
        source: doc.source.as_deref(),
        author: doc.author.as_deref(),
        language: &doc.language,
        lead: doc.lead.as_deref(),
        url: doc.url.as_deref(),
        tags: &doc.tags,
        imported_from,
    };
    let mut out = String::from("+++\n");
    out.push_str(&toml::to_string(&front).unwrap_or_default());
    out.push_str("+++\n");
    for block in &doc.blocks {
        let line = |t: &str| guard_line_start(&clean_inline(t));
        let text = match block {
            DocBlock::Heading(t) => format!("## {}", clean_inline(t)),
            DocBlock::Paragraph(t) => line(t),
            DocBlock::Quote(t) => format!("> {}", clean_inline(t)),
            DocBlock::Caption(t) => format!("! {}", clean_inline(t)),
            DocBlock::Reference(n, t) => format!("[{n}]: {}", clean_inline(t)),
            DocBlock::List(start, items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| match start {
                    Some(n) => format!("{}. {}", *n as usize + i, clean_inline(item)),
                    None => format!("- {}", clean_inline(item)),
                })
                .collect::<Vec<_>>()
                .join("\n"),
        };
        if text.trim().is_empty() || text.trim_end() == "##" {
            continue;
        }
        out.push('\n');
        out.push_str(&text);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::article::{BlockKind, parse_article};

    #[test]
    fn rendered_article_parses_back_with_the_same_text() {
        let doc = Doc {
            title: "Kim & \"Putin\"".into(),
            date: "2023-09-05".into(),
            source: Some("Der Standard".into()),
            language: "de".into(),
            blocks: vec![
                DocBlock::Paragraph(escape("1995. war *kein* [Link](x) und a_b_c")),
                DocBlock::Paragraph(format!("Ein {} Satz.", "*betonter*")),
                DocBlock::Heading("Zwischentitel".into()),
                DocBlock::List(None, vec!["eins".into(), "zwei".into()]),
                DocBlock::Reference(1, "Quelle".into()),
                DocBlock::Paragraph(escape("# kein Titel")),
                DocBlock::Paragraph(escape("- kein Punkt")),
            ],
            ..Doc::default()
        };
        let text = render(&doc, "file:///x.html");
        let article = parse_article("a", "a.md", text.as_bytes()).unwrap();
        assert_eq!(article.front.title, "Kim & \"Putin\"");
        assert_eq!(
            article.front.imported_from.as_deref(),
            Some("file:///x.html")
        );
        let kinds: Vec<BlockKind> = article.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [
                Paragraph, Paragraph, Heading, List, Reference, Paragraph, Paragraph
            ]
        );
        assert_eq!(
            article.blocks[0].text,
            "1995. war *kein* [Link](x) und a_b_c"
        );
        assert!(article.blocks[0].spans.is_empty());
        assert_eq!(article.blocks[1].spans.len(), 1);
        assert_eq!(article.blocks[5].text, "# kein Titel");
        assert_eq!(article.blocks[6].text, "- kein Punkt");
        assert!(article.warnings.is_empty(), "{:?}", article.warnings);
    }

    #[test]
    fn missing_title_comes_from_the_first_sentence() {
        let mut doc = Doc {
            blocks: vec![DocBlock::Paragraph(
                "Es wird mehr sein als ein Besuch. Für die beiden geht es um mehr.".into(),
            )],
            ..Doc::default()
        };
        doc.tidy();
        assert_eq!(doc.title, "Es wird mehr sein als ein Besuch");
    }
}
