//! JSON Schemas (draft 2020-12) for every file kind, derived from the very types the loader
//! parses into (`load::raw`, `config::Config`), so that an editor and `check` cannot disagree
//! about which fields exist. The schemas are stricter than the serde types where the contract
//! is (enums, ranges, id patterns); `check` remains the judge and explains each problem.

use crate::config::Config;
use crate::layout::Kind;
use crate::load::raw;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{json, Map, Value};
use std::path::Path;

/// The schema of one kind, as a JSON value.
pub(crate) fn schema(kind: Kind) -> Value {
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
        Kind::Action => root_for::<raw::Action>(),
        Kind::Exception => root_for::<raw::PolicyException>(),
        Kind::Page => root_for::<raw::PageFront>(),
        Kind::Published => root_for::<crate::load::record::RawRecord>(),
    };
    // The derived title is a Rust type name; authors see this one in their editor.
    root.insert(
        "title".into(),
        json!(format!("quarterdeck {}", kind.name())),
    );
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
            let rust_format = map.get("format").and_then(Value::as_str).is_some_and(|f| {
                matches!(
                    f,
                    "int64" | "int32" | "uint" | "uint64" | "double" | "float"
                )
            });
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
pub(crate) fn all() -> Value {
    let map: Map<String, Value> = Kind::ALL
        .iter()
        .map(|k| (k.name().to_string(), schema(*k)))
        .collect();
    Value::Object(map)
}

/// The text of one schema file: pretty JSON ending in a newline, so diffs stay readable.
pub(crate) fn file_text(kind: Kind) -> String {
    let mut text = serde_json::to_string_pretty(&schema(kind)).expect("a JSON value serializes");
    text.push('\n');
    text
}

/// Writes `<kind>.schema.json` for every kind into `dir`, creating it if needed.
/// Each file is replaced whole (a symbolic link by its name is replaced, never followed).
pub(crate) fn write_all(dir: &Path) -> Result<(), super::Error> {
    let folder = super::export::open_folder(dir)?;
    for kind in Kind::ALL {
        let name = kind.file_name();
        folder
            .replace(&name, file_text(kind).as_bytes(), false)
            .map_err(|e| super::Error::io(&dir.join(&name), e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
