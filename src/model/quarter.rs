//! One quarter folder: `quarter.yaml`, `trends.yaml` and the items, in the order their
//! checks depend on each other (the meeting date and risk ids first).

use super::appetite::Appetite;
use super::check::{pos, FileCheck};
use super::items::{self, QuarterCtx};
use super::scalar::QuarterId;
use super::types::*;
use crate::diag::suggest;
use crate::diag::{Diagnostic, Pos};
use crate::load::{raw, RawQuarter};

/// Beyond this the summary no longer fits its box on the one-pager.
pub const MAX_SUMMARY_WORDS: usize = 120;

/// `metric_ids` are all ids written in metrics.yaml, valid or not, so that a bad metric
/// definition is reported once there rather than again in every trends.yaml. `appetite` holds
/// the thresholds of quarterdeck.toml, for the risks' categories and the escalation lints
/// (none while the settings have errors).
/// The site's rules a quarter is checked against; each none while quarterdeck.toml has errors.
#[derive(Clone, Copy)]
pub struct Rules<'a> {
    pub appetite: Option<&'a Appetite>,
    pub playbook: Option<&'a super::playbook::Playbook>,
    /// `[matrix]` as read, for the money and chance each level stands for.
    pub matrix: Option<&'a crate::config::MatrixSettings>,
}

/// `earlier`: what `load` reported (a quarter.yaml it could not read is not also "missing");
/// this quarter's own diagnostics go to `diags`.
/// `highest`: the highest number of each id prefix in any quarter, for a duplicate's hint.
pub fn quarter(
    rq: &RawQuarter,
    metric_ids: Option<&[String]>,
    rules: Rules,
    earlier: &[Diagnostic],
    highest: &items::Highest,
    diags: &mut Vec<Diagnostic>,
) -> Option<Quarter> {
    let folder_file = format!("content/quarters/{}", rq.folder);
    let folder_id = match QuarterId::parse(&rq.folder) {
        Ok(q) => Some(q),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "quarter-folder",
                    &folder_file,
                    format!("quarter folder name: {e}"),
                )
                .hint(match meant_quarter(&rq.folder) {
                    Some(q) => format!("rename the folder to content/quarters/{q}"),
                    None => "name quarter folders YYYY-QN, e.g. content/quarters/2026-Q3".into(),
                }),
            );
            return None;
        }
    };
    let Some(doc) = &rq.quarter else {
        if !earlier
            .iter()
            .any(|d| d.file.starts_with(&format!("{folder_file}/quarter.y")))
        {
            diags.push(
                Diagnostic::error(
                    "missing-file",
                    &folder_file,
                    "this quarter folder has no quarter.yaml",
                )
                .hint("add quarter.yaml with quarter, status, board_meeting, headline and summary"),
            );
        }
        return None;
    };
    let q = &doc.value;
    let mut c = FileCheck::new(&doc.file, diags);
    let id = QuarterId::parse(q.quarter.value.trim())
        .map_err(|e| {
            c.error("bad-quarter", pos(&q.quarter), format!("`quarter`: {e}"));
        })
        .ok();
    if let (Some(id), Some(folder)) = (id, folder_id) {
        if id != folder {
            c.error(
                "quarter-mismatch",
                pos(&q.quarter),
                format!("`quarter` says {id} but the folder is {folder}"),
            )
            .hint = Some(format!(
                "set `quarter: {folder}`, or rename the folder to {id}"
            ));
        }
    }
    let status = c.word(
        "status",
        &q.status,
        QuarterStatus::NAMES,
        QuarterStatus::parse,
    );
    let board_meeting = c.date("board_meeting", &q.board_meeting);
    let summary = c.text("summary", &q.summary);
    super::images::check(&summary, c.file, |_| pos(&q.summary), c.diags);
    let words = summary
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    if words > MAX_SUMMARY_WORDS {
        c.warning(
            "long-summary",
            pos(&q.summary),
            format!("the summary is {words} words; the one-pager has room for {MAX_SUMMARY_WORDS}"),
        )
        .hint =
            Some("keep the narrative to what the board must know; link detail from a page".into());
    }
    let approved_by = signoff(q, status, &mut c);
    let headline = c.text("headline", &q.headline);
    let known = super::asks::item_ids(rq);
    let asks = super::asks::asks(q.asks.as_deref(), &known, folder_id.or(id), &mut c);

    let mut ctx = QuarterCtx {
        quarter: folder_id.or(id),
        board_meeting,
        risk_ids: Default::default(),
        action_ids: action_ids(rq),
        appetite: rules.appetite,
        playbook: rules.playbook,
        matrix: rules.matrix,
        asks: asks.asks,
        asks_complete: asks.complete,
        published: rq.published.is_some(),
    };
    items::check_unique(
        "risk",
        rq.risks.iter().map(|d| (&d.value.id, d.file.as_str())),
        highest,
        diags,
    );
    items::check_unique(
        "initiative",
        rq.initiatives
            .iter()
            .map(|d| (&d.value.id, d.file.as_str())),
        highest,
        diags,
    );
    items::check_unique(
        "incident",
        rq.incidents.iter().map(|d| (&d.value.id, d.file.as_str())),
        highest,
        diags,
    );
    items::check_unique(
        "investment",
        rq.investments
            .iter()
            .map(|d| (&d.value.id, d.file.as_str())),
        highest,
        diags,
    );
    items::check_unique(
        "action",
        rq.actions.iter().map(|d| (&d.value.id, d.file.as_str())),
        highest,
        diags,
    );
    items::check_unique(
        "exception",
        rq.exceptions.iter().map(|d| (&d.value.id, d.file.as_str())),
        highest,
        diags,
    );
    // An id in the wrong case (`r-008`) is one error, on the risk; references to the id it
    // meant are not errors too.
    ctx.risk_ids = rq
        .risks
        .iter()
        .map(|d| d.value.id.value.trim())
        .map(|id| super::scalar::meant_id(id, "R-").unwrap_or_else(|| id.to_string()))
        .collect();
    ctx.risk_ids.extend(rq.broken_risk_ids.iter().cloned());

    let mut risks: Vec<Risk> = rq
        .risks
        .iter()
        .filter_map(|d| items::risk(&d.value, &ctx, &mut FileCheck::new(&d.file, diags)))
        .collect();
    let mut initiatives: Vec<Initiative> = rq
        .initiatives
        .iter()
        .filter_map(|d| items::initiative(&d.value, &ctx, &mut FileCheck::new(&d.file, diags)))
        .collect();
    let mut incidents: Vec<Incident> = rq
        .incidents
        .iter()
        .filter_map(|d| items::incident(&d.value, &ctx, &mut FileCheck::new(&d.file, diags)))
        .collect();
    let mut investments: Vec<Investment> = rq
        .investments
        .iter()
        .filter_map(|d| items::investment(&d.value, &ctx, &mut FileCheck::new(&d.file, diags)))
        .collect();
    let mut actions: Vec<Action> = rq
        .actions
        .iter()
        .filter_map(|d| {
            super::actions::action(&d.value, &ctx, &known, &mut FileCheck::new(&d.file, diags))
        })
        .collect();
    let mut exceptions: Vec<PolicyException> = rq
        .exceptions
        .iter()
        .filter_map(|d| {
            let c = &mut FileCheck::new(&d.file, diags);
            super::playbook::policy::policy_exception(&d.value, &risks, &ctx, c)
        })
        .collect();
    exceptions.sort_by(|a, b| super::scalar::id_key(&a.id).cmp(&super::scalar::id_key(&b.id)));
    // File names are free, so order by id: the output must not depend on how files are named.
    risks.sort_by(|a, b| super::scalar::id_key(&a.id).cmp(&super::scalar::id_key(&b.id)));
    initiatives.sort_by(|a, b| super::scalar::id_key(&a.id).cmp(&super::scalar::id_key(&b.id)));
    incidents.sort_by(|a, b| (a.occurred, &a.id).cmp(&(b.occurred, &b.id)));
    investments.sort_by(|a, b| super::scalar::id_key(&a.id).cmp(&super::scalar::id_key(&b.id)));
    actions.sort_by(|a, b| super::scalar::id_key(&a.id).cmp(&super::scalar::id_key(&b.id)));

    let complete = rq.broken_files == 0
        && risks.len() == rq.risks.len()
        && initiatives.len() == rq.initiatives.len()
        && incidents.len() == rq.incidents.len()
        && investments.len() == rq.investments.len()
        && actions.len() == rq.actions.len()
        && exceptions.len() == rq.exceptions.len();
    let readings = rq
        .trends
        .as_ref()
        .map(|t| trends(&t.file, &t.value, metric_ids, diags))
        .unwrap_or_default();
    Some(Quarter {
        quarter: folder_id.or(id)?,
        status: status?,
        board_meeting: board_meeting?,
        headline,
        summary,
        asks: ctx.asks,
        approved_by,
        readings,
        risks,
        initiatives,
        incidents,
        investments,
        actions,
        exceptions,
        file: doc.file.clone(),
        complete,
        facts: Default::default(),
        published: None,
    })
}

/// The ids of the quarter's actions, those whose files could not be read included.
fn action_ids(rq: &RawQuarter) -> std::collections::BTreeSet<String> {
    let mut ids: std::collections::BTreeSet<String> = rq
        .actions
        .iter()
        .map(|d| d.value.id.value.trim().to_string())
        .collect();
    ids.extend(
        rq.broken_ids
            .iter()
            .filter(|id| id.starts_with("A-"))
            .cloned(),
    );
    ids
}

/// The quarter a misnamed folder was meant to be: `2026-q3`, `2026Q3`, `2026_Q3` → 2026-Q3.
fn meant_quarter(folder: &str) -> Option<QuarterId> {
    let compact: String = folder
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let (year, q) = compact.split_at_checked(4)?;
    QuarterId::parse_arg(&format!("{year}-{q}")).ok()
}

fn signoff(q: &raw::Quarter, status: Option<QuarterStatus>, c: &mut FileCheck) -> Option<SignOff> {
    let a = q.approved_by.as_ref();
    let cto = a.and_then(|a| c.opt_text(&a.value.cto));
    let ciso = a.and_then(|a| c.opt_text(&a.value.ciso));
    if status == Some(QuarterStatus::Final) && (cto.is_none() || ciso.is_none()) {
        let missing: Vec<&str> = [("cto", cto.is_none()), ("ciso", ciso.is_none())]
            .iter()
            .filter(|(_, m)| *m)
            .map(|(n, _)| *n)
            .collect();
        let at = a.map_or(pos(&q.status), pos);
        c.error("missing-signoff", at, format!("a final quarter needs the joint sign-off; missing: {}", missing.join(", ")))
            .hint = Some("add `approved_by:` with `cto:` and `ciso:` names, or keep `status: draft` until both sign".into());
    }
    Some(SignOff {
        cto: cto?,
        ciso: ciso?,
    })
}

fn trends(
    file: &str,
    t: &raw::Trends,
    metric_ids: Option<&[String]>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Reading> {
    let mut c = FileCheck::new(file, diags);
    let mut out = Vec::new();
    for (key, reading) in &t.0 {
        let id = key.value.trim();
        if let Some(known) = metric_ids {
            if !known.iter().any(|m| m == id) {
                let hint = suggest::did_you_mean(id, known.iter().map(String::as_str))
                    .unwrap_or_else(|| "define the metric in content/metrics.yaml first".into());
                c.error(
                    "unknown-metric",
                    pos(key),
                    format!("`{id}` is not a metric defined in content/metrics.yaml"),
                )
                .hint = Some(hint);
                continue;
            }
        }
        let r = &reading.value;
        let monthly: Vec<f64> = r
            .monthly
            .iter()
            .flatten()
            .filter_map(|m| c.finite("monthly", m))
            .collect();
        if r.monthly.as_ref().is_some_and(|m| m.len() > 3) {
            c.error(
                "out-of-range",
                pos(reading),
                format!(
                    "`{id}` has {} monthly readings; a quarter has at most 3",
                    monthly.len()
                ),
            );
        }
        let value_pos = if r.value.referenced.line() > 0 {
            pos(&r.value)
        } else {
            pos(reading)
        };
        let value = if r.value.value.is_finite() {
            r.value.value
        } else {
            c.error(
                "out-of-range",
                value_pos.or(Some(Pos::default())),
                format!("`{id}` must be a finite number"),
            );
            continue;
        };
        out.push(Reading {
            metric: id.to_string(),
            value,
            monthly,
            note: c.opt_text(&r.note),
        });
    }
    out
}
