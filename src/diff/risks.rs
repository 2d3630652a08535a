//! Risk changes (new, closed, vanished, moved, re-owned) and changes to the top-risk list.

use super::types::{Change, RiskChange, RiskState, TopEntry, TopRisks};
use crate::model::facts::Movement;
use crate::model::scalar::{id_key, QuarterId};
use crate::model::types::{Quarter, Risk, RiskStatus, Site};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Risks closed in a quarter of `site` strictly between `from` and `to`, with the first quarter
/// that closed each. `diff 2023-Q3 2024-Q1` skips 2023-Q4: a risk closed there and then
/// retired is closed, not vanished.
pub fn closed_between(site: &Site, from: QuarterId, to: QuarterId) -> BTreeMap<String, QuarterId> {
    let mut closed = BTreeMap::new();
    for q in site
        .quarters
        .iter()
        .filter(|q| from < q.quarter && q.quarter < to)
    {
        for r in q.risks.iter().filter(|r| r.status == RiskStatus::Closed) {
            closed.entry(r.id.clone()).or_insert(q.quarter);
        }
    }
    closed
}

fn state(r: &Risk) -> RiskState {
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
pub fn risks(
    from: &Quarter,
    to: &Quarter,
    same_quarter: bool,
    closed: &BTreeMap<String, QuarterId>,
) -> Vec<RiskChange> {
    let mut out = Vec::new();
    for r in &to.risks {
        let now = state(r);
        let Some(before) = from.risks.iter().find(|b| b.id == r.id).map(state) else {
            out.push(change(r, Change::New, Some(Movement::New), None, Some(now)));
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
        // Closing a risk is the news; its last wording is not.
        let (statement, mitigation) = match kind {
            Change::Closed => (None, None),
            _ => (
                super::narrative::prose(&before.statement, &now.statement),
                super::narrative::prose(&before.mitigation, &now.mitigation),
            ),
        };
        let mut c = change(r, kind, Some(movement), Some(before), Some(now));
        (c.statement, c.mitigation) = (statement, mitigation);
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
        let mut c = change(b, kind, None, Some(state(b)), None);
        c.closed_in = closed.get(&b.id).copied();
        out.push(c);
    }
    out.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then(id_key(&a.id).cmp(&id_key(&b.id)))
    });
    out
}

fn change(
    r: &Risk,
    change: Change,
    movement: Option<Movement>,
    from: Option<RiskState>,
    to: Option<RiskState>,
) -> RiskChange {
    RiskChange {
        id: r.id.clone(),
        title: r.title.clone(),
        change,
        movement,
        from,
        to,
        closed_in: None,
        statement: None,
        mitigation: None,
    }
}

/// New, closed and vanished first (what a board asks about), then risks that rose, fell, or
/// changed without moving.
fn rank(c: &RiskChange) -> (Change, u8) {
    let movement = match c.movement {
        Some(Movement::Up) => 0,
        Some(Movement::Down) => 1,
        _ => 2,
    };
    (c.change, movement)
}

/// Risks that entered or left the top list. Both lists come from the facts, so they are the
/// lists each one-pager shows. A risk that left because it was closed in a quarter between the
/// two (`closed`) left as `closed`, not `gone`.
pub fn top_risks(
    from: &Quarter,
    from_top: &[String],
    to: &Quarter,
    to_top: &[String],
    size: usize,
    closed: &BTreeMap<String, QuarterId>,
) -> TopRisks {
    let title = |q: &Quarter, id: &str| {
        q.risks
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.title.clone())
            .unwrap_or_default()
    };
    let entered = to_top
        .iter()
        .enumerate()
        .filter(|(_, id)| !from_top.contains(id))
        .map(|(i, id)| TopEntry {
            id: id.clone(),
            title: title(to, id),
            rank: i + 1,
            reason: None,
        })
        .collect();
    let left = from_top
        .iter()
        .enumerate()
        .filter(|(_, id)| !to_top.contains(id))
        .map(|(i, id)| {
            let now = to.risks.iter().find(|r| &r.id == id);
            let reason = match now {
                None if closed.contains_key(id) => "closed",
                None => "gone",
                Some(r) if r.status == RiskStatus::Closed => "closed",
                Some(_) => "outranked",
            };
            TopEntry {
                id: id.clone(),
                title: title(from, id),
                rank: i + 1,
                reason: Some(reason),
            }
        })
        .collect();
    TopRisks {
        size,
        from: from_top.to_vec(),
        to: to_top.to_vec(),
        entered,
        left,
    }
}
