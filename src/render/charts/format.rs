//! Axis arithmetic for the charts: quarters as a continuous count and "nice" tick values. How the
//! numbers then read is `crate::format`'s business.

use crate::model::scalar::QuarterId;

/// Quarters as a continuous count, so gaps between quarters keep their width on an axis.
pub(super) fn quarter_ordinal(q: QuarterId) -> f64 {
    f64::from(q.year) * 4.0 + f64::from(q.q)
}

/// Round-numbered ticks (1, 2, 2.5 or 5 × 10ⁿ) inside `[lo, hi]`, about `count` of them, and the step.
pub(super) fn nice_ticks(lo: f64, hi: f64, count: usize) -> (Vec<f64>, f64) {
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
    use crate::format::tick;

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
        assert_eq!(nice_ticks(0.0, 1e12, 4).0.len(), 5);
    }
}
