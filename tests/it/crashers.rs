//! Inputs the fuzzers (fuzz/) once found troublesome, replayed on every test run through the
//! same harness the fuzz targets use. `crashers/parse/*` go to every file kind's parser;
//! `crashers/site/*` replace one fixture file (picked by the first byte) and run the pipeline.

use crate::support::{fixture, Site};
use quarterdeck::harness;
use std::time::{Duration, Instant};

fn inputs(kind: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(fixture("crashers").join(kind))
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
    let all = inputs("parse");
    assert!(!all.is_empty());
    for (name, data) in all {
        let started = Instant::now();
        harness::parse_every_kind(&data);
        assert!(started.elapsed() < Duration::from_secs(2), "{name} is slow");
    }
}

#[test]
fn site_crashers_stay_fixed() {
    let site = Site::copy_of("minimal");
    let all = inputs("site");
    assert!(!all.is_empty());
    for (name, data) in all {
        let started = Instant::now();
        harness::replace_and_build(&site.root, &data).unwrap();
        assert!(started.elapsed() < Duration::from_secs(5), "{name} is slow");
    }
}
