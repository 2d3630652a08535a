//! The small value types of the contract: dates, durations, quarter names and ids.
//! Each parser returns the expectation to show the author when the text does not fit.

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        let s = s.trim();
        let shaped = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
        if !shaped {
            return Err(format!(
                "`{s}` is not a date; expected YYYY-MM-DD, e.g. 2026-10-14"
            ));
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Date)
            .map_err(|_| format!("`{s}` is not a real calendar date (expected YYYY-MM-DD)"))
    }

    pub fn quarter(&self) -> QuarterId {
        QuarterId {
            year: self.0.year(),
            q: (self.0.month0() / 3 + 1) as u8,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // chrono writes a date as `%Y-%m-%d` (the sign of a year outside 0–9999 included)
        // without parsing a format string for each one, as `format("%Y-%m-%d")` does.
        write!(f, "{}", self.0)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A quarter, `YYYY-QN`; ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuarterId {
    pub year: i32,
    pub q: u8,
}

impl QuarterId {
    pub fn parse(s: &str) -> Result<QuarterId, String> {
        let expected = || format!("`{s}` is not a quarter; expected YYYY-QN, e.g. 2026-Q3");
        let (year, q) = s.split_once("-Q").ok_or_else(expected)?;
        let year_ok = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
        let q: u8 = match q {
            "1" => 1,
            "2" => 2,
            "3" => 3,
            "4" => 4,
            _ => return Err(expected()),
        };
        if !year_ok {
            return Err(expected());
        }
        Ok(QuarterId {
            year: year.parse().map_err(|_| expected())?,
            q,
        })
    }

    /// A quarter typed on the command line: `2026-q3` (the form the site's URLs use) is
    /// `2026-Q3`. Folder names and `quarter:` fields stay strict (`parse`).
    pub fn parse_arg(s: &str) -> Result<QuarterId, String> {
        let s = s.trim();
        QuarterId::parse(&s.to_ascii_uppercase()).or_else(|_| QuarterId::parse(s))
    }

    /// The URL path segment: `2026-q3`.
    pub fn slug(&self) -> String {
        format!("{}-q{}", self.year, self.q)
    }

    pub fn next(&self) -> QuarterId {
        if self.q == 4 {
            QuarterId {
                year: self.year + 1,
                q: 1,
            }
        } else {
            QuarterId {
                year: self.year,
                q: self.q + 1,
            }
        }
    }

    /// The last day of the quarter.
    pub fn end(&self) -> NaiveDate {
        let next = self.next();
        let first = NaiveDate::from_ymd_opt(next.year, u32::from(next.q - 1) * 3 + 1, 1);
        first.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for QuarterId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.q)
    }
}

impl Serialize for QuarterId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A duration, kept in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Minutes(pub u64);

impl Minutes {
    /// `90m`, `6h`, `2d`, `1.5h`, or a plain number of hours.
    pub fn parse(s: &str) -> Result<Minutes, String> {
        let t = s.trim();
        let expected = || {
            format!("`{s}` is not a duration; expected e.g. `90m`, `6h`, `2d` or a number of hours")
        };
        let (num, per) = match t.char_indices().last() {
            Some((i, 'm')) => (&t[..i], 1.0),
            Some((i, 'h')) => (&t[..i], 60.0),
            Some((i, 'd')) => (&t[..i], 1440.0),
            _ => (t, 60.0),
        };
        let n: f64 = num.trim().parse().map_err(|_| expected())?;
        Self::from_units(n, per).ok_or_else(expected)
    }

    pub fn from_hours(h: f64) -> Option<Minutes> {
        Self::from_units(h, 60.0)
    }

    fn from_units(n: f64, per: f64) -> Option<Minutes> {
        // A year is far beyond any real detection or containment time; it bounds the arithmetic.
        (n.is_finite() && n >= 0.0 && n * per <= 525_600.0)
            .then(|| Minutes((n * per).round() as u64))
    }

    pub fn hours(&self) -> f64 {
        self.0 as f64 / 60.0
    }
}

/// Checks an id of the form `PREFIX` + digits (`R-007`, `I-12`, `INV-003`).
pub(crate) fn check_id(id: &str, prefix: &str) -> Result<(), String> {
    let ok = id
        .strip_prefix(prefix)
        .is_some_and(|d| !d.is_empty() && d.len() <= 9 && d.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{id}` is not a valid id; expected `{prefix}` followed by digits, e.g. `{prefix}007`"
        ))
    }
}

/// The id an author meant by one written in the wrong case: `r-008` → `R-008`.
pub(crate) fn meant_id(id: &str, prefix: &str) -> Option<String> {
    let upper = id.to_ascii_uppercase();
    (upper != id && check_id(&upper, prefix).is_ok()).then_some(upper)
}

/// Ids sort by their number, then as text, so R-9 comes before R-10.
pub(crate) fn id_key(id: &str) -> (u64, &str) {
    let digits: String = id.chars().filter(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u64::MAX), id)
}

/// The slug an author meant by `id`: `Verfügbarkeit-Pct` → `verfuegbarkeit_pct`; `None` when
/// nothing is left of it.
pub(crate) fn meant_slug(id: &str) -> Option<String> {
    let mut out = String::new();
    for c in id.trim().to_lowercase().chars() {
        match c {
            'a'..='z' | '0'..='9' | '_' => out.push(c),
            'ä' | 'æ' => out.push_str("ae"),
            'ö' | 'ø' | 'œ' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'à' | 'á' | 'â' | 'ã' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' => out.push('o'),
            'ù' | 'ú' | 'û' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            ' ' | '-' | '.' => out.push('_'),
            _ => {}
        }
    }
    (!out.is_empty() && out != id).then_some(out)
}

/// Metric ids are slugs: `[a-z0-9_]+`.
pub(crate) fn check_slug(id: &str) -> Result<(), String> {
    if !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        Ok(())
    } else {
        Err(format!(
            "`{id}` is not a valid metric id; expected the letters a–z (ASCII: no capitals, accents or umlauts), digits and `_`"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_reads_as_its_iso_form_in_every_year() {
        for (y, m, d) in [
            (2026, 10, 14),
            (5, 1, 2),
            (9999, 12, 31),
            (10_000, 2, 28),
            (-1, 3, 1),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(Date(date).to_string(), date.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn dates_must_be_real_and_iso() {
        assert_eq!(Date::parse("2026-10-14").unwrap().to_string(), "2026-10-14");
        assert!(Date::parse("2026-02-30")
            .unwrap_err()
            .contains("not a real calendar date"));
        assert!(Date::parse("14/10/2026")
            .unwrap_err()
            .contains("expected YYYY-MM-DD"));
        assert!(Date::parse("2026-1-14").is_err());
        assert_eq!(
            Date::parse("2026-08-01").unwrap().quarter().to_string(),
            "2026-Q3"
        );
    }

    #[test]
    fn quarters_parse_order_and_slug() {
        let q = QuarterId::parse("2026-Q3").unwrap();
        assert_eq!(q.slug(), "2026-q3");
        assert_eq!(q.next().to_string(), "2026-Q4");
        assert_eq!(q.next().next().to_string(), "2027-Q1");
        assert_eq!(q.end().to_string(), "2026-09-30");
        assert!(QuarterId::parse("2026-Q5").is_err());
        assert!(QuarterId::parse("2026-q3").is_err());
        assert!(QuarterId::parse("26-Q3").is_err());
        assert!(QuarterId::parse("2025-Q4").unwrap() < q);
    }

    #[test]
    fn command_line_quarters_take_the_url_form() {
        assert_eq!(
            QuarterId::parse_arg(" 2026-q3 ").unwrap().to_string(),
            "2026-Q3"
        );
        assert_eq!(
            QuarterId::parse_arg("2026-Q3").unwrap().to_string(),
            "2026-Q3"
        );
        assert_eq!(
            QuarterId::parse_arg("2026q3").unwrap_err(),
            "`2026q3` is not a quarter; expected YYYY-QN, e.g. 2026-Q3"
        );
        assert!(QuarterId::parse_arg("2026-q5").is_err());
    }

    #[test]
    fn durations_in_every_form() {
        assert_eq!(Minutes::parse("90m"), Ok(Minutes(90)));
        assert_eq!(Minutes::parse("6h"), Ok(Minutes(360)));
        assert_eq!(Minutes::parse("2d"), Ok(Minutes(2880)));
        assert_eq!(Minutes::parse("1.5"), Ok(Minutes(90)));
        assert_eq!(Minutes::parse("0.5h"), Ok(Minutes(30)));
        assert!(Minutes::parse("6 hours").is_err());
        assert!(Minutes::parse("-2h").is_err());
        assert!(Minutes::parse("NaNh").is_err());
        assert!(Minutes::parse("9999999d").is_err());
        assert_eq!(Minutes::from_hours(4.0), Some(Minutes(240)));
        assert_eq!(Minutes(90).to_string(), "90 min");
        assert_eq!(Minutes(360).to_string(), "6 h");
        assert_eq!(Minutes(2880 * 2).to_string(), "4.0 days");
    }

    #[test]
    fn ids_have_prefix_and_digits() {
        assert!(check_id("R-007", "R-").is_ok());
        assert!(check_id("R-", "R-").is_err());
        assert!(check_id("R-7a", "R-").is_err());
        assert!(check_id("INV-3", "I-").is_err());
        assert!(id_key("R-9") < id_key("R-10"));
        assert!(check_slug("uptime_pct").is_ok());
        assert!(check_slug("Uptime").is_err());
    }
}
