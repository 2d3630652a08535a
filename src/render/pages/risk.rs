//! Each risk's page, `risks/r-nnn/`: the risk as its latest quarter shows it, its history
//! quarter by quarter with a chart, and its story in sentences.

use super::{standalone_svg, Pages, TaskFiles};
use crate::format::Format;
use crate::model::appearances::{story, Step};
use crate::model::facts::RiskFacts;
use crate::model::scalar::QuarterId;
use crate::model::types::*;
use crate::render::money::RiskWords;
use crate::render::view::{self, ChartView};
use crate::render::Files;
use crate::render::{charts, RenderError};
use rayon::prelude::*;
use serde::Serialize;

/// Every risk of the built quarters, one task each.
pub(super) fn pages(pages: Pages, files: &mut Files) -> Result<(), RenderError> {
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
type Appearance<'a> = (&'a Quarter, &'a Risk, &'a RiskFacts);

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
    facts: &'a RiskFacts,
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

fn shown<'a>((q, r, f): Appearance<'a>, slug: String, words: &mut RiskWords) -> Shown<'a> {
    let money = r.loss.as_ref().map(|loss| {
        let (figures, ranges) = words.of(loss, f);
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
    let mut words = RiskWords::new(fmt);
    let page = RiskPage {
        id,
        slug: slug.clone(),
        title: &last.1.title,
        statement: &last.1.statement,
        latest: shown(last, slug.clone(), &mut words),
        history: appearances
            .iter()
            .map(|&a| shown(a, a.0.quarter.slug(), &mut words))
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
            .filter(|_| last.is_open())
            .map(|(score, due)| (score, due.quarter())),
    });
    charts::risk_history(id, &points, plan, &site.matrix, fmt)
}

/// The story of a risk in sentences (`model::appearances::story`): when it appeared, who owned
/// it, how its status moved.
fn changes(appearances: &[Appearance], fmt: &Format) -> Vec<String> {
    let status = |s: RiskStatus| fmt.word_in_text(s.as_str());
    let steps = story(appearances.iter().map(|(q, r, _)| (q.quarter, *r)));
    steps
        .into_iter()
        .map(|step| match step {
            Step::First {
                quarter,
                score,
                impact,
                likelihood,
            } => fmt.tf(
                "change_first",
                &[
                    ("quarter", &fmt.quarter(quarter)),
                    ("score", &score.to_string()),
                    ("impact", &impact.to_string()),
                    ("likelihood", &likelihood.to_string()),
                ],
            ),
            Step::Owner { quarter, from, to } => fmt.tf(
                "change_owner",
                &[
                    ("from", &from),
                    ("to", &to),
                    ("quarter", &fmt.quarter(quarter)),
                ],
            ),
            Step::Status { quarter, from, to } => fmt.tf(
                "change_status",
                &[
                    ("from", &status(from)),
                    ("to", &status(to)),
                    ("quarter", &fmt.quarter(quarter)),
                ],
            ),
            Step::Score { quarter, from, to } => fmt.tf(
                "change_score",
                &[
                    ("from", &from.to_string()),
                    ("to", &to.to_string()),
                    ("quarter", &fmt.quarter(quarter)),
                ],
            ),
        })
        .collect()
}
