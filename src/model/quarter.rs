//! One quarter folder: `quarter.yaml`, `trends.yaml` and the items, in the order their
//! checks depend on each other (the meeting date and risk ids first).

use super::appetite::Appetite;
use super::check::{pos, FileCheck};
use super::items::{self, QuarterCtx};
use super::scalar::Date;
use super::scalar::QuarterId;
use super::types::*;
use crate::diag::suggest;
use crate::diag::{Diagnostic, Pos};
use crate::load::raw::{self, S};
use crate::load::{Doc, RawQuarter};
use std::collections::BTreeSet;

/// Beyond this the summary no longer fits its box on the one-pager.
pub(crate) const MAX_SUMMARY_WORDS: usize = 120;

/// `metric_ids` are all ids written in metrics.yaml, valid or not, so that a bad metric
/// definition is reported once there rather than again in every trends.yaml. `appetite` holds
/// the thresholds of quarterdeck.toml, for the risks' categories and the escalation lints
/// (none while the settings have errors).
/// The site's rules a quarter is checked against; each none while quarterdeck.toml has errors.
#[derive(Clone, Copy)]
pub(super) struct Rules<'a> {
    pub appetite: Option<&'a Appetite>,
    pub playbook: Option<&'a super::playbook::Playbook>,
    /// `[matrix]` as read, for the money and chance each level stands for.
    pub matrix: Option<&'a crate::config::MatrixSettings>,
}

/// `earlier`: what `load` reported (a quarter.yaml it could not read is not also "missing");
/// this quarter's own diagnostics go to `diags`.
/// `highest`: the highest number of each id prefix in any quarter, for a duplicate's hint.
pub(super) fn quarter(
    rq: &RawQuarter,
    metric_ids: Option<&[String]>,
    rules: Rules,
    earlier: &[Diagnostic],
    highest: &items::Highest,
    diags: &mut Vec<Diagnostic>,
) -> Option<Quarter> {
    let folder = folder_id(rq, diags)?;
    let doc = quarter_file(rq, earlier, diags)?;
    let known = super::asks::item_ids(rq);
    let head = Head::check(doc, folder, &known, diags);
    check_unique_ids(rq, highest, diags);
    let ctx = QuarterCtx {
        quarter: Some(folder),
        board_meeting: head.board_meeting,
        risk_ids: risk_ids(rq),
        action_ids: action_ids(rq),
        appetite: rules.appetite,
        playbook: rules.playbook,
        matrix: rules.matrix,
        asks: head.asks.asks,
        asks_complete: head.asks.complete,
        published: rq.published.is_some(),
    };
    let items = Items::check(rq, &ctx, &known, diags);
    let complete = rq.broken_files == 0 && items.all_of(rq);
    let readings = rq
        .trends
        .as_ref()
        .map(|t| trends(&t.file, &t.value, metric_ids, diags))
        .unwrap_or_default();
    Some(Quarter {
        quarter: folder,
        status: head.status?,
        board_meeting: head.board_meeting?,
        headline: head.headline,
        summary: head.summary,
        asks: ctx.asks,
        approved_by: head.approved_by,
        readings,
        risks: items.risks,
        initiatives: items.initiatives,
        incidents: items.incidents,
        investments: items.investments,
        actions: items.actions,
        exceptions: items.exceptions,
        file: doc.file.clone(),
        complete,
        facts: Default::default(),
        published: None,
    })
}

/// The quarter the folder is named after; `None` (reported) when the name is no quarter.
fn folder_id(rq: &RawQuarter, diags: &mut Vec<Diagnostic>) -> Option<QuarterId> {
    let e = match QuarterId::parse(&rq.folder) {
        Ok(q) => return Some(q),
        Err(e) => e,
    };
    diags.push(
        Diagnostic::error(
            "quarter-folder",
            format!("content/quarters/{}", rq.folder),
            format!("quarter folder name: {e}"),
        )
        .hint(match meant_quarter(&rq.folder) {
            Some(q) => format!("rename the folder to content/quarters/{q}"),
            None => "name quarter folders YYYY-QN, e.g. content/quarters/2026-Q3".into(),
        }),
    );
    None
}

/// The folder's quarter.yaml; `None` when it has none, reported unless `load` already said
/// why it could not be read.
fn quarter_file<'a>(
    rq: &'a RawQuarter,
    earlier: &[Diagnostic],
    diags: &mut Vec<Diagnostic>,
) -> Option<&'a Doc<raw::Quarter>> {
    if rq.quarter.is_none() {
        let folder_file = format!("content/quarters/{}", rq.folder);
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
    }
    rq.quarter.as_ref()
}

/// What quarter.yaml itself says, checked; each value `None` (or empty) when it is wrong.
struct Head {
    status: Option<QuarterStatus>,
    board_meeting: Option<Date>,
    headline: String,
    summary: String,
    approved_by: Option<SignOff>,
    asks: super::asks::Asks,
}

impl Head {
    /// `known`: every id an ask may be about.
    fn check(
        doc: &Doc<raw::Quarter>,
        folder: QuarterId,
        known: &BTreeSet<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Head {
        let q = &doc.value;
        let mut c = FileCheck::new(&doc.file, diags);
        check_quarter_field(&q.quarter, folder, &mut c);
        let status = c.word(
            "status",
            &q.status,
            QuarterStatus::NAMES,
            QuarterStatus::parse,
        );
        let board_meeting = c.date("board_meeting", &q.board_meeting);
        let summary = summary(q, &mut c);
        let approved_by = signoff(q, status, &mut c);
        let headline = c.text("headline", &q.headline);
        let asks = super::asks::asks(q.asks.as_deref(), known, Some(folder), &mut c);
        Head {
            status,
            board_meeting,
            headline,
            summary,
            approved_by,
            asks,
        }
    }
}

/// `quarter:` must name the quarter of its folder.
fn check_quarter_field(written: &S<String>, folder: QuarterId, c: &mut FileCheck) {
    match QuarterId::parse(written.value.trim()) {
        Err(e) => {
            c.error("bad-quarter", pos(written), format!("`quarter`: {e}"))
                .hint = Some(format!(
                "write the quarter as YYYY-QN, N from 1 to 4; this folder's is `quarter: {folder}`"
            ));
        }
        Ok(id) if id != folder => {
            c.error(
                "quarter-mismatch",
                pos(written),
                format!("`quarter` says {id} but the folder is {folder}"),
            )
            .hint = Some(format!(
                "set `quarter: {folder}`, or rename the folder to {id}"
            ));
        }
        Ok(_) => {}
    }
}

/// The summary, with its images checked and a warning when it is too long for its box.
fn summary(q: &raw::Quarter, c: &mut FileCheck) -> String {
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
    summary
}

/// Each id once per quarter, for every kind of item.
fn check_unique_ids(rq: &RawQuarter, highest: &items::Highest, diags: &mut Vec<Diagnostic>) {
    let mut unique = |kind: &str, ids: Vec<(&S<String>, &str)>| {
        items::check_unique(kind, ids, highest, diags);
    };
    unique("risk", ids(&rq.risks, |r| &r.id));
    unique("initiative", ids(&rq.initiatives, |r| &r.id));
    unique("incident", ids(&rq.incidents, |r| &r.id));
    unique("investment", ids(&rq.investments, |r| &r.id));
    unique("action", ids(&rq.actions, |r| &r.id));
    unique("exception", ids(&rq.exceptions, |r| &r.id));
}

/// Each file's id as written, and the file.
fn ids<T>(docs: &[Doc<T>], id: fn(&T) -> &S<String>) -> Vec<(&S<String>, &str)> {
    docs.iter()
        .map(|d| (id(&d.value), d.file.as_str()))
        .collect()
}

/// The ids the quarter's risks answer to. An id in the wrong case (`r-008`) is one error, on
/// the risk; references to the id it meant are not errors too. Risks whose files could not be
/// read count, as far as their ids could be read.
fn risk_ids(rq: &RawQuarter) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = rq
        .risks
        .iter()
        .map(|d| d.value.id.value.trim())
        .map(|id| super::scalar::meant_id(id, "R-").unwrap_or_else(|| id.to_string()))
        .collect();
    ids.extend(rq.broken_risk_ids.iter().cloned());
    ids
}

/// The items of a quarter that passed their checks, each kind in the order the pages show it.
struct Items {
    risks: Vec<Risk>,
    initiatives: Vec<Initiative>,
    incidents: Vec<Incident>,
    investments: Vec<Investment>,
    actions: Vec<Action>,
    exceptions: Vec<PolicyException>,
}

impl Items {
    /// Checks every item file; `known`: every id an action may refer to.
    fn check(
        rq: &RawQuarter,
        ctx: &QuarterCtx,
        known: &BTreeSet<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Items {
        let risks = each(&rq.risks, diags, |r, c| items::risk(r, ctx, c));
        let initiatives = each(&rq.initiatives, diags, |r, c| items::initiative(r, ctx, c));
        let incidents = each(&rq.incidents, diags, |r, c| items::incident(r, ctx, c));
        let investments = each(&rq.investments, diags, |r, c| items::investment(r, ctx, c));
        let actions = each(&rq.actions, diags, |r, c| {
            super::actions::action(r, ctx, known, c)
        });
        let exceptions = each(&rq.exceptions, diags, |r, c| {
            super::playbook::policy::policy_exception(r, &risks, ctx, c)
        });
        let mut items = Items {
            risks,
            initiatives,
            incidents,
            investments,
            actions,
            exceptions,
        };
        items.sort();
        items
    }

    /// File names are free, so order by id (incidents by date): the output must not depend on
    /// how files are named.
    fn sort(&mut self) {
        by_id(&mut self.exceptions, |e| &e.id);
        by_id(&mut self.risks, |r| &r.id);
        by_id(&mut self.initiatives, |i| &i.id);
        self.incidents
            .sort_by(|a, b| (a.occurred, &a.id).cmp(&(b.occurred, &b.id)));
        by_id(&mut self.investments, |i| &i.id);
        by_id(&mut self.actions, |a| &a.id);
    }

    /// True when every file of `rq` became an item: lints that count items would otherwise
    /// report the error again in other words.
    fn all_of(&self, rq: &RawQuarter) -> bool {
        self.risks.len() == rq.risks.len()
            && self.initiatives.len() == rq.initiatives.len()
            && self.incidents.len() == rq.incidents.len()
            && self.investments.len() == rq.investments.len()
            && self.actions.len() == rq.actions.len()
            && self.exceptions.len() == rq.exceptions.len()
    }
}

/// Checks each file of one kind, its diagnostics on that file; those that fail are left out.
fn each<R, T>(
    docs: &[Doc<R>],
    diags: &mut Vec<Diagnostic>,
    mut check: impl FnMut(&R, &mut FileCheck) -> Option<T>,
) -> Vec<T> {
    docs.iter()
        .filter_map(|d| check(&d.value, &mut FileCheck::new(&d.file, diags)))
        .collect()
}

fn by_id<T>(items: &mut [T], id: impl Fn(&T) -> &String) {
    items.sort_by(|a, b| super::scalar::id_key(id(a)).cmp(&super::scalar::id_key(id(b))));
}

/// The ids of the quarter's actions, those whose files could not be read included.
fn action_ids(rq: &RawQuarter) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = rq
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
            )
            .hint = Some(
                "keep one reading per month of the quarter, e.g. `monthly: [98.2, 99.1, 99.4]`"
                    .into(),
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
            )
            .hint = Some(
                "write the reading as an ordinary number, e.g. `99.5`; `.nan` and `.inf` are not readings".into(),
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
