//! Rebuilding over an existing output: write only the files whose bytes changed, each renamed
//! into place whole, under a journal so that a build killed while renaming is finished by the
//! next one. ARCHITECTURE.md ("Writing") says why this beat hard-linking a full staging copy.
//!
//! 1. plan: compare every file with the one on disk; the rest is "put" or "delete";
//! 2. stage: write the changed files into `.NAME.new-PID/files/` with the plan as `journal.json`
//!    (killed here: the output is untouched, the folder is a leftover);
//! 3. commit: rename the staging folder to `.NAME.commit`, one atomic step;
//! 4. apply: rename each staged file over its old version, delete what went away, remove the
//!    commit folder. A build that finds `.NAME.commit` applies it first (`recover`).

use super::{io, WriteError, MARKER};
use crate::render::Files;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// What a write changed on disk, in files of the site (the marker file is not counted).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Journal {
    /// Files to rename from `files/` into the output, in this order.
    put: Vec<String>,
    /// Files of the old output that the new one does not have.
    delete: Vec<String>,
    /// Folders of the old output that the new one does not have, deepest first.
    prune: Vec<String>,
}

fn commit_dir(parent: &Path, name: &str) -> std::path::PathBuf {
    parent.join(format!(".{name}.commit"))
}

/// Brings the existing output `out` to exactly `files` (plus the marker).
pub fn update(
    parent: &Path,
    name: &str,
    out: &Path,
    files: &Files,
    marker: &[u8],
) -> Result<Counts, WriteError> {
    let (journal, counts) = plan(out, files, marker)?;
    if journal.put.is_empty() && journal.delete.is_empty() && journal.prune.is_empty() {
        return Ok(counts);
    }
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    if let Err(e) = stage(&staging, &journal, files, marker) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let commit = commit_dir(parent, name);
    if let Err(e) = fs::rename(&staging, &commit) {
        let _ = fs::remove_dir_all(&staging);
        return Err(io(&commit)(e));
    }
    apply(&commit, out, &journal)?;
    Ok(counts)
}

/// Finishes the update of a build killed after its commit step, or drops it when the output it
/// was for is gone.
pub fn recover(parent: &Path, name: &str, out: &Path) -> Result<(), WriteError> {
    let commit = commit_dir(parent, name);
    if !commit.join(MARKER).is_file() {
        return Ok(());
    }
    let journal = fs::read(commit.join("journal.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<Journal>(&b).ok());
    // A journal is only ever written by `update`; one naming a path out of the output is not ours.
    let inside = |rel: &String| {
        !rel.is_empty()
            && Path::new(rel)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
    };
    let journal = journal.filter(|j| j.put.iter().chain(&j.delete).chain(&j.prune).all(inside));
    match journal {
        Some(j) if out.join(MARKER).is_file() => apply(&commit, out, &j),
        _ => fs::remove_dir_all(&commit).map_err(io(&commit)),
    }
}

/// The old output's files (anything that is not a folder, symlinks included) and folders.
fn walk(out: &Path) -> Result<(BTreeMap<String, fs::Metadata>, BTreeSet<String>), WriteError> {
    let mut entries = BTreeMap::new();
    let mut dirs = BTreeSet::new();
    for e in walkdir::WalkDir::new(out).min_depth(1) {
        let e = e.map_err(|e| io(out)(e.into()))?;
        let rel = e
            .path()
            .strip_prefix(out)
            .expect("walkdir yields paths under its root")
            .to_string_lossy()
            .replace('\\', "/");
        if e.file_type().is_dir() {
            dirs.insert(rel);
        } else {
            let meta = e.metadata().map_err(|e| io(out)(e.into()))?;
            entries.insert(rel, meta);
        }
    }
    Ok((entries, dirs))
}

fn plan(out: &Path, files: &Files, marker: &[u8]) -> Result<(Journal, Counts), WriteError> {
    let (mut old, old_dirs) = walk(out)?;
    let mut journal = Journal::default();
    let mut counts = Counts::default();
    let all = files
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_slice()))
        .chain([(MARKER, marker)]);
    for (rel, bytes) in all {
        let same = match old.remove(rel) {
            Some(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
                let path = out.join(rel);
                fs::read(&path).map_err(io(&path))? == bytes
            }
            _ => false,
        };
        // The marker goes with the site but is not one of its files.
        match (same, rel == MARKER) {
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
    journal.delete = old.into_keys().collect();
    let new_dirs: BTreeSet<&str> = files
        .keys()
        .flat_map(|rel| rel.match_indices('/').map(move |(i, _)| &rel[..i]))
        .collect();
    journal.prune = old_dirs
        .into_iter()
        .rev()
        .filter(|d| !new_dirs.contains(d.as_str()))
        .collect();
    counts.removed = journal.delete.len();
    Ok((journal, counts))
}

fn stage(
    staging: &Path,
    journal: &Journal,
    files: &Files,
    marker: &[u8],
) -> Result<(), WriteError> {
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(io(staging))?;
    }
    let root = staging.join("files");
    fs::create_dir_all(&root).map_err(io(&root))?;
    fs::write(staging.join(MARKER), marker).map_err(io(staging))?;
    let mut made = BTreeSet::new();
    for rel in &journal.put {
        let bytes = files.get(rel).map_or(marker, Vec::as_slice);
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            if made.insert(dir.to_path_buf()) {
                fs::create_dir_all(dir).map_err(io(dir))?;
            }
        }
        fs::write(&path, bytes).map_err(io(&path))?;
    }
    let text = serde_json::to_vec(journal).expect("a journal of strings serialises");
    let path = staging.join("journal.json");
    fs::write(&path, text).map_err(io(&path))
}

/// Idempotent: a file already renamed in is skipped, so it can run again after being killed.
fn apply(commit: &Path, out: &Path, journal: &Journal) -> Result<(), WriteError> {
    let root = commit.join("files");
    for rel in &journal.put {
        let from = root.join(rel);
        if fs::symlink_metadata(&from).is_err() {
            continue;
        }
        let to = out.join(rel);
        make_dirs(out, rel)?;
        // A folder where a file now goes (never a symlink: rename replaces those).
        if fs::symlink_metadata(&to).is_ok_and(|m| m.is_dir()) {
            fs::remove_dir_all(&to).map_err(io(&to))?;
        }
        fs::rename(&from, &to).map_err(io(&to))?;
    }
    for rel in &journal.delete {
        let path = out.join(rel);
        // Gone already, or a folder now (a new file was put under its name).
        if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
            fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    for rel in &journal.prune {
        // Left in place when not empty (a file still inside means it is needed).
        let _ = fs::remove_dir(out.join(rel));
    }
    fs::remove_dir_all(commit).map_err(io(commit))
}

/// Creates the folders of `rel` under `out` as real folders: a file or symlink in the way is
/// removed first, so a rename can never follow a link out of the output.
fn make_dirs(out: &Path, rel: &str) -> Result<(), WriteError> {
    let mut dir = out.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for part in &parts[..parts.len() - 1] {
        dir.push(part);
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => continue,
            Ok(_) => fs::remove_file(&dir).map_err(io(&dir))?,
            Err(_) => {}
        }
        fs::create_dir(&dir).map_err(io(&dir))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> Files {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect()
    }

    fn read_all(out: &Path) -> Vec<(String, String)> {
        let (entries, _) = walk(out).unwrap();
        entries
            .keys()
            .map(|k| (k.clone(), fs::read_to_string(out.join(k)).unwrap()))
            .collect()
    }

    /// A build killed after its commit step but before (or while) renaming is finished by the
    /// next one: the output becomes exactly the new site.
    #[test]
    fn a_commit_left_by_a_killed_build_is_finished() {
        let parent = std::env::temp_dir().join(format!("qd-update-{}", std::process::id()));
        let _ = fs::remove_dir_all(&parent);
        let out = parent.join("out");
        fs::create_dir_all(out.join("q1")).unwrap();
        fs::write(out.join(MARKER), "m").unwrap();
        fs::write(out.join("q1/index.html"), "old").unwrap();
        fs::write(out.join("gone.html"), "x").unwrap();
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
        let staging = parent.join(".out.new-1");
        stage(&staging, &journal, &new, b"m").unwrap();
        fs::rename(&staging, commit_dir(&parent, "out")).unwrap();
        // Killed after the first rename.
        fs::rename(
            commit_dir(&parent, "out").join("files/q1/index.html"),
            out.join("q1/index.html"),
        )
        .unwrap();
        recover(&parent, "out", &out).unwrap();
        assert!(!commit_dir(&parent, "out").exists());
        assert_eq!(
            read_all(&out),
            [
                (MARKER.to_string(), "m".to_string()),
                ("q1/index.html".into(), "new".into()),
                ("q2/index.html".into(), "two".into()),
            ]
        );
        fs::remove_dir_all(&parent).unwrap();
    }

    #[test]
    fn a_journal_naming_a_path_out_of_the_output_is_dropped() {
        let parent = std::env::temp_dir().join(format!("qd-journal-{}", std::process::id()));
        let _ = fs::remove_dir_all(&parent);
        let out = parent.join("out");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join(MARKER), "m").unwrap();
        let commit = commit_dir(&parent, "out");
        fs::create_dir_all(commit.join("files")).unwrap();
        fs::write(commit.join(MARKER), "m").unwrap();
        fs::write(commit.join("files/x"), "evil").unwrap();
        let journal = r#"{"put":["../evil"],"delete":["../out/.quarterdeck-output"],"prune":[]}"#;
        fs::write(commit.join("journal.json"), journal).unwrap();
        recover(&parent, "out", &out).unwrap();
        assert!(!commit.exists());
        assert!(!parent.join("evil").exists());
        assert!(out.join(MARKER).is_file());
        fs::remove_dir_all(&parent).unwrap();
    }
}
