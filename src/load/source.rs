//! Where a site's files come from. `load` reads only through a [`Source`], as typst's compiler
//! reads only through its `World`: the working tree ([`WorkTree`]) for `check`, `build` and
//! `serve`; a Git tree read into [`Memory`] for `diff --git` (nothing is checked out or written);
//! memory alone for tests and fuzzing.
//!
//! Paths are site-relative and `/`-separated (`content/metrics.yaml`). Every source walks in the
//! same order (depth first, names sorted, hidden entries skipped), so a site reads the same
//! whichever source holds it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Read access to one site's files.
pub trait Source {
    /// How messages name the site: its folder, or the Git ref it was read at.
    fn name(&self) -> String;
    /// True when `rel` is a file (following a symbolic link).
    fn is_file(&self, rel: &str) -> bool;
    /// True when `rel` is a folder.
    fn is_dir(&self, rel: &str) -> bool;
    /// The bytes of the file `rel`, at most `limit + 1` of them: a huge file must cost neither
    /// memory nor time, and one byte more than the limit is enough to say it is too large.
    fn read(&self, rel: &str, limit: usize) -> Result<Vec<u8>, ReadError>;
    /// The full size of `rel`, for the message about a file that is too large.
    fn size(&self, rel: &str) -> Option<u64>;
    /// Everything under the folder `dir` down to `max_depth` levels (1: its entries only),
    /// depth first with names sorted, hidden entries (`.git`, swap files) and their contents
    /// left out. Entries the source will not follow come as [`Refused`].
    fn walk<'a>(
        &'a self,
        dir: &str,
        max_depth: usize,
    ) -> Box<dyn Iterator<Item = Result<Entry, Refused>> + 'a>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub rel: String,
    pub kind: EntryKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Dir,
    File,
    /// Neither a folder nor a regular file (a named pipe, a socket): reading it fails.
    Other,
}

/// An entry a walk does not follow, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// A symbolic link that leads out of the site.
    Outside(String),
    /// A symbolic link to a folder inside the site.
    LinkToFolder(String),
    BrokenLink {
        rel: String,
        message: String,
    },
    Unreadable {
        rel: String,
        message: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("it is a symbolic link to a place outside the site")]
    Outside,
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The site as it is on disk under `root`. Only regular files are read, and nothing a
/// symbolic link would fetch from outside the site root.
pub struct WorkTree {
    root: PathBuf,
    /// `root` with every link resolved, to tell what lies inside the site.
    real: PathBuf,
}

impl WorkTree {
    pub fn new(root: &Path) -> WorkTree {
        WorkTree {
            root: root.to_path_buf(),
            real: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        if rel.is_empty() {
            self.root.clone()
        } else {
            self.root.join(rel)
        }
    }

    /// True when `path`, with every link resolved, lies inside the site.
    fn inside(&self, path: &Path) -> bool {
        std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(&self.real))
    }

    /// What a symbolic link found by a walk leads to.
    fn link(&self, path: &Path, rel: String) -> Result<Entry, Refused> {
        match std::fs::canonicalize(path) {
            Ok(target) if target.starts_with(&self.real) && target.is_file() => Ok(Entry {
                rel,
                kind: EntryKind::File,
            }),
            Ok(target) if target.starts_with(&self.real) => Err(Refused::LinkToFolder(rel)),
            Ok(_) => Err(Refused::Outside(rel)),
            Err(e) => Err(Refused::BrokenLink {
                rel,
                message: e.to_string(),
            }),
        }
    }
}

impl Source for WorkTree {
    fn name(&self) -> String {
        self.root.display().to_string()
    }

    fn is_file(&self, rel: &str) -> bool {
        self.path(rel).is_file()
    }

    fn is_dir(&self, rel: &str) -> bool {
        self.path(rel).is_dir()
    }

    fn read(&self, rel: &str, limit: usize) -> Result<Vec<u8>, ReadError> {
        use std::io::Read;
        let path = self.path(rel);
        if !self.inside(&path) && path.exists() {
            return Err(ReadError::Outside);
        }
        let meta = std::fs::metadata(&path)?;
        // A named pipe would block the read forever; a folder has nothing to read.
        if !meta.is_file() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a regular file",
            )
            .into());
        }
        let mut bytes = Vec::with_capacity((meta.len() as usize).min(limit.saturating_add(1)));
        std::fs::File::open(&path)?
            .take((limit as u64).saturating_add(1))
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    fn size(&self, rel: &str) -> Option<u64> {
        std::fs::metadata(self.path(rel)).ok().map(|m| m.len())
    }

    fn walk<'a>(
        &'a self,
        dir: &str,
        max_depth: usize,
    ) -> Box<dyn Iterator<Item = Result<Entry, Refused>> + 'a> {
        let start = self.path(dir);
        // A folder that is itself a link out of the site would bring outside files in.
        if !self.inside(&start) {
            return Box::new(std::iter::once(Err(Refused::Outside(dir.to_string()))));
        }
        let walk = walkdir::WalkDir::new(&start)
            .min_depth(1)
            .max_depth(max_depth)
            .sort_by_file_name()
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        let dir = dir.to_string();
        Box::new(walk.map(move |entry| {
            let entry = entry.map_err(|e| Refused::Unreadable {
                rel: e
                    .path()
                    .map(|p| rel_path(&self.root, p))
                    .unwrap_or_else(|| dir.clone()),
                message: e.to_string(),
            })?;
            let rel = rel_path(&self.root, entry.path());
            let t = entry.file_type();
            if t.is_symlink() {
                self.link(entry.path(), rel)
            } else {
                let kind = if t.is_dir() {
                    EntryKind::Dir
                } else if t.is_file() {
                    EntryKind::File
                } else {
                    EntryKind::Other
                };
                Ok(Entry { rel, kind })
            }
        }))
    }
}

/// `path` relative to `root`, `/`-separated.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A site held in memory: a Git tree read for `diff --git`, or a test's files.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    name: String,
    files: BTreeMap<String, Stored>,
}

#[derive(Debug, Clone)]
struct Stored {
    /// The file, or its first bytes when the source that filled it kept only those.
    bytes: Vec<u8>,
    size: u64,
}

impl Memory {
    /// An empty site that messages call `name`.
    pub fn new(name: impl Into<String>) -> Memory {
        Memory {
            name: name.into(),
            files: BTreeMap::new(),
        }
    }

    /// Adds (or replaces) the file `rel`.
    pub fn insert(&mut self, rel: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let bytes = bytes.into();
        let size = bytes.len() as u64;
        self.files.insert(rel.into(), Stored { bytes, size });
    }

    /// Adds the first bytes of a file whose full size is `size` (a blob too large to keep).
    pub fn insert_prefix(&mut self, rel: impl Into<String>, bytes: Vec<u8>, size: u64) {
        self.files.insert(rel.into(), Stored { bytes, size });
    }

    /// Every file `source` lets a walk reach, each read up to `limit` bytes (and one more).
    /// Entries the source refuses are left out, as `load` would leave them.
    pub fn copy_of(source: &dyn Source, limit: usize) -> Memory {
        let mut out = Memory::new(source.name());
        for entry in source.walk("", usize::MAX).flatten() {
            if entry.kind == EntryKind::File {
                if let Ok(bytes) = source.read(&entry.rel, limit) {
                    let size = source.size(&entry.rel).unwrap_or(bytes.len() as u64);
                    out.insert_prefix(entry.rel, bytes, size);
                }
            }
        }
        out
    }

    /// The site-relative paths of the files held, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}

impl Source for Memory {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn is_file(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    fn is_dir(&self, rel: &str) -> bool {
        let prefix = if rel.is_empty() {
            String::new()
        } else {
            format!("{rel}/")
        };
        self.files
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&prefix))
    }

    fn read(&self, rel: &str, limit: usize) -> Result<Vec<u8>, ReadError> {
        let stored = self.files.get(rel).ok_or_else(|| {
            ReadError::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such file",
            ))
        })?;
        let keep = stored.bytes.len().min(limit.saturating_add(1));
        Ok(stored.bytes[..keep].to_vec())
    }

    fn size(&self, rel: &str) -> Option<u64> {
        self.files.get(rel).map(|s| s.size)
    }

    fn walk<'a>(
        &'a self,
        dir: &str,
        max_depth: usize,
    ) -> Box<dyn Iterator<Item = Result<Entry, Refused>> + 'a> {
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        // Sorting by components, not by whole paths, puts `a/x` before `a.yaml` as a walk of
        // folders does (`/` sorts after `.` in a plain string comparison).
        let mut entries: BTreeSet<(Vec<&str>, bool)> = BTreeSet::new();
        for rel in self.files.keys() {
            let Some(rest) = rel.strip_prefix(&prefix) else {
                continue;
            };
            let parts: Vec<&str> = rest.split('/').collect();
            // Folders above a hidden entry are still seen, as on disk.
            let visible = parts
                .iter()
                .position(|p| p.starts_with('.') || p.is_empty())
                .unwrap_or(parts.len());
            for depth in 1..=visible.min(parts.len() - 1).min(max_depth) {
                entries.insert((parts[..depth].to_vec(), true));
            }
            if visible == parts.len() && parts.len() <= max_depth {
                entries.insert((parts, false));
            }
        }
        let list: Vec<_> = entries
            .into_iter()
            .map(|(parts, is_dir)| {
                Ok(Entry {
                    rel: format!("{prefix}{}", parts.join("/")),
                    kind: if is_dir {
                        EntryKind::Dir
                    } else {
                        EntryKind::File
                    },
                })
            })
            .collect();
        Box::new(list.into_iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rels(source: &dyn Source, dir: &str, depth: usize) -> Vec<String> {
        source
            .walk(dir, depth)
            .map(|e| {
                let e = e.unwrap();
                match e.kind {
                    EntryKind::Dir => format!("{}/", e.rel),
                    _ => e.rel,
                }
            })
            .collect()
    }

    fn sample() -> Memory {
        let mut m = Memory::new("test");
        for rel in [
            "content/a.yaml",
            "content/a/x.yaml",
            "content/.git/config",
            "content/b/.swp",
            "templates/page.html",
        ] {
            m.insert(rel, rel.as_bytes());
        }
        m
    }

    #[test]
    fn memory_walks_like_a_folder_walk() {
        let m = sample();
        assert_eq!(
            rels(&m, "content", usize::MAX),
            [
                "content/a/",
                "content/a/x.yaml",
                "content/a.yaml",
                "content/b/"
            ]
        );
        assert_eq!(
            rels(&m, "content", 1),
            ["content/a/", "content/a.yaml", "content/b/"]
        );
        assert!(m.is_dir("content") && m.is_dir("templates") && !m.is_dir("content/a.yaml"));
        assert!(m.is_file("content/a.yaml") && !m.is_file("content"));
    }

    #[test]
    fn memory_reads_at_most_one_byte_past_the_limit() {
        let mut m = Memory::new("test");
        m.insert("big", vec![b'x'; 10]);
        m.insert_prefix("huge", vec![b'y'; 4], 1 << 30);
        assert_eq!(m.read("big", 3).unwrap().len(), 4);
        assert_eq!(m.read("big", 100).unwrap().len(), 10);
        assert_eq!((m.size("huge"), m.size("nope")), (Some(1 << 30), None));
        assert!(matches!(m.read("nope", 1), Err(ReadError::Io(_))));
    }

    #[test]
    fn a_work_tree_and_the_same_files_in_memory_walk_alike() {
        let dir = std::env::temp_dir().join(format!("qd-source-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for rel in sample().paths() {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, rel).unwrap();
        }
        let tree = WorkTree::new(&dir);
        let copy = Memory::copy_of(&tree, 1024);
        let walked = (rels(&tree, "content", usize::MAX), rels(&tree, "", 1));
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(walked.0, rels(&sample(), "content", usize::MAX));
        assert_eq!(walked.1, ["content/", "templates/"]);
        // A copy holds what a walk reaches: hidden files stay behind.
        assert_eq!(
            copy.paths().collect::<Vec<_>>(),
            ["content/a.yaml", "content/a/x.yaml", "templates/page.html"]
        );
        assert_eq!(
            copy.read("templates/page.html", 1024).unwrap(),
            b"templates/page.html"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_work_tree_follows_links_only_inside_the_site() {
        use std::os::unix::fs::symlink;
        let base = std::env::temp_dir().join(format!("qd-source-links-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let (site, outside) = (base.join("site"), base.join("outside"));
        std::fs::create_dir_all(site.join("content/pages")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret.md"), "secret").unwrap();
        std::fs::write(site.join("content/pages/a.md"), "a").unwrap();
        symlink(
            site.join("content/pages/a.md"),
            site.join("content/pages/b.md"),
        )
        .unwrap();
        symlink(outside.join("secret.md"), site.join("content/pages/c.md")).unwrap();
        symlink(site.join("content/pages"), site.join("content/d")).unwrap();
        symlink(&outside, site.join("templates")).unwrap();
        let tree = WorkTree::new(&site);
        let walked: Vec<_> = tree.walk("content", usize::MAX).collect();
        let templates: Vec<_> = tree.walk("templates", 1).collect();
        let read = tree.read("content/pages/c.md", 100);
        std::fs::remove_dir_all(site.join("content")).unwrap();
        symlink(&outside, site.join("content")).unwrap();
        let linked_content: Vec<_> = tree.walk("content", usize::MAX).collect();
        let _ = std::fs::remove_dir_all(&base);
        let file = |rel: &str| {
            Ok(Entry {
                rel: rel.into(),
                kind: EntryKind::File,
            })
        };
        assert_eq!(
            walked,
            [
                Err(Refused::LinkToFolder("content/d".into())),
                Ok(Entry {
                    rel: "content/pages".into(),
                    kind: EntryKind::Dir
                }),
                file("content/pages/a.md"),
                file("content/pages/b.md"),
                Err(Refused::Outside("content/pages/c.md".into())),
            ]
        );
        assert_eq!(templates, [Err(Refused::Outside("templates".into()))]);
        assert!(matches!(read, Err(ReadError::Outside)));
        assert_eq!(linked_content, [Err(Refused::Outside("content".into()))]);
    }
}
