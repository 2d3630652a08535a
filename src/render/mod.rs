//! Stage 3: render the model into an in-memory site, a sorted map from output path to bytes.
//! Pure: nothing here reads or writes a file; `load` read the site's templates, and `write`
//! writes the result once everything has rendered.

pub(crate) mod charts;
pub(crate) mod escape;
mod export;
mod fit;
mod ids;
pub(crate) mod markdown;
mod money;
mod nesting;
mod pack;
mod pack_pages;
mod pack_sections;
mod pages;
pub(crate) mod since;
pub(crate) mod templates;
pub(crate) mod view;

use crate::model::types::Site;
use std::collections::BTreeMap;

/// Output path (relative, `/`-separated) → file content. Ordered, so writing is deterministic.
pub(crate) type Files = BTreeMap<String, Vec<u8>>;

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
    /// Build draft quarters too.
    pub drafts: bool,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum RenderError {
    #[error("template error in {name}: {message}")]
    Template { name: String, message: String },
    #[error("cannot serialise {what}: {message}")]
    Json { what: String, message: String },
    #[error("two pages of the site would be written to {path}")]
    Collision { path: String },
}

pub(crate) struct Rendered {
    pub files: Files,
    /// The quarters that got a one-pager, oldest first.
    pub quarters: Vec<crate::model::scalar::QuarterId>,
}

/// Renders the whole site with `compiled` (from [`templates::compile`] on the same
/// `overrides`), and the site's own assets in place of the built-in ones of the same name.
pub(crate) fn render(
    site: &Site,
    overrides: &templates::Overrides,
    compiled: templates::Compiled,
    options: Options,
) -> Result<Rendered, RenderError> {
    let fmt = crate::format::Format::for_readers(&site.config, &site.labels);
    let tera = templates::engine(compiled, fmt.clone());
    let mut files = Files::new();
    for (name, bytes) in templates::ASSETS {
        files.insert(format!("assets/{name}"), bytes.to_vec());
    }
    for (name, bytes) in &overrides.assets {
        files.insert(format!("assets/{name}"), bytes.clone());
    }
    let quarters = pages::render_all(site, &tera, &fmt, overrides, options, &mut files)?;
    Ok(Rendered { files, quarters })
}
