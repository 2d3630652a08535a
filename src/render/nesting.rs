//! How deeply a template nests, measured before Tera sees it. Tera parses and renders by
//! recursion: a template nested a few thousand levels deep (brackets in an expression, or block
//! tags inside each other) exhausts the stack and aborts the whole process, with no error to
//! show. No real template comes near the limit; a generated or damaged one gets a clear error.

/// Levels of brackets within one tag, and of block tags within each other, that a template
/// may use. The parser has room for ten times this on the thread that compiles templates.
pub(super) const MAX: usize = 100;

/// Tags that open a level closed by their `end…` tag. (`raw` too, but what it holds is text:
/// it is skipped to its `endraw`.)
const OPENING: [&str; 5] = ["if", "for", "macro", "block", "filter"];

/// The first place where `text` nests deeper than [`MAX`]: its line (from 1) and what nests.
pub(super) fn too_deep(text: &str) -> Option<(usize, &'static str)> {
    let mut blocks = 0usize;
    let mut rest = text;
    let mut line = 1;
    while let Some(open) = rest.find('{') {
        line += rest[..open].matches('\n').count();
        rest = &rest[open..];
        let close = match rest.as_bytes().get(1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                rest = &rest[1..];
                continue;
            }
        };
        let end = rest[2..].find(close).map_or(rest.len(), |i| i + 4);
        let tag = &rest[..end];
        if close != "#}" {
            if brackets(tag) > MAX {
                return Some((line, "brackets in one expression"));
            }
            if close == "%}" {
                let word = tag[2..]
                    .trim_start_matches(['-', ' ', '\t', '\n', '\r'])
                    .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .next()
                    .unwrap_or_default();
                if word == "raw" {
                    // Tags inside a raw block are text, as Tera reads them.
                    let inside = end + raw_len(&rest[end..]);
                    line += rest[..inside].matches('\n').count();
                    rest = &rest[inside..];
                    continue;
                }
                if OPENING.contains(&word) {
                    blocks += 1;
                    if blocks > MAX {
                        return Some((line, "block tags inside each other"));
                    }
                } else if word.starts_with("end") {
                    blocks = blocks.saturating_sub(1);
                }
            }
        }
        line += tag.matches('\n').count();
        rest = &rest[end..];
    }
    None
}

/// The length of a raw block's text and its `{% endraw %}` (`{%- endraw -%}`); the whole of
/// `text` when the block is never closed (Tera reports that).
fn raw_len(text: &str) -> usize {
    let mut from = 0;
    while let Some(i) = text[from..].find("{%") {
        let start = from + i;
        let tag = text[start + 2..].trim_start_matches('-').trim_start();
        if let Some(after) = tag.strip_prefix("endraw") {
            let after = after.trim_start();
            let after = after.strip_prefix('-').unwrap_or(after);
            if let Some(tail) = after.strip_prefix("%}") {
                return text.len() - tail.len();
            }
        }
        from = start + 2;
    }
    text.len()
}

/// The deepest nesting of `(` and `[` in a tag, strings left out.
fn brackets(tag: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut quote = None;
    for c in tag.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '(' | '[') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (None, ')' | ']') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parens(n: usize) -> String {
        format!("{{{{ {}1{} }}}}", "(".repeat(n), ")".repeat(n))
    }

    fn ifs(n: usize) -> String {
        format!(
            "{}x{}",
            "{% if true %}\n".repeat(n),
            "{% endif %}".repeat(n)
        )
    }

    #[test]
    fn brackets_and_blocks_are_counted_up_to_the_limit() {
        assert_eq!(too_deep(&parens(MAX)), None);
        assert_eq!(
            too_deep(&format!("a\nb\n{}", parens(MAX + 1))),
            Some((3, "brackets in one expression"))
        );
        assert_eq!(too_deep(&ifs(MAX)), None);
        assert_eq!(
            too_deep(&ifs(MAX + 1)),
            Some((MAX + 1, "block tags inside each other"))
        );
        // Levels closed again do not add up, and `{%- endfor -%}` closes like `{% endfor %}`.
        let siblings = "{%- for x in y -%}{{ x }}{%- endfor -%}".repeat(3 * MAX);
        assert_eq!(too_deep(&siblings), None);
    }

    #[test]
    fn text_comments_and_strings_do_not_count() {
        let text = format!(
            "{}{{# {} #}}{{{{ \"{}\" }}}}",
            "(".repeat(3 * MAX),
            "{% if x %}".repeat(3 * MAX),
            "[".repeat(3 * MAX)
        );
        assert_eq!(too_deep(&text), None);
    }

    #[test]
    fn tags_inside_raw_blocks_are_text() {
        let opening = "{% if x %}".repeat(3 * MAX);
        let raw = format!("{{% raw %}}\n{opening}\n{{%- endraw -%}}");
        assert_eq!(too_deep(&raw), None);
        // After the block, levels count again, and lines go on from the block's.
        let after = format!("{raw}\n{}", ifs(MAX + 1));
        assert_eq!(
            too_deep(&after),
            Some((3 + MAX + 1, "block tags inside each other"))
        );
        // A block never closed is all text.
        assert_eq!(too_deep(&format!("{{%raw%}}{opening}")), None);
        // `{% endrawx %}` does not close it.
        assert_eq!(
            too_deep(&format!("{{% raw %}}{{% endrawx %}}{}", ifs(MAX + 1))),
            None
        );
    }

    #[test]
    fn the_built_in_templates_are_far_from_the_limit() {
        for (name, text) in super::super::templates::builtin() {
            assert_eq!(too_deep(text), None, "{name}");
        }
    }
}
