//! The on-disk index of an articles directory: SQLite with FTS5 under the cache directory,
//! one file per directory. `schema` owns the tables and versioning, `sync` keeps the index up
//! to date incrementally, `store` answers the `CorpusStore` questions from it.

pub mod schema;
pub mod store;
pub mod sync;

pub use store::SqliteStore;
pub use sync::{Progress, SyncReport};
