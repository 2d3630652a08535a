//! Content text made inert for Markdown: a PR comment or job summary must show what authors
//! wrote, never interpret it. Hostile content cannot open a tag, a link, a table cell or a
//! list, and cannot close the emphasis the renderer puts around it; nor can it ping anyone:
//! GitHub turns `@name` into a mention, `#12` into a cross-reference and a bare URL into a
//! link after Markdown is rendered, so escaping alone does not stop them. A zero-width space
//! (`&#8203;`, invisible when rendered) after `@`, after a `#` before a digit, and inside
//! `://` and `www.` breaks each pattern.

/// Escapes one piece of content for use inside a line (a table cell, a list item, emphasis):
/// trimmed, on one line, and unable to start a block even where it begins a line.
pub(crate) fn inline(s: &str) -> String {
    let flat = text(s);
    let flat = flat.trim();
    let mut out = String::with_capacity(flat.len() + 2);
    // At the start, these would open a list item or a heading when the text begins a line
    // (or a list item's content).
    if flat.starts_with(['-', '+', '=', '#']) {
        out.push('\\');
    }
    out.push_str(flat);
    // `1. text` at the start of a line would start an ordered list.
    if let Some(pos) = out.find('.') {
        let digits = pos > 0 && out[..pos].bytes().all(|b| b.is_ascii_digit());
        if digits
            && out[pos + 1..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
        {
            out.insert(pos, '\\');
        }
    }
    out
}

/// Escapes a piece of text inside a line, spaces kept: for the runs of an edited sentence.
pub(crate) fn text(s: &str) -> String {
    const BREAK: &str = "&#8203;";
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Everything Markdown could read as syntax mid-line: emphasis, code, links and
            // images (no `[`, no link), strikethrough, table cells, escapes, GitHub math.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // Newlines would end the table row or list item; control characters have no
            // business in a comment at all.
            c if c.is_control() => out.push(' '),
            // A mention, or the `@` of an e-mail address GitHub would link.
            '@' => {
                out.push('@');
                out.push_str(BREAK);
            }
            // `#12`: a cross-reference to issue 12, which also lists the comment there.
            '#' if next.is_some_and(|n| n.is_ascii_digit()) => {
                out.push('#');
                out.push_str(BREAK);
            }
            // `https://…`, `ftp://…`: the scheme's colon.
            ':' if s[i..].starts_with("://") => {
                out.push(':');
                out.push_str(BREAK);
            }
            // `www.example.com` at the start of a word.
            'w' | 'W'
                if s[i..]
                    .get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case("www."))
                    && !s[..i].ends_with(|p: char| p.is_alphanumeric()) =>
            {
                out.push_str(&s[i..i + 3]);
                out.push_str(BREAK);
                chars.next();
                chars.next();
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn markup_and_html_are_inert() {
        assert_eq!(
            inline("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("**bold** _it_"), "\\*\\*bold\\*\\* \\_it\\_");
        assert_eq!(inline("[x](http://e)"), "\\[x\\](http:&#8203;//e)");
        assert_eq!(inline("![i](http://e)"), "!\\[i\\](http:&#8203;//e)");
        assert_eq!(inline("~~gone~~"), "\\~\\~gone\\~\\~");
        assert_eq!(inline("&lt;"), "&amp;lt;");
    }

    #[test]
    fn line_starts_cannot_open_blocks() {
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("# Heading"), "\\# Heading");
        assert_eq!(inline("1. first"), "1\\. first");
        assert_eq!(inline("two\nlines"), "two lines");
        assert_eq!(inline("R-008 stays # 1"), "R-008 stays # 1");
        assert_eq!(inline("99.96%"), "99.96%");
        assert_eq!(inline("$380,000"), "\\$380,000");
    }

    #[test]
    fn mentions_references_and_bare_links_do_not_fire() {
        assert_eq!(
            inline("reviewed with @halden/security-board"),
            "reviewed with @&#8203;halden/security-board"
        );
        assert_eq!(
            inline("ask ciso@example.com"),
            "ask ciso@&#8203;example.com"
        );
        assert_eq!(inline("R-008 stays #1"), "R-008 stays #&#8203;1");
        assert_eq!(
            inline("see https://evil.example/x and WWW.evil.example"),
            "see https:&#8203;//evil.example/x and WWW&#8203;.evil.example"
        );
        // Only the patterns GitHub links: ordinary text is left as it is.
        assert_eq!(inline("a: b, aww. # 2"), "a: b, aww. # 2");
    }
}
