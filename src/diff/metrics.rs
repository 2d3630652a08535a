//! Scoreboard changes: value moves, direction changes, target met ↔ missed.

use super::types::{MetricChange, MetricState};
use super::Side;
use crate::model::facts::{direction, Direction, MetricFacts};
use crate::model::types::Metric;

fn state(f: &MetricFacts) -> MetricState {
    MetricState {
        value: f.value,
        direction: f.direction,
        target_met: f.target_met,
    }
}

/// Every metric whose reading, direction or target status differs, in scoreboard order (the
/// newer `metrics.yaml`, then metrics only the older side defines).
pub(super) fn metrics(from: &Side, to: &Side) -> Vec<MetricChange> {
    let only_before = from
        .site
        .metrics
        .iter()
        .filter(|m| !to.site.metrics.iter().any(|n| n.id == m.id));
    to.site
        .metrics
        .iter()
        .chain(only_before)
        .filter_map(|m| {
            let before = from.facts.metrics.iter().find(|f| f.id == m.id).map(state);
            let now = to.facts.metrics.iter().find(|f| f.id == m.id).map(state);
            (before != now).then(|| change(m, before, now))
        })
        .collect()
}

fn change(m: &Metric, from: Option<MetricState>, to: Option<MetricState>) -> MetricChange {
    MetricChange {
        id: m.id.clone(),
        name: m.name.clone(),
        unit: m.unit.clone(),
        better: m.better,
        target: m.target,
        from,
        to,
        change: from.zip(to).map(|(a, b)| direction(m, a.value, b.value)),
    }
}

impl MetricChange {
    /// Both one-pagers show a direction (a trend needs an earlier reading) and they differ.
    pub(crate) fn direction_changed(&self) -> bool {
        self.from.zip(self.to).is_some_and(|(a, b)| {
            a.direction != b.direction
                && a.direction != Direction::None
                && b.direction != Direction::None
        })
    }

    /// `Some(true)` when the target became met, `Some(false)` when it became missed.
    pub(crate) fn target_flip(&self) -> Option<bool> {
        match (self.from?.target_met?, self.to?.target_met?) {
            (false, true) => Some(true),
            (true, false) => Some(false),
            _ => None,
        }
    }
}
