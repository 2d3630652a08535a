//! `build --pdf`: print each built one-pager to a one-page PDF with headless Chromium.
//! The page's own `@page` rule picks the paper; the browser is kept offline.

use crate::model::scalar::QuarterId;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("no Chromium found to print PDFs with (looked for $QUARTERDECK_CHROME, chromium, chromium-browser, google-chrome)\n  = help: install one (Debian/Ubuntu: `apt-get install chromium`) or set QUARTERDECK_CHROME to its path; the HTML site was built")]
    NoBrowser,
    #[error("Chromium failed to print {page}: {message}")]
    Failed { page: String, message: String },
}

/// The browser to print with: `QUARTERDECK_CHROME`, else the first known name on `PATH`.
pub fn find_browser() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("QUARTERDECK_CHROME").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|p| p.is_file())
}

pub fn print_all(output: &Path, quarters: &[QuarterId]) -> Result<(), PdfError> {
    let browser = find_browser().ok_or(PdfError::NoBrowser)?;
    let output = std::fs::canonicalize(output).unwrap_or_else(|_| output.to_path_buf());
    for q in quarters {
        let dir = output.join(q.slug());
        let pdf = dir.join("onepager.pdf");
        print_one(&browser, &dir.join("index.html"), &pdf)?;
        let fail = |e: std::io::Error| PdfError::Failed {
            page: pdf.display().to_string(),
            message: e.to_string(),
        };
        let bytes = std::fs::read(&pdf).map_err(fail)?;
        std::fs::write(
            &pdf,
            normalise(&bytes, &q.end().format("%Y%m%d").to_string()),
        )
        .map_err(fail)?;
        eprintln!("printed {}/onepager.pdf", q.slug());
    }
    Ok(())
}

/// Chromium stamps the print time and numbers tagged-PDF nodes by DOM node ids that vary from run
/// to run. Rewriting both, byte for byte at the same length (so the cross-reference offsets stay
/// right), makes two builds of the same input give the same PDF.
pub fn normalise(pdf: &[u8], date: &str) -> Vec<u8> {
    let mut out = pdf.to_vec();
    let stamp = format!("(D:{date}000000+00'00')");
    let mut i = 0;
    while let Some(at) = find(&out[i..], b"(D:").map(|p| p + i) {
        match out[at..].iter().position(|&b| b == b')') {
            Some(len) if len + 1 == stamp.len() => {
                out[at..=at + len].copy_from_slice(stamp.as_bytes())
            }
            _ => {}
        }
        i = at + 1;
    }
    // node########: renumber by rank, which keeps their order (name trees are sorted by it).
    let spots: Vec<(usize, u64)> = (0..out.len().saturating_sub(11))
        .filter(|&k| {
            out[k..].starts_with(b"node") && out[k + 4..k + 12].iter().all(u8::is_ascii_digit)
        })
        .filter_map(|k| {
            std::str::from_utf8(&out[k + 4..k + 12])
                .ok()?
                .parse()
                .ok()
                .map(|n| (k, n))
        })
        .collect();
    let mut ids: Vec<u64> = spots.iter().map(|s| s.1).collect();
    ids.sort_unstable();
    ids.dedup();
    for (k, n) in spots {
        let rank = ids.binary_search(&n).unwrap_or(0) + 1;
        out[k + 4..k + 12].copy_from_slice(format!("{rank:08}").as_bytes());
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn print_one(browser: &Path, page: &Path, pdf: &Path) -> Result<(), PdfError> {
    let profile = std::env::temp_dir().join(format!("quarterdeck-chrome-{}", std::process::id()));
    let failed = |message: String| PdfError::Failed {
        page: page.display().to_string(),
        message,
    };
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-pdf-header-footer",
            "--run-all-compositor-stages-before-draw",
            // Everything the page needs is on disk; refuse any other host outright.
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .map_err(|e| failed(e.to_string()))?;
    let _ = std::fs::remove_dir_all(&profile);
    if !status.status.success() || !pdf.is_file() {
        let err = String::from_utf8_lossy(&status.stderr);
        let last: Vec<&str> = err.lines().rev().take(3).collect();
        return Err(failed(format!(
            "exit {}: {}",
            status.status,
            last.join(" / ")
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn normalise_fixes_dates_and_node_ids_at_the_same_length() {
        let a = b"<</CreationDate (D:20261123170803+00'00')>> /ID (node00000069) /ID (node00000071) [(node00000069)]";
        let b = b"<</CreationDate (D:20261123170806+00'00')>> /ID (node00000070) /ID (node00000072) [(node00000070)]";
        let (na, nb) = (
            super::normalise(a, "20260930"),
            super::normalise(b, "20260930"),
        );
        assert_eq!(na, nb);
        assert_eq!(na.len(), a.len());
        assert_eq!(
            String::from_utf8(na).unwrap(),
            "<</CreationDate (D:20260930000000+00'00')>> /ID (node00000001) /ID (node00000002) [(node00000001)]"
        );
    }
}
