//! A busy quarter for the chart tests, built with the model's test builder
//! (`model::testing`), which this module hands on to them with the model's types.

pub(crate) use crate::model::facts::QuarterFacts;
pub(crate) use crate::model::scalar::Minutes;
pub(crate) use crate::model::testing::*;
pub(crate) use crate::model::types::*;

/// A full quarter: 5 top risks (two sharing a cell, three that moved), 12 metrics with 8 quarters of
/// history, 3 incidents and 3 investment asks.
pub(crate) fn busy_quarter() -> (Quarter, QuarterFacts, Vec<Metric>) {
    let prev = quarter("2026-Q2").risks([
        risk("R-007").likelihood(4).impact(5),
        risk("R-002").likelihood(3).impact(3),
        risk("R-011").likelihood(4).impact(4),
        risk("R-004").likelihood(2).impact(4),
    ]);
    let q = quarter("2026-Q3")
        .risks([
            risk("R-002").likelihood(4).impact(4),
            risk("R-004").likelihood(2).impact(4),
            risk("R-007").likelihood(3).impact(5),
            risk("R-011").likelihood(4).impact(4),
            risk("R-015").likelihood(3).impact(3),
            risk("R-016").likelihood(1).impact(2),
        ])
        .incident(
            incident("INC-2026-031")
                .time_to_detect(Minutes(40))
                .time_to_contain(Minutes(95)),
        )
        .incident(
            incident("INC-2026-034")
                .time_to_detect(Minutes(0))
                .time_to_contain(Minutes(2 * 1440)),
        )
        .incident(
            incident("INC-2026-040")
                .time_to_detect(Minutes(6 * 60))
                .time_to_contain(Minutes(3 * 1440 + 600)),
        )
        .investment(
            investment("INV-003")
                .costs([180e3, 420e3, 750e3])
                .residuals(HIGH_MEDIUM_LOW)
                .recommended(Tier::Better),
        )
        .investment(
            investment("INV-004")
                .costs([60e3, 150e3, 300e3])
                .residuals(HIGH_MEDIUM_LOW)
                .recommended(Tier::Best),
        )
        .investment(
            investment("INV-005")
                .costs([250e3, 500e3, 1.2e6])
                .residuals([
                    Some(Residual::High),
                    Some(Residual::High),
                    Some(Residual::Medium),
                ])
                .recommended(Tier::Good),
        );
    let mut facts = facts_of(&q, Some(&prev), 5);
    let quarters = [
        "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3",
    ];
    let metrics: Vec<Metric> = (0..12)
        .map(|i| {
            let mut m = metric(&format!("metric_{i:02}"));
            m.target = (i % 3 != 0).then_some(99.95);
            m
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
