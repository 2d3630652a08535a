//! Just enough HTTP/1.1 for a local preview: read one request head, bounded in size and in
//! time, then write one response and close. No keep-alive, no request bodies, no chunking.
//!
//! Everything here must survive whatever a socket sends: garbage, huge headers, a client
//! that sends one byte a minute. Failures are values, never panics.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// A request head larger than this is refused (431): no browser sends one for a GET.
pub(super) const MAX_HEAD: usize = 16 * 1024;
/// A client gets this long, in total, to send its request head; a slow one loses its thread.
pub(super) const HEAD_DEADLINE: Duration = Duration::from_secs(10);

#[derive(Debug, PartialEq, Eq)]
pub(super) struct Request {
    pub method: String,
    /// The request target exactly as sent (`/2026-q3/?x=1`); decoding is `route`'s job.
    pub target: String,
    pub host: Option<String>,
}

#[derive(Debug)]
pub(super) enum ReadError {
    /// The head passed `MAX_HEAD` bytes: answer 431.
    TooLarge,
    /// Not an HTTP/1.x request head: answer 400.
    Malformed,
    /// The client went away or was too slow: close without answering.
    Gone,
}

/// Reads up to the blank line that ends the head. The caller sets the socket's read timeout,
/// which bounds each read; `HEAD_DEADLINE` bounds them all, so trickling bytes does not help.
pub(super) fn read_request(stream: &mut impl Read) -> Result<Request, ReadError> {
    let started = Instant::now();
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        if let Some(end) = head_end(&head) {
            return parse_head(&head[..end]);
        }
        if head.len() > MAX_HEAD {
            return Err(ReadError::TooLarge);
        }
        if started.elapsed() > HEAD_DEADLINE {
            return Err(ReadError::Gone);
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Err(ReadError::Gone),
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(ReadError::Gone),
        }
    }
}

/// Where the head ends; bare `\n\n` is accepted too, as most servers do.
fn head_end(buf: &[u8]) -> Option<usize> {
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = buf.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn parse_head(head: &[u8]) -> Result<Request, ReadError> {
    let text = std::str::from_utf8(head).map_err(|_| ReadError::Malformed)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().ok_or(ReadError::Malformed)?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Malformed);
    };
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    if !token(method) || target.is_empty() || !version.starts_with("HTTP/1.") {
        return Err(ReadError::Malformed);
    }
    let mut host = None;
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').ok_or(ReadError::Malformed)?;
        if !token(name) {
            return Err(ReadError::Malformed);
        }
        if name.eq_ignore_ascii_case("host") {
            host = Some(value.trim().to_string());
        }
    }
    Ok(Request {
        method: method.into(),
        target: target.into(),
        host,
    })
}

/// One complete response. Every response carries the same safety headers, so no code path
/// can forget them.
pub(super) struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub extra: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub(super) fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Self {
        Response {
            status,
            content_type,
            extra: Vec::new(),
            body,
        }
    }

    /// A short plain-text answer for errors that have no page of their own.
    pub(super) fn text(status: u16, message: &str) -> Self {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            format!("{status} {}: {message}\n", reason(status)).into_bytes(),
        )
    }

    pub(super) fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.extra.push((name, value.into()));
        self
    }

    /// Writes the response; `head_only` answers a HEAD request (same headers, no body).
    pub(super) fn write_to(&self, out: &mut impl Write, head_only: bool) -> io::Result<()> {
        let mut head = status_and_common_headers(self.status, self.content_type);
        head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        for (name, value) in &self.extra {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

/// The status line and the headers every answer has, up to but not including the blank line.
pub(super) fn status_and_common_headers(status: u16, content_type: &str) -> String {
    format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        reason(status)
    )
}

pub(super) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Request, ReadError> {
        read_request(&mut &bytes[..])
    }

    #[test]
    fn parses_a_browser_request() {
        let r = read(b"GET /2026-q3/?a=1 HTTP/1.1\r\nHost: 127.0.0.1:1111\r\nAccept: */*\r\n\r\n")
            .unwrap();
        assert_eq!(
            r,
            Request {
                method: "GET".into(),
                target: "/2026-q3/?a=1".into(),
                host: Some("127.0.0.1:1111".into())
            }
        );
    }

    #[test]
    fn refuses_garbage_and_huge_heads_without_panicking() {
        assert!(matches!(
            read(b"\x00\xff\xfe garbage\r\n\r\n"),
            Err(ReadError::Malformed)
        ));
        assert!(matches!(
            read(b"GET  / HTTP/1.1\r\n\r\n"),
            Err(ReadError::Malformed)
        ));
        assert!(matches!(
            read(b"GET / SPDY/3\r\n\r\n"),
            Err(ReadError::Malformed)
        ));
        assert!(matches!(
            read(b"GET / HTTP/1.1\r\nno colon here\r\n\r\n"),
            Err(ReadError::Malformed)
        ));
        assert!(matches!(
            read(b"GET / HTTP/1.1\r\nHost: x"),
            Err(ReadError::Gone)
        ));
        let mut huge = b"GET / HTTP/1.1\r\nX-A: ".to_vec();
        huge.extend(std::iter::repeat_n(b'a', MAX_HEAD * 2));
        assert!(matches!(read(&huge), Err(ReadError::TooLarge)));
    }

    #[test]
    fn head_responses_have_headers_but_no_body() {
        let mut out = Vec::new();
        Response::text(404, "nothing here")
            .write_to(&mut out, true)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"));
        assert!(text.contains("Content-Length: 28\r\n"), "{text}");
        assert!(text.contains("Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"));
        assert!(text.ends_with("\r\n\r\n"));
    }
}
