//! Writes the board pack's pages: per quarter the register, roadmap and exceptions pages and the
//! print appendix (all from one context, so they agree), and `risks/index.html` for the site.

use super::pack::{self, PackView};
use super::pack_sections::{self, Sizes, StandingPage};
use super::view::ChartView;
use super::{charts, export, templates, RenderError};
use crate::format::Format;
use crate::model::facts::QuarterFacts;
use crate::model::types::{Metric, Quarter};
use tera::{Context, Tera};

/// What a quarter's pack pages are made of, beyond the one-pager's context.
pub(super) struct QuarterPack<'a> {
    pub quarter: &'a Quarter,
    pub pack: &'a PackView<'a>,
    pub roadmap: Option<&'a charts::Chart>,
    pub metric_defs: &'a [Metric],
    /// The standing pages, rendered for a page two folders down.
    pub standing: &'a [StandingPage],
    /// How to read the scores, its headings at h3: the same HTML in every quarter's pack.
    pub scale: &'a str,
    pub slug: &'a str,
    /// Money at risk (`Sizes::money`): none on a site without `loss`.
    pub money: Option<usize>,
}

/// The pages under `YYYY-qN/`, from the quarter's one-pager context (which already holds `q`),
/// rendered from two folders down.
pub(super) fn quarter_pages(
    onepager: Context,
    p: &QuarterPack,
    tera: &Tera,
    ov: &templates::Overrides,
    fmt: &Format,
) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
    let mut ctx = onepager;
    // The one-pager's charts are not needed here.
    for unused in ["charts", "top", "prev", "next"] {
        ctx.remove(unused);
    }
    ctx.insert("root", "../../");
    ctx.insert("pack", p.pack);
    ctx.insert("roadmap_chart", &p.roadmap.map(ChartView::from));
    ctx.insert("metric_defs", p.metric_defs);
    ctx.insert("standing", p.standing);
    // The register and roadmap tables stand on their pages and again in the appendix: each is
    // rendered once (a quarter of the pack pages' time) and placed in both.
    let tables = serde_json::json!({
        "register": templates::render(tera, "register_table.html", &ctx, ov)?,
        "roadmap": templates::render(tera, "roadmap_table.html", &ctx, ov)?,
        "actions": templates::render(tera, "actions_table.html", &ctx, ov)?,
        "scale": p.scale,
    });
    ctx.insert("tables", &tables);
    let mut out = Vec::with_capacity(6);
    // The register as a table, for spreadsheets and board portals (linked from its page).
    out.push((
        format!("{}/register.csv", p.slug),
        export::csv(&p.pack.register, fmt, p.money.is_some())?,
    ));
    let end = crate::model::scalar::Date(p.quarter.quarter.end());
    out.push((
        format!("{}/register.xlsx", p.slug),
        export::xlsx(&p.pack.register, fmt, end, p.money.is_some())?,
    ));
    for page in ["register", "roadmap", "exceptions", "actions"] {
        let html = templates::render(tera, &format!("{page}.html"), &ctx, ov)?;
        out.push((format!("{}/{page}/index.html", p.slug), html.into_bytes()));
    }
    let sizes = Sizes {
        quarter: p.quarter,
        pack: p.pack,
        metrics: p.metric_defs,
        pages: p.standing,
        money: p.money,
    };
    let mut sections = pack_sections::sections(&sizes, p.slug, fmt);
    for s in sections.iter_mut().filter(|s| !s.empty) {
        s.html = templates::render(tera, s.template, &ctx, ov)?;
    }
    ctx.insert("sections", &sections);
    let html = templates::render(tera, "appendix.html", &ctx, ov)?;
    out.push((format!("{}/appendix/index.html", p.slug), html.into_bytes()));
    Ok(out)
}

/// `risks/index.html`: every risk of the built quarters (each paired with its facts).
pub(super) fn risk_index(
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
