//! Every page of the built site: each quarter's pages (`quarter`, in parallel), each risk's
//! (`risk`), and here the archive, the standing pages, how to read the scores, the risk index
//! and `404.html`, all rendered from one [`Pages`].

mod quarter;
mod risk;

use super::view;
use super::{markdown, pack_pages, pack_sections, templates, Files, Options, RenderError};
use crate::format::Format;
use crate::model::scalar::QuarterId;
use crate::model::types::*;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;
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

pub(super) fn render_all(
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
                quarter::pages(pages, page)
            })
            .collect()
    };
    let risks = || -> Result<Files, RenderError> {
        let mut files = Files::new();
        risk::pages(pages, &mut files)?;
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

/// Which quarter a [`quarter::pages`] call renders: its place among the built quarters, its index
/// in the site, and whether the home page shows it (then its pages include `index.html`).
#[derive(Clone, Copy)]
struct Page {
    pos: usize,
    i: usize,
    home: bool,
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
                "open_risks": q.facts.open_risks,
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
