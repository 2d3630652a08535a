//! A record only grows: its first publication (`published_on`, `form`, `fingerprint`, `files`)
//! and every recorded restatement stay as they were; a change adds a restatement. `check
//! --base REF` compares each `published.yaml` at REF with the working tree's (`check`), and
//! `diff --git` shows the same comparison (`rewritten`).
//!
//! Values are compared, not text: a record reformatted by hand is the same record.

use crate::diag::{Diagnostic, Pos, Sources};
use crate::load::raw::S;
use crate::load::record::{RawRecord, RawRestatement};
use crate::load::source::{Memory, Source};
use crate::model::pos;

/// `record-rewritten` for every record at the base (read from Git into `base`) that the
/// working tree (`work`, the texts `load` read) deleted or changed other than by adding
/// restatements. Records that do not parse on either side are left alone: their own errors
/// are reported, or the base was broken already.
pub(crate) fn check(base: &Memory, work: &Sources, reference: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for path in base.paths() {
        let Some(before) = read(base, path).and_then(|t| parse(path, &t)) else {
            continue;
        };
        let changes = match work.get(path) {
            None => vec![Change {
                what: "the record was deleted".into(),
                at: None,
            }],
            Some(text) => match parse(path, text) {
                Some(now) => compare(&before, &now),
                None => continue,
            },
        };
        if let Some(d) = diagnostic(path, &before, &changes, reference) {
            out.push(d);
        }
    }
    out
}

/// What changed in the earlier entries of a record, as phrases; empty when it only grew.
pub(crate) fn rewritten(before: &str, now: Option<&str>) -> Vec<String> {
    let Some(before) = parse("published.yaml", before) else {
        return Vec::new();
    };
    match now.map(|t| parse("published.yaml", t)) {
        None => vec!["the record was deleted".to_string()],
        Some(None) => Vec::new(),
        Some(Some(now)) => compare(&before, &now).into_iter().map(|c| c.what).collect(),
    }
}

/// One difference, and where it is in the working tree's record.
struct Change {
    what: String,
    at: Option<Pos>,
}

fn read(base: &Memory, path: &str) -> Option<String> {
    let bytes = base
        .read(path, crate::load::text::MAX_FILE_BYTES + 1)
        .ok()?;
    crate::load::text::decode(&bytes).ok()
}

fn parse(path: &str, text: &str) -> Option<RawRecord> {
    crate::load::yaml::parse::<RawRecord>(path, text, 0).ok()
}

fn diagnostic(
    path: &str,
    before: &RawRecord,
    changes: &[Change],
    reference: &str,
) -> Option<Diagnostic> {
    let first = changes.first()?;
    let quarter = path
        .strip_prefix("content/quarters/")
        .and_then(|p| p.split('/').next())
        .unwrap_or(path);
    let what: Vec<&str> = changes.iter().map(|c| c.what.as_str()).collect();
    let restate = crate::model::scalar::QuarterId::parse(quarter).map_or_else(
        |_| "quarterdeck restate".to_string(),
        super::restate_command,
    );
    Some(
        Diagnostic::error(
            "record-rewritten",
            path,
            format!(
                "the record of {quarter} (published on {} at {reference}) was rewritten, not added to: {}",
                before.published_on.value.trim(),
                what.join("; ")
            ),
        )
        .at(changes.iter().find_map(|c| c.at).or(first.at))
        .hint(format!(
            "a published record only grows: restore it with `git checkout {reference} -- {path}`, then record the change with `{restate}`"
        )),
    )
}

/// The differences between the entries `before` had and the same entries `now`.
fn compare(before: &RawRecord, now: &RawRecord) -> Vec<Change> {
    let mut out = Vec::new();
    let (b, n) = (&before.published_on, &now.published_on);
    if b.value.trim() != n.value.trim() {
        out.push(Change {
            what: format!(
                "published_on changed from {} to {}",
                b.value.trim(),
                n.value.trim()
            ),
            at: pos(n),
        });
    }
    let form = |r: &RawRecord| r.form.as_ref().map_or(1, |f| f.value);
    if form(before) != form(now)
        || text(&before.fingerprint) != text(&now.fingerprint)
        || files(&before.files) != files(&now.files)
    {
        out.push(Change {
            what: "the first publication's fingerprint changed (the quarter was published again)"
                .into(),
            at: pos(&now.fingerprint),
        });
    }
    let none = Vec::new();
    let was = before.restatements.as_ref().unwrap_or(&none);
    let is = now.restatements.as_ref().unwrap_or(&none);
    for (i, b) in was.iter().enumerate() {
        let name = format!("restatement {} ({})", i + 1, b.value.date.value.trim());
        match is.get(i) {
            None => out.push(Change {
                what: format!("{name} was removed"),
                at: None,
            }),
            Some(n) => {
                let fields = entry_changes(&b.value, &n.value);
                if !fields.is_empty() {
                    out.push(Change {
                        what: format!("{name}: {} changed", fields.join(", ")),
                        at: pos(n),
                    });
                }
            }
        }
    }
    out
}

/// The fields of a restatement that differ, by name.
fn entry_changes(b: &RawRestatement, n: &RawRestatement) -> Vec<&'static str> {
    let signers = |r: &RawRestatement| {
        r.approved_by.as_ref().map(|a| {
            let name = |s: &Option<S<String>>| s.as_ref().map(|s| s.value.trim().to_string());
            (name(&a.value.cto), name(&a.value.ciso))
        })
    };
    let opt = |s: &Option<S<String>>| s.as_ref().map(text);
    let mut out = Vec::new();
    if text(&b.date) != text(&n.date) {
        out.push("date");
    }
    if text(&b.reason) != text(&n.reason) {
        out.push("reason");
    }
    if signers(b) != signers(n) {
        out.push("approved_by");
    }
    if opt(&b.replaces) != opt(&n.replaces)
        || text(&b.fingerprint) != text(&n.fingerprint)
        || files(&b.files) != files(&n.files)
    {
        out.push("fingerprint");
    }
    out
}

fn text(s: &S<String>) -> String {
    s.value.trim().to_string()
}

type RawFiles = Option<S<crate::load::raw::OrderedMap<S<String>, S<String>>>>;

/// A `files` map as sorted pairs of trimmed text.
fn files(f: &RawFiles) -> Option<Vec<(String, String)>> {
    f.as_ref().map(|m| {
        let mut pairs: Vec<(String, String)> =
            m.value.0.iter().map(|(k, v)| (text(k), text(v))).collect();
        pairs.sort();
        pairs
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const B: &str = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    fn restatement(date: &str, reason: &str) -> String {
        format!("  - date: {date}\n    reason: {reason}\n    approved_by:\n      cto: A\n      ciso: B\n    fingerprint: {B}\n")
    }

    fn record(on: &str, fingerprint: &str, restatements: &[String]) -> String {
        format!(
            "published_on: {on}\nfingerprint: {fingerprint}\nrestatements:\n{}",
            restatements.concat()
        )
    }

    #[test]
    fn a_record_that_only_grew_or_was_reformatted_is_not_rewritten() {
        let one = [restatement("2026-08-01", "Fix")];
        let before = record("2026-07-15", A, &one);
        let two = [
            restatement("2026-08-01", "Fix"),
            restatement("2026-09-01", "Again"),
        ];
        assert!(rewritten(&before, Some(&record("2026-07-15", A, &two))).is_empty());
        let reformatted = format!("# a comment\nfingerprint: \"{A}\"\npublished_on: 2026-07-15\nrestatements:\n  - {{date: 2026-08-01, reason: 'Fix', approved_by: {{ciso: B, cto: A}}, fingerprint: {B}}}\n");
        assert!(rewritten(&before, Some(&reformatted)).is_empty());
    }

    #[test]
    fn every_earlier_entry_is_kept() {
        let one = [restatement("2026-08-01", "Fix")];
        let before = record("2026-07-15", A, &one);
        assert_eq!(
            rewritten(&before, Some(&record("2026-07-16", B, &[]))),
            [
                "published_on changed from 2026-07-15 to 2026-07-16",
                "the first publication's fingerprint changed (the quarter was published again)",
                "restatement 1 (2026-08-01) was removed"
            ]
        );
        let edited = [restatement("2026-08-02", "Fixed")];
        assert_eq!(
            rewritten(&before, Some(&record("2026-07-15", A, &edited))),
            ["restatement 1 (2026-08-01): date, reason changed"]
        );
        assert_eq!(rewritten(&before, None), ["the record was deleted"]);
        // A broken record in the working tree has errors of its own.
        assert!(rewritten(&before, Some("published_on: [")).is_empty());
    }
}
