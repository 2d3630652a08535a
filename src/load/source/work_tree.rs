//! The site as it is on disk: regular files only, links followed only inside the site root.

use super::{Entry, EntryKind, ReadError, Refused, Source};
use crate::load::io_words;
use std::path::{Path, PathBuf};

/// The site as it is on disk under `root`. Only regular files are read, and nothing a
/// symbolic link would fetch from outside the site root.
pub struct WorkTree {
    root: PathBuf,
    /// `root` with every link resolved, to tell what lies inside the site.
    real: PathBuf,
    /// Folders already known to lie inside the site (or not): resolving every link of every
    /// file's path cost a tenth of a build; a site has few folders and many files. A `WorkTree`
    /// serves one build (`serve` makes a new one for each). A folder swapped for a link while
    /// a build runs is seen by the next build, not this one: the rule guards against links
    /// kept in the site, which are in place before a build starts.
    folders: std::sync::Mutex<std::collections::HashMap<PathBuf, bool>>,
}

impl WorkTree {
    pub fn new(root: &Path) -> WorkTree {
        WorkTree {
            root: root.to_path_buf(),
            real: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            folders: Default::default(),
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

    /// True when `path` is a regular file (not a link) in a folder inside the site: the common
    /// case, decided with one `lstat` and a lookup of the folder.
    fn plain_file_inside(&self, path: &Path) -> Option<std::fs::Metadata> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        if !meta.file_type().is_file() {
            return None;
        }
        let folder = path.parent()?;
        let lock = || self.folders.lock().unwrap_or_else(|e| e.into_inner());
        // Resolving a folder takes a system call per component of its path: done outside the
        // lock, so that the other threads reading files are not held up (two threads may both
        // resolve a folder first met at once; they find the same answer).
        let known = lock().get(folder).copied();
        let inside = known.unwrap_or_else(|| {
            let inside = self.inside(folder);
            lock().insert(folder.to_path_buf(), inside);
            inside
        });
        inside.then_some(meta)
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
                message: io_words::broken_link(e.kind()).into(),
                kind: e.kind(),
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
        let meta = match self.plain_file_inside(&path) {
            Some(meta) => meta,
            None => {
                if !self.inside(&path) && path.exists() {
                    return Err(ReadError::Outside);
                }
                std::fs::metadata(&path)?
            }
        };
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
            let entry = entry.map_err(|e| {
                let kind = e
                    .io_error()
                    .map_or(std::io::ErrorKind::Other, |io| io.kind());
                Refused::Unreadable {
                    rel: e
                        .path()
                        .map(|p| rel_path(&self.root, p))
                        .unwrap_or_else(|| dir.clone()),
                    message: io_words::what(kind).into(),
                    kind,
                }
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
pub(crate) fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::super::testing::{rels, sample};
    use super::super::Memory;
    use super::*;

    #[test]
    fn a_work_tree_and_the_same_files_in_memory_walk_alike() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().to_path_buf();
        for rel in sample().paths() {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, rel).unwrap();
        }
        let tree = WorkTree::new(&dir);
        let copy = Memory::copy_of(&tree, 1024);
        let walked = (rels(&tree, "content", usize::MAX), rels(&tree, "", 1));
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
        let temp = tempfile::tempdir().unwrap();
        let base = temp.path().to_path_buf();
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

    /// Reading decides "inside" by the file's folder, once per folder: a plain file in a folder
    /// that is a link out of the site is still refused, and a missing file is not found.
    #[cfg(unix)]
    #[test]
    fn a_plain_file_is_read_only_when_its_folder_is_inside_the_site() {
        use std::os::unix::fs::symlink;
        let temp = tempfile::tempdir().unwrap();
        let (site, outside) = (temp.path().join("site"), temp.path().join("outside"));
        std::fs::create_dir_all(site.join("content/quarters")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("risk.yaml"), "secret").unwrap();
        std::fs::write(site.join("content/quarters/risk.yaml"), "mine").unwrap();
        symlink(&outside, site.join("content/elsewhere")).unwrap();
        let tree = WorkTree::new(&site);
        assert_eq!(
            tree.read("content/quarters/risk.yaml", 100).unwrap(),
            b"mine"
        );
        assert!(matches!(
            tree.read("content/elsewhere/risk.yaml", 100),
            Err(ReadError::Outside)
        ));
        assert!(matches!(
            tree.read("content/quarters/none.yaml", 100),
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound
        ));
    }
}
