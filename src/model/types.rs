//! The validated content: types that cannot hold a value the contract forbids.

use super::facts::QuarterFacts;
use super::scalar::{Date, Minutes, QuarterId};
use crate::config::Config;
use serde::Serialize;

pub(crate) use crate::vocab::{
    ActionStatus, AskType, Band, Better, CostPer, InitiativeStatus, MetricOwner, Outcome,
    QuarterStatus, Residual, RiskStatus, Severity, Tier, Treatment,
};

#[derive(Debug, Clone, Serialize)]
pub struct Site {
    #[serde(skip)]
    pub config: Config,
    pub metrics: Vec<Metric>,
    /// Oldest first.
    pub quarters: Vec<Quarter>,
    /// By `order`, then title.
    pub pages: Vec<Page>,
    /// Every label in the site's language (site catalog → built-in → English).
    #[serde(skip)]
    pub labels: crate::i18n::Labels,
    /// The matrix in force: level names and meanings, and the band of each cell.
    #[serde(skip)]
    pub matrix: super::matrix::Matrix,
    /// The site's and each category's limit and tolerance.
    #[serde(skip)]
    pub appetite: super::appetite::Appetite,
    /// The acceptance rules, notification clocks and signers' role names.
    #[serde(skip)]
    pub playbook: super::playbook::Playbook,
}

#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub better: Better,
    pub target: Option<f64>,
    pub flat_band: f64,
    pub owner: MetricOwner,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Quarter {
    pub quarter: QuarterId,
    pub status: QuarterStatus,
    pub board_meeting: Date,
    pub headline: String,
    pub summary: String,
    pub asks: Vec<Ask>,
    pub approved_by: Option<SignOff>,
    #[serde(skip)]
    pub readings: Vec<Reading>,
    pub risks: Vec<Risk>,
    pub initiatives: Vec<Initiative>,
    pub incidents: Vec<Incident>,
    pub investments: Vec<Investment>,
    /// The board's action log as it stands this quarter (left out of the JSON when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// Policy exceptions, by id.
    pub exceptions: Vec<PolicyException>,
    /// `content/quarters/…/quarter.yaml`, for diagnostics about the quarter as a whole.
    #[serde(skip)]
    pub file: String,
    /// False when an item failed its checks and was left out; lints that count items would
    /// then report the error again in other words.
    #[serde(skip)]
    pub complete: bool,
    /// What the one-pager computes about this quarter, carried with it so that nothing has to
    /// line up a list of facts with the list of quarters. Filled in by `facts::attach` once
    /// the whole site is validated (facts compare a quarter with the one before it).
    #[serde(skip)]
    pub facts: QuarterFacts,
    /// The record in `published.yaml`, once the quarter has been published.
    #[serde(skip)]
    pub published: Option<crate::model::publish::record::Record>,
}

/// What the board is asked. A string ask in quarter.yaml is a `discuss` ask about nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ask {
    #[serde(rename = "type")]
    pub kind: AskType,
    pub text: String,
    /// The ids of the quarter's risks, investments, initiatives, incidents or actions it
    /// concerns.
    pub about: Vec<String>,
    /// What the board decided, once it has (left out of the JSON until then).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

/// The board's answer to an ask.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub outcome: Outcome,
    /// The investment option chosen; only on an ask about an investment.
    pub option: Option<Tier>,
    /// In the site currency.
    pub amount: Option<f64>,
    pub note: Option<String>,
}

/// One action of the board's log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub due: Date,
    pub status: ActionStatus,
    /// The quarter whose board meeting raised it.
    pub raised: QuarterId,
    pub about: Vec<String>,
    pub note: Option<String>,
}

impl Ask {
    /// A string ask as written.
    pub fn discuss(text: impl Into<String>) -> Ask {
        Ask {
            kind: AskType::Discuss,
            text: text.into(),
            about: Vec::new(),
            decision: None,
        }
    }

    pub fn is_about(&self, id: &str) -> bool {
        self.about.iter().any(|a| a == id)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SignOff {
    pub cto: String,
    pub ciso: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    pub metric: String,
    pub value: f64,
    pub monthly: Vec<f64>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    pub id: String,
    pub title: String,
    pub statement: String,
    pub impact: u8,
    pub likelihood: u8,
    pub owner: String,
    pub mitigation: String,
    pub due: Option<Date>,
    pub status: RiskStatus,
    pub exception: Option<Exception>,
    /// A key of `[categories]`; none on a site without categories, and on a risk of a published
    /// quarter recorded before its site had them.
    pub category: Option<String>,
    /// As written, else `accept` for an accepted risk and `mitigate` for any other.
    pub treatment: Treatment,
    /// Where the mitigation takes the risk by `due` (left out of the JSON when not written).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Cell>,
    /// The risk before any control (left out of the JSON when not written).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inherent: Option<Cell>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loss: Option<Loss>,
}

/// Money at risk as written: two 90% ranges (see `model::money` for what is computed from them).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Loss {
    /// Times a year.
    pub frequency: Range,
    /// Site currency, each time.
    pub magnitude: Range,
}

/// A 90% range: `low` is the 5th percentile and `high` the 95th; `0 < low < high`, both finite.
/// In `data.json` it reads as written, `[low, high]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub low: f64,
    pub high: f64,
}

impl Serialize for Range {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.low, self.high].serialize(s)
    }
}

impl Risk {
    pub fn score(&self) -> u8 {
        self.impact * self.likelihood
    }

    /// Not closed: what the one-pager's top risks, the register's and the archive's counts of
    /// open risks take.
    pub fn is_open(&self) -> bool {
        self.status != RiskStatus::Closed
    }
}

/// A cell of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub impact: u8,
    pub likelihood: u8,
}

impl Cell {
    pub fn score(self) -> u8 {
        self.impact * self.likelihood
    }
}

/// The signed terms of an exception of either kind: a risk acceptance (a risk's `exception`)
/// or a policy exception (`exceptions/*.yaml`). Both are held to the same rules
/// (`model::playbook`).
#[derive(Debug, Clone, Serialize)]
pub struct Exception {
    pub reason: String,
    pub expires: Date,
    pub compensating_controls: Vec<String>,
    pub approved_by: ExceptionApproval,
    pub review: Date,
    /// As written; when absent the term runs from the board meeting of the first quarter it
    /// appears in (`ExceptionFacts::signed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed: Option<Date>,
    /// The systems and users it covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The last review held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Reviewed>,
    /// Where it is written, for the lints that look across quarters.
    #[serde(skip)]
    pub at: super::playbook::Written,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reviewed {
    pub on: Date,
    pub outcome: String,
}

/// A policy exception (`exceptions/*.yaml`): a rule waived, on the same terms as a risk
/// acceptance.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyException {
    pub id: String,
    pub title: String,
    pub policy: String,
    /// The risks it raises; the highest band among them sets its acceptance rule.
    pub risks: Vec<String>,
    #[serde(flatten)]
    pub terms: Exception,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExceptionApproval {
    pub engineering: String,
    pub security: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Initiative {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub status: InitiativeStatus,
    pub progress: u8,
    pub reduces: Vec<String>,
    pub enables: Option<String>,
    pub due: Date,
}

impl Initiative {
    /// Due before `meeting` and not done: overdue at that meeting (the roadmap's flag and mark).
    pub fn overdue_at(&self, meeting: Date) -> bool {
        self.due < meeting && self.status != InitiativeStatus::Done
    }

    /// Due after `next` (the next board meeting): the board will not see it land before then
    /// (the roadmap's "after the next meeting" flag, its count and its chart's mark).
    pub fn due_after(&self, next: Date) -> bool {
        self.due > next
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Incident {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub occurred: Date,
    #[serde(serialize_with = "as_hours")]
    pub time_to_detect: Minutes,
    #[serde(serialize_with = "as_hours")]
    pub time_to_contain: Minutes,
    pub customer_impact: String,
    pub learning: String,
    pub risks: Vec<String>,
    /// Follow-up actions of the log (left out of the JSON when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
    /// Reports made under the site's notification clocks, each judged against its rule.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notifications: Vec<super::playbook::Notification>,
}

fn as_hours<S: serde::Serializer>(m: &Minutes, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((m.hours() * 100.0).round() / 100.0)
}

#[derive(Debug, Clone, Serialize)]
pub struct Investment {
    pub id: String,
    pub title: String,
    pub ask: String,
    pub reduces: Vec<String>,
    pub recommended: Tier,
    pub options: Options,
}

#[derive(Debug, Clone, Serialize)]
pub struct Options {
    pub good: InvestmentOption,
    pub better: InvestmentOption,
    pub best: InvestmentOption,
}

impl Options {
    pub fn get(&self, tier: Tier) -> &InvestmentOption {
        match tier {
            Tier::Good => &self.good,
            Tier::Better => &self.better,
            Tier::Best => &self.best,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct InvestmentOption {
    pub cost: f64,
    pub summary: String,
    pub tradeoff: String,
    pub residual_risk: Option<Residual>,
    /// `once` unless the option says `year`; only a yearly cost is written into `data.json`.
    #[serde(skip_serializing_if = "CostPer::is_once")]
    pub cost_per: CostPer,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loss_reduction: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub order: Option<i64>,
    #[serde(skip)]
    pub markdown: String,
    #[serde(skip)]
    pub file: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{date, initiative};

    #[test]
    fn an_initiative_is_overdue_before_the_meeting_unless_done_and_later_after_the_next() {
        let due = initiative("I-1").due("2026-10-14");
        assert!(!due.overdue_at(date("2026-10-14")));
        assert!(due.overdue_at(date("2026-10-15")));
        assert!(!due
            .clone()
            .status(InitiativeStatus::Done)
            .overdue_at(date("2026-10-15")));
        assert!(!due.due_after(date("2026-10-14")));
        assert!(due.due_after(date("2026-10-13")));
    }
}
