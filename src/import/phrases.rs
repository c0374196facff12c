//! Known boilerplate of news pages in German, English, French and Spanish: whole lines
//! (`Anzeige`, `Advertisement`), line starts (`Lesen Sie auch`, `Sign up for our newsletter`)
//! and labels glued to headings (`[Bearbeiten | Quelltext bearbeiten]`). The text importer
//! and the HTML importer both ask here, so a phrase added once serves both.

/// Lines that are boilerplate when they are the whole line (compared folded, without
/// trailing punctuation).
const WHOLE: &[&str] = &[
    // German
    "anzeige",
    "werbung",
    "sponsored",
    "teilen",
    "drucken",
    "merken",
    "kommentare",
    "zum hauptinhalt springen",
    "zur navigation springen",
    "zur suche springen",
    "zur navigation springen zur suche springen",
    "mehr zum thema",
    "lesen sie auch",
    "das könnte sie auch interessieren",
    "weitere artikel",
    "artikel teilen",
    "newsletter",
    "jetzt abonnieren",
    "abonnieren",
    "startseite",
    "menü",
    "suche",
    "anmelden",
    "login",
    "mehr anzeigen",
    "weiterlesen",
    "alle akzeptieren",
    "akzeptieren",
    "ablehnen",
    "einstellungen",
    "schließen",
    "fyi",
    "news",
    "video",
    "audio",
    "podcast",
    "bildergalerie",
    "zurück",
    "nach oben",
    "top",
    "impressum",
    "datenschutz",
    "kontakt",
    "agb",
    // English
    "advertisement",
    "ad",
    "share",
    "share this article",
    "print",
    "comments",
    "read more",
    "related",
    "related articles",
    "related stories",
    "more stories",
    "skip to content",
    "skip to main content",
    "sign in",
    "log in",
    "subscribe",
    "menu",
    "search",
    "home",
    "accept",
    "accept all",
    "reject all",
    "cookie settings",
    "manage cookies",
    "close",
    "back to top",
    "privacy policy",
    "terms of use",
    "contact us",
    "most read",
    "trending",
    // French
    "publicité",
    "partager",
    "je m'abonne",
    "paramétrer",
    "réactions",
    "copier le lien",
    "mentions légales",
    "lire aussi",
    "lire la suite",
    "à lire aussi",
    "s'abonner",
    "se connecter",
    "accepter",
    "tout accepter",
    "refuser",
    "fermer",
    "commentaires",
    // Spanish
    "publicidad",
    "compartir",
    "leer más",
    "lee también",
    "te puede interesar",
    "suscríbete",
    "iniciar sesión",
    "aceptar",
    "rechazar",
    "cerrar",
    "comentarios",
    "más noticias",
];

/// Starts of lines that are boilerplate whatever follows (compared folded).
const STARTS: &[&str] = &[
    // German
    "ihr browser ist veraltet",
    "wir verwenden cookies",
    "diese website verwendet cookies",
    "diese seite verwendet cookies",
    "mit der nutzung",
    "jetzt abonnieren",
    "lesen sie auch:",
    "mehr zum thema:",
    "auch interessant:",
    "melden sie sich",
    "registrieren sie sich",
    "abonnieren sie",
    "folgen sie uns",
    "teilen auf",
    "aus wikipedia, der freien enzyklopädie",
    "commons:",
    "dieser artikel wurde",
    "copyright ©",
    "© ",
    "alle rechte vorbehalten",
    "hinweis: dieser artikel",
    "sie haben einen fehler",
    "zum newsletter",
    "newsletter abonnieren",
    "unser newsletter",
    "this story is over",
    // English
    "we use cookies",
    "this website uses cookies",
    "this site uses cookies",
    "by continuing to use",
    "sign up for",
    "subscribe to",
    "follow us on",
    "share on",
    "read more:",
    "related:",
    "read next",
    "you might also like",
    "recommended for you",
    "all rights reserved",
    "click here",
    "your browser is out of date",
    "support our journalism",
    "advertisement -",
    // French
    "cet article vous a plu",
    "nous utilisons des cookies",
    "ce site utilise des cookies",
    "abonnez-vous",
    "inscrivez-vous",
    "lire aussi :",
    "suivez-nous",
    "tous droits réservés",
    // Spanish
    "utilizamos cookies",
    "este sitio web utiliza cookies",
    "suscríbete a",
    "síguenos en",
    "lee también:",
    "todos los derechos reservados",
    "regístrate",
];

/// Edit links glued to headings by wikis, with what the heading keeps.
const HEADING_SUFFIXES: &[&str] = &[
    "[Bearbeiten | Quelltext bearbeiten]",
    "[Bearbeiten]",
    "[edit]",
    "[edit source]",
    "[modifier | modifier le code]",
    "[modifier]",
    "[editar]",
    "[editar código]",
];

fn folded(line: &str) -> String {
    line.trim()
        .trim_end_matches(['.', ':', '!', '›', '»', '→', '>'])
        .trim()
        .to_lowercase()
}

/// Whether `line` is a known piece of page furniture.
pub fn is_boilerplate(line: &str) -> bool {
    let f = folded(line);
    if f.is_empty() {
        return false;
    }
    WHOLE.contains(&f.as_str()) || STARTS.iter().any(|s| f.starts_with(s)) || is_share_bar(&f)
}

/// A row of share buttons: "Facebook X E-Mail", "Teilen: WhatsApp Twitter".
fn is_share_bar(folded: &str) -> bool {
    const NETWORKS: &[&str] = &[
        "facebook",
        "x",
        "twitter",
        "e-mail",
        "email",
        "mail",
        "whatsapp",
        "linkedin",
        "telegram",
        "pinterest",
        "reddit",
        "xing",
        "threads",
        "bluesky",
        "mastodon",
        "flipboard",
        "teilen",
        "share",
        "drucken",
        "print",
        "partager",
        "compartir",
        "copy",
        "link",
        "kopieren",
    ];
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '|' | '·' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    words.len() >= 2 && words.iter().all(|w| NETWORKS.contains(w))
}

/// Labels of boxes whose following lines are links, not the article: "Mehr zum Thema",
/// "Related stories", "Kommentare", "Most read".
pub fn is_section_label(line: &str) -> bool {
    const LABELS: &[&str] = &[
        "mehr zum thema",
        "lesen sie auch",
        "das könnte sie auch interessieren",
        "weitere artikel",
        "meistgelesen",
        "meistgelesene artikel",
        "kommentare",
        "newsletter",
        "related",
        "related stories",
        "related articles",
        "more stories",
        "most read",
        "most popular",
        "comments",
        "recommended",
        "trending",
        "lire aussi",
        "à lire aussi",
        "les plus lus",
        "commentaires",
        "te puede interesar",
        "lo más leído",
        "comentarios",
        "más noticias",
        "top-themen",
        "themen",
        "tags",
        "schlagworte",
    ];
    LABELS.contains(&folded(line).as_str())
}

/// `line` without a wiki's edit link glued to its end (`Geschichte[Bearbeiten | …]`).
pub fn strip_edit_link(line: &str) -> Option<&str> {
    let t = line.trim_end();
    HEADING_SUFFIXES
        .iter()
        .find_map(|s| t.strip_suffix(s))
        .map(str::trim_end)
}

/// Headings of a list of references or footnotes.
pub fn is_references_heading(heading: &str) -> bool {
    const NAMES: &[&str] = &[
        "einzelnachweise",
        "anmerkungen",
        "quellen",
        "fußnoten",
        "fussnoten",
        "literatur",
        "belege",
        "references",
        "notes",
        "footnotes",
        "sources",
        "notes and references",
        "références",
        "notes et références",
        "sources et références",
        "referencias",
        "notas",
        "fuentes",
    ];
    NAMES.contains(&folded(heading).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_phrases_in_four_languages_are_boilerplate() {
        for line in [
            "Anzeige",
            "ANZEIGE",
            "Zum Hauptinhalt springen",
            "Ihr Browser ist veraltet. Bitte aktualisieren Sie …",
            "We use cookies to improve your experience.",
            "Advertisement",
            "Publicité",
            "Lire aussi :",
            "Publicidad",
            "Suscríbete a nuestro boletín",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        for line in [
            "Kim trifft Putin.",
            "Anzeige gegen Unbekannt erstattet",
            "News from Seoul",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn edit_links_come_off_headings() {
        assert_eq!(
            strip_edit_link("Geschichte[Bearbeiten | Quelltext bearbeiten]"),
            Some("Geschichte")
        );
        assert_eq!(strip_edit_link("History[edit]"), Some("History"));
        assert_eq!(strip_edit_link("Geschichte"), None);
    }
}
