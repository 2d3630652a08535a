//! The seeded trials of one risk in one quarter: each trial is a year, with a frequency drawn, a
//! Poisson number of events at that rate, and a magnitude drawn for each.
//!
//! Same input, same bytes, on every machine:
//! - the generator is rand's `Xoshiro256PlusPlus`, a named generator rand promises to keep
//!   value-stable (integer arithmetic only), seeded with the SHA-256 of the quarter and the risk
//!   id, so a risk's trials depend on nothing else (not on the other risks, the order of work or
//!   the number of cores);
//! - rand_distr draws the standard normals (Ziggurat: fixed tables and plain IEEE arithmetic) and
//!   the Poisson counts; the lognormals are `exp(μ + σz)`, computed as `2^(μ·log₂e + σ·log₂e·z)`
//!   with `libm::exp2` ([`Log2Normal`]). rand_distr's own `LogNormal` is not used: it would take
//!   `exp` from the platform's C library, because crates elsewhere in the tree turn on
//!   num-traits' `std` feature, and C libraries differ in the last bit. The platform's `exp`/`ln` remain inside rand_distr only to accept or reject a candidate
//!   (the Ziggurat's edges, the Poisson's thresholds) and in the normal's far tail (beyond 3.65σ,
//!   about one draw in four thousand); a last-bit difference there would move a figure by far
//!   less than the cent and the whole unit that `data.json` rounds the figures to;
//! - sums run in a fixed order (trial order; risks in the quarter's order), and IEEE arithmetic
//!   without fused multiply-add is the same on every platform Rust supports.

use super::Lognormal;
use crate::model::scalar::QuarterId;
use crate::model::types::Loss;
use rand::rngs::Xoshiro256PlusPlus;
use rand::SeedableRng;
use rand_distr::{Distribution, Poisson, StandardNormal};
use sha2::{Digest, Sha256};

/// Trials per risk and quarter: the contract's "at least 20,000".
pub(crate) const TRIALS: usize = 20_000;

/// The highest rate a trial draws: ten events a day. A frequency range reaches it only when it
/// spans many orders of magnitude (its lognormal tail then goes past any real year), and it
/// bounds the work of a trial.
pub(crate) const MAX_RATE: f64 = 3650.0;

/// The seed of a risk's trials in a quarter: the SHA-256 of both, so that two builds draw the same
/// trials and two risks (or two quarters of one risk) draw different ones.
pub(crate) fn seed(quarter: QuarterId, id: &str) -> [u8; 32] {
    Sha256::digest(format!("quarterdeck money v1\n{quarter}\n{id}").as_bytes()).into()
}

/// Replaces `out` with [`TRIALS`] annual losses of `loss`, drawn from `seed`.
pub(crate) fn trial_losses(loss: &Loss, seed: [u8; 32], out: &mut Vec<f64>) {
    let mut rng = Xoshiro256PlusPlus::from_seed(seed);
    let rate = Log2Normal::of(Lognormal::of(loss.frequency));
    let each = Log2Normal::of(Lognormal::of(loss.magnitude));
    out.clear();
    out.resize(TRIALS, 0.0);
    for year in out.iter_mut() {
        let events = events(rate.draw(&mut rng).min(MAX_RATE), &mut rng);
        // From +0.0: `sum` starts from -0.0, which a year without loss would print as.
        for _ in 0..events {
            *year += each.draw(&mut rng);
        }
    }
}

/// A lognormal as the trials draw it: `2^(a + b·z)` for a standard normal `z`, with
/// `a = μ·log₂e` and `b = σ·log₂e`, which is `exp(μ + σz)` to within the rounding of those two
/// products (measured: at most 2.2e-15 apart, relatively; under a millionth of a cent on a
/// million). Why not `libm::exp`: its rational function divides, and with two draws a trial
/// year it was half of the trials' time; `libm::exp2` (a table and a polynomial, the same bits
/// everywhere too) draws a trial year in three quarters of the time (measured: 61–64 ns → 45–48
/// ns, docs/performance.md).
#[derive(Debug, Clone, Copy)]
struct Log2Normal {
    a: f64,
    b: f64,
}

impl Log2Normal {
    fn of(l: Lognormal) -> Log2Normal {
        use std::f64::consts::LOG2_E;
        Log2Normal {
            a: l.mu * LOG2_E,
            b: l.sigma * LOG2_E,
        }
    }

    fn draw(self, rng: &mut Xoshiro256PlusPlus) -> f64 {
        let z: f64 = StandardNormal.sample(rng);
        libm::exp2(self.a + self.b * z)
    }
}

/// A Poisson number of events at `rate`; none when the rate is too small to be a rate at all
/// (an `exp` that underflowed to zero).
fn events(rate: f64, rng: &mut Xoshiro256PlusPlus) -> u64 {
    match Poisson::new(rate) {
        // A count, below MAX_RATE's reach by far: the cast is exact.
        Ok(p) => p.sample(rng) as u64,
        Err(_) => 0,
    }
}
