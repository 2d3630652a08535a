//! "Did you mean …?": the closest known word to a typo, by Levenshtein distance (`strsim`,
//! which counts characters, not bytes).

/// The candidate closest to `word`, if it is close enough to be a plausible typo
/// (about a third of the word's length, at least one edit).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = word.chars().count().div_ceil(3).max(1);
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" (in the forms serde-saphyr
/// and toml write it) and suggests the closest expected field that is not among `present`,
/// the keys already written beside it: naming one of those would lead to a duplicate key.
pub(crate) fn hint_for_unknown_field(message: &str, present: &[String]) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest.split_once("expected")?.1;
    let names: Vec<&str> = expected
        .trim_start_matches(" one of")
        .split([',', ' '])
        .filter(|s| *s != "or")
        .map(|s| s.trim().trim_matches('`'))
        .filter(|s| !s.is_empty() && !present.iter().any(|p| p == s))
        .collect();
    did_you_mean(field, names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_plausible_typos() {
        let fields = ["id", "title", "statement", "impact", "likelihood"];
        assert_eq!(closest("statment", fields), Some("statement"));
        assert_eq!(closest("likelyhood", fields), Some("likelihood"));
        assert_eq!(closest("Impact", fields), Some("impact"));
        assert_eq!(closest("colour", fields), None);
        // Distances count characters: one accented letter is one edit, not two bytes.
        // (by bytes, `íd` would be two edits from `id`, beyond the limit of one).
        assert_eq!(closest("íd", fields), Some("id"));
    }

    #[test]
    fn reads_serde_unknown_field_messages() {
        let saphyr = "unknown field `statment`, expected one of id, title, statement";
        assert_eq!(
            hint_for_unknown_field(saphyr, &[]).as_deref(),
            Some("did you mean `statement`?")
        );
        let toml = "unknown field `papr`, expected one of `title`, `paper`";
        assert_eq!(
            hint_for_unknown_field(toml, &[]).as_deref(),
            Some("did you mean `paper`?")
        );
        assert_eq!(hint_for_unknown_field("missing field `x`", &[]), None);
    }

    #[test]
    fn never_suggests_a_key_that_is_already_there() {
        let message = "unknown field `cio`, expected `cto` or `ciso`";
        let ciso = ["ciso".to_string()];
        assert_eq!(
            hint_for_unknown_field(message, &ciso).as_deref(),
            Some("did you mean `cto`?")
        );
        let both = ["cto".to_string(), "ciso".to_string()];
        assert_eq!(hint_for_unknown_field(message, &both), None);
    }
}
