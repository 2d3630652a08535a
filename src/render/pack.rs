//! The board pack around the one-pager, as views for the templates: a quarter's full register,
//! its exceptions, its roadmap rows and the counts the one-pager links with, and the index of
//! every risk. Each view takes one quarter and its facts (plus the next quarter, whose meeting
//! the roadmap is judged against), so it does not depend on how the caller pairs quarters with
//! facts. What a row shows beyond the model's values is a slug or a count: the rules (an
//! exception's run and flags, closed this quarter, the register's order, due after the next
//! meeting) are decided in the model.

use super::view::{risk_view, RiskView};
use crate::model::appetite::AppetiteStatus;
use crate::model::facts::{by_severity, QuarterFacts, RiskFacts};
use crate::model::playbook::{ExceptionFacts, Run};
use crate::model::scalar::{Date, QuarterId};
use crate::model::types::*;
use serde::Serialize;

/// Everything the register, roadmap, exceptions and appendix pages show beyond the quarter view.
#[derive(Serialize)]
pub(super) struct PackView<'a> {
    /// The site's limit.
    pub appetite: Option<u8>,
    /// Whether some category sets its own limit or tolerance.
    pub categories_own: bool,
    /// Every risk in the folder, closed ones included: highest score first, then impact, then id.
    pub register: Vec<RegisterRow<'a>>,
    /// Every risk that carries an exception, in id order.
    pub exceptions: Vec<ExceptionRow<'a>>,
    /// The initiatives in id order.
    pub roadmap: Vec<RoadmapRow<'a>>,
    pub next_meeting: NextMeeting,
    pub counts: Counts,
}

#[derive(Serialize)]
pub(super) struct RegisterRow<'a> {
    #[serde(flatten)]
    pub risk: RiskView<'a>,
    /// The risk's fact: closed now and not closed (or not there) the quarter before.
    pub closed_this_quarter: &'a bool,
}

/// A risk acceptance or a policy exception, with its standing (decided in the model).
#[derive(Serialize)]
pub(super) struct ExceptionRow<'a> {
    /// The accepted risk or the policy exception, each with the names only the other kind
    /// fills as null, so a template reads every name on every row.
    #[serde(flatten)]
    pub of: Excepted<'a>,
    /// `risk` or `policy`.
    pub kind: &'static str,
    /// Band, acceptance rule, term, effective `signed`, review and expiry flags.
    pub standing: &'a ExceptionFacts,
    /// The standing's run, beside it: `since` (the first quarter of the unbroken run of
    /// quarters that carry the exception), `quarters` (its length, this one included) and
    /// `renewals` (how many times the expiry changed in it).
    #[serde(flatten)]
    pub run: &'a Run,
    /// The standing's: expired before this quarter's board meeting.
    pub expired: &'a bool,
    /// The standing's: not expired, but expiring before the next meeting.
    pub expiring: &'a bool,
}

#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum Excepted<'a> {
    Risk(AcceptedRisk<'a>),
    Policy(WaivedPolicy<'a>),
}

/// A risk acceptance: the risk as in `q.risks` (its `exception` holds the terms).
#[derive(Serialize)]
pub(super) struct AcceptedRisk<'a> {
    #[serde(flatten)]
    pub risk: RiskView<'a>,
    /// What a policy exception waives and the risks it raises: none here.
    policy: (),
    risks: [(); 0],
}

/// A policy exception as written, its terms also as `exception`.
#[derive(Serialize)]
pub(super) struct WaivedPolicy<'a> {
    #[serde(flatten)]
    pub policy: &'a PolicyException,
    pub exception: &'a Exception,
    /// What an accepted risk's row shows of the risk: none here.
    slug: (),
    status: (),
    owner: (),
    score: (),
    above_appetite: bool,
    appetite_status: (),
}

#[derive(Serialize)]
pub(super) struct RoadmapRow<'a> {
    #[serde(flatten)]
    pub initiative: &'a Initiative,
    /// Due after the next board meeting: the board will not see it land before then.
    pub after_next_meeting: bool,
    /// Overdue at this quarter's board meeting (`Initiative::overdue_at`).
    pub overdue: bool,
    /// Each risk it reduces that the quarter has, as in `q.risks`.
    pub reduces: Vec<RiskView<'a>>,
}

/// The meeting against which exceptions and due dates are judged: the next quarter folder's board
/// meeting when there is one, else three months after this quarter's meeting.
#[derive(Serialize, Clone, Copy)]
pub(super) struct NextMeeting {
    pub date: Date,
    /// The quarter whose board meeting it is; none when it is the three-month estimate.
    pub quarter: Option<QuarterId>,
}

#[derive(Serialize, Default)]
pub(super) struct Counts {
    pub risks: usize,
    pub open: usize,
    pub closed_this_quarter: usize,
    pub above_appetite: usize,
    pub outside_tolerance: usize,
    pub exceptions: usize,
    /// Exceptions expired or expiring before the next meeting.
    pub exceptions_flagged: usize,
    pub initiatives: usize,
    pub initiatives_after_next_meeting: usize,
}

/// `next` is the quarter folder after `q`.
pub(super) fn pack_view<'a>(
    q: &'a Quarter,
    facts: &'a QuarterFacts,
    next: Option<&Quarter>,
    appetite: &crate::model::appetite::Appetite,
) -> PackView<'a> {
    let next_meeting = next_meeting(q, next);
    let mut pairs: Vec<(&Risk, &RiskFacts)> = q.risks.iter().zip(&facts.risks).collect();
    pairs.sort_by(|(a, _), (b, _)| by_severity(a, b));
    let register: Vec<RegisterRow> = pairs
        .iter()
        .map(|(r, f)| RegisterRow {
            risk: risk_view(r, f),
            closed_this_quarter: &f.closed_this_quarter,
        })
        .collect();
    let mut exceptions: Vec<ExceptionRow> = q
        .risks
        .iter()
        .zip(&facts.risks)
        .filter_map(|(r, f)| exception_row(r, f, facts))
        .collect();
    exceptions.extend(q.exceptions.iter().filter_map(|p| policy_row(p, facts)));
    let roadmap: Vec<RoadmapRow> = q
        .initiatives
        .iter()
        .map(|i| roadmap_row(q, facts, i, next_meeting.date))
        .collect();
    let counts = Counts {
        risks: register.len(),
        open: facts.open_risks,
        closed_this_quarter: register.iter().filter(|r| *r.closed_this_quarter).count(),
        above_appetite: facts.risks.iter().filter(|f| f.above_appetite).count(),
        outside_tolerance: facts
            .risks
            .iter()
            .filter(|f| f.appetite_status == AppetiteStatus::OutsideTolerance)
            .count(),
        exceptions: exceptions.len(),
        exceptions_flagged: exceptions
            .iter()
            .filter(|e| *e.expired || *e.expiring)
            .count(),
        initiatives: roadmap.len(),
        initiatives_after_next_meeting: roadmap.iter().filter(|r| r.after_next_meeting).count(),
    };
    PackView {
        appetite: appetite.site.limit,
        categories_own: super::view::categories_own(appetite),
        register,
        exceptions,
        roadmap,
        next_meeting,
        counts,
    }
}

pub(super) fn next_meeting(q: &Quarter, next: Option<&Quarter>) -> NextMeeting {
    let (date, quarter) = crate::model::playbook::standing::next_meeting(q, next);
    NextMeeting { date, quarter }
}

fn exception_row<'a>(
    r: &'a Risk,
    f: &'a RiskFacts,
    facts: &'a QuarterFacts,
) -> Option<ExceptionRow<'a>> {
    r.exception.as_ref()?;
    let of = Excepted::Risk(AcceptedRisk {
        risk: risk_view(r, f),
        policy: (),
        risks: [],
    });
    row(of, "risk", &r.id, facts)
}

fn policy_row<'a>(p: &'a PolicyException, facts: &'a QuarterFacts) -> Option<ExceptionRow<'a>> {
    let of = Excepted::Policy(WaivedPolicy {
        policy: p,
        exception: &p.terms,
        slug: (),
        status: (),
        owner: (),
        score: (),
        above_appetite: false,
        appetite_status: (),
    });
    row(of, "policy", &p.id, facts)
}

/// An exception's row: `of` with the model's standing of the exception `kind` `id` (every
/// exception of a validated quarter has one).
fn row<'a>(
    of: Excepted<'a>,
    kind: &'static str,
    id: &str,
    facts: &'a QuarterFacts,
) -> Option<ExceptionRow<'a>> {
    let standing = facts
        .exceptions
        .iter()
        .find(|x| x.kind == kind && x.id == id)?;
    Some(ExceptionRow {
        of,
        kind,
        standing,
        run: &standing.run,
        expired: &standing.expired,
        expiring: &standing.expiring,
    })
}

fn roadmap_row<'a>(
    q: &'a Quarter,
    facts: &'a QuarterFacts,
    i: &'a Initiative,
    next_meeting: Date,
) -> RoadmapRow<'a> {
    let reduces = i
        .reduces
        .iter()
        .filter_map(|id| {
            let k = q.risks.iter().position(|r| &r.id == id)?;
            Some(risk_view(&q.risks[k], facts.risks.get(k)?))
        })
        .collect();
    RoadmapRow {
        initiative: i,
        after_next_meeting: i.due_after(next_meeting),
        overdue: i.overdue_at(q.board_meeting),
        reduces,
    }
}

/// One line of `risks/index.html`: the risk as the last quarter it appears in shows it (as in
/// `q.risks`), and the quarters it appears in.
#[derive(Serialize)]
pub(super) struct IndexRow<'a> {
    #[serde(flatten)]
    pub latest: RiskView<'a>,
    pub first: QuarterId,
    pub last: QuarterId,
    pub quarters: usize,
}

/// Every risk recorded in `quarters` (each paired with its facts), in id order, as of the last
/// quarter it appears in; where it appears is the model's (`model::appearances::spans`).
pub(super) fn risk_index<'a>(quarters: &[(&'a Quarter, &'a QuarterFacts)]) -> Vec<IndexRow<'a>> {
    crate::model::appearances::spans(quarters.iter().map(|(q, _)| *q))
        .into_iter()
        .map(|(_, span)| {
            let (i, k) = span.latest;
            let (q, f) = quarters[i];
            IndexRow {
                latest: risk_view(&q.risks[k], &f.risks[k]),
                first: span.first,
                last: span.last,
                quarters: span.quarters,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{accepted, quarter, site};

    #[test]
    fn next_meeting_is_the_next_folders_else_three_months_on() {
        let q = quarter("2026-Q4").board_meeting("2026-11-30");
        let later = quarter("2027-Q1");
        let n = next_meeting(&q, Some(&later));
        assert_eq!(
            (n.date, n.quarter),
            (later.board_meeting, Some(later.quarter))
        );
        // Three months after 30 November is the last day of February.
        let n = next_meeting(&q, None);
        assert_eq!((n.date.to_string(), n.quarter), ("2027-02-28".into(), None));
    }

    #[test]
    fn an_exception_row_shows_the_models_run_and_flags_beside_its_standing() {
        let site = site("")
            .quarter(quarter("2026-Q3").risk(accepted("R-2", "2026-12-31")))
            .quarter(quarter("2026-Q4").risk(accepted("R-2", "2027-06-30")))
            .with_facts();
        let q = &site.quarters[1];
        let v = pack_view(q, &q.facts, None, &site.appetite);
        let e = &v.exceptions[0];
        assert!(std::ptr::eq(e.standing, &q.facts.exceptions[0]));
        let json = serde_json::to_string(e).unwrap();
        // The run and flags follow the standing object, whose last name is `review_overdue`.
        let tail = json.split_once(r#""review_overdue":true},"#).unwrap().1;
        // Meeting 2026-10-14 (the fixture's), next estimated 2027-01-14: June 2027 is not flagged.
        assert_eq!(
            tail,
            r#""since":"2026-Q3","quarters":2,"renewals":1,"expired":false,"expiring":false}"#
        );
        assert_eq!((v.counts.exceptions, v.counts.exceptions_flagged), (1, 0));
    }
}
