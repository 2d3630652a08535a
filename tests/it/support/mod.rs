//! The one builder of test sites: fixture sites in temporary folders and the binary run on
//! them; sites held in memory and checked in this process (`memory`); what a check found
//! (`found`).

mod found;
mod memory;
mod parity;

pub use found::{error, warning, Found};
pub use memory::{risk_of, Files, MemorySite, PLAYBOOK};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_quarterdeck");

/// The binary as every test runs it: with the user's cache folder (`XDG_CACHE_HOME`, where
/// `build` keeps the trials of money at risk and the PDF cache's key) inside the build's own
/// folder for tests, so that no test reads or writes the real `~/.cache`. A test that needs a
/// cache of its own sets `XDG_CACHE_HOME` again.
pub fn bin() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env(
        "XDG_CACHE_HOME",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("xdg-cache"),
    );
    cmd
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A temporary copy of a fixture site (private to this user, at an unpredictable name),
/// removed when dropped.
pub struct Site {
    pub root: PathBuf,
    /// `None` for a view of a folder another `Site` owns.
    _dir: Option<TempDir>,
}

/// A fresh, empty, private temporary folder, removed when dropped.
pub fn temp_dir() -> TempDir {
    tempfile::Builder::new()
        .prefix("quarterdeck-it-")
        .tempdir()
        .unwrap()
}

impl Site {
    pub fn copy_of(name: &str) -> Site {
        let dir = temp_dir();
        let root = dir.path().join("site");
        copy_dir(&fixture(name), &root);
        Site {
            root,
            _dir: Some(dir),
        }
    }

    /// A temporary copy of the repository's example site (`quarterdeck.toml` and `content/`).
    pub fn example() -> Site {
        let dir = temp_dir();
        let root = dir.path().join("site");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("content"), &root.join("content"));
        std::fs::copy(repo.join("quarterdeck.toml"), root.join("quarterdeck.toml")).unwrap();
        Site {
            root,
            _dir: Some(dir),
        }
    }

    /// A site in a folder that something else owns and removes (e.g. inside another `Site`).
    pub fn inside(root: PathBuf) -> Site {
        Site { root, _dir: None }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Replaces `from` with `to` in a file; panics if `from` is absent so a test cannot
    /// silently stop testing what it says.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1))
    }

    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.path(rel)).unwrap();
        self
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_in(&self.root, args)
    }

    /// The binary, to run in `dir` (the site or a folder in it) with Git kept from looking
    /// above the site for a repository and from reading user or system configuration.
    pub fn in_repo(&self, dir: &Path) -> Command {
        let mut cmd = bin();
        cmd.current_dir(dir)
            .env("NO_COLOR", "1")
            .env("GIT_CEILING_DIRECTORIES", self.root.parent().unwrap())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null");
        cmd
    }

    /// Runs git in the site (see [`git`]).
    pub fn git(&self, args: &[&str]) {
        git(&self.root, args)
    }
}

/// Runs the binary in `dir` (e.g. a subfolder of a site).
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    bin()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
        .into()
}

/// Runs git in `dir` with a fixed identity and no user or system configuration; panics when
/// it fails.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Quarterdeck Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every file under `dir`, at any depth, in path order.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let mut out = Vec::new();
    for p in entries {
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The diagnostics of a `check --format json` run; panics, showing the output, when it is
    /// not a JSON array.
    pub fn diagnostics(&self) -> Vec<serde_json::Value> {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }

    /// The codes of `diagnostics()`, in order.
    pub fn codes(&self) -> Vec<String> {
        let diags = self.diagnostics();
        diags
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into(),
            stderr: String::from_utf8_lossy(&o.stderr).into(),
        }
    }
}

/// What a child process writes to one pipe, collected by a thread as it arrives. Tests wait on
/// it for a line to appear (or the pipe to end) instead of polling with sleeps, so they are as
/// fast as the process and as patient as `limit` on a loaded machine.
pub struct Log {
    state: std::sync::Mutex<(String, bool)>,
    grew: std::sync::Condvar,
}

impl Log {
    /// Follows `pipe` until it ends (the process exited, or closed it).
    pub fn follow(pipe: impl std::io::Read + Send + 'static) -> std::sync::Arc<Log> {
        use std::io::BufRead;
        let log = std::sync::Arc::new(Log {
            state: std::sync::Mutex::new((String::new(), false)),
            grew: std::sync::Condvar::new(),
        });
        let sink = std::sync::Arc::clone(&log);
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
                sink.state.lock().unwrap().0.push_str(&(line + "\n"));
                sink.grew.notify_all();
            }
            sink.state.lock().unwrap().1 = true;
            sink.grew.notify_all();
        });
        log
    }

    pub fn text(&self) -> String {
        self.state.lock().unwrap().0.clone()
    }

    /// Blocks until `done(text, ended)` holds, or `limit` passes; returns whether it held.
    pub fn wait(&self, limit: std::time::Duration, done: impl Fn(&str, bool) -> bool) -> bool {
        let guard = self.state.lock().unwrap();
        let (guard, _) = self
            .grew
            .wait_timeout_while(guard, limit, |(text, ended)| !done(text, *ended))
            .unwrap();
        done(&guard.0, guard.1)
    }
}

/// Waits for `child` to exit; past `limit` it is killed and the test fails, so a hang is a
/// failure, not a stuck suite. No polling: a thread waits, the caller waits on a channel.
pub fn wait_or_kill(
    child: std::process::Child,
    limit: std::time::Duration,
) -> std::process::ExitStatus {
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    let mut child = child;
    std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    match rx.recv_timeout(limit) {
        Ok(status) => status.unwrap(),
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("process {pid} did not exit within {limit:?}");
        }
    }
}
