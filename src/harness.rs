//! Entry points for fuzzers and the crasher regression tests, so that both drive exactly the
//! same code paths. Not part of the stable API.

use crate::load::source::{Memory, Source, WorkTree};
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
    let _ = yaml::parse::<crate::load::record::RawRecord>("published.yaml", &t, 0);
}

/// Reads the site at `root` (a copy of tests/fixtures/minimal) into memory, replaces one file
/// with the rest of `data`, and runs the pipeline (load → validate → facts → render) on it.
/// Nothing is written, so the site at `root` is left as it was.
pub fn replace_and_build(root: &Path, data: &[u8]) -> std::io::Result<()> {
    let Some((&pick, bytes)) = data.split_first() else {
        return Ok(());
    };
    let tree = WorkTree::new(root);
    if !tree.is_file(crate::config::FILE_NAME) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("{} has no quarterdeck.toml", root.display()),
        ));
    }
    let mut site = Memory::copy_of(&tree, text::MAX_FILE_BYTES);
    site.insert(SITE_FILES[pick as usize % SITE_FILES.len()], bytes);
    let _ = crate::pipeline::build(&site, &crate::pipeline::Options::default());
    Ok(())
}
