//! `quarterdeck serve`: the build pipeline written to memory instead of `output/`, served on
//! 127.0.0.1, rebuilt when the sources change, with open pages reloaded over server-sent events.
//!
//! Threads: the main thread polls the sources and rebuilds; one thread accepts connections;
//! each connection gets a short-lived thread of its own (an event stream lives as long as its
//! tab). They share `state::State`, which always holds the last site that built.

mod conn;
mod http;
mod inject;
mod rebuild;
mod route;
mod state;
mod watch;

use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) struct Options {
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
    /// Colour the diagnostics printed to the terminal.
    pub color: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0} is not a quarterdeck site: it has no quarterdeck.toml")]
    NotASite(String),
    #[error("cannot listen on 127.0.0.1:{port}: the port is in use")]
    PortInUse { port: u16 },
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Listen { port: u16, source: io::Error },
    #[error("cannot install the Ctrl-C handler: {0}")]
    Signals(io::Error),
}

impl ServeError {
    /// What the user can do about it, for the command to show under the message. (Where to
    /// find a site is the command line's to say, as for every command.)
    pub fn hint(&self) -> Option<String> {
        match self {
            ServeError::PortInUse { .. } => {
                Some("stop the other server, pass --port N, or --port 0 to pick a free port".into())
            }
            _ => None,
        }
    }
}

/// How often the main loop wakes: bounds how late a Ctrl-C or a settled edit is noticed.
const TICK: Duration = Duration::from_millis(50);
/// Beyond this many connections being answered new ones are dropped: it keeps a runaway client
/// from exhausting threads. An event stream (one per open tab, held as long as the tab) gives
/// its slot back once it is one and counts against `state::MAX_EVENT_STREAMS` instead, so tabs
/// held open, however many, never lock out the requests for pages.
const MAX_CONNECTIONS: usize = 128;

/// Serves until Ctrl-C or SIGTERM; `Ok` means a clean stop.
pub(crate) fn run(root: &Path, options: &Options) -> Result<(), ServeError> {
    if !root.join(crate::config::FILE_NAME).is_file() {
        return Err(ServeError::NotASite(root.display().to_string()));
    }
    let stop = install_signal_flag().map_err(ServeError::Signals)?;
    // Listen first: a taken port fails at once, not after a build.
    let (listener, addr) = listen(options.port)?;
    // Watching starts before the first build, so an edit saved during it is not missed.
    let mut watcher = watch::Watcher::new(root);
    let state = Arc::new(state::State::new());
    let first = rebuild::build(root, options.drafts, options.color);
    report(&first, None);
    let organization = first
        .organization
        .clone()
        .unwrap_or_else(|| "the site".into());
    state.publish(first.files, first.overlay);
    let url = format!("http://{addr}/");
    eprintln!("serving {organization} on {url} (127.0.0.1 only; Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }
    let acceptor = {
        let state = Arc::clone(&state);
        std::thread::spawn(move || accept_loop(&listener, &state))
    };

    while !stop.load(Ordering::SeqCst) {
        std::thread::sleep(TICK);
        if let Some(changed) = watcher.tick(Instant::now()) {
            let attempt = rebuild::build(root, options.drafts, options.color);
            report(&attempt, Some(&changed));
            state.publish(attempt.files, attempt.overlay);
        }
    }

    state.stop();
    wake(addr);
    let _ = acceptor.join();
    eprintln!("stopped");
    Ok(())
}

fn listen(port: u16) -> Result<(TcpListener, SocketAddr), ServeError> {
    let error = |e: io::Error| match e.kind() {
        io::ErrorKind::AddrInUse => ServeError::PortInUse { port },
        _ => ServeError::Listen { port, source: e },
    };
    // Loopback only: a board pack in preparation is not for the rest of the network.
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(error)?;
    let addr = listener.local_addr().map_err(error)?;
    Ok((listener, addr))
}

/// Ctrl-C and SIGTERM set a flag the main loop reads; a second one, while the first is being
/// handled, exits at once, so a stuck stop can still be interrupted.
fn install_signal_flag() -> io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let stop = Arc::new(AtomicBool::new(false));
    // The forced exit uses the shell's code for death by that signal (128 + its number).
    for (signal, code) in [(SIGINT, 130), (SIGTERM, 143)] {
        signal_hook::flag::register_conditional_shutdown(signal, code, Arc::clone(&stop))?;
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    Ok(stop)
}

fn accept_loop(listener: &TcpListener, state: &Arc<state::State>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        if state.is_stopping() {
            return;
        }
        let Ok(stream) = stream else {
            // Out of file descriptors, say: back off instead of spinning.
            std::thread::sleep(TICK);
            continue;
        };
        let state = Arc::clone(state);
        let job = move |slot: Slot| conn::handle(stream, &state, slot);
        let spawn = |job: Job| {
            std::thread::Builder::new()
                .name("quarterdeck-conn".into())
                .spawn(job)
                .map(drop)
        };
        if start_connection(&open, job, spawn) == Started::Failed {
            // Out of threads for now: back off instead of spinning.
            std::thread::sleep(TICK);
        }
    }
}

type Job = Box<dyn FnOnce() + Send + 'static>;

#[derive(Debug, PartialEq, Eq)]
enum Started {
    Yes,
    /// All `MAX_CONNECTIONS` slots are taken; the connection is dropped.
    Full,
    /// The thread could not be created; the connection is dropped.
    Failed,
}

/// Runs `job` (one connection) through `spawn` when one of the `MAX_CONNECTIONS` slots is free.
/// The slot travels with the job and is given back when the job is dropped: after it ran, if
/// it panicked, and when `spawn` failed and the job never ran — so failures cannot use up the
/// slots and leave the server refusing every connection for good.
fn start_connection(
    open: &Arc<AtomicUsize>,
    job: impl FnOnce(Slot) + Send + 'static,
    spawn: impl FnOnce(Job) -> io::Result<()>,
) -> Started {
    if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
        open.fetch_sub(1, Ordering::SeqCst);
        return Started::Full;
    }
    let slot = Slot(Arc::clone(open));
    let job: Job = Box::new(move || job(slot));
    match spawn(job) {
        Ok(()) => Started::Yes,
        Err(_) => Started::Failed,
    }
}

/// One taken connection slot, given back on drop (by the connection, when it turns out to be an
/// event stream; else when it ends).
pub(crate) struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// `accept` blocks; a connection of our own lets the acceptor see that it should stop.
fn wake(addr: SocketAddr) {
    let _ = TcpStream::connect_timeout(&addr, Duration::from_secs(1));
}

/// One line per build, after the diagnostics (so the errors are above the verdict).
fn report(attempt: &rebuild::Attempt, changed: Option<&[String]>) {
    eprint!("{}", attempt.terminal);
    let ms = attempt.took.as_millis();
    let why = changed
        .map(|c| format!(" ({})", describe(c)))
        .unwrap_or_default();
    let (ok, failed) = if changed.is_some() {
        ("rebuilt", "rebuild failed")
    } else {
        ("built", "build failed")
    };
    if attempt.files.is_some() {
        eprintln!("{ok} in {ms} ms{why}: {}", attempt.summary);
    } else {
        let then = if changed.is_some() {
            "still serving the last good build"
        } else {
            "pages show the errors until they are fixed"
        };
        eprintln!("{failed} in {ms} ms{why}: {}; {then}", attempt.summary);
    }
}

fn describe(changed: &[String]) -> String {
    match changed {
        // A file name is the repository's: shown escaped, on this one line.
        [one] => crate::diag::neutral::escape(one).into_owned(),
        many => format!("{} files changed", many.len()),
    }
}

/// Best effort: a machine without a browser still serves.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let child = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Ok(mut child) = child {
        // Reap it so it does not linger as a zombie.
        std::thread::spawn(move || child.wait());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_thread_spawns_give_their_connection_slot_back() {
        let open = Arc::new(AtomicUsize::new(0));
        let fail = |_job: Job| Err(io::Error::other("no threads"));
        for _ in 0..MAX_CONNECTIONS * 2 {
            assert_eq!(start_connection(&open, |_| {}, fail), Started::Failed);
        }
        assert_eq!(open.load(Ordering::SeqCst), 0);
        // After all those failures a connection still starts, and its slot comes back.
        let ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&ran);
        let run_now = |job: Job| {
            job();
            Ok(())
        };
        let started = start_connection(&open, move |_| flag.store(true, Ordering::SeqCst), run_now);
        assert_eq!(started, Started::Yes);
        assert!(ran.load(Ordering::SeqCst));
        assert_eq!(open.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn connections_past_the_limit_are_refused_until_one_ends() {
        let open = Arc::new(AtomicUsize::new(0));
        let mut held = Vec::new();
        for _ in 0..MAX_CONNECTIONS {
            let keep = |job: Job| {
                held.push(job);
                Ok(())
            };
            assert_eq!(start_connection(&open, |_| {}, keep), Started::Yes);
        }
        let never = |_job: Job| -> io::Result<()> { panic!("no slot should be free") };
        assert_eq!(start_connection(&open, |_| {}, never), Started::Full);
        if let Some(job) = held.pop() {
            job();
        }
        let run_now = |job: Job| {
            job();
            Ok(())
        };
        assert_eq!(start_connection(&open, |_| {}, run_now), Started::Yes);
        assert_eq!(open.load(Ordering::SeqCst), MAX_CONNECTIONS - 1);
    }
}
