//! Every diagnostic code the source uses is documented in docs/diagnostics.md, with an entry in
//! its index and a section of its own, and every documented code is still used. Both files are
//! read when the test runs, so a code added on either side is held to the same rule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[test]
fn every_code_is_documented_and_every_documented_code_exists() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = BTreeMap::new();
    collect(&repo.join("src"), &mut used);
    let doc = std::fs::read_to_string(repo.join("docs/diagnostics.md")).unwrap();
    let (index, sections) = documented(&doc);
    assert_eq!(
        index, sections,
        "the index of codes and the sections disagree"
    );
    let undocumented: Vec<String> = used
        .iter()
        .filter(|(code, _)| !sections.contains(*code))
        .map(|(code, file)| format!("{code} ({file})"))
        .collect();
    assert!(
        undocumented.is_empty(),
        "codes missing from docs/diagnostics.md: {undocumented:?}"
    );
    let unused: Vec<&String> = sections.iter().filter(|c| !used.contains_key(*c)).collect();
    assert!(
        unused.is_empty(),
        "documented codes no source file uses: {unused:?}"
    );
}

#[test]
fn codes_are_found_where_a_diagnostic_is_made() {
    let src = "// Diagnostic::error(\"in-a-comment\", f, m)\nlet d = Diagnostic::error(\"bad-id\", f, m);\nc.warning(\n    \"long-summary\",\n    at,\n    m,\n);\nreturn (\"wrong-type\", m, None);\nis_error(\"not-a-code\");\nerror(code, f, m);";
    assert_eq!(codes(src), ["bad-id", "long-summary", "wrong-type"]);
    let doc = "## Index of codes\n| [`toml`](#toml) | error | x |\n## Errors\n#### toml\n## Lints\n#### few-risks\n## Known issues\n#### not-a-code\n";
    let (index, sections) = documented(doc);
    assert_eq!(index.into_iter().collect::<Vec<_>>(), ["toml"]);
    assert_eq!(
        sections.into_iter().collect::<Vec<_>>(),
        ["few-risks", "toml"]
    );
}

fn collect(dir: &Path, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for code in codes(&text) {
                out.entry(code)
                    .or_insert_with(|| path.display().to_string());
            }
        }
    }
}

/// The code of every diagnostic made in `src`: the text literal that `error(` or `warning(`
/// (`Diagnostic::error`, `FileCheck::warning`, …) is called with first, or that a function returns
/// first in a tuple (`return ("wrong-type", …)`, as the YAML error classifier does).
fn codes(src: &str) -> Vec<String> {
    let code_lines: String = src
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    for needle in ["error(", "warning(", "return ("] {
        for (i, _) in code_lines.match_indices(needle) {
            let before = code_lines[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = code_lines[i + needle.len()..].trim_start();
            let Some(rest) = rest.strip_prefix('"') else {
                continue;
            };
            let code = rest.split('"').next().unwrap();
            let shaped = code.starts_with(|c: char| c.is_ascii_lowercase())
                && code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if shaped {
                out.push(code.to_string());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The codes in the index table, and the `#### code` sections under Errors and Lints.
fn documented(doc: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let index = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| [`"))
        .map(|l| l.split('`').next().unwrap().to_string())
        .collect();
    let start = doc
        .find("\n## Errors")
        .expect("docs/diagnostics.md has `## Errors`");
    let end = doc.find("\n## Known issues").unwrap_or(doc.len());
    let sections = doc[start..end]
        .lines()
        .filter_map(|l| l.strip_prefix("#### "))
        .map(|c| c.trim().to_string())
        .collect();
    (index, sections)
}
