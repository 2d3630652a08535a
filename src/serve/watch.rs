//! A polling watcher for `quarterdeck.toml`, `content/` and `templates/`: every
//! `SCAN_EVERY` it records each file's size and modification time, and reports the changed
//! files once the tree has been quiet for `QUIET`.
//!
//! Polling instead of OS notifications: a few hundred `stat`s four times a second cost
//! nothing, behave the same on every OS, editor and network drive, and need no dependency.
//! The debounce matters because editors save in steps (write a temp file, rename, touch),
//! and `git checkout` changes many files at once: one rebuild per burst, not one per file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

pub const SCAN_EVERY: Duration = Duration::from_millis(250);
/// While a change is pending the tree is rescanned at every tick until it has been quiet this long.
pub const QUIET: Duration = Duration::from_millis(100);
/// A tree that never goes quiet (a generator writing in a loop) still gets rebuilt this often.
pub const MAX_DELAY: Duration = Duration::from_secs(2);
/// More entries than any real site has; past it the scan stops rather than eat time.
const MAX_ENTRIES: usize = 100_000;

/// Site-relative path → (size, modified).
type Snapshot = BTreeMap<String, (u64, Option<SystemTime>)>;

pub struct Watcher {
    root: PathBuf,
    last: Snapshot,
    last_scan: Instant,
    /// Paths changed since the last report, and when the burst started and last moved.
    pending: BTreeSet<String>,
    burst: Option<(Instant, Instant)>,
}

impl Watcher {
    pub fn new(root: &Path) -> Self {
        Watcher {
            root: root.to_path_buf(),
            last: scan(root),
            last_scan: Instant::now(),
            pending: BTreeSet::new(),
            burst: None,
        }
    }

    /// Call often (every ~50 ms); scans when due and returns the changed files, sorted, once a
    /// burst of changes has settled.
    pub fn tick(&mut self, now: Instant) -> Option<Vec<String>> {
        if self.burst.is_none() && now.duration_since(self.last_scan) < SCAN_EVERY {
            return None;
        }
        self.last_scan = now;
        let snap = scan(&self.root);
        if snap != self.last {
            for (path, meta) in &snap {
                if self.last.get(path) != Some(meta) {
                    self.pending.insert(path.clone());
                }
            }
            for path in self.last.keys().filter(|p| !snap.contains_key(*p)) {
                self.pending.insert(path.clone());
            }
            self.last = snap;
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

fn scan(root: &Path) -> Snapshot {
    let mut snap = Snapshot::new();
    let config = root.join(crate::config::FILE_NAME);
    record(&mut snap, root, &config);
    for dir in ["content", "templates"] {
        let walk = walkdir::WalkDir::new(root.join(dir))
            .follow_links(false)
            .into_iter()
            // Dot files are editor swap files and the like; the loader skips them too.
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walk.flatten().take(MAX_ENTRIES) {
            if !entry.file_type().is_dir() {
                record(&mut snap, root, entry.path());
            }
        }
    }
    snap
}

/// `fs::metadata` follows links, so editing the target of a linked file counts as a change.
fn record(snap: &mut Snapshot, root: &Path, path: &Path) {
    if let Ok(meta) = std::fs::metadata(path) {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        snap.insert(rel, (meta.len(), meta.modified().ok()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_a_burst_once_after_it_settles() {
        let root = std::env::temp_dir().join(format!("quarterdeck-watch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
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
        let _ = std::fs::remove_dir_all(&root);
    }
}
