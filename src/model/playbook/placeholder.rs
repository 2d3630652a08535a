//! `placeholder-text`: a required text that says nothing yet ("TBD", "TODO", "n/a", "-", "?",
//! "…"). Checked wherever a required text is read (`FileCheck::text`), so every kind has it.

/// Whether `text` is only a placeholder: one of the words above, in any case, with any
/// punctuation around it, or starting with `TODO`/`TBD` and a colon (`TODO: write it`).
pub(crate) fn is_placeholder(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let bare = t.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ':' | '!' | '(' | ')' | '[' | ']')
    });
    const WORDS: [&str; 12] = [
        "tbd", "tba", "todo", "fixme", "n/a", "na", "-", "--", "—", "–", "?", "…",
    ];
    if WORDS.contains(&bare) || (bare.is_empty() && !t.is_empty()) {
        return true;
    }
    if bare
        .chars()
        .all(|c| matches!(c, '?' | '-' | '…' | '.' | 'x'))
        && !bare.is_empty()
    {
        return true;
    }
    ["todo:", "tbd:", "todo -", "tbd -"]
        .iter()
        .any(|p| t.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn placeholders_say_nothing_yet() {
        for p in [
            "TBD",
            "tbd.",
            "TODO",
            "n/a",
            "N/A",
            "-",
            "?",
            "…",
            "...",
            "???",
            "TODO: write the learning",
            "(TBD)",
            "xxx",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for t in [
            "Backups are now immutable.",
            "None: no customer saw it",
            "Todos los sistemas",
            "TBD by the vendor's audit in March",
            "n/a for EU customers only",
        ] {
            assert!(!is_placeholder(t), "{t}");
        }
    }
}
