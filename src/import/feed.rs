//! RSS and Atom feeds (and JSON Feed): every entry becomes an article, with its own title,
//! date, authors, link and categories; the entry's HTML content (or its summary) is read like
//! a page fragment. Work is linear in the number of entries.

use super::doc::{Doc, clean_inline};
use super::html::{fragment_blocks, host};
use super::meta::detect_language;

/// One entry: the key it is imported under (its link, else its id) and the article, or why
/// it has none.
pub struct Entry {
    pub key: String,
    pub doc: Result<Doc, String>,
}

/// Whether `text` looks like a feed (RSS, Atom, RDF).
pub fn looks_like_feed(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")
}

/// Parses a feed into entries.
pub fn import_feed(text: &str, feed_url: Option<&str>) -> Result<Vec<Entry>, String> {
    let feed =
        feed_rs::parser::parse(text.as_bytes()).map_err(|e| format!("not a valid feed: {e}"))?;
    let source = feed
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|t| !t.is_empty())
        .or_else(|| feed_url.and_then(host));
    if feed.entries.is_empty() {
        return Err("the feed has no entries".into());
    }
    let entries = feed
        .entries
        .into_iter()
        .map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.clone());
            let key = link
                .clone()
                .unwrap_or_else(|| format!("feed:{}#{}", feed.id, entry.id));
            let html = entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .filter(|b| !b.trim().is_empty())
                .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
                .unwrap_or_default();
            let blocks = fragment_blocks(&html);
            let doc = if blocks.is_empty() {
                Err("the entry has no text".to_string())
            } else {
                let mut doc = Doc {
                    title: entry
                        .title
                        .as_ref()
                        .map(|t| plain(&t.content))
                        .unwrap_or_default(),
                    date: entry
                        .published
                        .or(entry.updated)
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    author: Some(
                        entry
                            .authors
                            .iter()
                            .filter_map(|p| p.name.as_deref().map(clean_inline))
                            .filter(|n| !n.is_empty())
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                    .filter(|a| !a.is_empty()),
                    source: source.clone(),
                    url: link,
                    tags: entry
                        .categories
                        .iter()
                        .map(|c| clean_inline(c.label.as_deref().unwrap_or(&c.term)))
                        .filter(|t| !t.is_empty())
                        .collect(),
                    blocks,
                    ..Doc::default()
                };
                doc.language = detect_language(&doc.body_text(), None);
                Ok(doc)
            };
            Entry { key, doc }
        })
        .collect();
    Ok(entries)
}

/// A title that may hold markup or entities, as plain text.
fn plain(text: &str) -> String {
    let decoded = html_escape::decode_html_entities(text);
    if decoded.contains('<') {
        let doc = dom_query::Document::from(format!("<p>{decoded}</p>"));
        clean_inline(&doc.select("p").text())
    } else {
        clean_inline(&decoded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::DocBlock;

    #[test]
    fn rss_entries_become_articles_with_dates_and_links() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Nordkorea-Ticker</title>
<item><title>Kim &amp; Putin treffen sich</title><link>https://a.example/1</link><pubDate>Thu, 25 Apr 2019 08:00:00 GMT</pubDate><category>Russland</category>
<description>&lt;p&gt;Die beiden Staatschefs treffen sich &lt;em&gt;heute&lt;/em&gt; in Wladiwostok.&lt;/p&gt;</description></item>
<item><title>Leer</title><link>https://a.example/2</link></item>
</channel></rss>"#;
        let entries = import_feed(rss, None).unwrap();
        assert_eq!(entries.len(), 2);
        let doc = entries[0].doc.as_ref().unwrap();
        assert_eq!(entries[0].key, "https://a.example/1");
        assert_eq!(doc.title, "Kim & Putin treffen sich");
        assert_eq!(doc.date, "2019-04-25");
        assert_eq!(doc.source.as_deref(), Some("Nordkorea-Ticker"));
        assert_eq!(doc.tags, ["Russland"]);
        assert_eq!(
            doc.blocks,
            [DocBlock::Paragraph(
                "Die beiden Staatschefs treffen sich *heute* in Wladiwostok.".into()
            )]
        );
        assert!(entries[1].doc.as_ref().unwrap_err().contains("no text"));
    }

    #[test]
    fn atom_entries_carry_authors() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title><id>urn:x</id><updated>2023-09-13T00:00:00Z</updated>
<entry><title>Kim meets Putin</title><id>urn:x:1</id><updated>2023-09-13T10:00:00Z</updated><author><name>Jane Doe</name></author>
<content type="html">&lt;p&gt;The two leaders met at the cosmodrome on Wednesday.&lt;/p&gt;</content></entry></feed>"#;
        let entries = import_feed(atom, None).unwrap();
        let doc = entries[0].doc.as_ref().unwrap();
        assert_eq!(doc.author.as_deref(), Some("Jane Doe"));
        assert_eq!(doc.date, "2023-09-13");
        assert_eq!(entries[0].key, "feed:urn:x#urn:x:1");
    }
}
