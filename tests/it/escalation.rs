//! The risk scale and escalation (issue 24): `[matrix]`, `[appetite]`, `[categories]`, the risk
//! fields `category`, `treatment`, `target`, `inherent`, asks `about` items, the escalation lints
//! and the errors that come with them; each with its exact text and place.

use crate::support::{error, risk_of, warning, Files, MemorySite, Run};

const Q1: &str = "content/quarters/2026-Q1";
const Q2: &str = "content/quarters/2026-Q2";

#[test]
fn equal_to_the_limit_is_within_and_equal_to_the_tolerance_is_above_not_outside() {
    let site = MemorySite::minimal_with("[appetite]\nlimit = 12\ntolerance = 15\n");
    let run = site.check_json();
    assert_eq!(run.code, 0, "{}", run.stdout);
    // 2026-Q2: R-002 scores 12 (the limit): within. R-007 scores 15 (the tolerance): above.
    assert_eq!(run.on(&format!("{Q2}/risks/R-002.yaml")), vec![]);
    assert_eq!(
        run.on(&format!("{Q2}/risks/R-007.yaml")),
        [warning(
            "above-appetite-without-path",
            &format!("{Q2}/risks/R-007.yaml:4:9"),
            "R-007 scores 15, above the risk appetite of 12, with no target within it and no ask about it"
        )]
    );
    assert_eq!(
        run.hint("above-appetite-without-path"),
        "add a `target` within appetite (a score of 12 or less by `due`), or an ask with `about: [R-007]` to quarter.yaml"
    );
    // 2026-Q1: R-007 scores 16, outside the tolerance; its string ask names nothing.
    assert_eq!(
        run.on(&format!("{Q1}/risks/R-007.yaml")),
        [warning(
            "outside-tolerance-not-escalated",
            &format!("{Q1}/risks/R-007.yaml:4:9"),
            "R-007 scores 16, above the risk tolerance of 15, and no `decide` or `approve` ask is about it"
        )]
    );
    assert_eq!(
        run.hint("outside-tolerance-not-escalated"),
        "outside tolerance the board must decide now: add an ask with `type: decide` (or `approve`) and `about: [R-007]` to quarter.yaml, saying what you propose"
    );
    assert_eq!(site.check(&["--strict"]).code, 1);
    // The statuses reach data.json and the pages.
    let disk = site.built();
    let d = disk.data("2026-q2");
    let status = |d: &serde_json::Value, id: &str| risk_of(d, id)["appetite_status"].clone();
    assert_eq!(status(&d, "R-002"), "within");
    assert_eq!(status(&d, "R-007"), "above");
    assert_eq!(status(&disk.data("2026-q1"), "R-007"), "outside_tolerance");
    assert_eq!(
        (
            d["appetite"]["limit"].clone(),
            d["appetite"]["tolerance"].clone()
        ),
        (12.into(), 15.into())
    );
    let q1 = disk.read("output/2026-q1/index.html");
    assert!(q1.contains("<strong class=\"appetite-mark is-outside\">Outside tolerance</strong>"));
}

#[test]
fn a_target_within_appetite_is_a_path_and_one_above_it_is_not() {
    let site = MemorySite::minimal_with("[appetite]\nlimit = 12\ntolerance = 15\n");
    let r7 = format!("{Q2}/risks/R-007.yaml");
    site.edit(
        &r7,
        "status: mitigating",
        "status: mitigating\ntarget: { impact: 5, likelihood: 3 }",
    );
    assert_eq!(
        site.check_json().on(&r7)[0].code,
        "above-appetite-without-path",
        "a target of 15 is still above 12"
    );
    site.edit(&r7, "likelihood: 3 }", "likelihood: 2 }");
    assert_eq!(site.check_json().on(&r7), vec![]);
    let disk = site.built();
    let r = risk_of(&disk.data("2026-q2"), "R-007").clone();
    assert_eq!(
        (
            r["target_score"].clone(),
            r["target_within_appetite"].clone()
        ),
        (10.into(), true.into())
    );
    // "15 → 10 by …" on the one-pager (print line) and the register.
    let phrase = "target 15 → 10 by 15 December 2026";
    assert!(disk.read("output/2026-q2/index.html").contains(phrase));
    assert!(disk
        .read("output/2026-q2/register/index.html")
        .contains(phrase));
}

#[test]
fn an_id_in_an_asks_text_no_longer_counts_and_about_does() {
    let site = MemorySite::minimal_with("risk_appetite = 10\n");
    let r10 = format!("{Q2}/risks/R-010.yaml");
    site.edit(&r10, "impact: 3\nlikelihood: 2", "impact: 4\nlikelihood: 3");
    let quarter = format!("{Q2}/quarter.yaml");
    site.edit(
        &quarter,
        "asks:\n",
        "asks:\n  - Accept R-010 above appetite until March 2027.\n",
    );
    let run = site.check_json();
    assert_eq!(
        run.on(&r10),
        [warning(
            "accepted-above-appetite",
            &format!("{r10}:9:9"),
            "R-010 is accepted with a score of 12, above the risk appetite of 10, and no ask is about it"
        )]
    );
    assert_eq!(
        run.hint("accepted-above-appetite"),
        "a risk above appetite is the board's to accept: add an ask with `about: [R-010]` to quarter.yaml, or bring its score to 10 or below"
    );
    site.edit(
        &quarter,
        "  - Accept R-010 above appetite until March 2027.\n",
        "  - type: approve\n    about: [R-010]\n    text: Accept the legacy warehouse system above appetite until March 2027.\n",
    );
    assert_eq!(site.check_json().on(&r10), vec![]);
    let disk = site.built();
    let d = disk.data("2026-q2");
    assert_eq!(
        d["asks"][0],
        serde_json::json!({"type": "approve", "text": "Accept the legacy warehouse system above appetite until March 2027.", "about": ["R-010"],
            "about_items": [{"id": "R-010", "kind": "risk", "title": "Legacy warehouse system without EDR"}]})
    );
    assert_eq!(
        d["asks"][1],
        serde_json::json!({"type": "discuss", "text": "Approve the \"better\" option of INV-003.", "about": [], "about_items": []})
    );
    // The one-pager shows what the board is asked right after the summary, type and subject.
    let page = disk.read("output/2026-q2/index.html");
    let asks = page.find("id=\"s-asks\"").unwrap();
    assert!(page.find("op-summary").unwrap() < asks && asks < page.find("id=\"s-risks\"").unwrap());
    assert!(page.contains("<strong class=\"ask-type ask-approve\">Approve:</strong> Accept the legacy warehouse system above appetite until March 2027. <span class=\"ask-about\">(about <a href=\"..&#x2F;risks/r-010/index.html\">R-010</a> <span class=\"about-title\">Legacy warehouse system without EDR</span>)</span>"), "{page}");
}

#[test]
fn outside_tolerance_needs_a_decide_or_approve_ask_about_it() {
    let site = MemorySite::minimal_with("[appetite]\nlimit = 12\ntolerance = 15\n");
    let r7 = format!("{Q1}/risks/R-007.yaml");
    let quarter = format!("{Q1}/quarter.yaml");
    site.edit(
        &quarter,
        "asks:\n",
        "asks:\n  - type: note\n    about: [R-007]\n    text: Build runners stay exposed until EDR lands.\n",
    );
    assert_eq!(
        site.check_json().on(&r7)[0].code,
        "outside-tolerance-not-escalated"
    );
    site.edit(&quarter, "type: note", "type: decide");
    assert_eq!(site.check_json().on(&r7), vec![]);
}

#[test]
fn a_categorys_thresholds_override_the_sites() {
    let site = MemorySite::minimal_with(
        "[appetite]\nlimit = 12\ntolerance = 16\n[categories.cyber]\nname = \"Cyber attack\"\n[categories.vendors]\nname = \"Vendors\"\nlimit = 8\ntolerance = 12\n",
    );
    for q in [Q1, Q2] {
        site.categorise(q, "R-002", "vendors");
        site.categorise(q, "R-007", "cyber");
        site.categorise(q, "R-010", "cyber");
    }
    let run = site.check_json();
    // R-002 scores 12: within the site's 12, above the vendors' 8 (and equal to their tolerance).
    assert_eq!(
        run.on(&format!("{Q2}/risks/R-002.yaml")),
        [warning(
            "above-appetite-without-path",
            &format!("{Q2}/risks/R-002.yaml:5:9"),
            "R-002 scores 12, above the Vendors appetite of 8, with no target within it and no ask about it"
        )]
    );
    // R-007 in the cyber category is held to the site's thresholds: 16 is not outside 16.
    assert_eq!(
        run.on(&format!("{Q1}/risks/R-007.yaml"))[0].message,
        "R-007 scores 16, above the risk appetite of 12, with no target within it and no ask about it"
    );
    let disk = site.built();
    let r = risk_of(&disk.data("2026-q2"), "R-002").clone();
    assert_eq!(
        (
            r["category"].clone(),
            r["category_name"].clone(),
            r["appetite_status"].clone(),
            r["appetite_limit"].clone(),
            r["appetite_tolerance"].clone()
        ),
        (
            "vendors".into(),
            "Vendors".into(),
            "above".into(),
            8.into(),
            12.into()
        )
    );
    assert!(disk
        .read("output/2026-q2/register/index.html")
        .contains("<span class=\"sub r-category\">Vendors</span>"));
    let scale = disk.read("output/risks/scale/index.html");
    assert!(scale.contains("<th scope=\"row\">Vendors</th>\n      <td class=\"num\">8</td>\n      <td class=\"num\">12</td>"), "{scale}");
}

#[test]
fn custom_bands_reach_the_heat_map_and_data_json() {
    let site = MemorySite::minimal_with(
        "[matrix]\nbands = [\"LLLLL\", \"LLLLL\", \"LLLLL\", \"LLLLL\", \"HHHHH\"]\n",
    );
    let disk = site.built();
    let d = disk.data("2026-q2");
    // R-007 is impact 5 (high in every cell of that row), R-002 impact 4 (low everywhere).
    assert_eq!(risk_of(&d, "R-007")["band"], "high");
    assert_eq!(risk_of(&d, "R-002")["band"], "low");
    let svg = disk.read("output/2026-q2/charts/heatmap.svg");
    // 25 cells and one legend swatch per band: the top row high, every other cell low.
    let fills = |c: &str| svg.matches(&format!("fill=\"#{c}\"")).count();
    assert_eq!(
        (
            fills("FEF0D9"),
            fills("FDCC8A"),
            fills("FC8D59"),
            fills("EF6548")
        ),
        (21, 1, 6, 1)
    );
    assert!(
        svg.contains("Cells are shaded by score band: low 1–20, high 5–25."),
        "{svg}"
    );
    // The score tints follow the band, not the number: R-002's 12 is low.
    let register = disk.read("output/2026-q2/register/index.html");
    assert!(register.contains("<span class=\"score score-low\">12</span>"));
    assert!(register.contains("<span class=\"score score-high\">15</span>"));
}

#[test]
fn an_unknown_category_is_one_error_with_did_you_mean_and_no_appetite_lint() {
    let site = MemorySite::minimal_with("risk_appetite = 8\n[categories.cyber]\nname = \"Cyber\"\n[categories.vendors]\nname = \"Vendors\"\n");
    for q in [Q1, Q2] {
        site.categorise(q, "R-002", if q == Q2 { "vendor" } else { "vendors" });
        site.categorise(q, "R-007", "cyber");
        site.categorise(q, "R-010", "cyber");
    }
    let file = format!("{Q2}/risks/R-002.yaml");
    let run = site.expect_error(
        "unknown-category",
        &format!("{file}:3:11"),
        "`category` is `vendor`, expected one of `cyber`, `vendors`",
    );
    assert_eq!(run.hint("unknown-category"), "did you mean `vendors`?");
    // R-002 scores 12, above 8: no lint on top of the error.
    assert_eq!(run.on(&file).len(), 1);
}

#[test]
fn category_is_required_unless_the_quarter_is_published() {
    let site = MemorySite::minimal_with("").on_disk();
    assert_eq!(site.run(&["publish", "2026-Q1"]).code, 0);
    site.edit(
        "quarterdeck.toml",
        "trend_quarters = 4",
        "trend_quarters = 4\n[categories.cyber]\nname = \"Cyber\"",
    );
    site.categorise(Q2, "R-002", "cyber");
    site.categorise(Q2, "R-007", "cyber");
    site.categorise(Q2, "R-010", "cyber");
    // The settings a published quarter is shown with changed: a restatement says so.
    let restated = site.run(&[
        "restate",
        "2026-Q1",
        "--reason",
        "Risk categories adopted",
        "--cto",
        "Dana Whitfield",
        "--ciso",
        "Samuel Okafor",
    ]);
    assert_eq!(restated.code, 0, "{}", restated.stderr);
    assert_eq!(site.check(&["--strict"]).code, 0);
    let r10 = format!("{Q2}/risks/R-010.yaml");
    site.edit(&r10, "category: cyber\n", "");
    // 2026-Q1 (published) keeps its uncategorised risks; R-010 in 2026-Q2 needs one.
    let run = site.expect_error(
        "missing-field",
        &format!("{Q2}/risks/R-010.yaml:1:5"),
        "R-010 has no `category`; this site's risks each belong to one of `cyber`",
    );
    assert_eq!(
        run.hint("missing-field"),
        "add `category: cyber` (or another key of [categories] in quarterdeck.toml)"
    );
}

#[test]
fn about_must_name_an_item_of_the_quarter() {
    let site = MemorySite::minimal_with("");
    site.edit(
        &format!("{Q2}/quarter.yaml"),
        "asks:\n",
        "asks:\n  - type: decide\n    about: [INV-003, INV-009]\n    text: Choose an option.\n",
    );
    let run = site.expect_error(
        "unknown-id",
        &format!("{Q2}/quarter.yaml:9:22"),
        "`about` names INV-009, which does not exist in 2026-Q2",
    );
    assert_eq!(
        run.hint("unknown-id"),
        "ids in 2026-Q2: I-001, INC-2026-031, INV-003, R-002, R-007, R-010"
    );
}

#[test]
fn an_ask_of_an_unknown_type_says_which_types_there_are() {
    let site = MemorySite::minimal_with("");
    site.edit(
        &format!("{Q2}/quarter.yaml"),
        "asks:\n",
        "asks:\n  - type: aprove\n    text: Choose an option.\n",
    );
    let run = site.expect_error(
        "invalid-value",
        &format!("{Q2}/quarter.yaml:8:11"),
        "`type` is `aprove`, expected one of `decide`, `approve`, `endorse`, `note`, `discuss`",
    );
    assert_eq!(run.hint("invalid-value"), "did you mean `approve`?");
}

#[test]
fn target_inherent_and_treatment_are_checked_against_todays_score_and_status() {
    let r7 = format!("{Q2}/risks/R-007.yaml");
    let site = MemorySite::minimal_with("");
    site.edit(
        &r7,
        "status: mitigating",
        "status: mitigating\ntarget: { impact: 5, likelihood: 4 }",
    );
    site.expect_error(
        "target-above-score",
        &format!("{r7}:10:9"),
        "the target of R-007 scores 20 (5 × 4), above today's 15",
    );
    let site = MemorySite::minimal_with("");
    site.edit(
        &r7,
        "status: mitigating",
        "status: mitigating\ninherent:\n  impact: 3\n  likelihood: 3",
    );
    site.expect_error(
        "inherent-below-score",
        &format!("{r7}:11:3"),
        "the inherent score of R-007 is 9 (3 × 3), below today's 15",
    );
    let site = MemorySite::minimal_with("");
    site.edit(
        &r7,
        "status: mitigating",
        "status: mitigating\ntreatment: accept",
    );
    site.expect_error(
        "treatment-not-accepted",
        &format!("{r7}:10:12"),
        "R-007 has `treatment: accept` but its status is `mitigating`",
    );
    let site = MemorySite::minimal_with("");
    site.edit(
        &r7,
        "status: mitigating",
        "status: mitigating\ntarget: { impact: 6, likelihood: 1 }",
    );
    site.expect_error(
        "out-of-range",
        &format!("{r7}:10:19"),
        "`target.impact` is 6, expected an integer from 1 to 5",
    );
}

#[test]
fn scale_settings_errors_point_at_the_value() {
    let cases = [
        (
            "risk_appetite = 10\n[appetite]\nlimit = 10\n",
            "conflicting-settings",
            "quarterdeck.toml:8:1",
            "`risk_appetite = 10` and `[appetite]` both set the risk appetite",
        ),
        (
            "[matrix]\nbands = [\"LLLLM\", \"LLMMH\", \"LMMHC\", \"LMHCC\", \"MHCCL\"]\n",
            "bands-fall",
            "quarterdeck.toml:9:46",
            "`bands` falls at impact 5: likelihood 5 is low, below likelihood 4's critical",
        ),
        (
            "[matrix]\nbands = [\"LLLLM\", \"LLMMH\", \"lmmhc\", \"LMHCC\", \"MHCCC\"]\n",
            "invalid-value",
            "quarterdeck.toml:9:28",
            "`bands` string 3 is \"lmmhc\", expected five letters from L, M, H, C (one per likelihood level, 1 first)",
        ),
        (
            "[matrix]\nlikelihood_chance = [5, 50, 20, 80]\n",
            "not-increasing",
            "quarterdeck.toml:9:29",
            "`likelihood_chance` must increase: level 3 (20) is not above level 2 (50)",
        ),
        (
            "[matrix]\nimpact_loss = [100000, 0, 5000000, 20000000]\n",
            "out-of-range",
            "quarterdeck.toml:9:24",
            "`impact_loss` level 2 is 0, expected a number above 0",
        ),
    ];
    for (settings, code, place, message) in cases {
        let site = MemorySite::minimal_with(settings);
        let run = site.check_json();
        assert_eq!(run.errors(), [error(code, place, message)], "{settings}");
    }
}

#[test]
fn the_example_passes_strict_and_without_its_abouts_reports_its_escalations() {
    let site = MemorySite::example();
    let run = site.check(&["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let q4 = "content/quarters/2026-Q4";
    let quarter = format!("{q4}/quarter.yaml");
    let text = site.read(&quarter);
    let without: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("about:"))
        .collect();
    site.write(&quarter, &(without.join("\n") + "\n"));
    // The escalation lints only: without its `about`s, the ask that brings the draft's slipped
    // due dates to the board is gone too, and `chronic-slip` (tested on its own) comes back.
    let lints = |run: &Run| -> Vec<(String, String)> {
        run.diagnostics()
            .iter()
            .filter(|d| d["code"] != "chronic-slip")
            .map(|d| {
                (
                    d["file"].as_str().unwrap().to_string(),
                    d["code"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let lint = |id: &str| {
        (
            format!("{q4}/risks/{id}.yaml"),
            "above-appetite-without-path".to_string(),
        )
    };
    let run = site.check_json();
    assert_eq!(run.code, 0);
    // were escalated by asks only; the published quarters stay quiet.
    assert_eq!(lints(&run), vec![lint("R-017"), lint("R-018")]);
    assert_eq!(
        run.on(&format!("{q4}/risks/R-017.yaml"))[0].message,
        "R-017 scores 12, above the Third parties appetite of 8, with no target within it and no ask about it"
    );
    // Without their targets too, every above-appetite risk of 2026-Q4 is reported.
    for id in ["R-006", "R-008", "R-014"] {
        let file = format!("{q4}/risks/{id}.yaml");
        let text = site.read(&file);
        let without: Vec<&str> = text.lines().filter(|l| !l.starts_with("target:")).collect();
        site.write(&file, &(without.join("\n") + "\n"));
    }
    let run = site.check_json();
    assert_eq!(
        lints(&run),
        ["R-006", "R-008", "R-014", "R-017", "R-018"]
            .map(lint)
            .to_vec()
    );
}

#[test]
fn new_risk_writes_the_category_to_fill_in_and_a_commented_target() {
    let site = MemorySite::minimal_with("risk_appetite = 10\n[categories.cyber]\nname = \"Cyber attack\"\n[categories.vendors]\nname = \"Vendors\"\n").on_disk();
    site.edit(
        &format!("{Q2}/quarter.yaml"),
        "status: final",
        "status: draft",
    );
    let run = site.run(&["new", "risk", "Lost laptops"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = run.stdout.trim().to_string();
    let text = site.read(&file);
    assert!(text.contains("title: Lost laptops\n# Its category, a key of [categories] in quarterdeck.toml: cyber (Cyber attack), vendors (Vendors).\ncategory: TODO\n"), "{text}");
    assert!(text.contains("due: TODO\n# Where the mitigation takes the risk by `due`, at or below today's score. A risk scoring\n# above the risk appetite (10) needs one within it, or an ask in quarter.yaml `about` it:\n# target: { impact: 0, likelihood: 0 }\n"), "{text}");
    let run = site.check_json();
    assert!(
        run.errors().contains(&error(
            "unknown-category",
            &format!("{file}:5:11"),
            "`category` is `TODO`, expected one of `cyber`, `vendors`"
        )),
        "{}",
        run.stdout
    );
    // Without categories the file has no `category` line.
    let plain = MemorySite::minimal_with("").on_disk();
    plain.edit(
        &format!("{Q2}/quarter.yaml"),
        "status: final",
        "status: draft",
    );
    let run = plain.run(&["new", "risk", "Lost laptops"]);
    assert!(!plain.read(run.stdout.trim()).contains("category"));
}
