//! Markdown → HTML for the summary and the standing pages, with raw HTML shown as text,
//! dangerous link schemes neutralised and remote images turned into links.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// Renders `src`; with `shift_headings` the document's top heading level becomes `<h2>`, so a
/// page keeps its single `<h1>` and no level is skipped, whether authors start at `#` or `##`.
pub(crate) fn to_html(src: &str, shift_headings: bool) -> String {
    to_html_in(src, shift_headings.then_some(2), "")
}

/// A standing page as a part of another page: its top heading at level `top`, and every
/// relative address (link or image) prefixed with `prefix`, which leads from the page it is
/// put in to the page's own folder (`"../"` from a quarter's pack page, one level deeper).
pub(crate) fn to_html_in(src: &str, top_level: Option<i32>, prefix: &str) -> String {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let top = Parser::new_ext(src, opts)
        .filter_map(|ev| match ev {
            Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let mut rewrite = Rewrite {
        // How many levels to move every heading: positive moves down (h1 → h2), negative up.
        by: top_level.map_or(0, |want| want - top as i32),
        prefix,
        in_remote_image: false,
    };
    let events = Parser::new_ext(src, opts).map(|ev| rewrite.event(ev));
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

/// What becomes of the parser's events on their way to HTML.
struct Rewrite<'p> {
    /// Levels to move each heading by.
    by: i32,
    /// Put before every relative address.
    prefix: &'p str,
    /// Inside an image that is shown as a link instead.
    in_remote_image: bool,
}

impl Rewrite<'_> {
    fn event<'a>(&mut self, ev: Event<'a>) -> Event<'a> {
        match ev {
            // Raw HTML never reaches the page as markup: authors see what they wrote, escaped.
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
            // An id in the text never breaks across lines.
            Event::Text(s) if !super::ids::find(&s).is_empty() => {
                Event::InlineHtml(super::ids::escape_keeping_ids(&s).into())
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: rebased(safe_url(dest_url), self.prefix),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => self.image(link_type, dest_url, title, id),
            Event::End(TagEnd::Image) if self.in_remote_image => {
                self.in_remote_image = false;
                Event::End(TagEnd::Link)
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: moved(level, self.by),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => {
                Event::End(TagEnd::Heading(moved(level, self.by)))
            }
            other => other,
        }
    }

    /// A local image inside the site, its address rebased; any other a link to its address. A
    /// remote image would be a request to another host, one outside the site a read of the
    /// builder's disk when printed (`check` reports it).
    fn image<'a>(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
    ) -> Event<'a> {
        if is_remote(&dest_url)
            || !is_safe(&dest_url)
            || crate::model::images::outside_site(&dest_url).is_some()
        {
            self.in_remote_image = true;
            return Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: safe_url(dest_url),
                title,
                id,
            });
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url: rebased(dest_url, self.prefix),
            title,
            id,
        })
    }
}

/// The text of each paragraph and list item of `src`, with whether it is a list item: what the
/// print model (`render::fit`) measures of the summary.
pub(crate) fn blocks(src: &str) -> Vec<(String, bool)> {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let (mut out, mut now, mut items) = (Vec::new(), String::new(), 0usize);
    let mut flush = |now: &mut String, item: bool| {
        if !now.trim().is_empty() {
            out.push((now.trim().to_string(), item));
        }
        now.clear();
    };
    for ev in Parser::new_ext(src, opts) {
        match ev {
            Event::Start(Tag::Item) => {
                flush(&mut now, items > 0);
                items += 1;
            }
            Event::End(TagEnd::Item) => {
                flush(&mut now, true);
                items = items.saturating_sub(1);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableRow) => {
                flush(&mut now, items > 0)
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                now.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => now.push(' '),
            _ => {}
        }
    }
    flush(&mut now, false);
    out
}

/// `url` with `prefix` in front when it is relative to the page's folder.
fn rebased<'a>(url: CowStr<'a>, prefix: &str) -> CowStr<'a> {
    let relative =
        !url.is_empty() && !url.starts_with('#') && !url.starts_with('/') && !is_remote(&url);
    if prefix.is_empty() || !relative {
        url
    } else {
        CowStr::from(format!("{prefix}{url}"))
    }
}

fn moved(level: HeadingLevel, by: i32) -> HeadingLevel {
    match (level as i32 + by).clamp(1, 6) {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let colon = cleaned.find(':')?;
    let before = &cleaned[..colon];
    let is_scheme = !before.is_empty()
        && before
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    (is_scheme && !before.contains('/')).then(|| before.to_ascii_lowercase())
}

fn is_safe(url: &str) -> bool {
    matches!(
        scheme(url).as_deref(),
        None | Some("http" | "https" | "mailto" | "tel")
    )
}

fn is_remote(url: &str) -> bool {
    scheme(url).is_some() || url.trim_start().starts_with("//")
}

fn safe_url(url: CowStr) -> CowStr {
    if is_safe(&url) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn raw_html_is_escaped() {
        let out = to_html(
            "Hello <script>alert(1)</script> <b>x</b>\n\n<div onclick=x>y</div>\n",
            false,
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<div"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn dangerous_links_are_neutralised() {
        let out = to_html("[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](data:text/html,x) [d](https://ok.example/)", false);
        assert!(!out.to_lowercase().contains("javascript:"), "{out}");
        assert!(!out.contains("data:"), "{out}");
        assert!(out.contains("href=\"https://ok.example/\""));
    }

    #[test]
    fn remote_images_become_links_local_ones_stay() {
        let out = to_html(
            "![chart](https://cdn.example/x.png) ![logo](../assets/logo.svg)",
            false,
        );
        assert!(!out.contains("<img src=\"https"), "{out}");
        assert!(
            out.contains("<a href=\"https://cdn.example/x.png\">chart</a>"),
            "{out}"
        );
        assert!(out.contains("<img src=\"../assets/logo.svg\""), "{out}");
    }

    #[test]
    fn tables_and_footnotes_render() {
        let out = to_html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note\n",
            false,
        );
        assert!(out.contains("<table>"));
        assert!(out.contains("footnote"));
    }

    #[test]
    fn a_page_put_in_a_deeper_page_keeps_its_links_and_images() {
        let out = super::to_html_in(
            "# T\n\n[p](../exception-playbook/) [f](#x) [r](/abs/) [w](https://w.example/) ![i](../assets/a.svg)\n",
            Some(4),
            "../",
        );
        assert!(out.contains("<h4>T</h4>"), "{out}");
        for href in [
            "href=\"../../exception-playbook/\"",
            "href=\"#x\"",
            "href=\"/abs/\"",
            "href=\"https://w.example/\"",
            "src=\"../../assets/a.svg\"",
        ] {
            assert!(out.contains(href), "{href} in {out}");
        }
    }

    #[test]
    fn blocks_are_the_paragraphs_and_items_as_text() {
        assert_eq!(
            super::blocks("First **bold** line\nsame paragraph.\n\n- one `x`\n- two\n"),
            vec![
                ("First bold line same paragraph.".to_string(), false),
                ("one x".to_string(), true),
                ("two".to_string(), true)
            ]
        );
    }

    #[test]
    fn ids_in_text_stay_on_one_line() {
        let out = to_html("Cert expired (INC-2026-007); see R-003.", false);
        assert!(
            out.contains(
                "(<span class=\"nw\">INC-2026-007</span>); see <span class=\"nw\">R-003</span>."
            ),
            "{out}"
        );
    }

    #[test]
    fn headings_shift_so_the_top_level_is_h2() {
        assert!(to_html("# Title\n", true).contains("<h2>"));
        assert!(to_html("# Title\n", false).contains("<h1>"));
        let out = to_html("## A\n\n### B\n", true);
        assert!(
            out.contains("<h2>A</h2>") && out.contains("<h3>B</h3>"),
            "{out}"
        );
        let out = to_html("#### Deep\n", true);
        assert!(out.contains("<h2>Deep</h2>"), "{out}");
    }
}
