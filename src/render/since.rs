//! The words of the board's decisions and of "since the last meeting", written once from the
//! model's facts (`model::since`) for the one-pager, the print model and the board pack alike.

use crate::format::Format;
use crate::model::since::SinceLast;
use crate::model::types::{Ask, Decision};
use serde::Serialize;

/// How many of the previous meeting's decisions the line names; the rest are counted.
const NAMED_DECISIONS: usize = 3;

/// "Approved: Better, $1.8M", "Deferred", "Noted".
pub(crate) fn decision_text(d: &Decision, fmt: &Format) -> String {
    let mut detail = Vec::new();
    if let Some(o) = d.option {
        detail.push(fmt.word(o.as_str()));
    }
    if let Some(a) = d.amount {
        detail.push(fmt.money(a));
    }
    let outcome = fmt.word(d.outcome.as_str());
    if detail.is_empty() {
        outcome
    } else {
        format!("{outcome}: {}", detail.join(", "))
    }
}

/// "Since the last meeting", sentence by sentence (each may be empty but the lead).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SinceText {
    pub lead: String,
    pub decisions: String,
    pub actions: String,
    pub risks: String,
}

impl SinceText {
    /// The whole block as one paragraph, as it prints.
    pub(crate) fn plain(&self) -> String {
        [&self.lead, &self.decisions, &self.actions, &self.risks]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub(crate) fn since_text(s: &SinceLast, fmt: &Format) -> SinceText {
    SinceText {
        lead: fmt.tf("since_lead", &[("quarter", &fmt.quarter(s.previous))]),
        decisions: decisions(s, fmt),
        actions: actions(s, fmt),
        risks: risks(s, fmt),
    }
}

/// What an ask is called in a line about it: what it is about, else its first words.
fn subject(a: &Ask) -> String {
    if !a.about.is_empty() {
        return a.about.join(", ");
    }
    let words: Vec<&str> = a.text.split_whitespace().collect();
    if words.len() <= 6 {
        words.join(" ")
    } else {
        format!("{} …", words[..6].join(" "))
    }
}

fn decisions(s: &SinceLast, fmt: &Format) -> String {
    let mut each: Vec<String> = s
        .decisions
        .iter()
        .take(NAMED_DECISIONS)
        .filter_map(|a| {
            Some(format!(
                "{} — {}",
                subject(a),
                decision_text(a.decision.as_ref()?, fmt)
            ))
        })
        .collect();
    let more = s.decisions.len().saturating_sub(NAMED_DECISIONS);
    if more > 0 {
        each.push(fmt.count_label("since_more", more as f64, &[]));
    }
    if s.undecided > 0 {
        each.push(fmt.count_label("since_undecided", s.undecided as f64, &[]));
    }
    let list = if each.is_empty() {
        fmt.t("since_no_decisions").to_string()
    } else {
        format!("{}.", each.join("; "))
    };
    format!("{} {list}", fmt.t("since_decisions"))
}

/// "Action log: 1 done, 3 open, 1 overdue ." Nothing on a site without an action log.
fn actions(s: &SinceLast, fmt: &Format) -> String {
    let a = &s.actions;
    if a.done + a.dropped + a.open == 0 {
        return String::new();
    }
    let mut each = vec![
        fmt.count_label("since_done", (a.done + a.dropped) as f64, &[]),
        fmt.count_label("since_open", a.open as f64, &[]),
    ];
    if !a.overdue.is_empty() {
        let n = fmt.count_label("since_overdue", a.overdue.len() as f64, &[]);
        each.push(format!("{n} ({})", a.overdue.join(", ")));
    }
    format!("{} {}.", fmt.t("since_actions"), each.join(", "))
}

/// "Risks: 1 new, 1 closed, 2 up, 1 down; 3 due dates moved later; 1 exception extended."
fn risks(s: &SinceLast, fmt: &Format) -> String {
    let r = &s.risks;
    let n = |key: &str, n: usize| (n > 0).then(|| fmt.count_label(key, n as f64, &[]));
    let moved: Vec<String> = [
        n("since_new", r.new),
        n("since_closed", r.closed),
        n("since_up", r.up),
        n("since_down", r.down),
    ]
    .into_iter()
    .flatten()
    .collect();
    let clauses: Vec<String> = [
        (!moved.is_empty()).then(|| moved.join(", ")),
        n("since_due_later", r.due_later),
        n("since_extended", r.extended),
    ]
    .into_iter()
    .flatten()
    .collect();
    let list = if clauses.is_empty() {
        fmt.t("since_nothing_moved").to_string()
    } else {
        format!("{}.", clauses.join("; "))
    };
    format!("{} {list}", fmt.t("since_risks"))
}
