//! Numbers as authors write them in their language: `420.000` (a German thousands separator,
//! which YAML reads as 420), `420,000`, `18,5` (a decimal comma). Amounts are read from the
//! text of their scalar, so the separator is seen; any other number field that gets such a
//! text is a type error, and [`hint`] says how to write it.

use super::raw::S;
use crate::config::amount::without_separators;
use serde::de::{self, Deserializer};
use serde::Deserialize;
use serde_saphyr::Spanned;

/// Part of the message of an amount written with thousands separators: `yaml::classify` gives
/// it its own code.
pub(crate) const SEPARATED: &str = "is written with thousands separators";

/// An amount in the site currency (`cost: 420000`), read from the text of the value rather
/// than as YAML reads it: `420.000` would otherwise be 420 without a word. A number in quotes
/// is taken as the number it says.
pub(crate) fn money<'de, D: Deserializer<'de>>(d: D) -> Result<S<f64>, D::Error> {
    let text: Spanned<String> = Spanned::deserialize(d)?;
    let written = text.value.trim();
    if let Some(plain) = without_separators(written) {
        let read_as = match written.split_once('.') {
            Some((whole, _)) => format!("; YAML would read it as {whole}, not {plain}"),
            None => String::new(),
        };
        return Err(de::Error::custom(format!(
            "the amount `{written}` {SEPARATED}{read_as}"
        )));
    }
    // YAML's not-a-number, which `model` reports as not finite, like any other number.
    if matches!(written, ".nan" | ".NaN" | ".NAN") {
        return Ok(S(Spanned::new(f64::NAN, text.referenced, text.defined)));
    }
    let digits = written.replace('_', "");
    let number_like = !digits.is_empty()
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    match digits.parse::<f64>() {
        Ok(v) if number_like => Ok(S(Spanned::new(v, text.referenced, text.defined))),
        // Worded as serde words it for a number, so that the message and the hint (`18,5`)
        // are the same as for any other number.
        _ => Err(de::Error::custom("invalid floating point")),
    }
}

/// A list of amounts (`magnitude: [200000, 5000000]`), each read as [`money`] reads one, so
/// that `[200.000, 5.000.000]` is an error that shows the amount, not 200 and a type error.
pub(crate) fn money_list<'de, D: Deserializer<'de>>(d: D) -> Result<S<Vec<S<f64>>>, D::Error> {
    #[derive(Deserialize)]
    struct Amount(#[serde(deserialize_with = "money")] S<f64>);
    let list: Spanned<Vec<Amount>> = Spanned::deserialize(d)?;
    let amounts = list.value.into_iter().map(|a| a.0).collect();
    Ok(S(Spanned::new(amounts, list.referenced, list.defined)))
}

/// The fix for a [`SEPARATED`] message: the amount it quotes without its separators.
pub(crate) fn separated_hint(message: &str) -> Option<String> {
    let written = message.split('`').nth(1)?;
    let plain = without_separators(written)?;
    Some(format!(
        "write {plain}: amounts take no thousands separators"
    ))
}

/// How to write `scalar` as a number, when it is one written another way: `18,5` → `18.5`,
/// `420,000` → `420000`.
pub(crate) fn hint(scalar: &str) -> Option<String> {
    let s = scalar.trim();
    if let Some((whole, decimals)) = s.split_once(',') {
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        let whole_digits = whole.strip_prefix('-').unwrap_or(whole);
        if digits(whole_digits) && digits(decimals) && decimals.len() != 3 {
            return Some(format!(
                "write {whole}.{decimals}: numbers take a point, not a comma, before the decimals"
            ));
        }
    }
    without_separators(s)
        .map(|plain| format!("write {plain}: numbers take no thousands separators"))
}

/// The plain scalar that starts at `line`:`column` (1-based) of `text`: up to the end of the
/// line or a comment.
pub(crate) fn scalar_at(text: &str, line: usize, column: usize) -> Option<&str> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let start = l
        .char_indices()
        .nth(column.checked_sub(1)?)
        .map(|(i, _)| i)?;
    let rest = &l[start..];
    let end = rest.find(" #").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Option_ {
        #[serde(deserialize_with = "money")]
        cost: S<f64>,
    }

    fn cost(yaml: &str) -> Result<f64, String> {
        serde_saphyr::from_str::<Option_>(yaml)
            .map(|o| o.cost.value)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn amounts_are_read_from_their_text() {
        assert_eq!(cost("cost: 420000\n"), Ok(420000.0));
        assert_eq!(cost("cost: 1.5e6\n"), Ok(1_500_000.0));
        assert_eq!(cost("cost: '950'\n"), Ok(950.0));
        assert_eq!(cost("cost: 99.5\n"), Ok(99.5));
        assert_eq!(cost("cost: 0.500\n"), Ok(0.5));
        assert!(cost("cost: .nan\n").unwrap().is_nan());
        let e = cost("cost: 420.000\n").unwrap_err();
        assert!(e.contains("the amount `420.000` is written with thousands separators; YAML would read it as 420, not 420000"), "{e}");
        assert_eq!(
            separated_hint(&e).as_deref(),
            Some("write 420000: amounts take no thousands separators")
        );
        let e = cost("cost: 1.250.000\n").unwrap_err();
        assert_eq!(
            separated_hint(&e).as_deref(),
            Some("write 1250000: amounts take no thousands separators")
        );
        let e = cost("cost: 420,000\n").unwrap_err();
        assert!(
            e.contains("the amount `420,000` is written with thousands separators\n"),
            "{e}"
        );
        assert!(cost("cost: 18,5\n")
            .unwrap_err()
            .contains("invalid floating point"));
        assert!(cost("cost: lots\n")
            .unwrap_err()
            .contains("invalid floating point"));
        assert!(cost("cost: .inf\n")
            .unwrap_err()
            .contains("invalid floating point"));
    }

    #[test]
    fn hints_say_how_to_write_the_number() {
        assert_eq!(
            hint("18,5").as_deref(),
            Some("write 18.5: numbers take a point, not a comma, before the decimals")
        );
        assert_eq!(
            hint("-0,25").as_deref(),
            Some("write -0.25: numbers take a point, not a comma, before the decimals")
        );
        assert_eq!(
            hint("420,000").as_deref(),
            Some("write 420000: numbers take no thousands separators")
        );
        assert_eq!(hint("high"), None);
        assert_eq!(hint("18.5"), None);
    }

    #[test]
    fn the_scalar_is_found_where_the_error_points() {
        let text = "a: 1\nmttr: 18,5  # days\n";
        assert_eq!(scalar_at(text, 2, 7), Some("18,5"));
        assert_eq!(scalar_at(text, 9, 1), None);
    }
}
