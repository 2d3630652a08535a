//! The template engine: built-in templates embedded in the binary, each replaceable by a file
//! of the same name in the site's `templates/`, plus the filters the templates use.

use super::format;
use super::RenderError;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use tera::{Tera, Value};

/// The built-in templates: real files in the repository, embedded at compile time.
pub const BUILTIN: [(&str, &str); 8] = [
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    (
        "onepager.html",
        include_str!("../../templates/onepager.html"),
    ),
    ("archive.html", include_str!("../../templates/archive.html")),
    ("risk.html", include_str!("../../templates/risk.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("404.html", include_str!("../../templates/404.html")),
    (
        "appendix.html",
        include_str!("../../templates/appendix.html"),
    ),
];

/// The built-in static files, written under `assets/`.
pub const ASSETS: [(&str, &[u8]); 5] = [
    ("favicon.svg", include_bytes!("../../assets/favicon.svg")),
    ("style.css", include_bytes!("../../assets/style.css")),
    (
        "fonts/Inter-Regular.otf",
        include_bytes!("../../assets/fonts/Inter-Regular.otf"),
    ),
    (
        "fonts/Inter-SemiBold.otf",
        include_bytes!("../../assets/fonts/Inter-SemiBold.otf"),
    ),
    (
        "fonts/OFL.txt",
        include_bytes!("../../assets/fonts/OFL.txt"),
    ),
];

/// What a site's `templates/` folder holds: `.html` overrides and other files for `assets/`.
#[derive(Default)]
pub struct Overrides {
    pub templates: BTreeMap<String, String>,
    pub assets: BTreeMap<String, Vec<u8>>,
}

/// Reads `<root>/templates/` (top level only; sorted, so the result never depends on the disk).
pub fn read_overrides(root: &Path) -> Result<Overrides, RenderError> {
    let dir = root.join("templates");
    let mut out = Overrides::default();
    if !dir.is_dir() {
        return Ok(out);
    }
    let io = |e: std::io::Error| RenderError::Io {
        path: "templates".into(),
        source: e,
    };
    // Whatever is in templates/ may be published under assets/: nothing may come from outside.
    let outside = |what: String| {
        RenderError::Template {
        name: what,
        message: "it is a symbolic link to a place outside the site; quarterdeck reads nothing outside the site root".into(),
    }
    };
    if !crate::load::discover::inside_site(root, &dir) {
        return Err(outside("templates/".into()));
    }
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map_err(io)?
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().to_string();
        let path = e.path();
        if name.starts_with('.') || path.is_dir() {
            continue;
        }
        if !crate::load::discover::inside_site(root, &path) {
            return Err(outside(format!("templates/{name}")));
        }
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|source| RenderError::Io {
            path: format!("templates/{name}"),
            source,
        })?;
        if name.ends_with(".html") {
            let text = String::from_utf8(bytes).map_err(|_| RenderError::Template {
                name: format!("templates/{name}"),
                message: "the template is not valid UTF-8".into(),
            })?;
            out.templates.insert(name, text);
        } else {
            out.assets.insert(name, bytes);
        }
    }
    Ok(out)
}

pub fn engine(overrides: &Overrides, currency_prefix: String) -> Result<Tera, RenderError> {
    let mut all: BTreeMap<&str, &str> = BUILTIN.iter().copied().collect();
    for (name, text) in &overrides.templates {
        all.insert(name, text);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".svg"]);
    tera.add_raw_templates(all.into_iter().collect::<Vec<_>>())
        .map_err(|e| template_error(&e, overrides))?;
    tera.register_filter("money", move |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(format::money(
            &currency_prefix,
            number(v, "money")?,
        )))
    });
    tera.register_filter("num", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(format::num(number(v, "num")?)))
    });
    tera.register_filter("hours", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(format::hours(number(v, "hours")?)))
    });
    tera.register_filter("long_date", |v: &Value, _: &HashMap<String, Value>| {
        let s = v
            .as_str()
            .ok_or_else(|| tera::Error::msg("`long_date` expects a date string"))?;
        Ok(Value::String(format::long_date(s)))
    });
    tera.register_filter("label", |v: &Value, _: &HashMap<String, Value>| {
        let s = v
            .as_str()
            .ok_or_else(|| tera::Error::msg("`label` expects a string"))?;
        Ok(Value::String(format::label(s)))
    });
    Ok(tera)
}

fn number(v: &Value, filter: &str) -> tera::Result<f64> {
    v.as_f64()
        .ok_or_else(|| tera::Error::msg(format!("`{filter}` expects a number, got {v}")))
}

/// Renders one template, turning Tera's error chain into one message that names the template.
pub fn render(
    tera: &Tera,
    name: &str,
    ctx: &tera::Context,
    overrides: &Overrides,
) -> Result<String, RenderError> {
    tera.render(name, ctx)
        .map_err(|e| template_error(&e, overrides))
}

fn template_error(e: &tera::Error, overrides: &Overrides) -> RenderError {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    let message = parts.join(": ");
    let found = BUILTIN
        .iter()
        .map(|(n, _)| *n)
        .chain(overrides.templates.keys().map(String::as_str))
        .find(|n| message.contains(&format!("'{n}'")));
    let Some(n) = found else {
        return RenderError::Template {
            name: "templates".into(),
            message,
        };
    };
    let source = overrides
        .templates
        .get(n)
        .map(String::as_str)
        .or_else(|| BUILTIN.iter().find(|(b, _)| *b == n).map(|(_, t)| *t));
    let mut name = if overrides.templates.contains_key(n) {
        format!("templates/{n}")
    } else {
        format!("built-in template {n}")
    };
    // Tera reports parse errors with a line but render errors without one; find the line of
    // the variable it names so the author is not left searching.
    if let (Some(var), Some(text)) = (missing_variable(&message), source) {
        if let Some(line) = text.lines().position(|l| l.contains(var)) {
            name = format!("{name}:{}", line + 1);
        }
    }
    RenderError::Template { name, message }
}

/// The name in Tera's "Variable `x.y` not found" or "Filter 'x' not found" messages.
fn missing_variable(message: &str) -> Option<&str> {
    let (rest, close) = [
        ("Variable `", '`'),
        ("Filter '", '\''),
        ("Function '", '\''),
        ("Test '", '\''),
    ]
    .iter()
    .find_map(|(open, close)| message.split(open).nth(1).map(|r| (r, *close)))?;
    rest.split(close).next().filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders a site override of page.html and returns the error message.
    fn page_error(template: &str) -> String {
        let mut ov = Overrides::default();
        ov.templates.insert("page.html".into(), template.into());
        let tera = engine(&ov, "$".into()).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("page", &serde_json::json!({"title": "t"}));
        render(&tera, "page.html", &ctx, &ov)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_render_error_names_the_template_and_the_line() {
        let err =
            page_error("<main>\n<h1>{{ page.title }}</h1>\n<p>{{ page.nope }}</p>\n</main>\n");
        assert!(
            err.starts_with("template error in templates/page.html:3:"),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_filter_names_the_line() {
        let err = page_error("<main>\n\n{{ page.title | nosuchfilter }}\n</main>\n");
        assert!(
            err.starts_with("template error in templates/page.html:3:"),
            "{err}"
        );
    }

    #[test]
    fn a_parse_error_names_the_template() {
        let mut ov = Overrides::default();
        ov.templates
            .insert("page.html".into(), "{{ oops }\n".into());
        let err = engine(&ov, "$".into()).err().unwrap().to_string();
        assert!(
            err.contains("templates/page.html") && err.contains("1:"),
            "{err}"
        );
    }
}
