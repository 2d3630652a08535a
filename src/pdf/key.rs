//! The key that signs the PDF cache's entries, so that a build reuses only PDFs this user's
//! quarterdeck printed. The cache lives in the site folder, where anything can arrive with a
//! repository (or a restored CI cache, or a shared folder); its checksums detect damage, not
//! forgery, since whoever forges a PDF recomputes them. An HMAC-SHA256 under a random key kept
//! outside every site does: a clone carries the entries but never the key.
//!
//! Why a key and not owner and mode checks on the cache's files: a clone's files are owned by
//! the user who cloned, and with `umask 077` git (or `tar`, or `actions/cache`) makes them 0600
//! in 0700 folders, exactly what quarterdeck makes; owner and mode say who wrote the bytes onto
//! this disk, not who printed them. Why not the whole cache in a per-user folder: the key gives
//! the same guarantee while the cache stays where README and docs/ci.md say (beside the site,
//! deleted with it, cached in CI by path), and a cache moved with its site stays good.
//!
//! The key: 32 random bytes in `$XDG_CACHE_HOME/quarterdeck/pdf-cache.key` (else
//! `~/.cache/…`, `~/Library/Caches/…` on macOS), 0600 in a 0700 folder, made by the first build
//! that prints. A key file that is a link, not a regular file, not the user's own, or readable
//! by others is not used (nothing is reused or kept then). Deleting it only costs a reprint.

use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::OnceLock;

pub(crate) const FILE: &str = "pdf-cache.key";
const LEN: usize = 32;

pub(crate) type Key = [u8; LEN];

/// The folder the key lives in, from the environment as `env` reports it.
pub(crate) fn folder(
    env: &dyn Fn(&str) -> Option<std::ffi::OsString>,
    os: &str,
) -> Option<PathBuf> {
    let non_empty = |k: &str| env(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    let base = match (non_empty("XDG_CACHE_HOME"), os) {
        (Some(xdg), _) => xdg,
        (None, "macos") => non_empty("HOME")?.join("Library/Caches"),
        (None, "windows") => non_empty("LOCALAPPDATA")?,
        (None, _) => non_empty("HOME")?.join(".cache"),
    };
    // A relative folder would change with the current folder: not a place for a key.
    base.is_absolute().then(|| base.join("quarterdeck"))
}

fn key_path() -> Option<PathBuf> {
    let env = |k: &str| std::env::var_os(k);
    folder(&env, std::env::consts::OS).map(|d| d.join(FILE))
}

/// The key when one exists and is fit to trust; never makes one.
pub(crate) fn existing() -> Option<Key> {
    static KEY: OnceLock<Option<Key>> = OnceLock::new();
    *KEY.get_or_init(|| key_path().and_then(|p| read(&p)))
}

/// The key, made now when there is none (a build that prints and keeps PDFs). The error says
/// why there is no usable key.
pub(crate) fn get_or_make() -> Result<Key, String> {
    if let Some(k) = existing() {
        return Ok(k);
    }
    static MADE: OnceLock<Result<Key, String>> = OnceLock::new();
    MADE.get_or_init(|| {
        let path = key_path().ok_or("no home folder to keep its key in")?;
        make(&path).map_err(|e| format!("cannot make its key {}: {e}", path.display()))
    })
    .clone()
}

#[cfg(unix)]
fn read(path: &std::path::Path) -> Option<Key> {
    use std::io::Read;
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)
        .ok()?;
    let meta = file.metadata().ok()?;
    let own = meta.uid() == rustix::process::geteuid().as_raw();
    if !meta.is_file() || !own || meta.mode() & 0o077 != 0 || meta.len() != LEN as u64 {
        return None;
    }
    let mut key = [0u8; LEN];
    file.read_exact(&mut key).ok()?;
    Some(key)
}

#[cfg(not(unix))]
fn read(_path: &std::path::Path) -> Option<Key> {
    // PDFs are printed only on Unix (`browser::launch`), so there is no key to read.
    None
}

/// Writes a fresh key beside its place and links it in, so two builds making one at once end
/// with one whole key (the loser reads the winner's).
#[cfg(unix)]
fn make(path: &std::path::Path) -> std::io::Result<Key> {
    use std::io::{Read, Write};
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    let dir = path.parent().expect("the key has a folder");
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let mut key = [0u8; LEN];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut key)?;
    let tmp = dir.join(format!(".{FILE}.{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .and_then(|mut f| f.write_all(&key));
    let linked = written.and_then(|()| std::fs::hard_link(&tmp, path));
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(key),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read(path)
            .ok_or_else(|| std::io::Error::other("the key there is not this user's own 0600 file")),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
fn make(_path: &std::path::Path) -> std::io::Result<Key> {
    Err(std::io::Error::other(
        "PDFs are printed on Linux and macOS only",
    ))
}

/// HMAC-SHA256 (RFC 2104) of `message` under `key`, in hex.
pub(crate) fn sign(key: &Key, message: &[u8]) -> String {
    const BLOCK: usize = 64;
    let mut padded = [0u8; BLOCK];
    padded[..LEN].copy_from_slice(key);
    let pad = |byte: u8| padded.map(|b| b ^ byte);
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    let outer = Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize();
    outer.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two signatures without stopping at the first difference.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_sha256_agrees_with_an_independent_implementation() {
        // Keys here are always 32 bytes, which no RFC 4231 case uses; the expected value is
        // Python's `hmac.new(bytes(range(32)), msg, hashlib.sha256).hexdigest()`.
        let key: Key = core::array::from_fn(|i| i as u8);
        assert_eq!(
            sign(&key, b"what the board was shown"),
            "5bdd45073ffdaccecfa186fcc6b7f0e97a4a9098367ffdd36db2eb12c24c0bfb"
        );
    }

    #[test]
    fn the_key_folder_follows_xdg_then_the_platform() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|p| p.0 == k)
                    .map(|p| std::ffi::OsString::from(p.1))
            }
        };
        let linux = env(&[("HOME", "/home/ann")]);
        assert_eq!(
            folder(&linux, "linux"),
            Some(PathBuf::from("/home/ann/.cache/quarterdeck"))
        );
        let mac = env(&[("HOME", "/Users/ann")]);
        assert_eq!(
            folder(&mac, "macos"),
            Some(PathBuf::from("/Users/ann/Library/Caches/quarterdeck"))
        );
        let xdg = env(&[("HOME", "/home/ann"), ("XDG_CACHE_HOME", "/tmp/c")]);
        assert_eq!(
            folder(&xdg, "linux"),
            Some(PathBuf::from("/tmp/c/quarterdeck"))
        );
        assert_eq!(folder(&env(&[("HOME", "rel")]), "linux"), None);
        assert_eq!(folder(&env(&[]), "linux"), None);
    }
}
