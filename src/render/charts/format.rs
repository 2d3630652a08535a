//! Numbers as the charts print them: fixed precision (so output is byte-stable), money with k/M
//! suffixes, short quarter names, and "nice" axis ticks.

use crate::model::scalar::QuarterId;

/// At most `decimals` decimals, trailing zeros dropped: 99.96, 6.1, 7. Never "-0".
pub fn trim(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    if v.abs() >= 1e15 {
        return format!("{v:.2e}");
    }
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Suffixes for large numbers; trillions are the ceiling, beyond that the mantissa just grows.
const SUFFIXES: [(f64, &str); 4] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")];

/// `$420k`, `$1.2M`, `$750`, `$0`: one decimal at most, the same shape as the `money` filter.
pub fn money(prefix: &str, v: f64) -> String {
    let v = if v.is_finite() { v.max(0.0) } else { 0.0 };
    // Largest unit first, after rounding, so that 999,999 reads $1M rather than $1000k.
    for (unit, suffix) in SUFFIXES {
        let scaled = (v / unit * 10.0).round() / 10.0;
        if scaled >= 1.0 {
            return format!("{prefix}{}{suffix}", trim(scaled, 1));
        }
    }
    format!("{prefix}{}", trim(v, 0))
}

/// A reading in a label: two decimals at most, with a suffix from 10,000 up (4.1M).
pub fn short(v: f64) -> String {
    match SUFFIXES.iter().find(|(u, _)| v.abs() >= u.max(1e4)) {
        Some((unit, suffix)) => format!("{}{suffix}", trim(v / unit, 2)),
        None => trim(v, 2),
    }
}

/// An axis tick label whose precision follows the tick step; from 10,000 up values take a suffix.
pub fn tick(v: f64, step: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    let largest = v.abs().max(step.abs());
    let (unit, suffix) = SUFFIXES
        .iter()
        .find(|(u, _)| largest >= u.max(1e4))
        .copied()
        .unwrap_or((1.0, ""));
    format!("{}{suffix}", trim(v / unit, decimals_for(step / unit)))
}

/// The fewest decimals that show every multiple of `step` exactly (2 when there is no step).
fn decimals_for(step: f64) -> usize {
    if !(step.is_finite() && step > 0.0) {
        return 2;
    }
    (0..6)
        .find(|d| {
            let s = step * 10f64.powi(*d);
            (s - s.round()).abs() < 1e-6 * s.max(1.0)
        })
        .map_or(6, |d| d as usize)
}

/// `25-Q3`: short enough for a small axis.
pub fn quarter_short(q: QuarterId) -> String {
    format!("{:02}-Q{}", q.year.rem_euclid(100), q.q)
}

/// Quarters as a continuous count, so gaps between quarters keep their width on an axis.
pub fn quarter_ordinal(q: QuarterId) -> f64 {
    f64::from(q.year) * 4.0 + f64::from(q.q)
}

/// Round-numbered ticks (1, 2, 2.5 or 5 × 10ⁿ) inside `[lo, hi]`, about `count` of them, and the step.
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> (Vec<f64>, f64) {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0 && lo.is_finite()) {
        return (if lo.is_finite() { vec![lo] } else { vec![] }, 0.0);
    }
    let raw = span / count.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).ceil();
    let ticks = (0..=count * 3)
        .map(|i| (first + i as f64) * step)
        .take_while(|t| *t <= hi + step * 1e-9)
        .collect();
    (ticks, step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_never_shows_negative_zero() {
        assert_eq!(trim(99.960, 2), "99.96");
        assert_eq!(trim(7.0, 2), "7");
        assert_eq!(trim(-0.001, 2), "0");
        assert_eq!(trim(f64::NAN, 2), "–");
        assert_eq!(trim(1e300, 2), "1.00e300");
    }

    #[test]
    fn money_uses_suffixes_like_the_filter() {
        assert_eq!(money("$", 420_000.0), "$420k");
        assert_eq!(money("$", 1_200_000.0), "$1.2M");
        assert_eq!(money("€", 75_000.0), "€75k");
        assert_eq!(money("$", 999_999.0), "$1M");
        assert_eq!(money("$", 750.0), "$750");
        assert_eq!(money("$", 0.0), "$0");
        assert_eq!(money("$", 1e12), "$1T");
        assert_eq!(money("$", -5.0), "$0");
        assert_eq!(
            (short(4_100_000.0), short(9_999.5), short(-12_345.0)),
            ("4.1M".into(), "9999.5".into(), "-12.35k".into())
        );
    }

    #[test]
    fn ticks_are_round_and_labelled_by_step() {
        let (t, step) = nice_ticks(99.88, 99.99, 3);
        assert_eq!(step, 0.05);
        assert_eq!(
            t.iter().map(|v| tick(*v, step)).collect::<Vec<_>>(),
            ["99.9", "99.95"]
        );
        let (t, step) = nice_ticks(0.0, 2.4e6, 3);
        assert_eq!(
            t.iter().map(|v| tick(*v, step)).collect::<Vec<_>>(),
            ["0", "1M", "2M"]
        );
        assert_eq!(nice_ticks(5.0, 5.0, 3).0, vec![5.0]);
        assert!(nice_ticks(0.0, f64::INFINITY, 3).0.len() <= 1);
        assert_eq!(tick(0.25, 0.25), "0.25");
        assert_eq!(tick(1500.0, 500.0), "1500");
        assert_eq!(tick(500_000.0, 500_000.0), "500k");
        assert_eq!(nice_ticks(0.0, 1e12, 4).0.len(), 5);
    }

    #[test]
    fn quarters_shorten() {
        assert_eq!(quarter_short(QuarterId::parse("2025-Q3").unwrap()), "25-Q3");
        assert_eq!(quarter_short(QuarterId::parse("2100-Q1").unwrap()), "00-Q1");
    }
}
