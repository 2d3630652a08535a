//! Reproduction 10: a 200-character label in the site's catalog made chart layout panic
//! (exit 101), in `build` and, the same code, in `serve`.

use crate::support::Site;

/// Every plain label of the English catalog, 200 characters longer (placeholders kept).
fn long_catalog(site: &Site) -> String {
    let catalog = site.run(&["templates", "catalog", "en"]).stdout;
    let mut out = String::new();
    for line in catalog.lines() {
        let Some((key, value)) = line.split_once(" = \"") else {
            continue;
        };
        if key.starts_with('#') || key.contains(' ') {
            continue;
        }
        let value = value.trim_end_matches('"');
        out.push_str(&format!("{key} = \"{value}{}\"\n", "W".repeat(200)));
    }
    out
}

#[test]
fn a_label_longer_than_any_chart_is_laid_out_not_a_panic() {
    let site = Site::copy_of("dense");
    let catalog = long_catalog(&site);
    assert!(catalog.lines().count() > 200, "{catalog}");
    site.write("i18n/en.toml", &catalog);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}
