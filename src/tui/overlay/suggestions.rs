//! The suggestions view: the names `dossier suggest` proposes (the same `Suggester`, fed the
//! same way), each with the kind it would be added as (which the user may change), counts,
//! forms and two example sentences. The articles are read a slice at a time, each slice
//! within a frame's time, so the reader answers keys while a large corpus is read; the
//! ranking then runs on a thread of its own. A view of one proposal is the card for words
//! selected in the text ("new entity from selection").
//!
//! Also the entity picker: the entity finder opened to choose the entity that words are
//! linked to, and what the choice is for.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::finder::Finder;
use crate::config::action::Action;
use crate::corpus::catalogue::EntityKind;
use crate::corpus::quote::Selector;
use crate::names::{Example, Suggester, Suggestion};
use crate::shelf::Shelf;

/// How long one slice of reading may take: well inside a frame.
pub const SLICE: Duration = Duration::from_millis(12);
/// How often a ranking under way is looked at.
const POLL: Duration = Duration::from_millis(30);

/// A proposed entity and the kind it would be added as.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub suggestion: Suggestion,
    pub kind: EntityKind,
}

/// Where the computation is.
enum Work {
    /// Waiting for the word list, decoded on a thread of its own.
    Warming(Box<Suggester>),
    /// Reading article `next` of the shelf's rows next.
    Reading {
        suggester: Box<Suggester>,
        next: usize,
    },
    /// Ranking on its own thread.
    Ranking(Receiver<Vec<Suggestion>>),
    Done,
}

/// The computation, shared by clones of the view (the popups are values).
#[derive(Clone)]
struct Shared(Rc<RefCell<Work>>);

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match &*self.0.borrow() {
            Work::Warming(_) => "loading the word list".to_string(),
            Work::Reading { next, .. } => format!("reading from {next}"),
            Work::Ranking(_) => "ranking".to_string(),
            Work::Done => "done".to_string(),
        };
        f.write_str(&state)
    }
}

/// Where the view is, for the progress line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// The word list is being loaded.
    Warming,
    /// `read` of `of` articles read.
    Reading {
        read: usize,
        of: usize,
    },
    Ranking,
    Ready,
}

#[derive(Clone, Debug)]
pub struct SuggestionsView {
    work: Shared,
    proposals: Vec<Proposal>,
    selected: usize,
    /// A card for selected words rather than the corpus's proposals.
    single: bool,
    /// How many proposals were settled (added, merged, ignored) here.
    settled: usize,
    /// A store error met while reading.
    error: Option<String>,
}

impl SuggestionsView {
    /// Starts reading the shelf's articles for proposals (once the word list is loaded).
    pub fn new(shelf: &Shelf) -> SuggestionsView {
        crate::names::words::load_in_background();
        let suggester = Box::new(Suggester::new(shelf.catalogue()));
        SuggestionsView {
            work: Shared(Rc::new(RefCell::new(Work::Warming(suggester)))),
            proposals: Vec::new(),
            selected: 0,
            single: false,
            settled: 0,
            error: None,
        }
    }

    /// The card of one proposal (words selected in the text), ready at once.
    pub fn single(proposal: Proposal) -> SuggestionsView {
        SuggestionsView {
            work: Shared(Rc::new(RefCell::new(Work::Done))),
            proposals: vec![proposal],
            selected: 0,
            single: true,
            settled: 0,
            error: None,
        }
    }

    pub fn is_single(&self) -> bool {
        self.single
    }

    pub fn proposals(&self) -> &[Proposal] {
        &self.proposals
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn chosen(&self) -> Option<&Proposal> {
        self.proposals.get(self.selected)
    }

    pub fn settled(&self) -> usize {
        self.settled
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    pub fn progress(&self, shelf: &Shelf) -> Progress {
        match &*self.work.0.borrow() {
            Work::Warming(_) => Progress::Warming,
            Work::Reading { next, .. } => Progress::Reading {
                read: *next,
                of: shelf.len(),
            },
            Work::Ranking(_) => Progress::Ranking,
            Work::Done => Progress::Ready,
        }
    }

    pub fn is_ready(&self) -> bool {
        matches!(&*self.work.0.borrow(), Work::Done)
    }

    /// Does the next piece of work (reading articles for at most `budget`, at least one, or
    /// looking whether the ranking is done); whether anything shown changed.
    pub fn step(&mut self, shelf: &Shelf, budget: Duration) -> bool {
        let started = Instant::now();
        let mut work = self.work.0.borrow_mut();
        match &mut *work {
            Work::Warming(_) => {
                if !crate::names::words::loaded() {
                    return false;
                }
                if let Work::Warming(suggester) = std::mem::replace(&mut *work, Work::Done) {
                    *work = Work::Reading { suggester, next: 0 };
                }
                true
            }
            Work::Reading { suggester, next } => {
                let store = shelf.library().store();
                let first = *next;
                while *next < shelf.len() && (*next == first || started.elapsed() < budget) {
                    if let Some(row) = shelf.order().get(*next).and_then(|&id| shelf.row(id)) {
                        match store.article(row.key.as_str()) {
                            Ok(Some(linked)) => {
                                suggester.add_article(&linked.article, &linked.mentions)
                            }
                            Ok(None) => {}
                            Err(e) => self.error = Some(e.to_string()),
                        }
                    }
                    *next += 1;
                }
                if *next >= shelf.len()
                    && let Work::Reading { suggester, .. } =
                        std::mem::replace(&mut *work, Work::Done)
                {
                    let (send, receive) = std::sync::mpsc::channel();
                    let spawned = std::thread::Builder::new()
                        .name("suggestions".to_string())
                        .spawn(move || {
                            // The view may be gone meanwhile: nobody to tell then.
                            let _ = send.send(suggester.finish(None));
                        });
                    match spawned {
                        Ok(_) => *work = Work::Ranking(receive),
                        Err(e) => self.error = Some(format!("cannot rank the names: {e}")),
                    }
                }
                true
            }
            Work::Ranking(receive) => match receive.try_recv() {
                Ok(list) => {
                    self.proposals = list
                        .into_iter()
                        .map(|suggestion| Proposal {
                            kind: suggestion.kind,
                            suggestion,
                        })
                        .collect();
                    *work = Work::Done;
                    true
                }
                Err(TryRecvError::Empty) => false,
                Err(TryRecvError::Disconnected) => {
                    self.error = Some("ranking the names failed".to_string());
                    *work = Work::Done;
                    true
                }
            },
            Work::Done => false,
        }
    }

    /// When the next piece of work is due, while there is work.
    pub fn deadline(&self, now: Instant) -> Option<Instant> {
        match &*self.work.0.borrow() {
            Work::Reading { .. } => Some(now),
            Work::Warming(_) | Work::Ranking(_) => Some(now + POLL),
            Work::Done => None,
        }
    }

    /// Moves the selection.
    pub fn update(&mut self, action: Action) {
        self.selected =
            super::selection::step_selection(self.selected, self.proposals.len(), action);
    }

    /// The kind the selected proposal would be added as: the next one.
    pub fn cycle_kind(&mut self) -> Option<EntityKind> {
        let p = self.proposals.get_mut(self.selected)?;
        let at = EntityKind::ALL
            .iter()
            .position(|&k| k == p.kind)
            .unwrap_or(0);
        p.kind = EntityKind::ALL[(at + 1) % EntityKind::ALL.len()];
        Some(p.kind)
    }

    /// The proposal named `name` is settled: it leaves the list.
    pub fn settle_proposal(&mut self, name: &str) {
        let before = self.proposals.len();
        self.proposals.retain(|p| p.suggestion.name != name);
        self.settled += before - self.proposals.len();
        self.settle();
    }

    pub fn settle(&mut self) {
        self.selected = self.selected.min(self.proposals.len().saturating_sub(1));
    }
}

/// A proposal for words selected in the text: `name`, found by `suggestion` where the
/// suggester proposes it (its kind, forms, counts and examples), else with the sentence it
/// stands in as its example.
pub fn proposal_for(name: &str, found: Option<Suggestion>, example: Example) -> Proposal {
    let suggestion = found.unwrap_or_else(|| Suggestion {
        name: name.to_string(),
        aliases: Vec::new(),
        kind: EntityKind::Person,
        mentions: 1,
        articles: vec![example.article.clone()],
        examples: vec![example],
        first: (String::new(), crate::diag::Position { line: 1, col: 1 }),
        score: 0.0,
        confidence: 0.0,
    });
    Proposal {
        kind: suggestion.kind,
        suggestion: Suggestion {
            name: name.to_string(),
            ..suggestion
        },
    }
}

/// What the entity picked in the picker is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// The forms become aliases of the entity (everywhere); `settles` names the proposal of
    /// the suggestions view this merges.
    Alias {
        forms: Vec<String>,
        settles: Option<String>,
    },
    /// The words at this place name the entity, only here (an override).
    Here {
        article: String,
        part: crate::corpus::overrides::Part,
        quote: Selector,
    },
}

/// The entity finder, opened to pick the entity words are linked to.
#[derive(Clone, Debug)]
pub struct Picker {
    pub finder: Finder,
    pub purpose: Purpose,
    /// The suggestions view it was opened from, shown again afterwards.
    pub return_to: Option<Box<SuggestionsView>>,
}

impl Picker {
    /// The popup's title: what picking does.
    pub fn title(&self) -> String {
        let short = |text: &str| crate::text::truncate(text, 30);
        match &self.purpose {
            Purpose::Alias { forms, .. } => format!(
                "Link `{}` everywhere to",
                short(forms.first().map_or("", String::as_str))
            ),
            Purpose::Here { quote, .. } => format!("Link `{}` here to", short(&quote.exact)),
        }
    }
}
