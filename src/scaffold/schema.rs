//! JSON Schemas (draft 2020-12) for every file kind, derived from the very types the loader
//! parses into (`load::raw`, `config::Config`), so that an editor and `check` cannot disagree
//! about which fields exist. The schemas are stricter than the serde types where the contract
//! is (enums, ranges, id patterns); `check` remains the judge and explains each problem.

use crate::config::Config;
use crate::load::raw;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{json, Map, Value};
use std::path::Path;

/// A kind of file in a site, and so one schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Settings,
    Metrics,
    Quarter,
    Trends,
    Risk,
    Initiative,
    Incident,
    Investment,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Settings,
        Kind::Metrics,
        Kind::Quarter,
        Kind::Trends,
        Kind::Risk,
        Kind::Initiative,
        Kind::Incident,
        Kind::Investment,
        Kind::Page,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Settings => "settings",
            Kind::Metrics => "metrics",
            Kind::Quarter => "quarter",
            Kind::Trends => "trends",
            Kind::Risk => "risk",
            Kind::Initiative => "initiative",
            Kind::Incident => "incident",
            Kind::Investment => "investment",
            Kind::Page => "page",
        }
    }

    /// `risk.schema.json`
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// Where files of this kind live, for the schema's description.
    fn place(self) -> &'static str {
        match self {
            Kind::Settings => "quarterdeck.toml: the site settings",
            Kind::Metrics => "content/metrics.yaml: the scoreboard's metric definitions",
            Kind::Quarter => "content/quarters/YYYY-QN/quarter.yaml: the quarter",
            Kind::Trends => "content/quarters/YYYY-QN/trends.yaml: the quarter's metric readings",
            Kind::Risk => "content/quarters/YYYY-QN/risks/*.yaml: one risk",
            Kind::Initiative => "content/quarters/YYYY-QN/initiatives/*.yaml: one initiative",
            Kind::Incident => "content/quarters/YYYY-QN/incidents/*.yaml: one incident",
            Kind::Investment => "content/quarters/YYYY-QN/investments/*.yaml: one investment ask",
            Kind::Page => "content/pages/*.md: the YAML front matter of a standing page",
        }
    }

    /// The kind of a site-relative, `/`-separated path, for the YAML files an editor opens.
    pub fn of_yaml_path(rel: &str) -> Option<Kind> {
        let parts: Vec<&str> = rel.split('/').collect();
        let yaml = |n: &str| n.ends_with(".yaml") || n.ends_with(".yml");
        match parts.as_slice() {
            ["content", n] if n.starts_with("metrics.") && yaml(n) => Some(Kind::Metrics),
            ["content", "quarters", _, n] if n.starts_with("quarter.") && yaml(n) => {
                Some(Kind::Quarter)
            }
            ["content", "quarters", _, n] if n.starts_with("trends.") && yaml(n) => {
                Some(Kind::Trends)
            }
            ["content", "quarters", _, dir, n] if yaml(n) => match *dir {
                "risks" => Some(Kind::Risk),
                "initiatives" => Some(Kind::Initiative),
                "incidents" => Some(Kind::Incident),
                "investments" => Some(Kind::Investment),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The schema of one kind, as a JSON value.
pub fn schema(kind: Kind) -> Value {
    let mut root = match kind {
        Kind::Settings => root_for::<Config>(),
        Kind::Metrics => root_for::<Vec<raw::Metric>>(),
        Kind::Quarter => root_for::<raw::Quarter>(),
        Kind::Trends => {
            let mut s = root_for::<raw::Trends>();
            s.insert("propertyNames".into(), json!({ "pattern": raw::SLUG }));
            s
        }
        Kind::Risk => root_for::<raw::Risk>(),
        Kind::Initiative => root_for::<raw::Initiative>(),
        Kind::Incident => root_for::<raw::Incident>(),
        Kind::Investment => root_for::<raw::Investment>(),
        Kind::Page => root_for::<raw::PageFront>(),
    };
    // The derived title is a Rust type name; authors see this one in their editor.
    root.insert("title".into(), json!(format!("quarterdeck {}", kind.name())));
    root.insert("description".into(), json!(kind.place()));
    let mut root = root.to_value();
    tidy(&mut root);
    root
}

fn root_for<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Adjusts what schemars derives from Rust to what an author writes:
/// - an optional field is left out, never written as null (`due:` with no value is a
///   mistake), so `null` is dropped from types and `anyOf`s;
/// - `format: int64`/`double` go: Rust's number widths mean nothing to an author, and
///   editors warn about formats they do not know.
fn tidy(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let rust_format = map
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| matches!(f, "int64" | "int32" | "uint" | "uint64" | "double" | "float"));
            if rust_format {
                map.remove("format");
            }
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any)) = map.get_mut("anyOf") {
                any.retain(|s| s != &json!({ "type": "null" }));
                if let [Value::Object(only)] = any.as_slice() {
                    let only = only.clone();
                    map.remove("anyOf");
                    map.extend(only);
                }
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// Every schema, keyed by kind: what `quarterdeck schema` prints.
pub fn all() -> Value {
    let map: Map<String, Value> = Kind::ALL
        .iter()
        .map(|k| (k.name().to_string(), schema(*k)))
        .collect();
    Value::Object(map)
}

/// The text of one schema file: pretty JSON ending in a newline, so diffs stay readable.
pub fn file_text(kind: Kind) -> String {
    let mut text = serde_json::to_string_pretty(&schema(kind)).expect("a JSON value serializes");
    text.push('\n');
    text
}

/// Writes `<kind>.schema.json` for every kind into `dir`, creating it if needed.
pub fn write_all(dir: &Path) -> Result<(), super::Error> {
    std::fs::create_dir_all(dir).map_err(|e| super::Error::io(dir, e))?;
    for kind in Kind::ALL {
        let path = dir.join(kind.file_name());
        std::fs::write(&path, file_text(kind)).map_err(|e| super::Error::io(&path, e))?;
    }
    Ok(())
}

/// The first line of a YAML file that points editors (the YAML language server) at its
/// schema in the site's `schemas/` folder, relative to the file at `rel`.
pub fn editor_line(rel: &str) -> Option<String> {
    let kind = Kind::of_yaml_path(rel)?;
    let up = "../".repeat(rel.matches('/').count());
    Some(format!(
        "# yaml-language-server: $schema={up}schemas/{}\n",
        kind.file_name()
    ))
}

/// `text` with the editor line in front, unless it already starts with one.
pub fn with_editor_line(rel: &str, text: &str) -> String {
    match editor_line(rel) {
        Some(line) if !text.starts_with("# yaml-language-server:") => format!("{line}{text}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_line_climbs_to_the_site_root() {
        assert_eq!(
            editor_line("content/quarters/2026-Q3/risks/R-001.yaml").unwrap(),
            "# yaml-language-server: $schema=../../../../schemas/risk.schema.json\n"
        );
        assert_eq!(
            editor_line("content/metrics.yaml").unwrap(),
            "# yaml-language-server: $schema=../schemas/metrics.schema.json\n"
        );
        assert!(editor_line("content/pages/a.md").is_none());
        assert!(editor_line("content/quarters/2026-Q3/notes/a.yaml").is_none());
    }

    #[test]
    fn schemas_are_draft_2020_12_and_closed() {
        let risk = schema(Kind::Risk);
        assert_eq!(
            risk["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(risk["additionalProperties"], false);
        assert_eq!(risk["properties"]["impact"]["maximum"], 5);
        assert_eq!(
            risk["properties"]["status"]["enum"],
            json!(["open", "mitigating", "accepted", "closed"])
        );
    }
}
