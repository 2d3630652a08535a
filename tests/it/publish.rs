//! `publish` and `restate`, and `check` keeping a published quarter as it was presented:
//! on temporary copies of the minimal fixture (2026-Q1 and 2026-Q2, both final).

use crate::support::{walk, Site};

const Q2: &str = "content/quarters/2026-Q2";
const RECORD: &str = "content/quarters/2026-Q2/published.yaml";
const R7: &str = "content/quarters/2026-Q2/risks/R-007.yaml";
const HINT: &str = "  = help: a published quarter is what the board was told: undo the change, or record it as a restatement with `quarterdeck restate 2026-Q2 --reason \"what was corrected, and why\" --cto NAME --ciso NAME`\n";

/// A copy of the minimal fixture with 2026-Q2 published.
fn published() -> Site {
    let site = Site::copy_of("minimal");
    let run = site.run(&["publish", "2026-Q2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

/// The `published-changed` error as `check` prints it (the line of the record's fingerprint).
fn changed(site: &Site, what: &str) -> String {
    let record = site.read(RECORD);
    let (n, line) = record
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("fingerprint: "))
        .last()
        .unwrap();
    let col = line.find("sha256").unwrap() + 1;
    let pad = " ".repeat((n + 1).to_string().len());
    format!(
        "{RECORD}:{}:{col}: error[published-changed]: 2026-Q2 was published on 2026-07-15; its content no longer matches the record: {what}\n{pad} |\n{} | {line}\n{pad} | {}^\n{HINT}",
        n + 1,
        n + 1,
        " ".repeat(col - 1)
    )
}

fn check_fails_with(site: &Site, what: &str) {
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let (head, _) = run.stderr.split_once("\nchecked ").unwrap();
    assert_eq!(head, changed(site, what));
}

/// Expects exactly these (file, code) diagnostics from `check --format json`, in order, and
/// exit status 1 (each test's list holds an error).
fn assert_codes(site: &Site, want: &[(&str, &str)]) {
    let run = site.check(&["--format", "json"]);
    let diags = run.diagnostics();
    let got: Vec<(&str, &str)> = diags
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(got, want, "{}", run.stdout);
    assert_eq!(run.code, 1);
}

/// The first `fingerprint:` of a record's text.
fn fingerprint_of(record: &str) -> String {
    record
        .lines()
        .find_map(|l| l.strip_prefix("fingerprint: "))
        .unwrap()
        .to_string()
}

fn check_passes(site: &Site) {
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(": 0 errors, 0 warnings\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn publish_writes_the_record_and_check_accepts_it() {
    let site = Site::copy_of("minimal");
    let run = site.run(&["publish", "2026-Q2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let record = site.read(RECORD);
    let fingerprint = fingerprint_of(&record);
    assert_eq!(
        run.stdout,
        format!(
            "published 2026-Q2 on 2026-07-15: {RECORD} records 9 files and what they are shown with (fingerprint {}…)\n",
            &fingerprint[..19]
        )
    );
    assert!(
        record.contains("\npublished_on: 2026-07-15\nform: 2\nfingerprint: sha256:"),
        "{record}"
    );
    assert!(record.ends_with("\nrestatements: []\n"), "{record}");
    let files: Vec<&str> = record
        .lines()
        .filter_map(|l| {
            l.strip_prefix("  ")?
                .split_once(": sha256:")
                .map(|(p, _)| p)
        })
        .collect();
    assert_eq!(
        files,
        [
            "computed/metrics",
            "computed/risks",
            "content/metrics.yaml",
            "content/quarters/2026-Q2/incidents/INC-2026-031.yaml",
            "content/quarters/2026-Q2/initiatives/I-001.yaml",
            "content/quarters/2026-Q2/investments/INV-003.yaml",
            "content/quarters/2026-Q2/quarter.yaml",
            "content/quarters/2026-Q2/risks/R-002.yaml",
            "content/quarters/2026-Q2/risks/R-007.yaml",
            "content/quarters/2026-Q2/risks/R-010.yaml",
            "content/quarters/2026-Q2/trends.yaml",
            "quarterdeck.toml",
        ]
    );
    check_passes(&site);
    assert_eq!(site.run(&["build"]).code, 0);

    // Once only; a change is a restatement.
    let again = site.run(&["publish", "2026-Q2"]);
    assert_eq!(again.code, 2);
    assert_eq!(
        again.stderr,
        format!("error: 2026-Q2 is already published on 2026-07-15 ({RECORD}); record a change with `quarterdeck restate`\n  = help: quarterdeck restate 2026-Q2 --reason \"what was corrected, and why\" --cto NAME --ciso NAME\n")
    );
    assert_eq!(site.read(RECORD), record);
}

#[test]
fn publish_takes_a_date() {
    let site = Site::copy_of("minimal");
    // The lower-case form the site's URLs use is the same quarter.
    let run = site.run(&["publish", "2026-q1", "--date", "2026-04-20"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .read("content/quarters/2026-Q1/published.yaml")
        .contains("\npublished_on: 2026-04-20\n"));
    let bad = site.run(&["publish", "2026-Q2", "--date", "2026-02-30"]);
    assert_eq!(bad.code, 2);
    assert_eq!(
        bad.stderr,
        "error: --date: `2026-02-30` is not a real calendar date (expected YYYY-MM-DD)\n"
    );
    let none = site.run(&["publish", "2026-Q3"]);
    assert_eq!(none.code, 2);
    assert_eq!(
        none.stderr,
        "error: the site has no quarter 2026-Q3 (content/quarters/2026-Q3)\n  = help: the quarters are: 2026-Q1, 2026-Q2\n"
    );
}

#[test]
fn publish_refuses_a_draft() {
    let site = Site::copy_of("minimal");
    site.edit(
        &format!("{Q2}/quarter.yaml"),
        "status: final",
        "status: draft",
    );
    let run = site.run(&["publish", "2026-Q2"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: 2026-Q2 is a draft; only a final quarter, signed off by the CTO and the CISO, is published\n  = help: set `status: final` with `approved_by` in content/quarters/2026-Q2/quarter.yaml once the board has seen it\n"
    );
    assert!(!site.path(RECORD).exists());
}

#[test]
fn publish_refuses_a_quarter_with_errors() {
    let site = Site::copy_of("minimal");
    site.edit(R7, "impact: 5", "impact: 9");
    let run = site.run(&["publish", "2026-Q2"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(&format!(
            "{R7}:4:9: error[out-of-range]: `impact` is 9, expected an integer from 1 to 5\n"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("error: 2026-Q2 cannot be published: the site has 1 error; fix it first (see `quarterdeck check`)\n"),
        "{}",
        run.stderr
    );
    assert!(!site.path(RECORD).exists());
}

#[test]
fn comments_and_formatting_are_not_a_change() {
    let site = published();
    // Comments, key order, quoting, flow style, a trailing space, CRLF and a BOM.
    site.write(
        R7,
        "\u{feff}# reviewed again in August\r\nstatus: \"mitigating\"\r\nid: 'R-007'\r\ntitle: Ransomware on build infrastructure   \r\nstatement: >-\r\n  Ransomware that reaches shared CI runners could halt releases for a week and expose signing keys.\r\nimpact: 5\r\nlikelihood: 3 # unchanged\r\nowner: VP Platform Engineering\r\nmitigation: \"Immutable backups of runners; EDR on all build agents.\"\r\ndue: 2026-12-15\r\n",
    );
    site.edit(
        "content/metrics.yaml",
        "- id: uptime_pct",
        "# the uptime metric\n- id: uptime_pct",
    );
    site.edit("content/metrics.yaml", "target: 7\n", "target: 7.0\n");
    check_passes(&site);
}

#[test]
fn a_changed_value_is_published_changed_on_the_record() {
    let site = published();
    site.edit(R7, "likelihood: 3", "likelihood: 2");
    check_fails_with(&site, &format!("changed {R7}"));
    // GitHub annotates the record.
    let gh = site.check(&["--format", "github"]);
    assert_eq!(gh.code, 1);
    assert!(
        gh.stdout.starts_with(&format!(
            "::error file={RECORD},line=6,col=14,title=quarterdeck published-changed::2026-Q2 was published on 2026-07-15; its content no longer matches the record: changed {R7}%0Ahelp: a published quarter"
        )),
        "{}",
        gh.stdout
    );
    // The build refuses, as for any error.
    let build = site.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(!site.path("output").exists());
}

#[test]
fn an_added_and_a_removed_file_are_named() {
    let site = published();
    site.write(
        &format!("{Q2}/risks/R-011.yaml"),
        &site.read(R7).replace("R-007", "R-011"),
    );
    site.remove(&format!("{Q2}/incidents/INC-2026-031.yaml"));
    check_fails_with(
        &site,
        &format!("removed {Q2}/incidents/INC-2026-031.yaml; added {Q2}/risks/R-011.yaml"),
    );
}

#[test]
fn a_changed_definition_of_a_reported_metric_is_a_change() {
    let site = published();
    // A metric the quarter does not report may come and go.
    let metrics = site.read("content/metrics.yaml");
    site.write(
        "content/metrics.yaml",
        &format!("{metrics}- id: phishing_pct\n  name: Phishing clicks\n  unit: \"%\"\n  better: lower\n  owner: ciso\n"),
    );
    check_passes(&site);
    site.edit("content/metrics.yaml", "target: 7\n", "target: 5\n");
    check_fails_with(
        &site,
        "changed content/metrics.yaml (the definitions of the metrics this quarter reports)",
    );
}

#[test]
fn restate_records_the_change_and_the_board_sees_it() {
    let site = published();
    let first = fingerprint_of(&site.read(RECORD));
    site.edit(R7, "likelihood: 3", "likelihood: 2");
    let run = site.run(&[
        "restate",
        "2026-Q2",
        "--reason",
        "R-007 likelihood corrected: the runner audit had been misread",
        "--cto",
        "Dana Whitfield",
        "--ciso",
        "Samuel Okafor",
        "--date",
        "2026-08-03",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("restated 2026-Q2 on 2026-08-03 (restatement 1, fingerprint sha256:"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(&format!("): changed {R7}\n")),
        "{}",
        run.stdout
    );
    let record = site.read(RECORD);
    assert!(
        record.contains(&format!("restatements:\n  - date: 2026-08-03\n    reason: \"R-007 likelihood corrected: the runner audit had been misread\"\n    approved_by:\n      cto: Dana Whitfield\n      ciso: Samuel Okafor\n    replaces: {first}\n    fingerprint: sha256:")),
        "{record}"
    );
    check_passes(&site);

    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = site.read("output/2026-q2/index.html");
    assert!(
        page.contains("<p class=\"op-restated\"><strong>Restated</strong> <span class=\"restatement\">3 August 2026: R-007 likelihood corrected: the runner audit had been misread (approved by Dana Whitfield and Samuel Okafor)</span></p>"),
        "{page}"
    );
    let archive = site.read("output/archive/index.html");
    assert!(archive.contains("<p class=\"archive-restated\"><strong>Restated</strong> 3 August 2026: R-007 likelihood corrected: the runner audit had been misread</p>"));
    let data: serde_json::Value =
        serde_json::from_str(&site.read("output/2026-q2/data.json")).unwrap();
    assert_eq!(data["published_on"], "2026-07-15");
    assert_eq!(
        data["restatements"],
        serde_json::json!([{
            "date": "2026-08-03",
            "reason": "R-007 likelihood corrected: the runner audit had been misread",
            "approved_by": {"cto": "Dana Whitfield", "ciso": "Samuel Okafor"}
        }])
    );
    // An unpublished quarter has neither field.
    let q1: serde_json::Value =
        serde_json::from_str(&site.read("output/2026-q1/data.json")).unwrap();
    assert!(q1.get("published_on").is_none() && q1.get("restatements").is_none());
    assert!(!site
        .read("output/2026-q1/index.html")
        .contains("op-restated"));

    // The next change is checked against the restatement, and dated after it.
    site.edit(R7, "likelihood: 2", "likelihood: 1");
    let run = site.check(&[]);
    assert!(
        run.stderr.contains("2026-Q2 was published on 2026-07-15 and restated on 2026-08-03; its content no longer matches the record: changed "),
        "{}",
        run.stderr
    );
    let early = site.run(&[
        "restate",
        "2026-Q2",
        "--reason",
        "x",
        "--cto",
        "A",
        "--ciso",
        "B",
        "--date",
        "2026-08-01",
    ]);
    assert_eq!(early.code, 2);
    assert_eq!(early.stderr, "error: --date 2026-08-01 is before the latest entry of 2026-Q2's record (2026-08-03); a restatement is dated on or after it\n");
}

#[test]
fn restate_refuses_what_is_no_restatement() {
    let site = Site::copy_of("minimal");
    let args = |q: &'static str| -> Vec<&'static str> {
        vec![
            "restate", q, "--reason", "Typo", "--cto", "A", "--ciso", "B",
        ]
    };
    let run = site.run(&args("2026-Q2"));
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, format!("error: 2026-Q2 is not published (it has no {RECORD}), so a change to it is no restatement\n  = help: edit it as usual; record it once presented with `quarterdeck publish 2026-Q2`\n"));
    assert_eq!(site.run(&["publish", "2026-Q2"]).code, 0);
    let run = site.run(&args("2026-q2"));
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, format!("error: 2026-Q2 matches its record ({RECORD}); there is nothing to restate\n  = help: make the correction in content/quarters/2026-Q2/ first, then restate\n"));
    // A wrong --date is said first, whatever the state of the quarter.
    let mut bad = args("2026-Q2");
    bad.extend(["--date", "2026-13-01"]);
    let run = site.run(&bad);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --date: `2026-13-01` is not a real calendar date (expected YYYY-MM-DD)\n"
    );
    let run = site.run(&[
        "restate", "2026-Q2", "--reason", " ", "--cto", "A", "--ciso", "B",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: --reason is empty; a restatement says what was corrected and why, approved by the CTO and the CISO\n");
    // A change that breaks the content is fixed, not restated.
    site.edit(R7, "impact: 5", "impact: 9");
    let run = site.run(&args("2026-Q2"));
    assert_eq!(run.code, 1);
    assert!(run.stderr.ends_with("error: 2026-Q2 cannot be restated: the site has 1 error; fix it first (see `quarterdeck check`)\n"), "{}", run.stderr);
    assert!(!site.read(RECORD).contains("- date:"));
}

#[test]
fn historic_lints_are_quiet_for_published_quarters_only() {
    let site = Site::copy_of("minimal");
    // R-007 overdue at both meetings (2026-04-15 and 2026-07-15).
    site.edit(
        "content/quarters/2026-Q1/risks/R-007.yaml",
        "due: 2026-12-15",
        "due: 2026-03-01",
    );
    site.edit(R7, "due: 2026-12-15", "due: 2026-03-01");
    let before = site.check(&[]);
    assert_eq!(before.code, 0);
    assert_eq!(
        before.stderr.matches("warning[overdue]").count(),
        2,
        "{}",
        before.stderr
    );
    // Lints do not stop publishing.
    let run = site.run(&["publish", "2026-Q1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = site.check(&[]);
    assert_eq!(after.code, 0);
    assert!(
        after.stderr.starts_with(&format!("{R7}:8:6: warning[overdue]: R-007 was due 2026-03-01, before the board meeting on 2026-07-15, and is not closed\n")),
        "{}",
        after.stderr
    );
    assert!(
        after
            .stderr
            .ends_with("checked 2 quarters (19 files): 0 errors, 1 warning\n"),
        "{}",
        after.stderr
    );
    // Errors are still reported.
    site.edit(
        "content/quarters/2026-Q1/risks/R-007.yaml",
        "impact: 4",
        "impact: 0",
    );
    // The changed file's own error is reported; `published-changed` waits until it checks.
    assert_codes(
        &site,
        &[
            ("content/quarters/2026-Q1/risks/R-007.yaml", "out-of-range"),
            (R7, "overdue"),
        ],
    );
    site.edit(
        "content/quarters/2026-Q1/risks/R-007.yaml",
        "impact: 0",
        "impact: 3",
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("content/quarters/2026-Q1/published.yaml:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error[published-changed]: 2026-Q1 was published on "),
        "{}",
        run.stderr
    );
}

/// A broken metrics.yaml is one error, not one more on every published quarter it covers.
#[test]
fn a_broken_shared_file_is_reported_once_not_on_every_published_quarter() {
    let site = Site::copy_of("minimal");
    for q in ["2026-Q1", "2026-Q2"] {
        assert_eq!(site.run(&["publish", q]).code, 0);
    }
    let metrics = site.read("content/metrics.yaml");
    site.write("content/metrics.yaml", &format!("{metrics}\tbroken\n"));
    assert_codes(&site, &[("content/metrics.yaml", "yaml-syntax")]);
    // Fixed another way than it was, the change to the definitions is a change to both.
    site.write(
        "content/metrics.yaml",
        &metrics.replacen("owner: joint", "owner: cto", 1),
    );
    assert_codes(
        &site,
        &[
            (
                "content/quarters/2026-Q1/published.yaml",
                "published-changed",
            ),
            (
                "content/quarters/2026-Q2/published.yaml",
                "published-changed",
            ),
        ],
    );
}

#[test]
fn the_fingerprint_is_the_same_across_line_endings_byte_order_marks_and_runs() {
    let plain = Site::copy_of("minimal");
    let windows = Site::copy_of("minimal");
    for entry in walk(&windows.root.join("content")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        std::fs::write(&entry, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    }
    for site in [&plain, &windows] {
        assert_eq!(site.run(&["publish", "2026-Q2"]).code, 0);
    }
    assert_eq!(plain.read(RECORD), windows.read(RECORD));
    // A second run writes the same bytes.
    std::fs::remove_file(plain.path(RECORD)).unwrap();
    let first = windows.read(RECORD);
    assert_eq!(plain.run(&["publish", "2026-Q2"]).code, 0);
    assert_eq!(plain.read(RECORD), first);
}

/// Diagnostics of a hand-broken record: (line, column, code, message).
fn record_errors(site: &Site) -> Vec<(u64, u64, String, String)> {
    let run = site.check(&["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    run.diagnostics()
        .iter()
        .filter(|d| d["file"] == RECORD)
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const ZERO: &str = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

#[test]
fn a_broken_record_gets_clear_errors_with_positions() {
    let site = Site::copy_of("minimal");
    let e = |l, c, code: &str, m: &str| (l, c, code.to_string(), m.to_string());

    site.write(RECORD, "published_on: 2026-07-15\nrestatements: []\n");
    assert_eq!(
        record_errors(&site),
        [e(2, 1, "missing-field", "missing field `fingerprint`")]
    );

    site.write(
        RECORD,
        &format!("published_on: 2026-07-15\nfingerprint: {ZERO}\nsigned: yes\n"),
    );
    assert_eq!(
        record_errors(&site),
        [e(
            3,
            1,
            "unknown-field",
            "unknown field `signed`; allowed here: published_on, form, fingerprint, files, restatements"
        )]
    );

    site.write(
        RECORD,
        "published_on: 2026-07-15\nfingerprint: sha256:abc\n",
    );
    assert_eq!(
        record_errors(&site),
        [e(2, 14, "bad-fingerprint", "`sha256:abc` is not a fingerprint; expected `sha256:` and 64 lower-case hexadecimal digits")]
    );

    site.write(
        RECORD,
        &format!(
            "published_on: 2026-07-15\nfingerprint: {ZERO}\nfiles:\n  {Q2}/quarter.yaml: {ZERO}\n"
        ),
    );
    assert_eq!(
        record_errors(&site),
        [e(
            2,
            14,
            "bad-fingerprint",
            "this fingerprint does not match the file fingerprints listed under `files`"
        )]
    );

    site.write(
        RECORD,
        &format!("published_on: 2026-07-15\nfingerprint: {ZERO}\nrestatements:\n  - date: 2026-07-01\n    reason: Fixed a typo\n    fingerprint: {ZERO}\n  - date: 2026-08-01\n    reason: Fixed a score\n    approved_by:\n      cto: Dana Whitfield\n    fingerprint: {ZERO}\n"),
    );
    assert_eq!(
        record_errors(&site),
        [
            e(
                4,
                5,
                "missing-signoff",
                "a restatement needs the joint sign-off; missing: cto, ciso"
            ),
            e(
                4,
                11,
                "bad-date",
                "this restatement is dated 2026-07-01, before the entry above it (2026-07-15)"
            ),
            e(
                10,
                7,
                "missing-signoff",
                "a restatement needs the joint sign-off; missing: ciso"
            ),
        ]
    );
}

#[test]
fn new_never_writes_into_a_published_quarter() {
    let site = published();
    let run = site.run(&["new", "risk", "Supplier outage"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "error: the latest quarter, 2026-Q2, is published: a new risk would change what the board was told\n  = help: start the next quarter with `quarterdeck new quarter 2026-Q3` and add the risk there\n");
    let run = site.run(&["new", "quarter", "2026-Q2", "--force"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "error: 2026-Q2 is published: it is the record of what was presented to the board, and is never replaced\n  = help: to correct it, edit its files and record the change with `quarterdeck restate 2026-Q2 --reason \"what was corrected, and why\" --cto NAME --ciso NAME`\n");
    check_passes(&site);
    // The next quarter is the place for new work.
    assert_eq!(site.run(&["new", "quarter", "2026-Q3"]).code, 0);
    assert_eq!(site.run(&["new", "risk", "Supplier outage"]).code, 0);
    check_passes_but_for_placeholders(&site);
}

/// The new quarter has placeholders to fill in, but nothing is reported about 2026-Q2.
fn check_passes_but_for_placeholders(site: &Site) {
    let run = site.check(&["--format", "json"]);
    assert!(run.diagnostics().iter().all(|d| d["file"]
        .as_str()
        .unwrap()
        .starts_with("content/quarters/2026-Q3/")));
}

#[test]
fn diff_git_puts_a_restatement_first() {
    let site = published();
    site.git(&["init", "-q"]);
    site.git(&["add", "-A"]);
    site.git(&["commit", "-q", "-m", "2026-Q2 published"]);
    site.edit(R7, "likelihood: 3", "likelihood: 2");
    site.edit(
        "content/quarters/2026-Q1/risks/R-007.yaml",
        "likelihood: 4",
        "likelihood: 3",
    );
    let diff = |format: &str| {
        let out = site
            .in_repo(&site.root)
            .args(["diff", "--git", "HEAD", "--format", format])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    // Unrecorded: the diff still shows it (check is what fails), first and marked.
    let text = diff("text");
    let q2 = text.find("== 2026-Q2 (modified) ==\nRESTATEMENT of what the board was told (published 2026-07-15), NOT recorded: `check` fails (published-changed) until `quarterdeck restate 2026-Q2").unwrap();
    assert!(
        q2 < text.find("== 2026-Q1 (modified) ==").unwrap(),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&diff("json")).unwrap();
    assert_eq!(json["quarters"][0]["quarter"], "2026-Q2");
    assert_eq!(
        json["quarters"][0]["restatement"],
        serde_json::json!({"published_on": "2026-07-15", "recorded": false, "reason": null})
    );
    assert!(json["quarters"][1].get("restatement").is_none());

    let run = site.run(&[
        "restate",
        "2026-Q2",
        "--reason",
        "R-007 likelihood corrected",
        "--cto",
        "A",
        "--ciso",
        "B",
        "--date",
        "2026-08-03",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = diff("markdown");
    assert!(
        md.contains(
            "**2 quarters changed:** 2026-Q2 (modified, **restatement**), 2026-Q1 (modified)"
        ),
        "{md}"
    );
    assert!(md.contains("### 2026-Q2 (modified)\n\n> **Restatement** of what the board was told (published 2026-07-15), recorded: R-007 likelihood corrected\n"), "{md}");
}
