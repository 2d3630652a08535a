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

#![warn(unreachable_pub)]

// First, so that its `print!`/`eprintln!` replace the standard ones in every module below.
#[macro_use]
#[doc(hidden)]
pub(crate) mod out;

pub mod cli;
pub mod cmd;
pub(crate) mod config;
pub(crate) mod diag;
pub(crate) mod diff;
pub(crate) mod format;
#[doc(hidden)]
pub mod harness;
pub(crate) mod i18n;
pub(crate) mod layout;
pub(crate) mod load;
pub(crate) mod model;
pub(crate) mod money_cache;
pub(crate) mod pdf;
pub(crate) mod pipeline;
pub(crate) mod render;
pub(crate) mod scaffold;
pub(crate) mod serve;
pub(crate) mod vocab;
pub(crate) mod write;

/// Stages 1–2 on the working tree at a site root (`pipeline::check_dir`).
// What the binary, the integration tests and the fuzz harness drive; everything else is the
// crate's own (`unreachable_pub` keeps it so).
pub use load::source::{Memory, Source, WorkTree};
pub use pipeline::{check_dir as validate_site, check_source_with_templates, Checked};
