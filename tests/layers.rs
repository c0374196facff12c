//! The layers point one way: the corpus, the configuration, the loader and the CLI never name
//! the reader; the reader's state never names its drawing; and the reader's files import each
//! other without a circle. Read from the source, so a new import that breaks a rule fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without its unit tests (they may reach anywhere).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// `crate::a::b` for `src/a/b.rs` and `src/a/b/mod.rs`.
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix("src").unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    format!("crate::{}", parts.join("::"))
}

/// Every `crate::…` or `super::…` path in `text`, resolved against module `module`; in a
/// `mod.rs`, also the paths into its own submodules (`list::draw`).
fn paths(text: &str, module: &str, is_mod_file: bool) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(at) = text[from..].find(start) {
            let begin = from + at;
            from = begin + start.len();
            if begin > 0 && (bytes[begin - 1].is_ascii_alphanumeric() || bytes[begin - 1] == b'_') {
                continue;
            }
            let end = text[begin..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .map_or(text.len(), |e| begin + e);
            let path = text[begin..end].trim_end_matches(':');
            let resolved = match path.strip_prefix("super::") {
                Some(rest) => {
                    let parent = module.rsplit_once("::").map_or(module, |(p, _)| p);
                    format!("{parent}::{rest}")
                }
                None => path.to_string(),
            };
            found.push(resolved);
        }
    }
    if is_mod_file {
        let mut from = 0;
        while let Some(at) = text[from..].find("::") {
            let end = from + at;
            from = end + 2;
            let start = text[..end]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(0, |s| s + 1);
            let before = text[..start].chars().next_back();
            if start < end && before != Some(':') {
                found.push(format!("{module}::{}", &text[start..end]));
            }
        }
    }
    found
}

fn sources() -> Vec<(String, PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files
        .into_iter()
        .map(|p| (module_of(&p), p.clone(), code(&p)))
        .collect()
}

#[test]
fn corpus_config_loader_and_cli_never_name_the_reader() {
    for (module, path, text) in sources() {
        let lower = [
            "crate::corpus",
            "crate::config",
            "crate::cli",
            "crate::load",
            "crate::diag",
        ];
        if lower
            .iter()
            .any(|l| module == *l || module.starts_with(&format!("{l}::")))
        {
            assert!(
                !text.contains("crate::tui") && !text.contains("dossier::tui"),
                "{} names the reader",
                path.display()
            );
        }
    }
}

#[test]
fn the_readers_state_never_names_its_drawing() {
    for (module, path, text) in sources() {
        if module.starts_with("crate::tui") && !module.starts_with("crate::tui::ui") {
            let is_loop = module == "crate::tui";
            assert!(
                is_loop || (!text.contains("tui::ui") && !text.contains("super::ui")),
                "{} names the drawing code",
                path.display()
            );
        }
    }
}

#[test]
fn the_readers_files_import_each_other_without_a_circle() {
    let sources = sources();
    let modules: BTreeSet<String> = sources.iter().map(|(m, _, _)| m.clone()).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, path, text) in &sources {
        if !module.starts_with("crate::tui") {
            continue;
        }
        let is_mod_file = path.ends_with("mod.rs");
        let mut deps = BTreeSet::new();
        for p in paths(text, module, is_mod_file) {
            // The longest prefix that is a module of ours.
            let mut candidate = p.as_str();
            while !modules.contains(candidate) {
                match candidate.rfind("::") {
                    Some(at) => candidate = &candidate[..at],
                    None => break,
                }
            }
            if modules.contains(candidate) && candidate != module {
                deps.insert(candidate.to_string());
            }
        }
        graph.insert(module.clone(), deps);
    }
    assert!(graph.len() > 20, "the reader's modules were found");
    // Depth-first search for a back edge.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) {
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next) {
                Some(1) => panic!("import circle: {} -> {next}", stack.join(" -> ")),
                Some(_) => {}
                None => visit(next, graph, state, stack),
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if !state.contains_key(node) {
            visit(node, &graph, &mut state, &mut Vec::new());
        }
    }
}
