//! The on-disk index of an articles directory: SQLite with FTS5 under the cache directory,
//! one file per directory. `schema` owns the tables and versioning, `sync` decides what to
//! (re)read and keeps the index up to date, `write` reads files in parallel and writes them,
//! `store` answers the `CorpusStore` questions from it; `background` runs a sync on a thread of
//! its own while a reader shows what is committed.

pub mod background;
pub mod schema;
pub mod store;
pub mod sync;
pub mod write;

pub use store::SqliteStore;
pub use sync::{Progress, SyncReport};
