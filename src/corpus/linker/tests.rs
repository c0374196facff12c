//! The linker's rules on a small catalogue.

use super::*;
use crate::corpus::article::BlockKind;
use crate::corpus::catalogue::parse_catalogue;
use crate::diag::Position;

const CATALOGUE: &str = r#"
[[entity]]
id = "kim-jong-un"
name = "Kim Jong-un"
kind = "person"
aliases = ["Kim Jong Un", "Kim"]
summary = "s"
[[entity]]
id = "kim-jong-il"
name = "Kim Jong-il"
kind = "person"
aliases = ["Kim Jong Il", "Kim"]
summary = "s"
[[entity]]
id = "kim-il-sung"
name = "Kim Il-sung"
kind = "person"
aliases = ["Kim Il Sung", "Kim"]
summary = "s"
[[entity]]
id = "kim-kwang-jin"
name = "Kim Kwang-jin"
kind = "person"
summary = "s"
[[entity]]
id = "kim-dynastie"
name = "Kim-Dynastie"
kind = "organisation"
aliases = ["Kim-Diktatur"]
summary = "s"
[[entity]]
id = "putin"
name = "Wladimir Putin"
kind = "person"
aliases = ["Putin"]
summary = "s"
[[entity]]
id = "moskau"
name = "Moskau"
kind = "city"
aliases = ["Moscow"]
summary = "s"
[[entity]]
id = "ukraine"
name = "Ukraine"
kind = "country"
summary = "s"
[[entity]]
id = "nordkorea"
name = "Nordkorea"
kind = "country"
summary = "s"
[[entity]]
id = "korea"
name = "Korea"
kind = "country"
summary = "s"
[[entity]]
id = "un"
name = "Vereinte Nationen"
kind = "organisation"
aliases = ["UN", "Vereinten Nationen"]
summary = "s"
[[entity]]
id = "usa"
name = "Vereinigte Staaten"
kind = "country"
aliases = ["USA", "US"]
summary = "s"
[[entity]]
id = "un-sicherheitsrat"
name = "UN-Sicherheitsrat"
kind = "organisation"
summary = "s"
[[entity]]
id = "alexander-ii"
name = "Alexander II."
kind = "person"
summary = "s"
[[entity]]
id = "pjoengjang"
name = "Pjöngjang"
kind = "city"
aliases = ["Pyongyang"]
summary = "s"
"#;

fn catalogue() -> Catalogue {
    let text = format!("ignore = [\"US-Dollar\"]\n{CATALOGUE}");
    parse_catalogue("entities.toml", text.as_bytes()).unwrap()
}

fn blocks(texts: &[&str]) -> Vec<Block> {
    texts
        .iter()
        .map(|t| Block {
            kind: BlockKind::Paragraph,
            text: t.to_string(),
            number: None,
            origins: vec![(0, Position { line: 1, col: 1 })],
            ..Block::default()
        })
        .collect()
}

/// (surface text, entity id) of every mention, in order.
fn linked(texts: &[&str]) -> Vec<(String, String)> {
    let c = catalogue();
    let linker = Linker::new(&c);
    let b = blocks(texts);
    let mut hits = vec![0; linker.pattern_count()];
    linker
        .link(ArticleId::from_index(0), &b, &mut hits)
        .mentions
        .iter()
        .map(|m| {
            (
                b[m.place.block().unwrap()].text[m.range.clone()].to_string(),
                c.entity(m.entity).unwrap().id.clone(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn hyphen_is_a_boundary_so_compounds_link_their_first_part() {
    assert_eq!(
        linked(&["Während seine Rolle im Ukraine-Konflikt weltweit in der Kritik steht"]),
        pairs(&[("Ukraine", "ukraine")])
    );
}

#[test]
fn a_closed_compound_does_not_link() {
    assert!(linked(&["Aber auch von einem möglichen Moskaubesuch ist die Rede"]).is_empty());
    assert!(linked(&["die Nordkoreaner haben bereits Kredite"]).is_empty());
}

#[test]
fn genitive_s_links_to_base_entity() {
    assert_eq!(
        linked(&[
            "„Putins Schwenk“ nach Asien, Kim Jong-uns Erscheinen, Moskaus Kurs, Nordkoreas Wirtschaft"
        ]),
        pairs(&[
            ("Putins", "putin"),
            ("Kim Jong-uns", "kim-jong-un"),
            ("Moskaus", "moskau"),
            ("Nordkoreas", "nordkorea"),
        ])
    );
}

#[test]
fn genitive_s_must_end_the_word() {
    assert!(linked(&["die Putinsche Politik"]).is_empty());
}

#[test]
fn kim_jong_il_is_never_kim_jong_un() {
    assert_eq!(
        linked(&["Putin traf sich bereits 2002 mit dem verstorbenen Kim Jong-il in Russland"]),
        pairs(&[("Putin", "putin"), ("Kim Jong-il", "kim-jong-il")])
    );
    assert_eq!(
        linked(&["Während sein Vater Kim Jong Il unter Flugangst litt"]),
        pairs(&[("Kim Jong Il", "kim-jong-il")])
    );
}

#[test]
fn kim_kwang_jin_is_never_anyone_else() {
    assert_eq!(
        linked(&["berichtet der ehemalige nordkoreanische Banker Kim Kwang-jin dem ZDF"]),
        pairs(&[("Kim Kwang-jin", "kim-kwang-jin")])
    );
}

#[test]
fn longer_hyphenated_name_beats_the_shared_short_form() {
    assert_eq!(
        linked(&["Kim Jong-un sagte: Die Kim-Diktatur trieb das Atomprogramm voran."]),
        pairs(&[
            ("Kim Jong-un", "kim-jong-un"),
            ("Kim-Diktatur", "kim-dynastie")
        ])
    );
}

#[test]
fn bare_kim_resolves_to_the_most_recent_unambiguous_kim() {
    assert_eq!(
        linked(&[
            "Putin traf sich 2002 mit dem verstorbenen Kim Jong-il in Russland.",
            "Bei dem Besuch überreichte Putin Kim eine Schrotflinte.",
            "Später kam Kim Jong-un an die Macht; Kim reiste nach Moskau.",
        ]),
        pairs(&[
            ("Putin", "putin"),
            ("Kim Jong-il", "kim-jong-il"),
            ("Putin", "putin"),
            ("Kim", "kim-jong-il"),
            ("Kim Jong-un", "kim-jong-un"),
            ("Kim", "kim-jong-un"),
            ("Moskau", "moskau"),
        ])
    );
}

#[test]
fn bare_kims_genitive_resolves_like_kim() {
    assert_eq!(
        linked(&["Kim Il Sung war der Großvater.", "Kims Strategie"]),
        pairs(&[("Kim Il Sung", "kim-il-sung"), ("Kims", "kim-il-sung")])
    );
}

#[test]
fn bare_kim_without_an_earlier_full_name_stays_unlinked_and_is_reported() {
    let c = catalogue();
    let linker = Linker::new(&c);
    let b = blocks(&["Kim und Putin treffen sich.", "Dann kam Kim Jong-un."]);
    let mut hits = vec![0; linker.pattern_count()];
    let links = linker.link(ArticleId::from_index(3), &b, &mut hits);
    assert_eq!(links.ambiguities.len(), 1);
    let a = &links.ambiguities[0];
    assert_eq!(
        (a.article, a.block, a.range.clone()),
        (ArticleId::from_index(3), 0, 0..3)
    );
    assert_eq!(a.candidates.len(), 3);
    assert!(
        links
            .mentions
            .iter()
            .all(|m| m.range != (0..3) || m.place != Place::Block(0))
    );
    assert_eq!(hits[linker.pattern_of("Kim").unwrap()], 1);
}

#[test]
fn recency_does_not_cross_articles() {
    let c = catalogue();
    let linker = Linker::new(&c);
    let mut hits = vec![0; linker.pattern_count()];
    let first = linker.link(
        ArticleId::from_index(0),
        &blocks(&["Kim Jong-il war da."]),
        &mut hits,
    );
    assert!(first.ambiguities.is_empty());
    let second = linker.link(
        ArticleId::from_index(1),
        &blocks(&["Kim war da."]),
        &mut hits,
    );
    assert_eq!(second.ambiguities.len(), 1);
}

#[test]
fn a_failed_long_match_falls_back_to_a_shorter_form_at_the_same_start() {
    // "UN-Sicherheitsrats" is the genitive of the longer form; "UN-Sicherheitsratsbeschluss"
    // fails the boundary for it, and then "UN" still links.
    assert_eq!(
        linked(&["im UN-Sicherheitsrats und der UN-Sicherheitsratsbeschluss"]),
        pairs(&[("UN-Sicherheitsrats", "un-sicherheitsrat"), ("UN", "un")])
    );
}

#[test]
fn a_rejected_match_does_not_hide_the_next_one() {
    assert_eq!(
        linked(&["vom Moskaubesuch in Moskau"]),
        pairs(&[("Moskau", "moskau")])
    );
}

#[test]
fn prefix_letters_block_a_match() {
    assert!(linked(&["Antiputin"]).is_empty());
}

#[test]
fn forms_ending_in_punctuation_need_no_boundary_after() {
    assert_eq!(
        linked(&["als Zar Alexander II.das Ussuriland erwarb"]),
        pairs(&[("Alexander II.", "alexander-ii")])
    );
}

#[test]
fn ignored_forms_shadow_the_aliases_inside_them() {
    assert_eq!(
        linked(&["drei Milliarden US-Dollar trotz US-Sanktionen"]),
        pairs(&[("US", "usa")])
    );
}

#[test]
fn matching_is_case_sensitive() {
    assert!(linked(&["un peu de putin"]).is_empty());
}

#[test]
fn non_ascii_neighbours_count_as_letters() {
    assert!(linked(&["ÄPutin Putinä"]).is_empty());
    assert_eq!(
        linked(&["„Pjöngjang“"]),
        pairs(&[("Pjöngjang", "pjoengjang")])
    );
}

#[test]
fn mention_ranges_are_sorted_and_disjoint() {
    let c = catalogue();
    let linker = Linker::new(&c);
    let b = blocks(&["Putin Putins Kim Jong-un Kim Kim-Diktatur UN-Sicherheitsrat UN Pyongyang"]);
    let mut hits = vec![0; linker.pattern_count()];
    let links = linker.link(ArticleId::from_index(0), &b, &mut hits);
    assert_eq!(links.mentions.len(), 8);
    for pair in links.mentions.windows(2) {
        assert!(pair[0].range.end <= pair[1].range.start);
    }
}

#[test]
fn proper_prefixes_agree_with_comparing_every_pair() {
    let texts: Vec<&str> = [
        "Kim",
        "Kim Jong",
        "Kim Jong-un",
        "Kim Jong-il",
        "K",
        "Ki",
        "Kimchi",
        "Putin",
        "P",
        "US",
        "US-Dollar",
        "UN",
        "UN-Sicherheitsrat",
        "Ö",
        "Öl",
        "",
    ]
    .to_vec();
    let fast = super::compile::proper_prefixes(&texts);
    for (i, text) in texts.iter().enumerate() {
        let mut slow: Vec<usize> = (0..texts.len())
            .filter(|&j| texts[j].len() < text.len() && text.starts_with(texts[j]))
            .collect();
        slow.sort_by_key(|&j| std::cmp::Reverse(texts[j].len()));
        assert_eq!(fast[i], slow, "prefixes of {text:?}");
    }
}

#[test]
fn empty_catalogue_links_nothing() {
    let linker = Linker::new(&Catalogue::default());
    let mut hits = Vec::new();
    assert_eq!(
        linker.link(ArticleId::from_index(0), &blocks(&["Putin"]), &mut hits),
        ArticleLinks::default()
    );
}

/// (surface, every entity id it names) of every mention, with `extra` TOML laid into the
/// catalogue's entity tables (`id = "x"` → the lines after it).
fn linked_with(extra: &[(&str, &str)], texts: &[&str]) -> Vec<(String, Vec<String>)> {
    let mut text = format!("ignore = [\"US-Dollar\"]\n{CATALOGUE}");
    for (id, lines) in extra {
        let at = format!("id = \"{id}\"\n");
        text = text.replacen(&at, &format!("{at}{lines}\n"), 1);
    }
    let c = parse_catalogue("entities.toml", text.as_bytes()).unwrap();
    let linker = Linker::new(&c);
    let b = blocks(texts);
    let mut hits = vec![0; linker.pattern_count()];
    linker
        .link(ArticleId::from_index(0), &b, &mut hits)
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

#[test]
fn a_form_an_entity_ignores_is_never_its_mention_but_still_the_others() {
    let text = "Kim Jong-un kam. Kim sprach mit Putin. Der UN-Sicherheitsrat tagte.";
    // Without an ignore: the shared "Kim" follows Kim Jong-un, the compound names the UN.
    let plain = linked_with(&[], &[text]);
    assert!(plain.contains(&("Kim".to_string(), vec!["kim-jong-un".to_string()])));
    assert!(plain.contains(&(
        "UN-Sicherheitsrat".to_string(),
        vec!["un-sicherheitsrat".to_string(), "un".to_string()]
    )));
    // The UN ignores the compound, Kim Jong-un the bare "Kim": the compound is the council
    // alone; "Kim" is left to the other Kims, none of them named before, so it links nobody.
    let ignoring = linked_with(
        &[
            ("un", "ignore = [\"UN-Sicherheitsrat\"]"),
            ("kim-jong-un", "ignore = [\"Kim\"]"),
        ],
        &[text],
    );
    assert!(ignoring.contains(&(
        "UN-Sicherheitsrat".to_string(),
        vec!["un-sicherheitsrat".to_string()]
    )));
    assert!(ignoring.iter().all(|(s, _)| s != "Kim"), "{ignoring:?}");
    assert!(ignoring.contains(&("Kim Jong-un".to_string(), vec!["kim-jong-un".to_string()])));
    // With Kim Il-sung named first, the bare "Kim" is his, as only two Kims share it now.
    let two = linked_with(
        &[("kim-jong-un", "ignore = [\"Kim\"]")],
        &["Kim Il-sung regierte. Kim sprach."],
    );
    assert_eq!(
        two.last(),
        Some(&("Kim".to_string(), vec!["kim-il-sung".to_string()]))
    );
}

#[test]
fn a_compound_ignored_by_the_entity_inside_names_the_others_inside_it() {
    // "Moskau-Ukraine-Gespräche" holds Moskau and Ukraine; Moskau ignores it: Ukraine stays.
    let linked = linked_with(
        &[("moskau", "ignore = [\"Moskau-Ukraine-Gespräche\"]")],
        &["Die Moskau-Ukraine-Gespräche scheiterten, Moskau schwieg."],
    );
    assert_eq!(
        linked,
        [
            (
                "Moskau-Ukraine-Gespräche".to_string(),
                vec!["ukraine".to_string()]
            ),
            ("Moskau".to_string(), vec!["moskau".to_string()]),
        ]
    );
    // Ignored for the only entity inside it, a form links nothing at all.
    let none = linked_with(
        &[("moskau", "ignore = [\"Moskau-Besuch\"]")],
        &["Der Moskau-Besuch fiel aus."],
    );
    assert!(none.is_empty(), "{none:?}");
}
