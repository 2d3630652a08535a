//! The board pack's "Money at risk" section as a view: each risk with `loss` (its ranges, its
//! expected and 1-in-20 losses, largest expected loss first) and the quarter's portfolio, and
//! the one-pager's sentence when the portfolio is above the board's loss tolerance. The
//! figures and the decisions are the model's (`model::money`); this only orders and words them.

use super::view::risk_slug;
use crate::format::Format;
use crate::i18n::fill;
use crate::model::facts::{QuarterFacts, RiskFacts};
use crate::model::money::{furthest_above, Portfolio, ToleranceCheck, TRIALS};
use crate::model::scalar::id_key;
use crate::model::types::{Loss, Quarter, Range, RiskStatus};
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct MoneyView<'a> {
    /// Every risk of the quarter with `loss`, closed ones included (marked, and left out of the
    /// portfolio).
    pub rows: Vec<MoneyRow<'a>>,
    pub portfolio: Option<&'a Portfolio>,
    /// The board's loss tolerance points against the portfolio, in words; empty without a
    /// loss tolerance or a portfolio.
    pub tolerance: Vec<ToleranceLine>,
    /// Trial years per risk, for the section's explanation.
    pub trials: usize,
    /// The one-pager's sentence when the portfolio is above the board's loss tolerance.
    pub above: Option<AboveTolerance>,
}

/// "a 14% chance a year of losing €10M or more; tolerance 10%", and whether the portfolio is
/// above the tolerance there (the model's decision).
#[derive(Serialize)]
pub(super) struct ToleranceLine {
    pub text: String,
    pub above: bool,
}

/// Each tolerance point of `p` in words.
pub(super) fn tolerance_lines(p: &Portfolio, fmt: &Format) -> Vec<ToleranceLine> {
    p.tolerance
        .iter()
        .map(|&t| ToleranceLine {
            text: point_words(t, fmt),
            above: t.is_above(),
        })
        .collect()
}

/// "a 14% chance a year of losing €10M or more; tolerance 10%".
fn point_words(t: ToleranceCheck, fmt: &Format) -> String {
    fmt.tf(
        "loss_tolerance_point",
        &[
            ("chance", &chance(t.chance * 100.0, t.point.percent, fmt)),
            ("amount", &fmt.money(t.point.amount)),
            ("tolerance", &fmt.reading(t.point.percent, "%")),
        ],
    )
}

/// The one-pager's sentence when the portfolio is above the board's loss tolerance, at the
/// point the model picks (`furthest_above`): "Above the board's loss tolerance:" and "a 14%
/// chance a year of losing €10M or more; tolerance 10%."; none within tolerance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct AboveTolerance {
    pub lead: String,
    pub text: String,
}

impl AboveTolerance {
    pub(super) fn of(checks: &[ToleranceCheck], fmt: &Format) -> Option<AboveTolerance> {
        let t = furthest_above(checks)?;
        Some(AboveTolerance {
            lead: fmt.t("loss_above_tolerance").to_string(),
            text: format!("{}.", point_words(t, fmt)),
        })
    }
}

/// The portfolio's chance in %, rounded to whole percents unless that would make it read as
/// equal to the tolerance (10.3% against 10%), as nothing when it is not, or as certain when it
/// is not (99.8%, not 100%).
fn chance(pct: f64, tolerance: f64, fmt: &Format) -> String {
    let shown = [0, 1, 2]
        .into_iter()
        .map(|d| {
            let scale = libm::pow(10.0, f64::from(d));
            libm::round(pct * scale) / scale
        })
        .find(|&v| {
            (v != tolerance || pct == tolerance)
                && (v > 0.0 || pct == 0.0)
                && (v < 100.0 || pct >= 100.0)
        })
        // One trial year short of every year (99.995%): below certain, in the hundredths
        // that `reading` shows.
        .unwrap_or_else(|| libm::floor(pct * 100.0) / 100.0);
    fmt.reading(shown, "%")
}

#[derive(Serialize)]
pub(super) struct MoneyRow<'a> {
    pub id: &'a str,
    pub slug: String,
    pub title: &'a str,
    pub closed: bool,
    pub loss: &'a Loss,
    /// The frequency range as read: "0.1 to 0.5".
    pub frequency: String,
    /// The magnitude range as read: "$200k to $5M".
    pub magnitude: String,
    pub expected_annual_loss: Option<f64>,
    pub loss_1_in_20: Option<f64>,
    /// The two figures as the table shows them ("$1.71M"; "—" without one): written here, not
    /// by a filter and a test per cell, since each costs the section as much as a cell's text.
    pub expected_text: String,
    pub one_in_20_text: String,
}

/// A figure of the table: the amount, or a dash without one.
fn figure(v: Option<f64>, fmt: &Format) -> String {
    v.map_or_else(|| "—".to_string(), |v| fmt.money(v))
}

/// The labels money at risk is worded with, looked up once for a section or a risk page rather
/// than for every row: finding a label among the catalog's keys costs as much as filling it in.
pub(super) struct Words<'f> {
    fmt: &'f Format,
    range_to: &'f str,
    money_ranges: &'f str,
    value: &'f str,
    eal: &'f str,
}

impl<'f> Words<'f> {
    pub(super) fn new(fmt: &'f Format) -> Words<'f> {
        Words {
            fmt,
            range_to: fmt.t("range_to"),
            money_ranges: fmt.t("money_ranges"),
            value: fmt.t("money_at_risk_value"),
            eal: fmt.t("eal_beside_score"),
        }
    }

    /// A range as read: "0.1 to 0.5", or with `money`, "$200k to $5M".
    fn range(&self, r: Range, money: bool) -> String {
        let show = |v: f64| {
            if money {
                self.fmt.money(v)
            } else {
                self.fmt.number(v)
            }
        };
        fill(
            self.range_to,
            &[("low", &show(r.low)), ("high", &show(r.high))],
        )
    }

    /// Both figures of a risk: "≈ $1.71M a year; 1 in 20: $10.4M".
    fn figures(&self, f: &RiskFacts) -> String {
        let expected = f
            .expected_annual_loss
            .map(|v| self.fmt.money(v))
            .unwrap_or_default();
        match f.loss_1_in_20 {
            Some(v) => fill(
                self.value,
                &[("expected", &expected), ("one_in_20", &self.fmt.money(v))],
            ),
            None => fill(self.eal, &[("amount", &expected)]),
        }
    }

    /// The two ranges: "0.1 to 0.5 times a year, $1M to $20M each time".
    fn ranges(&self, loss: &Loss) -> String {
        fill(
            self.money_ranges,
            &[
                ("frequency", &self.range(loss.frequency, false)),
                ("magnitude", &self.range(loss.magnitude, true)),
            ],
        )
    }
}

/// A risk's money at risk in words, as its page shows it for each quarter: both figures
/// ("≈ $1.71M a year; 1 in 20: $10.4M") and the two ranges ("0.1 to 0.5 times a year, $1M to
/// $20M each time"). Written here once, not by a template macro per row: a risk page has a row
/// per quarter, and the macro cost more than the rest of the page. The ranges of the quarter
/// before are kept: a risk's ranges seldom change from one quarter to the next.
pub(super) struct RiskWords<'f> {
    words: Words<'f>,
    last: Option<(Loss, String)>,
}

impl<'f> RiskWords<'f> {
    pub(super) fn new(fmt: &'f Format) -> RiskWords<'f> {
        RiskWords {
            words: Words::new(fmt),
            last: None,
        }
    }

    /// The figures and the ranges of `loss` with its facts `f`.
    pub(super) fn of(&mut self, loss: &Loss, f: &RiskFacts) -> (String, String) {
        let ranges = match &self.last {
            Some((l, text)) if l == loss => text.clone(),
            _ => {
                let text = self.words.ranges(loss);
                self.last = Some((*loss, text.clone()));
                text
            }
        };
        (self.words.figures(f), ranges)
    }
}

/// The section of `q`; none when no risk of the quarter has `loss` (the pack then has no such
/// section, and a site without money at risk builds as before).
pub(super) fn money_view<'a>(
    q: &'a Quarter,
    facts: &'a QuarterFacts,
    fmt: &Format,
) -> Option<MoneyView<'a>> {
    let words = Words::new(fmt);
    let mut rows: Vec<MoneyRow> = q
        .risks
        .iter()
        .zip(&facts.risks)
        .filter_map(|(r, f)| {
            let loss = r.loss.as_ref()?;
            Some(MoneyRow {
                id: &r.id,
                slug: risk_slug(&r.id),
                title: &r.title,
                closed: r.status == RiskStatus::Closed,
                loss,
                frequency: words.range(loss.frequency, false),
                magnitude: words.range(loss.magnitude, true),
                expected_annual_loss: f.expected_annual_loss,
                loss_1_in_20: f.loss_1_in_20,
                expected_text: figure(f.expected_annual_loss, fmt),
                one_in_20_text: figure(f.loss_1_in_20, fmt),
            })
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    rows.sort_by(|a, b| {
        let expected = |r: &MoneyRow| r.expected_annual_loss.unwrap_or(0.0);
        // `then_with`: the ids' keys are made only for a tie, not for every comparison.
        expected(b)
            .total_cmp(&expected(a))
            .then_with(|| id_key(a.id).cmp(&id_key(b.id)))
    });
    Some(MoneyView {
        rows,
        portfolio: facts.portfolio.as_ref(),
        tolerance: facts
            .portfolio
            .as_ref()
            .map(|p| tolerance_lines(p, fmt))
            .unwrap_or_default(),
        trials: TRIALS,
        above: facts
            .portfolio
            .as_ref()
            .and_then(|p| AboveTolerance::of(&p.tolerance, fmt)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chance_is_a_whole_percent_unless_that_hides_the_difference() {
        let fmt = Format::new("EUR");
        assert_eq!(chance(14.205, 10.0, &fmt), "14%");
        assert_eq!(chance(10.3, 10.0, &fmt), "10.3%");
        assert_eq!(chance(10.0, 10.0, &fmt), "10%");
        assert_eq!(chance(0.04, 1.0, &fmt), "0.04%");
        assert_eq!(chance(0.0, 1.0, &fmt), "0%");
        assert_eq!(chance(99.84, 1.0, &fmt), "99.8%");
        assert_eq!(chance(99.995, 1.0, &fmt), "99.99%");
        assert_eq!(chance(100.0, 1.0, &fmt), "100%");
    }
}
