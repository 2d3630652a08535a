//! Printing the board packs: one tab per core takes the next quarter, prints its one-pager
//! with the appendix put after it (`append.js`), and this thread tidies each pack and cuts the
//! one-pager's PDF from it as they arrive.

use super::{appendix_rel, browser, cache, cdp, contents, onepager_rel, split, tidy};
use super::{PdfError, Quarter};
use crate::render::Files;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};

/// What printing needs of the plan: where the site was written, what its links become, the
/// source files' hashes and the cache that keeps what is printed.
pub(super) struct Printing<'a> {
    pub(super) output: PathBuf,
    pub(super) site_url: &'a str,
    pub(super) hashes: &'a BTreeMap<String, String>,
    pub(super) cache: &'a cache::Cache,
}

/// The script that puts the appendix after the one-pager before printing (`append.js`).
const APPEND: &str = include_str!("append.js");

/// What `append.js` reports: the named destination on the appendix's first page, and the
/// one-pager's own title (the document takes the board pack's while it prints).
#[derive(serde::Deserialize)]
struct Appended {
    mark: String,
    title: String,
    /// A link names the document's address that is not this one-pager's (`append.js`).
    clash: bool,
    /// The page number written in the contents for each entry's target.
    #[serde(default)]
    pages: contents::Pages,
}

/// One quarter's printed board pack, parsed, and what `append.js` reported while preparing it.
struct Pack {
    printed: cdp::Printed,
    appended: Appended,
    doc: lopdf::Document,
}

/// Tabs per core. Since each tab prints a whole board pack, one per core keeps the cores busy:
/// on 2 cores, 12 quarters printed in 2.45 s with one tab per core, 2.54 s with two, 2.71 s
/// with three (hyperfine, 8 runs each).
const TABS_PER_CORE: usize = 1;

/// What a tab sends for each quarter it printed: the quarter's place in the queue (`usize::MAX`
/// when the tab could not open) and its pack.
type Done = (usize, Result<Pack, PdfError>);

/// The quarters to print, shared by the tabs: each takes the next one until none is left or
/// printing stops.
struct Queue<'q> {
    todo: &'q [Quarter],
    next: AtomicUsize,
    stop: AtomicBool,
}

impl<'q> Queue<'q> {
    /// The next quarter to print and its place, unless printing has stopped.
    fn next(&self) -> Option<(usize, &'q Quarter)> {
        if self.stop.load(SeqCst) {
            return None;
        }
        let i = self.next.fetch_add(1, SeqCst);
        self.todo.get(i).map(|q| (i, q))
    }
}

impl Printing<'_> {
    /// Prints the board pack of every quarter of `todo` in parallel tabs, each tab taking the
    /// next quarter: the one-pager with the appendix put after it, one document whose first
    /// page is the one-pager. The PDFs are tidied and split on this thread as they arrive,
    /// while the tabs print on; the browser closes as soon as the last pack is printed.
    pub(super) fn print_all(
        &self,
        browser: browser::Browser,
        todo: &[Quarter],
    ) -> Result<Files, PdfError> {
        let tabs = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
            .saturating_mul(TABS_PER_CORE)
            .min(todo.len());
        let queue = Queue {
            todo,
            next: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
        };
        let conn = std::sync::Arc::clone(&browser.conn);
        conn.confine(&self.output.to_string_lossy());
        let bar = std::io::stderr().is_terminal();
        let (tx, rx) = std::sync::mpsc::channel();
        let assembled = std::thread::scope(|s| {
            for _ in 0..tabs {
                let tx = tx.clone();
                let (conn, queue) = (&conn, &queue);
                s.spawn(move || self.print_in_tab(conn, queue, &tx));
            }
            drop(tx);
            self.assemble_all(s, rx, browser, &queue, bar)
        });
        if assembled.is_err() && bar {
            eprintln!();
        }
        assembled
    }

    /// One tab's work: the queue's next quarter, until none is left, the queue stops, or a
    /// print fails. Each pack goes to `tx` with the quarter's place in the queue.
    fn print_in_tab(
        &self,
        conn: &std::sync::Arc<cdp::Conn>,
        queue: &Queue,
        tx: &std::sync::mpsc::Sender<Done>,
    ) {
        let mut tab = match cdp::Tab::open(conn) {
            Ok(t) => t,
            Err(message) => {
                let e = PdfError::Failed {
                    page: "a new tab".into(),
                    message,
                };
                let _ = tx.send((usize::MAX, Err(e)));
                return;
            }
        };
        while let Some((i, q)) = queue.next() {
            let printed = self.print_pack(&mut tab, q);
            let bad = printed.is_err();
            if tx.send((i, printed)).is_err() || bad {
                break;
            }
        }
    }

    /// Tidies and splits each pack as it arrives from the tabs, and lets the browser go (on a
    /// thread of `s`) as soon as nothing more is to be printed. The first failure stops the
    /// queue; later packs are let go.
    fn assemble_all<'s>(
        &self,
        s: &'s std::thread::Scope<'s, '_>,
        rx: std::sync::mpsc::Receiver<Done>,
        browser: browser::Browser,
        queue: &Queue,
        bar: bool,
    ) -> Result<Files, PdfError> {
        let todo = queue.todo;
        let mut browser = Some(browser);
        let mut out = Files::new();
        let mut failed: Option<PdfError> = None;
        let (mut received, mut done) = (0, 0);
        for (i, printed) in rx {
            received += 1;
            if received == todo.len() || printed.is_err() {
                // Nothing more to print (or no point): let the browser go now.
                queue.stop.store(true, SeqCst);
                if let Some(b) = browser.take() {
                    s.spawn(move || b.close());
                }
            }
            if failed.is_some() {
                continue;
            }
            match printed.and_then(|p| self.assemble(&todo[i], p)) {
                Ok(files) => {
                    out.extend(files);
                    done += 1;
                    progress(bar, done, todo.len(), &todo[i].slug);
                }
                Err(e) => {
                    queue.stop.store(true, SeqCst);
                    failed = Some(e);
                }
            }
        }
        if let Some(b) = browser.take() {
            b.close();
        }
        failed.map_or(Ok(out), Err)
    }

    /// Prints one quarter's board pack in `tab`.
    fn print_pack(&self, tab: &mut cdp::Tab, q: &Quarter) -> Result<Pack, PdfError> {
        let page = self.output.join(onepager_rel(&q.slug));
        let appendix = self.output.join(appendix_rel(&q.slug));
        let failed = |message| PdfError::Failed {
            page: page.display().to_string(),
            message,
        };
        let (html, appendix_html) = q.pages.as_ref().ok_or_else(|| {
            failed(format!(
                "the site has no {} or {}",
                onepager_rel(&q.slug),
                appendix_rel(&q.slug)
            ))
        })?;
        let url = browser::file_url(&page);
        let appendix_url = browser::file_url(&appendix);
        let print = |tab: &mut cdp::Tab,
                     navigate: bool,
                     pages: Option<&contents::Pages>|
         -> Result<Pack, PdfError> {
            // Links to what the pack holds become links inside it; the one-pager's only when
            // they would otherwise be plain text (no absolute base_url to link to).
            let options =
                serde_json::json!({"inDocument": self.site_url.is_empty(), "pages": pages});
            let args = serde_json::to_string(&(appendix_html, &appendix_url, &url, options))
                .map_err(|e| failed(e.to_string()))?;
            // `[html, url, page, options]` spread into the function's parameters.
            let script = format!("({APPEND})(...{args})");
            let mut printed = tab
                .print(&url, html, Some(&script), navigate)
                .map_err(&failed)?;
            let appended: Appended = serde_json::from_str(&printed.prepared).map_err(|e| {
                failed(format!(
                    "putting the appendix after the one-pager gave no result ({e})"
                ))
            })?;
            // The browser never loaded the appendix page, but the pack is made of it.
            printed.loaded.push(appendix_url.clone());
            let doc = lopdf::Document::load_mem(&printed.pdf)
                .map_err(|e| failed(format!("Chromium's PDF does not parse: {e}")))?;
            Ok(Pack {
                printed,
                appended,
                doc,
            })
        };
        let mut pack = print(tab, false, None)?;
        warn_blocked(&onepager_rel(&q.slug), &pack.printed.blocked);
        // A link of the appendix to the page this one was put in place of would pass for a
        // link inside the document: that quarter is printed again, navigated to.
        let navigate = pack.appended.clash;
        if navigate {
            pack = print(tab, true, None)?;
        }
        if let Some(found) = contents::misnumbered(&pack.doc, &pack.appended.pages) {
            pack = print(tab, navigate, Some(&found))?;
            if contents::misnumbered(&pack.doc, &pack.appended.pages).is_some() {
                eprintln!(
                    "warning: the contents of {}/boardpack.pdf may give a section's page wrongly (the pages moved when the numbers were written)",
                    q.slug
                );
            }
        }
        Ok(pack)
    }

    /// Tidies one quarter's printed board pack and takes the one-pager's PDF out of it.
    fn assemble(&self, q: &Quarter, p: Pack) -> Result<Files, PdfError> {
        let Pack {
            printed,
            appended,
            doc: mut pack,
        } = p;
        let onepager_rel = onepager_rel(&q.slug);
        let failed = |message: String| PdfError::Failed {
            page: self.output.join(&onepager_rel).display().to_string(),
            message,
        };
        match split::dest_page(&pack, appended.mark.as_bytes()) {
            Some(2) => {}
            Some(p) if p > 2 => {
                return Err(failed(format!(
                    "the one-pager printed on {} pages, not 1",
                    p - 1
                )))
            }
            Some(_) => {
                return Err(failed(
                    "the appendix did not start on a page of its own after the one-pager".into(),
                ))
            }
            None => {
                return Err(failed(
                    "the board pack has no mark where the appendix starts".into(),
                ))
            }
        }
        split::remove_dest(&mut pack, appended.mark.as_bytes());
        let output = self.output.to_string_lossy().to_string();
        let date = q.id.end().format("%Y%m%d").to_string();
        let t = tidy::Tidy {
            date: &date,
            output: &output,
            site_url: (!self.site_url.is_empty()).then_some(self.site_url),
        };
        tidy::tidy(&mut pack, &t);
        let mut one = split::first_page(&pack).map_err(failed)?;
        tidy::set_title(&mut one, &appended.title);
        tidy::tidy(&mut one, &t);
        let one_bytes = tidy::save(&mut one).map_err(failed)?;
        let pack_bytes = tidy::save(&mut pack).map_err(failed)?;

        // The one-pager is cut from the pack, so both depend on everything the pack does,
        // the appendix page included; a page that loaded something outside the site is
        // printed every time.
        if let Some(sources) = self.sources(&printed.loaded) {
            for (kind, bytes) in [("onepager", &one_bytes), ("boardpack", &pack_bytes)] {
                let m = cache::Manifest::new(self.site_url, sources.clone(), bytes);
                if let Err(e) = self.cache.put(&format!("{}/{kind}", q.slug), &m, bytes) {
                    eprintln!(
                        "warning: cannot keep {}/{kind}.pdf in {}/: {e}",
                        q.slug,
                        cache::DIR
                    );
                }
            }
        }
        let mut files = Files::new();
        files.insert(format!("{}/onepager.pdf", q.slug), one_bytes);
        files.insert(format!("{}/boardpack.pdf", q.slug), pack_bytes);
        Ok(files)
    }

    /// The output files behind the URLs a page loaded, with their hashes; None when one of
    /// them is not a file of this build.
    fn sources(&self, loaded: &[String]) -> Option<BTreeMap<String, String>> {
        let root = self.output.to_string_lossy().to_string();
        let mut out = BTreeMap::new();
        for url in loaded {
            if url.starts_with("data:") || url == "about:blank" {
                continue;
            }
            let path = browser::url_path(url)?;
            let rel = path.strip_prefix(&root)?.strip_prefix('/')?;
            out.insert(rel.to_string(), self.hashes.get(rel)?.clone());
        }
        Some(out)
    }
}

/// Says what a page asked for outside the output (a template's doing): it was not loaded.
fn warn_blocked(page: &str, blocked: &[String]) {
    if let Some(first) = blocked.first() {
        let more = match blocked.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        let text = format!("warning: {page} asked for {first}{more}, outside the output folder; the print browser did not load it");
        eprintln!("{}", crate::diag::neutral::escape(&text));
    }
}

fn progress(bar: bool, done: usize, total: usize, slug: &str) {
    if bar {
        let width = 24;
        let filled = done * width / total.max(1);
        eprint!(
            "\rprinting PDFs [{}{}] {done}/{total} {slug}",
            "#".repeat(filled),
            " ".repeat(width - filled)
        );
        if done == total {
            eprintln!();
        }
    } else {
        eprintln!("printed {slug}/onepager.pdf and {slug}/boardpack.pdf ({done} of {total})");
    }
}
