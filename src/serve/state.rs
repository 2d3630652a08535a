//! What the connection threads share: the last good site, the overlay of the latest failed
//! build, and the version that tells open pages whether to reload.

use crate::render::Files;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// One consistent view, cheap to clone: a response is built from a single snapshot even if a
/// rebuild lands while it is being written.
#[derive(Clone)]
pub(super) struct Current {
    /// `<run id>-<build number>`: the run id changes on every start of the server, so a page
    /// left open across a restart reloads.
    pub version: String,
    /// The last site that built; empty until one has.
    pub files: Arc<Files>,
    pub overlay: Option<Arc<str>>,
}

/// How many event streams (open tabs waiting for a reload) may be held at once; more are
/// answered 503. A person has a few tabs open; a client holding hundreds is not one.
pub(super) const MAX_EVENT_STREAMS: usize = 64;

pub(super) struct State {
    current: Mutex<(u64, Current)>,
    changed: Condvar,
    stopping: AtomicBool,
    run_id: String,
    event_streams: AtomicUsize,
}

/// One held event stream, counted until dropped.
pub(super) struct EventStream<'a>(&'a AtomicUsize);

impl Drop for EventStream<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

pub(super) enum Wait {
    Changed(String),
    TimedOut,
    Stopping,
}

impl State {
    pub(super) fn new() -> Self {
        // Not for output, only to tell runs apart: the clock is as good as anything here.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let run_id = format!("{:x}{:x}", std::process::id(), nanos);
        let current = Current {
            version: format!("{run_id}-0"),
            files: Arc::new(Files::new()),
            overlay: None,
        };
        State {
            current: Mutex::new((0, current)),
            changed: Condvar::new(),
            stopping: AtomicBool::new(false),
            run_id,
            event_streams: AtomicUsize::new(0),
        }
    }

    /// A place for one more event stream, unless `MAX_EVENT_STREAMS` are held.
    pub(super) fn event_stream(&self) -> Option<EventStream<'_>> {
        if self.event_streams.fetch_add(1, Ordering::SeqCst) >= MAX_EVENT_STREAMS {
            self.event_streams.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(EventStream(&self.event_streams))
    }

    // A panic in one connection thread must not take the server down with a poisoned lock.
    fn lock(&self) -> MutexGuard<'_, (u64, Current)> {
        self.current.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn snapshot(&self) -> Current {
        self.lock().1.clone()
    }

    /// Publishes a build: a new site (or `None` to keep the last good one) and the overlay.
    /// Returns false, and leaves open pages alone, when nothing they show would change.
    pub(super) fn publish(&self, files: Option<Files>, overlay: Option<String>) -> bool {
        let mut guard = self.lock();
        let (number, current) = &mut *guard;
        let files_changed = files.as_ref().is_some_and(|f| *f != *current.files);
        let overlay_changed = overlay.as_deref() != current.overlay.as_deref();
        if !files_changed && !overlay_changed {
            return false;
        }
        if let Some(files) = files.filter(|_| files_changed) {
            current.files = Arc::new(files);
        }
        current.overlay = overlay.map(Arc::from);
        *number += 1;
        current.version = format!("{}-{number}", self.run_id);
        self.changed.notify_all();
        true
    }

    /// Blocks until the version differs from `seen`, the timeout passes, or the server stops.
    pub(super) fn wait_for_change(&self, seen: &str, timeout: Duration) -> Wait {
        let guard = self.lock();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |(_, c)| {
                c.version == seen && !self.stopping.load(Ordering::SeqCst)
            })
            .unwrap_or_else(|e| e.into_inner());
        if self.stopping.load(Ordering::SeqCst) {
            Wait::Stopping
        } else if guard.1.version != seen {
            Wait::Changed(guard.1.version.clone())
        } else {
            Wait::TimedOut
        }
    }

    pub(super) fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _guard = self.lock();
        self.changed.notify_all();
    }

    pub(super) fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }
}
