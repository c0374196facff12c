//! The highlight tags of `config.toml` (`[[tags]]`: a name and a colour each, offered on the
//! `tag1`..`tag5` keys in visual mode) and the `[clipboard]` switch for OSC 52 copying.
//! Validated with the rest of the settings: every problem names its line and column.

use std::str::FromStr;

use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, LineIndex};
use crate::userdata::clean_tag;

/// How many tags the keys `tag1`..`tag5` can reach.
pub const MAX_TAGS: usize = 5;

/// One tag the reader offers, with the colour its highlights are drawn in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagDef {
    pub name: String,
    pub color: Color,
}

/// The tags offered when the settings name none.
pub fn default_tags() -> Vec<TagDef> {
    [
        ("key", Color::Yellow),
        ("question", Color::LightBlue),
        ("evidence", Color::LightCyan),
        ("doubt", Color::LightRed),
        ("idea", Color::LightMagenta),
    ]
    .into_iter()
    .map(|(name, color)| TagDef {
        name: name.to_string(),
        color,
    })
    .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTag {
    name: Spanned<String>,
    color: Spanned<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClipboard {
    pub(super) osc52: Option<bool>,
}

/// Checks `[[tags]]`: at most `MAX_TAGS`, each a valid tag name (one word) used once, each
/// colour a colour. Problems are added to `problems`; the valid tags are returned.
pub(super) fn read_tags(
    raw: &[RawTag],
    path: &str,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<TagDef> {
    let lines = LineIndex::new(text);
    let at = |offset: usize| Some(lines.position(offset));
    let mut tags: Vec<TagDef> = Vec::new();
    for (i, tag) in raw.iter().enumerate() {
        if i == MAX_TAGS {
            problems.push(Diagnostic::error(
                path,
                at(tag.name.span().start),
                format!("at most {MAX_TAGS} tags (the keys tag1 to tag{MAX_TAGS} reach them)"),
            ));
            break;
        }
        let name = match clean_tag(tag.name.get_ref()) {
            Ok(name) => name,
            Err(why) => {
                problems.push(Diagnostic::error(path, at(tag.name.span().start), why));
                continue;
            }
        };
        if tags.iter().any(|t| t.name.eq_ignore_ascii_case(&name)) {
            problems.push(Diagnostic::error(
                path,
                at(tag.name.span().start),
                format!("tag `{name}` is named twice"),
            ));
            continue;
        }
        let Ok(color) = Color::from_str(tag.color.get_ref()) else {
            problems.push(Diagnostic::error(
                path,
                at(tag.color.span().start),
                format!(
                    "tags: `{}` is not a colour; use a name (\"yellow\"), \"#rrggbb\" or a number 0-255",
                    crate::corpus::sanitize::visible(tag.color.get_ref())
                ),
            ));
            continue;
        };
        tags.push(TagDef { name, color });
    }
    tags
}
