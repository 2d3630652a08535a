//! Inputs the fuzzers (fuzz/) once found troublesome, replayed on every test run through the
//! same harness the fuzz targets use. `crashers/parse/*` go to every file kind's parser;
//! `crashers/site/*` replace one fixture file (picked by the first byte) and run the pipeline.
//! Each must also stay within a bound on its work (allocations, not time: see `work`).

use crate::support::{fixture, Site};
use crate::work::measure;
use quarterdeck::harness;

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
    // The work of parsing an ordinary file, per byte of it, is the yardstick: a crasher may
    // take ten times that per byte (a hang or a blow-up takes orders of magnitude more).
    let normal = std::fs::read(fixture("minimal").join(harness::SITE_FILES[5])).unwrap();
    let baseline = measure(|| harness::parse_every_kind(&normal));
    for (name, data) in all {
        let work = measure(|| harness::parse_every_kind(&data));
        let scale = (data.len() / normal.len()).max(1) as u64;
        assert!(
            work.within(10 * scale, baseline),
            "{name}: {work:?}, against {baseline:?} for {} bytes",
            normal.len()
        );
    }
}

#[test]
fn site_crashers_stay_fixed() {
    let site = Site::copy_of("minimal");
    let all = inputs("site");
    assert!(!all.is_empty());
    for (name, data) in all {
        // The same file put back unchanged, so that the whole pipeline runs: the yardstick.
        let mut pick = data.first().copied().unwrap_or(0);
        let mut file = harness::SITE_FILES[pick as usize % harness::SITE_FILES.len()];
        if !site.path(file).exists() {
            // A file the fixture lacks (published.yaml): measure against its quarter.yaml.
            pick = 3;
            file = harness::SITE_FILES[3];
        }
        let mut normal = vec![pick];
        normal.extend(std::fs::read(site.path(file)).unwrap());
        let baseline = measure(|| harness::replace_and_build(&site.root, &normal).unwrap());
        let work = measure(|| harness::replace_and_build(&site.root, &data).unwrap());
        assert!(
            work.within(10, baseline),
            "{name}: {work:?}, against {baseline:?}"
        );
    }
}
