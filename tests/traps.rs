//! The linker's known traps and its generated forms, proved on the bundled articles and
//! catalogue: the three Kims, Korea / Nordkorea / Südkorea / North Korea, "Moskau" as the
//! catalogue has it, inflected forms nobody lists, compounds that name two entities, elided
//! compounds, and the title resolving a bare "Kim" from the body.

use std::sync::OnceLock;

use dossier::corpus::Corpus;
use dossier::corpus::ids::ArticleId;
use dossier::corpus::linker::Mention;
use dossier::load::load_corpus;
use dossier::paths::{Inputs, Origin};

const VICE: &str = "vice-2015-kim-besucht-moskau";
const TONLINE: &str = "t-online-2019-kim-putin-wladiwostok";
const STANDARD: &str = "standard-2023-kim-putin-waffen";
const TAGESANZEIGER: &str = "tagesanzeiger-2024-choe-in-moskau";
const WIKIPEDIA: &str = "wikipedia-nordkoreanisch-russische-beziehungen";
const ARTICLES: [&str; 5] = [VICE, TONLINE, STANDARD, TAGESANZEIGER, WIKIPEDIA];

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let inputs = Inputs {
            articles: Origin::Bundled,
            catalogue: Origin::Bundled,
            keys: None,
            config: None,
            follow_links: false,
        };
        load_corpus(&inputs).expect("the bundled corpus loads")
    })
}

fn id(article: &str) -> ArticleId {
    corpus().article_id(article).unwrap()
}

/// The ids of the entities a mention names, first one first.
fn named(m: &Mention) -> Vec<String> {
    m.entities()
        .map(|e| corpus().entity(e).unwrap().id.clone())
        .collect()
}

/// Every (text, entities) of the body mentions of `article` whose text is `text`.
fn mentions_of(article: &str, text: &str) -> Vec<Vec<String>> {
    let c = corpus();
    c.links
        .in_article(id(article))
        .iter()
        .filter(|m| c.mention_text(m) == text)
        .map(named)
        .collect()
}

/// The body mention covering the `text` found after `before` in `article`.
fn mention_after(article: &str, before: &str, text: &str) -> Option<Vec<String>> {
    let c = corpus();
    let a = c.article(id(article)).unwrap();
    let needle = format!("{before}{text}");
    let (b, at) = a
        .blocks
        .iter()
        .enumerate()
        .find_map(|(b, block)| block.text.find(&needle).map(|at| (b, at)))
        .unwrap_or_else(|| panic!("`{needle}` not in {article}"));
    let start = at + before.len();
    c.links
        .in_block(id(article), b)
        .iter()
        .find(|m| m.range.start <= start && start < m.range.end)
        .map(named)
}

#[test]
fn kim_jong_un_kim_jong_il_and_kim_il_sung_are_never_confused_by_their_full_names() {
    for article in ARTICLES {
        for (form, entity) in [
            ("Kim Jong-un", "kim-jong-un"),
            ("Kim Jong Un", "kim-jong-un"),
            ("Kim Jong-uns", "kim-jong-un"),
            ("Kim Jong-il", "kim-jong-il"),
            ("Kim Jong Il", "kim-jong-il"),
            ("Kim Il-sung", "kim-il-sung"),
            ("Kim Il Sung", "kim-il-sung"),
        ] {
            for found in mentions_of(article, form) {
                assert_eq!(found, [entity], "`{form}` in {article}");
            }
        }
    }
}

#[test]
fn a_capitalised_korean_given_name_is_a_spelling_of_the_same_person() {
    assert_eq!(
        mention_after(WIKIPEDIA, "Sputnik International: ", "Kim Jong-Un"),
        Some(vec!["kim-jong-un".to_string()])
    );
}

#[test]
fn nordkorea_suedkorea_and_north_korea_never_name_korea() {
    for article in ARTICLES {
        for m in corpus().links.in_article(id(article)) {
            let text = corpus().mention_text(m);
            let n = named(m);
            if text.starts_with("Nordkorea") || text.starts_with("North Korea") {
                assert!(
                    n.contains(&"nordkorea".to_string()),
                    "`{text}` in {article}: {n:?}"
                );
                assert!(
                    !n.contains(&"korea".to_string()),
                    "`{text}` in {article}: {n:?}"
                );
            }
            if text.starts_with("Südkorea") {
                assert_eq!(n, ["suedkorea"], "`{text}` in {article}");
            }
        }
    }
    assert_eq!(
        mention_after(TONLINE, "vereinigtes ", "Korea"),
        Some(vec!["korea".to_string()])
    );
}

#[test]
fn moskau_is_the_city_entity_as_the_catalogue_has_it_and_kreml_stays_apart() {
    // The catalogue has no separate government: "Moskau dementieren Waffendeals" (the
    // government) and "in Moskau" (the city) both name the city entity.
    assert_eq!(
        mention_after(TAGESANZEIGER, "Pyongyang und ", "Moskau"),
        Some(vec!["moskau".to_string()])
    );
    assert_eq!(
        mention_after(TAGESANZEIGER, "jetzt in ", "Moskau"),
        Some(vec!["moskau".to_string()])
    );
    assert_eq!(
        mention_after(VICE, "Einladung des ", "Kreml"),
        Some(vec!["kreml".to_string()])
    );
    for m in mentions_of(VICE, "Moskaus")
        .into_iter()
        .chain(mentions_of(STANDARD, "Moskaus"))
    {
        assert_eq!(m, ["moskau"]);
    }
}

#[test]
fn the_june_1950_kim_is_kim_il_sung_by_the_catalogues_override() {
    assert_eq!(
        mention_after(WIKIPEDIA, "Im Juni 1950 überzeugte ", "Kim"),
        Some(vec!["kim-il-sung".to_string()])
    );
    assert_eq!(
        mention_after(TONLINE, "spricht ", "Kim"),
        Some(vec!["kim-jong-un".to_string()])
    );
}

#[test]
fn declined_adjectives_of_multi_word_names_link_without_being_listed() {
    for (article, before, text, entity) in [
        (
            WIKIPEDIA,
            "zwischen Nordkorea und der ",
            "Russischen Föderation",
            "russland",
        ),
        (WIKIPEDIA, "Während des ", "Kalten Krieges", "kalter-krieg"),
        (VICE, "Zeiten des ", "Kalten Kriegs", "kalter-krieg"),
        (
            STANDARD,
            "nach dem ",
            "Zweiten Weltkrieg",
            "zweiter-weltkrieg",
        ),
        (
            WIKIPEDIA,
            "während des ",
            "Zweiten Weltkriegs",
            "zweiter-weltkrieg",
        ),
        (VICE, "vom ", "Schwarzen Meer", "schwarzes-meer"),
        (
            TAGESANZEIGER,
            "berichtete das ",
            "Weisse Haus",
            "weisses-haus",
        ),
        (
            VICE,
            "an der ",
            "Russischen Akademie der Wissenschaften",
            "russische-akademie-der-wissenschaften",
        ),
        (
            WIKIPEDIA,
            "Beginn des ",
            "Russisch-Ukrainischen Kriegs",
            "russisch-ukrainischer-krieg",
        ),
        (VICE, "Entwicklung des ", "Fernen Ostens", "ferner-osten"),
    ] {
        let found = mention_after(article, before, text);
        assert_eq!(
            found.as_ref().and_then(|n| n.first()).map(String::as_str),
            Some(entity),
            "`{text}` in {article}"
        );
    }
}

#[test]
fn a_genitive_es_of_an_organisation_links_to_its_base_form() {
    assert_eq!(
        mention_after(STANDARD, "Resolutionen des ", "UN-Sicherheitsrates"),
        Some(vec![
            "un-sicherheitsrat".to_string(),
            "vereinte-nationen".to_string()
        ])
    );
    assert_eq!(
        mention_after(WIKIPEDIA, "des unteren ", "Tumen-Flusses"),
        Some(vec!["tumen".to_string()])
    );
}

#[test]
fn compounds_carry_their_entities() {
    for (article, before, text, entities) in [
        (STANDARD, "Moon Jae-in und ", "US", vec!["usa"]),
        (VICE, "stehen unter ", "US", vec!["usa"]),
        (
            STANDARD,
            "Front gegen Kim im ",
            "UN-Sicherheitsrat",
            vec!["un-sicherheitsrat", "vereinte-nationen"],
        ),
        (
            TAGESANZEIGER,
            "Waffen für den ",
            "Ukraine-Krieg",
            vec!["russischer-ueberfall-auf-die-ukraine", "ukraine"],
        ),
        (
            VICE,
            "vor der ",
            "Ukraine-Krise",
            vec!["russisch-ukrainischer-krieg", "ukraine"],
        ),
        (
            WIKIPEDIA,
            "Gesprächen beim ",
            "Nordkorea-Russland-Gipfel 2019",
            vec!["gipfel-wladiwostok-2019", "nordkorea", "russland"],
        ),
        (
            STANDARD,
            "Der ",
            "Zusammenbruch der Sowjetunion",
            vec!["zerfall-der-sowjetunion", "sowjetunion"],
        ),
    ] {
        assert_eq!(
            mention_after(article, before, text),
            Some(entities.iter().map(|e| e.to_string()).collect()),
            "`{text}` in {article}"
        );
    }
}

#[test]
fn a_person_named_like_another_names_only_one() {
    assert_eq!(
        mentions_of(VICE, "Choe Ryong-hae"),
        [vec!["choe-ryong-hae".to_string()]]
    );
}

#[test]
fn an_elided_compound_names_its_completion() {
    assert_eq!(
        mention_after(VICE, "Russland mit ", "Nord-"),
        Some(vec!["nordkorea".to_string()])
    );
    assert_eq!(
        mention_after(VICE, "nicht nur in ", "Nord-"),
        Some(vec!["nordkorea".to_string()])
    );
    assert_eq!(
        mention_after(VICE, "Russland mit Nord- und ", "Südkorea"),
        Some(vec!["suedkorea".to_string()])
    );
}

#[test]
fn a_bare_kim_in_the_title_and_lead_resolves_to_the_first_kim_of_the_body() {
    let c = corpus();
    let header = c.header_mentions(id(TONLINE));
    let title: Vec<Vec<String>> = header
        .iter()
        .filter(|m| m.place == dossier::corpus::article::Place::Title)
        .map(named)
        .collect();
    assert_eq!(
        title,
        [
            vec!["kim-jong-un".to_string()],
            vec!["wladimir-putin".to_string()]
        ]
    );
    let lead_kims = header
        .iter()
        .filter(|m| m.place == dossier::corpus::article::Place::Lead && named(m) == ["kim-jong-un"])
        .count();
    assert_eq!(lead_kims, 2);
}

#[test]
fn english_possessives_belong_to_the_mention() {
    assert_eq!(
        mention_after(WIKIPEDIA, "", "North Korea's"),
        Some(vec!["nordkorea".to_string()])
    );
    let c = corpus();
    let found = c
        .links
        .in_article(id(WIKIPEDIA))
        .iter()
        .any(|m| c.mention_text(m) == "North Korea's");
    assert!(found, "the possessive is part of the mention's range");
}

#[test]
fn check_reports_an_override_whose_words_are_gone_or_whose_article_is_unknown() {
    use dossier::corpus::catalogue::parse_catalogue;
    let text = format!(
        "{}\n[[override]]\narticle = \"{WIKIPEDIA}\"\ntext = \"Kim\"\nbefore = \"Im Juli 1951 überredete \"\nafter = \" Mao\"\nunlink = true\n\n[[override]]\narticle = \"gone\"\ntext = \"Kim\"\nunlink = true\n",
        dossier::bundled::CATALOGUE
    );
    let catalogue = parse_catalogue("entities.toml", text.as_bytes()).unwrap();
    let c = Corpus::build(dossier::bundled::article_files(), catalogue, Vec::new());
    let problems: Vec<String> = c.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("applies nowhere"), "{problems:?}");
    assert!(
        problems[1].contains("`gone`, which is not a loaded article"),
        "{problems:?}"
    );
    assert!(
        problems.iter().all(|p| p.starts_with("entities.toml:")),
        "{problems:?}"
    );
}
