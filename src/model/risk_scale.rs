//! A risk's place on the scale beyond its score: its category, treatment, target and inherent
//! cell, each checked against the site's settings and against today's score.

use super::check::{pos, FileCheck};
use super::items::QuarterCtx;
use super::types::{Cell, RiskStatus, Treatment};
use crate::diag::suggest;
use crate::load::raw::{self, S};

/// The checked fields. `settled` is false when one of them has an error or the category could
/// not be decided (settings that did not load): the appetite lints then keep quiet, since the
/// error already says what is wrong.
pub(super) struct ScaleFields {
    pub category: Option<String>,
    pub settled: bool,
    pub treatment: Option<Treatment>,
    pub target: Option<Cell>,
    pub inherent: Option<Cell>,
}

pub(super) fn fields(
    r: &raw::Risk,
    id: &str,
    status: Option<RiskStatus>,
    score: Option<u8>,
    ctx: &QuarterCtx,
    c: &mut FileCheck,
) -> ScaleFields {
    let before = c.diags.len();
    let (category, category_ok) = category(r, id, ctx, c);
    let treatment = treatment(r, id, status, c);
    let target = r.target.as_ref().and_then(|t| cell("target", t, c));
    let inherent = r.inherent.as_ref().and_then(|t| cell("inherent", t, c));
    if let (Some(t), Some(score), Some(at)) = (target, score, &r.target) {
        if t.score() > score {
            c.error(
                "target-above-score",
                pos(at),
                format!(
                    "the target of {id} scores {} ({} × {}), above today's {score}",
                    t.score(),
                    t.impact,
                    t.likelihood
                ),
            )
            .hint = Some("a target is where the mitigation takes the risk by `due`: at or below today's score; if the risk has grown, rate it higher today".into());
        }
    }
    if let (Some(t), Some(score), Some(at)) = (inherent, score, &r.inherent) {
        if t.score() < score {
            c.error(
                "inherent-below-score",
                pos(at),
                format!(
                    "the inherent score of {id} is {} ({} × {}), below today's {score}",
                    t.score(),
                    t.impact,
                    t.likelihood
                ),
            )
            .hint = Some(
                "inherent is the risk before any control, so it is at or above today's score"
                    .into(),
            );
        }
    }
    let settled = category_ok && c.diags[before..].iter().all(|d| !d.is_error());
    ScaleFields {
        category,
        settled,
        treatment,
        target,
        inherent,
    }
}

/// The category as written when it is one of `[categories]`. Required when the site has
/// categories, except in a published quarter: its record predates them, so its risks are
/// uncategorised and held to the site's thresholds.
fn category(
    r: &raw::Risk,
    id: &str,
    ctx: &QuarterCtx,
    c: &mut FileCheck,
) -> (Option<String>, bool) {
    let Some(appetite) = ctx.appetite else {
        let written = r.category.as_ref().map(|s| s.value.trim().to_string());
        return (written, false);
    };
    let keys = || appetite.categories.keys().map(String::as_str);
    let list = || {
        keys()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(written) = &r.category else {
        if appetite.categories.is_empty() || ctx.published {
            return (None, true);
        }
        c.error(
            "missing-field",
            pos(&r.id),
            format!(
                "{id} has no `category`; this site's risks each belong to one of {}",
                list()
            ),
        )
        .hint = Some(format!(
            "add `category: {}` (or another key of [categories] in quarterdeck.toml)",
            keys().next().unwrap_or_default()
        ));
        return (None, false);
    };
    let key = written.value.trim();
    if appetite.categories.contains_key(key) {
        return (Some(key.to_string()), true);
    }
    let (message, hint) = if appetite.categories.is_empty() {
        (
            format!("`category` is `{key}`, but quarterdeck.toml defines no categories"),
            format!("define `[categories.{key}]` with a `name` in quarterdeck.toml, or remove `category`"),
        )
    } else {
        (
            format!("`category` is `{key}`, expected one of {}", list()),
            suggest::did_you_mean(key, keys()).unwrap_or_else(|| {
                "categories are defined under [categories] in quarterdeck.toml".into()
            }),
        )
    };
    c.error("unknown-category", pos(written), message).hint = Some(hint);
    (None, false)
}

fn treatment(
    r: &raw::Risk,
    id: &str,
    status: Option<RiskStatus>,
    c: &mut FileCheck,
) -> Option<Treatment> {
    let accepted = status == Some(RiskStatus::Accepted);
    let Some(written) = &r.treatment else {
        return Some(if accepted {
            Treatment::Accept
        } else {
            Treatment::Mitigate
        });
    };
    let t = c.word("treatment", written, Treatment::NAMES, Treatment::parse)?;
    if let (Treatment::Accept, Some(s)) = (t, status) {
        if s != RiskStatus::Accepted {
            c.error(
                "treatment-not-accepted",
                pos(written),
                format!("{id} has `treatment: accept` but its status is `{}`", s.as_str()),
            )
            .hint = Some("accepting a risk takes `status: accepted` and a signed `exception:`; otherwise write mitigate, transfer or avoid".into());
        }
    }
    Some(t)
}

fn cell(field: &str, v: &S<raw::Cell>, c: &mut FileCheck) -> Option<Cell> {
    let impact = c.int_in(&format!("{field}.impact"), &v.value.impact, 1, 5);
    let likelihood = c.int_in(&format!("{field}.likelihood"), &v.value.likelihood, 1, 5);
    Some(Cell {
        impact: impact?,
        likelihood: likelihood?,
    })
}
