use super::*;

const FILE: &str = r#"# My catalogue.
ignore = ["US-Dollar"]

# ---- People ----

# The president.
[[entity]]
id = "wladimir-putin"
name = "Wladimir Putin"   # as the articles spell it
kind = "person"
aliases = ["Putin"]
summary = "Präsident Russlands."

[[entity]]
id = "kim-jong-un"
name = "Kim Jong-un"
kind = "person"
aliases = [
  "Kim Jong Un",
  "Kim",
]
summary = 'Machthaber.'

# ---- Places ----

[[entity]]
id = "moskau"
name = "Moskau"
kind = "city"
summary = "Hauptstadt Russlands."
"#;

fn editor() -> CatalogueEditor {
    CatalogueEditor::parse("entities.toml", FILE).unwrap()
}

fn refused(r: Result<Change, EditError>) -> String {
    match r {
        Err(EditError::Refused(m)) => m,
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn adding_an_entity_keeps_every_comment_and_puts_it_after_its_kind() {
    let mut e = editor();
    let change = e
        .add_entity(&NewEntity {
            name: "Sergei Lawrow",
            kind: EntityKind::Person,
            aliases: &["Lawrow".to_string()],
            id: None,
            summary: "",
        })
        .unwrap();
    assert_eq!(change.entity.as_deref(), Some("sergei-lawrow"));
    let text = e.text();
    let expected = FILE.replace(
        "summary = 'Machthaber.'\n",
        "summary = 'Machthaber.'\n\n[[entity]]\nid = \"sergei-lawrow\"\nname = \"Sergei Lawrow\"\nkind = \"person\"\naliases = [\"Lawrow\"]\nsummary = \"\"\n",
    );
    assert_eq!(text, expected);
    assert_eq!(e.catalogue().len(), 4);
}

#[test]
fn an_entity_of_a_new_kind_goes_at_the_end() {
    let mut e = editor();
    e.add_entity(&NewEntity {
        name: "Deutsche Bahn",
        kind: EntityKind::Organisation,
        aliases: &[],
        id: None,
        summary: "Bahn.",
    })
    .unwrap();
    assert!(e.text().starts_with(FILE), "{}", e.text());
    assert!(e.text().ends_with(
        "\n[[entity]]\nid = \"deutsche-bahn\"\nname = \"Deutsche Bahn\"\nkind = \"organisation\"\nsummary = \"Bahn.\"\n"
    ));
}

#[test]
fn a_duplicate_id_or_name_is_refused() {
    let mut e = editor();
    let new = |name, id| NewEntity {
        name,
        kind: EntityKind::City,
        aliases: &[],
        id,
        summary: "",
    };
    let m = refused(e.add_entity(&new("Moskau", None)));
    assert!(
        m.contains("`moskau` exists already") && m.contains("catalogue alias"),
        "{m}"
    );
    let m = refused(e.add_entity(&new("MOSKAU", Some("moscow"))));
    assert!(m.contains("is the name of `moskau`"), "{m}");
    assert_eq!(e.text(), FILE);
}

#[test]
fn an_alias_goes_into_the_array_spaced_like_the_others() {
    let mut e = editor();
    e.add_alias("putin", "Wladimir Wladimirowitsch Putin")
        .unwrap();
    e.add_alias("Kim Jong-un", "Kim Dschong Un").unwrap();
    let text = e.text();
    assert!(
        text.contains("aliases = [\"Putin\", \"Wladimir Wladimirowitsch Putin\"]"),
        "{text}"
    );
    assert!(
        text.contains("  \"Kim\",\n  \"Kim Dschong Un\",\n]"),
        "{text}"
    );
    assert!(text.contains("name = \"Wladimir Putin\"   # as the articles spell it"));
}

#[test]
fn an_alias_of_an_entity_without_aliases_goes_after_its_kind() {
    let mut e = editor();
    e.add_alias("moskau", "Moskwa").unwrap();
    assert!(
        e.text()
            .contains("kind = \"city\"\naliases = [\"Moskwa\"]\nsummary"),
        "{}",
        e.text()
    );
}

#[test]
fn an_alias_it_has_already_is_refused_and_one_shared_is_noted() {
    let mut e = editor();
    let m = refused(e.add_alias("wladimir-putin", "putin"));
    assert!(m.contains("already a form of `wladimir-putin`"), "{m}");
    let change = e.add_alias("moskau", "Kim").unwrap();
    assert!(
        change.notes[0].contains("`kim-jong-un`"),
        "{:?}",
        change.notes
    );
}

#[test]
fn an_unknown_entity_is_refused_with_a_suggestion() {
    let mut e = editor();
    let m = refused(e.add_alias("puttin", "X"));
    assert!(m.contains("did you mean `wladimir-putin`"), "{m}");
    let m = refused(e.remove_entity("moscow"));
    assert!(m.contains("unknown entity `moscow`"), "{m}");
}

#[test]
fn ignored_forms_join_the_list_and_must_hold_the_entity() {
    let mut e = editor();
    e.ignore("Putin-Versteher", None).unwrap();
    assert!(
        e.text()
            .contains("ignore = [\"US-Dollar\", \"Putin-Versteher\"]")
    );
    let m = refused(e.ignore("Rubel", Some("putin")));
    assert!(m.contains("holds no form of `wladimir-putin`"), "{m}");
    let m = refused(e.ignore("us-dollar", None));
    assert!(m.contains("ignored already"), "{m}");
    assert_eq!(e.catalogue().ignore.len(), 2);
}

#[test]
fn a_form_ignored_for_one_entity_is_kept_in_that_entitys_table() {
    let mut e = editor();
    let change = e.ignore("Putin-Regime", Some("putin")).unwrap();
    assert_eq!(change.entity.as_deref(), Some("wladimir-putin"));
    let out = e.text();
    assert!(
        out.contains("aliases = [\"Putin\"]\nignore = [\"Putin-Regime\"]\nsummary"),
        "right after the aliases: {out}"
    );
    assert!(
        out.contains("ignore = [\"US-Dollar\"]\n"),
        "the global list is left alone"
    );
    let putin = e.catalogue().get("wladimir-putin").unwrap();
    assert_eq!(
        e.catalogue().entity(putin).unwrap().ignore,
        ["Putin-Regime"]
    );
    e.ignore("Putin-Freund", Some("wladimir-putin")).unwrap();
    assert!(
        e.text()
            .contains("ignore = [\"Putin-Regime\", \"Putin-Freund\"]")
    );
    let m = refused(e.ignore("putin-regime", Some("putin")));
    assert!(m.contains("ignored for `wladimir-putin` already"), "{m}");
    // An entity without aliases gets the list after its kind's keys, at the end.
    e.ignore("Moskau-Besuch", Some("moskau")).unwrap();
    assert!(
        e.text()
            .contains("summary = \"Hauptstadt Russlands.\"\nignore = [\"Moskau-Besuch\"]"),
        "{}",
        e.text()
    );
}

#[test]
fn the_first_ignored_form_goes_before_the_entities() {
    let text = FILE.replace("ignore = [\"US-Dollar\"]\n", "");
    let mut e = CatalogueEditor::parse("entities.toml", &text).unwrap();
    e.ignore("Kim Stalin", None).unwrap();
    let out = e.text();
    assert!(
        out.find("ignore = [\"Kim Stalin\"]").unwrap() < out.find("[[entity]]").unwrap(),
        "{out}"
    );
    assert_eq!(e.catalogue().ignore[0].0, "Kim Stalin");
}

#[test]
fn removing_an_entity_keeps_the_section_heading_and_drops_its_own_comment() {
    let mut e = editor();
    e.remove_entity("Wladimir Putin").unwrap();
    let text = e.text();
    assert!(
        !text.contains("The president") && !text.contains("wladimir-putin"),
        "{text}"
    );
    assert!(
        text.contains("# ---- People ----\n\n[[entity]]\nid = \"kim-jong-un\""),
        "{text}"
    );
    e.remove_entity("moskau").unwrap();
    assert!(!e.text().contains("Moskau"), "{}", e.text());
    assert_eq!(e.catalogue().len(), 1);
}

#[test]
fn a_broken_catalogue_is_not_edited() {
    let broken = FILE.replace("kind = \"city\"", "kind = \"town\"");
    match CatalogueEditor::parse("entities.toml", &broken) {
        Err(EditError::Invalid(problems)) => assert!(problems[0].to_string().contains("town")),
        _ => panic!("a broken catalogue was accepted"),
    }
}

#[test]
fn an_edit_is_written_atomically_and_a_refused_one_leaves_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("entities.toml");
    std::fs::write(&path, FILE).unwrap();
    let r = edit_catalogue(&path, None, |e| e.add_alias("putin", "Putin"));
    assert!(r.is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
    edit_catalogue(&path, None, |e| e.add_alias("putin", "Wowa")).unwrap();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("\"Putin\", \"Wowa\"")
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_missing_file_starts_from_the_seed_or_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("entities.toml");
    assert!(edit_catalogue(&path, None, |e| e.ignore("X", None)).is_err());
    edit_catalogue(&path, Some(FILE), |e| e.ignore("Kim Stalin", None)).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("# My catalogue.\nignore = [\"US-Dollar\", \"Kim Stalin\"]"),
        "{text}"
    );
}

#[test]
fn two_writers_at_once_both_keep_their_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("entities.toml");
    std::fs::write(&path, FILE).unwrap();
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let path = path.clone();
            std::thread::spawn(move || {
                edit_catalogue(&path, None, |e| e.add_alias("moskau", &format!("Form{i}")))
                    .unwrap();
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let text = std::fs::read_to_string(&path).unwrap();
    for i in 0..8 {
        assert!(text.contains(&format!("\"Form{i}\"")), "{text}");
    }
}
