//! From a request target to a file of the in-memory site. Only keys of the built `Files` map
//! can ever be answered, so the disk is out of reach by construction; the checks below refuse
//! traversal-looking paths outright anyway, so that nothing depends on that alone.

use crate::render::Files;

/// The live-reload event stream; `__quarterdeck` cannot be a page slug of a real site.
pub(super) const EVENTS: &str = "/__quarterdeck/events";

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Resolved {
    /// A key of the `Files` map.
    File(String),
    /// A folder asked for without its slash: `/2026-q3` → `/2026-q3/`, so relative links work.
    Redirect(String),
    NotFound,
}

/// Why a target was refused with 400.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct BadPath(pub &'static str);

/// Splits off the query, percent-decodes the path and refuses anything that could climb out
/// of the site: `.`/`..` segments (raw or encoded), backslashes, NUL and control characters.
/// Returns (decoded path, raw path, raw query).
pub(super) fn decode(target: &str) -> Result<(String, &str, Option<&str>), BadPath> {
    if !target.starts_with('/') {
        return Err(BadPath("the request target must start with `/`"));
    }
    // Browsers percent-encode everything else; a raw byte outside printable ASCII is not a URL.
    if !target.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(BadPath(
            "the request target has characters a URL cannot hold",
        ));
    }
    let target = target.split('#').next().unwrap_or(target);
    let (raw, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let bytes = percent_decode(raw).ok_or(BadPath("bad percent-encoding"))?;
    let path = String::from_utf8(bytes).map_err(|_| BadPath("the path is not UTF-8"))?;
    if path.chars().any(|c| c == '\\' || c.is_control()) {
        return Err(BadPath("the path holds a backslash or a control character"));
    }
    if path.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err(BadPath("the path holds a `.` or `..` segment"));
    }
    Ok((path, raw, query))
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hi = (bytes.next()? as char).to_digit(16)?;
            let lo = (bytes.next()? as char).to_digit(16)?;
            out.push((hi * 16 + lo) as u8);
        } else {
            out.push(b);
        }
    }
    Some(out)
}

/// Looks a decoded path up in the site. There are no directory listings: a folder is its
/// `index.html` or nothing.
pub(super) fn resolve(path: &str, raw: &str, query: Option<&str>, files: &Files) -> Resolved {
    let rel = path.strip_prefix('/').unwrap_or(path);
    // An empty segment never names a file, and refusing it keeps a redirect from ever
    // starting with `//` (which a browser would read as another host).
    if rel.trim_end_matches('/').split('/').any(str::is_empty) && !rel.is_empty() {
        return Resolved::NotFound;
    }
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if files.contains_key(&key) {
        return Resolved::File(key);
    }
    if !rel.is_empty() && !rel.ends_with('/') && files.contains_key(&format!("{rel}/index.html")) {
        let query = query.map(|q| format!("?{q}")).unwrap_or_default();
        return Resolved::Redirect(format!("{raw}/{query}"));
    }
    Resolved::NotFound
}

/// The Content-Type of a site file, by extension; unknown kinds are plain bytes, which
/// together with `nosniff` keeps a browser from guessing its way into running something.
pub(super) fn content_type(key: &str) -> &'static str {
    let ext = key
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "js" => "text/javascript; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "otf" => "font/otf",
        "ttf" => "font/ttf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Files {
        [
            "index.html",
            "2026-q3/index.html",
            "2026-q3/data.json",
            "assets/style.css",
        ]
        .iter()
        .map(|k| (k.to_string(), Vec::new()))
        .collect()
    }

    fn lookup(target: &str) -> Result<Resolved, BadPath> {
        let (path, raw, query) = decode(target)?;
        Ok(resolve(&path, raw, query, &site()))
    }

    #[test]
    fn serves_files_and_folder_indexes() {
        assert_eq!(lookup("/"), Ok(Resolved::File("index.html".into())));
        assert_eq!(
            lookup("/2026-q3/?x=1#top"),
            Ok(Resolved::File("2026-q3/index.html".into()))
        );
        assert_eq!(
            lookup("/2026-q3/data.json"),
            Ok(Resolved::File("2026-q3/data.json".into()))
        );
        assert_eq!(
            lookup("/assets/style%2Ecss"),
            Ok(Resolved::File("assets/style.css".into()))
        );
        assert_eq!(
            lookup("/2026-q3"),
            Ok(Resolved::Redirect("/2026-q3/".into()))
        );
        assert_eq!(
            lookup("/2026-q3?v=2"),
            Ok(Resolved::Redirect("/2026-q3/?v=2".into()))
        );
    }

    #[test]
    fn no_listings_and_no_empty_segments() {
        assert_eq!(lookup("/assets/"), Ok(Resolved::NotFound));
        assert_eq!(lookup("//2026-q3"), Ok(Resolved::NotFound));
        assert_eq!(lookup("/2026-q3//index.html"), Ok(Resolved::NotFound));
        assert_eq!(lookup("/index.html/"), Ok(Resolved::NotFound));
    }

    #[test]
    fn refuses_traversal_in_every_spelling() {
        for t in [
            "/../quarterdeck.toml",
            "/%2e%2e/quarterdeck.toml",
            "/%2E%2E/quarterdeck.toml",
            "/..%2fcontent/metrics.yaml",
            "/assets/..%5c..%5cquarterdeck.toml",
            "/assets/%00",
            "/./index.html",
            "/a\\b",
            "/%zz",
            "/%e2%28",
            "quarterdeck.toml",
            "http://evil.example/",
        ] {
            assert!(lookup(t).is_err(), "{t} was not refused");
        }
        // Decoding happens once: a double-encoded `..` is a literal name, which does not exist.
        assert_eq!(
            lookup("/%252e%252e/quarterdeck.toml"),
            Ok(Resolved::NotFound)
        );
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("2026-q3/charts/heatmap.svg"), "image/svg+xml");
        assert_eq!(content_type("assets/fonts/Inter-Regular.otf"), "font/otf");
        assert_eq!(content_type("a.WOFF2"), "font/woff2");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
