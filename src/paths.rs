//! Where the inputs come from: command-line flag, then environment, then `./articles` and
//! `./config/…` when present, then the XDG data/config directories, then the copies bundled
//! into the binary. Also where reader state lives (`$XDG_STATE_HOME/dossier`).
//!
//! Resolution is a pure function of the flags, an environment lookup and the working directory,
//! so it is tested without touching the real environment.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Where articles or the catalogue are read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file or directory on disk, and how it was chosen.
    Disk(PathBuf, Reason),
    /// The copy compiled into the binary.
    Bundled,
}

/// Why a path was chosen; explicit choices must exist, found ones do by construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Flag,
    Environment,
    WorkingDirectory,
    Xdg,
}

/// The resolved inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inputs {
    pub articles: Origin,
    pub catalogue: Origin,
    /// The user's keymap file, if any: `--keys`, else `$XDG_CONFIG_HOME/dossier/keys.toml` when
    /// present.
    pub keys: Option<PathBuf>,
    /// The user's settings file, if any: `--config`, else `$XDG_CONFIG_HOME/dossier/config.toml`
    /// when present.
    pub config: Option<PathBuf>,
    /// Follow symbolic links out of the articles directory (`--follow-links`).
    pub follow_links: bool,
}

/// Flags as given on the command line.
#[derive(Clone, Debug, Default)]
pub struct Flags {
    pub articles: Option<PathBuf>,
    pub catalogue: Option<PathBuf>,
    pub keys: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub follow_links: bool,
}

/// Looks up an environment variable.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<OsString>;

/// The process environment.
pub fn process_env(name: &str) -> Option<OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}

fn home(env: Env) -> Option<PathBuf> {
    env("HOME").map(PathBuf::from)
}

/// `$XDG_CONFIG_HOME/dossier`, defaulting to `~/.config/dossier`.
pub fn config_dir(env: Env) -> Option<PathBuf> {
    xdg(env, "XDG_CONFIG_HOME", ".config")
}

/// `$XDG_DATA_HOME/dossier`, defaulting to `~/.local/share/dossier`.
pub fn data_dir(env: Env) -> Option<PathBuf> {
    xdg(env, "XDG_DATA_HOME", ".local/share")
}

/// `$XDG_STATE_HOME/dossier`, defaulting to `~/.local/state/dossier`.
pub fn state_dir(env: Env) -> Option<PathBuf> {
    xdg(env, "XDG_STATE_HOME", ".local/state")
}

/// `$XDG_CACHE_HOME/dossier`, defaulting to `~/.cache/dossier`: the index lives here.
pub fn cache_dir(env: Env) -> Option<PathBuf> {
    xdg(env, "XDG_CACHE_HOME", ".cache")
}

fn xdg(env: Env, variable: &str, fallback: &str) -> Option<PathBuf> {
    let base = env(variable)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| home(env).map(|h| h.join(fallback)))?;
    Some(base.join("dossier"))
}

/// Resolves every input; see the module documentation for the order.
pub fn resolve(flags: &Flags, env: Env, cwd: &Path) -> Inputs {
    let articles = pick(
        flags.articles.clone(),
        env("DOSSIER_ARTICLES").map(PathBuf::from),
        cwd.join("articles"),
        data_dir(env).map(|d| d.join("articles")),
        Path::is_dir,
    );
    let catalogue = pick(
        flags.catalogue.clone(),
        env("DOSSIER_CATALOGUE").map(PathBuf::from),
        cwd.join("config").join("entities.toml"),
        config_dir(env).map(|d| d.join("entities.toml")),
        Path::is_file,
    );
    let user_file = |flag: &Option<PathBuf>, name: &str| {
        flag.clone().or_else(|| {
            // Anything there counts, so a pipe or a directory in its place is reported rather
            // than silently passed over (the reader refuses all but a regular file).
            config_dir(env).map(|d| d.join(name)).filter(|p| p.exists())
        })
    };
    Inputs {
        articles,
        catalogue,
        keys: user_file(&flags.keys, "keys.toml"),
        config: user_file(&flags.config, "config.toml"),
        follow_links: flags.follow_links,
    }
}

fn pick(
    flag: Option<PathBuf>,
    env: Option<PathBuf>,
    local: PathBuf,
    xdg: Option<PathBuf>,
    exists: fn(&Path) -> bool,
) -> Origin {
    if let Some(p) = flag {
        return Origin::Disk(p, Reason::Flag);
    }
    if let Some(p) = env {
        return Origin::Disk(p, Reason::Environment);
    }
    if exists(&local) {
        return Origin::Disk(local, Reason::WorkingDirectory);
    }
    if let Some(p) = xdg.filter(|p| exists(p)) {
        return Origin::Disk(p, Reason::Xdg);
    }
    Origin::Bundled
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &Path)]) -> impl Fn(&str) -> Option<OsString> + use<> {
        let map: HashMap<String, OsString> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_os_str().to_owned()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn flag_beats_everything() {
        let tmp = tempfile::tempdir().unwrap();
        let env = env_of(&[("DOSSIER_ARTICLES", Path::new("/elsewhere"))]);
        let flags = Flags {
            articles: Some("/given".into()),
            ..Flags::default()
        };
        let inputs = resolve(&flags, &env, tmp.path());
        assert_eq!(inputs.articles, Origin::Disk("/given".into(), Reason::Flag));
    }

    #[test]
    fn environment_beats_the_working_directory() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("articles")).unwrap();
        let env = env_of(&[("DOSSIER_ARTICLES", Path::new("/from-env"))]);
        let inputs = resolve(&Flags::default(), &env, tmp.path());
        assert_eq!(
            inputs.articles,
            Origin::Disk("/from-env".into(), Reason::Environment)
        );
    }

    #[test]
    fn working_directory_then_xdg_then_bundled() {
        let tmp = tempfile::tempdir().unwrap();
        let cwd = tmp.path().join("cwd");
        let data = tmp.path().join("data");
        std::fs::create_dir_all(&cwd).unwrap();
        let env = env_of(&[("XDG_DATA_HOME", &data), ("HOME", tmp.path())]);
        assert_eq!(
            resolve(&Flags::default(), &env, &cwd).articles,
            Origin::Bundled
        );
        std::fs::create_dir_all(data.join("dossier/articles")).unwrap();
        assert_eq!(
            resolve(&Flags::default(), &env, &cwd).articles,
            Origin::Disk(data.join("dossier/articles"), Reason::Xdg)
        );
        std::fs::create_dir_all(cwd.join("articles")).unwrap();
        assert_eq!(
            resolve(&Flags::default(), &env, &cwd).articles,
            Origin::Disk(cwd.join("articles"), Reason::WorkingDirectory)
        );
    }

    #[test]
    fn catalogue_is_found_in_config_dirs() {
        let tmp = tempfile::tempdir().unwrap();
        let config = tmp.path().join("config");
        std::fs::create_dir_all(config.join("dossier")).unwrap();
        std::fs::write(config.join("dossier/entities.toml"), "").unwrap();
        let env = env_of(&[("XDG_CONFIG_HOME", &config)]);
        let inputs = resolve(&Flags::default(), &env, tmp.path());
        assert_eq!(
            inputs.catalogue,
            Origin::Disk(config.join("dossier/entities.toml"), Reason::Xdg)
        );
    }

    #[test]
    fn relative_xdg_values_are_ignored_and_home_is_the_fallback() {
        let tmp = tempfile::tempdir().unwrap();
        let env = env_of(&[
            ("XDG_STATE_HOME", Path::new("relative")),
            ("HOME", tmp.path()),
        ]);
        assert_eq!(
            state_dir(&env),
            Some(tmp.path().join(".local/state/dossier"))
        );
    }

    #[test]
    fn user_keymap_only_when_present_or_given() {
        let tmp = tempfile::tempdir().unwrap();
        let env = env_of(&[("XDG_CONFIG_HOME", tmp.path())]);
        assert_eq!(resolve(&Flags::default(), &env, tmp.path()).keys, None);
        std::fs::create_dir_all(tmp.path().join("dossier")).unwrap();
        std::fs::write(tmp.path().join("dossier/keys.toml"), "").unwrap();
        assert_eq!(
            resolve(&Flags::default(), &env, tmp.path()).keys,
            Some(tmp.path().join("dossier/keys.toml"))
        );
    }
}
