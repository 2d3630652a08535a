//! The command line, declared with clap's derive API.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "quarterdeck", version, about = "Board reporting on security and technology risk, as code", long_about = None)]
pub struct Cli {
    /// The site root (the folder holding quarterdeck.toml); default: the current folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the content, then write the whole site.
    Build(BuildArgs),
    /// Validate the content only; exit 1 when it has errors.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Also build draft quarters (marked DRAFT).
    #[arg(long)]
    pub drafts: bool,
    /// Where to write the site; default: `output/` in the site root.
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Also print each one-pager to `YYYY-qN/onepager.pdf` with headless Chromium.
    #[arg(long)]
    pub pdf: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Treat lints (warnings) as errors.
    #[arg(long)]
    pub strict: bool,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `file:line:col: error[code]: message` with the source line, on stderr.
    Human,
    /// A JSON array of diagnostics, on stdout.
    Json,
    /// GitHub Actions workflow annotations, on stdout.
    Github,
}
