//! The PDF cache arrives with the repository: reproduction 2, a forged PDF whose checksum the
//! attacker recomputed, published by a plain `build` in a clone.

use super::commit_and_clone;
use crate::support::{temp_dir, Site};
use sha2::{Digest, Sha256};

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_committed_pdf_cache_is_not_trusted() {
    let dir = temp_dir();
    let site = Site::copy_of("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    // What the attacker computes from a build of their own: one source is enough.
    let css = std::fs::read(site.path("output/assets/style.css")).unwrap();
    let forged = b"%PDF-1.4 forged: the board reads something else".to_vec();
    std::fs::remove_dir_all(site.path("output")).unwrap();
    // Today's entry format, and the signed one with a signature the attacker made up.
    for (format, quarter) in [(3, "2026-q1"), (4, "2026-q2")] {
        for kind in ["onepager", "boardpack"] {
            let manifest = serde_json::json!({
                "format": format,
                "version": env!("CARGO_PKG_VERSION"),
                "site_url": "",
                "sources": {"assets/style.css": hex(&css)},
                "pdf": hex(&forged),
                "mac": "0".repeat(64),
            });
            site.write(
                &format!(".quarterdeck-cache/pdf/{quarter}.{kind}.json"),
                &manifest.to_string(),
            );
            let pdf = site.path(&format!(".quarterdeck-cache/pdf/{quarter}.{kind}.pdf"));
            std::fs::write(pdf, &forged).unwrap();
        }
    }
    let clone = commit_and_clone(&site, &dir.path().join("clone"));
    let run = clone.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for quarter in ["2026-q1", "2026-q2"] {
        for kind in ["onepager", "boardpack"] {
            let rel = format!("output/{quarter}/{kind}.pdf");
            assert!(
                !clone.path(&rel).exists(),
                "{rel} was published from the cache"
            );
        }
        assert!(!clone
            .read(&format!("output/{quarter}/index.html"))
            .contains(".pdf\""));
    }
}
