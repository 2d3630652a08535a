//! An id such as R-008 or INC-2026-031 never breaks across lines ("R-" at a line's end and
//! "008" on the next reads as two things). In running text the ids are found and wrapped in
//! `<span class="nw">` (no wrap); the rest of the text is escaped as usual.

/// The id prefixes quarterdeck's content uses (risks, initiatives, incidents, investment asks,
/// exceptions, actions).
const PREFIXES: [&str; 6] = ["INC-", "INV-", "EX-", "R-", "I-", "A-"];

/// The byte ranges of the ids in `s`: a prefix at a word's start, then letters or digits, with
/// more hyphenated parts (INC-2026-031), ending where the word ends.
pub(super) fn find(s: &str) -> Vec<std::ops::Range<usize>> {
    let b = s.as_bytes();
    let word = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphanumeric());
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = i == 0 || !(word(i - 1) || b[i - 1] == b'-');
        let prefix = starts
            .then(|| PREFIXES.iter().find(|p| s[i..].starts_with(*p)))
            .flatten();
        let Some(p) = prefix else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let mut end = i + p.len();
        let mut ok = false;
        while word(end) {
            end += 1;
            ok = true;
            if b.get(end) == Some(&b'-') && word(end + 1) {
                end += 1;
            }
        }
        if ok && b.get(end).is_none_or(|c| *c < 0x80) {
            out.push(i..end);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// `s` escaped for HTML, each id in it wrapped in `<span class="nw">`.
pub(super) fn escape_keeping_ids(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 32);
    let mut from = 0;
    for r in find(s) {
        out.push_str(&tera::escape_html(&s[from..r.start]));
        out.push_str("<span class=\"nw\">");
        out.push_str(&tera::escape_html(&s[r.clone()]));
        out.push_str("</span>");
        from = r.end;
    }
    out.push_str(&tera::escape_html(&s[from..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_at_word_starts_whole() {
        let s = "Approve INV-001 (R-007, INC-2026-031); not AR-1, R-, or R-7x-; I-002.";
        let found: Vec<&str> = find(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(found, ["INV-001", "R-007", "INC-2026-031", "R-7x", "I-002"]);
        assert_eq!(find("Ärger-1 ok"), Vec::<std::ops::Range<usize>>::new());
    }

    #[test]
    fn text_is_escaped_and_ids_kept_whole() {
        assert_eq!(
            escape_keeping_ids("<b> R-008 & more"),
            "&lt;b&gt; <span class=\"nw\">R-008</span> &amp; more"
        );
        assert_eq!(escape_keeping_ids("none"), "none");
    }
}
