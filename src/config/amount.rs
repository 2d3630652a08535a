//! How an amount in the site currency must not be written: with thousands separators. YAML reads
//! `420.000` as 420 and TOML as 420.0, so both the content's amounts (`load::numbers`) and the
//! settings' (`[matrix] impact_loss`, `[appetite] loss_tolerance`) are checked against their
//! written text with this one rule.

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

/// The message and the fix for an amount of quarterdeck.toml written `written`, when it is
/// written with thousands separators: `250.000` (which TOML reads as 250), `"250,000"` (text,
/// which TOML does not read as a number at all), or `1000.000` (a separator after a longer first
/// group: not a grouping anyone writes, but no currency amount has a third decimal either, so
/// it is a separator misplaced or one left out, and TOML would read a thousandth of it).
pub(crate) fn in_settings(written: &str) -> Option<(String, String)> {
    let quoted = written
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| written.strip_prefix('\'')?.strip_suffix('\''));
    let bare = quoted.unwrap_or(written).trim();
    let (plain, or_else) = match without_separators(bare) {
        Some(plain) => (plain, String::new()),
        None => {
            let (whole, rest) = bare.split_once(['.', ','])?;
            let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
            let one_group = whole.len() > 3 && !whole.starts_with('0') && digits(whole);
            if !(one_group && rest.len() == 3 && digits(rest)) {
                return None;
            }
            (
                format!("{whole}{rest}"),
                format!(", or {whole} if that is the amount"),
            )
        }
    };
    let read_as = match quoted {
        Some(_) => format!("in quotes, TOML reads it as text, not as the number {plain}"),
        None => {
            let whole = written.split('.').next().unwrap_or(written);
            format!("TOML would read it as {whole}, not {plain}")
        }
    };
    Some((
        format!("the amount `{written}` is written with thousands separators; {read_as}"),
        format!("write {plain}{or_else}: amounts take no thousands separators"),
    ))
}

/// The fix for a TOML syntax error at byte `offset` of `text` that falls in a number written
/// with thousands separators (`1.000.000` and `1,000,000` are not TOML at all): the number
/// without them. Any other syntax error: none.
pub(crate) fn syntax_hint(text: &str, offset: usize) -> Option<String> {
    let part = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
    let (before, after) = (text.get(..offset)?, text.get(offset..)?);
    let start = before.rfind(|c: char| !part(c)).map_or(0, |i| i + 1);
    let end = after
        .find(|c: char| !part(c))
        .map_or(text.len(), |i| offset + i);
    let written = text.get(start..end)?.trim_matches(',');
    let plain = without_separators(written)?;
    Some(format!(
        "write {plain}: amounts take no thousands separators (`{written}` is not a number in TOML)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_in_the_settings_is_shown_as_it_was_meant() {
        assert_eq!(
            in_settings("1000.000"),
            Some((
                "the amount `1000.000` is written with thousands separators; TOML would read it as 1000, not 1000000".into(),
                "write 1000000, or 1000 if that is the amount: amounts take no thousands separators".into()
            ))
        );
        assert_eq!(
            in_settings("250.000").map(|m| m.1),
            Some("write 250000: amounts take no thousands separators".into())
        );
        assert_eq!(
            in_settings("\"1.000.000\"").map(|m| m.1),
            Some("write 1000000: amounts take no thousands separators".into())
        );
        assert_eq!(
            in_settings("\"1,000,000\"").map(|m| m.0),
            Some("the amount `\"1,000,000\"` is written with thousands separators; in quotes, TOML reads it as text, not as the number 1000000".into())
        );
        assert_eq!(in_settings("1000000"), None);
        assert_eq!(in_settings("1e6"), None);
        assert_eq!(in_settings("1000.5"), None);
        let at = |text: &str, what: &str| syntax_hint(text, text.find(what).unwrap());
        assert_eq!(
            at("x = [[1.000.000, 50]]", ".000, 50"),
            Some("write 1000000: amounts take no thousands separators (`1.000.000` is not a number in TOML)".into())
        );
        assert_eq!(
            at("x = [[1,000,000, 50]]", "000,000, 50"),
            Some("write 1000000: amounts take no thousands separators (`1,000,000` is not a number in TOML)".into())
        );
        assert_eq!(at("x = [[1, 2, 3]]", "2"), None);
        assert_eq!(at("x = \"a\" b", "b"), None);
        assert_eq!(in_settings("0100.000"), None);
        assert_eq!(in_settings("\"abc\""), None);
    }
}
