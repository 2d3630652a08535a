//! What the one-pager computes rather than reads: scores, movements, directions, top risks.
//! "Previous quarter" is always the nearest earlier quarter folder, whatever its status.

use super::appetite::{Appetite, AppetiteStatus, Thresholds};
use super::matrix::Matrix;
use super::scalar::{id_key, Date, QuarterId};
use super::since::{DueHistory, DueMove, SinceLast};
use super::types::*;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Movement {
    New,
    Up,
    Down,
    Same,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Improving,
    Flat,
    Worsening,
    None,
}

/// Serialized beside the risk itself (its views flatten both), so the id is not repeated.
#[derive(Debug, Clone, Serialize)]
pub struct RiskFacts {
    #[serde(skip)]
    pub id: String,
    pub score: u8,
    pub movement: Movement,
    pub previous_score: Option<u8>,
    pub previous_impact: Option<u8>,
    pub previous_likelihood: Option<u8>,
    pub previous_status: Option<RiskStatus>,
    /// Closed now and not closed (or not there) the quarter before. Left out of the JSON: the
    /// register's rows show it.
    #[serde(skip)]
    pub closed_this_quarter: bool,
    /// The band of the risk's cell in the matrix.
    pub band: Band,
    /// Against its category's thresholds, else the site's.
    pub appetite_status: AppetiteStatus,
    /// The name of its category, as `[categories]` gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_name: Option<String>,
    /// `score >` its limit (above appetite or outside tolerance); false without a limit.
    pub above_appetite: bool,
    /// The limit and tolerance it is held to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appetite_limit: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appetite_tolerance: Option<u8>,
    pub target_score: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_band: Option<Band>,
    /// Whether the target is within the appetite the risk is held to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_within_appetite: Option<bool>,
    pub inherent_score: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inherent_band: Option<Band>,
    /// In how many quarters its `due` moved later than the quarter before.
    pub due_moves: usize,
    /// The first due date shown, when it has moved since (left out of the JSON otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_due: Option<Date>,
    /// Each move, oldest first (left out of the JSON when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub due_history: Vec<DueMove>,
    /// Not closed and moved later in three quarters or more: the `chronic-slip` rule.
    pub chronic_slip: bool,
    /// Mean frequency × mean magnitude of its `loss` (exact); none without `loss`. In the JSON
    /// to the cent, left out without `loss`.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::money::json::cents"
    )]
    pub expected_annual_loss: Option<f64>,
    /// The loss exceeded one year in twenty, from the trials; none without `loss`, and until
    /// `money::simulate` has run (only for the quarters a build renders). In whole units.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::money::json::units"
    )]
    pub loss_1_in_20: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricFacts {
    pub id: String,
    pub value: f64,
    pub previous: Option<f64>,
    pub direction: Direction,
    pub target_met: Option<bool>,
    /// Readings of the last `trend_quarters` quarters up to this one, oldest first.
    pub history: Vec<(QuarterId, f64)>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct QuarterFacts {
    /// In the quarter's risk order.
    pub risks: Vec<RiskFacts>,
    /// In the order of `metrics.yaml`, for metrics with a reading this quarter.
    pub metrics: Vec<MetricFacts>,
    pub top_risks: Vec<String>,
    /// How many of its risks are open ([`Risk::is_open`]).
    pub open_risks: usize,
    /// "Since the last meeting"; none on a site's first quarter.
    pub since_last: Option<SinceLast>,
    /// Each exception's standing (risk acceptances by risk id, then policy exceptions), filled
    /// in by `playbook::standing` once every quarter has its risk facts.
    pub exceptions: Vec<super::playbook::ExceptionFacts>,
    /// The open risks with `loss`, added trial by trial; filled in by `money::simulate`.
    pub portfolio: Option<super::money::Portfolio>,
    /// What each option of each investment avoids a year (good, better, best), in investment
    /// order; see `money::avoided`.
    pub avoided: Vec<[Option<f64>; 3]>,
}

/// Computes the facts of every quarter and stores each on its quarter.
pub(crate) fn attach(site: &mut Site) {
    let facts = compute(site);
    for (q, f) in site.quarters.iter_mut().zip(facts) {
        q.facts = f;
    }
}

/// Facts for every quarter, in the order of `site.quarters`.
fn compute(site: &Site) -> Vec<QuarterFacts> {
    use rayon::prelude::*;
    let dues = super::since::due_histories(&site.quarters);
    site.quarters
        .par_iter()
        .zip(&dues)
        .enumerate()
        .map(|(i, (q, dues))| {
            let prev = i.checked_sub(1).map(|p| &site.quarters[p]);
            let window = &site.quarters[(i + 1).saturating_sub(site.config.trend_quarters)..=i];
            QuarterFacts {
                risks: q
                    .risks
                    .iter()
                    .map(|r| {
                        let mut f = risk_facts(r, prev, &site.matrix, &site.appetite);
                        if let Some(h) = dues.get(&r.id) {
                            with_due_history(&mut f, r, h);
                        }
                        f
                    })
                    .collect(),
                metrics: site
                    .metrics
                    .iter()
                    .filter_map(|m| metric_facts(m, q, prev, window))
                    .collect(),
                top_risks: top_risks(&q.risks, site.config.top_risks),
                open_risks: q.risks.iter().filter(|r| r.is_open()).count(),
                since_last: prev.map(|p| super::since::since_last(p, q)),
                exceptions: Vec::new(),
                portfolio: None,
                avoided: super::money::avoided_by_option(q),
            }
        })
        .collect()
}

fn with_due_history(f: &mut RiskFacts, r: &Risk, h: &DueHistory) {
    f.due_moves = h.moves.len();
    f.due_history = h.moves.clone();
    f.first_due = h.first.filter(|_| !h.moves.is_empty());
    f.chronic_slip = super::since::is_chronic(r.status, h);
}

/// A risk's facts: its movement since `prev`, its band in `matrix`, its standing against
/// `appetite`.
pub(crate) fn risk_facts(
    r: &Risk,
    prev: Option<&Quarter>,
    matrix: &Matrix,
    appetite: &Appetite,
) -> RiskFacts {
    let before = prev.and_then(|p| p.risks.iter().find(|x| x.id == r.id));
    let score = r.score();
    let movement = match before.map(Risk::score) {
        None => Movement::New,
        Some(p) if score > p => Movement::Up,
        Some(p) if score < p => Movement::Down,
        Some(_) => Movement::Same,
    };
    let thresholds: Thresholds = appetite.thresholds(r.category.as_deref());
    let appetite_status = thresholds.status(score);
    let band = |c: Cell| matrix.band(c.impact, c.likelihood);
    RiskFacts {
        id: r.id.clone(),
        score,
        movement,
        previous_score: before.map(Risk::score),
        previous_impact: before.map(|b| b.impact),
        previous_likelihood: before.map(|b| b.likelihood),
        previous_status: before.map(|b| b.status),
        closed_this_quarter: r.status == RiskStatus::Closed
            && before.is_none_or(|b| b.status != RiskStatus::Closed),
        band: matrix.band(r.impact, r.likelihood),
        appetite_status,
        category_name: r
            .category
            .as_deref()
            .and_then(|k| appetite.categories.get(k))
            .map(|c| c.name.clone()),
        above_appetite: appetite_status != AppetiteStatus::Within,
        appetite_limit: thresholds.limit,
        appetite_tolerance: thresholds.tolerance,
        target_score: r.target.map(Cell::score),
        target_band: r.target.map(band),
        target_within_appetite: r
            .target
            .map(|t| thresholds.status(t.score()) == AppetiteStatus::Within),
        inherent_score: r.inherent.map(Cell::score),
        inherent_band: r.inherent.map(band),
        due_moves: 0,
        first_due: None,
        due_history: Vec::new(),
        chronic_slip: false,
        expected_annual_loss: r.loss.as_ref().map(super::money::expected_annual_loss),
        loss_1_in_20: None,
    }
}

fn reading<'a>(q: &'a Quarter, metric: &str) -> Option<&'a Reading> {
    q.readings.iter().find(|r| r.metric == metric)
}

fn metric_facts(
    m: &Metric,
    q: &Quarter,
    prev: Option<&Quarter>,
    window: &[Quarter],
) -> Option<MetricFacts> {
    let value = reading(q, &m.id)?.value;
    let previous = prev.and_then(|p| reading(p, &m.id)).map(|r| r.value);
    Some(MetricFacts {
        id: m.id.clone(),
        value,
        previous,
        direction: previous.map_or(Direction::None, |p| direction(m, p, value)),
        target_met: m.target.map(|t| target_met(m.better, t, value)),
        history: window
            .iter()
            .filter_map(|w| reading(w, &m.id).map(|r| (w.quarter, r.value)))
            .collect(),
    })
}

/// Improving / flat / worsening by polarity; a change of at most `flat_band` is flat.
pub(crate) fn direction(m: &Metric, previous: f64, value: f64) -> Direction {
    let delta = value - previous;
    // Decimal readings such as 99.96 − 99.95 are not exact in binary; without the slack a
    // change of exactly the band would count as movement.
    let slack = 1e-9 * previous.abs().max(value.abs()).max(1.0);
    if delta.abs() <= m.flat_band + slack {
        return Direction::Flat;
    }
    let up_is_good = m.better == Better::Higher;
    if (delta > 0.0) == up_is_good {
        Direction::Improving
    } else {
        Direction::Worsening
    }
}

pub(crate) fn target_met(better: Better, target: f64, value: f64) -> bool {
    match better {
        Better::Higher => value >= target,
        Better::Lower => value <= target,
    }
}

/// The `n` most severe risks (`by_severity`) among those not closed.
pub(crate) fn top_risks(risks: &[Risk], n: usize) -> Vec<String> {
    let mut open: Vec<&Risk> = risks.iter().filter(|r| r.is_open()).collect();
    open.sort_by(|a, b| by_severity(a, b));
    open.into_iter().take(n).map(|r| r.id.clone()).collect()
}

/// The order in which risks are listed, the top risks and the register alike: highest score
/// first, ties by impact, then by id.
pub(crate) fn by_severity(a: &Risk, b: &Risk) -> std::cmp::Ordering {
    b.score()
        .cmp(&a.score())
        .then(b.impact.cmp(&a.impact))
        .then(id_key(&a.id).cmp(&id_key(&b.id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{metric, quarter, risk, site};

    /// A risk's facts with the built-in matrix and no appetite.
    fn facts_of(r: &Risk, prev: Option<&Quarter>) -> RiskFacts {
        risk_facts(r, prev, &Matrix::default(), &Appetite::default())
    }

    #[test]
    fn direction_follows_polarity() {
        let lower = metric("m").better(Better::Lower).flat_band(0.5);
        assert_eq!(direction(&lower, 8.0, 6.0), Direction::Improving);
        assert_eq!(direction(&lower, 6.0, 8.0), Direction::Worsening);
        let higher = metric("m").better(Better::Higher);
        assert_eq!(direction(&higher, 1.0, 2.0), Direction::Improving);
        assert_eq!(direction(&higher, 2.0, 2.0), Direction::Flat);
    }

    #[test]
    fn flat_band_boundary_is_flat_and_just_beyond_is_not() {
        let uptime = metric("m").better(Better::Higher).flat_band(0.01);
        assert_eq!(direction(&uptime, 99.95, 99.96), Direction::Flat);
        assert_eq!(direction(&uptime, 99.95, 99.94), Direction::Flat);
        assert_eq!(direction(&uptime, 99.95, 99.97), Direction::Improving);
        assert_eq!(direction(&uptime, 99.95, 99.93), Direction::Worsening);
    }

    #[test]
    fn target_met_by_polarity_including_equality() {
        assert!(target_met(Better::Lower, 7.0, 7.0));
        assert!(!target_met(Better::Lower, 7.0, 7.1));
        assert!(target_met(Better::Higher, 99.95, 99.95));
        assert!(!target_met(Better::Higher, 99.95, 99.9));
    }

    #[test]
    fn movement_new_up_down_same() {
        let prev = quarter("2026-Q1")
            .risk(risk("R-1").impact(3).likelihood(3))
            .risk(risk("R-2").impact(2).likelihood(2));
        assert_eq!(
            facts_of(&risk("R-1").impact(4).likelihood(3), Some(&prev)).movement,
            Movement::Up
        );
        assert_eq!(
            facts_of(&risk("R-1").impact(3).likelihood(2), Some(&prev)).movement,
            Movement::Down
        );
        // Same score by another route is still "same": the board sees the score.
        let f = facts_of(&risk("R-2").impact(1).likelihood(4), Some(&prev));
        assert_eq!(
            (f.movement, f.previous_score, f.previous_impact),
            (Movement::Same, Some(4), Some(2))
        );
        let f = facts_of(&risk("R-9").impact(1).likelihood(1), Some(&prev));
        assert_eq!((f.movement, f.previous_score), (Movement::New, None));
        assert_eq!(
            facts_of(&risk("R-1").impact(3).likelihood(3), None).movement,
            Movement::New
        );
    }

    #[test]
    fn top_risks_skip_closed_and_break_ties_by_impact_then_id() {
        let risks = vec![
            risk("R-10").impact(4).likelihood(3),
            risk("R-2").impact(3).likelihood(4),
            risk("R-9")
                .impact(4)
                .likelihood(3)
                .status(RiskStatus::Mitigating),
            risk("R-1")
                .impact(5)
                .likelihood(5)
                .status(RiskStatus::Closed),
            risk("R-3")
                .impact(2)
                .likelihood(2)
                .status(RiskStatus::Accepted),
        ];
        assert_eq!(top_risks(&risks, 3), vec!["R-9", "R-10", "R-2"]);
        assert_eq!(top_risks(&risks, 5).len(), 4);
    }

    #[test]
    fn every_risk_not_closed_is_open_and_counted_once_per_quarter() {
        let site = site("")
            .quarter(quarter("2026-Q1").risks([
                risk("R-1").status(RiskStatus::Accepted),
                risk("R-2").status(RiskStatus::Mitigating),
                risk("R-3").status(RiskStatus::Closed),
            ]))
            .quarter(quarter("2026-Q2").risk(risk("R-1").status(RiskStatus::Closed)))
            .with_facts();
        let open: Vec<usize> = site.quarters.iter().map(|q| q.facts.open_risks).collect();
        assert_eq!(open, [2, 0]);
    }

    #[test]
    fn metric_missing_last_quarter_has_no_direction() {
        let site = site("trend_quarters=2")
            .metric(metric("m").better(Better::Lower).target(5.0))
            .quarter(quarter("2026-Q1"))
            .quarter(quarter("2026-Q2").reading("m", 6.0))
            .quarter(quarter("2026-Q3").reading("m", 4.0))
            .with_facts();
        let facts: Vec<&QuarterFacts> = site.quarters.iter().map(|q| &q.facts).collect();
        assert!(facts[0].metrics.is_empty());
        let q2 = &facts[1].metrics[0];
        assert_eq!(
            (q2.previous, q2.direction, q2.target_met),
            (None, Direction::None, Some(false))
        );
        let q3 = &facts[2].metrics[0];
        assert_eq!(
            (q3.previous, q3.direction, q3.target_met),
            (Some(6.0), Direction::Improving, Some(true))
        );
        assert_eq!(q3.history.len(), 2);
    }

    #[test]
    fn above_appetite_is_strictly_greater_and_off_without_a_setting() {
        let q1 = quarter("2026-Q1")
            .risk(risk("R-1").impact(4).likelihood(3))
            .risk(
                risk("R-2")
                    .impact(5)
                    .likelihood(3)
                    .status(RiskStatus::Accepted),
            )
            .risk(
                risk("R-3")
                    .impact(2)
                    .likelihood(2)
                    .status(RiskStatus::Closed),
            );
        let above = |settings: &str| -> Vec<bool> {
            compute(&site(settings).quarter(q1.clone()))[0]
                .risks
                .iter()
                .map(|f| f.above_appetite)
                .collect()
        };
        assert_eq!(above("risk_appetite=12"), vec![false, true, false]);
        assert_eq!(above("risk_appetite=11"), vec![true, true, false]);
        assert_eq!(above(""), vec![false, false, false]);
    }

    #[test]
    fn closed_this_quarter_only_when_it_was_open_or_absent_before() {
        let closed = |id: &str| risk(id).impact(3).likelihood(3).status(RiskStatus::Closed);
        let prev = quarter("2026-Q1")
            .risk(risk("R-1").impact(3).likelihood(3))
            .risk(closed("R-2"));
        let closing = |r: &Risk| facts_of(r, Some(&prev)).closed_this_quarter;
        assert!(closing(&closed("R-1")));
        assert!(!closing(&closed("R-2")));
        // Recorded closed on its first appearance: closed this quarter as far as the board knows.
        assert!(closing(&closed("R-3")));
        assert!(!closing(&risk("R-1").impact(3).likelihood(3)));
        assert!(facts_of(&closed("R-1"), None).closed_this_quarter);
    }

    #[test]
    fn risk_closed_last_quarter_and_gone_now_is_not_a_fact() {
        let prev = quarter("2026-Q1").risk(
            risk("R-1")
                .impact(3)
                .likelihood(3)
                .status(RiskStatus::Closed),
        );
        let now = quarter("2026-Q2").risk(risk("R-2").impact(3).likelihood(3));
        let facts: Vec<_> = now.risks.iter().map(|r| facts_of(r, Some(&prev))).collect();
        assert_eq!(facts.len(), 1);
        assert_eq!(facts[0].movement, Movement::New);
    }
}
