//! `quarterdeck publish YYYY-QN`: record a presented quarter. Only a final quarter of a site
//! without errors is published; its `published.yaml` gets the date and the fingerprint.

use super::{fail, use_color, CONTENT, OK};
use crate::cli::PublishArgs;
use crate::diag;
use crate::model::scalar::{Date, QuarterId};
use crate::model::types::QuarterStatus;
use crate::publish::{self, fingerprint, record::Record};
use std::path::Path;

pub fn run(root: &Path, args: &PublishArgs) -> u8 {
    let (checked, quarter) = match load(root, &args.quarter) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let path = publish::record_path(quarter);
    if checked.loaded.sources.contains_key(&path) || root.join(&path).exists() {
        return fail(format!(
            "{quarter} is already published ({path})\n  = help: to record a change to it, run `{}`",
            publish::restate_command(quarter)
        ));
    }
    if let Err(code) = refuse_errors(&checked, &format!("{quarter} cannot be published")) {
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
    if q.status == QuarterStatus::Draft {
        eprintln!("error: {quarter} is a draft; only a final quarter, signed off by the CTO and the CISO, is published");
        eprintln!("  = help: set `status: final` with `approved_by` in content/quarters/{quarter}/quarter.yaml once the board has seen it");
        return CONTENT;
    }
    let date = match args.date.as_deref().map(Date::parse) {
        None => q.board_meeting,
        Some(Ok(d)) => d,
        Some(Err(e)) => return fail(format!("--date: {e}")),
    };
    let files = fingerprint::quarter_files(&checked.loaded.sources, &quarter.to_string());
    let record = Record::new(date, files, path.clone());
    if let Err(e) = publish::write(root, quarter, &record.to_yaml(quarter)) {
        return fail(format!("cannot write {path}: {e}"));
    }
    println!(
        "published {quarter} on {date}: {path} records {} file{} (fingerprint {})",
        record.files.as_ref().map_or(0, |f| f.len()),
        if record.files.as_ref().is_some_and(|f| f.len() == 1) {
            ""
        } else {
            "s"
        },
        short(&record.fingerprint)
    );
    eprintln!("note: commit {path} with the quarter; from now on `check` reports any change to {quarter} until it is recorded with `quarterdeck restate`");
    OK
}

/// `sha256:1f2e3d4c…`, enough to recognise a fingerprint in a message.
pub(super) fn short(fingerprint: &str) -> String {
    format!("{}…", &fingerprint[..fingerprint.len().min(19)])
}

/// Parses the quarter, validates the site, and makes sure the quarter's folder exists.
pub(super) fn load(root: &Path, quarter: &str) -> Result<(crate::Checked, QuarterId), u8> {
    let quarter = QuarterId::parse(quarter.trim()).map_err(fail)?;
    let checked = crate::validate_site(root).map_err(|e| {
        fail(format!(
            "{e}\n  = help: run quarterdeck in the site root, or pass --root DIR"
        ))
    })?;
    if !checked
        .loaded
        .quarters
        .iter()
        .any(|rq| rq.folder == quarter.to_string())
    {
        let known: Vec<&str> = checked
            .loaded
            .quarters
            .iter()
            .map(|rq| rq.folder.as_str())
            .collect();
        return Err(fail(format!(
            "the site has no quarter {quarter} (content/quarters/{quarter})\n  = help: the quarters are: {}",
            if known.is_empty() { "none yet".to_string() } else { known.join(", ") }
        )));
    }
    Ok((checked, quarter))
}

/// Prints the errors (as `check` does) and refuses when there are any that `allow` does not
/// accept.
pub(super) fn refuse_errors_except(
    checked: &crate::Checked,
    why: &str,
    allow: impl Fn(&diag::Diagnostic) -> bool,
) -> Result<(), u8> {
    let errors: Vec<diag::Diagnostic> = checked
        .diags
        .iter()
        .filter(|d| d.is_error() && !allow(d))
        .cloned()
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    eprint!(
        "{}",
        diag::render_human(&errors, &checked.loaded.sources, use_color())
    );
    eprintln!(
        "error: {why}: the site has {} error{}; fix {} first (see `quarterdeck check`)",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
        if errors.len() == 1 { "it" } else { "them" }
    );
    Err(CONTENT)
}

fn refuse_errors(checked: &crate::Checked, why: &str) -> Result<(), u8> {
    refuse_errors_except(checked, why, |_| false)
}
