//! The web one-pager links its PDFs inside `<!--pdf-links SLUG-->…<!--/pdf-links-->`. The block
//! stays only for quarters whose PDFs this build writes, and it never counts as a change to
//! the page the PDFs are printed from (it is not printed).

const OPEN: &str = "<!--pdf-links ";
const CLOSE: &str = "<!--/pdf-links-->";

/// `html` without the blocks for which `keep(slug)` is false (all blocks when it never is).
pub fn strip(html: &str, keep: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len()..];
        let (Some(slug_end), Some(close)) = (after.find("-->"), after.find(CLOSE)) else {
            break;
        };
        let slug = &after[..slug_end];
        out.push_str(&rest[..at]);
        if keep(slug) {
            out.push_str(&rest[at..at + OPEN.len() + close + CLOSE.len()]);
        }
        rest = &after[close + CLOSE.len()..];
    }
    out.push_str(rest);
    out
}

/// Drops from the HTML files of `files` the PDF links blocks of quarters `keep` says no to
/// (all of them for a preview, which has no PDFs).
pub fn strip_files(files: &mut crate::render::Files, keep: &dyn Fn(&str) -> bool) {
    for (rel, bytes) in files.iter_mut() {
        if !rel.ends_with(".html") {
            continue;
        }
        if let Ok(s) = std::str::from_utf8(bytes) {
            if s.contains(OPEN) {
                *bytes = strip(s, keep).into_bytes();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::strip;

    #[test]
    fn keeps_only_the_blocks_asked_for() {
        let html = "a<!--pdf-links 2026-q1--> PDF<!--/pdf-links-->b<!--pdf-links 2026-q2--> P2<!--/pdf-links-->c";
        assert_eq!(strip(html, &|_| false), "abc");
        assert_eq!(
            strip(html, &|s| s == "2026-q2"),
            "ab<!--pdf-links 2026-q2--> P2<!--/pdf-links-->c"
        );
        assert_eq!(strip(html, &|_| true), html);
        assert_eq!(strip("no blocks", &|_| false), "no blocks");
    }
}
