//! The reader as one value: it composes the panes (list, reader, sidebar), the overlays, the
//! history and the geometry, routes each key or click to the part that owns the context, and
//! carries out jumps, the only changes that touch history, reader and sidebar together.
//!
//! Every input returns the effects the event loop must perform; nothing here does I/O. After
//! every input the invariants hold: selections inside their lists, scrolls inside their
//! content, the sidebar built for its subject and width.

use std::collections::HashMap;
use std::time::Instant;

use crossterm::event::MouseEvent;

use super::curation::{self, CatalogueJob};
use super::effect::{Effect, Reply, Status};
use super::geometry::{Arrangement, Focus, Geometry};
use super::mouse::{self, Pointer};
use super::nav::{History, Jump, Location, Subject};
use super::notes::{Highlighted, Notes};
use super::overlay::Overlay;
use super::overlay::annotations::AnnotationsView;
use super::overlay::compare;
use super::overlay::finder::Finder;
use super::overlay::help::Help;
use super::overlay::pending::{Fed, Pending};
use super::overlay::search::SearchView;
use super::overlay::timeline::{self, TimelineView};
use super::panes::list::ListPane;
use super::panes::reader::ReaderPane;
use super::panes::sidebar::SidebarPane;
use super::prompt::Typing;
use super::state::Remembered;
use super::study::{self, Desk, Outbox};
use super::theme::Theme;
use crate::config::action::Action;
use crate::config::key::{Key, parse_key};
use crate::config::keymap::{Context, Keymap};
use crate::config::palette::ColorDepth;
use crate::config::settings::Options;
use crate::corpus::ids::{ArticleId, ArticleKey};
use crate::corpus::search::Field;
use crate::shelf::{Refreshed, Shelf};
use crate::store::StoreError;
use crate::userdata::Kind;

/// Read-only access to parts of the app, for drawing and tests.
macro_rules! reads {
    ($($name:ident: $type:ty,)*) => {
        $(pub fn $name(&self) -> &$type {
            &self.$name
        })*
    };
}

/// The whole reader.
pub struct App {
    shelf: Shelf,
    keymap: Keymap,
    options: Options,
    theme: Theme,
    geometry: Geometry,
    sidebar_wanted: bool,
    /// The focused pane has the full width.
    zoom: bool,
    /// What the terminal shows; the palette is brought down to it.
    colors: ColorDepth,
    /// The entity finder's query when it last closed.
    finder_query: String,
    /// The passage search's last query, for the next time it opens.
    search_query: String,
    mouse: bool,
    focus: Focus,
    overlay: Overlay,
    pending: Pending,
    list: ListPane,
    reader: ReaderPane,
    sidebar: SidebarPane,
    history: History,
    notes: Notes,
    status: Option<Status>,
    /// Effects gathered during one input, handed to the event loop.
    effects: Vec<Effect>,
    /// The study commands' work for the event loop (clipboard, export, external editor).
    outbox: Outbox,
    /// A change of the catalogue for the event loop (`curation`).
    catalogue_job: Option<CatalogueJob>,
}

impl App {
    pub fn new(shelf: impl Into<Shelf>, keymap: Keymap, options: Options, size: (u16, u16)) -> App {
        let shelf = shelf.into();
        let list = ListPane::new(&shelf);
        let mut app = App {
            theme: Theme::new(options.palette.as_ref()),
            colors: ColorDepth::TrueColor,
            finder_query: String::new(),
            search_query: String::new(),
            geometry: Geometry::new(
                size,
                Arrangement::new(Focus::List, false, options.sidebar, &options),
                &options,
            ),
            sidebar_wanted: options.sidebar,
            zoom: false,
            mouse: options.mouse,
            reader: ReaderPane::new(options.hyphenate),
            shelf,
            keymap,
            options,
            focus: Focus::List,
            overlay: Overlay::None,
            pending: Pending::default(),
            list,
            sidebar: SidebarPane::default(),
            history: History::default(),
            notes: Notes::default(),
            status: None,
            effects: Vec::new(),
            outbox: Outbox::default(),
            catalogue_job: None,
        };
        app.theme = app.theme_for(&app.options);
        app.settle();
        app
    }

    reads! {
        shelf: Shelf,
        keymap: Keymap,
        theme: Theme,
        geometry: Geometry,
        overlay: Overlay,
        pending: Pending,
        list: ListPane,
        reader: ReaderPane,
        sidebar: SidebarPane,
        history: History,
        notes: Notes,
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Whether mouse capture is wanted.
    pub fn mouse_capture(&self) -> bool {
        self.mouse
    }

    /// The terminal size the geometry is for.
    pub fn size(&self) -> (u16, u16) {
        (self.geometry.area.width, self.geometry.area.height)
    }

    /// Where the reader is now.
    pub fn location(&self) -> Location {
        self.reader.location(self.sidebar.subject())
    }

    /// The keymap context that gets the next key.
    pub fn context(&self) -> Context {
        if let Some(context) = self.overlay.context() {
            context
        } else if self.list.prompting() {
            Context::Filter
        } else if self.reader.find_prompting() {
            Context::Find
        } else if self.focus == Focus::Reader && self.reader.visual().is_some() {
            Context::Visual
        } else {
            self.focus.context()
        }
    }

    /// Restores remembered positions and opens the last article (without recording a jump).
    pub fn restore(&mut self, remembered: HashMap<ArticleKey, Remembered>, last: Option<&str>) {
        self.reader.remember(remembered);
        if let Some(a) = last.and_then(|key| self.shelf.article_id(key)) {
            self.list.select_article(a);
            self.open(a, None);
            self.focus = Focus::Reader;
        }
        self.effects.clear();
        self.settle();
    }

    /// What to save: every article's place and read state, and the open article.
    pub fn snapshot(&mut self) -> (HashMap<ArticleKey, Remembered>, Option<ArticleKey>) {
        self.reader.snapshot(&self.shelf)
    }

    /// The stored annotations, as the event loop read them from the user database.
    pub fn set_annotations(&mut self, annotations: Vec<crate::userdata::Annotation>) {
        self.notes.set(&self.shelf, annotations);
        let view = match &mut self.overlay {
            Overlay::Annotations(view) => Some(view),
            Overlay::Note(editor) => editor.return_to.as_deref_mut(),
            _ => None,
        };
        if let Some(view) = view {
            *view = view.renewed(&self.shelf, self.notes.all());
        }
        self.settle();
    }

    /// The annotation changes made here and not yet stored; the event loop stores them.
    pub fn take_queued_notes(&mut self) -> Vec<super::notes::Change> {
        self.notes.take_queued()
    }

    /// The parts the study commands work on; the event loop hands them what it did.
    pub fn desk(&mut self) -> Desk<'_> {
        Desk {
            shelf: &self.shelf,
            keymap: &self.keymap,
            options: &self.options,
            geometry: &self.geometry,
            reader: &mut self.reader,
            notes: &mut self.notes,
            overlay: &mut self.overlay,
            outbox: &mut self.outbox,
            status: &mut self.status,
            effects: &mut self.effects,
        }
    }

    /// The parts curation works on.
    fn bench(&mut self) -> curation::Bench<'_> {
        curation::Bench {
            shelf: &self.shelf,
            keymap: &self.keymap,
            reader: &mut self.reader,
            sidebar: &mut self.sidebar,
            overlay: &mut self.overlay,
            status: &mut self.status,
            effects: &mut self.effects,
            job: &mut self.catalogue_job,
        }
    }

    /// The event loop made the queued change of the catalogue (`made`) or could not.
    pub fn curated(&mut self, job: &CatalogueJob, made: bool) {
        curation::curated(&mut self.overlay, job, made);
        self.settle();
    }

    /// Pasted text: into the note editor, else typed into an open prompt.
    pub fn paste(&mut self, text: &str) -> Vec<Effect> {
        self.status = None;
        if !study::paste(&mut self.desk(), text) {
            for c in text.chars().filter(|c| !c.is_control()) {
                self.input(Typing::Char(c));
            }
        }
        self.settle();
        std::mem::take(&mut self.effects)
    }

    /// The user database could not be opened: say so when the user tries to annotate.
    pub fn set_notes_unavailable(&mut self, why: String) {
        self.notes.set_unavailable(why);
    }

    fn mark(&mut self, kind: Kind) {
        let Some(open) = self.reader.open() else {
            self.status = Some(Status::info("open an article to mark in it"));
            return;
        };
        match self.notes.mark_sentence(open, kind) {
            Highlighted::Queued(paragraph) => {
                self.effects.push(Effect::StoreNotes);
                let done = match kind {
                    Kind::Highlight => "highlighted",
                    Kind::Bookmark => "bookmarked",
                };
                self.status = Some(Status::info(format!(
                    "{done} a sentence of paragraph {paragraph}"
                )));
            }
            Highlighted::Refused(status) => self.status = Some(status),
        }
    }

    /// Puts a reloaded corpus in force. Places, read state and annotations carry over by
    /// article key and quote, and the open article stays open at its place; the history, which
    /// names articles of the old corpus, starts anew, and so do the filter and the sidebar.
    pub fn replace_shelf(&mut self, shelf: Shelf) {
        let (remembered, last) = self.snapshot();
        let focus = self.focus;
        let mut fresh = App::new(
            shelf,
            self.keymap.clone(),
            self.options.clone(),
            self.size(),
        );
        fresh.theme = self.theme.clone();
        fresh.sidebar_wanted = self.sidebar_wanted;
        fresh.mouse = self.mouse;
        // Annotations (and any not yet stored) are found again in the new text.
        let annotations = self
            .notes
            .all()
            .iter()
            .map(|r| r.annotation.clone())
            .collect();
        fresh.notes = std::mem::take(&mut self.notes);
        fresh.notes.set(&fresh.shelf, annotations);
        // A note being written stays open with its text (its words are found by their quote).
        if let Overlay::Note(editor) = &mut self.overlay {
            editor.return_to = None;
            fresh.overlay = std::mem::take(&mut self.overlay);
        }
        if matches!(self.overlay, Overlay::Suggestions(_)) {
            fresh.overlay = curation::carried_over(&mut self.overlay, &fresh.shelf);
        }
        fresh.outbox = std::mem::take(&mut self.outbox);
        fresh.restore(remembered, last.as_ref().map(ArticleKey::as_str));
        if fresh.reader.article().is_some() || focus == Focus::List {
            fresh.focus = focus;
        }
        fresh.resize(self.size().0, self.size().1);
        *self = fresh;
    }

    /// Takes in the rows a sync of the index committed (`Shelf::refresh`; ids stay, so the
    /// history, the sidebar and the notes still hold): the list keeps its filter, selection and
    /// scroll; the open article is read again with `reread`, or closed when it is gone.
    pub fn refresh_shelf(&mut self, reopen: bool, reread: bool) -> Result<Refreshed, StoreError> {
        let changes = self.shelf.refresh(reopen)?;
        self.list.renew(&self.shelf);
        if let Some(open) = self.reader.article() {
            let width = self.geometry.text_width;
            if (reread || changes.updated.contains(&open)) && self.reader.reread(&self.shelf, width)
            {
                let annotations = self.notes.all().iter().map(|r| r.annotation.clone());
                self.notes.set(&self.shelf, annotations.collect());
            } else if self.shelf.row(open).is_none() || self.reader.article().is_none() {
                self.reader.close(&self.shelf);
                self.focus = Focus::List;
                self.status = Some(Status::error(
                    "the open article is gone: its file was removed",
                ));
            }
        }
        self.settle();
        Ok(changes)
    }

    /// What the index's sync is doing, for the status bar.
    pub fn set_shelf_activity(&mut self, activity: Option<String>) {
        self.shelf.set_activity(activity);
    }

    /// The change of the catalogue queued with `Effect::EditCatalogue`.
    pub fn take_catalogue_job(&mut self) -> Option<CatalogueJob> {
        self.catalogue_job.take()
    }

    pub fn set_status(&mut self, status: Status) {
        self.status = Some(status);
    }

    /// Puts a new keymap in force (after the keymap file changed).
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
        self.pending.clear();
        if let Overlay::Help(help) = &mut self.overlay {
            help.rebuild(&self.keymap);
        }
        self.settle();
    }

    /// Puts new settings in force (after the settings file changed).
    /// Draws with what a terminal of `colors` can show (24-bit only where it says so).
    pub fn set_colors(&mut self, colors: ColorDepth) {
        self.colors = colors;
        self.theme = self.theme_for(&self.options);
    }

    fn theme_for(&self, options: &Options) -> Theme {
        let palette = options.palette.as_ref().map(|p| p.fitted(self.colors));
        Theme::new(palette.as_ref()).with_tags(&options.tags, self.colors)
    }

    pub fn apply_options(&mut self, options: Options) {
        self.theme = self.theme_for(&options);
        self.sidebar_wanted = options.sidebar;
        self.mouse = options.mouse;
        self.options = options;
        let (width, height) = self.size();
        self.resize(width, height);
    }

    /// The terminal changed size: the geometry again, the article wrapped at the same place.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.arrange((width, height));
        self.settle();
    }

    /// Whether the focused pane has the full width.
    pub fn zoomed(&self) -> bool {
        self.zoom
    }

    /// Whether the sidebar is wanted beside the text (the setting, changed by `s`).
    pub fn sidebar_wanted(&self) -> bool {
        self.sidebar_wanted
    }

    /// The geometry for `size` and the current focus, zoom and sidebar; the article wrapped
    /// again at the same place when its width changed.
    fn arrange(&mut self, size: (u16, u16)) {
        let arrangement =
            Arrangement::new(self.focus, self.zoom, self.sidebar_wanted, &self.options)
                .with_numbers(self.reader.numbers());
        let geometry = Geometry::new(size, arrangement, &self.options);
        if geometry == self.geometry && self.reader.hyphenation() == self.options.hyphenate {
            return;
        }
        self.geometry = geometry;
        let (text_width, hyphenate) = (self.geometry.text_width, self.options.hyphenate);
        self.reader.relayout(text_width, hyphenate);
    }

    /// `s`: beside the text, hide or show the sidebar (the setting); where the terminal is too
    /// narrow for both, show it in place of the text or go back, leaving the setting alone.
    fn toggle_sidebar(&mut self) {
        let beside = Geometry::new(
            self.size(),
            Arrangement::new(Focus::Reader, false, true, &self.options),
            &self.options,
        );
        let key = self
            .keymap
            .first_key(self.focus.context(), Action::ToggleSidebar)
            .unwrap_or_default();
        if !beside.shows(Focus::Sidebar) || self.zoom {
            if self.focus == Focus::Sidebar {
                self.focus = Focus::Reader;
            } else {
                self.focus = Focus::Sidebar;
                self.status = Some(Status::info(format!(
                    "the sidebar has the screen ({key} goes back)"
                )));
            }
            return;
        }
        self.sidebar_wanted = !self.sidebar_wanted;
        if !self.sidebar_wanted {
            if self.focus == Focus::Sidebar {
                self.focus = Focus::Reader;
            }
            self.status = Some(Status::info(format!("sidebar hidden ({key} shows it)")));
        }
    }

    /// Ends a flash whose time is up; whether anything changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        let work = curation::tick(&mut self.overlay, &self.shelf);
        if work {
            self.settle();
        }
        self.reader.tick(now) | work
    }

    /// When the next timer runs out, if any.
    pub fn next_deadline(&self) -> Option<Instant> {
        let work = curation::deadline(&self.overlay, Instant::now());
        self.reader.deadline().into_iter().chain(work).min()
    }

    /// One key press.
    pub fn handle_key(&mut self, key: Key) -> Vec<Effect> {
        self.status = None;
        match self.pending.feed(key, &self.keymap, self.context()) {
            Fed::Action(action) => self.run(action),
            Fed::Typed(c) => self.input(Typing::Char(c)),
            Fed::Nothing { unknown: true } => {
                self.status = Some(Status::error("no such key sequence"))
            }
            Fed::Waiting | Fed::Nothing { .. } => {}
        }
        self.settle();
        std::mem::take(&mut self.effects)
    }

    /// Presses keys given as key strings separated by spaces ("j j enter ] ctrl-o"); for
    /// tests and scripted sessions. Text for a prompt is typed one key per character.
    pub fn press(&mut self, keys: &str) -> Result<Vec<Effect>, String> {
        let mut effects = Vec::new();
        for key in keys.split(' ').filter(|k| !k.is_empty()) {
            effects.extend(self.handle_key(parse_key(key)?));
        }
        Ok(effects)
    }

    /// Types `text` into whatever prompt is open, one key per character.
    pub fn type_text(&mut self, text: &str) -> Vec<Effect> {
        text.chars()
            .flat_map(|c| self.handle_key(Key::plain(c)))
            .collect()
    }

    /// Typing goes to the open prompt, if any.
    fn input(&mut self, typing: Typing) {
        let shelf = &self.shelf;
        if self.overlay.is_open() {
            self.overlay.input(typing, &self.keymap, shelf);
        } else if self.list.prompting() {
            self.list.input(typing, shelf);
        } else if self.reader.find_prompting() {
            self.reader.find_input(typing, &self.geometry);
        }
    }

    fn run(&mut self, action: Action) {
        let context = self.context();
        if curation::handles(&self.overlay, context, action) {
            return curation::act(&mut self.bench(), context, action);
        }
        if study::handles(context, action) {
            return study::act(&mut self.desk(), context, action);
        }
        let now = Instant::now();
        if self.overlay.takes(action) {
            return self.overlay.update(action, 0, &self.shelf);
        }
        match action {
            Action::Quit => self.effects.push(Effect::Quit),
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Redraw => self.effects.push(Effect::Redraw),
            Action::Reload => self.effects.push(Effect::Reload),
            Action::Help => {
                self.overlay = match self.overlay {
                    Overlay::Help(_) => Overlay::None,
                    _ => Overlay::Help(Help::new(&self.keymap)),
                }
            }
            Action::Filter if matches!(self.overlay, Overlay::Help(_)) => {
                if let Overlay::Help(help) = &mut self.overlay {
                    help.start_search();
                }
            }
            Action::Filter => {
                self.overlay = Overlay::None;
                self.focus = Focus::List;
                self.list.open_prompt();
            }
            Action::Annotations => {
                let view = AnnotationsView::new(&self.shelf, self.notes.all());
                self.overlay = Overlay::Annotations(view);
            }
            Action::Timeline => {
                let entity = timeline::entity_in_view(&self.sidebar, &self.reader);
                self.overlay = Overlay::Timeline(TimelineView::new(&self.shelf, entity));
            }
            Action::Search => match &mut self.overlay {
                Overlay::Search(view) => view.edit_query(),
                _ => self.overlay = Overlay::Search(SearchView::reopen(&self.search_query)),
            },
            Action::Compare => match compare::beside(&self.shelf, &self.reader, &self.sidebar) {
                Ok(view) => self.overlay = Overlay::Compare(view),
                Err(why) => self.status = Some(Status::error(why)),
            },
            Action::FindEntity => {
                self.overlay = Overlay::Finder(Finder::reopen(&self.shelf, &self.finder_query));
            }
            Action::FindInArticle | Action::FindBackward => {
                if self.reader.open_find(action == Action::FindBackward) {
                    self.overlay = Overlay::None;
                    self.focus = Focus::Reader;
                } else {
                    self.status = Some(Status::error("open an article first"));
                }
            }
            Action::FocusNext => {
                self.focus = self.geometry.cycle(self.focus, 1, self.sidebar_wanted)
            }
            Action::FocusPrev => {
                self.focus = self.geometry.cycle(self.focus, -1, self.sidebar_wanted)
            }
            Action::FocusList => self.focus = Focus::List,
            Action::FocusReader => self.focus = Focus::Reader,
            Action::FocusSidebar => self.focus = Focus::Sidebar,
            Action::Zoom => {
                self.zoom = !self.zoom;
                if self.zoom {
                    let key = self
                        .keymap
                        .first_key(self.focus.context(), Action::Zoom)
                        .unwrap_or_default();
                    self.status = Some(Status::info(format!(
                        "{} zoomed ({key} goes back)",
                        self.focus.name()
                    )));
                }
            }
            Action::Back => self.jump(Jump::Back, now),
            Action::Forward => self.jump(Jump::Forward, now),
            Action::ToggleSidebar => self.toggle_sidebar(),
            Action::Highlight => self.mark(Kind::Highlight),
            Action::Bookmark => self.mark(Kind::Bookmark),
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                let state = ["off: select text with the mouse", "on"][usize::from(self.mouse)];
                self.status = Some(Status::info(format!("mouse capture {state}")));
            }
            Action::Cancel => self.cancel(),
            Action::Accept => self.accept(now),
            Action::DeleteChar | Action::DeleteWord | Action::ClearInput => {
                self.input(Typing::Edit(action))
            }
            Action::None => {}
            _ => self.route(action, now),
        }
    }

    /// A motion or Open goes to whatever owns the context.
    fn route(&mut self, action: Action, now: Instant) {
        let reply = match self.context() {
            Context::Help
            | Context::HelpSearch
            | Context::Finder
            | Context::Timeline
            | Context::Search
            | Context::SearchPrompt
            | Context::Compare
            | Context::Annotations
            | Context::SavePath
            | Context::Suggestions
            | Context::Note => {
                self.overlay
                    .update(action, self.geometry.help_rows(), &self.shelf);
                Reply::Done
            }
            Context::Filter | Context::List => {
                let page = self.list.page(self.geometry.list_inner());
                self.list
                    .update(action, page)
                    .map_or(Reply::Done, |jump| Reply::Jump(self.to_entity(jump)))
            }
            Context::Reader | Context::Find | Context::Visual => {
                let (shelf, keymap) = (&self.shelf, &self.keymap);
                self.reader.update(action, shelf, keymap, &self.geometry)
            }
            Context::Sidebar => {
                self.sidebar
                    .update(action, &self.shelf, self.geometry.sidebar_rows())
            }
            Context::Global => Reply::Done,
        };
        self.answer(reply, now);
    }

    /// Opening an article the filter found by an entity (`@lawrow`) lands on that entity's
    /// first mention in it.
    fn to_entity(&self, jump: Jump) -> Jump {
        let Jump::Article(article) = jump else {
            return jump;
        };
        let entity = self
            .list
            .hits()
            .iter()
            .find(|h| h.article == article)
            .and_then(|h| match h.field {
                Field::Entity(e) => Some(e),
                _ => None,
            });
        entity
            .and_then(|e| self.shelf.article(article)?.nth_of(e, 0))
            .map_or(jump, Jump::Mention)
    }

    /// Carries out what a pane asked for.
    fn answer(&mut self, reply: Reply, now: Instant) {
        match reply {
            Reply::Done => {}
            Reply::Jump(jump) => self.jump(jump, now),
            Reply::JumpSaying(jump, status) => {
                self.jump(jump, now);
                self.status = Some(status);
            }
            Reply::Show(subject) => self.sidebar.show(Some(subject), false),
            Reply::Status(status) => self.status = Some(status),
        }
    }

    /// Keeps the finder's query for the next time it opens.
    fn keep_finder_query(&mut self) {
        if let Overlay::Finder(finder) = &self.overlay {
            self.finder_query = finder.query().to_string();
        }
    }

    fn cancel(&mut self) {
        self.keep_finder_query();
        if self.overlay.is_open() {
            if let Some(status) = self.overlay.cancel(&self.keymap) {
                self.status = Some(status);
            }
        } else if self.list.prompting() || self.focus == Focus::List {
            self.list.cancel(&self.shelf);
        } else if self.focus == Focus::Reader {
            self.reader.cancel();
        } else {
            self.focus = Focus::Reader;
        }
    }

    fn accept(&mut self, now: Instant) {
        self.keep_finder_query();
        if let Overlay::Search(view) = &mut self.overlay
            && view.prompting()
        {
            self.search_query = view.query().to_string();
            if let Err(why) = view.run(&self.shelf) {
                self.status = Some(Status::error(why));
            }
        } else if self.overlay.is_open() {
            if let Some(jump) = self.overlay.accept() {
                self.jump(jump, now);
            }
        } else if self.list.prompting() {
            self.list.close_prompt();
        } else if self.reader.find_prompting() {
            self.reader.find_accept(&self.geometry);
        }
    }

    /// Opens `article` and makes it the sidebar's subject; a changed article is saved.
    fn open(&mut self, article: ArticleId, at_block: Option<usize>) {
        let width = self.geometry.text_width;
        if self.reader.show(&self.shelf, article, at_block, width) {
            self.sidebar.show(Some(Subject::Article(article)), false);
            self.effects.push(Effect::Save);
        }
    }

    /// Carries out a jump, recording where the reader was so that Back returns there.
    pub fn jump(&mut self, jump: Jump, now: Instant) {
        match jump {
            Jump::Article(article) => {
                if self.reader.article() != Some(article) {
                    self.history.record(self.location());
                    self.open(article, None);
                }
                self.focus = Focus::Reader;
            }
            Jump::Mention(id) => {
                let Some(mention) = self.shelf.mention(id) else {
                    return;
                };
                self.history.record(self.location());
                if self.reader.article() != Some(mention.article) {
                    self.open(mention.article, mention.place.block());
                }
                let page = self.reader.page(&self.geometry);
                self.reader.land_on(id, &mention, now, page);
                self.sidebar
                    .show(Some(Subject::Entity(mention.entity)), false);
                self.focus = Focus::Reader;
            }
            Jump::Entity(entity) => {
                self.history.record(self.location());
                self.sidebar.show_from_top(Subject::Entity(entity));
                self.focus = Focus::Sidebar;
            }
            Jump::Place(article, block) => self.land(article, block, 0..usize::MAX, now),
            Jump::Passage(article, block, start, end) => self.land(article, block, start..end, now),
            Jump::Block(block) => {
                self.history.record(self.location());
                let page = self.reader.page(&self.geometry);
                self.reader.land_on_block(block, now, page);
            }
            Jump::Back | Jump::Forward => {
                let (here, back) = (self.location(), jump == Jump::Back);
                let to = if back {
                    self.history.back(here)
                } else {
                    self.history.forward(here)
                };
                match to {
                    Some(to) => self.go_to(to),
                    None if back => self.status = Some(Status::info("no earlier jump")),
                    None => self.status = Some(Status::info("nothing to go forward to")),
                }
            }
        }
    }

    /// Opens `article` if need be and flashes `range` of `block` (a jump's end).
    fn land(
        &mut self,
        article: ArticleId,
        block: usize,
        range: std::ops::Range<usize>,
        now: Instant,
    ) {
        self.history.record(self.location());
        if self.reader.article() != Some(article) {
            self.open(article, Some(block));
        }
        let page = self.reader.page(&self.geometry);
        self.reader.land_on_text(block, range, now, page);
        self.focus = Focus::Reader;
    }

    fn go_to(&mut self, to: Location) {
        match to.article {
            Some(a) => {
                if self.reader.article() != Some(a) {
                    self.open(a, to.top_block);
                }
                self.reader.return_to(&to);
                self.focus = Focus::Reader;
            }
            None => {
                self.reader.close(&self.shelf);
                self.effects.push(Effect::Save);
                self.focus = Focus::List;
            }
        }
        self.sidebar.show(to.subject, to.sidebar_pinned());
    }

    /// One mouse event (ignored while mouse capture is off): the wheel scrolls the pane under
    /// the pointer; a click selects, and a second click on the selection opens it.
    pub fn handle_mouse(&mut self, event: MouseEvent) -> Vec<Effect> {
        if self.mouse {
            self.mouse_event(event);
            self.settle();
        }
        std::mem::take(&mut self.effects)
    }

    fn mouse_event(&mut self, event: MouseEvent) {
        let Some(pointer) = mouse::read(&event, &self.geometry) else {
            return;
        };
        match (pointer, &mut self.overlay) {
            (Pointer::Wheel { down, .. }, Overlay::Help(help)) => help.wheel(down),
            (_, overlay) if overlay.is_open() => {}
            (Pointer::Wheel { pane: None, .. }, _) => {}
            (
                Pointer::Wheel {
                    down,
                    pane: Some(pane),
                },
                _,
            ) => match pane {
                Focus::List => {
                    let page = self.list.page(self.geometry.list_inner());
                    self.list.wheel(down, page);
                }
                Focus::Reader => self.reader.wheel(down),
                Focus::Sidebar => self.sidebar.wheel(down),
            },
            (Pointer::Click { pane, at }, _) => {
                self.status = None;
                self.focus = pane;
                let reply = match pane {
                    Focus::List => match self.list.click(self.geometry.list_inner(), at) {
                        Reply::Jump(jump) => Reply::Jump(self.to_entity(jump)),
                        reply => reply,
                    },
                    Focus::Reader => {
                        let (shelf, keymap) = (&self.shelf, &self.keymap);
                        self.reader.click(shelf, keymap, &self.geometry, at)
                    }
                    Focus::Sidebar => {
                        self.sidebar
                            .click(&self.shelf, self.geometry.sidebar_inner(), at)
                    }
                };
                self.answer(reply, Instant::now());
            }
        }
    }

    /// Restores every invariant after a change.
    fn settle(&mut self) {
        self.settle_panes();
        if let Some(error) = self.shelf.take_error() {
            self.status = Some(Status::error(error));
        }
    }

    fn settle_panes(&mut self) {
        self.arrange(self.size());
        if self.focus == Focus::Reader
            && self.reader.article().is_none()
            && !self.zoom
            && !self.geometry.shows(Focus::List)
        {
            // Nothing to read, and the list collapsed for it: the list keeps the screen.
            self.focus = Focus::List;
            self.arrange(self.size());
        }
        let page = self.list.page(self.geometry.list_inner());
        self.list.settle(page);
        self.reader.settle(&self.geometry);
        let open = self.reader.article();
        let (columns, rows) = (self.geometry.sidebar_columns, self.geometry.sidebar_rows());
        self.sidebar
            .set_note(study::card(&self.reader, &self.notes));
        self.sidebar
            .set_compound(curation::compound(&self.shelf, &self.reader));
        self.sidebar.settle(&self.shelf, open, columns, rows);
        let hyphenate = self.options.hyphenate;
        self.overlay.settle(&self.shelf, &self.geometry, hyphenate);
    }
}
