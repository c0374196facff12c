//! Text quote anchors of annotations: the selector and its lookup live in the corpus
//! (`corpus::quote`), where the catalogue's mention overrides use the same code.

pub use crate::corpus::quote::{
    CONTEXT_CHARS, Location, Selector, Status, collapse_whitespace, locate,
};
