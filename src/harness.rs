//! Entry points for fuzzers and the crasher regression tests, so that both drive exactly the
//! same code paths. Not part of the stable API.

use crate::load::{raw, text, yaml};
use std::path::Path;

/// The fixture files a site-level input may replace; the input's first byte picks one.
/// A file the fixture lacks (the record of a published quarter) is created, then removed.
pub const SITE_FILES: [&str; 9] = [
    "quarterdeck.toml",
    "content/metrics.yaml",
    "content/pages/decision-rights.md",
    "content/quarters/2026-Q2/quarter.yaml",
    "content/quarters/2026-Q2/trends.yaml",
    "content/quarters/2026-Q2/risks/R-007.yaml",
    "content/quarters/2026-Q2/incidents/INC-2026-031.yaml",
    "content/quarters/2026-Q2/investments/INV-003.yaml",
    "content/quarters/2026-Q2/published.yaml",
];

/// Feeds `data` to the parser of every file kind.
pub fn parse_every_kind(data: &[u8]) {
    let Ok(t) = text::decode(data) else { return };
    let _ = yaml::parse::<Vec<raw::Metric>>("m.yaml", &t, 0);
    let _ = yaml::parse::<raw::Quarter>("q.yaml", &t, 0);
    let _ = yaml::parse::<raw::Trends>("t.yaml", &t, 0);
    let _ = yaml::parse::<raw::Risk>("r.yaml", &t, 0);
    let _ = yaml::parse::<raw::Initiative>("i.yaml", &t, 0);
    let _ = yaml::parse::<raw::Incident>("n.yaml", &t, 0);
    let _ = yaml::parse::<raw::Investment>("v.yaml", &t, 0);
    let _ = crate::load::parse_page("p.md", &t);
    let _ = crate::config::Config::parse(&t);
    let _ = yaml::parse::<crate::publish::record::RawRecord>("published.yaml", &t, 0);
}

/// Replaces one file of the site at `root` (a copy of tests/fixtures/minimal) with the rest of
/// `data`, runs load → validate → facts → render in memory, and puts the file back.
pub fn replace_and_build(root: &Path, data: &[u8]) -> std::io::Result<()> {
    let Some((&pick, bytes)) = data.split_first() else {
        return Ok(());
    };
    let path = root.join(SITE_FILES[pick as usize % SITE_FILES.len()]);
    let original = match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    std::fs::write(&path, bytes)?;
    if let Ok(checked) = crate::validate_site(root) {
        if let Some(site) = checked
            .site
            .filter(|_| checked.diags.iter().all(|d| !d.is_error()))
        {
            let facts = crate::model::facts::compute(&site);
            let _ = crate::render::render(&site, &facts, root, Default::default());
        }
    }
    match original {
        Some(original) => std::fs::write(&path, original),
        None => std::fs::remove_file(&path),
    }
}
