//! Inputs the fuzzers (fuzz/) once found troublesome, replayed on every test run.
//! `crashers/parse/*`: bytes fed to every file kind's parser; `crashers/site/*`: the first
//! byte picks a file of the minimal fixture, the rest replaces it (as in fuzz/fuzz_targets/site.rs).

use crate::support::{fixture, Site};
use quarterdeck::load::{raw, text, yaml};
use std::time::{Duration, Instant};

const SITE_FILES: [&str; 8] = [
    "quarterdeck.toml",
    "content/metrics.yaml",
    "content/pages/decision-rights.md",
    "content/quarters/2026-Q2/quarter.yaml",
    "content/quarters/2026-Q2/trends.yaml",
    "content/quarters/2026-Q2/risks/R-007.yaml",
    "content/quarters/2026-Q2/incidents/INC-2026-031.yaml",
    "content/quarters/2026-Q2/investments/INV-003.yaml",
];

fn inputs(kind: &str) -> Vec<(String, Vec<u8>)> {
    let dir = fixture("crashers").join(kind);
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn parser_crashers_stay_fixed() {
    for (name, data) in inputs("parse") {
        let started = Instant::now();
        if let Ok(t) = text::decode(&data) {
            let _ = yaml::parse::<Vec<raw::Metric>>("m.yaml", &t, 0);
            let _ = yaml::parse::<raw::Quarter>("q.yaml", &t, 0);
            let _ = yaml::parse::<raw::Trends>("t.yaml", &t, 0);
            let _ = yaml::parse::<raw::Risk>("r.yaml", &t, 0);
            let _ = yaml::parse::<raw::Initiative>("i.yaml", &t, 0);
            let _ = yaml::parse::<raw::Incident>("n.yaml", &t, 0);
            let _ = yaml::parse::<raw::Investment>("v.yaml", &t, 0);
            let _ = quarterdeck::load::parse_page("p.md", &t);
            let _ = quarterdeck::config::Config::parse(&t);
        }
        assert!(started.elapsed() < Duration::from_secs(2), "{name} is slow");
    }
}

#[test]
fn site_crashers_stay_fixed() {
    let site = Site::copy_of("minimal");
    for (name, data) in inputs("site") {
        let Some((&pick, bytes)) = data.split_first() else {
            continue;
        };
        let rel = SITE_FILES[pick as usize % SITE_FILES.len()];
        let original = std::fs::read(site.path(rel)).unwrap();
        std::fs::write(site.path(rel), bytes).unwrap();
        let started = Instant::now();
        if let Ok(checked) = quarterdeck::validate_site(&site.root) {
            if let Some(s) = checked
                .site
                .filter(|_| checked.diags.iter().all(|d| !d.is_error()))
            {
                let facts = quarterdeck::model::facts::compute(&s);
                let _ = quarterdeck::render::render(&s, &facts, &site.root, Default::default());
            }
        }
        assert!(started.elapsed() < Duration::from_secs(5), "{name} is slow");
        std::fs::write(site.path(rel), original).unwrap();
    }
}
