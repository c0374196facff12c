//! Saved web pages: page furniture (cookie banners, navigation, share bars, newsletter boxes,
//! comments, related links) is taken out, dom_smoothie (a port of Mozilla's Readability)
//! finds the article, and its DOM becomes our blocks: headings, paragraphs, quotes, lists,
//! figure captions and footnotes, with emphasis and links kept. Metadata comes from meta
//! tags and JSON-LD, then from `<time>` and a dateline.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

use super::doc::{Doc, DocBlock, clean_inline, escape};
use super::meta::{detect_language, find_date, normalize_date};
use super::phrases::{is_boilerplate, is_references_heading};

/// Elements that are never part of an article.
const FURNITURE: &str = "script:not([type='application/ld+json']), style, noscript, template, iframe, nav, form, button, svg, \
    [role=navigation], [role=dialog], [role=alertdialog], [aria-modal=true], [hidden], \
    [class*=cookie], [id*=cookie], [class*=consent], [id*=consent], [class*=gdpr], \
    [class*=newsletter], [id*=newsletter], [class*=paywall], [class*=subscribe], \
    [class*=share], [class*=social], [class*=related], [id*=related], [class*=recommend], \
    [class*=comment], [id*=comment], [class*=advert], [class*=ad-slot], [class~=ad], [id^=ad-], \
    [class*=promo], [class*=teaser-list], [class*=read-more], [class*=readmore], [class*=breadcrumb], \
    [class*=abonn], [class*=abo-], [class*=suscrip], [class*=reaction], [class~=pub], [class*=kommentar], \
    [class*=comentario], [class*=author-box], [class*=author-bio], [class~=tags], [class*=tag-list]";

/// Imports a saved HTML page; `url` (where it was fetched or saved from) resolves links.
pub fn import_html(html: &str, url: Option<&str>) -> Result<Doc, String> {
    let page = Document::from(html);
    let lang_attr = page.select("html").attr("lang").map(|l| l.to_string());
    let og_title = page
        .select("meta[property='og:title'], meta[name='twitter:title']")
        .attr("content")
        .map(|t| clean_inline(&t));
    let h1 = Some(clean_inline(&page.select("h1").first().text())).filter(|t| !t.is_empty());
    let time_attr = page
        .select("article time[datetime], time[datetime]")
        .attr("datetime")
        .map(|t| t.to_string());
    page.select(FURNITURE).remove();
    // Readability keeps the story's main container; the standfirst above it and the notes
    // below it are looked up here, before the page is handed over.
    let visible_paragraphs: std::collections::HashSet<String> = page
        .select("p")
        .iter()
        .map(|p| clean_inline(&p.text()))
        .filter(|t| !t.is_empty())
        .collect();
    let notes_html: Vec<String> = page
        .select("section.footnotes, div.footnotes, aside.footnotes, [role=doc-endnotes], ol.references, div.reflist, section.references, div.references")
        .iter()
        .map(|n| n.html().to_string())
        .collect();
    // Footer and aside only outside the article: a footnote section may be an <aside>.
    page.select("body > footer, body > aside, body > header nav, [role=contentinfo]")
        .remove();
    let config = Config {
        keep_classes: true,
        max_elements_to_parse: 0,
        ..Config::default()
    };
    let mut readability = Readability::with_document(page, url, Some(config))
        .map_err(|e| format!("not a readable page: {e}"))?;
    let article = readability
        .parse()
        .map_err(|e| format!("no article found in the page: {e}"))?;
    let content = Document::from(article.content.as_ref());
    let mut walker = Walker::default();
    walker.walk_children(&content.root());
    walker.flush();
    let mut blocks = walker.blocks;
    let title = best_title(
        &clean_inline(&article.title),
        og_title,
        h1,
        article.site_name.as_deref(),
    );
    // The headline repeated as the first heading.
    if let Some(DocBlock::Heading(h)) = blocks.first()
        && clean_inline(&DocBlock::Heading(h.clone()).plain()) == title
    {
        blocks.remove(0);
    }
    blocks.retain(|b| match b {
        DocBlock::Paragraph(_) | DocBlock::Heading(_) => !is_boilerplate(&b.plain()),
        _ => true,
    });
    // Labels above the headline ("International") and the byline line readability kept.
    let author = article.byline.as_deref().map(strip_by);
    let first_text = blocks
        .iter()
        .position(|b| {
            matches!(b, DocBlock::Paragraph(_)) && b.plain().split_whitespace().count() >= 8
        })
        .unwrap_or(0);
    let mut index = 0;
    blocks.retain(|b| {
        index += 1;
        let plain = b.plain();
        let words = plain.split_whitespace().count();
        let label = index <= first_text && words <= 4 && !plain.ends_with(['.', '!', '?']);
        let byline = words <= 16
            && ["Par ", "By ", "Von ", "Por "]
                .iter()
                .any(|p| plain.starts_with(p))
            && author.as_deref().is_some_and(|a| plain.contains(a));
        !(matches!(b, DocBlock::Paragraph(_)) && (label || byline))
    });
    let has_references = blocks.iter().any(|b| matches!(b, DocBlock::Reference(..)));
    if !has_references {
        for notes in notes_html.iter().take(1) {
            blocks.extend(fragment_blocks(notes));
        }
    }
    drop_empty_sections(&mut blocks);
    if !blocks.iter().any(|b| {
        matches!(
            b,
            DocBlock::Paragraph(_) | DocBlock::List(..) | DocBlock::Quote(_)
        )
    }) {
        return Err("no article found in the page (no paragraphs of text)".into());
    }
    let mut doc = Doc {
        title,
        author: article.byline.as_deref().map(strip_by),
        source: article.site_name.clone(),
        url: article.url.clone().or_else(|| url.map(str::to_string)),
        ..Doc::default()
    };
    // The standfirst: a description that is also the first paragraph moves to the lead.
    if let Some(excerpt) = article
        .excerpt
        .as_deref()
        .map(clean_inline)
        .filter(|e| e.split_whitespace().count() >= 8)
    {
        let first = blocks.iter().take(3).position(|b| {
            matches!(b, DocBlock::Paragraph(_)) && clean_inline(&b.plain()) == excerpt
        });
        if let Some(p) = first
            && blocks.len() > p + 1
        {
            doc.lead = Some(excerpt);
            blocks.remove(p);
        } else if first.is_none()
            && visible_paragraphs.contains(&excerpt)
            && !blocks.iter().any(|b| clean_inline(&b.plain()) == excerpt)
        {
            // A standfirst shown on the page above the story's text.
            doc.lead = Some(excerpt);
        }
    }
    doc.date = article
        .published_time
        .as_deref()
        .and_then(normalize_date)
        .or_else(|| time_attr.as_deref().and_then(normalize_date))
        .or_else(|| {
            blocks
                .iter()
                .take(3)
                .chain(blocks.last())
                .find_map(|b| find_date(&b.plain()))
        })
        .unwrap_or_default();
    doc.blocks = blocks;
    doc.language = detect_language(
        &doc.body_text(),
        article.lang.as_deref().or(lang_attr.as_deref()),
    );
    if doc.source.is_none() {
        doc.source = doc.url.as_deref().and_then(host);
    }
    Ok(doc)
}

/// The blocks of an HTML fragment (a feed entry's content), without readability's search for
/// the article: the fragment is the article.
pub fn fragment_blocks(html: &str) -> Vec<DocBlock> {
    if html.trim().is_empty() {
        return Vec::new();
    }
    let content = Document::fragment(html);
    content.select(FURNITURE).remove();
    let mut walker = Walker::default();
    walker.walk_children(&content.root());
    walker.flush();
    walker.blocks
}

/// The headline: the page's `og:title`, else the `<h1>` the `<title>` starts with, else the
/// `<title>` without a site name after ` | `, ` - ` or ` – `.
fn best_title(title: &str, og: Option<String>, h1: Option<String>, site: Option<&str>) -> String {
    if let Some(og) = og.filter(|t| !t.is_empty()) {
        return og;
    }
    if let Some(h1) = h1.filter(|h| title.starts_with(h.as_str()) || title.is_empty()) {
        return h1;
    }
    for separator in [" | ", " – ", " — ", " - ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let is_site = site.is_some_and(|s| tail.eq_ignore_ascii_case(s))
                || tail.split_whitespace().count() <= 3;
            if is_site && head.split_whitespace().count() >= 2 {
                return head.to_string();
            }
        }
    }
    title.to_string()
}

/// "By Jane Doe" / "Von Anna Muster" → the name.
fn strip_by(byline: &str) -> String {
    let b = clean_inline(byline);
    for prefix in ["By ", "by ", "Von ", "von ", "Par ", "par ", "Por ", "por "] {
        if let Some(rest) = b.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    b
}

/// The host of a URL without `www.`.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// Headings with nothing under them before the next heading go.
fn drop_empty_sections(blocks: &mut Vec<DocBlock>) {
    let mut keep = vec![true; blocks.len()];
    for i in 0..blocks.len() {
        if matches!(blocks[i], DocBlock::Heading(_)) {
            keep[i] = blocks
                .get(i + 1)
                .is_some_and(|b| !matches!(b, DocBlock::Heading(_)));
        }
    }
    let mut k = keep.into_iter();
    blocks.retain(|_| k.next().unwrap_or(true));
}

/// Walks the article's DOM into blocks.
#[derive(Default)]
struct Walker {
    blocks: Vec<DocBlock>,
    /// Inline text outside any block element.
    loose: String,
    in_references: bool,
}

fn name(node: &NodeRef) -> String {
    node.node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default()
}

fn marked(node: &NodeRef, words: &[&str]) -> bool {
    let attrs = format!(
        "{} {}",
        node.attr("class").unwrap_or_default(),
        node.attr("id").unwrap_or_default()
    )
    .to_lowercase();
    words.iter().any(|w| attrs.contains(w))
}

impl Walker {
    fn flush(&mut self) {
        let text = clean_inline(&std::mem::take(&mut self.loose));
        if !text.is_empty() {
            self.blocks.push(DocBlock::Paragraph(text));
        }
    }

    fn walk_children(&mut self, node: &NodeRef) {
        for child in node.children() {
            self.walk(&child);
        }
    }

    fn walk(&mut self, node: &NodeRef) {
        if node.is_text() {
            self.loose.push_str(&escape(&node.text()));
            return;
        }
        if !node.is_element() {
            self.walk_children(node);
            return;
        }
        let tag = name(node);
        match tag.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let text = clean_inline(&inline(node));
                if !text.is_empty() {
                    let plain = DocBlock::Heading(text.clone()).plain();
                    self.in_references = is_references_heading(&plain);
                    self.blocks.push(DocBlock::Heading(text));
                }
            }
            "p" | "pre" | "address" | "dd" | "dt" => {
                self.flush();
                self.push_text(inline(node), DocBlock::Paragraph);
            }
            "blockquote" => {
                self.flush();
                let paragraphs: Vec<NodeRef> = node
                    .children()
                    .into_iter()
                    .filter(|c| name(c) == "p")
                    .collect();
                if paragraphs.is_empty() {
                    self.push_text(inline(node), DocBlock::Quote);
                } else {
                    for p in paragraphs {
                        self.push_text(inline(&p), DocBlock::Quote);
                    }
                }
            }
            "figcaption" | "caption" => {
                self.flush();
                self.push_text(inline(node), DocBlock::Caption);
            }
            "ul" | "ol" => {
                self.flush();
                let items: Vec<NodeRef> = node
                    .children()
                    .into_iter()
                    .filter(|c| name(c) == "li")
                    .collect();
                let references = self.in_references
                    || marked(
                        node,
                        &["footnote", "reference", "endnote", "fn-list", "notes"],
                    )
                    || items.iter().any(|li| {
                        li.attr("id").is_some_and(|id| {
                            id.starts_with("fn")
                                || id.starts_with("cite_note")
                                || id.starts_with("note")
                        })
                    });
                let start: u32 = node
                    .attr("start")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1);
                if references {
                    for (i, li) in items.iter().enumerate() {
                        let text = clean_inline(&inline(li));
                        let text = text
                            .trim_start_matches(['↑', '^', ' '])
                            .trim_end_matches(['↩', '↑', ' '])
                            .to_string();
                        if !text.is_empty() {
                            self.blocks
                                .push(DocBlock::Reference(start + i as u32, text));
                        }
                    }
                } else {
                    let texts: Vec<String> = items
                        .iter()
                        .map(|li| clean_inline(&inline(li)))
                        .filter(|t| !t.is_empty())
                        .collect();
                    if !texts.is_empty() {
                        let numbered = (tag == "ol").then_some(start);
                        self.blocks.push(DocBlock::List(numbered, texts));
                    }
                }
            }
            "table" => {
                self.flush();
                for row in node.descendants().into_iter().filter(|n| name(n) == "tr") {
                    let cells: Vec<String> = row
                        .children()
                        .into_iter()
                        .filter(|c| matches!(name(c).as_str(), "td" | "th"))
                        .map(|c| clean_inline(&inline(&c)))
                        .filter(|c| !c.is_empty())
                        .collect();
                    if !cells.is_empty() {
                        self.blocks.push(DocBlock::Paragraph(cells.join(" · ")));
                    }
                }
            }
            "img" | "picture" | "video" | "audio" | "hr" | "input" | "select" | "button" => {}
            "br" => self.loose.push(' '),
            "li" => {
                self.flush();
                self.push_text(inline(node), DocBlock::Paragraph);
            }
            "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "figure"
            | "body" | "html" => {
                self.flush();
                let was = self.in_references;
                if marked(node, &["footnotes", "references", "endnotes", "reflist"]) {
                    self.in_references = true;
                }
                self.walk_children(node);
                self.flush();
                self.in_references = was || self.in_references && tag != "section";
            }
            _ if !is_inline_only(node) => self.walk_children(node),
            _ => self.loose.push_str(&inline(node)),
        }
    }

    fn push_text(&mut self, text: String, make: fn(String) -> DocBlock) {
        let text = clean_inline(&text);
        if !text.is_empty() {
            self.blocks.push(make(text));
        }
    }
}

/// Whether an element holds only inline content (no block elements inside).
fn is_inline_only(node: &NodeRef) -> bool {
    !node.descendants().iter().any(|d| {
        matches!(
            name(d).as_str(),
            "p" | "div"
                | "ul"
                | "ol"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "blockquote"
                | "figure"
                | "table"
                | "section"
        )
    })
}

/// Inline Markdown for an element's content: emphasis, strong text, links to pages and
/// footnote markers `[n]`; everything else is its text, escaped.
fn inline(node: &NodeRef) -> String {
    let mut out = String::new();
    for child in node.children() {
        if child.is_text() {
            out.push_str(&escape(&child.text()));
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let tag = name(&child);
        let inner = inline(&child);
        match tag.as_str() {
            "em" | "i" | "cite" => out.push_str(&wrap_marks(&inner, "*")),
            "strong" | "b" => out.push_str(&wrap_marks(&inner, "**")),
            "br" => out.push(' '),
            "img" | "script" | "style" | "svg" | "button" => {}
            "sup" => {
                let text = clean_inline(&child.text());
                let digits = text.trim_matches(['[', ']']);
                if !digits.is_empty()
                    && digits.len() <= 4
                    && digits.bytes().all(|b| b.is_ascii_digit())
                {
                    out.push_str(&format!("\\[{digits}]"));
                } else {
                    out.push_str(&inner);
                }
            }
            "a" => {
                let href = child
                    .attr("href")
                    .map(|h| h.trim().to_string())
                    .unwrap_or_default();
                let text = clean_inline(&child.text());
                let digits = text.trim_matches(['[', ']']);
                let footnote = href.contains('#')
                    && !digits.is_empty()
                    && digits.len() <= 4
                    && digits.bytes().all(|b| b.is_ascii_digit());
                if footnote {
                    out.push_str(&format!("\\[{digits}]"));
                } else if (href.starts_with("http://") || href.starts_with("https://"))
                    && !href.contains([' ', ')', '('])
                    && !inner.trim().is_empty()
                {
                    let (lead, body, trail) = split_space(&inner);
                    out.push_str(&format!("{lead}[{body}]({href}){trail}"));
                } else {
                    out.push_str(&inner);
                }
            }
            _ => out.push_str(&inner),
        }
    }
    out
}

/// Leading whitespace, the text, trailing whitespace.
fn split_space(s: &str) -> (&str, &str, &str) {
    let body = s.trim();
    let start = s.len() - s.trim_start().len();
    (&s[..start], body, &s[start + body.len()..])
}

/// `*text*` with spaces kept outside the marks; nothing for text without letters or digits.
fn wrap_marks(inner: &str, marks: &str) -> String {
    let (lead, body, trail) = split_space(inner);
    if !body.chars().any(char::is_alphanumeric) || body.contains(marks) {
        return inner.to_string();
    }
    format!("{lead}{marks}{body}{marks}{trail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!doctype html><html lang="en"><head><title>Kim meets Putin | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2023-09-13T08:00:00Z">
<meta name="author" content="Jane Doe">
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience. Accept all?</p></div>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Kim meets Putin</h1>
<p>North Korea's leader arrived in the Russian Far East on Tuesday for a meeting with <em>Vladimir Putin</em>, the Kremlin said, after days of speculation about the trip.</p>
<figure><img src="x.jpg"><figcaption>Kim Jong-un at the station. Photo: AP</figcaption></figure>
<p>The two leaders met at the <a href="https://example.org/cosmodrome">Vostochny cosmodrome</a>, where they toured the launch pads and held talks that lasted <strong>more than four hours</strong>.<sup><a href="#fn1">1</a></sup></p>
<ul><li>Weapons for Russia</li><li>Technology for North Korea</li></ul>
<p>Western governments fear an arms deal that would break United Nations sanctions imposed on Pyongyang for its nuclear programme.</p>
<section class="footnotes"><ol><li id="fn1">Kremlin statement, 13 September 2023.</li></ol></section>
</article>
<div class="comments"><p>Great article, thanks for sharing this with all of us here!</p></div>
<footer><p>© 2023 The Daily Example. All rights reserved.</p></footer>
</body></html>"##;

    #[test]
    fn article_blocks_and_metadata_come_out_of_a_page() {
        let doc = import_html(PAGE, Some("https://www.example.com/world/kim")).unwrap();
        assert_eq!(doc.title, "Kim meets Putin");
        assert_eq!(doc.date, "2023-09-13");
        assert_eq!(doc.author.as_deref(), Some("Jane Doe"));
        assert_eq!(doc.source.as_deref(), Some("The Daily Example"));
        assert_eq!(doc.language, "en");
        let body = doc.body_text();
        assert!(!body.contains("cookies"), "{body}");
        assert!(!body.contains("Great article"), "{body}");
        assert!(body.contains("Photo: AP"), "{body}");
        assert!(
            doc.blocks.iter().any(|b| matches!(b, DocBlock::Caption(_))),
            "{:?}",
            doc.blocks
        );
        assert!(
            doc.blocks
                .iter()
                .any(|b| matches!(b, DocBlock::List(None, items) if items.len() == 2)),
            "{:?}",
            doc.blocks
        );
        assert!(
            doc.blocks
                .iter()
                .any(|b| matches!(b, DocBlock::Reference(1, _))),
            "{:?}",
            doc.blocks
        );
        let linked = doc.blocks.iter().any(|b| matches!(b, DocBlock::Paragraph(t) if t.contains("[Vostochny cosmodrome](https://example.org/cosmodrome)") && t.contains("**more than four hours**") && t.contains("\\[1]")));
        assert!(linked, "{:?}", doc.blocks);
    }

    #[test]
    fn a_page_without_an_article_is_an_error() {
        let e = import_html(
            "<html><body><nav><a href='/'>Home</a></nav></body></html>",
            None,
        )
        .unwrap_err();
        assert!(e.contains("no article"), "{e}");
    }
}
