//! The narrative's own inline Markdown (bold, italics, code, strikethrough) kept working inside
//! the Markdown word diff. Each side of a unit is parsed once; any run of it (a hunk may cut
//! through `**…**`) is then written back as escaped text inside HTML tags for its style, so the
//! emphasis renders and nothing the author wrote can open a link, a tag or a mention.

use super::escape::text;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

const STRONG: u8 = 1;
const EM: u8 = 2;
const STRIKE: u8 = 4;
const CODE: u8 = 8;

/// A stretch of the source with one style. `shown` is `None` when the source bytes are what
/// the reader sees (so any part of them can be shown); otherwise the stretch is shown whole,
/// as `shown`, with whatever run contains its start (an entity such as `&amp;`).
struct Piece {
    range: Range<usize>,
    style: u8,
    shown: Option<String>,
}

/// One unit of text with the style of each of its stretches.
pub(super) struct Styled<'a> {
    src: &'a str,
    pieces: Vec<Piece>,
}

impl<'a> Styled<'a> {
    pub(super) fn parse(src: &'a str) -> Styled<'a> {
        let mut pieces = Vec::new();
        let mut style = 0u8;
        // Inside a link or image: its source is shown as written, so a changed URL shows.
        let mut in_link = 0usize;
        let opts = Options::ENABLE_STRIKETHROUGH;
        for (event, range) in Parser::new_ext(src, opts).into_offset_iter() {
            let literal = |range: Range<usize>, style| Piece {
                range,
                style,
                shown: None,
            };
            match event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                    if in_link == 0 {
                        pieces.push(literal(range, style));
                    }
                    in_link += 1;
                }
                Event::End(TagEnd::Link | TagEnd::Image) => in_link -= 1,
                _ if in_link > 0 => {}
                Event::Start(Tag::Strong) => style |= STRONG,
                Event::End(TagEnd::Strong) => style &= !STRONG,
                Event::Start(Tag::Emphasis) => style |= EM,
                Event::End(TagEnd::Emphasis) => style &= !EM,
                Event::Start(Tag::Strikethrough) => style |= STRIKE,
                Event::End(TagEnd::Strikethrough) => style &= !STRIKE,
                Event::Text(t) if src[range.clone()] == *t => pieces.push(literal(range, style)),
                Event::Code(t) => pieces.push(code(src, range, style, &t)),
                Event::Text(t) => pieces.push(Piece {
                    range,
                    style,
                    shown: Some(t.to_string()),
                }),
                Event::Html(_) | Event::InlineHtml(_) | Event::SoftBreak | Event::HardBreak => {
                    pieces.push(literal(range, style))
                }
                _ => {}
            }
        }
        pieces.sort_by_key(|p| p.range.start);
        Styled { src, pieces }
    }

    /// The bytes `range` of the unit as Markdown: styled runs as tags around escaped text.
    /// Source bytes no piece covers are syntax the parser consumed (the `**` of bold, the `\`
    /// of an escape) and are left out; other uncovered text (`# ` or `1. `, which would start
    /// a block on a line of their own) is shown as written.
    pub(super) fn render(&self, range: Range<usize>) -> String {
        let mut runs: Vec<(u8, String)> = Vec::new();
        let mut push = |style: u8, s: &str| match runs.last_mut() {
            Some((st, text)) if *st == style => text.push_str(s),
            _ if s.is_empty() => {}
            _ => runs.push((style, s.to_string())),
        };
        let mut pos = range.start;
        let gap = |from: usize, to: usize, push: &mut dyn FnMut(u8, &str)| {
            if from < to {
                let kept: String = self.src[from..to]
                    .chars()
                    .filter(|c| !matches!(c, '*' | '_' | '~' | '`' | '\\'))
                    .collect();
                push(0, &kept);
            }
        };
        for p in &self.pieces {
            if p.range.start >= range.end {
                break;
            }
            if p.range.end <= pos {
                continue;
            }
            gap(pos, p.range.start, &mut push);
            match &p.shown {
                None => {
                    let (a, b) = (p.range.start.max(pos), p.range.end.min(range.end));
                    push(p.style, &self.src[a..b]);
                }
                Some(shown) if range.contains(&p.range.start) => push(p.style, shown),
                Some(_) => {}
            }
            pos = p.range.end;
        }
        gap(pos, range.end, &mut push);
        runs.iter().map(|(style, s)| wrap(*style, s)).collect()
    }
}

/// A code span's content as a literal piece when the source holds it as is (so a hunk inside
/// the span shows), else the whole span shown at once.
fn code(src: &str, range: Range<usize>, style: u8, content: &str) -> Piece {
    let s = &src[range.clone()];
    let ticks = s.len() - s.trim_start_matches('`').len();
    let inner = range.start + ticks..range.end - ticks;
    let padded = inner.start + 1..inner.end.saturating_sub(1);
    for r in [inner, padded] {
        if r.start <= r.end && src.get(r.clone()) == Some(content) {
            return Piece {
                range: r,
                style: style | CODE,
                shown: None,
            };
        }
    }
    Piece {
        range,
        style: style | CODE,
        shown: Some(content.to_string()),
    }
}

fn wrap(style: u8, s: &str) -> String {
    let mut out = text(s);
    for (bit, tag) in [
        (CODE, "code"),
        (STRIKE, "s"),
        (EM, "em"),
        (STRONG, "strong"),
    ] {
        if style & bit != 0 {
            out = format!("<{tag}>{out}</{tag}>");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Styled;

    fn all(s: &str) -> String {
        Styled::parse(s).render(0..s.len())
    }

    #[test]
    fn the_authors_emphasis_renders_and_everything_else_is_text() {
        assert_eq!(
            all("Fixed in **9.5 days**, *on average*."),
            "Fixed in <strong>9.5 days</strong>, <em>on average</em>."
        );
        assert_eq!(
            all("Run `make <x>` now"),
            "Run <code>make &lt;x&gt;</code> now"
        );
        assert_eq!(
            all("<b>hi</b> @team [a](https://x.example)"),
            "&lt;b&gt;hi&lt;/b&gt; @&#8203;team \\[a\\](https:&#8203;//x.example)"
        );
        assert_eq!(all("a \\*literal\\* star"), "a \\*literal\\* star");
        assert_eq!(all("1. not a list"), "1. not a list");
        assert_eq!(all("R&amp;D"), "R&amp;D");
    }

    #[test]
    fn any_run_keeps_the_style_of_its_words() {
        let s = "Fixed in **9.5 days** on average.";
        let p = Styled::parse(s);
        let at = |w: &str| s.find(w).unwrap();
        assert_eq!(p.render(at("9.5")..at("9.5") + 3), "<strong>9.5</strong>");
        assert_eq!(
            p.render(at(" days")..s.len()),
            "<strong> days</strong> on average."
        );
        assert_eq!(p.render(0..at("9.5")), "Fixed in ");
        assert_eq!(p.render(at("**")..at("**") + 2), "");
        let c = "Use `old value` here";
        assert_eq!(
            Styled::parse(c).render(c.find("old").unwrap()..c.find("old").unwrap() + 3),
            "<code>old</code>"
        );
    }
}
