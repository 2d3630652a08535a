//! Reproduction 12 (site-root discovery): a `quarterdeck.toml` in a folder above, owned by
//! another user, was used as the site, whoever owns it.

use crate::support::{run_in, Site};

/// Handing a folder to another user needs root (as in CI here); elsewhere the test says so.
#[cfg(unix)]
#[test]
fn a_site_found_above_and_owned_by_another_user_is_refused() {
    if rustix::process::geteuid().as_raw() != 0 {
        eprintln!("skipped: giving a folder to another user needs root");
        return;
    }
    let site = Site::copy_of("minimal");
    let below = site.path("shared/mine");
    std::fs::create_dir_all(&below).unwrap();
    let nobody = Some(65534);
    std::os::unix::fs::chown(&site.root, nobody, nobody).unwrap();
    std::os::unix::fs::chown(site.path("quarterdeck.toml"), nobody, nobody).unwrap();
    let run = run_in(&below, &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let shown = site.root.display();
    assert_eq!(
        run.stderr,
        format!("error: the nearest quarterdeck.toml above this folder, in {shown}, belongs to another user (uid 65534); quarterdeck does not use a site it found there\n  = help: pass --root {shown} if you trust it, or run quarterdeck in a site of your own\n")
    );
    // Named on purpose, it is used.
    let run = run_in(&below, &["check", "--root", &shown.to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The user's own site above is found as before.
    std::os::unix::fs::chown(&site.root, Some(0), Some(0)).unwrap();
    std::os::unix::fs::chown(site.path("quarterdeck.toml"), Some(0), Some(0)).unwrap();
    let run = run_in(&below, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
