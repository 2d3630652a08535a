//! `quarterdeck serve`: the real binary on a real socket, driven by a tiny HTTP client.
//!
//! Every server runs inside a `Server` guard that kills it on drop, so a failing assertion
//! never leaves a process behind. Nothing here sleeps or polls: a test waits for what the
//! server says (a line on stderr, an event on its reload stream, its exit), each wait bounded
//! by `WAIT`, so a loaded machine makes the suite slower, never red.

use crate::support::{wait_or_kill, Log, Site};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Long enough for a debug build on a busy two-core machine; a healthy rebuild takes well under 1 s.
const WAIT: Duration = Duration::from_secs(60);
const QUARTER: &str = "content/quarters/2026-Q2/quarter.yaml";
const HEADLINE: &str = "headline: Ransomware exposure down; third-party risk up";

struct Server {
    child: Child,
    /// `127.0.0.1:PORT`, from the line the server prints.
    addr: String,
    stderr: Arc<Log>,
}

impl Server {
    fn start(site: &Site) -> Server {
        let mut child = crate::support::bin()
            .args(["serve", "--port", "0"])
            .current_dir(&site.root)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Log::follow(child.stderr.take().unwrap());
        let mut server = Server {
            child,
            addr: String::new(),
            stderr,
        };
        server.wait_for_log("on http://");
        let text = server.stderr();
        let rest = text.split("on http://").nth(1).unwrap();
        server.addr = rest.split('/').next().unwrap().to_string();
        server
    }

    fn stderr(&self) -> String {
        self.stderr.text()
    }

    /// Blocks until the server has written `needle` to stderr. The server reports a build
    /// before it publishes it, so once a page shows a rebuild its line is in the pipe; this
    /// waits for the thread that reads the pipe to have seen it.
    fn wait_for_log(&self, needle: &str) {
        let seen = self
            .stderr
            .wait(WAIT, |text, ended| text.contains(needle) || ended);
        assert!(
            seen && self.stderr().contains(needle),
            "no {needle:?} on stderr:\n{}",
            self.stderr()
        );
    }

    fn get(&self, path: &str) -> Reply {
        self.raw(
            format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.addr
            )
            .as_bytes(),
        )
    }

    /// Sends bytes as they are (no client-side normalisation of `..`) and reads to the close.
    fn raw(&self, request: &[u8]) -> Reply {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        s.set_write_timeout(Some(WAIT)).unwrap();
        // The server may answer (431) and close before it has read everything we send.
        let _ = s.write_all(request);
        let mut bytes = Vec::new();
        let _ = s.read_to_end(&mut bytes);
        Reply::parse(&bytes)
    }

    /// The reload stream open pages listen to: it sends the current version at once, then
    /// each new one.
    fn events(&self) -> Events {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        write!(
            s,
            "GET /__quarterdeck/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        Events(BufReader::new(s))
    }

    /// Fetches `path` now and again after every build the server announces, until `done`
    /// holds; panics with the last reply and the log after `WAIT`. An edit may take more than
    /// one build to land (an editor's save seen half-way), so one announcement is not enough.
    fn wait_for(&self, path: &str, what: &str, done: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + WAIT;
        let mut events = self.events();
        loop {
            // The first version arrives at once; each later one means a build landed.
            let version = events.next_version(deadline);
            let reply = self.get(path);
            if done(&reply) {
                return reply;
            }
            assert!(
                version.is_some(),
                "{path}: {what} never happened; last body:\n{}\nlog:\n{}",
                reply.body,
                self.stderr()
            );
        }
    }

    /// SIGTERM through the `kill` command (no libc in the tests), then the exit code.
    fn terminate(&mut self) -> Option<i32> {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        // Its stderr ends when it exits.
        let ended = self.stderr.wait(WAIT, |_, ended| ended);
        assert!(
            ended,
            "the server did not stop within {WAIT:?}:\n{}",
            self.stderr()
        );
        self.child.wait().unwrap().code()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events(BufReader<TcpStream>);

impl Events {
    /// The next version announced, or `None` when `deadline` passes or the stream ends.
    fn next_version(&mut self, deadline: Instant) -> Option<String> {
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            self.0
                .get_ref()
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .unwrap();
            let mut line = String::new();
            match self.0.read_line(&mut line) {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
            if let Some(v) = line.strip_prefix("data: ") {
                return Some(v.trim().to_string());
            }
        }
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn parse(bytes: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(bytes).to_string();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Reply {
            status,
            head: head.to_string(),
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

fn live_reload(r: &Reply) -> bool {
    r.body
        .contains("new EventSource(\"/__quarterdeck/events\")")
}

#[test]
fn serves_the_site_from_memory_with_the_reload_script() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    assert!(
        server
            .stderr()
            .contains("serving Fixture Logistics on http://127.0.0.1:"),
        "{}",
        server.stderr()
    );
    for page in ["/", "/2026-q2/", "/archive/", "/decision-rights/"] {
        let r = server.get(page);
        assert_eq!(r.status, 200, "{page}");
        assert_eq!(
            r.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{page}"
        );
        assert_eq!(r.header("cache-control"), Some("no-store"), "{page}");
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{page}"
        );
        assert!(live_reload(&r), "{page} has no reload script");
        let script = r.body.find("<script>/* quarterdeck serve").unwrap();
        assert!(
            script < r.body.rfind("</body>").unwrap(),
            "{page}: the script goes before </body>"
        );
        assert!(
            !r.body.contains("quarterdeck-overlay"),
            "{page}: no overlay on a good build"
        );
    }
    assert!(server
        .get("/2026-q2/")
        .body
        .contains("Ransomware exposure down"));
    for (path, kind) in [
        ("/2026-q2/charts/heatmap.svg", "image/svg+xml"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/2026-q2/data.json", "application/json"),
        ("/assets/fonts/Inter-Regular.otf", "font/otf"),
        ("/assets/fonts/OFL.txt", "text/plain; charset=utf-8"),
    ] {
        let r = server.get(path);
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(kind)),
            "{path}"
        );
        assert!(!live_reload(&r), "{path}: only HTML gets the script");
    }
    let moved = server.get("/2026-q2");
    assert_eq!(
        (moved.status, moved.header("location")),
        (301, Some("/2026-q2/"))
    );
    let head = server.raw(format!("HEAD / HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).as_bytes());
    assert_eq!((head.status, head.body.as_str()), (200, ""));
    assert_ne!(head.header("content-length"), Some("0"));
    assert_eq!(
        server
            .raw(b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n")
            .status,
        405
    );
    // The built site itself never contains the script, and serve never writes output/.
    assert!(
        !site.path("output").exists(),
        "serve must not write output/"
    );
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(!site.read("output/index.html").contains("EventSource"));
}

#[test]
fn unknown_paths_get_the_sites_404_page() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    for path in [
        "/no-such-page/",
        "/2026-q9/index.html",
        "/assets/",
        "/2026-q2/charts/",
        "/__quarterdeck/other",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(
            r.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        assert!(live_reload(&r), "{path}: the 404 page reloads too");
    }
    assert!(
        !server.get("/assets/fonts/").body.contains("OFL.txt"),
        "no directory listing"
    );
}

#[test]
fn an_edit_is_rebuilt_and_announced_to_open_pages() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    let mut events = server.events();
    let deadline = Instant::now() + WAIT;
    let before = events.next_version(deadline).expect("the current version");
    assert!(
        server
            .get("/2026-q2/")
            .body
            .contains(&format!("var v=\"{before}\"")),
        "pages carry the version"
    );

    site.edit(QUARTER, HEADLINE, "headline: Edited while serving");
    let after = events.next_version(deadline);
    assert!(
        after.as_ref().is_some_and(|v| *v != before),
        "a rebuild announces a new version: {after:?}\n{}",
        server.stderr()
    );
    let page = server.wait_for("/2026-q2/", "the edit", |r| {
        r.body.contains("Edited while serving")
    });
    assert!(live_reload(&page));
    server.wait_for_log("rebuilt in ");
    assert!(
        server
            .stderr()
            .contains("(content/quarters/2026-Q2/quarter.yaml)"),
        "{}",
        server.stderr()
    );
    assert!(!site.path("output").exists());
}

#[test]
fn a_broken_edit_shows_the_overlay_until_it_is_fixed() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    // A typo'd field (an error) on a line that also holds markup the overlay must escape.
    site.edit(
        QUARTER,
        HEADLINE,
        "headlin: <script>alert(1)</script> & more",
    );
    let broken = server.wait_for("/2026-q2/", "the overlay", |r| {
        r.body.contains("id=\"quarterdeck-overlay\"")
    });
    assert_eq!(broken.status, 200);
    assert!(
        broken
            .body
            .contains("content/quarters/2026-Q2/quarter.yaml:4:1: error[unknown-field]"),
        "{}",
        broken.body
    );
    assert!(
        broken
            .body
            .contains("headlin: &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"),
        "the source line, escaped"
    );
    assert!(
        !broken.body.contains("<script>alert(1)"),
        "user text is never markup"
    );
    assert!(
        broken.body.contains("Ransomware exposure down"),
        "the last good build is still served"
    );
    assert!(
        live_reload(&broken),
        "the fix must be able to reload the page"
    );
    assert!(
        server
            .get("/no-such-page/")
            .body
            .contains("quarterdeck-overlay"),
        "every page shows it"
    );
    assert!(!server
        .get("/assets/style.css")
        .body
        .contains("quarterdeck-overlay"));
    server.wait_for_log("rebuild failed in ");
    let log = server.stderr();
    assert!(
        log.contains("content/quarters/2026-Q2/quarter.yaml:4:1: error[unknown-field]"),
        "{log}"
    );

    site.edit(
        QUARTER,
        "headlin: <script>alert(1)</script> & more",
        "headline: Fixed again",
    );
    let fixed = server.wait_for("/2026-q2/", "the fix", |r| r.body.contains("Fixed again"));
    assert!(
        !fixed.body.contains("quarterdeck-overlay"),
        "the fix clears the overlay"
    );
}

#[test]
fn a_template_error_shows_the_overlay_too() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{{ nope | no_such_filter }}{% endblock main %}",
    );
    let broken = server.wait_for("/", "the overlay", |r| {
        r.body.contains("id=\"quarterdeck-overlay\"")
    });
    assert!(
        broken.body.contains("templates/404.html"),
        "{}",
        broken.body
    );
    site.remove("templates/404.html");
    server.wait_for("/", "the fix", |r| {
        r.status == 200 && !r.body.contains("quarterdeck-overlay")
    });
}

#[test]
fn requests_cannot_leave_the_site() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    for path in [
        "/../quarterdeck.toml",
        "/%2e%2e/quarterdeck.toml",
        "/%2E%2E/%2E%2E/quarterdeck.toml",
        "/..%2fcontent/metrics.yaml",
        "/assets/..%5c..%5cquarterdeck.toml",
        "/assets/../../quarterdeck.toml",
        "/..\\quarterdeck.toml",
        "/quarterdeck.toml%00.html",
        "/content/metrics.yaml",
        "/quarterdeck.toml",
        "//etc/passwd",
    ] {
        let r = server.get(path);
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(
            !r.body.contains("organization ="),
            "{path} leaked quarterdeck.toml"
        );
        assert!(!r.body.contains("better: "), "{path} leaked metrics.yaml");
    }
    assert_eq!(server.get("/2026-q2/").status, 200, "still serving");
}

#[test]
fn survives_garbage_huge_and_foreign_requests() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    assert_eq!(server.raw(b"\x00\xff garbage \r\n\r\n").status, 400);
    assert_eq!(
        server
            .raw(b"GET / HTTP/1.1\r\nthis is no header\r\n\r\n")
            .status,
        400
    );
    let mut huge = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 64 * 1024));
    assert_eq!(server.raw(&huge).status, 431);
    // A page of another site that resolves its name to 127.0.0.1 must not read the pack.
    assert_eq!(
        server
            .raw(b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n")
            .status,
        403
    );
    // A client that connects and says nothing does not stop others from being served.
    let _silent = TcpStream::connect(&server.addr).unwrap();
    let _half = {
        let mut s = TcpStream::connect(&server.addr).unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
        s
    };
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn sigterm_stops_it_cleanly() {
    let site = Site::copy_of("minimal");
    let mut server = Server::start(&site);
    assert_eq!(server.get("/").status, 200);
    assert_eq!(server.terminate(), Some(0), "{}", server.stderr());
    assert!(
        server.stderr().ends_with("stopped\n"),
        "{}",
        server.stderr()
    );
    assert!(
        TcpStream::connect(&server.addr).is_err(),
        "nothing listens any more"
    );
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = Site::copy_of("minimal");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let mut child = crate::support::bin()
        .args(["serve", "--port", &port])
        .current_dir(&site.root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let log = Log::follow(child.stderr.take().unwrap());
    let status = wait_or_kill(child, WAIT);
    log.wait(WAIT, |_, ended| ended);
    let stderr = log.text();
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: cannot listen on 127.0.0.1:{port}: the port is in use"
        )),
        "{stderr}"
    );
}
