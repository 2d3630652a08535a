//! A policy exception (`exceptions/*.yaml`): what is waived, where, and the same terms as a
//! risk acceptance, checked by the same code (`terms`). Its band is the highest among the risks
//! it raises; with none, no acceptance rule applies.

use super::terms::{self, Subject};
use crate::load::raw;
use crate::model::check::{pos, FileCheck};
use crate::model::items::QuarterCtx;
use crate::model::types::{PolicyException, Risk};
use crate::vocab::Band;

pub(crate) fn policy_exception(
    r: &raw::PolicyException,
    risks: &[Risk],
    ctx: &QuarterCtx,
    c: &mut FileCheck,
) -> Option<PolicyException> {
    let id = c.id(&r.id, "EX-");
    let title = c.text("title", &r.title);
    let policy = c.text("policy", &r.policy);
    let linked = ctx.check_refs(c, "risks", &r.risks);
    let subject = Subject {
        id: &id,
        name: id.clone(),
        policy: true,
        prefix: "",
        at: pos(&r.id),
    };
    let terms = terms::check(&subject, &r.terms(), ctx, c)?;
    if let (Some(band), Some(playbook)) = (band(&linked, risks, ctx), ctx.playbook) {
        terms::needs_board(&subject, band, playbook, ctx, pos(&r.id), c);
    }
    Some(PolicyException {
        title,
        policy,
        risks: linked,
        terms,
        id,
    })
}

/// The highest band among `linked` risks; `None` without any, or while one of them could not
/// be read (its error is reported).
pub(crate) fn band(linked: &[String], risks: &[Risk], ctx: &QuarterCtx) -> Option<Band> {
    let playbook = ctx.playbook?;
    linked
        .iter()
        .map(|id| {
            risks
                .iter()
                .find(|r| &r.id == id)
                .map(|r| playbook.band(r.impact, r.likelihood))
        })
        .collect::<Option<Vec<Band>>>()?
        .into_iter()
        .max()
}
