//! Published quarters are a record: once presented, a quarter's folder is what the board was
//! told. `published.yaml` holds the date and a fingerprint of what the board was shown
//! (`fingerprint`: the files; `shown`: what they are shown with); `record` reads and writes that
//! file, and `chain` seals its entries to each other; `model::published` compares the content
//! with it; `history` compares it with the record at a Git ref (`check --base`).
//! The `publish` and `restate` commands (in `cmd/`) write the record.

pub mod chain;
pub mod fingerprint;
pub mod history;
pub mod record;
pub mod shown;

use crate::layout::PUBLISHED as FILE_NAME;
use crate::model::scalar::QuarterId;
use std::path::{Path, PathBuf};

/// `content/quarters/2026-Q3/published.yaml`
pub fn record_path(quarter: QuarterId) -> String {
    format!("content/quarters/{quarter}/{FILE_NAME}")
}

/// True when the quarter has a record; the commands that write content never write into such
/// a quarter (`new risk`, `new quarter --force`).
pub fn is_published(root: &Path, quarter: QuarterId) -> bool {
    root.join(record_path(quarter)).exists()
}

/// The command that records a change to a published quarter, for hints.
pub fn restate_command(quarter: QuarterId) -> String {
    format!("quarterdeck restate {quarter} --reason \"what was corrected, and why\" --cto NAME --ciso NAME")
}

/// Writes `text` as the record of `quarter`: into a hidden file beside it first (the loader
/// skips names starting with a dot), then renamed over it, so that a failure never leaves a
/// half-written record.
pub fn write(root: &Path, quarter: QuarterId, text: &str) -> std::io::Result<PathBuf> {
    let path = root.join(record_path(quarter));
    let temp = path.with_file_name(format!(".{FILE_NAME}.new-{}", std::process::id()));
    std::fs::write(&temp, text)?;
    if let Err(e) = std::fs::rename(&temp, &path) {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    Ok(path)
}
