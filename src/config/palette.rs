//! Colours by role: a dark and a light preset, one role settable by name (what `config.toml`'s
//! `[theme]` table writes), and the palette brought down to what the terminal can show (24-bit
//! only where `COLORTERM` says so, else the nearest of 256 or 16). Values only: turning them
//! into styles is the reader's `Theme`.

use ratatui::style::Color;

macro_rules! palette {
    ($($role:ident: $dark:expr, $light:expr;)*) => {
        /// A colour for every role.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct Palette {
            $(pub $role: Color,)*
        }

        impl Palette {
            /// Every role's name, as written in config.toml.
            pub const ROLES: &'static [&'static str] = &[$(stringify!($role),)*];

            pub fn dark() -> Palette {
                Palette { $($role: $dark,)* }
            }

            pub fn light() -> Palette {
                Palette { $($role: $light,)* }
            }

            /// One role's colour by name.
            pub fn get(&self, role: &str) -> Option<Color> {
                match role {
                    $(stringify!($role) => Some(self.$role),)*
                    _ => None,
                }
            }

            /// Sets one role by name; false when there is no such role.
            pub fn set(&mut self, role: &str, color: Color) -> bool {
                match role {
                    $(stringify!($role) => { self.$role = color; true })*
                    _ => false,
                }
            }
        }
    };
}

palette! {
    // Every foreground role reads at 4.5:1 or more on its preset's background (borders 3:1),
    // as the contrast test computes with xterm's values for the 16 named colours.
    border: Color::DarkGray, Color::Rgb(140, 140, 140);
    border_focused: Color::Cyan, Color::Blue;
    // `reset` keeps the selection in reverse video; a colour makes it that background.
    selection: Color::Reset, Color::Reset;
    heading: Color::Rgb(120, 160, 255), Color::Blue;
    quote: Color::LightYellow, Color::Rgb(120, 90, 0);
    caption: Color::Gray, Color::Rgb(90, 90, 90);
    footnote: Color::LightCyan, Color::Rgb(0, 110, 130);
    dim: Color::Rgb(150, 150, 150), Color::Rgb(100, 100, 100);
    flash: Color::Yellow, Color::Rgb(255, 200, 0);
    hit: Color::LightYellow, Color::Rgb(255, 240, 150);
    matched: Color::LightYellow, Color::Rgb(170, 60, 0);
    status: Color::Rgb(30, 30, 40), Color::Rgb(225, 225, 230);
    status_text: Color::Gray, Color::Black;
    status_key: Color::Cyan, Color::Blue;
    error: Color::LightRed, Color::Red;
    person: Color::LightMagenta, Color::Magenta;
    country: Color::LightGreen, Color::Rgb(0, 120, 0);
    city: Color::Green, Color::Rgb(0, 100, 60);
    region: Color::Cyan, Color::Rgb(0, 110, 130);
    place: Color::Cyan, Color::Rgb(0, 110, 130);
    organisation: Color::Rgb(120, 160, 255), Color::Blue;
    event: Color::LightRed, Color::Red;
    facility: Color::Yellow, Color::Rgb(140, 100, 0);
    document: Color::Rgb(215, 95, 215), Color::Rgb(120, 0, 120);
}

/// How many colours the terminal shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorDepth {
    /// 24-bit colour (`COLORTERM=truecolor` or `24bit`).
    TrueColor,
    /// The xterm 256-colour palette (a `TERM` ending in `256color`).
    #[default]
    Ansi256,
    /// The 16 named colours.
    Ansi16,
}

impl ColorDepth {
    /// From the values of `COLORTERM` and `TERM`: 24-bit only where `COLORTERM` says so.
    pub fn from_env(colorterm: Option<&str>, term: Option<&str>) -> ColorDepth {
        let colorterm = colorterm.unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            ColorDepth::TrueColor
        } else if term.is_some_and(|t| t.contains("256col")) || !colorterm.is_empty() {
            ColorDepth::Ansi256
        } else {
            ColorDepth::Ansi16
        }
    }
}

/// The 16 named colours as xterm shows them by default.
const NAMED: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

/// The levels of the 6×6×6 colour cube of the 256-colour palette.
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// A colour's red, green and blue as xterm shows it; None for the terminal's default.
pub fn rgb(color: Color) -> Option<(u8, u8, u8)> {
    match color {
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i) if i < 16 => Some(NAMED[usize::from(i)].1),
        Color::Indexed(i) if i < 232 => {
            let i = usize::from(i - 16);
            Some((CUBE[i / 36], CUBE[i / 6 % 6], CUBE[i % 6]))
        }
        Color::Indexed(i) => {
            let level = 8 + 10 * (i - 232);
            Some((level, level, level))
        }
        Color::Reset => None,
        named => NAMED.iter().find(|(c, _)| *c == named).map(|(_, rgb)| *rgb),
    }
}

fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).unsigned_abs();
    // Weighted roughly by how much each channel adds to brightness.
    3 * d(a.0, b.0).pow(2) + 4 * d(a.1, b.1).pow(2) + 2 * d(a.2, b.2).pow(2)
}

/// `color` as the terminal of `depth` can show it: 24-bit colours become the nearest of the
/// 256 (cube and greys) or of the 16 named ones; named and indexed colours stay.
pub fn fit(color: Color, depth: ColorDepth) -> Color {
    let Color::Rgb(r, g, b) = color else {
        return color;
    };
    let want = (r, g, b);
    match depth {
        ColorDepth::TrueColor => color,
        ColorDepth::Ansi256 => (16..=255u8)
            .min_by_key(|&i| rgb(Color::Indexed(i)).map_or(u32::MAX, |c| distance(c, want)))
            .map_or(color, Color::Indexed),
        ColorDepth::Ansi16 => NAMED
            .iter()
            .min_by_key(|(_, c)| distance(*c, want))
            .map_or(color, |(named, _)| *named),
    }
}

impl Palette {
    /// The palette as a terminal of `depth` shows it.
    pub fn fitted(&self, depth: ColorDepth) -> Palette {
        let mut fitted = self.clone();
        for role in Palette::ROLES {
            if let Some(color) = self.get(role) {
                fitted.set(role, fit(color, depth));
            }
        }
        fitted
    }
}

/// WCAG relative luminance of a colour (xterm's values for named ones).
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white).
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: (u8, u8, u8) = (255, 255, 255);
    const BLACK: (u8, u8, u8) = (0, 0, 0);

    /// Roles drawn as text on the pane background (borders and backgrounds apart).
    const TEXT_ROLES: &[&str] = &[
        "border_focused",
        "heading",
        "quote",
        "caption",
        "footnote",
        "dim",
        "matched",
        "error",
        "person",
        "country",
        "city",
        "region",
        "place",
        "organisation",
        "event",
        "facility",
        "document",
    ];

    fn check(palette: &Palette, background: (u8, u8, u8), name: &str) {
        let rgb_of = |role: &str| palette.get(role).and_then(rgb).unwrap_or(background);
        for role in TEXT_ROLES {
            let ratio = contrast(rgb_of(role), background);
            assert!(ratio >= 4.5, "{name}: {role} is {ratio:.2}:1");
        }
        let border = contrast(rgb_of("border"), background);
        assert!(border >= 3.0, "{name}: border is {border:.2}:1");
        // The status bar's text and keys on its own background.
        for role in ["status_text", "status_key"] {
            let ratio = contrast(rgb_of(role), rgb_of("status"));
            assert!(ratio >= 4.5, "{name}: {role} on status is {ratio:.2}:1");
        }
        // Hits and the flash are black text on their colour.
        for role in ["hit", "flash"] {
            let ratio = contrast(BLACK, rgb_of(role));
            assert!(ratio >= 4.5, "{name}: black on {role} is {ratio:.2}:1");
        }
    }

    #[test]
    fn every_role_of_the_light_preset_is_legible_on_white() {
        for depth in [ColorDepth::TrueColor, ColorDepth::Ansi256] {
            check(
                &Palette::light().fitted(depth),
                WHITE,
                &format!("light {depth:?}"),
            );
        }
    }

    #[test]
    fn every_role_of_the_dark_preset_is_legible_on_black() {
        for depth in [ColorDepth::TrueColor, ColorDepth::Ansi256] {
            check(
                &Palette::dark().fitted(depth),
                BLACK,
                &format!("dark {depth:?}"),
            );
        }
    }

    #[test]
    fn the_contrast_check_can_fail() {
        // Light grey on white, what the light preset used to draw dates with.
        assert!(contrast((229, 229, 229), WHITE) < 1.5);
        assert!((contrast(BLACK, WHITE) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn truecolor_only_where_colorterm_says_so() {
        assert_eq!(
            ColorDepth::from_env(Some("truecolor"), None),
            ColorDepth::TrueColor
        );
        assert_eq!(
            ColorDepth::from_env(Some("24bit"), Some("xterm")),
            ColorDepth::TrueColor
        );
        assert_eq!(
            ColorDepth::from_env(None, Some("xterm-256color")),
            ColorDepth::Ansi256
        );
        assert_eq!(
            ColorDepth::from_env(None, Some("xterm")),
            ColorDepth::Ansi16
        );
        assert_eq!(ColorDepth::from_env(None, None), ColorDepth::Ansi16);
    }

    #[test]
    fn fitted_palettes_hold_no_24_bit_colour() {
        for palette in [Palette::dark(), Palette::light()] {
            for depth in [ColorDepth::Ansi256, ColorDepth::Ansi16] {
                let fitted = palette.fitted(depth);
                for role in Palette::ROLES {
                    let color = fitted.get(role).unwrap();
                    assert!(
                        !matches!(color, Color::Rgb(..)),
                        "{role} {depth:?}: {color:?}"
                    );
                    if depth == ColorDepth::Ansi16 {
                        assert!(!matches!(color, Color::Indexed(_)), "{role}: {color:?}");
                    }
                }
            }
        }
        assert_eq!(
            fit(Color::Rgb(0, 0, 0), ColorDepth::Ansi256),
            Color::Indexed(16)
        );
        assert_eq!(
            fit(Color::Rgb(250, 0, 0), ColorDepth::Ansi16),
            Color::LightRed
        );
    }
}
