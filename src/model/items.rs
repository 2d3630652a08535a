//! Risks, initiatives, incidents and investments: raw → typed, with the checks that need
//! the rest of the quarter (its board meeting, its risk ids).

use super::appetite::Appetite;
use super::check::{pos, FileCheck};
use super::scalar::{Date, QuarterId};
use super::types::*;
use crate::diag::suggest;
use crate::diag::Diagnostic;
use crate::load::raw::{self, S};
use std::collections::BTreeSet;

/// A statement longer than this does not fit two lines of the one-pager.
pub(crate) const MAX_STATEMENT_CHARS: usize = 200;

/// What the items of a quarter may refer to.
pub(crate) struct QuarterCtx<'a> {
    pub quarter: Option<QuarterId>,
    pub board_meeting: Option<Date>,
    pub risk_ids: BTreeSet<String>,
    /// The ids of the quarter's actions (those that could not be read included).
    pub action_ids: BTreeSet<String>,
    /// The site's and each category's thresholds; none while quarterdeck.toml has errors.
    pub appetite: Option<&'a Appetite>,
    /// The acceptance rules and notification clocks; none while quarterdeck.toml has errors.
    pub playbook: Option<&'a super::playbook::Playbook>,
    /// `[matrix]` as read, for the money each level stands for; none while quarterdeck.toml
    /// has errors (the `score-disagrees-with-loss` lint then waits).
    pub matrix: Option<&'a crate::config::MatrixSettings>,
    /// What the board is asked this quarter: a risk above appetite is escalated by an ask
    /// `about` it.
    pub asks: Vec<Ask>,
    /// False when an ask failed its checks: the escalation lints then wait.
    pub asks_complete: bool,
    /// The quarter has a `published.yaml`: its risks may predate the site's categories.
    pub published: bool,
}

impl QuarterCtx<'_> {
    pub(crate) fn check_refs(
        &self,
        c: &mut FileCheck,
        field: &str,
        refs: &Option<Vec<S<String>>>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for r in refs.iter().flatten() {
            let id = r.value.trim().to_string();
            if !self.risk_ids.contains(&id) {
                let q = self
                    .quarter
                    .map(|q| q.to_string())
                    .unwrap_or_else(|| "this quarter".into());
                // Ids differ by a digit, so "did you mean" would guess wrong; list them instead.
                let known: Vec<&str> = self.risk_ids.iter().map(String::as_str).take(12).collect();
                let meant =
                    super::scalar::meant_id(&id, "R-").filter(|m| self.risk_ids.contains(m));
                let hint = if let Some(m) = meant {
                    format!("write `{m}`: ids are written in capitals")
                } else if known.is_empty() {
                    format!("{q} has no risks; add risks/{id}.yaml or remove the reference")
                } else {
                    format!(
                        "risks in {q}: {}{}",
                        known.join(", "),
                        if self.risk_ids.len() > 12 {
                            ", …"
                        } else {
                            ""
                        }
                    )
                };
                c.error(
                    "unknown-risk",
                    pos(r),
                    format!("`{field}` refers to risk {id}, which does not exist in {q}"),
                )
                .hint = Some(hint);
            }
            out.push(id);
        }
        out
    }
}

pub(super) fn risk(r: &raw::Risk, ctx: &QuarterCtx, c: &mut FileCheck) -> Option<Risk> {
    let id = c.id(&r.id, "R-");
    let statement = statement(r, &id, c);
    let status = c.word("status", &r.status, RiskStatus::NAMES, RiskStatus::parse);
    let due = due(r, &id, status, ctx, c);
    let exception = exception(r, &id, status, ctx, c);
    // Every field is checked before any `?`, so one bad value does not hide the next.
    let impact = c.int_in("impact", &r.impact, 1, 5);
    let likelihood = c.int_in("likelihood", &r.likelihood, 1, 5);
    let score = impact.zip(likelihood).map(|(i, l)| i * l);
    let scale = super::risk_scale::fields(r, &id, status, score, ctx, c);
    let title = c.text("title", &r.title);
    let owner = c.text("owner", &r.owner);
    let mitigation = c.text("mitigation", &r.mitigation);
    let loss = r.loss.as_ref().and_then(|l| super::loss::loss(l, c));
    let risk = Risk {
        title,
        statement,
        impact: impact?,
        likelihood: likelihood?,
        owner,
        mitigation,
        due,
        status: status?,
        exception,
        category: scale.category,
        treatment: scale.treatment?,
        target: scale.target,
        inherent: scale.inherent,
        loss,
        id,
    };
    super::escalation::lint(&risk, r, scale.settled, ctx, c);
    super::loss_levels::lint(&risk, r, ctx.matrix, c);
    Some(risk)
}

/// The statement, with a warning when it does not fit its two lines on the one-pager.
fn statement(r: &raw::Risk, id: &str, c: &mut FileCheck) -> String {
    let statement = c.text("statement", &r.statement);
    let breaks = statement.trim().matches('\n').count();
    let chars = statement.trim().chars().count();
    if chars > MAX_STATEMENT_CHARS || breaks > 1 {
        c.warning(
            "long-statement",
            pos(&r.statement),
            format!(
                "the statement of {id} is {chars} characters on {}; the one-pager has room for {MAX_STATEMENT_CHARS} characters on at most two",
                crate::diag::plural(breaks + 1, "line"),
            ),
        )
        .hint = Some("say the business impact in one sentence; move detail to the mitigation".into());
    }
    statement
}

/// `due`: required until the risk is closed, and overdue when it fell before the meeting.
fn due(
    r: &raw::Risk,
    id: &str,
    status: Option<RiskStatus>,
    ctx: &QuarterCtx,
    c: &mut FileCheck,
) -> Option<Date> {
    let due = match &r.due {
        Some(d) => c.date("due", d),
        None => {
            if status.is_some_and(|s| s != RiskStatus::Closed) {
                c.error(
                    "missing-field",
                    pos(&r.status),
                    format!("{id} is not closed, so it needs a `due` date"),
                )
                .hint = Some("add `due: YYYY-MM-DD`: when the mitigation lands".into());
            }
            None
        }
    };
    if let (Some(due), Some(meeting), Some(st)) = (due, ctx.board_meeting, status) {
        if st != RiskStatus::Closed && due < meeting {
            let at = r.due.as_ref().and_then(pos);
            c.warning(
                "overdue",
                at,
                format!(
                    "{id} was due {due}, before the board meeting on {meeting}, and is not closed"
                ),
            )
            .hint = Some("set a new due date and say why it slipped, or close the risk".into());
        }
    }
    due
}

/// The signed exception under which the risk is accepted; an accepted risk needs one.
fn exception(
    r: &raw::Risk,
    id: &str,
    status: Option<RiskStatus>,
    ctx: &QuarterCtx,
    c: &mut FileCheck,
) -> Option<Exception> {
    let exception = r.exception.as_ref().and_then(|e| {
        let subject = super::playbook::terms::Subject {
            id,
            name: format!("the exception of {id}"),
            policy: false,
            prefix: "exception.",
            at: pos(e),
        };
        super::playbook::terms::check(&subject, &e.value.terms(), ctx, c)
    });
    if status == Some(RiskStatus::Accepted) && r.exception.is_none() {
        c.error("missing-exception", pos(&r.status), format!("{id} is accepted but has no signed exception"))
            .hint = Some("add `exception:` with reason, expires, compensating_controls, approved_by (engineering, security) and review".into());
    }
    exception
}

pub(super) fn initiative(
    r: &raw::Initiative,
    ctx: &QuarterCtx,
    c: &mut FileCheck,
) -> Option<Initiative> {
    let id = c.id(&r.id, "I-");
    let status = c.word(
        "status",
        &r.status,
        InitiativeStatus::NAMES,
        InitiativeStatus::parse,
    );
    let progress = c.int_in("progress", &r.progress, 0, 100);
    let reduces = ctx.check_refs(c, "reduces", &r.reduces);
    let due = c.date("due", &r.due);
    Some(Initiative {
        title: c.text("title", &r.title),
        owner: c.text("owner", &r.owner),
        status: status?,
        progress: progress?,
        reduces,
        enables: c.opt_text(&r.enables),
        due: due?,
        id,
    })
}

pub(super) fn incident(r: &raw::Incident, ctx: &QuarterCtx, c: &mut FileCheck) -> Option<Incident> {
    let id = c.text("id", &r.id);
    let occurred = c.date("occurred", &r.occurred);
    if let (Some(o), Some(q)) = (occurred, ctx.quarter) {
        if o.0 > q.end() {
            c.error(
                "bad-date",
                pos(&r.occurred),
                format!("{id} occurred on {o}, after {q} ended ({})", q.end()),
            )
            .hint = Some(format!(
                "record it in the quarter it happened, {}",
                o.quarter()
            ));
        }
    }
    let severity = c.word("severity", &r.severity, Severity::NAMES, Severity::parse);
    let detect = c.duration("time_to_detect", &r.time_to_detect);
    let contain = c.duration("time_to_contain", &r.time_to_contain);
    let risks = ctx.check_refs(c, "risks", &r.risks);
    let actions = super::actions::incident_actions(r.actions.as_deref(), ctx, c);
    let title = c.text("title", &r.title);
    let customer_impact = c.text("customer_impact", &r.customer_impact);
    let learning = c.text("learning", &r.learning);
    let notifications = super::playbook::notifications(&id, r.notifications.as_ref(), ctx, c);
    Some(Incident {
        notifications,
        title,
        severity: severity?,
        time_to_detect: detect?,
        time_to_contain: contain?,
        customer_impact,
        learning,
        risks,
        actions,
        occurred: occurred?,
        id,
    })
}

pub(super) fn investment(
    r: &raw::Investment,
    ctx: &QuarterCtx,
    c: &mut FileCheck,
) -> Option<Investment> {
    let id = c.id(&r.id, "INV-");
    let reduces = ctx.check_refs(c, "reduces", &r.reduces);
    let recommended = c.word("recommended", &r.recommended, Tier::NAMES, Tier::parse);
    let options = options(&r.options, c);
    Some(Investment {
        title: c.text("title", &r.title),
        ask: c.text("ask", &r.ask),
        reduces,
        recommended: recommended?,
        options: options?,
        id,
    })
}

fn options(
    o: &S<raw::OrderedMap<S<String>, S<raw::InvestmentOption>>>,
    c: &mut FileCheck,
) -> Option<Options> {
    check_tiers(o, c)?;
    let mut get = |tier: &str| {
        let (_, v) = o.value.0.iter().find(|(k, _)| k.value == tier)?;
        option(&v.value, c)
    };
    // Each tier is checked before any `?`, so an error in `good` does not hide one in `best`.
    let (good, better, best) = (get("good"), get("better"), get("best"));
    Some(Options {
        good: good?,
        better: better?,
        best: best?,
    })
}

/// `options` names exactly good, better and best; `None` (reported once, at the first stray
/// tier) when it does not.
fn check_tiers(
    o: &S<raw::OrderedMap<S<String>, S<raw::InvestmentOption>>>,
    c: &mut FileCheck,
) -> Option<()> {
    let entries = &o.value.0;
    let extra: Vec<String> = entries
        .iter()
        .filter(|(k, _)| Tier::parse(&k.value).is_none())
        .map(|(k, _)| format!("`{}`", k.value))
        .collect();
    let missing: Vec<&str> = Tier::NAMES
        .iter()
        .copied()
        .filter(|n| !entries.iter().any(|(k, _)| k.value == *n))
        .collect();
    if extra.is_empty() && missing.is_empty() {
        return Some(());
    }
    let mut what = Vec::new();
    if !missing.is_empty() {
        what.push(format!(
            "missing {}",
            missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !extra.is_empty() {
        what.push(format!("unexpected {}", extra.join(", ")));
    }
    let stray = entries
        .iter()
        .find(|(k, _)| Tier::parse(&k.value).is_none());
    let at = stray.map_or(pos(o), |(k, _)| pos(k));
    let hint = stray
        .and_then(|(k, _)| suggest::did_you_mean(&k.value, Tier::NAMES.iter().copied()))
        .unwrap_or_else(|| "give exactly three options: good, better and best".into());
    c.error(
        "investment-options",
        at,
        format!(
            "`options` must be exactly good, better and best: {}",
            what.join("; ")
        ),
    )
    .hint = Some(hint);
    None
}

/// One tier of an investment: what it costs and what it buys.
fn option(v: &raw::InvestmentOption, c: &mut FileCheck) -> Option<InvestmentOption> {
    let cost = c.finite("cost", &v.cost);
    if cost.is_some_and(|cost| cost < 0.0) {
        c.error("out-of-range", pos(&v.cost), "`cost` must not be negative")
            .hint = Some("write what the option costs as 0 or more, e.g. `cost: 180000`".into());
    }
    let residual = v
        .residual_risk
        .as_ref()
        .map(|r| c.word("residual_risk", r, Residual::NAMES, Residual::parse));
    let cost_per = v
        .cost_per
        .as_ref()
        .map(|p| c.word("cost_per", p, CostPer::NAMES, CostPer::parse));
    let loss_reduction = super::loss::loss_reduction(&v.loss_reduction, c);
    let summary = c.text("summary", &v.summary);
    let tradeoff = c.text("tradeoff", &v.tradeoff);
    Some(InvestmentOption {
        cost: cost?,
        summary,
        tradeoff,
        residual_risk: residual.flatten(),
        cost_per: cost_per.flatten().unwrap_or(CostPer::Once),
        loss_reduction,
    })
}

/// The highest number written after each id prefix (`R-` → 11, `INC-2026-` → 31), in every
/// quarter: a duplicate's hint names the next free id, never one an earlier quarter used.
pub(super) type Highest = std::collections::BTreeMap<String, u64>;

/// Adds `ids` to `highest`.
pub(super) fn note_highest<'a>(highest: &mut Highest, ids: impl IntoIterator<Item = &'a str>) {
    for id in ids {
        if let Some((prefix, n)) = split_number(id.trim()) {
            let h = highest.entry(prefix.to_string()).or_insert(0);
            *h = (*h).max(n);
        }
    }
}

/// `R-008` → (`R-`, 8).
fn split_number(id: &str) -> Option<(&str, u64)> {
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (prefix, number) = id.split_at(id.len() - digits);
    Some((prefix, number.parse().ok()?))
}

/// Ids must be unique within their kind and quarter; the second occurrence is the error, its
/// hint naming the next id free in this quarter and in `highest`.
pub(super) fn check_unique<'a>(
    kind: &str,
    items: impl IntoIterator<Item = (&'a S<String>, &'a str)>,
    highest: &Highest,
    diags: &mut Vec<Diagnostic>,
) {
    let items: Vec<_> = items.into_iter().collect();
    let mut all = highest.clone();
    note_highest(&mut all, items.iter().map(|(id, _)| id.value.as_str()));
    let mut seen: std::collections::BTreeMap<String, &str> = Default::default();
    for (id, file) in items {
        let key = id.value.trim().to_string();
        if let Some(first) = seen.get(&key) {
            let next = split_number(&key).map(|(prefix, _)| {
                let width = key.len() - prefix.len();
                let n = all.get(prefix).copied().unwrap_or(0) + 1;
                format!("{prefix}{n:0width$}")
            });
            let hint = match next {
                Some(next) => format!("ids are unique within their kind and quarter; give this one the next free id, {next}"),
                None => "ids are unique within their kind and quarter; give this one another id".into(),
            };
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    file,
                    format!("{kind} id {key} is already used by {first}"),
                )
                .at(pos(id))
                .hint(hint),
            );
        } else {
            seen.insert(key, file);
        }
    }
}
