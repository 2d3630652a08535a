//! How an amount in the site currency must not be written: with thousands separators. YAML reads
//! `420.000` as 420 and TOML as 420.0, so both the content's amounts (`load::numbers`) and the
//! settings' (`[matrix] impact_loss`) are checked against their written text with this one rule.

/// `420000` for `420.000`, `1.250.000` or `420,000`: the digits of a whole amount written in
/// groups of three (a first group of 1–3 digits not starting with 0).
pub(crate) fn without_separators(s: &str) -> Option<String> {
    for sep in ['.', ','] {
        let mut groups = s.split(sep);
        let first = groups.next()?;
        let rest: Vec<&str> = groups.collect();
        let first_ok = (1..=3).contains(&first.len())
            && !first.starts_with('0')
            && first.bytes().all(|b| b.is_ascii_digit());
        let rest_ok = !rest.is_empty()
            && rest
                .iter()
                .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        if first_ok && rest_ok {
            return Some(s.replace(sep, ""));
        }
    }
    None
}
