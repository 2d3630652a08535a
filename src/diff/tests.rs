//! Each change kind, on small hand-built sites: the diff and the words the formats print.

use super::render::{markdown, text};
use super::types::Change;
use super::{diff, QuarterDiff, Side};
use crate::model::facts::{self, Direction, Movement};
use crate::model::scalar::{Minutes, QuarterId};
use crate::model::testing;
use crate::model::types::*;

/// The builders of `model::testing`, with the names and owners the printed lines below read.
fn risk(id: &str) -> Risk {
    testing::risk(id)
        .title(format!("Title of {id}"))
        .owner("CISO")
}

fn initiative(id: &str) -> Initiative {
    testing::initiative(id)
        .title(format!("Title of {id}"))
        .owner("CTO")
}

fn incident(id: &str) -> Incident {
    testing::incident(id)
        .title(format!("Title of {id}"))
        .occurred("2026-05-12")
        .time_to_detect(Minutes(90))
        .time_to_contain(Minutes(360))
}

/// Good $180k and best $750k.
fn investment(id: &str) -> Investment {
    testing::investment(id)
        .title(format!("Title of {id}"))
        .cost(Tier::Good, 180_000.0)
        .cost(Tier::Best, 750_000.0)
}

fn quarter(q: &str) -> Quarter {
    testing::quarter(q)
        .board_meeting("2026-07-15")
        .headline("Ransomware exposure down")
        .summary("Critical vulnerabilities are fixed in 9.5 days. Nothing else changed.")
        .ask(Ask::discuss("Approve INV-003."))
}

/// Measured in days, lower is better, with a target of 7 and a flat band of 0.5.
fn metric(id: &str) -> Metric {
    testing::metric(id)
        .name(format!("Name of {id}"))
        .unit("days")
        .better(Better::Lower)
        .target(7.0)
        .flat_band(0.5)
}

/// The top 3 risks and the metrics `mttr` and `steady`.
fn site(quarters: Vec<Quarter>) -> Site {
    let mut site = testing::site("top_risks=3")
        .metric(metric("mttr"))
        .metric(metric("steady"));
    site.quarters = quarters;
    site
}

/// Diffs the last two quarters of a site built from `quarters`.
fn diff_last(quarters: Vec<Quarter>) -> QuarterDiff {
    let mut s = site(quarters);
    facts::attach(&mut s);
    let n = s.quarters.len();
    diff(Side::at(&s, n - 2).unwrap(), Side::at(&s, n - 1).unwrap())
}

/// Q1 → Q2 → Q3 where Q3 changes one of everything against Q2.
fn eventful() -> QuarterDiff {
    let q1 = quarter("2026-Q1")
        .reading("mttr", 6.0)
        .reading("steady", 5.0);
    let q2 = quarter("2026-Q2")
        .risks([
            risk("R-001").impact(4).likelihood(2),
            risk("R-002")
                .impact(3)
                .likelihood(3)
                .status(RiskStatus::Mitigating),
            risk("R-003").impact(2).likelihood(2),
            risk("R-004").impact(5).likelihood(3),
            risk("R-005")
                .impact(1)
                .likelihood(1)
                .status(RiskStatus::Closed),
            risk("R-006").impact(2).likelihood(3),
        ])
        .reading("mttr", 9.5)
        .reading("steady", 5.0)
        .initiative(initiative("I-001").progress(40))
        .initiative(
            initiative("I-002")
                .status(InitiativeStatus::Done)
                .progress(100),
        )
        .initiative(initiative("I-003").progress(10))
        .incident(incident("INC-1"))
        .investment(
            investment("INV-001")
                .recommended(Tier::Good)
                .cost(Tier::Better, 420_000.0),
        )
        .investment(
            investment("INV-002")
                .recommended(Tier::Better)
                .cost(Tier::Better, 420_000.0),
        );
    let q3 = quarter("2026-Q3")
        .risks([
            // Up 8 → 12.
            risk("R-001").impact(4).likelihood(3),
            risk("R-002")
                .impact(3)
                .likelihood(3)
                .status(RiskStatus::Closed),
            // Its status.
            risk("R-003")
                .impact(2)
                .likelihood(2)
                .status(RiskStatus::Mitigating),
            risk("R-006").impact(2).likelihood(3).owner("VP Security"),
            risk("R-007").impact(5).likelihood(4),
        ]) // R-004 vanished; R-005 was closed and is rightly gone
        .reading("mttr", 6.1)
        .reading("steady", 5.0)
        .initiative(
            initiative("I-001")
                .status(InitiativeStatus::AtRisk)
                .progress(55),
        )
        .initiative(initiative("I-003").progress(10))
        .initiative(initiative("I-004"))
        .incident(incident("INC-2"))
        .investment(
            investment("INV-002")
                .recommended(Tier::Best)
                .cost(Tier::Better, 450_000.0),
        )
        .investment(
            investment("INV-003")
                .recommended(Tier::Good)
                .cost(Tier::Better, 1.0),
        )
        .headline("Ransomware exposure up");
    diff_last(vec![q1, q2, q3])
}

fn risk_kinds(d: &QuarterDiff) -> Vec<(&str, Change, Option<Movement>)> {
    d.risks
        .iter()
        .map(|r| (r.id.as_str(), r.change, r.movement))
        .collect()
}

#[test]
fn each_risk_change_kind_in_reading_order() {
    let d = eventful();
    assert_eq!(
        risk_kinds(&d),
        vec![
            ("R-007", Change::New, Some(Movement::New)),
            ("R-002", Change::Closed, Some(Movement::Same)),
            ("R-004", Change::Vanished, None),
            ("R-001", Change::Changed, Some(Movement::Up)),
            ("R-003", Change::Changed, Some(Movement::Same)),
            ("R-006", Change::Changed, Some(Movement::Same)),
        ]
    );
    let up = &d.risks[3];
    assert_eq!(
        (
            up.from.as_ref().unwrap().score,
            up.to.as_ref().unwrap().score
        ),
        (8, 12)
    );
}

#[test]
fn top_risks_entered_and_left_with_reasons() {
    let d = eventful();
    assert_eq!(d.top_risks.from, vec!["R-004", "R-002", "R-001"]);
    assert_eq!(d.top_risks.to, vec!["R-007", "R-001", "R-006"]);
    let entered: Vec<(&str, usize)> = d
        .top_risks
        .entered
        .iter()
        .map(|e| (e.id.as_str(), e.rank))
        .collect();
    assert_eq!(entered, vec![("R-007", 1), ("R-006", 3)]);
    let left: Vec<(&str, Option<&str>)> = d
        .top_risks
        .left
        .iter()
        .map(|e| (e.id.as_str(), e.reason))
        .collect();
    assert_eq!(
        left,
        vec![("R-004", Some("gone")), ("R-002", Some("closed"))]
    );
}

#[test]
fn metric_direction_target_and_value_changes_unchanged_left_out() {
    let d = eventful();
    assert_eq!(d.metrics.len(), 1, "the steady metric is not listed");
    let m = &d.metrics[0];
    assert_eq!((m.from.unwrap().value, m.to.unwrap().value), (9.5, 6.1));
    assert_eq!(
        (m.from.unwrap().direction, m.to.unwrap().direction, m.change),
        (
            Direction::Worsening,
            Direction::Improving,
            Some(Direction::Improving)
        )
    );
    assert!(m.direction_changed());
    assert_eq!(m.target_flip(), Some(true));
}

#[test]
fn initiatives_incidents_and_investments() {
    let d = eventful();
    let ini: Vec<(&str, Change)> = d
        .initiatives
        .iter()
        .map(|i| (i.id.as_str(), i.change))
        .collect();
    assert_eq!(
        ini,
        vec![
            ("I-001", Change::Changed),
            ("I-002", Change::Removed),
            ("I-004", Change::New)
        ]
    );
    let inc: Vec<(&str, Change)> = d
        .incidents
        .iter()
        .map(|i| (i.id.as_str(), i.change))
        .collect();
    assert_eq!(
        inc,
        vec![("INC-2", Change::New)],
        "INC-1 belongs to its own quarter"
    );
    let inv: Vec<(&str, Change)> = d
        .investments
        .iter()
        .map(|i| (i.id.as_str(), i.change))
        .collect();
    assert_eq!(
        inv,
        vec![
            ("INV-001", Change::Removed),
            ("INV-002", Change::Changed),
            ("INV-003", Change::New)
        ]
    );
}

#[test]
fn summary_line_counts_what_changed() {
    assert_eq!(
        eventful().summary,
        "1 risk moved, 1 new, 1 closed, 1 vanished, 1 changed status, 1 changed owner; \
         top risks changed; 1 metric changed, 1 changed direction; 1 target now met; \
         1 initiative changed, 1 new, 1 removed; 1 new incident; \
         1 new investment ask, 1 changed, 1 removed; headline edited"
    );
}

#[test]
fn text_lines_name_each_change() {
    let out = text::quarter(&eventful());
    for line in [
        "Board pack changes: 2026-Q2 → 2026-Q3",
        "new      R-007 Title of R-007: 20 (impact 5, likelihood 4; open; owner CISO)",
        "closed   R-002 Title of R-002: 9 (was mitigating; last mitigation: “m”)",
        "vanished R-004 Title of R-004: was 15 (was open in 2026-Q2, missing from 2026-Q3 without being closed)",
        "↑ up     R-001 Title of R-001: 8 → 12 (impact 4, likelihood 2 → 3)",
        "changed  R-003 Title of R-003: 4 (status open → mitigating)",
        "changed  R-006 Title of R-006: 6 (owner CISO → VP Security)",
        "Name of mttr: 9.5 days → 6.1 days (improving ↗, was worsening ↘; target 7 days: now met ✓, was missed ✗)",
        "changed I-001 Title of I-001: 40% → 55% (status on track → at risk)",
        "re-recommended INV-002 Title of INV-002: best ($750k) (re-recommended better → best; better option $420k → $450k)",
        "Ransomware exposure [-down-]{+up+}",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
}

#[test]
fn identical_quarters_have_no_changes() {
    let d = diff_last(vec![quarter("2026-Q1"), quarter("2026-Q2")]);
    assert!(d.is_empty());
    assert_eq!(d.summary, "no changes to what the board pack shows");
}

#[test]
fn a_quarter_against_itself_reports_removed_closed_risks_and_incidents() {
    let before = quarter("2026-Q2")
        .risk(
            risk("R-005")
                .impact(1)
                .likelihood(1)
                .status(RiskStatus::Closed),
        )
        .incident(incident("INC-1"));
    let (mut a, mut b) = (site(vec![before]), site(vec![quarter("2026-Q2")]));
    facts::attach(&mut a);
    facts::attach(&mut b);
    let d = diff(Side::at(&a, 0).unwrap(), Side::at(&b, 0).unwrap());
    assert_eq!(risk_kinds(&d), vec![("R-005", Change::Removed, None)]);
    assert_eq!(d.incidents[0].change, Change::Removed);
}

#[test]
fn markdown_escapes_hostile_content_everywhere() {
    let q1 = quarter("2026-Q1").risk(risk("R-001").impact(2).likelihood(2));
    let q2 = quarter("2026-Q2")
        .risk(
            risk("R-001")
                .impact(3)
                .likelihood(2)
                .title("a | b <img src=x onerror=alert(1)> [link](http://x) ~~s~~\n# h")
                .mitigation("m <img src=y> | @team\n| x |"),
        )
        .headline("<script>alert(1)</script> **loud**");
    let out = markdown::quarter(&diff_last(vec![q1, q2]));
    assert!(!out.contains("<img") && !out.contains("<script"), "{out}");
    assert!(
        out.contains(
            "a \\| b &lt;img src=x onerror=alert(1)&gt; \\[link\\](http:&#8203;//x) \\~\\~s\\~\\~ # h"
        ),
        "{out}"
    );
    assert!(
        // A line that starts with a tag is an HTML block: the site shows it as text, so does this.
        out.contains("<ins>&lt;script&gt;alert(1)&lt;/script&gt; \\*\\*loud\\*\\*</ins>"),
        "{out}"
    );
    // A reworded mitigation, word by word in the row's last cell, is escaped the same way.
    assert!(
        out.contains("<br>_mitigation:_ <del>m</del><br><ins>m &lt;img src=y&gt; \\| @&#8203;team</ins><br><ins>\\| x \\|</ins> |\n"),
        "{out}"
    );
    let rows = out.lines().filter(|l| l.starts_with("| **R-001**")).count();
    assert_eq!(rows, 1, "the title stays on one table row:\n{out}");
}

#[test]
fn markdown_has_heading_summary_and_tables() {
    let out = markdown::quarter(&eventful());
    assert!(
        out.starts_with("## Board pack changes: 2026-Q2 → 2026-Q3\n\n**1 risk moved, 1 new"),
        "{out}"
    );
    assert!(
        out.contains("| **R-001** Title of R-001 | ↑ up | 8 → 12 | impact 4, likelihood 2 → 3 |"),
        "{out}"
    );
    assert!(
        out.contains("- **R-007** Title of R-007 entered the top 3 at #&#8203;1"),
        "{out}"
    );
    assert!(
        out.contains("- _edited:_ Ransomware exposure <del>down</del> <ins>up</ins>"),
        "{out}"
    );
}

#[test]
fn json_is_stable_and_complete() {
    let d = eventful();
    let a = serde_json::to_string_pretty(&d).unwrap();
    assert_eq!(a, serde_json::to_string_pretty(&eventful()).unwrap());
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["from"], "2026-Q2");
    assert_eq!(v["risks"][0]["change"], "new");
    assert_eq!(v["metrics"][0]["to"]["direction"], "improving");
    assert_eq!(
        v["narrative"]["headline"]["lines"][0]["spans"][1]["op"],
        "removed"
    );
    assert!(v.get("format").is_none());
}

/// Issue 11, point 3: `diff 2023-Q3 2024-Q1` across a quarter that closed a risk.
#[test]
fn a_risk_closed_in_a_skipped_quarter_is_closed_not_vanished() {
    let q1 = quarter("2026-Q1")
        .risk(risk("R-121").impact(5).likelihood(4))
        .risk(risk("R-122").impact(2).likelihood(2));
    let q2 = quarter("2026-Q2")
        .risk(
            risk("R-121")
                .impact(5)
                .likelihood(4)
                .status(RiskStatus::Closed),
        )
        .risk(risk("R-122").impact(2).likelihood(2));
    let q3 = quarter("2026-Q3"); // R-121 retired; R-122 dropped without being closed
    let mut s = site(vec![q1, q2, q3]);
    facts::attach(&mut s);
    let d = diff(Side::at(&s, 0).unwrap(), Side::at(&s, 2).unwrap());
    assert_eq!(
        risk_kinds(&d),
        vec![
            ("R-121", Change::Closed, None),
            ("R-122", Change::Vanished, None)
        ]
    );
    assert_eq!(d.risks[0].closed_in, QuarterId::parse("2026-Q2").ok());
    assert_eq!(d.risks[1].closed_in, None);
    assert_eq!(d.summary, "1 risk closed, 1 vanished; top risks changed");
    let out = text::quarter(&d);
    assert!(
        out.contains(
            "closed   R-121 Title of R-121: was 20 (closed in 2026-Q2; last mitigation: “m”)"
        ),
        "{out}"
    );
    assert!(
        out.contains("R-121 Title of R-121 left the top 3 (was #1; closed)"),
        "{out}"
    );
    assert!(!out.contains("R-121 without being closed"), "{out}");
}

/// Across a skipped quarter that finished an initiative, the initiative left behind reads as
/// done there, not as dropped at the older quarter's progress.
#[test]
fn an_initiative_done_in_a_skipped_quarter_is_said_to_be_done() {
    let q1 = quarter("2026-Q1")
        .initiative(initiative("I-001").progress(50))
        .initiative(initiative("I-002").progress(50));
    let q2 = quarter("2026-Q2")
        .initiative(
            initiative("I-001")
                .status(InitiativeStatus::Done)
                .progress(100),
        )
        .initiative(
            initiative("I-002")
                .status(InitiativeStatus::AtRisk)
                .progress(60),
        );
    let q3 = quarter("2026-Q3"); // I-001 left behind when done; I-002 dropped unfinished
    let mut s = site(vec![q1, q2, q3]);
    facts::attach(&mut s);
    let d = diff(Side::at(&s, 0).unwrap(), Side::at(&s, 2).unwrap());
    let done: Vec<_> = d
        .initiatives
        .iter()
        .map(|i| (i.id.as_str(), i.done_in))
        .collect();
    assert_eq!(
        done,
        [("I-001", QuarterId::parse("2026-Q2").ok()), ("I-002", None)]
    );
    let out = text::quarter(&d);
    assert!(
        out.contains("removed I-001 Title of I-001: was 50% (done in 2026-Q2)\n"),
        "{out}"
    );
    assert!(
        out.contains("removed I-002 Title of I-002: was 50% (was on track)\n"),
        "{out}"
    );
    // Next to each other, the older quarter's state says it all.
    let d = diff(Side::at(&s, 1).unwrap(), Side::at(&s, 2).unwrap());
    assert!(d.initiatives.iter().all(|i| i.done_in.is_none()));
}

/// Issue 11, point 4: the summary never says "no changes" above a list of changes.
#[test]
fn the_summary_counts_every_change_it_lists() {
    let q1 = quarter("2026-Q1").risks([
        risk("R-001").impact(4).likelihood(2),
        risk("R-002").impact(4).likelihood(2),
        risk("R-003").impact(4).likelihood(2),
    ]);
    let q2 = quarter("2026-Q2").risks([
        risk("R-001").impact(4).likelihood(2).owner("Deputy CISO"),
        risk("R-002")
            .impact(4)
            .likelihood(2)
            .title("A clearer title"),
        risk("R-003").impact(2).likelihood(4),
    ]);
    let d = diff_last(vec![q1.clone(), q2.clone()]);
    assert_eq!(
        d.summary,
        "1 risk changed owner, 1 renamed, 1 re-rated at the same score"
    );
    assert!(!d.is_empty());
    let text = text::quarter(&d);
    assert!(text.contains("(owner CISO → Deputy CISO)"), "{text}");
    // The same quarter in two versions (as under `--git`), and a metric that only moved.
    let with_reading = q2.clone().reading("mttr", 6.0);
    let moved = q2.clone().reading("mttr", 6.2);
    for (a, b) in [(q2.clone(), q2.clone()), (q1, q2), (with_reading, moved)] {
        let d = diff_last(vec![a, b]);
        let says_none = d.summary == "no changes to what the board pack shows";
        assert_eq!(says_none, d.is_empty(), "{}", text::quarter(&d));
    }
}

/// The register's columns are in the board pack too: a slipped due date, an extended
/// exception and a reworded statement are each a change, worded and counted, and in the JSON.
#[test]
fn due_dates_exceptions_and_wording_from_the_register_are_changes() {
    // Accepted risks scoring 9, their statements `s` unless reworded.
    let accepted = |id: &str| {
        risk(id)
            .impact(3)
            .likelihood(3)
            .status(RiskStatus::Accepted)
    };
    let expiring = |day: &str| testing::exception().expires(day);
    let q1 = quarter("2026-Q1").risks([
        accepted("R-001").due("2026-06-30"),
        accepted("R-002").due("2026-06-30"),
        accepted("R-003").exception(expiring("2026-09-30")),
        accepted("R-004").exception(expiring("2026-09-30")),
        accepted("R-005").statement("Old words"),
        accepted("R-006")
            .due("2026-06-30")
            .exception(expiring("2026-09-30")),
        accepted("R-007")
            .due("2026-06-30")
            .exception(expiring("2026-09-30")),
    ]);
    let q2 = quarter("2026-Q2").risks([
        accepted("R-001").due("2026-12-31"),
        accepted("R-002").due("2026-03-31"),
        accepted("R-003").exception(expiring("2027-03-31")),
        accepted("R-004"),
        accepted("R-005").statement("New words"),
        accepted("R-006")
            .due("2026-06-30")
            .exception(expiring("2026-09-30")),
        accepted("R-007").status(RiskStatus::Closed),
    ]);
    let d = diff_last(vec![q1, q2]);
    assert_eq!(
        d.risks.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["R-007", "R-001", "R-002", "R-003", "R-004", "R-005"]
    );
    assert_eq!(
        d.summary,
        "1 risk closed, 1 reworded; 1 due date moved later, 1 changed; 1 exception extended, 1 granted, ended or shortened"
    );
    let text = text::quarter(&d);
    for line in [
        // Closing a risk ends its due date and exception; the row says closed, no more.
        "closed  R-007 Title of R-007: 9 (was accepted; last mitigation: “m”)\n",
        "changed R-001 Title of R-001: 9 (due date later: 2026-06-30 → 2026-12-31)",
        "changed R-002 Title of R-002: 9 (due date earlier: 2026-06-30 → 2026-03-31)",
        "changed R-003 Title of R-003: 9 (exception extended: expires 2026-09-30 → 2027-03-31)",
        "changed R-004 Title of R-004: 9 (exception ended, was to expire 2026-09-30)",
        "changed R-005 Title of R-005: 9 (statement reworded)",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    // The reworded statement, word by word under its row, in both formats.
    assert!(
        text.contains(
            "  changed R-005 Title of R-005: 9 (statement reworded)\n      statement: [-Old-]{+New+} words\n"
        ),
        "{text}"
    );
    let md = markdown::quarter(&d);
    assert!(
        md.contains("statement reworded<br>_statement:_ <del>Old</del> <ins>New</ins> words |"),
        "{md}"
    );
    let v = serde_json::to_value(&d).unwrap();
    assert_eq!(v["risks"][5]["statement"]["to"], "New words");
    assert_eq!(v["risks"][5]["mitigation"], serde_json::Value::Null);
    // Closing a risk is the news; its rewording is not shown.
    assert_eq!(v["risks"][0]["statement"], serde_json::Value::Null);
    assert_eq!(v["risks"][1]["to"]["due"], "2026-12-31");
    assert_eq!(v["risks"][3]["to"]["exception_expires"], "2027-03-31");
    assert_eq!(
        v["risks"][4]["to"]["exception_expires"],
        serde_json::Value::Null
    );
    assert_eq!(v["risks"][5]["from"]["statement"], "Old words");
}

/// Issue 11, point 5: Markdown pings no one and keeps the narrative's own emphasis.
#[test]
fn markdown_neutralises_mentions_and_keeps_bold_in_an_edited_sentence() {
    let q1 = quarter("2026-Q1")
        .summary("Fixed in **9.5 days** on average. Reviewed with @halden/security-board.")
        .risk(risk("R-001").impact(2).likelihood(2));
    let q2 = quarter("2026-Q2")
        .summary(
            "Fixed in **6.1 days** on average. Reviewed with @halden/security-board, \
             see https://intranet.example/r.",
        )
        .risk(risk("R-001").impact(2).likelihood(2).owner("@ciso-team"));
    let out = markdown::quarter(&diff_last(vec![q1, q2]));
    assert!(
        out.contains(
            "- _edited:_ Fixed in <del><strong>9.5</strong></del> <ins><strong>6.1</strong></ins>\
             <strong> days</strong> on average."
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "- _edited:_ Reviewed with @&#8203;halden/security-board\
             <ins>, see https:&#8203;//intranet.example/r</ins>."
        ),
        "{out}"
    );
    assert!(out.contains("owner CISO → @&#8203;ciso-team"), "{out}");
    assert!(!out.contains("\\*"), "no literal asterisks: {out}");
    for live in ["@halden", "@ciso", "https://"] {
        assert!(!out.contains(live), "{live} in {out}");
    }
}
