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
        print_one(&browser, &dir.join("index.html"), &dir.join("onepager.pdf"))?;
        eprintln!("printed {}/onepager.pdf", q.slug());
    }
    Ok(())
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
