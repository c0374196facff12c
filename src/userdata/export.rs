//! Annotations as Markdown with citations: each quote, its note, and where it comes from
//! (title, source, author, date, paragraph, url), grouped by article or by entity. Used by
//! `dossier export` and by the reader's export and copy, so both cite alike.

use std::fmt::Write as _;

use super::Kind;
use super::anchor::Status;
use super::resolve::Resolved;
use crate::corpus::Corpus;
use crate::corpus::article::Article;
use crate::corpus::catalogue::Catalogue;

/// How an export is grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Group {
    #[default]
    Article,
    Entity,
}

/// Where a quote comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation<'a> {
    pub title: &'a str,
    pub source: &'a str,
    pub author: Option<&'a str>,
    pub date: &'a str,
    /// 1-based.
    pub paragraph: usize,
    /// Where the article was published, when its front matter says.
    pub url: Option<&'a str>,
}

impl<'a> Citation<'a> {
    pub fn of(article: &'a Article, paragraph: usize) -> Self {
        Citation {
            title: &article.front.title,
            source: &article.front.source,
            author: article.front.author.as_deref(),
            date: &article.front.date,
            paragraph,
            url: article
                .front
                .url
                .as_deref()
                .filter(|u| !u.trim().is_empty()),
        }
    }

    /// `„Title“, Source, Author, Date, paragraph 7` (empty parts left out), without the url.
    fn words(&self) -> String {
        let mut parts = vec![format!("„{}“", self.title)];
        for part in [Some(self.source), self.author, Some(self.date)]
            .into_iter()
            .flatten()
            .filter(|p| !p.trim().is_empty())
        {
            parts.push(part.to_string());
        }
        parts.push(format!("paragraph {}", self.paragraph));
        parts.join(", ")
    }

    /// `„Title“, Source, Author, Date, paragraph 7, https://…` (empty parts left out): the
    /// citation as plain text, for the clipboard and the timeline.
    pub fn line(&self) -> String {
        match self.url {
            Some(url) => format!("{}, {url}", self.words()),
            None => self.words(),
        }
    }

    /// The citation as Markdown: the words escaped, the url an autolink that no character of
    /// it can break out of.
    pub fn markdown(&self) -> String {
        let words = escape_inline(&self.words());
        match self.url {
            Some(url) => format!("{words}, <{}>", autolink_safe(url)),
            None => words,
        }
    }
}

/// A url made fit for a Markdown autolink (`<…>`): spaces, angle brackets and control
/// characters percent-encoded, as a browser would send them.
fn autolink_safe(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c == '<' || c == '>' || c.is_whitespace() || c.is_control() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The citation of an annotation, when its article is loaded.
pub fn citation_of<'c>(corpus: &'c Corpus, r: &Resolved) -> Option<Citation<'c>> {
    let article = corpus.article(r.article?)?;
    Some(Citation::of(article, r.paragraph()))
}

/// One quote with its citation, as copied to the clipboard: `„quote“ — citation`.
pub fn quote_with_citation(corpus: &Corpus, r: &Resolved) -> String {
    let quote = &r.annotation.selector.exact;
    match citation_of(corpus, r) {
        Some(c) => format!("„{quote}“ — {}", c.line()),
        None => format!("„{quote}“ — {}", r.annotation.article),
    }
}

/// The whole export as Markdown.
pub fn markdown(corpus: &Corpus, items: &[Resolved], group: Group) -> String {
    markdown_with(&corpus.catalogue, items, group, &|r| citation_of(corpus, r))
}

/// The whole export as Markdown, each annotation cited by `cite` (`None`: its article is not
/// loaded).
pub fn markdown_with<'c>(
    catalogue: &Catalogue,
    items: &[Resolved],
    group: Group,
    cite: &dyn Fn(&Resolved) -> Option<Citation<'c>>,
) -> String {
    let mut out = String::from("# Notes from dossier\n");
    if items.is_empty() {
        out.push_str("\nNo annotations match.\n");
        return out;
    }
    match group {
        Group::Article => {
            let mut order: Vec<&Resolved> = items.iter().collect();
            // In the list's order (date, then key), whatever ids the articles have (rows
            // that arrive while the reader runs keep the ids they came with).
            order.sort_by_cached_key(|r| {
                let date = cite(r).map(|c| c.date.to_string());
                let key = r.annotation.article.as_str().to_string();
                (
                    r.article.is_some(),
                    date,
                    key,
                    r.paragraph(),
                    r.annotation.id,
                )
            });
            let mut current: Option<&str> = None;
            for r in order {
                let key = r.annotation.article.as_str();
                if current != Some(key) {
                    current = Some(key);
                    let heading = cite(r)
                        .map_or_else(|| format!("{key} (not loaded)"), |c| c.title.to_string());
                    let _ = write!(out, "\n## {}\n", escape_inline(&heading));
                }
                item(&mut out, cite, r);
            }
        }
        Group::Entity => {
            for (id, entity) in catalogue.iter() {
                let mine: Vec<&Resolved> =
                    items.iter().filter(|r| r.entities.contains(&id)).collect();
                if mine.is_empty() {
                    continue;
                }
                let _ = write!(out, "\n## {}\n", escape_inline(&entity.name));
                for r in mine {
                    item(&mut out, cite, r);
                }
            }
            let rest: Vec<&Resolved> = items.iter().filter(|r| r.entities.is_empty()).collect();
            if !rest.is_empty() {
                out.push_str("\n## Naming no entity\n");
                for r in rest {
                    item(&mut out, cite, r);
                }
            }
        }
    }
    out
}

fn item<'c>(out: &mut String, cite: &dyn Fn(&Resolved) -> Option<Citation<'c>>, r: &Resolved) {
    let a = &r.annotation;
    out.push('\n');
    for line in a.selector.exact.lines() {
        let _ = writeln!(out, "> {}", escape_inline(line));
    }
    if !a.note.trim().is_empty() {
        out.push('\n');
        out.push_str(a.note.trim_end());
        out.push('\n');
    }
    out.push('\n');
    let cite = cite(r).map_or_else(
        || format!("{} (article not loaded)", a.article),
        |c| c.markdown(),
    );
    let _ = write!(out, "— {cite}");
    if a.kind == Kind::Bookmark {
        out.push_str(" · bookmark");
    }
    if !a.tags.is_empty() {
        let tags: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
        let _ = write!(out, " · {}", tags.join(" "));
    }
    out.push('\n');
    match r.status {
        Status::Attached => {}
        Status::Moved => {
            let _ = writeln!(
                out,
                "\n*Found again in paragraph {} (made in paragraph {}).*",
                r.paragraph(),
                a.paragraph
            );
        }
        Status::Orphaned => {
            let _ = writeln!(
                out,
                "\n*Not found in the current text of the article (made in paragraph {}).*",
                a.paragraph
            );
        }
    }
}

/// Markdown punctuation in quoted text made literal, so a quote renders as it reads.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let special = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|')
            || (i == 0 && matches!(c, '#' | '+' | '-' | '='));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_punctuation_in_a_quote_is_escaped() {
        assert_eq!(
            escape_inline("# a *b* [1] <x>"),
            "\\# a \\*b\\* \\[1\\] \\<x\\>"
        );
        assert_eq!(escape_inline("Kim Jong-un"), "Kim Jong-un");
    }

    #[test]
    fn a_citation_names_title_source_author_date_and_paragraph() {
        let c = Citation {
            title: "T",
            source: "S",
            author: Some("A"),
            date: "2024-01",
            paragraph: 7,
            url: None,
        };
        assert_eq!(c.line(), "„T“, S, A, 2024-01, paragraph 7");
        let no_author = Citation { author: None, ..c };
        assert_eq!(no_author.line(), "„T“, S, 2024-01, paragraph 7");
    }

    #[test]
    fn a_citation_ends_with_the_url_as_text_and_as_a_markdown_autolink() {
        let c = Citation {
            title: "T_1",
            source: "S",
            author: None,
            date: "2023-09-05",
            paragraph: 3,
            url: Some("https://example.org/a_b?x=1"),
        };
        assert_eq!(
            c.line(),
            "„T_1“, S, 2023-09-05, paragraph 3, https://example.org/a_b?x=1"
        );
        // The words are escaped, the url is not: an autolink is taken literally.
        assert_eq!(
            c.markdown(),
            "„T\\_1“, S, 2023-09-05, paragraph 3, <https://example.org/a_b?x=1>"
        );
    }

    fn resolved(id: i64, key: &str, article: usize) -> Resolved {
        Resolved {
            annotation: crate::userdata::Annotation {
                id,
                kind: crate::userdata::Kind::Highlight,
                article: crate::corpus::ids::ArticleKey::new(key),
                paragraph: 1,
                selector: crate::userdata::Selector {
                    exact: format!("Worte {id}"),
                    prefix: String::new(),
                    suffix: String::new(),
                },
                note: String::new(),
                tags: Vec::new(),
                created: String::new(),
                updated: String::new(),
            },
            status: crate::userdata::Status::Attached,
            article: Some(crate::corpus::ids::ArticleId::from_index(article)),
            place: Some((0, 0..1)),
            entities: Vec::new(),
        }
    }

    #[test]
    fn articles_are_exported_in_date_order_whatever_their_ids() {
        // The article that arrived last (id 0 here, as rows added during a build may have
        // any id) is the older one: it comes first.
        let items = [resolved(1, "neu", 0), resolved(2, "alt", 1)];
        let catalogue = Catalogue::default();
        let cite = |r: &Resolved| {
            let (title, date) = match r.annotation.article.as_str() {
                "neu" => ("Neu", "2024-01"),
                _ => ("Alt", "2015"),
            };
            Some(Citation {
                title,
                source: "",
                author: None,
                date,
                paragraph: 1,
                url: None,
            })
        };
        let out = markdown_with(&catalogue, &items, Group::Article, &cite);
        let alt = out.find("## Alt").expect("Alt heading");
        let neu = out.find("## Neu").expect("Neu heading");
        assert!(alt < neu, "{out}");
    }

    #[test]
    fn a_url_cannot_break_out_of_its_autolink() {
        let c = Citation {
            title: "T",
            source: "",
            author: None,
            date: "",
            paragraph: 1,
            url: Some("https://e.org/a b>c<d"),
        };
        assert_eq!(
            c.markdown(),
            "„T“, paragraph 1, <https://e.org/a%20b%3Ec%3Cd>"
        );
    }
}
