//! Stage 4: put the rendered site on disk so that the output folder is always either the old
//! site or the new one, complete: a first build writes a fresh sibling folder and renames it
//! in; a rebuild writes only the files that changed (`update`). One build at a time (`lock`).
//! Nothing below the folder the output lives in is ever reached through a symbolic link (`dir`).

pub(crate) mod dir;
mod lock;
mod update;

pub(crate) use update::Counts;

use dir::{Dir, Kind};

use crate::render::Files;
use rayon::prelude::*;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// A file inside every output folder, so that quarterdeck only ever replaces a folder it wrote.
pub(crate) const MARKER: &str = ".quarterdeck-output";

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
    #[error("cannot write {path}: it is a symbolic link, which quarterdeck does not follow here")]
    Link { path: String },
}

impl WriteError {
    /// What the user can do about it, for the command to show under the message.
    pub fn hint(&self) -> Option<String> {
        match self {
            WriteError::Link { .. } => Some("remove it; quarterdeck makes its own".into()),
            _ => None,
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| {
        let path = path.display().to_string();
        if dir::is_link_error(&source) {
            WriteError::Link { path }
        } else {
            WriteError::Io { path, source }
        }
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
pub(crate) fn check_output(root: &Path, output: &Path) -> Result<PathBuf, WriteError> {
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
/// leaves the previous output untouched (one while renaming the written files in is made good
/// by the next build). Concurrent builds of the same output wait for each other.
pub(crate) fn write_site(root: &Path, output: &Path, files: &Files) -> Result<Counts, WriteError> {
    let out = check_output(root, output)?;
    for rel in files.keys() {
        if !is_relative_inside(rel) || rel == MARKER {
            return Err(WriteError::Escapes(rel.clone()));
        }
    }
    let (parent, name) = parent_and_name(&out);
    // A folder that is not ours is refused before anything is made beside it, the lock included.
    refuse_foreign(&out, output)?;
    fs::create_dir_all(&parent).map_err(io(&parent))?;
    let parent_dir = Dir::open(&parent).map_err(io(&parent))?;
    let _lock = lock::OutputLock::take(&parent_dir, &name, output)?;
    lock::remove_leftovers(&parent_dir, &name);
    let foreign = || WriteError::Foreign {
        path: output.display().to_string(),
    };
    match parent_dir.kind(&name).map_err(io(&out))? {
        Some(Kind::Dir) => {
            let out_dir = parent_dir.dir(&name).map_err(io(&out))?;
            if !is_ours(&out_dir)? {
                return Err(foreign());
            }
            update::update(&parent_dir, &name, &out_dir, files, MARKER_TEXT)
        }
        Some(_) => Err(foreign()),
        None => first_build(&parent_dir, &name, files),
    }
}

/// The whole site into a fresh folder beside the output, renamed into place in one step.
fn first_build(parent: &Dir, name: &str, files: &Files) -> Result<Counts, WriteError> {
    let staging = format!(".{name}.new-{}", std::process::id());
    let result = fill(parent, &staging, files).and_then(|()| {
        let out = parent.path().join(name);
        parent.rename(&staging, parent, name).map_err(io(&out))?;
        Ok(Counts {
            written: files.len(),
            ..Counts::default()
        })
    });
    if result.is_err() {
        let _ = parent.remove_all(&staging);
    }
    result
}

/// True for a `/`-separated path of plain names: no `..`, no root, nothing empty.
fn is_relative_inside(rel: &str) -> bool {
    !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// The output exists and is not a folder quarterdeck wrote: refused (checked again under the
/// lock, as another build may be making it meanwhile).
fn refuse_foreign(out: &Path, shown: &Path) -> Result<(), WriteError> {
    let Ok(meta) = fs::symlink_metadata(out) else {
        return Ok(());
    };
    let ours = meta.is_dir() && Dir::open_nofollow(out).is_ok_and(|d| is_ours(&d).unwrap_or(false));
    if ours {
        return Ok(());
    }
    Err(WriteError::Foreign {
        path: shown.display().to_string(),
    })
}

/// Adds `files` to an output folder that `write_site` finished (the PDFs, printed from it):
/// each file is written beside its place and renamed over it, so none is ever half-written.
/// It waits for the output's lock, as a build does, so that no concurrent build removes them
/// half-way.
pub(crate) fn add_files(output: &Path, files: &Files) -> Result<(), WriteError> {
    let out = resolve(output);
    let (parent, name) = parent_and_name(&out);
    let parent_dir = Dir::open(&parent).map_err(io(&parent))?;
    let _lock = lock::OutputLock::take(&parent_dir, &name, output)?;
    let out_dir = parent_dir.dir(&name).map_err(io(&out))?;
    if !is_ours(&out_dir)? {
        return Err(WriteError::Foreign {
            path: output.display().to_string(),
        });
    }
    for (rel, bytes) in files {
        if !is_relative_inside(rel) {
            return Err(WriteError::Escapes(rel.clone()));
        }
        let path = out.join(rel);
        let (folder, file) = dir::split(rel);
        out_dir
            .make_dirs(folder)
            .and_then(|d| d.replace(file, bytes, false))
            .map_err(io(&path))?;
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

/// A folder with our marker (a regular file, not a link to one), or an empty one.
fn is_ours(out: &Dir) -> Result<bool, WriteError> {
    if out.kind(MARKER).map_err(io(out.path()))? == Some(Kind::File) {
        return Ok(true);
    }
    Ok(out.entries().map_err(io(out.path()))?.is_empty())
}

/// Writes every file into the new folder `parent/staging`, made here and now, so nothing in it
/// can be a link planted beforehand.
fn fill(parent: &Dir, staging: &str, files: &Files) -> Result<(), WriteError> {
    let path = parent.path().join(staging);
    parent.remove_all(staging).map_err(io(&path))?;
    parent.make_dir(staging).map_err(io(&path))?;
    let dir = parent.dir(staging).map_err(io(&path))?;
    dir.create(MARKER, false, true)
        .and_then(|mut f| std::io::Write::write_all(&mut f, MARKER_TEXT))
        .map_err(io(&path))?;
    // Check every path and make every folder once, before writing any file.
    let mut dirs = std::collections::BTreeSet::new();
    for rel in files.keys() {
        if !is_relative_inside(rel) {
            return Err(WriteError::Escapes(rel.clone()));
        }
        for d in Path::new(rel).ancestors().skip(1) {
            if d.as_os_str().is_empty() || !dirs.insert(d.to_path_buf()) {
                break;
            }
        }
    }
    // Folders one level at a time, each level on every core: a parent exists before its
    // children, and a site has hundreds of folders.
    let mut levels: Vec<Vec<&PathBuf>> = Vec::new();
    for d in &dirs {
        let depth = d.components().count();
        if levels.len() < depth {
            levels.resize_with(depth, Vec::new);
        }
        levels[depth - 1].push(d);
    }
    for level in &levels {
        level.par_iter().try_for_each(|d| {
            let p = path.join(d);
            fs::create_dir(&p).map_err(io(&p))
        })?;
    }
    // Creating a file costs the kernel more than filling it; two threads overlap that work.
    // The folder is new and this build's own, so its paths hold no link to follow.
    files.par_iter().try_for_each(|(rel, bytes)| {
        let p = path.join(rel);
        fs::write(&p, bytes).map_err(io(&p))
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
        let temp = tempfile::tempdir().unwrap();
        let parent = Dir::open(temp.path()).unwrap();
        let mut files = Files::new();
        files.insert("../evil.html".into(), b"x".to_vec());
        assert!(matches!(
            fill(&parent, "staging", &files),
            Err(WriteError::Escapes(_))
        ));
    }
}
