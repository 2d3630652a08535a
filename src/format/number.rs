//! Plain and compact numbers, and axis ticks.
//!
//! The one precision rule, shared by money and compact readings: below a threshold a value shows
//! at most two decimals; from there up it is rounded to three significant digits *first* and then
//! given the largest unit (k, M, B, T) the rounded value reaches, so 999,999 reads `1M`, never
//! `1000k`, and 1,250,000 reads `1.25M` wherever it appears.

/// Units for large numbers, largest first; trillions are the ceiling, beyond that the mantissa
/// grows (`1000T`).
const UNITS: [(f64, &str); 4] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")];

/// Significant digits of a value written with a unit.
const SIGNIFICANT: i32 = 3;

/// At most `decimals` decimals, trailing zeros dropped: `99.96`, `6.1`, `7`; never `-0`; `–`
/// for NaN and infinities; scientific from 1e15 up. ASCII and locale-free, so it is also what
/// machine-read output (SVG coordinates) uses.
pub(crate) fn plain(v: f64, decimals: usize) -> String {
    let mut out = String::new();
    push_plain(&mut out, v, decimals);
    out
}

/// [`plain`], written at the end of `out`.
fn push_plain(out: &mut String, v: f64, decimals: usize) {
    if !v.is_finite() {
        out.push('–');
        return;
    }
    if v.abs() >= 1e15 {
        out.push_str(&format!("{v:.2e}"));
        return;
    }
    if let Some(n) = near_decimal(v, decimals) {
        push_decimal(out, n, decimals);
        return;
    }
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    out.push_str(if s == "-0" { "0" } else { s });
}

/// `v` in units of `10^-decimals`, when it lies within a millionth of such a unit of a whole
/// number of them: then exact rounding to `decimals` decimals, which is what `format!` does
/// and is slow (most of the cost of a money or a chart coordinate), cannot give anything else.
/// The scaled value's own rounding error is below 2^-53 of it, far inside the half unit that
/// rounding may be off by; other values (a third, a tie such as 0.125 to two decimals) get
/// none, and are formatted exactly.
fn near_decimal(v: f64, decimals: usize) -> Option<i64> {
    const SCALE: [f64; 9] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
    let scaled = v * SCALE.get(decimals)?;
    let n = scaled.round();
    ((scaled - n).abs() < 1e-6 && n.abs() < 1e15).then_some(n as i64)
}

/// `n` units of `10^-decimals` as a decimal, trailing zeros dropped, never `-0`. The digits are
/// written by hand: `write!` costs more than the rest of a money amount.
fn push_decimal(out: &mut String, n: i64, decimals: usize) {
    // |n| < 10^15: at most 15 digits, a point and a sign.
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let mut rest = n.unsigned_abs();
    let mut shown = false;
    for place in 0.. {
        let digit = (rest % 10) as u8;
        rest /= 10;
        if place < decimals {
            // Trailing zeros of the decimals are dropped.
            if !shown && digit == 0 {
                continue;
            }
            shown = true;
        } else if place == decimals && shown {
            at -= 1;
            buf[at] = b'.';
        }
        at -= 1;
        buf[at] = b'0' + digit;
        if place >= decimals && rest == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    out.push_str(std::str::from_utf8(&buf[at..]).unwrap_or_default());
}

/// `v` by the precision rule above, with a unit from `from` up: `compact(12_345.0, 1e4)` is
/// `12.3k`, `compact(9_999.5, 1e4)` is `9999.5`.
pub(super) fn compact(v: f64, from: f64) -> String {
    let mut out = String::new();
    push_compact(&mut out, v, from);
    out
}

/// [`compact`], written at the end of `out`.
pub(super) fn push_compact(out: &mut String, v: f64, from: f64) {
    if !v.is_finite() {
        push_plain(out, v, 2);
        return;
    }
    let a = v.abs();
    let start = out.len();
    if v < 0.0 {
        out.push('-');
    }
    let digits = out.len();
    if (a * 100.0).round() / 100.0 < from {
        push_plain(out, a, 2);
    } else {
        let r = round_significant(a);
        match UNITS.iter().find(|(u, _)| r >= *u) {
            Some((u, suffix)) => {
                push_plain(out, r / u, 2);
                out.push_str(suffix);
            }
            None => push_plain(out, r, 2),
        }
    }
    // Never `-0`.
    if &out[digits..] == "0" {
        out.replace_range(start..digits, "");
    }
}

/// `v` rounded by the precision rule, unit aside: from `from` up to three significant digits
/// (halves up), below it to two decimals. What every language's compact amounts are made of.
pub(super) fn rounded(v: f64, from: f64) -> f64 {
    if !v.is_finite() {
        return v;
    }
    let a = v.abs();
    let r = if (a * 100.0).round() / 100.0 < from {
        (a * 100.0).round() / 100.0
    } else {
        round_significant(a)
    };
    r.copysign(v)
}

/// `a` (positive) rounded to [`SIGNIFICANT`] digits. Large values are divided by an exact power
/// of ten rather than multiplied by a tiny one, so 999,999 rounds to exactly 1,000,000.
fn round_significant(a: f64) -> f64 {
    if a == 0.0 {
        return 0.0;
    }
    let mut e = a.log10().floor() as i32;
    // log10 may land a hair off at exact powers of ten.
    if 10f64.powi(e) > a {
        e -= 1;
    } else if 10f64.powi(e + 1) <= a {
        e += 1;
    }
    let shift = e - (SIGNIFICANT - 1);
    if shift >= 0 {
        let q = 10f64.powi(shift);
        (a / q).round() * q
    } else {
        let p = 10f64.powi(-shift);
        (a * p).round() / p
    }
}

/// An axis tick label whose precision follows the tick step; from 10,000 up values take a unit.
pub(crate) fn tick(v: f64, step: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    let largest = v.abs().max(step.abs());
    let (unit, suffix) = UNITS
        .iter()
        .find(|(u, _)| largest >= u.max(1e4))
        .copied()
        .unwrap_or((1.0, ""));
    format!("{}{suffix}", plain(v / unit, decimals_for(step / unit)))
}

/// The fewest decimals that show every multiple of `step` exactly (2 when there is no step).
fn decimals_for(step: f64) -> usize {
    if !(step.is_finite() && step > 0.0) {
        return 2;
    }
    (0..6)
        .find(|d| {
            let s = step * 10f64.powi(*d);
            (s - s.round()).abs() < 1e-6 * s.max(1.0)
        })
        .map_or(6, |d| d as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_trims_and_never_shows_negative_zero() {
        assert_eq!(plain(99.960, 2), "99.96");
        assert_eq!(plain(7.0, 2), "7");
        assert_eq!(plain(0.0, 2), "0");
        assert_eq!(plain(-0.0, 2), "0");
        assert_eq!(plain(-0.001, 2), "0");
        assert_eq!(plain(999.95, 2), "999.95");
        assert_eq!(plain(999.999, 2), "1000");
        assert_eq!(plain(-12.5, 2), "-12.5");
        assert_eq!(plain(1500.0, 0), "1500");
        assert_eq!(plain(f64::NAN, 2), "–");
        assert_eq!(plain(f64::INFINITY, 2), "–");
        assert_eq!(plain(f64::NEG_INFINITY, 2), "–");
        assert_eq!(plain(1e300, 2), "1.00e300");
        // Near whole numbers take the integer path and must agree with the formatted one.
        assert_eq!(plain(11.000000000000002, 2), "11");
        assert_eq!(plain(-2.9999999999999996, 2), "-3");
        assert_eq!(plain(-1e-12, 2), "0");
        assert_eq!(plain(1e-9, 9), "0.000000001");
        for i in -2000..2000 {
            let v = f64::from(i) * 0.25 + 1e-10;
            let slow = format!("{v:.2}");
            let slow = slow.trim_end_matches('0').trim_end_matches('.');
            let slow = if slow == "-0" { "0" } else { slow };
            assert_eq!(plain(v, 2), slow, "{v}");
        }
    }

    /// `plain` as `format!` alone writes it: what the fast path must always agree with.
    fn formatted(v: f64, decimals: usize) -> String {
        if !v.is_finite() {
            return "–".to_string();
        }
        if v.abs() >= 1e15 {
            return format!("{v:.2e}");
        }
        let s = format!("{v:.decimals$}");
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.')
        } else {
            &s
        };
        if s == "-0" { "0" } else { s }.to_string()
    }

    #[test]
    fn plain_writes_what_exact_formatting_writes() {
        // Ties in decimal that are not ties in binary, values a hair either side of a decimal,
        // thirds, money's compact mantissas, chart coordinates, and a spread of magnitudes from
        // a simple deterministic generator.
        let mut values = vec![
            0.125,
            0.375,
            2.675,
            1.005,
            1.015,
            0.045,
            999.995,
            1e-7,
            5e-9,
            0.1 + 0.2,
            1.0 / 3.0,
            2.0 / 3.0,
            12.3,
            1.23,
            123.0,
            4.1,
            99.96,
            99.995,
            0.5,
            1.5,
            2.5,
            1e14 + 0.5,
            999_999_999_999_999.0,
            123_456_789.125,
            11.000000000000002,
            1e-6,
            1.000001e-2,
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let unit = (x >> 11) as f64 / (1u64 << 53) as f64;
            let magnitude = 10f64.powi((x % 19) as i32 - 6);
            let v = unit * magnitude;
            values.push(v);
            values.push(-v);
            values.push((v * 100.0).round() / 100.0);
            values.push((v * 1000.0).round() / 1000.0 + 0.0005);
        }
        for v in values {
            for d in 0..=9 {
                assert_eq!(plain(v, d), formatted(v, d), "{v:e} to {d} decimals");
            }
        }
    }

    #[test]
    fn compact_rounds_before_it_picks_the_unit() {
        let c = |v| compact(v, 1e4);
        assert_eq!(c(0.0), "0");
        assert_eq!(c(-0.0), "0");
        assert_eq!(c(9_999.5), "9999.5");
        assert_eq!(c(9_999.999), "10k");
        assert_eq!(c(12_345.0), "12.3k");
        assert_eq!(c(-12_345.0), "-12.3k");
        assert_eq!(c(999_999.0), "1M");
        assert_eq!(c(999_499.0), "999k");
        assert_eq!(c(4_100_000.0), "4.1M");
        assert_eq!(c(1_250_000.0), "1.25M");
        assert_eq!(c(1e12), "1T");
        assert_eq!(c(999_999_999_999_999.0), "1000T");
        assert_eq!(c(f64::NAN), "–");
        assert_eq!(c(f64::NEG_INFINITY), "–");
    }

    #[test]
    fn significant_digits_are_exact_at_powers_of_ten() {
        let r: Vec<f64> = [1e3, 1e6, 999.5, 0.012345, 123_456.0]
            .iter()
            .map(|a| round_significant(*a))
            .collect();
        assert_eq!(r, [1e3, 1e6, 1e3, 0.0123, 123_000.0]);
    }

    #[test]
    fn ticks_follow_their_step() {
        assert_eq!(tick(0.0, 0.05), "0");
        assert_eq!(tick(99.95, 0.05), "99.95");
        assert_eq!(tick(0.25, 0.25), "0.25");
        assert_eq!(tick(1500.0, 500.0), "1500");
        assert_eq!(tick(500_000.0, 500_000.0), "500k");
        assert_eq!(tick(2e6, 1e6), "2M");
        assert_eq!(tick(-20_000.0, 10_000.0), "-20k");
    }
}
