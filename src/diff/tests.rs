//! Each change kind, on small hand-built sites: the diff and the words the formats print.

use super::render::{markdown, text};
use super::types::Change;
use super::{diff, QuarterDiff, Side};
use crate::config::Config;
use crate::model::facts::{self, Direction, Movement};
use crate::model::scalar::{Date, Minutes, QuarterId};
use crate::model::types::*;

fn risk(id: &str, impact: u8, likelihood: u8, status: RiskStatus) -> Risk {
    Risk {
        id: id.into(),
        title: format!("Title of {id}"),
        statement: "s".into(),
        impact,
        likelihood,
        owner: "CISO".into(),
        mitigation: "m".into(),
        due: None,
        status,
        exception: None,
        category: None,
        treatment: Treatment::Mitigate,
        target: None,
        inherent: None,
        loss: None,
    }
}

fn initiative(id: &str, status: InitiativeStatus, progress: u8) -> Initiative {
    Initiative {
        id: id.into(),
        title: format!("Title of {id}"),
        owner: "CTO".into(),
        status,
        progress,
        reduces: vec![],
        enables: None,
        due: Date::parse("2026-12-31").unwrap(),
    }
}

fn incident(id: &str) -> Incident {
    Incident {
        id: id.into(),
        title: format!("Title of {id}"),
        severity: Severity::Sev2,
        occurred: Date::parse("2026-05-12").unwrap(),
        time_to_detect: Minutes(90),
        time_to_contain: Minutes(360),
        customer_impact: "c".into(),
        learning: "l".into(),
        risks: vec![],
        actions: vec![],
        notifications: vec![],
    }
}

fn investment(id: &str, recommended: Tier, better_cost: f64) -> Investment {
    let option = |cost: f64| InvestmentOption {
        cost,
        summary: "s".into(),
        tradeoff: "t".into(),
        residual_risk: None,
        cost_per: CostPer::Once,
        loss_reduction: None,
    };
    Investment {
        id: id.into(),
        title: format!("Title of {id}"),
        ask: "a".into(),
        reduces: vec![],
        recommended,
        options: Options {
            good: option(180_000.0),
            better: option(better_cost),
            best: option(750_000.0),
        },
    }
}

fn quarter(q: &str) -> Quarter {
    Quarter {
        quarter: QuarterId::parse(q).unwrap(),
        status: QuarterStatus::Final,
        board_meeting: Date::parse("2026-07-15").unwrap(),
        headline: "Ransomware exposure down".into(),
        summary: "Critical vulnerabilities are fixed in 9.5 days. Nothing else changed.".into(),
        asks: vec![Ask::discuss("Approve INV-003.")],
        approved_by: None,
        readings: vec![],
        risks: vec![],
        initiatives: vec![],
        incidents: vec![],
        investments: vec![],
        actions: vec![],
        exceptions: vec![],
        file: String::new(),
        complete: true,
        facts: Default::default(),
        published: None,
    }
}

fn reading(metric: &str, value: f64) -> Reading {
    Reading {
        metric: metric.into(),
        value,
        monthly: vec![],
        note: None,
    }
}

fn metric(id: &str, better: Better, target: f64) -> Metric {
    Metric {
        id: id.into(),
        name: format!("Name of {id}"),
        unit: "days".into(),
        better,
        target: Some(target),
        flat_band: 0.5,
        owner: MetricOwner::Joint,
        description: None,
    }
}

fn site(quarters: Vec<Quarter>) -> Site {
    Site {
        config: Config::parse("title='t'\norganization='o'\ntop_risks=3").unwrap(),
        metrics: vec![
            metric("mttr", Better::Lower, 7.0),
            metric("steady", Better::Lower, 7.0),
        ],
        quarters,
        pages: vec![],
        labels: Default::default(),
        matrix: Default::default(),
        playbook: Default::default(),
        appetite: Default::default(),
    }
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
    let mut q1 = quarter("2026-Q1");
    q1.readings = vec![reading("mttr", 6.0), reading("steady", 5.0)];
    let mut q2 = quarter("2026-Q2");
    q2.risks = vec![
        risk("R-001", 4, 2, RiskStatus::Open),
        risk("R-002", 3, 3, RiskStatus::Mitigating),
        risk("R-003", 2, 2, RiskStatus::Open),
        risk("R-004", 5, 3, RiskStatus::Open),
        risk("R-005", 1, 1, RiskStatus::Closed),
        risk("R-006", 2, 3, RiskStatus::Open),
    ];
    q2.readings = vec![reading("mttr", 9.5), reading("steady", 5.0)];
    q2.initiatives = vec![
        initiative("I-001", InitiativeStatus::OnTrack, 40),
        initiative("I-002", InitiativeStatus::Done, 100),
        initiative("I-003", InitiativeStatus::OnTrack, 10),
    ];
    q2.incidents = vec![incident("INC-1")];
    q2.investments = vec![
        investment("INV-001", Tier::Good, 420_000.0),
        investment("INV-002", Tier::Better, 420_000.0),
    ];
    let mut q3 = quarter("2026-Q3");
    let mut owner_changed = risk("R-006", 2, 3, RiskStatus::Open);
    owner_changed.owner = "VP Security".into();
    q3.risks = vec![
        risk("R-001", 4, 3, RiskStatus::Open),       // up 8 → 12
        risk("R-002", 3, 3, RiskStatus::Closed),     // closed
        risk("R-003", 2, 2, RiskStatus::Mitigating), // status
        owner_changed,                               // owner
        risk("R-007", 5, 4, RiskStatus::Open),       // new
    ]; // R-004 vanished; R-005 was closed and is rightly gone
    q3.readings = vec![reading("mttr", 6.1), reading("steady", 5.0)];
    q3.initiatives = vec![
        initiative("I-001", InitiativeStatus::AtRisk, 55),
        initiative("I-003", InitiativeStatus::OnTrack, 10),
        initiative("I-004", InitiativeStatus::OnTrack, 0),
    ];
    q3.incidents = vec![incident("INC-2")];
    q3.investments = vec![
        investment("INV-002", Tier::Best, 450_000.0),
        investment("INV-003", Tier::Good, 1.0),
    ];
    q3.headline = "Ransomware exposure up".into();
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
    let mut before = quarter("2026-Q2");
    before.risks = vec![risk("R-005", 1, 1, RiskStatus::Closed)];
    before.incidents = vec![incident("INC-1")];
    let (mut a, mut b) = (site(vec![before]), site(vec![quarter("2026-Q2")]));
    facts::attach(&mut a);
    facts::attach(&mut b);
    let d = diff(Side::at(&a, 0).unwrap(), Side::at(&b, 0).unwrap());
    assert_eq!(risk_kinds(&d), vec![("R-005", Change::Removed, None)]);
    assert_eq!(d.incidents[0].change, Change::Removed);
}

#[test]
fn markdown_escapes_hostile_content_everywhere() {
    let mut q1 = quarter("2026-Q1");
    q1.risks = vec![risk("R-001", 2, 2, RiskStatus::Open)];
    let mut q2 = quarter("2026-Q2");
    let mut hostile = risk("R-001", 3, 2, RiskStatus::Open);
    hostile.title = "a | b <img src=x onerror=alert(1)> [link](http://x) ~~s~~\n# h".into();
    hostile.mitigation = "m <img src=y> | @team\n| x |".into();
    q2.risks = vec![hostile];
    q2.headline = "<script>alert(1)</script> **loud**".into();
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
    let mut q1 = quarter("2026-Q1");
    q1.risks = vec![
        risk("R-121", 5, 4, RiskStatus::Open),
        risk("R-122", 2, 2, RiskStatus::Open),
    ];
    let mut q2 = quarter("2026-Q2");
    q2.risks = vec![
        risk("R-121", 5, 4, RiskStatus::Closed),
        risk("R-122", 2, 2, RiskStatus::Open),
    ];
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
    let mut q1 = quarter("2026-Q1");
    q1.initiatives = vec![
        initiative("I-001", InitiativeStatus::OnTrack, 50),
        initiative("I-002", InitiativeStatus::OnTrack, 50),
    ];
    let mut q2 = quarter("2026-Q2");
    q2.initiatives = vec![
        initiative("I-001", InitiativeStatus::Done, 100),
        initiative("I-002", InitiativeStatus::AtRisk, 60),
    ];
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
    let mut q1 = quarter("2026-Q1");
    q1.risks = vec![
        risk("R-001", 4, 2, RiskStatus::Open),
        risk("R-002", 4, 2, RiskStatus::Open),
        risk("R-003", 4, 2, RiskStatus::Open),
    ];
    let mut q2 = quarter("2026-Q2");
    let mut owner = risk("R-001", 4, 2, RiskStatus::Open);
    owner.owner = "Deputy CISO".into();
    let mut renamed = risk("R-002", 4, 2, RiskStatus::Open);
    renamed.title = "A clearer title".into();
    q2.risks = vec![owner, renamed, risk("R-003", 2, 4, RiskStatus::Open)];
    let d = diff_last(vec![q1.clone(), q2.clone()]);
    assert_eq!(
        d.summary,
        "1 risk changed owner, 1 renamed, 1 re-rated at the same score"
    );
    assert!(!d.is_empty());
    let text = text::quarter(&d);
    assert!(text.contains("(owner CISO → Deputy CISO)"), "{text}");
    // The same quarter in two versions (as under `--git`), and a metric that only moved.
    let mut with_reading = q2.clone();
    with_reading.readings = vec![reading("mttr", 6.0)];
    let mut moved = with_reading.clone();
    moved.readings = vec![reading("mttr", 6.2)];
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
    let date = |s: &str| Some(Date::parse(s).unwrap());
    use crate::render::charts::fixtures::exception;
    let with = |id: &str, due: Option<Date>, exc: Option<Exception>, statement: &str| {
        let mut r = risk(id, 3, 3, RiskStatus::Accepted);
        r.due = due;
        r.exception = exc;
        r.statement = statement.into();
        r
    };
    let mut q1 = quarter("2026-Q1");
    q1.risks = vec![
        with("R-001", date("2026-06-30"), None, "s"),
        with("R-002", date("2026-06-30"), None, "s"),
        with("R-003", None, Some(exception("2026-09-30")), "s"),
        with("R-004", None, Some(exception("2026-09-30")), "s"),
        with("R-005", None, None, "Old words"),
        with(
            "R-006",
            date("2026-06-30"),
            Some(exception("2026-09-30")),
            "s",
        ),
        with(
            "R-007",
            date("2026-06-30"),
            Some(exception("2026-09-30")),
            "s",
        ),
    ];
    let mut q2 = quarter("2026-Q2");
    q2.risks = vec![
        with("R-001", date("2026-12-31"), None, "s"),
        with("R-002", date("2026-03-31"), None, "s"),
        with("R-003", None, Some(exception("2027-03-31")), "s"),
        with("R-004", None, None, "s"),
        with("R-005", None, None, "New words"),
        with(
            "R-006",
            date("2026-06-30"),
            Some(exception("2026-09-30")),
            "s",
        ),
        {
            let mut closed = with("R-007", None, None, "s");
            closed.status = RiskStatus::Closed;
            closed
        },
    ];
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
    let mut q1 = quarter("2026-Q1");
    q1.summary = "Fixed in **9.5 days** on average. Reviewed with @halden/security-board.".into();
    q1.risks = vec![risk("R-001", 2, 2, RiskStatus::Open)];
    let mut q2 = quarter("2026-Q2");
    q2.summary = "Fixed in **6.1 days** on average. Reviewed with @halden/security-board, \
                  see https://intranet.example/r."
        .into();
    let mut owner = risk("R-001", 2, 2, RiskStatus::Open);
    owner.owner = "@ciso-team".into();
    q2.risks = vec![owner];
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
