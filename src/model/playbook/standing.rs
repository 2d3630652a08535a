//! What an exception's standing needs the quarters around it for: the unbroken run of quarters
//! that carry it (its first quarter, length and renewals, which the pack shows), when its term
//! began (a `signed` left out means the board meeting of that run's first quarter) and when the
//! board meets next (the next quarter folder's meeting, else three months on). Decided here once
//! for both kinds, stored on the quarter's facts, and linted: `exception-too-long` and
//! `expires-before-next-meeting`.

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
    /// The unbroken run of quarters that carry it, for the pack's rows (`data.json`'s
    /// `exception_standing` leaves it out).
    #[serde(skip)]
    pub run: Run,
}

/// The unbroken run of quarters, back from this one, in which an exception is carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Run {
    /// Its first quarter.
    pub since: QuarterId,
    /// How many quarters it has lasted, this one included.
    pub quarters: usize,
    /// How many times the expiry date changed during it: each is a renewal.
    pub renewals: usize,
}

/// An exception as a quarter holds it, with what the quarters before tell of it.
struct Held<'q> {
    /// The risk's id for a risk acceptance, the policy exception's otherwise.
    id: &'q str,
    kind: &'static str,
    terms: &'q Exception,
    band: Option<Band>,
    run: Run,
    /// The board meeting of the run's first quarter: the term's start when `signed` is left out.
    first_meeting: Date,
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
    let next = next_meeting(q, quarters.get(i + 1));
    let risks = q.risks.iter().enumerate().filter_map(|(k, r)| {
        let terms = r.exception.as_ref()?;
        let (run, first_meeting) = run_of(quarters, i, terms, |p| {
            p.risks
                .iter()
                .find(|x| x.id == r.id)
                .and_then(|x| x.exception.as_ref())
        });
        Some(Held {
            id: &r.id,
            kind: "risk",
            terms,
            band: q.facts.risks.get(k).map(|f| f.band),
            run,
            first_meeting,
        })
    });
    let policies = q.exceptions.iter().map(|p| {
        let (run, first_meeting) = run_of(quarters, i, &p.terms, |x| {
            x.exceptions.iter().find(|y| y.id == p.id).map(|y| &y.terms)
        });
        Held {
            id: &p.id,
            kind: "policy",
            terms: &p.terms,
            band: policy_band(q, &p.risks),
            run,
            first_meeting,
        }
    });
    risks
        .chain(policies)
        .map(|held| standing(q, held, playbook, next, diags))
        .collect()
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

/// The unbroken run of quarters, ending at `i` whose exception is `terms`, that carry the
/// exception (`carried` finds it in a quarter), and the board meeting of its first quarter.
fn run_of<'q>(
    quarters: &'q [Quarter],
    i: usize,
    terms: &'q Exception,
    carried: impl Fn(&'q Quarter) -> Option<&'q Exception>,
) -> (Run, Date) {
    let earlier = quarters[..i]
        .iter()
        .rev()
        .map_while(|p| Some((p, carried(p)?)));
    let held: Vec<(&Quarter, &Exception)> = std::iter::once((&quarters[i], terms))
        .chain(earlier)
        .collect();
    let renewals = held
        .windows(2)
        .filter(|w| w[0].1.expires != w[1].1.expires)
        .count();
    let first = held.last().map_or(&quarters[i], |h| h.0);
    let run = Run {
        since: first.quarter,
        quarters: held.len(),
        renewals,
    };
    (run, first.board_meeting)
}

fn standing(
    q: &Quarter,
    held: Held,
    playbook: &Playbook,
    (next, next_q): (Date, Option<QuarterId>),
    diags: &mut Vec<Diagnostic>,
) -> ExceptionFacts {
    let Held {
        id,
        kind,
        terms: e,
        band,
        run,
        first_meeting,
    } = held;
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
        run,
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
    use crate::model::testing::{self, accepted, exception, quarter, risk};
    use crate::model::types::PolicyException;

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

    /// The standing of every exception of the site's last quarter.
    fn last_standing(quarters: Vec<Quarter>) -> Vec<ExceptionFacts> {
        let site = quarters
            .into_iter()
            .fold(testing::site(""), Site::quarter)
            .with_facts();
        site.quarters.last().unwrap().facts.exceptions.clone()
    }

    fn run(since: &str, quarters: usize, renewals: usize) -> Run {
        Run {
            since: testing::qid(since),
            quarters,
            renewals,
        }
    }

    #[test]
    fn a_risk_acceptance_runs_back_to_its_last_break_and_counts_renewals() {
        let standing = last_standing(vec![
            quarter("2025-Q4").risk(accepted("R-2", "2026-03-31")),
            // A break: not accepted.
            quarter("2026-Q1").risk(risk("R-2").likelihood(2).impact(2)),
            quarter("2026-Q2")
                .board_meeting("2026-04-15")
                .risk(accepted("R-2", "2026-12-31")),
            quarter("2026-Q3").risk(accepted("R-2", "2026-12-31")),
            quarter("2026-Q4").risk(accepted("R-2", "2027-06-30")),
        ]);
        assert_eq!(standing.len(), 1);
        assert_eq!(standing[0].run, run("2026-Q2", 3, 1));
        // Without `signed`, the term runs from the run's first meeting.
        assert_eq!(standing[0].signed, d("2026-04-15"));
    }

    #[test]
    fn a_policy_exception_runs_by_its_id_and_a_new_one_runs_one_quarter() {
        let waiver = |id: &str, expires: &str| PolicyException {
            id: id.into(),
            title: "t".into(),
            policy: "p".into(),
            risks: vec![],
            terms: exception().expires(expires),
        };
        let with = |q: Quarter, waivers: Vec<PolicyException>| Quarter {
            exceptions: waivers,
            ..q
        };
        let standing = last_standing(vec![
            with(quarter("2026-Q2"), vec![waiver("EX-1", "2026-12-31")]),
            with(quarter("2026-Q3"), vec![waiver("EX-1", "2027-03-31")]),
            with(
                quarter("2026-Q4"),
                vec![waiver("EX-1", "2027-06-30"), waiver("EX-2", "2027-06-30")],
            ),
        ]);
        let runs: Vec<(&str, Run)> = standing.iter().map(|s| (s.id.as_str(), s.run)).collect();
        assert_eq!(
            runs,
            [
                ("EX-1", run("2026-Q2", 3, 2)),
                ("EX-2", run("2026-Q4", 1, 0))
            ]
        );
    }
}
