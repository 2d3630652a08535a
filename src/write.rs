//! Stage 4: put the rendered site on disk so that the output folder is always either the old
//! site or the new one, complete: write a fresh sibling folder, then swap it in.

use crate::render::Files;
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

/// Writes `files` into `output` atomically: on any error the previous output is untouched.
pub fn write_site(root: &Path, output: &Path, files: &Files) -> Result<(), WriteError> {
    let out = check_output(root, output)?;
    if out.exists() && !is_ours(&out)? {
        return Err(WriteError::Foreign {
            path: output.display().to_string(),
        });
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
    remove_leftovers(&parent, &name);
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let result = fill(&staging, files).and_then(|()| swap(&staging, &out, &parent, &name));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// Adds `files` to an output folder that `write_site` finished (the PDFs, printed from it):
/// each file is written beside its place and renamed over it, so none is ever half-written.
pub fn add_files(output: &Path, files: &Files) -> Result<(), WriteError> {
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

/// A build that was killed mid-way leaves its staging (or set-aside) folder behind; remove those,
/// but only folders that carry our marker, so nothing of the user's is ever touched.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.new-"), format!(".{name}.old-")];
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().to_string();
        let ours =
            prefixes.iter().any(|p| file_name.starts_with(p)) && e.path().join(MARKER).is_file();
        if ours {
            let _ = fs::remove_dir_all(e.path());
        }
    }
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
    fs::write(
        staging.join(MARKER),
        "This folder is written by quarterdeck build and replaced on every build.\n",
    )
    .map_err(io(staging))?;
    // Check every path and make every folder once, before writing any file.
    let mut dirs = std::collections::BTreeSet::new();
    for rel in files.keys() {
        let safe = Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe || rel.is_empty() {
            return Err(WriteError::Escapes(rel.clone()));
        }
        if let Some(dir) = Path::new(rel)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            dirs.insert(dir.to_path_buf());
        }
    }
    for dir in &dirs {
        let path = staging.join(dir);
        fs::create_dir_all(&path).map_err(io(&path))?;
    }
    for (rel, bytes) in files {
        let path = staging.join(rel);
        fs::write(&path, bytes).map_err(io(&path))?;
    }
    Ok(())
}

// Two renames: old → aside, new → in place. Between them the folder is briefly absent, never
// half-written; if the second rename fails the old folder is put back.
fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    let aside = parent.join(format!(".{name}.old-{}", std::process::id()));
    let had_old = out.exists();
    if had_old {
        if aside.exists() {
            fs::remove_dir_all(&aside).map_err(io(&aside))?;
        }
        fs::rename(out, &aside).map_err(io(out))?;
    }
    if let Err(e) = fs::rename(staging, out) {
        if had_old {
            let _ = fs::rename(&aside, out);
        }
        return Err(io(out)(e));
    }
    if had_old {
        fs::remove_dir_all(&aside).map_err(io(&aside))?;
    }
    Ok(())
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
