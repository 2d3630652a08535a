//! The fingerprint of a quarter's content: what the board was told, with everything that does
//! not change what it was told (comments, key order, quoting, indentation, line endings, a BOM,
//! trailing whitespace) left out, and every value kept.
//!
//! Each file is parsed into plain values and written as canonical JSON (keys sorted, numbers
//! in one form, absent and `null` alike), then hashed with SHA-256. The quarter's fingerprint
//! is the hash of the map from file to file fingerprint, so that a mismatch can name the files.
//!
//! There are two forms (`Form`). The first covers the quarter's files and the definitions of
//! the metrics it reports; the second (`publish::shown`) adds what they are shown with: the
//! settings, the site's labels and the facts computed from other quarters. A record keeps the
//! form each entry was written in, and is checked in the form of its latest entry.

use crate::diag::Sources;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// `sha256:` and 64 lower-case hexadecimal digits.
pub const PREFIX: &str = "sha256:";

/// Site-relative path → fingerprint, sorted by path.
pub type FileFingerprints = BTreeMap<String, String>;

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
/// definitions of the metrics its trends.yaml reports. Only the texts already read are used.
pub fn quarter_files(sources: &Sources, folder: &str, form: Form) -> FileFingerprints {
    let prefix = format!("content/quarters/{folder}/");
    let record = format!("{prefix}{}", super::FILE_NAME);
    let mut out = FileFingerprints::new();
    let mut reported = BTreeSet::new();
    for (path, text) in sources.range(prefix.clone()..) {
        if !path.starts_with(&prefix) {
            break;
        }
        if *path == record {
            continue;
        }
        let value = parse(path, text);
        if is_trends(&path[prefix.len()..]) {
            if let Some(Value::Object(map)) = &value {
                reported.extend(map.keys().map(|k| k.trim().to_string()));
            }
        }
        out.insert(path.clone(), of_value(value.as_ref(), text));
    }
    if let Some((path, text)) = sources
        .iter()
        .find(|(p, _)| *p == "content/metrics.yaml" || *p == "content/metrics.yml")
    {
        if !reported.is_empty() {
            let definitions =
                parse(path, text).map(|all| reported_definitions(&all, &reported, form));
            out.insert(path.clone(), of_value(definitions.as_ref(), text));
        }
    }
    out
}

/// The quarter's fingerprint: one hash over every file's.
pub fn combine(files: &FileFingerprints) -> String {
    let map: serde_json::Map<String, Value> = files
        .iter()
        .map(|(p, f)| (p.clone(), Value::String(f.clone())))
        .collect();
    hash(&canonical(&Value::Object(map)))
}

/// `sha256:1f2e3d4c…`, enough to recognise a fingerprint in a message.
pub fn short(fingerprint: &str) -> String {
    let end = fingerprint
        .char_indices()
        .nth(19)
        .map_or(fingerprint.len(), |(i, _)| i);
    format!("{}…", &fingerprint[..end])
}

/// True for `sha256:` followed by 64 lower-case hexadecimal digits.
pub fn is_well_formed(s: &str) -> bool {
    s.strip_prefix(PREFIX).is_some_and(|hex| {
        hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// What differs between a record's file fingerprints and the content's, by path:
/// `changed content/…/R-003.yaml`, `added …`, `removed …`.
pub fn changes(recorded: &FileFingerprints, now: &FileFingerprints) -> Vec<String> {
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
pub fn changed_paths<'a>(
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

fn is_trends(rel: &str) -> bool {
    rel == "trends.yaml" || rel == "trends.yml"
}

fn parse(path: &str, text: &str) -> Option<Value> {
    crate::load::yaml::parse::<Value>(path, text, 0).ok()
}

/// The metrics.yaml items whose `id` the quarter reports: ordered by id in the first form; in
/// the second, in the order of metrics.yaml, which is the order the one-pager shows them in.
fn reported_definitions(all: &Value, reported: &BTreeSet<String>, form: Form) -> Value {
    let mut picked: Vec<(&str, &Value)> = all
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| {
            let id = m.get("id")?.as_str()?.trim();
            reported.contains(id).then_some((id, m))
        })
        .collect();
    if form == Form::One {
        picked.sort_by_key(|(id, _)| *id);
    }
    Value::Array(picked.into_iter().map(|(_, m)| m.clone()).collect())
}

/// A file that does not parse has no values to compare; its text stands in for them, marked
/// so that it can never equal the fingerprint of parsed content.
fn of_value(value: Option<&Value>, text: &str) -> String {
    match value {
        Some(v) => hash(&canonical(v)),
        None => hash(&format!("unparsed\n{text}")),
    }
}

/// `sha256:` and the SHA-256 of `text` in lower-case hexadecimal.
pub fn hash(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(PREFIX.len() + 64);
    out.push_str(PREFIX);
    for b in digest {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

/// Canonical JSON: keys sorted, no spaces, a whole number always written as an integer
/// (`7`, `7.0` and `7e0` are one value), strings without trailing whitespace (the model
/// ignores it), and a `null` member left out (an optional field set to null is absent).
pub fn canonical(v: &Value) -> String {
    let mut out = String::new();
    write(v, &mut out);
    out
}

fn write(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number(n)),
        Value::String(s) => quote(s.trim_end(), out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            // Sorted here whatever order serde_json's map keeps (it depends on a feature).
            let mut members: Vec<(&String, &Value)> =
                map.iter().filter(|(_, v)| !v.is_null()).collect();
            members.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (k, v)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                quote(k, out);
                out.push(':');
                write(v, out);
            }
            out.push('}');
        }
    }
}

fn number(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    match n.as_f64() {
        // Exactly representable whole numbers are written as integers.
        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}", f as i64),
        Some(f) => format!("{f:?}"),
        None => n.to_string(),
    }
}

/// A JSON string, as serde_json writes it. Most strings need no escape and are copied as they
/// are; the rest go through serde_json, so the text never differs from what it wrote before.
fn quote(s: &str, out: &mut String) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(text: &str) -> String {
        let mut s = Sources::new();
        s.insert(
            "content/quarters/2026-Q2/risks/R-1.yaml".into(),
            text.into(),
        );
        quarter_files(&s, "2026-Q2", Form::One)
            .remove("content/quarters/2026-Q2/risks/R-1.yaml")
            .unwrap()
    }

    #[test]
    fn formatting_and_comments_do_not_count() {
        let a = fp("id: R-1\ntitle: Ransomware\nimpact: 5\ntags: [a, b]\n");
        let b = fp("# a comment\ntitle: 'Ransomware'   # trailing\nid: \"R-1\"\nimpact: 5.0\ntags:\n  - a\n  - b\n");
        assert_eq!(a, b);
        assert_eq!(
            a,
            fp("id: R-1\ntitle: Ransomware  \nimpact: 5\ntags: [a, b]\nnote: ~\n")
        );
        assert_eq!(
            fp("due: 2026-12-15\ntarget: 99.95\nbig: 7\n"),
            fp("due: \"2026-12-15\"\ntarget: 99.950\nbig: 7.0\n")
        );
    }

    #[test]
    fn every_value_counts() {
        let a = fp("id: R-1\nimpact: 5\n");
        assert_ne!(a, fp("id: R-1\nimpact: 4\n"));
        assert_ne!(a, fp("id: R-2\nimpact: 5\n"));
        assert_ne!(a, fp("id: R-1\nimpact: \"5\"\n"));
        assert_ne!(a, fp("id: R-1\nimpact: 5\nextra: 1\n"));
    }

    #[test]
    fn strings_are_quoted_as_serde_json_quotes_them() {
        for s in [
            "plain",
            "Zürich €",
            "a \"quote\"",
            "back\\slash",
            "tab\tnew\nline",
            "\u{7f}\u{1}",
        ] {
            let mut out = String::new();
            quote(s, &mut out);
            assert_eq!(out, serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn an_unparsed_file_never_matches_parsed_content() {
        let a = fp("id: R-1\n");
        assert_ne!(a, fp("id: R-1\nid: R-1\n"));
        assert!(is_well_formed(&fp("[unclosed\n")));
    }

    #[test]
    fn fingerprints_are_sha256_in_hex() {
        let f = fp("id: R-1\n");
        assert!(is_well_formed(&f), "{f}");
        assert_eq!(
            hash(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
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
