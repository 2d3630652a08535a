//! The escalation lints: what exceeds the board's appetite must reach the board. A risk above
//! its appetite needs a path back (a target within it) or an ask about it; one outside
//! tolerance needs a `decide` or `approve` ask about it; an accepted one needs an ask about it.
//! A risk is named by an ask only through the ask's `about`.

use super::appetite::AppetiteStatus;
use super::check::{pos, FileCheck};
use super::items::QuarterCtx;
use super::types::{Risk, RiskStatus};
use crate::load::raw;

/// The one escalation lint `risk` deserves, if any. Quiet while the quarter's asks have
/// errors, or while the settings, the risk's category, target or inherent cell have one: the
/// error says it.
pub(super) fn lint(
    risk: &Risk,
    written: &raw::Risk,
    settled: bool,
    ctx: &QuarterCtx,
    c: &mut FileCheck,
) {
    let Some(appetite) = ctx.appetite else { return };
    if !settled || !ctx.asks_complete || risk.status == RiskStatus::Closed {
        return;
    }
    let (id, score) = (risk.id.as_str(), risk.score());
    let category = risk.category.as_deref();
    let thresholds = appetite.thresholds(category);
    let asks_about = || ctx.asks.iter().filter(|a| a.is_about(id));
    if needs_board(risk, written, ctx, c) {
        return;
    }
    match thresholds.status(score) {
        AppetiteStatus::Within => {}
        AppetiteStatus::OutsideTolerance => {
            if !asks_about().any(|a| a.kind.is_decision()) {
                c.warning(
                    "outside-tolerance-not-escalated",
                    pos(&written.impact),
                    format!(
                        "{id} scores {score}, above {}, and no `decide` or `approve` ask is about it",
                        appetite.tolerance_phrase(category)
                    ),
                )
                .hint = Some(format!("outside tolerance the board must decide now: add an ask with `type: decide` (or `approve`) and `about: [{id}]` to quarter.yaml, saying what you propose"));
            }
        }
        AppetiteStatus::Above => {
            let limit = thresholds.limit.unwrap_or_default();
            if asks_about().next().is_some() {
                return;
            }
            if risk.status == RiskStatus::Accepted {
                c.warning(
                    "accepted-above-appetite",
                    pos(&written.status),
                    format!(
                        "{id} is accepted with a score of {score}, above {}, and no ask is about it",
                        appetite.limit_phrase(category)
                    ),
                )
                .hint = Some(format!("a risk above appetite is the board's to accept: add an ask with `about: [{id}]` to quarter.yaml, or bring its score to {limit} or below"));
            } else if risk
                .target
                .is_none_or(|t| thresholds.status(t.score()) != AppetiteStatus::Within)
            {
                c.warning(
                    "above-appetite-without-path",
                    pos(&written.impact),
                    format!(
                        "{id} scores {score}, above {}, with no target within it and no ask about it",
                        appetite.limit_phrase(category)
                    ),
                )
                .hint = Some(format!("add a `target` within appetite (a score of {limit} or less by `due`), or an ask with `about: [{id}]` to quarter.yaml"));
            }
        }
    }
}

/// `acceptance-needs-board` for an accepted risk (the same check as a policy exception's);
/// when it is reported, the appetite lints have nothing to add.
fn needs_board(risk: &Risk, written: &raw::Risk, ctx: &QuarterCtx, c: &mut FileCheck) -> bool {
    let Some(playbook) = ctx.playbook else {
        return false;
    };
    if risk.status != RiskStatus::Accepted || risk.exception.is_none() {
        return false;
    }
    let subject = super::playbook::terms::Subject {
        id: &risk.id,
        name: risk.id.clone(),
        policy: false,
        prefix: "exception.",
        at: pos(&written.status),
    };
    let band = playbook.band(risk.impact, risk.likelihood);
    super::playbook::terms::needs_board(&subject, band, playbook, ctx, pos(&written.status), c)
}
