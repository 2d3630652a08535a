//! The one-line summary that heads every format:
//! "3 risks moved, 1 new, 1 closed; 2 metrics changed direction".

use super::types::{Change, QuarterDiff, RiskState};
use crate::diag::plural;
use crate::model::change::later;
use crate::model::facts::Movement;

/// One clause: the first non-zero count carries the noun ("3 risks moved"), later ones are
/// short ("1 new"). Zero counts are left out.
#[derive(Default)]
struct Clause(Vec<(String, String)>);

impl Clause {
    /// "3 risks moved" / "3 moved".
    fn did(mut self, n: usize, noun: &str, verb: &str) -> Self {
        if n > 0 {
            self.0
                .push((format!("{} {verb}", plural(n, noun)), format!("{n} {verb}")));
        }
        self
    }

    /// "1 new risk" / "1 new".
    fn new_ones(mut self, n: usize, noun: &str) -> Self {
        if n > 0 {
            let words = plural(n, noun).replacen(' ', " new ", 1);
            self.0.push((words, format!("{n} new")));
        }
        self
    }

    /// A clause that is only words, e.g. "headline and summary edited".
    fn words(mut self, on: bool, words: String) -> Self {
        if on {
            self.0.push((words.clone(), words));
        }
        self
    }

    fn text(&self) -> Option<String> {
        let (head, _) = self.0.first()?;
        let tail = self.0[1..].iter().map(|(_, later)| later.as_str());
        Some(
            std::iter::once(head.as_str())
                .chain(tail)
                .collect::<Vec<_>>()
                .join(", "),
        )
    }
}

/// The one-line summary of a diff; "no changes to what the board pack shows" when there is
/// nothing to say (a quarter's files may still differ, e.g. in a risk's wording).
/// `decisions`: asks whose decision was recorded, and changed or removed (see `diff::decisions`).
pub(super) fn summary(d: &QuarterDiff, decisions: (usize, usize)) -> String {
    let clauses = risk_clauses(d)
        .into_iter()
        .chain(metric_clauses(d))
        .chain(item_clauses(d))
        .chain(quarter_clauses(d, decisions));
    let text: Vec<String> = clauses.filter_map(|c| c.text()).collect();
    if text.is_empty() {
        "no changes to what the board pack shows".into()
    } else {
        text.join("; ")
    }
}

/// What became of the risks: moved, new, gone, edited; their due dates; their exceptions; the
/// top risks.
fn risk_clauses(d: &QuarterDiff) -> [Clause; 4] {
    let risks = |c: Change| d.risks.iter().filter(|r| r.change == c).count();
    let moved = d
        .risks
        .iter()
        .filter(|r| matches!(r.movement, Some(Movement::Up | Movement::Down)))
        .count();
    // Every attribute of a risk the diff lists is counted, so the line never says "no changes"
    // above a list of changes (an owner is on the one-pager for each top risk).
    let changed = |what: fn(&RiskState, &RiskState) -> bool| {
        d.risks
            .iter()
            .filter(|r| r.change == Change::Changed)
            .filter_map(|r| r.from.as_ref().zip(r.to.as_ref()))
            .filter(|(a, b)| what(a, b))
            .count()
    };
    let rerated =
        changed(|a, b| a.score == b.score && (a.impact, a.likelihood) != (b.impact, b.likelihood));
    let reworded = changed(|a, b| a.statement != b.statement || a.mitigation != b.mitigation);
    let slipped = d.risks.iter().filter(|r| r.slipped()).count();
    let due = changed(|a, b| a.due != b.due && !later(a.due, b.due));
    let extended = d.risks.iter().filter(|r| r.extended()).count();
    let exception = changed(|a, b| {
        a.exception_expires != b.exception_expires
            && !later(a.exception_expires, b.exception_expires)
    });
    [
        Clause::default()
            .did(moved, "risk", "moved")
            .new_ones(risks(Change::New), "risk")
            .did(risks(Change::Closed), "risk", "closed")
            .did(risks(Change::Vanished), "risk", "vanished")
            .did(risks(Change::Removed), "risk", "removed")
            .did(
                changed(|a, b| a.status != b.status),
                "risk",
                "changed status",
            )
            .did(changed(|a, b| a.owner != b.owner), "risk", "changed owner")
            .did(changed(|a, b| a.title != b.title), "risk", "renamed")
            .did(rerated, "risk", "re-rated at the same score")
            .did(reworded, "risk", "reworded"),
        Clause::default()
            .did(slipped, "due date", "moved later")
            .did(due, "due date", "changed"),
        Clause::default()
            .did(extended, "exception", "extended")
            .did(exception, "exception", "granted, ended or shortened"),
        Clause::default().words(d.top_risks.changed(), "top risks changed".into()),
    ]
}

/// The metrics that changed, turned, or now meet or miss their target.
fn metric_clauses(d: &QuarterDiff) -> [Clause; 2] {
    let flips = |met| {
        d.metrics
            .iter()
            .filter(|m| m.target_flip() == Some(met))
            .count()
    };
    let direction = d.metrics.iter().filter(|m| m.direction_changed()).count();
    [
        Clause::default()
            .did(d.metrics.len(), "metric", "changed")
            .did(direction, "metric", "changed direction"),
        Clause::default().did(flips(true), "target", "now met").did(
            flips(false),
            "target",
            "now missed",
        ),
    ]
}

/// The initiatives, incidents and investment asks added, changed or removed.
fn item_clauses(d: &QuarterDiff) -> [Clause; 3] {
    let ini = |c| d.initiatives.iter().filter(|i| i.change == c).count();
    let inc = |c| d.incidents.iter().filter(|i| i.change == c).count();
    let inv = |c| d.investments.iter().filter(|i| i.change == c).count();
    [
        Clause::default()
            .did(ini(Change::Changed), "initiative", "changed")
            .new_ones(ini(Change::New), "initiative")
            .did(ini(Change::Removed), "initiative", "removed"),
        Clause::default()
            .new_ones(inc(Change::New), "incident")
            .did(inc(Change::Removed), "incident", "removed"),
        Clause::default()
            .new_ones(inv(Change::New), "investment ask")
            .did(inv(Change::Changed), "investment ask", "changed")
            .did(inv(Change::Removed), "investment ask", "removed"),
    ]
}

/// What the quarter itself says: the board's decisions, its texts, and its status.
fn quarter_clauses(d: &QuarterDiff, (recorded, changed_decisions): (usize, usize)) -> [Clause; 3] {
    let narrative: Vec<&str> = [
        ("headline", d.narrative.headline.is_some()),
        ("summary", d.narrative.summary.is_some()),
        ("asks", d.narrative.asks.is_some()),
    ]
    .into_iter()
    .filter_map(|(w, on)| on.then_some(w))
    .collect();
    let status_line = format!(
        "status {} → {}",
        d.from_status.as_str(),
        d.to_status.as_str()
    );
    [
        Clause::default().did(recorded, "decision", "recorded").did(
            changed_decisions,
            "decision",
            "changed",
        ),
        Clause::default().words(
            !narrative.is_empty(),
            format!("{} edited", join_words(&narrative)),
        ),
        // Across quarters, statuses differing is not a change; the renderers note drafts.
        Clause::default().words(d.from == d.to && d.from_status != d.to_status, status_line),
    ]
}

/// `headline`, `headline and summary`, `headline, summary and asks`.
fn join_words(w: &[&str]) -> String {
    match w {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
