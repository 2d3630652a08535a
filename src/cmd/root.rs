//! Which folder is the site root when `--root` is not given: the nearest folder, from the
//! current one upward, that holds quarterdeck.toml — as git finds `.git` and cargo finds
//! Cargo.toml — so that commands work from `content/quarters/…` too.

use std::path::{Path, PathBuf};

/// `given` when set; else the nearest site folder at or above the current folder, as a path
/// relative to it (`.`, `..`, `../..`), so that the paths commands print still work from
/// where they were run. Falls back to `.` (which then fails as "not a site") when none is.
pub fn site_root(given: Option<PathBuf>) -> PathBuf {
    if let Some(root) = given {
        return root;
    }
    let Ok(cwd) = std::env::current_dir() else {
        return PathBuf::from(".");
    };
    match levels_up(&cwd) {
        None | Some(0) => PathBuf::from("."),
        Some(n) => {
            let found = cwd.ancestors().nth(n).unwrap_or(&cwd);
            eprintln!("using site root {}", found.display());
            relative_up(n)
        }
    }
}

/// How many folders above `start` the nearest one holding quarterdeck.toml is.
pub fn levels_up(start: &Path) -> Option<usize> {
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
        let base = std::env::temp_dir().join(format!("qd-root-{}", std::process::id()));
        let deep = base.join("site/content/quarters/2026-Q3");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(base.join("site/quarterdeck.toml"), "").unwrap();
        assert_eq!(levels_up(&deep), Some(3));
        assert_eq!(levels_up(&base.join("site")), Some(0));
        assert_eq!(relative_up(3), PathBuf::from("../../.."));
        std::fs::remove_dir_all(&base).unwrap();
    }
}
