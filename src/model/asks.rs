//! What the board is asked (`asks` in quarter.yaml): a sentence is a `discuss` ask about
//! nothing; a map has a `type`, a `text` and what it is `about`, each id an item of the quarter,
//! and once the board has answered, its `decision`.

use super::check::{pos, FileCheck};
use super::scalar::QuarterId;
use super::types::{Ask, AskType, Decision, Outcome, Tier};
use crate::load::raw::{self, S};
use crate::load::RawQuarter;
use std::collections::BTreeSet;

/// The asks as typed, and whether every one passed its checks (the escalation lints, which
/// ask whether a risk is named by an ask, wait until they have).
pub(super) struct Asks {
    pub asks: Vec<Ask>,
    pub complete: bool,
}

/// Every id an ask may be about: the quarter's risks, initiatives, incidents, investments and
/// actions, including those whose files could not be read (reported once, as their own error).
pub(super) fn item_ids(rq: &RawQuarter) -> BTreeSet<String> {
    let ids = |v: &mut BTreeSet<String>, id: &S<String>| {
        v.insert(id.value.trim().to_string());
    };
    let mut out = BTreeSet::new();
    rq.risks.iter().for_each(|d| ids(&mut out, &d.value.id));
    rq.initiatives
        .iter()
        .for_each(|d| ids(&mut out, &d.value.id));
    rq.incidents.iter().for_each(|d| ids(&mut out, &d.value.id));
    rq.investments
        .iter()
        .for_each(|d| ids(&mut out, &d.value.id));
    rq.actions.iter().for_each(|d| ids(&mut out, &d.value.id));
    rq.exceptions
        .iter()
        .for_each(|d| ids(&mut out, &d.value.id));
    out.extend(rq.broken_ids.iter().cloned());
    out
}

pub(super) fn asks(
    written: Option<&[S<raw::Ask>]>,
    known: &BTreeSet<String>,
    quarter: Option<QuarterId>,
    c: &mut FileCheck,
) -> Asks {
    let before = c.diags.len();
    let mut out = Vec::new();
    for a in written.unwrap_or_default() {
        match &a.value {
            raw::Ask::Text(text) => {
                if text.trim().is_empty() {
                    c.error("empty-value", pos(a), "`asks` has an empty ask")
                        .hint = Some("write the ask in one sentence, or remove the item".into());
                }
                out.push(Ask::discuss(text.trim_end()));
            }
            raw::Ask::Full(m) => {
                let kind = c.word("type", &m.kind, AskType::NAMES, AskType::parse);
                let text = c.text("text", &m.text);
                let about = about(m.about.as_deref(), known, quarter, c);
                let decision = m.decision.as_ref().and_then(|d| decision(d, &about, c));
                out.extend(kind.map(|kind| Ask {
                    kind,
                    text,
                    about,
                    decision,
                }));
            }
        }
    }
    let complete = c.diags[before..].iter().all(|d| !d.is_error());
    Asks {
        asks: out,
        complete,
    }
}

/// The board's answer: an outcome from the list, an option only when the ask is about an
/// investment, an amount written as a number.
fn decision(d: &S<raw::Decision>, about: &[String], c: &mut FileCheck) -> Option<Decision> {
    let d = &d.value;
    let outcome = c.word(
        "decision.outcome",
        &d.outcome,
        Outcome::NAMES,
        Outcome::parse,
    );
    let option = d.option.as_ref().and_then(|o| {
        let tier = c.word("decision.option", o, Tier::NAMES, Tier::parse)?;
        if about.iter().any(|id| id.starts_with("INV-")) {
            return Some(tier);
        }
        c.error(
            "option-without-investment",
            pos(o),
            format!("the decision chose option `{}`, but the ask is about no investment", tier.as_str()),
        )
        .hint = Some("name the investment in the ask's `about` (e.g. `about: [INV-006]`), or remove `option`".into());
        None
    });
    let amount = d.amount.as_ref().and_then(|a| amount(a, c));
    let note = c.opt_text(&d.note);
    Some(Decision {
        outcome: outcome?,
        option,
        amount,
        note,
    })
}

/// A decision's amount: a number of the site currency, not negative, written in full.
fn amount(a: &S<raw::Amount>, c: &mut FileCheck) -> Option<f64> {
    match &a.value {
        raw::Amount::Number(n) if n.is_finite() && *n >= 0.0 => Some(*n),
        raw::Amount::Number(n) => {
            c.error(
                "out-of-range",
                pos(a),
                format!("`decision.amount` is {n}; an amount must be a number of 0 or more"),
            );
            None
        }
        raw::Amount::Text(t) => {
            // `1,800,000` or `1 800 000`: the digits are the amount; `1.8M` says no number.
            let separated = t
                .trim()
                .chars()
                .all(|c| c.is_ascii_digit() || ",.' _".contains(c));
            let digits: String = t.chars().filter(char::is_ascii_digit).collect();
            let hint = if digits.is_empty() || !separated {
                "write the amount in the site currency as a number, e.g. `amount: 1800000`".into()
            } else {
                format!("write the amount in full, without separators or units: `amount: {digits}`")
            };
            c.error(
                "invalid-value",
                pos(a),
                format!("`decision.amount` is `{t}`, expected a number in the site currency"),
            )
            .hint = Some(hint);
            None
        }
    }
}

/// The ids named in an `about` list that exist in the quarter; each other one is an error.
pub(super) fn about(
    ids: Option<&[S<String>]>,
    known: &BTreeSet<String>,
    quarter: Option<QuarterId>,
    c: &mut FileCheck,
) -> Vec<String> {
    let mut out = Vec::new();
    for id in ids.unwrap_or_default() {
        let v = id.value.trim().to_string();
        if known.contains(&v) {
            if !out.contains(&v) {
                out.push(v);
            }
            continue;
        }
        let q = quarter.map_or_else(|| "this quarter".into(), |q| q.to_string());
        // Ids differ by a digit, so "did you mean" would guess wrong; list them instead.
        let listed: Vec<&str> = known.iter().map(String::as_str).take(16).collect();
        let hint = if listed.is_empty() {
            format!("{q} has no risks, initiatives, incidents, investments or actions to be about")
        } else {
            let more = if known.len() > listed.len() {
                ", …"
            } else {
                ""
            };
            format!("ids in {q}: {}{more}", listed.join(", "))
        };
        c.error(
            "unknown-id",
            pos(id),
            format!("`about` names {v}, which does not exist in {q}"),
        )
        .hint = Some(hint);
    }
    out
}

/// The `decide` and `approve` asks of `rq`'s quarter.yaml that have no decision, each an
/// `undecided-ask` error at the ask: `publish` refuses the quarter while there are any (the
/// record must say what the board decided). In the order written.
pub(crate) fn undecided(rq: &RawQuarter) -> Vec<crate::diag::Diagnostic> {
    let Some(doc) = &rq.quarter else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, a) in doc.value.asks.iter().flatten().enumerate() {
        let raw::Ask::Full(m) = &a.value else {
            continue;
        };
        let Some(kind) = AskType::parse(m.kind.value.trim()).filter(|k| k.is_decision()) else {
            continue;
        };
        if m.decision.is_some() {
            continue;
        }
        let option = if m
            .about
            .iter()
            .flatten()
            .any(|id| id.value.trim().starts_with("INV-"))
        {
            ", `option` and `amount`"
        } else {
            ""
        };
        out.push(
            crate::diag::Diagnostic::error(
                "undecided-ask",
                &doc.file,
                format!(
                    "ask {} (`{}`) has no decision: {}",
                    i + 1,
                    kind.as_str(),
                    m.text.value.trim()
                ),
            )
            .at(pos(a))
            .hint(format!(
                "add what the board decided under the ask: `decision: {{ outcome: … }}` (approved, rejected, deferred or noted){option}"
            )),
        );
    }
    out
}
