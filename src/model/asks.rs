//! What the board is asked (`asks` in quarter.yaml): a sentence is a `discuss` ask about
//! nothing; a map has a `type`, a `text` and what it is `about`, each id an item of the quarter.

use super::check::{pos, FileCheck};
use super::scalar::QuarterId;
use super::types::{Ask, AskType};
use crate::load::raw::{self, S};
use crate::load::RawQuarter;
use std::collections::BTreeSet;

/// The asks as typed, and whether every one passed its checks (the escalation lints, which
/// ask whether a risk is named by an ask, wait until they have).
pub struct Asks {
    pub asks: Vec<Ask>,
    pub complete: bool,
}

/// Every id an ask may be about: the quarter's risks, initiatives, incidents and investments,
/// including those whose files could not be read (reported once, as their own error).
pub fn item_ids(rq: &RawQuarter) -> BTreeSet<String> {
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
    out.extend(rq.broken_ids.iter().cloned());
    out
}

pub fn asks(
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
                out.extend(kind.map(|kind| Ask { kind, text, about }));
            }
        }
    }
    let complete = c.diags[before..].iter().all(|d| !d.is_error());
    Asks {
        asks: out,
        complete,
    }
}

fn about(
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
            format!("{q} has no risks, initiatives, incidents or investments to be about")
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
