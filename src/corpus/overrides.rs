//! Per-mention overrides kept in the catalogue: "this occurrence is not a mention" or "this
//! occurrence names that entity", for the one place where the linker's rules get it wrong
//! ("Im Juni 1950 überzeugte Kim Stalin" is Kim Il-sung, not the Kim named last).
//!
//! An override is anchored like an annotation, by the article's key and a text quote (the
//! words and a little of the text before and after them), never by offsets, so it survives
//! edits of the article; where the words are gone, or stand in other surroundings, it is
//! not applied and `check` says so.
//!
//! ```toml
//! [[override]]
//! article = "wikipedia-nordkoreanisch-russische-beziehungen"
//! text = "Kim"
//! before = "Im Juni 1950 überzeugte "
//! after = " Stalin und Chinas Mao Zedong"
//! entity = "kim-il-sung"          # or: unlink = true
//! ```

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::article::{Article, Block};
use super::ids::EntityId;
use super::quote::{Selector, best_occurrence};
use crate::diag::{Diagnostic, LineIndex, Position};

/// Which text of the article an override is in.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    #[default]
    Body,
    Title,
    Lead,
}

impl Part {
    pub fn name(self) -> &'static str {
        match self {
            Part::Body => "body",
            Part::Title => "title",
            Part::Lead => "lead",
        }
    }
}

/// One override, as loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// The article's key (its file name without `.md`).
    pub article: String,
    pub part: Part,
    /// The words (`exact`) and the text just before and after them.
    pub quote: Selector,
    /// The entity the words name; `None` unlinks them.
    pub entity: Option<EntityId>,
    /// Where the override is in the catalogue file.
    pub position: Position,
}

/// The `[[override]]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOverride {
    article: String,
    text: String,
    #[serde(default)]
    before: String,
    #[serde(default)]
    after: String,
    #[serde(default)]
    entity: Option<String>,
    #[serde(default)]
    unlink: bool,
    #[serde(default)]
    part: Part,
}

/// Checks the raw overrides against the entities (`entity_of` maps an id to its entity).
pub(super) fn read_overrides(
    path: &str,
    lines: &LineIndex,
    raw: Vec<Spanned<RawOverride>>,
    entity_of: impl Fn(&str) -> Option<EntityId>,
    clean: impl Fn(&str) -> String,
) -> Result<Vec<Override>, Diagnostic> {
    let mut out = Vec::with_capacity(raw.len());
    for spanned in raw {
        let position = lines.position(spanned.span().start);
        let raw = spanned.into_inner();
        let fail = |message: String| Diagnostic::error(path, Some(position), message);
        let article = raw.article.trim().to_string();
        if article.is_empty() {
            return Err(fail("override without an `article`".to_string()));
        }
        let text = clean(&raw.text);
        if text.is_empty() {
            return Err(fail(format!(
                "override in `{article}` with an empty `text`"
            )));
        }
        let entity = match (raw.entity.as_deref().map(str::trim), raw.unlink) {
            (Some(_), true) => {
                return Err(fail(format!(
                    "override of `{text}` in `{article}` has both `entity` and `unlink = true`; keep one"
                )));
            }
            (None, false) => {
                return Err(fail(format!(
                    "override of `{text}` in `{article}` needs `entity = \"id\"` or `unlink = true`"
                )));
            }
            (None, true) => None,
            (Some(id), false) => Some(entity_of(id).ok_or_else(|| {
                fail(format!(
                    "override of `{text}` in `{article}` names unknown entity `{id}`"
                ))
            })?),
        };
        out.push(Override {
            article,
            part: raw.part,
            quote: Selector {
                exact: text,
                prefix: single_spaced_keep_edges(&raw.before),
                suffix: single_spaced_keep_edges(&raw.after),
            },
            entity,
            position,
        });
    }
    Ok(out)
}

/// Runs of whitespace made one space, as in block text; a space at either end is kept, since
/// "überzeugte " must meet "Kim" with its space.
fn single_spaced_keep_edges(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    if space {
        out.push(' ');
    }
    out
}

/// Where an override applies in the blocks it was given: the block and the byte range of its
/// words. `None` when the words are not there, or only in surroundings that match less than
/// half of the remembered context (then it is some other occurrence of the same words).
pub fn place(blocks: &[Block], o: &Override) -> Option<(usize, Range<usize>)> {
    let (block, range, score) = best_occurrence(blocks, &o.quote)?;
    let context = o.quote.prefix.chars().count() + o.quote.suffix.chars().count();
    (score * 2 >= context).then_some((block, range))
}

/// Why an override does not apply to `article` (`None` for an article not loaded), or `None`
/// when it applies.
pub fn unapplied(article: Option<&Article>, o: &Override) -> Option<String> {
    let quoted = crate::corpus::sanitize::visible(&o.quote.exact);
    let Some(article) = article else {
        return Some(format!(
            "override of `{quoted}` names article `{}`, which is not a loaded article",
            o.article
        ));
    };
    let placed = match o.part {
        Part::Body => place(&article.blocks, o),
        Part::Title => place(&article.header_blocks()[..1], o),
        Part::Lead => place(&article.header_blocks()[1..], o),
    };
    placed.is_none().then(|| {
        format!(
            "override of `{quoted}` in `{}` ({}) applies nowhere: the words are not there with the text around them; the article changed, so update or remove the override",
            o.article,
            o.part.name()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::article::BlockKind;

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: t.to_string(),
                ..Block::default()
            })
            .collect()
    }

    fn kim(before: &str, after: &str) -> Override {
        Override {
            article: "a".to_string(),
            part: Part::Body,
            quote: Selector {
                exact: "Kim".to_string(),
                prefix: before.to_string(),
                suffix: after.to_string(),
            },
            entity: None,
            position: Position { line: 1, col: 1 },
        }
    }

    #[test]
    fn an_override_finds_its_words_by_their_context_after_an_edit() {
        let b = blocks(&[
            "Kim kam.",
            "Neu eingefügt. Im Juni 1950 überzeugte Kim Stalin davon. Dann Kim.",
        ]);
        let at = b[1].text.find("Kim Stalin").unwrap();
        assert_eq!(
            place(&b, &kim("1950 überzeugte ", " Stalin davon")),
            Some((1, at..at + 3))
        );
    }

    #[test]
    fn an_override_whose_surroundings_are_gone_is_not_applied() {
        let b = blocks(&["Kim kam und ging."]);
        assert_eq!(place(&b, &kim("1950 überzeugte ", " Stalin davon")), None);
        assert_eq!(place(&b, &kim("", "")), Some((0, 0..3)));
    }

    fn parse(overrides: &str) -> Result<crate::corpus::catalogue::Catalogue, Diagnostic> {
        let text = format!(
            "[[entity]]\nid = \"kim\"\nname = \"Kim Il-sung\"\nkind = \"person\"\nsummary = \"s\"\n{overrides}"
        );
        crate::corpus::catalogue::parse_catalogue("entities.toml", text.as_bytes())
    }

    #[test]
    fn overrides_are_read_from_the_catalogue_with_their_position() {
        let c = parse(
            "[[override]]\narticle = \"a\"\ntext = \"Kim\"\nbefore = \"x \"\nentity = \"kim\"\n",
        )
        .unwrap();
        assert_eq!(c.overrides.len(), 1);
        let o = &c.overrides[0];
        assert_eq!(
            (
                o.article.as_str(),
                o.quote.exact.as_str(),
                o.quote.prefix.as_str()
            ),
            ("a", "Kim", "x ")
        );
        assert_eq!(o.entity, c.get("kim"));
        assert_eq!(o.position.line, 6);
    }

    #[test]
    fn a_bad_override_is_an_error_at_its_line_saying_what_to_do() {
        let unknown =
            parse("[[override]]\narticle = \"a\"\ntext = \"Kim\"\nentity = \"kim-jong\"\n")
                .unwrap_err();
        assert!(
            unknown.message.contains("unknown entity `kim-jong`"),
            "{unknown}"
        );
        assert_eq!(unknown.position.map(|p| p.line), Some(6));
        let neither = parse("[[override]]\narticle = \"a\"\ntext = \"Kim\"\n").unwrap_err();
        assert!(neither.message.contains("needs `entity"), "{neither}");
        let both = parse(
            "[[override]]\narticle = \"a\"\ntext = \"Kim\"\nentity = \"kim\"\nunlink = true\n",
        )
        .unwrap_err();
        assert!(both.message.contains("both"), "{both}");
        let typo =
            parse("[[override]]\narticle = \"a\"\ntext = \"Kim\"\nunlnk = true\n").unwrap_err();
        assert!(typo.message.contains("unlnk"), "{typo}");
    }

    #[test]
    fn whitespace_in_the_context_is_single_spaced_but_keeps_its_edges() {
        assert_eq!(single_spaced_keep_edges("  a \n b "), " a b ");
    }
}
