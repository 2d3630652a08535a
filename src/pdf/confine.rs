//! What the print browser may load: the built files and nothing else. Every request of every
//! tab is paused by the DevTools `Fetch` domain and answered here: a `file://` address inside
//! the output folder goes on, anything else (another file on the disk, `file:///etc/…` in a
//! template's `<img>` or `<iframe>`, any network address) fails as blocked by the client. The
//! host-name rules and the WebRTC policy on the command line (`browser::FLAGS`) keep the network
//! out too; this is the rule that also covers the disk.
//!
//! The answers are written by a thread of their own, never by the thread reading the pipe: that
//! one must keep reading while a tab's large command is being written.

use super::cdp::Conn;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex, Weak};

/// The paused requests on their way to be answered, and what was refused, per tab.
pub(crate) struct Gate {
    paused: Mutex<Sender<Value>>,
    blocked: Arc<Mutex<HashMap<String, Vec<String>>>>,
}

/// True when `url` may load while printing from `root` (the output folder, absolute, as the
/// pages' `file://` addresses spell it): a file below it, or an address that reaches neither the
/// disk nor the network (`data:`, `blob:`, `about:blank`).
pub(crate) fn allowed(url: &str, root: &str) -> bool {
    if url.starts_with("data:") || url.starts_with("blob:") || url == "about:blank" {
        return true;
    }
    let Some(path) = super::browser::url_path(url) else {
        return false;
    };
    // Chromium resolves `..` before it asks; one that comes back from `%2e%2e` or `%2f` in
    // the decoding is refused, not resolved.
    let prefix = format!("{}/", root.trim_end_matches('/'));
    path.starts_with(&prefix) && !path.split('/').any(|s| s == ".." || s == ".")
}

impl Gate {
    /// Starts the thread that answers `conn`'s paused requests for files under `root`.
    pub(crate) fn start(conn: Weak<Conn>, root: String) -> Gate {
        let (tx, rx) = channel::<Value>();
        let blocked: Arc<Mutex<HashMap<String, Vec<String>>>> = Arc::default();
        let noted = Arc::clone(&blocked);
        std::thread::spawn(move || {
            for event in rx {
                let Some(conn) = conn.upgrade() else { break };
                let params = &event["params"];
                let url = params["request"]["url"].as_str().unwrap_or_default();
                let session = event["sessionId"].as_str().unwrap_or_default();
                let id = params["requestId"].clone();
                let (method, answer) = if allowed(url, &root) {
                    ("Fetch.continueRequest", json!({"requestId": id}))
                } else {
                    let mut refused = noted.lock().unwrap_or_else(|p| p.into_inner());
                    refused
                        .entry(session.to_string())
                        .or_default()
                        .push(url.to_string());
                    (
                        "Fetch.failRequest",
                        json!({"requestId": id, "errorReason": "BlockedByClient"}),
                    )
                };
                // The browser gone, there is nobody left to answer.
                let _ = conn.send(Some(session), method, answer);
            }
        });
        Gate {
            paused: Mutex::new(tx),
            blocked,
        }
    }

    /// Hands a `Fetch.requestPaused` event to the answering thread.
    pub(crate) fn pass(&self, event: Value) {
        let tx = self.paused.lock().unwrap_or_else(|p| p.into_inner());
        let _ = tx.send(event);
    }

    /// The addresses refused for `session` since the last call, in the order they came.
    pub(crate) fn take_blocked(&self, session: &str) -> Vec<String> {
        let mut blocked = self.blocked.lock().unwrap_or_else(|p| p.into_inner());
        blocked.remove(session).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::allowed;

    #[test]
    fn only_files_of_the_output_load() {
        let root = "/tmp/site/out #1";
        for ok in [
            "file:///tmp/site/out%20%231/2026-q2/index.html",
            "file:///tmp/site/out%20%231/assets/style.css",
            "data:font/woff2;base64,AAAA",
            "about:blank",
        ] {
            assert!(allowed(ok, root), "{ok}");
        }
        for refused in [
            "file:///etc/passwd",
            "file:///tmp/site/secret.png",
            "file:///tmp/site/out%20%231/..%2f..%2fsecret.png",
            "file:///tmp/site/out%20%231/%2e%2e/secret.png",
            "file:///tmp/site/out%20%231-other/x.png",
            "file://host/tmp/site/out%20%231/x.png",
            "https://evil.example/x.png",
            "http://192.0.2.1/x",
            "ws://127.0.0.1:9/",
            "chrome://settings",
        ] {
            assert!(!allowed(refused, root), "{refused}");
        }
    }
}
