//! Writing a string into a YAML file so that it reads back exactly as given.

/// `s` as a YAML scalar: plain when that is unambiguous, else double-quoted with escapes.
/// A title such as `Vendor breach: "shipments" #2` must not become a mapping, a comment or
/// a different string.
pub(super) fn scalar(s: &str) -> String {
    if is_plain_safe(s) {
        s.to_string()
    } else {
        quoted(s)
    }
}

// Conservative on purpose: letters first, a small set of punctuation, no words that YAML 1.1
// readers take for booleans or null. Anything else is quoted, which is always correct.
fn is_plain_safe(s: &str) -> bool {
    const RESERVED: [&str; 11] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
    ];
    let first_ok = s.chars().next().is_some_and(char::is_alphabetic);
    let chars_ok = s
        .chars()
        .all(|c| c.is_alphanumeric() || " -_.,()/&'+%".contains(c));
    first_ok
        && chars_ok
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !RESERVED.contains(&s.to_ascii_lowercase().as_str())
}

/// A double-quoted scalar: `\` and `"` escaped, and every character YAML does not allow
/// raw (controls, DEL, C1 controls, line and paragraph separators, BOM) as `\u`.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(s: &str) -> String {
        #[derive(serde::Deserialize)]
        struct T {
            title: String,
        }
        let text = format!("title: {}\n", scalar(s));
        let t: T = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        t.title
    }

    #[test]
    fn plain_titles_stay_plain() {
        assert_eq!(
            scalar("Ransomware on build infrastructure"),
            "Ransomware on build infrastructure"
        );
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("2FA bypass"), "\"2FA bypass\"");
    }

    #[test]
    fn hostile_titles_round_trip() {
        for s in [
            "Vendor breach: \"shipments\" #2",
            "a: b # c",
            "- list? [x] {y} & *z !tag %p @q `r` |s >t",
            "back\\slash and 'single' quotes",
            "tab\tnew\nline\u{7f}\u{85}\u{2028}\u{feff}",
            "null",
            "  leading and trailing  ",
            "Über-Risiko für Lager",
            "0.5",
        ] {
            assert_eq!(round_trip(s), s);
        }
    }
}
