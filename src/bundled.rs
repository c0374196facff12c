//! The articles and catalogue compiled into the binary, so `dossier` works from any
//! directory. A test keeps this list equal to the files in `articles/`.

use std::borrow::Cow;

use crate::corpus::RawFile;

/// (id, text) of every bundled article.
pub const ARTICLES: &[(&str, &str)] = &[
    (
        "vice-2015-kim-besucht-moskau",
        include_str!("../articles/vice-2015-kim-besucht-moskau.md"),
    ),
    (
        "t-online-2019-kim-putin-wladiwostok",
        include_str!("../articles/t-online-2019-kim-putin-wladiwostok.md"),
    ),
    (
        "standard-2023-kim-putin-waffen",
        include_str!("../articles/standard-2023-kim-putin-waffen.md"),
    ),
    (
        "wikipedia-nordkoreanisch-russische-beziehungen",
        include_str!("../articles/wikipedia-nordkoreanisch-russische-beziehungen.md"),
    ),
    (
        "tagesanzeiger-2024-choe-in-moskau",
        include_str!("../articles/tagesanzeiger-2024-choe-in-moskau.md"),
    ),
];

/// The bundled entity catalogue.
pub const CATALOGUE: &str = include_str!("../config/entities.toml");

/// The name under which bundled files appear in messages.
pub const PREFIX: &str = "(bundled)";

/// The bundled articles as raw files.
pub fn article_files() -> Vec<RawFile> {
    ARTICLES
        .iter()
        .map(|(id, text)| RawFile {
            id: id.to_string(),
            path: format!("{PREFIX}/articles/{id}.md"),
            bytes: Cow::Borrowed(text.as_bytes()),
        })
        .collect()
}

/// The path shown for the bundled catalogue.
pub fn catalogue_path() -> String {
    format!("{PREFIX}/config/entities.toml")
}
