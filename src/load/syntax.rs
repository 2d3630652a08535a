//! Plain words for YAML syntax errors. The parser says where it gave up, in its own terms
//! ("mapping values are not allowed in this context", a tab reported on the line before it);
//! an author needs the line where the mistake is and the fix. The common mistakes — a tab in
//! the indentation, an unquoted `: ` in a value, an unclosed quote, a line or list item at the
//! wrong indent, no space after `:` — are recognised from the parser's message and the text
//! around its position. Anything else keeps the parser's words.

/// A syntax error restated for an author. Line and column are 1-based, in characters, in the
/// text that was parsed.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Explained {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

/// Restates the parser's `message` at `line`:`column` of `text`, when it is a mistake this
/// module knows.
pub(super) fn explain(text: &str, line: usize, column: usize, message: &str) -> Option<Explained> {
    let lines: Vec<&str> = text.lines().collect();
    let m = message.to_ascii_lowercase();
    if m.contains("found a tab") || m.contains("tabs disallowed") || m.contains("tab character") {
        return tab(&lines, line);
    }
    if m.contains("unclosed quote") {
        return unclosed(&lines, line, column);
    }
    if m.starts_with("invalid trailing content after") && m.contains("quoted scalar") {
        return closed_early(&lines, line, column);
    }
    let generic = [
        "simple key expected",
        "could not find expected ':'",
        "did not find expected key",
        "expected mapping",
    ];
    if generic.iter().any(|g| m.contains(g)) {
        if let Some(x) = missing_space(&lines, line) {
            return Some(x);
        }
    }
    if m.contains("mapping values are not allowed") {
        return mapping_value(&lines, line, column);
    }
    if m.contains("did not find expected key") {
        return misaligned(&lines, line);
    }
    if m.contains("did not find expected '-' indicator") {
        return not_an_item(&lines, line);
    }
    if m.contains("block sequence entries are not allowed") {
        return dash_after_key(&lines, line, column);
    }
    if m.starts_with("expected string scalar") {
        return colon_in_item(&lines, line);
    }
    // An ask may be a map (`type`, `text`, `about`), so `- Policy: note …` parses as one with an
    // unknown key: most likely a sentence with a colon in it.
    let ask_fields = ["type", "text", "about"].iter().all(|f| m.contains(f));
    if m.starts_with("unknown field") && ask_fields {
        return colon_in_item(&lines, line);
    }
    None
}

/// The parser reports a tab at the end of the line before it; the tab is in the indentation
/// of a line at or after that one.
fn tab(lines: &[&str], line: usize) -> Option<Explained> {
    let from = line.saturating_sub(1).min(lines.len());
    let (i, col) = (from..lines.len()).chain(0..from).find_map(|i| {
        let lead: String = lines[i]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        lead.find('\t').map(|col| (i, col))
    })?;
    Some(Explained {
        line: i + 1,
        column: col + 1,
        message: "this line is indented with a tab; YAML allows only spaces for indentation".into(),
        hint: "indent with spaces, not tabs (set your editor to insert spaces in YAML files)"
            .into(),
    })
}

fn unclosed(lines: &[&str], line: usize, column: usize) -> Option<Explained> {
    let q = char_at(lines, line, column).filter(|c| *c == '"' || *c == '\'')?;
    Some(Explained {
        line,
        column,
        message: format!("this quoted value has no closing `{q}`"),
        hint: format!("end the value with `{q}` on the same line, or remove the opening `{q}`"),
    })
}

/// `title: 'DORA's plans'`: the second quote ends the value and the rest is left over. Or
/// an unclosed quote that ran on to a quote on a later line: report where it was opened.
fn closed_early(lines: &[&str], line: usize, column: usize) -> Option<Explained> {
    let q = char_at(lines, line, column.checked_sub(1)?).filter(|c| *c == '"' || *c == '\'')?;
    let (open_line, open_col) = opening_quote(lines, line, column - 1, q)?;
    if open_line != line {
        return Some(Explained {
            line: open_line,
            column: open_col,
            message: format!(
                "this quoted value has no closing `{q}` on its line, so it runs on to the `{q}` on line {line}"
            ),
            hint: format!("end the value with `{q}` on line {open_line}, or remove the opening `{q}`"),
        });
    }
    let l: Vec<char> = lines[line - 1].chars().collect();
    let prefix: String = l[..open_col - 1].iter().collect();
    let mut inner: String = l[open_col..].iter().collect();
    if inner.trim_end().ends_with(q) {
        inner = inner.trim_end()[..inner.trim_end().len() - 1].to_string();
    }
    Some(Explained {
        line,
        column,
        message: format!(
            "the `{q}` before this ends the quoted value, and the text after it is left over"
        ),
        hint: format!(
            "a `{q}` inside a value quoted with `{q}` ends it; write `{}{}`",
            prefix.trim_start(),
            quote(&inner)
        ),
    })
}

/// The quote that opens the value closed at `line`:`column`, searching backwards.
fn opening_quote(lines: &[&str], line: usize, column: usize, q: char) -> Option<(usize, usize)> {
    for i in (0..line).rev() {
        let chars: Vec<char> = lines[i].chars().collect();
        let end = if i + 1 == line {
            column - 1
        } else {
            chars.len()
        };
        for j in (0..end.min(chars.len())).rev() {
            let escaped = q == '"' && j > 0 && chars[j - 1] == '\\';
            if chars[j] == q && !escaped {
                return Some((i + 1, j + 1));
            }
        }
    }
    None
}

fn missing_space(lines: &[&str], line: usize) -> Option<Explained> {
    let l = lines.get(line.checked_sub(1)?)?;
    let chars: Vec<char> = l.chars().collect();
    let start = item_start(&chars);
    let len = chars[start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '_' || **c == '-')
        .count();
    let colon = start + len;
    let after = *chars.get(colon + 1)?;
    if len == 0 || chars.get(colon) != Some(&':') || after.is_whitespace() || ":/".contains(after) {
        return None;
    }
    let key: String = chars[start..colon].iter().collect();
    let value: String = chars[colon + 1..].iter().collect();
    Some(Explained {
        line,
        column: colon + 1,
        message: format!(
            "there is no space after `{key}:`, so YAML does not read `{key}` as a field name"
        ),
        hint: format!("put a space after the colon: `{key}: {}`", value.trim_end()),
    })
}

/// A `: ` after the first one on the line starts another key; a key indented under a line
/// that already has its value continues that value.
fn mapping_value(lines: &[&str], line: usize, column: usize) -> Option<Explained> {
    let (key_col, key, colon) = key_of(lines.get(line.checked_sub(1)?)?)?;
    let chars: Vec<char> = lines[line - 1].chars().collect();
    if column > colon + 1 {
        let value: String = chars[colon + 1..].iter().collect();
        let value = value.split(" #").next().unwrap_or_default().trim();
        let prefix: String = chars[..=colon].iter().collect();
        return Some(Explained {
            line,
            column,
            message: format!(
                "the value of `{key}` contains `: `, which YAML reads as the start of another field"
            ),
            hint: format!(
                "a value containing `: ` must be quoted: `{} {}`",
                prefix.trim_start(),
                quote(value)
            ),
        });
    }
    let above = previous_line(lines, line)?;
    let (above_col, above_key, _) = key_of(lines[above - 1])?;
    Some(Explained {
        line,
        column: key_col,
        message: format!(
            "`{key}:` is indented more than `{above_key}:` on line {above}, so YAML reads it as part of that value"
        ),
        hint: format!(
            "line `{key}:` up with `{above_key}:` ({})",
            spaces(above_col - 1)
        ),
    })
}

/// A line indented less than the lines it belongs with, but more than the one they belong to.
fn misaligned(lines: &[&str], line: usize) -> Option<Explained> {
    let l = lines.get(line.checked_sub(1)?)?;
    let here = indent(l);
    if is_item(l) {
        let item = (1..line)
            .rev()
            .find(|i| is_item(lines[i - 1]) && indent(lines[i - 1]) != here)?;
        let want = indent(lines[item - 1]);
        return Some(Explained {
            line,
            column: here + 1,
            message: format!(
                "this list item is {}, but the items above it are {}",
                indented(here),
                indented(want)
            ),
            hint: format!(
                "line the `-` up with the list's other items ({})",
                spaces(want)
            ),
        });
    }
    let (_, key, _) = key_of(l)?;
    let above = previous_line(lines, line)?;
    let (above_col, above_key, _) = key_of(lines[above - 1])?;
    Some(Explained {
        line,
        column: here + 1,
        message: format!(
            "`{key}:` is {}, which lines up with no field above it",
            indented(here)
        ),
        hint: format!(
            "line `{key}:` up with `{above_key}:` on line {above} ({})",
            spaces(above_col - 1)
        ),
    })
}

/// A line indented like the items of the list above it that is not an item.
fn not_an_item(lines: &[&str], line: usize) -> Option<Explained> {
    let l = lines.get(line.checked_sub(1)?)?;
    let here = indent(l);
    let parent = (1..line).rev().find(|i| {
        let p = lines[i - 1];
        !is_blank(p) && indent(p) < here && !is_item(p)
    });
    let Some((_, key, _)) = key_of(l) else {
        return Some(Explained {
            line,
            column: here + 1,
            message:
                "this line is indented like the list items above it, but does not start with `- `"
                    .into(),
            hint: "start it with `- ` to make it an item of the list".into(),
        });
    };
    let parent = parent.and_then(|p| Some((p, key_of(lines[p - 1])?)));
    let hint = match parent {
        Some((_, (col, parent_key, _))) => format!(
            "if `{key}` is a field of its own, line it up with `{parent_key}:` ({})",
            spaces(col - 1)
        ),
        None => format!("if `{key}` is a field of its own, indent it less than the list"),
    };
    Some(Explained {
        line,
        column: here + 1,
        message: format!(
            "`{key}:` is indented like the list items above it, so YAML expects another `- ` item here"
        ),
        hint,
    })
}

/// `owner: - VP Infrastructure`.
fn dash_after_key(lines: &[&str], line: usize, column: usize) -> Option<Explained> {
    let (_, key, colon) = key_of(lines.get(line.checked_sub(1)?)?)?;
    let chars: Vec<char> = lines[line - 1].chars().collect();
    let value: String = chars[colon + 1..].iter().collect();
    Some(Explained {
        line,
        column,
        message: format!("a list item cannot start on the same line as `{key}:`"),
        hint: format!(
            "put each item on its own line under `{key}:`, indented and starting with `- `; if the dash is part of the text, quote it: `{key}: {}`",
            quote(value.trim())
        ),
    })
}

/// `- Approve option: better` in a list of texts is a mapping, not a text.
fn colon_in_item(lines: &[&str], line: usize) -> Option<Explained> {
    let l = lines.get(line.checked_sub(1)?)?;
    let chars: Vec<char> = l.chars().collect();
    let start = item_start(&chars);
    if start == indent(l) {
        return None;
    }
    let text: String = chars[start..].iter().collect();
    let text = text.split(" #").next().unwrap_or_default().trim_end();
    text.contains(": ").then(|| Explained {
        line,
        column: start + 1,
        message: "this list item contains `: `, which YAML reads as a field and its value".into(),
        hint: format!(
            "a value containing `: ` must be quoted: `- {}`",
            quote(text)
        ),
    })
}

/// A list item indented deeper than a plain item above it. That is valid YAML, read as more
/// words of the item above (`- a` then `   - b` is the one item "a - b"), so an item would
/// vanish without a word; it is reported where the second dash is.
pub(super) fn folded_item(text: &str) -> Option<Explained> {
    // The indentation of the line that opened a block scalar (`|`, `>`): the lines indented
    // deeper are its text, where a dash is just a character.
    let mut block: Option<usize> = None;
    let mut above: Option<&str> = None;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = indent(line);
        match block {
            Some(b) if at > b => continue,
            _ => block = None,
        }
        if let Some(a) = above {
            // Deeper than the innermost dash above (`- - x` puts it at column 5).
            if is_item(line) && is_item(a) && at > last_dash(a) && plain_item(a) {
                let (first, second) = (item_text(a), item_text(line));
                return Some(Explained {
                    line: i + 1,
                    column: at + 1,
                    message: format!(
                        "this list item is indented deeper than the one above it, so YAML reads it as more words of that item ({}), not as an item of its own",
                        quote(&format!("{first} - {second}"))
                    ),
                    hint: format!(
                        "line its `-` up with the one above ({}); if the dash belongs to the text, put the item on one line or quote it",
                        indented(last_dash(a))
                    ),
                });
            }
        }
        if opens_block(line) {
            block = Some(at);
        }
        // A comment ends a plain scalar: what follows it is not folded into the item.
        above = (!line.trim_start().starts_with('#')).then_some(line);
    }
    None
}

/// The 0-based column of the last `-` of a line's `- ` markers.
fn last_dash(line: &str) -> usize {
    let chars: Vec<char> = line.chars().collect();
    let mut i = indent(line);
    let mut dash = i;
    while chars.get(i) == Some(&'-') && chars.get(i + 1).is_none_or(|c| *c == ' ') {
        dash = i;
        i += 1;
        while chars.get(i) == Some(&' ') {
            i += 1;
        }
    }
    dash
}

/// What follows a line's `- ` markers.
fn item_text(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    chars[item_start(&chars)..]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// True for `- words`: an item whose value is a plain scalar that the next, deeper line would
/// continue (not quoted, a flow collection, a block scalar, an anchor, alias or tag, nor a
/// mapping, and not ended by a comment).
fn plain_item(line: &str) -> bool {
    if line.trim() == "-" {
        return false;
    }
    let text = item_text(line);
    let starts_other =
        text.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '%', '@', '`']);
    !text.is_empty()
        && !starts_other
        && key_of(line).is_none()
        && !text.ends_with(':')
        && !text.contains(" #")
}

/// True when the line's value opens a block scalar: `summary: |`, `- >-`, `notes: |2 # …`.
fn opens_block(line: &str) -> bool {
    if !line.contains(['|', '>']) {
        return false;
    }
    let value = match key_of(line) {
        Some((_, _, colon)) => line.chars().skip(colon + 1).collect::<String>(),
        None => item_text(line),
    };
    let value = value
        .split(" #")
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    value.starts_with(['|', '>'])
        && value[1..]
            .chars()
            .all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}

/// Double quotes unless the text has some (or a backslash); then single quotes, doubled inside.
fn quote(text: &str) -> String {
    if text.contains('"') || text.contains('\\') {
        format!("'{}'", text.replace('\'', "''"))
    } else {
        format!("\"{text}\"")
    }
}

/// The 1-based column where the key starts, the key, and the 0-based index of its colon:
/// `  - owner: x` → (5, "owner", 9).
fn key_of(line: &str) -> Option<(usize, String, usize)> {
    let chars: Vec<char> = line.chars().collect();
    let start = item_start(&chars);
    let len = chars[start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '_' || **c == '-' || **c == ' ')
        .count();
    let colon = start + len;
    let ends = chars.get(colon + 1).is_none_or(|c| c.is_whitespace());
    let key: String = chars[start..colon].iter().collect();
    (len > 0 && chars.get(colon) == Some(&':') && ends && !key.ends_with(' '))
        .then(|| (start + 1, key, colon))
}

/// The index after the indentation and any `- ` list markers.
fn item_start(chars: &[char]) -> usize {
    let mut i = chars.iter().take_while(|c| **c == ' ').count();
    while chars.get(i) == Some(&'-') && chars.get(i + 1) == Some(&' ') {
        i += 2;
        while chars.get(i) == Some(&' ') {
            i += 1;
        }
    }
    i
}

fn char_at(lines: &[&str], line: usize, column: usize) -> Option<char> {
    lines
        .get(line.checked_sub(1)?)?
        .chars()
        .nth(column.checked_sub(1)?)
}

/// The nearest line above `line` with content (1-based).
fn previous_line(lines: &[&str], line: usize) -> Option<usize> {
    (1..line).rev().find(|i| !is_blank(lines[i - 1]))
}

fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

fn is_item(line: &str) -> bool {
    let t = line.trim_start();
    t == "-" || t.starts_with("- ")
}

fn indent(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ').count()
}

fn indented(n: usize) -> String {
    match n {
        0 => "not indented".into(),
        n => format!("indented by {}", spaces(n)),
    }
}

fn spaces(n: usize) -> String {
    match n {
        0 => "no indentation".into(),
        1 => "1 space".into(),
        n => format!("{n} spaces"),
    }
}

#[cfg(test)]
mod tests {
    use crate::load::{raw, yaml};

    const RISK: &str = "# yaml-language-server: $schema=../../../../schemas/risk.schema.json
id: R-100
title: Third-party exit plans
statement: A critical supplier fails and we cannot move away in time.
impact: 4
likelihood: 3
owner: Head of Procurement
mitigation: Exit plans for the ten most critical suppliers.
due: 2026-12-15
status: open
";

    const QUARTER: &str = "quarter: 2026-Q3
status: final
board_meeting: 2026-10-14
headline: Third-party risk up
summary: Two vendors were breached.
asks:
  - Approve the exit-plan budget.
  - Note the new supplier policy.
approved_by:
  cto: Dana Whitfield
  ciso: Samuel Okafor
";

    /// `file:line:col: message` and the hint, as `check` prints them.
    fn risk_error(from: &str, to: &str) -> (String, String) {
        assert!(RISK.contains(from), "{from}");
        let d = yaml::parse::<raw::Risk>("R-100.yaml", &RISK.replacen(from, to, 1), 0)
            .expect_err("the edit breaks the file");
        shown(d)
    }

    fn quarter_error(from: &str, to: &str) -> (String, String) {
        assert!(QUARTER.contains(from), "{from}");
        let d = yaml::parse::<raw::Quarter>("quarter.yaml", &QUARTER.replacen(from, to, 1), 0)
            .expect_err("the edit breaks the file");
        shown(d)
    }

    fn shown(d: crate::diag::Diagnostic) -> (String, String) {
        (
            format!(
                "{}:{}:{}: {}[{}]: {}",
                d.file,
                d.line.unwrap_or(0),
                d.column.unwrap_or(0),
                if d.is_error() { "error" } else { "warning" },
                d.code,
                d.message
            ),
            d.hint.unwrap_or_default(),
        )
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn a_tab_is_reported_on_its_own_line() {
        // The parser gives up at the end of line 4; the tab starts line 5.
        assert_eq!(
            risk_error("impact: 4", "\timpact: 4"),
            pair(
                "R-100.yaml:5:1: error[yaml-syntax]: this line is indented with a tab; YAML allows only spaces for indentation",
                "indent with spaces, not tabs (set your editor to insert spaces in YAML files)"
            )
        );
        assert_eq!(
            quarter_error("  cto:", "\tcto:").0,
            "quarter.yaml:10:1: error[yaml-syntax]: this line is indented with a tab; YAML allows only spaces for indentation"
        );
    }

    #[test]
    fn an_unquoted_colon_in_a_value_says_to_quote_it() {
        assert_eq!(
            risk_error("title: Third-party exit plans", "title: DORA: third-party exit plans"),
            pair(
                "R-100.yaml:3:12: error[yaml-syntax]: the value of `title` contains `: `, which YAML reads as the start of another field",
                "a value containing `: ` must be quoted: `title: \"DORA: third-party exit plans\"`"
            )
        );
        // With double quotes in it, single quotes are suggested.
        assert_eq!(
            risk_error(
                "title: Third-party exit plans",
                "title: Note: \"exit\" plans"
            )
            .1,
            "a value containing `: ` must be quoted: `title: 'Note: \"exit\" plans'`"
        );
        assert_eq!(
            quarter_error("  - Note the new", "  - Policy: note the new"),
            pair(
                "quarter.yaml:8:5: error[yaml-syntax]: this list item contains `: `, which YAML reads as a field and its value",
                "a value containing `: ` must be quoted: `- \"Policy: note the new supplier policy.\"`"
            )
        );
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        assert_eq!(
            risk_error(
                "title: Third-party exit plans",
                "title: \"Third-party exit plans"
            ),
            pair(
                "R-100.yaml:3:8: error[yaml-syntax]: this quoted value has no closing `\"`",
                "end the value with `\"` on the same line, or remove the opening `\"`"
            )
        );
        // It runs on to a quote further down: still reported where it opens.
        assert_eq!(
            risk_error(
                "title: Third-party exit plans\n",
                "title: \"Third-party exit plans\nowner2: \"x\"\n"
            ),
            pair(
                "R-100.yaml:3:8: error[yaml-syntax]: this quoted value has no closing `\"` on its line, so it runs on to the `\"` on line 4",
                "end the value with `\"` on line 3, or remove the opening `\"`"
            )
        );
        assert_eq!(
            risk_error("title: Third-party exit plans", "title: 'DORA's exit plans'"),
            pair(
                "R-100.yaml:3:14: error[yaml-syntax]: the `'` before this ends the quoted value, and the text after it is left over",
                "a `'` inside a value quoted with `'` ends it; write `title: \"DORA's exit plans\"`"
            )
        );
    }

    #[test]
    fn a_list_item_at_the_wrong_indent_names_the_right_one() {
        assert_eq!(
            quarter_error("  - Note the new", " - Note the new"),
            pair(
                "quarter.yaml:8:2: error[yaml-syntax]: this list item is indented by 1 space, but the items above it are indented by 2 spaces",
                "line the `-` up with the list's other items (2 spaces)"
            )
        );
        assert_eq!(
            quarter_error("  - Note the new", "- Note the new").0,
            "quarter.yaml:8:1: error[yaml-syntax]: this list item is not indented, but the items above it are indented by 2 spaces"
        );
        assert_eq!(
            quarter_error("  - Note the new", "  note: the new"),
            pair(
                "quarter.yaml:8:3: error[yaml-syntax]: `note:` is indented like the list items above it, so YAML expects another `- ` item here",
                "if `note` is a field of its own, line it up with `asks:` (no indentation)"
            )
        );
    }

    /// Valid YAML that would lose an item: a dash indented deeper than a plain item above it
    /// continues that item's words.
    #[test]
    fn an_item_indented_under_a_plain_item_is_not_folded_into_it() {
        assert_eq!(
            quarter_error("  - Note the new", "     - Note the new"),
            pair(
                "quarter.yaml:8:6: error[yaml-syntax]: this list item is indented deeper than the one above it, so YAML reads it as more words of that item (\"Approve the exit-plan budget. - Note the new supplier policy.\"), not as an item of its own",
                "line its `-` up with the one above (indented by 2 spaces); if the dash belongs to the text, put the item on one line or quote it"
            )
        );
        // Found after blank lines too; a file that parses otherwise still gets its position.
        let text = QUARTER.replacen("  - Note the new", "\n    - Note the new", 1);
        let d = yaml::parse::<raw::Quarter>("quarter.yaml", &text, 2).unwrap_err();
        assert_eq!((d.line, d.column), (Some(11), Some(5)));
    }

    #[test]
    fn dashes_that_yaml_does_not_fold_are_left_alone() {
        let fine = [
            // Nested lists, a mapping item, quoted and flow items, an item ended by a comment.
            "a:\n  -\n    - x\n",
            "a:\n  - - x\n    - y\n",
            "a:\n  - k: v\n    - y\n",
            "a:\n  - \"q\"\n",
            "a:\n  - [x]\n",
            "a:\n  - x # note\n",
            // Dashes inside block scalars are text.
            "s: |\n  - one\n    - two\n",
            "a:\n  - >-\n    - one\n      - two\nb: 1\n",
            "s: |2 # kept\n  - one\n    - two\n",
            // Items lined up.
            "a:\n  - x\n  - y\n",
        ];
        for text in fine {
            assert_eq!(super::folded_item(text), None, "{text}");
        }
        // What YAML makes of the mistake: one item, and of each fine text what it says.
        let parsed: std::collections::BTreeMap<String, Vec<String>> =
            serde_saphyr::from_str("a:\n  - x\n    - y\n").unwrap();
        assert_eq!(parsed["a"], ["x - y"]);
        let nested: std::collections::BTreeMap<String, Vec<Vec<String>>> =
            serde_saphyr::from_str("a:\n  - - x\n    - y\n").unwrap();
        assert_eq!(nested["a"], [["x", "y"]]);
        // After a block scalar ends, the rule applies again.
        let after = "s: |\n  - one\n    - two\na:\n  - x\n    - y\n";
        assert_eq!(
            super::folded_item(after).map(|x| (x.line, x.column)),
            Some((6, 5))
        );
    }

    #[test]
    fn a_field_at_the_wrong_indent_names_the_right_one() {
        assert_eq!(
            quarter_error("  ciso:", "   ciso:"),
            pair(
                "quarter.yaml:11:4: error[yaml-syntax]: `ciso:` is indented more than `cto:` on line 10, so YAML reads it as part of that value",
                "line `ciso:` up with `cto:` (2 spaces)"
            )
        );
        assert_eq!(
            quarter_error("  ciso:", " ciso:"),
            pair(
                "quarter.yaml:11:2: error[yaml-syntax]: `ciso:` is indented by 1 space, which lines up with no field above it",
                "line `ciso:` up with `cto:` on line 10 (2 spaces)"
            )
        );
        assert_eq!(
            risk_error("impact: 4", " impact: 4").1,
            "line `impact:` up with `statement:` (no indentation)"
        );
    }

    #[test]
    fn a_missing_space_after_the_colon_is_named() {
        assert_eq!(
            risk_error("impact: 4", "impact:4"),
            pair(
                "R-100.yaml:5:7: error[yaml-syntax]: there is no space after `impact:`, so YAML does not read `impact` as a field name",
                "put a space after the colon: `impact: 4`"
            )
        );
        // The first field and the last one fail differently in the parser; same words.
        assert_eq!(
            risk_error("id: R-100", "id:R-100").0,
            "R-100.yaml:2:3: error[yaml-syntax]: there is no space after `id:`, so YAML does not read `id` as a field name"
        );
        assert_eq!(
            risk_error("status: open", "status:open").1,
            "put a space after the colon: `status: open`"
        );
    }

    #[test]
    fn a_dash_after_a_key_is_explained() {
        assert_eq!(
            risk_error("owner: Head", "owner: - Head"),
            pair(
                "R-100.yaml:7:8: error[yaml-syntax]: a list item cannot start on the same line as `owner:`",
                "put each item on its own line under `owner:`, indented and starting with `- `; if the dash is part of the text, quote it: `owner: \"- Head of Procurement\"`"
            )
        );
    }

    #[test]
    fn front_matter_positions_are_shifted() {
        let d = yaml::parse::<raw::PageFront>("p.md", "title:Rights\n", 1).unwrap_err();
        assert_eq!(
            (d.line, d.column, d.message.as_str()),
            (
                Some(2),
                Some(6),
                "there is no space after `title:`, so YAML does not read `title` as a field name"
            )
        );
    }

    /// Every message this module knows, at every position of awkward texts (positions past
    /// the end included): never a panic.
    #[test]
    fn any_position_is_safe() {
        let messages = [
            "found a tab",
            "unclosed quote",
            "invalid trailing content after double-quoted scalar",
            "invalid trailing content after single-quoted scalar",
            "simple key expected ':'",
            "mapping values are not allowed in this context",
            "while parsing a block mapping, did not find expected key",
            "did not find expected '-' indicator",
            "block sequence entries are not allowed in this context",
            "expected string scalar",
        ];
        let texts = [
            "",
            "\n",
            "-",
            "- ",
            ":",
            "a:",
            "\"",
            "'",
            "a: \"b\\\"",
            "  - a: 'b''c'\n\t- \"é: ü\"\n x:y\n",
            "é: ü: ö\n  - - -\n\t\t:\n'\n\"",
            RISK,
            QUARTER,
        ];
        for text in texts {
            let lines = text.lines().count() + 2;
            let width = text.lines().map(|l| l.chars().count()).max().unwrap_or(0) + 2;
            for message in messages {
                for line in 0..=lines {
                    for column in 0..=width {
                        let _ = super::explain(text, line, column, message);
                    }
                }
            }
        }
    }

    #[test]
    fn other_errors_keep_the_parsers_words() {
        let d = yaml::parse::<serde_json::Value>("r.yaml", "a: [1, 2\nb: 3\n", 0).unwrap_err();
        assert_eq!(d.code, "yaml-syntax");
        assert!(d.hint.is_none(), "{}: {:?}", d.message, d.hint);
    }
}
