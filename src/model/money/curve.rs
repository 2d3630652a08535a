//! The loss exceedance curve: from a portfolio's trial losses, the chance a year of losing at
//! least each of a series of amounts, spaced evenly on a log scale over whole decades (so a
//! chart's money axis can mark 10k, 100k, 1M… at the points' own amounts).

use serde::Serialize;

/// Points per decade of money.
const STEPS: i32 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CurvePoint {
    /// Site currency.
    pub amount: f64,
    /// The share of trial years that lost at least `amount`, 0 to 1.
    pub chance: f64,
}

/// The curve of `sorted` (ascending) trial losses: from the decade below the smallest losses
/// worth drawing (the 1st percentile of the years with any loss) to the decade above the
/// 1-in-1,000 loss. Empty when no trial lost anything.
pub(super) fn exceedance(sorted: &[f64]) -> Vec<CurvePoint> {
    let n = sorted.len();
    let first = sorted.partition_point(|&x| x <= 0.0);
    if first == n || !sorted[n - 1].is_finite() {
        return Vec::new();
    }
    let low = sorted[first + (n - first) / 100];
    let high = sorted[(n * 999).div_ceil(1000) - 1].max(low);
    let from = libm::floor(libm::log10(low)) as i32;
    let to = (libm::ceil(libm::log10(high)) as i32).max(from + 1);
    (0..=(to - from) * STEPS)
        .map(|k| {
            let amount = libm::pow(10.0, f64::from(from) + f64::from(k) / f64::from(STEPS));
            CurvePoint {
                amount,
                chance: chance_at(sorted, amount),
            }
        })
        .collect()
}

/// The share of `sorted` trial losses at or above `amount`.
pub(super) fn chance_at(sorted: &[f64], amount: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let below = sorted.partition_point(|&x| x < amount);
    (sorted.len() - below) as f64 / sorted.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_spans_whole_decades_and_falls() {
        // 100 trials: 50 without loss, then 1k, 2k, … 50k.
        let mut losses = vec![0.0; 50];
        losses.extend((1..=50).map(|k| f64::from(k) * 1000.0));
        let c = exceedance(&losses);
        assert_eq!(c.first().map(|p| p.amount), Some(1000.0));
        assert_eq!(c.last().map(|p| p.amount), Some(100_000.0));
        assert_eq!(c.len(), 2 * 20 + 1);
        assert_eq!(c[0].chance, 0.5);
        assert_eq!(c[20].chance, 0.41, "10k or more: 10k … 50k");
        assert_eq!(c[40].chance, 0.0);
        assert!(c.windows(2).all(|w| w[1].chance <= w[0].chance));
    }

    #[test]
    fn no_loss_no_curve() {
        assert!(exceedance(&[0.0; 10]).is_empty());
        assert!(exceedance(&[]).is_empty());
        assert_eq!(chance_at(&[], 1.0), 0.0);
    }
}
