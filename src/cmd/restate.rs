//! `quarterdeck restate YYYY-QN --reason … --cto … --ciso …`: record a change to a published
//! quarter. The restatement, with the new fingerprint, is appended to its `published.yaml`.

use super::publish::{load, refuse_errors_except, short};
use super::{fail, CONTENT, OK};
use crate::cli::RestateArgs;
use crate::model::scalar::Date;
use crate::model::types::{QuarterStatus, SignOff};
use crate::publish::{self, fingerprint, record::Restatement};
use std::path::Path;

pub fn run(root: &Path, args: &RestateArgs) -> u8 {
    let words = [
        ("--reason", &args.reason),
        ("--cto", &args.cto),
        ("--ciso", &args.ciso),
    ];
    if let Some((flag, _)) = words.iter().find(|(_, v)| v.trim().is_empty()) {
        return fail(format!(
            "{flag} is empty; a restatement says what was corrected and why, approved by the CTO and the CISO"
        ));
    }
    let (checked, quarter) = match load(root, &args.quarter) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let path = publish::record_path(quarter);
    if !checked.loaded.sources.contains_key(&path) {
        return fail(format!(
            "{quarter} is not published (it has no {path}), so a change to it is no restatement\n  = help: edit it as usual; record it once presented with `quarterdeck publish {quarter}`"
        ));
    }
    // The change being recorded is the one error a restatement is for.
    let ours = |d: &crate::diag::Diagnostic| d.code == "published-changed" && d.file == path;
    if let Err(code) =
        refuse_errors_except(&checked, &format!("{quarter} cannot be restated"), ours)
    {
        return code;
    }
    let Some(q) = checked
        .site
        .as_ref()
        .and_then(|s| s.quarters.iter().find(|q| q.quarter == quarter))
    else {
        return fail(format!(
            "internal error: {quarter} validated but is missing"
        ));
    };
    let Some(record) = &q.published else {
        return fail(format!(
            "internal error: the record of {quarter} validated but is missing"
        ));
    };
    if q.status == QuarterStatus::Draft {
        eprintln!("error: {quarter} is published but its status is now draft; a published quarter stays final");
        eprintln!("  = help: set `status: final` again in content/quarters/{quarter}/quarter.yaml");
        return CONTENT;
    }
    if record.current {
        return fail(format!(
            "{quarter} matches its record ({path}); there is nothing to restate\n  = help: make the correction in content/quarters/{quarter}/ first, then restate"
        ));
    }
    let date = match args.date.as_deref().map(Date::parse) {
        None => today(),
        Some(Ok(d)) => d,
        Some(Err(e)) => return fail(format!("--date: {e}")),
    };
    let latest = record.latest_date();
    if date < latest {
        return fail(format!(
            "--date {date} is before the latest entry of the record ({latest}); a restatement is dated on or after it"
        ));
    }
    let now = fingerprint::quarter_files(&checked.loaded.sources, &quarter.to_string());
    let what = match record.latest().1 {
        Some(files) => fingerprint::changes(files, &now).join("; "),
        None => "the content".to_string(),
    };
    let mut record = record.clone();
    record.restatements.push(Restatement {
        date,
        reason: args.reason.trim().to_string(),
        approved_by: SignOff {
            cto: args.cto.trim().to_string(),
            ciso: args.ciso.trim().to_string(),
        },
        fingerprint: fingerprint::combine(&now),
        files: Some(now),
    });
    if let Err(e) = publish::write(root, quarter, &record.to_yaml(quarter)) {
        return fail(format!("cannot write {path}: {e}"));
    }
    let n = record.restatements.len();
    println!(
        "restated {quarter} on {date} (restatement {n}, fingerprint {}): {what}",
        short(&record.restatements[n - 1].fingerprint)
    );
    eprintln!("note: commit {path} with the change; the one-pager, the PDFs, the archive and data.json show the restatement");
    OK
}

/// The date at which the command runs (UTC): the default for a restatement, which is recorded
/// when it is made. Nothing rendered depends on it.
fn today() -> Date {
    let now: chrono::DateTime<chrono::Utc> = std::time::SystemTime::now().into();
    Date(now.date_naive())
}
