//! `quarterdeck check`: the pipeline stopped before render; with `--base REF`, also the
//! published records compared with those at REF (`publish::history`).

use super::{use_color, CmdError};
use crate::cli::{CheckArgs, Format};
use crate::diag::{self, Diagnostic, Severity, Sources};
use crate::diff::git::Repo;
use crate::load::source::Memory;
use crate::pipeline::Checked;
use std::path::Path;

pub fn run(root: &Path, args: &CheckArgs) -> Result<(), CmdError> {
    let base_error = |e| CmdError::failure(format!("--base: {e}"));
    // A wrong ref is a usage error, said before anything is checked.
    let base = match &args.base {
        Some(reference) => Some((
            reference.as_str(),
            Repo::open(root, reference).map_err(base_error)?,
        )),
        None => None,
    };
    let mut checked =
        crate::pipeline::check_with_templates(root).map_err(super::error::site_error)?;
    if let Some((reference, repo)) = base {
        let records = repo.records(reference).map_err(base_error)?;
        guard(
            &mut checked.diags,
            &records,
            &checked.loaded.sources,
            reference,
        );
    }
    let report = Report::new(checked, args.strict, args.format, use_color());
    eprint!("{}", report.stderr);
    print!("{}", report.stdout);
    report.result()
}

/// What `check` prints about a checked site, on each stream. The command prints it; the
/// integration tests compare it with what they expect on sites held in memory, so that what they
/// check is what a user reads, without a process for each site.
pub struct Report {
    pub stdout: String,
    pub stderr: String,
    errors: usize,
}

impl Report {
    /// With `strict`, every warning counts as an error.
    pub fn new(checked: Checked, strict: bool, format: Format, color: bool) -> Report {
        let mut diags = checked.diags;
        if strict {
            for d in &mut diags {
                d.severity = Severity::Error;
            }
        }
        let (errors, warnings) = diag::count(&diags);
        let (mut stdout, mut stderr) = (String::new(), String::new());
        match format {
            Format::Human => {
                stderr = diag::render_human(&diags, &checked.loaded.sources, color);
                let summary = crate::pipeline::summary_line(&checked.loaded, errors, warnings);
                stderr.push_str(&summary);
                stderr.push('\n');
                if let Some(note) = earlier_form_note(checked.site.as_ref()) {
                    stderr.push_str(&note);
                    stderr.push('\n');
                }
            }
            Format::Json => stdout = diag::render_json(&diags),
            Format::Github => stdout = diag::render_github(&diags),
        }
        Report {
            stdout,
            stderr,
            errors,
        }
    }

    /// Exit status 1 when the content has errors.
    pub fn result(&self) -> Result<(), CmdError> {
        match self.errors {
            0 => Ok(()),
            _ => Err(CmdError::reported()),
        }
    }
}

/// Adds `record-rewritten` for each record at the base that the working tree rewrote. Such a
/// record's own complaints (a broken chain, a fingerprint that does not add up) are the same
/// mistake told less well, and are left out.
fn guard(diags: &mut Vec<Diagnostic>, base: &Memory, work: &Sources, reference: &str) {
    let rewritten = crate::model::publish::history::check(base, work, reference);
    diags.retain(|d| {
        !(matches!(d.code, "record-broken" | "bad-fingerprint")
            && rewritten.iter().any(|r| r.file == d.file))
    });
    diags.extend(rewritten);
    diag::sort(diags);
}

/// Said after the summary, to people only, when published quarters are recorded in an earlier
/// fingerprint form: such a record is valid and checked in its form, so this is no finding
/// about the content (not a diagnostic, not counted, not made an error by `--strict`), but the
/// earlier form does not cover everything the board was shown.
fn earlier_form_note(site: Option<&crate::model::types::Site>) -> Option<String> {
    use crate::model::publish::fingerprint::Form;
    let old: Vec<String> = site?
        .quarters
        .iter()
        .filter(|q| {
            q.published
                .as_ref()
                .is_some_and(|r| r.latest().form < Form::CURRENT)
        })
        .map(|q| q.quarter.to_string())
        .collect();
    if old.is_empty() {
        return None;
    }
    Some(format!(
        "note: {} recorded in the earlier fingerprint form ({}), which covers each quarter's files and metric definitions but not the settings, labels and computed facts its pages are shown with\n  = help: to bring {} to the current form (no content changes), run `quarterdeck restate --all --reason \"Record brought to the current fingerprint form\" --cto NAME --ciso NAME`",
        match old.len() {
            1 => "1 published quarter is".to_string(),
            n => format!("{n} published quarters are"),
        },
        old.join(", "),
        if old.len() == 1 { "it" } else { "them" },
    ))
}
