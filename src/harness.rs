//! Entry points for fuzzers and the crasher regression tests, so that both drive exactly the
//! same code paths. Not part of the stable API.

use crate::load::source::{Memory, Source, WorkTree};
use crate::load::{raw, text, yaml};
use crate::render::templates::{self, Compiled};
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
    SiteFixture::read(root)?.replace_and_build(data);
    Ok(())
}

/// A site read into memory once, with its templates compiled once, for a fuzzer that builds it
/// again for every input: compiling the built-in templates was most of a run's time, and no
/// input reaches them ([`SITE_FILES`] has no template).
pub struct SiteFixture {
    site: Memory,
    templates: Compiled,
}

impl SiteFixture {
    /// The site at `root`; an error when it is not a site or its templates do not compile.
    pub fn read(root: &Path) -> std::io::Result<SiteFixture> {
        let tree = WorkTree::new(root);
        if !tree.is_file(crate::config::FILE_NAME) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{} has no quarterdeck.toml", root.display()),
            ));
        }
        let site = Memory::copy_of(&tree, text::MAX_FILE_BYTES);
        let templates = crate::load::overrides(&site)
            .map_err(|e| std::io::Error::other(e.to_string()))
            .and_then(|o| {
                templates::compile(&o).map_err(|e| std::io::Error::other(e.to_string()))
            })?;
        Ok(SiteFixture { site, templates })
    }

    /// Replaces one file with the rest of `data` (its first byte picks which) and builds.
    pub fn replace_and_build(&self, data: &[u8]) {
        let Some((&pick, bytes)) = data.split_first() else {
            return;
        };
        let mut site = self.site.clone();
        site.insert(SITE_FILES[pick as usize % SITE_FILES.len()], bytes);
        let _ = crate::pipeline::build_with_templates(
            &site,
            &crate::pipeline::Options::default(),
            |_| Ok(self.templates.clone()),
        );
    }
}
