//! Lints that look across files: how board one-pagers fail even when every file is valid.
//! (Lints that need only one file live beside its checks in `items` and `quarter`.)

use super::types::*;
use crate::diag::{Diagnostic, Pos};

/// The one-pager shows a top-risk list; fewer than this makes it look unfinished.
pub const MIN_OPEN_RISKS: usize = 3;

pub fn cross_quarter(quarters: &[Quarter], diags: &mut Vec<Diagnostic>) {
    for (i, q) in quarters.iter().enumerate() {
        let at = Some(Pos::new(1, 1));
        let open = q
            .risks
            .iter()
            .filter(|r| r.status != RiskStatus::Closed)
            .count();
        if q.complete && open < MIN_OPEN_RISKS {
            diags.push(
                Diagnostic::warning("few-risks", &q.file, format!("{} has {open} open risks; the one-pager needs at least {MIN_OPEN_RISKS} to show", q.quarter))
                    .at(at)
                    .hint("a board expects to see the top risks; check that none was closed by mistake"),
            );
        }
        let Some(prev) = i.checked_sub(1).map(|p| &quarters[p]) else {
            continue;
        };
        if !q.complete {
            continue;
        }
        for r in prev.risks.iter().filter(|r| r.status != RiskStatus::Closed) {
            if !q.risks.iter().any(|x| x.id == r.id) {
                diags.push(
                    Diagnostic::warning(
                        "vanished-risk",
                        &q.file,
                        format!("{} ({}) was `{}` in {} and is missing from {} without having been closed", r.id, r.title, r.status.as_str(), prev.quarter, q.quarter),
                    )
                    .at(at)
                    .hint(format!("carry risks/{}.yaml forward, or set `status: closed` in {} first", r.id, prev.quarter)),
                );
            }
        }
    }
}
