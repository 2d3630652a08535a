//! Published quarters: `published.yaml` validated into a record (its chain of entries
//! verified), the quarter's content compared with the record's latest entry in that entry's
//! fingerprint form (`published-changed` when they differ), and the lints about the state at
//! the board meeting held back, since they describe the record as presented.

use super::check::{pos, FileCheck};
use super::types::{SignOff, Site};
use crate::diag::{Diagnostic, Pos, Severity};
use crate::load::raw::{OrderedMap, S};
use crate::load::record::{RawRecord, RawRestatement};
use crate::load::{Doc, Loaded};
use crate::model::publish::chain::{self, Break};
use crate::model::publish::fingerprint::{self, FileFingerprints, Form};
use crate::model::publish::record::{Record, Restatement};
use crate::model::publish::shown::Content;

/// Lints that stay on for a published quarter: they are about files quarterdeck does not read,
/// which can be fixed without touching the record.
const STILL_REPORTED: [&str; 1] = ["unexpected-file"];

/// Checks every quarter's record and returns the valid ones by quarter folder; quiets historic
/// lints. Without a site (the settings could not be read) records in the second form cannot
/// be compared: the settings' own error is the one reported.
pub(super) fn check(
    loaded: &Loaded,
    site: Option<&Site>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Record)> {
    let mut records = Vec::new();
    for rq in &loaded.quarters {
        let Some(doc) = rq.published.as_ref() else {
            continue;
        };
        if let Some(r) = record(doc, diags) {
            records.push((rq.folder.clone(), doc, r));
        }
    }
    // The files' fingerprints were computed as `load` read them (on every core); what the
    // second form adds, from the facts and the settings, is computed here.
    let content = Content::new(&loaded.fingerprints, site);
    let now: Vec<Option<FileFingerprints>> = records
        .iter()
        .map(|(folder, _, r)| content.of(folder, r.latest().form))
        .collect();
    let mut out = Vec::with_capacity(records.len());
    for ((folder, doc, mut record), now) in records.into_iter().zip(now) {
        record.current = match now {
            Some(now) => compare(&folder, &record, doc, &now, diags),
            None => false,
        };
        out.push((folder, record));
    }
    quiet_historic_lints(loaded, diags);
    out
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
                crate::layout::PUBLISHED
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
    let form = form(&mut c, raw.form.as_ref());
    let fingerprint = well_formed(&mut c, &raw.fingerprint);
    let files = files(&mut c, raw.files.as_ref(), &raw.fingerprint, form);
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
    let record = Record {
        published_on: published_on?,
        form: form?,
        fingerprint: fingerprint?,
        files,
        restatements: restatements.into_iter().collect::<Option<_>>()?,
        file: doc.file.clone(),
        current: true,
    };
    let breaks = chain::verify(&record);
    for b in &breaks {
        broken(&mut FileCheck::new(&doc.file, diags), raw, &record, b);
    }
    breaks.is_empty().then_some(record)
}

/// The form of the first publication: `form: N`, or the first when absent.
fn form(c: &mut FileCheck, v: Option<&S<i64>>) -> Option<Form> {
    let Some(v) = v else {
        return Some(Form::One);
    };
    let form = u64::try_from(v.value).ok().and_then(Form::from_number);
    if form.is_none() {
        c.error(
            "invalid-value",
            pos(v),
            format!(
                "`form` is {}; this quarterdeck knows fingerprint forms 1 and 2",
                v.value
            ),
        )
        .hint = Some("a newer quarterdeck wrote this record: use that version (pin it in CI), or restore the file from Git".into());
    }
    form
}

/// Reports where the chain of entries breaks (`record-broken`).
fn broken(c: &mut FileCheck, raw: &RawRecord, record: &Record, b: &Break) {
    let entry = |n: usize| &raw.restatements.as_ref().expect("a restatement broke")[n - 1];
    let dated = |n: usize| {
        format!(
            "restatement {n} (dated {})",
            record.restatements[n - 1].date
        )
    };
    let (at, message) = match b {
        Break::Seal { entry: 0 } => (
            pos(&raw.fingerprint),
            "the fingerprint of the first publication does not seal its date and content: the entry was edited by hand, or a restatement's fingerprint was moved here (which erases that restatement)".to_string(),
        ),
        Break::Seal { entry: n } => (
            pos(&entry(*n).value.fingerprint),
            format!("the fingerprint of {} does not seal its date, reason, sign-offs, content and the fingerprint it replaces: the entry was edited by hand or moved", dated(*n)),
        ),
        Break::Replaces { entry: n, before } => {
            let replaces = entry(*n).value.replaces.as_ref().expect("checked");
            (
                pos(replaces),
                format!("{} replaces {}, but the entry before it has {}: an entry between them was erased or moved", dated(*n), fingerprint::short(&replaces.value), fingerprint::short(before)),
            )
        }
        Break::Unlinked { entry: n } => (
            pos(entry(*n)),
            format!("{} does not name the fingerprint it replaces (`replaces`), but the entry before it is in the current form: it was added by hand or by an older quarterdeck", dated(*n)),
        ),
    };
    c.error("record-broken", at, message).hint = Some(format!("published.yaml only grows, through `quarterdeck publish` and `quarterdeck restate`; restore it from Git (`git log -p -- {}` shows its history) and record a change with `quarterdeck restate`", c.file));
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
    let replaces = r.replaces.as_ref().map(|v| well_formed(c, v));
    let form = if replaces.is_some() {
        Form::Two
    } else {
        Form::One
    };
    let fingerprint = well_formed(c, &r.fingerprint);
    let files = files(c, r.files.as_ref(), &r.fingerprint, Some(form));
    Some(Restatement {
        date: date?,
        reason,
        approved_by: SignOff {
            cto: cto?,
            ciso: ciso?,
        },
        replaces: replaces.map(|r| r.ok_or(())).transpose().ok()?,
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

/// The per-file fingerprints. In the first form they must add up to the entry's fingerprint;
/// in the second they are required, and the entry's fingerprint seals them (`chain`).
fn files(
    c: &mut FileCheck,
    files: Option<&S<OrderedMap<S<String>, S<String>>>>,
    total: &S<String>,
    form: Option<Form>,
) -> Option<FileFingerprints> {
    let Some(files) = files else {
        if form == Some(Form::Two) {
            c.error("missing-field", pos(total), "missing field `files`: an entry in the second fingerprint form lists the fingerprint of everything it covers")
                .hint = Some(edited_hint(c.file));
        }
        return None;
    };
    let mut out = FileFingerprints::new();
    for (path, f) in &files.value.0 {
        if let Some(f) = well_formed(c, f) {
            out.insert(path.value.trim().to_string(), f);
        }
    }
    if form == Some(Form::One)
        && out.len() == files.value.0.len()
        && fingerprint::combine(&out) != total.value.trim()
    {
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
    let latest = record.latest();
    let files = latest.files;
    if latest.matches(now) {
        return true;
    }
    // A changed file with an error of its own (one that does not parse, say) is reported there;
    // naming it again on every published quarter that covers it (metrics.yaml: all of them)
    // would bury that error. Facts computed while content has errors are computed from what
    // checked, so they follow such an error too. Once it checks, a change that remains is
    // reported.
    if let Some(recorded) = files {
        let paths = fingerprint::changed_paths(recorded, now);
        let explained = |p: &str| {
            diags.iter().any(|d| {
                d.is_error()
                    && (d.file == p
                        || (p.starts_with("computed/") && d.file.starts_with("content/")))
            })
        };
        if !paths.is_empty() && paths.iter().all(|p| explained(p)) {
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
        crate::model::publish::restate_command,
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
            catalogs: Vec::new(),
            quarters: ["2026-Q2", "2026-Q3"]
                .iter()
                .map(|f| RawQuarter {
                    folder: f.to_string(),
                    ..RawQuarter::default()
                })
                .collect(),
            pages: Vec::new(),
            sources,
            fingerprints: Default::default(),
            content_unread: false,
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
