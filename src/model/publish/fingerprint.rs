//! The fingerprint of a quarter's content: what the board was told, in a form that changes
//! only when what it was told changes. Each file's fingerprint is computed where the file is
//! read (`load::fingerprint`, which also holds the canonical JSON and the hash); here they are
//! combined into what a record covers. The quarter's fingerprint is the hash of the map from
//! file to file fingerprint, so that a mismatch can name the files.
//!
//! There are two forms (`Form`). The first covers the quarter's files and the definitions of
//! the metrics it reports; the second (`publish::shown`) adds what they are shown with: the
//! settings, the site's labels and the facts computed from other quarters. A record keeps the
//! form each entry was written in, and is checked in the form of its latest entry.

pub(crate) use crate::load::fingerprint::{
    canonical, hash, FileFingerprints, Fingerprints, PREFIX,
};
use crate::load::fingerprint::{Definitions, QuarterFiles};
use serde_json::Value;
use std::collections::BTreeSet;

/// The form of a fingerprint: what it covers. A record written in an earlier form stays valid
/// and is checked in that form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Form {
    /// The quarter's files and the definitions of the metrics it reports, sorted by id.
    One = 1,
    /// Also the settings, the site's labels and the computed facts (`publish::shown`); the
    /// metric definitions in the order the pages show them; each entry sealed into a chain.
    Two = 2,
}

impl Form {
    /// The form `publish` and `restate` write.
    pub const CURRENT: Form = Form::Two;

    /// The form a record names with `form: N`.
    pub fn from_number(n: u64) -> Option<Form> {
        match n {
            1 => Some(Form::One),
            2 => Some(Form::Two),
            _ => None,
        }
    }
}

/// The fingerprints of the files a quarter's record covers: every file of its folder that
/// quarterdeck reads (except `published.yaml`), and, under the metrics file's own path, the
/// definitions of the metrics its trends.yaml reports; `None` when `load` computed none for
/// the folder.
pub(crate) fn quarter_files(
    fingerprints: &Fingerprints,
    folder: &str,
    form: Form,
) -> Option<FileFingerprints> {
    let QuarterFiles { files, reported } = fingerprints.quarter(folder)?;
    let mut out = files.clone();
    if let Some(d) = fingerprints.metrics().filter(|_| !reported.is_empty()) {
        out.insert(d.path.clone(), reported_definitions(d, reported, form));
    }
    Some(out)
}

/// The quarter's fingerprint: one hash over every file's.
pub(crate) fn combine(files: &FileFingerprints) -> String {
    let map: serde_json::Map<String, Value> = files
        .iter()
        .map(|(p, f)| (p.clone(), Value::String(f.clone())))
        .collect();
    hash(&canonical(&Value::Object(map)))
}

/// `sha256:1f2e3d4c…`, enough to recognise a fingerprint in a message.
pub(crate) fn short(fingerprint: &str) -> String {
    let end = fingerprint
        .char_indices()
        .nth(19)
        .map_or(fingerprint.len(), |(i, _)| i);
    format!("{}…", &fingerprint[..end])
}

/// True for `sha256:` followed by 64 lower-case hexadecimal digits.
pub(crate) fn is_well_formed(s: &str) -> bool {
    s.strip_prefix(PREFIX).is_some_and(|hex| {
        hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// What differs between a record's file fingerprints and the content's, by path:
/// `changed content/…/R-003.yaml`, `added …`, `removed …`.
pub(crate) fn changes(recorded: &FileFingerprints, now: &FileFingerprints) -> Vec<String> {
    changed_paths(recorded, now)
        .into_iter()
        .map(|p| {
            let what = match (recorded.get(p), now.get(p)) {
                (Some(_), Some(_)) => "changed",
                (Some(_), None) => "removed",
                _ => "added",
            };
            format!("{what} {}", super::shown::describe(p))
        })
        .collect()
}

/// The paths whose fingerprint differs, was added or was removed, sorted.
pub(crate) fn changed_paths<'a>(
    recorded: &'a FileFingerprints,
    now: &'a FileFingerprints,
) -> Vec<&'a str> {
    let paths: BTreeSet<&String> = recorded.keys().chain(now.keys()).collect();
    paths
        .into_iter()
        .filter(|p| recorded.get(*p) != now.get(*p))
        .map(String::as_str)
        .collect()
}

/// The fingerprint of the metrics.yaml items whose `id` the quarter reports: ordered by id in
/// the first form; in the second, in the order of metrics.yaml, which is the order the
/// one-pager shows them in.
fn reported_definitions(d: &Definitions, reported: &BTreeSet<String>, form: Form) -> String {
    let items = match &d.items {
        Ok(items) => items,
        Err(unparsed) => return unparsed.clone(),
    };
    let mut picked: Vec<(&str, &str)> = items
        .iter()
        .filter(|(id, _)| reported.contains(id))
        .map(|(id, m)| (id.as_str(), m.as_str()))
        .collect();
    if form == Form::One {
        picked.sort_by_key(|(id, _)| *id);
    }
    let all: Vec<&str> = picked.into_iter().map(|(_, m)| m).collect();
    // `canonical` of the array of those items.
    hash(&format!("[{}]", all.join(",")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Sources;

    fn quarter_files(s: &Sources, folder: &str, form: Form) -> FileFingerprints {
        let fingerprints = Fingerprints::of(s, [folder]);
        super::quarter_files(&fingerprints, folder, form).unwrap()
    }

    #[test]
    fn a_fingerprint_is_sha256_in_lower_case_hex() {
        assert!(is_well_formed(&hash("id: R-1\n")));
        assert!(!is_well_formed("sha256:E3B0"));
        assert!(!is_well_formed(
            "md5:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        ));
    }

    #[test]
    fn metric_definitions_count_only_when_reported() {
        let mut s = Sources::new();
        s.insert(
            "content/metrics.yaml".into(),
            "- {id: a, target: 1}\n- {id: b, target: 2}\n".into(),
        );
        s.insert(
            "content/quarters/2026-Q2/trends.yaml".into(),
            "a: 1\n".into(),
        );
        s.insert(
            "content/quarters/2026-Q2/published.yaml".into(),
            "x: 1\n".into(),
        );
        let before = quarter_files(&s, "2026-Q2", Form::One);
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            [
                "content/metrics.yaml",
                "content/quarters/2026-Q2/trends.yaml"
            ]
        );
        s.insert(
            "content/metrics.yaml".into(),
            "- {id: b, target: 3}\n- {target: 1, id: a}\n".into(),
        );
        assert_eq!(
            quarter_files(&s, "2026-Q2", Form::One),
            before,
            "b is not reported"
        );
        s.insert(
            "content/metrics.yaml".into(),
            "- {id: a, target: 9}\n".into(),
        );
        assert_ne!(quarter_files(&s, "2026-Q2", Form::One), before);
    }

    #[test]
    fn other_quarters_do_not_count() {
        let mut s = Sources::new();
        s.insert(
            "content/quarters/2026-Q2/quarter.yaml".into(),
            "a: 1\n".into(),
        );
        s.insert(
            "content/quarters/2026-Q2x/quarter.yaml".into(),
            "a: 1\n".into(),
        );
        s.insert(
            "content/quarters/2026-Q3/quarter.yaml".into(),
            "a: 1\n".into(),
        );
        assert_eq!(quarter_files(&s, "2026-Q2", Form::One).len(), 1);
        let one = quarter_files(&s, "2026-Q2", Form::One);
        assert_eq!(
            combine(&one),
            combine(&quarter_files(&s, "2026-Q2", Form::One))
        );
    }
}
