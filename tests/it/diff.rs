//! `quarterdeck diff`: between quarters of a fixture copy, in every format, and against Git
//! refs of a throwaway repository made inside the copy.

use crate::support::{Run, Site};
use std::path::{Path, PathBuf};
use std::process::Command;

const Q2: &str = "content/quarters/2026-Q2";
const R7: &str = "content/quarters/2026-Q2/risks/R-007.yaml";

/// The fixture with Q2 changed against Q1: R-002 closed, R-011 new, R-010 re-owned. R-007
/// already moves in the fixture (16 → 15).
fn eventful() -> Site {
    let site = Site::copy_of("minimal");
    site.edit(&format!("{Q2}/risks/R-002.yaml"), "status: open", "status: closed")
        .edit(&format!("{Q2}/risks/R-010.yaml"), "owner: Director of Warehouse Systems", "owner: CIO")
        .write(
            &format!("{Q2}/risks/R-011.yaml"),
            "id: R-011\ntitle: Stolen courier tablets\nstatement: A stolen tablet exposes routes.\n\
             impact: 2\nlikelihood: 4\nowner: CISO\nmitigation: MDM wipe.\ndue: 2026-12-01\nstatus: open\n",
        );
    site
}

/// Copies 2026-Q2 to a draft 2026-Q3 whose only change is R-007's likelihood.
fn add_draft_q3(site: &Site) {
    let q2 = site.path(Q2);
    crate::support::copy_dir(&q2, &site.path("content/quarters/2026-Q3"));
    let q = "content/quarters/2026-Q3/quarter.yaml";
    let text = site
        .read(q)
        .replace("2026-Q2", "2026-Q3")
        .replace("status: final", "status: draft");
    site.write(q, &text)
        .edit(q, "board_meeting: 2026-07-15", "board_meeting: 2026-10-14")
        .edit(
            "content/quarters/2026-Q3/risks/R-007.yaml",
            "likelihood: 3",
            "likelihood: 4",
        );
}

#[test]
fn text_names_new_closed_and_moved_risks() {
    let site = eventful();
    let run = site.run(&["diff", "2026-Q1", "2026-Q2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [
        "Board pack changes: 2026-Q1 → 2026-Q2",
        "1 risk moved, 1 new, 1 closed, 1 changed owner; top risks changed; 2 metrics changed; 2 targets now met; 1 new incident; summary edited\n",
        "new     R-011 Stolen courier tablets: 8 (impact 2, likelihood 4; open; owner CISO)",
        // What closed it: the last mitigation.
        "closed  R-002 Vendor breach exposes shipment data: 12 (was open; last mitigation: “Vendor security reviews and contract clauses.”)",
        "↓ down  R-007 Ransomware on build infrastructure: 16 → 15 (impact 4 → 5, likelihood 4 → 3)",
        "changed R-010 Legacy warehouse system without EDR: 6 (owner Director of Warehouse Systems → CIO)",
        "Mean time to remediate critical vulnerabilities: 9.5 days → 6.1 days (improving ↗; target 7 days: now met ✓, was missed ✗)",
        "new INC-2026-031 Tracking portal outage: sev2",
        "Critical vulnerabilities are now fixed in **[-9.5-]{+6.1+} days** on average.",
    ] {
        assert!(run.stdout.contains(line), "missing {line:?} in\n{}", run.stdout);
    }
}

#[test]
fn vanished_risk_is_named() {
    let site = Site::copy_of("minimal");
    site.remove(&format!("{Q2}/risks/R-010.yaml"));
    let run = site.run(&["diff"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("vanished R-010 Legacy warehouse system without EDR: was 6 (was accepted in 2026-Q1, missing from 2026-Q2 without being closed)"),
        "{}",
        run.stdout
    );
}

#[test]
fn defaults_to_the_two_latest_quarters_including_drafts() {
    let site = Site::copy_of("minimal");
    add_draft_q3(&site);
    let run = site.run(&["diff"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(
            "Board pack changes: 2026-Q2 → 2026-Q3\n2026-Q3 is a draft.\n1 risk moved"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "↑ up R-007 Ransomware on build infrastructure: 15 → 20 (impact 5, likelihood 3 → 4)"
        ),
        "{}",
        run.stdout
    );
    // FROM alone is compared with the latest quarter.
    let run = site.run(&["diff", "2026-Q1"]);
    assert!(
        run.stdout
            .starts_with("Board pack changes: 2026-Q1 → 2026-Q3\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn markdown_reads_as_a_pr_comment() {
    let site = eventful();
    let run = site.run(&["diff", "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.starts_with(
            "## Board pack changes: 2026-Q1 → 2026-Q2\n\n**1 risk moved, 1 new, 1 closed"
        ),
        "{out}"
    );
    for part in [
        "### Risks\n\n| Risk | Change | Score | Details |\n|---|---|---|---|\n",
        "| **R-011** Stolen courier tablets | new | 8 | impact 2, likelihood 4; open; owner CISO |",
        "| **R-007** Ransomware on build infrastructure | ↓ down | 16 → 15 | impact 4 → 5, likelihood 4 → 3 |",
        "### Metrics",
        "| Customer-facing uptime | 99.93% → 99.96% | improving ↗; target 99.95%: now met ✓, was missed ✗ |",
        "- _edited:_ Critical vulnerabilities are now fixed in <del><strong>9.5</strong></del> <ins><strong>6.1</strong></ins><strong> days</strong> on average.",
    ] {
        assert!(out.contains(part), "missing {part:?} in\n{out}");
    }
}

#[test]
fn markdown_escapes_hostile_titles() {
    let site = Site::copy_of("minimal");
    site.edit(
        R7,
        "title: Ransomware on build infrastructure",
        "title: \"Ransomware | <script>x</script> @team\"",
    );
    let run = site.run(&["diff", "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("<script>"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "| **R-007** Ransomware \\| &lt;script&gt;x&lt;/script&gt; @&#8203;team | ↓ down |"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn json_is_structured_and_deterministic() {
    let site = eventful();
    let run = site.run(&["diff", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, site.run(&["diff", "--format", "json"]).stdout);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        (v["from"].as_str(), v["to"].as_str()),
        (Some("2026-Q1"), Some("2026-Q2"))
    );
    let risks: Vec<(&str, &str)> = v["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["change"].as_str().unwrap()))
        .collect();
    assert_eq!(
        risks,
        vec![
            ("R-011", "new"),
            ("R-002", "closed"),
            ("R-007", "changed"),
            ("R-010", "changed")
        ]
    );
    assert_eq!(v["risks"][2]["movement"], "down");
    assert_eq!(v["risks"][2]["from"]["score"], 16);
    assert_eq!(v["metrics"][1]["to"]["target_met"], true);
    assert_eq!(v["incidents"][0]["id"], "INC-2026-031");
    assert!(v["summary"].as_str().unwrap().starts_with("1 risk moved"));
}

#[test]
fn bad_or_unknown_quarter_is_a_usage_error_listing_the_quarters() {
    let site = Site::copy_of("minimal");
    let run = site.run(&["diff", "2026-Q7"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `2026-Q7` is not a quarter; expected YYYY-QN, e.g. 2026-Q3; available: 2026-Q1, 2026-Q2\n"
    );
    let run = site.run(&["diff", "2025-Q1", "2026-Q2"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: the site has no quarter 2025-Q1; available: 2026-Q1, 2026-Q2\n"
    );
    assert!(run.stdout.is_empty());
    std::fs::remove_dir_all(site.path("content/quarters/2026-Q1")).unwrap();
    let run = site.run(&["diff"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: diff needs two quarters to compare; available: 2026-Q2\n"
    );
}

#[test]
fn content_errors_are_printed_and_exit_1() {
    let site = Site::copy_of("minimal");
    site.edit(R7, "impact: 5", "impact: 9");
    let run = site.run(&["diff"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains(&format!("{R7}:4:")), "{}", run.stderr);
    assert!(
        run.stderr.contains("error: the content has errors"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

// ---- --git ----

/// A fixture copy that is its own Git repository with one commit.
fn repo() -> Site {
    let site = Site::copy_of("minimal");
    site.git(&["init", "-q"]);
    site.git(&["add", "-A"]);
    site.git(&["commit", "-q", "-m", "first"]);
    site
}

/// Runs the binary with a private temporary folder (to check it is left empty) and Git kept
/// from looking above the site for a repository.
fn run_in(site: &Site, dir: &Path, args: &[&str]) -> (Run, PathBuf) {
    let tmp = site.root.with_extension("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let out = site
        .in_repo(dir)
        .args(args)
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    (Run::from(out), tmp)
}

fn assert_clean(tmp: &Path) {
    let left: Vec<_> = std::fs::read_dir(tmp).unwrap().collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    let _ = std::fs::remove_dir_all(tmp);
}

#[test]
fn git_names_an_uncommitted_move_then_a_committed_one() {
    let site = repo();
    site.edit(R7, "likelihood: 3", "likelihood: 4");
    let (run, tmp) = run_in(&site, &site.root, &["diff", "--git", "HEAD"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("Board pack changes: working tree against HEAD ("),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("== 2026-Q2 (modified) =="),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "↑ up R-007 Ransomware on build infrastructure: 15 → 20 (impact 5, likelihood 3 → 4)"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("modified {R7}")),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("2026-Q1"),
        "Q1 is untouched:\n{}",
        run.stdout
    );
    assert_clean(&tmp);

    site.git(&["commit", "-q", "-am", "second"]);
    let (run, tmp) = run_in(&site, &site.root, &["diff", "--git", "HEAD"]);
    assert_eq!(
        (run.code, run.stdout.contains("no changes")),
        (0, true),
        "{}",
        run.stdout
    );
    assert_clean(&tmp);
    let (run, tmp) = run_in(
        &site,
        &site.root,
        &["diff", "--git", "HEAD~1", "--format", "markdown"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("## Board pack changes: working tree against HEAD\\~1\n\n**1 quarter changed:** 2026-Q2 (modified)"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("| **R-007** Ransomware on build infrastructure | ↑ up | 15 → 20 |"),
        "{}",
        run.stdout
    );
    assert_clean(&tmp);
}

#[test]
fn git_site_in_a_subfolder_with_an_added_quarter() {
    // The repository is the copy; the site is moved one level down into it.
    let site = Site::copy_of("minimal");
    let inner = site.path("board");
    std::fs::create_dir_all(&inner).unwrap();
    for name in ["quarterdeck.toml", "content"] {
        std::fs::rename(site.path(name), inner.join(name)).unwrap();
    }
    site.git(&["init", "-q"]);
    site.git(&["add", "-A"]);
    site.git(&["commit", "-q", "-m", "first"]);
    add_draft_q3(&Site::inside(inner.clone()));
    let (run, tmp) = run_in(
        &site,
        &inner,
        &["diff", "--git", "HEAD", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["ref"], "HEAD");
    assert_eq!(v["quarters"].as_array().unwrap().len(), 1, "{v}");
    let q = &v["quarters"][0];
    assert_eq!(
        (q["quarter"].as_str(), q["change"].as_str()),
        (Some("2026-Q3"), Some("added"))
    );
    assert_eq!(q["compared_with"], "2026-Q2");
    assert_eq!(q["diff"]["risks"][0]["id"], "R-007");
    assert_eq!(q["diff"]["risks"][0]["movement"], "up");
    assert_clean(&tmp);
}

#[test]
fn git_usage_errors_exit_2() {
    let site = Site::copy_of("minimal");
    let (run, tmp) = run_in(&site, &site.root, &["diff", "--git", "HEAD"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not inside a Git repository"),
        "{}",
        run.stderr
    );
    let _ = std::fs::remove_dir_all(tmp);

    let site = repo();
    let (run, tmp) = run_in(&site, &site.root, &["diff", "--git", "no-such-branch"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: unknown Git ref `no-such-branch`"),
        "{}",
        run.stderr
    );
    assert_clean(&tmp);

    // The fix offered is never the ref that failed: this repository has no remote at all.
    site.git(&["branch", "-m", "main"]);
    let (run, tmp) = run_in(&site, &site.root, &["diff", "--git", "origin/main"]);
    assert_eq!(
        run.stderr,
        "error: unknown Git ref `origin/main`; give a branch, tag or commit, e.g. `main` or `HEAD~1` (a remote branch must be fetched first)\n"
    );
    assert_clean(&tmp);

    let run = site.run(&["diff", "--git", "HEAD", "2026-Q1"]);
    assert_eq!(run.code, 2, "--git takes no quarters");
}

#[test]
fn markdown_says_why_when_the_content_has_errors() {
    let site = Site::copy_of("minimal");
    site.edit(
        "content/quarters/2026-Q2/risks/R-007.yaml",
        "impact: 5",
        "impact: 9",
    );
    let run = site.run(&["diff", "--format", "markdown"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .starts_with("## Board pack changes: not available"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("`content/quarters/2026-Q2/risks/R-007.yaml:4:9`"),
        "{}",
        run.stdout
    );
}

#[test]
fn git_reports_the_knock_on_in_the_following_quarter() {
    let site = repo();
    site.edit(
        "content/quarters/2026-Q1/risks/R-007.yaml",
        "likelihood: 4",
        "likelihood: 2",
    );
    let (run, _tmp) = run_in(&site, &site.root, &["diff", "--git", "HEAD"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("== 2026-Q2 (modified) =="),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("R-007: movement is now up (previous score 8); was down (previous score 16)"),
        "{}",
        run.stdout
    );
}

/// A metric's knock-on line names the metric as the scoreboard does, and says what changed:
/// the direction when it moved, else the previous reading (not "improving; was improving").
#[test]
fn git_knock_on_metric_lines_name_the_metric_and_what_changed() {
    let site = repo();
    site.edit(
        "content/quarters/2026-Q1/trends.yaml",
        "mttr_critical_days: 9.5",
        "mttr_critical_days: 8",
    );
    let (run, _tmp) = run_in(&site, &site.root, &["diff", "--git", "HEAD"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Mean time to remediate critical vulnerabilities: previous reading is now 8 days; was 9.5 days (still improving)"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("mttr_critical_days"), "{}", run.stdout);
    site.edit(
        "content/quarters/2026-Q1/trends.yaml",
        "mttr_critical_days: 8",
        "mttr_critical_days: 5",
    );
    let (run, _tmp) = run_in(&site, &site.root, &["diff", "--git", "HEAD"]);
    assert!(
        run.stdout.contains("Mean time to remediate critical vulnerabilities: direction is now worsening; was improving (the previous reading changed)"),
        "{}",
        run.stdout
    );
}

/// `Art. 28` is no sentence end: the edit stays inside its sentence, word by word.
#[test]
fn an_abbreviation_does_not_split_a_sentence() {
    let site = Site::copy_of("minimal");
    site.edit(
        "content/quarters/2026-Q2/quarter.yaml",
        "Critical vulnerabilities are now fixed in **6.1 days** on average.",
        "Verträge nach Art. 28 in Arbeit. Critical vulnerabilities are now fixed in **6.1 days** on average.",
    );
    site.edit(
        "content/quarters/2026-Q1/quarter.yaml",
        "Critical vulnerabilities are now fixed in **9.5 days** on average.",
        "Verträge nach Art. 28 geprüft. Critical vulnerabilities are now fixed in **9.5 days** on average.",
    );
    let run = site.run(&["diff", "2026-Q1", "2026-Q2"]);
    assert!(
        run.stdout
            .contains("Verträge nach Art. 28 [-geprüft-]{+in Arbeit+}.\n"),
        "{}",
        run.stdout
    );
}

/// Board content at a ref is confidential before publication: `diff --git` reads it from Git
/// into memory and creates no file anywhere. TMPDIR names a folder that does not exist, so
/// any temporary folder would fail the run; the private folder around it must stay empty,
/// and the site must gain no file.
#[test]
fn git_diff_creates_no_file_anywhere() {
    let site = repo();
    site.edit(R7, "likelihood: 3", "likelihood: 4");
    let private = site.root.with_extension("private");
    std::fs::create_dir_all(&private).unwrap();
    let out = site
        .in_repo(&site.root)
        .args(["diff", "--git", "HEAD"])
        .env("TMPDIR", private.join("tmp"))
        .output()
        .unwrap();
    let run = Run::from(out);
    let left: Vec<_> = std::fs::read_dir(&private).unwrap().collect();
    let _ = std::fs::remove_dir_all(&private);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(left.is_empty(), "files created: {left:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines.contains(&"== 2026-Q2 (modified) =="),
        "{}",
        run.stdout
    );
    assert!(
        lines.iter().any(|l| {
            l.trim()
            == "↑ up R-007 Ransomware on build infrastructure: 15 → 20 (impact 5, likelihood 3 → 4)"
        }),
        "{}",
        run.stdout
    );
    let status = Command::new("git")
        .args([
            "status",
            "--porcelain",
            "--untracked-files=all",
            "--ignored",
        ])
        .current_dir(&site.root)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&status.stdout),
        format!(" M {R7}\n")
    );
}

/// Issue 11, point 3: across a skipped quarter, a risk closed in between is closed.
#[test]
fn a_risk_closed_in_a_skipped_quarter_is_not_vanished() {
    let site = eventful(); // closes R-002 in 2026-Q2
    add_draft_q3(&site);
    site.remove("content/quarters/2026-Q3/risks/R-002.yaml") // and retires it in 2026-Q3
        .edit(
            "content/quarters/2026-Q3/investments/INV-003.yaml",
            "reduces: [R-007, R-002]",
            "reduces: [R-007]",
        );
    let run = site.run(&["diff", "2026-Q1", "2026-Q3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("R-002 Vendor breach exposes shipment data: was 12 (closed in 2026-Q2; last mitigation: “Vendor security reviews and contract clauses.”)"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("vanished"), "{}", run.stdout);
}

/// Issue 11, point 4: owner changes (on the one-pager for top risks) are counted in the
/// summary line, which no longer says "no changes" above them.
#[test]
fn git_owner_changes_are_in_the_summary() {
    let site = repo();
    for (id, owner) in [
        ("R-002", "CISO"),
        ("R-007", "VP Platform Engineering"),
        ("R-010", "Director of Warehouse Systems"),
    ] {
        let file = format!("{Q2}/risks/{id}.yaml");
        site.edit(
            &file,
            &format!("owner: {owner}"),
            "owner: Chief Risk Officer",
        );
    }
    let (run, tmp) = run_in(&site, &site.root, &["diff", "--git", "HEAD"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("== 2026-Q2 (modified) ==\n3 risks changed owner\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("no changes"), "{}", run.stdout);
    assert_clean(&tmp);
}
