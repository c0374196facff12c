//! The linker's rules, proved on the real bundled articles and catalogue through the library:
//! genitives, hyphen boundaries, closed compounds, longest match, shared short forms, ignored
//! forms, well-formed ranges, a problem-free corpus, and the bundled copies matching the files.

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use dossier::bundled;
use dossier::corpus::Corpus;
use dossier::corpus::article::Place;
use dossier::corpus::catalogue::parse_catalogue;
use dossier::corpus::ids::{ArticleId, EntityId};
use dossier::corpus::linker::{Linker, Mention};
use dossier::load::load_corpus;
use dossier::paths::{Inputs, Origin};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

const VICE: &str = "vice-2015-kim-besucht-moskau";
const TONLINE: &str = "t-online-2019-kim-putin-wladiwostok";
const STANDARD: &str = "standard-2023-kim-putin-waffen";
const WIKIPEDIA: &str = "wikipedia-nordkoreanisch-russische-beziehungen";

/// The bundled corpus, loaded once for all tests.
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

fn entity(id: &str) -> EntityId {
    corpus()
        .catalogue
        .get(id)
        .unwrap_or_else(|| panic!("no entity `{id}` in the catalogue"))
}

fn entity_id(id: EntityId) -> &'static str {
    corpus().entity(id).unwrap().id.as_str()
}

fn article(id: &str) -> ArticleId {
    corpus()
        .article_id(id)
        .unwrap_or_else(|| panic!("no article `{id}`"))
}

/// An occurrence of a string in a block: (article, block, byte range).
#[derive(Debug, Clone)]
struct Occurrence {
    article: ArticleId,
    block: usize,
    range: Range<usize>,
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Every occurrence of `needle` in block texts that stands as a whole word (no letter or digit
/// right before or after it); `only` restricts the search to one article.
fn whole_word_occurrences(needle: &str, only: Option<&str>) -> Vec<Occurrence> {
    let c = corpus();
    let mut found = Vec::new();
    for (a, art) in c.iter_articles() {
        if only.is_some_and(|id| art.id != id) {
            continue;
        }
        for (b, block) in art.blocks.iter().enumerate() {
            for (start, _) in block.text.match_indices(needle) {
                let end = start + needle.len();
                let before = block.text[..start].chars().next_back();
                let after = block.text[end..].chars().next();
                if !is_word_char(before) && !is_word_char(after) {
                    found.push(Occurrence {
                        article: a,
                        block: b,
                        range: start..end,
                    });
                }
            }
        }
    }
    found
}

/// Every occurrence of `needle` in block texts, whole word or not.
fn all_occurrences(needle: &str) -> Vec<Occurrence> {
    let c = corpus();
    let mut found = Vec::new();
    for (a, art) in c.iter_articles() {
        for (b, block) in art.blocks.iter().enumerate() {
            for (start, _) in block.text.match_indices(needle) {
                found.push(Occurrence {
                    article: a,
                    block: b,
                    range: start..start + needle.len(),
                });
            }
        }
    }
    found
}

/// The mentions of a block that overlap `range`.
fn overlapping(o: &Occurrence) -> Vec<&'static Mention> {
    corpus()
        .links
        .in_block(o.article, o.block)
        .iter()
        .filter(|m| m.range.start < o.range.end && o.range.start < m.range.end)
        .collect()
}

/// The mention with exactly this range, if any.
fn exact(o: &Occurrence) -> Option<&'static Mention> {
    corpus()
        .links
        .in_block(o.article, o.block)
        .iter()
        .find(|m| m.range == o.range)
}

fn describe(o: &Occurrence) -> String {
    let c = corpus();
    let text = &c.article(o.article).unwrap().blocks[o.block].text;
    let from = text[..o.range.start]
        .char_indices()
        .rev()
        .nth(30)
        .map_or(0, |(i, _)| i);
    let to = text[o.range.end..]
        .char_indices()
        .nth(30)
        .map_or(text.len(), |(i, _)| o.range.end + i);
    format!(
        "{}#{} …{}…",
        c.article(o.article).unwrap().id,
        o.block,
        &text[from..to]
    )
}

// ------------------------------------------------------------------------------------------
// genitives
// ------------------------------------------------------------------------------------------

#[test]
fn genitive_s_links_to_base_entity() {
    for (form, id) in [
        ("Putins", "wladimir-putin"),
        ("Kim Jong-uns", "kim-jong-un"),
        ("Moskaus", "moskau"),
        ("Nordkoreas", "nordkorea"),
    ] {
        let occurrences = whole_word_occurrences(form, None);
        assert!(!occurrences.is_empty(), "`{form}` does not occur");
        let mut linked = 0;
        for o in &occurrences {
            let covering = overlapping(o);
            assert_eq!(covering.len(), 1, "`{form}` at {}", describe(o));
            let m = covering[0];
            if m.range == o.range {
                assert_eq!(entity_id(m.entity), id, "`{form}` at {}", describe(o));
                linked += 1;
            } else {
                // Only a longer name may swallow it ("Atomprogramm Nordkoreas",
                // "Wladimir Putins").
                assert!(
                    m.range.start <= o.range.start && o.range.end <= m.range.end,
                    "`{form}` cut by {:?} at {}",
                    m.range,
                    describe(o)
                );
            }
        }
        assert!(linked >= 1, "`{form}` never linked on its own");
    }
}

#[test]
fn genitive_is_counted_in_the_mention_range() {
    let c = corpus();
    let putin = entity("wladimir-putin");
    let texts: Vec<&str> = c
        .links
        .of_entity(putin)
        .iter()
        .map(|&i| c.mention_text(c.links.mention(i).unwrap()))
        .collect();
    assert!(texts.contains(&"Putins"), "{texts:?}");
    assert!(texts.contains(&"Wladimir Putins"), "{texts:?}");
    assert!(texts.iter().all(|t| t.contains("Putin")));
}

#[test]
fn nordkoreaner_is_not_a_genitive_of_nordkorea() {
    let occurrences = all_occurrences("Nordkoreaner");
    assert!(!occurrences.is_empty());
    for o in &occurrences {
        assert!(overlapping(o).is_empty(), "linked: {}", describe(o));
    }
}

// ------------------------------------------------------------------------------------------
// hyphens and compounds
// ------------------------------------------------------------------------------------------

#[test]
fn ukraine_konflikt_is_one_mention_of_the_war_and_of_ukraine() {
    // The catalogue lists "Ukraine-Konflikt" as an alias of the war, so the longest match
    // takes the whole compound; the country inside it is named by the same mention.
    let occurrences = whole_word_occurrences("Ukraine-Konflikt", Some(VICE));
    assert_eq!(occurrences.len(), 1);
    let o = &occurrences[0];
    let covering = overlapping(o);
    assert_eq!(covering.len(), 1, "{}", describe(o));
    assert_eq!(covering[0].range, o.range);
    assert_eq!(entity_id(covering[0].entity), "russisch-ukrainischer-krieg");
    assert_eq!(corpus().mention_text(covering[0]), "Ukraine-Konflikt");
    let named: Vec<&str> = covering[0].entities().map(entity_id).collect();
    assert_eq!(named, ["russisch-ukrainischer-krieg", "ukraine"]);
}

#[test]
fn hyphen_is_a_boundary_so_compounds_link_their_first_part() {
    // "US-Sanktionen", "Moskau-Besuchs": no alias for the compound, so the first part links.
    for (compound, part, id) in [
        ("US-Sanktionen", "US", "usa"),
        ("Moskau-Besuchs", "Moskau", "moskau"),
        ("UN-Resolution", "UN", "vereinte-nationen"),
    ] {
        let occurrences = whole_word_occurrences(compound, None);
        assert!(!occurrences.is_empty(), "`{compound}` does not occur");
        for o in &occurrences {
            let m = exact(&Occurrence {
                range: o.range.start..o.range.start + part.len(),
                ..o.clone()
            })
            .unwrap_or_else(|| panic!("`{part}` of `{compound}` not linked: {}", describe(o)));
            assert_eq!(entity_id(m.entity), id);
        }
    }
}

#[test]
fn moskaubesuch_produces_no_mention() {
    let occurrences = all_occurrences("Moskaubesuch");
    assert_eq!(occurrences.len(), 1);
    assert_eq!(
        corpus().article(occurrences[0].article).unwrap().id,
        STANDARD
    );
    assert!(
        overlapping(&occurrences[0]).is_empty(),
        "{}",
        describe(&occurrences[0])
    );
}

#[test]
fn us_dollar_never_links_to_the_usa() {
    let occurrences = all_occurrences("US-Dollar");
    assert!(occurrences.len() >= 2);
    for o in &occurrences {
        assert!(overlapping(o).is_empty(), "{}", describe(o));
    }
    // …while "US" on its own or before other compounds still does.
    let c = corpus();
    assert!(
        c.links
            .of_entity(entity("usa"))
            .iter()
            .any(|&i| c.mention_text(c.links.mention(i).unwrap()) == "US")
    );
}

// ------------------------------------------------------------------------------------------
// longest match and shared short forms
// ------------------------------------------------------------------------------------------

#[test]
fn kim_jong_il_is_never_kim_jong_un() {
    let c = corpus();
    let il = entity("kim-jong-il");
    let mut seen = 0;
    for form in ["Kim Jong-il", "Kim Jong Il"] {
        for o in all_occurrences(form) {
            let covering = overlapping(&o);
            assert_eq!(covering.len(), 1, "{}", describe(&o));
            assert_eq!(covering[0].entity, il, "{}", describe(&o));
            assert_eq!(covering[0].range.start, o.range.start);
            seen += 1;
        }
    }
    assert!(seen >= 8, "{seen} occurrences");
    for &i in c.links.of_entity(entity("kim-jong-un")) {
        let text = c.mention_text(c.links.mention(i).unwrap());
        assert!(
            !text.starts_with("Kim Jong-il") && !text.starts_with("Kim Jong Il"),
            "{text}"
        );
    }
}

#[test]
fn kim_kwang_jin_links_as_kim_kwang_jin() {
    let occurrences = all_occurrences("Kim Kwang-jin");
    assert_eq!(occurrences.len(), 1);
    let o = &occurrences[0];
    assert_eq!(corpus().article(o.article).unwrap().id, TONLINE);
    let covering = overlapping(o);
    assert_eq!(covering.len(), 1, "{}", describe(o));
    assert_eq!(covering[0].range, o.range);
    assert_eq!(entity_id(covering[0].entity), "kim-kwang-jin");
}

#[test]
fn bare_kim_after_kim_jong_il_in_the_vice_article_resolves_to_kim_jong_il() {
    let needle = "überreichte Putin Kim zum Zeichen";
    let occurrences = all_occurrences(needle);
    assert_eq!(occurrences.len(), 1);
    let o = &occurrences[0];
    assert_eq!(corpus().article(o.article).unwrap().id, VICE);
    let block = &corpus().article(o.article).unwrap().blocks[o.block].text;
    assert!(block.contains("Schrotflinte"));
    let kim_start = o.range.start + needle.find("Kim").unwrap_or(0);
    let kim = exact(&Occurrence {
        range: kim_start..kim_start + 3,
        ..o.clone()
    })
    .unwrap_or_else(|| panic!("bare Kim not linked: {}", describe(o)));
    assert_eq!(entity_id(kim.entity), "kim-jong-il");
}

#[test]
fn bare_kim_in_the_vice_article_before_kim_jong_il_is_kim_jong_un() {
    // The VICE article names Kim Jong-un in its first paragraph, so the "Kim" of the second
    // paragraph (his visit to Moscow) is his.
    let a = article(VICE);
    let c = corpus();
    let first_bare = c
        .links
        .in_article(a)
        .iter()
        .find(|m| c.mention_text(m) == "Kim")
        .expect("a bare Kim in the VICE article");
    assert_eq!(entity_id(first_bare.entity), "kim-jong-un");
}

/// The recency rule is not semantics: in the Wikipedia article, "Kim" right after "sein Sohn
/// Kim Jong-il" means Kim Il-sung. The bundled catalogue corrects it with an override, and
/// the bare "Kim"s after it then follow Kim Il-sung by the recency rule.
#[test]
fn the_kim_of_june_1950_is_kim_il_sung_by_override_and_the_kims_after_it_follow() {
    let mut kims = Vec::new();
    for needle in [
        "überzeugte Kim Stalin",
        "seinem Verbündeten Kim die",
        "begann Kim bis 1962",
    ] {
        let occurrences = all_occurrences(needle);
        assert_eq!(occurrences.len(), 1, "{needle}");
        let o = &occurrences[0];
        assert_eq!(corpus().article(o.article).unwrap().id, WIKIPEDIA);
        let start = o.range.start + needle.find("Kim").unwrap_or(0);
        let kim = exact(&Occurrence {
            range: start..start + 3,
            ..o.clone()
        })
        .expect("bare Kim linked");
        kims.push(entity_id(kim.entity));
    }
    assert_eq!(kims, ["kim-il-sung"; 3]);
}

/// Without the override the recency rule gets it wrong: the same catalogue with its
/// overrides removed links the June 1950 Kim to Kim Jong-il.
#[test]
fn without_the_override_the_kim_of_june_1950_follows_the_last_named_kim() {
    let text = dossier::bundled::CATALOGUE;
    let cut = text
        .find("[[override]]")
        .expect("the bundled catalogue has overrides");
    let catalogue = parse_catalogue("entities.toml", &text.as_bytes()[..cut]).unwrap();
    let linker = Linker::new(&catalogue);
    let a = article(WIKIPEDIA);
    let mut hits = vec![0; linker.pattern_count()];
    let links = linker.link_article(a, corpus().article(a).unwrap(), &mut hits);
    let o = &all_occurrences("überzeugte Kim Stalin")[0];
    let start = o.range.start + "überzeugte ".len();
    let kim = links
        .mentions
        .iter()
        .find(|m| m.place == Place::Block(o.block) && m.range == (start..start + 3))
        .expect("bare Kim linked");
    assert_eq!(catalogue.entity(kim.entity).unwrap().id, "kim-jong-il");
}

#[test]
fn every_bare_kim_of_the_bundled_articles_resolves() {
    // No ambiguity is left: each article names a Kim in full before its first bare "Kim".
    let c = corpus();
    assert!(c.links.ambiguities.is_empty(), "{:?}", c.links.ambiguities);
    let kims = ["kim-jong-un", "kim-jong-il", "kim-il-sung"];
    let mut bare = 0;
    for m in c.links.all() {
        let text = c.mention_text(m);
        if text == "Kim" || text == "Kims" {
            assert!(kims.contains(&entity_id(m.entity)), "{m:?}");
            bare += 1;
        }
    }
    assert!(bare >= 20, "{bare} bare Kims");
}

// ------------------------------------------------------------------------------------------
// ranges and index
// ------------------------------------------------------------------------------------------

#[test]
fn mention_ranges_are_on_char_boundaries_sorted_and_disjoint_within_a_block() {
    let c = corpus();
    assert!(c.links.all().len() > 500);
    for (a, art) in c.iter_articles() {
        for (b, block) in art.blocks.iter().enumerate() {
            let mentions = c.links.in_block(a, b);
            for m in mentions {
                assert_eq!((m.article, m.place), (a, Place::Block(b)));
                assert!(m.range.start < m.range.end, "{m:?}");
                assert!(m.range.end <= block.text.len(), "{m:?}");
                assert!(block.text.is_char_boundary(m.range.start), "{m:?}");
                assert!(block.text.is_char_boundary(m.range.end), "{m:?}");
                assert_eq!(c.mention_text(m), &block.text[m.range.clone()]);
                assert!(c.entity(m.entity).is_some());
            }
            for pair in mentions.windows(2) {
                assert!(
                    pair[0].range.end <= pair[1].range.start,
                    "overlap or disorder in {}#{b}: {:?} then {:?}",
                    art.id,
                    pair[0].range,
                    pair[1].range
                );
            }
        }
    }
}

#[test]
fn mentions_stand_at_word_boundaries() {
    let c = corpus();
    for m in c.links.all() {
        let text = c.article(m.article).unwrap().text_at(m.place).unwrap();
        let before = text[..m.range.start].chars().next_back();
        let after = text[m.range.end..].chars().next();
        let surface = &text[m.range.clone()];
        if surface.chars().next().is_some_and(char::is_alphanumeric) {
            assert!(!is_word_char(before), "`{surface}` starts inside a word");
        }
        if surface
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            assert!(!is_word_char(after), "`{surface}` ends inside a word");
        }
    }
}

#[test]
fn the_index_views_agree_with_the_mention_list() {
    let c = corpus();
    let mut total = 0;
    for (e, _) in c.catalogue.iter() {
        for &i in c.links.of_entity(e) {
            assert!(c.links.mention(i).unwrap().names(e));
        }
        total += c.links.of_entity(e).len();
        let per_article: usize = c.links.articles_of(e).iter().map(|(_, n)| n).sum();
        assert_eq!(per_article, c.links.of_entity(e).len());
    }
    let named: usize = c.links.all().iter().map(|m| m.entities().count()).sum();
    assert_eq!(total, named);
    for (a, _) in c.iter_articles() {
        let counted: usize = c.links.entities_in(a).iter().map(|(_, n)| n).sum();
        let named: usize = c
            .links
            .in_article(a)
            .iter()
            .map(|m| m.entities().count())
            .sum();
        assert_eq!(counted, named);
        assert!(c.links.in_article(a).iter().all(|m| m.article == a));
    }
}

#[test]
fn linking_is_the_same_when_run_again_on_the_parsed_blocks() {
    let c = corpus();
    let linker = Linker::new(&c.catalogue);
    let mut hits = vec![0; linker.pattern_count()];
    for (a, art) in c.iter_articles() {
        let links = linker.link_article(a, art, &mut hits);
        assert_eq!(links.mentions, c.links.in_article(a), "{}", art.id);
        assert!(links.ambiguities.is_empty());
    }
}

// ------------------------------------------------------------------------------------------
// the corpus as a whole
// ------------------------------------------------------------------------------------------

#[test]
fn the_bundled_corpus_has_no_problems() {
    let c = corpus();
    assert_eq!(c.articles().len(), 5);
    assert!(c.skipped.is_empty(), "{:?}", c.skipped);
    let problems = c.problems();
    assert!(
        problems.is_empty(),
        "{}",
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_repository_files_load_the_same_as_the_bundled_copies() {
    let disk = load_corpus(&Inputs {
        articles: Origin::Disk(
            Path::new(ROOT).join("articles"),
            dossier::paths::Reason::Flag,
        ),
        catalogue: Origin::Disk(
            Path::new(ROOT).join("config/entities.toml"),
            dossier::paths::Reason::Flag,
        ),
        keys: None,
        config: None,
        follow_links: false,
    })
    .expect("the repository files load");
    let bundled = corpus();
    assert!(disk.problems().is_empty());
    assert_eq!(disk.articles().len(), bundled.articles().len());
    for (d, b) in disk.articles().iter().zip(bundled.articles()) {
        assert_eq!(d.id, b.id);
        assert_eq!(d.blocks, b.blocks);
    }
    assert_eq!(disk.links.all(), bundled.links.all());
}

#[test]
fn every_entity_of_the_catalogue_is_mentioned() {
    let c = corpus();
    for (e, entity) in c.catalogue.iter() {
        assert!(
            !c.links.of_entity(e).is_empty(),
            "`{}` is never mentioned",
            entity.id
        );
    }
}

#[test]
fn bundled_articles_equal_the_files_in_articles() {
    let dir = Path::new(ROOT).join("articles");
    let mut on_disk: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("read articles/")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| {
            let id = p
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("UTF-8 file name")
                .to_string();
            (id, std::fs::read(&p).expect("read article"))
        })
        .collect();
    on_disk.sort();
    let mut compiled: Vec<(String, Vec<u8>)> = bundled::ARTICLES
        .iter()
        .map(|(id, text)| (id.to_string(), text.as_bytes().to_vec()))
        .collect();
    compiled.sort();
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&compiled),
        names(&on_disk),
        "bundled ids vs articles/"
    );
    for ((id, bundled), (_, disk)) in compiled.iter().zip(&on_disk) {
        assert!(
            bundled == disk,
            "{id}: bundled copy differs from articles/{id}.md"
        );
    }
    let files = bundled::article_files();
    assert_eq!(files.len(), on_disk.len());
    for file in files {
        assert_eq!(file.path, format!("(bundled)/articles/{}.md", file.id));
    }
}

#[test]
fn bundled_catalogue_equals_config_entities_toml() {
    let disk = std::fs::read_to_string(Path::new(ROOT).join("config/entities.toml"))
        .expect("read config/entities.toml");
    assert!(bundled::CATALOGUE == disk, "bundled catalogue differs");
    let parsed = parse_catalogue("entities.toml", disk.as_bytes()).expect("catalogue parses");
    assert_eq!(parsed.len(), corpus().catalogue.len());
}
