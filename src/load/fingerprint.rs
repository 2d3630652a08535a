//! The fingerprints of a quarter's files, computed where the files are read: what the board was
//! told, with everything that does not change what it was told (comments, key order, quoting,
//! indentation, line endings, a BOM, trailing whitespace) left out, and every value kept.
//!
//! Each file is parsed into plain values and written as canonical JSON (keys sorted, numbers
//! in one form, absent and `null` alike), then hashed with SHA-256. `load` does this for the
//! files of every quarter that has a record as it reads them (`Loaded::fingerprints`), so the
//! model compares records with what was loaded and parses nothing again; a command that needs
//! a quarter without a record (`publish`, `diff`) asks [`Fingerprints::of`] the texts read.
//! What a record covers beyond the files, and how the entries combine, is
//! `model::publish::fingerprint`'s.

use super::discover::Found;
use crate::diag::Sources;
use crate::layout::{Kind, PUBLISHED};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// `sha256:` and 64 lower-case hexadecimal digits.
pub(crate) const PREFIX: &str = "sha256:";

/// Site-relative path → fingerprint, sorted by path.
pub(crate) type FileFingerprints = BTreeMap<String, String>;

/// The fingerprints of the quarters `load` was asked for, and the metric definitions they
/// may report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Fingerprints {
    quarters: BTreeMap<String, QuarterFiles>,
    metrics: Option<Definitions>,
}

/// A quarter folder as its record covers it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct QuarterFiles {
    /// Every file of the folder quarterdeck reads (the record itself left out).
    pub files: FileFingerprints,
    /// The metric ids its trends.yaml reports (each key, trimmed).
    pub reported: BTreeSet<String>,
}

/// `content/metrics.yaml` as a record covers it: the definitions, of which a record covers
/// those its quarter reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definitions {
    /// `content/metrics.yaml` (or `.yml`).
    pub path: String,
    /// Each definition with an `id`, in the file's order: the id (trimmed) and the definition
    /// as canonical JSON. When the file does not parse: its text's fingerprint, which stands
    /// in for the definitions.
    pub items: Result<Vec<(String, String)>, String>,
}

/// One file as read, before it takes its place among its quarter's.
#[derive(Debug)]
pub(crate) struct FilePrint {
    print: String,
    reported: Vec<String>,
}

impl Fingerprints {
    /// The fingerprints of the quarters in `folders`, from the texts `load` read (`sources`):
    /// for a quarter that has no record yet, and for `diff`, which keeps the texts.
    pub fn of<'a>(sources: &Sources, folders: impl IntoIterator<Item = &'a str>) -> Fingerprints {
        let mut out = Fingerprints::default();
        for folder in folders {
            let prefix = format!("content/quarters/{folder}/");
            let quarter = out.quarters.entry(folder.to_string()).or_default();
            let texts = sources.range(prefix.clone()..);
            for (path, text) in texts.take_while(|(p, _)| p.starts_with(&prefix)) {
                if let Some(print) = file(folder, path, text) {
                    quarter.add(path, print);
                }
            }
        }
        out.metrics = sources
            .iter()
            .find(|(p, _)| is_metrics(p))
            .map(|(path, text)| definitions(path, text));
        out
    }

    /// The quarter in `folder`, when its fingerprints were computed.
    pub fn quarter(&self, folder: &str) -> Option<&QuarterFiles> {
        self.quarters.get(folder)
    }

    /// The site's metric definitions, when a quarter's fingerprints were computed.
    pub fn metrics(&self) -> Option<&Definitions> {
        self.metrics.as_ref()
    }

    /// Which files `load` fingerprints as it reads them: those of every quarter with a record.
    pub(super) fn wanted(found: &[Found]) -> Fingerprints {
        let mut out = Fingerprints::default();
        for f in found.iter().filter(|f| f.kind == Kind::Published) {
            if let Some(folder) = &f.quarter_folder {
                out.quarters.insert(folder.clone(), QuarterFiles::default());
            }
        }
        out
    }

    /// The fingerprint of `f` (its text read), when it is one of the files wanted.
    pub(super) fn read(&self, f: &Found, text: &str) -> Option<Read> {
        if self.quarters.is_empty() {
            return None;
        }
        if is_metrics(&f.rel) {
            return Some(Read::Metrics(definitions(&f.rel, text)));
        }
        let folder = f.quarter_folder.as_deref()?;
        if !self.quarters.contains_key(folder) {
            return None;
        }
        file(folder, &f.rel, text).map(Read::File)
    }

    /// Puts what `read` gave for `f` in its place.
    pub(super) fn add(&mut self, f: &Found, read: Read) {
        match read {
            Read::Metrics(d) => {
                // Both spellings: the one that sorts first counts, as in `of`.
                if self.metrics.as_ref().is_none_or(|m| d.path < m.path) {
                    self.metrics = Some(d);
                }
            }
            Read::File(print) => {
                let folder = f.quarter_folder.as_deref().unwrap_or_default();
                if let Some(q) = self.quarters.get_mut(folder) {
                    q.add(&f.rel, print);
                }
            }
        }
    }
}

/// A file's fingerprint as `load` computes it on the thread that read the file.
#[derive(Debug)]
pub(crate) enum Read {
    File(FilePrint),
    Metrics(Definitions),
}

impl QuarterFiles {
    fn add(&mut self, path: &str, print: FilePrint) {
        self.reported.extend(print.reported);
        self.files.insert(path.to_string(), print.print);
    }
}

/// The fingerprint of the file `path` of the quarter in `folder`, with the metric ids it
/// reports when it is the quarter's trends.yaml; `None` for the record itself.
fn file(folder: &str, path: &str, text: &str) -> Option<FilePrint> {
    let rel = path.strip_prefix(&format!("content/quarters/{folder}/"))?;
    if rel == PUBLISHED {
        return None;
    }
    let value = parse(path, text);
    let mut reported = Vec::new();
    if rel == "trends.yaml" || rel == "trends.yml" {
        if let Some(Value::Object(map)) = &value {
            reported.extend(map.keys().map(|k| k.trim().to_string()));
        }
    }
    Some(FilePrint {
        print: of_value(value.as_ref(), text),
        reported,
    })
}

fn is_metrics(path: &str) -> bool {
    path == "content/metrics.yaml" || path == "content/metrics.yml"
}

/// The definitions of `content/metrics.yaml`, each in canonical form.
fn definitions(path: &str, text: &str) -> Definitions {
    let items = match parse(path, text) {
        Some(all) => Ok(all
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| {
                let id = m.get("id")?.as_str()?.trim();
                Some((id.to_string(), canonical(m)))
            })
            .collect()),
        None => Err(of_value(None, text)),
    };
    Definitions {
        path: path.to_string(),
        items,
    }
}

fn parse(path: &str, text: &str) -> Option<Value> {
    super::yaml::parse::<Value>(path, text, 0).ok()
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
pub(crate) fn hash(text: &str) -> String {
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
pub(crate) fn canonical(v: &Value) -> String {
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
        let fingerprints = Fingerprints::of(&s, ["2026-Q2"]);
        let quarter = fingerprints.quarter("2026-Q2").unwrap();
        quarter.files["content/quarters/2026-Q2/risks/R-1.yaml"].clone()
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
        assert!(sha256(&fp("[unclosed\n")));
    }

    /// `sha256:` and 64 lower-case hexadecimal digits.
    fn sha256(f: &str) -> bool {
        f.strip_prefix(PREFIX).is_some_and(|hex| {
            hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        })
    }

    #[test]
    fn fingerprints_are_sha256_in_hex() {
        let f = fp("id: R-1\n");
        assert!(sha256(&f), "{f}");
        assert_eq!(
            hash(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
