//! Bytes to text: the charset comes from a byte-order mark, the HTTP header, a `<meta>` tag
//! or an XML declaration, in that order; valid UTF-8 stays UTF-8 and anything else is read as
//! Windows-1252 (the superset of Latin-1 that browsers use), so the result is always UTF-8.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decodes `bytes`; `header` is the charset named by an HTTP `Content-Type`, if any.
pub fn decode(bytes: &[u8], header: Option<&str>) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let named = header
        .and_then(|h| Encoding::for_label(h.trim().as_bytes()))
        .or_else(|| declared(bytes).and_then(|l| Encoding::for_label(l.as_bytes())));
    let encoding = match named {
        // A page that says UTF-8 but is not: the bytes win.
        Some(e) if e == UTF_8 && std::str::from_utf8(bytes).is_err() => WINDOWS_1252,
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => WINDOWS_1252,
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset a document declares in its first 4 KiB: `<meta charset=…>`,
/// `<meta http-equiv=… content="…; charset=…">` or `<?xml … encoding="…"?>`.
fn declared(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    for key in ["charset=", "encoding="] {
        let mut from = 0;
        while let Some(at) = head[from..].find(key).map(|i| i + from) {
            from = at + key.len();
            let value: String = head[from..]
                .trim_start_matches(['"', '\'', ' '])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if !value.is_empty() {
                return Some(value);
            }
        }
    }
    None
}

/// The `charset` parameter of a `Content-Type` header value.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset")).then(|| v.trim().trim_matches('"').to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_and_windows_1252_become_utf8() {
        assert_eq!(
            decode(b"Pj\xf6ngjang \x96 \x84Zitat\x93", None),
            "Pjöngjang – „Zitat“"
        );
        assert_eq!(
            decode(b"<meta charset=\"iso-8859-1\">Gr\xfc\xdfe", None),
            "<meta charset=\"iso-8859-1\">Grüße"
        );
        assert_eq!(decode("Grüße".as_bytes(), Some("utf-8")), "Grüße");
        assert_eq!(decode(b"\xef\xbb\xbfBOM", Some("iso-8859-1")), "BOM");
        assert_eq!(decode(b"Gr\xfc\xdfe", Some("ISO-8859-1")), "Grüße");
    }

    #[test]
    fn charset_parameter_is_read_from_the_header() {
        assert_eq!(
            charset_of("text/html; charset=\"Windows-1252\"").as_deref(),
            Some("Windows-1252")
        );
        assert_eq!(charset_of("text/html"), None);
    }
}
