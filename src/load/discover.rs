//! Finding the content files: a sorted walk of `content/` that classifies every file by
//! where it sits, so that reading order (and so every output) never depends on the disk.

use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

/// Far more files than any real site has; beyond it we stop rather than eat memory.
pub const MAX_FILES: usize = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Metrics,
    Page,
    Quarter,
    Trends,
    Risk,
    Initiative,
    Incident,
    Investment,
    /// `published.yaml`: the record of a published quarter.
    Published,
}

#[derive(Debug, Clone)]
pub struct Found {
    pub kind: Kind,
    /// Site-relative, `/`-separated.
    pub rel: String,
    pub path: PathBuf,
    /// The quarter folder name for files under `quarters/`.
    pub quarter_folder: Option<String>,
}

pub struct Discovered {
    pub files: Vec<Found>,
    /// Quarter folder names, sorted, including empty ones.
    pub quarter_folders: Vec<String>,
}

const QUARTER_SUBDIRS: [(&str, Kind); 4] = [
    ("risks", Kind::Risk),
    ("initiatives", Kind::Initiative),
    ("incidents", Kind::Incident),
    ("investments", Kind::Investment),
];

pub fn discover(root: &Path, diags: &mut Vec<Diagnostic>) -> Discovered {
    let content = root.join("content");
    let mut out = Discovered {
        files: Vec::new(),
        quarter_folders: Vec::new(),
    };
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("missing-file", "content", "the site has no `content/` folder")
                .hint("create content/metrics.yaml and content/quarters/YYYY-QN/quarter.yaml, or run `quarterdeck init`"),
        );
        return out;
    }
    let root_real = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // Hidden entries (`.git`, editor folders, swap files) are not content; skip whole subtrees.
    let walk = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let mut count = 0;
    let first_diag = diags.len();
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e
                    .path()
                    .map(|p| rel_path(root, p))
                    .unwrap_or_else(|| "content".into());
                diags.push(Diagnostic::error(
                    "unreadable",
                    rel,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let rel = rel_path(root, entry.path());
        let parts: Vec<&str> = rel.split('/').skip(1).collect();
        if entry.file_type().is_dir() {
            if let ["quarters", q] = parts.as_slice() {
                out.quarter_folders.push(q.to_string());
            }
            continue;
        }
        count += 1;
        if count > MAX_FILES {
            // Half a site would only produce misleading errors about what was not reached.
            diags.truncate(first_diag);
            diags.push(
                Diagnostic::error(
                    "too-many-files",
                    "content",
                    format!("more than {MAX_FILES} files under content/; quarterdeck reads none of them"),
                )
                .hint("move generated or unrelated files out of content/"),
            );
            return Discovered {
                files: Vec::new(),
                quarter_folders: Vec::new(),
            };
        }
        if entry.path_is_symlink() && !symlink_is_inside(entry.path(), &root_real, &rel, diags) {
            continue;
        }
        match classify(&parts) {
            Some((kind, quarter_folder)) => out.files.push(Found {
                kind,
                rel,
                path: entry.path().to_path_buf(),
                quarter_folder,
            }),
            None => diags.push(unexpected(&rel, &parts)),
        }
    }
    out
}

fn classify(parts: &[&str]) -> Option<(Kind, Option<String>)> {
    let yaml = |n: &str| n.ends_with(".yaml") || n.ends_with(".yml");
    match parts {
        [n] if *n == "metrics.yaml" || *n == "metrics.yml" => Some((Kind::Metrics, None)),
        ["pages", n] if n.ends_with(".md") => Some((Kind::Page, None)),
        ["quarters", q, n] if *n == "quarter.yaml" || *n == "quarter.yml" => {
            Some((Kind::Quarter, Some(q.to_string())))
        }
        ["quarters", q, n] if *n == "trends.yaml" || *n == "trends.yml" => {
            Some((Kind::Trends, Some(q.to_string())))
        }
        ["quarters", q, n] if *n == crate::publish::FILE_NAME => {
            Some((Kind::Published, Some(q.to_string())))
        }
        ["quarters", q, dir, n] if yaml(n) => QUARTER_SUBDIRS
            .iter()
            .find(|(d, _)| d == dir)
            .map(|(_, k)| (*k, Some(q.to_string()))),
        _ => None,
    }
}

fn unexpected(rel: &str, parts: &[&str]) -> Diagnostic {
    let known_dir = |d: &str| QUARTER_SUBDIRS.iter().any(|(k, _)| *k == d);
    let hint = match parts {
        ["quarters", _, dir, _] if known_dir(dir) => {
            Some(format!("only .yaml files are read in {dir}/"))
        }
        ["quarters", _, dir, _] => crate::model::suggest::did_you_mean(
            dir,
            QUARTER_SUBDIRS.iter().map(|(d, _)| *d),
        )
        .map(|h| {
            format!("{h} quarterdeck reads risks/, initiatives/, incidents/ and investments/")
        }),
        ["quarters", _, n] => crate::model::suggest::did_you_mean(
            n,
            ["quarter.yaml", "trends.yaml", "published.yaml"],
        ),
        _ => None,
    };
    Diagnostic::warning(
        "unexpected-file",
        rel,
        "quarterdeck does not read this file; it is ignored",
    )
    .maybe_hint(hint.or_else(|| Some("see docs/content-format.md for the site layout".into())))
}

// A link that leads out of the site would let content pull in arbitrary files from the machine.
fn symlink_is_inside(
    path: &Path,
    root_real: &Path,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    match std::fs::canonicalize(path) {
        Ok(target) if target.starts_with(root_real) && target.is_file() => true,
        Ok(target) if target.starts_with(root_real) => {
            diags.push(Diagnostic::error(
                "symlink",
                rel,
                "symbolic links to folders are not followed",
            ));
            false
        }
        Ok(_) => {
            diags.push(
                Diagnostic::error("symlink", rel, "this symbolic link points outside the site; quarterdeck reads nothing outside the site root")
                    .hint("copy the file into the site instead"),
            );
            false
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                "unreadable",
                rel,
                format!("broken symbolic link: {e}"),
            ));
            false
        }
    }
}

/// True when `path`, with every symbolic link resolved, lies inside the site root.
pub fn inside_site(root: &Path, path: &Path) -> bool {
    match (std::fs::canonicalize(root), std::fs::canonicalize(path)) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        _ => false,
    }
}

pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_place() {
        assert_eq!(classify(&["metrics.yaml"]).unwrap().0, Kind::Metrics);
        assert_eq!(
            classify(&["quarters", "2026-Q3", "risks", "R-1.yaml"])
                .unwrap()
                .0,
            Kind::Risk
        );
        assert_eq!(
            classify(&["quarters", "2026-Q3", "quarter.yml"]).unwrap().0,
            Kind::Quarter
        );
        assert!(classify(&["quarters", "2026-Q3", "risk", "R-1.yaml"]).is_none());
        assert!(classify(&["notes.txt"]).is_none());
    }

    #[test]
    fn unexpected_folder_gets_a_suggestion() {
        let d = unexpected(
            "content/quarters/2026-Q3/risk/R-1.yaml",
            &["quarters", "2026-Q3", "risk", "R-1.yaml"],
        );
        assert!(d.hint.unwrap().starts_with("did you mean `risks`?"));
    }
}
