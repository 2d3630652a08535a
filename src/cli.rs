//! The command line, declared with clap's derive API.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "quarterdeck", version, about = "Board reporting on security and technology risk, as code", long_about = None)]
pub struct Cli {
    /// The site root (the folder holding quarterdeck.toml); default: the nearest folder, from the
    /// current one upward, that holds one.
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
    /// Build into memory, serve on 127.0.0.1, rebuild and reload on change.
    Serve(ServeArgs),
    /// Write a new site with a small, realistic example into DIR.
    Init(InitArgs),
    /// Start a new quarter, or add a new risk or action to the latest quarter.
    #[command(subcommand)]
    New(NewCommand),
    /// What changed between two quarters (default: the two latest), or against a Git ref.
    Diff(DiffArgs),
    /// Write JSON Schemas for every file kind.
    Schema(SchemaArgs),
    /// The built-in templates and labels, for a site to override.
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Record a presented quarter: write its published.yaml with a fingerprint of its content.
    Publish(PublishArgs),
    /// Record a change to a published quarter, with the reason and both sign-offs.
    Restate(RestateArgs),
}

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The quarter presented to the board, e.g. 2026-Q3; it must be final and without errors.
    pub quarter: String,
    /// When it was published, YYYY-MM-DD; default: its board meeting.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct RestateArgs {
    /// The published quarters whose content changed, e.g. 2025-Q2 (several for a change made
    /// to them all, such as a setting).
    #[arg(value_name = "QUARTER", required_unless_present = "all")]
    pub quarters: Vec<String>,
    /// Every published quarter that no longer matches its record, or whose record is in an
    /// earlier fingerprint form.
    #[arg(long, conflicts_with = "quarters")]
    pub all: bool,
    /// What was corrected, and why; shown to the board beside the quarter.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// The CTO who approves the restatement.
    #[arg(long, value_name = "NAME")]
    pub cto: String,
    /// The CISO who approves the restatement.
    #[arg(long, value_name = "NAME")]
    pub ciso: String,
    /// When it is restated, YYYY-MM-DD; default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the built-in templates and stylesheet into DIR (default: templates), to edit there.
    Export {
        /// The folder to write into: a site's `templates/` folder overrides the built-ins.
        #[arg(default_value = "templates")]
        dir: PathBuf,
        /// Replace files that exist.
        #[arg(long)]
        force: bool,
    },
    /// Print the built-in label catalog of LANGUAGE (en, de, fr), to start an i18n/<code>.toml.
    Catalog {
        #[arg(default_value = "en")]
        language: String,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Also build draft quarters.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create; it must not exist or be empty.
    pub dir: PathBuf,
    /// The language of the site and of its example text.
    #[arg(long, default_value = "en", value_parser = ["en", "de", "fr"])]
    pub language: String,
    /// Shadows the global --root so that `init --help` does not offer it: a new site has no
    /// root yet. Given anyway, it is refused (see `cmd::run`).
    #[arg(long, hide = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Start quarter YYYY-QN from the latest one, as a draft.
    Quarter {
        /// The quarter to start, e.g. 2026-Q4.
        quarter: String,
        /// Allow a quarter that exists (it is replaced) or is not the next one.
        #[arg(long)]
        force: bool,
    },
    /// Write a new risk file with the next free id in the latest quarter.
    Risk {
        /// The risk's title, a few words.
        title: String,
    },
    /// Write a new action of the board's log with the next free id in the latest quarter.
    Action {
        /// The action's title, a few words.
        title: String,
    },
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older quarter (YYYY-QN); default: the second latest.
    pub from: Option<String>,
    /// The newer quarter (YYYY-QN); default: the latest.
    pub to: Option<String>,
    /// Compare the working tree with this Git ref (e.g. origin/main) for every quarter it touches.
    #[arg(long, value_name = "REF", conflicts_with_all = ["from", "to"])]
    pub git: Option<String>,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write one `<kind>.schema.json` per file kind into DIR instead of printing them.
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
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
    /// Also guard the published records against this Git ref (e.g. origin/main): a record
    /// deleted, re-published or whose earlier entries changed is an error.
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,
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
