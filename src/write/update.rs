//! Rebuilding over an existing output: write only the files whose bytes changed, each renamed
//! into place whole. ARCHITECTURE.md ("Writing") says why this beat hard-linking a full staging
//! copy.
//!
//! 1. plan: compare every file on disk with the new site's; the rest is "put", "delete" or
//!    "prune";
//! 2. stage: write the changed files into `.NAME.new-PID/files/` (killed here: the output is
//!    untouched, the folder is a leftover the next build removes);
//! 3. apply: rename each staged file over its old version, delete what went away, remove the
//!    staging folder.
//!
//! A build killed while applying leaves each file either old or new, and the next build's plan
//! compares the whole output again: it writes what is still old and removes what is left over.
//! So nothing on disk tells a build what to do. (A journal once did, replayed by the next build:
//! one that came with a repository deleted files wherever a link planted in the output led.)
//! Every step works through folder handles (`super::dir`) and follows no link.

use super::dir::{self, Dir, Kind};
use super::{io, WriteError, MARKER};
use crate::render::Files;
use std::collections::{BTreeMap, BTreeSet};

/// What a write changed on disk, in files of the site (the marker file is not counted).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// What a rebuild does, decided before anything is written; it lives only in memory.
#[derive(Debug, Default)]
struct Journal {
    /// Files to rename from `files/` into the output, in this order.
    put: Vec<String>,
    /// Files (and links, pipes…) of the old output that the new one does not have.
    delete: Vec<String>,
    /// Folders of the old output that the new one does not have, deepest first.
    prune: Vec<String>,
}

/// Brings the existing output `out` (named `name` in `parent`) to exactly `files` (plus the
/// marker).
pub(super) fn update(
    parent: &Dir,
    name: &str,
    out: &Dir,
    files: &Files,
    marker: &[u8],
) -> Result<Counts, WriteError> {
    let (journal, counts) = plan(out, files, marker)?;
    if journal.put.is_empty() && journal.delete.is_empty() && journal.prune.is_empty() {
        return Ok(counts);
    }
    let staging = format!(".{name}.new-{}", std::process::id());
    let staged = stage(parent, &staging, &journal, files, marker);
    let applied = staged.and_then(|staged| apply(&staged, out, &journal));
    // Whatever was not renamed in is written again by the next build, which compares anew.
    let _ = parent.remove_all(&staging);
    applied.map(|()| counts)
}

/// The old output, walked once through folder handles.
struct Walk<'a> {
    want: BTreeMap<&'a str, &'a [u8]>,
    unchanged: BTreeSet<String>,
    delete: Vec<String>,
    dirs: BTreeSet<String>,
}

impl Walk<'_> {
    fn scan(&mut self, dir: &Dir, prefix: &str) -> Result<(), WriteError> {
        for (name, kind) in dir.entries().map_err(io(dir.path()))? {
            let rel = match prefix {
                "" => name.clone(),
                p => format!("{p}/{name}"),
            };
            let path = dir.path().join(&name);
            match (kind, self.want.get(rel.as_str())) {
                (Kind::Dir, _) => {
                    let child = dir.dir(&name).map_err(io(&path))?;
                    self.scan(&child, &rel)?;
                    self.dirs.insert(rel);
                }
                (Kind::File, Some(bytes)) => {
                    if dir.holds(&name, bytes).map_err(io(&path))? {
                        self.unchanged.insert(rel);
                    }
                }
                // A link or a pipe where a file of the site goes: the rename replaces it.
                (_, Some(_)) => {}
                (_, None) => self.delete.push(rel),
            }
        }
        Ok(())
    }
}

fn plan(out: &Dir, files: &Files, marker: &[u8]) -> Result<(Journal, Counts), WriteError> {
    let mut want: BTreeMap<&str, &[u8]> = files
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_slice()))
        .collect();
    want.insert(MARKER, marker);
    let mut walk = Walk {
        want,
        unchanged: BTreeSet::new(),
        delete: Vec::new(),
        dirs: BTreeSet::new(),
    };
    walk.scan(out, "")?;
    let mut journal = Journal::default();
    let mut counts = Counts::default();
    for rel in walk.want.keys() {
        let same = walk.unchanged.contains(*rel);
        // The marker goes with the site but is not one of its files.
        match (same, *rel == MARKER) {
            (true, false) => counts.unchanged += 1,
            (false, false) => counts.written += 1,
            _ => {}
        }
        if !same {
            journal.put.push(rel.to_string());
        }
    }
    // Shared things first (stylesheet, fonts, charts, data), pages last, so a page is never
    // renamed in before what it uses.
    journal
        .put
        .sort_by_key(|rel| (rel.ends_with(".html"), rel.clone()));
    walk.delete.sort();
    journal.delete = walk.delete;
    let new_dirs: BTreeSet<&str> = files
        .keys()
        .flat_map(|rel| rel.match_indices('/').map(move |(i, _)| &rel[..i]))
        .collect();
    journal.prune = walk
        .dirs
        .into_iter()
        .rev()
        .filter(|d| !new_dirs.contains(d.as_str()))
        .collect();
    counts.removed = journal.delete.len();
    Ok((journal, counts))
}

/// Writes the files to put into `parent/staging/files/`, a folder made here and now; returns
/// that folder.
fn stage(
    parent: &Dir,
    staging: &str,
    journal: &Journal,
    files: &Files,
    marker: &[u8],
) -> Result<Dir, WriteError> {
    let path = parent.path().join(staging);
    parent.remove_all(staging).map_err(io(&path))?;
    parent.make_dir(staging).map_err(io(&path))?;
    let dir = parent.dir(staging).map_err(io(&path))?;
    write_new(&dir, MARKER, marker)?;
    dir.make_dir("files").map_err(io(&path))?;
    let root = dir.dir("files").map_err(io(&path))?;
    let mut made: BTreeMap<&str, Dir> = BTreeMap::new();
    for rel in &journal.put {
        let bytes = files.get(rel).map_or(marker, Vec::as_slice);
        let (folder, name) = dir::split(rel);
        if !made.contains_key(folder) {
            let d = root
                .make_dirs(folder)
                .map_err(io(&root.path().join(folder)))?;
            made.insert(folder, d);
        }
        write_new(&made[folder], name, bytes)?;
    }
    Ok(root)
}

fn write_new(dir: &Dir, name: &str, bytes: &[u8]) -> Result<(), WriteError> {
    let path = dir.path().join(name);
    dir.create(name, false, true)
        .and_then(|mut f| std::io::Write::write_all(&mut f, bytes))
        .map_err(io(&path))
}

/// Renames the staged files into the output, then deletes and prunes what went away. Folders
/// on the way are made real folders: a link in the output is replaced, never followed.
fn apply(staged: &Dir, out: &Dir, journal: &Journal) -> Result<(), WriteError> {
    let mut from: BTreeMap<&str, Dir> = BTreeMap::new();
    let mut to: BTreeMap<&str, Dir> = BTreeMap::new();
    for rel in &journal.put {
        let (folder, name) = dir::split(rel);
        let target = out.path().join(rel);
        if !from.contains_key(folder) {
            let src = staged
                .dir(folder)
                .map_err(io(&staged.path().join(folder)))?;
            let dst = out.make_dirs(folder).map_err(io(&target))?;
            from.insert(folder, src);
            to.insert(folder, dst);
        }
        let dst = &to[folder];
        // A folder where a file now goes.
        if dst.kind(name).map_err(io(&target))? == Some(Kind::Dir) {
            dst.remove_all(name).map_err(io(&target))?;
        }
        from[folder].rename(name, dst, name).map_err(io(&target))?;
    }
    for rel in &journal.delete {
        let (folder, name) = dir::split(rel);
        // Gone already, or a folder now (a new file was put under its name).
        let Ok(d) = out.dir(folder) else { continue };
        if matches!(d.kind(name), Ok(Some(k)) if k != Kind::Dir) {
            d.remove_file(name).map_err(io(&out.path().join(rel)))?;
        }
    }
    for rel in &journal.prune {
        let (folder, name) = dir::split(rel);
        // Left in place when not empty (a file still inside means it is needed).
        if let Ok(d) = out.dir(folder) {
            let _ = d.remove_dir(name);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::Path;

    fn files(pairs: &[(&str, &str)]) -> Files {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect()
    }

    fn read_all(out: &Path) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = walkdir::WalkDir::new(out)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| !e.file_type().is_dir())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(out)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                (rel, fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        all.sort();
        all
    }

    /// A build killed while renaming files in (some pages new, some old, its staging folder
    /// left behind) is made good by the next one, which compares the whole output again.
    #[test]
    fn a_build_killed_while_applying_is_made_good_by_the_next() {
        let temp = tempfile::tempdir().unwrap();
        let parent = Dir::open(temp.path()).unwrap();
        let out_path = temp.path().join("out");
        fs::create_dir_all(out_path.join("q1")).unwrap();
        fs::write(out_path.join(MARKER), "m").unwrap();
        fs::write(out_path.join("q1/index.html"), "old").unwrap();
        fs::write(out_path.join("gone.html"), "x").unwrap();
        let out = parent.dir("out").unwrap();
        let new = files(&[("q1/index.html", "new"), ("q2/index.html", "two")]);
        let (journal, counts) = plan(&out, &new, b"m").unwrap();
        assert_eq!(
            counts,
            Counts {
                written: 2,
                unchanged: 0,
                removed: 1
            }
        );
        let staged = stage(&parent, ".out.new-1", &journal, &new, b"m").unwrap();
        // Killed after the first rename.
        staged
            .dir("q1")
            .unwrap()
            .rename("index.html", &out.dir("q1").unwrap(), "index.html")
            .unwrap();
        let counts = update(&parent, "out", &out, &new, b"m").unwrap();
        assert_eq!(
            counts,
            Counts {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(
            read_all(&out_path),
            [
                (MARKER.to_string(), "m".to_string()),
                ("q1/index.html".into(), "new".into()),
                ("q2/index.html".into(), "two".into()),
            ]
        );
    }
}
