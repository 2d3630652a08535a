//! A published record only grows (issue #30): `check --base REF` against rewritten records,
//! `publish` refusing a quarter published at `HEAD`, and the CI step of docs/ci.md as written.
//! On Git copies of the minimal fixture (2026-Q2 published and restated once) and of the
//! example site.

use crate::support::{copy_dir, Run, Site, BIN};
use std::path::Path;

const RECORD: &str = "content/quarters/2026-Q2/published.yaml";
const QUARTER: &str = "content/quarters/2026-Q2/quarter.yaml";
const R7: &str = "content/quarters/2026-Q2/risks/R-007.yaml";
const RESTATE: &str =
    "quarterdeck restate 2026-Q2 --reason \"what was corrected, and why\" --cto NAME --ciso NAME";

/// The minimal fixture in a repository whose `main` holds 2026-Q2 published (on 2026-07-15)
/// and restated (on 2026-08-03); the work goes on in branch `work`.
fn repo() -> Site {
    let site = Site::copy_of("minimal");
    site.git(&["init", "-q", "-b", "main"]);
    assert_eq!(site.run(&["publish", "2026-Q2"]).code, 0);
    site.edit(R7, "likelihood: 3", "likelihood: 2");
    restate(&site, "R-007 likelihood corrected", "2026-08-03");
    site.git(&["add", "-A"]);
    site.git(&["commit", "-q", "-m", "2026-Q2 published and restated"]);
    site.git(&["checkout", "-q", "-b", "work"]);
    site
}

fn restate(site: &Site, reason: &str, date: &str) {
    let run = site.run(&[
        "restate", "2026-Q2", "--reason", reason, "--cto", "A", "--ciso", "B", "--date", date,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn commit(site: &Site, message: &str) {
    site.git(&["add", "-A"]);
    site.git(&["commit", "-q", "-m", message]);
}

/// `quarterdeck ARGS` in the repository, Git kept to it.
fn run(site: &Site, args: &[&str]) -> Run {
    site.in_repo(&site.root).args(args).output().unwrap().into()
}

/// The one diagnostic `check --base main --format json` reports, as (line, code, message);
/// the exit status must be 1.
fn rewritten(site: &Site) -> (u64, String, String) {
    let out = run(site, &["check", "--base", "main", "--format", "json"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let diags = out.diagnostics();
    assert_eq!(diags.len(), 1, "{}", out.stdout);
    let d = &diags[0];
    assert_eq!(d["file"], RECORD);
    assert_eq!(
        d["hint"],
        format!("a published record only grows: restore it with `git checkout main -- {RECORD}`, then record the change with `{RESTATE}`")
    );
    (
        d["line"].as_u64().unwrap_or(0),
        d["code"].as_str().unwrap().to_string(),
        d["message"].as_str().unwrap().to_string(),
    )
}

fn message(what: &str) -> String {
    format!("the record of 2026-Q2 (published on 2026-07-15 at main) was rewritten, not added to: {what}")
}

fn passes(out: &Run) {
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.ends_with(": 0 errors, 0 warnings\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn delete_and_republish_is_record_rewritten() {
    let site = repo();
    site.edit(QUARTER, "headline: ", "headline: Rewritten ");
    site.remove(RECORD);
    commit(&site, "drop the record");
    let publish = run(&site, &["publish", "2026-Q2"]);
    assert_eq!(publish.code, 0, "{}", publish.stderr);
    commit(&site, "publish again");
    // The record is self-consistent again: only the base can tell.
    passes(&site.check(&[]));
    assert_eq!(
        rewritten(&site),
        (
            6,
            "record-rewritten".into(),
            message("the first publication's fingerprint changed (the quarter was published again); restatement 1 (2026-08-03) was removed")
        )
    );
    // The review summary says what is true: only check --base sees it.
    let diff = run(&site, &["diff", "--git", "main"]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    assert!(
        diff.stdout.contains(&format!("== 2026-Q2 (modified) ==\nRESTATEMENT of what the board was told (published 2026-07-15), NOT recorded: its record was rewritten instead\nRECORD REWRITTEN: the first publication's fingerprint changed (the quarter was published again); restatement 1 (2026-08-03) was removed. `check --base main` fails (record-rewritten); plain `check` does not compare with main. Restore it with `git checkout main -- {RECORD}`, then `{RESTATE}`\n")),
        "{}",
        diff.stdout
    );
    let json = run(&site, &["diff", "--git", "main", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        json["quarters"][0]["record_rewritten"],
        serde_json::json!([
            "the first publication's fingerprint changed (the quarter was published again)",
            "restatement 1 (2026-08-03) was removed"
        ])
    );
    assert_eq!(json["quarters"][0]["restatement"]["recorded"], false);
    let md = run(&site, &["diff", "--git", "main", "--format", "markdown"]);
    assert!(
        md.stdout
            .contains("**1 quarter changed:** 2026-Q2 (modified, **restatement**)"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("> **Record rewritten**: the first publication's fingerprint changed (the quarter was published again); restatement 1 (2026-08-03) was removed. `quarterdeck check --base` with main fails (`record-rewritten`)"),
        "{}",
        md.stdout
    );
}

#[test]
fn an_edited_published_on_is_record_rewritten() {
    let site = repo();
    site.edit(
        RECORD,
        "published_on: 2026-07-15",
        "published_on: 2026-07-01",
    );
    // The seal already breaks without a base; with one, the better-told error replaces it.
    let plain = site.check_json();
    assert_eq!(plain.codes(), ["record-broken"]);
    assert_eq!(
        rewritten(&site),
        (
            4,
            "record-rewritten".into(),
            message("published_on changed from 2026-07-15 to 2026-07-01")
        )
    );
}

#[test]
fn an_edited_restatement_reason_is_record_rewritten() {
    let site = repo();
    site.edit(
        RECORD,
        "reason: R-007 likelihood corrected",
        "reason: Typo fixed",
    );
    // No content changed, but the review still shows the record was rewritten.
    let diff = run(&site, &["diff", "--git", "main"]);
    assert!(
        diff.stdout.contains("== 2026-Q2 (modified) ==\nRECORD REWRITTEN: restatement 1 (2026-08-03): reason changed. `check --base main` fails"),
        "{}",
        diff.stdout
    );
    assert_eq!(
        rewritten(&site),
        (
            21,
            "record-rewritten".into(),
            message("restatement 1 (2026-08-03): reason changed")
        )
    );
}

#[test]
fn a_removed_restatement_is_record_rewritten() {
    let site = repo();
    let text = site.read(RECORD);
    let (head, _) = text.split_once("restatements:\n").unwrap();
    site.write(RECORD, &format!("{head}restatements: []\n"));
    site.edit(R7, "likelihood: 2", "likelihood: 3");
    assert_eq!(
        rewritten(&site),
        (
            0,
            "record-rewritten".into(),
            message("restatement 1 (2026-08-03) was removed")
        )
    );
}

#[test]
fn a_deleted_record_is_record_rewritten_in_every_format() {
    let site = repo();
    site.remove(RECORD);
    // Without its record the quarter is an ordinary one: plain check cannot see the loss.
    passes(&site.check(&[]));
    assert_eq!(
        rewritten(&site),
        (
            0,
            "record-rewritten".into(),
            message("the record was deleted")
        )
    );
    let github = run(&site, &["check", "--base", "main", "--format", "github"]);
    assert_eq!(github.code, 1);
    assert_eq!(
        github.stdout,
        format!("::error file={RECORD},title=quarterdeck record-rewritten::{}%0Ahelp: a published record only grows: restore it with `git checkout main -- {RECORD}`, then record the change with `{RESTATE}`\n", message("the record was deleted"))
    );
    let human = run(&site, &["check", "--base", "main"]);
    assert_eq!(human.code, 1);
    assert_eq!(
        human.stderr,
        format!("{RECORD}: error[record-rewritten]: {}\n  = help: a published record only grows: restore it with `git checkout main -- {RECORD}`, then record the change with `{RESTATE}`\n\nchecked 2 quarters (18 files): 1 error, 0 warnings\n", message("the record was deleted"))
    );
}

#[test]
fn a_proper_restatement_passes_check_base() {
    let site = repo();
    passes(&run(&site, &["check", "--base", "main"]));
    site.edit(R7, "likelihood: 2", "likelihood: 1");
    restate(&site, "R-007 likelihood corrected again", "2026-09-01");
    commit(&site, "restated");
    passes(&run(&site, &["check", "--base", "main"]));
    // Reformatting the record by hand changes no value.
    site.edit(
        RECORD,
        "published_on: 2026-07-15",
        "published_on: \"2026-07-15\" # as presented",
    );
    passes(&run(&site, &["check", "--base", "main"]));
}

#[test]
fn publish_refuses_a_quarter_published_at_head_and_writes_nothing() {
    let site = repo();
    site.remove(RECORD);
    let publish = run(&site, &["publish", "2026-Q2"]);
    assert_eq!(publish.code, 2);
    assert_eq!(
        publish.stderr,
        format!("error: 2026-Q2 is already published on 2026-07-15 ({RECORD} at HEAD); record a change with `quarterdeck restate`\n  = help: restore the record with `git checkout HEAD -- {RECORD}`, then run `{RESTATE}`\n")
    );
    assert!(!site.path(RECORD).exists());
    // Outside Git, only the working tree is asked, as before.
    std::fs::remove_dir_all(site.path(".git")).unwrap();
    assert_eq!(run(&site, &["publish", "2026-Q2"]).code, 0);
}

#[test]
fn base_outside_a_repository_or_an_unknown_ref_is_a_usage_error() {
    let site = repo();
    let unknown = run(&site, &["check", "--base", "nope", "--format", "json"]);
    assert_eq!(unknown.code, 2);
    assert_eq!(unknown.stdout, "");
    assert_eq!(unknown.stderr, "error: --base: unknown Git ref `nope`; give a branch, tag or commit, e.g. `main`, `work` or `HEAD~1` (a remote branch must be fetched first)\n");
    std::fs::remove_dir_all(site.path(".git")).unwrap();
    let outside = run(&site, &["check", "--base", "main"]);
    assert_eq!(outside.code, 2);
    assert_eq!(
        outside.stderr,
        "error: --base: . is not inside a Git repository; `diff --git` and `check --base` compare the working tree with a Git ref\n"
    );
    // Without --base nothing changes outside Git.
    passes(&site.check(&[]));
}

/// The `run:` line of the step named `name` in docs/ci/github-actions.yml, as written there.
fn workflow_step(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ci/github-actions.yml");
    let text = std::fs::read_to_string(path).unwrap();
    let workflow: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let steps = workflow["jobs"]["review"]["steps"].as_array().unwrap();
    let step = steps.iter().find(|s| s["name"] == name).unwrap();
    step["run"].as_str().unwrap().to_string()
}

/// Issue #30's reproduction on a Git copy of the example, a pull request against `main`:
/// 2026-Q2's headline edited, its published.yaml deleted, `quarterdeck publish 2026-Q2` run
/// again. Plain `check` passes; the workflow's check step, run as docs/ci.md writes it, fails.
#[test]
fn the_ci_check_step_fails_on_a_re_published_quarter() {
    let temp = crate::support::temp_dir();
    let root = temp.path().join("board");
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&example.join("content"), &root.join("content"));
    std::fs::copy(
        example.join("quarterdeck.toml"),
        root.join("quarterdeck.toml"),
    )
    .unwrap();
    let site = Site::inside(root.clone());
    site.git(&["init", "-q", "-b", "main"]);
    commit(&site, "the board pack");
    // What `actions/checkout` leaves: the base branch as a remote-tracking ref.
    site.git(&["update-ref", "refs/remotes/origin/main", "main"]);
    site.git(&["checkout", "-q", "-b", "pr"]);
    site.edit(QUARTER, "headline: ", "headline: Better than it was, ");
    site.remove(RECORD);
    // Without its record the quarter is no longer published, so its risks need the categories
    // the site has since adopted before `publish` accepts it again.
    for file in crate::support::walk(&root.join("content/quarters/2026-Q2/risks")) {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        site.edit(&rel, "\nstatement: ", "\ncategory: cyber\nstatement: ");
    }
    commit(&site, "edit the headline");
    let again = run(&site, &["publish", "2026-Q2"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    commit(&site, "publish again");
    let plain = site.check(&["--format", "github"]);
    assert_eq!((plain.code, plain.stdout.as_str()), (0, ""));

    let step = workflow_step("Check the content");
    assert!(step.contains("--base"), "{step}");
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap());
    let out: Run = std::process::Command::new("sh")
        .args(["-c", &step])
        .current_dir(&root)
        .env("PATH", path)
        .env("BASE_REF", "main") // ${{ github.base_ref }} of a pull request against main
        .env("GIT_CEILING_DIRECTORIES", temp.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap()
        .into();
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.starts_with(&format!("::error file={RECORD},line=6,col=14,title=quarterdeck record-rewritten::the record of 2026-Q2 (published on 2026-07-15 at origin/main) was rewritten, not added to: the first publication's fingerprint changed (the quarter was published again); restatement 1 (2026-12-07) was removed%0Ahelp: a published record only grows: restore it with `git checkout origin/main -- {RECORD}`")),
        "{}",
        out.stdout
    );
}
