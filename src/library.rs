//! The one handle the command line and the reader get: the store that holds the articles
//! (the SQLite index for a directory on disk, brought up to date on open; the in-memory store
//! for the bundled articles, or when the index cannot be used) and what opening it reported.

use std::path::Path;

use crate::bundled;
use crate::corpus::Corpus;
use crate::corpus::files::Links;
use crate::diag::Diagnostic;
use crate::load::load_catalogue;
use crate::paths::{Inputs, Origin};
use crate::store::mem::MemStore;
use crate::store::sqlite::{Progress, SqliteStore, SyncReport};
use crate::store::{CorpusStore, StoreError};

/// The articles and what opening them found.
pub struct Library {
    store: Box<dyn CorpusStore>,
    inputs: Inputs,
    report: Option<SyncReport>,
    /// Files not indexed this time, and why the index could not be used (if so).
    warnings: Vec<Diagnostic>,
}

impl Library {
    /// Opens the articles of `inputs`. A directory on disk gets its index in `cache_dir`
    /// (synced first, reporting `progress`); without a cache directory, or when the index
    /// cannot be opened, every file is read into memory and a warning says why.
    pub fn open(
        inputs: &Inputs,
        cache_dir: Option<&Path>,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<Library, Diagnostic> {
        let catalogue = load_catalogue(&inputs.catalogue)?;
        let (Origin::Disk(dir, _), Some(cache_dir)) = (&inputs.articles, cache_dir) else {
            let corpus = crate::load::load_corpus_with(inputs, catalogue)?;
            return Ok(Library::in_memory(corpus, inputs.clone()));
        };
        let links = if inputs.follow_links {
            Links::Follow
        } else {
            Links::StayInside
        };
        match SqliteStore::open(dir, cache_dir, catalogue.clone(), links, progress) {
            Ok((store, report, warnings)) => Ok(Library {
                store: Box::new(store),
                inputs: inputs.clone(),
                report: Some(report),
                warnings,
            }),
            Err(StoreError::Article(problem)) => Err(problem),
            Err(error) => {
                let corpus = crate::load::load_corpus_with(inputs, catalogue)?;
                let mut library = Library::in_memory(corpus, inputs.clone());
                library.warnings.push(Diagnostic::warning(
                    cache_dir.display().to_string(),
                    None,
                    format!("the index cannot be used, so every file is read: {error}"),
                ));
                Ok(library)
            }
        }
    }

    /// A library over an already loaded corpus.
    pub fn in_memory(corpus: Corpus, inputs: Inputs) -> Library {
        // Articles that loaded with warnings (an unknown front matter field) say so once.
        let warnings = corpus.warnings.clone();
        Library {
            store: Box::new(MemStore::new(corpus)),
            inputs,
            report: None,
            warnings,
        }
    }

    /// The bundled articles and catalogue.
    pub fn bundled() -> Result<Library, Diagnostic> {
        let inputs = Inputs {
            articles: Origin::Bundled,
            catalogue: Origin::Bundled,
            keys: None,
            config: None,
            follow_links: false,
        };
        let catalogue = load_catalogue(&inputs.catalogue)?;
        let corpus = Corpus::build(bundled::article_files(), catalogue, Vec::new());
        Ok(Library::in_memory(corpus, inputs))
    }

    pub fn store(&self) -> &dyn CorpusStore {
        self.store.as_ref()
    }

    /// What bringing the index up to date did (`None` for an in-memory library).
    pub fn report(&self) -> Option<SyncReport> {
        self.report
    }

    /// Every warning to show before a command's output: skipped articles, files not indexed,
    /// an index that could not be used.
    pub fn warnings(&self) -> Result<Vec<Diagnostic>, StoreError> {
        let mut all = self.store.skipped()?;
        all.extend(self.warnings.iter().cloned());
        all.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(all)
    }

    /// Where the articles and the catalogue came from.
    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }
}
