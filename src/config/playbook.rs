//! The exception playbook and the incident duties of `quarterdeck.toml`: `[roles]` (what the
//! two signers are called), `[[acceptance]]` (how long a risk of a band may be accepted, and
//! whether the board must be asked) and `[reporting.*]` (the notification clocks incidents are
//! held to). Read and checked here; `model::playbook` applies them.

use super::spans::Spans;
use super::FILE_NAME;
use crate::diag::Diagnostic;
use crate::vocab::Band;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[roles]`: the names of the two signers on pages and PDFs; the YAML keys stay `cto`/`ciso`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleSettings {
    /// What the `cto` signer is called (default: the language's "CTO").
    pub cto: Option<String>,
    /// What the `ciso` signer is called (default: the language's "CISO").
    pub ciso: Option<String>,
}

/// One `[[acceptance]]` rule: the longest term of a risk acceptance in a band, and whether the
/// board must be asked.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptanceRule {
    /// `low`, `medium`, `high` or `critical`: a band of `[matrix]`.
    #[schemars(extend("enum" = Band::NAMES))]
    pub band: String,
    /// The longest term, in months from `signed` to `expires`.
    #[schemars(range(min = 1, max = 120))]
    pub max_months: i64,
    /// Whether an exception in this band needs a `decide` or `approve` ask about it.
    #[serde(default)]
    pub board: bool,
}

/// One `[reporting.KEY]` clock: a report due within `hours` of becoming aware.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportingRule {
    /// The name the incident row shows, e.g. "NIS2 early warning".
    pub name: String,
    /// Hours from `aware` within which the report is due.
    #[schemars(range(min = 1))]
    pub hours: i64,
}

pub(crate) type Reporting = BTreeMap<String, ReportingRule>;

/// The longest term this module accepts: ten years is no longer a time box.
pub(crate) const MAX_TERM_MONTHS: i64 = 120;

/// Every problem of `[roles]`, `[[acceptance]]` and `[reporting]`, each at its value.
pub(crate) fn check(config: &super::Config, spans: &Spans) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if let Some(roles) = &config.roles {
        for (key, name) in [("cto", &roles.cto), ("ciso", &roles.ciso)] {
            if name.as_ref().is_some_and(|n| n.trim().is_empty()) {
                diags.push(
                    Diagnostic::error("empty-value", FILE_NAME, format!("`roles.{key}` is empty"))
                        .at(spans.value(&["roles", key]))
                        .hint(format!("write the role's name, e.g. `{key} = \"{}\"`, or leave it out for the built-in one", key.to_uppercase())),
                );
            }
        }
    }
    acceptance(&config.acceptance, spans, &mut diags);
    for (key, rule) in &config.reporting {
        reporting(key, rule, spans, &mut diags);
    }
    diags
}

fn acceptance(rules: &[AcceptanceRule], spans: &Spans, diags: &mut Vec<Diagnostic>) {
    let path = ["acceptance"];
    let mut seen: Vec<Band> = Vec::new();
    for (k, rule) in rules.iter().enumerate() {
        let at = |field: &str| spans.table_item(&path, k, field);
        match Band::parse(rule.band.trim()) {
            None => diags.push(
                Diagnostic::error(
                    "invalid-value",
                    FILE_NAME,
                    format!(
                        "`[[acceptance]]` rule {} has `band = \"{}\"`, expected one of `low`, `medium`, `high`, `critical`",
                        k + 1,
                        rule.band
                    ),
                )
                .at(at("band"))
                .hint(
                    crate::diag::suggest::did_you_mean(&rule.band, Band::NAMES.iter().copied())
                        .unwrap_or_else(|| "the bands of the matrix: low, medium, high and critical".into()),
                ),
            ),
            Some(b) if seen.contains(&b) => diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    FILE_NAME,
                    format!("`[[acceptance]]` has two rules for the {} band", b.as_str()),
                )
                .at(at("band"))
                .hint("keep one rule per band: merge the two"),
            ),
            Some(b) => seen.push(b),
        }
        if !(1..=MAX_TERM_MONTHS).contains(&rule.max_months) {
            diags.push(
                Diagnostic::error(
                    "out-of-range",
                    FILE_NAME,
                    format!(
                        "`[[acceptance]]` rule {} has `max_months = {}`, expected 1 to {MAX_TERM_MONTHS}",
                        k + 1,
                        rule.max_months
                    ),
                )
                .at(at("max_months"))
                .hint("the longest term in months from `signed` to `expires`; a band that may not be accepted at all still needs a term: use `board = true`"),
            );
        }
    }
}

fn reporting(key: &str, rule: &ReportingRule, spans: &Spans, diags: &mut Vec<Diagnostic>) {
    let slug = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !slug {
        diags.push(
            Diagnostic::error(
                "invalid-value",
                FILE_NAME,
                format!("the reporting rule key `{key}` is not lower-case letters, digits and `_`"),
            )
            .at(spans.key(&["reporting", key]))
            .hint("incidents name it in `notifications: - rule:`; write the display name in `name`, e.g. `[reporting.nis2_early_warning]`"),
        );
    }
    if rule.name.trim().is_empty() {
        diags.push(
            Diagnostic::error(
                "empty-value",
                FILE_NAME,
                format!("reporting rule `{key}` has an empty `name`"),
            )
            .at(spans.value(&["reporting", key, "name"]))
            .hint("the name is what the incident row shows, e.g. \"GDPR breach notification\""),
        );
    }
    if !(1..=8760).contains(&rule.hours) {
        diags.push(
            Diagnostic::error(
                "out-of-range",
                FILE_NAME,
                format!(
                    "reporting rule `{key}` has `hours = {}`, expected 1 to 8760",
                    rule.hours
                ),
            )
            .at(spans.value(&["reporting", key, "hours"]))
            .hint("the hours from becoming aware within which the report is due, e.g. 72"),
        );
    }
}
