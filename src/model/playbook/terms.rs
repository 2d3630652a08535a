//! The terms of an exception, checked the same way whichever kind carries them: a risk's
//! `exception:` or a policy exception's file. Complete, dated, signed by two different people,
//! reviewed in time; and, once the terms are sound, the lints that need only this quarter.

use super::{same_person, Playbook, Written};
use crate::diag::Pos;
use crate::load::raw::{Terms, S};
use crate::model::check::{pos, FileCheck};
use crate::model::items::QuarterCtx;
use crate::model::types::{Exception, ExceptionApproval, Reviewed};
use crate::vocab::Band;

/// Which exception the messages speak of.
pub(crate) struct Subject<'a> {
    /// The id the board's asks name: a risk's (`R-007`) or the policy exception's (`EX-003`).
    pub id: &'a str,
    /// How messages name it: "the exception of R-007", "EX-003".
    pub name: String,
    /// A policy exception also needs `scope`.
    pub policy: bool,
    /// How messages name a field of the terms: `exception.` for a risk's, nothing for a file.
    pub prefix: &'static str,
    /// Where the exception is written (the `exception:` key, the file's `id`).
    pub at: Option<Pos>,
}

/// The typed terms, or `None` with one error per mistake. The lints run only on sound terms, so
/// an exception with a bad date gets its error and nothing else.
pub(crate) fn check(
    s: &Subject,
    t: &Terms,
    ctx: &QuarterCtx,
    c: &mut FileCheck,
) -> Option<Exception> {
    if !complete(s, t, c) {
        return None;
    }
    let before = c.diags.len();
    let (expires_at, review_at) = (t.expires?, t.review?);
    let field = |f: &str| format!("{}{f}", s.prefix);
    let expires = c.date(&field("expires"), expires_at);
    let review = c.date(&field("review"), review_at);
    let signed = t.signed.and_then(|d| c.date(&field("signed"), d));
    let reviewed = t.reviewed.map(|r| reviewed(&field("reviewed"), r, c));
    let name = &s.name;
    if let (Some(x), Some(r)) = (expires, review) {
        if r > x {
            c.error(
                "bad-date",
                pos(review_at),
                format!("{name} is reviewed on {r}, after it expires on {x}"),
            )
            .hint = Some("the review must fall on or before `expires`".into());
        }
    }
    if let (Some(x), Some(d), Some(at)) = (expires, signed, t.signed) {
        if d > x {
            c.error(
                "bad-date",
                pos(at),
                format!("{name} is signed on {d}, after it expires on {x}"),
            )
            .hint = Some(
                "`signed` is when both signed the exception; it comes before `expires`".into(),
            );
        }
    }
    let approved_by = signers(s, t.approved_by?, c);
    let reason = c.text(&field("reason"), t.reason?);
    let compensating_controls = t
        .compensating_controls?
        .value
        .iter()
        .map(|v| c.text("compensating_controls", v))
        .collect();
    let scope = t.scope.map(|v| c.text(&field("scope"), v));
    if c.diags[before..].iter().any(|d| d.is_error()) {
        return None;
    }
    let e = Exception {
        reason,
        expires: expires?,
        compensating_controls,
        approved_by: approved_by?,
        review: review?,
        signed,
        scope,
        reviewed: reviewed.flatten(),
        at: Written {
            file: c.file.to_string(),
            at: s.at,
            expires: pos(expires_at),
        },
    };
    lints(s, &e, t, ctx, c);
    Some(e)
}

/// One error naming every required field that is missing.
fn complete(s: &Subject, t: &Terms, c: &mut FileCheck) -> bool {
    let approval = t.approved_by.map(|a| &a.value);
    let fields = [
        ("scope", !s.policy || t.scope.is_some()),
        ("reason", t.reason.is_some()),
        ("expires", t.expires.is_some()),
        (
            "compensating_controls",
            t.compensating_controls.is_some_and(|c| !c.value.is_empty()),
        ),
        (
            "approved_by.engineering",
            approval.is_some_and(|a| a.engineering.is_some()),
        ),
        (
            "approved_by.security",
            approval.is_some_and(|a| a.security.is_some()),
        ),
        ("review", t.review.is_some()),
    ];
    let missing: Vec<String> = fields
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(n, _)| format!("`{n}`"))
        .collect();
    if missing.is_empty() {
        return true;
    }
    let hint = if s.policy {
        "a policy exception says what it covers (`scope`), is signed by engineering and security, time-boxed and reviewed"
    } else {
        "a risk acceptance must be signed by engineering and security, time-boxed and reviewed"
    };
    c.error(
        "incomplete-exception",
        s.at,
        format!("{} is incomplete: it lacks {}", s.name, missing.join(", ")),
    )
    .hint = Some(hint.into());
    false
}

/// Both signatures, from two different people.
fn signers(
    s: &Subject,
    a: &S<crate::load::raw::ExceptionApproval>,
    c: &mut FileCheck,
) -> Option<ExceptionApproval> {
    let (eng, sec) = (a.value.engineering.as_ref()?, a.value.security.as_ref()?);
    let engineering = c.text("approved_by.engineering", eng);
    let security = c.text("approved_by.security", sec);
    if !engineering.trim().is_empty() && same_person(&engineering, &security) {
        c.error(
            "same-signer",
            pos(sec),
            format!(
                "{} is signed by {} for both engineering and security",
                s.name,
                security.trim()
            ),
        )
        .hint = Some("two different people sign an exception: the engineering owner and the security owner; ask the other to sign".into());
        return None;
    }
    Some(ExceptionApproval {
        engineering,
        security,
    })
}

fn reviewed(field: &str, r: &S<crate::load::raw::Reviewed>, c: &mut FileCheck) -> Option<Reviewed> {
    let on = c.date(&format!("{field}.on"), &r.value.on);
    let outcome = c.text(&format!("{field}.outcome"), &r.value.outcome);
    Some(Reviewed { on: on?, outcome })
}

/// The lints of sound terms that need only this quarter: expired, review overdue.
fn lints(s: &Subject, e: &Exception, t: &Terms, ctx: &QuarterCtx, c: &mut FileCheck) {
    let Some(meeting) = ctx.board_meeting else {
        return;
    };
    let name = &s.name;
    if e.expires < meeting {
        c.warning(
            "expired-exception",
            e.at.expires,
            format!(
                "{name} expired on {}, before the board meeting on {meeting}: a silent exception",
                e.expires
            ),
        )
        .hint = Some("renew it with fresh signatures, or stop accepting the risk".into());
        return;
    }
    let held = e.reviewed.as_ref().is_some_and(|r| r.on >= e.review);
    if e.review < meeting && !held {
        let last = match &e.reviewed {
            Some(r) => format!("; the last review recorded was on {}", r.on),
            None => "; no review is recorded".into(),
        };
        c.warning(
            "review-overdue",
            t.review.and_then(pos),
            format!("{name} was due for review on {}, before the board meeting on {meeting}{last}", e.review),
        )
        .hint = Some(format!("hold the review and record it: `reviewed: {{on: YYYY-MM-DD, outcome: …}}` on or after {}, or set the next `review` date", e.review));
    }
}

/// `acceptance-needs-board`: the exception's band requires the board and no `decide` or
/// `approve` ask is about it. True when reported (the appetite lint then says nothing more).
pub(crate) fn needs_board(
    s: &Subject,
    band: Band,
    playbook: &Playbook,
    ctx: &QuarterCtx,
    at: Option<Pos>,
    c: &mut FileCheck,
) -> bool {
    let Some(rule) = playbook.rule(band).filter(|r| r.board) else {
        return false;
    };
    let id = s.id;
    if !ctx.asks_complete || ctx.asks.iter().any(|a| super::asks_board_to_approve(a, id)) {
        return false;
    }
    c.warning(
        "acceptance-needs-board",
        at,
        format!("{} is in the {} band, whose acceptance the board decides, and no `decide` or `approve` ask is about it", s.name, band.as_str()),
    )
    .hint = Some(format!("add an ask with `type: approve` and `about: [{id}]` to quarter.yaml (a {}-band acceptance runs at most {} months), or stop accepting it", band.as_str(), rule.max_months));
    true
}
