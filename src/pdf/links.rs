//! The web one-pager links its PDFs inside `<!--pdf-links SLUG-->…<!--/pdf-links-->`. The block
//! stays only for quarters whose PDFs this build writes, and it never counts as a change to
//! the page the PDFs are printed from (it is not printed).

const OPEN: &str = "<!--pdf-links ";
const CLOSE: &str = "<!--/pdf-links-->";

/// The byte ranges of the blocks in `html` for which `keep(slug)` is false, in order.
fn dropped(html: &str, keep: &dyn Fn(&str) -> bool) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find(OPEN).map(|i| from + i) {
        let after = &html[at + OPEN.len()..];
        let (Some(slug_end), Some(close)) = (after.find("-->"), after.find(CLOSE)) else {
            break;
        };
        let end = at + OPEN.len() + close + CLOSE.len();
        if !keep(&after[..slug_end]) {
            out.push(at..end);
        }
        from = end;
    }
    out
}

/// `html` without the blocks for which `keep(slug)` is false (all blocks when it never is).
pub(crate) fn strip(html: &str, keep: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for r in dropped(html, keep) {
        out.push_str(&html[from..r.start]);
        from = r.end;
    }
    out.push_str(&html[from..]);
    out
}

/// Drops from the HTML files of `files` the PDF links blocks of quarters `keep` says no to
/// (all of them for a preview, which has no PDFs). It runs alone between rendering and
/// writing, over every page: each page is edited in place, on every core.
pub(crate) fn strip_files(files: &mut crate::render::Files, keep: &(dyn Fn(&str) -> bool + Sync)) {
    use rayon::prelude::*;
    files.par_iter_mut().for_each(|(rel, bytes)| {
        if !rel.ends_with(".html") {
            return;
        }
        let Ok(html) = std::str::from_utf8(bytes) else {
            return;
        };
        let (mut to, mut from) = (0, 0);
        for r in dropped(html, keep) {
            bytes.copy_within(from..r.start, to);
            to += r.start - from;
            from = r.end;
        }
        if from > 0 {
            bytes.copy_within(from.., to);
            bytes.truncate(to + bytes.len() - from);
        }
    });
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

    #[test]
    fn pages_are_edited_in_place_like_strip() {
        let html = "a<!--pdf-links 2026-q1--> PDF<!--/pdf-links-->b<!--pdf-links 2026-q2--> P2<!--/pdf-links-->c<!--pdf-links 2026-q3-->";
        let keeps: [&(dyn Fn(&str) -> bool + Sync); 4] = [
            &|_| false,
            &|s| s == "2026-q2",
            &|s| s == "2026-q1",
            &|_| true,
        ];
        for keep in keeps {
            let mut files = crate::render::Files::new();
            files.insert("q/index.html".into(), html.as_bytes().to_vec());
            files.insert("q/chart.svg".into(), html.as_bytes().to_vec());
            super::strip_files(&mut files, keep);
            assert_eq!(
                String::from_utf8_lossy(&files["q/index.html"]),
                strip(html, keep)
            );
            assert_eq!(
                files["q/chart.svg"],
                html.as_bytes(),
                "only pages are edited"
            );
        }
        // An unclosed block at the end stays, as `strip` leaves it.
        assert_eq!(strip(html, &|_| false), "abc<!--pdf-links 2026-q3-->");
    }
}
