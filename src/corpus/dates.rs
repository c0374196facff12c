//! Dates stated in German (and English month-name) text, as precise as the text is: a day
//! ("am 30. Juni 2019", "30.06.2019"), a month ("im Juli 2023") or a year ("1959", "seit
//! 2013", both ends of "1912–1994"). A day or month without a year is not a date here.
//!
//! One pass over the words; never panics; ranges are byte ranges on char boundaries.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use super::months::{Reading, month_named};

/// Years outside this range are taken for plain numbers ("1000 Container").
const YEARS: std::ops::RangeInclusive<u32> = 1800..=2100;

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A year, perhaps with a month, perhaps with a day. Orders in time, a year before its months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }
}

/// `2019`, `2019-04` or `2019-04-25`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

/// A date found in a text and the bytes that state it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub date: PartialDate,
    pub range: Range<usize>,
}

/// A run of letters or digits.
struct Word<'a> {
    range: Range<usize>,
    text: &'a str,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut found = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                found.push(Word {
                    range: s..i,
                    text: &text[s..i],
                });
                start = None;
            }
            _ => {}
        }
    }
    found
}

fn number(word: &Word, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    let all_digits = word.text.bytes().all(|b| b.is_ascii_digit());
    if all_digits && digits.contains(&word.text.len()) {
        word.text.parse().ok()
    } else {
        None
    }
}

fn year(word: &Word) -> Option<u32> {
    number(word, 4..=4).filter(|y| YEARS.contains(y))
}

fn month(word: &Word) -> Option<u8> {
    month_named(word.text, Reading::Prose)
}

/// Words after which a number names a thing, not a year ("Resolution 1874", "Nr. 2019",
/// "Flug 1900"), in the languages the articles are written in.
const DESIGNATORS: &[&str] = &[
    "resolution",
    "resolutionen",
    "nr",
    "nummer",
    "no",
    "number",
    "artikel",
    "article",
    "art",
    "paragraph",
    "paragraf",
    "seite",
    "seiten",
    "page",
    "pages",
    "band",
    "vol",
    "flug",
    "flight",
    "kapitel",
    "chapter",
    "gesetz",
    "linie",
    "line",
    "zimmer",
    "room",
];

fn is_designator(word: &str) -> bool {
    DESIGNATORS.iter().any(|d| word.eq_ignore_ascii_case(d))
}

/// Every date stated in `text`, in order.
pub fn dates_in(text: &str) -> Vec<DateMention> {
    let words = words(text);
    let between = |a: &Word, b: &Word| &text[a.range.end..b.range.start];
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        let next = words.get(i + 1);
        let third = words.get(i + 2);
        // "30. Juni 2019"
        if let (Some(day), Some(m), Some(y)) = (
            number(w, 1..=2).filter(|d| (1..=31).contains(d)),
            next.filter(|n| between(w, n).trim() == ".").and_then(month),
            third.filter(|t| next.is_some_and(|n| between(n, t).trim().is_empty())),
        ) && let Some(year) = year(y)
        {
            found.push(DateMention {
                date: PartialDate {
                    year,
                    month: Some(m),
                    day: Some(day as u8),
                },
                range: w.range.start..y.range.end,
            });
            i += 3;
            continue;
        }
        // "30.06.2019"
        if let (Some(day), Some(m), Some(y)) = (
            number(w, 1..=2).filter(|d| (1..=31).contains(d)),
            next.filter(|n| between(w, n) == ".")
                .and_then(|n| number(n, 1..=2))
                .filter(|m| (1..=12).contains(m)),
            third.filter(|t| next.is_some_and(|n| between(n, t) == ".")),
        ) && let Some(year) = year(y)
        {
            found.push(DateMention {
                date: PartialDate {
                    year,
                    month: Some(m as u8),
                    day: Some(day as u8),
                },
                range: w.range.start..y.range.end,
            });
            i += 3;
            continue;
        }
        // "Juli 2023"
        if let Some(m) = month(w)
            && let Some(n) = next.filter(|n| between(w, n).trim().is_empty())
            && let Some(year) = year(n)
        {
            found.push(DateMention {
                date: PartialDate {
                    year,
                    month: Some(m),
                    day: None,
                },
                range: w.range.start..n.range.end,
            });
            i += 2;
            continue;
        }
        // "1959", but not a piece of "120.000" or "3,2019".
        if let Some(year) = year(w) {
            let before = text[..w.range.start].chars().next_back();
            let mut after = text[w.range.end..].chars();
            let glued_before = before.is_some_and(|c| matches!(c, '.' | ',' | '/'))
                && text[..w.range.start]
                    .trim_end_matches(['.', ',', '/'])
                    .ends_with(|c: char| c.is_ascii_digit());
            let glued_after = matches!(after.next(), Some('.' | ',' | '/'))
                && after.next().is_some_and(|c| c.is_ascii_digit());
            let numbered = i > 0 && is_designator(words[i - 1].text);
            if !glued_before && !glued_after && !numbered {
                found.push(DateMention {
                    date: PartialDate {
                        year,
                        month: None,
                        day: None,
                    },
                    range: w.range.clone(),
                });
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<(String, &str)> {
        dates_in(text)
            .into_iter()
            .map(|d| (d.date.to_string(), &text[d.range]))
            .collect()
    }

    #[test]
    fn a_day_a_month_and_a_year_are_each_as_precise_as_the_text() {
        let text =
            "Am 30. Juni 2019 kam er, im Juli 2023 wieder, geboren 1959, Sanktionen seit 2013.";
        assert_eq!(
            shown(text),
            vec![
                ("2019-06-30".to_string(), "30. Juni 2019"),
                ("2023-07".to_string(), "Juli 2023"),
                ("1959".to_string(), "1959"),
                ("2013".to_string(), "2013"),
            ]
        );
        let precisions: Vec<Precision> =
            dates_in(text).iter().map(|d| d.date.precision()).collect();
        assert_eq!(
            precisions,
            [
                Precision::Day,
                Precision::Month,
                Precision::Year,
                Precision::Year
            ]
        );
    }

    #[test]
    fn numeric_dates_and_both_ends_of_a_range_are_found() {
        assert_eq!(
            shown("am 01.10.2023"),
            vec![("2023-10-01".to_string(), "01.10.2023")]
        );
        assert_eq!(
            shown("Lebensdaten 1912–1994"),
            vec![("1912".to_string(), "1912"), ("1994".to_string(), "1994")]
        );
    }

    #[test]
    fn plain_numbers_and_dates_without_a_year_are_not_dates() {
        assert!(shown("über 120.000 Leiharbeiter, 1000 Container, 40.000 Euro").is_empty());
        assert!(shown("im September erhärtete sich, am 9. Mai").is_empty());
        assert!(shown("ISSN 0362-4331, 3,2019 Prozent").is_empty());
        assert!(
            shown("die Resolution 1874 des UN-Sicherheitsrats, Artikel 2000, Nr. 1995").is_empty()
        );
        assert_eq!(shown("im Juni 2009 die Resolution 1874").len(), 1);
    }

    #[test]
    fn dates_order_in_time_with_a_year_before_its_months() {
        let year = PartialDate {
            year: 2019,
            month: None,
            day: None,
        };
        let april = PartialDate {
            year: 2019,
            month: Some(4),
            day: None,
        };
        let april_25 = PartialDate {
            year: 2019,
            month: Some(4),
            day: Some(25),
        };
        let sept_2023 = PartialDate {
            year: 2023,
            month: Some(9),
            day: None,
        };
        assert!(year < april && april < april_25 && april_25 < sept_2023);
    }
}
