//! An article's front matter: TOML between `+++` lines or YAML between `---` lines, read into
//! one `FrontMatter`. A field we do not know is a warning naming its line, never a reason to
//! skip the article; a wrong type, a missing title or an impossible date is an error.
//! Every value is sanitized again after unescaping and put on one line.

use serde::Serialize;

use super::sanitize::{sanitize, visible};
use crate::diag::{Diagnostic, Position};

/// The fields of an article's front matter.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    /// "YYYY", "YYYY-MM" or "YYYY-MM-DD"; empty when unknown.
    pub date: String,
    /// The publication; empty when unknown.
    pub source: String,
    pub author: Option<String>,
    /// ISO 639-1 code such as "de" or "en"; default "de".
    pub language: String,
    pub lead: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    pub tags: Vec<String>,
    /// What `dossier import` read it from (a URL, a feed entry id or a file path).
    pub imported_from: Option<String>,
    /// `sha256:<hex>` of the body and fields `dossier import` wrote; tells a user's later edit
    /// from the imported text.
    pub import_hash: Option<String>,
}

impl Default for FrontMatter {
    fn default() -> Self {
        FrontMatter {
            title: String::new(),
            date: String::new(),
            source: String::new(),
            author: None,
            language: default_language(),
            lead: None,
            url: None,
            tags: Vec::new(),
            imported_from: None,
            import_hash: None,
        }
    }
}

fn default_language() -> String {
    "de".to_string()
}

/// The syntax of a front matter block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Between `+++` lines.
    Toml,
    /// Between `---` lines.
    Yaml,
}

impl Syntax {
    /// The fence line of this syntax.
    pub fn fence(self) -> &'static str {
        match self {
            Syntax::Toml => "+++",
            Syntax::Yaml => "---",
        }
    }
}

/// A value as read from either syntax.
enum Value {
    Text(String),
    List(Vec<String>),
    /// Anything else, by the name of its type.
    Other(&'static str),
}

/// Parses front matter `lines` (without the fences). `first_line` is the file line of
/// `lines[0]`. Returns the fields and the warnings (unknown fields).
pub fn parse_front_matter(
    path: &str,
    syntax: Syntax,
    lines: &[&str],
    first_line: usize,
) -> Result<(FrontMatter, Vec<Diagnostic>), Diagnostic> {
    let text = lines.join("\n");
    let fields = match syntax {
        Syntax::Toml => toml_fields(path, &text, first_line)?,
        Syntax::Yaml => yaml_fields(path, &text, first_line)?,
    };
    let field_position = |field: &str| {
        lines
            .iter()
            .position(|l| {
                let l = l.trim_start();
                l.strip_prefix(field)
                    .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
            })
            .map(|i| Position {
                line: i + first_line,
                col: 1,
            })
    };
    let fail =
        |field: &str, message: String| Diagnostic::error(path, field_position(field), message);
    let mut front = FrontMatter::default();
    let mut warnings = Vec::new();
    let mut seen_title = false;
    for (key, value) in fields {
        let text = |value: Value| match value {
            Value::Text(s) => Ok(one_line(&s)),
            Value::List(_) => Err(fail(&key, format!("`{key}` must be a string, not a list"))),
            Value::Other(kind) => Err(fail(&key, format!("`{key}` must be a string, not {kind}"))),
        };
        match key.as_str() {
            "title" => {
                front.title = text(value)?;
                seen_title = true;
            }
            "date" => front.date = text(value)?,
            "source" => front.source = text(value)?,
            "author" => front.author = Some(text(value)?).filter(|s| !s.is_empty()),
            "language" => front.language = text(value)?,
            "lead" => front.lead = Some(text(value)?).filter(|s| !s.is_empty()),
            "url" => front.url = Some(text(value)?).filter(|s| !s.is_empty()),
            "imported_from" => front.imported_from = Some(text(value)?),
            "import_hash" => front.import_hash = Some(text(value)?),
            "tags" => {
                front.tags = match value {
                    Value::List(items) => items.iter().map(|s| one_line(s)).collect(),
                    Value::Text(s) => s
                        .split(',')
                        .map(one_line)
                        .filter(|s| !s.is_empty())
                        .collect(),
                    Value::Other(kind) => {
                        return Err(fail(
                            "tags",
                            format!("`tags` must be a list of strings, not {kind}"),
                        ));
                    }
                }
            }
            other => {
                let hint = crate::suggest::did_you_mean(other, KNOWN_FIELDS.iter().copied());
                // The name as written (escapes made visible), on the line that defines it.
                let position =
                    field_position(other).or_else(|| key_line(syntax, lines, other, first_line));
                warnings.push(Diagnostic::warning(
                    path,
                    position,
                    format!("unknown field `{}` ignored{hint}", visible(other)),
                ));
            }
        }
    }
    if !seen_title {
        return Err(Diagnostic::error(
            path,
            Some(Position {
                line: first_line.saturating_sub(1).max(1),
                col: 1,
            }),
            "missing field `title`",
        ));
    }
    if front.title.is_empty() {
        return Err(fail("title", "`title` is empty".into()));
    }
    if !front.date.is_empty()
        && let Err(message) = validate_date(&front.date)
    {
        return Err(fail("date", message));
    }
    if front.language.is_empty() {
        front.language = default_language();
    }
    Ok((front, warnings))
}

/// The line that defines `key` when its name is quoted or escaped in the file: each line is
/// read on its own as front matter and asked for the key.
fn key_line(syntax: Syntax, lines: &[&str], key: &str, first_line: usize) -> Option<Position> {
    let defines = |line: &str| match syntax {
        Syntax::Toml => toml::from_str::<toml::Table>(line).is_ok_and(|t| t.contains_key(key)),
        Syntax::Yaml => {
            serde_norway::from_str::<serde_norway::Mapping>(line).is_ok_and(|m| m.contains_key(key))
        }
    };
    lines.iter().position(|l| defines(l)).map(|i| Position {
        line: i + first_line,
        col: 1,
    })
}

/// The fields an article may have.
pub const KNOWN_FIELDS: [&str; 10] = [
    "title",
    "date",
    "source",
    "author",
    "language",
    "lead",
    "url",
    "tags",
    "imported_from",
    "import_hash",
];

fn toml_fields(
    path: &str,
    text: &str,
    first_line: usize,
) -> Result<Vec<(String, Value)>, Diagnostic> {
    let table: toml::Table =
        toml::from_str(text).map_err(|e| Diagnostic::from_toml(path, text, first_line, &e))?;
    Ok(table
        .into_iter()
        .map(|(key, value)| {
            let value = match value {
                toml::Value::String(s) => Value::Text(s),
                toml::Value::Integer(i) => Value::Text(i.to_string()),
                toml::Value::Datetime(dt) => match (dt.date, dt.time) {
                    // A bare date (`date = 2024-03-11`) or a date with a time: the day.
                    (Some(d), _) => {
                        Value::Text(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
                    }
                    (None, _) => Value::Other("a time without a date"),
                },
                toml::Value::Array(items) => {
                    let strings: Option<Vec<String>> = items
                        .into_iter()
                        .map(|v| v.as_str().map(str::to_string))
                        .collect();
                    strings.map_or(Value::Other("a list of non-strings"), Value::List)
                }
                toml::Value::Float(_) => Value::Other("a number"),
                toml::Value::Boolean(_) => Value::Other("a boolean"),
                toml::Value::Table(_) => Value::Other("a table"),
            };
            (key, value)
        })
        .collect())
}

fn yaml_fields(
    path: &str,
    text: &str,
    first_line: usize,
) -> Result<Vec<(String, Value)>, Diagnostic> {
    use serde_norway::Value as Y;
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let value: Y = serde_norway::from_str(text).map_err(|e| {
        let position = e.location().map(|l| Position {
            line: l.line() + first_line - 1,
            col: l.column(),
        });
        Diagnostic::error(path, position, format!("YAML front matter: {e}"))
    })?;
    let Y::Mapping(map) = value else {
        return Err(Diagnostic::error(
            path,
            Some(Position {
                line: first_line,
                col: 1,
            }),
            "YAML front matter must be a mapping of `field: value` lines",
        ));
    };
    let scalar = |v: &Y| match v {
        Y::String(s) => Some(s.clone()),
        Y::Number(n) => Some(n.to_string()),
        Y::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    let mut fields = Vec::new();
    for (key, value) in &map {
        let Some(key) = scalar(key) else { continue };
        let value = match value {
            Y::Sequence(items) => {
                let strings: Option<Vec<String>> = items.iter().map(scalar).collect();
                strings.map_or(Value::Other("a list of non-strings"), Value::List)
            }
            Y::Null => Value::Text(String::new()),
            Y::Mapping(_) => Value::Other("a mapping"),
            Y::Bool(_) => Value::Other("a boolean"),
            other => scalar(other).map_or(Value::Other("a tagged value"), Value::Text),
        };
        fields.push((key, value));
    }
    Ok(fields)
}

/// TOML escapes (`\u001b`) decode after the file was sanitized, so each value is sanitized
/// again; multi-line strings become one line, as the reader shows them.
fn one_line(s: &str) -> String {
    sanitize(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real month and day.
pub fn validate_date(date: &str) -> Result<(), String> {
    let bad = || format!("date `{date}` must be YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = date.split('-').collect();
    let widths = [4, 2, 2];
    if parts.is_empty() || parts.len() > 3 {
        return Err(bad());
    }
    let mut numbers = Vec::new();
    for (part, width) in parts.iter().zip(widths) {
        if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        numbers.push(part.parse::<u32>().map_err(|_| bad())?);
    }
    if let Some(&month) = numbers.get(1) {
        if !(1..=12).contains(&month) {
            return Err(format!("date `{date}`: month {month} does not exist"));
        }
        if let Some(&day) = numbers.get(2) {
            let year = numbers[0];
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if !(1..=days).contains(&day) {
                return Err(format!("date `{date}`: day {day} does not exist"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml(text: &str) -> Result<(FrontMatter, Vec<Diagnostic>), Diagnostic> {
        let lines: Vec<&str> = text.lines().collect();
        parse_front_matter("a.md", Syntax::Toml, &lines, 2)
    }

    fn yaml(text: &str) -> Result<(FrontMatter, Vec<Diagnostic>), Diagnostic> {
        let lines: Vec<&str> = text.lines().collect();
        parse_front_matter("a.md", Syntax::Yaml, &lines, 2)
    }

    #[test]
    fn bare_toml_date_is_accepted() {
        let (front, _) = toml("title = \"x\"\ndate = 2024-03-11\nsource = \"s\"").unwrap();
        assert_eq!(front.date, "2024-03-11");
    }

    #[test]
    fn url_and_tags_are_fields() {
        let (front, warnings) =
            toml("title = \"x\"\nurl = \"https://a.example/b\"\ntags = [\"nk\", \"ru\"]").unwrap();
        assert_eq!(front.url.as_deref(), Some("https://a.example/b"));
        assert_eq!(front.tags, ["nk", "ru"]);
        assert!(warnings.is_empty());
    }

    #[test]
    fn unknown_field_is_a_warning_on_its_line_with_a_suggestion() {
        let (front, warnings) = toml("title = \"x\"\ndate = \"2024\"\nautor = \"y\"").unwrap();
        assert_eq!(front.title, "x");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].position.map(|p| p.line), Some(4));
        assert!(warnings[0].message.contains("`autor`"), "{}", warnings[0]);
        assert!(warnings[0].message.contains("author"), "{}", warnings[0]);
    }

    #[test]
    fn an_escaped_unknown_field_is_named_visibly_on_its_line() {
        let (_, warnings) = toml("title = \"x\"\n\"\\u001b]0;t\\u0007\" = \"y\"").unwrap();
        assert_eq!(warnings[0].position.map(|p| p.line), Some(3));
        assert!(
            warnings[0].message.contains("\\u{1b}]0;t\\u{7}"),
            "{}",
            warnings[0]
        );
        assert!(!warnings[0].message.contains('\u{1b}'));
    }

    #[test]
    fn yaml_front_matter_reads_strings_dates_and_lists() {
        let (front, warnings) = yaml(
            "title: \"Kim & Putin: a meeting\"\ndate: 2019-04-25\nsource: t-online\ntags:\n  - nk\n  - ru\nlanguage: de\n",
        )
        .unwrap();
        assert_eq!(front.title, "Kim & Putin: a meeting");
        assert_eq!(front.date, "2019-04-25");
        assert_eq!(front.tags, ["nk", "ru"]);
        assert!(warnings.is_empty());
    }

    #[test]
    fn yaml_syntax_error_names_line_and_column() {
        let e = yaml("title: x\ndate: [2019\n").unwrap_err();
        assert!(e.position.is_some(), "{e}");
        assert!(e.message.contains("YAML"), "{e}");
    }

    #[test]
    fn missing_title_and_wrong_types_are_errors() {
        assert!(
            toml("date = \"2024\"")
                .unwrap_err()
                .message
                .contains("title")
        );
        let e = toml("title = \"x\"\nauthor = 5.5").unwrap_err();
        assert!(e.message.contains("author"), "{e}");
        assert_eq!(e.position.map(|p| p.line), Some(3));
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(validate_date("2015").is_ok());
        assert!(validate_date("2023-09").is_ok());
        assert!(validate_date("2024-02-29").is_ok());
        for bad in [
            "2023-13",
            "2023-02-29",
            "15",
            "2023-9",
            "2023-09-05-01",
            "",
            "abcd",
        ] {
            assert!(validate_date(bad).is_err(), "{bad}");
        }
    }
}
