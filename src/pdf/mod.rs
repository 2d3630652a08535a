//! `build --pdf`: print each quarter's one-pager and board pack with one headless Chromium,
//! make the bytes reproducible, and keep them in a cache so unchanged PDFs are never reprinted.
//!
//! The pipeline calls [`Plan::new`] after rendering when its options ask for PDFs
//! (`pipeline::Pdfs`; it decides which quarters get PDFs and drops the web one-pager's PDF links
//! for the others), and `build` calls [`Plan::finish`] after the site is written (it prints what
//! the cache cannot supply and adds the PDFs to the output through `write`).

pub(crate) mod browser;
pub(crate) mod cache;
pub(crate) mod cdp;
pub(crate) mod confine;
pub(crate) mod contents;
pub(crate) mod key;
pub(crate) mod links;
mod print;
pub(crate) mod profiles;
pub(crate) mod split;
mod structure;
pub(crate) mod tidy;

use crate::model::scalar::QuarterId;
use crate::render::Files;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("no Chrome, Chromium or Edge found to print PDFs with (looked at $QUARTERDECK_CHROME, chromium-headless-shell, chromium, chromium-browser, google-chrome, microsoft-edge on PATH, and the usual install folders)")]
    NoBrowser,
    #[error("the browser path {path} (from QUARTERDECK_CHROME) cannot be used: {why}")]
    BrowserPath { path: String, why: String },
    #[error("cannot start the browser {path}: {why}")]
    Launch { path: String, why: String },
    #[error("Chromium failed to print {page}: {message}")]
    Failed { page: String, message: String },
    #[error("cannot add the PDFs to the output: {0}")]
    Write(#[from] crate::write::WriteError),
}

impl PdfError {
    /// What the user can do about it, for the command to show under the message. A browser
    /// that cannot print stops only the PDFs, which the hint says.
    pub fn hint(&self) -> Option<String> {
        let fix = match self {
            PdfError::NoBrowser => "install one (Debian: `apt-get install chromium-headless-shell`, the fastest, or `apt-get install chromium`) or set QUARTERDECK_CHROME to its path".to_string(),
            PdfError::BrowserPath { .. } => "set QUARTERDECK_CHROME to the Chrome, Chromium or Edge program, or unset it to search the usual places".to_string(),
            PdfError::Launch { path, .. } => format!("check that it is Chrome, Chromium or Edge and runs here (`{path} --version`)"),
            PdfError::Failed { .. } => return None,
            PdfError::Write(e) => return e.hint(),
        };
        Some(format!("{fix}; the HTML site was built"))
    }
}

/// One quarter's two PDFs, as the cache had them (None: to print).
struct Quarter {
    id: QuarterId,
    slug: String,
    onepager: Option<Vec<u8>>,
    boardpack: Option<Vec<u8>>,
    /// The one-pager and appendix pages as built (only with `--pdf` and something to print).
    pages: Option<(String, String)>,
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
pub(crate) struct Plan {
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
    pub(crate) fn new(
        root: &Path,
        base_url: &str,
        quarters: &[QuarterId],
        print: bool,
        files: &mut Files,
    ) -> Plan {
        let cache = cache::Cache::new(root);
        // The hashes serve the cache and the printing only: a build that does neither (no
        // `--pdf`, no cache) skips them, the others hash on every core.
        let hashes: BTreeMap<String, String> = if print || cache.exists() {
            use rayon::prelude::*;
            files
                .par_iter()
                .map(|(k, v)| (k.clone(), cache::source_hash(k, v)))
                .collect()
        } else {
            BTreeMap::new()
        };
        let site_url = site_url(base_url);
        let mut quarters: Vec<Quarter> = quarters
            .iter()
            .map(|&id| {
                let slug = id.slug();
                let get = |kind: &str| cache.get(&format!("{slug}/{kind}"), &site_url, &hashes);
                Quarter {
                    id,
                    onepager: get("onepager"),
                    boardpack: get("boardpack"),
                    pages: None,
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
        if can_print {
            for q in quarters.iter_mut().filter(|q| !q.cached()) {
                let page = |rel: String| {
                    files
                        .get(&rel)
                        .map(|b| String::from_utf8_lossy(b).into_owned())
                };
                q.pages = page(onepager_rel(&q.slug)).zip(page(appendix_rel(&q.slug)));
            }
        }
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
    pub(crate) fn finish(self, output: &Path) -> Result<(), PdfError> {
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
                    crate::diag::plural(reused, "quarter"),
                    cache::DIR
                );
            }
            if let Some(found) = browser {
                let ctx = print::Printing {
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

fn onepager_rel(slug: &str) -> String {
    format!("{slug}/index.html")
}

fn appendix_rel(slug: &str) -> String {
    format!("{slug}/appendix/index.html")
}
