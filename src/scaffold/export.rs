//! `quarterdeck templates export`: the built-in templates and stylesheet, written for a site to
//! start overriding from, and the built-in label catalogs.

use super::Error;
use crate::render::templates::{builtin, ASSETS};
use std::path::{Path, PathBuf};

/// The files `export` writes: every built-in template and the stylesheet, by name.
pub(crate) fn files() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = builtin()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect();
    out.extend(
        ASSETS
            .iter()
            .filter(|(name, _)| name.ends_with(".css"))
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec())),
    );
    out
}

/// Writes [`files`] into `dir`. Without `force`, a file that exists is never replaced: if any
/// does, nothing is written and the error names them. A symbolic link there counts as a file
/// that exists (dangling or not): it is never written through, and `--force` replaces the link
/// itself (`write::dir`).
pub(crate) fn export(dir: &Path, force: bool) -> Result<Vec<PathBuf>, Error> {
    let files = files();
    if !force {
        let existing: Vec<String> = files
            .iter()
            .map(|(name, _)| dir.join(name))
            .filter(|p| std::fs::symlink_metadata(p).is_ok())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(Error::refused(
                format!("these files exist and were left as they are: {}", existing.join(", ")),
                "pass --force to replace them with the built-in versions, or export into another folder",
            ));
        }
    }
    let folder = open_folder(dir)?;
    let mut written = Vec::new();
    for (name, bytes) in &files {
        let path = dir.join(name);
        let result = if force {
            folder.replace(name, bytes, false)
        } else {
            folder.create(name, false, true).and_then(|mut f| {
                use std::io::Write;
                f.write_all(bytes)
            })
        };
        result.map_err(|e| Error::io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// The folder the user named, made when missing, to write in without following any link in it.
pub(crate) fn open_folder(dir: &Path) -> Result<crate::write::dir::Dir, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    crate::write::dir::Dir::open(dir).map_err(|e| Error::io(dir, e))
}

/// The built-in catalog of `lang`, as shipped (`None` for a language without one).
pub(crate) fn catalog(lang: &str) -> Option<&'static str> {
    crate::i18n::BUILTIN
        .iter()
        .find(|(code, _)| *code == lang)
        .map(|(_, text)| *text)
}
