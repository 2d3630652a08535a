//! A quarter's pages: its charts (drawn once, as files and inline), `data.json`, the one-pager
//! (and the home page when it is the latest), and the board pack's pages (`pack_pages`).

use super::{css_string, json_bytes, standalone_svg, Page, Pages, TaskFiles};
use crate::format::Format;
use crate::model::facts::MetricFacts;
use crate::model::types::*;
use crate::render::view::{self, ChartView};
use crate::render::{charts, fit, pack, pack_pages, RenderError};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use tera::Context;

/// A quarter's pages: its charts' files, `data.json`, the one-pager (and the home page when
/// it is the latest), and the board pack's pages.
pub(super) fn pages(pages: Pages, page: Page) -> Result<TaskFiles, RenderError> {
    let Pages { site, fmt, .. } = pages;
    let i = page.i;
    let q = &site.quarters[i];
    let f = &q.facts;
    let slug = q.quarter.slug();
    let previous = i.checked_sub(1).map(|p| site.quarters[p].quarter);
    let data = view::quarter_view(site, q, f, previous);
    let pack = pack::pack_view(q, f, site.quarters.get(i + 1), &site.appetite);
    let charts = QuarterCharts::draw(site, q, pack.next_meeting.date, fmt);
    let money = crate::render::money::money_view(q, f, fmt);

    let mut out: TaskFiles = charts
        .all()
        .map(|c| {
            let path = format!("{slug}/charts/{}.svg", c.name);
            (path, standalone_svg(&c.svg))
        })
        .collect();
    out.push((format!("{slug}/data.json"), json_bytes("data.json", &data)?));
    let mut ctx = onepager_context(pages, page, &data, &charts);
    if let Some(money) = &money {
        ctx.insert("money", money);
        ctx.insert("money_chart", &charts.loss.as_ref().map(ChartView::from));
    }
    ctx.insert("pack_counts", &pack.counts);
    out.push((
        format!("{slug}/index.html"),
        pages.render("onepager.html", &ctx)?,
    ));
    // The appendix's running footer (printed into boardpack.pdf) names the organization and quarter.
    let footer = format!("{} · {}", site.config.organization, fmt.quarter(q.quarter));
    ctx.insert("footer_css", &css_string(&footer));
    ctx.insert("draft_css", &css_string(fmt.t("draft")));
    ctx.insert("page_of_css", &page_of_css(fmt.t("pdf_page_of")));
    // The home page is this one-pager with links from the root, rendered here so that it
    // shares the quarter's core rather than waiting for the last quarter.
    if page.home {
        let mut home_ctx = ctx.clone();
        home_ctx.insert("root", "");
        out.push((
            "index.html".into(),
            pages.render("onepager.html", &home_ctx)?,
        ));
    }
    let quarter_pack = pack_pages::QuarterPack {
        quarter: q,
        pack: &pack,
        roadmap: charts.roadmap.as_ref(),
        metric_defs: &site.metrics,
        standing: pages.standing,
        scale: pages.scale,
        slug: &slug,
        money: site
            .quarters
            .iter()
            .any(|q| q.risks.iter().any(|r| r.loss.is_some()))
            .then(|| money.as_ref().map_or(0, |m| m.rows.len())),
    };
    out.extend(pack_pages::quarter_pages(
        ctx,
        &quarter_pack,
        pages.tera,
        pages.ov,
        fmt,
    )?);
    Ok(out)
}

/// A quarter's charts, drawn once for its pages and its chart files.
struct QuarterCharts {
    heatmap: charts::Chart,
    /// One per metric with a reading, keyed by metric id: the trend with axes, and the
    /// sparkline for table rows.
    trends: Vec<(String, charts::Chart)>,
    sparklines: Vec<(String, charts::Chart)>,
    incidents: Option<charts::Chart>,
    investments: Option<charts::Chart>,
    roadmap: Option<charts::Chart>,
    /// Money at risk's loss exceedance curve, when the quarter has a portfolio.
    loss: Option<charts::Chart>,
}

impl QuarterCharts {
    fn draw(
        site: &Site,
        q: &Quarter,
        next_meeting: crate::model::scalar::Date,
        fmt: &Format,
    ) -> Self {
        let f = &q.facts;
        // One chart per metric with a reading, drawn by `draw`, keyed by metric id.
        let per_metric = |draw: fn(&Metric, &MetricFacts, &Format) -> charts::Chart| {
            f.metrics
                .iter()
                .filter_map(|mf| {
                    let m = site.metrics.iter().find(|m| m.id == mf.id)?;
                    Some((mf.id.clone(), draw(m, mf, fmt)))
                })
                .collect()
        };
        QuarterCharts {
            heatmap: charts::heatmap(q, f, &site.matrix, site.appetite.site.boundary(), fmt),
            trends: per_metric(charts::metric_trend),
            sparklines: per_metric(charts::metric_sparkline),
            incidents: charts::incidents(q, fmt),
            investments: charts::investments(q, fmt),
            roadmap: charts::roadmap(q, next_meeting, fmt),
            loss: f
                .portfolio
                .as_ref()
                .and_then(|p| charts::loss_curve(p, fmt)),
        }
    }

    /// The charts that have a file of their own (sparklines are inline marks).
    fn all(&self) -> impl Iterator<Item = &charts::Chart> {
        std::iter::once(&self.heatmap)
            .chain(self.trends.iter().map(|(_, c)| c))
            .chain(&self.incidents)
            .chain(&self.investments)
            .chain(&self.roadmap)
            .chain(&self.loss)
    }

    /// The one-pager's `charts`.
    fn view(&self) -> ChartsView<'_> {
        ChartsView {
            heatmap: ChartView::from(&self.heatmap),
            metrics: by_metric(&self.trends, true),
            // Sparklines are small inline marks beside the numbers: no file of their own.
            sparklines: by_metric(&self.sparklines, false),
            incidents: self.incidents.as_ref().map(ChartView::from),
            investments: self.investments.as_ref().map(ChartView::from),
            loss: self.loss.as_ref().map(ChartView::from),
        }
    }
}

/// Charts keyed by metric id, with their files or (`file` false) without.
fn by_metric(charts: &[(String, charts::Chart)], file: bool) -> BTreeMap<&str, ChartView<'_>> {
    charts
        .iter()
        .map(|(id, c)| {
            let mut view = ChartView::from(c);
            if !file {
                view.file = None;
            }
            (id.as_str(), view)
        })
        .collect()
}

/// The one-pager's `charts`: a struct, not `json!`, so the context copies each chart's SVG text
/// once, not twice.
#[derive(Serialize)]
struct ChartsView<'a> {
    heatmap: ChartView<'a>,
    metrics: BTreeMap<&'a str, ChartView<'a>>,
    sparklines: BTreeMap<&'a str, ChartView<'a>>,
    incidents: Option<ChartView<'a>>,
    investments: Option<ChartView<'a>>,
    loss: Option<ChartView<'a>>,
}

/// The one-pager's context: the quarter (`q`, as `data.json`), its neighbours, its top risks,
/// charts and how it prints, and "since the last meeting" in words.
fn onepager_context(
    pages: Pages,
    page: Page,
    data: &view::QuarterView,
    charts: &QuarterCharts,
) -> Context {
    let Pages {
        site, built, fmt, ..
    } = pages;
    let f = &site.quarters[page.i].facts;
    let mut ctx = pages.context("../");
    let nav = |p: Option<&usize>| {
        p.map(|&j| json!({"quarter": site.quarters[j].quarter, "slug": site.quarters[j].quarter.slug()}))
    };
    ctx.insert(
        "prev",
        &nav(page.pos.checked_sub(1).and_then(|p| built.get(p))),
    );
    ctx.insert("next", &nav(built.get(page.pos + 1)));
    let top: Vec<_> = f
        .top_risks
        .iter()
        .filter_map(|id| data.risks.iter().find(|r| &r.risk.id == id))
        .collect();
    ctx.insert("top", &top);
    ctx.insert("charts", &charts.view());
    ctx.insert("fit", &print_fit(site, data, &top, &charts.heatmap, fmt));
    ctx.insert("q", data);
    ctx.insert(
        "since",
        &f.since_last
            .as_ref()
            .map(|s| crate::render::since::since_text(s, fmt)),
    );
    ctx
}

/// How the quarter's one-pager prints (`render::fit`): on its paper, from its text as printed.
fn print_fit(
    site: &Site,
    q: &view::QuarterView,
    top: &[&view::RiskView],
    heatmap: &charts::Chart,
    fmt: &Format,
) -> fit::PrintFit {
    let size = svg_size(&heatmap.svg).unwrap_or((292.0, 300.0));
    let names = (
        site.config.organization.as_str(),
        site.config.title.as_str(),
    );
    let roles = &site.playbook.roles;
    let layout = fit::layout(q, top, names, roles, size, fmt, &fit::CAPS);
    fit::decide(&layout, site.config.paper)
}

/// The drawing size of a chart's SVG, from its root's `viewBox`.
fn svg_size(svg: &str) -> Option<(f64, f64)> {
    let at = svg.find("viewBox=\"")? + "viewBox=\"".len();
    let rest = &svg[at..];
    let v: Vec<f64> = rest[..rest.find('"')?]
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    (v.len() == 4).then(|| (v[2], v[3]))
}

/// The `content:` value of the PDF footer's "page n of m" from the `pdf_page_of` label: its text
/// as CSS strings around `counter(page)` for `{n}` and `counter(pages)` for `{total}`
/// (`"Seite " counter(page) " von " counter(pages)`).
fn page_of_css(label: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = label;
    while let Some((at, name, counter)) = [("{n}", "counter(page)"), ("{total}", "counter(pages)")]
        .into_iter()
        .filter_map(|(name, counter)| rest.find(name).map(|at| (at, name, counter)))
        .min()
    {
        if at > 0 {
            parts.push(format!("\"{}\"", css_string(&rest[..at])));
        }
        parts.push(counter.to_string());
        rest = &rest[at + name.len()..];
    }
    if !rest.is_empty() || parts.is_empty() {
        parts.push(format!("\"{}\"", css_string(rest)));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::page_of_css;

    #[test]
    fn page_of_m_splits_the_label_around_the_counters() {
        assert_eq!(
            page_of_css("page {n} of {total}"),
            r#""page " counter(page) " of " counter(pages)"#
        );
        assert_eq!(
            page_of_css("Seite {n} von {total}"),
            r#""Seite " counter(page) " von " counter(pages)"#
        );
        // Any order, text after the last counter, and no way out of the CSS string.
        assert_eq!(
            page_of_css("{total}: \"{n}\""),
            r#"counter(pages) "\3a  \22 " counter(page) "\22 ""#
        );
    }
}
