//! The risk scale of `quarterdeck.toml`: `[matrix]` (what the levels mean, the band of each
//! cell), `[appetite]` (limit and tolerance) and `[categories]` (each with its own thresholds).
//! Here they are read and checked as settings; `model` turns them into the bands and appetite
//! statuses that every page shows.

use super::amount::in_settings;
use super::spans::Spans;
use super::FILE_NAME;
use crate::diag::Diagnostic;
use crate::vocab::Band;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[matrix]`: what the five impact and likelihood levels mean, and the band of each cell.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatrixSettings {
    /// The names of impact levels 1 to 5 (default: the built-in names in the site's language).
    #[schemars(length(min = 5, max = 5))]
    pub impact: Option<Vec<String>>,
    /// The names of likelihood levels 1 to 5.
    #[schemars(length(min = 5, max = 5))]
    pub likelihood: Option<Vec<String>>,
    /// The largest loss (site currency) of impact levels 1 to 4, increasing; level 5 is above.
    #[schemars(length(min = 4, max = 4), inner(range(min = 0)))]
    pub impact_loss: Option<Vec<f64>>,
    /// The largest chance a year, in %, of likelihood levels 1 to 4, increasing.
    #[schemars(length(min = 4, max = 4), inner(range(min = 0, max = 100)))]
    pub likelihood_chance: Option<Vec<f64>>,
    /// One string per impact level 1 to 5, one letter per likelihood level 1 to 5: L low,
    /// M medium, H high, C critical. A band may not fall as impact or likelihood rises.
    #[schemars(length(min = 5, max = 5), inner(regex(pattern = r"^[LMHC]{5}$")))]
    pub bands: Option<Vec<String>>,
}

/// `[appetite]`: the long form of `risk_appetite`, with a tolerance.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppetiteSettings {
    /// A score above it is above appetite (1 to 24).
    #[schemars(range(min = 1, max = 24))]
    pub limit: i64,
    /// A score above it is outside tolerance: the board must decide now (limit to 24).
    #[schemars(range(min = 1, max = 24))]
    pub tolerance: Option<i64>,
    /// Points `[amount, % chance a year]`: the largest chance of losing at least that amount in
    /// a year that the board accepts; amounts increasing, chances decreasing.
    // Left out of the settings as read when not written, so that the record of a site without
    // it (`publish::shown`) keeps its fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "super::loss_tolerance::schema")]
    pub loss_tolerance: Option<Vec<Vec<f64>>>,
}

/// One of `[categories]`: a name, and optionally its own limit and tolerance.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategorySettings {
    /// The name shown on the pages.
    pub name: String,
    /// The category's own limit (default: the site's).
    #[schemars(range(min = 1, max = 24))]
    pub limit: Option<i64>,
    /// The category's own tolerance (default: the site's).
    #[schemars(range(min = 1, max = 24))]
    pub tolerance: Option<i64>,
}

pub(crate) type Categories = BTreeMap<String, CategorySettings>;

/// The built-in bands (score 1–4 low, 5–9 medium, 10–14 high, 15–25 critical), as `bands`
/// strings: impact 1 first, likelihood 1 first in each.
pub(crate) const DEFAULT_BANDS: [&str; 5] = ["LLLLM", "LLMMH", "LMMHC", "LMHCC", "MHCCC"];

/// The band of every cell, `[impact - 1][likelihood - 1]`, from strings that passed [`check`]
/// (the built-in bands for anything else).
pub(crate) fn bands_of(strings: Option<&[String]>) -> [[Band; 5]; 5] {
    let parse = |rows: &[&str]| -> Option<[[Band; 5]; 5]> {
        let mut out = [[Band::Low; 5]; 5];
        for (i, row) in rows.iter().enumerate() {
            for (l, c) in row.chars().enumerate() {
                *out.get_mut(i)?.get_mut(l)? = Band::from_letter(c)?;
            }
        }
        Some(out)
    };
    let given: Option<Vec<&str>> = strings.map(|s| s.iter().map(String::as_str).collect());
    given
        .filter(|rows| rows.len() == 5 && rows.iter().all(|r| r.chars().count() == 5))
        .and_then(|rows| parse(&rows))
        .or_else(|| parse(&DEFAULT_BANDS))
        .unwrap_or([[Band::Low; 5]; 5])
}

/// Writes the scale one way whichever way the site wrote it, so that what reads the settings
/// (the model, the record's fingerprint of the settings) sees the same thing for the same
/// scale: `[appetite]` with a limit and no tolerance becomes `risk_appetite = N` (the older
/// form, which records of the settings were first written with, so those stay valid),
/// `bands` equal to the built-in ones are left out, and a `[matrix]` that then sets nothing is
/// no `[matrix]`. Called once, on settings that passed [`check`].
pub(crate) fn normalize(config: &mut super::Config) {
    let short = config
        .appetite
        .as_ref()
        // A loss tolerance has no short form: such an `[appetite]` stays as written.
        .filter(|a| {
            a.tolerance.is_none() && a.loss_tolerance.is_none() && config.risk_appetite.is_none()
        })
        .and_then(|a| u8::try_from(a.limit).ok());
    if let Some(limit) = short {
        config.risk_appetite = Some(limit);
        config.appetite = None;
    }
    if let Some(m) = &mut config.matrix {
        if m.bands.as_ref().is_some_and(|b| *b == DEFAULT_BANDS) {
            m.bands = None;
        }
        let sets_nothing = m.impact.is_none()
            && m.likelihood.is_none()
            && m.impact_loss.is_none()
            && m.likelihood_chance.is_none()
            && m.bands.is_none();
        if sets_nothing {
            config.matrix = None;
        }
    }
}

/// Every problem of the risk scale, each at its value in `text`.
pub(crate) fn check(config: &super::Config, spans: &Spans) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if let Some(m) = &config.matrix {
        matrix(m, spans, &mut diags);
    }
    if let (Some(short), Some(_)) = (config.risk_appetite, &config.appetite) {
        diags.push(
            Diagnostic::error(
                "conflicting-settings",
                FILE_NAME,
                format!("`risk_appetite = {short}` and `[appetite]` both set the risk appetite"),
            )
            .at(spans.key(&["risk_appetite"]))
            .hint("keep one: `risk_appetite` is the short form of `[appetite] limit`; delete it and keep `[appetite]`"),
        );
    }
    let site = config.appetite.as_ref().map(|a| {
        let limit = score_in(spans, &mut diags, &["appetite", "limit"], a.limit, 1);
        let tolerance = a.tolerance.and_then(|t| {
            score_in(
                spans,
                &mut diags,
                &["appetite", "tolerance"],
                t,
                a.limit.max(1),
            )
        });
        if let Some(points) = &a.loss_tolerance {
            super::loss_tolerance::check(points, spans, &mut diags);
        }
        (limit, tolerance)
    });
    let (limit, tolerance) = match site {
        Some((limit, tolerance)) => (limit, tolerance),
        None => (config.risk_appetite.map(i64::from), None),
    };
    for (key, c) in &config.categories {
        category(key, c, (limit, tolerance), spans, &mut diags);
    }
    diags
}

fn matrix(m: &MatrixSettings, spans: &Spans, diags: &mut Vec<Diagnostic>) {
    for (field, names) in [("impact", &m.impact), ("likelihood", &m.likelihood)] {
        let Some(names) = names else { continue };
        let at = spans.value(&["matrix", field]);
        if names.len() != 5 {
            diags.push(
                Diagnostic::error(
                    "invalid-value",
                    FILE_NAME,
                    format!(
                        "`{field}` has {} level names, expected 5 (levels 1 to 5, lowest first)",
                        names.len()
                    ),
                )
                .at(at),
            );
        } else if let Some(k) = names.iter().position(|n| n.trim().is_empty()) {
            diags.push(
                Diagnostic::error(
                    "empty-value",
                    FILE_NAME,
                    format!("`{field}` level {} has an empty name", k + 1),
                )
                .at(spans.item(&["matrix", field], k).or(at))
                .hint("name every level: the pages print these names beside the scores"),
            );
        }
    }
    increasing(m.impact_loss.as_deref(), "impact_loss", spans, diags);
    increasing(
        m.likelihood_chance.as_deref(),
        "likelihood_chance",
        spans,
        diags,
    );
    if let Some(bands) = &m.bands {
        check_bands(bands, spans, diags);
    }
}

/// `impact_loss` and `likelihood_chance`: four positive numbers, each above the one before
/// (chances at most 100 %).
fn increasing(values: Option<&[f64]>, field: &str, spans: &Spans, diags: &mut Vec<Diagnostic>) {
    let Some(values) = values else { return };
    let path = ["matrix", field];
    let what = if field == "impact_loss" {
        "the largest loss of impact levels 1 to 4"
    } else {
        "the largest chance a year, in %, of likelihood levels 1 to 4"
    };
    if values.len() != 4 {
        diags.push(
            Diagnostic::error(
                "invalid-value",
                FILE_NAME,
                format!("`{field}` has {} numbers, expected 4: {what}", values.len()),
            )
            .at(spans.value(&path))
            .hint("level 5 has no upper bound, so it needs no number"),
        );
        return;
    }
    if field == "impact_loss" && separated(&path, spans, diags) {
        return;
    }
    let top = if field == "impact_loss" {
        f64::INFINITY
    } else {
        100.0
    };
    for (k, v) in values.iter().enumerate() {
        if !(v.is_finite() && *v > 0.0 && *v <= top) {
            let range = if field == "impact_loss" {
                "above 0"
            } else {
                "above 0 and at most 100"
            };
            diags.push(
                Diagnostic::error(
                    "out-of-range",
                    FILE_NAME,
                    format!(
                        "`{field}` level {} is {v}, expected a number {range}",
                        k + 1
                    ),
                )
                .at(spans.item(&path, k)),
            );
            return;
        }
    }
    if let Some(k) = (1..4).find(|&k| values[k] <= values[k - 1]) {
        diags.push(
            Diagnostic::error(
                "not-increasing",
                FILE_NAME,
                format!(
                    "`{field}` must increase: level {} ({}) is not above level {} ({})",
                    k + 1,
                    values[k],
                    k,
                    values[k - 1]
                ),
            )
            .at(spans.item(&path, k))
            .hint(format!("write {what}, lowest level first")),
        );
    }
}

/// An amount written with thousands separators (`250.000`, which TOML reads as 250): one error,
/// on the first, as for an amount in the content (`load::numbers`).
fn separated(path: &[&str], spans: &Spans, diags: &mut Vec<Diagnostic>) -> bool {
    let found = (0..4).find_map(|k| Some(k).zip(in_settings(spans.item_text(path, k)?.trim())));
    let Some((k, (message, hint))) = found else {
        return false;
    };
    diags.push(
        Diagnostic::error("thousands-separator", FILE_NAME, message)
            .at(spans.item(path, k))
            .hint(hint),
    );
    true
}

fn check_bands(bands: &[String], spans: &Spans, diags: &mut Vec<Diagnostic>) {
    let path = ["matrix", "bands"];
    if bands.len() != 5 {
        diags.push(
            Diagnostic::error(
                "invalid-value",
                FILE_NAME,
                format!(
                    "`bands` has {} strings, expected 5: one per impact level, 1 first",
                    bands.len()
                ),
            )
            .at(spans.value(&path))
            .hint(format!(
                "the built-in bands are {}",
                DEFAULT_BANDS.map(|b| format!("\"{b}\"")).join(", ")
            )),
        );
        return;
    }
    let mut rows = Vec::with_capacity(5);
    for (i, s) in bands.iter().enumerate() {
        let row: Option<Vec<Band>> = s.chars().map(Band::from_letter).collect();
        match row.filter(|r| r.len() == 5) {
            Some(r) => rows.push(r),
            None => diags.push(
                Diagnostic::error(
                    "invalid-value",
                    FILE_NAME,
                    format!("`bands` string {} is \"{s}\", expected five letters from L, M, H, C (one per likelihood level, 1 first)", i + 1),
                )
                .at(spans.item(&path, i))
                .hint("L low, M medium, H high, C critical, in upper case"),
            ),
        }
    }
    if rows.len() < 5 {
        return;
    }
    for i in 0..5 {
        if let Some(message) = fall(&rows, i) {
            diags.push(
                Diagnostic::error("bands-fall", FILE_NAME, message)
                    .at(spans.item(&path, i))
                    .hint("a higher impact or likelihood may never be in a lower band: raise the later cell or lower the earlier one"),
            );
        }
    }
}

/// The first place where impact level `i + 1`'s bands fall: along its likelihoods, or below the
/// band of the same likelihood one impact level lower. One message per string.
fn fall(rows: &[Vec<Band>], i: usize) -> Option<String> {
    let name = |b: Band| b.as_str();
    if let Some(l) = (1..5).find(|&l| rows[i][l] < rows[i][l - 1]) {
        return Some(format!(
            "`bands` falls at impact {}: likelihood {} is {}, below likelihood {}'s {}",
            i + 1,
            l + 1,
            name(rows[i][l]),
            l,
            name(rows[i][l - 1])
        ));
    }
    let below = i.checked_sub(1)?;
    let l = (0..5).find(|&l| rows[i][l] < rows[below][l])?;
    Some(format!(
        "`bands` falls at likelihood {}: impact {} is {}, below impact {}'s {}",
        l + 1,
        i + 1,
        name(rows[i][l]),
        i,
        name(rows[below][l])
    ))
}

/// A score threshold at `path`: `from` to 24, or a diagnostic and `None`.
fn score_in(
    spans: &Spans,
    diags: &mut Vec<Diagnostic>,
    path: &[&str],
    v: i64,
    from: i64,
) -> Option<i64> {
    if (from..=24).contains(&v) {
        return Some(v);
    }
    let field = path.last().copied().unwrap_or_default();
    let below = if from > 1 && v < from {
        format!(", below the limit of {from}")
    } else {
        String::new()
    };
    diags.push(
        Diagnostic::error(
            "out-of-range",
            FILE_NAME,
            format!("`{field}` is {v}{below}, expected {from} to 24"),
        )
        .at(spans.value(path))
        .hint(
            "scores run from 1 to 25 (impact × likelihood); a tolerance is never below its limit",
        ),
    );
    None
}

fn category(
    key: &str,
    c: &CategorySettings,
    (site_limit, site_tolerance): (Option<i64>, Option<i64>),
    spans: &Spans,
    diags: &mut Vec<Diagnostic>,
) {
    let table = ["categories", key];
    let slug = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !slug {
        diags.push(
            Diagnostic::error(
                "invalid-value",
                FILE_NAME,
                format!("the category key `{key}` is not lower-case letters, digits and `_`"),
            )
            .at(spans.key(&table))
            .hint("risks name it in `category:`; write the display name in `name`, e.g. `[categories.third_party]` with `name = \"Third parties\"`"),
        );
    }
    if c.name.trim().is_empty() {
        diags.push(
            Diagnostic::error(
                "empty-value",
                FILE_NAME,
                format!("category `{key}` has an empty `name`"),
            )
            .at(spans.value(&["categories", key, "name"]))
            .hint("the name is what the register and the pages show"),
        );
    }
    let limit = match c.limit {
        Some(v) => score_in(spans, diags, &["categories", key, "limit"], v, 1),
        None => site_limit,
    };
    let Some(tolerance) = c.tolerance else {
        if let (Some(own), Some(t)) = (c.limit.and(limit), site_tolerance) {
            if own > t {
                diags.push(
                    Diagnostic::error(
                        "out-of-range",
                        FILE_NAME,
                        format!("category `{key}` has a limit of {own}, above the site's tolerance of {t}"),
                    )
                    .at(spans.value(&["categories", key, "limit"]))
                    .hint(format!("give it its own `tolerance` of {own} or more, or a limit of {t} or less")),
                );
            }
        }
        return;
    };
    match limit {
        Some(l) => {
            score_in(
                spans,
                diags,
                &["categories", key, "tolerance"],
                tolerance,
                l,
            );
        }
        None => diags.push(
            Diagnostic::error(
                "missing-field",
                FILE_NAME,
                format!("category `{key}` has a `tolerance` but no limit to be above"),
            )
            .at(spans.key(&["categories", key, "tolerance"]))
            .hint("set its `limit`, or the site's `[appetite] limit`"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Config;
    use crate::vocab::Band;

    const HEAD: &str = "title = \"T\"\norganization = \"O\"\n";

    /// (code, line, column, message) of each problem.
    fn problems(rest: &str) -> Vec<(&'static str, usize, usize, String)> {
        Config::parse(&format!("{HEAD}{rest}"))
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|d| {
                (
                    d.code,
                    d.line.unwrap_or(0),
                    d.column.unwrap_or(0),
                    d.message,
                )
            })
            .collect()
    }

    #[test]
    fn the_default_bands_are_todays_score_bands() {
        let b = super::bands_of(None);
        for i in 1..=5u8 {
            for l in 1..=5u8 {
                let want = match i * l {
                    0..=4 => Band::Low,
                    5..=9 => Band::Medium,
                    10..=14 => Band::High,
                    _ => Band::Critical,
                };
                assert_eq!(b[usize::from(i - 1)][usize::from(l - 1)], want, "{i} × {l}");
            }
        }
    }

    #[test]
    fn a_full_scale_is_valid() {
        let c = Config::parse(&format!(
            "{HEAD}[matrix]\nimpact = [\"a\", \"b\", \"c\", \"d\", \"e\"]\nimpact_loss = [1, 2, 3, 4]\nlikelihood_chance = [5, 20, 50, 80]\nbands = [\"LLLLM\", \"LLMMH\", \"LMMHC\", \"LMHCC\", \"MHCCC\"]\n[appetite]\nlimit = 10\ntolerance = 15\n[categories.cyber]\nname = \"Cyber\"\n[categories.third_party]\nname = \"Third parties\"\nlimit = 8\ntolerance = 12\n"
        ))
        .unwrap();
        assert_eq!(c.categories.len(), 2);
        assert_eq!(c.appetite.as_ref().map(|a| a.limit), Some(10));
    }

    #[test]
    fn both_appetite_forms_are_one_error_on_the_short_one() {
        assert_eq!(
            problems("risk_appetite = 10\n[appetite]\nlimit = 10\n"),
            vec![(
                "conflicting-settings",
                3,
                1,
                "`risk_appetite = 10` and `[appetite]` both set the risk appetite".into()
            )]
        );
    }

    #[test]
    fn limits_and_tolerances_are_scores_in_order() {
        assert_eq!(
            problems("[appetite]\nlimit = 10\ntolerance = 8\n"),
            vec![(
                "out-of-range",
                5,
                13,
                "`tolerance` is 8, below the limit of 10, expected 10 to 24".into()
            )]
        );
        assert_eq!(
            problems("[appetite]\nlimit = 25\n"),
            vec![(
                "out-of-range",
                4,
                9,
                "`limit` is 25, expected 1 to 24".into()
            )]
        );
        // A tolerance equal to the limit is allowed.
        assert!(problems("[appetite]\nlimit = 10\ntolerance = 10\n").is_empty());
    }

    #[test]
    fn category_thresholds_are_checked_against_the_sites() {
        assert_eq!(
            problems("[appetite]\nlimit = 10\ntolerance = 15\n[categories.x]\nname = \"X\"\nlimit = 18\n"),
            vec![(
                "out-of-range",
                8,
                9,
                "category `x` has a limit of 18, above the site's tolerance of 15".into()
            )]
        );
        assert_eq!(
            problems("[categories.x]\nname = \"X\"\ntolerance = 12\n"),
            vec![(
                "missing-field",
                5,
                1,
                "category `x` has a `tolerance` but no limit to be above".into()
            )]
        );
        assert_eq!(
            problems("[categories.Third-Party]\nname = \"\"\n"),
            vec![
                (
                    "invalid-value",
                    3,
                    13,
                    "the category key `Third-Party` is not lower-case letters, digits and `_`"
                        .into()
                ),
                (
                    "empty-value",
                    4,
                    8,
                    "category `Third-Party` has an empty `name`".into()
                )
            ]
        );
    }

    #[test]
    fn bad_band_strings_and_falling_bands_point_at_the_string() {
        assert_eq!(
            problems("[matrix]\nbands = [\"LLLLM\", \"LLMMH\", \"LMXHC\", \"LMHCC\", \"MHCCC\"]\n"),
            vec![(
                "invalid-value",
                4,
                28,
                "`bands` string 3 is \"LMXHC\", expected five letters from L, M, H, C (one per likelihood level, 1 first)".into()
            )]
        );
        assert_eq!(
            problems("[matrix]\nbands = [\"LLLLM\", \"LLMMH\"]\n")[0].3,
            "`bands` has 2 strings, expected 5: one per impact level, 1 first"
        );
        assert_eq!(
            problems("[matrix]\nbands = [\"LLLLM\", \"LLMML\", \"LMMHC\", \"LMHCC\", \"MHCCC\"]\n"),
            vec![(
                "bands-fall",
                4,
                19,
                "`bands` falls at impact 2: likelihood 5 is low, below likelihood 4's medium"
                    .into()
            )]
        );
        assert_eq!(
            problems("[matrix]\nbands = [\"LLLLM\", \"LLMMH\", \"LLMMM\", \"LMHCC\", \"MHCCC\"]\n"),
            vec![(
                "bands-fall",
                4,
                28,
                "`bands` falls at likelihood 5: impact 3 is medium, below impact 2's high".into()
            )]
        );
    }

    #[test]
    fn losses_and_chances_must_increase() {
        assert_eq!(
            problems("[matrix]\nimpact_loss = [100000, 5000000, 1000000, 25000000]\n"),
            vec![(
                "not-increasing",
                4,
                33,
                "`impact_loss` must increase: level 3 (1000000) is not above level 2 (5000000)"
                    .into()
            )]
        );
        assert_eq!(
            problems("[matrix]\nlikelihood_chance = [5, 20, 50, 180]\n")[0].3,
            "`likelihood_chance` level 4 is 180, expected a number above 0 and at most 100"
        );
        assert_eq!(
            problems("[matrix]\nlikelihood_chance = [5, 20, 50]\n")[0].3,
            "`likelihood_chance` has 3 numbers, expected 4: the largest chance a year, in %, of likelihood levels 1 to 4"
        );
        // TOML reads 50.000 as 50: every level would silently be a thousandth of what was meant.
        assert_eq!(
            problems("[matrix]\nimpact_loss = [50.000, 250.000, 500.000, 900.000]\n"),
            vec![(
                "thousands-separator",
                4,
                16,
                "the amount `50.000` is written with thousands separators; TOML would read it as 50, not 50000".into()
            )]
        );
        assert_eq!(
            problems("[matrix]\nimpact = [\"a\", \"b\"]\n")[0].3,
            "`impact` has 2 level names, expected 5 (levels 1 to 5, lowest first)"
        );
    }
}
