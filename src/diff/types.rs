//! What a diff between two quarters holds. Serialised as-is for `--format json`, so field names
//! and orders are part of the documented output (docs/diff.md): change with care.

use super::narrative::TextDiff;
use crate::model::facts::Direction;
use crate::model::scalar::{Date, QuarterId};
use crate::model::types::{Better, InitiativeStatus, QuarterStatus, Severity, Tier};
use serde::Serialize;

/// Everything that changed from one quarter to another, in the order the renderers show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct QuarterDiff {
    pub from: QuarterId,
    pub to: QuarterId,
    pub from_status: QuarterStatus,
    pub to_status: QuarterStatus,
    /// ISO 4217 code of the costs below (the newer side's setting).
    pub currency: String,
    /// How the renderers write money and readings; derived from the newer side's settings.
    #[serde(skip)]
    pub format: crate::format::Format,
    /// The one-line summary, e.g. "3 risks moved, 1 new, 1 closed; 2 metrics changed direction".
    pub summary: String,
    pub risks: Vec<RiskChange>,
    pub top_risks: TopRisks,
    pub metrics: Vec<MetricChange>,
    pub initiatives: Vec<InitiativeChange>,
    pub incidents: Vec<IncidentChange>,
    pub investments: Vec<InvestmentChange>,
    pub narrative: Narrative,
}

impl QuarterDiff {
    /// True when nothing the board pack shows has changed.
    pub(crate) fn is_empty(&self) -> bool {
        self.from_status == self.to_status
            && self.risks.is_empty()
            && !self.top_risks.changed()
            && self.metrics.is_empty()
            && self.initiatives.is_empty()
            && self.incidents.is_empty()
            && self.investments.is_empty()
            && self.narrative.is_empty()
    }
}

pub(crate) use crate::model::change::{Change, RiskMove, RiskState};

/// A risk's change ([`RiskMove`], the comparison the one-pager shares) with the word-level
/// edits that only `diff` shows.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RiskChange {
    #[serde(flatten)]
    pub risk: RiskMove,
    /// The statement, word by word, when it was reworded (not for a risk being closed); null
    /// otherwise.
    pub statement: Option<TextDiff>,
    /// The mitigation, likewise.
    pub mitigation: Option<TextDiff>,
}

impl std::ops::Deref for RiskChange {
    type Target = RiskMove;
    fn deref(&self) -> &RiskMove {
        &self.risk
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TopRisks {
    /// How many the one-pager shows (the newer side's `top_risks`).
    pub size: usize,
    pub from: Vec<String>,
    pub to: Vec<String>,
    /// In the newer list, not the older; by rank.
    pub entered: Vec<TopEntry>,
    /// In the older list, not the newer; by former rank.
    pub left: Vec<TopEntry>,
}

impl TopRisks {
    pub(crate) fn changed(&self) -> bool {
        !self.entered.is_empty() || !self.left.is_empty()
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TopEntry {
    pub id: String,
    pub title: String,
    /// 1-based: the new rank for `entered`, the former rank for `left`.
    pub rank: usize,
    /// For `left` only: `closed`, `gone` (no longer in the quarter) or `outranked`.
    pub reason: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct MetricChange {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub better: Better,
    pub target: Option<f64>,
    /// Null when the side has no reading.
    pub from: Option<MetricState>,
    pub to: Option<MetricState>,
    /// The move from the older to the newer value, judged by polarity and `flat_band`;
    /// null unless both sides have a reading.
    pub change: Option<Direction>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct MetricState {
    pub value: f64,
    /// Each side's direction against its own previous quarter, as its one-pager shows it.
    pub direction: Direction,
    pub target_met: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct InitiativeChange {
    pub id: String,
    pub title: String,
    /// `new`, `removed` or `changed`.
    pub change: Change,
    pub from: Option<InitiativeState>,
    pub to: Option<InitiativeState>,
    /// For an initiative done in a quarter between the two and absent from the newer one: that
    /// quarter (its state in the older one is out of date). Null otherwise.
    pub done_in: Option<QuarterId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct InitiativeState {
    pub status: InitiativeStatus,
    pub progress: u8,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct IncidentChange {
    pub id: String,
    pub title: String,
    /// `new`, or `removed` (only when comparing a quarter with itself).
    pub change: Change,
    pub severity: Severity,
    pub occurred: Date,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct InvestmentChange {
    pub id: String,
    pub title: String,
    /// `new`, `removed` or `changed`.
    pub change: Change,
    pub from: Option<InvestmentState>,
    pub to: Option<InvestmentState>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct InvestmentState {
    pub recommended: Tier,
    pub cost: TierCosts,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct TierCosts {
    pub good: f64,
    pub better: f64,
    pub best: f64,
}

impl TierCosts {
    pub(crate) fn get(&self, tier: Tier) -> f64 {
        match tier {
            Tier::Good => self.good,
            Tier::Better => self.better,
            Tier::Best => self.best,
        }
    }
}

/// Word-level diffs of the quarter's words; null where unchanged.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Narrative {
    pub headline: Option<TextDiff>,
    pub summary: Option<TextDiff>,
    pub asks: Option<TextDiff>,
}

impl Narrative {
    pub(crate) fn is_empty(&self) -> bool {
        self.headline.is_none() && self.summary.is_none() && self.asks.is_none()
    }
}
