//! Every page of the built site: one-pagers (in parallel), the archive, risk pages,
//! standing pages, data.json and chart files.

use super::view::{self, ChartView};
use super::{
    charts, fit, markdown, pack, pack_pages, pack_sections, templates, Files, Options, RenderError,
};
use crate::format::Format;
use crate::model::facts::MetricFacts;
use crate::model::scalar::QuarterId;
use crate::model::types::*;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use tera::{Context, Tera};

/// The latest final quarter, else (with --drafts) the latest built one.
fn latest(site: &Site, built: &[usize]) -> Option<usize> {
    let finals = built
        .iter()
        .rev()
        .find(|&&i| site.quarters[i].status == QuarterStatus::Final);
    finals.or(built.last()).copied()
}

fn json_bytes<T: Serialize>(what: &str, v: &T) -> Result<Vec<u8>, RenderError> {
    let mut s = serde_json::to_string_pretty(v).map_err(|e| RenderError::Json {
        what: what.into(),
        message: e.to_string(),
    })?;
    s.push('\n');
    Ok(s.into_bytes())
}

/// What every page of one build is rendered from.
#[derive(Clone, Copy)]
struct Pages<'a> {
    site: &'a Site,
    /// The quarters built, as indexes into `site.quarters`, oldest first.
    built: &'a [usize],
    tera: &'a Tera,
    fmt: &'a Format,
    ov: &'a templates::Overrides,
    options: Options,
    /// "How to read the scores" with h3 headings, rendered once (it depends on the settings
    /// alone) and placed in each quarter's board pack.
    scale: &'a str,
    /// The standing pages as the board pack's last section shows them.
    standing: &'a [pack_sections::StandingPage],
}

impl Pages<'_> {
    /// The context every template gets; `root` is the way back to the site root from the page.
    fn context(&self, root: &str) -> Context {
        let site = self.site;
        let mut ctx = Context::new();
        ctx.insert("site", &site.config);
        ctx.insert("appetite", &site.appetite);
        ctx.insert("roles", &site.playbook.roles);
        ctx.insert("lang", site.labels.lang());
        ctx.insert("root", root);
        let pages: Vec<_> = site
            .pages
            .iter()
            .map(|p| json!({"title": p.title, "slug": p.slug}))
            .collect();
        ctx.insert("pages", &pages);
        ctx.insert(
            "latest",
            &latest(site, self.built).map(|q| site.quarters[q].quarter.slug()),
        );
        ctx.insert("draft_build", &self.options.drafts);
        if let Some(c) = &site.config.classification {
            ctx.insert("classification_css", &css_string(c.trim()));
        }
        ctx
    }

    /// `template` rendered with `ctx`, as the bytes of a file.
    fn render(&self, template: &str, ctx: &Context) -> Result<Vec<u8>, RenderError> {
        Ok(templates::render(self.tera, template, ctx, self.ov)?.into_bytes())
    }
}

pub fn render_all(
    site: &Site,
    tera: &Tera,
    fmt: &Format,
    ov: &templates::Overrides,
    options: Options,
    files: &mut Files,
) -> Result<Vec<QuarterId>, RenderError> {
    let built: Vec<usize> = (0..site.quarters.len())
        .filter(|&i| options.drafts || site.quarters[i].status == QuarterStatus::Final)
        .collect();
    let standing = standing_pages(site);
    let mut pages = Pages {
        site,
        built: &built,
        tera,
        fmt,
        ov,
        options,
        scale: "",
        standing: &standing,
    };
    let scale = scale_section(pages, 3)?;
    pages.scale = &scale;
    let pages = pages;
    // The home page is the latest final one-pager, rendered again with links from the root.
    let home = latest(site, &built);
    let quarters = || -> Result<Vec<TaskFiles>, RenderError> {
        built
            .par_iter()
            .enumerate()
            .map(|(pos, &i)| {
                let page = Page {
                    pos,
                    i,
                    home: home == Some(i),
                };
                quarter_pages(pages, page)
            })
            .collect()
    };
    let risks = || -> Result<Files, RenderError> {
        let mut files = Files::new();
        risk_pages(pages, &mut files)?;
        Ok(files)
    };
    let others = || -> (Result<Files, RenderError>, Result<Files, RenderError>) {
        let (mut archived, mut rest) = (Files::new(), Files::new());
        let archived = archive(pages, &mut archived).map(|()| archived);
        (archived, site_pages(pages, &mut rest).map(|()| rest))
    };
    // The risk pages and the site's other pages need nothing from the quarters' pages: all
    // three are rendered at once, so no core waits for the last quarter. With several broken
    // templates, the error reported is the first in page order, whichever thread met it first.
    let (rendered, (risk_files, (archive_files, other_files))) =
        rayon::join(quarters, || rayon::join(risks, others));
    merge(files, rendered?.into_iter().flatten())?;
    if home.is_none() {
        let mut ctx = pages.context("");
        ctx.insert(
            "page",
            &json!({"title": fmt.t("no_final_title"), "slug": "", "html": fmt.t("no_final_html")}),
        );
        files.insert("index.html".into(), pages.render("page.html", &ctx)?);
    }
    merge(files, archive_files?)?;
    merge(files, risk_files?)?;
    merge(files, other_files?)?;
    Ok(built.iter().map(|&i| site.quarters[i].quarter).collect())
}

/// Adds the files of one part of the site to the rest. Two parts never write the same path
/// (`model` refuses a page that takes an address the site uses); if one ever did, the build
/// stops rather than let one page silently replace another.
fn merge(
    files: &mut Files,
    more: impl IntoIterator<Item = (String, Vec<u8>)>,
) -> Result<(), RenderError> {
    for (path, bytes) in more {
        if files.contains_key(&path) {
            return Err(RenderError::Collision { path });
        }
        files.insert(path, bytes);
    }
    Ok(())
}

/// How to read the scores (`scale_section.html`) with headings at `level`: 2 on its own page, 3
/// in the board pack under the section's h2.
fn scale_section(pages: Pages, level: u8) -> Result<String, RenderError> {
    let mut ctx = pages.context("");
    ctx.insert("scale", &view::scale_view(pages.site));
    ctx.insert("level", &level);
    templates::render(pages.tera, "scale_section.html", &ctx, pages.ov)
}

/// The standing pages as the last section of every quarter's board pack: two folders down, so
/// their relative addresses get one more `../`; their headings under the page's title (h3), and
/// their ids (footnotes) prefixed with the page's, so that pages side by side never share one.
fn standing_pages(site: &Site) -> Vec<pack_sections::StandingPage> {
    site.pages
        .iter()
        .map(|p| {
            let prefix = pack_sections::page_id(&p.slug);
            let html = markdown::to_html_in(&p.markdown, Some(4), "../")
                .replace(" id=\"", &format!(" id=\"{prefix}-"))
                .replace(" href=\"#", &format!(" href=\"#{prefix}-"));
            pack_sections::StandingPage {
                slug: p.slug.clone(),
                title: p.title.clone(),
                html,
            }
        })
        .collect()
}

/// `risks/index.html`, `risks/scale/index.html` (how to read the scores: one page for the site,
/// since the settings are), the standing pages and `404.html`.
fn site_pages(pages: Pages, files: &mut Files) -> Result<(), RenderError> {
    let Pages { site, built, .. } = pages;
    let mut ctx = pages.context("../../");
    ctx.insert("section", &scale_section(pages, 2)?);
    files.insert(
        "risks/scale/index.html".into(),
        pages.render("scale.html", &ctx)?,
    );
    let pairs: Vec<_> = built
        .iter()
        .map(|&i| (&site.quarters[i], &site.quarters[i].facts))
        .collect();
    let (path, bytes) = pack_pages::risk_index(pages.context("../"), &pairs, pages.tera, pages.ov)?;
    files.insert(path, bytes);
    for p in &site.pages {
        let mut ctx = pages.context("../");
        ctx.insert("page", &json!({"title": p.title, "slug": p.slug, "html": markdown::to_html(&p.markdown, true)}));
        files.insert(
            format!("{}/index.html", p.slug),
            pages.render("page.html", &ctx)?,
        );
    }
    let mut ctx = pages.context(&site.config.base_url);
    ctx.insert("root", &site.config.base_url);
    files.insert("404.html".into(), pages.render("404.html", &ctx)?);
    Ok(())
}

/// The files one task renders (a quarter's pages and charts, a risk's page), path and bytes.
type TaskFiles = Vec<(String, Vec<u8>)>;

/// Which quarter a [`quarter_pages`] call renders: its place among the built quarters, its index
/// in the site, and whether the home page shows it (then its pages include `index.html`).
#[derive(Clone, Copy)]
struct Page {
    pos: usize,
    i: usize,
    home: bool,
}

/// A quarter's pages: its charts' files, `data.json`, the one-pager (and the home page when
/// it is the latest), and the board pack's pages.
fn quarter_pages(pages: Pages, page: Page) -> Result<TaskFiles, RenderError> {
    let Pages { site, fmt, .. } = pages;
    let i = page.i;
    let q = &site.quarters[i];
    let f = &q.facts;
    let slug = q.quarter.slug();
    let previous = i.checked_sub(1).map(|p| site.quarters[p].quarter);
    let data = view::quarter_view(site, q, f, previous);
    let pack = pack::pack_view(
        q,
        f,
        &site.quarters[..i],
        site.quarters.get(i + 1),
        &site.appetite,
    );
    let charts = QuarterCharts::draw(site, q, pack.next_meeting.date, fmt);
    let money = super::money::money_view(q, f, fmt);

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
            .map(|s| super::since::since_text(s, fmt)),
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

/// The inside of a CSS string: anything but letters, digits and spaces as a hex escape, so no
/// quote, backslash or `</style>` can end the string or the style element.
fn css_string(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' {
                c.to_string()
            } else {
                format!("\\{:x} ", c as u32)
            }
        })
        .collect()
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

/// A chart file opened on its own needs the XML prolog, and the embedded font its labels were
/// measured with (inline, the page's stylesheet provides it). Files live at `YYYY-qN/charts/`.
fn standalone_svg(svg: &str) -> Vec<u8> {
    const PROLOG: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    const FONT: &str = "<style>@font-face{font-family:\"Inter\";src:url(\"../../assets/fonts/Inter-Regular.otf\")}text{font-family:\"Inter\",sans-serif}</style>";
    let at = svg.find("</desc>").map_or(0, |i| i + "</desc>".len());
    let mut out = String::with_capacity(PROLOG.len() + svg.len() + FONT.len() + 1);
    out.push_str(PROLOG);
    out.push_str(&svg[..at]);
    if at > 0 {
        out.push_str(FONT);
    }
    out.push_str(&svg[at..]);
    out.push('\n');
    out.into_bytes()
}

fn archive(pages: Pages, files: &mut Files) -> Result<(), RenderError> {
    let Pages { site, built, .. } = pages;
    let quarters: Vec<_> = built
        .iter()
        .rev()
        .map(|&i| {
            let q = &site.quarters[i];
            let metrics = view::metric_views(site, q, &q.facts);
            json!({
                "quarter": q.quarter, "slug": q.quarter.slug(), "status": q.status,
                "board_meeting": q.board_meeting, "headline": q.headline,
                "top_risks": q.facts.top_risks.len(),
                "risks": q.risks.len(),
                "open_risks": q.risks.iter().filter(|r| r.status != RiskStatus::Closed).count(),
                "metrics": metrics,
                "restatements": q.published.as_ref().map_or(&[][..], |p| &p.restatements[..]),
            })
        })
        .collect();
    let mut ctx = pages.context("../");
    ctx.insert("quarters", &quarters);
    files.insert(
        "archive/index.html".into(),
        pages.render("archive.html", &ctx)?,
    );
    Ok(())
}

fn risk_pages(pages: Pages, files: &mut Files) -> Result<(), RenderError> {
    let Pages { site, built, .. } = pages;
    let mut ids: Vec<&str> = built
        .iter()
        .flat_map(|&i| site.quarters[i].risks.iter().map(|r| r.id.as_str()))
        .collect();
    ids.sort_by_key(|id| crate::model::scalar::id_key(id));
    ids.dedup();
    // One task per risk, like the quarters: each draws a chart and renders a page.
    let pages: Vec<TaskFiles> = ids
        .par_iter()
        .map(|id| risk_page(pages, id))
        .collect::<Result<_, _>>()?;
    files.extend(pages.into_iter().flatten());
    Ok(())
}

/// A risk in one of the quarters it appears in, with its facts there.
type Appearance<'a> = (&'a Quarter, &'a Risk, &'a crate::model::facts::RiskFacts);

/// The `risk` of `risk.html`.
#[derive(Serialize)]
struct RiskPage<'a> {
    id: &'a str,
    slug: String,
    /// The latest quarter's.
    title: &'a str,
    statement: &'a str,
    latest: Shown<'a>,
    /// Oldest first.
    history: Vec<Shown<'a>>,
    changes: Vec<String>,
    /// Whether any quarter has `loss`.
    has_loss: bool,
    chart: ChartView<'a>,
}

/// The risk as a quarter showed it (as in `q.risks`), with that quarter and, when it has `loss`,
/// its money at risk in words.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    risk: &'a Risk,
    #[serde(flatten)]
    facts: &'a crate::model::facts::RiskFacts,
    quarter: QuarterId,
    /// In `latest` the risk's page (as in `q.risks`); in `history` the quarter's folder.
    slug: String,
    /// The template tests `is defined`.
    #[serde(skip_serializing_if = "Option::is_none")]
    money: Option<MoneyWords>,
}

#[derive(Serialize)]
struct MoneyWords {
    figures: String,
    ranges: String,
}

fn shown<'a>((q, r, f): Appearance<'a>, slug: String, fmt: &Format) -> Shown<'a> {
    let money = r.loss.as_ref().map(|loss| {
        let (figures, ranges) = super::money::in_words(loss, f, fmt);
        MoneyWords { figures, ranges }
    });
    Shown {
        risk: r,
        facts: f,
        quarter: q.quarter,
        slug,
        money,
    }
}

/// A risk's page and its history chart; nothing when no built quarter has the risk.
fn risk_page(pages: Pages, id: &str) -> Result<TaskFiles, RenderError> {
    let Pages {
        site, built, fmt, ..
    } = pages;
    let appearances: Vec<Appearance> = built
        .iter()
        .filter_map(|&i| {
            let q = &site.quarters[i];
            let k = q.risks.iter().position(|r| r.id == id)?;
            Some((q, &q.risks[k], &q.facts.risks[k]))
        })
        .collect();
    let Some(&last) = appearances.last() else {
        return Ok(Vec::new());
    };
    let chart = history_chart(site, id, &appearances, fmt);
    let slug = view::risk_slug(id);
    let page = RiskPage {
        id,
        slug: slug.clone(),
        title: &last.1.title,
        statement: &last.1.statement,
        latest: shown(last, slug.clone(), fmt),
        history: appearances
            .iter()
            .map(|&a| shown(a, a.0.quarter.slug(), fmt))
            .collect(),
        changes: changes(&appearances, fmt),
        has_loss: appearances.iter().any(|(_, r, _)| r.loss.is_some()),
        chart: ChartView {
            file: Some("history.svg".into()),
            ..ChartView::from(&chart)
        },
    };
    let mut ctx = pages.context("../../");
    ctx.insert("risk", &page);
    Ok(vec![
        (
            format!("risks/{slug}/index.html"),
            pages.render("risk.html", &ctx)?,
        ),
        (
            format!("risks/{slug}/history.svg"),
            standalone_svg(&chart.svg),
        ),
    ])
}

/// The risk's score across the quarters it appears in, with where the latest is headed.
fn history_chart(site: &Site, id: &str, appearances: &[Appearance], fmt: &Format) -> charts::Chart {
    let points: Vec<(QuarterId, u8)> = appearances
        .iter()
        .map(|(q, _, f)| (q.quarter, f.score))
        .collect();
    let plan = appearances.last().map(|(_, last, last_f)| charts::Latest {
        band: last_f.band,
        inherent: last_f.inherent_score,
        target: last_f
            .target_score
            .zip(last.due)
            .filter(|_| last.status != RiskStatus::Closed)
            .map(|(score, due)| (score, due.quarter())),
    });
    charts::risk_history(id, &points, plan, &site.matrix, fmt)
}

/// The story of a risk in sentences: when it appeared, who owned it, how its status moved.
fn changes(appearances: &[Appearance], fmt: &Format) -> Vec<String> {
    let status = |s: &str| fmt.word_in_text(s);
    let mut out = Vec::new();
    if let Some((q, r, _)) = appearances.first() {
        out.push(fmt.tf(
            "change_first",
            &[
                ("quarter", &fmt.quarter(q.quarter)),
                ("score", &r.score().to_string()),
                ("impact", &r.impact.to_string()),
                ("likelihood", &r.likelihood.to_string()),
            ],
        ));
    }
    for pair in appearances.windows(2) {
        let ((_, a, _), (q, b, _)) = (pair[0], pair[1]);
        let quarter = fmt.quarter(q.quarter);
        if a.owner != b.owner {
            out.push(fmt.tf(
                "change_owner",
                &[("from", &a.owner), ("to", &b.owner), ("quarter", &quarter)],
            ));
        }
        if a.status != b.status {
            out.push(fmt.tf(
                "change_status",
                &[
                    ("from", &status(a.status.as_str())),
                    ("to", &status(b.status.as_str())),
                    ("quarter", &quarter),
                ],
            ));
        }
        if a.score() != b.score() {
            out.push(fmt.tf(
                "change_score",
                &[
                    ("from", &a.score().to_string()),
                    ("to", &b.score().to_string()),
                    ("quarter", &quarter),
                ],
            ));
        }
    }
    out
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
