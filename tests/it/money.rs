//! Money at risk: each bad input is one error at its number, a site with `loss` builds the same
//! bytes every time (also on one core), and a site without `loss` shows nothing of it.

use crate::support::{error, MemorySite, Run, Site};
use std::path::Path;

const R7: &str = "content/quarters/2026-Q2/risks/R-007.yaml";
const INV: &str = "content/quarters/2026-Q2/investments/INV-003.yaml";

/// The minimal fixture with `loss` (lines 10–12) appended to R-007 of 2026-Q2.
fn with_loss(frequency: &str, magnitude: &str) -> MemorySite {
    let site = MemorySite::copy_of("minimal");
    let text = site.read(R7);
    site.write(
        R7,
        &format!("{text}loss:\n  frequency: {frequency}\n  magnitude: {magnitude}\n"),
    );
    site
}

/// Exactly one error, `bad-range` at `at` with `message` and `hint`.
fn expect(site: &MemorySite, at: &str, message: &str, hint: &str) {
    let run = site.expect_error("bad-range", at, message);
    assert_eq!(run.hint("bad-range"), hint);
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
    let errors = with_loss("[-1, -0.5]", "[200000, 5000000]")
        .check_json()
        .errors();
    let at: Vec<&str> = errors.iter().map(|e| e.at.as_str()).collect();
    assert_eq!(at, [format!("{R7}:11:15"), format!("{R7}:11:19")]);
    assert_eq!(
        errors[0].message,
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
    let site = MemorySite::copy_of("minimal");
    site.edit(
        INV,
        "residual_risk: medium }",
        "residual_risk: medium, loss_reduction: 140 }",
    );
    let run = site.check_json();
    assert_eq!(
        run.errors(),
        [error(
            "out-of-range",
            &format!("{INV}:8:139"),
            "`loss_reduction` is 140, expected a percent from 0 to 100"
        )],
        "{}",
        run.stdout
    );
    assert_eq!(
        run.hint("out-of-range"),
        "the share of the expected annual loss of the risks in `reduces` that this option removes: 40 means 40%"
    );
}

#[test]
fn an_unknown_cost_per() {
    let site = MemorySite::copy_of("minimal");
    site.edit(
        INV,
        "residual_risk: low }",
        "residual_risk: low, cost_per: yearly }",
    );
    let run = site.check_json();
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{}", run.stdout);
    assert_eq!(
        errors[0].message,
        "`cost_per` is `yearly`, expected one of `once`, `year`"
    );
    assert_eq!(run.hint(&errors[0].code), "did you mean `year`?");
}

/// The minimal fixture with money at risk on two risks and the investment's options, on disk.
fn money_site() -> Site {
    let site = with_loss("[0.1, 0.5]", "[200000, 5000000]");
    let r2 = "content/quarters/2026-Q2/risks/R-002.yaml";
    let text = site.read(r2);
    site.write(
        r2,
        &format!("{text}loss:\n  frequency: [1, 4]\n  magnitude: [20000, 300000]\n"),
    );
    site.edit(
        INV,
        "residual_risk: medium }",
        "residual_risk: medium, loss_reduction: 45 }",
    );
    site.edit(
        INV,
        "residual_risk: low }",
        "residual_risk: low, cost_per: year, loss_reduction: 70 }",
    );
    site.on_disk()
}

/// `build --output OUT` in the site, with the money cache in `cache` (under the site, so the
/// user's own is never touched), on core 0 alone when `pin`.
fn build(site: &Site, out: &str, cache: &str, pin: bool) -> Run {
    let out = site.path(out);
    let mut cmd = if pin {
        let mut cmd = std::process::Command::new("taskset");
        cmd.args(["-c", "0", crate::support::BIN]);
        cmd
    } else {
        crate::support::bin()
    };
    cmd.args(["build", "--output"])
        .arg(out)
        .current_dir(&site.root)
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", site.path(cache));
    cmd.output().unwrap().into()
}

fn read(dir: &Path, rel: &str) -> Vec<u8> {
    std::fs::read(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn the_same_input_gives_the_same_bytes_twice_and_on_one_core() {
    let site = money_site();
    // a draws the trials and keeps them; b takes them from that cache; c draws them again, in a
    // cache of its own, on one core.
    for (out, cache, pin) in [
        ("a", "cache-1", false),
        ("b", "cache-1", false),
        ("c", "cache-2", true),
    ] {
        let run = build(&site, out, cache, pin);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    // One entry: 2026-Q2 is the only quarter with money at risk.
    let entries = std::fs::read_dir(site.path("cache-1/quarterdeck/money"))
        .unwrap()
        .count();
    assert_eq!(entries, 1);
    for rel in [
        "2026-q2/data.json",
        "2026-q2/charts/loss.svg",
        "2026-q2/index.html",
        "2026-q2/appendix/index.html",
        "risks/r-007/index.html",
    ] {
        let a = read(&site.path("a"), rel);
        assert_eq!(
            a,
            read(&site.path("b"), rel),
            "{rel}: the cached build differs"
        );
        assert_eq!(a, read(&site.path("c"), rel), "{rel}: one core differs");
    }
    let data: serde_json::Value =
        serde_json::from_slice(&read(&site.path("a"), "2026-q2/data.json")).unwrap();
    let r7 = data["risks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "R-007")
        .unwrap();
    assert_eq!(
        r7["loss"],
        serde_json::json!({"frequency": [0.1, 0.5], "magnitude": [200000.0, 5000000.0]})
    );
    // 0.25204 a year × 1.61398M each time, to the cent (see model::money's tests).
    assert_eq!(r7["expected_annual_loss"], 406_776.89);
    assert!(r7["loss_1_in_20"].as_u64().is_some());
    let portfolio = &data["portfolio_loss"];
    assert!(portfolio["expected_annual_loss"].as_f64().unwrap() > 406_776.89);
    let best = &data["investments"][0]["options"]["best"];
    assert_eq!(
        (&best["cost_per"], &best["loss_reduction"]),
        (&"year".into(), &70.0.into())
    );
    assert!(best["avoided_loss"].as_f64().unwrap() > 0.0);
}

#[test]
fn the_pages_show_the_figures() {
    let site = money_site();
    assert_eq!(build(&site, "out", "cache", false).code, 0);
    let page = |rel: &str| String::from_utf8(read(&site.path("out"), rel)).unwrap();
    let onepager = page("2026-q2/index.html");
    assert!(
        onepager.contains("≈ $407k a year"),
        "the top risk's expected loss"
    );
    assert!(onepager.contains("$750k a year"), "a yearly cost");
    assert!(onepager.contains("avoids ≈ $"), "what an option avoids");
    assert!(
        onepager.contains("charts&#x2F;loss.svg"),
        "the curve's file is linked"
    );
    let pack = page("2026-q2/appendix/index.html");
    // SPEC order: money at risk after the investment asks, before the action log and how to
    // read the scores.
    let at = |h: &str| pack.find(h).unwrap_or_else(|| panic!("{h}"));
    assert!(at("E. Investment asks") < at("F. Money at risk"));
    // G is the action log, a line of the contents here (this quarter has none).
    assert!(at("F. Money at risk") < at("H. How to read the scores"));
    assert!(at("H. How to read the scores") < at("I. Metric definitions"));
    assert!(pack.contains("$200k to $5M") && pack.contains("0.1 to 0.5"));
    let register = page("2026-q2/register/index.html");
    assert!(register.contains("≈ $407k a year"));
    let risk = page("risks/r-007/index.html");
    assert!(risk.contains("0.1 to 0.5 times a year, $200k to $5M each time"));
    let svg = page("2026-q2/charts/loss.svg");
    assert!(svg.contains("Loss in a year (log scale)") && svg.contains("1 in 20: $"));
}

#[test]
fn a_site_without_loss_shows_nothing_of_it() {
    let site = Site::copy_of("minimal");
    assert_eq!(build(&site, "out", "cache", false).code, 0);
    let out = site.path("out");
    assert!(!site.path("cache").exists(), "no trials, no cache");
    assert!(!out.join("2026-q2/charts/loss.svg").exists());
    let data: serde_json::Value = serde_json::from_slice(&read(&out, "2026-q2/data.json")).unwrap();
    // The one documented addition: `portfolio_loss`, null.
    assert_eq!(data["portfolio_loss"], serde_json::Value::Null);
    assert!(data.as_object().unwrap().contains_key("portfolio_loss"));
    let text = String::from_utf8(read(&out, "2026-q2/data.json")).unwrap();
    for absent in [
        "expected_annual_loss",
        "loss_1_in_20",
        "avoided_loss",
        "cost_per",
    ] {
        assert!(!text.contains(absent), "{absent}");
    }
    let pack = String::from_utf8(read(&out, "2026-q2/appendix/index.html")).unwrap();
    assert!(!pack.contains("Money at risk"));
    assert!(pack.contains("G. How to read the scores") && pack.contains("H. Metric definitions"));
}

#[test]
fn the_loss_tolerance_is_held_against_the_curve_and_said_in_words() {
    let site = money_site();
    let toml = site.read("quarterdeck.toml");
    site.write(
        "quarterdeck.toml",
        &format!("{toml}[appetite]\nlimit = 12\nloss_tolerance = [[100000, 20], [100000000, 5]]\n"),
    );
    let run = build(&site, "out", "cache", false);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = site.path("out");
    let data: serde_json::Value = serde_json::from_slice(&read(&out, "2026-q2/data.json")).unwrap();
    assert_eq!(
        data["appetite"]["loss_tolerance"],
        serde_json::json!([[100000, 20], [100000000, 5]])
    );
    let points = data["portfolio_loss"]["tolerance"].as_array().unwrap();
    assert_eq!(points.len(), 2);
    // R-002 alone happens one to four times a year at 20k to 300k: 100k or more in most years.
    let first = &points[0];
    assert_eq!(
        (&first["amount"], &first["tolerance"]),
        (&100000.into(), &20.into())
    );
    let chance = first["chance"].as_f64().unwrap();
    assert!(chance > 20.0, "{chance}");
    assert_eq!(first["above"], true);
    // Nothing comes near 100M.
    assert_eq!(points[1]["chance"], 0);
    assert_eq!(points[1]["above"], false);
    let pack = String::from_utf8(read(&out, "2026-q2/appendix/index.html")).unwrap();
    let said = format!(
        "<strong class=\"appetite-mark is-outside\">Above tolerance</strong> a {}% chance a year of losing $100k or more; tolerance 20%",
        chance.round()
    );
    assert!(pack.contains(&said), "{said}");
    assert!(pack.contains("<li>a 0% chance a year of losing $100M or more; tolerance 5%</li>"));
    let svg = String::from_utf8(read(&out, "2026-q2/charts/loss.svg")).unwrap();
    assert!(svg.contains("loss tolerance"));
}

/// `score-disagrees-with-loss` lints of R-007 (impact 5, likelihood 3) with `loss` written as
/// given, on a site whose `[matrix]` gives the money and chance of each level, as
/// (`file:line:column`, message).
fn disagreements(frequency: &str, magnitude: &str) -> Vec<(String, String)> {
    let site = with_loss(frequency, magnitude);
    let toml = site.read("quarterdeck.toml");
    site.write(
        "quarterdeck.toml",
        &format!("{toml}[matrix]\nimpact_loss = [100000, 1000000, 5000000, 25000000]\nlikelihood_chance = [5, 20, 50, 80]\n"),
    );
    site.check_json()
        .found()
        .into_iter()
        .filter(|f| f.code == "score-disagrees-with-loss")
        .map(|f| (f.at, f.message))
        .collect()
}

#[test]
fn a_loss_one_level_from_the_score_agrees_and_two_levels_is_the_lint() {
    // Median 5,005,000: impact level 4, one from 5. About 5.8% a year: likelihood 2, one from 3.
    assert_eq!(disagreements("[0.05, 0.07]", "[2502500, 10010000]"), vec![]);
    // Median 4,995,000: level 3, two from 5. About 4.8% a year: level 1, two from 3.
    assert_eq!(
        disagreements("[0.04, 0.06]", "[2497500, 9990000]"),
        vec![
            (
                format!("{R7}:11:14"),
                "R-007's `loss.frequency` gives a 4.8% chance a year of at least one event, likelihood level 1 by `likelihood_chance`, but its `likelihood` is 3: more than one level apart".to_string()
            ),
            (
                format!("{R7}:12:14"),
                "R-007's `loss.magnitude` has a median of 4995000 each time, impact level 3 by `impact_loss`, but its `impact` is 5: more than one level apart".to_string()
            ),
        ]
    );
}

#[test]
fn a_loss_amount_with_thousands_separators_is_one_error_that_shows_it() {
    let site = with_loss("[0.1, 0.5]", "[200.000, 5000000]");
    let run = site.check_json();
    assert_eq!(
        run.errors(),
        [error(
            "thousands-separator",
            &format!("{R7}:12:15"),
            "the amount `200.000` is written with thousands separators; YAML would read it as 200, not 200000"
        )],
        "{}",
        run.stdout
    );
    assert_eq!(
        run.hint("thousands-separator"),
        "write 200000: amounts take no thousands separators"
    );
}
