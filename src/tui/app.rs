//! The reader's whole state and every change to it: `handle_key`, `handle_mouse`, `resize`,
//! `tick` and `update(Action)`. Drawing reads this state and changes nothing.
//!
//! Invariants kept after every call: the list selection is inside the list, the scroll is
//! inside the article, the sidebar selection points at a selectable row.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::time::{Duration, Instant};

use ratatui::layout::Rect;

use super::layout::ArticleLayout;
pub use super::nav::Target;
use super::nav::{History, Location};
use super::panes::{self, Panes};
use super::sidebar::{self, Item, Row, Subject};
use super::state::Remembered;
use super::theme::Theme;
use crate::config::action::Action;
use crate::config::key::Key;
use crate::config::keymap::{Context, Keymap, Lookup};
use crate::config::settings::Options;
use crate::corpus::Corpus;
use crate::corpus::fold::fold;
use crate::corpus::ids::{ArticleId, ArticleKey, EntityId, MentionId};
use crate::corpus::linker::Mention;
use crate::corpus::search::{Hit, SearchIndex};

/// How long a jump target stays highlighted.
pub const FLASH: Duration = Duration::from_millis(1200);

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Sidebar,
}

impl Focus {
    pub fn name(self) -> &'static str {
        match self {
            Focus::List => "list",
            Focus::Reader => "reader",
            Focus::Sidebar => "sidebar",
        }
    }
}

/// A text prompt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prompt {
    pub text: String,
}

impl Prompt {
    fn edit(&mut self, action: Action) -> bool {
        match action {
            Action::DeleteChar => self.text.pop().is_some(),
            Action::DeleteWord => {
                let trimmed = self.text.trim_end().len();
                let cut = self.text[..trimmed]
                    .rfind(char::is_whitespace)
                    .map_or(0, |i| i + 1);
                let changed = cut != self.text.len();
                self.text.truncate(cut);
                changed
            }
            Action::ClearInput => {
                let changed = !self.text.is_empty();
                self.text.clear();
                changed
            }
            _ => false,
        }
    }
}

/// The article list and its filter.
#[derive(Clone, Debug, Default)]
pub struct ListView {
    pub filter: Prompt,
    /// Whether the filter prompt has the keyboard.
    pub prompt: bool,
    pub hits: Vec<Hit>,
    pub selected: usize,
    pub offset: usize,
}

/// The in-article search.
#[derive(Clone, Debug, Default)]
pub struct FindView {
    pub query: Prompt,
    pub prompt: bool,
    /// (block, byte range) of every hit, in order.
    pub hits: Vec<(usize, Range<usize>)>,
    pub current: Option<usize>,
}

/// The open article.
#[derive(Clone, Debug)]
pub struct ReaderView {
    pub article: ArticleId,
    pub layout: Rc<ArticleLayout>,
    pub scroll: usize,
    pub target: Option<Target>,
    /// A spot highlighted after a jump: (block, byte range), until `flash_until`.
    pub flash: Option<(usize, Range<usize>)>,
    pub flash_until: Option<Instant>,
    pub find: FindView,
}

/// The fact sidebar.
#[derive(Clone, Debug, Default)]
pub struct SidebarView {
    pub subject: Option<Subject>,
    /// Chosen in the entity finder: stays until the reader selects a mention or opens an article.
    pub pinned: bool,
    pub rows: Vec<Row>,
    pub selected: Option<usize>,
    pub scroll: usize,
    built_for: Option<(Option<Subject>, Option<ArticleId>, usize)>,
}

/// Help: a searchable list of every binding.
#[derive(Clone, Debug, Default)]
pub struct HelpView {
    pub query: Prompt,
    pub scroll: usize,
}

/// The entity finder.
#[derive(Clone, Debug, Default)]
pub struct FinderView {
    pub query: Prompt,
    pub matches: Vec<(EntityId, i64)>,
    pub selected: usize,
}

/// A popup over the panes.
#[derive(Clone, Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    Help(HelpView),
    Finder(FinderView),
}

/// The whole reader.
pub struct App {
    pub corpus: Corpus,
    pub search: SearchIndex,
    pub keymap: Keymap,
    pub theme: Theme,
    pub options: Options,
    pub size: (u16, u16),
    pub focus: Focus,
    pub overlay: Overlay,
    pub list: ListView,
    pub reader: Option<ReaderView>,
    pub sidebar: SidebarView,
    pub history: History,
    /// Keys of a sequence typed so far.
    pub pending: Vec<Key>,
    pub mouse: bool,
    pub sidebar_wanted: bool,
    /// One line for the status bar: (message, is_error).
    pub message: Option<(String, bool)>,
    pub remembered: HashMap<ArticleKey, Remembered>,
    pub quit: bool,
    pub suspend: bool,
    pub clear_screen: bool,
    layouts: HashMap<(ArticleId, usize), Rc<ArticleLayout>>,
}

impl App {
    pub fn new(corpus: Corpus, keymap: Keymap, options: Options, size: (u16, u16)) -> App {
        let search = SearchIndex::new(&corpus);
        let hits = search.search(&corpus, "");
        let mut app = App {
            theme: Theme::new(options.palette.as_ref()),
            mouse: options.mouse,
            sidebar_wanted: options.sidebar,
            corpus,
            search,
            keymap,
            options,
            size,
            focus: Focus::List,
            overlay: Overlay::None,
            list: ListView {
                hits,
                ..ListView::default()
            },
            reader: None,
            sidebar: SidebarView::default(),
            history: History::default(),
            pending: Vec::new(),
            message: None,
            remembered: HashMap::new(),
            quit: false,
            suspend: false,
            clear_screen: false,
            layouts: HashMap::new(),
        };
        app.refresh_sidebar();
        app
    }

    /// Restores remembered positions and opens the last article (without recording a jump).
    pub fn restore(&mut self, remembered: HashMap<ArticleKey, Remembered>, last: Option<&str>) {
        self.remembered = remembered;
        if let Some(a) = last.and_then(|key| self.corpus.article_id(key)) {
            if let Some(pos) = self.list.hits.iter().position(|h| h.article == a) {
                self.list.selected = pos;
            }
            self.open_article(a, None);
            self.focus = Focus::Reader;
        }
        self.settle();
    }

    /// Puts new settings in force (after the settings file changed).
    pub fn apply_options(&mut self, options: Options) {
        self.theme = Theme::new(options.palette.as_ref());
        self.sidebar_wanted = options.sidebar;
        self.mouse = options.mouse;
        let relayout = options.max_width != self.options.max_width
            || options.hyphenate != self.options.hyphenate;
        self.options = options;
        if relayout {
            self.layouts.clear();
            if let Some(r) = &self.reader {
                // Force a new layout at the same place.
                let top = r.layout.block_at(r.scroll);
                let article = r.article;
                if let Some(layout) = self.layout_for(article)
                    && let Some(r) = self.reader.as_mut()
                {
                    r.scroll = top.map_or(0, |b| layout.first_line_of(b));
                    r.layout = layout;
                }
            }
        }
        let (w, h) = self.size;
        self.resize(w, h);
    }

    // ----- geometry -----------------------------------------------------------------------

    pub fn panes(&self) -> Panes {
        Panes::compute(
            Rect::new(0, 0, self.size.0, self.size.1),
            self.sidebar_wanted,
            self.options.sidebar_width,
        )
    }

    /// Text column start and width of the reading pane.
    pub fn reader_text_area(&self) -> (u16, usize) {
        let inner = panes::inner(self.panes().reader);
        let available = usize::from(inner.width).saturating_sub(2);
        let width = available.min(self.options.max_width).max(8);
        (inner.x + 1, width)
    }

    pub fn reader_height(&self) -> usize {
        let inner = panes::inner(self.panes().reader);
        let find_line = self.reader.as_ref().is_some_and(|r| r.find.prompt);
        usize::from(inner.height)
            .saturating_sub(usize::from(find_line))
            .max(1)
    }

    /// How many articles the list shows at once.
    pub fn list_height(&self) -> usize {
        let inner = panes::inner(self.panes().list);
        let prompt = self.list.prompt || !self.list.filter.text.is_empty();
        (usize::from(inner.height).saturating_sub(usize::from(prompt))
            / super::ui::LIST_ROWS_PER_ITEM)
            .max(1)
    }

    pub fn sidebar_height(&self) -> usize {
        self.panes()
            .sidebar
            .map_or(1, |r| usize::from(panes::inner(r).height).max(1))
    }

    fn sidebar_columns(&self) -> usize {
        self.panes()
            .sidebar
            .map_or(usize::from(self.options.sidebar_width), |r| {
                usize::from(panes::inner(r).width)
            })
            .saturating_sub(1)
            .max(10)
    }

    /// The terminal changed size: wrap again, keep the same place in the article.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        if let Some(r) = &self.reader {
            let top = r.layout.block_at(r.scroll);
            let (_, text_width) = self.reader_text_area();
            if r.layout.width != text_width {
                let article = r.article;
                if let Some(layout) = self.layout_for(article)
                    && let Some(r) = self.reader.as_mut()
                {
                    r.scroll = top.map_or(0, |b| layout.first_line_of(b));
                    r.layout = layout;
                }
            }
        }
        self.settle();
    }

    fn layout_for(&mut self, article: ArticleId) -> Option<Rc<ArticleLayout>> {
        let (_, width) = self.reader_text_area();
        let hyphenate = self.options.hyphenate;
        let text = self.corpus.article(article)?;
        if self.layouts.len() > 64 {
            self.layouts.clear();
        }
        Some(
            self.layouts
                .entry((article, width))
                .or_insert_with(|| Rc::new(ArticleLayout::new(text, article, width, hyphenate)))
                .clone(),
        )
    }

    // ----- input --------------------------------------------------------------------------

    /// The keymap context that gets the next key.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Overlay::Help(_) => return Context::Help,
            Overlay::Finder(_) => return Context::Finder,
            Overlay::None => {}
        }
        if self.list.prompt {
            return Context::Filter;
        }
        if self.reader.as_ref().is_some_and(|r| r.find.prompt) {
            return Context::Find;
        }
        match self.focus {
            Focus::List => Context::List,
            Focus::Reader => Context::Reader,
            Focus::Sidebar => Context::Sidebar,
        }
    }

    /// One key press.
    pub fn handle_key(&mut self, key: Key) {
        self.message = None;
        self.pending.push(key);
        match self.keymap.lookup(self.context(), &self.pending) {
            Lookup::Action(action) => {
                self.pending.clear();
                self.update(action);
            }
            Lookup::Pending(_) => {}
            Lookup::Unbound => {
                let typed = (self.pending.len() == 1)
                    .then(|| key.typed_char())
                    .flatten();
                let was_sequence = self.pending.len() > 1;
                self.pending.clear();
                if let Some(c) = typed {
                    self.type_char(c);
                } else if was_sequence {
                    self.message = Some(("no such key sequence".to_string(), true));
                }
                self.settle();
            }
        }
    }

    /// Presses keys given as key strings separated by spaces ("j j enter ] ctrl-o"); for
    /// tests and scripted sessions. Text for a prompt is typed one key per character.
    pub fn press(&mut self, keys: &str) -> Result<(), String> {
        for key in keys.split(' ').filter(|k| !k.is_empty()) {
            let key = crate::config::key::parse_key(key)?;
            self.handle_key(key);
        }
        Ok(())
    }

    /// Types `text` into whatever prompt is open, one key per character.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.handle_key(Key::plain(c));
        }
    }

    fn type_char(&mut self, c: char) {
        match &mut self.overlay {
            Overlay::Help(help) => {
                help.query.text.push(c);
                help.scroll = 0;
                return;
            }
            Overlay::Finder(finder) => {
                finder.query.text.push(c);
                self.refresh_finder();
                return;
            }
            Overlay::None => {}
        }
        if self.list.prompt {
            self.list.filter.text.push(c);
            self.refresh_filter(true);
        } else if let Some(r) = self.reader.as_mut().filter(|r| r.find.prompt) {
            r.find.query.text.push(c);
            self.refresh_find();
        }
    }

    /// Runs one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = match self.overlay {
                    Overlay::Help(_) => Overlay::None,
                    _ => Overlay::Help(HelpView::default()),
                }
            }
            Action::Filter => {
                self.overlay = Overlay::None;
                self.focus = Focus::List;
                self.list.prompt = true;
            }
            Action::FindEntity => {
                self.overlay = Overlay::Finder(FinderView::default());
                self.refresh_finder();
            }
            Action::FindInArticle => {
                if let Some(r) = self.reader.as_mut() {
                    self.overlay = Overlay::None;
                    self.focus = Focus::Reader;
                    r.find.prompt = true;
                } else {
                    self.message = Some(("open an article first".to_string(), true));
                }
            }
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::FocusList => self.focus = Focus::List,
            Action::FocusReader => self.focus = Focus::Reader,
            Action::FocusSidebar => {
                if self.panes().sidebar.is_some() {
                    self.focus = Focus::Sidebar;
                }
            }
            Action::Back => self.go_back(),
            Action::Forward => self.go_forward(),
            Action::ToggleSidebar => {
                self.sidebar_wanted = !self.sidebar_wanted;
                let (w, h) = self.size;
                self.resize(w, h);
            }
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                let state = if self.mouse {
                    "on"
                } else {
                    "off: select text with the mouse"
                };
                self.message = Some((format!("mouse capture {state}"), false));
            }
            Action::Suspend => self.suspend = true,
            Action::Redraw => self.clear_screen = true,
            Action::Cancel => self.cancel(),
            Action::Accept => self.accept(),
            Action::DeleteChar | Action::DeleteWord | Action::ClearInput => {
                self.edit_prompt(action)
            }
            Action::None => {}
            _ => match self.context() {
                Context::Help => self.help_motion(action),
                Context::Finder => self.finder_motion(action),
                Context::Filter | Context::List => self.list_action(action),
                Context::Reader | Context::Find => self.reader_action(action),
                Context::Sidebar => self.sidebar_action(action),
                Context::Global => {}
            },
        }
        self.settle();
    }

    fn cycle_focus(&mut self, step: isize) {
        let mut order = vec![Focus::List, Focus::Reader];
        if self.panes().sidebar.is_some() {
            order.push(Focus::Sidebar);
        }
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let next = (at + step).rem_euclid(order.len() as isize) as usize;
        self.focus = order[next];
    }

    fn cancel(&mut self) {
        match &mut self.overlay {
            Overlay::Help(help) => {
                if help.query.text.is_empty() {
                    self.overlay = Overlay::None;
                } else {
                    help.query.text.clear();
                }
                return;
            }
            Overlay::Finder(_) => {
                self.overlay = Overlay::None;
                return;
            }
            Overlay::None => {}
        }
        if self.list.prompt {
            self.list.prompt = false;
            self.list.filter.text.clear();
            self.refresh_filter(false);
            return;
        }
        match self.focus {
            Focus::Reader => {
                if let Some(r) = self.reader.as_mut() {
                    if r.find.prompt || !r.find.hits.is_empty() {
                        r.find = FindView::default();
                    } else {
                        r.target = None;
                    }
                }
            }
            Focus::Sidebar => self.focus = Focus::Reader,
            Focus::List => {
                if !self.list.filter.text.is_empty() {
                    self.list.filter.text.clear();
                    self.refresh_filter(false);
                }
            }
        }
    }

    fn accept(&mut self) {
        if let Overlay::Finder(finder) = &self.overlay {
            if let Some(&(entity, _)) = finder.matches.get(finder.selected) {
                self.overlay = Overlay::None;
                self.jump_to_entity(entity);
            }
            return;
        }
        if self.list.prompt {
            self.list.prompt = false;
            return;
        }
        if let Some(r) = self.reader.as_mut()
            && r.find.prompt
        {
            r.find.prompt = false;
            if r.find.current.is_none() && !r.find.hits.is_empty() {
                r.find.current = Some(0);
            }
            self.show_find_hit();
        }
    }

    fn edit_prompt(&mut self, action: Action) {
        match &mut self.overlay {
            Overlay::Help(help) => {
                help.query.edit(action);
                return;
            }
            Overlay::Finder(finder) => {
                if finder.query.edit(action) {
                    self.refresh_finder();
                }
                return;
            }
            Overlay::None => {}
        }
        if self.list.prompt {
            if self.list.filter.edit(action) {
                self.refresh_filter(false);
            }
        } else if let Some(r) = self.reader.as_mut().filter(|r| r.find.prompt)
            && r.find.query.edit(action)
        {
            self.refresh_find();
        }
    }

    // ----- list ---------------------------------------------------------------------------

    /// Filters the list again. `narrowed` says the query only grew, so the previous hits can be
    /// searched instead of the whole corpus.
    fn refresh_filter(&mut self, narrowed: bool) {
        let keep = self.list.hits.get(self.list.selected).map(|h| h.article);
        let query = self.list.filter.text.clone();
        let hits = if narrowed && query.chars().count() > 1 {
            let previous: Vec<ArticleId> = self.list.hits.iter().map(|h| h.article).collect();
            self.search.search_within(&self.corpus, &query, &previous)
        } else {
            self.search.search(&self.corpus, &query)
        };
        self.list.hits = hits;
        self.list.selected = keep
            .and_then(|a| self.list.hits.iter().position(|h| h.article == a))
            .filter(|_| query.is_empty())
            .unwrap_or(0);
        self.list.offset = 0;
    }

    fn list_action(&mut self, action: Action) {
        let len = self.list.hits.len();
        let page = self.list_height();
        let selected = self.list.selected;
        self.list.selected = match action {
            Action::Down => selected + 1,
            Action::Up => selected.saturating_sub(1),
            Action::PageDown => selected + page,
            Action::PageUp => selected.saturating_sub(page),
            Action::HalfPageDown => selected + page / 2,
            Action::HalfPageUp => selected.saturating_sub(page / 2),
            Action::Top => 0,
            Action::Bottom => len.saturating_sub(1),
            Action::Open => {
                if let Some(hit) = self.list.hits.get(selected) {
                    let article = hit.article;
                    self.list.prompt = false;
                    self.jump_to_article(article);
                }
                selected
            }
            _ => selected,
        };
    }

    // ----- opening and jumping --------------------------------------------------------------

    /// Where the reader is now.
    pub fn location(&self) -> Location {
        match &self.reader {
            Some(r) => Location {
                article: Some(r.article),
                scroll: r.scroll,
                width: r.layout.width,
                top_block: r.layout.block_at(r.scroll),
                target: r.target,
                subject: self.sidebar.subject,
            },
            None => Location {
                article: None,
                scroll: 0,
                width: 0,
                top_block: None,
                target: None,
                subject: self.sidebar.subject,
            },
        }
    }

    fn remember_current(&mut self) {
        if let Some(r) = &self.reader {
            let Some(article) = self.corpus.article(r.article) else {
                return;
            };
            let top = r.layout.block_at(r.scroll).unwrap_or(0);
            let entry = self.remembered.entry(article.id.clone()).or_default();
            entry.top_block = top;
        }
    }

    /// Opens `article`; with `at_block`, scrolled there, else where the reader left it.
    fn open_article(&mut self, article: ArticleId, at_block: Option<usize>) {
        if self.reader.as_ref().is_some_and(|r| r.article == article) && at_block.is_none() {
            return;
        }
        let Some(layout) = self.layout_for(article) else {
            return;
        };
        let Some(key) = self.corpus.article(article).map(|a| a.id.clone()) else {
            return;
        };
        self.remember_current();
        let remembered = self.remembered.entry(key).or_default();
        remembered.read = true;
        let block = at_block.unwrap_or(remembered.top_block);
        let scroll = if at_block.is_none() && block == 0 {
            0
        } else {
            layout.first_line_of(block)
        };
        self.reader = Some(ReaderView {
            article,
            layout,
            scroll,
            target: None,
            flash: None,
            flash_until: None,
            find: FindView::default(),
        });
        self.sidebar.pinned = false;
        self.sidebar.subject = Some(Subject::Article(article));
    }

    /// Opens an article from the list or the sidebar, as a jump.
    pub fn jump_to_article(&mut self, article: ArticleId) {
        if self.reader.as_ref().is_some_and(|r| r.article == article) {
            self.focus = Focus::Reader;
            return;
        }
        self.history.record(self.location());
        self.open_article(article, None);
        self.focus = Focus::Reader;
    }

    /// Opens the article of mention `m`, selects and flashes it.
    pub fn jump_to_mention(&mut self, m: MentionId, now: Instant) {
        let Some(mention) = self.corpus.links.mention(m).cloned() else {
            return;
        };
        self.history.record(self.location());
        if self
            .reader
            .as_ref()
            .is_none_or(|r| r.article != mention.article)
        {
            self.open_article(mention.article, Some(mention.block));
        }
        if let Some(r) = self.reader.as_mut() {
            r.target = Some(Target::Mention(m));
            r.flash = Some((mention.block, mention.range.clone()));
            r.flash_until = Some(now + FLASH);
        }
        self.sidebar.pinned = false;
        self.sidebar.subject = Some(Subject::Entity(mention.entity));
        self.scroll_to_target(true);
        self.focus = Focus::Reader;
    }

    /// Shows an entity in the sidebar, as a jump.
    pub fn jump_to_entity(&mut self, entity: EntityId) {
        self.history.record(self.location());
        self.sidebar.subject = Some(Subject::Entity(entity));
        self.sidebar.pinned = true;
        self.sidebar.selected = None;
        self.sidebar.scroll = 0;
        self.focus = if self.panes().sidebar.is_some() {
            Focus::Sidebar
        } else {
            self.focus
        };
        if self.panes().sidebar.is_none() {
            self.message = Some((
                "the sidebar is hidden or the terminal is narrow".to_string(),
                true,
            ));
        }
    }

    fn go_to(&mut self, to: Location) {
        match to.article {
            Some(a) => {
                if self.reader.as_ref().is_none_or(|r| r.article != a) {
                    self.open_article(a, to.top_block);
                }
                let layout_width = self.reader.as_ref().map_or(0, |r| r.layout.width);
                if let Some(r) = self.reader.as_mut() {
                    r.scroll = if to.width == layout_width {
                        to.scroll
                    } else {
                        to.top_block.map_or(0, |b| r.layout.first_line_of(b))
                    };
                    r.target = to.target;
                    r.flash = None;
                }
                self.focus = Focus::Reader;
            }
            None => {
                self.remember_current();
                self.reader = None;
                self.focus = Focus::List;
            }
        }
        self.sidebar.subject = to.subject;
        self.sidebar.pinned = matches!(to.subject, Some(Subject::Entity(_)))
            && !matches!(to.target, Some(Target::Mention(_)));
    }

    fn go_back(&mut self) {
        match self.history.back(self.location()) {
            Some(to) => self.go_to(to),
            None => self.message = Some(("no earlier jump".to_string(), false)),
        }
    }

    fn go_forward(&mut self) {
        match self.history.forward(self.location()) {
            Some(to) => self.go_to(to),
            None => self.message = Some(("nothing to go forward to".to_string(), false)),
        }
    }

    /// Ends a flash whose time is up. Returns whether anything changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        if let Some(r) = self.reader.as_mut()
            && r.flash_until.is_some_and(|t| now >= t)
        {
            r.flash = None;
            r.flash_until = None;
            return true;
        }
        false
    }

    /// When the next timer runs out, if any.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.reader.as_ref().and_then(|r| r.flash_until)
    }

    // ----- reader -------------------------------------------------------------------------

    fn reader_action(&mut self, action: Action) {
        match action {
            Action::NextMention => self.move_mention(true),
            Action::PrevMention => self.move_mention(false),
            Action::NextFootnote => self.move_footnote(true),
            Action::PrevFootnote => self.move_footnote(false),
            Action::NextHit => self.move_hit(true),
            Action::PrevHit => self.move_hit(false),
            Action::Center => self.scroll_to_target(true),
            Action::Open => self.follow(Instant::now()),
            _ => {
                let page = self.reader_height();
                let step = page.saturating_sub(2).max(1);
                if let Some(r) = self.reader.as_mut() {
                    r.scroll = match action {
                        Action::Down => r.scroll + 1,
                        Action::Up => r.scroll.saturating_sub(1),
                        Action::PageDown => r.scroll + step,
                        Action::PageUp => r.scroll.saturating_sub(step),
                        Action::HalfPageDown => r.scroll + page / 2,
                        Action::HalfPageUp => r.scroll.saturating_sub(page / 2),
                        Action::Top => 0,
                        Action::Bottom => usize::MAX / 2,
                        _ => r.scroll,
                    };
                }
            }
        }
    }

    /// Mention `id` when it is in `article`.
    fn mention_in(&self, article: ArticleId, id: MentionId) -> Option<&Mention> {
        self.corpus
            .links
            .mention(id)
            .filter(|m| m.article == article)
    }

    /// The line a target is on.
    fn target_line(&self, target: Target) -> Option<usize> {
        let r = self.reader.as_ref()?;
        match target {
            Target::Mention(id) => {
                let m = self.mention_in(r.article, id)?;
                Some(r.layout.line_of(m.block, m.range.start))
            }
            Target::Footnote(block, i) => {
                let markers = self
                    .corpus
                    .article(r.article)?
                    .blocks
                    .get(block)?
                    .footnote_markers();
                let (range, _) = markers.get(i)?;
                Some(r.layout.line_of(block, range.start))
            }
        }
    }

    /// Scrolls the target into view; `center` puts it a third of the way down the page.
    fn scroll_to_target(&mut self, center: bool) {
        let page = self.reader_height();
        let Some(line) = self
            .reader
            .as_ref()
            .and_then(|r| r.target)
            .and_then(|t| self.target_line(t))
        else {
            return;
        };
        self.scroll_to_line(line, center, page);
    }

    fn scroll_to_line(&mut self, line: usize, center: bool, page: usize) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let visible = r.scroll..r.scroll + page;
        if center || !visible.contains(&line) {
            r.scroll = line.saturating_sub(page / 3);
        }
    }

    fn move_mention(&mut self, forward: bool) {
        let Some(r) = self.reader.as_ref() else {
            return;
        };
        if self.corpus.links.in_article(r.article).is_empty() {
            self.message = Some(("this article names no entity".to_string(), false));
            return;
        }
        let next = match r.target {
            Some(Target::Mention(id)) => self.corpus.links.step_in_article(id, forward),
            _ => {
                // From the top of the page (forward) or its bottom (backward).
                let page = self.reader_height();
                let line_of = |m: &Mention| r.layout.line_of(m.block, m.range.start);
                let mut mentions = self.corpus.links.in_article_with_ids(r.article);
                let found = if forward {
                    mentions.find(|(_, m)| line_of(m) >= r.scroll)
                } else {
                    mentions.rfind(|(_, m)| line_of(m) < r.scroll + page)
                };
                found.map(|(id, _)| id)
            }
        };
        match next {
            Some(i) => self.select_target(Target::Mention(i)),
            None => {
                self.message = Some((
                    if forward {
                        "last mention"
                    } else {
                        "first mention"
                    }
                    .to_string(),
                    false,
                ))
            }
        }
    }

    fn move_footnote(&mut self, forward: bool) {
        let Some(r) = self.reader.as_ref() else {
            return;
        };
        let Some(article) = self.corpus.article(r.article) else {
            return;
        };
        let all: Vec<(usize, usize, usize)> = article
            .blocks
            .iter()
            .enumerate()
            .flat_map(|(b, block)| {
                block
                    .footnote_markers()
                    .into_iter()
                    .enumerate()
                    .map(move |(i, (range, _))| (b, i, range.start))
            })
            .collect();
        if all.is_empty() {
            self.message = Some(("this article has no footnotes".to_string(), false));
            return;
        }
        let current = match r.target {
            Some(Target::Footnote(b, i)) => all.iter().position(|&(bb, ii, _)| bb == b && ii == i),
            _ => None,
        };
        let next = match (current, forward) {
            (Some(c), true) => (c + 1 < all.len()).then_some(c + 1),
            (Some(c), false) => c.checked_sub(1),
            (None, true) => all
                .iter()
                .position(|&(b, _, start)| r.layout.line_of(b, start) >= r.scroll),
            (None, false) => all.iter().rposition(|&(b, _, start)| {
                r.layout.line_of(b, start) < r.scroll + self.reader_height()
            }),
        };
        match next {
            Some(n) => self.select_target(Target::Footnote(all[n].0, all[n].1)),
            None => self.message = Some(("no more footnotes".to_string(), false)),
        }
    }

    /// Selects a target in the open article and follows it with the sidebar.
    pub fn select_target(&mut self, target: Target) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        r.target = Some(target);
        if let Target::Mention(id) = target
            && let Some(m) = self.corpus.links.mention(id)
        {
            self.sidebar.subject = Some(Subject::Entity(m.entity));
            self.sidebar.pinned = false;
        }
        self.scroll_to_target(false);
    }

    /// Enter in the reading pane: a mention leads to the entity's next passage in another
    /// article (following the thread); a footnote marker to its reference.
    fn follow(&mut self, now: Instant) {
        let Some(r) = self.reader.as_ref() else {
            return;
        };
        match r.target {
            Some(Target::Mention(id)) => {
                let Some(m) = self.mention_in(r.article, id) else {
                    return;
                };
                let entity = m.entity;
                let here = r.article;
                let elsewhere: Vec<(MentionId, ArticleId)> = self
                    .corpus
                    .links
                    .of_entity(entity)
                    .iter()
                    .filter_map(|&g| Some((g, self.corpus.links.mention(g)?.article)))
                    .filter(|&(_, a)| a != here)
                    .collect();
                // The first passage in the next article after this one, wrapping around.
                let next = elsewhere
                    .iter()
                    .find(|&&(_, a)| a > here)
                    .or_else(|| elsewhere.first())
                    .map(|&(g, _)| g);
                match next {
                    Some(g) => self.jump_to_mention(g, now),
                    None => {
                        let name = self
                            .corpus
                            .entity(entity)
                            .map_or_else(String::new, |e| e.name.clone());
                        self.message = Some((format!("no other article names {name}"), false));
                    }
                }
            }
            Some(Target::Footnote(block, i)) => {
                let Some(article) = self.corpus.article(r.article) else {
                    return;
                };
                let number = article
                    .blocks
                    .get(block)
                    .and_then(|b| b.footnote_markers().get(i).map(|(_, n)| *n));
                let reference = number.and_then(|n| article.reference_block(n));
                match reference.and_then(|b| Some((b, article.blocks.get(b)?.text.len()))) {
                    Some((reference, len)) => {
                        self.history.record(self.location());
                        let line = r.layout.first_line_of(reference);
                        let page = self.reader_height();
                        if let Some(r) = self.reader.as_mut() {
                            r.flash = Some((reference, 0..len));
                            r.flash_until = Some(now + FLASH);
                        }
                        self.scroll_to_line(line, true, page);
                    }
                    None => {
                        self.message = Some(("no reference with that number".to_string(), true))
                    }
                }
            }
            None => {
                let hint = self
                    .keymap
                    .first_key(Context::Reader, Action::NextMention)
                    .unwrap_or_default();
                self.message = Some((format!("select a mention first ({hint})"), false));
            }
        }
    }

    // ----- in-article find ----------------------------------------------------------------

    fn refresh_find(&mut self) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let query = crate::corpus::fold::fold_str(r.find.query.text.trim());
        r.find.hits.clear();
        r.find.current = None;
        if query.is_empty() {
            return;
        }
        let Some(article) = self.corpus.article(r.article) else {
            return;
        };
        for (b, block) in article.blocks.iter().enumerate() {
            let folded = fold(&block.text);
            let char_starts: Vec<usize> = block
                .text
                .char_indices()
                .map(|(i, _)| i)
                .chain([block.text.len()])
                .collect();
            let query_chars = query.chars().count();
            // Chars before `counted`, kept as the search moves on (recounting from the start
            // for every hit made long blocks quadratic).
            let (mut counted, mut chars_before) = (0, 0);
            let mut from = 0;
            while let Some(pos) = folded.text[from..].find(&query) {
                let start = from + pos;
                let end = start + query.len();
                chars_before += folded.text[counted..start].chars().count();
                counted = start;
                let start_char = chars_before;
                let end_char = start_char + query_chars;
                let originals =
                    folded.original_positions(&(start_char..end_char).collect::<Vec<_>>());
                if let (Some(&first), Some(&last)) = (originals.first(), originals.last()) {
                    let range =
                        char_starts[first]..char_starts[(last + 1).min(char_starts.len() - 1)];
                    r.find.hits.push((b, range));
                }
                from = end.max(start + 1);
                while !folded.text.is_char_boundary(from) {
                    from += 1;
                }
            }
        }
        // The first hit at or after the top of the page becomes current.
        let scroll = r.scroll;
        let layout = r.layout.clone();
        r.find.current = r
            .find
            .hits
            .iter()
            .position(|(b, range)| layout.line_of(*b, range.start) >= scroll)
            .or(if r.find.hits.is_empty() {
                None
            } else {
                Some(0)
            });
        self.show_find_hit();
    }

    fn move_hit(&mut self, forward: bool) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let n = r.find.hits.len();
        if n == 0 {
            let key = self
                .keymap
                .first_key(Context::Reader, Action::FindInArticle)
                .unwrap_or_default();
            self.message = Some((format!("no search hits ({key} finds text)"), false));
            return;
        }
        r.find.current = Some(match r.find.current {
            Some(c) if forward => (c + 1) % n,
            Some(c) => (c + n - 1) % n,
            None => 0,
        });
        self.show_find_hit();
    }

    fn show_find_hit(&mut self) {
        let page = self.reader_height();
        let Some(line) = self.reader.as_ref().and_then(|r| {
            let (b, range) = r.find.hits.get(r.find.current?)?;
            Some(r.layout.line_of(*b, range.start))
        }) else {
            return;
        };
        self.scroll_to_line(line, false, page);
    }

    // ----- sidebar ------------------------------------------------------------------------

    fn refresh_sidebar(&mut self) {
        let open = self.reader.as_ref().map(|r| r.article);
        let columns = self.sidebar_columns();
        let key = (self.sidebar.subject, open, columns);
        if self.sidebar.built_for == Some(key) {
            return;
        }
        let same_subject = self
            .sidebar
            .built_for
            .is_some_and(|(s, _, _)| s == self.sidebar.subject);
        self.sidebar.rows = match self.sidebar.subject {
            Some(subject) => sidebar::build(&self.corpus, subject, open, columns),
            None => Vec::new(),
        };
        self.sidebar.built_for = Some(key);
        if !same_subject {
            self.sidebar.selected = None;
            self.sidebar.scroll = 0;
        }
    }

    fn selectable_rows(&self) -> Vec<usize> {
        self.sidebar
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.item.is_some())
            .map(|(i, _)| i)
            .collect()
    }

    fn sidebar_action(&mut self, action: Action) {
        let rows = self.selectable_rows();
        if rows.is_empty() {
            return;
        }
        let page = self.sidebar_height();
        let at = self
            .sidebar
            .selected
            .and_then(|s| rows.iter().position(|&r| r == s));
        let pick = |i: usize| rows[i.min(rows.len() - 1)];
        let target_row = |offset_rows: usize, down: bool| {
            let current = at.map_or(0, |a| rows[a]);
            let goal = if down {
                current + offset_rows
            } else {
                current.saturating_sub(offset_rows)
            };
            if down {
                rows.iter()
                    .copied()
                    .find(|&r| r >= goal)
                    .unwrap_or(rows[rows.len() - 1])
            } else {
                rows.iter()
                    .copied()
                    .rev()
                    .find(|&r| r <= goal)
                    .unwrap_or(rows[0])
            }
        };
        let selected = match action {
            Action::Down => Some(at.map_or(pick(0), |a| pick(a + 1))),
            Action::Up => Some(at.map_or(pick(0), |a| pick(a.saturating_sub(1)))),
            Action::PageDown => Some(target_row(page, true)),
            Action::PageUp => Some(target_row(page, false)),
            Action::HalfPageDown => Some(target_row(page / 2, true)),
            Action::HalfPageUp => Some(target_row(page / 2, false)),
            Action::Top => Some(rows[0]),
            Action::Bottom => Some(rows[rows.len() - 1]),
            Action::Open => {
                let chosen = at.map(|a| rows[a]).and_then(|r| self.sidebar.rows[r].item);
                match chosen {
                    Some(item) => self.open_item(item),
                    None => self.sidebar.selected = Some(rows[0]),
                }
                return;
            }
            _ => None,
        };
        if let Some(s) = selected {
            self.sidebar.selected = Some(s);
        }
    }

    /// Opens what a sidebar row stands for.
    pub fn open_item(&mut self, item: Item) {
        match item {
            Item::Passage(m) => self.jump_to_mention(m, Instant::now()),
            Item::Entity(e) => self.jump_to_entity(e),
            Item::Article(a) => self.jump_to_article(a),
        }
    }

    // ----- finder and help ----------------------------------------------------------------

    fn refresh_finder(&mut self) {
        if let Overlay::Finder(finder) = &mut self.overlay {
            finder.matches = self.search.entities(&finder.query.text);
            if finder.query.text.trim().is_empty() {
                // With no query, the most named entities first.
                finder
                    .matches
                    .sort_by_key(|&(e, _)| std::cmp::Reverse(self.corpus.links.of_entity(e).len()));
            }
            finder.selected = 0;
        }
    }

    fn finder_motion(&mut self, action: Action) {
        if let Overlay::Finder(finder) = &mut self.overlay {
            let last = finder.matches.len().saturating_sub(1);
            finder.selected = match action {
                Action::Down => (finder.selected + 1).min(last),
                Action::Up => finder.selected.saturating_sub(1),
                Action::PageDown => (finder.selected + 10).min(last),
                Action::PageUp => finder.selected.saturating_sub(10),
                _ => finder.selected,
            };
        }
    }

    fn help_motion(&mut self, action: Action) {
        if let Overlay::Help(help) = &mut self.overlay {
            help.scroll = match action {
                Action::Down => help.scroll.saturating_add(1),
                Action::Up => help.scroll.saturating_sub(1),
                Action::PageDown => help.scroll.saturating_add(10),
                Action::PageUp => help.scroll.saturating_sub(10),
                Action::Top => 0,
                Action::Bottom => usize::MAX,
                _ => help.scroll,
            };
        }
    }

    // ----- invariants -----------------------------------------------------------------------

    /// Restores every invariant after a change.
    pub fn settle(&mut self) {
        let list_len = self.list.hits.len();
        self.list.selected = self.list.selected.min(list_len.saturating_sub(1));
        let list_page = self.list_height();
        if self.list.selected < self.list.offset {
            self.list.offset = self.list.selected;
        } else if self.list.selected >= self.list.offset + list_page {
            self.list.offset = self.list.selected + 1 - list_page;
        }
        self.list.offset = self.list.offset.min(list_len.saturating_sub(list_page));
        let page = self.reader_height();
        if let Some(r) = self.reader.as_mut() {
            let max = r.layout.lines.len().saturating_sub(page);
            r.scroll = r.scroll.min(max);
            if let Some(Target::Mention(id)) = r.target
                && self
                    .corpus
                    .links
                    .mention(id)
                    .is_none_or(|m| m.article != r.article)
            {
                r.target = None;
            }
        }
        if self.focus == Focus::Sidebar && self.panes().sidebar.is_none() {
            self.focus = Focus::Reader;
        }
        if self.sidebar.subject.is_none() {
            self.sidebar.subject = self.reader.as_ref().map(|r| Subject::Article(r.article));
        }
        self.refresh_sidebar();
        if let Some(s) = self.sidebar.selected
            && self.sidebar.rows.get(s).is_none_or(|r| r.item.is_none())
        {
            self.sidebar.selected = None;
        }
        let sidebar_page = self.sidebar_height();
        if let Some(s) = self.sidebar.selected {
            if s < self.sidebar.scroll {
                self.sidebar.scroll = s;
            } else if s >= self.sidebar.scroll + sidebar_page {
                self.sidebar.scroll = s + 1 - sidebar_page;
            }
        }
        self.sidebar.scroll = self
            .sidebar
            .scroll
            .min(self.sidebar.rows.len().saturating_sub(sidebar_page));
        if let Overlay::Finder(f) = &mut self.overlay {
            f.selected = f.selected.min(f.matches.len().saturating_sub(1));
        }
        if let Overlay::Help(help) = &self.overlay {
            let rows = super::ui::help_rows(self, &help.query.text).len();
            if let Overlay::Help(help) = &mut self.overlay {
                help.scroll = help.scroll.min(rows.saturating_sub(1));
            }
        }
    }

    /// Whether the reader has opened this article (now or in an earlier session).
    pub fn is_read(&self, article: ArticleId) -> bool {
        self.corpus
            .article(article)
            .and_then(|a| self.remembered.get(&a.id))
            .is_some_and(|r| r.read)
    }

    /// What to save: every article's place and read state, and the open article.
    pub fn snapshot(&mut self) -> (HashMap<ArticleKey, Remembered>, Option<ArticleKey>) {
        self.remember_current();
        let last = self
            .reader
            .as_ref()
            .and_then(|r| self.corpus.article(r.article))
            .map(|a| a.id.clone());
        (self.remembered.clone(), last)
    }
}
