//! What an exception's standing needs the quarters around it for: when its term began (a
//! `signed` left out means the board meeting of the first quarter in an unbroken run that
//! carries it) and when the board meets next (the next quarter folder's meeting, else three
//! months on). Decided here once for both kinds, stored on the quarter's facts, and linted:
//! `exception-too-long` and `expires-before-next-meeting`.

use super::{Playbook, Rule};
use crate::diag::Diagnostic;
use crate::model::scalar::{Date, QuarterId};
use crate::model::types::{Exception, Quarter, Site};
use crate::vocab::Band;
use chrono::Months;
use serde::Serialize;

/// An exception's standing at the quarter's board meeting.
#[derive(Debug, Clone, Serialize)]
pub struct ExceptionFacts {
    /// The risk's id for a risk acceptance, the policy exception's otherwise.
    pub id: String,
    /// `risk` or `policy`.
    pub kind: &'static str,
    /// The risk's band; a policy exception's highest among its risks (none without risks).
    pub band: Option<Band>,
    /// The acceptance rule of that band, when the site has one.
    pub rule: Option<Rule>,
    /// When the term began: `signed` as written, else the board meeting of the first quarter
    /// in the run of quarters that carries it.
    pub signed: Date,
    pub signed_written: bool,
    /// Whole months from `signed` to `expires`, a part month counted as one.
    pub term_months: u32,
    /// The latest `expires` the rule allows.
    pub latest_expiry: Option<Date>,
    pub too_long: bool,
    /// Expired before this quarter's board meeting.
    pub expired: bool,
    /// Not expired, and expiring on or before the next meeting.
    pub expiring: bool,
    /// Its review date is before this meeting and no review on or after it is recorded.
    pub review_overdue: bool,
}

/// The meeting against which exceptions and due dates are judged: the next quarter folder's
/// board meeting, else three months after this one.
pub(crate) fn next_meeting(q: &Quarter, next: Option<&Quarter>) -> (Date, Option<QuarterId>) {
    match next {
        Some(n) => (n.board_meeting, Some(n.quarter)),
        None => (
            Date(
                q.board_meeting
                    .0
                    .checked_add_months(Months::new(3))
                    .unwrap_or(q.board_meeting.0),
            ),
            None,
        ),
    }
}

/// Computes every quarter's exception facts and reports the lints that need them.
pub(crate) fn attach(site: &mut Site, diags: &mut Vec<Diagnostic>) {
    let all: Vec<Vec<ExceptionFacts>> = (0..site.quarters.len())
        .map(|i| quarter(&site.quarters, i, &site.playbook, diags))
        .collect();
    for (q, facts) in site.quarters.iter_mut().zip(all) {
        q.facts.exceptions = facts;
    }
}

fn quarter(
    quarters: &[Quarter],
    i: usize,
    playbook: &Playbook,
    diags: &mut Vec<Diagnostic>,
) -> Vec<ExceptionFacts> {
    let q = &quarters[i];
    let (next, next_q) = next_meeting(q, quarters.get(i + 1));
    let mut out = Vec::new();
    for (k, r) in q.risks.iter().enumerate() {
        let Some(e) = &r.exception else { continue };
        let band = q.facts.risks.get(k).map(|f| f.band);
        let first = run_start(quarters, i, |p| {
            p.risks
                .iter()
                .any(|x| x.id == r.id && x.exception.is_some())
        });
        out.push(standing(
            q,
            &r.id,
            "risk",
            e,
            band,
            first,
            playbook,
            (next, next_q),
            diags,
        ));
    }
    for p in &q.exceptions {
        let band = policy_band(q, &p.risks);
        let first = run_start(quarters, i, |x| x.exceptions.iter().any(|y| y.id == p.id));
        out.push(standing(
            q,
            &p.id,
            "policy",
            &p.terms,
            band,
            first,
            playbook,
            (next, next_q),
            diags,
        ));
    }
    out
}

/// The highest band among a policy exception's risks, from the quarter's risk facts.
fn policy_band(q: &Quarter, risks: &[String]) -> Option<Band> {
    risks
        .iter()
        .filter_map(|id| {
            let k = q.risks.iter().position(|r| &r.id == id)?;
            q.facts.risks.get(k).map(|f| f.band)
        })
        .max()
}

/// The board meeting of the first quarter of the unbroken run, ending at `i`, whose quarters
/// carry the exception.
fn run_start(quarters: &[Quarter], i: usize, carries: impl Fn(&Quarter) -> bool) -> Date {
    let mut first = i;
    while first > 0 && carries(&quarters[first - 1]) {
        first -= 1;
    }
    quarters[first].board_meeting
}

#[allow(clippy::too_many_arguments)]
fn standing(
    q: &Quarter,
    id: &str,
    kind: &'static str,
    e: &Exception,
    band: Option<Band>,
    first_meeting: Date,
    playbook: &Playbook,
    (next, next_q): (Date, Option<QuarterId>),
    diags: &mut Vec<Diagnostic>,
) -> ExceptionFacts {
    let signed = e.signed.unwrap_or(first_meeting);
    let rule = band.and_then(|b| playbook.rule(b));
    let latest_expiry = rule.and_then(|r| {
        signed
            .0
            .checked_add_months(Months::new(r.max_months))
            .map(Date)
    });
    let expired = e.expires < q.board_meeting;
    let facts = ExceptionFacts {
        id: id.to_string(),
        kind,
        band,
        rule,
        signed,
        signed_written: e.signed.is_some(),
        term_months: months_between(signed, e.expires),
        latest_expiry,
        too_long: latest_expiry.is_some_and(|l| e.expires > l),
        expired,
        expiring: !expired && e.expires <= next,
        review_overdue: !expired
            && e.review < q.board_meeting
            && e.reviewed.as_ref().is_none_or(|r| r.on < e.review),
    };
    lint(q, e, &facts, (next, next_q), diags);
    facts
}

/// Whole months from `from` to `to`, a part month counted as one.
fn months_between(from: Date, to: Date) -> u32 {
    (0..=1200u32)
        .find(|m| {
            from.0
                .checked_add_months(Months::new(*m))
                .is_none_or(|d| d >= to.0)
        })
        .unwrap_or(1200)
}

fn lint(
    q: &Quarter,
    e: &Exception,
    f: &ExceptionFacts,
    (next, next_q): (Date, Option<QuarterId>),
    diags: &mut Vec<Diagnostic>,
) {
    let id = &f.id;
    let name = if f.kind == "risk" {
        format!("the exception of {id}")
    } else {
        id.clone()
    };
    let asked = |decision: bool| {
        q.asks.iter().any(|a| {
            if decision {
                super::asks_board_to_approve(a, id)
            } else {
                a.is_about(id)
            }
        })
    };
    if let (true, Some(rule), Some(latest), Some(band)) =
        (f.too_long, f.rule, f.latest_expiry, f.band)
    {
        if !asked(true) {
            let since = if f.signed_written {
                "signed"
            } else {
                "first presented"
            };
            diags.push(
                Diagnostic::warning(
                    "exception-too-long",
                    &e.at.file,
                    format!(
                        "{name} runs {} months, from {} ({since}) to {}; the {} band allows at most {}",
                        f.term_months, f.signed, e.expires, band.as_str(), rule.max_months
                    ),
                )
                .at(e.at.expires)
                .hint(if f.signed_written {
                    format!("shorten `expires` to {latest} or record the board's decision: an ask with `type: approve` and `about: [{id}]`")
                } else {
                    format!("a renewal is signed afresh: write `signed: YYYY-MM-DD` (when both signed this term); else shorten `expires` to {latest} or record the board's decision: an ask with `type: approve` and `about: [{id}]`")
                }),
            );
        }
    }
    if f.expiring && !asked(false) {
        let when = match next_q {
            Some(nq) => format!("the next board meeting on {next} ({nq})"),
            None => format!("the next board meeting (expected by {next})"),
        };
        diags.push(
            Diagnostic::warning(
                "expires-before-next-meeting",
                &e.at.file,
                format!("{name} expires on {}, by {when}, and no ask is about it", e.expires),
            )
            .at(e.at.expires)
            .hint(format!("renew it now (a new `expires`, `signed` and both signatures) or add an ask with `about: [{id}]` so the board hears that it lapses")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn a_term_counts_a_part_month_as_one() {
        assert_eq!(months_between(d("2026-10-14"), d("2027-01-14")), 3);
        assert_eq!(months_between(d("2026-10-14"), d("2027-01-15")), 4);
        assert_eq!(months_between(d("2026-10-14"), d("2026-10-14")), 0);
        assert_eq!(months_between(d("2026-11-30"), d("2027-02-28")), 3);
    }
}
