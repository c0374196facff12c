//! Names in the articles that the catalogue does not cover, best first: `dossier suggest`, the
//! warnings of `check`, the reader's suggestions.
//!
//! A `Suggester` reads one article at a time (memory grows with the distinct words, not the
//! articles) and keeps, for every candidate form, how it was used: in mid-sentence or only at
//! a sentence's start, after an article or adjective, also written lower-case elsewhere. The
//! embedded word list (`words`) tells ordinary words and common nouns from names; `rank`
//! scores the forms, groups the variants of one name and guesses its kind.

mod kind;
mod rank;
pub mod scan;
pub mod words;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::corpus::article::{Block, BlockKind};
use crate::corpus::catalogue::{Catalogue, EntityKind};
use crate::corpus::fold::fold_str;
use crate::corpus::sentence::sentence_around;
use crate::diag::Position;
use scan::{Lang, Role};

/// One article as the suggester reads it.
pub struct Doc<'a> {
    /// The article's key (file stem).
    pub key: &'a str,
    /// The file, for positions in `check`.
    pub path: &'a str,
    /// The article's language code (`de`, `en`).
    pub language: &'a str,
    pub blocks: &'a [Block],
    /// The title and the lead: names there count, but examples come from the body.
    pub header: Vec<&'a str>,
    /// Byte ranges of the catalogue's mentions, per block: names already covered.
    pub covered: Vec<Vec<Range<usize>>>,
}

/// A sentence that shows a name in use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub article: String,
    /// 1-based, as the reader and `mentions` number paragraphs.
    pub paragraph: usize,
    pub sentence: String,
}

/// A proposed entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub name: String,
    /// The other forms found for it (inflected, surname alone, acronym).
    pub aliases: Vec<String>,
    pub kind: EntityKind,
    pub mentions: usize,
    /// Keys of the articles that name it, in reading order.
    pub articles: Vec<String>,
    pub examples: Vec<Example>,
    /// Where it is first named: the file and its position.
    pub first: (String, Position),
    /// How sure the ranking is (higher is better), for ordering only.
    pub score: f64,
    /// How much its best form looks like a name (2 and more: surely one).
    pub confidence: f64,
}

impl Suggester {
    /// Whether the catalogue has `form` or the form it is a genitive of (Putins), folded.
    fn covers(&self, form: &str) -> bool {
        self.covered_forms.contains(&fold_str(form))
            || scan::strip_genitive(form).is_some_and(|b| self.covered_forms.contains(&fold_str(b)))
    }

    /// Whether `name` is a compound of a form the catalogue has ("Sowjetzeit" of "Sowjet…",
    /// "Putin-Regime"): the linker's business, not a new entity.
    pub fn holds_catalogue_form(&self, name: &str) -> bool {
        let folded = fold_str(name);
        self.covered_forms.iter().any(|f| {
            let f = f.trim_end_matches('s');
            f.chars().count() >= 4 && folded.starts_with(f) && folded != *f
        })
    }
}

/// How a form was used across the corpus.
#[derive(Clone, Debug, Default)]
struct Form {
    text: String,
    words: usize,
    role: Option<Role>,
    adjective_led: bool,
    mentions: usize,
    /// Mentions not at the start of a sentence.
    mid: usize,
    /// Mentions only seen as the name part of a hyphenated compound.
    in_compound: usize,
    /// Mentions right after an article or an inflected adjective (German).
    modified: usize,
    /// Mentions inside a catalogue mention.
    covered: usize,
    /// Mentions in English text right before a lower-case word ("British regulator").
    adjectival: usize,
    /// Seen in German text.
    german: bool,
    /// Mentions next to a number ("im September 2012", "9. Mai"): dates, not names.
    dated: usize,
    articles: Vec<u32>,
    /// Up to two (article, block, sentence), from different articles.
    examples: Vec<(u32, usize, String)>,
    first: Option<(u32, Position)>,
    cues: kind::Cues,
    /// `(ACR)` right after this form, or this form right after an acronym's parenthesis.
    paired: Option<String>,
}

/// Collects candidate names article by article; `finish` ranks them.
pub struct Suggester {
    covered_forms: HashSet<String>,
    forms: HashMap<String, Form>,
    /// Every word seen written lower-case, with how often.
    lower: HashMap<String, usize>,
    /// Key and path of every article read, by the index forms keep.
    docs: Vec<(String, String)>,
}

impl Suggester {
    /// A suggester for names the catalogue does not cover: none of its names, aliases or
    /// ignored forms (also those an entity ignores for itself; case and accents folded) is
    /// ever suggested.
    pub fn new(catalogue: &Catalogue) -> Suggester {
        let mut covered_forms = HashSet::new();
        for entity in catalogue.entities() {
            for form in entity
                .surface_forms()
                .chain(entity.ignore.iter().map(String::as_str))
            {
                covered_forms.insert(fold_str(form));
            }
        }
        for (form, _) in &catalogue.ignore {
            covered_forms.insert(fold_str(form));
        }
        Suggester {
            covered_forms,
            forms: HashMap::new(),
            lower: HashMap::new(),
            docs: Vec::new(),
        }
    }

    /// Reads one loaded article; `mentions` are the catalogue's mentions in its body (names
    /// covered already). What `dossier suggest`, `check` and the reader's suggestions feed.
    pub fn add_article(
        &mut self,
        article: &crate::corpus::article::Article,
        mentions: &[crate::corpus::linker::Mention],
    ) {
        let mut covered = vec![Vec::new(); article.blocks.len()];
        for m in mentions {
            if let Some(block) = m.place.block().and_then(|b| covered.get_mut(b)) {
                block.push(m.range.clone());
            }
        }
        self.add(&Doc {
            key: article.id.as_str(),
            path: &article.path,
            language: &article.front.language,
            blocks: &article.blocks,
            header: std::iter::once(article.front.title.as_str())
                .chain(article.front.lead.as_deref())
                .collect(),
            covered,
        });
    }

    /// Reads one article.
    pub fn add(&mut self, doc: &Doc) {
        let index = self.docs.len() as u32;
        self.docs.push((doc.key.to_string(), doc.path.to_string()));
        let article_lang = Lang::of(doc.language);
        let words = words::words();
        let header: Vec<Block> = doc
            .header
            .iter()
            .map(|text| Block {
                text: text.to_string(),
                ..Block::default()
            })
            .collect();
        let blocks = header
            .iter()
            .map(|b| (true, b))
            .chain(doc.blocks.iter().map(|b| (false, b)));
        let mut body = 0usize;
        for (in_header, block) in blocks {
            let b = body;
            if !in_header {
                body += 1;
            }
            if block.kind == BlockKind::Reference {
                continue;
            }
            let text = block.text.as_str();
            let mut tokens = scan::tokens(text);
            // A caption in English in a German article is read as English.
            let lang = scan::language_of(text, &tokens, article_lang, words);
            if block.kind == BlockKind::Heading && lang == Lang::English {
                // English headings are in title case: no capital says anything there.
                tokens.iter_mut().for_each(|t| t.initial = true);
            }
            let roles: Vec<Role> = tokens
                .iter()
                .map(|t| scan::role(&text[t.range.clone()], t.initial, lang, words))
                .collect();
            for (t, role) in tokens.iter().zip(&roles) {
                if *role == Role::Lower {
                    *self
                        .lower
                        .entry(text[t.range.clone()].to_string())
                        .or_default() += 1;
                }
            }
            let covered = if in_header {
                &[][..]
            } else {
                doc.covered.get(b).map(Vec::as_slice).unwrap_or(&[])
            };
            let candidates = scan::candidates(text, &tokens, &roles, lang, words);
            for (n, c) in candidates.iter().enumerate() {
                let surface = &text[c.range.clone()];
                if self.covers(surface) {
                    // Never suggested: what is learnt about it would be thrown away.
                    continue;
                }
                let key = surface.to_string();
                let first_token = &tokens[c.tokens.start];
                let previous = c
                    .tokens
                    .start
                    .checked_sub(1)
                    .filter(|_| !c.in_compound)
                    .map(|p| &text[tokens[p].range.clone()]);
                let modified = lang == Lang::German
                    && previous.is_some_and(|p| kind::is_determiner_or_adjective(p, words));
                let cues = kind::cues(text, &tokens, c, lang);
                let number = |t: Option<&scan::Token>| {
                    t.is_some_and(|t| {
                        text[t.range.clone()].starts_with(|c: char| c.is_ascii_digit())
                    })
                };
                let near = |k: Option<usize>| number(k.and_then(|k| tokens.get(k)));
                let dated = !c.in_compound
                    && (near(c.tokens.start.checked_sub(1))
                        || near(c.tokens.start.checked_sub(2))
                        || near(Some(c.tokens.end))
                        || near(Some(c.tokens.end + 1)));
                let paired = acronym_pair(text, &candidates, n, &tokens);
                let form = self.forms.entry(key.clone()).or_insert_with(|| Form {
                    text: key,
                    words: c.tokens.len(),
                    ..Form::default()
                });
                form.mentions += 1;
                if lang == Lang::English
                    && !c.in_compound
                    && tokens.get(c.tokens.end).is_some_and(|t| t.joined)
                    && roles.get(c.tokens.end) == Some(&Role::Lower)
                {
                    form.adjectival += 1;
                }
                form.german |= lang == Lang::German;
                if c.in_compound {
                    form.in_compound += 1;
                } else if !first_token.initial {
                    form.mid += 1;
                }
                if c.in_compound {
                    if form.role.is_none() {
                        form.role = Some(scan::role(surface, false, lang, words));
                    }
                } else if form.role.is_none()
                    || (!first_token.initial
                        && !matches!(form.role, Some(Role::Name | Role::Acronym)))
                {
                    // Once used as a name in mid-sentence, a name (Seiler in English text,
                    // though German has the noun).
                    form.role = Some(roles[c.tokens.start]);
                }
                form.adjective_led |= c.adjective_led;
                form.modified += usize::from(modified);
                form.dated += usize::from(dated);
                if covered
                    .iter()
                    .any(|r| r.start < c.range.end && c.range.start < r.end)
                {
                    form.covered += 1;
                }
                if form.articles.last() != Some(&index) {
                    form.articles.push(index);
                }
                if form.first.is_none() && !in_header {
                    form.first = Some((index, block.position_of(c.range.start)));
                }
                if !in_header
                    && form.examples.len() < 2
                    && form.examples.iter().all(|e| e.0 != index)
                {
                    form.examples
                        .push((index, b, example(text, c.range.clone())));
                }
                form.cues.add(&cues);
                if paired.is_some() {
                    form.paired = paired;
                }
            }
        }
    }

    /// The suggestions, best first; with `article`, only names that article holds.
    pub fn finish(self, article: Option<&str>) -> Vec<Suggestion> {
        rank::rank(self, article)
    }

    /// For `check`: a warning for every name surely one, named in several articles (at least
    /// `WARN_ARTICLES`, `WARN_MENTIONS` times), that the catalogue lacks, at its first mention.
    pub fn warnings(self) -> Vec<crate::diag::Diagnostic> {
        let compounds: HashSet<String> = self
            .forms
            .keys()
            .filter(|f| self.holds_catalogue_form(f))
            .cloned()
            .collect();
        self.finish(None)
            .into_iter()
            .filter(|s| {
                s.articles.len() >= WARN_ARTICLES
                    && s.mentions >= WARN_MENTIONS
                    && s.confidence >= 2.0
                    && !compounds.contains(&s.name)
            })
            .map(|s| {
                crate::diag::Diagnostic::warning(
                    s.first.0.clone(),
                    Some(s.first.1),
                    format!(
                        "`{}` is named {}× in {} articles but is not in the catalogue: `dossier catalogue add {:?} --kind {}`, or `dossier catalogue ignore {:?}`",
                        s.name,
                        s.mentions,
                        s.articles.len(),
                        s.name,
                        s.kind.name(),
                        s.name
                    ),
                )
            })
            .collect()
    }
}

/// For the candidate at `n`: the acronym in parentheses right after it whose letters are the
/// initials of its words ("Zentrum für strategische Studien (ZSS)"), or, for an acronym, the
/// name in parentheses right after it.
fn acronym_pair(
    text: &str,
    candidates: &[scan::Candidate],
    n: usize,
    tokens: &[scan::Token],
) -> Option<String> {
    let c = &candidates[n];
    let next = candidates.get(n + 1)?;
    let between = text.get(c.range.end..next.range.start)?;
    if between.trim() != "(" || !text[next.range.end..].trim_start().starts_with(')') {
        return None;
    }
    let long = &text[c.range.clone()];
    let short = &text[next.range.clone()];
    let initials: String = tokens[c.tokens.clone()]
        .iter()
        .map(|t| &text[t.range.clone()])
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect();
    let letters: String = short.chars().filter(|c| c.is_alphabetic()).collect();
    (letters.len() >= 2 && letters == initials)
        .then(|| short.to_string())
        .or_else(|| {
            let long_initials: String = tokens[next.tokens.clone()]
                .iter()
                .filter_map(|t| text[t.range.clone()].chars().next())
                .filter(|c| c.is_uppercase())
                .collect();
            let own: String = long.chars().filter(|c| c.is_alphabetic()).collect();
            (own.len() >= 2 && own == long_initials).then(|| short.to_string())
        })
}

/// `check` warns about a name found in at least this many articles…
pub const WARN_ARTICLES: usize = 2;
/// …and at least this many times.
pub const WARN_MENTIONS: usize = 3;

/// Bytes of an example sentence kept on either side of the name.
const EXAMPLE_REACH: usize = 200;

/// The sentence around `range`, cut at `EXAMPLE_REACH` bytes either side (at a word) with `…`.
fn example(text: &str, range: Range<usize>) -> String {
    let sentence = sentence_around(text, range.start);
    let mut start = sentence
        .start
        .max(range.start.saturating_sub(EXAMPLE_REACH));
    let mut end = sentence.end.min(range.end + EXAMPLE_REACH).max(range.end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut out = String::new();
    if start > sentence.start {
        let cut = text[start..range.start]
            .find(' ')
            .map_or(start, |i| start + i + 1);
        out.push('…');
        out.push_str(&text[cut..range.start]);
    } else {
        out.push_str(&text[start..range.start]);
    }
    if end < sentence.end {
        let cut = text[range.end..end]
            .rfind(' ')
            .map_or(end, |i| range.end + i);
        out.push_str(&text[range.start..cut]);
        out.push('…');
    } else {
        out.push_str(&text[range.start..end]);
    }
    out.trim().to_string()
}
