//! The three panes, each owning its state and its `update`: the article list, the reading pane
//! (with its find) and the fact sidebar (with the rows it shows). A pane takes narrow inputs
//! and hands back what it cannot do itself; none of them knows the others or the app.

pub mod cursor;
pub mod facts;
pub mod find;
pub mod list;
pub mod open;
pub mod passages;
pub mod reader;
pub mod rows;
pub mod sidebar;
pub mod visual;
