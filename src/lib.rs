//! quarterdeck turns a folder of YAML (risks, metrics, initiatives, incidents, investment asks,
//! one folder per quarter) into a static site with a one-page board report per quarter.
//!
//! The pipeline, one stage per module, data flowing one way:
//! 1. `load`: find the files and parse each into a serde mirror (`load::raw`);
//! 2. `model`: validate into typed content and compute the facts (scores, movements, directions);
//! 3. `render`: turn the model into an in-memory site (pages, charts, data.json);
//! 4. `write`: put that site on disk atomically.
//!
//! `check` is stages 1–2; `build` is all four. Content problems are `diag::Diagnostic`s,
//! collected and sorted; only a missing site or an I/O failure is an `Err`.

pub mod cli;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod diff;
#[doc(hidden)]
pub mod harness;
pub mod load;
pub mod model;
pub mod pdf;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod write;

use std::path::Path;

/// The result of stages 1–2.
pub struct Checked {
    pub loaded: load::Loaded,
    pub site: Option<model::types::Site>,
    /// Sorted by file and position.
    pub diags: Vec<diag::Diagnostic>,
}

/// Loads and validates the site under `root`.
pub fn validate_site(root: &Path) -> Result<Checked, load::LoadError> {
    let (loaded, mut diags) = load::load(root)?;
    let site = model::validate(&loaded, &mut diags);
    diag::sort(&mut diags);
    Ok(Checked {
        loaded,
        site,
        diags,
    })
}

/// `checked 9 quarters (212 files): 0 errors, 2 warnings`
pub fn summary_line(loaded: &load::Loaded, errors: usize, warnings: usize) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "checked {} ({}): {}, {}",
        plural(loaded.quarters.len(), "quarter"),
        plural(loaded.sources.len(), "file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}
