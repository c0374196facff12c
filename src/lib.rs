//! dossier: a terminal reader for a collection of news articles.
//!
//! The library holds everything the binary does, so tests reach every part: `corpus` (files in,
//! linked articles out, no terminal types), `diag` (one error shape for every file read),
//! `config` (keymap and settings, nothing of the reader), `paths` (where the inputs come from),
//! `cli` (the scriptable commands), `text` (wrapping shared by the CLI and the reader) and `tui`
//! (the reader).

pub mod bundled;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod diag;
pub mod fsread;
pub mod fswrite;
pub mod import;
pub mod library;
pub mod load;
pub mod names;
pub mod paths;
pub mod shelf;
pub mod store;
pub mod suggest;
pub mod text;
pub mod tui;
pub mod userdata;
