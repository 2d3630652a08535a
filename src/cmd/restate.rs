//! `quarterdeck restate YYYY-QN… | --all --reason … --cto … --ciso …`: record a change to
//! published quarters. Each gets a restatement, with the new fingerprint and the one it
//! replaces, appended to its `published.yaml`. Several quarters are restated together when one
//! change (a setting, a label, an earlier quarter) changed them all; every quarter is checked
//! before any record is written.

use super::publish::{date_arg, find, missing, now, refuse_errors_except, site};
use super::CmdError;
use crate::cli::RestateArgs;
use crate::model::publish::fingerprint::{self, Form};
use crate::model::publish::record::Record;
use crate::model::publish::shown::Content;
use crate::model::publish::{self};
use crate::model::scalar::{Date, QuarterId};
use crate::model::types::{QuarterStatus, SignOff};
use std::path::Path;

pub(crate) fn run(root: &Path, args: &RestateArgs) -> Result<(), CmdError> {
    let words = [
        ("--reason", &args.reason),
        ("--cto", &args.cto),
        ("--ciso", &args.ciso),
    ];
    if let Some((flag, _)) = words.iter().find(|(_, v)| v.trim().is_empty()) {
        return Err(CmdError::failure(format!(
            "{flag} is empty; a restatement says what was corrected and why, approved by the CTO and the CISO"
        )));
    }
    let date = date_arg(args.date.as_deref())?;
    restate(root, args, date)
}

/// One quarter's new record, and what its restatement records.
struct Plan {
    quarter: QuarterId,
    record: Record,
    what: String,
}

fn restate(root: &Path, args: &RestateArgs, date: Option<Date>) -> Result<(), CmdError> {
    let named = args
        .quarters
        .iter()
        .map(|q| QuarterId::parse_arg(q).map_err(CmdError::failure))
        .collect::<Result<Vec<_>, _>>()?;
    let checked = site(root)?;
    let mut quarters = if args.all {
        to_restate(&checked)
    } else {
        named
    };
    quarters.sort();
    quarters.dedup();
    if quarters.is_empty() {
        return Err(CmdError::failure("every published quarter matches its record in the current fingerprint form; there is nothing to restate")
            .help("make the correction in the quarters' folders first, then restate"));
    }
    for &quarter in &quarters {
        find(&checked, quarter)?;
        let path = publish::record_path(quarter);
        if !checked.loaded.sources.contains_key(&path) {
            return Err(CmdError::failure(format!(
                "{quarter} is not published (it has no {path}), so a change to it is no restatement"
            ))
            .help(format!(
                "edit it as usual; record it once presented with `quarterdeck publish {quarter}`"
            )));
        }
    }
    // The changes being recorded are the one error a restatement is for.
    let paths: Vec<String> = quarters.iter().map(|&q| publish::record_path(q)).collect();
    let ours =
        |d: &crate::diag::Diagnostic| d.code == "published-changed" && paths.contains(&d.file);
    let names: Vec<String> = quarters.iter().map(QuarterId::to_string).collect();
    refuse_errors_except(
        &checked,
        &format!("{} cannot be restated", names.join(", ")),
        ours,
    )?;
    let date = date.unwrap_or_else(today);
    let reason = args.reason.trim();
    let by = SignOff {
        cto: args.cto.trim().to_string(),
        ciso: args.ciso.trim().to_string(),
    };
    let plans = quarters
        .iter()
        .map(|&q| plan(&checked, q, date, reason, &by))
        .collect::<Result<Vec<_>, _>>()?;
    for p in &plans {
        crate::scaffold::record::write(root, p.quarter, &p.record.to_yaml(p.quarter)).map_err(
            |e| {
                CmdError::failure(format!(
                    "cannot write {}: {e}",
                    publish::record_path(p.quarter)
                ))
            },
        )?;
    }
    for p in &plans {
        let n = p.record.restatements.len();
        println!(
            "restated {} on {date} (restatement {n}, fingerprint {}): {}",
            p.quarter,
            fingerprint::short(&p.record.restatements[n - 1].fingerprint),
            p.what
        );
    }
    let files = if plans.len() == 1 {
        publish::record_path(plans[0].quarter)
    } else {
        format!("the {} records", plans.len())
    };
    eprintln!("note: commit {files} with the change; the one-pager, the PDFs, the archive and data.json show the restatement");
    Ok(())
}

/// Every published quarter whose record has a valid chain and that no longer matches it or is
/// in an earlier form.
fn to_restate(checked: &crate::Checked) -> Vec<QuarterId> {
    let Some(site) = checked.site.as_ref() else {
        return Vec::new();
    };
    site.quarters
        .iter()
        .filter(|q| {
            q.published
                .as_ref()
                .is_some_and(|r| !r.current || r.latest().form < Form::CURRENT)
        })
        .map(|q| q.quarter)
        .collect()
}

/// The quarter's record with the restatement appended, once everything says it may be.
fn plan(
    checked: &crate::Checked,
    quarter: QuarterId,
    date: Date,
    reason: &str,
    by: &SignOff,
) -> Result<Plan, CmdError> {
    let path = publish::record_path(quarter);
    let q = super::publish::validated(checked, quarter)?;
    let Some(record) = &q.published else {
        return Err(CmdError::failure(format!(
            "internal error: the record of {quarter} validated but is missing"
        )));
    };
    if q.status == QuarterStatus::Draft {
        return Err(CmdError::content(format!(
            "{quarter} is published but its status is now draft; a published quarter stays final"
        ))
        .help(format!(
            "set `status: final` again in content/quarters/{quarter}/quarter.yaml"
        )));
    }
    let latest = record.latest();
    if record.current && latest.form == Form::CURRENT {
        return Err(CmdError::failure(format!(
            "{quarter} matches its record ({path}); there is nothing to restate"
        ))
        .help(format!(
            "make the correction in content/quarters/{quarter}/ first, then restate"
        )));
    }
    let last = record.latest_date();
    if date < last {
        return Err(CmdError::failure(format!(
            "--date {date} is before the latest entry of {quarter}'s record ({last}); a restatement is dated on or after it"
        )));
    }
    let files = now(checked, quarter).ok_or_else(|| missing(quarter))?;
    let what = what(checked, quarter, record);
    let mut record = record.clone();
    record.restate(date, reason.to_string(), by.clone(), files);
    Ok(Plan {
        quarter,
        record,
        what,
    })
}

/// What the restatement records, in the form of the entry it replaces.
fn what(checked: &crate::Checked, quarter: QuarterId, record: &Record) -> String {
    let latest = record.latest();
    let content = Content::new(&checked.loaded.fingerprints, checked.site.as_ref());
    let changed = match (latest.files, content.of(&quarter.to_string(), latest.form)) {
        _ if record.current => None,
        (Some(files), Some(now)) => Some(fingerprint::changes(files, &now).join("; ")),
        _ => Some("the content".to_string()),
    };
    match (changed, latest.form < Form::CURRENT) {
        (Some(changed), false) => changed,
        (Some(changed), true) => format!("{changed}; the record is now in the current fingerprint form"),
        (None, _) => "no change of content in the form it was recorded in; the record is now in the current fingerprint form, which also covers the settings, labels and computed facts".to_string(),
    }
}

/// The date at which the command runs (UTC): the default for a restatement, which is recorded
/// when it is made. Nothing rendered depends on it.
fn today() -> Date {
    let now: chrono::DateTime<chrono::Utc> = std::time::SystemTime::now().into();
    Date(now.date_naive())
}
