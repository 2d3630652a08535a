//! Writes the board pack's pages: per quarter the register, roadmap and exceptions pages and the
//! print appendix (which includes "how to read the scores") (all from one context, so they agree), and `risks/index.html` for the site.

use super::pack::{self, PackView};
use super::{charts, templates, RenderError};
use crate::model::facts::QuarterFacts;
use crate::model::types::Quarter;
use tera::{Context, Tera};

/// What the pack pages show that is rendered elsewhere: the roadmap chart, and "How to read
/// the scores" (the same HTML for every quarter).
pub struct Parts<'a> {
    pub roadmap: Option<&'a charts::Chart>,
    pub scale: &'a str,
}

/// The pages under `YYYY-qN/`, from the quarter's one-pager context (which already holds `q`),
/// rendered from two folders down.
pub fn quarter_pages(
    onepager: Context,
    pack: &PackView,
    parts: Parts,
    metric_defs: &[crate::model::types::Metric],
    slug: &str,
    tera: &Tera,
    ov: &templates::Overrides,
) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
    let mut ctx = onepager;
    // The one-pager's charts are not needed here.
    for unused in ["charts", "top", "prev", "next"] {
        ctx.remove(unused);
    }
    ctx.insert("root", "../../");
    ctx.insert("pack", pack);
    ctx.insert(
        "roadmap_chart",
        &parts.roadmap.map(|c| {
            serde_json::json!({
                "title": c.title, "desc": c.desc, "svg": c.svg,
                "file": format!("charts/{}.svg", c.name),
            })
        }),
    );
    ctx.insert("metric_defs", metric_defs);
    // The register and roadmap tables stand on their pages and again in the appendix: each is
    // rendered once (a quarter of the pack pages' time) and placed in both.
    let tables = serde_json::json!({
        "register": templates::render(tera, "register_table.html", &ctx, ov)?,
        "roadmap": templates::render(tera, "roadmap_table.html", &ctx, ov)?,
        "scale": parts.scale,
    });
    ctx.insert("tables", &tables);
    let mut out = Vec::with_capacity(4);
    for page in ["register", "roadmap", "exceptions", "appendix"] {
        let html = templates::render(tera, &format!("{page}.html"), &ctx, ov)?;
        out.push((format!("{slug}/{page}/index.html"), html.into_bytes()));
    }
    Ok(out)
}

/// `risks/index.html`: every risk of the built quarters (each paired with its facts).
pub fn risk_index(
    mut ctx: Context,
    quarters: &[(&Quarter, &QuarterFacts)],
    tera: &Tera,
    ov: &templates::Overrides,
) -> Result<(String, Vec<u8>), RenderError> {
    ctx.insert("root", "../");
    ctx.insert("risks", &pack::risk_index(quarters));
    let html = templates::render(tera, "risks.html", &ctx, ov)?;
    Ok(("risks/index.html".into(), html.into_bytes()))
}
