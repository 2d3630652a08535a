//! Writing a quarter's record (`published.yaml`) for `publish` and `restate`: the record is
//! content the author commits, so it is written here, beside the other content the commands
//! write, and never by the model, which only reads what `load` read.

use crate::layout::PUBLISHED;
use crate::model::publish::record_path;
use crate::model::scalar::QuarterId;
use std::path::{Path, PathBuf};

/// Writes `text` as the record of `quarter`: into a hidden file beside it first (the loader
/// skips names starting with a dot), then renamed over it, so that a failure never leaves a
/// half-written record.
pub(crate) fn write(root: &Path, quarter: QuarterId, text: &str) -> std::io::Result<PathBuf> {
    let path = root.join(record_path(quarter));
    let temp = path.with_file_name(format!(".{PUBLISHED}.new-{}", std::process::id()));
    std::fs::write(&temp, text)?;
    if let Err(e) = std::fs::rename(&temp, &path) {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    Ok(path)
}
