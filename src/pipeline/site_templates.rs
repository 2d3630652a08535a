//! What `check` adds to stages 1–2 for a site with templates of its own: they are compiled
//! and, when the content is valid, rendered in memory, so that a broken override is found by
//! `check` (in an editor, in a pull request) and not first by `build`. A site without
//! `templates/` pays nothing: the built-in templates are tested here, not on every check.

use super::Checked;
use crate::diag::{Diagnostic, Pos};
use crate::load::{self, source::Source, LoadError};
use crate::render::{self, templates, RenderError};

/// The first problem of the site's `templates/`, as a diagnostic (`build` stops at it too).
pub(super) fn check(source: &dyn Source, checked: &Checked) -> Option<Diagnostic> {
    let overrides = match load::overrides(source) {
        Ok(o) => o,
        Err(e) => return Some(from_load(e)),
    };
    if overrides.templates.is_empty() {
        return None;
    }
    let compiled = match templates::compile(&overrides) {
        Ok(c) => c,
        Err(e) => return Some(from_render(e)),
    };
    // Drafts too: `check` covers every quarter.
    let options = render::Options { drafts: true };
    let site = checked.valid_site()?;
    render::render(site, &overrides, compiled, options)
        .err()
        .map(from_render)
}

fn from_load(e: LoadError) -> Diagnostic {
    match e {
        // Said by `load` in the words and with the fix the same mistake gets under content/.
        LoadError::Unusable(d) => *d,
        other => Diagnostic::error("unreadable", "templates", other.to_string()),
    }
}

fn from_render(e: RenderError) -> Diagnostic {
    match e {
        RenderError::Template { name, message } => diagnostic(&name, message),
        other => Diagnostic::error("template", "templates", other.to_string()),
    }
}

/// `templates/page.html:3` (or a built-in template's name) and Tera's message.
fn diagnostic(name: &str, message: String) -> Diagnostic {
    let (file, line) = match name.rsplit_once(':') {
        Some((file, line)) if line.parse::<usize>().is_ok() => (file, line.parse().ok()),
        _ => (name, None),
    };
    let file = if file.starts_with("templates/") {
        file
    } else {
        "templates"
    };
    Diagnostic::error("template", file, message)
        .at(line.map(|l| Pos::new(l, 1)))
        .hint("`quarterdeck templates export` writes the built-in templates to start from; docs/templates.md lists what each one is given")
}
