//! Published quarters are a record: once presented, a quarter's folder is what the board was
//! told. `published.yaml` holds the date and a fingerprint of what the board was shown
//! (`fingerprint`: the files; `shown`: what they are shown with); `record` reads and writes that
//! file, and `chain` seals its entries to each other; `model::published` compares the content
//! with it; `history` compares it with the record at a Git ref (`check --base`).
//! The `publish` and `restate` commands (in `cmd/`) write the record, through
//! `scaffold::record`: the model reads only what `load` read, and writes nothing.

pub(crate) mod chain;
pub(crate) mod fingerprint;
pub(crate) mod history;
pub(crate) mod record;
pub(crate) mod shown;

use crate::layout::PUBLISHED as FILE_NAME;
use crate::model::scalar::QuarterId;

/// `content/quarters/2026-Q3/published.yaml`
pub(crate) fn record_path(quarter: QuarterId) -> String {
    format!("content/quarters/{quarter}/{FILE_NAME}")
}

/// The command that records a change to a published quarter, for hints.
pub(crate) fn restate_command(quarter: QuarterId) -> String {
    format!("quarterdeck restate {quarter} --reason \"what was corrected, and why\" --cto NAME --ciso NAME")
}
