//! Writing the output: concurrent builds of one site, and rebuilds over an existing output that
//! write only what changed yet end byte-identical to a clean build.

use crate::support::{Site, BIN};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir`, by relative path; folders that hold no file are listed as `name/`.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .to_string();
        if e.file_type().is_file() {
            out.insert(rel, std::fs::read(e.path()).unwrap());
        } else if e.file_type().is_dir() && std::fs::read_dir(e.path()).unwrap().next().is_none() {
            out.insert(format!("{rel}/"), Vec::new());
        } else if !e.file_type().is_dir() {
            out.insert(format!("{rel} (not a file)"), Vec::new());
        }
    }
    out
}

/// Builds `site` over its existing `output/`, then a clean build into `clean/`, and asserts the
/// two are the same files with the same bytes. Returns the rebuild's stderr.
fn rebuild_equals_clean(site: &Site) -> String {
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let clean = site.run(&["build", "--output", "clean"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    let (got, want) = (
        snapshot(&site.path("output")),
        snapshot(&site.path("clean")),
    );
    let differ: Vec<&String> = want
        .keys()
        .chain(got.keys())
        .filter(|k| got.get(*k) != want.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "rebuild differs from a clean build in {differ:?}"
    );
    std::fs::remove_dir_all(site.path("clean")).unwrap();
    run.stderr
}

fn built(site: &Site) {
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn six_builds_at_once_all_succeed_and_leave_one_clean_build() {
    let site = Site::copy_of("minimal");
    let children: Vec<_> = (0..6)
        .map(|_| {
            crate::support::bin()
                .arg("build")
                .current_dir(&site.root)
                .env("NO_COLOR", "1")
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let clean = site.run(&["build", "--output", "clean"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert_eq!(
        snapshot(&site.path("output")),
        snapshot(&site.path("clean"))
    );
    let mut beside: Vec<String> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".output."))
        .collect();
    beside.sort();
    assert_eq!(beside, [".output.lock"], "no staging folder is left");
}

#[cfg(unix)]
#[test]
fn a_rebuild_after_an_edit_writes_only_what_changed() {
    let site = Site::copy_of("minimal");
    built(&site);
    let font = site.path("output/assets/fonts/Inter-Regular.otf");
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    let (font_before, q1_before) = (inode(&font), inode(&site.path("output/2026-q1/index.html")));
    site.edit(
        "content/quarters/2026-Q2/quarter.yaml",
        "headline: Ransomware",
        "headline: Changed Ransomware",
    );
    let stderr = rebuild_equals_clean(&site);
    // The quarter's page and data, the home page (the same quarter) and the archive's line.
    assert!(stderr.contains(" 4 written,"), "{stderr}");
    assert_eq!(
        inode(&font),
        font_before,
        "an unchanged file is not rewritten"
    );
    assert_eq!(inode(&site.path("output/2026-q1/index.html")), q1_before);
    assert!(site
        .read("output/2026-q2/index.html")
        .contains("Changed Ransomware"));
    let q2 = inode(&site.path("output/2026-q2/index.html"));
    let again = site.run(&["build"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(inode(&site.path("output/2026-q2/index.html")), q2);
    assert!(
        again.stderr.contains("files, 0 written,"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_rebuild_after_a_deleted_risk_equals_a_clean_build() {
    let site = Site::copy_of("minimal");
    built(&site);
    assert!(site.path("output/risks/r-010/index.html").is_file());
    site.remove("content/quarters/2026-Q1/risks/R-010.yaml");
    site.remove("content/quarters/2026-Q2/risks/R-010.yaml");
    rebuild_equals_clean(&site);
    assert!(
        !site.path("output/risks/r-010").exists(),
        "its folder is gone too"
    );
}

#[test]
fn a_rebuild_after_a_deleted_quarter_equals_a_clean_build() {
    let site = Site::copy_of("minimal");
    built(&site);
    std::fs::remove_dir_all(site.path("content/quarters/2026-Q1")).unwrap();
    rebuild_equals_clean(&site);
    assert!(!site.path("output/2026-q1").exists());
}

#[test]
fn a_rebuild_after_a_template_override_added_and_removed_equals_a_clean_build() {
    let site = Site::copy_of("minimal");
    built(&site);
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block main %}<p>OVERRIDDEN {{ page.title }}</p>{% endblock %}");
    site.write("templates/extra.css", "p { color: red }\n");
    rebuild_equals_clean(&site);
    assert!(site
        .read("output/decision-rights/index.html")
        .contains("OVERRIDDEN"));
    assert!(site.path("output/assets/extra.css").is_file());
    std::fs::remove_dir_all(site.path("templates")).unwrap();
    rebuild_equals_clean(&site);
    assert!(!site.path("output/assets/extra.css").exists());
}

#[test]
fn a_rebuild_after_a_changed_setting_equals_a_clean_build() {
    let site = Site::copy_of("minimal");
    built(&site);
    site.edit(
        "quarterdeck.toml",
        "currency = \"USD\"",
        "currency = \"EUR\"",
    );
    site.edit("quarterdeck.toml", "paper = \"a4\"", "paper = \"letter\"");
    site.edit("quarterdeck.toml", "top_risks = 3", "top_risks = 4");
    rebuild_equals_clean(&site);
}

#[cfg(unix)]
#[test]
fn a_rebuild_replaces_what_a_user_changed_in_the_output() {
    let site = Site::copy_of("minimal");
    built(&site);
    // Same size, different bytes; a stray file; a symlink where a folder was; a file where a
    // folder goes.
    let css = site.read("output/assets/style.css");
    site.write("output/assets/style.css", &css.replacen('{', "[", 1));
    site.write("output/stray.txt", "mine");
    std::fs::remove_dir_all(site.path("output/2026-q1")).unwrap();
    let elsewhere = site.path("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.path("output/2026-q1")).unwrap();
    std::fs::remove_dir_all(site.path("output/archive")).unwrap();
    site.write("output/archive", "a file");
    rebuild_equals_clean(&site);
    assert_eq!(
        std::fs::read_dir(&elsewhere).unwrap().count(),
        0,
        "nothing is written through a symlink out of the output"
    );
}

#[test]
fn a_failed_rebuild_changes_nothing() {
    let site = Site::copy_of("minimal");
    built(&site);
    let before = snapshot(&site.path("output"));
    site.edit(
        "content/quarters/2026-Q2/risks/R-007.yaml",
        "impact: ",
        "impact: 9",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(before, snapshot(&site.path("output")));
    site.write("templates/page.html", "{% block main %}{{ nope(");
    site.edit(
        "content/quarters/2026-Q2/risks/R-007.yaml",
        "impact: 9",
        "impact: ",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(before, snapshot(&site.path("output")));
}

/// A first build killed while writing (SIGXFSZ at the font, the largest file) leaves no output
/// folder at all rather than a partial one; the next build succeeds.
#[cfg(unix)]
#[test]
fn a_first_build_killed_while_writing_leaves_no_output() {
    let site = Site::copy_of("minimal");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -f 64; exec '{BIN}' build"))
        .current_dir(&site.root)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(
        !status.success(),
        "the size limit should have stopped the build"
    );
    assert!(!site.path("output").exists());
    rebuild_equals_clean(&site);
}
