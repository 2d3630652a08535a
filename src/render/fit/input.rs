//! The one-pager's printed text, as `templates/onepager.html` words it, for the print model:
//! the same labels and formats, in the same order, within the same print caps.

use super::page::{IncidentRow, InitiativeRow, InvestmentRow, Layout, MetricRow, RiskRow};
use super::Caps;
use crate::format::Format;
use crate::model::appetite::AppetiteStatus;
use crate::model::facts::Direction;
use crate::model::types::{
    Better, CostPer, Incident, Initiative, MetricOwner, QuarterStatus, Tier,
};
use crate::render::view::{AskView, InvestmentView, MetricView, QuarterView, RiskView};

/// The layout of `q`'s one-pager, whose top risks are `top`, for a site titled `title` of
/// `org` whose signers hold `roles`; `heatmap` is the chart's drawing size in its units.
#[allow(clippy::too_many_arguments)]
pub(crate) fn layout(
    q: &QuarterView,
    top: &[&RiskView],
    (org, title): (&str, &str),
    roles: &crate::model::playbook::Roles,
    heatmap: (f64, f64),
    fmt: &Format,
    caps: &Caps,
) -> Layout {
    let draft = (q.status == QuarterStatus::Draft).then(|| fmt.t("draft").to_string());
    Layout {
        org: org.to_string(),
        title: format!("{title} {}", fmt.quarter(q.quarter)),
        draft,
        meta: [
            fmt.tf(
                "board_meeting",
                &[("date", &fmt.long_date(&q.board_meeting))],
            ),
            signed(q, roles, fmt),
        ],
        restated: restated(q, fmt),
        headline: q.headline.to_string(),
        summary: crate::render::markdown::blocks(q.summary),
        risk_head: [
            fmt.t("col_risk").to_string(),
            format!("{}{}", fmt.t("col_statement"), fmt.t("col_statement_print")),
            fmt.t("col_score_movement").to_string(),
        ],
        risks: top.iter().map(|r| risk(r, fmt)).collect(),
        metrics: q
            .metrics
            .iter()
            .take(caps.metrics)
            .map(|m| metric(m, fmt))
            .collect(),
        heatmap,
        initiatives: q
            .initiatives
            .iter()
            .take(caps.initiatives)
            .map(|i| initiative(i, fmt))
            .collect(),
        incidents: q
            .incidents
            .iter()
            .take(caps.incidents)
            .map(|x| incident(x, fmt))
            .collect(),
        investments: q
            .investments
            .iter()
            .take(caps.investments)
            .map(|v| investment(v, fmt))
            .collect(),
        asks: q.asks.iter().take(caps.asks).map(|a| ask(a, fmt)).collect(),
        since: q
            .since_last
            .map(|s| crate::render::since::since_text(s, fmt).plain()),
        money: q
            .portfolio_loss
            .as_ref()
            .and_then(|p| crate::render::money::AboveTolerance::of(p.tolerance, fmt))
            .map(|a| (a.lead, a.text)),
    }
}

/// The sign-off line, or that the quarter is not signed off.
fn signed(q: &QuarterView, roles: &crate::model::playbook::Roles, fmt: &Format) -> String {
    match q.approved_by {
        // The same placeholders as the template's sign-off, role names included: without them
        // the measured line was the label's raw `({cto_role})` text, wider than what prints.
        Some(a) => fmt.tf(
            "signed_off",
            &[
                ("cto", &a.cto),
                ("ciso", &a.ciso),
                ("cto_role", &roles.cto),
                ("ciso_role", &roles.ciso),
            ],
        ),
        None => fmt.t("not_signed_off").to_string(),
    }
}

/// "Restated: date: reason (approved by …); …", when the published quarter was restated.
fn restated(q: &QuarterView, fmt: &Format) -> Option<String> {
    q.restatements.filter(|r| !r.is_empty()).map(|rs| {
        let each: Vec<String> = rs
            .iter()
            .map(|r| {
                let approved = fmt.tf(
                    "restated_approved",
                    &[("cto", &r.approved_by.cto), ("ciso", &r.approved_by.ciso)],
                );
                format!(
                    "{}: {} {approved}",
                    fmt.long_date(&r.date.to_string()),
                    r.reason
                )
            })
            .collect();
        format!("{} {}", fmt.t("restated"), each.join("; "))
    })
}

/// A scoreboard row: the name, then value, target, met, direction and owner as printed.
fn metric(m: &MetricView, fmt: &Format) -> MetricRow {
    let target = m.metric.target.map_or(fmt.t("none").to_string(), |v| {
        let sign = if m.metric.better == Better::Lower {
            "≤"
        } else {
            "≥"
        };
        format!("{sign} {}", fmt.reading(v, &m.metric.unit))
    });
    let met = match m.target_met {
        Some(true) => format!("✓ {}", fmt.t("met_yes")),
        Some(false) => format!("✗ {}", fmt.t("met_no")),
        None => fmt.t("met_none").to_string(),
    };
    let dir = match m.direction {
        Direction::Improving => format!("▲ {}", fmt.t("dir_improving")),
        Direction::Worsening => format!("▼ {}", fmt.t("dir_worsening")),
        Direction::Flat => format!("▶ {}", fmt.t("dir_flat")),
        Direction::None => fmt.t("dir_none").to_string(),
    };
    let owner = match m.metric.owner {
        MetricOwner::Joint => fmt.t("joint").to_string(),
        other => other.as_str().to_uppercase(),
    };
    MetricRow {
        name: m.metric.name.clone(),
        cells: [
            fmt.reading(*m.value, &m.metric.unit),
            target,
            met,
            dir,
            owner,
        ],
    }
}

fn initiative(i: &Initiative, fmt: &Format) -> InitiativeRow {
    let reach = match (i.reduces.is_empty(), &i.enables) {
        (false, e) => {
            let after = e
                .as_ref()
                .map_or(String::new(), |e| fmt.tf("enables_after", &[("what", e)]));
            format!("{} {}{after}", fmt.t("reduces"), i.reduces.join(", "))
        }
        (true, Some(e)) => fmt.tf("enables", &[("what", e)]),
        (true, None) => "—".into(),
    };
    InitiativeRow {
        title: format!("{} {}", i.title, i.id),
        status: format!("{} ▇▇▇ {}%", fmt.word(i.status.as_str()), i.progress),
        reach,
        due: format!("{} {}", fmt.t("due"), fmt.long_date(&i.due.to_string())),
    }
}

fn incident(x: &Incident, fmt: &Format) -> IncidentRow {
    IncidentRow {
        title: format!(
            "{} {} {}",
            x.severity.as_str().to_uppercase(),
            x.title,
            x.id
        ),
        detect: format!("{} {}", fmt.t("detect"), fmt.duration(x.time_to_detect)),
        contain: format!("{} {}", fmt.t("contain"), fmt.duration(x.time_to_contain)),
        learning: x.learning.clone(),
    }
}

/// An investment ask: the ask, its three options on one line, and why the recommended one.
fn investment(v: &InvestmentView, fmt: &Format) -> InvestmentRow {
    let opts: Vec<String> = [Tier::Good, Tier::Better, Tier::Best]
        .iter()
        .map(|&tier| {
            let o = v.options.get(tier).option;
            // As the one-pager prints it (macros.html, `cost`).
            let cost = match o.cost_per {
                CostPer::Year => fmt.tf("cost_a_year", &[("amount", &fmt.money(o.cost))]),
                CostPer::Once => fmt.money(o.cost),
            };
            let mut s = format!("{} {cost}", fmt.word(tier.as_str()));
            if tier == *v.recommended {
                s = format!("★ {s} — {}", fmt.t("recommended"));
            }
            s
        })
        .collect();
    let rec_view = v.options.get(*v.recommended);
    let rec = rec_view.option;
    let mut why = format!(
        "{}; {}",
        rec.summary,
        fmt.tf("tradeoff", &[("what", &rec.tradeoff)])
    );
    if let Some(avoided) = rec_view.avoided_loss {
        let avoids = fmt.tf("avoids_a_year", &[("amount", &fmt.money(*avoided))]);
        why = format!("{avoids}; {why}");
    }
    if let Some(r) = rec.residual_risk {
        let level = fmt.word_in_text(r.as_str());
        why = format!("{why}; {}", fmt.tf("residual_risk", &[("level", &level)]));
    }
    InvestmentRow {
        ask: format!("{} {} {}", v.title, v.id, v.ask),
        options: opts.join(" · "),
        why,
    }
}

/// "Decide: text (about R-001 Title; INV-006 Title) — Approved: Better, $1.8M", as the
/// one-pager prints an ask.
fn ask(a: &AskView, fmt: &Format) -> String {
    let mut s = format!("{}: {}", fmt.word(a.ask.kind.as_str()), a.ask.text);
    if !a.about_items.is_empty() {
        let each: Vec<String> = a
            .about_items
            .iter()
            .map(|x| format!("{} {}", x.id, x.title))
            .collect();
        s = format!("{s} ({} {})", fmt.t("ask_about"), each.join("; "));
    }
    if let Some(d) = &a.ask.decision {
        s = format!("{s} — {}", crate::render::since::decision_text(d, fmt));
    }
    s
}

fn risk(r: &RiskView, fmt: &Format) -> RiskRow {
    let date = |d: &crate::model::scalar::Date| fmt.long_date(&d.to_string());
    let (score, target) = (r.facts.score.to_string(), r.facts.target_score);
    // With a target the line says where the score is going ("target 12 → 8 by …") instead of
    // the due date alone (the template's `say::target`).
    let due = match (target.map(|t| t.to_string()), r.risk.due) {
        (Some(to), Some(d)) => fmt.tf(
            "target_by",
            &[("from", &score), ("to", &to), ("date", &date(&d))],
        ),
        (Some(to), None) => fmt.tf("target_plain", &[("from", &score), ("to", &to)]),
        (None, Some(d)) => fmt.tf("due_date", &[("date", &date(&d))]),
        (None, None) => fmt.t("no_due_date").to_string(),
    };
    let mut owner = format!("{} · {due}", r.risk.owner);
    if let Some(e) = r
        .risk
        .exception
        .as_ref()
        .filter(|_| r.risk.status.as_str() == "accepted")
    {
        owner = format!(
            "{owner} · {}, {}",
            fmt.t("accepted_short"),
            fmt.tf(
                "exception_expires",
                &[("date", &fmt.long_date(&e.expires.to_string()))]
            )
        );
    }
    RiskRow {
        title: r.risk.title.clone(),
        statement: r.risk.statement.clone(),
        owner,
        above: match r.facts.appetite_status {
            AppetiteStatus::OutsideTolerance => Some(fmt.t("outside_tolerance").to_string()),
            AppetiteStatus::Above => Some(fmt.t("above_appetite").to_string()),
            _ => None,
        },
        eal: r
            .facts
            .expected_annual_loss
            .map(|v| fmt.tf("eal_beside_score", &[("amount", &fmt.money(v))])),
    }
}
