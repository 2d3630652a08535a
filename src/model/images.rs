//! Images in Markdown (a quarter's summary, a standing page) must resolve inside the built
//! site. The PDFs are printed from the output folder through `file://` addresses, so an image at
//! `/home/…/secret.png` or `../../../etc/…` would be read from the disk of whoever builds them
//! and printed into the board pack; on the web the same address leaves the site. A remote image
//! is not loaded at all (it becomes a link), so only local addresses are judged here; the
//! renderer turns any image this refuses into a link too, and the print browser loads nothing
//! but the built files whatever a page asks (`pdf::cdp`).

use crate::diag::{Diagnostic, Pos};
use pulldown_cmark::{Event, Options, Parser, Tag};

/// Why a local image address leaves the site, or `None` when it stays inside (or is remote,
/// which the renderer makes a link). Addresses are read as a browser reads them: tabs and
/// newlines dropped, surrounding spaces and controls trimmed, `%2e%2e` as `..`, and judged from
/// a page one folder deep, where summaries and standing pages are shown (`2026-q2/`, `rights/`).
pub(crate) fn outside_site(url: &str) -> Option<&'static str> {
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let url = url.trim_matches(|c: char| c <= ' ');
    if url.contains('\\') {
        return Some("it has a backslash, which browsers read as `/`");
    }
    if url.starts_with("//") || has_scheme(url) {
        return None;
    }
    if url.starts_with('/') {
        return Some("it is an absolute path: printed, it would be read from the disk of whoever builds the PDFs");
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = percent_decoded(path);
    let mut depth: i32 = 1;
    for segment in path.split('/') {
        match segment {
            ".." => depth -= 1,
            "" | "." => {}
            _ => depth += 1,
        }
        if depth < 0 {
            return Some("it climbs out of the site with `..`");
        }
    }
    None
}

fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(before, _)| {
        !before.is_empty()
            && !before.contains('/')
            && before
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// `%2e%2E%2f` as `../`: a browser resolving `..%2f..%2f` on a `file://` page reads the disk's
/// separators there.
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|&b| hex(b)),
            bytes.get(i + 2).and_then(|&b| hex(b)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).replace('\\', "/")
}

/// Each image of `markdown` whose address leaves the site, with where it starts within
/// `markdown` (1-based line and column).
fn offending(markdown: &str) -> Vec<(String, &'static str, Pos)> {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(markdown, opts).into_offset_iter() {
        if let Event::Start(Tag::Image { dest_url, .. }) = event {
            if let Some(why) = outside_site(&dest_url) {
                let before = &markdown[..range.start];
                let line = before.matches('\n').count() + 1;
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                let column = before[line_start..].chars().count() + 1;
                out.push((dest_url.to_string(), why, Pos::new(line, column)));
            }
        }
    }
    out
}

/// Reports each image of `markdown` that leaves the site: at `at(pos)`, where `pos` is the
/// image's place within the Markdown.
pub(crate) fn check(
    markdown: &str,
    file: &str,
    at: impl Fn(Pos) -> Option<Pos>,
    diags: &mut Vec<Diagnostic>,
) {
    for (url, why, pos) in offending(markdown) {
        diags.push(
            Diagnostic::error(
                "image-outside-site",
                file,
                format!("the image `{url}` is not inside the site: {why}"),
            )
            .at(at(pos))
            .hint("put the image in templates/ (it is published as assets/NAME) and write `../assets/NAME`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::outside_site;

    #[test]
    fn only_addresses_inside_the_site_are_images() {
        for inside in [
            "../assets/logo.svg",
            "chart.png",
            "./a/../b.png",
            "../assets/a%20b.png",
            "https://cdn.example/x.png",
            "//cdn.example/x.png",
            "data:image/png;base64,AAAA",
            "",
        ] {
            assert_eq!(outside_site(inside), None, "{inside}");
        }
        for outside in [
            "/abs/path/secret.png",
            "../../secret.png",
            "../../../etc/passwd",
            "a/../../../x.png",
            "..%2f..%2fsecret.png",
            "%2e%2e/%2E%2E/secret.png",
            " /etc/x.png",
            "/\\evil.example/x.png",
            "..\\..\\secret.png",
            "\t/etc/x.png",
        ] {
            assert!(outside_site(outside).is_some(), "{outside}");
        }
    }
}
