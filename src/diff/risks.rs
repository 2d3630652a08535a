//! Risk changes (new, closed, vanished, moved, re-owned) and changes to the top-risk list.

use super::types::{Change, RiskChange, RiskState, TopEntry, TopRisks};
use crate::model::facts::Movement;
use crate::model::scalar::id_key;
use crate::model::types::{Quarter, Risk, RiskStatus};
use std::cmp::Ordering;

fn state(r: &Risk) -> RiskState {
    RiskState {
        title: r.title.clone(),
        score: r.score(),
        impact: r.impact,
        likelihood: r.likelihood,
        status: r.status,
        owner: r.owner.clone(),
    }
}

/// Every risk whose board-visible state differs. `same_quarter` is true when a quarter is
/// compared with another version of itself: a closed risk deleted there is worth reporting,
/// whereas across quarters dropping a risk closed last quarter is the normal way to retire it.
pub fn risks(from: &Quarter, to: &Quarter, same_quarter: bool) -> Vec<RiskChange> {
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
        out.push(change(r, kind, Some(movement), Some(before), Some(now)));
    }
    for b in &from.risks {
        if to.risks.iter().any(|r| r.id == b.id) {
            continue;
        }
        let kind = match b.status {
            RiskStatus::Closed if !same_quarter => continue,
            RiskStatus::Closed => Change::Removed,
            _ => Change::Vanished,
        };
        out.push(change(b, kind, None, Some(state(b)), None));
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
/// lists each one-pager shows.
pub fn top_risks(
    from: &Quarter,
    from_top: &[String],
    to: &Quarter,
    to_top: &[String],
    size: usize,
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
