//! How a quarter's risks differ from another quarter's: the one comparison that `diff` prints
//! and the one-pager's "since the last meeting" counts (new and closed risks, scores up and
//! down, due dates moved later, exceptions extended). Presentations add to it; none redoes it.

use super::facts::Movement;
use super::scalar::{id_key, Date, QuarterId};
use super::types::{Quarter, Risk, RiskStatus, Site};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// How an item differs between the two sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Only in the newer quarter.
    New,
    /// A risk whose status became `closed`, in the newer quarter or in one between the two
    /// (then it is absent from the newer one, and `closed_in` says where).
    Closed,
    /// A risk in the older quarter, not closed there, and absent from the newer one.
    Vanished,
    /// Absent from the newer side (for risks: only when comparing a quarter with itself,
    /// e.g. under `--git`, and the risk was already closed).
    Removed,
    /// On both sides, with a difference the board pack shows.
    Changed,
}

/// A risk as the board pack shows it: the one-pager's score, status and owner, and the
/// register's wording, due date and exception.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskState {
    pub title: String,
    pub score: u8,
    pub impact: u8,
    pub likelihood: u8,
    pub status: RiskStatus,
    pub owner: String,
    pub statement: String,
    pub mitigation: String,
    pub due: Option<Date>,
    /// When the signed risk acceptance expires; null without one.
    pub exception_expires: Option<Date>,
}

/// One risk whose board-visible state differs between the two quarters.
#[derive(Debug, Clone, Serialize)]
pub struct RiskMove {
    pub id: String,
    /// The newer title, or the older one when the risk is gone.
    pub title: String,
    pub change: Change,
    /// `up` / `down` / `same` by score when on both sides, `new` when only in the newer one;
    /// null when gone.
    pub movement: Option<Movement>,
    pub from: Option<RiskState>,
    pub to: Option<RiskState>,
    /// For a risk closed in a quarter between the two and absent from the newer one: that
    /// quarter. Null otherwise.
    pub closed_in: Option<QuarterId>,
    /// For a closed risk: its mitigation in the quarter that closed it (why it could close).
    /// Null otherwise.
    pub closed_with: Option<String>,
}

impl RiskMove {
    /// Both sides, when the risk is on both.
    fn both(&self) -> Option<(&RiskState, &RiskState)> {
        self.from.as_ref().zip(self.to.as_ref())
    }

    /// Its due date moved later.
    pub fn slipped(&self) -> bool {
        self.change == Change::Changed && self.both().is_some_and(|(a, b)| later(a.due, b.due))
    }

    /// Its risk acceptance now expires later.
    pub fn extended(&self) -> bool {
        self.change == Change::Changed
            && self
                .both()
                .is_some_and(|(a, b)| later(a.exception_expires, b.exception_expires))
    }
}

/// A date on both sides that moved later: a slipped due date, an extended exception.
pub(crate) fn later(from: Option<Date>, to: Option<Date>) -> bool {
    matches!((from, to), (Some(a), Some(b)) if b > a)
}

/// A risk closed in a quarter between the two compared.
#[derive(Debug, Clone)]
pub(crate) struct Closing {
    /// The first quarter that closed it.
    pub quarter: QuarterId,
    /// Its mitigation there: what was done, which says why it could close.
    pub mitigation: String,
}

/// Risks closed in a quarter of `site` strictly between `from` and `to`, with the first quarter
/// that closed each. `diff 2023-Q3 2024-Q1` skips 2023-Q4: a risk closed there and then
/// retired is closed, not vanished.
pub(crate) fn closed_between(
    site: &Site,
    from: QuarterId,
    to: QuarterId,
) -> BTreeMap<String, Closing> {
    let mut closed = BTreeMap::new();
    for q in site
        .quarters
        .iter()
        .filter(|q| from < q.quarter && q.quarter < to)
    {
        for r in q.risks.iter().filter(|r| r.status == RiskStatus::Closed) {
            closed.entry(r.id.clone()).or_insert_with(|| Closing {
                quarter: q.quarter,
                mitigation: r.mitigation.clone(),
            });
        }
    }
    closed
}

pub(crate) fn state(r: &Risk) -> RiskState {
    RiskState {
        title: r.title.clone(),
        score: r.score(),
        impact: r.impact,
        likelihood: r.likelihood,
        status: r.status,
        owner: r.owner.clone(),
        statement: r.statement.clone(),
        mitigation: r.mitigation.clone(),
        due: r.due,
        exception_expires: r.exception.as_ref().map(|e| e.expires),
    }
}

/// Every risk whose board-visible state differs. `same_quarter` is true when a quarter is
/// compared with another version of itself: a closed risk deleted there is worth reporting,
/// whereas across quarters dropping a risk closed last quarter is the normal way to retire it.
/// `closed` holds the risks closed in a quarter between the two (see [`closed_between`]).
pub(crate) fn risks(
    from: &Quarter,
    to: &Quarter,
    same_quarter: bool,
    closed: &BTreeMap<String, Closing>,
) -> Vec<RiskMove> {
    let mut out = Vec::new();
    for r in &to.risks {
        let now = state(r);
        let Some(before) = from.risks.iter().find(|b| b.id == r.id).map(state) else {
            out.push(moved(r, Change::New, Some(Movement::New), None, Some(now)));
            continue;
        };
        if before == now {
            continue;
        }
        let kind = if before.status != RiskStatus::Closed && now.status == RiskStatus::Closed {
            Change::Closed
        } else {
            Change::Changed
        };
        let movement = match now.score.cmp(&before.score) {
            Ordering::Greater => Movement::Up,
            Ordering::Less => Movement::Down,
            Ordering::Equal => Movement::Same,
        };
        let closed_with = (kind == Change::Closed).then(|| now.mitigation.clone());
        let mut c = moved(r, kind, Some(movement), Some(before), Some(now));
        c.closed_with = closed_with;
        out.push(c);
    }
    for b in &from.risks {
        if to.risks.iter().any(|r| r.id == b.id) {
            continue;
        }
        let kind = match b.status {
            RiskStatus::Closed if !same_quarter => continue,
            RiskStatus::Closed => Change::Removed,
            _ if closed.contains_key(&b.id) => Change::Closed,
            _ => Change::Vanished,
        };
        let mut c = moved(b, kind, None, Some(state(b)), None);
        c.closed_in = closed.get(&b.id).map(|c| c.quarter);
        c.closed_with = closed.get(&b.id).map(|c| c.mitigation.clone());
        out.push(c);
    }
    out.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then(id_key(&a.id).cmp(&id_key(&b.id)))
    });
    out
}

fn moved(
    r: &Risk,
    change: Change,
    movement: Option<Movement>,
    from: Option<RiskState>,
    to: Option<RiskState>,
) -> RiskMove {
    RiskMove {
        id: r.id.clone(),
        title: r.title.clone(),
        change,
        movement,
        from,
        to,
        closed_in: None,
        closed_with: None,
    }
}

/// New, closed and vanished first (what a board asks about), then risks that rose, fell, or
/// changed without moving.
fn rank(c: &RiskMove) -> (Change, u8) {
    let movement = match c.movement {
        Some(Movement::Up) => 0,
        Some(Movement::Down) => 1,
        _ => 2,
    };
    (c.change, movement)
}

/// What a list of risk changes comes to, in the words a board uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RiskCounts {
    pub new: usize,
    pub closed: usize,
    pub up: usize,
    pub down: usize,
    /// Due dates moved later.
    pub due_later: usize,
    /// Risk acceptances extended.
    pub extended: usize,
}

impl RiskCounts {
    pub fn of(moves: &[RiskMove]) -> RiskCounts {
        let n = |f: &dyn Fn(&RiskMove) -> bool| moves.iter().filter(|m| f(m)).count();
        RiskCounts {
            new: n(&|m| m.change == Change::New),
            closed: n(&|m| m.change == Change::Closed),
            up: n(&|m| m.movement == Some(Movement::Up)),
            down: n(&|m| m.movement == Some(Movement::Down)),
            due_later: n(&|m| m.slipped()),
            extended: n(&|m| m.extended()),
        }
    }
}
