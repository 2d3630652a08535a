//! The wording of each change, shared by the text and Markdown formats: one `Row` per item
//! (a label, the item, its headline figure, the details), in plain, unescaped words.

use crate::diff::narrative::TextDiff;
use crate::diff::types::*;
use crate::format::Format;
use crate::model::facts::{Direction, Movement};
use crate::model::scalar::Date;
use crate::model::types::{InitiativeStatus, Tier};

/// A row about one item: a short label, the item, and what changed.
pub(crate) struct Row<'a> {
    pub label: &'static str,
    /// `R-008`; empty for metrics, which are known by name.
    pub id: String,
    /// `Releases break the dispatch platform`
    pub name: String,
    /// The score, value or other headline figure, e.g. `8 → 12`; may be empty.
    pub figure: String,
    pub details: Vec<String>,
    /// Texts reworded, word by word (a risk's statement and mitigation), shown under the row.
    pub edits: Vec<(&'static str, &'a TextDiff)>,
}

/// `8 → 12`, or `12` when equal.
fn pair<T: PartialEq + std::fmt::Display>(a: T, b: T) -> String {
    if a == b {
        b.to_string()
    } else {
        format!("{a} → {b}")
    }
}

fn words(s: &str) -> String {
    s.replace('_', " ")
}

pub(crate) fn risk<'a>(r: &'a RiskChange, d: &QuarterDiff) -> Row<'a> {
    let (label, figure, details) = match (&r.from, &r.to) {
        (None, Some(t)) => (
            "new",
            t.score.to_string(),
            vec![
                format!("impact {}, likelihood {}", t.impact, t.likelihood),
                t.status.as_str().into(),
                format!("owner {}", t.owner),
            ],
        ),
        (Some(f), None) if r.change == Change::Vanished => (
            "vanished",
            format!("was {}", f.score),
            vec![format!(
                "was {} in {}, missing from {} without being closed",
                f.status.as_str(),
                d.from,
                d.to
            )],
        ),
        (Some(f), None) => match r.closed_in {
            Some(q) => (
                "closed",
                format!("was {}", f.score),
                [format!("closed in {q}")]
                    .into_iter()
                    .chain(last_mitigation(r))
                    .collect(),
            ),
            None => ("removed", format!("was {}", f.score), vec![]),
        },
        (Some(f), Some(t)) => in_both(r, f, t),
        (None, None) => ("changed", String::new(), vec![]),
    };
    Row {
        label,
        id: r.id.clone(),
        name: r.title.clone(),
        figure,
        details,
        edits: [("statement", &r.statement), ("mitigation", &r.mitigation)]
            .into_iter()
            .filter_map(|(name, t)| Some((name, t.as_ref()?)))
            .collect(),
    }
}

/// A risk in both quarters: its label (closed, up, down or changed), its score, and each
/// attribute that changed.
fn in_both(r: &RiskChange, f: &RiskState, t: &RiskState) -> (&'static str, String, Vec<String>) {
    let mut details = Vec::new();
    if (f.impact, f.likelihood) != (t.impact, t.likelihood) {
        details.push(format!(
            "impact {}, likelihood {}",
            pair(f.impact, t.impact),
            pair(f.likelihood, t.likelihood)
        ));
    }
    if r.change == Change::Closed {
        details.push(format!("was {}", f.status.as_str()));
        details.extend(last_mitigation(r));
    } else if f.status != t.status {
        details.push(format!(
            "status {} → {}",
            f.status.as_str(),
            t.status.as_str()
        ));
    }
    if f.owner != t.owner {
        details.push(format!("owner {} → {}", f.owner, t.owner));
    }
    if f.title != t.title {
        details.push(format!("renamed from “{}”", f.title));
    }
    // Closing a risk ends its due date and exception; that is what "closed" says.
    if r.change != Change::Closed {
        details.extend(register(f, t));
    }
    let label = match (r.change, r.movement) {
        (Change::Closed, _) => "closed",
        (_, Some(Movement::Up)) => "↑ up",
        (_, Some(Movement::Down)) => "↓ down",
        _ => "changed",
    };
    (label, pair(f.score, t.score), details)
}

/// `last mitigation: “…”`: why a closed risk could close.
fn last_mitigation(r: &RiskChange) -> Option<String> {
    let m = r.closed_with.as_deref()?.trim();
    (!m.is_empty()).then(|| format!("last mitigation: “{m}”"))
}

/// What changed in the register's columns: the due date (a later one is a slip the board
/// watches), the exception's expiry, and the wording.
fn register(f: &RiskState, t: &RiskState) -> Vec<String> {
    let mut details = Vec::new();
    let later = |a: Date, b: Date| if b > a { "later" } else { "earlier" };
    match (f.due, t.due) {
        (Some(a), Some(b)) if a != b => {
            details.push(format!("due date {}: {a} → {b}", later(a, b)))
        }
        (None, Some(b)) => details.push(format!("due date set: {b}")),
        (Some(a), None) => details.push(format!("due date removed, was {a}")),
        _ => {}
    }
    match (f.exception_expires, t.exception_expires) {
        (Some(a), Some(b)) if a != b => {
            let how = if b > a { "extended" } else { "shortened" };
            details.push(format!("exception {how}: expires {a} → {b}"));
        }
        (None, Some(b)) => details.push(format!("exception granted, expires {b}")),
        (Some(a), None) => details.push(format!("exception ended, was to expire {a}")),
        _ => {}
    }
    match (f.statement != t.statement, f.mitigation != t.mitigation) {
        (true, true) => details.push("statement and mitigation reworded".into()),
        (true, false) => details.push("statement reworded".into()),
        (false, true) => details.push("mitigation reworded".into()),
        (false, false) => {}
    }
    details
}

/// `improving ↗`, `worsening ↘`, `flat →`, `no trend`.
pub(crate) fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Improving => "improving ↗",
        Direction::Worsening => "worsening ↘",
        Direction::Flat => "flat →",
        Direction::None => "no trend",
    }
}

pub(crate) fn metric(m: &MetricChange, fmt: &Format) -> Row<'static> {
    let reading = |v: f64| fmt.reading(v, &m.unit);
    let side = |s: Option<MetricState>| s.map_or("no reading".into(), |s| reading(s.value));
    let mut details = Vec::new();
    if let Some(t) = m.to {
        let mut dir = direction(t.direction).to_string();
        if let Some(f) = m.from.filter(|_| m.direction_changed()) {
            dir = format!("{dir}, was {}", direction(f.direction));
        }
        details.push(dir);
    }
    if let (Some(target), Some(met)) = (m.target, m.to.and_then(|t| t.target_met)) {
        let word = |met: bool| if met { "met ✓" } else { "missed ✗" };
        let mut text = format!("target {}: {}", reading(target), word(met));
        if m.target_flip().is_some() {
            text = format!(
                "target {}: now {}, was {}",
                reading(target),
                word(met),
                word(!met)
            );
        }
        details.push(text);
    }
    let figure = match (m.from, m.to) {
        (Some(a), Some(b)) if a.value == b.value => side(Some(b)),
        _ => format!("{} → {}", side(m.from), side(m.to)),
    };
    Row {
        label: "",
        id: String::new(),
        name: m.name.clone(),
        figure,
        details,
        edits: Vec::new(),
    }
}

fn status(s: InitiativeStatus) -> String {
    words(s.as_str())
}

pub(crate) fn initiative(i: &InitiativeChange) -> Row<'static> {
    let (label, figure, details) = match (i.from, i.to) {
        (None, Some(t)) => ("new", format!("{}%", t.progress), vec![status(t.status)]),
        (Some(f), None) => (
            "removed",
            format!("was {}%", f.progress),
            vec![match i.done_in {
                Some(q) => format!("done in {q}"),
                None => format!("was {}", status(f.status)),
            }],
        ),
        (Some(f), Some(t)) => {
            let mut details = Vec::new();
            if f.status != t.status {
                details.push(format!(
                    "status {} → {}",
                    status(f.status),
                    status(t.status)
                ));
            }
            let progress = pair(format!("{}%", f.progress), format!("{}%", t.progress));
            ("changed", progress, details)
        }
        (None, None) => ("changed", String::new(), vec![]),
    };
    Row {
        label,
        id: i.id.clone(),
        name: i.title.clone(),
        figure,
        details,
        edits: Vec::new(),
    }
}

pub(crate) fn incident(i: &IncidentChange) -> Row<'static> {
    Row {
        label: if i.change == Change::New {
            "new"
        } else {
            "removed"
        },
        id: i.id.clone(),
        name: i.title.clone(),
        figure: i.severity.as_str().into(),
        details: vec![format!("occurred {}", i.occurred)],
        edits: Vec::new(),
    }
}

pub(crate) fn investment(i: &InvestmentChange, fmt: &Format) -> Row<'static> {
    let rec = |s: &InvestmentState| {
        format!(
            "{} ({})",
            s.recommended.as_str(),
            fmt.money(s.cost.get(s.recommended))
        )
    };
    let (label, figure, details) = match (&i.from, &i.to) {
        (None, Some(t)) => ("new", rec(t), vec![options(t, fmt)]),
        (Some(f), None) => ("removed", format!("was {}", rec(f)), vec![]),
        (Some(f), Some(t)) => {
            let mut details = Vec::new();
            if f.recommended != t.recommended {
                details.push(format!(
                    "re-recommended {} → {}",
                    f.recommended.as_str(),
                    t.recommended.as_str()
                ));
            }
            for tier in [Tier::Good, Tier::Better, Tier::Best] {
                let (a, b) = (f.cost.get(tier), t.cost.get(tier));
                if a != b {
                    details.push(format!(
                        "{} option {} → {}",
                        tier.as_str(),
                        fmt.money(a),
                        fmt.money(b)
                    ));
                }
            }
            let label = if f.recommended != t.recommended {
                "re-recommended"
            } else {
                "changed"
            };
            (label, rec(t), details)
        }
        (None, None) => ("changed", String::new(), vec![]),
    };
    Row {
        label,
        id: i.id.clone(),
        name: i.title.clone(),
        figure,
        details,
        edits: Vec::new(),
    }
}

/// `options good $180k, better $420k, best $750k`
fn options(s: &InvestmentState, fmt: &Format) -> String {
    let each: Vec<String> = [Tier::Good, Tier::Better, Tier::Best]
        .iter()
        .map(|t| format!("{} {}", t.as_str(), fmt.money(s.cost.get(*t))))
        .collect();
    format!("options {}", each.join(", "))
}

/// (id, what happened): `R-018`, `Sign-in outage entered the top 5 at #2`; then those that
/// left: `R-006`, `Title left the top 5 (was #4; outranked)`.
pub(crate) fn top_entries(t: &TopRisks) -> Vec<(String, String)> {
    let n = t.size;
    let entered = t.entered.iter().map(|e| {
        let text = format!("{} entered the top {n} at #{}", e.title, e.rank);
        (e.id.clone(), text)
    });
    let left = t.left.iter().map(|e| {
        let why = e.reason.map(|r| format!("; {r}")).unwrap_or_default();
        let text = format!("{} left the top {n} (was #{}{why})", e.title, e.rank);
        (e.id.clone(), text)
    });
    entered.chain(left).collect()
}
