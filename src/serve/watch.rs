//! A polling watcher for `quarterdeck.toml`, `content/`, `templates/` and `i18n/`: every
//! `SCAN_EVERY` it records each file's size and modification time, and reports the changed
//! files once the tree has been quiet for `QUIET`.
//!
//! Size and time alone miss a same-size edit saved within the file system's timestamp
//! granularity (a second on some, two on FAT): the time does not move. So, as git does for
//! "racily clean" files, a file modified in the last `RACY` also has its content hashed, and
//! equal sizes and times with different hashes count as a change. Only recently saved files
//! are read, so a quiet tree costs no more than before.
//!
//! Polling instead of OS notifications: a few hundred `stat`s four times a second cost
//! nothing, behave the same on every OS, editor and network drive, and need no dependency.
//! The debounce matters because editors save in steps (write a temp file, rename, touch),
//! and `git checkout` changes many files at once: one rebuild per burst, not one per file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

pub(super) const SCAN_EVERY: Duration = Duration::from_millis(250);
/// While a change is pending the tree is rescanned at every tick until it has been quiet this long.
pub(super) const QUIET: Duration = Duration::from_millis(100);
/// A tree that never goes quiet (a generator writing in a loop) still gets rebuilt this often.
pub(super) const MAX_DELAY: Duration = Duration::from_secs(2);
/// More entries than any real site has; past it the scan stops rather than eat time.
const MAX_ENTRIES: usize = 100_000;
/// A file modified this recently may change again without its time moving: FAT's two
/// seconds of granularity, plus a scan's delay.
const RACY: Duration = Duration::from_secs(3);
/// Content files are capped at 1 MiB by the loader; larger ones are not worth reading here.
const MAX_HASHED: u64 = 8 << 20;

/// What is known of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    size: u64,
    modified: Option<SystemTime>,
    /// The content's hash, for files modified within `RACY` of the scan.
    hash: Option<u64>,
}

/// Site-relative path → what was seen.
type Snapshot = BTreeMap<String, Entry>;

pub(super) struct Watcher {
    root: PathBuf,
    last: Snapshot,
    last_scan: Instant,
    /// Paths changed since the last report, and when the burst started and last moved.
    pending: BTreeSet<String>,
    burst: Option<(Instant, Instant)>,
}

impl Watcher {
    pub(super) fn new(root: &Path) -> Self {
        Watcher {
            root: root.to_path_buf(),
            last: scan(root, &Snapshot::new()).0,
            last_scan: Instant::now(),
            pending: BTreeSet::new(),
            burst: None,
        }
    }

    /// Call often (every ~50 ms); scans when due and returns the changed files, sorted, once a
    /// burst of changes has settled.
    pub(super) fn tick(&mut self, now: Instant) -> Option<Vec<String>> {
        if self.burst.is_none() && now.duration_since(self.last_scan) < SCAN_EVERY {
            return None;
        }
        self.last_scan = now;
        let (snap, rewritten) = scan(&self.root, &self.last);
        let mut moved = false;
        for (path, entry) in &snap {
            let changed = self
                .last
                .get(path)
                .is_none_or(|old| (old.size, old.modified) != (entry.size, entry.modified));
            if changed || rewritten.contains(path) {
                self.pending.insert(path.clone());
                moved = true;
            }
        }
        for path in self.last.keys().filter(|p| !snap.contains_key(*p)) {
            self.pending.insert(path.clone());
            moved = true;
        }
        self.last = snap;
        if moved {
            let started = self.burst.map_or(now, |(s, _)| s);
            self.burst = Some((started, now));
        }
        let (started, moved) = self.burst?;
        if now.duration_since(moved) >= QUIET || now.duration_since(started) >= MAX_DELAY {
            self.burst = None;
            return Some(std::mem::take(&mut self.pending).into_iter().collect());
        }
        None
    }
}

/// The files now, and those whose size and time are unchanged since `last` but whose content
/// is not. A file hashed in `last` is hashed again (though no longer recent), so that an edit
/// saved just after that scan is seen even when this one comes late (after a long rebuild).
fn scan(root: &Path, last: &Snapshot) -> (Snapshot, BTreeSet<String>) {
    let mut snap = Snapshot::new();
    let mut rewritten = BTreeSet::new();
    let now = SystemTime::now();
    let config = root.join(crate::config::FILE_NAME);
    record(&mut snap, &mut rewritten, last, now, root, &config);
    for dir in ["content", "templates", "i18n"] {
        let walk = walkdir::WalkDir::new(root.join(dir))
            .follow_links(false)
            .into_iter()
            // Dot files are editor swap files and the like; the loader skips them too.
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walk.flatten().take(MAX_ENTRIES) {
            if !entry.file_type().is_dir() {
                record(&mut snap, &mut rewritten, last, now, root, entry.path());
            }
        }
    }
    (snap, rewritten)
}

/// `fs::metadata` follows links, so editing the target of a linked file counts as a change.
fn record(
    snap: &mut Snapshot,
    rewritten: &mut BTreeSet<String>,
    last: &Snapshot,
    now: SystemTime,
    root: &Path,
    path: &Path,
) {
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    let rel = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let modified = meta.modified().ok();
    // No time, or a time in the future (a clock set back): treat as recent.
    let recent =
        modified.is_none_or(|m| now.duration_since(m).is_ok_and(|age| age < RACY) || m > now);
    let before = last.get(&rel);
    let hashed_before = before.is_some_and(|e| e.hash.is_some());
    // Only a regular file is read: opening a pipe for reading blocks until something writes to
    // it, and a pipe in `content/` hung the watcher (the build reports it as an error).
    let hash = if meta.is_file() && (recent || hashed_before) && meta.len() <= MAX_HASHED {
        std::fs::read(path).ok().map(|bytes| {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            h.finish()
        })
    } else {
        None
    };
    if let (Some(old), Some(new)) = (before, hash) {
        let same_stamp = (old.size, old.modified) == (meta.len(), modified);
        if same_stamp && old.hash.is_some_and(|h| h != new) {
            rewritten.insert(rel.clone());
        }
    }
    snap.insert(
        rel,
        Entry {
            size: meta.len(),
            modified,
            // Kept only while recent: an old file is not read again at every scan.
            hash: hash.filter(|_| recent),
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_a_burst_once_after_it_settles() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().to_path_buf();
        std::fs::create_dir_all(root.join("content/.cache")).unwrap();
        std::fs::write(root.join("quarterdeck.toml"), "x").unwrap();
        let mut w = Watcher::new(&root);
        let t0 = Instant::now();
        assert_eq!(w.tick(t0 + SCAN_EVERY), None, "nothing changed");
        std::fs::write(root.join("content/metrics.yaml"), "a").unwrap();
        std::fs::write(root.join("content/.cache/x"), "ignored").unwrap();
        std::fs::write(root.join("quarterdeck.toml"), "xy").unwrap();
        assert_eq!(w.tick(t0 + SCAN_EVERY * 2), None, "still settling");
        let got = w.tick(t0 + SCAN_EVERY * 2 + QUIET);
        assert_eq!(
            got,
            Some(vec![
                "content/metrics.yaml".to_string(),
                "quarterdeck.toml".to_string()
            ])
        );
        std::fs::remove_file(root.join("content/metrics.yaml")).unwrap();
        assert_eq!(w.tick(t0 + SCAN_EVERY * 4), None);
        assert_eq!(
            w.tick(t0 + SCAN_EVERY * 4 + QUIET),
            Some(vec!["content/metrics.yaml".to_string()])
        );
    }

    /// The site's catalog is watched: a label edited in `i18n/` rebuilds as a content edit does.
    #[test]
    fn an_edit_to_the_sites_catalog_is_seen() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().to_path_buf();
        std::fs::create_dir_all(root.join("i18n")).unwrap();
        std::fs::write(root.join("quarterdeck.toml"), "x").unwrap();
        let mut w = Watcher::new(&root);
        let t0 = Instant::now();
        std::fs::write(root.join("i18n/en.toml"), "top_risks = \"Top\"\n").unwrap();
        assert_eq!(w.tick(t0 + SCAN_EVERY), None, "still settling");
        assert_eq!(
            w.tick(t0 + SCAN_EVERY + QUIET),
            Some(vec!["i18n/en.toml".to_string()])
        );
    }

    /// A pipe in `content/` (here one nobody writes to) is seen, never opened: reading it would
    /// block the watcher, and with it every rebuild, forever.
    #[cfg(unix)]
    #[test]
    fn a_pipe_in_the_content_does_not_hang_the_watcher() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().to_path_buf();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("quarterdeck.toml"), "x").unwrap();
        let fifo = root.join("content/metrics.yaml");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from(0o600),
            0,
        )
        .unwrap();
        // On the old code the scan blocked in `read`; a thread bounds how long the test waits.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut w = Watcher::new(&root);
            let _ = tx.send(w.tick(Instant::now() + SCAN_EVERY));
        });
        let first = rx.recv_timeout(std::time::Duration::from_secs(20));
        assert_eq!(first, Ok(None), "the scan never returned");
    }

    #[test]
    fn a_same_size_edit_within_the_timestamp_granularity_is_seen() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().to_path_buf();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("quarterdeck.toml"), "x").unwrap();
        let file = root.join("content/metrics.yaml");
        std::fs::write(&file, "impact: 4\n").unwrap();
        let stamp = std::fs::metadata(&file).unwrap().modified().unwrap();
        let mut w = Watcher::new(&root);
        let t0 = Instant::now();
        assert_eq!(w.tick(t0 + SCAN_EVERY), None, "nothing changed");
        // The same number of bytes, and a time that did not move (as on a file system that
        // keeps whole seconds, when both saves fall in the same one).
        std::fs::write(&file, "impact: 5\n").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(stamp)
            .unwrap();
        assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), stamp);
        assert_eq!(w.tick(t0 + SCAN_EVERY * 2), None, "still settling");
        assert_eq!(
            w.tick(t0 + SCAN_EVERY * 2 + QUIET),
            Some(vec!["content/metrics.yaml".to_string()])
        );
        // Reported once: the next scans see no change.
        assert_eq!(w.tick(t0 + SCAN_EVERY * 4), None);
        assert_eq!(w.tick(t0 + SCAN_EVERY * 4 + QUIET), None);
    }
}
