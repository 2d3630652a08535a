//! How numbers, money, durations and dates read on the page.

/// `$420k`, `$1.25M`, `€950`.
pub fn money(prefix: &str, v: f64) -> String {
    let (n, suffix) = if v.abs() >= 1e6 {
        (v / 1e6, "M")
    } else if v.abs() >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    format!("{prefix}{}{suffix}", num(n))
}

/// At most two decimals, trailing zeros dropped: `99.96`, `6.1`, `7`.
pub fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// Hours as the unit a reader expects: minutes below two hours, days above three days.
pub fn hours(h: f64) -> String {
    crate::model::scalar::Minutes::from_hours(h)
        .map_or_else(|| format!("{} h", num(h)), |m| m.to_string())
}

/// `2026-10-14` → `14 October 2026`; anything else is returned as it is.
pub fn long_date(s: &str) -> String {
    match crate::model::scalar::Date::parse(s) {
        Ok(d) => d.0.format("%-d %B %Y").to_string(),
        Err(_) => s.to_string(),
    }
}

/// `on_track` → `On track`.
pub fn label(s: &str) -> String {
    let spaced = s.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_naturally() {
        assert_eq!(money("$", 420000.0), "$420k");
        assert_eq!(money("$", 1_250_000.0), "$1.25M");
        assert_eq!(money("CHF ", 950.0), "CHF 950");
        assert_eq!(num(99.960), "99.96");
        assert_eq!(num(7.0), "7");
        assert_eq!(num(-0.001), "0");
        assert_eq!(hours(1.5), "90 min");
        assert_eq!(hours(36.0), "36 h");
        assert_eq!(long_date("2026-10-04"), "4 October 2026");
        assert_eq!(label("on_track"), "On track");
    }
}
