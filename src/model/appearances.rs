//! A risk across the quarters it appears in: the first and the last of them, how many, and its
//! story from one appearance to the next (owner, status, score), decided here once for the risk
//! index and each risk's page, which only word it. Which quarters count is the caller's choice
//! (a build without drafts shows fewer), so each function takes them as given, oldest first.

use super::change::{state, RiskState};
use super::scalar::{id_key, QuarterId};
use super::types::{Quarter, Risk, RiskStatus};
use std::collections::BTreeMap;

/// Where a risk appears among the quarters given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub first: QuarterId,
    pub last: QuarterId,
    /// In how many of the quarters.
    pub quarters: usize,
    /// Its latest appearance: the index of the quarter among those given, and of the risk in
    /// that quarter's risks (and facts).
    pub latest: (usize, usize),
}

/// Every risk of `quarters` (oldest first), in id order, with its span.
pub(crate) fn spans<'a>(quarters: impl IntoIterator<Item = &'a Quarter>) -> Vec<(&'a str, Span)> {
    let mut spans: BTreeMap<(u64, &str), (&str, Span)> = BTreeMap::new();
    for (i, q) in quarters.into_iter().enumerate() {
        for (k, r) in q.risks.iter().enumerate() {
            let (_, span) = spans.entry(id_key(&r.id)).or_insert_with(|| {
                let span = Span {
                    first: q.quarter,
                    last: q.quarter,
                    quarters: 0,
                    latest: (i, k),
                };
                (r.id.as_str(), span)
            });
            span.last = q.quarter;
            span.quarters += 1;
            span.latest = (i, k);
        }
    }
    spans.into_values().collect()
}

/// One sentence of a risk's story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// Its first appearance, with where it stood.
    First {
        quarter: QuarterId,
        score: u8,
        impact: u8,
        likelihood: u8,
    },
    /// In `quarter`, against its appearance before: another owner, status or score.
    Owner {
        quarter: QuarterId,
        from: String,
        to: String,
    },
    Status {
        quarter: QuarterId,
        from: RiskStatus,
        to: RiskStatus,
    },
    Score {
        quarter: QuarterId,
        from: u8,
        to: u8,
    },
}

/// The story of one risk over its appearances (oldest first): where it started, then what each
/// appearance changed from the one before, owner before status before score. The states
/// compared are those `change` compares quarters by.
pub(crate) fn story<'a>(appearances: impl IntoIterator<Item = (QuarterId, &'a Risk)>) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut before: Option<RiskState> = None;
    for (quarter, r) in appearances {
        let now = state(r);
        match &before {
            None => steps.push(Step::First {
                quarter,
                score: now.score,
                impact: now.impact,
                likelihood: now.likelihood,
            }),
            Some(a) => steps.extend(changed(quarter, a, &now)),
        }
        before = Some(now);
    }
    steps
}

fn changed(quarter: QuarterId, a: &RiskState, b: &RiskState) -> Vec<Step> {
    let mut steps = Vec::new();
    if a.owner != b.owner {
        steps.push(Step::Owner {
            quarter,
            from: a.owner.clone(),
            to: b.owner.clone(),
        });
    }
    if a.status != b.status {
        steps.push(Step::Status {
            quarter,
            from: a.status,
            to: b.status,
        });
    }
    if a.score != b.score {
        steps.push(Step::Score {
            quarter,
            from: a.score,
            to: b.score,
        });
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{qid, quarter, risk};

    #[test]
    fn a_span_runs_from_the_first_appearance_to_the_last_across_gaps() {
        let quarters = [
            quarter("2026-Q1").risks([risk("R-10"), risk("R-2")]),
            quarter("2026-Q2").risk(risk("R-10")),
            quarter("2026-Q3").risks([risk("R-3"), risk("R-2")]),
        ];
        let spans = spans(&quarters);
        let row = |first: &str, last: &str, n: usize, latest: (usize, usize)| Span {
            first: qid(first),
            last: qid(last),
            quarters: n,
            latest,
        };
        assert_eq!(
            spans,
            [
                ("R-2", row("2026-Q1", "2026-Q3", 2, (2, 1))),
                ("R-3", row("2026-Q3", "2026-Q3", 1, (2, 0))),
                ("R-10", row("2026-Q1", "2026-Q2", 2, (1, 0))),
            ]
        );
    }

    #[test]
    fn the_story_starts_where_the_risk_stood_then_says_each_change_once() {
        let a = risk("R-1").impact(3).likelihood(2).owner("CTO");
        let b = risk("R-1")
            .impact(3)
            .likelihood(2)
            .owner("CISO")
            .status(RiskStatus::Accepted);
        let c = b.clone().likelihood(1).title("renamed");
        let steps = story([
            (qid("2026-Q1"), &a),
            (qid("2026-Q2"), &b),
            (qid("2026-Q4"), &c),
        ]);
        assert_eq!(
            steps,
            [
                Step::First {
                    quarter: qid("2026-Q1"),
                    score: 6,
                    impact: 3,
                    likelihood: 2
                },
                Step::Owner {
                    quarter: qid("2026-Q2"),
                    from: "CTO".into(),
                    to: "CISO".into()
                },
                Step::Status {
                    quarter: qid("2026-Q2"),
                    from: a.status,
                    to: RiskStatus::Accepted
                },
                Step::Score {
                    quarter: qid("2026-Q4"),
                    from: 6,
                    to: 3
                },
            ]
        );
    }
}
