//! The figures against what they must equal: the closed form to the cent, and the 1-in-20 loss
//! within 3% of a reference computed here another way.

use super::*;
use crate::model::scalar::QuarterId;
use crate::model::testing::{loss, risk};

fn q(s: &str) -> QuarterId {
    QuarterId::parse(s).unwrap()
}

fn cents(v: f64) -> i64 {
    (v * 100.0).round() as i64
}

/// The closed form written out with the standard library's own maths and the 90% range's
/// z-score from its definition (Φ(z) = 0.95, solved by bisection on erf), not `Lognormal`.
fn closed_form(l: &Loss) -> f64 {
    let z = {
        let (mut a, mut b) = (1.0_f64, 2.0_f64);
        for _ in 0..200 {
            let m = (a + b) / 2.0;
            if 0.5 * (1.0 + libm::erf(m / std::f64::consts::SQRT_2)) < 0.95 {
                a = m
            } else {
                b = m
            }
        }
        (a + b) / 2.0
    };
    let mean = |r: Range| {
        let mu = (r.low.ln() + r.high.ln()) / 2.0;
        let sigma = (r.high.ln() - r.low.ln()) / (2.0 * z);
        (mu + sigma * sigma / 2.0).exp()
    };
    mean(l.frequency) * mean(l.magnitude)
}

#[test]
fn the_expected_annual_loss_is_the_closed_form_to_the_cent() {
    for l in [
        loss((0.1, 0.5), (200_000.0, 5_000_000.0)),
        loss((1.0, 4.0), (10_000.0, 80_000.0)),
        loss((0.01, 0.05), (1_000_000.0, 250_000_000.0)),
        loss((12.0, 365.0), (50.0, 900.0)),
    ] {
        assert_eq!(
            cents(expected_annual_loss(&l)),
            cents(closed_form(&l)),
            "{l:?}"
        );
    }
    // A hand-checked case: a range symmetric around 1 on a log scale has μ = 0, and
    // [e^-1.6449, e^1.6449] has σ = 1, so each mean is e^0.5 and the product is e.
    let e = libm::exp(Z95);
    let l = loss((1.0 / e, e), (1.0 / e, e));
    assert!((expected_annual_loss(&l) - std::f64::consts::E).abs() < 1e-12);
}

#[test]
fn the_range_is_the_5th_to_the_95th_percentile() {
    let l = Lognormal::of(Range {
        low: 200_000.0,
        high: 5_000_000.0,
    });
    assert!((libm::exp(l.mu - Z95 * l.sigma) - 200_000.0).abs() < 1e-6);
    assert!((libm::exp(l.mu + Z95 * l.sigma) - 5_000_000.0).abs() < 1e-6);
    assert!((l.median() - 1_000_000.0).abs() < 1e-6);
}

#[test]
fn the_1_in_20_is_the_19000th_of_20000() {
    let mut v: Vec<f64> = (1..=20_000).rev().map(f64::from).collect();
    assert_eq!(one_in_20(&mut v), 19_000.0);
    assert_eq!(one_in_20(&mut [5.0]), 5.0);
    assert_eq!(one_in_20(&mut []), 0.0);
}

/// The 1-in-20 loss drawn another way, from a million trial years: another generator
/// (Xoshiro128++), normals by Box–Muller rather than the Ziggurat, the Poisson count by counting
/// exponential gaps inside the year, and the standard library's `exp`/`ln`. Its own error at a
/// million trials is about a tenth of what 3% allows.
fn reference_1_in_20(l: &Loss, n: usize) -> f64 {
    one_in_20(&mut reference_years(l, n, 7))
}

/// `n` trial years of `l` drawn the reference's way from `seed`.
fn reference_years(l: &Loss, n: usize, seed: u64) -> Vec<f64> {
    use rand::{RngExt, SeedableRng};
    let mut rng = rand::rngs::Xoshiro128PlusPlus::seed_from_u64(seed);
    let z = |rng: &mut rand::rngs::Xoshiro128PlusPlus| {
        // Box–Muller from two uniforms: another way to a normal than the Ziggurat.
        let (u1, u2): (f64, f64) = (1.0 - rng.random::<f64>(), rng.random::<f64>());
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    };
    let (f, m) = (Lognormal::of(l.frequency), Lognormal::of(l.magnitude));
    (0..n)
        .map(|_| {
            let rate = (f.mu + f.sigma * z(&mut rng)).exp();
            // Poisson by counting exponential gaps inside the year.
            let (mut t, mut total) = (0.0_f64, 0.0_f64);
            loop {
                t += -(1.0_f64 - rng.random::<f64>()).ln() / rate;
                if t > 1.0 {
                    break total;
                }
                total += (m.mu + m.sigma * z(&mut rng)).exp();
            }
        })
        .collect()
}

#[test]
fn the_1_in_20_of_one_risk_is_within_3_percent_of_a_reference() {
    for l in [
        loss((0.1, 0.5), (200_000.0, 5_000_000.0)),
        loss((0.9, 1.1), (100_000.0, 1_000_000.0)),
        loss((2.0, 6.0), (5_000.0, 40_000.0)),
    ] {
        let mut trials = Vec::new();
        trial_losses(&l, seed(q("2026-Q3"), "R-007"), &mut trials);
        let ours = one_in_20(&mut trials);
        let reference = reference_1_in_20(&l, 1_000_000);
        let off = (ours / reference - 1.0).abs();
        assert!(off < 0.03, "{l:?}: {ours} against {reference} ({off:.4})");
    }
}

#[test]
fn the_same_seed_draws_the_same_trials_and_another_seed_others() {
    let l = loss((0.1, 0.5), (200_000.0, 5_000_000.0));
    let draw = |quarter: &str, id: &str| {
        let mut v = Vec::new();
        trial_losses(&l, seed(q(quarter), id), &mut v);
        v
    };
    let a = draw("2026-Q3", "R-007");
    assert_eq!(a.len(), TRIALS);
    assert_eq!(
        a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
        draw("2026-Q3", "R-007")
            .iter()
            .map(|x| x.to_bits())
            .collect::<Vec<_>>()
    );
    assert_ne!(a, draw("2026-Q4", "R-007"));
    assert_ne!(a, draw("2026-Q3", "R-008"));
}

#[test]
fn the_trials_are_pinned_bit_for_bit() {
    // The first trials of one seed, bit for bit: a change of generator, of seeding or of maths
    // (a crate that moves its draws, a platform `exp` creeping in) fails here before it moves a
    // published figure. Update only on purpose, with the store's VERSION. The bits, not six
    // decimals: `exp2` for `exp` (store VERSION 3) moved these by a last bit or two, which six
    // decimals did not show.
    let l = loss((0.5, 3.0), (10_000.0, 200_000.0));
    let mut v = Vec::new();
    trial_losses(&l, seed(q("2026-Q3"), "R-001"), &mut v);
    let first: Vec<String> = v[..6]
        .iter()
        .map(|x| format!("{:016x} {x:.6}", x.to_bits()))
        .collect();
    assert_eq!(first, PINNED);
}

const PINNED: [&str; 6] = [
    "411b44a85ffbce74 446762.093734",
    "0000000000000000 0.000000",
    "40f9c8ba0f67882e 105611.628761",
    "0000000000000000 0.000000",
    "40e9e365fdb170fa 53019.187218",
    "410d3585a2824154 239280.704350",
];

#[test]
fn a_wide_frequency_range_stays_bounded() {
    // Fourteen orders of magnitude: the lognormal's tail would ask for astronomically many
    // events in some years; the rate is capped, so the trials finish and stay finite.
    let l = loss((1e-12, 365.0), (1_000.0, 10_000.0));
    let mut v = Vec::new();
    trial_losses(&l, seed(q("2026-Q3"), "R-001"), &mut v);
    assert!(v.iter().all(|x| x.is_finite()));
    let most = v.iter().fold(0.0_f64, |a, &b| a.max(b));
    assert!(most < MAX_RATE * 2.0 * 1e5, "{most}");
}

#[test]
fn the_portfolio_adds_the_open_risks_trial_by_trial() {
    // Risks whose 1-in-20 a single seed pins well (see `spread_across_seeds` for the spread).
    let ransomware = loss((0.9, 1.1), (100_000.0, 1_000_000.0));
    let vendor = loss((2.0, 6.0), (20_000.0, 300_000.0));
    let risks = [
        risk("R-1").likelihood(3).impact(4).loss(ransomware),
        risk("R-2").likelihood(2).impact(3).loss(vendor),
        // Closed: its own figures are drawn, but it is not in the portfolio.
        risk("R-3")
            .likelihood(5)
            .impact(5)
            .loss(loss((5.0, 9.0), (1e6, 1e7)))
            .status(RiskStatus::Closed),
    ];
    let quarter = QuarterId::parse("2026-Q3").unwrap();
    let drawn = draw(quarter, &risks, &[]);
    let p = drawn.portfolio.clone().unwrap();
    assert_eq!(p.risks, 2);
    assert_eq!(
        cents(p.expected_annual_loss),
        cents(closed_form(&ransomware) + closed_form(&vendor))
    );
    // Independent risks: the reference adds two independently drawn years.
    let n = 1_000_000;
    let mut years: Vec<f64> = reference_years(&ransomware, n, 11)
        .iter()
        .zip(reference_years(&vendor, n, 12))
        .map(|(a, b)| a + b)
        .collect();
    let reference = one_in_20(&mut years);
    let off = (p.loss_1_in_20 / reference - 1.0).abs();
    assert!(
        off < 0.03,
        "{} against {reference} ({off:.4})",
        p.loss_1_in_20
    );
    // Each risk keeps its own figure, the closed one included, and the curve starts near the
    // chance of any loss in a year and falls to nothing.
    assert!(drawn.one_in_20.iter().all(Option::is_some));
    assert!(p.curve.first().unwrap().chance > 0.8);
    assert_eq!(p.curve.last().unwrap().chance, 0.0);
    // The same quarter again: the same bits.
    assert_eq!(draw(quarter, &risks, &[]), drawn);
}

/// The 1-in-20 of one seed against the reference is an estimate: its spread over 40 seeds, and
/// their mean against the reference. Measured (release build): for the contract's example risk
/// (0.1 to 0.5 a year, 200k to 5M each time) and for it with a second risk, one seed's figure
/// is within about 2.2% of the reference one time in two thirds (the standard deviation), and
/// the mean of 40 within 1%.
/// `cargo test --release --lib model::money -- --ignored --nocapture spread`
#[test]
#[ignore]
fn spread_across_seeds() {
    let ransomware = loss((0.1, 0.5), (200_000.0, 5_000_000.0));
    let vendor = loss((1.0, 4.0), (20_000.0, 300_000.0));
    let (mut portfolio, mut single) = (Vec::new(), Vec::new());
    for k in 0..40 {
        let quarter = q(&format!("20{:02}-Q1", 10 + k));
        let (mut a, mut b) = (Vec::new(), Vec::new());
        trial_losses(&ransomware, seed(quarter, "R-1"), &mut a);
        trial_losses(&vendor, seed(quarter, "R-2"), &mut b);
        let mut sums: Vec<f64> = a.iter().zip(&b).map(|(x, y)| x + y).collect();
        portfolio.push(one_in_20(&mut sums));
        single.push(one_in_20(&mut a));
    }
    let n = 2_000_000;
    let mut years: Vec<f64> = reference_years(&ransomware, n, 11)
        .iter()
        .zip(reference_years(&vendor, n, 12))
        .map(|(a, b)| a + b)
        .collect();
    for (what, v, reference) in [
        ("one risk", single, reference_1_in_20(&ransomware, n)),
        ("two risks", portfolio, one_in_20(&mut years)),
    ] {
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt();
        eprintln!(
            "{what}: mean of 40 seeds {mean:.0} (sd {:.2}%), reference {reference:.0}",
            100.0 * sd / reference
        );
        assert!((mean / reference - 1.0).abs() < 0.01, "{what}");
    }
}

#[test]
fn the_chance_of_any_event_is_one_minus_e_to_the_minus_rate() {
    // A range so narrow the rate is all but fixed: 1 − e^(−λ).
    let fixed = |rate: f64| Range {
        low: rate * (1.0 - 1e-9),
        high: rate * (1.0 + 1e-9),
    };
    for rate in [0.05, 0.2, 1.0, 3.0] {
        let got = chance_of_any(fixed(rate));
        assert!((got - (1.0 - (-rate).exp())).abs() < 1e-6, "{rate}: {got}");
    }
    // A wide range against a million draws of the rate (std maths, another way).
    let range = Range {
        low: 0.1,
        high: 0.5,
    };
    let l = Lognormal::of(range);
    use rand::SeedableRng;
    use rand_distr::Distribution;
    let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(7);
    let n = 1_000_000;
    let mean: f64 = (0..n)
        .map(|_| {
            let z: f64 = rand_distr::StandardNormal.sample(&mut rng);
            1.0 - (-(l.mu + l.sigma * z).exp()).exp()
        })
        .sum::<f64>()
        / f64::from(n);
    assert!((chance_of_any(range) - mean).abs() < 0.001, "{mean}");
}
