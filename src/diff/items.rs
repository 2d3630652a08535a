//! Initiatives, incidents and investment asks: new, removed, and changed where it shows.

use super::types::*;
use crate::model::scalar::{id_key, QuarterId};
use crate::model::types::{Incident, Initiative, InitiativeStatus, Investment, Quarter, Site};
use std::collections::BTreeMap;

/// Pairs the items of two sides by id: (id, older, newer), sorted by id.
fn paired<'a, T>(
    from: &'a [T],
    to: &'a [T],
    id: impl Fn(&T) -> &str,
) -> Vec<(String, Option<&'a T>, Option<&'a T>)> {
    let mut ids: Vec<&str> = from.iter().chain(to).map(&id).collect();
    ids.sort_by_key(|i| id_key(i));
    ids.dedup();
    ids.into_iter()
        .map(|i| {
            let find = |side: &'a [T]| side.iter().find(|x| id(x) == i);
            (i.to_string(), find(from), find(to))
        })
        .collect()
}

fn kind<S: PartialEq>(from: &Option<S>, to: &Option<S>) -> Option<Change> {
    match (from, to) {
        (None, Some(_)) => Some(Change::New),
        (Some(_), None) => Some(Change::Removed),
        (Some(a), Some(b)) if a != b => Some(Change::Changed),
        _ => None,
    }
}

/// Initiatives done in a quarter of `site` strictly between `from` and `to`, with the first
/// quarter that had each done: across a skipped quarter, one finished there and then left
/// behind is done, not dropped at its older progress.
pub(super) fn done_between(
    site: &Site,
    from: QuarterId,
    to: QuarterId,
) -> BTreeMap<String, QuarterId> {
    let mut done = BTreeMap::new();
    for q in site
        .quarters
        .iter()
        .filter(|q| from < q.quarter && q.quarter < to)
    {
        for i in q
            .initiatives
            .iter()
            .filter(|i| i.status == InitiativeStatus::Done)
        {
            done.entry(i.id.clone()).or_insert(q.quarter);
        }
    }
    done
}

pub(super) fn initiatives(
    from: &Quarter,
    to: &Quarter,
    done: &BTreeMap<String, QuarterId>,
) -> Vec<InitiativeChange> {
    let state = |i: &Initiative| InitiativeState {
        status: i.status,
        progress: i.progress,
    };
    paired(&from.initiatives, &to.initiatives, |i| &i.id)
        .into_iter()
        .filter_map(|(id, a, b)| {
            let (sa, sb) = (a.map(state), b.map(state));
            let done_in = done.get(&id).copied().filter(|_| b.is_none());
            Some(InitiativeChange {
                id,
                title: b.or(a).map(|i| i.title.clone())?,
                change: kind(&sa, &sb)?,
                from: sa,
                to: sb,
                done_in,
            })
        })
        .collect()
}

/// New incidents; removed ones only when a quarter is compared with itself, because across
/// quarters every incident of the older quarter is "absent" from the newer one by design.
pub(super) fn incidents(from: &Quarter, to: &Quarter, same_quarter: bool) -> Vec<IncidentChange> {
    paired(&from.incidents, &to.incidents, |i| &i.id)
        .into_iter()
        .filter_map(|(id, a, b)| {
            let (change, i): (Change, &Incident) = match (a, b) {
                (None, Some(i)) => (Change::New, i),
                (Some(i), None) if same_quarter => (Change::Removed, i),
                _ => return None,
            };
            Some(IncidentChange {
                id,
                title: i.title.clone(),
                change,
                severity: i.severity,
                occurred: i.occurred,
            })
        })
        .collect()
}

pub(super) fn investments(from: &Quarter, to: &Quarter) -> Vec<InvestmentChange> {
    let state = |i: &Investment| InvestmentState {
        recommended: i.recommended,
        cost: TierCosts {
            good: i.options.good.cost,
            better: i.options.better.cost,
            best: i.options.best.cost,
        },
    };
    paired(&from.investments, &to.investments, |i| &i.id)
        .into_iter()
        .filter_map(|(id, a, b)| {
            let (sa, sb) = (a.map(state), b.map(state));
            Some(InvestmentChange {
                id,
                title: b.or(a).map(|i| i.title.clone())?,
                change: kind(&sa, &sb)?,
                from: sa,
                to: sb,
            })
        })
        .collect()
}
