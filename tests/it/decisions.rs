//! Decisions on asks, the action log and "since the last meeting" (issue #25), on copies of the
//! minimal fixture (2026-Q1 and 2026-Q2, both final, neither published).

use crate::support::{error, risk_of, walk, warning, Files, Found, MemorySite, Site};

const Q1: &str = "content/quarters/2026-Q1/quarter.yaml";
const Q2: &str = "content/quarters/2026-Q2/quarter.yaml";
const ASK: &str = "  - Approve the \"better\" option of INV-003.\n";

/// An action file of 2026-Q2.
fn action(id: &str, status: &str, due: &str, raised: &str) -> String {
    format!("id: {id}\ntitle: Follow-up {id}\nowner: CISO\ndue: {due}\nstatus: {status}\nraised: {raised}\n")
}

/// The one diagnostic of a `check --format json` run, and its hint.
fn only(site: &MemorySite) -> (Found, String) {
    let run = site.check_json();
    let found = run.found();
    assert_eq!(found.len(), 1, "{}", run.stdout);
    let hint = run.hint(&found[0].code);
    (found[0].clone(), hint)
}

fn with_ask(site: &impl Files, file: &str, ask: &str) {
    site.edit(file, ASK, ask);
}

#[test]
fn publish_refuses_an_undecided_ask_writes_nothing_and_accepts_it_once_decided() {
    let site = Site::copy_of("minimal");
    with_ask(
        &site,
        Q2,
        "  - type: approve\n    about: [INV-003]\n    text: The better option of INV-003.\n",
    );
    let run = site.run(&["publish", "2026-Q2"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/quarters/2026-Q2/quarter.yaml:8:5: error[undecided-ask]: ask 1 (`approve`) has no decision: The better option of INV-003.\n  |\n8 |   - type: approve\n  |     ^\n  = help: add what the board decided under the ask: `decision: { outcome: … }` (approved, rejected, deferred or noted), `option` and `amount`\n\nerror: 2026-Q2 cannot be published: the record must say what the board decided on 1 ask\n"
    );
    assert!(!site
        .path("content/quarters/2026-Q2/published.yaml")
        .exists());
    site.edit(
        Q2,
        "    text: The better option of INV-003.\n",
        "    text: The better option of INV-003.\n    decision: { outcome: approved, option: better, amount: 420000 }\n",
    );
    let run = site.run(&["publish", "2026-Q2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .path("content/quarters/2026-Q2/published.yaml")
        .exists());
}

#[test]
fn new_quarter_carries_open_actions_and_leaves_closed_ones() {
    let site = Site::copy_of("minimal");
    let dir = "content/quarters/2026-Q2/actions";
    site.write(
        &format!("{dir}/A-001.yaml"),
        &action("A-001", "open", "2026-12-31", "2026-Q1"),
    )
    .write(
        &format!("{dir}/A-002.yaml"),
        &action("A-002", "done", "2026-06-30", "2026-Q1"),
    )
    .write(
        &format!("{dir}/A-003.yaml"),
        &action("A-003", "dropped", "2026-06-30", "2026-Q2"),
    );
    let run = site.run(&["new", "quarter", "2026-Q3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "created content/quarters/2026-Q3 (3 risks, 1 initiative, 1 investment, 1 open action carried forward; fill in board_meeting, headline, summary and trends.yaml)\n"
    );
    assert!(
        run.stderr.starts_with(
            "left in 2026-Q2: A-002 (done), A-003 (dropped); incidents are not carried\n"
        ),
        "{}",
        run.stderr
    );
    let q3 = site.path("content/quarters/2026-Q3/actions");
    let carried: Vec<String> = walk(&q3)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(carried, vec!["A-001.yaml"]);
    assert_eq!(
        site.read("content/quarters/2026-Q3/actions/A-001.yaml"),
        site.read(&format!("{dir}/A-001.yaml"))
    );
    // The next action gets the next free id, whatever quarter holds the highest.
    let run = site.run(&["new", "action", "Report on the restore test"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "content/quarters/2026-Q3/actions/A-004.yaml\n");
}

/// The minimal site with a decision in 2026-Q1 and an action log in 2026-Q2, in `language`.
fn decided(language: Option<&str>) -> MemorySite {
    let site = MemorySite::copy_of("minimal");
    if let Some(lang) = language {
        site.edit(
            "quarterdeck.toml",
            "currency = \"USD\"",
            &format!("currency = \"EUR\"\nlanguage = \"{lang}\""),
        );
    }
    with_ask(
        &site,
        Q1,
        "  - type: approve\n    about: [INV-003]\n    text: The better option of INV-003.\n    decision: { outcome: approved, option: better, amount: 420000 }\n",
    );
    let dir = "content/quarters/2026-Q2/actions";
    site.write(
        &format!("{dir}/A-001.yaml"),
        &action("A-001", "open", "2026-06-30", "2026-Q1"),
    )
    .write(
        &format!("{dir}/A-002.yaml"),
        &action("A-002", "done", "2026-06-30", "2026-Q1"),
    )
    .write(
        &format!("{dir}/A-003.yaml"),
        &action("A-003", "open", "2026-12-31", "2026-Q2"),
    );
    site
}

/// The text of the one-pager's "since the last meeting", tags removed, and the site built into
/// `out/`.
fn since_block(site: &MemorySite) -> (String, Site) {
    let site = site.on_disk();
    let run = site.run(&["build", "--output", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("out/2026-q2/index.html");
    let start = html.find("<section class=\"op-section op-since\"").unwrap();
    let end = start + html[start..].find("</section>").unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    (text.split_whitespace().collect::<Vec<_>>().join(" "), site)
}

#[test]
fn since_the_last_meeting_names_the_decisions_the_action_log_and_what_moved() {
    let (since, site) = since_block(&decided(None));
    assert_eq!(
        since,
        "Since the last meeting (2026-Q1): Decisions: INV-003 — Approved: Better, $420k. Action log: 1 done, 2 open, 1 overdue (A-001). Risks: 1 down."
    );
    let data: serde_json::Value =
        serde_json::from_str(&site.read("out/2026-q2/data.json")).unwrap();
    assert_eq!(
        data["since_last"]["actions"],
        serde_json::json!({"done": 1, "dropped": 0, "open": 2, "overdue": ["A-001"]})
    );
    assert_eq!(data["actions"][0]["overdue"], true);
    // A site's first quarter has nothing to look back on.
    assert!(!site.read("out/2026-q1/index.html").contains("op-since"));
}

#[test]
fn since_the_last_meeting_in_german() {
    assert_eq!(
        since_block(&decided(Some("de"))).0,
        "Seit der letzten Sitzung (Q1 2026): Beschlüsse: INV-003 — Genehmigt: Besser, 420.000 €. Maßnahmen: 1 erledigt, 2 offen, 1 überfällig (A-001). Risiken: 1 gesunken."
    );
}

#[test]
fn an_overdue_action_is_a_lint_at_its_due_date() {
    let site = decided(None);
    assert_eq!(
        only(&site),
        (
            warning(
                "action-overdue",
                "content/quarters/2026-Q2/actions/A-001.yaml:4:6",
                "A-001 (Follow-up A-001) was due 2026-06-30, before the board meeting on 2026-07-15, and is still open"
            ),
            "set `status: done` if it is done; otherwise tell the board and agree a new `due` date".to_string(),
        )
    );
}

#[test]
fn a_decision_option_on_an_ask_about_no_investment_is_an_error() {
    let site = MemorySite::copy_of("minimal");
    with_ask(
        &site,
        Q2,
        "  - type: decide\n    about: [R-007]\n    text: Fund the runner rebuild.\n    decision: { outcome: approved, option: best }\n",
    );
    assert_eq!(
        only(&site),
        (
            error(
                "option-without-investment",
                &format!("{Q2}:11:44"),
                "the decision chose option `best`, but the ask is about no investment"
            ),
            "name the investment in the ask's `about` (e.g. `about: [INV-006]`), or remove `option`".to_string(),
        )
    );
}

#[test]
fn a_decision_amount_that_is_not_a_number_is_an_error_with_the_number_to_write() {
    let site = MemorySite::copy_of("minimal");
    with_ask(
        &site,
        Q2,
        "  - type: approve\n    about: [INV-003]\n    text: INV-003.\n    decision: { outcome: approved, amount: \"420,000\" }\n",
    );
    assert_eq!(
        only(&site),
        (
            error(
                "invalid-value",
                &format!("{Q2}:11:44"),
                "`decision.amount` is `420,000`, expected a number in the site currency"
            ),
            "write the amount in full, without separators or units: `amount: 420000`".to_string(),
        )
    );
}

#[test]
fn a_decision_outcome_outside_the_list_is_an_error() {
    let site = MemorySite::copy_of("minimal");
    with_ask(
        &site,
        Q2,
        "  - type: approve\n    about: [INV-003]\n    text: INV-003.\n    decision: { outcome: aproved }\n",
    );
    assert_eq!(
        only(&site),
        (
            error(
                "invalid-value",
                &format!("{Q2}:11:26"),
                "`decision.outcome` is `aproved`, expected one of `approved`, `rejected`, `deferred`, `noted`"
            ),
            "did you mean `approved`?".to_string(),
        )
    );
}

#[test]
fn a_decision_on_a_note_ask_is_allowed() {
    let site = MemorySite::copy_of("minimal");
    with_ask(
        &site,
        Q2,
        "  - type: note\n    about: [R-007]\n    text: Runners are rebuilt weekly.\n    decision: { outcome: noted }\n",
    );
    let run = site.check(&["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn an_action_raised_after_its_quarter_is_an_error() {
    let site = MemorySite::copy_of("minimal");
    let file = "content/quarters/2026-Q2/actions/A-001.yaml";
    site.write(file, &action("A-001", "open", "2026-12-31", "2026-Q3"));
    assert_eq!(
        only(&site),
        (
            error(
                "raised-after-quarter",
                &format!("{file}:6:9"),
                "A-001 is raised in 2026-Q3, after this quarter (2026-Q2)"
            ),
            "an action is raised at a board meeting up to this one: set `raised: 2026-Q2` or earlier, or move the file to content/quarters/2026-Q3/actions/".to_string(),
        )
    );
}

#[test]
fn an_action_about_an_id_not_in_the_quarter_is_an_error() {
    let site = MemorySite::copy_of("minimal");
    let file = "content/quarters/2026-Q2/actions/A-001.yaml";
    site.write(
        file,
        &(action("A-001", "open", "2026-12-31", "2026-Q2") + "about: [INV-009]\n"),
    );
    assert_eq!(
        only(&site),
        (
            error(
                "unknown-id",
                &format!("{file}:7:9"),
                "`about` names INV-009, which does not exist in 2026-Q2"
            ),
            "ids in 2026-Q2: A-001, I-001, INC-2026-031, INV-003, R-002, R-007, R-010".to_string(),
        )
    );
}

#[test]
fn an_incident_naming_an_action_not_in_the_quarter_is_an_error() {
    let site = MemorySite::copy_of("minimal");
    let file = "content/quarters/2026-Q2/incidents/INC-2026-031.yaml";
    site.edit(file, "risks: [R-007]", "risks: [R-007]\nactions: [A-001]");
    assert_eq!(
        only(&site),
        (
            error(
                "unknown-id",
                &format!("{file}:10:11"),
                "`actions` names A-001, which does not exist in 2026-Q2"
            ),
            "2026-Q2 has no actions; add actions/A-001.yaml (`quarterdeck new action \"TITLE\"`) or remove the reference".to_string(),
        )
    );
    site.write(
        "content/quarters/2026-Q2/actions/A-001.yaml",
        &action("A-001", "open", "2026-12-31", "2026-Q2"),
    );
    let run = site.check(&["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_due_date_moved_later_in_three_quarters_is_chronic_slip_until_an_ask_is_about_it() {
    let site = MemorySite::copy_of("minimal");
    let r7 = |q: &str| format!("content/quarters/{q}/risks/R-007.yaml");
    // 2026-Q1 due 2026-12-15; then three quarters, each moving it later (2026-Q4 skipped).
    for (q, due, meeting) in [
        ("2026-Q3", "2027-03-31", "2026-10-14"),
        ("2027-Q1", "2027-06-30", "2027-04-14"),
        ("2027-Q2", "2027-09-30", "2027-07-14"),
    ] {
        site.copy_dir("content/quarters/2026-Q2", &format!("content/quarters/{q}"));
        let quarter = format!("content/quarters/{q}/quarter.yaml");
        site.edit(&quarter, "quarter: 2026-Q2", &format!("quarter: {q}"))
            .edit(
                &quarter,
                "board_meeting: 2026-07-15",
                &format!("board_meeting: {meeting}"),
            )
            .edit(&r7(q), "due: 2026-12-15", &format!("due: {due}"));
    }
    site.edit(&r7("2026-Q2"), "due: 2026-12-15", "due: 2027-01-31");
    // Moves: 2026-Q2, 2026-Q3, 2027-Q1 (counted across the missing 2026-Q4), 2027-Q2.
    let run = site.check_json();
    let slips: Vec<(String, String)> = run
        .diagnostics()
        .iter()
        .filter(|d| d["code"] == "chronic-slip")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        slips,
        vec![
            (
                r7("2027-Q1"),
                "the due date of R-007 moved later in 3 quarters, first due 2026-12-15, now 2027-06-30".to_string()
            ),
            (
                r7("2027-Q2"),
                "the due date of R-007 moved later in 4 quarters, first due 2026-12-15, now 2027-09-30".to_string()
            ),
        ]
    );
    let data = site.built().data("2027-q2");
    let r = risk_of(&data, "R-007");
    assert_eq!(r["due_moves"], 4);
    assert_eq!(r["first_due"], "2026-12-15");
    assert_eq!(r["due_history"][2]["quarter"], "2027-Q1");
    assert_eq!(r["due_history"][2]["from"], "2027-03-31");
    // An ask about the risk puts the slip in front of the board.
    site.edit(
        "content/quarters/2027-Q2/quarter.yaml",
        ASK,
        "  - type: decide\n    about: [R-007]\n    text: Agree the new date for the runner rebuild.\n",
    );
    let run = site.check_json();
    let files: Vec<String> = run
        .diagnostics()
        .iter()
        .filter(|d| d["code"] == "chronic-slip")
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files, vec![r7("2027-Q1")]);
}
