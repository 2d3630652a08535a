//! A site held in memory, walked in the same order as a folder on disk.

use super::{Entry, EntryKind, ReadError, Refused, Source};
use std::collections::{BTreeMap, BTreeSet};

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
    use super::super::testing::{rels, sample};
    use super::*;

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
}
