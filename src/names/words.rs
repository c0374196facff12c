//! The embedded word list (`data/wordlist.gz`, made by `tools/wordlist/build.sh` from Debian's
//! wngerman, wamerican and wbritish): which words are ordinary German or English words, which
//! capitalised German words are common nouns, which English words are proper names.
//!
//! Decoded once, on first use, into hash sets; nothing is read from the machine at run time.

use std::collections::HashSet;
use std::io::Read;
use std::sync::OnceLock;

static DATA: &[u8] = include_bytes!("../../data/wordlist.gz");

/// The classes of `tools/wordlist/build.sh`.
#[derive(Debug, Default)]
pub struct Words {
    /// German words written lower-case.
    pub de_lower: HashSet<String>,
    /// Capitalised German words that the list inflects as nouns (Staat, Staaten).
    pub de_noun: HashSet<String>,
    /// Other capitalised German words (Moskau, Gipfel).
    pub de_cap: HashSet<String>,
    /// English words written lower-case.
    pub en_lower: HashSet<String>,
    /// English words written capitalised: proper names.
    pub en_proper: HashSet<String>,
}

static WORDS: OnceLock<Words> = OnceLock::new();

/// The word list, decoded on first use (an empty one if the embedded data were damaged, which
/// a unit test rules out).
pub fn words() -> &'static Words {
    WORDS.get_or_init(|| decode(DATA).unwrap_or_default())
}

/// Whether the list is decoded already, so that `words` answers at once.
pub fn loaded() -> bool {
    WORDS.get().is_some()
}

/// Decodes the list on a thread of its own unless it is decoded already: the reader, which
/// will need it soon, goes on answering keys meanwhile. Without a thread, `words` decodes it
/// when first asked.
pub fn load_in_background() {
    if !loaded() {
        let _ = std::thread::Builder::new()
            .name("word list".to_string())
            .spawn(|| {
                words();
            });
    }
}

fn decode(gz: &[u8]) -> Option<Words> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut bytes)
        .ok()?;
    let mut words = Words::default();
    let mut class: Option<&mut HashSet<String>> = None;
    let mut previous: Vec<u8> = Vec::new();
    for line in bytes.split(|&b| b == b'\n') {
        if line.first() == Some(&b'#') {
            class = match &line[1..] {
                b"de-lower" => Some(&mut words.de_lower),
                b"de-noun" => Some(&mut words.de_noun),
                b"de-cap" => Some(&mut words.de_cap),
                b"en-lower" => Some(&mut words.en_lower),
                b"en-proper" => Some(&mut words.en_proper),
                _ => None,
            };
            previous.clear();
            continue;
        }
        let (Some(set), Some((&shared, rest))) = (class.as_deref_mut(), line.split_first()) else {
            continue;
        };
        let shared = usize::from(shared.checked_sub(b'0')?).min(previous.len());
        previous.truncate(shared);
        previous.extend_from_slice(rest);
        if let Ok(word) = std::str::from_utf8(&previous) {
            set.insert(word.to_string());
        }
    }
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_list_decodes_with_every_class_filled() {
        let w = words();
        assert!(w.de_lower.len() > 200_000, "{}", w.de_lower.len());
        assert!(w.de_noun.len() > 50_000 && w.de_cap.len() > 30_000);
        assert!(w.en_lower.len() > 50_000 && w.en_proper.len() > 10_000);
    }

    #[test]
    fn nouns_names_and_ordinary_words_fall_in_their_classes() {
        let w = words();
        for noun in [
            "Sanktionen",
            "Regierung",
            "Beziehungen",
            "Staaten",
            "Besuch",
        ] {
            assert!(w.de_noun.contains(noun), "{noun}");
        }
        for name in ["Moskau", "Russland", "Nordkorea"] {
            assert!(w.de_cap.contains(name), "{name}");
        }
        for word in ["russische", "während", "über"] {
            assert!(w.de_lower.contains(word), "{word}");
        }
        assert!(w.en_proper.contains("Moscow") && w.en_lower.contains("sanctions"));
    }
}
