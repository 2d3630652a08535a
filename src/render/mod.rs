//! Stage 3: render the model into an in-memory site, a sorted map from output path to bytes.
//! Nothing here touches the output folder; `write` does that once everything has rendered.

pub mod charts;
pub mod escape;
mod format;
pub mod markdown;
mod pack;
mod pack_pages;
mod pages;
pub mod templates;
pub mod view;

use crate::model::facts::QuarterFacts;
use crate::model::types::Site;
use std::collections::BTreeMap;
use std::path::Path;

/// Output path (relative, `/`-separated) → file content. Ordered, so writing is deterministic.
pub type Files = BTreeMap<String, Vec<u8>>;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Build draft quarters too.
    pub drafts: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template error in {name}: {message}")]
    Template { name: String, message: String },
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot serialise {what}: {message}")]
    Json { what: String, message: String },
}

pub struct Rendered {
    pub files: Files,
    /// The quarters that got a one-pager, oldest first.
    pub quarters: Vec<crate::model::scalar::QuarterId>,
}

/// Renders the whole site. `facts` is aligned with `site.quarters`.
pub fn render(
    site: &Site,
    facts: &[QuarterFacts],
    root: &Path,
    options: Options,
) -> Result<Rendered, RenderError> {
    let overrides = templates::read_overrides(root)?;
    let tera = templates::engine(&overrides, site.config.currency_prefix())?;
    let mut files = Files::new();
    for (name, bytes) in templates::ASSETS {
        files.insert(format!("assets/{name}"), bytes.to_vec());
    }
    for (name, bytes) in &overrides.assets {
        files.insert(format!("assets/{name}"), bytes.clone());
    }
    let quarters = pages::render_all(site, facts, &tera, &overrides, options, &mut files)?;
    Ok(Rendered { files, quarters })
}
