//! Dates, quarters and durations as a reader sees them.

use crate::model::scalar::{Date, Minutes};

/// `2026-10-14` → `14 October 2026`; anything else is returned as it is.
pub(super) fn long_date(s: &str) -> String {
    match Date::parse(s) {
        Ok(d) => d.0.format("%-d %B %Y").to_string(),
        Err(_) => s.to_string(),
    }
}

/// Minutes below two hours, hours below three days, days above (one decimal at most).
pub(crate) fn duration(m: Minutes) -> String {
    let m = m.0;
    if m < 120 {
        format!("{m} min")
    } else if m < 72 * 60 {
        let h = m as f64 / 60.0;
        if h.fract() == 0.0 {
            format!("{h:.0} h")
        } else {
            format!("{h:.1} h")
        }
    } else {
        format!("{:.1} days", m as f64 / 1440.0)
    }
}

// A duration is shown the one way `format` writes it; the model's type does not know how.
impl std::fmt::Display for Minutes {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&duration(*self))
    }
}

/// The number and the label key a localized duration is written with, by the same rule as
/// [`duration`]: `(90, "duration_min")`, `(2.5, "duration_h")`, `(3.5, "duration_days")`.
pub(super) fn duration_parts(m: Minutes) -> (f64, &'static str) {
    let m = m.0;
    if m < 120 {
        (m as f64, "duration_min")
    } else if m < 72 * 60 {
        ((m as f64 / 6.0).round() / 10.0, "duration_h")
    } else {
        ((m as f64 / 144.0).round() / 10.0, "duration_days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_switch_unit_at_two_hours_and_three_days() {
        let d = |m| duration(Minutes(m));
        assert_eq!(
            [d(0), d(119), d(120), d(150), d(71 * 60 + 30), d(72 * 60)],
            ["0 min", "119 min", "2 h", "2.5 h", "71.5 h", "3.0 days"]
        );
    }
}
