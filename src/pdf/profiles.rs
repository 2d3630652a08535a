//! The print browser's profile folders (its page cache, under the temporary folder) leave with
//! the build on every way out: a normal end or an error (`Browser::close` and `Drop`), a panic
//! (`Drop`, unwinding), and Ctrl-C, SIGTERM or SIGHUP while printing: a thread per signal kills
//! every running browser's process group, removes its profile, and then lets the signal end the
//! process as it would have. A build killed outright (SIGKILL) cannot clean up after itself: the
//! next build that prints removes the profiles whose process is gone.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once};

/// The profile folders' names: `quarterdeck-chrome-PID-N`.
pub(crate) const PREFIX: &str = "quarterdeck-chrome-";

/// Each running browser: its process group and its profile.
static LIVE: Mutex<Vec<(u32, PathBuf)>> = Mutex::new(Vec::new());

/// Set once a signal is being handled: the process is about to die of it.
static TERMINATING: AtomicBool = AtomicBool::new(false);

/// Called before a browser is closed or dropped: while a signal is being handled, the thread
/// that would close it (and then go on to end the build with an error of its own, since its
/// browser just died) waits instead, so the process dies of the signal, not of that error.
pub(crate) fn hold_if_terminating() {
    while TERMINATING.load(Ordering::SeqCst) {
        std::thread::park();
    }
}

fn live() -> std::sync::MutexGuard<'static, Vec<(u32, PathBuf)>> {
    LIVE.lock().unwrap_or_else(|p| p.into_inner())
}

/// Notes a started browser, so that a signal also ends it and removes its profile.
pub(crate) fn started(group: u32, profile: &Path) {
    install();
    live().push((group, profile.to_path_buf()));
}

/// Forgets a browser that `Browser::shut` ended.
pub(crate) fn ended(profile: &Path) {
    live().retain(|(_, p)| p != profile);
}

/// Kills the browser's process group, waits until every process of it has exited, and removes
/// its profile: the process dies of the signal next, and none of the browser's may outlive it.
fn end(group: u32, profile: &Path) {
    kill_group(group);
    reap_group(group);
    remove(profile);
}

/// Kills every process of the browser's group: the browser, its helpers, and a wrapper script
/// in front of it.
pub(crate) fn kill_group(group: u32) {
    #[cfg(unix)]
    if let Some(pid) = rustix::process::Pid::from_raw(group as i32) {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    #[cfg(not(unix))]
    let _ = group;
}

/// Waits for every process of the browser's group that is ours to wait for (Linux). A killed
/// process is not gone until it has run to its end, which takes a moment on a loaded machine;
/// the build adopts the orphans of its descendants (`adopt_orphans`), and a process is reaped
/// only after its own children have passed to us, so this returns once the whole group has
/// exited.
pub(crate) fn reap_group(group: u32) {
    #[cfg(target_os = "linux")]
    if let Some(group) = rustix::process::Pid::from_raw(group as i32) {
        loop {
            match rustix::process::waitpgid(group, rustix::process::WaitOptions::empty()) {
                Err(rustix::io::Errno::INTR) | Ok(Some(_)) => continue,
                // ECHILD: none left.
                _ => return,
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = group;
}

/// Makes this process the one that inherits its descendants' orphans (Linux), so that
/// [`reap_group`] can wait for every process of a browser's group, not only the one started.
pub(crate) fn adopt_orphans() {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_child_subreaper(Some(rustix::process::getpid()));
}

/// Removes a profile. A helper process still exiting may write into it while it is removed:
/// a few tries rather than a folder left behind.
pub(crate) fn remove(profile: &Path) {
    for _ in 0..10 {
        match std::fs::remove_dir_all(profile) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            _ => break,
        }
    }
}

#[cfg(unix)]
fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            let Ok((mut read, write)) = std::os::unix::net::UnixStream::pair() else {
                continue;
            };
            if signal_hook::low_level::pipe::register(signal, write).is_err() {
                continue;
            }
            std::thread::spawn(move || {
                use std::io::Read;
                let mut byte = [0u8];
                if read.read(&mut byte).is_ok() {
                    TERMINATING.store(true, Ordering::SeqCst);
                    let browsers = std::mem::take(&mut *live());
                    for (group, profile) in browsers {
                        end(group, &profile);
                    }
                    // Dies of the signal, as it would have without this handler.
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
        }
    });
}

#[cfg(not(unix))]
fn install() {}

/// Removes the profiles that builds killed outright left in `temp`: folders of this user named
/// for a process that is no longer running.
pub(crate) fn sweep(temp: &Path) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !running(pid) && ours(&entry.path()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(unix)]
fn running(pid: u32) -> bool {
    let Some(pid) = rustix::process::Pid::from_raw(pid as i32) else {
        return false;
    };
    // Not ours to signal (EPERM) is running all the same.
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

#[cfg(not(unix))]
fn running(_pid: u32) -> bool {
    true
}

/// A real folder (not a link to one) that this user owns.
#[cfg(unix)]
fn ours(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path)
        .is_ok_and(|m| m.is_dir() && m.uid() == rustix::process::geteuid().as_raw())
}

#[cfg(not(unix))]
fn ours(_path: &Path) -> bool {
    false
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_profiles_of_processes_that_are_gone_are_swept() {
        let temp = tempfile::tempdir().unwrap();
        // Above Linux's pid_max: no such process.
        let gone = temp.path().join(format!("{PREFIX}4194999-0"));
        let mine = temp
            .path()
            .join(format!("{PREFIX}{}-0", std::process::id()));
        let parent = temp
            .path()
            .join(format!("{PREFIX}{}-3", std::os::unix::process::parent_id()));
        let other = temp.path().join("quarterdeck-other-4194999-0");
        for d in [&gone, &mine, &parent, &other] {
            std::fs::create_dir_all(d.join("Default")).unwrap();
        }
        sweep(temp.path());
        assert!(!gone.exists());
        assert!(mine.exists() && parent.exists() && other.exists());
    }
}
