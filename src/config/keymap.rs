//! The keymap: per context, key sequences mapped to actions.
//!
//! The defaults live in `config/keys.toml`, compiled in; a user's file is laid over them key by
//! key (`"none"` unbinds). Loading validates everything before the terminal is touched and
//! reports each problem as `path:line:col: message`. A context's binding shadows a global one;
//! prompts are modal and fall back to global bindings only for ctrl/alt keys.

use std::collections::HashMap;

use toml::de::{DeTable, DeValue};

use super::action::Action;
use super::key::{Key, display_sequence, parse_sequence};
use crate::diag::{Diagnostic, LineIndex, Position};
use crate::suggest::did_you_mean;

mod traps;

/// The default keymap, as shipped in `config/keys.toml`.
pub const DEFAULT_KEYS: &str = include_str!("../../config/keys.toml");
/// How the default keymap file is named in messages.
pub const DEFAULT_KEYS_PATH: &str = "(bundled)/config/keys.toml";

macro_rules! contexts {
    ($($variant:ident = $name:literal : $doc:literal,)*) => {
        /// Where a key is pressed; each has its own table in keys.toml.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Context {
            $($variant,)*
        }

        impl Context {
            pub const ALL: &'static [Context] = &[$(Context::$variant,)*];

            pub fn name(self) -> &'static str {
                match self {
                    $(Context::$variant => $name,)*
                }
            }

            pub fn description(self) -> &'static str {
                match self {
                    $(Context::$variant => $doc,)*
                }
            }
        }
    };
}

contexts! {
    Global = "global": "everywhere, unless a pane or prompt binds the key itself",
    List = "list": "the article list",
    Reader = "reader": "the reading pane",
    Sidebar = "sidebar": "the fact sidebar",
    Filter = "filter": "the filter prompt over the list",
    Finder = "finder": "the entity finder",
    Find = "find": "the find prompt of the reading pane",
    Help = "help": "the help screen",
    HelpSearch = "help_search": "the search prompt of the help screen",
    Timeline = "timeline": "the timeline view (typing narrows it)",
    Search = "search": "the passage search's results",
    SearchPrompt = "search_prompt": "the passage search's prompt",
    Compare = "compare": "two passages side by side (stacked below 100 columns)",
    Visual = "visual": "the reading pane while a selection is made (visual mode)",
    Note = "note": "the note editor popup",
    Annotations = "annotations": "the annotations view (typing narrows it)",
    SavePath = "save_path": "the path prompt of an export from the annotations view",
    Suggestions = "suggestions": "the suggestions view: names the catalogue lacks, and the card of selected words",
}

impl Context {
    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.iter().copied().find(|c| c.name() == name)
    }

    /// Prompts take typed keys; global bindings reach them only with ctrl or alt.
    pub fn is_modal(self) -> bool {
        matches!(
            self,
            Context::Filter
                | Context::Finder
                | Context::Find
                | Context::HelpSearch
                | Context::Timeline
                | Context::SearchPrompt
                | Context::Note
                | Context::Annotations
                | Context::SavePath
        )
    }
}

/// Where a binding comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Default,
    User,
}

impl Origin {
    pub fn name(self) -> &'static str {
        match self {
            Origin::Default => "default",
            Origin::User => "user",
        }
    }
}

#[derive(Clone, Debug)]
struct Binding {
    action: Action,
    origin: Origin,
    /// Where it was written (for problems found after the overlay).
    path: String,
    position: Position,
    /// Order of writing; a user's bindings come before the defaults. The first key of an
    /// action is the one hints show.
    rank: (bool, usize),
}

/// What a key press (after any pending keys) means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A complete binding.
    Action(Action),
    /// The start of one or more sequences; the popup lists what may follow.
    Pending(Vec<(Vec<Key>, Action)>),
    /// Nothing is bound.
    Unbound,
}

/// One row of the effective keymap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub origin: Origin,
}

/// The effective keymap.
#[derive(Clone, Debug)]
pub struct Keymap {
    tables: HashMap<Context, HashMap<Vec<Key>, Binding>>,
    /// Built once the bindings are final: every row, and the keys of each (context, action),
    /// so help and hints read them without recomputing on every frame.
    rows: Vec<Row>,
    keys: HashMap<(Context, Action), Vec<String>>,
}

/// A keymap file that could not be used: every problem in it.
#[derive(Clone, Debug)]
pub struct KeymapErrors(pub Vec<Diagnostic>);

impl Keymap {
    /// The defaults alone. The shipped file is tested to be valid; should it ever not be, the
    /// valid part is used.
    pub fn defaults() -> Keymap {
        let mut keymap = Keymap::empty();
        let _ = keymap.overlay(DEFAULT_KEYS_PATH, DEFAULT_KEYS, Origin::Default);
        keymap.index();
        keymap
    }

    fn empty() -> Keymap {
        Keymap {
            tables: HashMap::new(),
            rows: Vec::new(),
            keys: HashMap::new(),
        }
    }

    /// Fills the row and reverse-lookup caches from the final bindings.
    fn index(&mut self) {
        self.rows = self.compute_rows();
        self.keys.clear();
        for &context in Context::ALL {
            for &action in Action::ALL {
                let keys = self.compute_keys_for(context, action);
                if !keys.is_empty() {
                    self.keys.insert((context, action), keys);
                }
            }
        }
    }

    /// The defaults with a user's file laid over them. Errors stop the load; warnings (an
    /// action without any key) come back with the keymap.
    pub fn load(user: Option<(&str, &str)>) -> Result<(Keymap, Vec<Diagnostic>), KeymapErrors> {
        let mut keymap = Keymap::empty();
        let mut problems = keymap.overlay(DEFAULT_KEYS_PATH, DEFAULT_KEYS, Origin::Default);
        let mut warnings = Vec::new();
        if let Some((path, text)) = user {
            problems.extend(keymap.overlay(path, text, Origin::User));
            warnings.extend(keymap.yield_defaults());
        }
        problems.extend(keymap.sequence_conflicts());
        problems.extend(keymap.indistinguishable());
        problems.sort_by(|a, b| a.path.cmp(&b.path).then(a.position.cmp(&b.position)));
        if !problems.is_empty() {
            return Err(KeymapErrors(problems));
        }
        keymap.index();
        warnings.extend(keymap.traps());
        warnings.extend(keymap.unbound_actions(user.map_or(DEFAULT_KEYS_PATH, |(p, _)| p)));
        Ok((keymap, warnings))
    }

    /// Lays the bindings of one file over the current ones; returns the problems of that file.
    fn overlay(&mut self, path: &str, text: &str, origin: Origin) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let lines = LineIndex::new(text);
        let at = |offset: usize| Some(lines.position(offset));
        let root = match DeTable::parse(text) {
            Ok(root) => root,
            Err(e) => return vec![Diagnostic::from_toml(path, text, 1, &e)],
        };
        for (context_name, value) in root.get_ref() {
            let context_text = context_name.get_ref().as_ref();
            let Some(context) = Context::from_name(context_text) else {
                let hint = did_you_mean(context_text, Context::ALL.iter().map(|c| c.name()));
                problems.push(Diagnostic::error(
                    path,
                    at(context_name.span().start),
                    format!("unknown context `[{context_text}]`{hint}"),
                ));
                continue;
            };
            let DeValue::Table(bindings) = value.get_ref() else {
                problems.push(Diagnostic::error(
                    path,
                    at(context_name.span().start),
                    format!("`{context_text}` must be a table: [{context_text}] followed by key = \"action\" lines"),
                ));
                continue;
            };
            // Keys of this file in this context, normalised, to find duplicates.
            let mut seen: HashMap<Vec<Key>, (String, Position)> = HashMap::new();
            for (key_text, action_value) in bindings {
                let key_str = key_text.get_ref().as_ref();
                let key_position = lines.position(key_text.span().start);
                let keys = match parse_sequence(key_str) {
                    Ok(keys) => keys,
                    Err(message) => {
                        problems.push(Diagnostic::error(path, Some(key_position), message));
                        continue;
                    }
                };
                let DeValue::String(action_name) = action_value.get_ref() else {
                    problems.push(Diagnostic::error(
                        path,
                        at(action_value.span().start),
                        format!("the action for `{key_str}` must be a string such as \"quit\""),
                    ));
                    continue;
                };
                let Some(action) = Action::from_name(action_name) else {
                    let hint = did_you_mean(action_name, Action::ALL.iter().map(|a| a.name()));
                    problems.push(Diagnostic::error(
                        path,
                        at(action_value.span().start),
                        format!("unknown action `{action_name}` in [{context_text}]{hint}"),
                    ));
                    continue;
                };
                if let Some((first, first_position)) = seen.get(&keys) {
                    problems.push(Diagnostic::error(
                        path,
                        Some(key_position),
                        format!(
                            "`{key_str}` is the same key as `{first}` (line {}) in [{context_text}]",
                            first_position.line
                        ),
                    ));
                    continue;
                }
                seen.insert(keys.clone(), (key_str.to_string(), key_position));
                let table = self.tables.entry(context).or_default();
                if action == Action::None {
                    table.remove(&keys);
                } else {
                    table.insert(
                        keys,
                        Binding {
                            action,
                            origin,
                            path: path.to_string(),
                            position: key_position,
                            rank: (
                                origin == Origin::Default,
                                key_position.line * 10_000 + key_position.col,
                            ),
                        },
                    );
                }
            }
        }
        problems
    }

    /// What `pending` (the keys pressed so far, the newest last) means in `context`.
    pub fn lookup(&self, context: Context, pending: &[Key]) -> Lookup {
        let own = self.lookup_in(context, pending);
        if own != Lookup::Unbound || context == Context::Global {
            return own;
        }
        let modified = pending.iter().all(|k| {
            k.mods.intersects(
                crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT,
            )
        });
        if context.is_modal() && !modified {
            return Lookup::Unbound;
        }
        self.lookup_in(Context::Global, pending)
    }

    fn lookup_in(&self, context: Context, pending: &[Key]) -> Lookup {
        let Some(table) = self.tables.get(&context) else {
            return Lookup::Unbound;
        };
        if let Some(binding) = table.get(pending) {
            return Lookup::Action(binding.action);
        }
        let mut continuations: Vec<(Vec<Key>, Action)> = table
            .iter()
            .filter(|(keys, _)| keys.len() > pending.len() && keys.starts_with(pending))
            .map(|(keys, b)| (keys[pending.len()..].to_vec(), b.action))
            .collect();
        if continuations.is_empty() {
            return Lookup::Unbound;
        }
        continuations.sort_by_key(|(keys, _)| display_sequence(keys));
        Lookup::Pending(continuations)
    }

    /// The keys that run `action` in `context` (its own bindings first, then global ones it
    /// does not shadow), each shown as in keys.toml.
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<String> {
        self.keys
            .get(&(context, action))
            .cloned()
            .unwrap_or_default()
    }

    fn compute_keys_for(&self, context: Context, action: Action) -> Vec<String> {
        let mut found = self.keys_in(context, action);
        if context != Context::Global {
            let own = self.tables.get(&context);
            for keys in self.keys_in_raw(Context::Global, action) {
                // Bound there, or a prefix of a sequence there (it would wait), or behind
                // one of its keys.
                let shadowed = own.is_some_and(|t| {
                    t.keys()
                        .any(|own| own.starts_with(&keys) || keys.starts_with(own))
                });
                let reachable = !context.is_modal()
                    || keys.iter().all(|k| {
                        k.mods.intersects(
                            crossterm::event::KeyModifiers::CONTROL
                                | crossterm::event::KeyModifiers::ALT,
                        )
                    });
                if !shadowed && reachable {
                    found.push(display_sequence(&keys));
                }
            }
        }
        found
    }

    /// The first key for `action` in `context`, for hints.
    pub fn first_key(&self, context: Context, action: Action) -> Option<String> {
        self.keys
            .get(&(context, action))
            .and_then(|k| k.first())
            .cloned()
    }

    fn keys_in(&self, context: Context, action: Action) -> Vec<String> {
        self.keys_in_raw(context, action)
            .iter()
            .map(|k| display_sequence(k))
            .collect()
    }

    fn keys_in_raw(&self, context: Context, action: Action) -> Vec<Vec<Key>> {
        let mut keys: Vec<(&Vec<Key>, &Binding)> = self
            .tables
            .get(&context)
            .into_iter()
            .flat_map(|t| t.iter())
            .filter(|(_, b)| b.action == action)
            .collect();
        // The user's keys first, then in the order the files list them.
        keys.sort_by_key(|(_, b)| b.rank);
        keys.into_iter().map(|(k, _)| k.clone()).collect()
    }

    /// Every binding, by context, then action order, then key.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    fn compute_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for &context in Context::ALL {
            let Some(table) = self.tables.get(&context) else {
                continue;
            };
            let mut entries: Vec<Row> = table
                .iter()
                .map(|(keys, b)| Row {
                    context,
                    keys: keys.clone(),
                    action: b.action,
                    origin: b.origin,
                })
                .collect();
            entries.sort_by_key(|r| (r.action, display_sequence(&r.keys)));
            rows.extend(entries);
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::key::parse_key;

    fn keys(text: &str) -> Vec<Key> {
        parse_sequence(text).unwrap()
    }

    fn user(text: &str) -> Result<(Keymap, Vec<Diagnostic>), KeymapErrors> {
        Keymap::load(Some(("keys.toml", text)))
    }

    fn errors(text: &str) -> Vec<String> {
        match user(text) {
            Ok(_) => panic!("expected problems in {text:?}"),
            Err(KeymapErrors(problems)) => problems.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn the_default_keymap_parses_without_conflicts() {
        let (keymap, warnings) = Keymap::load(None).unwrap_or_else(|e| panic!("{:?}", e.0));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            keymap.lookup(Context::Global, &keys("q")),
            Lookup::Action(Action::Quit)
        );
    }

    #[test]
    fn every_action_has_a_default_key() {
        let keymap = Keymap::defaults();
        for action in Action::bindable() {
            let bound = Context::ALL
                .iter()
                .any(|&c| !keymap.keys_in(c, action).is_empty());
            assert!(bound, "no default key for `{}`", action.name());
        }
    }

    #[test]
    fn ctrl_i_and_tab_are_never_two_default_bindings() {
        let keymap = Keymap::defaults();
        for &context in Context::ALL {
            let ctrl_i = keymap.lookup_in(context, &[parse_key("ctrl-i").unwrap()]);
            assert_eq!(ctrl_i, Lookup::Unbound, "ctrl-i bound in {context:?}");
        }
    }

    #[test]
    fn user_file_overlays_key_by_key() {
        let (keymap, _) = user("[global]\nx = \"quit\"\n").unwrap();
        assert_eq!(
            keymap.lookup(Context::Global, &keys("x")),
            Lookup::Action(Action::Quit)
        );
        // Defaults that were not mentioned stay.
        assert_eq!(
            keymap.lookup(Context::Global, &keys("q")),
            Lookup::Action(Action::Quit)
        );
        let origin = keymap
            .rows()
            .iter()
            .find(|r| r.keys == keys("x"))
            .unwrap()
            .origin;
        assert_eq!(origin, Origin::User);
    }

    #[test]
    fn none_unbinds_a_default() {
        let (keymap, _) = user("[global]\nq = \"none\"\nx = \"quit\"\n").unwrap();
        assert_eq!(keymap.lookup(Context::List, &keys("q")), Lookup::Unbound);
        assert_eq!(
            keymap.keys_for(Context::List, Action::Quit),
            vec!["x", "ctrl-c"]
        );
    }

    #[test]
    fn hints_show_the_users_key_first_then_the_files_order() {
        let keymap = Keymap::defaults();
        assert_eq!(
            keymap.first_key(Context::List, Action::Open).as_deref(),
            Some("enter")
        );
        assert_eq!(
            keymap.first_key(Context::Reader, Action::Back).as_deref(),
            Some("ctrl-o")
        );
        let (keymap, _) = user("[global]\nx = \"quit\"\n").unwrap();
        assert_eq!(
            keymap.first_key(Context::List, Action::Quit).as_deref(),
            Some("x")
        );
    }

    #[test]
    fn unbinding_the_only_key_of_an_action_is_a_warning() {
        let (_, warnings) = user(
            "[global]\n\"?\" = \"none\"\nf1 = \"none\"\n[help]\n\"?\" = \"none\"\nf1 = \"none\"\nq = \"none\"\n",
        )
        .unwrap();
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("`help` has no key")),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_context_binding_shadows_a_global_one() {
        let (keymap, _) = user("[global]\nx = \"quit\"\n[reader]\nx = \"top\"\n").unwrap();
        assert_eq!(
            keymap.lookup(Context::Reader, &keys("x")),
            Lookup::Action(Action::Top)
        );
        assert_eq!(
            keymap.lookup(Context::List, &keys("x")),
            Lookup::Action(Action::Quit)
        );
        assert!(
            !keymap
                .keys_for(Context::Reader, Action::Quit)
                .contains(&"x".to_string())
        );
    }

    #[test]
    fn prompts_take_plain_keys_and_pass_ctrl_keys_to_global() {
        let keymap = Keymap::defaults();
        assert_eq!(keymap.lookup(Context::Filter, &keys("q")), Lookup::Unbound);
        assert_eq!(
            keymap.lookup(Context::Filter, &keys("ctrl-c")),
            Lookup::Action(Action::Quit)
        );
    }

    #[test]
    fn sequences_wait_and_then_fire() {
        let (keymap, _) = user("[reader]\n\"x t\" = \"top\"\n\"x b\" = \"bottom\"\n").unwrap();
        match keymap.lookup(Context::Reader, &keys("x")) {
            Lookup::Pending(next) => {
                let shown: Vec<String> = next
                    .iter()
                    .map(|(k, a)| format!("{} {}", display_sequence(k), a.name()))
                    .collect();
                assert_eq!(shown, ["b bottom", "t top"]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            keymap.lookup(Context::Reader, &keys("x t")),
            Lookup::Action(Action::Top)
        );
        assert_eq!(
            keymap.lookup(Context::Reader, &keys("x x")),
            Lookup::Unbound
        );
    }

    #[test]
    fn problems_are_reported_at_their_line_and_column() {
        let e = errors("[global]\nq = \"qiut\"\n");
        assert_eq!(
            e,
            ["keys.toml:2:5: unknown action `qiut` in [global] (did you mean `quit`?)"]
        );
        let e = errors("[globl]\nq = \"quit\"\n");
        assert_eq!(
            e,
            [
                "keys.toml:1:2: unknown context `[globl]` (did you mean `[global]`?)"
                    .replace("`[global]`", "`global`")
            ]
        );
        let e = errors("[reader]\n\"ctrl-banana\" = \"top\"\n");
        assert!(
            e[0].starts_with("keys.toml:2:1: unknown key `banana`"),
            "{e:?}"
        );
        let e = errors("[reader]\nq = 5\n");
        assert!(
            e[0].starts_with("keys.toml:2:5: the action for `q` must be a string"),
            "{e:?}"
        );
        let e = errors("[reader]\nq = \"quit\n");
        assert!(e[0].starts_with("keys.toml:2:"), "{e:?}");
        let e = errors("global = 1\n");
        assert!(e[0].contains("must be a table"), "{e:?}");
    }

    #[test]
    fn the_same_key_twice_once_normalised_is_a_problem() {
        let e = errors("[reader]\n\"ctrl-o\" = \"back\"\n\"Ctrl-O\" = \"top\"\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains("is the same key as"), "{e:?}");
        assert!(e[0].starts_with("keys.toml:"), "{e:?}");
    }

    #[test]
    fn a_key_that_also_starts_a_sequence_is_a_problem() {
        let e = errors("[list]\nx = \"top\"\n\"x y\" = \"bottom\"\n");
        assert!(e.iter().any(|p| p.contains("starts with `x`")), "{e:?}");
    }

    #[test]
    fn every_problem_of_a_file_is_reported_not_just_the_first() {
        let e = errors("[global]\nq = \"qiut\"\nw = \"hlep\"\n[nope]\n");
        assert_eq!(e.len(), 3, "{e:?}");
    }
}
