//! The one handle the command line and the reader get: the store that holds the articles
//! (the SQLite index for a directory on disk, brought up to date on open, or opened as it is
//! and brought up to date by a background sync; the in-memory store for the bundled articles,
//! or when the index cannot be used) and what opening it reported.

use std::path::Path;

use crate::bundled;
use crate::corpus::Corpus;
use crate::corpus::files::Links;
use crate::diag::Diagnostic;
use crate::load::load_catalogue;
use crate::paths::{Inputs, Origin};
use crate::store::mem::MemStore;
use crate::store::sqlite::background::{BackgroundSync, Job};
use crate::store::sqlite::{Progress, SqliteStore, SyncReport};
use crate::store::{CorpusStore, StoreError};

/// The articles and what opening them found.
pub struct Library {
    store: Box<dyn CorpusStore>,
    inputs: Inputs,
    report: Option<SyncReport>,
    /// Files not indexed this time, and why the index could not be used (if so).
    warnings: Vec<Diagnostic>,
    /// What a sync of the index works on (`None` for an in-memory library).
    job: Option<Job>,
    /// Why the index could not be used, when it could not.
    unindexed: Option<Diagnostic>,
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
        let job = Job {
            dir: dir.clone(),
            cache_dir: cache_dir.to_path_buf(),
            catalogue: catalogue.clone(),
            links,
        };
        match SqliteStore::open(dir, cache_dir, catalogue.clone(), links, progress) {
            Ok((store, report, warnings)) => Ok(Library {
                store: Box::new(store),
                inputs: inputs.clone(),
                report: Some(report),
                warnings,
                job: Some(job),
                unindexed: None,
            }),
            Err(StoreError::Article(problem)) => Err(problem),
            Err(error) => Library::without_index(inputs, catalogue, cache_dir, &error),
        }
    }

    /// Opens the articles of `inputs` at once: a directory on disk through its index as it
    /// stands (created empty when there is none), not brought up to date (`background_sync`
    /// does that while the rows are shown). Without a cache directory, or when the index
    /// cannot be opened, every file is read into memory as `open` does.
    pub fn open_at_once(inputs: &Inputs, cache_dir: Option<&Path>) -> Result<Library, Diagnostic> {
        let catalogue = load_catalogue(&inputs.catalogue)?;
        let (Origin::Disk(dir, _), Some(cache_dir)) = (&inputs.articles, cache_dir) else {
            let corpus = crate::load::load_corpus_with(inputs, catalogue)?;
            return Ok(Library::in_memory(corpus, inputs.clone()));
        };
        let job = Job {
            dir: dir.clone(),
            cache_dir: cache_dir.to_path_buf(),
            catalogue: catalogue.clone(),
            links: if inputs.follow_links {
                Links::Follow
            } else {
                Links::StayInside
            },
        };
        // A missing or unreadable directory is said before the reader starts, as `open` says it.
        crate::corpus::files::open_article_dir(dir)?;
        match SqliteStore::open_at_once(dir, cache_dir, catalogue.clone()) {
            Ok(store) => Ok(Library {
                store: Box::new(store),
                inputs: inputs.clone(),
                report: None,
                warnings: Vec::new(),
                job: Some(job),
                unindexed: None,
            }),
            Err(error) => Library::without_index(inputs, catalogue, cache_dir, &error),
        }
    }

    /// Every file read into memory, with a warning saying why the index is not used.
    fn without_index(
        inputs: &Inputs,
        catalogue: crate::corpus::catalogue::Catalogue,
        cache_dir: &Path,
        error: &StoreError,
    ) -> Result<Library, Diagnostic> {
        let corpus = crate::load::load_corpus_with(inputs, catalogue)?;
        let mut library = Library::in_memory(corpus, inputs.clone());
        let problem = Diagnostic::warning(
            cache_dir.display().to_string(),
            None,
            format!("the index cannot be used, so every file is read: {error}"),
        );
        library.warnings.push(problem.clone());
        library.unindexed = Some(problem);
        Ok(library)
    }

    /// Starts bringing the index up to date on a thread of its own (`None` for an in-memory
    /// library, which is always up to date).
    pub fn background_sync(&self) -> Option<BackgroundSync> {
        self.job.clone().map(BackgroundSync::start)
    }

    /// Why the index could not be used (every file was read into memory instead).
    pub fn unindexed(&self) -> Option<&Diagnostic> {
        self.unindexed.as_ref()
    }

    /// Whether the articles come through an index that a sync brings up to date.
    pub fn syncs(&self) -> bool {
        self.job.is_some()
    }

    /// Opens the index again on a new connection (after a sync: the entities it added, no
    /// article kept from before the sync). An in-memory library stays as it is.
    pub fn reopen(&mut self) -> Result<(), StoreError> {
        if let Some(job) = &self.job {
            let store = SqliteStore::open_at_once(&job.dir, &job.cache_dir, job.catalogue.clone())?;
            self.store = Box::new(store);
        }
        Ok(())
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
            job: None,
            unindexed: None,
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
