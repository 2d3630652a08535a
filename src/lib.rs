//! quarterdeck turns a folder of YAML (risks, metrics, initiatives, incidents, investment asks,
//! one folder per quarter) into a static site with a one-page board report per quarter.
//!
//! The pipeline, one stage per module, data flowing one way:
//! 1. `load`: find the files and parse each into a serde mirror (`load::raw`);
//! 2. `model`: validate into typed content and compute the facts (scores, movements, directions);
//! 3. `render`: turn the model into an in-memory site (pages, charts, data.json);
//! 4. `write`: put that site on disk atomically.
//!
//! `pipeline` runs the stages for every command: `check` and `diff` are stages 1–2; `build` is
//! all four; `serve` is 1–3, served from memory. `load` reads through a `load::source::Source` (the
//! working tree, a Git tree in memory, or memory). Content problems are `diag::Diagnostic`s,
//! collected and sorted; only a missing site or an I/O failure is an `Err`.

// First, so that its `print!`/`eprintln!` replace the standard ones in every module below.
#[macro_use]
#[doc(hidden)]
pub mod out;

pub mod cli;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod diff;
pub mod format;
#[doc(hidden)]
pub mod harness;
pub mod i18n;
pub mod layout;
pub mod load;
pub mod model;
pub mod money_cache;
pub mod pdf;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod vocab;
pub mod write;

/// Stages 1–2 on the working tree at a site root (`pipeline::check_dir`).
pub use pipeline::{check_dir as validate_site, Checked};
