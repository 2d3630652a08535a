//! Reproduction 11: `serve` with 128 held `/__quarterdeck/events` connections locked every other
//! client out. Every wait here is for an answer, bounded, never a sleep.

use crate::support::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);

/// A running `serve --port 0`, killed on drop.
struct Server {
    child: Child,
    addr: String,
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
        let pipe = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("on http://").nth(1) {
                    let _ = tx.send(rest.split('/').next().unwrap().to_string());
                }
            }
        });
        let addr = rx.recv_timeout(WAIT);
        let mut server = Server {
            child,
            addr: String::new(),
        };
        server.addr = addr.expect("serve never said where it listens");
        server
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        s
    }

    fn request(&self, path: &str) -> TcpStream {
        let mut s = self.connect();
        let req = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr);
        s.write_all(req.as_bytes()).unwrap();
        s
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The status line of a reply, read up to its first line.
fn status(stream: &mut BufReader<TcpStream>) -> String {
    let mut line = String::new();
    let _ = stream.read_line(&mut line);
    line.trim_end().to_string()
}

#[test]
fn held_event_streams_never_lock_out_the_pages() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    // More tabs than the server has connection slots, each waiting for a reload.
    let mut held = Vec::new();
    let mut refused = 0;
    for _ in 0..130 {
        let mut events = BufReader::new(server.request("/__quarterdeck/events"));
        match status(&mut events).as_str() {
            "HTTP/1.1 200 OK" => {
                // Read up to the first event, so the stream is surely being held.
                let mut line = String::new();
                while events.read_line(&mut line).is_ok_and(|n| n > 0) && !line.starts_with("data:")
                {
                    line.clear();
                }
                held.push(events);
            }
            "HTTP/1.1 503 Service Unavailable" => refused += 1,
            other => panic!("an event stream was answered {other:?}"),
        }
    }
    assert_eq!((held.len(), refused), (64, 66));
    // The pages are still served, to as many requests as there are slots and more.
    for _ in 0..3 {
        let mut page = BufReader::new(server.request("/"));
        assert_eq!(status(&mut page), "HTTP/1.1 200 OK");
        let mut rest = Vec::new();
        let _ = page.read_to_end(&mut rest);
    }
}
