//! Checks of the money-at-risk fields as written: a risk's `loss` ranges and an investment
//! option's `loss_reduction`. What is computed from them is `model::money`.
//!
//! Each mistake is one error at the number that is wrong: a range whose end is not above zero
//! is not also reported as out of order.

use super::check::{pos, FileCheck};
use super::types::{Loss, Range};
use crate::load::raw::{self, S};

/// More than daily is a running cost, not a risk event (and a year of such trials would be slow).
pub(super) const MAX_FREQUENCY: f64 = 365.0;

/// What a range measures, for the messages.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Frequency,
    Magnitude,
}

impl Kind {
    fn field(self) -> &'static str {
        match self {
            Kind::Frequency => "loss.frequency",
            Kind::Magnitude => "loss.magnitude",
        }
    }

    fn example(self) -> &'static str {
        match self {
            Kind::Frequency => "frequency: [0.1, 0.5]",
            Kind::Magnitude => "magnitude: [200000, 5000000]",
        }
    }
}

/// A risk's `loss`, or `None` (with the errors reported) when either range is wrong.
pub(super) fn loss(l: &S<raw::Loss>, c: &mut FileCheck) -> Option<Loss> {
    let frequency = range(&l.value.frequency, Kind::Frequency, c);
    let magnitude = range(&l.value.magnitude, Kind::Magnitude, c);
    Some(Loss {
        frequency: frequency?,
        magnitude: magnitude?,
    })
}

fn range(v: &S<Vec<S<f64>>>, kind: Kind, c: &mut FileCheck) -> Option<Range> {
    let field = kind.field();
    let [low, high] = &v.value[..] else {
        c.error(
            "bad-range",
            pos(v),
            format!(
                "`{field}` has {} numbers; a 90% range is two, `[low, high]`",
                v.value.len()
            ),
        )
        .hint = Some(format!("write it as `{}`", kind.example()));
        return None;
    };
    let mut ok = true;
    for end in [low, high] {
        ok &= above_zero(end, kind, c);
    }
    if ok && kind == Kind::Frequency {
        if let Some(end) = [low, high].into_iter().find(|e| e.value > MAX_FREQUENCY) {
            c.error(
                "bad-range",
                pos(end),
                format!(
                    "`{field}` goes up to {} times a year; a range may say at most {MAX_FREQUENCY} (every day)",
                    end.value
                ),
            )
            .hint = Some(
                "something that happens more than daily is a running cost: count a year of it as one event, e.g. `frequency: [0.8, 1.2]` with the year's total as the magnitude"
                    .into(),
            );
            ok = false;
        }
    }
    if ok && low.value >= high.value {
        let hint = if low.value > high.value {
            format!("write the low end first: `[{}, {}]`", high.value, low.value)
        } else {
            format!(
                "a 90% range has some width: the lowest and the highest you would believe, e.g. `[{}, {}]`",
                low.value / 2.0,
                low.value * 2.0
            )
        };
        c.error(
            "bad-range",
            pos(low),
            format!(
                "`{field}` is [{}, {}]: the first number must be below the second",
                low.value, high.value
            ),
        )
        .hint = Some(hint);
        ok = false;
    }
    ok.then_some(Range {
        low: low.value,
        high: high.value,
    })
}

/// False (with the error reported) for an end that is zero, negative or not a number.
fn above_zero(end: &S<f64>, kind: Kind, c: &mut FileCheck) -> bool {
    if end.value.is_finite() && end.value > 0.0 {
        return true;
    }
    let field = kind.field();
    let hint = match kind {
        Kind::Frequency => {
            "for a rare event write a small number, e.g. 0.01 (once in a hundred years); a risk that cannot happen needs no `loss`"
        }
        Kind::Magnitude => "write the least one event could plausibly cost, above zero",
    };
    c.error(
        "bad-range",
        pos(end),
        format!(
            "`{field}` has {}; both ends of a 90% range must be numbers above zero",
            end.value
        ),
    )
    .hint = Some(hint.into());
    false
}

/// An option's `loss_reduction`: a percent from 0 to 100.
pub(super) fn loss_reduction(v: &Option<S<f64>>, c: &mut FileCheck) -> Option<f64> {
    let v = v.as_ref()?;
    if v.value.is_finite() && (0.0..=100.0).contains(&v.value) {
        return Some(v.value);
    }
    c.error(
        "out-of-range",
        pos(v),
        format!(
            "`loss_reduction` is {}, expected a percent from 0 to 100",
            v.value
        ),
    )
    .hint = Some(
        "the share of the expected annual loss of the risks in `reduces` that this option removes: 40 means 40%"
            .into(),
    );
    None
}
