//! Follow-on noise (issue 11): lints that would mislead while the real error is unfixed are
//! held back, and whole-quarter lints point at `quarter:`, not at the file's first line.

use crate::support::MemorySite;

const Q2: &str = "content/quarters/2026-Q2";

/// `file:line:col: severity[code]` of every diagnostic of `check --format json`.
fn reported(site: &MemorySite) -> Vec<String> {
    let run = site.check_json();
    run.diagnostics()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}[{}]",
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap()
            )
        })
        .collect()
}

/// R-002 closed in 2026-Q2: two open risks are left, so `few-risks` applies.
fn few_open_risks() -> MemorySite {
    let site = MemorySite::copy_of("minimal");
    site.edit(
        &format!("{Q2}/risks/R-002.yaml"),
        "status: open",
        "status: closed",
    );
    site
}

#[test]
fn whole_quarter_lints_point_at_the_quarter_field() {
    let site = few_open_risks();
    let quarter = format!("{Q2}/quarter.yaml");
    let text = site.read(&quarter);
    site.write(
        &quarter,
        &format!("# yaml-language-server: $schema=../../../schemas/quarter.schema.json\n{text}"),
    );
    assert_eq!(
        reported(&site),
        [format!("{quarter}:2:10: warning[few-risks]")]
    );
}

#[test]
fn few_risks_waits_while_the_quarter_has_errors() {
    let site = few_open_risks();
    site.edit(
        &format!("{Q2}/quarter.yaml"),
        "headline: Ransomware exposure down; third-party risk up",
        "headline: \"\"",
    );
    assert_eq!(
        reported(&site),
        [format!("{Q2}/quarter.yaml:4:11: error[empty-value]")]
    );
}

#[test]
fn vanished_risk_waits_while_the_quarter_has_errors() {
    let site = MemorySite::copy_of("minimal");
    site.remove(&format!("{Q2}/risks/R-002.yaml"));
    site.edit(
        &format!("{Q2}/investments/INV-003.yaml"),
        "reduces: [R-007, R-002]",
        "reduces: [R-007]",
    );
    // On its own the vanished risk is reported (with few-risks: two are left).
    assert_eq!(
        reported(&site),
        [
            format!("{Q2}/quarter.yaml:1:10: warning[few-risks]"),
            format!("{Q2}/quarter.yaml:1:10: warning[vanished-risk]")
        ]
    );
    site.edit(
        &format!("{Q2}/trends.yaml"),
        &site.read(&format!("{Q2}/trends.yaml")),
        "not_a_metric: 3\n",
    );
    let got = reported(&site);
    assert!(
        got.iter().all(|d| d.contains("error[")),
        "only the error is reported: {got:?}"
    );
    assert!(!got.is_empty());
}

#[test]
fn a_misnamed_quarter_folder_is_the_only_report() {
    // 2026-Q3 follows 2026-Q2 without R-010, which 2026-Q2 closed. With 2026-Q2 misnamed,
    // R-010 would look as if it vanished from 2026-Q1 to 2026-Q3.
    let site = MemorySite::copy_of("minimal");
    let r11 = site
        .read(&format!("{Q2}/risks/R-002.yaml"))
        .replace("R-002", "R-011");
    site.write(&format!("{Q2}/risks/R-011.yaml"), &r11);
    site.copy_dir(Q2, "content/quarters/2026-Q3");
    let q3 = "content/quarters/2026-Q3";
    site.edit(
        &format!("{q3}/quarter.yaml"),
        "quarter: 2026-Q2\nstatus: final",
        "quarter: 2026-Q3\nstatus: draft",
    );
    site.edit(
        &format!("{q3}/quarter.yaml"),
        "board_meeting: 2026-07-15",
        "board_meeting: 2026-10-14",
    );
    site.remove(&format!("{q3}/risks/R-010.yaml"));
    site.edit(
        &format!("{Q2}/risks/R-010.yaml"),
        "status: accepted",
        "status: closed",
    );
    assert_eq!(reported(&site), Vec::<String>::new(), "valid as it is");
    for name in ["2026-q2", "2026Q2"] {
        let misnamed = site.clone();
        misnamed.rename_dir(Q2, &format!("content/quarters/{name}"));
        assert_eq!(
            reported(&misnamed),
            [format!(
                "content/quarters/{name}:null:null: error[quarter-folder]"
            )],
            "{name}"
        );
    }
}

#[test]
fn a_misnamed_quarter_folder_gets_its_proper_name() {
    for (name, hint) in [
        ("2026-q2", "rename the folder to content/quarters/2026-Q2"),
        ("2026Q2", "rename the folder to content/quarters/2026-Q2"),
        ("2026_q2", "rename the folder to content/quarters/2026-Q2"),
        (
            "spring",
            "name quarter folders YYYY-QN, e.g. content/quarters/2026-Q3",
        ),
    ] {
        let site = MemorySite::copy_of("minimal");
        site.rename_dir(Q2, &format!("content/quarters/{name}"));
        let run = site.check(&[]);
        assert_eq!(run.code, 1);
        assert_eq!(
            run.stderr,
            format!("content/quarters/{name}: error[quarter-folder]: quarter folder name: `{name}` is not a quarter; expected YYYY-QN, e.g. 2026-Q3\n  = help: {hint}\n\nchecked 2 quarters (18 files): 1 error, 0 warnings\n")
        );
    }
}
