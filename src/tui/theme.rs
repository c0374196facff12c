//! Colours and modifiers: one style per role (entity kind, selection, borders, …).
//!
//! With `NO_COLOR` set every style keeps only modifiers (bold, italic, underline, reverse), so
//! the screen stays readable without colour.

use ratatui::style::{Color, Modifier, Style};

use crate::corpus::catalogue::EntityKind;

/// Every style the reader uses.
#[derive(Clone, Debug)]
pub struct Theme {
    pub color: bool,
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
    pub hit: Style,
    pub match_chars: Style,
    pub dim: Style,
    pub status: Style,
    pub status_key: Style,
    pub error: Style,
    pub unread: Style,
}

impl Theme {
    /// The dark default, or modifiers only when `color` is false.
    pub fn new(color: bool) -> Theme {
        let c = |style: Style, fg: Color| if color { style.fg(fg) } else { style };
        Theme {
            color,
            border: c(Style::new(), Color::DarkGray),
            border_focused: c(Style::new().add_modifier(Modifier::BOLD), Color::Cyan),
            title: Style::new().add_modifier(Modifier::BOLD),
            byline: c(Style::new(), Color::Gray),
            lead: Style::new().add_modifier(Modifier::ITALIC),
            heading: c(Style::new().add_modifier(Modifier::BOLD), Color::LightBlue),
            quote: c(
                Style::new().add_modifier(Modifier::ITALIC),
                Color::LightYellow,
            ),
            caption: c(Style::new().add_modifier(Modifier::DIM), Color::Gray),
            reference: c(Style::new(), Color::Gray),
            footnote: c(
                Style::new().add_modifier(Modifier::UNDERLINED),
                Color::LightCyan,
            ),
            selected_row: Style::new().add_modifier(Modifier::REVERSED),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            flash: if color {
                Style::new()
                    .fg(Color::Black)
                    .bg(Color::Yellow)
                    .add_modifier(Modifier::BOLD)
            } else {
                Style::new()
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
            },
            hit: if color {
                Style::new().fg(Color::Black).bg(Color::LightYellow)
            } else {
                Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
            },
            match_chars: c(
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                Color::LightYellow,
            ),
            dim: c(Style::new().add_modifier(Modifier::DIM), Color::DarkGray),
            status: if color {
                Style::new().bg(Color::Rgb(30, 30, 40)).fg(Color::Gray)
            } else {
                Style::new()
            },
            status_key: c(Style::new().add_modifier(Modifier::BOLD), Color::Cyan),
            error: c(Style::new().add_modifier(Modifier::BOLD), Color::LightRed),
            unread: Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// The style of a mention of an entity of `kind`.
    pub fn mention(&self, kind: EntityKind) -> Style {
        let underline = Style::new().add_modifier(Modifier::UNDERLINED);
        if !self.color {
            return underline;
        }
        let fg = match kind {
            EntityKind::Person => Color::LightMagenta,
            EntityKind::Country => Color::LightGreen,
            EntityKind::City => Color::Green,
            EntityKind::Region | EntityKind::Place => Color::Cyan,
            EntityKind::Organisation => Color::LightBlue,
            EntityKind::Event => Color::LightRed,
            EntityKind::Facility => Color::Yellow,
            EntityKind::Document => Color::Magenta,
        };
        underline.fg(fg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_theme_has_no_colours_at_all() {
        let t = Theme::new(false);
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
            t.hit,
            t.match_chars,
            t.dim,
            t.status,
            t.status_key,
            t.error,
            t.unread,
        ];
        for s in styles
            .iter()
            .copied()
            .chain(EntityKind::ALL.iter().map(|&k| t.mention(k)))
        {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
    }

    #[test]
    fn selection_and_flash_stand_out_without_colour() {
        let t = Theme::new(false);
        assert!(t.selection.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(t.flash, t.selection);
    }
}
