//! `score-disagrees-with-loss`: a risk's `loss` ranges against its `impact` and `likelihood`,
//! through the money and chance that `[matrix]` gives each level. The median loss each time
//! (√(low × high) of `magnitude`) has an impact level by `impact_loss`; the chance of at least
//! one event a year (from `frequency`, computed, not drawn) has a likelihood level by
//! `likelihood_chance`. More than one level apart, the score and the money tell the board
//! different stories: a lint at the range, with both levels.

use super::check::{pos, FileCheck};
use super::money::{chance_of_any, Lognormal};
use super::types::{Loss, Risk, RiskStatus};
use crate::config::MatrixSettings;
use crate::load::raw;

/// The level (1 to 5) of `value` on a scale whose levels 1 to 4 end at `bounds`: a value equal
/// to a level's bound is in that level, as a score equal to a limit is within it.
pub(super) fn level(value: f64, bounds: &[f64]) -> u8 {
    1 + bounds.iter().filter(|&&b| value > b).count() as u8
}

/// The lint for `risk`, when `[matrix]` gives `impact_loss` or `likelihood_chance`: one per
/// scale that disagrees. Quiet on a closed risk and on a `loss` with errors.
pub(super) fn lint(
    risk: &Risk,
    written: &raw::Risk,
    matrix: Option<&MatrixSettings>,
    c: &mut FileCheck,
) {
    let (Some(m), Some(loss), Some(at)) = (matrix, risk.loss.as_ref(), written.loss.as_ref())
    else {
        return;
    };
    if risk.status == RiskStatus::Closed {
        return;
    }
    if let Some(bounds) = m.impact_loss.as_deref().filter(|b| b.len() == 4) {
        impact(risk, loss, bounds, pos(&at.value.magnitude), c);
    }
    if let Some(bounds) = m.likelihood_chance.as_deref().filter(|b| b.len() == 4) {
        likelihood(risk, loss, bounds, pos(&at.value.frequency), c);
    }
}

fn impact(
    risk: &Risk,
    loss: &Loss,
    bounds: &[f64],
    at: Option<crate::diag::Pos>,
    c: &mut FileCheck,
) {
    let median = Lognormal::of(loss.magnitude).median();
    let by_loss = level(median, bounds);
    if by_loss.abs_diff(risk.impact) <= 1 {
        return;
    }
    c.warning(
        "score-disagrees-with-loss",
        at,
        format!(
            "{}'s `loss.magnitude` has a median of {:.0} each time, impact level {by_loss} by `impact_loss`, but its `impact` is {}: more than one level apart",
            risk.id, median, risk.impact
        ),
    )
    .hint = Some(format!(
        "re-rate `impact` (level {by_loss} by the money) or revisit the range, so that the score and the money tell the board the same story"
    ));
}

fn likelihood(
    risk: &Risk,
    loss: &Loss,
    bounds: &[f64],
    at: Option<crate::diag::Pos>,
    c: &mut FileCheck,
) {
    let pct = chance_of_any(loss.frequency) * 100.0;
    let by_loss = level(pct, bounds);
    if by_loss.abs_diff(risk.likelihood) <= 1 {
        return;
    }
    c.warning(
        "score-disagrees-with-loss",
        at,
        format!(
            "{}'s `loss.frequency` gives a {:.1}% chance a year of at least one event, likelihood level {by_loss} by `likelihood_chance`, but its `likelihood` is {}: more than one level apart",
            risk.id, pct, risk.likelihood
        ),
    )
    .hint = Some(format!(
        "re-rate `likelihood` (level {by_loss} by the money) or revisit the range, so that the score and the money tell the board the same story"
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_equal_to_a_bound_is_in_that_level() {
        let bounds = [100_000.0, 1_000_000.0, 5_000_000.0, 25_000_000.0];
        assert_eq!(level(100_000.0, &bounds), 1);
        assert_eq!(level(100_000.01, &bounds), 2);
        assert_eq!(level(25_000_000.0, &bounds), 4);
        assert_eq!(level(25_000_001.0, &bounds), 5);
        assert_eq!(level(1.0, &bounds), 1);
    }
}
