//! One connection: read the request, answer it from one snapshot of the site, close.

use super::http::{self, ReadError, Response};
use super::inject;
use super::route::{self, BadPath, Resolved};
use super::state::{Current, State, Wait};
use super::Slot;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Bounds each read of the request head (and `http::HEAD_DEADLINE` bounds all of them).
const READ_TIMEOUT: Duration = Duration::from_secs(5);
/// A client that stops reading loses its thread rather than holding it forever.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// An idle event stream sends a comment this often, which is how a closed tab is noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);

pub(super) fn handle(mut stream: TcpStream, state: &State, slot: Slot) {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let req = match http::read_request(&mut stream) {
        Ok(r) => r,
        Err(ReadError::TooLarge) => {
            return refuse(
                stream,
                Response::text(431, "the request head is larger than 16 KiB"),
            )
        }
        Err(ReadError::Malformed) => {
            return refuse(stream, Response::text(400, "not an HTTP/1.1 request"))
        }
        Err(ReadError::Gone) => return,
    };
    let head_only = req.method == "HEAD";
    if !matches!(req.method.as_str(), "GET" | "HEAD") {
        return send(
            &mut stream,
            Response::text(405, "only GET and HEAD").header("Allow", "GET, HEAD"),
            false,
        );
    }
    if !local_host(req.host.as_deref()) {
        let r = Response::text(
            403,
            "quarterdeck serve answers only to 127.0.0.1 and localhost",
        );
        return send(&mut stream, r, head_only);
    }
    let (path, raw, query) = match route::decode(&req.target) {
        Ok(p) => p,
        Err(BadPath(why)) => return send(&mut stream, Response::text(400, why), head_only),
    };
    if path == route::EVENTS {
        let Some(_stream) = state.event_stream() else {
            let r = Response::text(503, "too many open pages are waiting for reloads")
                .header("Retry-After", "15");
            return send(&mut stream, r, head_only);
        };
        // Held as long as its tab: it counts against the event streams' own limit, and its
        // connection slot goes back to the requests for pages.
        drop(slot);
        return events(&mut stream, state, head_only);
    }
    let response = answer(&path, raw, query, &state.snapshot());
    send(&mut stream, response, head_only);
}

fn send(stream: &mut TcpStream, response: Response, head_only: bool) {
    // The client may be gone already; there is nobody left to tell.
    let _ = response.write_to(stream, head_only);
}

/// Answers a request that was not read to its end. Closing a socket with unread input makes
/// the kernel send a reset, which can destroy the answer before the client reads it; so stop
/// writing, then read and discard what is still coming, a bounded amount for a bounded time.
fn refuse(mut stream: TcpStream, response: Response) {
    send(&mut stream, response, false);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(250)));
    let deadline = std::time::Instant::now() + Duration::from_secs(1);
    let mut buf = [0u8; 8192];
    while std::time::Instant::now() < deadline && matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
}

/// A page of another site that resolves its own name to 127.0.0.1 (DNS rebinding) must not
/// read the board pack: its requests carry its own host name, so only local names pass.
/// The port is not checked, so an SSH tunnel on another port still works.
fn local_host(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !name.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|ok| name.eq_ignore_ascii_case(ok))
}

fn answer(path: &str, raw: &str, query: Option<&str>, current: &Current) -> Response {
    let html = route::content_type("x.html");
    let page = |bytes: &[u8]| {
        inject::inject(
            bytes,
            &current.version,
            current.overlay.as_deref(),
            !current.files.is_empty(),
        )
    };
    if current.files.is_empty() {
        return Response::new(503, html, page(&inject::no_build_page()));
    }
    match route::resolve(path, raw, query, &current.files) {
        Resolved::File(key) => {
            let bytes = &current.files[&key];
            let body = if key.ends_with(".html") {
                page(bytes)
            } else {
                bytes.clone()
            };
            Response::new(200, route::content_type(&key), body)
        }
        Resolved::Redirect(location) => Response::text(
            301,
            "the folder's page is at its path with a trailing slash",
        )
        .header("Location", location),
        Resolved::NotFound => match current.files.get("404.html") {
            Some(bytes) => Response::new(404, html, page(bytes)),
            None => Response::text(404, "no such page"),
        },
    }
}

/// Server-sent events: the current version at once, then every new one. The page compares
/// it with the version it was served at (see `inject`).
fn events(stream: &mut TcpStream, state: &State, head_only: bool) {
    let mut head = http::status_and_common_headers(200, "text/event-stream");
    head.push_str("\r\n");
    if stream.write_all(head.as_bytes()).is_err() || head_only {
        return;
    }
    let mut seen = state.snapshot().version;
    let mut message = format!("retry: 1000\ndata: {seen}\n\n");
    loop {
        if stream
            .write_all(message.as_bytes())
            .and_then(|_| stream.flush())
            .is_err()
        {
            return;
        }
        message = match state.wait_for_change(&seen, KEEPALIVE) {
            Wait::Changed(version) => {
                let m = format!("data: {version}\n\n");
                seen = version;
                m
            }
            Wait::TimedOut => ": keep-alive\n\n".into(),
            Wait::Stopping => return,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_host_names() {
        for ok in [
            None,
            Some("127.0.0.1:1111"),
            Some("localhost"),
            Some("LOCALHOST:8080"),
            Some("[::1]:1111"),
        ] {
            assert!(local_host(ok), "{ok:?}");
        }
        for bad in [
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "",
            "localhost.:1111",
        ] {
            assert!(!local_host(Some(bad)), "{bad}");
        }
    }
}
