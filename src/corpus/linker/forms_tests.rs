//! The linker with generated forms, compounds, overrides and languages, on a small catalogue.

use super::*;
use crate::corpus::article::BlockKind;
use crate::corpus::catalogue::parse_catalogue;

const CATALOGUE: &str = r#"
[[entity]]
id = "deutsche-bahn"
name = "Deutsche Bahn"
kind = "organisation"
aliases = ["Bahn"]
summary = "s"
[[entity]]
id = "putin"
name = "Wladimir Putin"
kind = "person"
aliases = ["Putin"]
summary = "s"
[[entity]]
id = "kalter-krieg"
name = "Kalter Krieg"
kind = "event"
summary = "s"
[[entity]]
id = "kalte-sophie"
name = "Kalte Krieg"
kind = "person"
summary = "A person whose listed name equals a generated form of another entity."
[[entity]]
id = "ukraine"
name = "Ukraine"
kind = "country"
summary = "s"
[[entity]]
id = "krieg"
name = "Ukraine-Krieg"
kind = "event"
summary = "s"
[[entity]]
id = "un"
name = "UN"
kind = "organisation"
summary = "s"
[[entity]]
id = "rat"
name = "UN-Sicherheitsrat"
kind = "organisation"
summary = "s"
[[entity]]
id = "nordkorea"
name = "Nordkorea"
kind = "country"
aliases = ["North Korea"]
summary = "s"
[[entity]]
id = "suedkorea"
name = "Südkorea"
kind = "country"
summary = "s"
[[entity]]
id = "korea"
name = "Korea"
kind = "region"
summary = "s"
[[entity]]
id = "kim-jong-un"
name = "Kim Jong-un"
kind = "person"
aliases = ["Kim"]
summary = "s"
[[entity]]
id = "kim-il-sung"
name = "Kim Il-sung"
kind = "person"
aliases = ["Kim"]
summary = "s"

[[override]]
article = "a"
text = "Kim"
before = "1950 überzeugte "
after = " Stalin"
entity = "kim-il-sung"

[[override]]
article = "a"
text = "Putin"
before = "kein "
after = "-Fan"
unlink = true

[[override]]
article = "a"
text = "der Machthaber"
before = "sagte "
after = " in"
entity = "kim-jong-un"
"#;

fn catalogue() -> Catalogue {
    parse_catalogue("entities.toml", CATALOGUE.as_bytes()).unwrap()
}

fn blocks(texts: &[&str]) -> Vec<Block> {
    texts
        .iter()
        .map(|t| Block {
            kind: BlockKind::Paragraph,
            text: t.to_string(),
            ..Block::default()
        })
        .collect()
}

/// (text, entity ids) of every mention of `texts` linked as article `key` in `lang`.
fn linked_as(key: &str, lang: Lang, texts: &[&str]) -> Vec<(String, Vec<String>)> {
    let c = catalogue();
    let linker = Linker::new(&c);
    let b = blocks(texts);
    let mut hits = vec![0; linker.pattern_count()];
    let doc = Doc {
        key,
        lang,
        header: false,
    };
    linker
        .link_doc(doc, ArticleId::from_index(0), &b, &mut hits)
        .mentions
        .iter()
        .map(|m| {
            (
                b[m.place.block().unwrap()].text[m.range.clone()].to_string(),
                m.entities()
                    .map(|e| c.entity(e).unwrap().id.clone())
                    .collect(),
            )
        })
        .collect()
}

fn linked(texts: &[&str]) -> Vec<(String, Vec<String>)> {
    linked_as("", Lang::German, texts)
}

fn one(text: &str, ids: &[&str]) -> (String, Vec<String>) {
    (
        text.to_string(),
        ids.iter().map(|s| s.to_string()).collect(),
    )
}

#[test]
fn deutschen_bahn_links_deutsche_bahn_not_just_bahn() {
    assert_eq!(
        linked(&["Chef der Deutschen Bahn und der Deutsche Bahn-Vorstand"]),
        [
            one("Deutschen Bahn", &["deutsche-bahn"]),
            one("Deutsche Bahn", &["deutsche-bahn"])
        ]
    );
}

#[test]
fn kalten_krieges_links_the_cold_war_with_its_genitive() {
    assert_eq!(
        linked(&["während des Kalten Krieges und nach dem Kalten Krieg"]),
        [
            one("Kalten Krieges", &["kalter-krieg"]),
            one("Kalten Krieg", &["kalter-krieg"])
        ]
    );
}

#[test]
fn a_generated_form_loses_to_another_entitys_listed_form() {
    assert_eq!(
        linked(&["der Kalte Krieg"]),
        [one("Kalte Krieg", &["kalte-sophie"])]
    );
}

#[test]
fn generated_german_forms_do_not_apply_to_english_articles() {
    assert!(linked_as("", Lang::English, &["the Kalten Krieges"]).is_empty());
    assert_eq!(
        linked_as(
            "",
            Lang::English,
            &["Putin's war and North Korea’s missiles"]
        ),
        [
            one("Putin's", &["putin"]),
            one("North Korea’s", &["nordkorea"])
        ]
    );
}

#[test]
fn german_es_genitive_is_for_nouns_not_people() {
    assert_eq!(
        linked(&["des UN-Sicherheitsrates, nicht Putines"]),
        [one("UN-Sicherheitsrates", &["rat", "un"])]
    );
}

#[test]
fn a_compound_alias_names_its_parts_too() {
    assert_eq!(
        linked(&["im Ukraine-Krieg gegen die Ukraine; US-Sanktionen"]),
        [
            one("Ukraine-Krieg", &["krieg", "ukraine"]),
            one("Ukraine", &["ukraine"])
        ]
    );
}

#[test]
fn north_korea_is_not_korea_and_nordkorea_is_not_korea() {
    assert_eq!(
        linked(&["North Korea, Nordkorea, Nordkoreas und Korea"]),
        [
            one("North Korea", &["nordkorea"]),
            one("Nordkorea", &["nordkorea"]),
            one("Nordkoreas", &["nordkorea"]),
            one("Korea", &["korea"])
        ]
    );
}

#[test]
fn nord_und_suedkorea_names_both_countries() {
    assert_eq!(
        linked(&["zwischen Nord- und Südkorea, nicht nur in Nord-, sondern auch in Südkorea"]),
        [
            one("Nord-", &["nordkorea"]),
            one("Südkorea", &["suedkorea"]),
            one("Nord-", &["nordkorea"]),
            one("Südkorea", &["suedkorea"])
        ]
    );
    assert!(linked(&["Ost- und Westdeutschland"]).is_empty());
}

#[test]
fn an_override_reassigns_one_mention_and_the_shared_forms_after_it_follow() {
    let found = linked_as(
        "a",
        Lang::German,
        &["Kim Jong-un kam. Im Juni 1950 überzeugte Kim Stalin. Dann kam Kim wieder."],
    );
    assert_eq!(
        found,
        [
            one("Kim Jong-un", &["kim-jong-un"]),
            one("Kim", &["kim-il-sung"]),
            one("Kim", &["kim-il-sung"])
        ]
    );
}

#[test]
fn overrides_apply_only_to_their_article() {
    let found = linked_as(
        "b",
        Lang::German,
        &["Kim Jong-un kam. Im Juni 1950 überzeugte Kim Stalin."],
    );
    assert_eq!(found[1], one("Kim", &["kim-jong-un"]));
}

#[test]
fn an_override_unlinks_one_mention_and_leaves_the_others() {
    assert_eq!(
        linked_as("a", Lang::German, &["Er ist kein Putin-Fan. Putin kam."]),
        [one("Putin", &["putin"])]
    );
}

#[test]
fn an_override_links_words_the_catalogue_does_not_know() {
    assert_eq!(
        linked_as(
            "a",
            Lang::German,
            &["Kim Jong-un kam.", "Das sagte der Machthaber in Pjöngjang."]
        ),
        [
            one("Kim Jong-un", &["kim-jong-un"]),
            one("der Machthaber", &["kim-jong-un"])
        ]
    );
}

#[test]
fn an_override_whose_words_moved_still_applies_and_one_whose_context_is_gone_does_not() {
    let moved = linked_as(
        "a",
        Lang::German,
        &[
            "Neu.",
            "Kim Jong-un kam. Im Juni 1950 überzeugte Kim Stalin.",
        ],
    );
    assert_eq!(moved[1], one("Kim", &["kim-il-sung"]));
    let gone = linked_as(
        "a",
        Lang::German,
        &["Kim Jong-un kam. Später traf Kim Stalin."],
    );
    assert_eq!(gone[1], one("Kim", &["kim-jong-un"]));
}

#[test]
fn generated_forms_count_for_the_form_they_come_from() {
    let c = catalogue();
    let linker = Linker::new(&c);
    let mut hits = vec![0; linker.pattern_count()];
    linker.link(
        ArticleId::from_index(0),
        &blocks(&["des Kalten Krieges"]),
        &mut hits,
    );
    assert_eq!(hits[linker.pattern_of("Kalter Krieg").unwrap()], 1);
}
