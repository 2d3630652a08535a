//! The PDF cache: each printed PDF with the hashes of everything its page loaded. A PDF whose
//! sources are unchanged is reused without starting a browser, also by a plain `build`.
//!
//! It lives in `.quarterdeck-cache/pdf/` in the site root (a `.gitignore` inside keeps it out
//! of Git; folders 0700, files 0600 on Unix). Delete the folder to clear it.
//!
//! Freshness is the page's sources, the link target, quarterdeck's version and [`FORMAT`], not
//! the browser: a PDF is the same page whichever Chromium printed it, and a check that starts
//! no browser cannot ask one its version. After changing browsers, delete the folder to reprint.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Bumped whenever printing or post-processing changes what a PDF holds. 2: unhinted text
/// (`--font-render-hinting=none`), so no PDF printed before it is reused. 3: the pack printed
/// as one document and the one-pager cut from it.
const FORMAT: u32 = 3;

pub const DIR: &str = ".quarterdeck-cache";

#[derive(Serialize, Deserialize, PartialEq, Debug)]
pub struct Manifest {
    pub format: u32,
    pub version: String,
    /// The published URL links were pointed at (empty when links were made plain text).
    pub site_url: String,
    /// Output-relative path → SHA-256 of the file as built (HTML without its PDF links).
    pub sources: BTreeMap<String, String>,
    /// SHA-256 of the PDF itself, so a damaged cache file is never reused.
    pub pdf: String,
}

pub fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The hash a source counts with: HTML pages without their PDF links block.
pub fn source_hash(rel: &str, bytes: &[u8]) -> String {
    if rel.ends_with(".html") {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return hex(super::links::strip(s, &|_| false).as_bytes());
        }
    }
    hex(bytes)
}

impl Manifest {
    pub fn new(site_url: &str, sources: BTreeMap<String, String>, pdf: &[u8]) -> Manifest {
        Manifest {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION").into(),
            site_url: site_url.into(),
            sources,
            pdf: hex(pdf),
        }
    }

    /// True when every source is in `files` with the same hash and the settings match.
    fn fresh(&self, site_url: &str, hashes: &BTreeMap<String, String>) -> bool {
        self.format == FORMAT
            && self.version == env!("CARGO_PKG_VERSION")
            && self.site_url == site_url
            && !self.sources.is_empty()
            && self
                .sources
                .iter()
                .all(|(rel, h)| hashes.get(rel) == Some(h))
    }
}

pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(root: &Path) -> Cache {
        Cache {
            dir: root.join(DIR).join("pdf"),
        }
    }

    /// True when a PDF was ever kept here (the folder exists).
    pub fn exists(&self) -> bool {
        self.dir.is_dir()
    }

    fn paths(&self, name: &str) -> (PathBuf, PathBuf) {
        let flat = name.replace('/', ".");
        (
            self.dir.join(format!("{flat}.pdf")),
            self.dir.join(format!("{flat}.json")),
        )
    }

    /// The cached PDF for `name` (e.g. `2026-q2/onepager`), when it is still right.
    pub fn get(
        &self,
        name: &str,
        site_url: &str,
        hashes: &BTreeMap<String, String>,
    ) -> Option<Vec<u8>> {
        let (pdf, json) = self.paths(name);
        let manifest: Manifest = serde_json::from_slice(&std::fs::read(json).ok()?).ok()?;
        if !manifest.fresh(site_url, hashes) {
            return None;
        }
        let bytes = std::fs::read(pdf).ok()?;
        (hex(&bytes) == manifest.pdf).then_some(bytes)
    }

    /// Stores a PDF; a cache that cannot be written only costs a reprint next time.
    pub fn put(&self, name: &str, manifest: &Manifest, pdf: &[u8]) -> std::io::Result<()> {
        self.prepare()?;
        let (pdf_path, json_path) = self.paths(name);
        let json = serde_json::to_vec_pretty(manifest).map_err(std::io::Error::other)?;
        private_write(&pdf_path, pdf)?;
        private_write(&json_path, &json)
    }

    fn prepare(&self) -> std::io::Result<()> {
        let top = self.dir.parent().unwrap_or(&self.dir);
        for d in [top, self.dir.as_path()] {
            if !d.is_dir() {
                let mut b = std::fs::DirBuilder::new();
                #[cfg(unix)]
                std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
                b.recursive(true).create(d)?;
            }
        }
        let ignore = top.join(".gitignore");
        if !ignore.is_file() {
            private_write(
                &ignore,
                b"# quarterdeck's cache of printed PDFs; safe to delete.\n*\n",
            )?;
        }
        Ok(())
    }
}

/// Writes beside the target and renames, with owner-only permissions on Unix.
fn private_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let result = o
        .open(&tmp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_reused_only_while_every_source_is_unchanged() {
        let root = std::env::temp_dir().join(format!("qd-pdf-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let cache = Cache::new(&root);
        let mut files = crate::render::Files::new();
        files.insert(
            "2026-q2/index.html".into(),
            b"<p>hi<!--pdf-links 2026-q2--> PDF<!--/pdf-links--></p>".to_vec(),
        );
        files.insert("assets/style.css".into(), b"p{}".to_vec());
        let hashes = |files: &crate::render::Files| -> BTreeMap<String, String> {
            files
                .iter()
                .map(|(k, v)| (k.clone(), source_hash(k, v)))
                .collect()
        };
        let sources = hashes(&files);
        let m = Manifest::new("", sources, b"%PDF-1.4 x");
        cache.put("2026-q2/onepager", &m, b"%PDF-1.4 x").unwrap();
        assert_eq!(
            cache
                .get("2026-q2/onepager", "", &hashes(&files))
                .as_deref(),
            Some(&b"%PDF-1.4 x"[..])
        );
        // The PDF links block does not count; the base URL and every source do.
        files.insert("2026-q2/index.html".into(), b"<p>hi</p>".to_vec());
        assert!(cache.get("2026-q2/onepager", "", &hashes(&files)).is_some());
        assert!(cache
            .get("2026-q2/onepager", "https://x/", &hashes(&files))
            .is_none());
        files.insert("assets/style.css".into(), b"p{color:red}".to_vec());
        assert!(cache.get("2026-q2/onepager", "", &hashes(&files)).is_none());
        files.insert("assets/style.css".into(), b"p{}".to_vec());
        std::fs::write(
            root.join(".quarterdeck-cache/pdf/2026-q2.onepager.pdf"),
            b"broken",
        )
        .unwrap();
        assert!(cache.get("2026-q2/onepager", "", &hashes(&files)).is_none());
        assert_eq!(
            std::fs::read_to_string(root.join(".quarterdeck-cache/.gitignore"))
                .unwrap()
                .lines()
                .last(),
            Some("*")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &str| {
                std::fs::metadata(root.join(p))
                    .unwrap()
                    .permissions()
                    .mode()
                    & 0o777
            };
            assert_eq!(mode(".quarterdeck-cache"), 0o700);
            assert_eq!(mode(".quarterdeck-cache/pdf/2026-q2.onepager.json"), 0o600);
        }
        let _ = std::fs::remove_dir_all(&root);
    }
}
