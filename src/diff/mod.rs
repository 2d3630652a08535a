//! `quarterdeck diff`: what changed in the board pack between two quarters, or between the
//! working tree and a Git ref.
//!
//! [`diff`] is pure: two validated quarters and their facts in, a [`QuarterDiff`] out. The two
//! sides may come from different sites (the working tree and a Git ref), so nothing here
//! assumes the older quarter is the newer one's "previous quarter". Renderers (`render/`)
//! turn a diff into text or Markdown; `--format json` serialises it as it is. `select` picks
//! the quarters from the command line; `git` and `report` implement `--git REF`.

pub(crate) mod git;
mod items;
mod metrics;
pub(crate) mod narrative;
pub(crate) mod render;
pub(crate) mod report;
mod risks;
pub(crate) mod select;
mod summary;
pub(crate) mod types;
pub(crate) mod words;

#[cfg(test)]
mod tests;

pub(crate) use types::QuarterDiff;

use crate::model::facts::QuarterFacts;
use crate::model::types::{Quarter, Site};

/// One side of a comparison: a quarter with its site (for metric definitions and settings)
/// and the facts computed for it within that site.
#[derive(Clone, Copy)]
pub(crate) struct Side<'a> {
    pub site: &'a Site,
    pub quarter: &'a Quarter,
    pub facts: &'a QuarterFacts,
}

impl<'a> Side<'a> {
    /// The `index`-th quarter of `site`, with the facts it carries.
    pub(crate) fn at(site: &'a Site, index: usize) -> Option<Side<'a>> {
        let quarter = site.quarters.get(index)?;
        Some(Side {
            site,
            quarter,
            facts: &quarter.facts,
        })
    }
}

/// Everything the board pack shows differently in `to` than in `from`.
pub(crate) fn diff(from: Side, to: Side) -> QuarterDiff {
    let same_quarter = from.quarter.quarter == to.quarter.quarter;
    let (f, t) = (from.quarter, to.quarter);
    let closed = risks::closed_between(to.site, f.quarter, t.quarter);
    let fmt = crate::format::Format::for_site(&to.site.config);
    let mut d = QuarterDiff {
        from: f.quarter,
        to: t.quarter,
        from_status: f.status,
        to_status: t.status,
        currency: to.site.config.currency.clone(),
        format: fmt.clone(),
        summary: String::new(),
        risks: risks::risks(f, t, same_quarter, &closed),
        top_risks: risks::top_risks(
            f,
            &from.facts.top_risks,
            t,
            &to.facts.top_risks,
            to.site.config.top_risks,
            &closed,
        ),
        metrics: metrics::metrics(&from, &to),
        initiatives: items::initiatives(f, t, &items::done_between(to.site, f.quarter, t.quarter)),
        incidents: items::incidents(f, t, same_quarter),
        investments: items::investments(f, t),
        narrative: types::Narrative {
            headline: narrative::prose(&f.headline, &t.headline),
            summary: narrative::prose(&f.summary, &t.summary),
            asks: narrative::list(&ask_lines(&f.asks, &fmt), &ask_lines(&t.asks, &fmt)),
        },
    };
    d.summary = summary::summary(&d, decisions(&f.asks, &t.asks));
    d
}

/// How many asks on both sides (same type, text and `about`) had a decision recorded, and how
/// many had theirs changed or removed: in a published quarter, a restatement.
fn decisions(from: &[crate::model::types::Ask], to: &[crate::model::types::Ask]) -> (usize, usize) {
    let mut recorded = 0;
    let mut changed = 0;
    for a in to {
        let same = |b: &&crate::model::types::Ask| {
            (b.kind, &b.text, &b.about) == (a.kind, &a.text, &a.about)
        };
        let Some(b) = from.iter().find(same) else {
            continue;
        };
        match (&b.decision, &a.decision) {
            (None, Some(_)) => recorded += 1,
            (x, y) if x != y => changed += 1,
            _ => {}
        }
    }
    (recorded, changed)
}

/// Each ask as one line of the asks' diff: a sentence ask as written, any other with its type
/// and what it is about ("decide: Choose … (about INV-006)"), and once decided, the decision
/// ("— decided: approved, better, $1.8M").
fn ask_lines(asks: &[crate::model::types::Ask], fmt: &crate::format::Format) -> Vec<String> {
    use crate::model::types::AskType;
    asks.iter()
        .map(|a| {
            let about = if a.about.is_empty() {
                String::new()
            } else {
                format!(" (about {})", a.about.join(", "))
            };
            let line = if a.kind == AskType::Discuss && about.is_empty() {
                a.text.clone()
            } else {
                format!("{}: {}{about}", a.kind.as_str(), a.text)
            };
            match &a.decision {
                None => line,
                Some(d) => {
                    let mut words = vec![d.outcome.as_str().to_string()];
                    words.extend(d.option.map(|o| o.as_str().to_string()));
                    words.extend(d.amount.map(|v| fmt.money(v)));
                    words.extend(d.note.clone());
                    format!("{line} — decided: {}", words.join(", "))
                }
            }
        })
        .collect()
}
