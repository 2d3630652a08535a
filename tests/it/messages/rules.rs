//! The rules across files: exceptions, the risk scale, lints, decisions, notifications, labels.

use super::*;
use crate::support::{Files, PLAYBOOK};

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
