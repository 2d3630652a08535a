//! Strict YAML parsing: serde-saphyr with duplicate keys refused and budgets on aliases,
//! nesting and size, its errors turned into diagnostics.

use crate::diag::{Diagnostic, Pos};
use serde::de::DeserializeOwned;
use serde_saphyr::{Budget, Options};

/// Nesting deeper than this is never legitimate board content.
const MAX_DEPTH: usize = 64;
/// Nodes after alias expansion: a thousand risks' worth, and the bound on an alias bomb's work.
const MAX_NODES: usize = 200_000;

fn options() -> Options {
    let mut o = Options::default();
    o.with_snippet = false;
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    o.budget = Some(budget);
    o
}

/// Parses `text` (the content of `file`) as `T`; `line_offset` shifts positions for YAML
/// embedded in another file (Markdown front matter).
pub(crate) fn parse<T: DeserializeOwned>(
    file: &str,
    text: &str,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("empty-file", file, "the file is empty")
            .at(Some(Pos::new(1 + line_offset, 1)))
            .hint("the fields of each kind of file, and their meaning, are in the JSON Schemas that `quarterdeck schema --output schemas` writes"));
    }
    let value = serde_saphyr::from_str_with_options(text, options()).map_err(|e| {
        let at = e
            .location()
            .filter(|l| l.line() > 0)
            .map(|l| (l.line() as usize, l.column() as usize));
        let message = strip_position(&e.to_string());
        // The common mistakes, said where they are and in an author's words.
        if let Some(x) = at.and_then(|(l, c)| super::syntax::explain(text, l, c, &message)) {
            return Diagnostic::error("yaml-syntax", file, x.message)
                .at(Some(Pos::new(x.line + line_offset, x.column)))
                .hint(x.hint);
        }
        let pos = at.map(|(l, c)| Pos::new(l + line_offset, c));
        let present = at.map_or_else(Vec::new, |(l, c)| super::keys::siblings(text, l, c));
        let (code, message, mut hint) = classify(message, &present);
        // `18,5` or `420,000` where a number belongs: say how to write it.
        if code == "wrong-type" {
            // The text is in the message when serde saw a string, else where the error points.
            let quoted = message
                .strip_prefix("invalid type: string \"")
                .and_then(|rest| rest.split('"').next());
            hint = quoted
                .or_else(|| at.and_then(|(l, c)| super::numbers::scalar_at(text, l, c)))
                .and_then(super::numbers::hint)
                .or(hint);
        }
        Diagnostic::error(code, file, message)
            .at(pos)
            .maybe_hint(hint)
    })?;
    // Valid YAML that does not say what the author meant.
    if let Some(x) = super::syntax::folded_item(text) {
        return Err(Diagnostic::error("yaml-syntax", file, x.message)
            .at(Some(Pos::new(x.line + line_offset, x.column)))
            .hint(x.hint));
    }
    Ok(value)
}

// serde-saphyr appends " at line L, column C"; the position has its own fields.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains(", column ") => msg[..i].to_string(),
        _ => msg.to_string(),
    }
}

/// serde-saphyr words type errors for Rust programmers ("invalid i64"); say it for authors,
/// with the fix: the form expected and an example.
fn plain_type_error(message: &str) -> Option<(&'static str, &'static str)> {
    let m = message.trim();
    let integer = [
        "invalid i64",
        "invalid u64",
        "invalid u8",
        "invalid i32",
        "invalid u32",
        "invalid usize",
    ];
    if integer.iter().any(|p| m.starts_with(p)) {
        return Some((
            "expected a whole number here",
            "write a whole number, without quotes, words or units, e.g. `4`",
        ));
    }
    if m.starts_with("invalid floating point") || m.starts_with("invalid f64") {
        return Some((
            "expected a number here, such as 7, 99.95 or 180000 (no units or suffixes)",
            "write the number alone, without quotes, a currency or a unit, e.g. `180000`",
        ));
    }
    if m.starts_with("cannot deserialize null") {
        return Some((
            "a value is required here, but it is empty",
            "write the value after the colon, e.g. `owner: Dana Reyes`",
        ));
    }
    if m.starts_with("expected string scalar") {
        return Some((
            "expected a single value here, not a list or a mapping",
            "write one value after the colon, e.g. `owner: Dana Reyes`, not `[a, b]` or indented lines",
        ));
    }
    if m.starts_with("expected mapping") {
        return Some((
            "expected a mapping here (`key: value` lines)",
            "write `key: value` lines indented under it, e.g. `target:` then `  impact: 3`",
        ));
    }
    if m.starts_with("expected sequence") {
        return Some((
            "expected a list here (`[a, b]` or `- item` lines)",
            "write the items as `[R-001, R-002]`, or as `- R-001` lines under the key; one item is a list of one",
        ));
    }
    None
}

/// Where each field's type is written down, for a type error said in serde's words.
const TYPES_HINT: &str = "write the value in the form this field takes; each field's form is in docs/content-format.md and in the JSON Schemas that `quarterdeck schema --output schemas` writes";

/// `present`: the keys written beside the one the error is about.
fn classify(message: String, present: &[String]) -> (&'static str, String, Option<String>) {
    if message.starts_with("unknown field") {
        let hint = crate::diag::suggest::hint_for_unknown_field(&message, present);
        let message = match message.find(", expected") {
            Some(i) => format!(
                "{}; allowed here:{}",
                &message[..i],
                &message[i + ", expected".len()..].replacen(" one of", "", 1)
            ),
            None => message,
        };
        return ("unknown-field", message, hint);
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        let hint = format!("add {field}: each field's meaning is in the JSON Schemas that `quarterdeck schema --output schemas` writes");
        return ("missing-field", message.clone(), Some(hint));
    }
    if message.starts_with("duplicate mapping key") {
        let key = message
            .trim_start_matches("duplicate mapping key: ")
            .split(',')
            .next()
            .unwrap_or_default()
            .to_string();
        return (
            "duplicate-key",
            format!("`{key}` is set twice in the same mapping"),
            Some("keep one of them".into()),
        );
    }
    if message.contains(super::numbers::SEPARATED) {
        let hint = super::numbers::separated_hint(&message);
        return ("thousands-separator", message, hint);
    }
    if let Some((plain, fix)) = plain_type_error(&message) {
        return ("wrong-type", plain.to_string(), Some(fix.into()));
    }
    if message.starts_with("invalid type") || message.starts_with("invalid ") {
        return ("wrong-type", message, Some(TYPES_HINT.into()));
    }
    let lower = message.to_lowercase();
    if lower.contains("budget") || lower.contains("limit") || lower.contains("alias") {
        return (
            "too-complex",
            format!("the YAML is too deeply nested or expands too many aliases ({message})"),
            Some(
                "board content needs neither deep nesting nor many aliases; write the values out"
                    .into(),
            ),
        );
    }
    ("yaml-syntax", message, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::raw;

    #[test]
    fn unknown_field_names_the_line_and_suggests() {
        let src = "id: R-1\ntitle: t\nstatment: s\n";
        let d = parse::<raw::Risk>("r.yaml", src, 0).unwrap_err();
        assert_eq!(
            (d.code, d.line, d.column),
            ("unknown-field", Some(3), Some(1))
        );
        assert!(
            d.message.starts_with("unknown field `statment`"),
            "{}",
            d.message
        );
        assert_eq!(d.hint.as_deref(), Some("did you mean `statement`?"));
    }

    /// A site made by `init` has no docs/ folder: hints point at what every user has.
    #[test]
    fn missing_and_empty_point_at_the_schemas_not_at_the_project_docs() {
        let d = parse::<raw::Risk>("r.yaml", "id: R-1\n", 0).unwrap_err();
        assert_eq!(
            (d.code, d.message.as_str(), d.hint.as_deref()),
            (
                "missing-field",
                "missing field `title`",
                Some("add `title`: each field's meaning is in the JSON Schemas that `quarterdeck schema --output schemas` writes")
            )
        );
        let d = parse::<raw::Risk>("r.yaml", " \n", 0).unwrap_err();
        assert_eq!(d.hint.as_deref(), Some("the fields of each kind of file, and their meaning, are in the JSON Schemas that `quarterdeck schema --output schemas` writes"));
    }

    #[test]
    fn front_matter_offsets_shift_lines() {
        let d = parse::<raw::PageFront>("p.md", "title: x\nbad: 1\n", 1).unwrap_err();
        assert_eq!(d.line, Some(3));
    }

    /// Bounded in work, not time (a loaded machine must not fail it): the bomb would expand to
    /// 10^12 nodes; the node budget stops it, with the error saying so, after work in
    /// proportion to the budget (a few allocations and at most a kilobyte a node).
    #[test]
    fn alias_bomb_is_refused_within_the_node_budget() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            src.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let mut bomb = None;
        let work = allocation_counter::measure(|| {
            bomb = Some(parse::<raw::OrderedMap<String, serde_json::Value>>(
                "bomb.yaml",
                &src,
                0,
            ))
        });
        let d = bomb.unwrap().unwrap_err();
        assert_eq!((d.code, d.file.as_str()), ("too-complex", "bomb.yaml"));
        let nodes = MAX_NODES as u64;
        assert!(
            work.count_total <= 2 * nodes && work.bytes_total <= 1024 * nodes,
            "{work:?} for a budget of {nodes} nodes"
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let src = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
        let d = parse::<serde_json::Value>("deep.yaml", &src, 0).unwrap_err();
        assert_eq!(d.file, "deep.yaml");
    }

    #[test]
    fn type_errors_are_worded_for_authors() {
        let d = parse::<raw::Risk>(
            "r.yaml",
            "id: R-1\ntitle: t\nstatement: s\nimpact: high\n",
            0,
        )
        .unwrap_err();
        assert_eq!(
            (d.code, d.message.as_str(), d.line),
            ("wrong-type", "expected a whole number here", Some(4))
        );
        let d = parse::<raw::Risk>("r.yaml", "id: R-1\ntitle: [x, y]\n", 0).unwrap_err();
        assert_eq!((d.code, d.line), ("wrong-type", Some(2)), "{}", d.message);
        let d = parse::<raw::Risk>("r.yaml", "id: R-1\ntitle: ~\n", 0).unwrap_err();
        assert_eq!(d.code, "wrong-type", "{}", d.message);
    }

    #[test]
    fn amounts_with_separators_and_decimal_commas_say_how_to_write_them() {
        let option = "summary: s\ntradeoff: t\ncost: 420.000\n";
        let d = parse::<raw::InvestmentOption>("i.yaml", option, 0).unwrap_err();
        assert_eq!(
            (d.code, d.message.as_str(), d.line, d.column, d.hint.as_deref()),
            (
                "thousands-separator",
                "the amount `420.000` is written with thousands separators; YAML would read it as 420, not 420000",
                Some(3),
                Some(7),
                Some("write 420000: amounts take no thousands separators")
            )
        );
        let d = parse::<raw::InvestmentOption>("i.yaml", &option.replace("420.000", "18,5"), 0)
            .unwrap_err();
        assert_eq!(
            (d.code, d.line, d.hint.as_deref()),
            (
                "wrong-type",
                Some(3),
                Some("write 18.5: numbers take a point, not a comma, before the decimals")
            )
        );
        // Any number, not only amounts.
        let d =
            parse::<raw::Trends>("t.yaml", "mttr_days: 18,5  # from the tracker\n", 0).unwrap_err();
        assert_eq!(
            (d.code, d.line, d.hint.as_deref()),
            (
                "wrong-type",
                Some(1),
                Some("write 18.5: numbers take a point, not a comma, before the decimals")
            )
        );
    }

    #[test]
    fn empty_file_is_an_error() {
        let d = parse::<raw::Risk>("r.yaml", "\n  \n", 0).unwrap_err();
        assert_eq!(d.code, "empty-file");
    }
}
