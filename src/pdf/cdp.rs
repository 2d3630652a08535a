//! A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe`: messages are JSON
//! objects ended by a NUL byte, Chromium reads fd 3 and writes fd 4. No port is ever opened.

use super::confine::Gate;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

mod tab;

pub(crate) use tab::{Printed, Tab};

type Reply = Result<Value, String>;

/// The shared end of the pipe: one writer, one reader thread that routes replies by id and
/// events by session.
pub(crate) struct Conn {
    writer: Mutex<Box<dyn Write + Send>>,
    next_id: AtomicU64,
    pending: Mutex<HashMap<u64, Sender<Reply>>>,
    sessions: Mutex<HashMap<String, Sender<Value>>>,
    closed: std::sync::atomic::AtomicBool,
    /// Answers every tab's paused requests: only the output's files load (`confine`).
    gate: OnceLock<Gate>,
}

/// What the reader thread saw last, for error messages after the browser went away.
const CLOSED: &str = "the browser closed the DevTools pipe";

impl Conn {
    pub(crate) fn new(
        reader: impl std::io::Read + Send + 'static,
        writer: impl Write + Send + 'static,
    ) -> Arc<Conn> {
        let conn = Arc::new(Conn {
            writer: Mutex::new(Box::new(writer)),
            next_id: AtomicU64::new(1),
            pending: Mutex::new(HashMap::new()),
            sessions: Mutex::new(HashMap::new()),
            closed: std::sync::atomic::AtomicBool::new(false),
            gate: OnceLock::new(),
        });
        let routed = Arc::clone(&conn);
        std::thread::spawn(move || routed.read_loop(reader));
        conn
    }

    fn read_loop(&self, reader: impl std::io::Read) {
        let mut reader = BufReader::new(reader);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match reader.read_until(0, &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            if buf.last() == Some(&0) {
                buf.pop();
            }
            let Ok(msg) = serde_json::from_slice::<Value>(&buf) else {
                continue;
            };
            if let Some(id) = msg.get("id").and_then(Value::as_u64) {
                let reply = match msg.get("error") {
                    Some(e) => Err(e
                        .get("message")
                        .and_then(Value::as_str)
                        .unwrap_or("unknown DevTools error")
                        .to_string()),
                    None => Ok(msg.get("result").cloned().unwrap_or(Value::Null)),
                };
                if let Some(tx) = lock(&self.pending).remove(&id) {
                    let _ = tx.send(reply);
                }
            } else if msg["method"] == "Fetch.requestPaused" {
                // Answered by the gate's own thread, so this one keeps reading.
                if let Some(gate) = self.gate.get() {
                    gate.pass(msg);
                }
            } else if let Some(session) = msg.get("sessionId").and_then(Value::as_str) {
                if let Some(tx) = lock(&self.sessions).get(session) {
                    let _ = tx.send(msg);
                }
            }
        }
        // Dropping the senders wakes every waiter with a disconnect.
        self.closed.store(true, Ordering::SeqCst);
        lock(&self.pending).clear();
        lock(&self.sessions).clear();
    }

    /// From now on, tabs may load only files under `root` (the output folder, absolute);
    /// a tab cannot be opened before this is set.
    pub(crate) fn confine(self: &Arc<Self>, root: &str) {
        self.gate
            .get_or_init(|| Gate::start(Arc::downgrade(self), root.to_string()));
    }

    /// Sends one command without waiting for its reply (which the reader drops).
    pub(crate) fn send(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<(), String> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.write(id, session, method, params)
    }

    /// Writes command `id` to the pipe: its JSON and the NUL that ends a message.
    fn write(
        &self,
        id: u64,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<(), String> {
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).map_err(|e| e.to_string())?;
        bytes.push(0);
        let mut w = lock(&self.writer);
        w.write_all(&bytes)
            .and_then(|()| w.flush())
            .map_err(|_| CLOSED.to_string())
    }

    /// Sends one command and waits for its reply.
    pub(crate) fn call(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Reply {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = channel();
        lock(&self.pending).insert(id, tx);
        if self.closed.load(Ordering::SeqCst) {
            lock(&self.pending).remove(&id);
            return Err(CLOSED.to_string());
        }
        self.write(id, session, method, params)?;
        match rx.recv_timeout(timeout) {
            Ok(reply) => reply.map_err(|e| format!("{method}: {e}")),
            Err(RecvTimeoutError::Timeout) => {
                lock(&self.pending).remove(&id);
                Err(format!("{method} timed out after {} s", timeout.as_secs()))
            }
            Err(RecvTimeoutError::Disconnected) => Err(CLOSED.to_string()),
        }
    }

    fn subscribe(&self, session: &str) -> Receiver<Value> {
        let (tx, rx) = channel();
        lock(&self.sessions).insert(session.to_string(), tx);
        rx
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake browser on the other end of two in-memory pipes answers by id, out of order.
    #[test]
    fn replies_are_routed_by_id_and_a_closed_pipe_is_an_error() {
        let (to_browser_r, to_browser_w) = std::io::pipe().unwrap();
        let (from_browser_r, mut from_browser_w) = std::io::pipe().unwrap();
        let conn = Conn::new(from_browser_r, to_browser_w);
        let fake = std::thread::spawn(move || {
            let mut r = BufReader::new(to_browser_r);
            let mut msgs = Vec::new();
            for _ in 0..2 {
                let mut buf = Vec::new();
                r.read_until(0, &mut buf).unwrap();
                buf.pop();
                msgs.push(serde_json::from_slice::<Value>(&buf).unwrap());
            }
            for m in msgs.iter().rev() {
                let reply = json!({"id": m["id"], "result": {"echo": m["method"]}});
                let mut bytes = serde_json::to_vec(&reply).unwrap();
                bytes.push(0);
                from_browser_w.write_all(&bytes).unwrap();
            }
        });
        let c2 = Arc::clone(&conn);
        let other =
            std::thread::spawn(move || c2.call(None, "B.two", json!({}), Duration::from_secs(5)));
        let one = conn.call(None, "A.one", json!({}), Duration::from_secs(5));
        assert_eq!(one.unwrap()["echo"], "A.one");
        assert_eq!(other.join().unwrap().unwrap()["echo"], "B.two");
        fake.join().unwrap();
        let after = conn.call(None, "C.three", json!({}), Duration::from_secs(5));
        assert_eq!(after.unwrap_err(), CLOSED);
    }
}
