//! The template engine: built-in templates embedded in the binary, each replaceable by a file
//! of the same name in the site's `templates/` (read by `load`), plus the filters the
//! templates use.

use super::RenderError;
use crate::format::Format;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tera::{Tera, Value};

/// The built-in templates: real files in the repository, embedded at compile time. The board
/// pack's section bodies are not listed here but in their section's entry
/// (`pack_sections::SECTIONS`), so that a new section is one entry there.
pub(crate) fn builtin() -> impl Iterator<Item = (&'static str, &'static str)> + Clone {
    PAGES.iter().copied().chain(
        super::pack_sections::SECTIONS
            .iter()
            .map(|e| (e.template, e.text)),
    )
}

/// The built-in templates other than the board pack's section bodies.
const PAGES: &[(&str, &str)] = &[
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
    ("pack.html", include_str!("../../templates/pack.html")),
    (
        "register.html",
        include_str!("../../templates/register.html"),
    ),
    ("roadmap.html", include_str!("../../templates/roadmap.html")),
    (
        "exceptions.html",
        include_str!("../../templates/exceptions.html"),
    ),
    (
        "appendix.html",
        include_str!("../../templates/appendix.html"),
    ),
    ("risks.html", include_str!("../../templates/risks.html")),
    (
        "register_table.html",
        include_str!("../../templates/register_table.html"),
    ),
    (
        "roadmap_table.html",
        include_str!("../../templates/roadmap_table.html"),
    ),
    ("actions.html", include_str!("../../templates/actions.html")),
    (
        "actions_table.html",
        include_str!("../../templates/actions_table.html"),
    ),
    ("scale.html", include_str!("../../templates/scale.html")),
    (
        "scale_section.html",
        include_str!("../../templates/scale_section.html"),
    ),
];

/// The built-in static files, written under `assets/`.
pub(crate) const ASSETS: [(&str, &[u8]); 5] = [
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

/// The site's `templates/` folder, read by `load`.
pub(crate) use crate::load::Overrides;

/// The templates parsed (the built-in ones, the site's own in their place), before the
/// filters are known: parsing needs nothing from the content, so `pipeline::build` does it
/// while the content loads.
#[derive(Clone)]
pub(crate) struct Compiled(Tera);

pub(crate) fn compile(overrides: &Overrides) -> Result<Compiled, RenderError> {
    let mut all: BTreeMap<&str, &str> = builtin().collect();
    for (name, text) in &overrides.templates {
        if let Some((line, what)) = super::nesting::too_deep(text) {
            return Err(RenderError::Template {
                name: format!("templates/{name}:{line}"),
                message: format!(
                    "{what} nest more than {} levels deep here; split the template up (macros, `{{% set %}}`)",
                    super::nesting::MAX
                ),
            });
        }
        all.insert(name, text);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".svg"]);
    tera.add_raw_templates(all.into_iter().collect::<Vec<_>>())
        .map_err(|e| template_error(&e, overrides))?;
    Ok(Compiled(tera))
}

/// The engine for one site: its compiled templates and the filters writing through `fmt`.
pub(crate) fn engine(compiled: Compiled, fmt: Format) -> Tera {
    let mut tera = compiled.0;
    register_filters(&mut tera, &Arc::new(fmt));
    tera
}

/// The formatting filters (docs/templates.md), each writing through the site's [`Format`].
fn register_filters(tera: &mut Tera, fmt: &Arc<Format>) {
    let f = fmt.clone();
    tera.register_filter("money", move |v: &Value, _: &Args| {
        Ok(Value::String(f.money(number(v, "money")?)))
    });
    let f = fmt.clone();
    tera.register_filter("num", move |v: &Value, _: &Args| {
        Ok(Value::String(f.number(number(v, "num")?)))
    });
    let f = fmt.clone();
    tera.register_filter("reading", move |v: &Value, args: &Args| {
        let unit = string_arg(args, "reading", "unit")?;
        Ok(Value::String(f.reading(number(v, "reading")?, unit)))
    });
    let f = fmt.clone();
    tera.register_filter("hours", move |v: &Value, _: &Args| {
        Ok(Value::String(f.hours(number(v, "hours")?)))
    });
    let f = fmt.clone();
    tera.register_filter("long_date", move |v: &Value, _: &Args| {
        let s = v
            .as_str()
            .ok_or_else(|| tera::Error::msg("`long_date` expects a date string"))?;
        Ok(Value::String(f.long_date(s)))
    });
    let f = fmt.clone();
    tera.register_filter("quarter", move |v: &Value, _: &Args| {
        let q = v
            .as_str()
            .and_then(|s| crate::model::scalar::QuarterId::parse(s).ok())
            .ok_or_else(|| {
                tera::Error::msg(format!(
                    "`quarter` expects a quarter such as \"2026-Q3\", got {v}"
                ))
            })?;
        Ok(Value::String(f.quarter(q)))
    });
    let f = fmt.clone();
    tera.register_filter("plural", move |v: &Value, args: &Args| {
        let n = v
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| tera::Error::msg(format!("`plural` expects a count, got {v}")))?;
        Ok(Value::String(
            f.count(n, string_arg(args, "plural", "noun")?),
        ))
    });
    let f = fmt.clone();
    tera.register_filter("label", move |v: &Value, _: &Args| {
        let s = v
            .as_str()
            .ok_or_else(|| tera::Error::msg("`label` expects a string"))?;
        Ok(Value::String(f.word(s)))
    });
    let f = fmt.clone();
    tera.register_filter("word", move |v: &Value, _: &Args| {
        let s = v
            .as_str()
            .ok_or_else(|| tera::Error::msg("`word` expects a string"))?;
        Ok(Value::String(f.word_in_text(s)))
    });
    let f = fmt.clone();
    tera.register_filter("decision", move |v: &Value, _: &Args| {
        let d = decision(v).ok_or_else(|| {
            tera::Error::msg(format!("`decision` expects an ask's decision, got {v}"))
        })?;
        Ok(Value::String(super::since::decision_text(&d, &f)))
    });
    tera.register_filter("nobreak_ids", NobreakIds);
    tera.register_function("t", Label(fmt.clone()));
}

/// An ask's decision as the views serialise it, read back for the `decision` filter.
fn decision(v: &Value) -> Option<crate::model::types::Decision> {
    use crate::vocab::{Outcome, Tier};
    Some(crate::model::types::Decision {
        outcome: Outcome::parse(v.get("outcome")?.as_str()?)?,
        option: v
            .get("option")
            .and_then(Value::as_str)
            .and_then(Tier::parse),
        amount: v.get("amount").and_then(Value::as_f64),
        note: v.get("note").and_then(Value::as_str).map(str::to_string),
    })
}

/// `{{ ask | nobreak_ids }}`: the text escaped, each id in it kept on one line (`render::ids`).
struct NobreakIds;

impl tera::Filter for NobreakIds {
    fn filter(&self, v: &Value, _: &Args) -> tera::Result<Value> {
        let s = v
            .as_str()
            .ok_or_else(|| tera::Error::msg("`nobreak_ids` expects a string"))?;
        Ok(Value::String(super::ids::escape_keeping_ids(s)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `t(key="top_risks")`, `t(key="board_meeting", date=…)`, `t(key="archive_open_risks", n=3)`:
/// a label in the site's language, its `{name}` placeholders filled from the other arguments
/// (numbers written as the language writes them) and, with `n`, the plural form for that count.
/// The label is the template's own text, so it is marked safe; the values filled in are escaped.
struct Label(Arc<Format>);

impl tera::Function for Label {
    fn call(&self, args: &Args) -> tera::Result<Value> {
        let key = string_arg(args, "t", "key")?;
        if !self.0.labels().contains(key) {
            let hint = crate::diag::suggest::did_you_mean(
                key,
                crate::i18n::english().entries.keys().map(String::as_str),
            )
            .map(|h| format!("; {h}"))
            .unwrap_or_default();
            return Err(tera::Error::msg(format!("`t` has no label `{key}`{hint}")));
        }
        let mut values: Vec<(&str, String)> = Vec::new();
        for (name, v) in args.iter().filter(|(n, _)| n.as_str() != "key") {
            let shown = match v {
                Value::Number(n) => self.0.number(n.as_f64().unwrap_or(f64::NAN)),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            values.push((name.as_str(), tera::escape_html(&shown)));
        }
        let label = match args.get("n").and_then(Value::as_f64) {
            Some(n) => self.0.form_for(key, n),
            None => self.0.t(key),
        };
        let label = escape_label(label);
        // A call naming a label and nothing else: its text, escaped.
        if values.is_empty() {
            return Ok(Value::String(label.into_owned()));
        }
        let filled: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        Ok(Value::String(crate::i18n::fill(&label, &filled)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A label's own text for HTML: `&`, `<`, `>` and `"` escaped, apostrophes left as they are
/// (as they stand in the built-in templates).
fn escape_label(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"']) {
        return s.into();
    }
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .into()
}

type Args = HashMap<String, Value>;

/// The string argument `name` of `filter`, e.g. `unit` in `reading(unit="%")`.
fn string_arg<'a>(args: &'a Args, filter: &str, name: &str) -> tera::Result<&'a str> {
    args.get(name).and_then(Value::as_str).ok_or_else(|| {
        tera::Error::msg(format!(
            "`{filter}` needs a text argument `{name}`, e.g. {filter}({name}=\"…\")"
        ))
    })
}

fn number(v: &Value, filter: &str) -> tera::Result<f64> {
    v.as_f64()
        .ok_or_else(|| tera::Error::msg(format!("`{filter}` expects a number, got {v}")))
}

/// Renders one template, turning Tera's error chain into one message that names the template.
pub(crate) fn render(
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
    let found = builtin()
        .map(|(n, _)| n)
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
        .or_else(|| builtin().find(|(b, _)| *b == n).map(|(_, t)| t));
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
        let tera = engine(compile(&ov).unwrap(), Format::new("USD"));
        let mut ctx = tera::Context::new();
        ctx.insert("page", &serde_json::json!({"title": "t"}));
        render(&tera, "page.html", &ctx, &ov)
            .unwrap_err()
            .to_string()
    }

    /// Renders `template` as a site's page.html in a site whose currency is EUR.
    fn page(template: &str) -> Result<String, String> {
        let mut ov = Overrides::default();
        ov.templates.insert("page.html".into(), template.into());
        let tera = engine(compile(&ov).unwrap(), Format::new("EUR"));
        render(&tera, "page.html", &tera::Context::new(), &ov).map_err(|e| e.to_string())
    }

    #[test]
    fn the_filters_write_through_the_site_format() {
        let out = page(concat!(
            "{{ 999999 | money }} {{ 1250000 | money }} {{ 99.96 | reading(unit=\"%\") }} ",
            "{{ 2500000 | reading(unit=\"EUR\") }} {{ 1 | plural(noun=\"open risk\") }} ",
            "{{ 3 | plural(noun=\"open risk\") }}"
        ));
        assert_eq!(
            out.unwrap(),
            "€1M €1.25M 99.96% €2.5M 1 open risk 3 open risks"
        );
    }

    #[test]
    fn a_filter_without_its_argument_says_which() {
        let err = page("{{ 3 | plural }}").unwrap_err();
        assert!(
            err.ends_with("`plural` needs a text argument `noun`, e.g. plural(noun=\"…\")"),
            "{err}"
        );
        let err = page("{{ -1 | plural(noun=\"risk\") }}").unwrap_err();
        assert!(err.ends_with("`plural` expects a count, got -1"), "{err}");
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
        let err = compile(&ov).err().unwrap().to_string();
        assert!(
            err.contains("templates/page.html") && err.contains("1:"),
            "{err}"
        );
    }
}
