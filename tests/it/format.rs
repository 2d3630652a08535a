//! One amount reads the same everywhere: the one-pager's table, the investments chart and the
//! diff, on a site in euros whose option costs sit at the edges of the units.

use crate::support::Site;

const INV: &str = "content/quarters/2026-Q2/investments/INV-003.yaml";

/// The minimal fixture in euros, with INV-003's good and best options at €999,999 and €1,250,000
/// (the costs that once read "€1000k" in the table and "€1.3M" in the chart beside it).
fn euro_site() -> Site {
    let site = Site::copy_of("minimal");
    site.edit(
        "quarterdeck.toml",
        "currency = \"USD\"",
        "currency = \"EUR\"",
    )
    .edit(INV, "cost: 180000", "cost: 999999")
    .edit(INV, "cost: 750000", "cost: 1250000");
    site
}

/// Every `€…` amount in `text`, in order.
fn amounts(text: &str) -> Vec<&str> {
    text.match_indices('€')
        .map(|(i, _)| {
            let rest = &text[i..];
            let end = rest[3..]
                .find(|c: char| !(c.is_ascii_digit() || ".kMBT".contains(c)))
                .map_or(rest.len(), |e| e + 3);
            &rest[..end]
        })
        .collect()
}

#[test]
fn the_table_and_the_chart_write_the_same_amounts() {
    let site = euro_site();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let page = site.read("output/2026-q2/index.html");
    let table: Vec<&str> = page
        .match_indices("<td class=\"c-cost\">")
        .map(|(i, m)| {
            let cell = &page[i + m.len()..];
            &cell[..cell.find("</td>").unwrap()]
        })
        .collect();
    assert_eq!(table, ["€1M", "€420k", "€1.25M"]);

    let svg = site.read("output/2026-q2/charts/investments.svg");
    let desc_start = svg.find("<desc").unwrap();
    let desc = &svg[desc_start..desc_start + svg[desc_start..].find("</desc>").unwrap()];
    assert!(
        desc.ends_with(
            "INV-003: good €1M (high), better €420k (medium, recommended), best €1.25M (low)."
        ),
        "{desc}"
    );
    assert_eq!(amounts(desc), table);
    // The axis: ticks every €500k from zero, written by the same rule.
    assert_eq!(
        amounts(&svg[desc_start + desc.len()..]),
        ["€0", "€500k", "€1M"]
    );
}

#[test]
fn no_page_chart_or_diff_says_1000k() {
    let site = euro_site();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for e in walkdir::WalkDir::new(site.path("output")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let bytes = std::fs::read(e.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("1000k"), "{}", e.path().display());
        }
    }
    let diff = site.run(&["diff", "2026-Q1", "2026-Q2"]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    assert!(
        diff.stdout.contains("good option €180k → €1M")
            && diff.stdout.contains("best option €750k → €1.25M"),
        "{}",
        diff.stdout
    );
}

/// The minimal fixture in `lang` and euros, INV-003's options at €1,250,000, €420,000 and
/// €2,850,000: CLDR alone writes the first and last with two digits, halves to even
/// (`1,2 Mio. €`, `2,8 Mio. €`).
pub fn halves_site(lang: &str) -> Site {
    let site = Site::copy_of("minimal");
    site.edit(
        "quarterdeck.toml",
        "currency = \"USD\"",
        &format!("currency = \"EUR\"\nlanguage = \"{lang}\""),
    )
    .edit(INV, "cost: 180000", "cost: 1250000")
    .edit(INV, "cost: 750000", "cost: 2850000");
    site
}

#[test]
fn the_money_rule_holds_in_every_language_on_pages_charts_and_diff() {
    for (lang, want) in [
        ("en", ["€1.25M", "€420k", "€2.85M"]),
        ("de", ["1,25 Mio. €", "420.000 €", "2,85 Mio. €"]),
        ("fr", ["1,25 M €", "420 k €", "2,85 M €"]),
    ] {
        let want = want.map(|w| w.replace(' ', "\u{a0}"));
        let site = halves_site(lang);
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let page = site.read("output/2026-q2/index.html");
        let table: Vec<&str> = page
            .match_indices("<td class=\"c-cost\">")
            .map(|(i, m)| {
                let cell = &page[i + m.len()..];
                &cell[..cell.find("</td>").unwrap()]
            })
            .collect();
        assert_eq!(table, want, "{lang}: the one-pager's table");
        let svg = site.read("output/2026-q2/charts/investments.svg");
        for amount in &want {
            assert!(
                svg.contains(amount.as_str()),
                "{lang}: the chart lacks {amount}"
            );
        }
        // The diff speaks English, by the same rule.
        let diff = site.run(&["diff", "2026-Q1", "2026-Q2"]);
        assert!(
            diff.stdout.contains("good option €180k → €1.25M")
                && diff.stdout.contains("best option €750k → €2.85M"),
            "{lang}: {}",
            diff.stdout
        );
    }
}
