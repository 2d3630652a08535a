//! The board's loss tolerance against the portfolio: for each `[appetite] loss_tolerance`
//! point, the portfolio's chance a year of losing at least its amount, and whether that is above
//! the chance the board accepts, and which point the one-pager says in words. Decided here
//! once; the pack's sentences, the one-pager's, the chart and `data.json` show it.

use serde::{Serialize, Serializer};

/// A point of the board's loss tolerance: an amount (site currency) and the largest chance a
/// year, in %, of losing at least that much that the board accepts, as `quarterdeck.toml` has it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TolerancePoint {
    pub amount: f64,
    pub percent: f64,
}

impl TolerancePoint {
    /// The chance accepted, 0 to 1.
    pub fn chance(self) -> f64 {
        self.percent / 100.0
    }
}

/// As written: `[amount, percent]`.
impl Serialize for TolerancePoint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [Num(self.amount), Num(self.percent)].serialize(s)
    }
}

/// A number as a reader writes it: `10000000`, not `10000000.0`.
#[derive(Clone, Copy)]
struct Num(f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            v if v.fract() == 0.0 && v.abs() < 9e15 => s.serialize_i64(v as i64),
            v => s.serialize_f64(v),
        }
    }
}

/// A tolerance point and where the portfolio stands against it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ToleranceCheck {
    pub point: TolerancePoint,
    /// The share of trial years that lost at least `point.amount`, 0 to 1.
    pub chance: f64,
}

impl ToleranceCheck {
    /// The portfolio's chance of losing at least the amount is above the chance accepted. Equal
    /// is within, as a score equal to its limit is.
    pub fn is_above(self) -> bool {
        // A trial count turned into a percent may be a last bit off an equal tolerance; a
        // billionth of a percent is far below the 0.005% one trial year weighs.
        self.chance * 100.0 > self.point.percent + 1e-9
    }
}

/// The point where the portfolio is furthest above the board's tolerance: the largest chance
/// a year against the chance accepted there (ties: the first, the smaller amount); none when it
/// is within tolerance at every point. The one-pager has room for one sentence: this one.
pub(crate) fn furthest_above(checks: &[ToleranceCheck]) -> Option<ToleranceCheck> {
    let over = |c: &ToleranceCheck| c.chance / c.point.chance();
    checks
        .iter()
        .copied()
        .filter(|c| c.is_above())
        .fold(None, |best, c| match best {
            Some(b) if over(&c) <= over(&b) => Some(b),
            _ => Some(c),
        })
}

/// `{amount, tolerance, chance, above}`, chances in % (the portfolio's to a thousandth of a
/// percent: 20,000 trial years count in steps of 0.005%).
impl Serialize for ToleranceCheck {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ToleranceCheck", 4)?;
        st.serialize_field("amount", &Num(self.point.amount))?;
        st.serialize_field("tolerance", &Num(self.point.percent))?;
        let chance = (self.chance * 100_000.0).round() / 1000.0;
        st.serialize_field("chance", &Num(chance))?;
        st.serialize_field("above", &self.is_above())?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(percent: f64, chance: f64) -> ToleranceCheck {
        ToleranceCheck {
            point: TolerancePoint {
                amount: 1e7,
                percent,
            },
            chance,
        }
    }

    #[test]
    fn the_one_pager_says_the_point_furthest_above() {
        let at = |amount, percent, chance| ToleranceCheck {
            point: TolerancePoint { amount, percent },
            chance,
        };
        // 60% against 50% is 1.2 times; 14% against 10% is 1.4 times; 0.5% against 1% is within.
        let checks = [at(1e6, 50.0, 0.6), at(1e7, 10.0, 0.14), at(5e7, 1.0, 0.005)];
        assert_eq!(furthest_above(&checks), Some(checks[1]));
        // Equally far above (1.5 times, exactly): the first.
        let tie = [at(1e6, 50.0, 0.75), at(1e7, 25.0, 0.375)];
        assert_eq!(furthest_above(&tie), Some(tie[0]));
        assert_eq!(furthest_above(&[checks[2]]), None);
        assert_eq!(furthest_above(&[]), None);
    }

    #[test]
    fn a_chance_equal_to_the_tolerance_is_within_and_one_trial_more_is_above() {
        assert!(!check(10.0, 0.1).is_above());
        assert!(check(10.0, 0.1 + 1.0 / 20_000.0).is_above());
        assert!(!check(10.0, 0.1 - 1.0 / 20_000.0).is_above());
        assert_eq!(
            serde_json::to_string(&check(10.0, 2841.0 / 20_000.0)).unwrap(),
            r#"{"amount":10000000,"tolerance":10,"chance":14.205,"above":true}"#
        );
    }
}
