//! Renderers for diagnostics: human (rustc-like, with a source snippet), JSON, GitHub annotations.

use super::neutral::{self, escape, escape_keeping_tabs};
use super::{Diagnostic, Severity, Sources};
use std::fmt::Write;

/// `path:line:col: error[code]: message`, the source line with a caret, and the hint. File names,
/// messages (which quote values), hints and source lines come from the repository: their
/// newlines and control characters are shown escaped (`diag::neutral`), so a value can neither
/// start a line of its own nor drive the terminal.
pub(crate) fn render_human(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let mut out = String::new();
    for d in diags {
        let (label, paint) = match d.severity {
            Severity::Error => ("error", "\x1b[1;31m"),
            Severity::Warning => ("warning", "\x1b[1;33m"),
        };
        let (bold, blue, reset) = if color {
            ("\x1b[1m", "\x1b[1;34m", "\x1b[0m")
        } else {
            ("", "", "")
        };
        let paint = if color { paint } else { "" };
        let _ = writeln!(
            out,
            "{bold}{}{reset}: {paint}{label}[{}]{reset}{bold}: {}{reset}",
            location(d),
            d.code,
            escape(&d.message)
        );
        if let (Some(line), Some(text)) = (d.line, sources.get(&d.file)) {
            if let Some(src) = text.lines().nth(line - 1) {
                let gutter = line.to_string().len();
                let col = d.column.unwrap_or(1).max(1);
                let (shown, before) = window(src, col);
                // The caret counts the characters shown escaped as they are shown.
                let pad: String = escape_keeping_tabs(&before)
                    .chars()
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let shown = escape_keeping_tabs(&shown);
                let _ = writeln!(out, "{blue}{:gutter$} |{reset}", "");
                let _ = writeln!(out, "{blue}{line} |{reset} {shown}");
                let _ = writeln!(out, "{blue}{:gutter$} |{reset} {pad}{paint}^{reset}", "");
            }
        }
        if let Some(hint) = &d.hint {
            let _ = writeln!(out, "  = {bold}help{reset}: {}", escape(hint));
        }
        out.push('\n');
    }
    out
}

/// At most this many characters of a source line are shown.
const SHOWN: usize = 160;

/// What is shown of `src` for a caret at `col` (1-based), and the part of it before the caret.
/// A line longer than [`SHOWN`] is cut around the column, with `…` where it is cut, so the
/// caret stands under the column the message names, however far along the line it is.
fn window(src: &str, col: usize) -> (String, String) {
    let len = src.chars().count();
    let at = (col - 1).min(len);
    let start = if at < SHOWN { 0 } else { at + 1 - SHOWN / 2 };
    let end = (start + SHOWN).min(len);
    let mut shown: String = src.chars().skip(start).take(end - start).collect();
    let mut before: String = src.chars().skip(start).take(at - start).collect();
    if start > 0 {
        shown.insert(0, '…');
        before.insert(0, '…');
    }
    if end < len {
        shown.push('…');
    }
    (shown, before)
}

fn location(d: &Diagnostic) -> String {
    let file = escape(&d.file);
    match (d.line, d.column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        (Some(l), None) => format!("{file}:{l}"),
        _ => file.into_owned(),
    }
}

/// A JSON array of diagnostic objects, one per problem, in sorted order.
pub(crate) fn render_json(diags: &[Diagnostic]) -> String {
    let mut s = serde_json::to_string_pretty(diags).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
pub(crate) fn render_github(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!(
            "file={}",
            escape_property(&neutral::escape_keeping_lines(&d.file))
        );
        if let Some(l) = d.line {
            let _ = write!(props, ",line={l}");
        }
        if let Some(c) = d.column {
            let _ = write!(props, ",col={c}");
        }
        let _ = write!(
            props,
            ",title={}",
            escape_property(&format!("quarterdeck {}", d.code))
        );
        let mut msg = d.message.clone();
        if let Some(h) = &d.hint {
            msg.push_str("\nhelp: ");
            msg.push_str(h);
        }
        // Line breaks become `%0A` (GitHub shows them); other control characters are shown.
        let msg = neutral::escape_keeping_lines(&msg);
        let _ = writeln!(out, "::{kind} {props}::{}", escape_data(&msg));
    }
    out
}

// The escaping rules of GitHub's workflow command parser (actions/toolkit `command.ts`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;

    fn sample() -> (Vec<Diagnostic>, Sources) {
        let d = Diagnostic::error(
            "unknown-field",
            "content/a.yaml",
            "unknown field `statment`",
        )
        .at(Some(Pos::new(2, 1)))
        .hint("did you mean `statement`?");
        let mut s = Sources::new();
        s.insert("content/a.yaml".into(), "id: R-1\nstatment: x\n".into());
        (vec![d], s)
    }

    #[test]
    fn human_has_location_snippet_and_hint() {
        let (d, s) = sample();
        let out = render_human(&d, &s, false);
        assert_eq!(
            out,
            "content/a.yaml:2:1: error[unknown-field]: unknown field `statment`\n  |\n2 | statment: x\n  | ^\n  = help: did you mean `statement`?\n\n"
        );
    }

    #[test]
    fn a_caret_far_along_a_long_line_stands_under_its_column() {
        let src = format!("{}x{}", "[".repeat(255), "]".repeat(100));
        let (shown, before) = window(&src, 256);
        assert_eq!(shown.chars().nth(before.chars().count()), Some('x'));
        assert_eq!(
            (shown.chars().next(), shown.chars().last()),
            (Some('…'), Some('…'))
        );
        assert_eq!(window("short", 3), ("short".into(), "sh".into()));
    }

    #[test]
    fn github_escapes_and_marks_severity() {
        let (mut d, _) = sample();
        d[0].message = "a, b: 100%\nnext".into();
        let out = render_github(&d);
        assert!(out.starts_with("::error file=content/a.yaml,line=2,col=1,title=quarterdeck unknown-field::a, b: 100%25%0Anext"));
    }
}
