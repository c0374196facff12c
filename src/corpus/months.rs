//! Month names in the languages dossier reads, with their abbreviations: one table for the
//! timeline's finder of dates in prose (German and English names, written out and
//! capitalised) and for the importers' datelines (German, English, French, Spanish, any case,
//! abbreviated or not).

/// Where a month name is read, which decides the names and spellings taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Article text: German and English names written out and capitalised ("Juni", "June").
    Prose,
    /// A page's or a feed's date line: any of the four languages, any case, abbreviations
    /// and a trailing full stop ("5 sept. 2023", "MÄRZ").
    Dateline,
}

/// (name in lower case, month, language, is an abbreviation).
const MONTHS: &[(&str, u8, &str, bool)] = &[
    ("januar", 1, "de", false),
    ("jänner", 1, "de", false),
    ("january", 1, "en", false),
    ("janvier", 1, "fr", false),
    ("enero", 1, "es", false),
    ("februar", 2, "de", false),
    ("feber", 2, "de", false),
    ("february", 2, "en", false),
    ("février", 2, "fr", false),
    ("fevrier", 2, "fr", false),
    ("febrero", 2, "es", false),
    ("märz", 3, "de", false),
    ("maerz", 3, "de", false),
    ("march", 3, "en", false),
    ("mars", 3, "fr", false),
    ("marzo", 3, "es", false),
    ("april", 4, "de", false),
    ("avril", 4, "fr", false),
    ("abril", 4, "es", false),
    ("mai", 5, "de", false),
    ("may", 5, "en", false),
    ("mayo", 5, "es", false),
    ("juni", 6, "de", false),
    ("june", 6, "en", false),
    ("juin", 6, "fr", false),
    ("junio", 6, "es", false),
    ("juli", 7, "de", false),
    ("july", 7, "en", false),
    ("juillet", 7, "fr", false),
    ("julio", 7, "es", false),
    ("august", 8, "de", false),
    ("août", 8, "fr", false),
    ("aout", 8, "fr", false),
    ("agosto", 8, "es", false),
    ("september", 9, "de", false),
    ("septembre", 9, "fr", false),
    ("septiembre", 9, "es", false),
    ("setiembre", 9, "es", false),
    ("oktober", 10, "de", false),
    ("october", 10, "en", false),
    ("octobre", 10, "fr", false),
    ("octubre", 10, "es", false),
    ("november", 11, "de", false),
    ("novembre", 11, "fr", false),
    ("noviembre", 11, "es", false),
    ("dezember", 12, "de", false),
    ("december", 12, "en", false),
    ("décembre", 12, "fr", false),
    ("decembre", 12, "fr", false),
    ("diciembre", 12, "es", false),
    ("jan", 1, "en", true),
    ("feb", 2, "en", true),
    ("apr", 4, "en", true),
    ("aug", 8, "en", true),
    ("sep", 9, "en", true),
    ("sept", 9, "en", true),
    ("oct", 10, "en", true),
];

/// The month (1–12) `word` names when read as `reading` says; `None` for any other word.
pub fn month_named(word: &str, reading: Reading) -> Option<u8> {
    let word = match reading {
        Reading::Prose => {
            let mut chars = word.chars();
            let capitalised =
                chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase());
            if !capitalised {
                return None;
            }
            word
        }
        Reading::Dateline => word.trim_end_matches('.'),
    };
    let lower = word.to_lowercase();
    MONTHS
        .iter()
        .find(|&&(name, _, language, abbreviation)| {
            name == lower
                && match reading {
                    Reading::Prose => !abbreviation && matches!(language, "de" | "en"),
                    Reading::Dateline => true,
                }
        })
        .map(|&(_, month, _, _)| month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_takes_capitalised_german_and_english_names_only() {
        assert_eq!(month_named("Juni", Reading::Prose), Some(6));
        assert_eq!(month_named("March", Reading::Prose), Some(3));
        assert_eq!(month_named("März", Reading::Prose), Some(3));
        // "Mars" the planet, "mai" in lower case, abbreviations, shouting: not months in prose.
        assert_eq!(month_named("Mars", Reading::Prose), None);
        assert_eq!(month_named("mai", Reading::Prose), None);
        assert_eq!(month_named("Sept", Reading::Prose), None);
        assert_eq!(month_named("JUNI", Reading::Prose), None);
    }

    #[test]
    fn datelines_take_four_languages_any_case_and_abbreviations() {
        assert_eq!(month_named("septembre", Reading::Dateline), Some(9));
        assert_eq!(month_named("Diciembre", Reading::Dateline), Some(12));
        assert_eq!(month_named("MÄRZ", Reading::Dateline), Some(3));
        assert_eq!(month_named("Sept.", Reading::Dateline), Some(9));
        assert_eq!(month_named("Mars", Reading::Dateline), Some(3));
        assert_eq!(month_named("Montag", Reading::Dateline), None);
    }
}
