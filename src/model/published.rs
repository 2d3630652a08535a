//! Published quarters: `published.yaml` validated into a record, the quarter's content compared
//! with the record's latest fingerprint (`published-changed` when they differ), and the lints
//! about the state at the board meeting held back, since they describe the record as presented.

use super::check::{pos, FileCheck};
use super::types::{Quarter, SignOff};
use crate::diag::{Diagnostic, Pos, Severity};
use crate::load::raw::{OrderedMap, S};
use crate::load::{Doc, Loaded};
use crate::publish::fingerprint::{self, FileFingerprints};
use crate::publish::record::{RawRecord, RawRestatement, Record, Restatement};

/// Lints that stay on for a published quarter: they are about files quarterdeck does not read,
/// which can be fixed without touching the record.
const STILL_REPORTED: [&str; 1] = ["unexpected-file"];

/// Checks every quarter's record, attaches it to the quarter, and quiets historic lints.
pub fn check(loaded: &Loaded, quarters: &mut [Quarter], diags: &mut Vec<Diagnostic>) {
    use rayon::prelude::*;
    let published: Vec<_> = loaded
        .quarters
        .iter()
        .filter_map(|rq| Some((rq, rq.published.as_ref()?)))
        .collect();
    // Fingerprinting parses every file of the quarter again: one task per quarter, in order.
    let now: Vec<FileFingerprints> = published
        .par_iter()
        .map(|(rq, _)| fingerprint::quarter_files(&loaded.sources, &rq.folder))
        .collect();
    for ((rq, doc), now) in published.into_iter().zip(now) {
        let Some(mut record) = record(doc, diags) else {
            continue;
        };
        record.current = compare(&rq.folder, &record, doc, &now, diags);
        if let Some(q) = quarters
            .iter_mut()
            .find(|q| q.quarter.to_string() == rq.folder)
        {
            q.published = Some(record);
        }
    }
    quiet_historic_lints(loaded, diags);
}

/// Drops the warnings on the files of every quarter that has a record (even a broken one: the
/// quarter was presented either way), except those in `STILL_REPORTED`. Errors stay.
fn quiet_historic_lints(loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    let published: Vec<String> = loaded
        .quarters
        .iter()
        .filter(|rq| {
            let path = format!(
                "content/quarters/{}/{}",
                rq.folder,
                crate::publish::FILE_NAME
            );
            loaded.sources.contains_key(&path)
        })
        .map(|rq| format!("content/quarters/{}/", rq.folder))
        .collect();
    diags.retain(|d| {
        d.severity == Severity::Error
            || STILL_REPORTED.contains(&d.code)
            || !published.iter().any(|p| d.file.starts_with(p.as_str()))
    });
}

/// The typed record, or `None` (with diagnostics) when it cannot be trusted.
fn record(doc: &Doc<RawRecord>, diags: &mut Vec<Diagnostic>) -> Option<Record> {
    let before = diags.len();
    let raw = &doc.value;
    let mut c = FileCheck::new(&doc.file, diags);
    let published_on = c.date("published_on", &raw.published_on);
    let fingerprint = well_formed(&mut c, &raw.fingerprint);
    let files = files(&mut c, raw.files.as_ref(), &raw.fingerprint);
    let mut restatements = Vec::new();
    let mut last = published_on;
    for r in raw.restatements.iter().flatten() {
        let entry = restatement(&mut c, r, last);
        if let Some(e) = &entry {
            last = Some(e.date);
        }
        restatements.push(entry);
    }
    if diags.len() > before {
        return None;
    }
    Some(Record {
        published_on: published_on?,
        fingerprint: fingerprint?,
        files,
        restatements: restatements.into_iter().collect::<Option<_>>()?,
        file: doc.file.clone(),
        current: true,
    })
}

fn restatement(
    c: &mut FileCheck,
    s: &S<RawRestatement>,
    after: Option<super::scalar::Date>,
) -> Option<Restatement> {
    let r = &s.value;
    let date = c.date("restatements.date", &r.date);
    if let (Some(d), Some(a)) = (date, after) {
        if d < a {
            c.error(
                "bad-date",
                pos(&r.date),
                format!("this restatement is dated {d}, before the entry above it ({a})"),
            )
            .hint = Some(
                "restatements are listed oldest first; each is dated on or after the one before"
                    .into(),
            );
        }
    }
    let reason = c.text("restatements.reason", &r.reason);
    let cto = r
        .approved_by
        .as_ref()
        .and_then(|a| c.opt_text(&a.value.cto));
    let ciso = r
        .approved_by
        .as_ref()
        .and_then(|a| c.opt_text(&a.value.ciso));
    if cto.is_none() || ciso.is_none() {
        let missing: Vec<&str> = [("cto", cto.is_none()), ("ciso", ciso.is_none())]
            .iter()
            .filter(|(_, m)| *m)
            .map(|(n, _)| *n)
            .collect();
        let at = r.approved_by.as_ref().map_or(pos(s), pos);
        c.error(
            "missing-signoff",
            at,
            format!("a restatement needs the joint sign-off; missing: {}", missing.join(", ")),
        )
        .hint = Some("restate with `quarterdeck restate`, which records `approved_by` with `cto:` and `ciso:` names".into());
    }
    let fingerprint = well_formed(c, &r.fingerprint);
    let files = files(c, r.files.as_ref(), &r.fingerprint);
    Some(Restatement {
        date: date?,
        reason,
        approved_by: SignOff {
            cto: cto?,
            ciso: ciso?,
        },
        fingerprint: fingerprint?,
        files,
    })
}

fn well_formed(c: &mut FileCheck, v: &S<String>) -> Option<String> {
    let f = v.value.trim();
    if fingerprint::is_well_formed(f) {
        return Some(f.to_string());
    }
    c.error(
        "bad-fingerprint",
        pos(v),
        format!(
            "`{f}` is not a fingerprint; expected `sha256:` and 64 lower-case hexadecimal digits"
        ),
    )
    .hint = Some(edited_hint(c.file));
    None
}

/// The per-file fingerprints, which must add up to the entry's fingerprint.
fn files(
    c: &mut FileCheck,
    files: Option<&S<OrderedMap<S<String>, S<String>>>>,
    total: &S<String>,
) -> Option<FileFingerprints> {
    let files = files?;
    let mut out = FileFingerprints::new();
    for (path, f) in &files.value.0 {
        if let Some(f) = well_formed(c, f) {
            out.insert(path.value.trim().to_string(), f);
        }
    }
    if out.len() == files.value.0.len() && fingerprint::combine(&out) != total.value.trim() {
        c.error(
            "bad-fingerprint",
            pos(total),
            "this fingerprint does not match the file fingerprints listed under `files`",
        )
        .hint = Some(edited_hint(c.file));
    }
    Some(out)
}

fn edited_hint(file: &str) -> String {
    format!("published.yaml is written by `quarterdeck publish` and `quarterdeck restate`, never by hand; restore it from Git: `git checkout -- {file}`")
}

/// Compares the content with the latest fingerprint; on a difference, reports
/// `published-changed` naming each file. Returns whether they match.
fn compare(
    folder: &str,
    record: &Record,
    doc: &Doc<RawRecord>,
    now: &FileFingerprints,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let (latest, files) = record.latest();
    if fingerprint::combine(now) == latest {
        return true;
    }
    // A changed file with an error of its own (one that does not parse, say) is reported there;
    // naming it again on every published quarter that covers it (metrics.yaml: all of them)
    // would bury that error. Once it checks, a change that remains is reported.
    if let Some(recorded) = files {
        let paths = fingerprint::changed_paths(recorded, now);
        let has_error = |p: &str| diags.iter().any(|d| d.is_error() && d.file == p);
        if !paths.is_empty() && paths.iter().all(|p| has_error(p)) {
            return false;
        }
    }
    let what = match files {
        Some(recorded) => fingerprint::changes(recorded, now).join("; "),
        None => {
            "the record lists no file fingerprints, so the change cannot be traced to a file".into()
        }
    };
    let when = match record.restatements.last() {
        Some(r) => format!(
            "published on {} and restated on {}",
            record.published_on, r.date
        ),
        None => format!("published on {}", record.published_on),
    };
    let at = match doc.value.restatements.as_ref().and_then(|r| r.last()) {
        Some(r) => pos(&r.value.fingerprint),
        None => pos(&doc.value.fingerprint),
    };
    let quarter = crate::model::scalar::QuarterId::parse(folder).ok();
    let command = quarter.map_or_else(
        || "quarterdeck restate".to_string(),
        crate::publish::restate_command,
    );
    diags.push(
        Diagnostic::error(
            "published-changed",
            &doc.file,
            format!("{folder} was {when}; its content no longer matches the record: {what}"),
        )
        .at(at.or(Some(Pos::new(1, 1))))
        .hint(format!(
            "a published quarter is what the board was told: undo the change, or record it as a restatement with `{command}`"
        )),
    );
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::RawQuarter;

    fn loaded(with_record: bool) -> Loaded {
        let mut sources = crate::diag::Sources::new();
        if with_record {
            sources.insert("content/quarters/2026-Q2/published.yaml".into(), "x".into());
        }
        Loaded {
            config: None,
            metrics: None,
            catalog: None,
            quarters: ["2026-Q2", "2026-Q3"]
                .iter()
                .map(|f| RawQuarter {
                    folder: f.to_string(),
                    ..RawQuarter::default()
                })
                .collect(),
            pages: Vec::new(),
            sources,
        }
    }

    fn diags() -> Vec<Diagnostic> {
        let q2 = "content/quarters/2026-Q2";
        vec![
            Diagnostic::warning("overdue", format!("{q2}/risks/R-1.yaml"), "m"),
            Diagnostic::warning("few-risks", format!("{q2}/quarter.yaml"), "m"),
            Diagnostic::warning("unexpected-file", format!("{q2}/notes.txt"), "m"),
            Diagnostic::error("out-of-range", format!("{q2}/risks/R-1.yaml"), "m"),
            Diagnostic::warning("overdue", "content/quarters/2026-Q3/risks/R-1.yaml", "m"),
        ]
    }

    #[test]
    fn lints_of_a_published_quarter_are_quiet_but_errors_stay() {
        let mut d = diags();
        quiet_historic_lints(&loaded(true), &mut d);
        let kept: Vec<(&str, &str)> = d.iter().map(|d| (d.code, d.file.as_str())).collect();
        assert_eq!(
            kept,
            [
                ("unexpected-file", "content/quarters/2026-Q2/notes.txt"),
                ("out-of-range", "content/quarters/2026-Q2/risks/R-1.yaml"),
                ("overdue", "content/quarters/2026-Q3/risks/R-1.yaml"),
            ]
        );
        let mut d = diags();
        quiet_historic_lints(&loaded(false), &mut d);
        assert_eq!(d.len(), 5);
    }
}
