//! Money at risk: what a risk's `loss` ranges say a year may cost, and what an investment option
//! avoids. A fact like a score, decided here once and shown by every view.
//!
//! A 90% range `[low, high]` is read as a lognormal whose 5th and 95th percentiles are `low` and
//! `high`. The *expected annual loss* is exact (mean frequency × mean magnitude, closed form).
//! The *1-in-20 loss* and the quarter's portfolio come from seeded trials (`trials`), which are
//! dear (20,000 per risk and quarter), so they are drawn only for the quarters a build renders:
//! [`simulate`] runs after `validate`, from `pipeline::build`; `check` never pays for them.
//!
//! Every transcendental function on the way to a figure is `libm`'s (a Rust port of musl's
//! maths, the same bits on every platform), never the platform's C library; see `trials` for the
//! rest of what keeps two machines' figures identical.

mod curve;
pub(crate) mod store;
mod tolerance;
mod trials;

pub(crate) use curve::CurvePoint;
pub(crate) use store::{Drawn, NoStore, Store};
pub(crate) use tolerance::{furthest_above, ToleranceCheck, TolerancePoint};
pub(crate) use trials::{seed, trial_losses, MAX_RATE, TRIALS};

use super::facts::QuarterFacts;
use super::scalar::QuarterId;
use super::types::{Loss, Quarter, Range, Risk, RiskStatus, Site, Tier};
use serde::Serialize;

/// Φ⁻¹(0.95): a 90% range spans 2 × 1.6449 standard deviations of the logarithm.
const Z95: f64 = 1.644_853_626_951_472_2;

/// The lognormal whose 5th and 95th percentiles are the range's ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Lognormal {
    /// Mean of the logarithm (the logarithm of the median).
    pub mu: f64,
    /// Standard deviation of the logarithm.
    pub sigma: f64,
}

impl Lognormal {
    pub(crate) fn of(r: Range) -> Lognormal {
        let (lo, hi) = (libm::log(r.low), libm::log(r.high));
        Lognormal {
            mu: (lo + hi) / 2.0,
            sigma: (hi - lo) / (2.0 * Z95),
        }
    }

    /// exp(μ + σ²/2).
    pub(crate) fn mean(self) -> f64 {
        libm::exp(self.mu + self.sigma * self.sigma / 2.0)
    }

    /// exp(μ): the middle of the range on a log scale, √(low × high).
    pub(crate) fn median(self) -> f64 {
        libm::exp(self.mu)
    }
}

/// The chance (0 to 1) of at least one event in a year at a rate drawn from `frequency`:
/// E[1 − e^(−λ)] over the lognormal, by the trapezoid rule over ±8 standard deviations in steps
/// of a hundredth (1,601 points, `libm` only): the same bits on every machine, and within a
/// millionth of the integral. No trials: `check` computes it for the lint.
pub(crate) fn chance_of_any(frequency: Range) -> f64 {
    const STEPS: i32 = 1600;
    const HALF: f64 = 8.0;
    let l = Lognormal::of(frequency);
    let h = 2.0 * HALF / f64::from(STEPS);
    let sum: f64 = (0..=STEPS)
        .map(|k| {
            let z = -HALF + f64::from(k) * h;
            let weight = if k == 0 || k == STEPS { 0.5 } else { 1.0 };
            let density = libm::exp(-z * z / 2.0) / libm::sqrt(2.0 * std::f64::consts::PI);
            let any = -libm::expm1(-libm::exp(l.mu + l.sigma * z));
            weight * density * any
        })
        .sum();
    (sum * h).clamp(0.0, 1.0)
}

/// Mean frequency × mean magnitude: exact, no trials.
pub(crate) fn expected_annual_loss(l: &Loss) -> f64 {
    Lognormal::of(l.frequency).mean() * Lognormal::of(l.magnitude).mean()
}

/// A quarter's open risks with `loss`, added trial by trial.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Portfolio {
    /// The sum of the risks' expected annual losses (exact).
    pub expected_annual_loss: f64,
    /// The loss exceeded one year in twenty, from the summed trials.
    pub loss_1_in_20: f64,
    /// The loss exceedance curve: the chance a year of losing at least each amount.
    #[serde(skip)]
    pub curve: Vec<CurvePoint>,
    /// How many risks it adds up.
    pub risks: usize,
    /// The board's `loss_tolerance` points, each with the portfolio's chance a year of losing at
    /// least its amount; empty without a loss tolerance.
    pub tolerance: Vec<ToleranceCheck>,
}

/// The loss exceeded one year in twenty: the ⌈0.95 × n⌉-th smallest of `losses` (which it
/// reorders).
pub(crate) fn one_in_20(losses: &mut [f64]) -> f64 {
    if losses.is_empty() {
        return 0.0;
    }
    let k = (losses.len() * 19).div_ceil(20) - 1;
    *losses.select_nth_unstable_by(k, f64::total_cmp).1
}

/// The trials of every quarter that `render` says it will show: each risk's 1-in-20 loss and the
/// portfolio, stored on the quarter's facts, taken from `store` when it has them and drawn (and
/// put there) otherwise. Quarters run in parallel; each one's figures depend only on its own
/// risks, so the result is the same on one core or many. A quarter without `loss` asks nothing
/// of the store.
pub(crate) fn simulate(
    site: &mut Site,
    render: impl Fn(&Quarter) -> bool + Sync,
    store: &dyn Store,
) {
    use rayon::prelude::*;
    let tolerance = &site.appetite.loss_tolerance;
    site.quarters
        .par_iter_mut()
        .filter(|q| render(q) && q.risks.iter().any(|r| r.loss.is_some()))
        .for_each(|q| {
            let key = store::key(q.quarter, &q.risks, tolerance);
            let drawn = store
                .get(&key)
                .filter(|d| d.one_in_20.len() == q.risks.len())
                .unwrap_or_else(|| {
                    let d = draw(q.quarter, &q.risks, tolerance);
                    store.put(&key, &d);
                    d
                });
            apply(drawn, &mut q.facts);
        });
}

/// Stores `d` on the quarter's facts (whose risks are in the same order).
fn apply(d: Drawn, facts: &mut QuarterFacts) {
    for (f, v) in facts.risks.iter_mut().zip(d.one_in_20) {
        f.loss_1_in_20 = v;
    }
    facts.portfolio = d.portfolio;
}

/// Draws the trials of `risks`: each one's 1-in-20 loss and the portfolio of the open ones,
/// held against the board's `tolerance` points.
pub(crate) fn draw(quarter: QuarterId, risks: &[Risk], tolerance: &[TolerancePoint]) -> Drawn {
    let mut buffer = Vec::with_capacity(TRIALS);
    let mut sums: Vec<f64> = Vec::new();
    let (mut expected, mut count) = (0.0, 0);
    let one_in_20 = risks
        .iter()
        .map(|r| {
            let loss = r.loss.as_ref()?;
            trial_losses(loss, seed(quarter, &r.id), &mut buffer);
            if r.status != RiskStatus::Closed {
                if sums.is_empty() {
                    sums.extend_from_slice(&buffer);
                } else {
                    sums.iter_mut().zip(&buffer).for_each(|(s, x)| *s += x);
                }
                expected += expected_annual_loss(loss);
                count += 1;
            }
            Some(self::one_in_20(&mut buffer))
        })
        .collect();
    let portfolio = (count > 0).then(|| {
        sums.sort_unstable_by(f64::total_cmp);
        Portfolio {
            expected_annual_loss: expected,
            loss_1_in_20: self::one_in_20(&mut sums),
            curve: curve::exceedance(&sums),
            risks: count,
            tolerance: tolerance
                .iter()
                .map(|&point| ToleranceCheck {
                    point,
                    chance: curve::chance_at(&sums, point.amount),
                })
                .collect(),
        }
    });
    Drawn {
        one_in_20,
        portfolio,
    }
}

/// What an option avoids a year: its `loss_reduction` of the expected annual loss of the risks
/// in `reduces` that carry `loss`; none without a `loss_reduction` or without such a risk.
pub(crate) fn avoided(q: &Quarter, reduces: &[String], loss_reduction: Option<f64>) -> Option<f64> {
    let share = loss_reduction? / 100.0;
    let losses: Vec<f64> = reduces
        .iter()
        .filter_map(|id| q.risks.iter().find(|r| &r.id == id)?.loss.as_ref())
        .map(expected_annual_loss)
        .collect();
    (!losses.is_empty()).then(|| share * losses.iter().sum::<f64>())
}

/// `avoided` for each option of each investment of `q`, in investment order.
pub(crate) fn avoided_by_option(q: &Quarter) -> Vec<[Option<f64>; 3]> {
    q.investments
        .iter()
        .map(|inv| {
            [Tier::Good, Tier::Better, Tier::Best]
                .map(|t| avoided(q, &inv.reduces, inv.options.get(t).loss_reduction))
        })
        .collect()
}

/// How money figures are written into `data.json` and the views built on the facts: rounded, so
/// that a figure reads as an amount (and a last-bit difference in a computation could not show).
pub(crate) mod json {
    use serde::Serializer;

    pub(crate) fn cents<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        rounded(v.map(|v| (v * 100.0).round() / 100.0), s)
    }

    pub(crate) fn units<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        rounded(v.map(f64::round), s)
    }

    /// A whole amount as an integer (`2500000`, not `2500000.0`); not a number as null.
    fn rounded<S: Serializer>(v: Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 9e15 => {
                s.serialize_i64(v as i64)
            }
            Some(v) if v.is_finite() => s.serialize_f64(v),
            _ => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests;
