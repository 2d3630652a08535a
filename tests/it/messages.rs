//! Each diagnostic code's typical message, whole, as `check` prints it for a person: position,
//! message, the source line with its caret, the help and the summary, pinned with insta in
//! `tests/it/snapshots/it__messages__CODE.snap`. A test that asserts a fragment cannot see a
//! reworded help, a snippet that points one column off or a second diagnostic riding along; a
//! snapshot shows all of it in review. Each case is the minimal fixture with one mistake,
//! checked in memory; the few that need a disk, Git or another command say so.

use crate::support::{Files, MemorySite, Run, Site, PLAYBOOK};

const Q1: &str = "content/quarters/2026-Q1";
const Q2: &str = "content/quarters/2026-Q2";
const R2: &str = "content/quarters/2026-Q2/risks/R-002.yaml";
const R7: &str = "content/quarters/2026-Q2/risks/R-007.yaml";
const R10: &str = "content/quarters/2026-Q2/risks/R-010.yaml";
const QUARTER: &str = "content/quarters/2026-Q2/quarter.yaml";
const INC: &str = "content/quarters/2026-Q2/incidents/INC-2026-031.yaml";
const INV: &str = "content/quarters/2026-Q2/investments/INV-003.yaml";
const TOML: &str = "quarterdeck.toml";

/// Pins `run`'s stderr as the snapshot `code`, which it must report. A record's fingerprints
/// are redacted: they change with anything the fixture's pages show, which is not what these
/// messages are about.
fn pin(code: &str, run: &Run) {
    assert!(
        run.stderr.contains(&format!("[{code}]: ")),
        "{code} is not reported:\n{}",
        run.stderr
    );
    insta::assert_snapshot!(code, redact_fingerprints(&run.stderr));
}

/// `sha256:` and 64 hexadecimal digits, as `sha256:[fingerprint]`.
fn redact_fingerprints(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("sha256:") {
        let (before, after) = rest.split_at(at + "sha256:".len());
        out.push_str(before);
        let hex = after.len() >= 64 && after[..64].chars().all(|c| c.is_ascii_hexdigit());
        rest = if hex {
            out.push_str("[fingerprint]");
            &after[64..]
        } else {
            after
        };
    }
    out + rest
}

/// `check` of the minimal fixture after `edit`, pinned as `code`.
fn minimal(code: &str, edit: impl FnOnce(&MemorySite)) {
    let site = MemorySite::copy_of("minimal");
    edit(&site);
    pin(code, &site.check(&[]));
}

/// `check` of the minimal fixture with `settings` added to quarterdeck.toml, after `edit`.
fn with_settings(code: &str, settings: &str, edit: impl FnOnce(&MemorySite)) {
    let site = MemorySite::minimal_with(settings);
    edit(&site);
    pin(code, &site.check(&[]));
}

// Reading the files.

#[test]
fn missing_file() {
    minimal("missing-file", |s| {
        s.remove("content/metrics.yaml");
    });
}

#[test]
fn too_many_files() {
    minimal("too-many-files", |s| {
        for i in 0..20_001 {
            s.write(&format!("{Q2}/risks/extra/{i}.txt"), "");
        }
    });
}

#[test]
fn file_too_large() {
    minimal("file-too-large", |s| {
        s.write(
            &format!("{Q2}/risks/R-053.yaml"),
            &"# pad\n".repeat(200_000),
        );
    });
}

#[test]
fn not_utf8() {
    minimal("not-utf8", |s| {
        s.write_bytes(
            &format!("{Q2}/risks/R-051.yaml"),
            b"id: R-051\ntitle: \xff\xfe\n",
        );
    });
}

#[test]
fn duplicate_file() {
    minimal("duplicate-file", |s| {
        s.write(
            &format!("{Q2}/trends.yml"),
            &s.read(&format!("{Q2}/trends.yaml")),
        );
    });
}

#[test]
fn empty_file() {
    minimal("empty-file", |s| {
        s.write(&format!("{Q2}/risks/R-050.yaml"), "");
    });
}

#[test]
fn front_matter() {
    minimal("front-matter", |s| {
        s.write("content/pages/board.md", "# The board\n\nWho sits on it.\n");
    });
}

#[test]
fn unexpected_file() {
    minimal("unexpected-file", |s| {
        s.write(&format!("{Q2}/notes.txt"), "to do\n");
    });
}

#[test]
fn page_slug() {
    minimal("page-slug", |s| {
        s.write(
            "content/pages/archive.md",
            "---\ntitle: Archive\n---\nOld.\n",
        );
    });
}

// Parsing.

#[test]
fn toml() {
    minimal("toml", |s| {
        s.edit(TOML, "paper = \"a4\"", "paper = \"a4");
    });
}

#[test]
fn yaml_syntax() {
    minimal("yaml-syntax", |s| {
        s.edit(
            R7,
            "title: Ransomware on build infrastructure",
            "title: \"Ransomware on build infrastructure",
        );
    });
}

#[test]
fn unknown_field() {
    minimal("unknown-field", |s| {
        s.edit(R7, "statement:", "statment:");
    });
}

#[test]
fn missing_field() {
    minimal("missing-field", |s| {
        s.edit(R7, "owner: VP Platform Engineering\n", "");
    });
}

#[test]
fn duplicate_key() {
    minimal("duplicate-key", |s| {
        s.edit(R7, "likelihood: 3\n", "likelihood: 3\nimpact: 4\n");
    });
}

#[test]
fn wrong_type() {
    minimal("wrong-type", |s| {
        s.edit(R7, "impact: 5", "impact: high");
    });
}

#[test]
fn too_complex() {
    minimal("too-complex", |s| {
        s.write(&format!("{Q2}/risks/R-052.yaml"), &"[".repeat(50_000));
    });
}

#[test]
fn thousands_separator() {
    minimal("thousands-separator", |s| {
        s.edit(INV, "cost: 420000", "cost: 420.000");
    });
}

// Values.

#[test]
fn empty_value() {
    minimal("empty-value", |s| {
        s.edit(
            QUARTER,
            "headline: Ransomware exposure down; third-party risk up",
            "headline: \"\"",
        );
    });
}

#[test]
fn invalid_value() {
    minimal("invalid-value", |s| {
        s.edit(R7, "status: mitigating", "status: mitigatng");
    });
}

#[test]
fn out_of_range() {
    minimal("out-of-range", |s| {
        s.edit(R7, "impact: 5", "impact: 7");
    });
}

#[test]
fn bad_range() {
    minimal("bad-range", |s| {
        let text = s.read(R7);
        s.write(
            R7,
            &format!("{text}loss:\n  frequency: [0.1, 0.5]\n  magnitude: [5000000, 200000]\n"),
        );
    });
}

#[test]
fn bad_id() {
    minimal("bad-id", |s| {
        s.edit(R7, "id: R-007", "id: r-007");
    });
}

#[test]
fn bad_date() {
    minimal("bad-date", |s| {
        s.edit(R7, "due: 2026-12-15", "due: 2026-02-30");
    });
}

#[test]
fn bad_duration() {
    minimal("bad-duration", |s| {
        s.edit(INC, "time_to_detect: 90m", "time_to_detect: 90 minutes");
    });
}

#[test]
fn placeholder_text() {
    minimal("placeholder-text", |s| {
        s.edit(
            INC,
            "learning: Added synthetic checks from two regions; paging now reaches the on-call in under 5 minutes.",
            "learning: TBD",
        );
    });
}

// Quarters and ids.

#[test]
fn quarter_folder() {
    minimal("quarter-folder", |s| {
        s.rename_dir(Q2, "content/quarters/2026-q2");
    });
}

#[test]
fn bad_quarter() {
    minimal("bad-quarter", |s| {
        s.edit(QUARTER, "quarter: 2026-Q2", "quarter: 2026-Q5");
    });
}

#[test]
fn quarter_mismatch() {
    minimal("quarter-mismatch", |s| {
        s.edit(QUARTER, "quarter: 2026-Q2", "quarter: 2026-Q3");
    });
}

#[test]
fn missing_signoff() {
    minimal("missing-signoff", |s| {
        s.edit(QUARTER, "  ciso: Samuel Okafor\n", "");
    });
}

#[test]
fn duplicate_id() {
    minimal("duplicate-id", |s| {
        s.write(&format!("{Q2}/risks/R-007-copy.yaml"), &s.read(R7));
    });
}

#[test]
fn unknown_risk() {
    minimal("unknown-risk", |s| {
        s.edit(
            &format!("{Q2}/initiatives/I-001.yaml"),
            "reduces: [R-007]",
            "reduces: [R-099]",
        );
    });
}

#[test]
fn unknown_metric() {
    minimal("unknown-metric", |s| {
        s.edit(
            &format!("{Q2}/trends.yaml"),
            "mttr_critical_days:",
            "mttr_critical_dayz:",
        );
    });
}

#[test]
fn unknown_id() {
    minimal("unknown-id", |s| {
        s.edit(
            QUARTER,
            "asks:\n",
            "asks:\n  - type: decide\n    about: [INV-009]\n    text: Choose an option.\n",
        );
    });
}

#[test]
fn image_outside_site() {
    minimal("image-outside-site", |s| {
        s.edit(
            QUARTER,
            "summary: |\n",
            "summary: |\n  See ![x](/etc/secret.png).\n",
        );
    });
}

#[test]
fn investment_options() {
    minimal("investment-options", |s| {
        s.edit(INV, "  best:", "  premium:");
    });
}

#[test]
fn template() {
    minimal("template", |s| {
        s.write(
            "templates/404.html",
            "{% extends \"base.html\" %}{% block main %}\n{{ no_such_thing }}{% endblock main %}",
        );
    });
}

// Exceptions.

#[test]
fn missing_exception() {
    minimal("missing-exception", |s| {
        s.edit(R2, "status: open", "status: accepted");
    });
}

#[test]
fn incomplete_exception() {
    minimal("incomplete-exception", |s| {
        s.edit(R10, "    security: Samuel Okafor\n", "");
    });
}

#[test]
fn same_signer() {
    minimal("same-signer", |s| {
        s.edit(
            R10,
            "    security: Samuel Okafor",
            "    security: Dana Whitfield",
        );
    });
}

#[test]
fn expired_exception() {
    minimal("expired-exception", |s| {
        s.edit(R10, "  expires: 2027-03-31", "  expires: 2026-07-01")
            .edit(R10, "  review: 2026-12-31", "  review: 2026-06-30");
    });
}

#[test]
fn review_overdue() {
    minimal("review-overdue", |s| {
        s.edit(R10, "  review: 2026-12-31", "  review: 2026-07-14");
    });
}

#[test]
fn expires_before_next_meeting() {
    minimal("expires-before-next-meeting", |s| {
        let r10 = format!("{Q1}/risks/R-010.yaml");
        s.edit(&r10, "  expires: 2027-03-31", "  expires: 2026-07-15")
            .edit(&r10, "  review: 2026-12-31", "  review: 2026-07-01");
    });
}

#[test]
fn exception_too_long() {
    with_settings("exception-too-long", PLAYBOOK, |s| {
        s.edit(R10, "  expires: 2027-03-31", "  expires: 2027-04-16");
    });
}

#[test]
fn acceptance_needs_board() {
    with_settings("acceptance-needs-board", PLAYBOOK, |s| {
        s.edit(R10, "impact: 3\nlikelihood: 2", "impact: 5\nlikelihood: 4")
            .edit(
                R10,
                "  expires: 2027-03-31",
                "  expires: 2026-10-20\n  signed: 2026-07-20",
            )
            .edit(R10, "  review: 2026-12-31", "  review: 2026-10-01");
    });
}

// The risk scale and escalation.

#[test]
fn conflicting_settings() {
    with_settings(
        "conflicting-settings",
        "risk_appetite = 10\n[appetite]\nlimit = 10\n",
        |_| {},
    );
}

#[test]
fn bands_fall() {
    with_settings(
        "bands-fall",
        "[matrix]\nbands = [\"LLLLM\", \"LLMMH\", \"LMMHC\", \"LMHCC\", \"MHCCL\"]\n",
        |_| {},
    );
}

#[test]
fn not_increasing() {
    with_settings(
        "not-increasing",
        "[matrix]\nlikelihood_chance = [5, 50, 20, 80]\n",
        |_| {},
    );
}

/// Every risk of the minimal fixture in a category, 2026-Q2's R-002 in `r2`.
fn categorised(s: &MemorySite, r2: &str) {
    for (q, id, key) in [
        (Q1, "R-002", "vendors"),
        (Q1, "R-007", "cyber"),
        (Q1, "R-010", "cyber"),
        (Q2, "R-002", r2),
        (Q2, "R-007", "cyber"),
        (Q2, "R-010", "cyber"),
    ] {
        s.categorise(q, id, key);
    }
}

#[test]
fn unknown_category() {
    with_settings(
        "unknown-category",
        "[categories.cyber]\nname = \"Cyber\"\n[categories.vendors]\nname = \"Vendors\"\n",
        |s| categorised(s, "vendor"),
    );
}

#[test]
fn target_above_score() {
    minimal("target-above-score", |s| {
        s.edit(
            R7,
            "status: mitigating",
            "status: mitigating\ntarget: { impact: 5, likelihood: 4 }",
        );
    });
}

#[test]
fn inherent_below_score() {
    minimal("inherent-below-score", |s| {
        s.edit(
            R7,
            "status: mitigating",
            "status: mitigating\ninherent:\n  impact: 3\n  likelihood: 3",
        );
    });
}

#[test]
fn treatment_not_accepted() {
    minimal("treatment-not-accepted", |s| {
        s.edit(
            R7,
            "status: mitigating",
            "status: mitigating\ntreatment: accept",
        );
    });
}

#[test]
fn above_appetite_without_path() {
    with_settings("above-appetite-without-path", "risk_appetite = 12\n", |s| {
        // 2026-Q1's R-007 (16) would be reported too; its own quarter asks about it.
        s.edit(
            &format!("{Q1}/quarter.yaml"),
            "asks:\n",
            "asks:\n  - type: decide\n    about: [R-007]\n    text: Fund the runner rebuild.\n",
        );
    });
}

#[test]
fn outside_tolerance_not_escalated() {
    with_settings(
        "outside-tolerance-not-escalated",
        "[appetite]\nlimit = 15\ntolerance = 15\n",
        |_| {},
    );
}

#[test]
fn accepted_above_appetite() {
    with_settings("accepted-above-appetite", "risk_appetite = 16\n", |s| {
        s.edit(R10, "impact: 3\nlikelihood: 2", "impact: 5\nlikelihood: 4");
    });
}

#[test]
fn score_disagrees_with_loss() {
    with_settings(
        "score-disagrees-with-loss",
        "[matrix]\nimpact_loss = [100000, 1000000, 5000000, 25000000]\nlikelihood_chance = [5, 20, 50, 80]\n",
        |s| {
            let text = s.read(R7);
            s.write(
                R7,
                &format!("{text}loss:\n  frequency: [0.04, 0.06]\n  magnitude: [4000000, 7000000]\n"),
            );
        },
    );
}

// Lints of the content.

#[test]
fn long_statement() {
    minimal("long-statement", |s| {
        let long = "x".repeat(201);
        s.edit(
            R7,
            "statement: Ransomware that",
            &format!("statement: {long} Ransomware that"),
        );
    });
}

#[test]
fn long_summary() {
    minimal("long-summary", |s| {
        let words = "word ".repeat(121);
        s.edit(QUARTER, "summary: |\n", &format!("summary: |\n  {words}\n"));
    });
}

#[test]
fn few_risks() {
    minimal("few-risks", |s| {
        s.edit(R2, "status: open", "status: closed");
    });
}

#[test]
fn overdue() {
    minimal("overdue", |s| {
        s.edit(R7, "due: 2026-12-15", "due: 2026-07-01");
    });
}

#[test]
fn vanished_risk() {
    minimal("vanished-risk", |s| {
        s.remove(R2)
            .edit(INV, "reduces: [R-007, R-002]", "reduces: [R-007]");
        // Two risks are left: an open third keeps `few-risks` out of this message.
        s.write(
            &format!("{Q2}/risks/R-011.yaml"),
            &s.read(R10)
                .replace("R-010", "R-011")
                .replace("status: accepted", "status: open"),
        );
    });
}

// Decisions and the action log.

/// An action of 2026-Q2's log.
fn action(id: &str, due: &str, raised: &str) -> String {
    format!("id: {id}\ntitle: Follow-up {id}\nowner: CISO\ndue: {due}\nstatus: open\nraised: {raised}\n")
}

#[test]
fn option_without_investment() {
    minimal("option-without-investment", |s| {
        s.edit(
            QUARTER,
            "  - Approve the \"better\" option of INV-003.\n",
            "  - type: decide\n    about: [R-007]\n    text: Fund the runner rebuild.\n    decision: { outcome: approved, option: best }\n",
        );
    });
}

#[test]
fn raised_after_quarter() {
    minimal("raised-after-quarter", |s| {
        s.write(
            &format!("{Q2}/actions/A-001.yaml"),
            &action("A-001", "2026-12-31", "2026-Q3"),
        );
    });
}

#[test]
fn action_overdue() {
    minimal("action-overdue", |s| {
        s.write(
            &format!("{Q2}/actions/A-001.yaml"),
            &action("A-001", "2026-06-30", "2026-Q1"),
        );
    });
}

#[test]
fn chronic_slip() {
    minimal("chronic-slip", |s| {
        // 2026-Q1 due 2026-12-15; then three quarters, each moving it later.
        // The meetings come before the other risks' dates, which stay as they are.
        for (q, due, meeting) in [
            ("2026-Q3", "2027-03-31", "2026-09-14"),
            ("2026-Q4", "2027-06-30", "2026-11-16"),
        ] {
            s.copy_dir(Q2, &format!("content/quarters/{q}"));
            let quarter = format!("content/quarters/{q}/quarter.yaml");
            s.edit(&quarter, "quarter: 2026-Q2", &format!("quarter: {q}"))
                .edit(
                    &quarter,
                    "board_meeting: 2026-07-15",
                    &format!("board_meeting: {meeting}"),
                )
                .edit(
                    &format!("content/quarters/{q}/risks/R-007.yaml"),
                    "due: 2026-12-15",
                    &format!("due: {due}"),
                );
        }
        s.edit(R7, "due: 2026-12-15", "due: 2027-01-31");
    });
}

// Incidents' notifications.

#[test]
fn unknown_rule() {
    with_settings("unknown-rule", PLAYBOOK, |s| {
        s.edit(
            INC,
            "risks: [R-007]",
            "risks: [R-007]\nnotifications:\n  - rule: gpdr\n    to: Data protection authority\n    aware: 2026-05-12T09:00\n    sent: 2026-05-14T09:00",
        );
    });
}

#[test]
fn late_notification() {
    with_settings("late-notification", PLAYBOOK, |s| {
        s.edit(
            INC,
            "risks: [R-007]",
            "risks: [R-007]\nnotifications:\n  - rule: gdpr\n    to: Data protection authority\n    aware: 2026-05-12T09:00\n    sent: 2026-05-15T18:00",
        );
    });
}

// Labels.

#[test]
fn unknown_label() {
    minimal("unknown-label", |s| {
        s.write("i18n/en.toml", "top_risk = \"Risks\"\n");
    });
}

/// A Dutch catalog that lacks two labels (the English catalog with those two left out, so
/// that a label added to quarterdeck does not change the message).
#[test]
fn missing_translation() {
    minimal("missing-translation", |s| {
        s.edit(
            TOML,
            "currency = \"USD\"",
            "currency = \"EUR\"\nlanguage = \"nl\"",
        );
        let english = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/i18n/en.toml"),
        )
        .unwrap();
        let dutch: String = english
            .lines()
            .filter(|l| !l.starts_with("top_risks = ") && !l.starts_with("scoreboard = "))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(dutch.lines().count() + 2, english.lines().count());
        s.write("i18n/nl.toml", &dutch);
    });
}

// What needs a disk: links, and the records that `publish` writes.

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

/// The codes of docs/diagnostics.md's index; `codes.rs` holds that list to the source.
fn documented() -> Vec<String> {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md"),
    )
    .unwrap();
    doc.lines()
        .filter_map(|l| l.strip_prefix("| [`"))
        .map(|l| l.split('`').next().unwrap().to_string())
        .collect()
}

/// Every code has its message pinned here, and every pinned message is of a code that exists:
/// a new code comes with its case, a retired one takes its snapshot along.
#[test]
fn every_documented_code_has_a_pinned_message_and_no_other() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots");
    let documented = documented();
    let missing: Vec<&String> = documented
        .iter()
        .filter(|code| !dir.join(format!("it__messages__{code}.snap")).is_file())
        .collect();
    assert_eq!(missing, Vec::<&String>::new(), "codes without a case here");
    let mut stale: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let code = name.strip_prefix("it__messages__")?.strip_suffix(".snap")?;
            (!documented.iter().any(|d| d == code)).then(|| code.to_string())
        })
        .collect();
    stale.sort();
    assert_eq!(
        stale,
        Vec::<String>::new(),
        "snapshots of no documented code"
    );
}
