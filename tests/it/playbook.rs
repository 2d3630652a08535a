//! The exception playbook and incident duties (issue 27): `[[acceptance]]`, `[reporting.*]`,
//! `[roles]`, the exception fields `signed`, `scope`, `reviewed`, policy exceptions
//! (`exceptions/*.yaml`), incidents' `notifications`, and their errors and lints, each with
//! its exact text and place, at its boundary.

use crate::support::{error, warning, MemorySite, Site, PLAYBOOK};

const Q1: &str = "content/quarters/2026-Q1";
const Q2: &str = "content/quarters/2026-Q2";
const R010: &str = "content/quarters/2026-Q2/risks/R-010.yaml";

/// R-010's exception in 2026-Q2 with `signed` and `expires` as given.
fn term(site: &MemorySite, signed: &str, expires: &str) {
    site.edit(
        R010,
        "  expires: 2027-03-31",
        &format!("  expires: {expires}\n  signed: {signed}"),
    );
}

#[test]
fn a_term_of_exactly_max_months_passes_and_one_day_more_does_not() {
    let site = MemorySite::minimal_with(PLAYBOOK);
    term(&site, "2026-07-01", "2027-07-01");
    site.edit(R010, "  review: 2026-12-31", "  review: 2027-06-30");
    assert_eq!(site.check_json().on(R010), vec![]);
    site.edit(R010, "  expires: 2027-07-01", "  expires: 2027-07-02");
    let run = site.check_json();
    assert_eq!(
        run.on(R010),
        [warning(
            "exception-too-long",
            &format!("{R010}:12:12"),
            "the exception of R-010 runs 13 months, from 2026-07-01 (signed) to 2027-07-02; the medium band allows at most 12"
        )]
    );
    assert_eq!(
        run.hint_on(R010, "exception-too-long"),
        "shorten `expires` to 2027-07-01 or record the board's decision: an ask with `type: approve` and `about: [R-010]`"
    );
}

#[test]
fn without_signed_the_term_runs_from_the_first_meeting_that_showed_it() {
    // R-010 is accepted in 2026-Q1 and 2026-Q2: its term runs from 2026-04-15.
    let site = MemorySite::minimal_with(PLAYBOOK);
    site.edit(R010, "  expires: 2027-03-31", "  expires: 2027-04-16");
    let run = site.check_json();
    assert_eq!(
        run.on(R010),
        [warning(
            "exception-too-long",
            &format!("{R010}:12:12"),
            "the exception of R-010 runs 13 months, from 2026-04-15 (first presented) to 2027-04-16; the medium band allows at most 12"
        )]
    );
    assert!(run
        .hint_on(R010, "exception-too-long")
        .starts_with("a renewal is signed afresh: write `signed: YYYY-MM-DD`"));
}

#[test]
fn an_ask_to_approve_it_records_the_boards_decision_on_a_longer_term() {
    let site = MemorySite::minimal_with(PLAYBOOK);
    term(&site, "2026-07-01", "2029-07-01");
    assert_eq!(site.check_json().codes(), ["exception-too-long"]);
    site.edit(
        &format!("{Q2}/quarter.yaml"),
        "asks:\n",
        "asks:\n  - type: approve\n    about: [R-010]\n    text: Accept the legacy warehouse system until its replacement in 2029.\n",
    );
    assert_eq!(site.check_json().codes(), Vec::<String>::new());
    // Once decided, only an approval counts.
    site.edit(
        &format!("{Q2}/quarter.yaml"),
        "until its replacement in 2029.\n",
        "until its replacement in 2029.\n    decision: { outcome: rejected }\n",
    );
    assert_eq!(site.check_json().codes(), ["exception-too-long"]);
    site.edit(
        &format!("{Q2}/quarter.yaml"),
        "outcome: rejected",
        "outcome: approved",
    );
    assert_eq!(site.check_json().codes(), Vec::<String>::new());
}

#[test]
fn an_exception_expiring_on_the_next_meetings_day_is_flagged() {
    // 2026-Q1 meets on 2026-04-15, 2026-Q2 on 2026-07-15.
    let site = MemorySite::minimal_with("");
    let r010_q1 = format!("{Q1}/risks/R-010.yaml");
    site.edit(&r010_q1, "  expires: 2027-03-31", "  expires: 2026-07-15");
    site.edit(&r010_q1, "  review: 2026-12-31", "  review: 2026-07-01");
    let run = site.check_json();
    assert_eq!(
        run.on(&r010_q1),
        [warning(
            "expires-before-next-meeting",
            &format!("{r010_q1}:12:12"),
            "the exception of R-010 expires on 2026-07-15, by the next board meeting on 2026-07-15 (2026-Q2), and no ask is about it"
        )]
    );
    site.edit(&r010_q1, "  expires: 2026-07-15", "  expires: 2026-07-16");
    assert_eq!(site.check_json().on(&r010_q1), vec![]);
}

#[test]
fn a_review_before_the_meeting_needs_a_review_on_or_after_it() {
    let site = MemorySite::minimal_with("");
    site.edit(R010, "  review: 2026-12-31", "  review: 2026-07-14");
    let run = site.check_json();
    assert_eq!(
        run.on(R010),
        [warning(
            "review-overdue",
            &format!("{R010}:19:11"),
            "the exception of R-010 was due for review on 2026-07-14, before the board meeting on 2026-07-15; no review is recorded"
        )]
    );
    site.edit(
        R010,
        "  review: 2026-07-14",
        "  review: 2026-07-14\n  reviewed:\n    on: 2026-07-13\n    outcome: Controls still work",
    );
    assert_eq!(
        site.check_json().on(R010)[0].message,
        "the exception of R-010 was due for review on 2026-07-14, before the board meeting on 2026-07-15; the last review recorded was on 2026-07-13"
    );
    site.edit(R010, "    on: 2026-07-13", "    on: 2026-07-14");
    assert_eq!(site.check_json().on(R010), vec![]);
    // On the meeting's day it is not yet overdue.
    site.edit(R010, "  review: 2026-07-14", "  review: 2026-07-15");
    assert_eq!(site.check_json().on(R010), vec![]);
}

#[test]
fn the_same_person_signing_twice_is_one_error_ignoring_case_and_spacing() {
    let site = MemorySite::minimal_with(PLAYBOOK);
    // Score 20: critical, the board's to accept; and expiring in three years.
    site.edit(R010, "impact: 3\nlikelihood: 2", "impact: 5\nlikelihood: 4");
    site.edit(
        R010,
        "    security: Samuel Okafor",
        "    security: \" dana  WHITFIELD\"",
    );
    let run = site.check_json();
    assert_eq!(
        run.on(R010),
        [error(
            "same-signer",
            &format!("{R010}:18:15"),
            "the exception of R-010 is signed by dana  WHITFIELD for both engineering and security"
        )]
    );
    assert_eq!(
        run.hint("same-signer"),
        "two different people sign an exception: the engineering owner and the security owner; ask the other to sign"
    );
}

#[test]
fn a_critical_acceptance_needs_a_decision_of_the_board() {
    let site = MemorySite::minimal_with(PLAYBOOK);
    site.edit(R010, "impact: 3\nlikelihood: 2", "impact: 5\nlikelihood: 4");
    site.edit(
        R010,
        "  expires: 2027-03-31",
        "  expires: 2026-10-20\n  signed: 2026-07-20",
    );
    site.edit(R010, "  review: 2026-12-31", "  review: 2026-10-01");
    let run = site.check_json();
    assert_eq!(
        run.on(R010),
        [warning(
            "acceptance-needs-board",
            &format!("{R010}:9:9"),
            "R-010 is in the critical band, whose acceptance the board decides, and no `decide` or `approve` ask is about it"
        )]
    );
    // A `note` ask is not a decision.
    let quarter = format!("{Q2}/quarter.yaml");
    site.edit(
        &quarter,
        "asks:\n",
        "asks:\n  - type: note\n    about: [R-010]\n    text: The legacy system stays accepted.\n",
    );
    assert_eq!(site.check_json().codes(), ["acceptance-needs-board"]);
    site.edit(&quarter, "  - type: note\n", "  - type: approve\n");
    assert_eq!(site.check_json().codes(), Vec::<String>::new());
}

#[test]
fn a_placeholder_in_a_required_text_is_a_lint_on_every_kind() {
    let site = MemorySite::minimal_with("");
    let inc = format!("{Q2}/incidents/INC-2026-031.yaml");
    site.edit(&inc, "severity: sev2", "severity: sev1");
    site.edit(&inc, "learning: Added synthetic checks from two regions; paging now reaches the on-call in under 5 minutes.", "learning: TBD");
    site.edit(
        &format!("{Q2}/initiatives/I-001.yaml"),
        "owner: ",
        "owner: TODO # ",
    );
    let run = site.check_json();
    assert_eq!(
        run.on(&inc),
        [warning(
            "placeholder-text",
            &format!("{inc}:8:11"),
            "`learning` says \"TBD\": nothing yet"
        )]
    );
    assert_eq!(
        run.hint("placeholder-text"),
        "write the learning before the board meeting; a board reads a placeholder as a gap"
    );
    assert_eq!(
        run.on(&format!("{Q2}/initiatives/I-001.yaml"))[0].code,
        "placeholder-text"
    );
    assert_eq!(site.check(&["--strict"]).code, 1);
}

const EX: &str = "content/quarters/2026-Q2/exceptions/EX-001.yaml";

/// A sound policy exception raising R-007 (score 15: critical with the built-in bands).
const POLICY: &str = "id: EX-001
title: Payroll export account without MFA
policy: Every account that can sign in to a finance system uses MFA
scope: The payroll export service account; no person signs in with it
reason: The payroll bureau's interface cannot answer an MFA prompt until March 2027.
expires: 2026-10-20
signed: 2026-07-20
compensating_controls:
  - Connects only from two servers, by address
approved_by:
  engineering: Dana Whitfield
  security: Samuel Okafor
review: 2026-09-01
";

#[test]
fn a_policy_exception_is_held_to_the_same_rules_as_a_risk_acceptance() {
    let site = MemorySite::minimal_with(PLAYBOOK);
    site.write(EX, POLICY);
    assert_eq!(site.check_json().on(EX), vec![]);
    // With a risk, it takes that risk's band: R-007 scores 5 × 3 = 15, critical.
    site.edit(
        EX,
        "review: 2026-09-01\n",
        "review: 2026-09-01\nrisks: [R-007]\n",
    );
    let run = site.check_json();
    assert_eq!(
        run.on(EX),
        [warning(
            "acceptance-needs-board",
            &format!("{EX}:1:5"),
            "EX-001 is in the critical band, whose acceptance the board decides, and no `decide` or `approve` ask is about it"
        )]
    );
    site.edit(
        &format!("{Q2}/quarter.yaml"),
        "asks:\n",
        "asks:\n  - type: approve\n    about: [EX-001]\n    text: Waive MFA for the payroll export account until 20 October.\n",
    );
    assert_eq!(site.check_json().on(EX), vec![]);
    site.edit(EX, "expires: 2026-10-20", "expires: 2026-10-21");
    site.edit(
        &format!("{Q2}/quarter.yaml"),
        "  - type: approve\n",
        "  - type: note\n",
    );
    let run = site.check_json();
    let codes: Vec<String> = run.on(EX).into_iter().map(|d| d.code).collect();
    assert_eq!(codes, ["acceptance-needs-board", "exception-too-long"]);
    site.edit(
        EX,
        "  security: Samuel Okafor",
        "  security: Dana Whitfield",
    );
    assert_eq!(
        site.check_json().on(EX),
        [error(
            "same-signer",
            &format!("{EX}:12:13"),
            "EX-001 is signed by Dana Whitfield for both engineering and security"
        )]
    );
}

#[test]
fn a_policy_exception_without_controls_or_signers_is_one_error() {
    let site = MemorySite::minimal_with("");
    site.write(EX, "id: EX-001\ntitle: Vendor without an assessment\npolicy: Every critical vendor is assessed\nscope: The fuel-card vendor\nreason: The assessment is booked for September.\nexpires: 2026-10-01\nreview: 2026-09-01\n");
    let run = site.check_json();
    assert_eq!(
        run.on(EX),
        [error(
            "incomplete-exception",
            &format!("{EX}:1:5"),
            "EX-001 is incomplete: it lacks `compensating_controls`, `approved_by.engineering`, `approved_by.security`"
        )]
    );
}

#[test]
fn a_bad_date_is_one_error_and_no_term_lint() {
    let site = MemorySite::minimal_with(PLAYBOOK);
    site.write(
        EX,
        &POLICY.replace("expires: 2026-10-20", "expires: 2026-13-01"),
    );
    assert_eq!(
        site.check_json().on(EX),
        [error(
            "bad-date",
            &format!("{EX}:6:10"),
            "`expires`: `2026-13-01` is not a real calendar date (expected YYYY-MM-DD)"
        )]
    );
    site.write(
        EX,
        &POLICY.replace("signed: 2026-07-20", "signed: 2026-11-01"),
    );
    assert_eq!(
        site.check_json().on(EX),
        [error(
            "bad-date",
            &format!("{EX}:7:9"),
            "EX-001 is signed on 2026-11-01, after it expires on 2026-10-20"
        )]
    );
}

#[test]
fn policy_exceptions_are_listed_with_the_risk_acceptances_and_counted_on_the_one_pager() {
    let site = MemorySite::minimal_with(PLAYBOOK);
    site.write(EX, POLICY);
    site.edit(
        &format!("{Q2}/quarter.yaml"),
        "asks:\n",
        "asks:\n  - type: note\n    about: [EX-001]\n    text: MFA is waived for the payroll export account until October.\n",
    );
    let site = site.built();
    let page = site.read("output/2026-q2/exceptions/index.html");
    for text in [
        "<h1 id=\"exc-title\">Exceptions: accepted risks and policy exceptions</h1>",
        "<span class=\"nw\">EX-001</span> <span class=\"r-title\">Payroll export account without MFA</span> <span class=\"sub\">Policy exception</span>",
        "<span class=\"e-policy\">Waives: Every account that can sign in to a finance system uses MFA</span>",
        "<strong>Scope:</strong> The payroll export service account; no person signs in with it",
        "<span class=\"sub e-signed\">signed 20 July 2026</span>",
        "<span class=\"sub e-signed\">term from 15 April 2026 (first presented)</span>",
        "3 months <span class=\"sub\">no acceptance rule for its band</span>",
        "12 months <span class=\"sub\">of at most 12 (Medium)</span>",
    ] {
        assert!(page.contains(text), "{text}\n{page}");
    }
    let onepager = site.read("output/2026-q2/index.html");
    assert!(onepager.contains(">2 exceptions</a>"), "{onepager}");
    assert!(
        onepager.contains("<span class=\"about-id\">EX-001</span> <span class=\"about-title\">Payroll export account without MFA</span>"),
        "{onepager}"
    );
    let data: serde_json::Value =
        serde_json::from_str(&site.read("output/2026-q2/data.json")).unwrap();
    assert_eq!(data["exceptions"][0]["id"], "EX-001");
    assert_eq!(
        data["exceptions"][0]["scope"],
        "The payroll export service account; no person signs in with it"
    );
}

const INC: &str = "content/quarters/2026-Q2/incidents/INC-2026-031.yaml";

fn notify(site: &MemorySite, rule: &str, aware: &str, sent: &str) {
    site.edit(
        INC,
        "risks: [R-007]",
        &format!("risks: [R-007]\nnotifications:\n  - rule: {rule}\n    to: Data protection authority\n    aware: {aware}\n    sent: {sent}"),
    );
}

#[test]
fn a_notification_within_its_hours_is_on_time_and_a_minute_more_is_late() {
    let site = MemorySite::minimal_with(PLAYBOOK);
    notify(&site, "gdpr", "2026-05-12T09:00", "2026-05-15T09:00");
    assert_eq!(site.check_json().on(INC), vec![]);
    site.edit(INC, "sent: 2026-05-15T09:00", "sent: 2026-05-15T09:01");
    let run = site.check_json();
    assert_eq!(
        run.on(INC),
        [warning(
            "late-notification",
            &format!("{INC}:14:11"),
            "the GDPR breach notification of INC-2026-031 to Data protection authority was sent 72 h after becoming aware, later than its 72 h"
        )]
    );
    // An offset is honoured: 09:00 UTC is 11:00 in Berlin in summer.
    site.edit(
        INC,
        "sent: 2026-05-15T09:01",
        "sent: 2026-05-15T11:00+02:00",
    );
    assert_eq!(site.check_json().on(INC), vec![]);
}

#[test]
fn the_incident_row_says_the_clock_and_whether_it_was_met() {
    let site = MemorySite::minimal_with(PLAYBOOK);
    notify(&site, "gdpr", "2026-05-12T09:00", "2026-05-15T18:00");
    site.edit(
        &format!("{Q2}/quarter.yaml"),
        "asks:\n",
        "asks:\n  - type: note\n    about: [INC-2026-031]\n    text: The GDPR notification went out nine hours late; the on-call rota now includes counsel.\n",
    );
    assert_eq!(site.check_json().codes(), Vec::<String>::new());
    let site = site.built();
    let pack = site.read("output/2026-q2/appendix/index.html");
    assert!(
        pack.contains("<span class=\"notification late\">GDPR breach notification 81 h of 72 — late <span class=\"sub\">to Data protection authority</span></span>"),
        "{pack}"
    );
}

#[test]
fn bad_notifications_are_one_error_each() {
    let site = MemorySite::minimal_with(PLAYBOOK);
    notify(&site, "gpdr", "2026-05-12", "2026-05-11T09:00");
    let run = site.check_json();
    assert_eq!(
        run.on(INC),
        [
            error(
                "unknown-rule",
                &format!("{INC}:11:11"),
                "`rule` is `gpdr`, which is not a `[reporting]` rule of quarterdeck.toml"
            ),
            error(
                "bad-date",
                &format!("{INC}:13:12"),
                "`aware`: `2026-05-12` has no time; the clock runs in hours, so write it to the minute (YYYY-MM-DDTHH:MM)"
            ),
        ]
    );
    assert_eq!(run.hint("unknown-rule"), "did you mean `gdpr`?");
    site.edit(INC, "rule: gpdr", "rule: gdpr");
    site.edit(INC, "aware: 2026-05-12", "aware: 2026-05-12T09:00");
    assert_eq!(
        site.check_json().on(INC),
        [error(
            "bad-date",
            &format!("{INC}:14:11"),
            "`sent` (2026-05-11T09:00) is before `aware` (2026-05-12T09:00)"
        )]
    );
}

#[test]
fn acceptance_rules_and_clocks_that_cannot_work_are_errors_on_their_values() {
    let site = MemorySite::minimal_with("[[acceptance]]\nband = \"severe\"\nmax_months = 0\n[reporting.gdpr]\nname = \"GDPR\"\nhours = 0\n");
    let run = site.check_json();
    assert_eq!(
        run.on("quarterdeck.toml"),
        [
            error(
                "invalid-value",
                "quarterdeck.toml:9:8",
                "`[[acceptance]]` rule 1 has `band = \"severe\"`, expected one of `low`, `medium`, `high`, `critical`"
            ),
            error(
                "out-of-range",
                "quarterdeck.toml:10:14",
                "`[[acceptance]]` rule 1 has `max_months = 0`, expected 1 to 120"
            ),
            error(
                "out-of-range",
                "quarterdeck.toml:13:9",
                "reporting rule `gdpr` has `hours = 0`, expected 1 to 8760"
            ),
        ]
    );
}

#[test]
fn the_role_names_sign_the_one_pager_and_a_site_catalog_still_words_the_line() {
    let site = MemorySite::minimal_with("[roles]\ncto = \"CIO\"\n").on_disk();
    assert_eq!(site.run(&["build"]).code, 0);
    let onepager = site.read("output/2026-q2/index.html");
    assert!(
        onepager.contains("Signed off by Dana Whitfield (CIO) and Samuel Okafor (CISO)"),
        "{onepager}"
    );
    site.write(
        "i18n/en.toml",
        "signed_off = \"Approved by {cto}, {cto_role}, and {ciso}, {ciso_role}\"\n",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    let onepager = site.read("output/2026-q2/index.html");
    assert!(
        onepager.contains("Approved by Dana Whitfield, CIO, and Samuel Okafor, CISO"),
        "{onepager}"
    );
}

#[test]
fn published_quarters_stay_quiet_about_the_state_at_their_meeting() {
    let site = MemorySite::minimal_with(PLAYBOOK);
    let r010_q1 = format!("{Q1}/risks/R-010.yaml");
    // In 2026-Q1 the review fell before its meeting and the term is 3 years: both lints...
    site.edit(&r010_q1, "  review: 2026-12-31", "  review: 2026-04-01");
    site.edit(&r010_q1, "  expires: 2027-03-31", "  expires: 2029-03-31");
    assert_eq!(site.check_json().on(&r010_q1).len(), 2);
    // ...until the quarter is the record of its meeting.
    let site = site.on_disk();
    assert_eq!(site.run(&["publish", "2026-Q1"]).code, 0);
    assert_eq!(site.check_json().on(&r010_q1), vec![]);
}

#[test]
fn new_quarter_carries_the_policy_exceptions_still_running() {
    let site = MemorySite::minimal_with(PLAYBOOK);
    site.write(EX, POLICY);
    site.write(
        "content/quarters/2026-Q2/exceptions/EX-002.yaml",
        &POLICY
            .replace("EX-001", "EX-002")
            .replace("expires: 2026-10-20", "expires: 2026-06-30")
            .replace("review: 2026-09-01", "review: 2026-06-01")
            .replace("signed: 2026-07-20", "signed: 2026-04-01"),
    );
    let site = site.on_disk();
    let run = site.run(&["new", "quarter", "2026-Q3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("created content/quarters/2026-Q3 (3 risks, 1 initiative, 1 investment, 1 policy exception carried forward;"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("left in 2026-Q2: EX-002 (expired 2026-06-30)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        site.read("content/quarters/2026-Q3/exceptions/EX-001.yaml"),
        site.read(EX)
    );
    assert!(!site
        .path("content/quarters/2026-Q3/exceptions/EX-002.yaml")
        .exists());
}

#[test]
fn a_record_does_not_change_when_the_same_scale_is_written_another_way() {
    let site = MemorySite::minimal_with("risk_appetite = 12\n").on_disk();
    assert_eq!(site.run(&["publish", "2026-Q2"]).code, 0);
    let changed = |site: &Site| -> Vec<String> {
        site.check_json()
            .diagnostics()
            .iter()
            .filter(|d| d["code"] == "published-changed")
            .map(|d| d["message"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    site.edit(
        "quarterdeck.toml",
        "risk_appetite = 12\n",
        "[matrix]\nbands = [\"LLLLM\", \"LLMMH\", \"LMMHC\", \"LMHCC\", \"MHCCC\"]\n[appetite]\nlimit = 12\n",
    );
    assert_eq!(changed(&site), Vec::<String>::new());
    site.edit("quarterdeck.toml", "limit = 12\n", "limit = 11\n");
    assert_eq!(changed(&site).len(), 1);
}
