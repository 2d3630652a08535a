//! `quarterdeck check`: the pipeline stopped before render.

use super::{fail, use_color, CONTENT, OK};
use crate::cli::{CheckArgs, Format};
use crate::diag::{self, Severity};
use std::path::Path;

pub fn run(root: &Path, args: &CheckArgs) -> u8 {
    let checked = match crate::validate_site(root) {
        Ok(c) => c,
        Err(e) => {
            return fail(format!(
                "{e}\n  = help: run quarterdeck in the site root, or pass --root DIR"
            ))
        }
    };
    let mut diags = checked.diags;
    if args.strict {
        for d in &mut diags {
            d.severity = Severity::Error;
        }
    }
    let (errors, warnings) = diag::count(&diags);
    match args.format {
        Format::Human => {
            eprint!(
                "{}",
                diag::render_human(&diags, &checked.loaded.sources, use_color())
            );
            eprintln!("{}", crate::summary_line(&checked.loaded, errors, warnings));
        }
        Format::Json => print!("{}", diag::render_json(&diags)),
        Format::Github => print!("{}", diag::render_github(&diags)),
    }
    if errors > 0 {
        CONTENT
    } else {
        OK
    }
}
