//! Test builders for the chart tests: small valid content with just the fields a chart reads.

pub use crate::model::facts::{self, MetricFacts, QuarterFacts};
pub use crate::model::scalar::{Date, Minutes, QuarterId};
pub use crate::model::types::*;

pub fn qid(s: &str) -> QuarterId {
    QuarterId::parse(s).unwrap()
}

pub fn risk(id: &str, likelihood: u8, impact: u8) -> Risk {
    Risk {
        id: id.into(),
        title: format!("Risk {id}"),
        statement: "s".into(),
        impact,
        likelihood,
        owner: "o".into(),
        mitigation: "m".into(),
        due: None,
        status: RiskStatus::Open,
        exception: None,
        category: None,
        treatment: Treatment::Mitigate,
        target: None,
        inherent: None,
        loss: None,
    }
}

/// A signed exception that expires on `expires` (the date the pack and `diff` read).
pub fn exception(expires: &str) -> Exception {
    Exception {
        reason: "r".into(),
        expires: Date::parse(expires).unwrap(),
        compensating_controls: vec!["c".into()],
        approved_by: ExceptionApproval {
            engineering: "e".into(),
            security: "s".into(),
        },
        review: Date::parse("2026-01-01").unwrap(),
        signed: None,
        scope: None,
        reviewed: None,
        at: Default::default(),
    }
}

pub fn quarter(q: &str, risks: Vec<Risk>) -> Quarter {
    Quarter {
        quarter: qid(q),
        status: QuarterStatus::Final,
        board_meeting: Date::parse("2026-10-14").unwrap(),
        headline: "h".into(),
        summary: "s".into(),
        asks: vec![],
        approved_by: None,
        readings: vec![],
        risks,
        initiatives: vec![],
        incidents: vec![],
        investments: vec![],
        actions: vec![],
        exceptions: vec![],
        file: String::new(),
        complete: true,
        facts: Default::default(),
        published: None,
    }
}

/// The facts the one-pager computes for `q` after `prev`.
pub fn facts_for(q: &Quarter, prev: Option<&Quarter>, top: usize) -> QuarterFacts {
    QuarterFacts {
        risks: q
            .risks
            .iter()
            .map(|r| facts::risk_facts(r, prev, &Default::default(), &Default::default()))
            .collect(),
        metrics: vec![],
        top_risks: facts::top_risks(&q.risks, top),
        since_last: None,
        exceptions: vec![],
        ..Default::default()
    }
}

pub fn metric(id: &str, unit: &str, target: Option<f64>) -> Metric {
    Metric {
        id: id.into(),
        name: format!("Metric {id}"),
        unit: unit.into(),
        better: Better::Higher,
        target,
        flat_band: 0.0,
        owner: MetricOwner::Joint,
        description: None,
    }
}

pub fn history(m: &Metric, points: &[(&str, f64)]) -> MetricFacts {
    let history: Vec<(QuarterId, f64)> = points.iter().map(|(q, v)| (qid(q), *v)).collect();
    let value = history.last().map_or(0.0, |p| p.1);
    MetricFacts {
        id: m.id.clone(),
        value,
        previous: None,
        direction: facts::Direction::None,
        target_met: None,
        history,
    }
}

pub fn incident(id: &str, detect_min: u64, contain_min: u64) -> Incident {
    Incident {
        id: id.into(),
        title: format!("Incident {id}"),
        severity: Severity::Sev2,
        occurred: Date::parse("2026-08-01").unwrap(),
        time_to_detect: Minutes(detect_min),
        time_to_contain: Minutes(contain_min),
        customer_impact: "c".into(),
        learning: "l".into(),
        risks: vec![],
        actions: vec![],
        notifications: vec![],
    }
}

fn option(cost: f64, residual: Option<Residual>) -> InvestmentOption {
    InvestmentOption {
        cost,
        summary: "s".into(),
        tradeoff: "t".into(),
        residual_risk: residual,
        cost_per: CostPer::Once,
        loss_reduction: None,
    }
}

/// Three options at `costs`, with residual risk high / medium / low unless `residuals` says otherwise.
pub fn investment(
    id: &str,
    costs: [f64; 3],
    residuals: [Option<Residual>; 3],
    recommended: Tier,
) -> Investment {
    Investment {
        id: id.into(),
        title: format!("Investment {id}"),
        ask: "a".into(),
        reduces: vec![],
        recommended,
        options: Options {
            good: option(costs[0], residuals[0]),
            better: option(costs[1], residuals[1]),
            best: option(costs[2], residuals[2]),
        },
    }
}

pub const HML: [Option<Residual>; 3] = [
    Some(Residual::High),
    Some(Residual::Medium),
    Some(Residual::Low),
];

/// A full quarter: 5 top risks (two sharing a cell, three that moved), 12 metrics with 8 quarters of
/// history, 3 incidents and 3 investment asks.
pub fn busy_quarter() -> (Quarter, QuarterFacts, Vec<Metric>) {
    let prev = quarter(
        "2026-Q2",
        vec![
            risk("R-007", 4, 5),
            risk("R-002", 3, 3),
            risk("R-011", 4, 4),
            risk("R-004", 2, 4),
        ],
    );
    let mut q = quarter(
        "2026-Q3",
        vec![
            risk("R-002", 4, 4),
            risk("R-004", 2, 4),
            risk("R-007", 3, 5),
            risk("R-011", 4, 4),
            risk("R-015", 3, 3),
            risk("R-016", 1, 2),
        ],
    );
    q.incidents = vec![
        incident("INC-2026-031", 40, 95),
        incident("INC-2026-034", 0, 2 * 1440),
        incident("INC-2026-040", 6 * 60, 3 * 1440 + 600),
    ];
    q.investments = vec![
        investment("INV-003", [180e3, 420e3, 750e3], HML, Tier::Better),
        investment("INV-004", [60e3, 150e3, 300e3], HML, Tier::Best),
        investment(
            "INV-005",
            [250e3, 500e3, 1.2e6],
            [
                Some(Residual::High),
                Some(Residual::High),
                Some(Residual::Medium),
            ],
            Tier::Good,
        ),
    ];
    let mut facts = facts_for(&q, Some(&prev), 5);
    let quarters = [
        "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3",
    ];
    let metrics: Vec<Metric> = (0..12)
        .map(|i| {
            metric(
                &format!("metric_{i:02}"),
                "%",
                (i % 3 != 0).then_some(99.95),
            )
        })
        .collect();
    facts.metrics = metrics
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let points: Vec<(&str, f64)> = quarters
                .iter()
                .enumerate()
                .map(|(j, q)| (*q, 99.9 + ((i + j * 3) % 8) as f64 / 100.0))
                .collect();
            history(m, &points)
        })
        .collect();
    (q, facts, metrics)
}
