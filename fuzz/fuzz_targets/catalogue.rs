//! parse_catalogue on arbitrary bytes: never panics; what it accepts is clean and consistent.

#![no_main]

use dossier::corpus::catalogue::parse_catalogue;
use dossier::corpus::linker::Linker;
use dossier::corpus::sanitize::is_clean;
use libfuzzer_sys::fuzz_target;

fn one_clean_line(s: &str) {
    assert!(is_clean(s) && !s.contains('\n'), "{s:?}");
    assert_eq!(s.trim(), s, "{s:?}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(catalogue) = parse_catalogue("entities.toml", data) else {
        return;
    };
    for (form, _) in &catalogue.ignore {
        assert!(!form.is_empty());
        one_clean_line(form);
    }
    for (i, entity) in catalogue.iter() {
        assert_eq!(catalogue.get(&entity.id), Some(i));
        assert!(!entity.name.is_empty());
        for form in entity.surface_forms() {
            one_clean_line(form);
            assert!(!form.is_empty());
        }
        assert!(!entity.aliases.contains(&entity.name));
        assert_eq!(entity.aliases.len(), entity.alias_positions.len());
        assert_eq!(entity.facts.len(), entity.fact_positions.len());
        one_clean_line(&entity.summary);
        for fact in &entity.facts {
            one_clean_line(&fact.label);
            one_clean_line(&fact.value);
        }
    }
    // Whatever the catalogue holds, it compiles.
    let linker = Linker::new(&catalogue);
    for entity in catalogue.entities() {
        for form in entity.surface_forms() {
            assert!(linker.pattern_of(form).is_some());
        }
    }
});
