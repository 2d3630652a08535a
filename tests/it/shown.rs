//! The fingerprint covers what the board was shown (issue #31, point 4): the settings and labels
//! a published quarter's pages are shown with, what its facts are computed from, the order of
//! its metrics, and a record whose entries form a chain. On copies of the minimal fixture
//! (2026-Q1 and 2026-Q2, both final) and of the example site (records in the first form).

use crate::support::{copy_dir, Run, Site};

const RECORD: &str = "content/quarters/2026-Q2/published.yaml";
const R7: &str = "content/quarters/2026-Q2/risks/R-007.yaml";
const TOML: &str = "quarterdeck.toml";

fn published(quarter: &str) -> Site {
    let site = Site::copy_of("minimal");
    let run = site.run(&["publish", quarter]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

/// `check --format json` fails with exactly one `published-changed` on `record` whose message
/// ends with `what`.
fn changed(site: &Site, record: &str, what: &str) {
    let run = site.check(&["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let diags = run.diagnostics();
    assert_eq!(diags.len(), 1, "{}", run.stdout);
    assert_eq!(diags[0]["code"], "published-changed");
    assert_eq!(diags[0]["file"], record);
    let message = diags[0]["message"].as_str().unwrap();
    assert!(
        message.ends_with(&format!("its content no longer matches the record: {what}")),
        "{message}"
    );
}

fn passes(site: &Site) -> Run {
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(": 0 errors, 0 warnings\n"),
        "{}",
        run.stderr
    );
    run
}

const SETTINGS: &str = "changed quarterdeck.toml (the settings its pages are shown with)";

#[test]
fn settings_that_change_published_pages_are_a_change() {
    for (from, to) in [
        ("currency = \"USD\"", "currency = \"EUR\""),
        ("top_risks = 3", "top_risks = 4"),
        (
            "organization = \"Fixture Logistics\"",
            "organization = \"Someone Else\"",
        ),
        ("paper = \"a4\"", "language = \"de\"\npaper = \"a4\""),
        // 16: no risk of the fixture's unpublished 2026-Q1 is above it (an escalation lint
        // would be a second diagnostic).
        ("paper = \"a4\"", "risk_appetite = 16\npaper = \"a4\""),
    ] {
        let site = published("2026-Q2");
        site.edit(TOML, from, to);
        changed(&site, RECORD, SETTINGS);
    }
}

#[test]
fn how_the_settings_are_written_is_not_a_change() {
    let site = published("2026-Q2");
    // Key order, comments, a default written out or left out, a case the setting ignores,
    // and where the site is served.
    site.write(
        TOML,
        "# the board site\ntrend_quarters = 4\ntop_risks = 3\npaper = \"A4\"   # as printed\ncurrency = \"usd\"\nlanguage = \"en\"\norganization = \"Fixture Logistics\"\ntitle = \"Security & Technology Report to the Board\"\nbase_url = \"https://board.example.com/reports/\"\n",
    );
    passes(&site);
}

#[test]
fn a_site_label_shown_on_published_pages_is_a_change() {
    let site = published("2026-Q2");
    // A label equal to the built-in one is no change.
    site.write("i18n/en.toml", "met_yes = \"met\"\n");
    passes(&site);
    // "missed" turned into "met" on the scoreboard the board saw.
    site.write("i18n/en.toml", "met_yes = \"met\"\nmet_no = \"met\"\n");
    changed(
        &site,
        RECORD,
        "added i18n/en.toml (the site's labels its pages are shown with)",
    );
}

#[test]
fn an_earlier_quarter_inserted_is_a_change() {
    let site = published("2026-Q1");
    let q1 = site.path("content/quarters/2026-Q1");
    let q4 = site.path("content/quarters/2025-Q4");
    copy_dir(&q1, &q4);
    std::fs::remove_file(q4.join("published.yaml")).unwrap();
    site.edit(
        "content/quarters/2025-Q4/quarter.yaml",
        "quarter: 2026-Q1",
        "quarter: 2025-Q4",
    );
    site.edit(
        "content/quarters/2025-Q4/quarter.yaml",
        "board_meeting: 2026-04-15",
        "board_meeting: 2026-01-15",
    );
    // 2026-Q1's risks, new when the board saw them, would now read "same" as 2025-Q4.
    changed(
        &site,
        "content/quarters/2026-Q1/published.yaml",
        "changed computed/metrics (its metrics' earlier readings, from which directions and trend lines are computed); changed computed/risks (the quarter before it and its risks' scores there, from which movements are computed)",
    );
}

#[test]
fn metrics_reordered_is_a_change() {
    let site = published("2026-Q2");
    let metrics = site.read("content/metrics.yaml");
    let (first, second) = metrics.split_at(metrics.find("- id: uptime_pct").unwrap());
    site.write("content/metrics.yaml", &format!("{second}{first}"));
    changed(
        &site,
        RECORD,
        "changed content/metrics.yaml (the definitions of the metrics this quarter reports)",
    );
}

/// Publishes 2026-Q2 and restates it once; returns the record's text.
fn restated(site: &Site) -> String {
    site.edit(R7, "likelihood: 3", "likelihood: 2");
    let run = site.run(&[
        "restate",
        "2026-Q2",
        "--reason",
        "R-007 corrected",
        "--cto",
        "A",
        "--ciso",
        "B",
        "--date",
        "2026-08-03",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site.read(RECORD)
}

/// (line, code, message) of each diagnostic of `check --format json`, which must fail.
fn errors(site: &Site) -> Vec<(u64, String, String)> {
    let run = site.check(&["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    run.diagnostics()
        .iter()
        .map(|d| {
            assert_eq!(d["file"], RECORD);
            (
                d["line"].as_u64().unwrap_or(0),
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_restatement_erased_by_moving_its_fingerprint_to_the_top_breaks_the_chain() {
    let site = published("2026-Q2");
    let text = restated(&site);
    // The restatement's fingerprint and files become the first publication's: the content
    // matches, and the "Restated" banner would be gone.
    let (head, rest) = text.split_once("fingerprint: ").unwrap();
    let (_, entry) = rest.split_once("    replaces: ").unwrap();
    let (_, entry) = entry.split_once("    fingerprint: ").unwrap();
    let moved: String = entry
        .lines()
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    site.write(
        RECORD,
        &format!("{head}fingerprint: {moved}\nrestatements: []\n"),
    );
    assert_eq!(
        errors(&site),
        [(
            6,
            "record-broken".to_string(),
            "the fingerprint of the first publication does not seal its date and content: the entry was edited by hand, or a restatement's fingerprint was moved here (which erases that restatement)".to_string()
        )]
    );
}

#[test]
fn an_erased_or_edited_restatement_breaks_the_chain() {
    let site = published("2026-Q2");
    restated(&site);
    site.edit(R7, "likelihood: 2", "likelihood: 1");
    let run = site.run(&[
        "restate",
        "2026-Q2",
        "--reason",
        "R-007 again",
        "--cto",
        "A",
        "--ciso",
        "B",
        "--date",
        "2026-09-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = site.read(RECORD);
    // The first restatement cut out: the second still names the fingerprint it replaced.
    let start = text.find("  - date: 2026-08-03").unwrap();
    let end = text.find("  - date: 2026-09-01").unwrap();
    site.write(RECORD, &format!("{}{}", &text[..start], &text[end..]));
    let got = errors(&site);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, "record-broken");
    assert!(
        got[0]
            .2
            .starts_with("restatement 1 (dated 2026-09-01) replaces sha256:")
            && got[0]
                .2
                .ends_with(": an entry between them was erased or moved"),
        "{}",
        got[0].2
    );
    // A reason edited by hand.
    site.write(RECORD, &text.replace("R-007 corrected", "Typo"));
    assert_eq!(errors(&site)[0].1, "record-broken");
}

#[test]
fn restate_records_a_site_wide_change_across_published_quarters() {
    let site = Site::copy_of("minimal");
    for q in ["2026-Q1", "2026-Q2"] {
        assert_eq!(site.run(&["publish", q]).code, 0);
    }
    site.edit(TOML, "currency = \"USD\"", "currency = \"EUR\"");
    let args = [
        "--reason",
        "Costs are in euros",
        "--cto",
        "A",
        "--ciso",
        "B",
        "--date",
        "2026-08-03",
    ];
    let mut both = vec!["restate", "2026-Q1", "2026-Q2"];
    both.extend(args);
    let run = site.run(&both);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    for (line, q) in lines.iter().zip(["2026-Q1", "2026-Q2"]) {
        assert!(
            line.starts_with(&format!(
                "restated {q} on 2026-08-03 (restatement 1, fingerprint sha256:"
            )),
            "{line}"
        );
        assert!(line.ends_with(&format!("): {SETTINGS}")), "{line}");
    }
    assert_eq!(run.stderr, "note: commit the 2 records with the change; the one-pager, the PDFs, the archive and data.json show the restatement\n");
    passes(&site);
    // --all takes every quarter that needs it, and refuses when none does; a quarter named
    // twice is one.
    let mut all = vec!["restate", "--all"];
    all.extend(args);
    let none = site.run(&all);
    assert_eq!(none.code, 2);
    assert_eq!(none.stderr, "error: every published quarter matches its record in the current fingerprint form; there is nothing to restate\n  = help: make the correction in the quarters' folders first, then restate\n");
    site.edit(TOML, "currency = \"EUR\"", "currency = \"GBP\"");
    let run = site.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    passes(&site);
    // One quarter that cannot be restated stops them all, before anything is written.
    site.edit(TOML, "currency = \"GBP\"", "currency = \"CHF\"");
    let before = site.read(RECORD);
    let mut early = vec!["restate", "2026-Q1", "2026-q2", "2026-Q2"];
    early.extend(&args[..6]);
    early.extend(["--date", "2026-08-02"]);
    let run = site.run(&early);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: --date 2026-08-02 is before the latest entry of 2026-Q1's record (2026-08-03); a restatement is dated on or after it\n");
    assert_eq!(site.read(RECORD), before);
}

#[test]
fn a_first_form_record_is_checked_in_its_form_and_brought_to_the_current_one() {
    let site = Site::example();
    // The other seven were restated in the current form when their decisions were recorded.
    let quarters = "2024-Q3, 2025-Q2";
    let note = format!("note: 2 published quarters are recorded in the earlier fingerprint form ({quarters}), which covers each quarter's files and metric definitions but not the settings, labels and computed facts its pages are shown with\n  = help: to bring them to the current form (no content changes), run `quarterdeck restate --all --reason \"Record brought to the current fingerprint form\" --cto NAME --ciso NAME`\n");
    // Valid, and green under --strict: the note is no finding about the content.
    let strict = site.check(&["--strict"]);
    assert_eq!(strict.code, 0, "{}", strict.stderr);
    assert_eq!(
        strict.stderr,
        format!("checked 10 quarters (243 files): 0 errors, 0 warnings\n{note}")
    );
    let json = site.check(&["--strict", "--format", "json"]);
    assert_eq!((json.code, json.stdout.as_str()), (0, "[]\n"));
    // Checked in its form: a setting is not covered (only the records in the current form
    // report it), a value is.
    site.edit(TOML, "currency = \"USD\"", "currency = \"EUR\"");
    let changed: Vec<String> = site
        .check(&["--format", "json"])
        .diagnostics()
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(changed.len(), 7, "{changed:?}");
    assert!(!changed
        .iter()
        .any(|f| f.contains("2024-Q3") || f.contains("2025-Q2")));
    site.edit(TOML, "currency = \"EUR\"", "currency = \"USD\"");
    let risk = "content/quarters/2025-Q2/risks/R-001.yaml";
    let text = site.read(risk);
    site.write(risk, &text.replacen("likelihood: ", "likelihood: 1\n#", 1));
    assert_eq!(
        site.check(&["--format", "json"]).codes(),
        ["published-changed"]
    );
    site.write(risk, &text);

    let run = site.run(&[
        "restate",
        "--all",
        "--reason",
        "Record brought to the current fingerprint form",
        "--cto",
        "Dana Whitfield",
        "--ciso",
        "Samuel Okafor",
        "--date",
        "2026-11-02",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 2);
    assert!(
        run.stdout
            .starts_with("restated 2024-Q3 on 2026-11-02 (restatement 1, fingerprint sha256:"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("): no change of content in the form it was recorded in; the record is now in the current fingerprint form, which also covers the settings, labels and computed facts\nrestated 2025-Q2"), "{}", run.stdout);
    let record = site.read("content/quarters/2025-Q2/published.yaml");
    let earlier = "    fingerprint: sha256:0722258201cfef41dcd894e76d563c850bf1a6bcd4739f282a7ae7bdab1e6261\n";
    assert!(
        record.contains(earlier),
        "the earlier entries stay as they were"
    );
    assert!(record.contains("    replaces: sha256:0722258201cfef41dcd894e76d563c850bf1a6bcd4739f282a7ae7bdab1e6261\n"), "{record}");
    let after = passes(&site);
    assert!(!after.stderr.contains("note:"), "{}", after.stderr);
    // Now the settings are covered.
    site.edit(TOML, "currency = \"USD\"", "currency = \"EUR\"");
    assert_eq!(site.check(&[]).code, 1);
}
