//! `[appetite] loss_tolerance`: the board's tolerance for money at risk, as points
//! `[amount, % chance a year]` (the largest chance a year of losing at least that amount that it
//! accepts). A tolerance curve falls: the larger the amount, the smaller the chance accepted.
//! Here the points are checked as settings, one error per mistake; `model::money` holds the
//! portfolio's curve against them.

use super::amount::in_settings;
use super::spans::Spans;
use super::FILE_NAME;
use crate::diag::Diagnostic;
use schemars::{json_schema, Schema, SchemaGenerator};

const PATH: [&str; 2] = ["appetite", "loss_tolerance"];

/// What a point is, for messages and hints.
const POINT: &str = "an amount and the largest chance a year, in %, of losing at least that much";

pub(super) fn schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "array",
            "minItems": 2,
            "maxItems": 2,
            "prefixItems": [
                { "type": "number", "exclusiveMinimum": 0 },
                { "type": "number", "exclusiveMinimum": 0, "maximum": 100 }
            ]
        }
    })
}

/// Every problem of `points`, each at the number that is wrong. A point that is malformed or
/// out of range is not also compared with its neighbours (no follow-on errors).
pub(super) fn check(points: &[Vec<f64>], spans: &Spans, diags: &mut Vec<Diagnostic>) {
    if points.is_empty() {
        diags.push(
            Diagnostic::error(
                "invalid-value",
                FILE_NAME,
                "`loss_tolerance` has no points".to_string(),
            )
            .at(spans.value(&PATH))
            .hint(format!("give at least one `[amount, chance]`: {POINT}, e.g. `loss_tolerance = [[1000000, 50], [10000000, 10]]`; or leave it out")),
        );
        return;
    }
    let good: Vec<Option<(f64, f64)>> = points
        .iter()
        .enumerate()
        .map(|(k, p)| match separated(k, spans) {
            Some(d) => {
                diags.push(d);
                None
            }
            None => point(k, p, spans, diags),
        })
        .collect();
    let mut before: Option<(usize, (f64, f64))> = None;
    for (k, p) in good.iter().enumerate() {
        let Some(p) = *p else { continue };
        if let Some((j, b)) = before {
            if let Some(d) = order(k, p, j, b, spans) {
                diags.push(d);
            }
        }
        before = Some((k, p));
    }
}

/// The error of point `k` when its amount is written with thousands separators: `1000.000`,
/// which TOML reads as 1000 (a thousandth of what was meant, and so no error of its own).
fn separated(k: usize, spans: &Spans) -> Option<Diagnostic> {
    let (message, hint) = in_settings(spans.item_of_item_text(&PATH, k, 0)?.trim())?;
    Some(
        Diagnostic::error("thousands-separator", FILE_NAME, message)
            .at(spans.item_of_item(&PATH, k, 0))
            .hint(hint),
    )
}

/// The numbers of the points that TOML reads as text (`"1,000,000"`, `"10%"`), each one error at
/// it: read from the untyped `table` before the typed settings, which would refuse them in
/// serde's words (`invalid type: string "1,000,000", expected f64`).
pub(super) fn quoted(table: &toml::Table, spans: &Spans) -> Vec<Diagnostic> {
    let points = table
        .get("appetite")
        .and_then(|a| a.get("loss_tolerance"))
        .and_then(toml::Value::as_array);
    let mut diags = Vec::new();
    for (k, p) in points.into_iter().flatten().enumerate() {
        let numbers = p.as_array().map_or(&[][..], Vec::as_slice);
        for (j, v) in numbers.iter().enumerate().take(2) {
            let Some(s) = v.as_str() else { continue };
            let at = spans.item_of_item(&PATH, k, j);
            let written = spans.item_of_item_text(&PATH, k, j).unwrap_or(s).trim();
            diags.push(match in_settings(written).filter(|_| j == 0) {
                Some((message, hint)) => {
                    Diagnostic::error("thousands-separator", FILE_NAME, message)
                        .at(at)
                        .hint(hint)
                }
                None => in_quotes(k, j, s).at(at),
            });
        }
    }
    diags
}

/// Number `j` of point `k` written as the text `s`: what was expected, and the number to write
/// when `s` says one (`"10%"` → `10`).
fn in_quotes(k: usize, j: usize, s: &str) -> Diagnostic {
    let what = if j == 0 { "amount" } else { "chance" };
    let message = format!(
        "`loss_tolerance` point {} has the {what} \"{s}\" in quotes, expected a number: {POINT}",
        k + 1
    );
    let bare = s.trim().trim_end_matches('%').trim();
    let number = bare.parse::<f64>().ok().filter(|v| v.is_finite());
    let hint = match number {
        Some(_) => format!("write {bare} without quotes{}", if j == 1 { " or %" } else { "" }),
        None => "write each point as two numbers without quotes, e.g. `[10000000, 10]` for at most a 10% chance a year of losing 10,000,000 or more".to_string(),
    };
    Diagnostic::error("invalid-value", FILE_NAME, message).hint(hint)
}

/// Point `k` as `(amount, chance)`, or its one error.
fn point(k: usize, p: &[f64], spans: &Spans, diags: &mut Vec<Diagnostic>) -> Option<(f64, f64)> {
    let n = k + 1;
    let [amount, chance] = p else {
        diags.push(
            Diagnostic::error(
                "invalid-value",
                FILE_NAME,
                format!(
                    "`loss_tolerance` point {n} has {} numbers, expected 2: {POINT}",
                    p.len()
                ),
            )
            .at(spans.item(&PATH, k))
            .hint("write each point as `[amount, chance]`, e.g. `[10000000, 10]` for at most a 10% chance a year of losing 10,000,000 or more"),
        );
        return None;
    };
    let (amount, chance) = (*amount, *chance);
    if !(amount.is_finite() && amount > 0.0) {
        diags.push(
            Diagnostic::error(
                "out-of-range",
                FILE_NAME,
                format!("`loss_tolerance` point {n} has the amount {amount}, expected an amount above 0"),
            )
            .at(spans.item_of_item(&PATH, k, 0))
            .hint("the first number of a point is an amount in the site currency, e.g. `[1000000, 50]`"),
        );
        return None;
    }
    if !(chance.is_finite() && chance > 0.0 && chance <= 100.0) {
        diags.push(
            Diagnostic::error(
                "out-of-range",
                FILE_NAME,
                format!("`loss_tolerance` point {n} has the chance {chance}, expected a percent above 0 and at most 100"),
            )
            .at(spans.item_of_item(&PATH, k, 1))
            .hint("the second number of a point is a chance a year in %, e.g. `10` for one year in ten"),
        );
        return None;
    }
    Some((amount, chance))
}

/// The error of point `k` against the good point `j` before it: its amount must be larger and
/// its chance smaller. A point that is wrong both ways is one mistake (it is out of order), at
/// the point; otherwise the error is at the number that is wrong.
fn order(
    k: usize,
    (amount, chance): (f64, f64),
    j: usize,
    (b_amount, b_chance): (f64, f64),
    spans: &Spans,
) -> Option<Diagnostic> {
    let (n, m) = (k + 1, j + 1);
    let hint = "write the points smallest amount first; the chance accepted falls as the amount rises, e.g. `[[1000000, 50], [10000000, 10], [50000000, 1]]`";
    let (message, at) = match (amount > b_amount, chance < b_chance) {
        (true, true) => return None,
        (false, false) => (
            format!("`loss_tolerance` point {n} ([{amount}, {chance}]) belongs before point {m} ([{b_amount}, {b_chance}]): points go from the smallest amount to the largest"),
            spans.item(&PATH, k),
        ),
        (false, true) => (
            format!("`loss_tolerance` amounts must increase: point {n}'s amount ({amount}) is not above point {m}'s ({b_amount})"),
            spans.item_of_item(&PATH, k, 0),
        ),
        (true, false) => (
            format!("`loss_tolerance` chances must decrease as amounts increase: point {n}'s chance ({chance}%) is not below point {m}'s ({b_chance}%)"),
            spans.item_of_item(&PATH, k, 1),
        ),
    };
    Some(
        Diagnostic::error("not-increasing", FILE_NAME, message)
            .at(at)
            .hint(hint),
    )
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    /// Each problem of the settings as (line, column, code, message).
    fn problems(appetite: &str) -> Vec<(usize, usize, String, String)> {
        let text =
            format!("title = \"T\"\norganization = \"O\"\n[appetite]\nlimit = 10\n{appetite}");
        match Config::parse(&text) {
            Ok(_) => Vec::new(),
            Err(diags) => diags
                .iter()
                .map(|d| {
                    let (line, column) = (d.line.unwrap_or(0), d.column.unwrap_or(0));
                    (line, column, d.code.to_string(), d.message.clone())
                })
                .collect(),
        }
    }

    #[test]
    fn points_rising_in_amount_and_falling_in_chance_are_fine() {
        assert!(
            problems("loss_tolerance = [[1000000, 50], [10000000, 10], [50000000, 1]]\n")
                .is_empty()
        );
        assert!(problems("loss_tolerance = [[1e6, 100]]\n").is_empty());
        assert!(problems("").is_empty());
    }

    #[test]
    fn an_amount_that_does_not_rise_is_one_error_at_it() {
        assert_eq!(
            problems("loss_tolerance = [[1000000, 50], [1000000, 10]]\n"),
            vec![(5, 35, "not-increasing".into(), "`loss_tolerance` amounts must increase: point 2's amount (1000000) is not above point 1's (1000000)".into())]
        );
    }

    #[test]
    fn a_chance_that_does_not_fall_is_one_error_at_it() {
        assert_eq!(
            problems("loss_tolerance = [[1000000, 50], [10000000, 50]]\n"),
            vec![(5, 45, "not-increasing".into(), "`loss_tolerance` chances must decrease as amounts increase: point 2's chance (50%) is not below point 1's (50%)".into())]
        );
    }

    #[test]
    fn points_in_the_wrong_order_are_one_error_at_the_point() {
        assert_eq!(
            problems("loss_tolerance = [[10000000, 10], [1000000, 50]]\n"),
            vec![(5, 35, "not-increasing".into(), "`loss_tolerance` point 2 ([1000000, 50]) belongs before point 1 ([10000000, 10]): points go from the smallest amount to the largest".into())]
        );
    }

    #[test]
    fn a_point_out_of_range_is_one_error_and_not_compared() {
        // Point 2's chance is above 100: one error there, none about the order of 1, 2 and 3.
        assert_eq!(
            problems("loss_tolerance = [[1000000, 50], [10000000, 150], [50000000, 1]]\n"),
            vec![(5, 45, "out-of-range".into(), "`loss_tolerance` point 2 has the chance 150, expected a percent above 0 and at most 100".into())]
        );
        assert_eq!(
            problems("loss_tolerance = [[0, 50]]\n"),
            vec![(
                5,
                20,
                "out-of-range".into(),
                "`loss_tolerance` point 1 has the amount 0, expected an amount above 0".into()
            )]
        );
        assert_eq!(
            problems("loss_tolerance = [[1000000, 50, 3]]\n"),
            vec![(5, 19, "invalid-value".into(), "`loss_tolerance` point 1 has 3 numbers, expected 2: an amount and the largest chance a year, in %, of losing at least that much".into())]
        );
        assert_eq!(
            problems("loss_tolerance = []\n"),
            vec![(
                5,
                18,
                "invalid-value".into(),
                "`loss_tolerance` has no points".into()
            )]
        );
    }

    #[test]
    fn an_amount_with_thousands_separators_is_one_error_with_the_amount_meant() {
        // TOML reads 1000.000 as 1000: a tolerance a thousand times stricter, without a word.
        // The point is not compared with its neighbours (no follow-on error about the order).
        assert_eq!(
            problems("loss_tolerance = [[1000.000, 50], [10000000, 10]]\n"),
            vec![(5, 20, "thousands-separator".into(), "the amount `1000.000` is written with thousands separators; TOML would read it as 1000, not 1000000".into())]
        );
        assert_eq!(
            problems("loss_tolerance = [[1000000, 50], [25.000, 10]]\n"),
            vec![(5, 35, "thousands-separator".into(), "the amount `25.000` is written with thousands separators; TOML would read it as 25, not 25000".into())]
        );
    }

    #[test]
    fn an_amount_in_quotes_is_one_error_before_the_typed_settings() {
        // Without the check, serde's `invalid type: string "1,000,000", expected f64`.
        assert_eq!(
            problems("loss_tolerance = [[\"1,000,000\", 50], [10000000, 10]]\n"),
            vec![(5, 20, "thousands-separator".into(), "the amount `\"1,000,000\"` is written with thousands separators; in quotes, TOML reads it as text, not as the number 1000000".into())]
        );
        assert_eq!(
            problems("loss_tolerance = [[1000000, \"10%\"]]\n"),
            vec![(5, 29, "invalid-value".into(), "`loss_tolerance` point 1 has the chance \"10%\" in quotes, expected a number: an amount and the largest chance a year, in %, of losing at least that much".into())]
        );
    }

    #[test]
    fn the_fix_is_the_number_to_write() {
        let hints = |appetite: &str| -> Vec<String> {
            let text =
                format!("title = \"T\"\norganization = \"O\"\n[appetite]\nlimit = 10\n{appetite}");
            Config::parse(&text)
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|d| d.hint.unwrap_or_default())
                .collect()
        };
        assert_eq!(
            hints("loss_tolerance = [[\"1,000,000\", 50]]\n"),
            ["write 1000000: amounts take no thousands separators"]
        );
        assert_eq!(
            hints("loss_tolerance = [[1000.000, 50]]\n"),
            ["write 1000000, or 1000 if that is the amount: amounts take no thousands separators"]
        );
        assert_eq!(
            hints("loss_tolerance = [[1000000, \"10%\"]]\n"),
            ["write 10 without quotes or %"]
        );
        // Not TOML at all: TOML's own error, with the fix.
        assert_eq!(
            hints("loss_tolerance = [[1.000.000, 50]]\n"),
            ["write 1000000: amounts take no thousands separators (`1.000.000` is not a number in TOML)"]
        );
        assert_eq!(
            hints("loss_tolerance = [[1,000,000, 50]]\n"),
            ["write 1000000: amounts take no thousands separators (`1,000,000` is not a number in TOML)"]
        );
    }
}
