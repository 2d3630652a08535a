//! `quarterdeck check`: one broken copy of the fixture per contract error kind, checked in
//! memory (`support::MemorySite`); the exit codes and streams of the binary itself at the end.

use crate::support::{error, MemorySite, Site};

/// Breaks the fixture with `edit`, runs `check --format json`, and expects exactly one error:
/// `code` at `at` (`file:line:column`, or the file alone for an error about a whole file or
/// folder), with exactly `message`. Warnings are allowed; a second error is not.
fn expect_error(edit: impl Fn(&MemorySite), code: &str, at: &str, message: &str) {
    let site = MemorySite::copy_of("minimal");
    edit(&site);
    site.expect_error(code, at, message);
}

/// One bad value does not hide the next: every field of a file is checked, so an author fixes
/// a file in one round, not one error per run.
#[test]
fn one_bad_value_hides_no_other_error_in_its_file() {
    let site = MemorySite::copy_of("minimal");
    let inc = format!("{Q2}/incidents/INC-2026-031.yaml");
    let inv = format!("{Q2}/investments/INV-003.yaml");
    site.edit(&inc, "severity: sev2", "severity: sev9")
        .edit(
        &inc,
        "learning: Added synthetic checks from two regions; paging now reaches the on-call in under 5 minutes.",
        "learning: \"\"",
    );
    site.edit(&inv, "cost: 180000", "cost: .nan").edit(
        &inv,
        "tradeoff: Highest cost; vendor lock-in",
        "tradeoff: \"\"",
    );
    site.edit(R7, "impact: 5", "impact: 6").edit(
        R7,
        "owner: VP Platform Engineering",
        "owner: \"\"",
    );
    let run = site.check_json();
    let errors = run.errors();
    let codes: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.code.as_str(), e.at.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("invalid-value", &*format!("{inc}:3:11")),
            ("empty-value", &*format!("{inc}:8:11")),
            ("out-of-range", &*format!("{inv}:7:19")),
            ("empty-value", &*format!("{inv}:9:76")),
            ("out-of-range", &*format!("{R7}:4:9")),
            ("empty-value", &*format!("{R7}:6:8")),
        ],
        "{}",
        run.stdout
    );
}

const Q2: &str = "content/quarters/2026-Q2";
const R7: &str = "content/quarters/2026-Q2/risks/R-007.yaml";

#[test]
fn malformed_yaml() {
    // An unclosed quote: the file is not YAML at all, and the error points at the quote.
    expect_error(
        |s| {
            s.edit(
                R7,
                "title: Ransomware on build infrastructure",
                "title: \"Ransomware on build infrastructure",
            );
        },
        "yaml-syntax",
        &format!("{R7}:2:8"),
        "this quoted value has no closing `\"`",
    );
}

#[test]
fn malformed_toml() {
    let site = MemorySite::copy_of("minimal");
    site.edit("quarterdeck.toml", "paper = \"a4\"", "paper = \"a4");
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("quarterdeck.toml:5:"), "{}", run.stderr);
}

#[test]
fn unknown_field_with_did_you_mean() {
    let site = MemorySite::copy_of("minimal");
    site.edit(R7, "statement:", "statment:");
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!(
            "{R7}:3:1: error[unknown-field]: unknown field `statment`"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: did you mean `statement`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 | statment: Ransomware"),
        "the snippet shows the line: {}",
        run.stderr
    );
}

#[test]
fn wrong_type() {
    expect_error(
        |s| {
            s.edit(R7, "impact: 5", "impact: high");
        },
        "wrong-type",
        &format!("{R7}:4:9"),
        "expected a whole number here",
    );
}

#[test]
fn value_out_of_range() {
    expect_error(
        |s| {
            s.edit(R7, "impact: 5", "impact: 7");
        },
        "out-of-range",
        &format!("{R7}:4:9"),
        "`impact` is 7, expected an integer from 1 to 5",
    );
}

#[test]
fn bad_date() {
    expect_error(
        |s| {
            s.edit(R7, "due: 2026-12-15", "due: 2026-02-30");
        },
        "bad-date",
        &format!("{R7}:8:6"),
        "`due`: `2026-02-30` is not a real calendar date (expected YYYY-MM-DD)",
    );
}

#[test]
fn bad_quarter_folder_name() {
    expect_error(
        |s| {
            s.rename_dir(Q2, "content/quarters/2026-Q7");
        },
        "quarter-folder",
        "content/quarters/2026-Q7",
        "quarter folder name: `2026-Q7` is not a quarter; expected YYYY-QN, e.g. 2026-Q3",
    );
}

#[test]
fn quarter_disagrees_with_folder() {
    let f = "content/quarters/2026-Q2/quarter.yaml";
    expect_error(
        |s| {
            s.edit(f, "quarter: 2026-Q2", "quarter: 2026-Q3");
        },
        "quarter-mismatch",
        &format!("{f}:1:10"),
        "`quarter` says 2026-Q3 but the folder is 2026-Q2",
    );
}

#[test]
fn duplicate_id() {
    // Files are read in name order, so the copy (`R-007-copy` sorts before `R-007.yaml`) is
    // the first and R-007.yaml the duplicate.
    let copy = "content/quarters/2026-Q2/risks/R-007-copy.yaml";
    expect_error(
        |s| {
            s.write(copy, &s.read(R7));
        },
        "duplicate-id",
        &format!("{R7}:1:5"),
        "risk id R-007 is already used by content/quarters/2026-Q2/risks/R-007-copy.yaml",
    );
}

#[test]
fn reference_to_missing_risk() {
    let f = "content/quarters/2026-Q2/initiatives/I-001.yaml";
    expect_error(
        |s| {
            s.edit(f, "reduces: [R-007]", "reduces: [R-099]");
        },
        "unknown-risk",
        &format!("{f}:6:11"),
        "`reduces` refers to risk R-099, which does not exist in 2026-Q2",
    );
}

#[test]
fn trends_key_not_a_metric() {
    let f = "content/quarters/2026-Q2/trends.yaml";
    expect_error(
        |s| {
            s.edit(f, "mttr_critical_days:", "mttr_critical_dayz:");
        },
        "unknown-metric",
        &format!("{f}:1:1"),
        "`mttr_critical_dayz` is not a metric defined in content/metrics.yaml",
    );
}

#[test]
fn accepted_risk_without_exception() {
    let f = "content/quarters/2026-Q2/risks/R-002.yaml";
    expect_error(
        |s| {
            s.edit(f, "status: open", "status: accepted");
        },
        "missing-exception",
        &format!("{f}:9:9"),
        "R-002 is accepted but has no signed exception",
    );
}

#[test]
fn incomplete_exception() {
    let f = "content/quarters/2026-Q2/risks/R-010.yaml";
    expect_error(
        |s| {
            s.edit(f, "    security: Samuel Okafor\n", "");
        },
        "incomplete-exception",
        &format!("{f}:11:3"),
        "the exception of R-010 is incomplete: it lacks `approved_by.security`",
    );
}

#[test]
fn investment_options_not_exactly_three() {
    let f = "content/quarters/2026-Q2/investments/INV-003.yaml";
    expect_error(
        |s| {
            s.edit(f, "  best:", "  premium:");
        },
        "investment-options",
        &format!("{f}:9:3"),
        "`options` must be exactly good, better and best: missing `best`; unexpected `premium`",
    );
}

#[test]
fn final_quarter_without_both_signoffs() {
    let f = "content/quarters/2026-Q2/quarter.yaml";
    expect_error(
        |s| {
            s.edit(f, "  ciso: Samuel Okafor\n", "");
        },
        "missing-signoff",
        &format!("{f}:10:3"),
        "a final quarter needs the joint sign-off; missing: ciso",
    );
}

#[test]
fn every_error_is_reported_not_only_the_first_and_sorted() {
    let site = MemorySite::copy_of("minimal");
    site.edit(R7, "impact: 5", "impact: 9");
    site.edit(
        "content/quarters/2026-Q1/risks/R-002.yaml",
        "status: open",
        "status: opn",
    );
    let run = site.check_json();
    let diags = run.diagnostics();
    let files: Vec<&str> = diags.iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["content/quarters/2026-Q1/risks/R-002.yaml", R7]);
    assert_eq!(diags[0]["hint"], "did you mean `open`?");
}

#[test]
fn every_lint_of_the_contract() {
    let site = MemorySite::copy_of("minimal");
    let long = "x".repeat(201);
    site.edit(
        R7,
        "statement: Ransomware that",
        &format!("statement: {long} Ransomware that"),
    );
    site.edit(
        "content/quarters/2026-Q2/risks/R-010.yaml",
        "expires: 2027-03-31",
        "expires: 2026-07-01",
    );
    site.edit(
        "content/quarters/2026-Q2/risks/R-010.yaml",
        "review: 2026-12-31",
        "review: 2026-06-30",
    );
    site.remove("content/quarters/2026-Q2/risks/R-002.yaml");
    site.edit(
        "content/quarters/2026-Q2/investments/INV-003.yaml",
        "reduces: [R-007, R-002]",
        "reduces: [R-007]",
    );
    let words = "word ".repeat(121);
    site.edit(
        "content/quarters/2026-Q2/quarter.yaml",
        "summary: |\n",
        &format!("summary: |\n  {words}\n"),
    );
    site.edit(
        "content/quarters/2026-Q2/risks/R-007.yaml",
        "due: 2026-12-15",
        "due: 2026-07-01",
    );
    let run = site.check_json();
    assert_eq!(run.code, 0, "{}", run.stdout);
    for code in [
        "long-statement",
        "expired-exception",
        "vanished-risk",
        "few-risks",
        "long-summary",
        "overdue",
    ] {
        assert!(
            run.stdout.contains(&format!("\"code\": \"{code}\"")),
            "{code} missing from {}",
            run.stdout
        );
    }
}

#[test]
fn github_format_annotates() {
    let site = MemorySite::copy_of("minimal");
    site.edit(R7, "impact: 5", "impact: 0");
    let run = site.check(&["--format", "github"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.starts_with(&format!(
            "::error file={R7},line=4,col=9,title=quarterdeck out-of-range::"
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn hostile_files_are_errors_not_crashes() {
    let site = MemorySite::copy_of("minimal");
    site.write("content/quarters/2026-Q2/risks/R-050.yaml", "");
    site.write_bytes(
        "content/quarters/2026-Q2/risks/R-051.yaml",
        b"\xff\xfe\x00garbage",
    );
    site.write(
        "content/quarters/2026-Q2/risks/R-052.yaml",
        &"[".repeat(50_000),
    );
    site.write(
        "content/quarters/2026-Q2/risks/R-053.yaml",
        &"# pad\n".repeat(200_000),
    );
    let run = site.check_json();
    assert_eq!(run.code, 1);
    for code in ["empty-file", "not-utf8", "too-complex", "file-too-large"] {
        assert!(
            run.stdout.contains(&format!("\"code\": \"{code}\"")),
            "{code} missing: {}",
            run.stdout
        );
    }
}

#[test]
fn crlf_and_bom_are_fine() {
    let site = MemorySite::copy_of("minimal");
    let text = site.read(R7).replace('\n', "\r\n");
    site.write_bytes(R7, &[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat());
    assert_eq!(site.check(&["--strict"]).code, 0);
}

#[test]
fn one_bad_value_does_not_hide_the_next_in_the_same_file() {
    let site = MemorySite::copy_of("minimal");
    site.edit(R7, "impact: 5", "impact: 9");
    site.edit(R7, "likelihood: 3", "likelihood: 0");
    let run = site.check_json();
    let lines: Vec<u64> = run
        .diagnostics()
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [4, 5], "{}", run.stdout);
}

#[test]
fn a_broken_risk_file_is_reported_once_not_again_by_its_references() {
    let site = MemorySite::copy_of("minimal");
    site.edit(
        R7,
        "title: Ransomware on build infrastructure",
        "title: \"Ransomware on build infrastructure",
    );
    let run = site.check_json();
    let codes = run.codes();
    assert_eq!(codes, ["yaml-syntax"], "{}", run.stdout);
}

#[test]
fn a_broken_quarter_file_is_reported_once_not_also_as_missing() {
    let site = MemorySite::copy_of("minimal");
    site.edit(
        "content/quarters/2026-Q2/quarter.yaml",
        "headline: Ransomware exposure down",
        "headline: \"Ransomware exposure down",
    );
    let run = site.check_json();
    let codes = run.codes();
    assert_eq!(codes, ["yaml-syntax"], "{}", run.stdout);
}

#[test]
fn hidden_folders_are_not_content() {
    let site = Site::copy_of("minimal");
    site.write("content/.git/config", "[core]\n");
    site.write(
        "content/quarters/.scratch/quarter.yaml",
        "not: valid: yaml: [",
    );
    site.write(
        "content/quarters/2026-Q2/risks/.R-099.yaml.swp",
        "\u{0}\u{1}",
    );
    // On disk, where the walk that skips them is the working tree's.
    let run = site.check(&["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_misnamed_quarter_folder_is_one_error() {
    let site = MemorySite::copy_of("minimal");
    site.rename_dir(Q2, "content/quarters/Q2-2026");
    let run = site.check_json();
    assert_eq!(run.diagnostics().len(), 1, "{}", run.stdout);
}

#[test]
fn a_list_where_a_number_belongs_is_a_wrong_type() {
    expect_error(
        |s| {
            s.edit(R7, "impact: 5", "impact: [5, 4]");
        },
        "wrong-type",
        &format!("{R7}:4:9"),
        "expected a single value here, not a list or a mapping",
    );
}

/// `cost: 420.000` is 420 to YAML: with a German thousands separator an amount shrank a
/// thousandfold without a word, even under `--strict`.
#[test]
fn an_amount_with_thousands_separators_is_an_error_that_shows_the_number() {
    let inv = "content/quarters/2026-Q2/investments/INV-003.yaml";
    let site = MemorySite::copy_of("minimal");
    site.edit(inv, "cost: 420000", "cost: 420.000");
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!(
            "{inv}:8:19: error[thousands-separator]: the amount `420.000` is written with thousands separators; YAML would read it as 420, not 420000\n"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("  = help: write 420000: amounts take no thousands separators\n"),
        "{}",
        run.stderr
    );
    assert_eq!(
        site.check_json().errors().len(),
        1,
        "one error, nothing else"
    );
}

#[test]
fn a_decimal_comma_gets_a_hint_to_write_a_point() {
    let site = MemorySite::copy_of("minimal");
    let trends = "content/quarters/2026-Q2/trends.yaml";
    let text = site.read(trends);
    let first = text
        .lines()
        .find(|l| l.contains(": ") && !l.starts_with('#'))
        .unwrap();
    let (key, _) = first.split_once(": ").unwrap();
    site.edit(trends, first, &format!("{key}: 18,5"));
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "  = help: write 18.5: numbers take a point, not a comma, before the decimals\n"
        ),
        "{}",
        run.stderr
    );
}

/// `cio:` under `approved_by` is one edit from `ciso` and from `cto`; the hint must name the one
/// that is not written yet, and none when both are (following it would be a duplicate key).
#[test]
fn did_you_mean_never_names_a_key_the_mapping_already_has() {
    let quarter = "content/quarters/2026-Q2/quarter.yaml";
    let site = MemorySite::copy_of("minimal");
    site.edit(quarter, "  cto: Dana Whitfield", "  cio: Dana Whitfield");
    let run = site.check_json();
    let d = &run.diagnostics()[0];
    assert_eq!(
        (d["code"].as_str(), d["hint"].as_str()),
        (Some("unknown-field"), Some("did you mean `cto`?")),
        "{}",
        run.stdout
    );
    site.edit(
        quarter,
        "  cio: Dana Whitfield",
        "  cto: Dana Whitfield\n  cio: Dana Whitfield",
    );
    let run = site.check_json();
    let d = &run.diagnostics()[0];
    assert_eq!(
        (d["code"].as_str(), d["hint"].as_str()),
        (Some("unknown-field"), None),
        "{}",
        run.stdout
    );
}

/// `id: r-007` is one error that says how to write it; the references to R-007 elsewhere in
/// the quarter are not errors too.
#[test]
fn an_id_in_lower_case_is_one_error_with_the_fix() {
    let site = MemorySite::copy_of("minimal");
    site.edit(R7, "id: R-007", "id: r-007");
    let run = site.check_json();
    assert_eq!(
        run.errors(),
        [error(
            "bad-id",
            &format!("{R7}:1:5"),
            "`r-007` is not a valid id: ids are written in capitals"
        )],
        "{}",
        run.stdout
    );
    assert_eq!(run.diagnostics()[0]["hint"], "write `R-007`");
}

/// A broken override of a built-in template was found only by `build`: `check`, the command
/// an editor and a pull request run, said the site was fine.
#[test]
fn check_tries_the_sites_own_templates() {
    let site = MemorySite::copy_of("minimal");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{{ oops }{% endblock main %}",
    );
    let run = site.check_json();
    let found = run.errors();
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(
        (found[0].code.as_str(), found[0].at.as_str()),
        ("template", "templates/404.html")
    );
    assert!(
        found[0].message.starts_with("Failed to parse '404.html'"),
        "{}",
        found[0].message
    );
    // What only rendering finds: a variable the template is not given.
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}\n{{ no_such_thing }}{% endblock main %}",
    );
    let run = site.check_json();
    assert_eq!(
        run.errors(),
        [error(
            "template",
            "templates/404.html:2:1",
            "Failed to render '404.html': Variable `no_such_thing` not found in context while rendering '404.html'"
        )],
        "{}",
        run.stdout
    );
    site.remove("templates/404.html");
    assert_eq!(site.check(&[]).code, 0);
}

/// The hint names the id to use: the next one that no quarter has used (an earlier quarter's
/// R-012 is not free, even when the latest quarter no longer has it).
#[test]
fn a_duplicate_ids_hint_names_the_next_free_id() {
    let site = MemorySite::copy_of("minimal");
    let r2 = site.read(&format!("{Q2}/risks/R-002.yaml"));
    site.write(&format!("{Q2}/risks/R-002-copy.yaml"), &r2);
    let q1 = "content/quarters/2026-Q1/risks/R-012.yaml";
    let r10 = site.read("content/quarters/2026-Q1/risks/R-010.yaml");
    site.write(q1, &r10.replacen("id: R-010", "id: R-012", 1));
    let run = site.check_json();
    let dup: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d["code"] == "duplicate-id")
        .collect();
    assert_eq!(dup.len(), 1, "{}", run.stdout);
    assert_eq!(
        dup[0]["hint"],
        "ids are unique within their kind and quarter; give this one the next free id, R-013"
    );
}

#[test]
fn a_metric_id_with_an_umlaut_says_ascii_and_how_to_write_it() {
    let site = MemorySite::copy_of("minimal");
    site.edit(
        "content/metrics.yaml",
        "- id: uptime_pct",
        "- id: verfügbarkeit_pct",
    );
    site.edit(
        &format!("{Q2}/trends.yaml"),
        "uptime_pct:",
        "verfügbarkeit_pct:",
    );
    site.edit(
        "content/quarters/2026-Q1/trends.yaml",
        "uptime_pct:",
        "verfügbarkeit_pct:",
    );
    let run = site.check_json();
    let found = run.errors();
    assert_eq!(
        found,
        [error(
            "bad-id",
            &found[0].at,
            "`verfügbarkeit_pct` is not a valid metric id; expected the letters a–z (ASCII: no capitals, accents or umlauts), digits and `_`"
        )],
        "{}",
        run.stdout
    );
    assert_eq!(
        run.diagnostics()[0]["hint"],
        "write `verfuegbarkeit_pct` (and the same key in every trends.yaml)"
    );
}

// The binary itself: its exit codes (0, 1 with `--strict`, 2) and its summary on stderr.

#[test]
fn the_fixture_is_clean() {
    let run = Site::copy_of("minimal").run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("checked 2 quarters"), "{}", run.stderr);
    assert!(
        run.stderr.contains("0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn lints_warn_and_fail_only_under_strict() {
    let site = Site::copy_of("minimal");
    site.edit(R7, "due: 2026-12-15", "due: 2026-01-15");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[overdue]"), "{}", run.stderr);
    assert_eq!(site.run(&["check", "--strict"]).code, 1);
}

#[test]
fn not_a_site_is_a_usage_error() {
    let dir = crate::support::temp_dir();
    let run = Site::copy_of("minimal").run(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("has no quarterdeck.toml"),
        "{}",
        run.stderr
    );
}
