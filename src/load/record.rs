//! `published.yaml` as read: the serde mirror of a published quarter's record (positions kept,
//! unknown fields refused). `model::publish::record` validates it into the record the model holds.

use crate::load::raw::{OrderedMap, SignOff as RawSignOff, DATE, S};
use schemars::JsonSchema;
use serde::Deserialize;

/// A fingerprint as written: `sha256:` and 64 lower-case hexadecimal digits.
const FINGERPRINT: &str = "^sha256:[0-9a-f]{64}$";

/// The record of a published quarter: what the board was told, and every correction since.
/// Written by `quarterdeck publish` and `quarterdeck restate`; never edited by hand.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRecord {
    /// When the quarter was published, `YYYY-MM-DD`.
    #[schemars(regex(pattern = DATE))]
    pub published_on: S<String>,
    /// The fingerprint form of the first publication: 2 covers the settings, labels and
    /// computed facts too, and seals the entry; absent in the first form.
    #[schemars(range(min = 1, max = 2))]
    pub form: Option<S<i64>>,
    /// Of the quarter's content as published (in the second form, sealed with the date).
    #[schemars(regex(pattern = FINGERPRINT))]
    pub fingerprint: S<String>,
    /// The fingerprint of each file, by site-relative path, so that a change names its file.
    pub files: Option<S<OrderedMap<S<String>, S<String>>>>,
    /// Every correction since, oldest first.
    pub restatements: Option<Vec<S<RawRestatement>>>,
}

/// A recorded change to a published quarter.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRestatement {
    /// When it was restated, `YYYY-MM-DD`; on or after the entry before it.
    #[schemars(regex(pattern = DATE))]
    pub date: S<String>,
    /// What was corrected, and why; shown to the board.
    pub reason: S<String>,
    /// Both sign-offs: the CTO's and the CISO's names.
    // Optional for serde, so that a missing one is reported as a missing sign-off, in place.
    #[schemars(required, extend("required" = ["cto", "ciso"]))]
    pub approved_by: Option<S<RawSignOff>>,
    /// The fingerprint of the entry before this one, which this restatement replaces (the
    /// second form; absent in the first).
    #[schemars(regex(pattern = FINGERPRINT))]
    pub replaces: Option<S<String>>,
    /// Of the quarter's content as restated (in the second form, sealed with the fields above);
    /// the latest is the one checked.
    #[schemars(regex(pattern = FINGERPRINT))]
    pub fingerprint: S<String>,
    /// The fingerprint of each file, by site-relative path.
    pub files: Option<S<OrderedMap<S<String>, S<String>>>>,
}
