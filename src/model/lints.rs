//! Lints that look across files: how board one-pagers fail even when every file is valid.
//! (Lints that need only one file live beside its checks in `items` and `quarter`.)

use super::check::pos;
use super::types::*;
use crate::diag::{Diagnostic, Pos};
use crate::load::RawQuarter;

/// The one-pager shows a top-risk list; fewer than this makes it look unfinished.
pub(super) const MIN_OPEN_RISKS: usize = 3;

/// `raw` are all quarter folders found, including those that did not become a quarter.
pub(super) fn cross_quarter(quarters: &[Quarter], raw: &[RawQuarter], diags: &mut Vec<Diagnostic>) {
    // A folder that did not become a quarter (misnamed, or without a readable quarter.yaml)
    // is a hole in the sequence: "the previous quarter" is unknown until it is fixed, and
    // vanished-risk would blame the wrong one.
    let hole = raw.len() > quarters.len();
    for (i, q) in quarters.iter().enumerate() {
        // Whole-quarter lints point at `quarter:`, not at the first line (a comment).
        let at = quarter_field(raw, &q.file).or(Some(Pos::new(1, 1)));
        // Counting risks means little while some of them could not be read: held back.
        let folder = q.file.rsplit_once('/').map_or("", |(dir, _)| dir);
        let has_errors = diags.iter().any(|d| {
            d.is_error() && d.file.starts_with(folder) && d.file[folder.len()..].starts_with('/')
        });
        let open = q
            .risks
            .iter()
            .filter(|r| r.status != RiskStatus::Closed)
            .count();
        if q.complete && !has_errors && open < MIN_OPEN_RISKS {
            diags.push(
                Diagnostic::warning("few-risks", &q.file, format!("{} has {open} open risks; the one-pager needs at least {MIN_OPEN_RISKS} to show", q.quarter))
                    .at(at)
                    .hint("a board expects to see the top risks; check that none was closed by mistake"),
            );
        }
        let Some(prev) = i.checked_sub(1).map(|p| &quarters[p]) else {
            continue;
        };
        if !q.complete || has_errors || hole {
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

/// Where `quarter:` is written in the quarter.yaml that is `file`.
fn quarter_field(raw: &[RawQuarter], file: &str) -> Option<Pos> {
    let doc = raw
        .iter()
        .find_map(|r| r.quarter.as_ref().filter(|d| d.file == file))?;
    pos(&doc.value.quarter)
}
