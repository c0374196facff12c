//! Bindings that load but cannot work as written, found before the reader starts: a key that
//! is also the start of a sequence (a user's binding wins over the default it collides with,
//! with a note), keys a terminal cannot tell apart, printable keys taken from a prompt, global
//! keys that every pane hides or makes wait, and quit or help left without a key.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Binding, Context, Keymap, Origin};
use crate::config::action::Action;
use crate::config::key::{Key, display_sequence};
use crate::diag::Diagnostic;

/// The panes a `[global]` key is meant for (prompts see it only with ctrl or alt).
const PANES: [Context; 3] = [Context::List, Context::Reader, Context::Sidebar];

/// Keys a plain terminal sends as another key: (written, what arrives).
fn arrives_as(key: &Key) -> Option<&'static str> {
    if !key.mods.contains(KeyModifiers::CONTROL) || key.mods.contains(KeyModifiers::ALT) {
        return None;
    }
    match key.code {
        KeyCode::Char('i') | KeyCode::Char('I') => Some("tab"),
        KeyCode::Char('m') | KeyCode::Char('M') => Some("enter"),
        KeyCode::Char('[') => Some("esc"),
        _ => None,
    }
}

fn is_ctrl_or_alt(keys: &[Key]) -> bool {
    keys.iter()
        .all(|k| k.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT))
}

impl Keymap {
    /// Where a user's binding and a default collide as a sequence and its prefix in one
    /// context (`"g g"` yours, `g` the default's), the user's wins: the default is unbound and
    /// a note says so.
    pub(super) fn yield_defaults(&mut self) -> Vec<Diagnostic> {
        let mut notes = Vec::new();
        for (context, table) in self.tables.iter_mut() {
            let mut yielded: Vec<Vec<Key>> = Vec::new();
            for (keys, binding) in table.iter() {
                for cut in 1..keys.len() {
                    let prefix = &keys[..cut];
                    let Some(other) = table.get(prefix) else {
                        continue;
                    };
                    let (user, user_keys, default, default_keys) =
                        match (binding.origin, other.origin) {
                            (Origin::User, Origin::Default) => {
                                (binding, keys.as_slice(), other, prefix)
                            }
                            (Origin::Default, Origin::User) => {
                                (other, prefix, binding, keys.as_slice())
                            }
                            _ => continue,
                        };
                    if yielded.iter().any(|y| y == default_keys) {
                        continue;
                    }
                    yielded.push(default_keys.to_vec());
                    notes.push(Diagnostic::warning(
                        user.path.as_str(),
                        Some(user.position),
                        format!(
                            "your `{}` = \"{}\" wins over the default `{}` = \"{}\" in [{}], which is unbound (write \"{}\" = \"none\" to say so and silence this)",
                            display_sequence(user_keys),
                            user.action.name(),
                            display_sequence(default_keys),
                            default.action.name(),
                            context.name(),
                            display_sequence(default_keys),
                        ),
                    ));
                }
            }
            for keys in yielded {
                table.remove(&keys);
            }
        }
        notes
    }

    /// A key that is both a binding and the start of a sequence in the same context, where
    /// neither is a default the other overrides. Each sequence looks up its own proper
    /// prefixes, so this is linear in the bindings.
    pub(super) fn sequence_conflicts(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (context, table) in &self.tables {
            for (other, other_binding) in table {
                for cut in 1..other.len() {
                    let keys = &other[..cut];
                    if let Some(binding) = table.get(keys) {
                        problems.push(Diagnostic::error(
                            other_binding.path.as_str(),
                            Some(other_binding.position),
                            format!(
                                "`{}` starts with `{}` in [{}]: `{}` would never fire; unbind one of them with \"none\" ({}:{})",
                                display_sequence(other),
                                display_sequence(keys),
                                context.name(),
                                display_sequence(other),
                                binding.path,
                                binding.position.line
                            ),
                        ));
                    }
                }
            }
        }
        problems
    }

    /// Keys a terminal sends as another key (ctrl-i is tab, ctrl-m enter, ctrl-[ esc): such a
    /// binding would be shown in hints and never fire.
    pub(super) fn indistinguishable(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (context, table) in &self.tables {
            for (keys, binding) in table {
                for key in keys {
                    if let Some(real) = arrives_as(key) {
                        problems.push(Diagnostic::error(
                            binding.path.as_str(),
                            Some(binding.position),
                            format!(
                                "`{}` in [{}] arrives as `{real}`: a terminal cannot tell them apart; bind `{real}` instead",
                                display_sequence(std::slice::from_ref(key)),
                                context.name(),
                            ),
                        ));
                    }
                }
            }
        }
        problems
    }

    /// Warnings for bindings that load but do not do what they say.
    pub(super) fn traps(&self) -> Vec<Diagnostic> {
        let mut warnings = Vec::new();
        let warn = |warnings: &mut Vec<Diagnostic>, b: &Binding, message: String| {
            warnings.push(Diagnostic::warning(
                b.path.as_str(),
                Some(b.position),
                message,
            ));
        };
        for (&context, table) in &self.tables {
            if !context.is_modal() {
                continue;
            }
            for (keys, binding) in table {
                if let Some(c) = keys.first().and_then(Key::typed_char) {
                    warn(
                        &mut warnings,
                        binding,
                        format!(
                            "`{}` in [{}] takes `{c}` from the prompt: it can no longer be typed there",
                            display_sequence(keys),
                            context.name()
                        ),
                    );
                }
            }
        }
        let Some(global) = self.tables.get(&Context::Global) else {
            return warnings;
        };
        for (keys, binding) in global {
            let mut hidden = Vec::new();
            for pane in PANES {
                let Some(table) = self.tables.get(&pane) else {
                    continue;
                };
                if table.contains_key(keys)
                    || (1..keys.len()).any(|cut| table.contains_key(&keys[..cut]))
                {
                    hidden.push(pane);
                } else if let Some(longer) = table
                    .keys()
                    .find(|k| k.len() > keys.len() && k.starts_with(keys))
                {
                    hidden.push(pane);
                    warn(
                        &mut warnings,
                        binding,
                        format!(
                            "`{}` in [global] never fires in [{}], where it starts `{}` and waits for the next key",
                            display_sequence(keys),
                            pane.name(),
                            display_sequence(longer)
                        ),
                    );
                }
            }
            if hidden.len() == PANES.len() && !is_ctrl_or_alt(keys) {
                warn(
                    &mut warnings,
                    binding,
                    format!(
                        "`{}` = \"{}\" in [global] can never fire: [list], [reader] and [sidebar] all bind it",
                        display_sequence(keys),
                        binding.action.name()
                    ),
                );
            }
        }
        warnings
    }

    /// Warnings for actions that no key reaches; for quit and help, what that leaves.
    pub(super) fn unbound_actions(&self, path: &str) -> Vec<Diagnostic> {
        Action::bindable()
            .filter(|&a| {
                self.tables
                    .values()
                    .all(|t| t.values().all(|b| b.action != a))
            })
            .map(|a| {
                let message = match a {
                    Action::Quit => "action `quit` has no key: nothing quits the reader but a signal; bind one, e.g. q = \"quit\" in [global]".to_string(),
                    Action::Help => "action `help` has no key: there is no way to see the keys; bind one, e.g. f1 = \"help\" in [global]".to_string(),
                    _ => format!("action `{}` has no key", a.name()),
                };
                Diagnostic::warning(path, None, message)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Lookup;
    use super::*;
    use crate::config::key::parse_sequence;

    fn load(text: &str) -> Result<(Keymap, Vec<String>), Vec<String>> {
        Keymap::load(Some(("keys.toml", text)))
            .map(|(k, w)| (k, w.iter().map(|d| d.to_string()).collect()))
            .map_err(|e| e.0.iter().map(|d| d.to_string()).collect())
    }

    fn keys(text: &str) -> Vec<Key> {
        parse_sequence(text).unwrap()
    }

    #[test]
    fn the_readme_example_g_g_top_wins_over_the_default_g_with_a_note() {
        let (keymap, warnings) = load("[reader]\n\"g g\" = \"top\"\n").unwrap();
        assert!(
            warnings.iter().any(|w| w.starts_with("keys.toml:2:1:")
                && w.contains("wins over the default `g` = \"top\" in [reader]")),
            "{warnings:?}"
        );
        assert!(matches!(
            keymap.lookup(Context::Reader, &keys("g")),
            Lookup::Pending(_)
        ));
        assert_eq!(
            keymap.lookup(Context::Reader, &keys("g g")),
            Lookup::Action(Action::Top)
        );
        assert_eq!(
            keymap.lookup(Context::List, &keys("g")),
            Lookup::Action(Action::Top),
            "other contexts keep their g"
        );
    }

    #[test]
    fn a_users_single_key_wins_over_the_default_sequence_it_starts() {
        let (keymap, warnings) = load("[reader]\nz = \"top\"\n").unwrap();
        assert!(warnings.iter().any(|w| w.contains("`z z`")), "{warnings:?}");
        assert_eq!(
            keymap.lookup(Context::Reader, &keys("z")),
            Lookup::Action(Action::Top)
        );
    }

    #[test]
    fn keys_a_terminal_cannot_tell_apart_are_rejected() {
        for (key, real) in [("ctrl-i", "tab"), ("ctrl-m", "enter"), ("ctrl-[", "esc")] {
            let errors = load(&format!("[global]\n\"{key}\" = \"help\"\n")).unwrap_err();
            assert!(
                errors.iter().any(|e| e.starts_with("keys.toml:2:1:")
                    && e.contains(&format!("arrives as `{real}`"))),
                "{key}: {errors:?}"
            );
        }
        assert!(load("[global]\ntab = \"help\"\n").is_ok());
    }

    #[test]
    fn a_printable_key_bound_in_a_prompt_is_warned_about() {
        let (_, warnings) = load("[filter]\nj = \"down\"\n").unwrap();
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("`j` in [filter] takes `j` from the prompt")),
            "{warnings:?}"
        );
        let (_, fine) = load("[filter]\n\"ctrl-j\" = \"down\"\n").unwrap();
        assert!(fine.is_empty(), "{fine:?}");
    }

    #[test]
    fn a_global_key_every_pane_binds_is_warned_about() {
        let (_, warnings) = load("[global]\nj = \"quit\"\n").unwrap();
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("`j` = \"quit\" in [global] can never fire")),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_global_key_that_starts_a_panes_sequence_is_warned_about_and_left_out_of_its_hints() {
        let (keymap, warnings) = load("[global]\nz = \"quit\"\n").unwrap();
        assert!(
            warnings
                .iter()
                .any(|w| w
                    .contains("`z` in [global] never fires in [reader], where it starts `z z`")),
            "{warnings:?}"
        );
        assert!(
            !keymap
                .keys_for(Context::Reader, Action::Quit)
                .contains(&"z".to_string())
        );
        assert!(
            keymap
                .keys_for(Context::List, Action::Quit)
                .contains(&"z".to_string())
        );
    }

    #[test]
    fn unbinding_every_quit_key_says_what_that_leaves() {
        let (_, warnings) = load("[global]\nq = \"none\"\n\"ctrl-c\" = \"none\"\n").unwrap();
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("`quit` has no key: nothing quits")),
            "{warnings:?}"
        );
    }
}
