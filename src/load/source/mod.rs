//! Where a site's files come from. `load` reads only through a [`Source`], as typst's compiler
//! reads only through its `World`: the working tree ([`WorkTree`]) for `check`, `build` and
//! `serve`; a Git tree read into [`Memory`] for `diff --git` (nothing is checked out or written);
//! memory alone for tests and fuzzing.
//!
//! Paths are site-relative and `/`-separated (`content/metrics.yaml`). Every source walks in the
//! same order (depth first, names sorted, hidden entries skipped), so a site reads the same
//! whichever source holds it.

mod memory;
mod work_tree;

pub use memory::Memory;
pub use work_tree::WorkTree;
// Outside `load`, only a test of the starter names files as the loader does.
#[cfg(test)]
pub(crate) use work_tree::rel_path;

/// Read access to one site's files. Shared between threads: `load` reads and parses files on
/// every core.
pub trait Source: Sync {
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
    /// `message` is in plain words (`load::io_words`); `kind` chooses the fix.
    BrokenLink {
        rel: String,
        message: String,
        kind: std::io::ErrorKind,
    },
    Unreadable {
        rel: String,
        message: String,
        kind: std::io::ErrorKind,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("it is a symbolic link to a place outside the site")]
    Outside,
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Shared by the tests of both sources: what a walk lists, folders ending in `/`.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    pub(crate) fn rels(source: &dyn Source, dir: &str, depth: usize) -> Vec<String> {
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

    pub(crate) fn sample() -> Memory {
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
}
