//! One build into memory: `pipeline::build` without the write.
//! A failed build is a value carrying the report the terminal and the overlay show.

use crate::diag;
use crate::diag::plural;
use crate::load::source::WorkTree;
use crate::pipeline::{self, Stopped};
use crate::render::Files;
use std::path::Path;
use std::time::{Duration, Instant};

pub(super) struct Attempt {
    /// The site, when the build succeeded.
    pub files: Option<Files>,
    /// `9 quarters, 157 files, 0 warnings`, or `2 errors, 1 warning`.
    pub summary: String,
    /// Diagnostics as the terminal prints them (coloured when stderr is a terminal).
    pub terminal: String,
    /// Plain-text diagnostics for the overlay; `None` when the build succeeded.
    pub overlay: Option<String>,
    /// `organization` from quarterdeck.toml, when it could be read.
    pub organization: Option<String>,
    pub took: Duration,
}

pub(super) fn build(root: &Path, drafts: bool, color: bool) -> Attempt {
    let started = Instant::now();
    let mut attempt = Attempt {
        files: None,
        summary: String::new(),
        terminal: String::new(),
        overlay: None,
        organization: None,
        took: Duration::ZERO,
    };
    // The local server is the site's root, whatever base_url the published site will have,
    // so links that use base_url (the 404 page's) must point here. The preview has no PDFs,
    // so its pages link none.
    let options = pipeline::Options {
        drafts,
        base_url: Some("/".into()),
        money_cache: crate::money_cache::user_folder(),
        pdfs: pipeline::Pdfs::None,
    };
    // A bug that panics while building must not take the server down with it: the attempt
    // fails, the last good site stays served, and the next edit tries again.
    let built = std::panic::catch_unwind(|| pipeline::build(&WorkTree::new(root), &options));
    let build = match built {
        Ok(Ok(b)) => b,
        Ok(Err(e)) => {
            let text = error_text(&e, e.hint());
            return failed(attempt, text, "1 error".into(), started);
        }
        Err(_) => {
            let text = "error: quarterdeck failed while building (a bug: please report it with the site that causes it)\n";
            return failed(attempt, text.into(), "1 error".into(), started);
        }
    };
    let checked = &build.checked;
    attempt.organization = checked
        .loaded
        .config
        .as_ref()
        .map(|c| c.organization.clone());
    let (errors, warnings) = checked.counts();
    attempt.terminal = diag::render_human(&checked.diags, &checked.loaded.sources, color);
    match build.rendered {
        Ok(rendered) => {
            attempt.summary = format!(
                "{}, {}, {}",
                plural(rendered.quarters.len(), "quarter"),
                plural(rendered.files.len(), "file"),
                plural(warnings, "warning")
            );
            attempt.files = Some(rendered.files);
            attempt.took = started.elapsed();
            attempt
        }
        Err(Stopped::Invalid) => {
            let plain = diag::render_human(&checked.diags, &checked.loaded.sources, false);
            let summary = format!(
                "{}, {}",
                plural(errors.max(1), "error"),
                plural(warnings, "warning")
            );
            failed(attempt, plain, summary, started)
        }
        Err(e) => {
            let hint = match &e {
                Stopped::Load(e) => e.hint(),
                _ => None,
            };
            let text = error_text(&e, hint);
            attempt.terminal.push_str(&text);
            failed(attempt, text, "1 error".into(), started)
        }
    }
}

/// An error as the terminal shows it, with its help under it as every command prints one
/// (`cmd::CmdError`): a template's message may quote the repository's text.
fn error_text(e: &dyn std::fmt::Display, hint: Option<String>) -> String {
    let help = hint.map_or(String::new(), |h| format!("  = help: {h}\n"));
    diag::neutral::lines(&format!("error: {e}\n{help}")).into_owned()
}

/// A failed attempt: `report` is what the overlay shows, the terminal gets it too.
fn failed(mut attempt: Attempt, report: String, summary: String, started: Instant) -> Attempt {
    if attempt.terminal.is_empty() {
        attempt.terminal = report.clone();
    }
    attempt.overlay = Some(report);
    attempt.summary = summary;
    attempt.took = started.elapsed();
    attempt
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(from: &Path, to: &Path) {
        for e in walkdir::WalkDir::new(from) {
            let e = e.unwrap();
            let dest = to.join(e.path().strip_prefix(from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(e.path(), &dest).unwrap();
            }
        }
    }

    /// The preview says an unusable file of `templates/` as `build` does, its help under it.
    #[cfg(unix)]
    #[test]
    fn a_templates_file_that_cannot_be_used_is_said_with_its_help() {
        let temp = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        copy(&fixture, temp.path());
        std::fs::create_dir(temp.path().join("templates")).unwrap();
        std::os::unix::fs::symlink("gone.css", temp.path().join("templates/site.css")).unwrap();
        let attempt = build(temp.path(), false, false);
        assert!(attempt.files.is_none());
        let said = "error: templates/site.css: broken symbolic link: the file it points to does not exist\n  = help: point the link at a file inside the site, or replace the link with the file itself\n";
        assert_eq!(attempt.terminal, said);
        assert_eq!(attempt.overlay.as_deref(), Some(said));
    }

    /// A label wider than any chart in the site's catalog (issue #31) once panicked in chart
    /// layout and ended the server; the preview builds it.
    #[test]
    fn a_site_with_labels_wider_than_its_charts_is_served() {
        let temp = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dense");
        copy(&fixture, temp.path());
        let mut catalog = String::new();
        for line in crate::i18n::BUILTIN[0].1.lines() {
            if let Some((key, value)) = line.split_once(" = \"") {
                if !key.starts_with('#') && !key.contains(' ') {
                    let value = value.trim_end_matches('"');
                    catalog.push_str(&format!("{key} = \"{value}{}\"\n", "W".repeat(200)));
                }
            }
        }
        std::fs::create_dir_all(temp.path().join("i18n")).unwrap();
        std::fs::write(temp.path().join("i18n/en.toml"), catalog).unwrap();
        let attempt = build(temp.path(), false, false);
        assert!(attempt.files.is_some(), "{}", attempt.terminal);
    }
}
