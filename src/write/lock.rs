//! One build at a time per output folder: an advisory lock on a file beside it, as cargo locks
//! its build directory, and leftovers cleared only when the build that made them is gone.

use super::dir::{Dir, Kind};
use super::{io, WriteError, MARKER};
use std::fs::{File, TryLockError};
use std::path::Path;

/// Held while a build writes `parent/name`; the lock is released when this is dropped (or the
/// process dies, so a killed build never blocks the next one).
pub(super) struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// Takes the lock on `parent/.NAME.lock`, waiting (and saying so on stderr) while another
    /// build of the same output holds it. The file stays: removing a lock file races with a
    /// build that has just opened it. A symbolic link by that name is refused, never followed
    /// (a committed dangling link would otherwise create a file wherever it points).
    pub(super) fn take(parent: &Dir, name: &str, shown: &Path) -> Result<OutputLock, WriteError> {
        let lock_name = format!(".{name}.lock");
        let path = parent.path().join(&lock_name);
        let file = parent.create(&lock_name, false, false).map_err(io(&path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                eprintln!("waiting for another build of {}…", shown.display());
                file.lock().map_err(io(&path))?;
            }
            Err(TryLockError::Error(e)) => return Err(io(&path)(e)),
        }
        Ok(OutputLock { _file: file })
    }
}

/// The staging (`.NAME.new-PID`) and set-aside (`.NAME.old-PID`) folders of builds that died
/// before finishing. Only folders carrying our marker whose process is gone are removed, so
/// neither a user's folder nor a live build's (an older quarterdeck takes no lock) is touched.
pub(super) fn remove_leftovers(parent: &Dir, name: &str) {
    let Ok(entries) = parent.entries() else {
        return;
    };
    let prefixes = [format!(".{name}.new-"), format!(".{name}.old-")];
    for (file_name, kind) in entries {
        let Some(pid) = prefixes
            .iter()
            .find_map(|p| file_name.strip_prefix(p.as_str()))
        else {
            continue;
        };
        let dead = pid.parse::<u32>().is_ok_and(|pid| !alive(pid));
        let marked = kind == Kind::Dir
            && parent
                .dir(&file_name)
                .is_ok_and(|d| d.kind(MARKER).ok().flatten() == Some(Kind::File));
        if dead && marked {
            let _ = parent.remove_all(&file_name);
        }
    }
}

/// Whether a process other than this one runs with this id. Without `/proc` every other id
/// counts as gone: the lock is held, so no build of this output can be writing.
fn alive(pid: u32) -> bool {
    pid != std::process::id() && Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[cfg(unix)]
    #[test]
    fn only_dead_builds_leftovers_are_removed() {
        let parent = std::env::temp_dir().join(format!("qd-leftovers-{}", std::process::id()));
        let _ = fs::remove_dir_all(&parent);
        // A process id that cannot be running (above Linux's pid_max).
        let dead = parent.join(".out.new-4194999");
        // This test's own parent process is alive.
        let live = parent.join(format!(".out.new-{}", std::os::unix::process::parent_id()));
        let foreign = parent.join(".out.old-4194998");
        for d in [&dead, &live, &foreign] {
            fs::create_dir_all(d).unwrap();
        }
        fs::write(dead.join(MARKER), "").unwrap();
        fs::write(live.join(MARKER), "").unwrap();
        remove_leftovers(&Dir::open(&parent).unwrap(), "out");
        assert!(!dead.exists(), "a dead build's staging folder is removed");
        assert!(live.exists(), "a live build's staging folder is kept");
        assert!(foreign.exists(), "a folder without the marker is kept");
        fs::remove_dir_all(&parent).unwrap();
    }

    #[test]
    fn a_second_lock_on_the_same_output_waits() {
        let parent = std::env::temp_dir().join(format!("qd-lock-{}", std::process::id()));
        fs::create_dir_all(&parent).unwrap();
        let held = OutputLock::take(&Dir::open(&parent).unwrap(), "out", Path::new("out")).unwrap();
        let other = File::options()
            .write(true)
            .open(parent.join(".out.lock"))
            .unwrap();
        assert!(matches!(other.try_lock(), Err(TryLockError::WouldBlock)));
        drop(held);
        assert!(other.try_lock().is_ok());
        fs::remove_dir_all(&parent).unwrap();
    }
}
