//! The keys written beside a position in YAML text: the other keys of the mapping a key at
//! `line`:`column` belongs to. A "did you mean" must never name one of them: under
//! `approved_by`, `cio:` is closest to `ciso`, but when `ciso:` is already there, following
//! the hint gives a duplicate key.

/// The keys of the mapping whose key starts at `line`:`column` (1-based), that key included:
/// a block mapping's lines at the same indentation (up to a line indented less), or the
/// flow mapping (`{ a: 1, b: 2 }`) on that line around the column.
pub(super) fn siblings(text: &str, line: usize, column: usize) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(here) = line.checked_sub(1).and_then(|i| lines.get(i)) else {
        return Vec::new();
    };
    let col = column.saturating_sub(1);
    let before: String = here.chars().take(col).collect();
    if let Some(open) = before.rfind('{') {
        return flow_keys(&here[open + 1..]);
    }
    let mut keys = Vec::new();
    let i = line - 1;
    // Upward to the line that starts the mapping, downward to where it ends.
    for j in (0..=i).rev() {
        match key_at(lines[j], col) {
            Line::Key(k, starts_item) => {
                keys.push(k);
                if starts_item {
                    break;
                }
            }
            Line::Other => {}
            Line::Outside => break,
        }
    }
    for l in &lines[i + 1..] {
        match key_at(l, col) {
            Line::Key(_, true) | Line::Outside => break,
            Line::Key(k, false) => keys.push(k),
            Line::Other => {}
        }
    }
    keys
}

enum Line {
    /// A key at the column; `true` when the line starts a list item (`- key: …`).
    Key(String, bool),
    /// Blank, a comment, or deeper: inside the mapping.
    Other,
    /// Indented less: the mapping has ended.
    Outside,
}

fn key_at(line: &str, col: usize) -> Line {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Line::Other;
    }
    let indent = line.len() - trimmed.len();
    let item = trimmed.strip_prefix("- ").map(|rest| {
        let extra = rest.len() - rest.trim_start().len();
        (indent + 2 + extra, rest.trim_start())
    });
    let (at, text, starts_item) = match item {
        Some((at, rest)) if at == col => (at, rest, true),
        _ => (indent, trimmed, false),
    };
    if at < col {
        return Line::Outside;
    }
    if at > col {
        return Line::Other;
    }
    match text.split_once(':') {
        Some((k, _)) => Line::Key(k.trim().trim_matches(['"', '\'']).to_string(), starts_item),
        None => Line::Other,
    }
}

/// The keys of a flow mapping, from just after its `{`.
fn flow_keys(inside: &str) -> Vec<String> {
    let body = inside.split('}').next().unwrap_or(inside);
    body.split(',')
        .filter_map(|part| part.split_once(':'))
        .map(|(k, _)| k.trim().trim_matches(['"', '\'']).to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_mappings_end_where_the_indentation_falls() {
        let text = "status: final\napproved_by:\n  ciso: Sam\n  # signed\n  cio: Dana\nasks: []\n";
        assert_eq!(siblings(text, 5, 3), ["cio", "ciso"]);
        assert_eq!(siblings(text, 1, 1), ["status", "approved_by", "asks"]);
    }

    #[test]
    fn list_items_are_mappings_of_their_own() {
        let text = "- id: a\n  nme: x\n- id: b\n  name: y\n";
        assert_eq!(siblings(text, 2, 3), ["nme", "id"]);
        assert_eq!(siblings(text, 4, 3), ["name", "id"]);
    }

    #[test]
    fn flow_mappings_on_one_line() {
        let text = "approved_by: { ciso: Sam, cio: Dana }\n";
        assert_eq!(siblings(text, 1, 27), ["ciso", "cio"]);
    }
}
