//! What a hostile pull request can do (issue #31): each reproduction of the review, run as an
//! attacker would, on a clone of a repository that carries the attack.

mod cache;
mod labels;
mod output;
mod pages;
mod print;
mod root;
mod serve;
mod write;

use crate::support::{git, Site};
use std::path::{Path, PathBuf};

/// Commits everything in `site` (ignored files too, as `git add -f` would) and clones the
/// repository into `into`: what a reviewer or a CI job checks out.
pub fn commit_and_clone(site: &Site, into: &Path) -> Site {
    site.git(&["init", "-q", "-b", "main"]);
    site.git(&["add", "-f", "."]);
    site.git(&["commit", "-q", "-m", "attack"]);
    git(
        site.root.parent().unwrap(),
        &[
            "clone",
            "-q",
            site.root.to_str().unwrap(),
            into.to_str().unwrap(),
        ],
    );
    Site::inside(into.to_path_buf())
}

/// A folder outside the site holding one file the attack must not reach.
pub fn victim(site: &Site) -> PathBuf {
    let dir = site.root.parent().unwrap().join("victim");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("important.txt"), "keep me").unwrap();
    dir
}
