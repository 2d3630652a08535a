//! A tab of the print browser: shows a page (navigated to, or put in place of the tab's last
//! one), waits for it, runs a script in it and prints it, noting every URL it loaded.

use super::{Conn, Reply, CLOSED};
use serde_json::{json, Value};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One tab, attached with a flat session so several tabs share the pipe.
pub(crate) struct Tab {
    conn: Arc<Conn>,
    session: String,
    events: Receiver<Value>,
    shown: Option<Shown>,
}

/// The page a tab navigated to, which later pages of the same folder depth replace in place.
struct Shown {
    frame: String,
    depth: usize,
    /// Every file a page of this tab loaded, the pages themselves aside: a page put in place
    /// takes what it shares with the earlier ones from the browser's memory, unannounced.
    resources: Vec<String>,
}

/// Run in a page put in place of another (`settle.js`).
const SETTLE: &str = include_str!("../settle.js");

/// Folder depth of a `file://` URL: pages at the same depth resolve `../assets/…` alike.
fn depth(url: &str) -> usize {
    url.split(['#', '?'])
        .next()
        .unwrap_or(url)
        .matches('/')
        .count()
}

/// `html` with `<base href="url">` first in its head, so its relative URLs resolve against its
/// own address although the document keeps the address of the page it replaced. Without a
/// `<head>` tag (HTML allows leaving it out) the `<base>` goes after the doctype, which must
/// stay first; `settle.js` fails when it finds no `<base>` (say, one swallowed by a comment).
fn with_base(html: &str, url: &str) -> String {
    let base = format!(
        "<base data-quarterdeck href=\"{}\">",
        url.replace('&', "&amp;").replace('"', "&quot;")
    );
    let lower = html.to_ascii_lowercase();
    let after = |tag: &str, next: &[u8]| {
        lower
            .match_indices(tag)
            .find(|(i, _)| {
                lower
                    .as_bytes()
                    .get(i + tag.len())
                    .is_some_and(|b| next.contains(b))
            })
            .and_then(|(i, _)| lower[i..].find('>').map(|j| i + j + 1))
    };
    // `<head>` or `<head …>`, not `<header>`.
    let at = after("<head", b"> \t\n\r")
        .or_else(|| after("<!doctype", b" \t\n\r"))
        .unwrap_or(0);
    format!("{}{base}{}", &html[..at], &html[at..])
}

/// A printed page: the PDF, the URLs the page loaded while it was shown, and what the
/// `prepare` script returned (a string; empty without one).
pub(crate) struct Printed {
    pub pdf: Vec<u8>,
    pub loaded: Vec<String>,
    pub prepared: String,
    /// What the page asked for that is not a file of the output, refused (`confine`).
    pub blocked: Vec<String>,
}

const STEP: Duration = Duration::from_secs(60);

impl Tab {
    pub(crate) fn open(conn: &Arc<Conn>) -> Result<Tab, String> {
        if conn.gate.get().is_none() {
            return Err("the print browser is not confined to the output folder".into());
        }
        let target = conn.call(
            None,
            "Target.createTarget",
            json!({"url": "about:blank"}),
            STEP,
        )?;
        let target_id = target["targetId"].as_str().unwrap_or_default();
        let attached = conn.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
            STEP,
        )?;
        let session = attached["sessionId"]
            .as_str()
            .ok_or("Target.attachToTarget gave no session")?
            .to_string();
        let events = conn.subscribe(&session);
        let tab = Tab {
            conn: Arc::clone(conn),
            session,
            events,
            shown: None,
        };
        tab.call("Page.enable", json!({}))?;
        tab.call("Network.enable", json!({}))?;
        // Every request waits for the gate's answer (`confine`).
        tab.call("Fetch.enable", json!({"patterns": [{"urlPattern": "*"}]}))?;
        Ok(tab)
    }

    fn call(&self, method: &str, params: Value) -> Reply {
        self.conn.call(Some(&self.session), method, params, STEP)
    }

    /// Navigates to `url` and waits for its load event, noting what it requests.
    fn navigate(&self, url: &str, loaded: &mut Vec<String>) -> Result<(), String> {
        let nav = self.call("Page.navigate", json!({"url": url}))?;
        if let Some(e) = nav.get("errorText").and_then(Value::as_str) {
            return Err(format!("cannot open the page: {e}"));
        }
        let deadline = Instant::now() + STEP;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(ev) => {
                    if note_request(&ev, loaded) {
                        continue;
                    }
                    if ev["method"] == "Page.loadEventFired" {
                        return Ok(());
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    return Err("the page did not finish loading in 60 s".into())
                }
                Err(RecvTimeoutError::Disconnected) => return Err(CLOSED.into()),
            }
        }
    }

    /// Shows the page at `url` (whose HTML is `html`), waits for it and for every web font,
    /// then prints with the page's own `@page` size, after running `prepare` in it (an
    /// expression; a promise is awaited). The tab's first page is loaded by navigating to it;
    /// a later page of the same folder depth is put in its place (`Page.setDocumentContent`),
    /// which spares a new document process and the fonts' loading again (12 board packs:
    /// 2.45 s → 2.14 s), unless `navigate` or a link of the page asks otherwise (`settle.js`).
    /// `loaded` lists every URL the page requested, itself first.
    pub(crate) fn print(
        &mut self,
        url: &str,
        html: &str,
        prepare: Option<&str>,
        navigate: bool,
    ) -> Result<Printed, String> {
        while self.events.try_recv().is_ok() {}
        self.blocked();
        let mut loaded = vec![url.to_string()];
        self.show(url, html, navigate, &mut loaded)?;
        self.wait_for_fonts()?;
        let prepared = match prepare {
            Some(script) => self.prepare(script)?,
            None => String::new(),
        };
        let pdf = self.print_to_pdf()?;
        Ok(Printed {
            pdf,
            loaded: self.loaded_with_earlier(url, loaded),
            prepared,
            blocked: self.blocked(),
        })
    }

    /// Shows the page: put in place of the tab's last one when that settles, else navigated
    /// to, which makes it the page later ones are put in place of.
    fn show(
        &mut self,
        url: &str,
        html: &str,
        navigate: bool,
        loaded: &mut Vec<String>,
    ) -> Result<(), String> {
        if !navigate && self.settled_in_place(url, html)? {
            return Ok(());
        }
        self.navigate(url, loaded)?;
        let tree = self.call("Page.getFrameTree", json!({}))?;
        let frame = tree["frameTree"]["frame"]["id"]
            .as_str()
            .map(str::to_string);
        let resources = self.shown.take().map(|s| s.resources).unwrap_or_default();
        self.shown = frame.map(|frame| Shown {
            frame,
            depth: depth(url),
            resources,
        });
        Ok(())
    }

    /// Puts `html` in place of the page shown, when one of the same folder depth is; false when
    /// there is none or `settle.js` found the page must be navigated to.
    fn settled_in_place(&self, url: &str, html: &str) -> Result<bool, String> {
        let frame = match &self.shown {
            Some(shown) if shown.depth == depth(url) => shown.frame.clone(),
            _ => return Ok(false),
        };
        self.call(
            "Page.setDocumentContent",
            json!({"frameId": frame, "html": with_base(html, url)}),
        )?;
        let settled = self.call(
            "Runtime.evaluate",
            json!({"expression": SETTLE, "awaitPromise": true, "returnByValue": true}),
        )?;
        match settled["result"]["value"].as_str() {
            Some("ok") => Ok(true),
            Some("navigate") => Ok(false),
            _ => Err(format!("the page did not settle ({})", settled["result"])),
        }
    }

    /// Waits for every web font of the page, so none prints in a fallback face.
    fn wait_for_fonts(&self) -> Result<(), String> {
        let fonts = self.call(
            "Runtime.evaluate",
            json!({"expression": "document.fonts.ready.then(() => document.fonts.status)", "awaitPromise": true, "returnByValue": true}),
        )?;
        if fonts["result"]["value"] != "loaded" {
            return Err(format!("web fonts did not load ({})", fonts["result"]));
        }
        Ok(())
    }

    /// Runs `script` in the page (a promise is awaited) and returns the string it gave.
    fn prepare(&self, script: &str) -> Result<String, String> {
        let ran = self.call(
            "Runtime.evaluate",
            json!({"expression": script, "awaitPromise": true, "returnByValue": true}),
        )?;
        if let Some(e) = ran.get("exceptionDetails") {
            let what = e["exception"]["description"]
                .as_str()
                .or(e["text"].as_str())
                .unwrap_or("an exception");
            return Err(format!("preparing the page for print failed: {what}"));
        }
        Ok(ran["result"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// The page as a PDF, in the page's own `@page` size.
    fn print_to_pdf(&self) -> Result<Vec<u8>, String> {
        let printed = self.call(
            "Page.printToPDF",
            json!({
                "printBackground": true,
                "preferCSSPageSize": true,
                "generateTaggedPDF": true,
                "displayHeaderFooter": false,
            }),
        )?;
        let data = printed["data"]
            .as_str()
            .ok_or("Page.printToPDF returned no data")?;
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|e| format!("Page.printToPDF returned bad base64: {e}"))
    }

    /// `loaded` (what the page at `url` requested) with what the requests still queued name
    /// and what the tab's earlier pages loaded, sorted, each once.
    fn loaded_with_earlier(&mut self, url: &str, mut loaded: Vec<String>) -> Vec<String> {
        while let Ok(ev) = self.events.try_recv() {
            note_request(&ev, &mut loaded);
        }
        // What earlier pages of the tab loaded counts as this page's too: more than it may
        // need, never less.
        if let Some(shown) = &mut self.shown {
            // Only files: an address on another host never loads here, and must not make
            // every later page of the tab uncacheable.
            shown.resources.extend(
                loaded
                    .iter()
                    .filter(|u| *u != url && u.starts_with("file:"))
                    .cloned(),
            );
            shown.resources.sort();
            shown.resources.dedup();
            loaded.extend(shown.resources.iter().cloned());
        }
        loaded.sort();
        loaded.dedup();
        loaded
    }

    /// The addresses refused for this tab since the last call.
    fn blocked(&self) -> Vec<String> {
        self.conn
            .gate
            .get()
            .map(|g| g.take_blocked(&self.session))
            .unwrap_or_default()
    }
}

/// Records the URL of a `Network.requestWillBeSent` event; true when `ev` was one.
fn note_request(ev: &Value, loaded: &mut Vec<String>) -> bool {
    if ev["method"] != "Network.requestWillBeSent" {
        return false;
    }
    if let Some(u) = ev["params"]["request"]["url"].as_str() {
        loaded.push(u.to_string());
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_put_in_place_gets_its_own_address_as_base_first_in_its_head() {
        let url = "file:///out/2026-q2/index.html";
        assert_eq!(
            with_base("<!DOCTYPE html>\n<HTML><Head lang=x><meta charset=utf-8>", url),
            "<!DOCTYPE html>\n<HTML><Head lang=x><base data-quarterdeck href=\"file:///out/2026-q2/index.html\"><meta charset=utf-8>"
        );
        assert_eq!(
            with_base("<!-- <header> --><head>", url),
            "<!-- <header> --><head><base data-quarterdeck href=\"file:///out/2026-q2/index.html\">"
        );
        assert_eq!(
            with_base("<!doctype html><p>no head", "file:///a\"b"),
            "<!doctype html><base data-quarterdeck href=\"file:///a&quot;b\"><p>no head"
        );
        assert_eq!(
            with_base("<p>nothing", url),
            "<base data-quarterdeck href=\"file:///out/2026-q2/index.html\"><p>nothing"
        );
        assert_eq!(depth(url), depth("file:///out/2026-q3/index.html#main"));
        assert_ne!(depth(url), depth("file:///out/2026-q3/appendix/index.html"));
    }
}
