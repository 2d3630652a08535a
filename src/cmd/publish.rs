//! `quarterdeck publish YYYY-QN`: record a presented quarter. Only a final quarter of a site
//! without errors is published, once: its `published.yaml` gets the date and the fingerprint,
//! and a quarter published in the working tree or at Git's `HEAD` is refused.

use super::{use_color, CmdError};
use crate::cli::PublishArgs;
use crate::diag;
use crate::diag::plural;
use crate::load::fingerprint::Fingerprints;
use crate::load::record::RawRecord;
use crate::load::source::Source;
use crate::model::publish::record::Record;
use crate::model::publish::shown::Content;
use crate::model::publish::{self, fingerprint};
use crate::model::scalar::{Date, QuarterId};
use crate::model::types::QuarterStatus;
use std::path::Path;

pub(crate) fn run(root: &Path, args: &PublishArgs) -> Result<(), CmdError> {
    let date = date_arg(args.date.as_deref())?;
    let (checked, quarter) = load(root, &args.quarter)?;
    let path = publish::record_path(quarter);
    if let Some(refusal) = already_published(root, &checked, quarter) {
        return Err(refusal);
    }
    refuse_errors(&checked, &format!("{quarter} cannot be published"))?;
    let q = validated(&checked, quarter)?;
    if q.status == QuarterStatus::Draft {
        let roles = checked
            .site
            .as_ref()
            .map(|s| s.playbook.roles.clone())
            .unwrap_or_default();
        return Err(CmdError::content(format!(
            "{quarter} is a draft; only a final quarter, signed off by the {} and the {}, is published",
            roles.cto, roles.ciso
        ))
        .help(format!("set `status: final` with `approved_by` in content/quarters/{quarter}/quarter.yaml once the board has seen it")));
    }
    refuse_undecided(&checked, quarter)?;
    let date = date.unwrap_or(q.board_meeting);
    let files = now(&checked, quarter).ok_or_else(|| missing(quarter))?;
    let count = files.keys().filter(|p| p.starts_with("content/")).count();
    let record = Record::new(date, files, path.clone());
    crate::scaffold::record::write(root, quarter, &record.to_yaml(quarter))
        .map_err(|e| CmdError::failure(format!("cannot write {path}: {e}")))?;
    println!(
        "published {quarter} on {date}: {path} records {} and what they are shown with (fingerprint {})",
        plural(count, "file"),
        fingerprint::short(&record.fingerprint)
    );
    eprintln!("note: commit {path} with the quarter; from now on `check` reports any change to {quarter} until it is recorded with `quarterdeck restate`");
    Ok(())
}

/// A quarter that validated and yet is not in the site: a bug, said as one.
pub(super) fn missing(quarter: QuarterId) -> CmdError {
    CmdError::failure(format!(
        "internal error: {quarter} validated but is missing"
    ))
}

/// Why `quarter` cannot be published again: it has a record in the working tree, or at `HEAD`
/// (a record deleted and not committed yet is still the record; one deleted in a commit is
/// caught by `check --base`). Outside Git only the working tree is asked.
fn already_published(
    root: &Path,
    checked: &crate::Checked,
    quarter: QuarterId,
) -> Option<CmdError> {
    let path = publish::record_path(quarter);
    let restate = publish::restate_command(quarter);
    if checked.loaded.sources.contains_key(&path) || root.join(&path).exists() {
        let on = checked
            .site
            .as_ref()
            .and_then(|s| s.quarters.iter().find(|q| q.quarter == quarter))
            .and_then(|q| q.published.as_ref())
            .map(|r| format!(" on {}", r.published_on))
            .unwrap_or_default();
        return Some(
            CmdError::failure(format!(
                "{quarter} is already published{on} ({path}); record a change with `quarterdeck restate`"
            ))
            .help(restate),
        );
    }
    let repo = crate::diff::git::Repo::open(root, "HEAD").ok()?;
    let records = repo.records("HEAD").ok()?;
    let bytes = records
        .read(&path, crate::load::text::MAX_FILE_BYTES)
        .ok()?;
    let on = crate::load::text::decode(&bytes)
        .ok()
        .and_then(|t| crate::load::yaml::parse::<RawRecord>(&path, &t, 0).ok())
        .map(|r| format!(" on {}", r.published_on.value.trim()))
        .unwrap_or_default();
    Some(
        CmdError::failure(format!(
            "{quarter} is already published{on} ({path} at HEAD); record a change with `quarterdeck restate`"
        ))
        .help(format!(
            "restore the record with `git checkout HEAD -- {path}`, then run `{restate}`"
        )),
    )
}

/// The quarter's content as a record in the current form covers it. `load` fingerprinted the
/// files of the quarters that have a record; a quarter about to be published has none yet, so
/// its texts as read are fingerprinted here.
pub(super) fn now(
    checked: &crate::Checked,
    quarter: QuarterId,
) -> Option<fingerprint::FileFingerprints> {
    let folder = quarter.to_string();
    let loaded = &checked.loaded;
    let computed;
    let fingerprints = match loaded.fingerprints.quarter(&folder) {
        Some(_) => &loaded.fingerprints,
        None => {
            computed = Fingerprints::of(&loaded.sources, [folder.as_str()]);
            &computed
        }
    };
    Content::new(fingerprints, checked.site.as_ref()).of(&folder, fingerprint::Form::CURRENT)
}

/// `--date`, checked before anything else: a usage error is said first.
pub(super) fn date_arg(date: Option<&str>) -> Result<Option<Date>, CmdError> {
    date.map(|d| Date::parse(d.trim()).map_err(|e| CmdError::failure(format!("--date: {e}"))))
        .transpose()
}

/// Parses the quarter (in either case, as the site's URLs write it), validates the site, and makes sure the quarter's folder exists.
pub(super) fn load(root: &Path, quarter: &str) -> Result<(crate::Checked, QuarterId), CmdError> {
    let quarter = QuarterId::parse_arg(quarter).map_err(CmdError::failure)?;
    let checked = site(root)?;
    find(&checked, quarter)?;
    Ok((checked, quarter))
}

/// The site, validated.
pub(super) fn site(root: &Path) -> Result<crate::Checked, CmdError> {
    crate::validate_site(root).map_err(super::error::site_error)
}

/// Refuses a quarter the site has no folder for.
pub(super) fn find(checked: &crate::Checked, quarter: QuarterId) -> Result<(), CmdError> {
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
        return Err(CmdError::failure(format!(
            "the site has no quarter {quarter} (content/quarters/{quarter})"
        ))
        .help(format!(
            "the quarters are: {}",
            if known.is_empty() {
                "none yet".to_string()
            } else {
                known.join(", ")
            }
        )));
    }
    Ok(())
}

/// The quarter as validated, once the site has no error in the way.
pub(super) fn validated(
    checked: &crate::Checked,
    quarter: QuarterId,
) -> Result<&crate::model::types::Quarter, CmdError> {
    checked
        .site
        .as_ref()
        .and_then(|s| s.quarters.iter().find(|q| q.quarter == quarter))
        .ok_or_else(|| missing(quarter))
}

/// Prints the errors (as `check` does) and refuses when there are any that `allow` does not
/// accept.
pub(super) fn refuse_errors_except(
    checked: &crate::Checked,
    why: &str,
    allow: impl Fn(&diag::Diagnostic) -> bool,
) -> Result<(), CmdError> {
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
    Err(CmdError::content(format!(
        "{why}: the site has {}; fix {} first (see `quarterdeck check`)",
        plural(errors.len(), "error"),
        if errors.len() == 1 { "it" } else { "them" }
    )))
}

/// Refuses a quarter with a `decide` or `approve` ask that records no decision, naming each.
fn refuse_undecided(checked: &crate::Checked, quarter: QuarterId) -> Result<(), CmdError> {
    let folder = quarter.to_string();
    let Some(rq) = checked
        .loaded
        .quarters
        .iter()
        .find(|rq| rq.folder == folder)
    else {
        return Ok(());
    };
    let undecided = crate::model::undecided(rq);
    if undecided.is_empty() {
        return Ok(());
    }
    eprint!(
        "{}",
        diag::render_human(&undecided, &checked.loaded.sources, use_color())
    );
    Err(CmdError::content(format!(
        "{quarter} cannot be published: the record must say what the board decided on {}",
        plural(undecided.len(), "ask")
    )))
}

fn refuse_errors(checked: &crate::Checked, why: &str) -> Result<(), CmdError> {
    refuse_errors_except(checked, why, |_| false)
}
