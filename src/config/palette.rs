//! Colours by role: a dark and a light preset, one role settable by name (what `config.toml`'s
//! `[theme]` table writes). Values only: turning them into styles is the reader's `Theme`.

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
    border: Color::DarkGray, Color::Gray;
    border_focused: Color::Cyan, Color::Blue;
    // `reset` keeps the selection in reverse video; a colour makes it that background.
    selection: Color::Reset, Color::Reset;
    heading: Color::LightBlue, Color::Blue;
    quote: Color::LightYellow, Color::Rgb(120, 90, 0);
    caption: Color::Gray, Color::DarkGray;
    footnote: Color::LightCyan, Color::Rgb(0, 110, 130);
    dim: Color::DarkGray, Color::Gray;
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
    organisation: Color::LightBlue, Color::Blue;
    event: Color::LightRed, Color::Red;
    facility: Color::Yellow, Color::Rgb(140, 100, 0);
    document: Color::Magenta, Color::Rgb(120, 0, 120);
}
