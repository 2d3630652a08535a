//! `build --pdf`: print each quarter's one-pager and board pack with one headless Chromium,
//! make the bytes reproducible, and keep them in a cache so unchanged PDFs are never reprinted.
//!
//! `build` calls [`Plan::new`] after rendering (it decides which quarters get PDFs and drops the
//! web one-pager's PDF links for the others) and [`Plan::finish`] after the site is written (it
//! prints what the cache cannot supply and adds the PDFs to the output through `write`).

pub mod browser;
pub mod cache;
pub mod cdp;
pub mod links;
pub mod merge;
pub mod tidy;

use crate::model::scalar::QuarterId;
use crate::render::Files;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("no Chrome, Chromium or Edge found to print PDFs with (looked at $QUARTERDECK_CHROME, chromium, chromium-browser, google-chrome, microsoft-edge on PATH, and the usual install folders)\n  = help: install one (Debian/Ubuntu: `apt-get install chromium`) or set QUARTERDECK_CHROME to its path; the HTML site was built")]
    NoBrowser,
    #[error("the browser path {path} (from QUARTERDECK_CHROME) cannot be used: {why}\n  = help: set QUARTERDECK_CHROME to the Chrome, Chromium or Edge program, or unset it to search the usual places; the HTML site was built")]
    BrowserPath { path: String, why: String },
    #[error("cannot start the browser {path}: {why}\n  = help: check that it is Chrome, Chromium or Edge and runs here (`{path} --version`); the HTML site was built")]
    Launch { path: String, why: String },
    #[error("Chromium failed to print {page}: {message}")]
    Failed { page: String, message: String },
    #[error("cannot add the PDFs to the output: {0}")]
    Write(#[from] crate::write::WriteError),
}

/// One quarter's two PDFs, as the cache had them (None: to print).
struct Quarter {
    id: QuarterId,
    slug: String,
    onepager: Option<Vec<u8>>,
    boardpack: Option<Vec<u8>>,
}

impl Quarter {
    fn cached(&self) -> bool {
        self.onepager.is_some() && self.boardpack.is_some()
    }
}

/// A browser being started in the background; dropped unused (the site could not be written),
/// it waits for the start and closes the browser, so no process or profile is left behind.
struct Starting(Option<std::thread::JoinHandle<Result<browser::Browser, PdfError>>>);

impl Starting {
    fn wait(mut self) -> Result<browser::Browser, PdfError> {
        let handle = self.0.take().expect("waited once");
        handle.join().unwrap_or_else(|_| {
            Err(PdfError::Failed {
                page: "the browser".into(),
                message: "starting it panicked".into(),
            })
        })
    }
}

impl Drop for Starting {
    fn drop(&mut self) {
        if let Some(Ok(Ok(b))) = self.0.take().map(|h| h.join()) {
            b.close();
        }
    }
}

/// What this build does about PDFs, decided before the site is written.
pub struct Plan {
    print: bool,
    /// With `--pdf` and something to print: the browser, found before anything is written (so
    /// a missing browser leaves no PDF links behind) and started while the site is written.
    browser: Option<Result<Starting, PdfError>>,
    cache: cache::Cache,
    site_url: String,
    hashes: BTreeMap<String, String>,
    quarters: Vec<Quarter>,
}

/// `base_url` when it is an absolute web address, ending in `/`; else empty (links become text).
fn site_url(base_url: &str) -> String {
    let absolute = base_url.starts_with("https://") || base_url.starts_with("http://");
    match absolute {
        true if base_url.ends_with('/') => base_url.to_string(),
        true => format!("{base_url}/"),
        false => String::new(),
    }
}

impl Plan {
    /// With `print` (`--pdf`) every quarter gets PDFs; without, those the cache still has
    /// unchanged. The PDF links on the web pages of the other quarters are removed from `files`.
    pub fn new(
        root: &Path,
        base_url: &str,
        quarters: &[QuarterId],
        print: bool,
        files: &mut Files,
    ) -> Plan {
        let hashes: BTreeMap<String, String> = files
            .iter()
            .map(|(k, v)| (k.clone(), cache::source_hash(k, v)))
            .collect();
        let cache = cache::Cache::new(root);
        let site_url = site_url(base_url);
        let quarters: Vec<Quarter> = quarters
            .iter()
            .map(|&id| {
                let slug = id.slug();
                let get = |kind: &str| cache.get(&format!("{slug}/{kind}"), &site_url, &hashes);
                Quarter {
                    id,
                    onepager: get("onepager"),
                    boardpack: get("boardpack"),
                    slug,
                }
            })
            .collect();
        let browser = (print && !quarters.iter().all(Quarter::cached)).then(|| {
            browser::find().map(|path| {
                Starting(Some(std::thread::spawn(move || {
                    browser::Browser::launch(&path)
                })))
            })
        });
        let can_print = matches!(browser, Some(Ok(_)));
        let keep: Vec<&str> = quarters
            .iter()
            .filter(|q| can_print || q.cached())
            .map(|q| q.slug.as_str())
            .collect();
        links::strip_files(files, &|slug| keep.contains(&slug));
        // PDFs the cache still has are part of the site like any page, so an incremental write
        // keeps them in place; only newly printed ones are added after the write.
        for q in quarters.iter().filter(|q| q.cached()) {
            if let (Some(one), Some(pack)) = (&q.onepager, &q.boardpack) {
                files.insert(format!("{}/onepager.pdf", q.slug), one.clone());
                files.insert(format!("{}/boardpack.pdf", q.slug), pack.clone());
            }
        }
        Plan {
            print,
            browser,
            cache,
            site_url,
            hashes,
            quarters,
        }
    }

    /// Prints what is missing (only with `--pdf`) and adds every PDF to the written `output`.
    pub fn finish(self, output: &Path) -> Result<(), PdfError> {
        let Plan {
            print,
            browser,
            cache,
            site_url,
            hashes,
            quarters,
        } = self;
        let (ready, todo): (Vec<Quarter>, Vec<Quarter>) =
            quarters.into_iter().partition(Quarter::cached);
        let mut out = Files::new();
        let mut failed = None;
        let reused = ready.len();
        if print {
            if reused > 0 {
                eprintln!(
                    "reused the PDFs of {} from {}/ (unchanged since they were printed)",
                    crate::format::plural(reused, "quarter"),
                    cache::DIR
                );
            }
            if let Some(found) = browser {
                let ctx = Printing {
                    output: std::fs::canonicalize(output).unwrap_or_else(|_| output.to_path_buf()),
                    site_url: &site_url,
                    hashes: &hashes,
                    cache: &cache,
                };
                let printed = found
                    .and_then(Starting::wait)
                    .and_then(|b| ctx.print_all(b, &todo));
                match printed {
                    Ok(files) => out.extend(files),
                    // What the cache supplied is still right: it is written all the same.
                    Err(e) => failed = Some(e),
                }
            }
        }
        if !out.is_empty() {
            crate::write::add_files(output, &out)?;
        }
        failed.map_or(Ok(()), Err)
    }
}

struct Printing<'a> {
    output: PathBuf,
    site_url: &'a str,
    hashes: &'a BTreeMap<String, String>,
    cache: &'a cache::Cache,
}

/// Run in the appendix page before printing: an empty first page, which the one-pager's page
/// replaces, so that the page counter in the footer counts the whole pack.
const COVER: &str = "(() => { const d = document.createElement('div'); d.setAttribute('aria-hidden', 'true'); d.style.cssText = 'break-after: page; height: 1px; margin: 0; padding: 0'; document.body.prepend(d); return true; })()";

impl Printing<'_> {
    fn print_all(&self, browser: browser::Browser, todo: &[Quarter]) -> Result<Files, PdfError> {
        let tabs = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
            .min(todo.len());
        let next = Mutex::new(0usize);
        let done = Mutex::new((0usize, Files::new()));
        let failed: Mutex<Option<PdfError>> = Mutex::new(None);
        let bar = std::io::stderr().is_terminal();
        std::thread::scope(|s| {
            for _ in 0..tabs {
                s.spawn(|| {
                    let tab = match cdp::Tab::open(&browser.conn) {
                        Ok(t) => t,
                        Err(message) => {
                            failed
                                .lock()
                                .unwrap_or_else(|p| p.into_inner())
                                .get_or_insert(PdfError::Failed {
                                    page: "a new tab".into(),
                                    message,
                                });
                            return;
                        }
                    };
                    loop {
                        let i = {
                            let mut n = next.lock().unwrap_or_else(|p| p.into_inner());
                            let i = *n;
                            *n += 1;
                            i
                        };
                        let Some(q) = todo.get(i) else { break };
                        if failed.lock().unwrap_or_else(|p| p.into_inner()).is_some() {
                            break;
                        }
                        match self.quarter(&tab, q) {
                            Ok(files) => {
                                let mut d = done.lock().unwrap_or_else(|p| p.into_inner());
                                d.0 += 1;
                                d.1.extend(files);
                                progress(bar, d.0, todo.len(), &q.slug);
                            }
                            Err(e) => {
                                failed
                                    .lock()
                                    .unwrap_or_else(|p| p.into_inner())
                                    .get_or_insert(e);
                                break;
                            }
                        }
                    }
                });
            }
        });
        browser.close();
        if let Some(e) = failed.into_inner().unwrap_or_else(|p| p.into_inner()) {
            if bar {
                eprintln!();
            }
            return Err(e);
        }
        Ok(done.into_inner().unwrap_or_else(|p| p.into_inner()).1)
    }

    /// Prints one quarter's one-pager and appendix, tidies both and assembles the board pack.
    fn quarter(&self, tab: &cdp::Tab, q: &Quarter) -> Result<Files, PdfError> {
        let page = |rel: &str| self.output.join(rel);
        let onepager_rel = format!("{}/index.html", q.slug);
        let appendix_rel = format!("{}/appendix/index.html", q.slug);
        let failed = |rel: &str| {
            let page = page(rel).display().to_string();
            move |message: String| PdfError::Failed { page, message }
        };
        let one = tab
            .print(&browser::file_url(&page(&onepager_rel)), None)
            .map_err(failed(&onepager_rel))?;
        let app = tab
            .print(&browser::file_url(&page(&appendix_rel)), Some(COVER))
            .map_err(failed(&appendix_rel))?;
        let output = self.output.to_string_lossy().to_string();
        let date = q.id.end().format("%Y%m%d").to_string();
        let t = tidy::Tidy {
            date: &date,
            output: &output,
            site_url: (!self.site_url.is_empty()).then_some(self.site_url),
        };
        let load = |bytes: &[u8], rel: &str| {
            lopdf::Document::load_mem(bytes)
                .map_err(|e| failed(rel)(format!("Chromium's PDF does not parse: {e}")))
        };
        let mut one_doc = load(&one.pdf, &onepager_rel)?;
        if one_doc.get_pages().len() != 1 {
            return Err(failed(&onepager_rel)(format!(
                "the one-pager printed on {} pages, not 1",
                one_doc.get_pages().len()
            )));
        }
        tidy::tidy(&mut one_doc, &t);
        let one_bytes = tidy::save(&mut one_doc).map_err(failed(&onepager_rel))?;
        let mut pack = load(&app.pdf, &appendix_rel)?;
        tidy::tidy(&mut pack, &t);
        merge::merge(&mut pack, load(&one_bytes, &onepager_rel)?).map_err(failed(&appendix_rel))?;
        tidy::tidy(&mut pack, &t);
        let pack_bytes = tidy::save(&mut pack).map_err(failed(&appendix_rel))?;

        let one_sources = self.sources(&one.loaded);
        let pack_sources = self.sources(&[one.loaded, app.loaded].concat());
        for (kind, sources, bytes) in [
            ("onepager", one_sources, &one_bytes),
            ("boardpack", pack_sources, &pack_bytes),
        ] {
            // A page that loaded something outside the site is printed every time.
            if let Some(sources) = sources {
                let m = cache::Manifest::new(self.site_url, sources, bytes);
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
