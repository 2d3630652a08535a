//! `chronic-slip`: a risk whose mitigation keeps arriving later. Its due date is moved before
//! each meeting, so `overdue` never fires; three moves or more and nobody asked the board is
//! the pattern a board member should be shown.

use super::check::pos;
use super::types::Site;
use crate::diag::Diagnostic;
use crate::load::Loaded;

/// Reported on the risk's `due`, in each quarter where the rule holds and no ask of the
/// quarter is `about` the risk (an ask puts the slip in front of the board, which is the fix).
pub(super) fn lint(site: &Site, loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    for q in &site.quarters {
        let folder = q.quarter.to_string();
        let Some(rq) = loaded.quarters.iter().find(|rq| rq.folder == folder) else {
            continue;
        };
        for (r, f) in q.risks.iter().zip(&q.facts.risks) {
            if !f.chronic_slip || q.asks.iter().any(|a| a.is_about(&r.id)) {
                continue;
            }
            let Some(doc) = rq.risks.iter().find(|d| d.value.id.value.trim() == r.id) else {
                continue;
            };
            let first = f
                .first_due
                .map_or(String::new(), |d| format!(", first due {d}"));
            let now = r.due.map_or(String::new(), |d| format!(", now {d}"));
            diags.push(
                Diagnostic::warning(
                    "chronic-slip",
                    &doc.file,
                    format!(
                        "the due date of {} moved later in {} quarters{first}{now}",
                        r.id, f.due_moves
                    ),
                )
                .at(doc.value.due.as_ref().and_then(pos))
                .hint(format!(
                    "bring the slip to the board: an ask with `about: [{}]` to agree the date or change the plan",
                    r.id
                )),
            );
        }
    }
}
