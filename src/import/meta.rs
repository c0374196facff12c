//! Metadata shared by the importers: dates in the forms pages and datelines use (ISO,
//! `5.9.2023`, `5. September 2023`, `September 5, 2023`, `5 septembre 2023`,
//! `5 de septiembre de 2023`) normalised to ISO as precise as given, and the language of a
//! text (whatlang, ISO 639-1 codes).

use crate::corpus::months::{Reading, month_named};

fn month(word: &str) -> Option<u32> {
    month_named(word, Reading::Dateline).map(u32::from)
}

fn iso(year: u32, month: Option<u32>, day: Option<u32>) -> Option<String> {
    if !(1800..=2200).contains(&year) {
        return None;
    }
    let date = match (month, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    };
    crate::corpus::front::validate_date(&date)
        .ok()
        .map(|_| date)
}

/// An ISO date from a machine-readable value (`2023-09-05T10:00:00+02:00`, `2023-09-05`,
/// `2023-09`, `2023`) or from a date written out in words; `None` when there is none.
pub fn normalize_date(value: &str) -> Option<String> {
    let v = value.trim();
    let digits = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    if v.len() >= 4 && digits(&v[..4]) {
        let year: u32 = v[..4].parse().ok()?;
        let rest = &v[4..];
        let two = |s: &str| -> Option<u32> {
            let s = s.get(..2)?;
            s.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| s.parse().ok())?
        };
        if let Some(r) = rest.strip_prefix('-') {
            let m = two(r);
            let d = r.get(2..).and_then(|r| r.strip_prefix('-')).and_then(two);
            if m.is_some() {
                return iso(year, m, d);
            }
        }
        if rest.is_empty() {
            return iso(year, None, None);
        }
    }
    find_date(v)
}

/// The first date written in `text`: `5.9.2023`, `05.09.2023`, `5. September 2023`,
/// `September 5, 2023`, `5 septembre 2023`, `5 de septiembre de 2023`, `2023-09-05`.
pub fn find_date(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '|' | '·' | '/'))
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches([',', '.']);
        (!w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())?
    };
    for (i, word) in words.iter().enumerate() {
        let w = word.trim_end_matches([',', ';', ':']);
        // 5.9.2023 or 05.09.2023
        let parts: Vec<&str> = w.trim_end_matches('.').split('.').collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            && parts[2].len() == 4
        {
            let (d, m, y) = (
                parts[0].parse().ok(),
                parts[1].parse().ok(),
                parts[2].parse().ok(),
            );
            if let (Some(d), Some(m), Some(y)) = (d, m, y)
                && let Some(date) = iso(y, Some(m), Some(d))
            {
                return Some(date);
            }
        }
        // 2023-09-05
        if w.len() == 10
            && w.as_bytes()[4] == b'-'
            && w.as_bytes()[7] == b'-'
            && let Some(date) = normalize_date(w)
        {
            return Some(date);
        }
        // 5. September 2023 / 5 septembre 2023 / 5 de septiembre de 2023
        if let Some(day) = number(w).filter(|d| (1..=31).contains(d)) {
            let mut j = i + 1;
            if words.get(j).is_some_and(|w| *w == "de") {
                j += 1;
            }
            if let Some(m) = words.get(j).and_then(|w| month(w.trim_end_matches(','))) {
                let mut k = j + 1;
                if words.get(k).is_some_and(|w| *w == "de") {
                    k += 1;
                }
                if let Some(year) = words.get(k).and_then(|w| number(w)).filter(|y| *y >= 1800)
                    && let Some(date) = iso(year, Some(m), Some(day))
                {
                    return Some(date);
                }
            }
        }
        // September 5, 2023
        if let Some(m) = month(w) {
            let day = words
                .get(i + 1)
                .and_then(|w| number(w))
                .filter(|d| (1..=31).contains(d));
            let year = words
                .get(i + 2)
                .and_then(|w| number(w))
                .filter(|y| *y >= 1800);
            if let (Some(day), Some(year)) = (day, year)
                && let Some(date) = iso(year, Some(m), Some(day))
            {
                return Some(date);
            }
        }
    }
    None
}

/// The ISO 639-1 code of the language `text` is written in, when whatlang is confident;
/// else `fallback` (such as a page's `lang` attribute) reduced to its language part.
pub fn detect_language(text: &str, fallback: Option<&str>) -> String {
    let sample: String = text.chars().take(20_000).collect();
    let detected = whatlang::detect(&sample)
        .filter(|info| info.is_reliable() || info.confidence() > 0.5)
        .and_then(|info| iso_639_1(info.lang().code()));
    detected
        .map(str::to_string)
        .or_else(|| {
            fallback
                .map(|l| {
                    l.trim()
                        .split(['-', '_'])
                        .next()
                        .unwrap_or("")
                        .to_ascii_lowercase()
                })
                .filter(|l| l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()))
        })
        .unwrap_or_default()
}

fn iso_639_1(code3: &str) -> Option<&'static str> {
    Some(match code3 {
        "deu" => "de",
        "eng" => "en",
        "fra" => "fr",
        "spa" => "es",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "pol" => "pl",
        "ces" => "cs",
        "rus" => "ru",
        "ukr" => "uk",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "nb",
        "fin" => "fi",
        "hun" => "hu",
        "tur" => "tr",
        "cat" => "ca",
        "ron" => "ro",
        "kor" => "ko",
        "jpn" => "ja",
        "cmn" => "zh",
        "ara" => "ar",
        "heb" => "he",
        "ell" => "el",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_dates_keep_their_precision() {
        assert_eq!(
            normalize_date("2023-09-05T10:00:00+02:00").as_deref(),
            Some("2023-09-05")
        );
        assert_eq!(normalize_date("2023-09").as_deref(), Some("2023-09"));
        assert_eq!(normalize_date("2015").as_deref(), Some("2015"));
        assert_eq!(normalize_date("2023-13-01"), None);
        assert_eq!(
            normalize_date("Tue, 05 Sep 2023 10:00:00 GMT").as_deref(),
            Some("2023-09-05")
        );
    }

    #[test]
    fn datelines_in_four_languages() {
        for (text, date) in [
            ("(Michael Vosatka, 5.9.2023)", "2023-09-05"),
            ("Berlin, 13. September 2023 –", "2023-09-13"),
            ("Published September 13, 2023", "2023-09-13"),
            ("Publié le 5 septembre 2023", "2023-09-05"),
            ("Madrid, 5 de septiembre de 2023", "2023-09-05"),
            ("am 1. Dezember 2023 abgerufen", "2023-12-01"),
        ] {
            assert_eq!(find_date(text).as_deref(), Some(date), "{text}");
        }
        assert_eq!(find_date("Kim kam am 9. Mai nach Moskau."), None);
        assert_eq!(find_date("31.2.2023"), None);
    }

    #[test]
    fn language_is_detected_with_a_fallback() {
        let de = "Nordkoreas Aussenministerin ist jetzt in Moskau, und die freiheitliche Welt schaut etwas nervös dabei zu.";
        let en = "North Korea's foreign minister is now in Moscow, and the free world is watching somewhat nervously.";
        assert_eq!(detect_language(de, None), "de");
        assert_eq!(detect_language(en, Some("de")), "en");
        assert_eq!(detect_language("", Some("fr-CA")), "fr");
        assert_eq!(detect_language("", None), "");
    }
}
