//! The board's action log (`actions/*.yaml`): raw → typed, the `action-overdue` lint, and the
//! `actions` an incident names as its follow-up.

use super::check::{pos, FileCheck};
use super::items::QuarterCtx;
use super::scalar::QuarterId;
use super::types::{Action, ActionStatus};
use crate::load::raw::{self, S};
use std::collections::BTreeSet;

/// One action. `known` are the ids its `about` may name (see `asks::item_ids`).
pub(super) fn action(
    r: &raw::Action,
    ctx: &QuarterCtx,
    known: &BTreeSet<String>,
    c: &mut FileCheck,
) -> Option<Action> {
    let id = c.id(&r.id, "A-");
    let status = c.word(
        "status",
        &r.status,
        ActionStatus::NAMES,
        ActionStatus::parse,
    );
    let due = c.date("due", &r.due);
    let raised = raised(&id, &r.raised, ctx.quarter, c);
    let about = super::asks::about(r.about.as_deref(), known, ctx.quarter, c);
    let title = c.text("title", &r.title);
    let owner = c.text("owner", &r.owner);
    let note = c.opt_text(&r.note);
    if let (Some(due), Some(meeting), Some(ActionStatus::Open)) = (due, ctx.board_meeting, status) {
        if due < meeting {
            c.warning(
                "action-overdue",
                pos(&r.due),
                format!("{id} ({title}) was due {due}, before the board meeting on {meeting}, and is still open"),
            )
            .hint = Some("set `status: done` if it is done; otherwise tell the board and agree a new `due` date".into());
        }
    }
    Some(Action {
        id,
        title,
        owner,
        due: due?,
        status: status?,
        raised: raised?,
        about,
        note,
    })
}

/// `raised`: a quarter, not later than the one the file is in.
fn raised(
    id: &str,
    v: &S<String>,
    quarter: Option<QuarterId>,
    c: &mut FileCheck,
) -> Option<QuarterId> {
    let raised = QuarterId::parse(v.value.trim())
        .map_err(|e| {
            c.error("bad-quarter", pos(v), format!("`raised`: {e}"))
                .hint = Some(
                "write the quarter whose board meeting raised it, e.g. `raised: 2026-Q3`".into(),
            );
        })
        .ok()?;
    if let Some(q) = quarter.filter(|q| raised > *q) {
        c.error(
            "raised-after-quarter",
            pos(v),
            format!("{id} is raised in {raised}, after this quarter ({q})"),
        )
        .hint = Some(format!(
            "an action is raised at a board meeting up to this one: set `raised: {q}` or earlier, or move the file to content/quarters/{raised}/actions/"
        ));
        return None;
    }
    Some(raised)
}

/// An incident's follow-up actions: each must be an action of the quarter.
pub(super) fn incident_actions(
    ids: Option<&[S<String>]>,
    ctx: &QuarterCtx,
    c: &mut FileCheck,
) -> Vec<String> {
    let mut out = Vec::new();
    for r in ids.unwrap_or_default() {
        let id = r.value.trim().to_string();
        if !ctx.action_ids.contains(&id) {
            let q = ctx
                .quarter
                .map_or_else(|| "this quarter".into(), |q| q.to_string());
            let known: Vec<&str> = ctx.action_ids.iter().map(String::as_str).take(12).collect();
            let hint = if known.is_empty() {
                format!("{q} has no actions; add actions/{id}.yaml (`quarterdeck new action \"TITLE\"`) or remove the reference")
            } else {
                format!("actions in {q}: {}", known.join(", "))
            };
            c.error(
                "unknown-id",
                pos(r),
                format!("`actions` names {id}, which does not exist in {q}"),
            )
            .hint = Some(hint);
            continue;
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}
