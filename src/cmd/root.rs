//! Which folder is the site root when `--root` is not given: the nearest folder, from the
//! current one upward, that holds quarterdeck.toml — as git finds `.git` and cargo finds
//! Cargo.toml — so that commands work from `content/quarters/…` too.

use super::CmdError;
use std::path::{Path, PathBuf};

/// `given` when set; else the nearest site folder at or above the current folder, as a path
/// relative to it (`.`, `..`, `../..`), so that the paths commands print still work from
/// where they were run. When there is none, the error says where it looked and how to start.
///
/// A site found above the current folder must be the user's own, as git refuses a repository
/// another user owns (`safe.directory`): another user's `quarterdeck.toml` in `/tmp` or a
/// shared folder above would otherwise choose the templates, the content and the output of
/// every build run below it. The current folder and `--root` are the user's own choice.
pub(crate) fn site_root(given: Option<PathBuf>) -> Result<PathBuf, CmdError> {
    if let Some(root) = given {
        return Ok(root);
    }
    let Ok(cwd) = std::env::current_dir() else {
        return Ok(PathBuf::from("."));
    };
    match levels_up(&cwd) {
        Some(0) => Ok(PathBuf::from(".")),
        Some(n) => {
            let found = cwd.ancestors().nth(n).unwrap_or(&cwd);
            if let Some(owner) = foreign_owner(found) {
                return Err(CmdError::failure(format!(
                    "the nearest quarterdeck.toml above this folder, in {}, belongs to another user (uid {owner}); quarterdeck does not use a site it found there",
                    found.display(),
                ))
                .help(format!(
                    "pass --root {} if you trust it, or run quarterdeck in a site of your own",
                    found.display()
                )));
            }
            eprintln!("using site root {}", found.display());
            Ok(relative_up(n))
        }
        None => Err(not_found(&cwd)),
    }
}

/// The owner of `dir` or of its quarterdeck.toml when that is not the user running quarterdeck.
#[cfg(unix)]
fn foreign_owner(dir: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let me = rustix::process::geteuid().as_raw();
    [dir.to_path_buf(), dir.join(crate::config::FILE_NAME)]
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.uid())
        .find(|&uid| uid != me)
}

#[cfg(not(unix))]
fn foreign_owner(_dir: &Path) -> Option<u32> {
    None
}

fn not_found(cwd: &Path) -> CmdError {
    CmdError::failure(format!(
        "no quarterdeck site here: neither {} nor any folder above it holds quarterdeck.toml",
        cwd.display()
    ))
    .help(
        "run quarterdeck inside a site, pass --root DIR, or start one with `quarterdeck init DIR`",
    )
}

/// How many folders above `start` the nearest one holding quarterdeck.toml is.
pub(crate) fn levels_up(start: &Path) -> Option<usize> {
    start
        .ancestors()
        .position(|dir| dir.join(crate::config::FILE_NAME).is_file())
}

fn relative_up(n: usize) -> PathBuf {
    (0..n).map(|_| "..").collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nearest_site_above() {
        let temp = tempfile::tempdir().unwrap();
        let base = temp.path().to_path_buf();
        let deep = base.join("site/content/quarters/2026-Q3");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(base.join("site/quarterdeck.toml"), "").unwrap();
        assert_eq!(levels_up(&deep), Some(3));
        assert_eq!(levels_up(&base.join("site")), Some(0));
        assert_eq!(relative_up(3), PathBuf::from("../../.."));
    }
}
