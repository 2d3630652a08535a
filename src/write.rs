//! Stage 4: put the rendered site on disk so that the output folder is always either the old
//! site or the new one, complete: a first build writes a fresh sibling folder and renames it
//! in; a rebuild writes only the files that changed (`update`). One build at a time (`lock`).

mod lock;
mod update;

pub use update::Counts;

use crate::render::Files;
use rayon::prelude::*;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// A file inside every output folder, so that quarterdeck only ever replaces a folder it wrote.
pub const MARKER: &str = ".quarterdeck-output";

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("refusing to write the site to {path}: {why}")]
    Refused { path: String, why: String },
    #[error("{path} is not empty and was not written by quarterdeck; refusing to replace it")]
    Foreign { path: String },
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("refusing to write {0}: the path would leave the output folder")]
    Escapes(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Makes a path absolute and resolves `.`/`..` lexically, then through any symlinks that exist,
/// so that the refusal rules cannot be dodged by spelling.
fn resolve(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve the longest existing prefix through symlinks; keep the rest as written.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_owned()),
            None => break,
        }
        existing.pop();
    }
    let mut real = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        real.push(name);
    }
    real
}

/// The output folder must be somewhere the site's own files are not.
pub fn check_output(root: &Path, output: &Path) -> Result<PathBuf, WriteError> {
    let out = resolve(output);
    let root = resolve(root);
    let refuse = |why: &str| {
        Err(WriteError::Refused {
            path: output.display().to_string(),
            why: why.into(),
        })
    };
    if out.parent().is_none() {
        return refuse("it is the file-system root");
    }
    if out == root {
        return refuse("it is the site root");
    }
    if root.starts_with(&out) {
        return refuse("it contains the site");
    }
    for own in ["content", "templates", ".git"] {
        if out.starts_with(root.join(own)) {
            return refuse(&format!("it is inside the site's {own}/ folder"));
        }
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if out == resolve(&home) {
            return refuse("it is your home folder");
        }
    }
    Ok(out)
}

/// What the marker file says; it is part of every output, so a rebuild compares it too.
const MARKER_TEXT: &[u8] =
    b"This folder is written by quarterdeck build and replaced on every build.\n";

/// Writes `files` into `output` so that no file is ever half-written: an error while writing
/// leaves the previous output untouched (one while renaming the written files in is finished by
/// the next build). Concurrent builds of the same output wait for each other.
pub fn write_site(root: &Path, output: &Path, files: &Files) -> Result<Counts, WriteError> {
    let out = check_output(root, output)?;
    for rel in files.keys() {
        let safe = Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe || rel.is_empty() || rel == MARKER {
            return Err(WriteError::Escapes(rel.clone()));
        }
    }
    let parent = out
        .parent()
        .expect("check_output refuses the root")
        .to_path_buf();
    fs::create_dir_all(&parent).map_err(io(&parent))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into());
    let _lock = lock::OutputLock::take(&parent, &name, output)?;
    lock::remove_leftovers(&parent, &name);
    update::recover(&parent, &name, &out)?;
    if out.exists() {
        if !is_ours(&out)? {
            return Err(WriteError::Foreign {
                path: output.display().to_string(),
            });
        }
        return update::update(&parent, &name, &out, files, MARKER_TEXT);
    }
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let result = fill(&staging, files).and_then(|()| {
        fs::rename(&staging, &out).map_err(io(&out))?;
        Ok(Counts {
            written: files.len(),
            ..Counts::default()
        })
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// Adds `files` to an output folder that `write_site` finished (the PDFs, printed from it):
/// each file is written beside its place and renamed over it, so none is ever half-written.
/// It waits for the output's lock, as a build does, so that no concurrent build removes them
/// half-way.
pub fn add_files(output: &Path, files: &Files) -> Result<(), WriteError> {
    let (parent, name) = parent_and_name(output);
    let _lock = lock::OutputLock::take(&parent, &name, output)?;
    if !is_ours(output)? {
        return Err(WriteError::Foreign {
            path: output.display().to_string(),
        });
    }
    for (rel, bytes) in files {
        let safe = Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe || rel.is_empty() {
            return Err(WriteError::Escapes(rel.clone()));
        }
        let path = output.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let tmp = path.with_extension(format!("part-{}", std::process::id()));
        fs::write(&tmp, bytes)
            .and_then(|()| fs::rename(&tmp, &path))
            .map_err(|e| {
                let _ = fs::remove_file(&tmp);
                io(&path)(e)
            })?;
    }
    Ok(())
}

/// The folder the output lives in and the output's own name (the lock and staging live beside it).
fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into());
    (parent, name)
}

fn is_ours(out: &Path) -> Result<bool, WriteError> {
    if !out.is_dir() {
        return Ok(false);
    }
    if out.join(MARKER).is_file() {
        return Ok(true);
    }
    Ok(fs::read_dir(out).map_err(io(out))?.next().is_none())
}

fn fill(staging: &Path, files: &Files) -> Result<(), WriteError> {
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(io(staging))?;
    }
    fs::create_dir_all(staging).map_err(io(staging))?;
    fs::write(staging.join(MARKER), MARKER_TEXT).map_err(io(staging))?;
    // Check every path and make every folder once, before writing any file.
    let mut dirs = std::collections::BTreeSet::new();
    for rel in files.keys() {
        let safe = Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe || rel.is_empty() {
            return Err(WriteError::Escapes(rel.clone()));
        }
        for dir in Path::new(rel).ancestors().skip(1) {
            if dir.as_os_str().is_empty() || !dirs.insert(dir.to_path_buf()) {
                break;
            }
        }
    }
    // Folders one level at a time, each level on every core: a parent exists before its
    // children, and a site has hundreds of folders.
    let mut levels: Vec<Vec<&PathBuf>> = Vec::new();
    for dir in &dirs {
        let depth = dir.components().count();
        if levels.len() < depth {
            levels.resize_with(depth, Vec::new);
        }
        levels[depth - 1].push(dir);
    }
    for level in &levels {
        level.par_iter().try_for_each(|dir| {
            let path = staging.join(dir);
            fs::create_dir(&path).map_err(io(&path))
        })?;
    }
    // Creating a file costs the kernel more than filling it; two threads overlap that work.
    files.par_iter().try_for_each(|(rel, bytes)| {
        let path = staging.join(rel);
        fs::write(&path, bytes).map_err(io(&path))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_site_content_ancestors_and_root() {
        let root = std::env::temp_dir().join("qd-write-test-site");
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output(&root, &root).is_err());
        assert!(check_output(&root, &root.join("content")).is_err());
        assert!(check_output(&root, &root.join("content/x")).is_err());
        assert!(check_output(&root, &root.join("output/..")).is_err());
        assert!(check_output(&root, root.parent().unwrap()).is_err());
        assert!(check_output(&root, Path::new("/")).is_err());
        assert!(check_output(&root, &root.join("output")).is_ok());
        assert!(check_output(&root, &root.join("../elsewhere-out")).is_ok());
    }

    #[test]
    fn rejects_paths_that_escape() {
        let dir = std::env::temp_dir().join(format!("qd-escape-{}", std::process::id()));
        let mut files = Files::new();
        files.insert("../evil.html".into(), b"x".to_vec());
        assert!(matches!(fill(&dir, &files), Err(WriteError::Escapes(_))));
        let _ = fs::remove_dir_all(&dir);
    }
}
