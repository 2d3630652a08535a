//! What happened between two board meetings, as facts: the one-pager's "since the last
//! meeting" (the previous quarter's decisions, the action log in numbers, what moved among the
//! risks — counted from [`super::change`], the comparison `diff` prints), and each risk's due
//! date history across every quarter it appears in ("moved 5×, first due 30 June 2025").

use super::change::{self, RiskCounts};
use super::scalar::{Date, QuarterId};
use super::types::{ActionStatus, Ask, Quarter, RiskStatus};
use serde::Serialize;
use std::collections::BTreeMap;

/// "Since the last meeting", for a quarter with a previous one.
#[derive(Debug, Clone, Serialize)]
pub struct SinceLast {
    /// The nearest earlier quarter and its board meeting.
    pub previous: QuarterId,
    pub previous_meeting: Date,
    /// The previous quarter's asks that carry a decision, in their order.
    pub decisions: Vec<Ask>,
    /// Its `decide` and `approve` asks without one (a draft's, or a record from before
    /// decisions were kept).
    pub undecided: usize,
    pub actions: ActionCounts,
    pub risks: RiskCounts,
}

/// The action log of a quarter in numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ActionCounts {
    /// Closed since the last meeting (a done action shows in the quarter it was done).
    pub done: usize,
    pub dropped: usize,
    /// Still open, the overdue ones included.
    pub open: usize,
    /// Open and due before this quarter's board meeting, by id.
    pub overdue: Vec<String>,
}

impl ActionCounts {
    pub fn of(q: &Quarter) -> ActionCounts {
        let n = |s| q.actions.iter().filter(|a| a.status == s).count();
        ActionCounts {
            done: n(ActionStatus::Done),
            dropped: n(ActionStatus::Dropped),
            open: n(ActionStatus::Open),
            overdue: q
                .actions
                .iter()
                .filter(|a| is_overdue(a, q.board_meeting))
                .map(|a| a.id.clone())
                .collect(),
        }
    }
}

/// Open and due before the meeting: the `action-overdue` rule, decided here once.
pub(crate) fn is_overdue(a: &super::types::Action, meeting: Date) -> bool {
    a.status == ActionStatus::Open && a.due < meeting
}

/// `q` against `prev`, the nearest earlier quarter.
pub(crate) fn since_last(prev: &Quarter, q: &Quarter) -> SinceLast {
    let moves = change::risks(prev, q, false, &BTreeMap::new());
    SinceLast {
        previous: prev.quarter,
        previous_meeting: prev.board_meeting,
        decisions: prev
            .asks
            .iter()
            .filter(|a| a.decision.is_some())
            .cloned()
            .collect(),
        undecided: prev
            .asks
            .iter()
            .filter(|a| a.kind.is_decision() && a.decision.is_none())
            .count(),
        actions: ActionCounts::of(q),
        risks: RiskCounts::of(&moves),
    }
}

/// A move of a risk's due date to a later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DueMove {
    /// The quarter that shows the later date.
    pub quarter: QuarterId,
    pub from: Date,
    pub to: Date,
}

/// A risk's due dates up to a quarter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DueHistory {
    /// The first due date the board was shown.
    pub first: Option<Date>,
    /// Every move later, oldest first; a move to an earlier date is not a slip and resets
    /// nothing.
    pub moves: Vec<DueMove>,
    last: Option<Date>,
}

/// Each quarter's due histories, by risk id, in the order of `quarters` (oldest first). A
/// quarter the risk is missing from, or a closed quarter without a `due`, is skipped: the next
/// date is compared with the last one shown.
pub(crate) fn due_histories(quarters: &[Quarter]) -> Vec<BTreeMap<String, DueHistory>> {
    let mut running: BTreeMap<String, DueHistory> = BTreeMap::new();
    let mut out = Vec::with_capacity(quarters.len());
    for q in quarters {
        let mut now = BTreeMap::new();
        for r in &q.risks {
            let h = running.entry(r.id.clone()).or_default();
            if let Some(due) = r.due {
                match h.last {
                    Some(last) if due > last => h.moves.push(DueMove {
                        quarter: q.quarter,
                        from: last,
                        to: due,
                    }),
                    Some(_) => {}
                    None => h.first = Some(due),
                }
                h.last = Some(due);
            }
            now.insert(r.id.clone(), h.clone());
        }
        out.push(now);
    }
    out
}

/// `chronic-slip`: not closed, and its `due` moved later in this many quarters or more.
pub(crate) const CHRONIC_SLIPS: usize = 3;

pub(crate) fn is_chronic(status: RiskStatus, history: &DueHistory) -> bool {
    status != RiskStatus::Closed && history.moves.len() >= CHRONIC_SLIPS
}
