//! `quarterdeck build`: validate, render into memory, write atomically.

use super::{fail, use_color, CONTENT, FAILURE, OK};
use crate::cli::BuildArgs;
use crate::{diag, model, render, write};
use std::path::Path;
use std::time::Instant;

pub fn run(root: &Path, args: &BuildArgs) -> u8 {
    let started = Instant::now();
    let checked = match crate::validate_site(root) {
        Ok(c) => c,
        Err(e) => {
            return fail(format!(
                "{e}\n  = help: run quarterdeck in the site root, or pass --root DIR"
            ))
        }
    };
    let (errors, warnings) = diag::count(&checked.diags);
    if !checked.diags.is_empty() {
        eprint!(
            "{}",
            diag::render_human(&checked.diags, &checked.loaded.sources, use_color())
        );
    }
    let site = match checked.site {
        Some(site) if errors == 0 => site,
        _ => {
            eprintln!("{}", crate::summary_line(&checked.loaded, errors, warnings));
            eprintln!("error: the site has errors; nothing was written (the previous output is untouched)");
            return CONTENT;
        }
    };
    let output = args.output.clone().unwrap_or_else(|| root.join("output"));
    let facts = model::facts::compute(&site);
    let options = render::Options {
        drafts: args.drafts,
    };
    let rendered = match render::render(&site, &facts, root, options) {
        Ok(r) => r,
        Err(e) => {
            return fail(format!(
                "{e}\nnothing was written (the previous output is untouched)"
            ))
        }
    };
    let written = match write::write_site(root, &output, &rendered.files) {
        Ok(counts) => counts.written,
        Err(e) => return fail(e),
    };
    let mut code = OK;
    if args.pdf {
        if let Err(e) = crate::pdf::print_all(&output, &rendered.quarters) {
            eprintln!("error: {e}");
            code = FAILURE;
        }
    }
    eprintln!(
        "built {} quarter{} ({} files, {written} written, {} warning{}) into {} in {} ms",
        rendered.quarters.len(),
        if rendered.quarters.len() == 1 {
            ""
        } else {
            "s"
        },
        rendered.files.len(),
        warnings,
        if warnings == 1 { "" } else { "s" },
        output.display(),
        started.elapsed().as_millis()
    );
    if rendered.quarters.is_empty()
        && !args.drafts
        && site
            .quarters
            .iter()
            .any(|q| q.status == model::types::QuarterStatus::Draft)
    {
        eprintln!("note: only draft quarters exist; build with --drafts to include them");
    }
    code
}
