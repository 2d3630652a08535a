//! Money at risk: each bad input is one error at its number.

use crate::support::{Run, Site};

const R7: &str = "content/quarters/2026-Q2/risks/R-007.yaml";
const INV: &str = "content/quarters/2026-Q2/investments/INV-003.yaml";

/// The minimal fixture with `loss` (lines 10–12) appended to R-007 of 2026-Q2.
fn with_loss(frequency: &str, magnitude: &str) -> Site {
    let site = Site::copy_of("minimal");
    let text = site.read(R7);
    site.write(
        R7,
        &format!("{text}loss:\n  frequency: {frequency}\n  magnitude: {magnitude}\n"),
    );
    site
}

/// (code, `file:line:column`, message, hint) of every error of `check --format json`.
fn errors(site: &Site) -> (Vec<[String; 4]>, Run) {
    let run = site.run(&["check", "--format", "json"]);
    let errors = run
        .diagnostics()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            let text = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            let at = format!("{}:{}:{}", text("file"), d["line"], d["column"]);
            [text("code"), at, text("message"), text("hint")]
        })
        .collect();
    (errors, run)
}

fn expect(site: &Site, at: &str, message: &str, hint: &str) {
    let (errors, run) = errors(site);
    assert_eq!(
        errors,
        vec![[
            "bad-range".to_string(),
            at.to_string(),
            message.to_string(),
            hint.to_string()
        ]],
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 1);
}

#[test]
fn a_range_whose_first_number_is_not_below_the_second() {
    expect(
        &with_loss("[0.1, 0.5]", "[5000000, 200000]"),
        &format!("{R7}:12:15"),
        "`loss.magnitude` is [5000000, 200000]: the first number must be below the second",
        "write the low end first: `[200000, 5000000]`",
    );
    expect(
        &with_loss("[0.5, 0.5]", "[200000, 5000000]"),
        &format!("{R7}:11:15"),
        "`loss.frequency` is [0.5, 0.5]: the first number must be below the second",
        "a 90% range has some width: the lowest and the highest you would believe, e.g. `[0.25, 1]`",
    );
}

#[test]
fn a_number_that_is_zero_or_negative() {
    let hint = "write the least one event could plausibly cost, above zero";
    expect(
        &with_loss("[0.1, 0.5]", "[0, 5000000]"),
        &format!("{R7}:12:15"),
        "`loss.magnitude` has 0; both ends of a 90% range must be numbers above zero",
        hint,
    );
    // Both ends wrong, in the order the author made them: one error each and no more (not
    // "the first is not below the second" on top).
    let (errors, _) = errors(&with_loss("[-1, -0.5]", "[200000, 5000000]"));
    let at: Vec<&str> = errors.iter().map(|e| e[1].as_str()).collect();
    assert_eq!(at, [format!("{R7}:11:15"), format!("{R7}:11:19")]);
    assert_eq!(
        errors[0][2],
        "`loss.frequency` has -1; both ends of a 90% range must be numbers above zero"
    );
}

#[test]
fn a_frequency_above_365_a_year() {
    expect(
        &with_loss("[100, 500]", "[50, 900]"),
        &format!("{R7}:11:20"),
        "`loss.frequency` goes up to 500 times a year; a range may say at most 365 (every day)",
        "something that happens more than daily is a running cost: count a year of it as one event, e.g. `frequency: [0.8, 1.2]` with the year's total as the magnitude",
    );
}

#[test]
fn a_range_that_is_not_two_numbers() {
    expect(
        &with_loss("[0.1, 0.5, 2]", "[200000, 5000000]"),
        &format!("{R7}:11:14"),
        "`loss.frequency` has 3 numbers; a 90% range is two, `[low, high]`",
        "write it as `frequency: [0.1, 0.5]`",
    );
}

#[test]
fn a_loss_reduction_outside_0_to_100() {
    let site = Site::copy_of("minimal");
    site.edit(
        INV,
        "residual_risk: medium }",
        "residual_risk: medium, loss_reduction: 140 }",
    );
    let (errors, run) = errors(&site);
    assert_eq!(
        errors,
        vec![[
            "out-of-range".to_string(),
            format!("{INV}:8:139"),
            "`loss_reduction` is 140, expected a percent from 0 to 100".to_string(),
            "the share of the expected annual loss of the risks in `reduces` that this option removes: 40 means 40%".to_string(),
        ]],
        "{}",
        run.stdout
    );
}

#[test]
fn an_unknown_cost_per() {
    let site = Site::copy_of("minimal");
    site.edit(
        INV,
        "residual_risk: low }",
        "residual_risk: low, cost_per: yearly }",
    );
    let (errors, run) = errors(&site);
    assert_eq!(errors.len(), 1, "{}", run.stdout);
    assert_eq!(
        errors[0][2],
        "`cost_per` is `yearly`, expected one of `once`, `year`"
    );
    assert_eq!(errors[0][3], "did you mean `year`?");
}
