//! Finding the content files: a sorted walk of `content/` that classifies every file by
//! where it sits, so that reading order (and so every output) never depends on the disk.

use super::source::{EntryKind, Refused, Source};
use super::unusable;
use crate::diag::Diagnostic;
use crate::layout::{classify, Kind, QUARTER_SUBDIRS};

/// Far more files than any real site has; beyond it we stop rather than eat memory.
pub(crate) const MAX_FILES: usize = 20_000;

#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub kind: Kind,
    /// Site-relative, `/`-separated.
    pub rel: String,
    /// The quarter folder name for files under `quarters/`.
    pub quarter_folder: Option<String>,
}

pub(crate) struct Discovered {
    pub files: Vec<Found>,
    /// Quarter folder names, sorted, including empty ones.
    pub quarter_folders: Vec<String>,
    /// The walk stopped at the file limit: nothing under content/ is read.
    pub stopped: bool,
}

pub(crate) fn discover(source: &dyn Source, diags: &mut Vec<Diagnostic>) -> Discovered {
    let mut out = Discovered {
        files: Vec::new(),
        quarter_folders: Vec::new(),
        stopped: false,
    };
    if !source.is_dir("content") {
        diags.push(
            Diagnostic::error("missing-file", "content", "the site has no `content/` folder")
                .hint("create content/metrics.yaml and content/quarters/YYYY-QN/quarter.yaml, or run `quarterdeck init`"),
        );
        return out;
    }
    let mut count = 0;
    let first_diag = diags.len();
    for entry in source.walk("content", usize::MAX) {
        let entry = match entry {
            Ok(e) => e,
            Err(refused @ Refused::Unreadable { .. }) => {
                diags.push(unusable::refused(refused));
                continue;
            }
            // A link counts as a file towards the limit whether or not it is followed.
            Err(refused) => {
                count += 1;
                if count > MAX_FILES {
                    return too_many(diags, first_diag);
                }
                diags.push(unusable::refused(refused));
                continue;
            }
        };
        let rel = entry.rel;
        let parts: Vec<&str> = rel.split('/').skip(1).collect();
        if entry.kind == EntryKind::Dir {
            if let ["quarters", q] = parts.as_slice() {
                out.quarter_folders.push(q.to_string());
            }
            continue;
        }
        count += 1;
        if count > MAX_FILES {
            return too_many(diags, first_diag);
        }
        match classify(&parts) {
            Some((kind, quarter_folder)) => out.files.push(Found {
                kind,
                rel,
                quarter_folder,
            }),
            None => diags.push(unexpected(&rel, &parts)),
        }
    }
    out
}

/// Half a site would only produce misleading errors about what was not reached.
fn too_many(diags: &mut Vec<Diagnostic>, first_diag: usize) -> Discovered {
    diags.truncate(first_diag);
    diags.push(
        Diagnostic::error(
            "too-many-files",
            "content",
            format!("more than {MAX_FILES} files under content/; quarterdeck reads none of them"),
        )
        .hint("move generated or unrelated files out of content/"),
    );
    Discovered {
        files: Vec::new(),
        quarter_folders: Vec::new(),
        stopped: true,
    }
}

fn unexpected(rel: &str, parts: &[&str]) -> Diagnostic {
    let known_dir = |d: &str| QUARTER_SUBDIRS.iter().any(|(k, _)| *k == d);
    let hint = match parts {
        ["quarters", _, dir, _] if known_dir(dir) => {
            Some(format!("only .yaml files are read in {dir}/"))
        }
        ["quarters", _, dir, _] => {
            crate::diag::suggest::did_you_mean(dir, QUARTER_SUBDIRS.iter().map(|(d, _)| *d)).map(
                |h| {
                    format!(
                "{h} quarterdeck reads risks/, initiatives/, incidents/, investments/, actions/ and exceptions/"
            )
                },
            )
        }
        ["quarters", _, n] => {
            crate::diag::suggest::did_you_mean(n, ["quarter.yaml", "trends.yaml", "published.yaml"])
        }
        _ => None,
    };
    Diagnostic::warning(
        "unexpected-file",
        rel,
        "quarterdeck does not read this file; it is ignored",
    )
    .maybe_hint(hint.or_else(|| Some("quarterdeck reads quarterdeck.toml, templates/ and, in content/, metrics.yaml, pages/*.md and quarters/YYYY-QN/".into())))
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
