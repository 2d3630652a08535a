//! Escaping text for HTML and XML (element content and quoted attributes), shared by the chart
//! writer and the preview server's overlay.

/// `&`, `<`, `>`, `"` and `'` as entities that HTML and XML (SVG) both understand.
pub(crate) fn markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
