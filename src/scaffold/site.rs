//! Reading an existing site the way the scaffold commands need it: quarter folders in time
//! order, and a tolerant look at a YAML file's fields (a file `check` would refuse must not
//! stop `new` from working; it is carried or counted as well as it can be).

use super::Error;
use crate::model::scalar::QuarterId;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Fails unless `root` holds `quarterdeck.toml`, with the same words as `check`.
pub(super) fn require_site(root: &Path) -> Result<(), Error> {
    if root.join(crate::config::FILE_NAME).is_file() {
        Ok(())
    } else {
        Err(Error::refused(
            crate::load::LoadError::NotASite(root.display().to_string()).to_string(),
            "run quarterdeck in the site root, or pass --root DIR; `quarterdeck init DIR` starts a new site",
        ))
    }
}

pub(super) fn quarters_dir(root: &Path) -> PathBuf {
    root.join("content").join("quarters")
}

/// The quarter folders whose names are quarters, oldest first. Others are left to `check`.
pub(super) fn quarters(root: &Path) -> Result<Vec<QuarterId>, Error> {
    let dir = quarters_dir(root);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::read(&dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::read(&dir, e))?;
        if entry.path().is_dir() {
            if let Ok(q) = QuarterId::parse(&entry.file_name().to_string_lossy()) {
                out.push(q);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A YAML file of a quarter: its name, exact bytes and (when it parses) its fields.
pub(super) struct YamlFile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub fields: Option<Value>,
}

impl YamlFile {
    /// A top-level text field, trimmed.
    pub(super) fn text(&self, key: &str) -> Option<&str> {
        self.fields.as_ref()?.get(key)?.as_str().map(str::trim)
    }

    /// A top-level list of texts (e.g. `reduces`).
    pub(super) fn texts(&self, key: &str) -> Vec<String> {
        let list = self.fields.as_ref().and_then(|f| f.get(key)?.as_array());
        list.into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(|s| s.trim().to_string()))
            .collect()
    }
}

/// The `.yaml`/`.yml` files directly in `dir`, by name; none when the folder is missing.
pub(super) fn yaml_files(dir: &Path) -> Result<Vec<YamlFile>, Error> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::read(dir, e)),
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::read(dir, e))?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        if yaml && !name.starts_with('.') && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).map_err(|e| Error::read(&path, e))?;
            Ok(YamlFile {
                name: path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into(),
                fields: peek(&bytes),
                bytes,
            })
        })
        .collect()
}

/// The file's fields, or `None` when it does not parse.
pub(super) fn peek(bytes: &[u8]) -> Option<Value> {
    let text = crate::load::text::decode(bytes).ok()?;
    crate::load::yaml::parse::<Value>("", &text, 0).ok()
}

/// Reads a YAML file's fields if it exists and parses.
pub(super) fn peek_file(path: &Path) -> Option<Value> {
    peek(&std::fs::read(path).ok()?)
}

/// The number in an id such as `R-017`.
pub(super) fn id_number(id: &str, prefix: &str) -> Option<u64> {
    let digits = id.trim().strip_prefix(prefix)?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}
