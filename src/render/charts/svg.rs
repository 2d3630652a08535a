//! Turns plotters' SVG text into the document the site ships: an image role, a title and a
//! description that screen readers announce, ids that stay unique when several charts are inlined in
//! one page, and a placeholder for a chart that could not be drawn.

use crate::format::plain;

/// plotters escapes the text it writes, but the title and description are added here, after it.
pub(super) use crate::render::escape::markup as escape;

/// A name safe as a file stem and as part of an HTML id: `[a-z0-9_-]`, everything else `-`.
pub(super) fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9' | '_' | '-') => c,
            _ => '-',
        })
        .collect();
    if stem.is_empty() {
        "chart".to_string()
    } else {
        stem
    }
}

/// The root element and the two text alternatives, as its first children.
fn open(name: &str, title: &str, desc: &str, (w, h): (u32, u32)) -> String {
    let id = format!("chart-{}", file_stem(name));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape(title),
        escape(desc)
    )
}

/// Replaces plotters' root tag with ours, tidies the font sizes it writes and turns the dash
/// marks of [`super::draw::dashed`] into `stroke-dasharray`.
pub(super) fn finish(raw: &str, name: &str, title: &str, desc: &str, size: (u32, u32)) -> String {
    let body = match raw.strip_prefix("<svg").and_then(|r| r.split_once('>')) {
        Some((_, body)) => body.trim_start_matches('\n'),
        None => return unavailable(name, title, desc, size),
    };
    let mut out = open(name, title, desc, size);
    out.reserve(body.len());
    // plotters writes `font-size` as the size divided by 1.24, e.g. "11.000000000000002".
    rewrite_values(body, "font-size", &mut out, |v| {
        v.parse::<f64>().ok().map(|v| plain(v, 2))
    });
    if !out.contains("opacity=\"0.000") {
        return out;
    }
    let mut dashed = String::with_capacity(out.len());
    rewrite_values(&out, "opacity", &mut dashed, |v| {
        let (dash, gap) = super::draw::dash_of(v.parse().ok()?)?;
        Some(format!("1\" stroke-dasharray=\"{dash} {gap}"))
    });
    dashed
}

/// Appends `svg` to `out` with the value of each `attr="…"` that `new` gives a replacement for
/// replaced.
fn rewrite_values(svg: &str, attr: &str, out: &mut String, new: impl Fn(&str) -> Option<String>) {
    let open = format!("{attr}=\"");
    let mut rest = svg;
    while let Some(i) = rest.find(&open) {
        let (head, tail) = rest.split_at(i + open.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        match new(&tail[..end]) {
            Some(value) => out.push_str(&value),
            None => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
}

/// A valid, labelled SVG that says the chart is unavailable.
pub(super) fn unavailable(name: &str, title: &str, desc: &str, (w, h): (u32, u32)) -> String {
    format!(
        "{}<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\" stroke=\"#9E9E9E\"/>\n\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"12\" \
         fill=\"#4D4D4D\">chart unavailable</text>\n</svg>\n",
        open(name, title, desc, (w, h)),
        w / 2,
        h / 2
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_all_five_characters() {
        assert_eq!(
            escape(r#"R-1<script>"a"&'b'"#),
            "R-1&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;"
        );
    }

    #[test]
    fn stems_are_safe_for_paths_and_ids() {
        assert_eq!(file_stem("trend-uptime_pct"), "trend-uptime_pct");
        assert_eq!(
            file_stem("history-R-1<script>/../x"),
            "history-r-1-script-----x"
        );
        assert_eq!(file_stem(""), "chart");
    }

    #[test]
    fn root_is_replaced_and_font_sizes_tidied() {
        let raw = "<svg width=\"10\" height=\"5\" viewBox=\"0 0 10 5\" xmlns=\"http://www.w3.org/2000/svg\">\n\
                   <text font-size=\"11.000000000000002\">x</text>\n</svg>\n";
        let svg = finish(raw, "heatmap", "T & t", "D <d>", (10, 5));
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"5\" viewBox=\"0 0 10 5\" role=\"img\" aria-labelledby=\"chart-heatmap-title chart-heatmap-desc\">\n<title id=\"chart-heatmap-title\">T &amp; t</title>\n<desc id=\"chart-heatmap-desc\">D &lt;d&gt;</desc>\n<text font-size=\"11\">"), "{svg}");
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.ends_with("</svg>\n"));
    }

    #[test]
    fn dash_marks_become_dash_arrays() {
        let mark = super::super::draw::dash_mark(4, 3);
        let raw = format!("<svg>\n<polyline fill=\"none\" opacity=\"{mark}\" stroke=\"#4D4D4D\" points=\"1,2 3,4 \"/>\n<rect opacity=\"0.85\"/>\n</svg>\n");
        let svg = finish(&raw, "x", "T", "D", (10, 5));
        assert!(
            svg.ends_with("<polyline fill=\"none\" opacity=\"1\" stroke-dasharray=\"4 3\" stroke=\"#4D4D4D\" points=\"1,2 3,4 \"/>\n<rect opacity=\"0.85\"/>\n</svg>\n"),
            "{svg}"
        );
    }

    #[test]
    fn placeholder_is_labelled() {
        let svg = unavailable("x", "Title", "Desc", (100, 50));
        assert!(
            svg.contains("role=\"img\"")
                && svg.contains("chart unavailable")
                && svg.ends_with("</svg>\n")
        );
        assert_eq!(finish("not svg", "x", "Title", "Desc", (100, 50)), svg);
    }
}
