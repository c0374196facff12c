use super::*;
use crate::names::words::words;

fn names(text: &str, lang: Lang) -> Vec<String> {
    let tokens = tokens(text);
    let roles: Vec<Role> = tokens
        .iter()
        .map(|t| role(&text[t.range.clone()], t.initial, lang, words()))
        .collect();
    candidates(text, &tokens, &roles, lang, words())
        .into_iter()
        .filter(|c| {
            let r = roles[c.tokens.start];
            c.in_compound || c.adjective_led || c.tokens.len() > 1 || r != Role::Noun
        })
        .map(|c| text[c.range].to_string())
        .collect()
}

#[test]
fn words_keep_inner_hyphens_and_know_sentence_starts() {
    let text = "Kim Jong-un traf Putin. „Wir“ sagten: US-Sanktionen";
    let t = tokens(text);
    let words: Vec<&str> = t.iter().map(|t| &text[t.range.clone()]).collect();
    assert_eq!(
        words,
        [
            "Kim",
            "Jong-un",
            "traf",
            "Putin",
            "Wir",
            "sagten",
            "US-Sanktionen"
        ]
    );
    let initial: Vec<bool> = t.iter().map(|t| t.initial).collect();
    assert_eq!(initial, [true, false, false, false, true, false, true]);
    assert!(t[1].joined && !t[4].joined);
}

#[test]
fn german_names_are_split_from_nouns_and_titles() {
    let found = names(
        "Der russische Präsident Wladimir Putin und Nordkoreas Machthaber Kim Jong-un sprachen über Sanktionen.",
        Lang::German,
    );
    assert_eq!(found, ["Wladimir Putin", "Nordkoreas", "Kim Jong-un"]);
}

#[test]
fn german_adjective_led_names_are_found_whole() {
    let found = names(
        "Nach dem Zweiten Weltkrieg und während des Kalten Krieges half die Russische Akademie der Wissenschaften.",
        Lang::German,
    );
    assert_eq!(
        found,
        [
            "Zweiten Weltkrieg",
            "Kalten Krieges",
            "Russische Akademie der Wissenschaften"
        ]
    );
}

#[test]
fn names_inside_hyphenated_compounds_are_found() {
    let found = names("Die US-Sanktionen und der Ukraine-Krieg.", Lang::German);
    assert_eq!(found, ["US", "Ukraine"]);
}

#[test]
fn shouted_words_are_not_acronyms() {
    let found = names(
        "EPA/RUSSIAN FOREIGN MINISTRY HANDOUT EDITORIAL USE ONLY",
        Lang::English,
    );
    assert_eq!(found, ["EPA"]);
}

#[test]
fn english_capitals_make_names_and_titles_are_left_out() {
    let found = names(
        "Passengers were angry, Transport Secretary Louise Haigh told the Office of Rail and Road and Network Rail.",
        Lang::English,
    );
    assert_eq!(
        found,
        ["Louise Haigh", "Office of Rail and Road", "Network Rail"]
    );
}

#[test]
fn nouns_missing_from_the_list_are_told_from_adjectives() {
    let w = words();
    assert_eq!(role("Treffen", false, Lang::German, w), Role::Noun);
    assert_eq!(role("Grenzübergang", false, Lang::German, w), Role::Noun);
    assert_eq!(role("Pferdefreund", false, Lang::German, w), Role::Noun);
    assert_eq!(role("Zweiten", false, Lang::German, w), Role::Adjective);
    assert_eq!(role("Vereinten", false, Lang::German, w), Role::Adjective);
    for name in [
        "Nordkorea",
        "Südkorea",
        "Sowjetunion",
        "Moskau",
        "Wladiwostok",
        "Putin",
    ] {
        assert_eq!(role(name, false, Lang::German, w), Role::Name, "{name}");
    }
}
