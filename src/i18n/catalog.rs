//! One catalog file (`key = "label"`, or a table of plural forms) parsed into entries that
//! keep their line, so that problems point at the label.

use crate::config::{TomlMistake, ESCAPE_FIX};
use crate::diag::{Diagnostic, Pos};
use std::collections::BTreeMap;

/// The plural categories of CLDR; a plural label has `other` and any of the rest.
pub(crate) const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Text(String),
    /// Plural category (`one`, `other`, …) → form.
    Plural(BTreeMap<String, String>),
}

/// A parsed catalog: each key with its entry and where it stands in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    pub file: String,
    pub entries: BTreeMap<String, (Entry, Option<Pos>)>,
}

impl Catalog {
    /// Parses `text`; a malformed file gives an empty catalog and an error, a malformed entry
    /// is left out with an error.
    pub fn parse(file: &str, text: &str) -> (Catalog, Vec<Diagnostic>) {
        let mut cat = Catalog {
            file: file.to_string(),
            entries: BTreeMap::new(),
        };
        let mut diags = Vec::new();
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                let pos = e.span().map(|s| crate::diag::pos_of_offset(text, s.start));
                let message = e.message().trim();
                diags.push(
                    Diagnostic::error("toml", file, message)
                        .at(pos)
                        .hint(syntax_fix(message)),
                );
                return (cat, diags);
            }
        };
        let positions = key_positions(text);
        for (key, value) in table {
            let pos = positions.get(key.as_str()).copied();
            let bad = |what: &str| {
                Diagnostic::error(
                    "wrong-type",
                    file,
                    format!("label `{key}` is {what}, expected text or a table of plural forms"),
                )
                .at(pos)
                .hint(format!("write `{key} = \"…\"`, or `{key} = {{ one = \"…\", other = \"…\" }}` for a label with a count"))
            };
            let entry = match value {
                toml::Value::String(s) => Entry::Text(s),
                toml::Value::Table(forms) => match plural(&key, forms) {
                    Ok(forms) => Entry::Plural(forms),
                    Err((code, message, hint)) => {
                        diags.push(Diagnostic::error(code, file, message).at(pos).hint(hint));
                        continue;
                    }
                },
                other => {
                    diags.push(bad(other.type_str()));
                    continue;
                }
            };
            cat.entries.insert(key, (entry, pos));
        }
        (cat, diags)
    }
}

/// A plural table's first mistake: its code, message and fix.
type Refusal = (&'static str, String, String);

fn plural(key: &str, forms: toml::Table) -> Result<BTreeMap<String, String>, Refusal> {
    let mut out = BTreeMap::new();
    for (category, form) in forms {
        if !CATEGORIES.contains(&category.as_str()) {
            return Err((
                "invalid-value",
                format!("label `{key}` has a plural form `{category}`, expected zero, one, two, few, many or other"),
                "plural forms are CLDR's categories: zero, one, two, few, many, other (other is required)".into(),
            ));
        }
        let toml::Value::String(form) = form else {
            return Err((
                "wrong-type",
                format!("the `{category}` form of label `{key}` is not text"),
                format!(
                    "write the form as text in double quotes, e.g. `{category} = \"{{n}} risks\"`"
                ),
            ));
        };
        out.insert(category, form);
    }
    if !out.contains_key("other") {
        return Err((
            "invalid-value",
            format!("label `{key}` has no `other` form"),
            "add `other = \"…\"`: the form for every count the other forms do not cover".into(),
        ));
    }
    Ok(out)
}

/// The fix for a catalog that is not TOML, as far as the parser's message tells which mistake
/// it is.
fn syntax_fix(message: &str) -> &'static str {
    match TomlMistake::of(message) {
        TomlMistake::Duplicate => "keep one of the two: a label is set once in its catalog",
        TomlMistake::Escape => ESCAPE_FIX,
        TomlMistake::Text => "put the label's text in double quotes, closed on the same line, e.g. `top_risks = \"Top risks\"`",
        TomlMistake::Brackets => "a label with a count is a table: a `[key]` line, then its forms as `one = \"…\"` and `other = \"…\"`",
        TomlMistake::Other => "write one label a line, as `key = \"text\"`; `quarterdeck templates catalog en` prints the English catalog to start from",
    }
}

/// The line and column where each key is first defined: `key = …`, `"key" = …` or a `[key]`
/// table header. One pass over the lines: looking each key up by scanning the file made a
/// catalog's parse grow with the square of its size.
fn key_positions(text: &str) -> std::collections::HashMap<&str, Pos> {
    let mut out = std::collections::HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let col = line.len() - trimmed.len() + 1;
        let (key, rest, close) = if let Some(r) = trimmed.strip_prefix('[') {
            let r = r.trim_start();
            let end = r
                .find(|c: char| c.is_whitespace() || c == ']')
                .unwrap_or(r.len());
            (&r[..end], &r[end..], ']')
        } else if let Some(r) = trimmed.strip_prefix('"') {
            let Some(end) = r.find('"') else { continue };
            (&r[..end], &r[end + 1..], '=')
        } else {
            let end = trimmed
                .find(|c: char| c.is_whitespace() || c == '=')
                .unwrap_or(trimmed.len());
            (&trimmed[..end], &trimmed[end..], '=')
        };
        if !key.is_empty() && rest.trim_start().starts_with(close) {
            out.entry(key).or_insert(Pos::new(i + 1, col));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_their_line() {
        let (c, d) = Catalog::parse(
            "i18n/de.toml",
            "# Vorstand\ntop_risks = \"Wesentliche Risiken\"\n\n[archive_open_risks]\none = \"{n} Risiko\"\nother = \"{n} Risiken\"\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.entries["top_risks"].1, Some(Pos::new(2, 1)));
        assert_eq!(c.entries["archive_open_risks"].1, Some(Pos::new(4, 1)));
        assert!(
            matches!(&c.entries["archive_open_risks"].0, Entry::Plural(f) if f["one"] == "{n} Risiko")
        );
    }

    #[test]
    fn bad_entries_are_errors_at_their_line() {
        let (c, d) = Catalog::parse(
            "i18n/de.toml",
            "a = \"x\"\nb = 3\nc = { one = \"x\" }\nd = { one = \"x\", several = \"y\", other = \"z\" }\ne = { one = 1, other = \"z\" }\n",
        );
        assert_eq!(c.entries.len(), 1);
        let got: Vec<_> = d
            .iter()
            .map(|d| {
                (
                    d.line,
                    d.code,
                    d.message.as_str(),
                    d.hint.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (Some(2), "wrong-type", "label `b` is integer, expected text or a table of plural forms", "write `b = \"…\"`, or `b = { one = \"…\", other = \"…\" }` for a label with a count"),
                (Some(3), "invalid-value", "label `c` has no `other` form", "add `other = \"…\"`: the form for every count the other forms do not cover"),
                (Some(4), "invalid-value", "label `d` has a plural form `several`, expected zero, one, two, few, many or other", "plural forms are CLDR's categories: zero, one, two, few, many, other (other is required)"),
                (Some(5), "wrong-type", "the `one` form of label `e` is not text", "write the form as text in double quotes, e.g. `one = \"{n} risks\"`"),
            ]
        );
    }

    #[test]
    fn a_catalog_that_is_not_toml_says_the_fix() {
        let fix = |text: &str| {
            let (c, d) = Catalog::parse("i18n/nl.toml", text);
            assert!(c.entries.is_empty());
            let [d] = &d[..] else { panic!("{d:?}") };
            (d.code, d.line, d.hint.clone().unwrap())
        };
        assert_eq!(
            fix("top_risks = Top risks\n"),
            ("toml", Some(1), "put the label's text in double quotes, closed on the same line, e.g. `top_risks = \"Top risks\"`".into())
        );
        assert_eq!(
            fix("a = \"x\"\na = \"y\"\n").2,
            "keep one of the two: a label is set once in its catalog"
        );
        assert_eq!(
            fix("a = \"C:\\q\"\n").2,
            "a `\\` in text in double quotes starts an escape: write `\\\\`, or put the text in single quotes"
        );
        assert_eq!(
            fix("[archive_open_risks\none = \"x\"\n").2,
            "a label with a count is a table: a `[key]` line, then its forms as `one = \"…\"` and `other = \"…\"`"
        );
        assert_eq!(
            fix("top_risks \"Top risks\"\n").2,
            "write one label a line, as `key = \"text\"`; `quarterdeck templates catalog en` prints the English catalog to start from"
        );
    }

    #[test]
    fn every_built_in_label_has_its_line() {
        for (lang, text) in crate::i18n::BUILTIN {
            let (c, d) = Catalog::parse(&format!("{lang}.toml"), text);
            assert!(d.is_empty(), "{d:?}");
            for (key, (_, pos)) in &c.entries {
                let pos = pos.unwrap_or_else(|| panic!("{lang}: {key} has no position"));
                let line = text.lines().nth(pos.line - 1).unwrap();
                assert!(
                    line[pos.column - 1..].starts_with(key.as_str()),
                    "{lang}: {key}"
                );
            }
        }
        let positions =
            key_positions("  \"quoted key\" = \"x\"\n[ table ]\nk=1\nk = 2\nnot a key\n");
        assert_eq!(positions.get("quoted key"), Some(&Pos::new(1, 3)));
        assert_eq!(positions.get("table"), Some(&Pos::new(2, 1)));
        assert_eq!(positions.get("k"), Some(&Pos::new(3, 1)));
        assert_eq!(positions.get("not"), None);
    }

    #[test]
    fn malformed_toml_is_one_error_with_a_position() {
        let (c, d) = Catalog::parse("i18n/fr.toml", "a = \"x\"\nb = \n");
        assert!(c.entries.is_empty());
        assert_eq!((d[0].code, d[0].line), ("toml", Some(2)));
    }
}
