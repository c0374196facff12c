//! Popups over the panes: help (every binding, searchable) and the entity finder. At most one
//! is open; it takes the keyboard. The keys of a sequence typed so far (`pending`) show as a
//! popup of their own but never take the keyboard.

pub mod finder;
pub mod help;
pub mod pending;

use finder::Finder;
use help::Help;

/// The popup over the panes, if any.
#[derive(Clone, Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    Help(Help),
    Finder(Finder),
}
