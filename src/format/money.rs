//! Amounts in the site's currency.

use super::number;

/// The symbol for the common codes, else the code and a space: `$`, `€`, `CHF `.
pub(super) fn symbol(code: &str) -> String {
    match code {
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        "JPY" => "¥".into(),
        other => format!("{other} "),
    }
}

/// `$420k`, `€1.25M`, `CHF 950`, `-$5k`: the precision rule of [`number::compact`] with units
/// from 1,000 up, the sign before the symbol; `–` for an amount that is not a number.
pub(super) fn money(symbol: &str, v: f64) -> String {
    if !v.is_finite() {
        return number::plain(v, 2);
    }
    let mut out = String::with_capacity(symbol.len() + 8);
    if v < 0.0 {
        out.push('-');
    }
    let sign = out.len();
    out.push_str(symbol);
    let digits = out.len();
    number::push_compact(&mut out, v.abs(), 1e3);
    // Never `-€0`.
    if &out[digits..] == "0" {
        out.replace_range(..sign, "");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_amount_always_reads_the_same() {
        let m = |v| money("€", v);
        assert_eq!(m(0.0), "€0");
        assert_eq!(m(-0.0), "€0");
        assert_eq!(m(-0.001), "€0");
        assert_eq!(m(950.0), "€950");
        assert_eq!(m(999.95), "€999.95");
        assert_eq!(m(999.999), "€1k");
        assert_eq!(m(85_000.0), "€85k");
        assert_eq!(m(420_000.0), "€420k");
        assert_eq!(m(123_456.0), "€123k");
        assert_eq!(m(999_999.0), "€1M");
        assert_eq!(m(1_250_000.0), "€1.25M");
        assert_eq!(m(1_234_567.0), "€1.23M");
        assert_eq!(m(1e12), "€1T");
        assert_eq!(m(-5_000.0), "-€5k");
        assert_eq!(m(f64::NAN), "–");
        assert_eq!(m(f64::INFINITY), "–");
        assert_eq!(money("CHF ", 1_900_000.0), "CHF 1.9M");
    }
}
