//! Risk changes (new, closed, vanished, moved, re-owned) and changes to the top-risk list.

use super::types::{Change, RiskChange, RiskState, TopEntry, TopRisks};
use crate::model::change;
use crate::model::types::{Quarter, RiskStatus};
use std::collections::BTreeMap;

pub(super) use crate::model::change::closed_between;

/// Every risk whose board-visible state differs ([`crate::model::change::risks`]), with the
/// word-level edits of its statement and mitigation. Closing a risk is the news; its last
/// wording is not.
pub(super) fn risks(
    from: &Quarter,
    to: &Quarter,
    same_quarter: bool,
    closed: &BTreeMap<String, change::Closing>,
) -> Vec<RiskChange> {
    change::risks(from, to, same_quarter, closed)
        .into_iter()
        .map(|risk| {
            let words = |f: fn(&RiskState) -> &str| match (&risk.from, &risk.to) {
                (Some(a), Some(b)) if risk.change == Change::Changed => {
                    super::narrative::prose(f(a), f(b))
                }
                _ => None,
            };
            let statement = words(|s| &s.statement);
            let mitigation = words(|s| &s.mitigation);
            RiskChange {
                risk,
                statement,
                mitigation,
            }
        })
        .collect()
}

/// Risks that entered or left the top list. Both lists come from the facts, so they are the
/// lists each one-pager shows. A risk that left because it was closed in a quarter between the
/// two (`closed`) left as `closed`, not `gone`.
pub(super) fn top_risks(
    from: &Quarter,
    from_top: &[String],
    to: &Quarter,
    to_top: &[String],
    size: usize,
    closed: &BTreeMap<String, change::Closing>,
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
