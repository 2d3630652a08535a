//! What a published quarter's pages were shown with, beyond its own files: the second form of
//! the fingerprint. Besides the files of the quarter's folder and the definitions of the
//! metrics it reports (in the order shown), a record in this form covers
//! - the settings (`quarterdeck.toml` as read: defaults filled in, then every setting equal to
//!   its default left out, so that writing a default is the same as not writing it; `base_url`
//!   left out, since where the site is served changes no page);
//! - the site's labels in its language (`i18n/<language>.toml`: each label that differs from
//!   the built-in one; absent when none does);
//! - what the facts computed for it (movements, previous scores, directions, trend lines) are
//!   computed from beyond its own files, the settings and the definitions: the quarter before
//!   it and its risks' scores, impact, likelihood and status there; its metrics' previous and
//!   earlier readings. The facts are a function of these and the entries above, so a fact
//!   shown changes only with an entry; and an edit to its own files is named once, by file,
//!   rather than again as every fact it moves.
//!
//! Each is one more entry beside the files, so a mismatch names it.

use super::fingerprint::{self, canonical, hash, FileFingerprints, Fingerprints, Form};
use crate::config::Config;
use crate::i18n::{Entry, Labels};
use crate::model::types::Site;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

/// The entry of the settings.
pub(crate) const SETTINGS: &str = crate::config::FILE_NAME;
/// The entry of the facts computed for the quarter's risks.
pub(crate) const RISKS: &str = "computed/risks";
/// The entry of the facts computed for the quarter's metrics.
pub(crate) const METRICS: &str = "computed/metrics";

/// Settings that change no page: where the site is served.
const NOT_SHOWN: [&str; 1] = ["base_url"];

/// The site-wide entries, computed once for every quarter of a check.
pub(crate) struct Shown {
    settings: String,
    /// `i18n/<language>.toml` and its fingerprint, when a label differs from the built-in one.
    labels: Option<(String, String)>,
}

impl Shown {
    pub(crate) fn of(site: &Site) -> Shown {
        Shown {
            settings: hash(&canonical(&settings(&site.config))),
            labels: labels(&site.labels).map(|v| {
                (
                    crate::i18n::site_file(site.labels.lang()),
                    hash(&canonical(&v)),
                )
            }),
        }
    }

    /// Everything the second form covers for `site.quarters[index]`; `None` when `load`
    /// computed no fingerprints for its folder.
    pub(crate) fn quarter(
        &self,
        fingerprints: &Fingerprints,
        site: &Site,
        index: usize,
    ) -> Option<FileFingerprints> {
        let q = &site.quarters[index];
        let mut files =
            fingerprint::quarter_files(fingerprints, &q.quarter.to_string(), Form::Two)?;
        files.insert(SETTINGS.to_string(), self.settings.clone());
        if let Some((path, f)) = &self.labels {
            files.insert(path.clone(), f.clone());
        }
        files.insert(RISKS.to_string(), hash(&canonical(&risks(site, index))));
        files.insert(METRICS.to_string(), hash(&canonical(&metrics(site, index))));
        Some(files)
    }
}

/// A site's content as the records of its quarters cover it, in either form.
pub(crate) struct Content<'a> {
    /// The fingerprints of the files, as `load` computed them.
    fingerprints: &'a Fingerprints,
    site: Option<&'a Site>,
    /// Computed when a quarter is first asked for in the second form.
    shown: OnceLock<Shown>,
}

impl<'a> Content<'a> {
    /// `site` is the validated site, or `None` when its settings could not be read.
    pub(crate) fn new(fingerprints: &'a Fingerprints, site: Option<&'a Site>) -> Content<'a> {
        Content {
            fingerprints,
            site,
            shown: OnceLock::new(),
        }
    }

    /// What a record of `form` covers for the quarter in `folder`; `None` when `load` computed
    /// no fingerprints for the folder, and for the second form when the site or the quarter
    /// did not validate (their errors are reported).
    pub(crate) fn of(&self, folder: &str, form: Form) -> Option<FileFingerprints> {
        if form == Form::One {
            return fingerprint::quarter_files(self.fingerprints, folder, form);
        }
        let site = self.site?;
        let index = site
            .quarters
            .iter()
            .position(|q| q.quarter.to_string() == folder)?;
        let shown = self.shown.get_or_init(|| Shown::of(site));
        shown.quarter(self.fingerprints, site, index)
    }
}

/// How a change to an entry is named: the path, and for what is not a file of the quarter,
/// what it stands for.
pub(crate) fn describe(path: &str) -> String {
    let what = match path {
        SETTINGS => "the settings its pages are shown with",
        RISKS => {
            "the quarter before it and its risks' scores there, from which movements are computed"
        }
        METRICS => {
            "its metrics' earlier readings, from which directions and trend lines are computed"
        }
        p if p.starts_with("content/metrics.") => {
            "the definitions of the metrics this quarter reports"
        }
        p if p.starts_with(crate::i18n::SITE_DIR) && p.ends_with(".toml") => {
            "the site's labels its pages are shown with"
        }
        _ => return path.to_string(),
    };
    format!("{path} ({what})")
}

/// The settings as read, without those at their default and those that change no page.
pub(crate) fn settings(config: &Config) -> Value {
    let mut value = serde_json::to_value(config).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        for key in NOT_SHOWN {
            map.remove(key);
        }
        if let Some(Value::Object(defaults)) = defaults() {
            strip_defaults(map, defaults);
        }
    }
    value
}

/// The settings of a site that writes only what is required, as read.
fn defaults() -> Option<&'static Value> {
    static DEFAULTS: OnceLock<Option<Value>> = OnceLock::new();
    DEFAULTS
        .get_or_init(|| {
            let config: Config = toml::from_str("title = \"\"\norganization = \"\"\n").ok()?;
            serde_json::to_value(config).ok()
        })
        .as_ref()
}

/// Leaves out each member equal to its default; a table is compared member by member, and
/// left out when nothing in it differs. A table that sets nothing (every member absent) is the
/// same as no table.
fn strip_defaults(map: &mut Map<String, Value>, defaults: &Map<String, Value>) {
    map.retain(|key, value| {
        let default = defaults.get(key).unwrap_or(&Value::Null);
        if let (Value::Object(inner), Value::Object(inner_default)) = (&mut *value, default) {
            strip_defaults(inner, inner_default);
            return !inner.is_empty();
        }
        let written = canonical(value);
        written != canonical(default) && !(written == "{}" && default.is_null())
    });
}

/// The labels that differ from the built-in ones of the site's language, by key; `None` when
/// none does.
fn labels(shown: &Labels) -> Option<Value> {
    let builtin = crate::i18n::resolve(shown.lang(), None, &[], &mut Vec::new());
    let differ: Map<String, Value> = shown
        .entries()
        .filter(|(key, entry)| builtin.entry(key) != Some(*entry))
        .map(|(key, entry)| (key.to_string(), entry_value(entry)))
        .collect();
    (!differ.is_empty()).then_some(Value::Object(differ))
}

fn entry_value(entry: &Entry) -> Value {
    match entry {
        Entry::Text(t) => Value::String(t.clone()),
        Entry::Plural(forms) => Value::Object(
            forms
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect(),
        ),
    }
}

/// What the facts of the quarter's risks are computed from, beyond its own files and the
/// settings: the quarter before it, and for each of its risks that was there, its score, impact,
/// likelihood and status there (movement, previous score and the heat map's trail follow).
fn risks(site: &Site, index: usize) -> Value {
    let q = &site.quarters[index];
    let previous = index
        .checked_sub(1)
        .map(|p| site.quarters[p].quarter.to_string());
    let risks: Vec<Value> = q
        .facts
        .risks
        .iter()
        .filter(|f| f.previous_score.is_some())
        .map(|f| {
            json!({
                "id": f.id,
                "previous_score": f.previous_score,
                "previous_impact": f.previous_impact,
                "previous_likelihood": f.previous_likelihood,
                "previous_status": f.previous_status,
            })
        })
        .collect();
    json!({"compared_with": previous, "risks": risks})
}

/// What the facts of the quarter's metrics are computed from, beyond its own readings and the
/// definitions: for each metric it reports, by id, the previous reading (direction follows) and
/// the earlier readings its trend line draws.
fn metrics(site: &Site, index: usize) -> Value {
    let q = &site.quarters[index];
    let mut metrics: Vec<(&str, Value)> = q
        .facts
        .metrics
        .iter()
        .map(|m| {
            let earlier: Vec<Value> = m
                .history
                .iter()
                .filter(|(quarter, _)| *quarter != q.quarter)
                .map(|(quarter, value)| json!([quarter.to_string(), value]))
                .collect();
            let facts = json!({"id": m.id, "previous": m.previous, "earlier": earlier});
            (m.id.as_str(), facts)
        })
        .collect();
    // By id: their order on the page is the definitions' (`content/metrics.yaml`), named there.
    metrics.sort_by(|a, b| a.0.cmp(b.0));
    Value::Array(metrics.into_iter().map(|(_, v)| v).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings_of(toml: &str) -> String {
        let config = Config::parse(toml).unwrap();
        canonical(&settings(&config))
    }

    #[test]
    fn settings_at_their_default_count_as_not_written() {
        let required = "title = \"Board\"\norganization = \"Acme\"\n";
        let bare = settings_of(required);
        assert_eq!(bare, r#"{"organization":"Acme","title":"Board"}"#);
        let defaults = format!(
            "# every default written out, in another order\ncurrency = \"usd\"\npaper = \"A4\"\ntrend_quarters = 8\ntop_risks = 5\nlanguage = \"en\"\n{required}base_url = \"https://example.com/board/\"\n"
        );
        assert_eq!(settings_of(&defaults), bare);
        assert_eq!(
            settings_of(&format!("{required}currency = \"EUR\"\ntop_risks = 3\n")),
            r#"{"currency":"EUR","organization":"Acme","title":"Board","top_risks":3}"#
        );
        assert_eq!(
            settings_of(&format!("{required}risk_appetite = 12\n")),
            r#"{"organization":"Acme","risk_appetite":12,"title":"Board"}"#
        );
    }

    #[test]
    fn the_same_scale_written_two_ways_is_the_same_setting() {
        let required = "title = \"Board\"\norganization = \"Acme\"\n";
        assert_eq!(
            settings_of(&format!("{required}risk_appetite = 12\n")),
            settings_of(&format!("{required}[appetite]\nlimit = 12\n"))
        );
        let built_in =
            "[matrix]\nbands = [\"LLLLM\", \"LLMMH\", \"LMMHC\", \"LMHCC\", \"MHCCC\"]\n";
        assert_eq!(
            settings_of(&format!("{required}{built_in}")),
            settings_of(required)
        );
        let named = "[matrix]\nimpact = [\"a\", \"b\", \"c\", \"d\", \"e\"]\n";
        assert_eq!(
            settings_of(&format!("{required}{named}bands = [\"LLLLM\", \"LLMMH\", \"LMMHC\", \"LMHCC\", \"MHCCC\"]\n")),
            settings_of(&format!("{required}{named}"))
        );
        assert_ne!(
            settings_of(&format!("{required}[matrix]\nbands = [\"LLLLH\", \"LLMMH\", \"LMMHC\", \"LMHCC\", \"MHCCC\"]\n")),
            settings_of(required),
            "bands that differ from the built-in ones are a setting"
        );
    }

    #[test]
    fn a_table_is_compared_member_by_member() {
        let mut map: Map<String, Value> = serde_json::from_str(
            r#"{"t": {"a": 1, "b": 2}, "u": {"x": null}, "v": {"a": 1}, "n": 5}"#,
        )
        .unwrap();
        let defaults: Map<String, Value> =
            serde_json::from_str(r#"{"t": {"a": 1, "b": 3}, "u": null, "v": {"a": 1}, "n": 5}"#)
                .unwrap();
        strip_defaults(&mut map, &defaults);
        assert_eq!(Value::Object(map).to_string(), r#"{"t":{"b":2}}"#);
    }
}
