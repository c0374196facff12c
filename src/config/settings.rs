//! The reader's settings file (`config.toml`): theme, text width, hyphenation, sidebar, mouse.
//!
//! Validated like the keymap, before the terminal is touched: every problem is reported as
//! `path:line:col: message`, with a suggestion where one fits. `config/config.toml` in the
//! repository documents every setting with its default.

use std::str::FromStr;

use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::palette::Palette;
use super::tags::{RawClipboard, RawTag, TagDef, default_tags, read_tags};
use crate::diag::{Diagnostic, LineIndex};
use crate::suggest::did_you_mean;

/// The widest text column, for readable lines.
pub const DEFAULT_MAX_WIDTH: usize = 80;

/// Settings the reader runs with.
#[derive(Clone, Debug)]
pub struct Options {
    pub max_width: usize,
    pub hyphenate: bool,
    pub sidebar: bool,
    pub sidebar_width: u16,
    /// The article list's width in columns; 0 chooses one from the terminal's width.
    pub list_width: u16,
    pub mouse: bool,
    /// Colours; `None` draws with modifiers only (`NO_COLOR`).
    pub palette: Option<Palette>,
    /// The tags visual mode offers on `tag1`..`tag5`, in order.
    pub tags: Vec<TagDef>,
    /// Copy quotes to the clipboard through the terminal (OSC 52); off unless turned on.
    pub osc52: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_width: DEFAULT_MAX_WIDTH,
            hyphenate: true,
            sidebar: true,
            sidebar_width: 44,
            list_width: 0,
            mouse: true,
            palette: Some(Palette::dark()),
            tags: default_tags(),
            osc52: false,
        }
    }
}

/// The documented defaults, as shipped in `config/config.toml`.
pub const DEFAULT_CONFIG: &str = include_str!("../../config/config.toml");

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    max_width: Option<Spanned<i64>>,
    hyphenation: Option<bool>,
    mouse: Option<bool>,
    sidebar: Option<RawSidebar>,
    list: Option<RawList>,
    tags: Option<Vec<RawTag>>,
    clipboard: Option<RawClipboard>,
    /// Read again with spans below: its keys are colour roles.
    #[allow(dead_code)]
    theme: Option<toml::Table>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSidebar {
    visible: Option<bool>,
    width: Option<Spanned<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawList {
    width: Option<Spanned<i64>>,
}

/// Reads settings from `text` (named `path` in messages). `no_color` (the `NO_COLOR`
/// convention) always wins over the theme.
pub fn parse(path: &str, text: &str, no_color: bool) -> Result<Options, Vec<Diagnostic>> {
    let raw: RawSettings =
        toml::from_str(text).map_err(|e| vec![Diagnostic::from_toml(path, text, 1, &e)])?;
    let mut problems = Vec::new();
    let lines = LineIndex::new(text);
    let at = |offset: usize| Some(lines.position(offset));
    let mut options = Options::default();
    let mut ranged = |value: &Option<Spanned<i64>>,
                      name: &str,
                      range: std::ops::RangeInclusive<i64>,
                      default: usize| {
        match value {
            Some(v) if range.contains(v.get_ref()) => *v.get_ref() as usize,
            Some(v) => {
                problems.push(Diagnostic::error(
                    path,
                    at(v.span().start),
                    format!(
                        "`{name}` must be between {} and {}, not {}",
                        range.start(),
                        range.end(),
                        v.get_ref()
                    ),
                ));
                default
            }
            None => default,
        }
    };
    options.max_width = ranged(&raw.max_width, "max_width", 20..=400, options.max_width);
    let sidebar = raw.sidebar.unwrap_or_default();
    options.sidebar_width = ranged(
        &sidebar.width,
        "sidebar.width",
        24..=120,
        usize::from(options.sidebar_width),
    ) as u16;
    options.sidebar = sidebar.visible.unwrap_or(options.sidebar);
    let list = raw.list.unwrap_or_default();
    options.list_width = match list.width.as_ref().map(|w| *w.get_ref()) {
        Some(0) => 0,
        _ => ranged(
            &list.width,
            "list.width",
            16..=120,
            usize::from(options.list_width),
        ) as u16,
    };
    options.hyphenate = raw.hyphenation.unwrap_or(options.hyphenate);
    options.mouse = raw.mouse.unwrap_or(options.mouse);
    if let Some(tags) = &raw.tags {
        options.tags = read_tags(tags, path, text, &mut problems);
    }
    options.osc52 = raw.clipboard.and_then(|c| c.osc52).unwrap_or(options.osc52);
    let mut palette = Palette::dark();
    if let Ok(root) = DeTable::parse(text)
        && let Some(theme) = root.get_ref().get("theme")
        && let DeValue::Table(theme) = theme.get_ref()
    {
        // The preset first, then single colours over it.
        if let Some(preset) = theme.get("preset") {
            match preset.get_ref() {
                DeValue::String(name) if name == "dark" => {}
                DeValue::String(name) if name == "light" => palette = Palette::light(),
                other => {
                    let shown = match other {
                        DeValue::String(name) => name.to_string(),
                        _ => "that".to_string(),
                    };
                    let hint = did_you_mean(&shown, ["dark", "light"]);
                    problems.push(Diagnostic::error(
                        path,
                        at(preset.span().start),
                        format!("unknown theme preset `{shown}`{hint}; use \"dark\" or \"light\""),
                    ));
                }
            }
        }
        for (role, value) in theme {
            let role = role.get_ref().as_ref();
            if role == "preset" {
                continue;
            }
            let offset = value.span().start;
            let DeValue::String(name) = value.get_ref() else {
                problems.push(Diagnostic::error(
                    path,
                    at(offset),
                    format!("theme.{role} must be a colour string such as \"cyan\" or \"#5fafd7\""),
                ));
                continue;
            };
            let Ok(color) = Color::from_str(name) else {
                problems.push(Diagnostic::error(
                    path,
                    at(offset),
                    format!("theme.{role}: `{name}` is not a colour; use a name (\"lightblue\"), \"#rrggbb\" or a number 0-255"),
                ));
                continue;
            };
            if !palette.set(role, color) {
                let hint = did_you_mean(role, Palette::ROLES.iter().copied());
                problems.push(Diagnostic::error(
                    path,
                    at(offset),
                    format!("unknown theme colour `{role}`{hint}"),
                ));
            }
        }
    }
    options.palette = (!no_color).then_some(palette);
    if problems.is_empty() {
        Ok(options)
    } else {
        Err(problems)
    }
}

/// The defaults, or the user's file laid over them.
pub fn load(user: Option<(&str, &str)>, no_color: bool) -> Result<Options, Vec<Diagnostic>> {
    match user {
        Some((path, text)) => parse(path, text, no_color),
        None => parse("(bundled)/config/config.toml", DEFAULT_CONFIG, no_color),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        parse("config.toml", text, false)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn the_documented_defaults_are_the_built_in_defaults() {
        let shipped = parse("config.toml", DEFAULT_CONFIG, false).unwrap();
        let built_in = Options::default();
        assert_eq!(shipped.max_width, built_in.max_width);
        assert_eq!(shipped.hyphenate, built_in.hyphenate);
        assert_eq!(shipped.sidebar, built_in.sidebar);
        assert_eq!(shipped.sidebar_width, built_in.sidebar_width);
        assert_eq!(shipped.list_width, built_in.list_width);
        assert_eq!(shipped.mouse, built_in.mouse);
        assert_eq!(shipped.palette, built_in.palette);
        assert_eq!(shipped.tags, built_in.tags);
        assert_eq!(shipped.osc52, built_in.osc52);
        assert!(!built_in.osc52, "the clipboard is off unless turned on");
    }

    #[test]
    fn the_list_width_is_read_and_checked() {
        let o = parse("c", "[list]\nwidth = 36\n", false).unwrap();
        assert_eq!(o.list_width, 36);
        let auto = parse("c", "[list]\nwidth = 0\n", false).unwrap();
        assert_eq!(auto.list_width, 0);
        let bad = problems("[list]\nwidth = 3\n");
        assert!(
            bad[0].contains("`list.width` must be between 16 and 120"),
            "{bad:?}"
        );
    }

    #[test]
    fn settings_are_read() {
        let o = parse("c", "max_width = 60\nhyphenation = false\nmouse = false\n[sidebar]\nvisible = false\nwidth = 50\n[theme]\npreset = \"light\"\nperson = \"#ff0000\"\n", false).unwrap();
        assert_eq!(
            (
                o.max_width,
                o.hyphenate,
                o.mouse,
                o.sidebar,
                o.sidebar_width
            ),
            (60, false, false, false, 50)
        );
        let p = o.palette.unwrap();
        assert_eq!(p.person, Color::Rgb(255, 0, 0));
        assert_eq!(p.heading, Palette::light().heading);
    }

    #[test]
    fn tags_and_the_clipboard_switch_are_read_and_checked() {
        let o = parse(
            "c",
            "[clipboard]\nosc52 = true\n[[tags]]\nname = \"wichtig\"\ncolor = \"#ff0000\"\n",
            false,
        )
        .unwrap();
        assert!(o.osc52);
        assert_eq!(
            o.tags,
            [TagDef {
                name: "wichtig".into(),
                color: Color::Rgb(255, 0, 0)
            }]
        );
        let bad = problems(
            "[[tags]]\nname = \"zwei worte\"\ncolor = \"red\"\n[[tags]]\nname = \"a\"\ncolor = \"rott\"\n",
        );
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(bad[0].starts_with("config.toml:2:8:"), "{bad:?}");
        assert!(
            bad[1].starts_with("config.toml:6:9:") && bad[1].contains("rott"),
            "{bad:?}"
        );
        let many = "[[tags]]\nname = \"a\"\ncolor = \"red\"\n".to_string()
            + &(0..6)
                .map(|i| format!("[[tags]]\nname = \"t{i}\"\ncolor = \"red\"\n"))
                .collect::<String>();
        assert!(problems(&many)[0].contains("at most 5 tags"));
    }

    #[test]
    fn no_color_wins_over_any_theme() {
        let o = parse("c", "[theme]\npreset = \"light\"\n", true).unwrap();
        assert!(o.palette.is_none());
    }

    #[test]
    fn problems_name_the_line_and_suggest() {
        assert_eq!(
            problems("max_width = 5\n"),
            ["config.toml:1:13: `max_width` must be between 20 and 400, not 5"]
        );
        assert_eq!(
            problems("[theme]\npersn = \"red\"\n"),
            ["config.toml:2:9: unknown theme colour `persn` (did you mean `person`?)"]
        );
        assert_eq!(
            problems("[theme]\nperson = \"rot\"\n")[0]
                .split(": ")
                .next(),
            Some("config.toml:2:10")
        );
        assert!(problems("[theme]\npreset = \"drak\"\n")[0].contains("did you mean `dark`?"));
        assert!(problems("maxwidth = 70\n")[0].contains("unknown field `maxwidth`"));
        assert!(problems("mouse = \"yes\"\n")[0].starts_with("config.toml:1:9:"));
        assert_eq!(
            problems("max_width = 5\n[sidebar]\nwidth = 500\n").len(),
            2,
            "all problems, not just the first"
        );
    }
}
