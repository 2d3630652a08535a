//! Where `build` and `serve` keep the trials of money at risk between runs: one small file per
//! quarter, named by the key of everything its trials depend on (`model::money::store`), in the
//! user's cache folder (`$XDG_CACHE_HOME/quarterdeck/money/`, else `~/.cache/…`,
//! `~/Library/Caches/…` on macOS).
//!
//! Why a cache at all: 20,000 trial years per risk and quarter are a second of processor time
//! for a site of 40 quarters × 25 risks, several times what the rest of its build costs, and the
//! same for every build of unchanged content. Why in the user's folder and not beside the site
//! like the PDF cache: an entry decides figures printed in a board pack, and a folder inside the
//! site can arrive with a repository; a file in the user's own cache folder cannot. An entry is
//! taken only when it names its key and version, so a damaged or foreign file is simply drawn
//! again; deleting the folder only costs the next build its trials.

use crate::model::money::store::{self, Drawn, Key, Store};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Larger than any entry (a quarter's is a few kilobytes): a file past it is not an entry.
const MAX_ENTRY: u64 = 1 << 20;

/// The cache folder, from the environment as `env` reports it: `money/` in quarterdeck's folder
/// of the user's cache, where the PDF cache's key lives too; none without an absolute home.
pub(crate) fn folder(
    env: &dyn Fn(&str) -> Option<std::ffi::OsString>,
    os: &str,
) -> Option<PathBuf> {
    crate::pdf::key::folder(env, os).map(|d| d.join("money"))
}

/// [`folder`] for this process.
pub(crate) fn user_folder() -> Option<PathBuf> {
    folder(&|k| std::env::var_os(k), std::env::consts::OS)
}

/// Entries as files in one folder. Errors are not reported: a cache that cannot be read or
/// written only means the trials are drawn.
pub(crate) struct Disk {
    dir: PathBuf,
}

impl Disk {
    pub(crate) fn new(dir: &Path) -> Disk {
        Disk {
            dir: dir.to_path_buf(),
        }
    }

    fn path(&self, key: &Key) -> PathBuf {
        self.dir.join(format!("{}.json", store::hex(key)))
    }
}

impl Store for Disk {
    fn get(&self, key: &Key) -> Option<Drawn> {
        let path = self.path(key);
        // A regular file only, never through a link; read no more than an entry can be.
        if !std::fs::symlink_metadata(&path).ok()?.is_file() {
            return None;
        }
        let mut text = String::new();
        std::fs::File::open(&path)
            .ok()?
            .take(MAX_ENTRY)
            .read_to_string(&mut text)
            .ok()?;
        store::decode(key, &text)
    }

    fn put(&self, key: &Key, drawn: &Drawn) {
        let _ = write(&self.dir, &self.path(key), &store::encode(key, drawn));
    }
}

/// Writes `text` to `path` whole or not at all: into a file of this process, renamed over it.
fn write(dir: &Path, path: &Path, text: &str) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        name.unwrap_or_default(),
        std::process::id()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = options
        .open(&temp)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
        .and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::money::Portfolio;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<std::ffi::OsString> + 'a {
        move |k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| (*v).into())
    }

    #[test]
    fn the_folder_follows_the_platforms_cache_folder() {
        let at = |vars, os| folder(&env(vars), os);
        assert_eq!(
            at(&[("HOME", "/home/ann")], "linux"),
            Some(PathBuf::from("/home/ann/.cache/quarterdeck/money"))
        );
        assert_eq!(
            at(
                &[("HOME", "/home/ann"), ("XDG_CACHE_HOME", "/tmp/c")],
                "linux"
            ),
            Some(PathBuf::from("/tmp/c/quarterdeck/money"))
        );
        assert_eq!(
            at(&[("HOME", "/Users/ann")], "macos"),
            Some(PathBuf::from("/Users/ann/Library/Caches/quarterdeck/money"))
        );
        assert_eq!(at(&[("XDG_CACHE_HOME", "rel")], "linux"), None);
        assert_eq!(at(&[], "linux"), None);
    }

    #[test]
    fn an_entry_put_is_got_and_anything_else_is_not() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("money");
        let disk = Disk::new(&dir);
        let drawn = Drawn {
            one_in_20: vec![Some(1.5), None],
            portfolio: Some(Portfolio {
                expected_annual_loss: 2.0,
                loss_1_in_20: 3.0,
                curve: vec![],
                risks: 1,
                tolerance: vec![],
            }),
        };
        let key = [1; 32];
        assert_eq!(disk.get(&key), None);
        disk.put(&key, &drawn);
        assert_eq!(disk.get(&key), Some(drawn.clone()));
        // Only the entry is left behind, private to its user.
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!((mode(&dir), mode(&disk.path(&key))), (0o700, 0o600));
        }
        // A file copied under another key's name is not that key's entry.
        let other = [2; 32];
        std::fs::copy(disk.path(&key), disk.path(&other)).unwrap();
        assert_eq!(disk.get(&other), None);
        // A link is not followed, even to a good entry.
        #[cfg(unix)]
        {
            let third = [3; 32];
            let elsewhere = Disk::new(&temp.path().join("elsewhere"));
            elsewhere.put(&third, &drawn);
            assert_eq!(elsewhere.get(&third), Some(drawn.clone()));
            std::os::unix::fs::symlink(elsewhere.path(&third), disk.path(&third)).unwrap();
            assert_eq!(disk.get(&third), None);
        }
    }
}
