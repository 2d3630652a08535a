//! "Did you mean …?": the closest known word to a typo.

/// Levenshtein distance, counted in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo
/// (about a third of the word's length, at least one edit).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = word.chars().count().div_ceil(3).max(1);
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" (in the forms serde-saphyr
/// and toml write it) and suggests the closest expected field.
pub fn hint_for_unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest.split_once("expected")?.1;
    let names: Vec<&str> = expected
        .trim_start_matches(" one of")
        .split(',')
        .map(|s| s.trim().trim_matches('`'))
        .filter(|s| !s.is_empty())
        .collect();
    did_you_mean(field, names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("statment", "statement"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggests_only_plausible_typos() {
        let fields = ["id", "title", "statement", "impact", "likelihood"];
        assert_eq!(closest("statment", fields), Some("statement"));
        assert_eq!(closest("likelyhood", fields), Some("likelihood"));
        assert_eq!(closest("Impact", fields), Some("impact"));
        assert_eq!(closest("colour", fields), None);
    }

    #[test]
    fn reads_serde_unknown_field_messages() {
        let saphyr = "unknown field `statment`, expected one of id, title, statement";
        assert_eq!(
            hint_for_unknown_field(saphyr).as_deref(),
            Some("did you mean `statement`?")
        );
        let toml = "unknown field `papr`, expected one of `title`, `paper`";
        assert_eq!(
            hint_for_unknown_field(toml).as_deref(),
            Some("did you mean `paper`?")
        );
        assert_eq!(hint_for_unknown_field("missing field `x`"), None);
    }
}
