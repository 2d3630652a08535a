//! The board pack's "Money at risk" section as a view: each risk with `loss` (its ranges, its
//! expected and 1-in-20 losses, largest expected loss first) and the quarter's portfolio. The
//! figures are the model's (`model::money`); this only orders and pairs them.

use super::view::risk_slug;
use crate::model::facts::QuarterFacts;
use crate::model::money::{Portfolio, TRIALS};
use crate::model::scalar::id_key;
use crate::model::types::{Loss, Quarter, RiskStatus};
use serde::Serialize;

#[derive(Serialize)]
pub struct MoneyView<'a> {
    /// Every risk of the quarter with `loss`, closed ones included (marked, and left out of the
    /// portfolio).
    pub rows: Vec<MoneyRow<'a>>,
    pub portfolio: Option<&'a Portfolio>,
    /// Trial years per risk, for the section's explanation.
    pub trials: usize,
}

#[derive(Serialize)]
pub struct MoneyRow<'a> {
    pub id: &'a str,
    pub slug: String,
    pub title: &'a str,
    pub closed: bool,
    pub loss: &'a Loss,
    pub expected_annual_loss: Option<f64>,
    pub loss_1_in_20: Option<f64>,
}

/// The section of `q`; none when no risk of the quarter has `loss` (the pack then has no such
/// section, and a site without money at risk builds as before).
pub fn money_view<'a>(q: &'a Quarter, facts: &'a QuarterFacts) -> Option<MoneyView<'a>> {
    let mut rows: Vec<MoneyRow> = q
        .risks
        .iter()
        .zip(&facts.risks)
        .filter_map(|(r, f)| {
            Some(MoneyRow {
                id: &r.id,
                slug: risk_slug(&r.id),
                title: &r.title,
                closed: r.status == RiskStatus::Closed,
                loss: r.loss.as_ref()?,
                expected_annual_loss: f.expected_annual_loss,
                loss_1_in_20: f.loss_1_in_20,
            })
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    rows.sort_by(|a, b| {
        let expected = |r: &MoneyRow| r.expected_annual_loss.unwrap_or(0.0);
        expected(b)
            .total_cmp(&expected(a))
            .then(id_key(a.id).cmp(&id_key(b.id)))
    });
    Some(MoneyView {
        rows,
        portfolio: facts.portfolio.as_ref(),
        trials: TRIALS,
    })
}
