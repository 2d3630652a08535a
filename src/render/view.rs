//! The serialisable views handed to templates; `QuarterView` is also `data.json`.
//! Views borrow the model and add only what was computed, so the two never disagree.

use crate::model::facts::{Direction, MetricFacts, Movement, QuarterFacts, RiskFacts};
use crate::model::scalar::QuarterId;
use crate::model::types::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct QuarterView<'a> {
    pub quarter: QuarterId,
    pub slug: String,
    pub status: QuarterStatus,
    pub board_meeting: String,
    pub headline: &'a str,
    pub summary: &'a str,
    pub summary_html: String,
    pub asks: &'a [String],
    pub approved_by: Option<&'a SignOff>,
    pub previous_quarter: Option<QuarterId>,
    pub risks: Vec<RiskView<'a>>,
    pub top_risks: &'a [String],
    pub metrics: Vec<MetricView<'a>>,
    pub initiatives: &'a [Initiative],
    pub incidents: &'a [Incident],
    pub investments: &'a [Investment],
    /// Only for a published quarter: when it was published, and every change recorded since.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restatements: Option<&'a [crate::publish::record::Restatement]>,
}

#[derive(Serialize, Clone)]
pub struct RiskView<'a> {
    #[serde(flatten)]
    pub risk: &'a Risk,
    pub slug: String,
    pub score: u8,
    pub movement: Movement,
    pub previous_score: Option<u8>,
    pub previous_impact: Option<u8>,
    pub previous_likelihood: Option<u8>,
    pub previous_status: Option<RiskStatus>,
    /// `score > risk_appetite`; false without a setting.
    pub above_appetite: bool,
}

#[derive(Serialize)]
pub struct MetricView<'a> {
    #[serde(flatten)]
    pub metric: &'a Metric,
    pub value: f64,
    pub monthly: &'a [f64],
    pub note: Option<&'a str>,
    pub previous: Option<f64>,
    pub direction: Direction,
    pub target_met: Option<bool>,
    pub history: Vec<HistoryPoint>,
}

#[derive(Serialize)]
pub struct HistoryPoint {
    pub quarter: QuarterId,
    pub value: f64,
}

pub fn risk_slug(id: &str) -> String {
    id.to_ascii_lowercase()
}

pub fn risk_view<'a>(r: &'a Risk, f: &RiskFacts) -> RiskView<'a> {
    RiskView {
        risk: r,
        slug: risk_slug(&r.id),
        score: f.score,
        movement: f.movement,
        previous_score: f.previous_score,
        previous_impact: f.previous_impact,
        previous_likelihood: f.previous_likelihood,
        previous_status: f.previous_status,
        above_appetite: f.above_appetite,
    }
}

pub fn quarter_view<'a>(
    site: &'a Site,
    q: &'a Quarter,
    facts: &'a QuarterFacts,
    previous: Option<QuarterId>,
) -> QuarterView<'a> {
    QuarterView {
        quarter: q.quarter,
        slug: q.quarter.slug(),
        status: q.status,
        board_meeting: q.board_meeting.to_string(),
        headline: &q.headline,
        summary: &q.summary,
        summary_html: super::markdown::to_html(&q.summary, true),
        asks: &q.asks,
        approved_by: q.approved_by.as_ref(),
        previous_quarter: previous,
        risks: q
            .risks
            .iter()
            .zip(&facts.risks)
            .map(|(r, f)| risk_view(r, f))
            .collect(),
        top_risks: &facts.top_risks,
        metrics: facts
            .metrics
            .iter()
            .filter_map(|f| {
                let m = site.metrics.iter().find(|m| m.id == f.id)?;
                let r = q.readings.iter().find(|r| r.metric == f.id)?;
                Some(metric_view(m, r, f))
            })
            .collect(),
        initiatives: &q.initiatives,
        incidents: &q.incidents,
        investments: &q.investments,
        published_on: q.published.as_ref().map(|p| p.published_on.to_string()),
        restatements: q.published.as_ref().map(|p| &p.restatements[..]),
    }
}

fn metric_view<'a>(m: &'a Metric, r: &'a Reading, f: &MetricFacts) -> MetricView<'a> {
    MetricView {
        metric: m,
        value: f.value,
        monthly: &r.monthly,
        note: r.note.as_deref(),
        previous: f.previous,
        direction: f.direction,
        target_met: f.target_met,
        history: f
            .history
            .iter()
            .map(|(quarter, value)| HistoryPoint {
                quarter: *quarter,
                value: *value,
            })
            .collect(),
    }
}
