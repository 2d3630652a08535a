//! What needs a disk: links, the records `publish` writes, Git and `publish` itself.

use super::*;
use crate::support::Site;

#[cfg(unix)]
#[test]
fn symlink() {
    let site = Site::copy_of("minimal");
    let outside = crate::support::temp_dir();
    std::fs::write(outside.path().join("R-099.yaml"), "id: R-099\n").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("R-099.yaml"),
        site.path(&format!("{Q2}/risks/R-099.yaml")),
    )
    .unwrap();
    pin("symlink", &site.check(&[]));
}

#[cfg(unix)]
#[test]
fn unreadable() {
    let site = Site::copy_of("minimal");
    std::os::unix::fs::symlink("R-404.yaml", site.path(&format!("{Q2}/risks/R-099.yaml"))).unwrap();
    pin("unreadable", &site.check(&[]));
}

/// The minimal fixture on disk with 2026-Q2 published.
fn published() -> Site {
    let site = Site::copy_of("minimal");
    let run = site.run(&["publish", "2026-Q2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

const RECORD: &str = "content/quarters/2026-Q2/published.yaml";

#[test]
fn published_changed() {
    let site = published();
    site.edit(R7, "likelihood: 3", "likelihood: 2");
    pin("published-changed", &site.check(&[]));
}

#[test]
fn bad_fingerprint() {
    let site = published();
    let record = site.read(RECORD);
    let at = record.find("fingerprint: sha256:").unwrap() + "fingerprint: sha256:".len();
    site.write(
        RECORD,
        &format!("{}not-hex{}", &record[..at], &record[at + 64..]),
    );
    pin("bad-fingerprint", &site.check(&[]));
}

#[test]
fn record_broken() {
    let site = published();
    site.edit(
        RECORD,
        "published_on: 2026-07-15",
        "published_on: 2026-07-01",
    );
    pin("record-broken", &site.check(&[]));
}

#[test]
fn record_rewritten() {
    let site = published();
    site.git(&["init", "-q", "-b", "main"]);
    site.git(&["add", "-A"]);
    site.git(&["commit", "-q", "-m", "2026-Q2 published"]);
    site.remove(RECORD);
    let run = site
        .in_repo(&site.root)
        .args(["check", "--base", "main"])
        .output()
        .unwrap()
        .into();
    pin("record-rewritten", &run);
}

/// `publish` refuses a quarter whose `decide` ask has no decision: its message, with the
/// command's own line under it.
#[test]
fn undecided_ask() {
    let site = Site::copy_of("minimal");
    site.edit(
        QUARTER,
        "  - Approve the \"better\" option of INV-003.\n",
        "  - type: approve\n    about: [INV-003]\n    text: The better option of INV-003.\n",
    );
    pin("undecided-ask", &site.run(&["publish", "2026-Q2"]));
}
