//! `init`: a new site with a small, realistic example, embedded in the binary from the real
//! files under `src/scaffold/starter/` (so the example is reviewed, checked and built like any
//! site; see the tests), plus the JSON Schemas its editor lines point at.

use super::{files, schema, Error};
use crate::layout::{with_editor_line, Kind};
use std::path::Path;

/// Declares the starter's files once: the path in the new site and the embedded text.
macro_rules! starter {
    ($($path:literal),+ $(,)?) => {
        &[$(($path, include_str!(concat!("starter/", $path)))),+]
    };
}

/// The starter site, by path. `gitignore` is stored without its dot so that it does not act
/// on this repository; it is written as `.gitignore`.
pub(crate) const STARTER: &[(&str, &str)] = starter![
    "quarterdeck.toml",
    "README.md",
    "gitignore",
    "content/metrics.yaml",
    "content/pages/decision-rights.md",
    "content/pages/exception-playbook.md",
    "content/quarters/2026-Q1/quarter.yaml",
    "content/quarters/2026-Q1/trends.yaml",
    "content/quarters/2026-Q1/risks/R-001.yaml",
    "content/quarters/2026-Q1/risks/R-002.yaml",
    "content/quarters/2026-Q1/risks/R-003.yaml",
    "content/quarters/2026-Q1/risks/R-004.yaml",
    "content/quarters/2026-Q1/risks/R-005.yaml",
    "content/quarters/2026-Q1/initiatives/I-001.yaml",
    "content/quarters/2026-Q1/initiatives/I-002.yaml",
    "content/quarters/2026-Q1/initiatives/I-003.yaml",
    "content/quarters/2026-Q2/quarter.yaml",
    "content/quarters/2026-Q2/trends.yaml",
    "content/quarters/2026-Q2/risks/R-001.yaml",
    "content/quarters/2026-Q2/risks/R-002.yaml",
    "content/quarters/2026-Q2/risks/R-003.yaml",
    "content/quarters/2026-Q2/risks/R-004.yaml",
    "content/quarters/2026-Q2/risks/R-005.yaml",
    "content/quarters/2026-Q2/risks/R-006.yaml",
    "content/quarters/2026-Q2/initiatives/I-001.yaml",
    "content/quarters/2026-Q2/initiatives/I-002.yaml",
    "content/quarters/2026-Q2/initiatives/I-003.yaml",
    "content/quarters/2026-Q2/incidents/INC-2026-007.yaml",
    "content/quarters/2026-Q2/investments/INV-001.yaml",
    "content/quarters/2026-Q2/actions/A-001.yaml",
    "content/quarters/2026-Q2/exceptions/EX-001.yaml",
];

/// The quarter after the starter's latest: what the printed next steps suggest.
pub(crate) const NEXT_QUARTER: &str = "2026-Q3";
/// The latest quarter of the example, the one `publish` records first.
pub(crate) const LATEST_QUARTER: &str = "2026-Q2";

/// The starter's translations: English text as it stands in the starter → the language's.
pub(crate) const TRANSLATIONS: [(&str, &str); 2] = [
    ("de", include_str!("starter-i18n/de.toml")),
    ("fr", include_str!("starter-i18n/fr.toml")),
];

/// The replacements for `lang`, longest English text first (so a sentence is translated whole
/// before any shorter text inside it); empty for English.
fn translation(lang: &str) -> Vec<(String, String)> {
    let Some((_, text)) = TRANSLATIONS.iter().find(|(l, _)| *l == lang) else {
        return Vec::new();
    };
    #[derive(serde::Deserialize)]
    struct Table {
        text: Vec<Pair>,
    }
    #[derive(serde::Deserialize)]
    struct Pair {
        from: String,
        to: String,
    }
    let table: Table = toml::from_str(text).expect("starter translations parse (tested)");
    let mut pairs: Vec<(String, String)> = table.text.into_iter().map(|p| (p.from, p.to)).collect();
    pairs.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    pairs
}

/// Every file `init` writes (the starter with editor lines, and the schemas), with the example
/// text in `lang` (`en`, `de` or `fr`).
pub(crate) fn site_files_in(lang: &str) -> Vec<(String, Vec<u8>)> {
    let pairs = translation(lang);
    let mut out: Vec<(String, Vec<u8>)> = STARTER
        .iter()
        .map(|(path, text)| {
            let path = if *path == "gitignore" {
                ".gitignore"
            } else {
                path
            };
            let mut text = text.to_string();
            for (from, to) in &pairs {
                text = text.replace(from.as_str(), to);
            }
            let text = with_editor_line(path, &text);
            (path.to_string(), text.into_bytes())
        })
        .collect();
    out.extend(Kind::ALL.iter().map(|k| {
        (
            format!("schemas/{}", k.file_name()),
            schema::file_text(*k).into_bytes(),
        )
    }));
    out
}

/// Writes the starter site into `dir`, which must be missing or empty.
pub(crate) fn init(dir: &Path, lang: &str) -> Result<(), Error> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Error::refused(
                format!("{} exists and is not a folder", dir.display()),
                "give a new folder name, e.g. `quarterdeck init board-report`",
            ));
        }
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::read(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::refused(
                format!("{} is not empty; quarterdeck init writes a new site only into a new or empty folder", dir.display()),
                "give a new folder name, e.g. `quarterdeck init board-report`",
            ));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    files::write_all(dir, &site_files_in(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_translated_text_is_still_in_the_starter() {
        for (lang, _) in TRANSLATIONS {
            let pairs = translation(lang);
            assert!(pairs.len() > 50, "{lang}");
            for (from, _) in &pairs {
                assert!(
                    STARTER.iter().any(|(_, text)| text.contains(from.as_str())),
                    "{lang}: {from:?} no longer occurs in the starter"
                );
            }
        }
    }

    // The list above and the folder must agree, or a file added to the starter never ships.
    #[test]
    fn every_starter_file_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/scaffold/starter");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| crate::load::source::rel_path(&root, e.path()))
            .collect();
        let mut listed: Vec<String> = STARTER.iter().map(|(p, _)| p.to_string()).collect();
        on_disk.sort();
        listed.sort();
        assert_eq!(on_disk, listed);
    }
}
