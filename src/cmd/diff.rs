//! `quarterdeck diff`: what changed in the board pack between two quarters, or between the
//! working tree and a Git ref. Loading, exit codes and printing live here; the comparison
//! and the formats are in `crate::diff`.

use super::{use_color, CmdError};
use crate::cli::{DiffArgs, DiffFormat};
use crate::diag::{self, Sources};
use crate::diff::git::Repo;
use crate::diff::render::{markdown, text};
use crate::diff::report::{self, Snapshot};
use crate::diff::{self as d, Side};
use crate::load::source::{Source, WorkTree};
use crate::model::types::Site;
use std::path::Path;

pub(crate) fn run(root: &Path, args: &DiffArgs) -> Result<(), CmdError> {
    match &args.git {
        Some(reference) => against_git(root, reference, args.format),
        None => between_quarters(root, args),
    }
}

fn between_quarters(root: &Path, args: &DiffArgs) -> Result<(), CmdError> {
    let (site, _) =
        validated(&WorkTree::new(root), None, args.format)?.ok_or_else(|| not_a_site(root))?;
    let (a, b) = d::select::pick(&site, args.from.as_deref(), args.to.as_deref())
        .map_err(CmdError::failure)?;
    let (Some(from), Some(to)) = (Side::at(&site, a), Side::at(&site, b)) else {
        return Err(CmdError::failure(
            "internal error: a chosen quarter has no facts",
        ));
    };
    let diff = d::diff(from, to);
    emit(match args.format {
        DiffFormat::Text => Ok(text::quarter(&diff)),
        DiffFormat::Markdown => Ok(markdown::quarter(&diff)),
        DiffFormat::Json => serde_json::to_string_pretty(&diff),
    })
}

fn against_git(root: &Path, reference: &str, format: DiffFormat) -> Result<(), CmdError> {
    let repo = Repo::open(root, reference)?;
    let work = validated(&WorkTree::new(root), None, format)?.ok_or_else(|| not_a_site(root))?;
    // The site as it is at the ref, read into memory: board content is never written out.
    let tree = repo.tree(reference)?;
    let base = validated(&tree, Some(reference), format)?;
    let r = report::compare(
        reference,
        &repo.commit,
        base.as_ref().map(snapshot),
        snapshot(&work),
    );
    emit(match format {
        DiffFormat::Text => Ok(text::git(&r)),
        DiffFormat::Markdown => Ok(markdown::git(&r)),
        DiffFormat::Json => serde_json::to_string_pretty(&r),
    })
}

/// The validated site (its quarters carrying their facts) and its file texts; `Ok(None)`
/// when `source` has no site. Content errors are printed as `check` prints them and end the
/// command; `at` names the Git ref when the site is the one read from it.
fn validated(
    source: &dyn Source,
    at: Option<&str>,
    format: DiffFormat,
) -> Result<Option<(Site, Sources)>, CmdError> {
    let mut checked = match crate::pipeline::check(source) {
        Ok(c) => c,
        Err(crate::load::LoadError::NotASite(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    // A change to a published quarter is what the diff shows as a restatement, and a record
    // edited by hand what it shows as a rewritten record: not reasons to show nothing.
    checked.diags.retain(|d| {
        !matches!(
            d.code,
            "published-changed" | "record-broken" | "bad-fingerprint"
        )
    });
    let where_ = at.map(|r| format!(" at {r}")).unwrap_or_default();
    match checked.into_valid() {
        Ok(valid) => Ok(Some(valid)),
        Err(checked) => {
            eprint!(
                "{}",
                diag::render_human(&checked.diags, &checked.loaded.sources, use_color())
            );
            eprintln!("{}", checked.summary_line());
            // A PR job summary is built from stdout: say there why it has no changes to show.
            if format == DiffFormat::Markdown {
                print!("{}", markdown_errors(&checked.diags, &where_));
            }
            Err(CmdError::content(format!(
                "the content{where_} has errors; fix them to see what changed"
            )))
        }
    }
}

fn markdown_errors(diags: &[diag::Diagnostic], where_: &str) -> String {
    use crate::diff::render::escape;
    let errors: Vec<&diag::Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    let mut out = format!(
        "## Board pack changes: not available\n\nThe content{where_} has {}, so quarterdeck cannot say what changed. Fix {}:\n\n",
        crate::diag::plural(errors.len(), "error"),
        if errors.len() == 1 { "it" } else { "them" },
    );
    for d in errors.iter().take(50) {
        let place = match (d.line, d.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", d.file),
            _ => d.file.clone(),
        };
        out.push_str(&format!(
            "- `{}` {} ({})\n",
            diag::neutral::escape(&place).replace('`', "'"),
            escape::inline(&d.message),
            d.code
        ));
    }
    if errors.len() > 50 {
        out.push_str(&format!(
            "- … and {} more; run `quarterdeck check`\n",
            errors.len() - 50
        ));
    }
    out
}

fn snapshot((site, sources): &(Site, Sources)) -> Snapshot<'_> {
    Snapshot { site, sources }
}

fn not_a_site(root: &Path) -> CmdError {
    CmdError::failure(format!(
        "{} is not a quarterdeck site: it has no quarterdeck.toml",
        root.display()
    ))
    .help(super::NOT_A_SITE_HELP)
}

/// Prints the result; a closed pipe (`| head`) ends it quietly (`crate::out`).
fn emit(rendered: Result<String, serde_json::Error>) -> Result<(), CmdError> {
    let mut s =
        rendered.map_err(|e| CmdError::failure(format!("cannot serialise the diff: {e}")))?;
    if !s.ends_with('\n') {
        s.push('\n');
    }
    // Quoted content may begin a line (an edited statement's second line): no line of a
    // report a CI job prints can start a workflow command.
    let s = diag::neutral::lines(&s);
    print!("{s}");
    Ok(())
}
