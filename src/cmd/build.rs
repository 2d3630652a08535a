//! `quarterdeck build`: validate, render into memory, write atomically.

use super::{use_color, CmdError};
use crate::cli::BuildArgs;
use crate::diag::plural;
use crate::load::source::WorkTree;
use crate::pipeline::{self, Stopped};
use crate::{diag, write};
use std::path::Path;
use std::time::Instant;

pub(crate) fn run(root: &Path, args: &BuildArgs) -> Result<(), CmdError> {
    let started = Instant::now();
    let options = pipeline::Options {
        drafts: args.drafts,
        base_url: None,
        money_cache: crate::money_cache::user_folder(),
        pdfs: pipeline::Pdfs::Cached {
            root: root.to_path_buf(),
            print: args.pdf,
        },
    };
    let build =
        pipeline::build(&WorkTree::new(root), &options).map_err(super::error::site_error)?;
    let checked = &build.checked;
    let (_, warnings) = checked.counts();
    if !checked.diags.is_empty() {
        eprint!(
            "{}",
            diag::render_human(&checked.diags, &checked.loaded.sources, use_color())
        );
    }
    let rendered = match build.rendered {
        Ok(r) => r,
        Err(Stopped::Invalid) => {
            eprintln!("{}", checked.summary_line());
            return Err(CmdError::content(
                "the site has errors; nothing was written (the previous output is untouched)",
            ));
        }
        Err(Stopped::Load(e)) => {
            let hint = e.hint();
            return Err(nothing_written(e).maybe_help(hint));
        }
        Err(e) => return Err(nothing_written(e)),
    };
    let output = match &args.output {
        Some(given) => given.clone(),
        None => default_output(root)?,
    };
    let written = write::write_site(root, &output, &rendered.files)?.written;
    // Said after the build's summary: the HTML site was built all the same.
    let printed = build.pdfs.map_or(Ok(()), |pdfs| pdfs.finish(&output));
    eprintln!(
        "built {} ({} files, {written} written, {}) into {} in {} ms",
        plural(rendered.quarters.len(), "quarter"),
        rendered.files.len(),
        plural(warnings, "warning"),
        output.display(),
        started.elapsed().as_millis()
    );
    for note in skipped_drafts_notes(&build.skipped) {
        eprintln!("{note}");
    }
    printed.map_err(CmdError::from)
}

/// The build stopped before anything was written: what stopped it, and that the output is as it was.
fn nothing_written(e: impl std::fmt::Display) -> CmdError {
    CmdError::failure(format!(
        "{e}\nnothing was written (the previous output is untouched)"
    ))
}

/// `output/` in the site root, unless it is a symbolic link: a repository could point it at any
/// folder of the user's (`--output` names one on purpose).
fn default_output(root: &Path) -> Result<std::path::PathBuf, CmdError> {
    let output = root.join("output");
    match std::fs::symlink_metadata(&output) {
        Ok(m) if m.is_symlink() => Err(CmdError::failure(format!(
            "refusing to write the site to {}: it is a symbolic link, and the site's own output folder must be a folder",
            output.display()
        ))
        .help("remove the link, or pass --output DIR to write where it points")),
        _ => Ok(output),
    }
}

/// `note: skipped draft 2026-Q4; …`: what a build without --drafts left out, and how not to;
/// a draft with errors is named again with them, which `check` lists and `--drafts` stops on.
fn skipped_drafts_notes(skipped: &[pipeline::Skipped]) -> Vec<String> {
    let names: Vec<&str> = skipped.iter().map(|s| s.quarter.as_str()).collect();
    let mut notes = match names.len() {
        0 => return Vec::new(),
        1 => vec![format!(
            "note: skipped draft {}; build with --drafts to include it",
            names[0]
        )],
        _ => vec![format!(
            "note: skipped drafts {}; build with --drafts to include them",
            names.join(", ")
        )],
    };
    for s in skipped.iter().filter(|s| s.errors() > 0) {
        notes.push(format!(
            "note: draft {} has {}, which `quarterdeck check` lists; they stop `build --drafts`, not this build",
            s.quarter,
            plural(s.errors(), "error")
        ));
    }
    notes
}
