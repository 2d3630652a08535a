//! Files beside the content that steer `build`: a journal, a lock, an output folder; and the
//! commands that write files for the user (`templates export`, `schema --output`).

use super::{commit_and_clone, victim};
use crate::support::{temp_dir, Site};

const MARKER: &str = "This folder is written by quarterdeck build and replaced on every build.\n";

/// The review's reproduction 1: a committed `.output.commit/journal.json` naming a path under a
/// symlink that the repository put in `output/`, and a variant whose staged `files/` folder is a
/// symlink to a folder outside. `build` in a clone must touch neither.
#[cfg(unix)]
#[test]
fn a_committed_journal_is_never_replayed() {
    let dir = temp_dir();
    let site = Site::copy_of("minimal");
    let victim = victim(&site);
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("moved.txt"), "keep me too").unwrap();
    site.write("output/.quarterdeck-output", MARKER);
    site.write(".output.commit/.quarterdeck-output", MARKER);
    std::os::unix::fs::symlink(&victim, site.path("output/x")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.path(".output.commit/files")).unwrap();
    site.write(
        ".output.commit/journal.json",
        r#"{"put":["moved.txt"],"delete":["x/important.txt"],"prune":[]}"#,
    );
    let clone = commit_and_clone(&site, &dir.path().join("clone"));
    let run = clone.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(victim.join("important.txt")).unwrap(),
        "keep me"
    );
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("moved.txt")).unwrap(),
        "keep me too"
    );
    // The planted link is gone from the output (it is not part of the site), its target kept.
    assert!(std::fs::symlink_metadata(clone.path("output/x")).is_err());
    assert!(!clone.path("output/moved.txt").exists());
}

/// Reproduction 8: a committed `.output.lock` that is a dangling symlink would have the build
/// create the file it points at.
#[cfg(unix)]
#[test]
fn the_build_lock_never_follows_a_symlink() {
    let dir = temp_dir();
    let site = Site::copy_of("minimal");
    let target = dir.path().join("created-by-the-lock");
    std::os::unix::fs::symlink(&target, site.path(".output.lock")).unwrap();
    let clone = commit_and_clone(&site, &dir.path().join("clone"));
    let run = clone.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        !target.exists(),
        "the lock created a file through a symlink"
    );
    assert_eq!(
        run.stderr,
        format!(
            "error: cannot write {}: it is a symbolic link, which quarterdeck does not follow here\n  = help: remove it; quarterdeck makes its own\n",
            clone.path(".output.lock").display()
        )
    );
    assert!(!clone.path("output").exists());
}

/// Reproduction 8: an output folder that is refused (not written by quarterdeck) leaves nothing
/// behind, not even the lock file beside it (`--output /etc` left `/.etc.lock`).
#[test]
fn a_refused_output_leaves_nothing_behind() {
    let site = Site::copy_of("minimal");
    site.write("mine/notes.txt", "precious");
    let before: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let run = site.run(&["build", "--output", "mine"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: mine is not empty and was not written by quarterdeck; refusing to replace it\n"
    );
    let after: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after);
}

/// Reproduction 8: `templates export` and `schema --output` write through a dangling symlink
/// (creating a file anywhere), and `--force` overwrote a symlink's target.
#[cfg(unix)]
#[test]
fn export_and_schema_never_write_through_a_symlink() {
    let dir = temp_dir();
    let victim = dir.path().join("victim.txt");
    let dangling = dir.path().join("nowhere.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let templates = dir.path().join("templates");
    let schemas = dir.path().join("schemas");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::create_dir_all(&schemas).unwrap();
    std::os::unix::fs::symlink(&dangling, templates.join("page.html")).unwrap();
    std::os::unix::fs::symlink(&dangling, schemas.join("risk.schema.json")).unwrap();
    let run = crate::support::run_in(dir.path(), &["templates", "export", "templates"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("these files exist and were left as they are: templates/page.html"),
        "{}",
        run.stderr
    );
    assert!(
        !dangling.exists(),
        "export created a file through a symlink"
    );
    // `schema --output` always replaces its files: the link is replaced, not followed.
    let run = crate::support::run_in(dir.path(), &["schema", "--output", "schemas"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !dangling.exists(),
        "schema created a file through a symlink"
    );
    assert!(std::fs::symlink_metadata(schemas.join("risk.schema.json"))
        .unwrap()
        .is_file());

    // --force replaces the link itself, never what it points at.
    std::fs::remove_file(templates.join("page.html")).unwrap();
    std::os::unix::fs::symlink(&victim, templates.join("page.html")).unwrap();
    let run = crate::support::run_in(dir.path(), &["templates", "export", "--force", "templates"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(std::fs::symlink_metadata(templates.join("page.html"))
        .unwrap()
        .is_file());
}

/// A committed `output` that is a symbolic link would send the whole site (and, on rebuilds,
/// deletions) into whatever folder it names.
#[cfg(unix)]
#[test]
fn a_committed_output_link_is_not_followed() {
    let dir = temp_dir();
    let site = Site::copy_of("minimal");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.path("output")).unwrap();
    let clone = commit_and_clone(&site, &dir.path().join("clone"));
    let run = clone.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: refusing to write the site to ./output: it is a symbolic link, and the site's own output folder must be a folder\n  = help: remove the link, or pass --output DIR to write where it points\n"
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}
