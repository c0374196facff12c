//! "Did you mean …?": the closest known name to a misspelt one.
//!
//! Used for unknown article and entity ids, actions, contexts and key names. A suggestion is
//! offered only when it is close enough to be a likely typo.

/// Edit distance in chars (insertions, deletions, substitutions and swaps of neighbours, as
/// in "qiut" → "quit").
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// The candidate closest to `input`, if it is within a third of the input's length (at least
/// one edit, at most four), or if the input is a prefix of exactly one candidate.
pub fn suggest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let limit = (input.chars().count() / 3).clamp(1, 4);
    let best = candidates
        .iter()
        .map(|c| (distance(input, c), *c))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    if let Some((d, c)) = best
        && d <= limit
    {
        return Some(c);
    }
    let mut prefixed = candidates
        .iter()
        .filter(|c| !input.is_empty() && c.starts_with(input));
    match (prefixed.next(), prefixed.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// " (did you mean `x`?)" or nothing.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    suggest(input, candidates)
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("qiut", "quit"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("lawrow", "lawrow"), 0);
    }

    #[test]
    fn suggests_close_names_only() {
        let names = ["quit", "help", "next_mention"];
        assert_eq!(suggest("qiut", names), Some("quit"));
        assert_eq!(suggest("nxt_mention", names), Some("next_mention"));
        assert_eq!(suggest("zzzzzz", names), None);
        assert_eq!(suggest("next", names), Some("next_mention"));
        assert_eq!(did_you_mean("hlep", names), " (did you mean `help`?)");
    }
}
