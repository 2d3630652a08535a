//! Text from content made neutral for terminals and CI logs. Values and file names reach
//! diagnostics, `diff` and error messages, and a repository chooses them: a newline in a value
//! would start a line of its own (`::add-mask::…`, which GitHub's runner reads as a workflow
//! command, leading spaces and all), an escape sequence would drive the terminal (OSC 0 sets
//! the window title, OSC 52 writes the clipboard), a bidirectional override would show text in
//! another order than it is. Such characters are written as Rust writes them in strings
//! (`\n`, `\r`, `\t`, `\u{1b}`), so the reader sees exactly what the file holds.

use std::borrow::Cow;

/// Characters shown escaped: C0 and C1 controls (newlines included), DEL, the Unicode line
/// and paragraph separators, and the bidirectional embeddings, overrides and isolates.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        )
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// `s` on one line, every hidden character escaped: for a value or a file name.
pub(crate) fn escape(s: &str) -> Cow<'_, str> {
    escape_but(s, |_| false)
}

/// As [`escape`], but tabs stay (a source line shown under its caret keeps its alignment).
pub(crate) fn escape_keeping_tabs(s: &str) -> Cow<'_, str> {
    escape_but(s, |c| c == '\t')
}

/// As [`escape`], but newlines, carriage returns and tabs stay: for text whose renderer encodes
/// line breaks itself (GitHub annotations write them as `%0A`).
pub(crate) fn escape_keeping_lines(s: &str) -> Cow<'_, str> {
    escape_but(s, |c| matches!(c, '\n' | '\r' | '\t'))
}

fn escape_but(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| hidden(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) && !keep(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text of several lines that quarterdeck assembled (an error with its help, a `diff` report)
/// and that may hold values: hidden characters other than newlines and tabs are escaped, and a
/// line that would start a workflow command (`::` after any leading blanks) gets a `\` before
/// it, which Markdown also shows as nothing. Text quarterdeck means as workflow commands
/// (`check --format github`) does not go through here.
pub(crate) fn lines(s: &str) -> Cow<'_, str> {
    let command = |line: &str| line.trim_start().starts_with("::");
    let clean = !s.chars().any(|c| hidden(c) && c != '\n' && c != '\t');
    if clean && !s.split('\n').any(command) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if command(line) {
            let blanks = line.len() - line.trim_start().len();
            out.push_str(&line[..blanks]);
            out.push('\\');
            out.push_str(&escape_keeping_tabs(&line[blanks..]));
        } else {
            out.push_str(&escape_keeping_tabs(line));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_and_escape_sequences_are_shown_not_obeyed() {
        assert_eq!(
            escape("R-1\n::add-mask::x\r\u{1b}]0;pwned\u{7}"),
            "R-1\\n::add-mask::x\\r\\u{1b}]0;pwned\\u{7}"
        );
        assert_eq!(escape("a\u{202e}b\u{85}c"), "a\\u{202e}b\\u{85}c");
        assert_eq!(escape("R-007 Ransomware"), "R-007 Ransomware");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(escape_keeping_tabs("a\tb\n"), "a\tb\\n");
    }

    #[test]
    fn no_line_can_start_a_workflow_command() {
        assert_eq!(
            lines("error: bad\n::notice::ok\n  ::add-mask::x\n  = help: fine"),
            "error: bad\n\\::notice::ok\n  \\::add-mask::x\n  = help: fine"
        );
        assert_eq!(lines("a\u{1b}[2Jb\nc"), "a\\u{1b}[2Jb\nc");
        assert!(matches!(lines("one\ntwo: a::b\n"), Cow::Borrowed(_)));
    }
}
