//! Colours and modifiers: one style per role (entity kind, selection, borders, …).
//!
//! `Theme` turns a `Palette` (the configuration's colours by role) into styles. With `NO_COLOR`
//! there is no palette and every style keeps only modifiers (bold, italic, underline, reverse),
//! so the screen stays readable without colour.

use ratatui::style::{Color, Modifier, Style};

use crate::config::palette::{ColorDepth, Palette, fit};
use crate::config::tags::TagDef;
use crate::corpus::catalogue::EntityKind;

/// Every style the reader uses.
#[derive(Clone, Debug)]
pub struct Theme {
    pub palette: Option<Palette>,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub byline: Style,
    pub lead: Style,
    pub heading: Style,
    pub quote: Style,
    pub caption: Style,
    pub reference: Style,
    pub footnote: Style,
    pub selected_row: Style,
    pub selection: Style,
    pub flash: Style,
    /// Words the user highlighted (without a tag of the settings).
    pub highlight: Style,
    /// The settings' tags with the style of their highlights, in order.
    pub tags: Vec<(String, Style)>,
    /// Visual mode's selection.
    pub visual: Style,
    pub hit: Style,
    pub match_chars: Style,
    pub dim: Style,
    pub status: Style,
    pub status_key: Style,
    pub error: Style,
    pub unread: Style,
}

/// Reverse video, or the palette's selection colour as background when one is set.
fn selection_style(palette: Option<&Palette>) -> Style {
    match palette.map(|p| p.selection) {
        Some(color) if color != Color::Reset => Style::new()
            .bg(color)
            .fg(Color::Black)
            .add_modifier(Modifier::BOLD),
        _ => Style::new().add_modifier(Modifier::REVERSED),
    }
}

impl Theme {
    /// Styles from a palette, or modifiers only without one (`NO_COLOR`).
    pub fn new(palette: Option<&Palette>) -> Theme {
        let fg = |style: Style, pick: fn(&Palette) -> Color| match palette {
            Some(p) => style.fg(pick(p)),
            None => style,
        };
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let italic = Style::new().add_modifier(Modifier::ITALIC);
        Theme {
            palette: palette.cloned(),
            border: fg(Style::new(), |p| p.border),
            border_focused: fg(bold, |p| p.border_focused),
            title: bold,
            byline: fg(Style::new(), |p| p.caption),
            lead: italic,
            heading: fg(bold, |p| p.heading),
            quote: fg(italic, |p| p.quote),
            // Faint only without colour: a palette's colour is chosen to read on its
            // background, and terminals render faint text lighter still.
            caption: match palette {
                Some(p) => Style::new().fg(p.caption),
                None => Style::new().add_modifier(Modifier::DIM),
            },
            reference: fg(Style::new(), |p| p.caption),
            footnote: fg(Style::new().add_modifier(Modifier::UNDERLINED), |p| {
                p.footnote
            }),
            selected_row: selection_style(palette),
            selection: selection_style(palette),
            flash: match palette {
                Some(p) => Style::new()
                    .fg(Color::Black)
                    .bg(p.flash)
                    .add_modifier(Modifier::BOLD),
                None => Style::new()
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            },
            highlight: match palette {
                Some(_) => Style::new().fg(Color::Black).bg(Color::LightGreen),
                None => Style::new().add_modifier(Modifier::UNDERLINED | Modifier::ITALIC),
            },
            tags: Vec::new(),
            visual: match palette {
                Some(_) => Style::new()
                    .fg(Color::White)
                    .bg(Color::Blue)
                    .add_modifier(Modifier::BOLD),
                None => Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            },
            hit: match palette {
                Some(p) => Style::new().fg(Color::Black).bg(p.hit),
                None => Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            },
            match_chars: fg(
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                |p| p.matched,
            ),
            dim: match palette {
                Some(p) => Style::new().fg(p.dim),
                None => Style::new().add_modifier(Modifier::DIM),
            },
            status: match palette {
                Some(p) => Style::new().bg(p.status).fg(p.status_text),
                None => Style::new(),
            },
            status_key: fg(bold, |p| p.status_key),
            error: fg(bold, |p| p.error),
            unread: bold,
        }
    }

    /// The theme with the settings' tags, their colours as a terminal of `depth` shows them
    /// (without a palette every tag looks like a plain highlight).
    pub fn with_tags(mut self, tags: &[TagDef], depth: ColorDepth) -> Theme {
        self.tags = tags
            .iter()
            .map(|t| {
                let style = match self.palette {
                    Some(_) => Style::new().fg(Color::Black).bg(fit(t.color, depth)),
                    None => self.highlight,
                };
                (t.name.clone(), style)
            })
            .collect();
        self
    }

    /// The style of a highlight with `tags`: the colour of the first tag of the settings it
    /// carries, else the plain highlight's.
    pub fn tagged(&self, tags: &[String]) -> Style {
        self.tags
            .iter()
            .find(|(name, _)| tags.iter().any(|t| t.eq_ignore_ascii_case(name)))
            .map_or(self.highlight, |(_, style)| *style)
    }

    /// The style of a mention of an entity of `kind`.
    pub fn mention(&self, kind: EntityKind) -> Style {
        let underline = Style::new().add_modifier(Modifier::UNDERLINED);
        let Some(p) = &self.palette else {
            return underline;
        };
        let fg = match kind {
            EntityKind::Person => p.person,
            EntityKind::Country => p.country,
            EntityKind::City => p.city,
            EntityKind::Region => p.region,
            EntityKind::Place => p.place,
            EntityKind::Organisation => p.organisation,
            EntityKind::Event => p.event,
            EntityKind::Facility => p.facility,
            EntityKind::Document => p.document,
        };
        underline.fg(fg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(t: &Theme) -> Vec<Style> {
        let styles = [
            t.border,
            t.border_focused,
            t.title,
            t.byline,
            t.lead,
            t.heading,
            t.quote,
            t.caption,
            t.reference,
            t.footnote,
            t.selected_row,
            t.selection,
            t.flash,
            t.visual,
            t.hit,
            t.match_chars,
            t.dim,
            t.status,
            t.status_key,
            t.error,
            t.unread,
        ];
        styles
            .iter()
            .copied()
            .chain(EntityKind::ALL.iter().map(|&k| t.mention(k)))
            .collect()
    }

    #[test]
    fn no_color_theme_has_no_colours_at_all() {
        for s in all(&Theme::new(None)) {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
    }

    #[test]
    fn selection_and_flash_stand_out_without_colour() {
        let t = Theme::new(None);
        assert!(t.selection.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(t.flash, t.selection);
    }

    #[test]
    fn presets_differ_and_roles_can_be_set_by_name() {
        assert_ne!(Palette::dark(), Palette::light());
        let mut p = Palette::dark();
        assert!(p.set("person", Color::Red));
        assert!(!p.set("persn", Color::Red));
        assert_eq!(
            Theme::new(Some(&p)).mention(EntityKind::Person).fg,
            Some(Color::Red)
        );
        assert!(Palette::ROLES.contains(&"organisation"));
        assert!(
            Theme::new(Some(&p))
                .selection
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert!(p.set("selection", Color::Blue));
        assert_eq!(Theme::new(Some(&p)).selection.bg, Some(Color::Blue));
    }
}
