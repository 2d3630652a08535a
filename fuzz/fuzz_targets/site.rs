//! The whole pipeline — load, validate, compute, render — on the minimal fixture with one file
//! replaced by the fuzzer's bytes. The first byte picks the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const FILES: [&str; 8] = [
    "quarterdeck.toml",
    "content/metrics.yaml",
    "content/pages/decision-rights.md",
    "content/quarters/2026-Q2/quarter.yaml",
    "content/quarters/2026-Q2/trends.yaml",
    "content/quarters/2026-Q2/risks/R-007.yaml",
    "content/quarters/2026-Q2/incidents/INC-2026-031.yaml",
    "content/quarters/2026-Q2/investments/INV-003.yaml",
];

fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dest = std::env::temp_dir().join(format!("quarterdeck-fuzz-{}", std::process::id()));
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/minimal");
        copy(&src, &dest);
        dest
    })
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let root = site();
    let rel = FILES[pick as usize % FILES.len()];
    let path = root.join(rel);
    let original = std::fs::read(&path).unwrap();
    std::fs::write(&path, bytes).unwrap();
    if let Ok(checked) = quarterdeck::validate_site(root) {
        if let Some(site) = checked.site.filter(|_| checked.diags.iter().all(|d| !d.is_error())) {
            let facts = quarterdeck::model::facts::compute(&site);
            let _ = quarterdeck::render::render(&site, &facts, root, Default::default());
        }
    }
    std::fs::write(&path, original).unwrap();
});
