//! Guessing what a name is from the words around it and its own shape: a title or a verb of
//! saying before a person, a preposition of place before a town, "Agentur" or "union" near an
//! organisation, "-krieg" or "conference" in an event, "-land" in a country.

use super::scan::{Candidate, Lang, Token};
use super::words::Words;

use crate::corpus::catalogue::EntityKind;

/// How often each kind's cue was seen near a form.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cues {
    pub person: u32,
    pub place: u32,
    pub organisation: u32,
    pub event: u32,
    pub facility: u32,
}

impl Cues {
    pub fn add(&mut self, other: &Cues) {
        self.person += other.person;
        self.place += other.place;
        self.organisation += other.organisation;
        self.event += other.event;
        self.facility += other.facility;
    }
}

/// Words (folded to lower case, compared by prefix for nouns) that announce a kind nearby.
const PERSON: &[&str] = &[
    "präsident",
    "minister",
    "ministerin",
    "kanzler",
    "sprecher",
    "chef",
    "diktator",
    "machthaber",
    "herr",
    "frau",
    "vater",
    "sohn",
    "enkel",
    "großvater",
    "sagte",
    "sagt",
    "erklärte",
    "betonte",
    "meinte",
    "schrieb",
    "zar",
    "president",
    "secretary",
    "chief",
    "executive",
    "leader",
    "mayor",
    "spokesman",
    "spokeswoman",
    "said",
    "says",
    "told",
    "mr",
    "mrs",
    "ms",
    "dr",
    "analyst",
    "experte",
    "gründer",
    "founder",
    "vorstand",
];
const PLACE: &[&str] = &[
    "in",
    "nach",
    "aus",
    "bei",
    "from",
    "to",
    "into",
    "across",
    "stadt",
    "hauptstadt",
    "region",
    "provinz",
    "city",
    "capital",
    "near",
    "zwischen",
    "between",
];
const ORGANISATION: &[&str] = &[
    "agentur",
    "nachrichtenagentur",
    "gewerkschaft",
    "union",
    "konzern",
    "partei",
    "zeitung",
    "company",
    "operator",
    "group",
    "party",
    "newspaper",
    "agency",
    "university",
    "universität",
    "institut",
    "ministerium",
    "ministry",
    "verband",
    "association",
    "firma",
    "regulator",
    "brand",
    "betreiber",
];
const EVENT_TAILS: &[&str] = &[
    "krieg",
    "kriege",
    "krieges",
    "kriegs",
    "konferenz",
    "gipfel",
    "pandemie",
    "krise",
    "wahl",
    "wahlen",
    "spiele",
    "meisterschaft",
    "war",
    "conference",
    "summit",
    "crisis",
    "games",
    "election",
    "olympics",
    "revolution",
    "abkommen",
    "vertrag",
    "treaty",
];
const FACILITY_TAILS: &[&str] = &[
    "brücke",
    "bahnhof",
    "station",
    "bridge",
    "tunnel",
    "hafen",
    "port",
    "airport",
    "flughafen",
    "kosmodrom",
    "haus",
    "house",
    "werk",
    "plant",
    "kraftwerk",
    "terminal",
];
const ORGANISATION_TAILS: &[&str] = &[
    "partei",
    "agentur",
    "bahn",
    "rail",
    "railways",
    "gruppe",
    "group",
    "union",
    "rat",
    "council",
    "office",
    "ministerium",
    "ministry",
    "bank",
    "university",
    "universität",
    "akademie",
    "academy",
    "zeitung",
    "times",
    "news",
    "post",
    "institut",
    "institute",
    "nationen",
    "nations",
    "ministry",
    "service",
    "armee",
    "army",
];
const COUNTRY_TAILS: &[&str] = &[
    "land", "lands", "ien", "iens", "reich", "stan", "korea", "koreas",
];
const REGION_TAILS: &[&str] = &[
    "osten",
    "ostens",
    "westen",
    "halbinsel",
    "gebiet",
    "region",
    "oblast",
    "see",
    "meer",
    "fluss",
    "sea",
    "river",
    "lake",
    "coast",
];

/// Words before a capitalised word that make it a common noun: indefinite articles,
/// possessives, demonstratives, quantifiers. The definite article is not among them: names
/// take it too ("die Ukraine", "der Kreml").
const DETERMINERS: &[&str] = &[
    "ein", "eine", "einen", "einem", "einer", "eines", "kein", "keine", "keinen", "keinem",
    "keiner", "dieser", "diese", "diesen", "diesem", "dieses", "sein", "seine", "seinen", "seinem",
    "seiner", "ihr", "ihre", "ihren", "ihrem", "ihrer", "unser", "unsere", "unseren", "jeder",
    "jede", "jeden", "jedem", "alle", "viele", "mehrere", "a", "an", "this", "these", "his", "her",
    "their", "our", "its",
];

/// Whether `word` before a capitalised word makes it a common noun: one of `DETERMINERS`, or
/// an adjective the word list inflects fully (russischen: russische, russischer, russisches).
pub fn is_determiner_or_adjective(word: &str, words: &Words) -> bool {
    if DETERMINERS.contains(&word) {
        return true;
    }
    super::scan::is_adjective_form(word, words)
}

/// Whether the word lists have an adjective of the people of `name` (China: chinesisch,
/// Chinese; Russland: russisch; Ukraine: ukrainisch): a country, not a town.
fn has_demonym(name: &str, list: &Words) -> bool {
    let lower = name.to_lowercase();
    let mut stems = vec![lower.clone()];
    for cut in ["land", "union", "a", "e", "en"] {
        if let Some(s) = lower.strip_suffix(cut).filter(|s| s.chars().count() >= 3) {
            stems.push(s.to_string());
        }
    }
    stems.iter().any(|stem| {
        ["isch", "esisch", "anisch", "nisch", "ianisch", "etisch"]
            .iter()
            .any(|e| list.de_lower.contains(&format!("{stem}{e}")))
    }) || ["n", "an", "ian", "ese"]
        .iter()
        .any(|e| list.en_proper.contains(&format!("{name}{e}")))
}

/// The cues around one candidate: two words before it and one after, in its paragraph.
pub fn cues(text: &str, tokens: &[Token], c: &Candidate, lang: Lang) -> Cues {
    let _ = lang;
    let mut cues = Cues::default();
    let before = c.tokens.start.saturating_sub(2)..c.tokens.start;
    let after = c.tokens.end..(c.tokens.end + 1).min(tokens.len());
    for (i, t) in tokens[before.clone()]
        .iter()
        .chain(&tokens[after])
        .enumerate()
    {
        let word = text[t.range.clone()].to_lowercase();
        let next_to = i + 1 == before.len();
        if PERSON
            .iter()
            .any(|p| word == *p || (p.len() > 4 && word.ends_with(p)))
        {
            cues.person += 1;
        }
        if next_to && PLACE.contains(&word.as_str()) {
            cues.place += 1;
        }
        if ORGANISATION
            .iter()
            .any(|o| word == *o || (o.len() > 5 && word.ends_with(o)))
        {
            cues.organisation += 1;
        }
    }
    cues
}

/// The kind of a name: from its shape first (an event's or facility's last word, a country's
/// ending), then from the cues seen around it, then from its form (two name words: a person).
pub fn guess(
    name: &str,
    words: usize,
    acronym: bool,
    person_like: bool,
    cues: &Cues,
    list: &Words,
) -> EntityKind {
    let demonym = has_demonym(name, list);
    let lower = name.to_lowercase();
    let last = lower.rsplit([' ', '-']).next().unwrap_or(&lower);
    let ends = |tails: &[&str]| {
        tails
            .iter()
            .any(|t| last == *t || (t.len() >= 4 && last.ends_with(t)))
    };
    if ends(EVENT_TAILS) {
        return EntityKind::Event;
    }
    if ends(FACILITY_TAILS) {
        return EntityKind::Facility;
    }
    if words > 1 && ends(ORGANISATION_TAILS) {
        return EntityKind::Organisation;
    }
    if ends(REGION_TAILS) {
        return EntityKind::Region;
    }
    if words == 1 && (ends(COUNTRY_TAILS) || demonym) {
        return EntityKind::Country;
    }
    if cues.person > 0 && cues.person >= cues.place && cues.person >= cues.organisation {
        return EntityKind::Person;
    }
    if cues.organisation > cues.place || (acronym && cues.place == 0) {
        return EntityKind::Organisation;
    }
    if cues.place > 0 {
        return if acronym {
            EntityKind::Country
        } else {
            EntityKind::City
        };
    }
    if person_like || words > 1 {
        return EntityKind::Person;
    }
    EntityKind::Place
}
