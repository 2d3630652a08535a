//! The PDF cache: each printed PDF with the hashes of everything its page loaded. A PDF whose
//! sources are unchanged is reused without starting a browser, also by a plain `build`.
//!
//! It lives in `.quarterdeck-cache/pdf/` in the site root (a `.gitignore` inside keeps it out
//! of Git; folders 0700, files 0600 on Unix). Delete the folder to clear it.
//!
//! Freshness is the page's sources, the link target, quarterdeck's version and [`FORMAT`], not
//! the browser: a PDF is the same page whichever Chromium printed it, and a check that starts
//! no browser cannot ask one its version. After changing browsers, delete the folder to reprint.
//!
//! Trust: an entry is reused only when its signature, an HMAC under this user's key (`key`),
//! holds for its name, manifest and PDF: one that arrived with a repository, forged or copied
//! from someone else's cache, is ignored and reprinted. Nothing in the folder is reached
//! through a symbolic link (`write::dir`).

use super::key;
use crate::write::dir::{Dir, Kind};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Bumped whenever printing or post-processing changes what a PDF holds. 2: unhinted text
/// (`--font-render-hinting=none`), so no PDF printed before it is reused. 3: the pack printed
/// as one document and the one-pager cut from it. 4: entries are signed (`key`).
const FORMAT: u32 = 4;

pub(crate) const DIR: &str = ".quarterdeck-cache";

/// A manifest is a few kilobytes; a PDF a few megabytes. Larger files are not ours.
const MAX_MANIFEST: u64 = 1 << 20;
const MAX_PDF: u64 = 256 << 20;

#[derive(Serialize, Deserialize, PartialEq, Debug)]
pub(crate) struct Manifest {
    pub format: u32,
    pub version: String,
    /// The published URL links were pointed at (empty when links were made plain text).
    pub site_url: String,
    /// Output-relative path → SHA-256 of the file as built (HTML without its PDF links).
    pub sources: BTreeMap<String, String>,
    /// SHA-256 of the PDF itself, so a damaged cache file is never reused.
    pub pdf: String,
    /// HMAC-SHA256 of the entry's name and everything above, under the user's key.
    #[serde(default)]
    pub mac: String,
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The hash a source counts with: HTML pages without their PDF links block.
pub(crate) fn source_hash(rel: &str, bytes: &[u8]) -> String {
    if rel.ends_with(".html") {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return hex(super::links::strip(s, &|_| false).as_bytes());
        }
    }
    hex(bytes)
}

impl Manifest {
    pub(crate) fn new(site_url: &str, sources: BTreeMap<String, String>, pdf: &[u8]) -> Manifest {
        Manifest {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION").into(),
            site_url: site_url.into(),
            sources,
            pdf: hex(pdf),
            mac: String::new(),
        }
    }

    /// What the signature covers: the entry's name (so a board pack's entry cannot stand in
    /// for the one-pager's) and every field but the signature.
    fn signed_text(&self, name: &str) -> Vec<u8> {
        let fields = (
            &self.format,
            &self.version,
            &self.site_url,
            &self.sources,
            &self.pdf,
        );
        let mut text = format!("quarterdeck pdf cache\n{name}\n").into_bytes();
        text.extend(serde_json::to_vec(&fields).expect("strings and maps serialise"));
        text
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

pub(crate) struct Cache {
    root: PathBuf,
    /// This user's key, when there is one; without it nothing is reused.
    key: Option<key::Key>,
}

impl Cache {
    pub(crate) fn new(root: &Path) -> Cache {
        Cache::with_key(root, key::existing())
    }

    pub(crate) fn with_key(root: &Path, key: Option<key::Key>) -> Cache {
        Cache {
            root: root.to_path_buf(),
            key,
        }
    }

    /// `.quarterdeck-cache/pdf`, when it is a real folder (no link on the way).
    fn folder(&self) -> Option<Dir> {
        Dir::open(&self.root).ok()?.dir(&format!("{DIR}/pdf")).ok()
    }

    /// True when a PDF may be reused from here (a key and the folder exist).
    pub(crate) fn exists(&self) -> bool {
        self.key.is_some() && self.folder().is_some()
    }

    fn names(name: &str) -> (String, String) {
        let flat = name.replace('/', ".");
        (format!("{flat}.pdf"), format!("{flat}.json"))
    }

    /// The cached PDF for `name` (e.g. `2026-q2/onepager`), when it is still right and this
    /// user's quarterdeck kept it.
    pub(crate) fn get(
        &self,
        name: &str,
        site_url: &str,
        hashes: &BTreeMap<String, String>,
    ) -> Option<Vec<u8>> {
        let key = self.key.as_ref()?;
        let dir = self.folder()?;
        let (pdf, json) = Cache::names(name);
        let manifest: Manifest =
            serde_json::from_slice(&dir.read(&json, MAX_MANIFEST).ok()?).ok()?;
        if !manifest.fresh(site_url, hashes) {
            return None;
        }
        if !key::same(&manifest.mac, &key::sign(key, &manifest.signed_text(name))) {
            return None;
        }
        let bytes = dir.read(&pdf, MAX_PDF).ok()?;
        (hex(&bytes) == manifest.pdf).then_some(bytes)
    }

    /// Stores a PDF, signed; a cache that cannot be written only costs a reprint next time.
    pub(crate) fn put(&self, name: &str, manifest: &Manifest, pdf: &[u8]) -> std::io::Result<()> {
        let key = match self.key {
            Some(k) => k,
            None => key::get_or_make().map_err(std::io::Error::other)?,
        };
        let dir = self.prepare()?;
        let (pdf_name, json_name) = Cache::names(name);
        let signed = Manifest {
            mac: key::sign(&key, &manifest.signed_text(name)),
            ..Manifest::new(&manifest.site_url, manifest.sources.clone(), pdf)
        };
        let json = serde_json::to_vec_pretty(&signed).map_err(std::io::Error::other)?;
        dir.replace(&pdf_name, pdf, true)?;
        dir.replace(&json_name, &json, true)
    }

    /// The cache folder, made private where missing, with its `.gitignore`.
    fn prepare(&self) -> std::io::Result<Dir> {
        let top = private_folder(&Dir::open(&self.root)?, DIR)?;
        if top.kind(".gitignore")?.is_none() {
            top.replace(
                ".gitignore",
                b"# quarterdeck's cache of printed PDFs; safe to delete.\n*\n",
                true,
            )?;
        }
        private_folder(&top, "pdf")
    }
}

/// The folder `name` in `dir`, made 0700 when missing; a link or a file in its place is refused.
fn private_folder(dir: &Dir, name: &str) -> std::io::Result<Dir> {
    match dir.kind(name)? {
        Some(Kind::Dir) => {}
        Some(_) => {
            return Err(std::io::Error::other(format!(
                "{} is not a folder (a symbolic link is not followed)",
                dir.path().join(name).display()
            )))
        }
        None => dir.make_private_dir(name)?,
    }
    dir.dir(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_reused_only_while_every_source_is_unchanged() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().to_path_buf();
        let cache = Cache::with_key(&root, Some([7; 32]));
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
    }

    /// What a repository can carry: entries signed under another key, an entry of one PDF put
    /// in place of another's, a forged PDF with its checksum recomputed. None is reused.
    #[test]
    fn only_entries_signed_under_this_users_key_are_reused() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        let hashes: BTreeMap<String, String> =
            [("assets/style.css".to_string(), hex(b"p{}"))].into();
        let mine = Cache::with_key(root, Some([1; 32]));
        let theirs = Cache::with_key(root, Some([2; 32]));
        let keyless = Cache::with_key(root, None);
        let m = Manifest::new("", hashes.clone(), b"%PDF one");
        theirs.put("2026-q2/onepager", &m, b"%PDF one").unwrap();
        assert!(theirs.get("2026-q2/onepager", "", &hashes).is_some());
        assert!(mine.get("2026-q2/onepager", "", &hashes).is_none());
        assert!(keyless.get("2026-q2/onepager", "", &hashes).is_none());
        assert!(!keyless.exists());

        // The board pack's entry copied over the one-pager's: the name is signed too.
        let pack = Manifest::new("", hashes.clone(), b"%PDF pack");
        mine.put("2026-q2/boardpack", &pack, b"%PDF pack").unwrap();
        let dir = root.join(".quarterdeck-cache/pdf");
        for ext in ["pdf", "json"] {
            std::fs::copy(
                dir.join(format!("2026-q2.boardpack.{ext}")),
                dir.join(format!("2026-q2.onepager.{ext}")),
            )
            .unwrap();
        }
        assert!(mine.get("2026-q2/onepager", "", &hashes).is_none());
        assert!(mine.get("2026-q2/boardpack", "", &hashes).is_some());

        // A forged PDF with its checksum recomputed in the manifest.
        let json = dir.join("2026-q2.boardpack.json");
        let mut forged: Manifest = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
        forged.pdf = hex(b"%PDF forged");
        std::fs::write(&json, serde_json::to_vec(&forged).unwrap()).unwrap();
        std::fs::write(dir.join("2026-q2.boardpack.pdf"), b"%PDF forged").unwrap();
        assert!(mine.get("2026-q2/boardpack", "", &hashes).is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_cache_folder_that_is_a_link_is_neither_read_nor_written() {
        let temp = tempfile::tempdir().unwrap();
        let (root, elsewhere) = (temp.path().join("site"), temp.path().join("elsewhere"));
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(elsewhere.join("pdf")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, root.join(DIR)).unwrap();
        let cache = Cache::with_key(&root, Some([1; 32]));
        let hashes: BTreeMap<String, String> = [("a".to_string(), hex(b"a"))].into();
        let m = Manifest::new("", hashes.clone(), b"%PDF");
        assert!(cache.put("2026-q2/onepager", &m, b"%PDF").is_err());
        assert!(!cache.exists());
        assert_eq!(std::fs::read_dir(elsewhere.join("pdf")).unwrap().count(), 0);
    }
}
