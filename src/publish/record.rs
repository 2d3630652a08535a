//! `published.yaml`: the record of a published quarter, in three forms: the serde mirror read
//! by `load` (positions kept, unknown fields refused), the validated record the model holds,
//! and the text `publish` and `restate` write.

use super::chain;
use super::fingerprint::{combine, FileFingerprints, Form};
use crate::load::raw::{OrderedMap, SignOff as RawSignOff, DATE, S};
use crate::model::scalar::{Date, QuarterId};
use crate::model::types::SignOff;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

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

/// A validated record.
#[derive(Debug, Clone)]
pub struct Record {
    pub published_on: Date,
    /// The form of the first publication's fingerprint.
    pub form: Form,
    pub fingerprint: String,
    /// Absent in a record of the first form written by hand; then a change cannot be traced
    /// to a file. Always present in the second form.
    pub files: Option<FileFingerprints>,
    /// Oldest first.
    pub restatements: Vec<Restatement>,
    /// Site-relative path of the record.
    pub file: String,
    /// The quarter's content matches the latest fingerprint (no unrecorded change).
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Restatement {
    pub date: Date,
    pub reason: String,
    pub approved_by: SignOff,
    /// The fingerprint of the entry before; `Some` exactly in the second form.
    #[serde(skip)]
    pub replaces: Option<String>,
    #[serde(skip)]
    pub fingerprint: String,
    #[serde(skip)]
    pub files: Option<FileFingerprints>,
}

impl Restatement {
    pub fn form(&self) -> Form {
        if self.replaces.is_some() {
            Form::Two
        } else {
            Form::One
        }
    }
}

/// The entry the content is checked against: the latest restatement, else the publication.
pub struct Latest<'a> {
    pub form: Form,
    pub files: Option<&'a FileFingerprints>,
    pub fingerprint: &'a str,
}

impl Latest<'_> {
    /// Whether `now` is the content the entry records: its files, in the second form (where
    /// the entry's own fingerprint is a seal); in the first, its files when listed (they add
    /// up to the fingerprint, checked when the record was read), else its fingerprint.
    pub fn matches(&self, now: &FileFingerprints) -> bool {
        match self.files {
            Some(files) => files == now,
            None => self.form == Form::One && combine(now) == self.fingerprint,
        }
    }
}

impl Record {
    /// A new record, in the current form, of content as it is now (`shown::Shown::quarter`).
    pub fn new(published_on: Date, files: FileFingerprints, file: String) -> Record {
        Record {
            published_on,
            form: Form::CURRENT,
            fingerprint: chain::seal_publication(published_on, &combine(&files)),
            files: Some(files),
            restatements: Vec::new(),
            file,
            current: true,
        }
    }

    /// Appends a restatement, in the current form, of content as it is now: it names the
    /// fingerprint of the latest entry, which it replaces.
    pub fn restate(
        &mut self,
        date: Date,
        reason: String,
        approved_by: SignOff,
        files: FileFingerprints,
    ) {
        let mut r = Restatement {
            date,
            reason,
            approved_by,
            replaces: Some(self.latest().fingerprint.to_string()),
            fingerprint: String::new(),
            files: None,
        };
        r.fingerprint = chain::seal_restatement(&r, &combine(&files));
        r.files = Some(files);
        self.restatements.push(r);
        self.current = true;
    }

    /// The entry the content is checked against.
    pub fn latest(&self) -> Latest<'_> {
        let (form, fingerprint, files) = match self.restatements.last() {
            Some(r) => (r.form(), &r.fingerprint, r.files.as_ref()),
            None => (self.form, &self.fingerprint, self.files.as_ref()),
        };
        Latest {
            form,
            files,
            fingerprint,
        }
    }

    /// The date of the latest entry: no restatement may be dated before it.
    pub fn latest_date(&self) -> Date {
        self.restatements
            .last()
            .map_or(self.published_on, |r| r.date)
    }

    /// The text of `published.yaml`.
    pub fn to_yaml(&self, quarter: QuarterId) -> String {
        let mut out =
            crate::scaffold::kind::editor_line(&super::record_path(quarter)).unwrap_or_default();
        let _ = write!(
            out,
            "# The record of what the board was told for {quarter}. Written by `quarterdeck publish`;\n\
             # a correction is recorded with `quarterdeck restate`. Do not edit this file by hand.\n"
        );
        let _ = writeln!(out, "published_on: {}", self.published_on);
        if self.form != Form::One {
            let _ = writeln!(out, "form: {}", self.form as u8);
        }
        let _ = writeln!(out, "fingerprint: {}", self.fingerprint);
        write_files(&mut out, "", self.files.as_ref());
        if self.restatements.is_empty() {
            out.push_str("restatements: []\n");
        } else {
            out.push_str("restatements:\n");
        }
        for r in &self.restatements {
            let _ = writeln!(out, "  - date: {}", r.date);
            let _ = writeln!(out, "    reason: {}", yaml_string(&r.reason));
            out.push_str("    approved_by:\n");
            let _ = writeln!(out, "      cto: {}", yaml_string(&r.approved_by.cto));
            let _ = writeln!(out, "      ciso: {}", yaml_string(&r.approved_by.ciso));
            if let Some(replaces) = &r.replaces {
                let _ = writeln!(out, "    replaces: {replaces}");
            }
            let _ = writeln!(out, "    fingerprint: {}", r.fingerprint);
            write_files(&mut out, "    ", r.files.as_ref());
        }
        out
    }
}

fn write_files(out: &mut String, indent: &str, files: Option<&FileFingerprints>) {
    let Some(files) = files else { return };
    if files.is_empty() {
        let _ = writeln!(out, "{indent}files: {{}}");
        return;
    }
    let _ = writeln!(out, "{indent}files:");
    for (path, f) in files {
        let _ = writeln!(out, "{indent}  {}: {f}", yaml_string(path));
    }
}

/// Double-quoted when plain YAML could read it otherwise; JSON's escapes are YAML's too.
fn yaml_string(s: &str) -> String {
    let plain = s.chars().next().is_some_and(|c| c.is_alphanumeric())
        && s.chars()
            .all(|c| c.is_alphanumeric() || " -_./(),'".contains(c))
        && !s.ends_with(' ')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null" | "nan" | "inf"
        )
        && s.parse::<f64>().is_err();
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> FileFingerprints {
        let f = format!("sha256:{}", "0".repeat(64));
        [
            ("content/metrics.yaml".to_string(), f.clone()),
            ("content/quarters/2026-Q2/quarter.yaml".to_string(), f),
        ]
        .into_iter()
        .collect()
    }

    #[test]
    fn written_record_reads_back() {
        let q = QuarterId::parse("2026-Q2").unwrap();
        let mut r = Record::new(Date::parse("2026-07-15").unwrap(), files(), "p".into());
        r.restate(
            Date::parse("2026-09-01").unwrap(),
            "Corrected R-3: \"impact\" was 4 # not 5\nsecond line".into(),
            SignOff {
                cto: "Dana Whitfield".into(),
                ciso: "true".into(),
            },
            files(),
        );
        let text = r.to_yaml(q);
        let raw: RawRecord = crate::load::yaml::parse("p", &text, 0).unwrap();
        assert_eq!(raw.published_on.value, "2026-07-15");
        assert_eq!(raw.form.as_ref().unwrap().value, 2);
        assert_eq!(raw.fingerprint.value, r.fingerprint);
        let rs = raw.restatements.unwrap();
        assert_eq!(rs[0].value.reason.value, r.restatements[0].reason);
        assert_eq!(rs[0].value.replaces.as_ref().unwrap().value, r.fingerprint);
        assert_ne!(rs[0].value.fingerprint.value, r.fingerprint, "sealed apart");
        let who = rs[0].value.approved_by.as_ref().unwrap();
        assert_eq!(who.value.ciso.as_ref().unwrap().value, "true");
        let listed: Vec<&str> = rs[0]
            .value
            .files
            .as_ref()
            .unwrap()
            .value
            .0
            .iter()
            .map(|(k, _)| k.value.as_str())
            .collect();
        assert_eq!(
            listed,
            [
                "content/metrics.yaml",
                "content/quarters/2026-Q2/quarter.yaml"
            ]
        );
    }

    #[test]
    fn a_fresh_record_says_no_restatements() {
        let q = QuarterId::parse("2026-Q2").unwrap();
        let r = Record::new(Date::parse("2026-07-15").unwrap(), files(), "p".into());
        let text = r.to_yaml(q);
        assert!(
            text.contains("\npublished_on: 2026-07-15\nform: 2\nfingerprint: sha256:"),
            "{text}"
        );
        assert!(text.ends_with("restatements: []\n"), "{text}");
    }
}
