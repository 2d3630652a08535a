//! The investment asks as cost against residual risk: one line per ask through its good, better
//! and best options, the recommended option a diamond.
//!
//! Cost is linear from zero, the honest scale for money; residual risk is three bands, and asks
//! that share a band are nudged apart vertically so their lines stay separate. Each line has its own
//! colour and dash pattern, named in the legend above the plot with the diamond ("recommended
//! option"): labels beside the points collided as soon as two asks had similar costs.

use super::draw::{self, dashed, text, Area, DrawResult, Rect, Scale, SMALL};
use super::format::nice_ticks;
use super::{palette, render, Chart};
use crate::format::Format;
use crate::model::types::{Investment, Quarter, Residual, Tier};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

const W: i32 = 360;
/// The chart's height less the legend rows: the plot, its axis labels and the caption.
const PLOT_H: i32 = 170;
const LEVELS: [(Residual, &str); 3] = [
    (Residual::High, "word_high"),
    (Residual::Medium, "word_medium"),
    (Residual::Low, "word_low"),
];
const TIERS: [Tier; 3] = [Tier::Good, Tier::Better, Tier::Best];

pub(crate) fn investments(q: &Quarter, fmt: &Format) -> Option<Chart> {
    if q.investments.is_empty() {
        return None;
    }
    let title = fmt.t("investments_title").to_string();
    let desc = describe(&q.investments, fmt);
    // The legend is laid out first: every row it needs makes the chart taller, not the plot shorter.
    let legend = legend_layout(&q.investments, fmt);
    let rows = legend
        .as_ref()
        .map_or(1, |e| e.last().map_or(1, |(_, _, (_, y))| (y - 8) / 15 + 1));
    let h = PLOT_H + 15 * rows;
    Some(render(
        "investments".into(),
        title,
        desc,
        (W as u32, h as u32),
        |area| {
            let legend = legend?;
            paint(area, &q.investments, fmt, &legend, h)
        },
    ))
}

fn describe(asks: &[Investment], fmt: &Format) -> String {
    let each: Vec<String> = asks
        .iter()
        .map(|inv| {
            let options: Vec<String> = TIERS
                .iter()
                .map(|&t| {
                    let o = inv.options.get(t);
                    let residual = o.residual_risk.map_or_else(
                        || fmt.t("residual_not_stated").to_string(),
                        |r| fmt.word_in_text(r.as_str()),
                    );
                    let key = if t == inv.recommended {
                        "investments_desc_option_recommended"
                    } else {
                        "investments_desc_option"
                    };
                    fmt.tf(
                        key,
                        &[
                            ("tier", &fmt.word_in_text(t.as_str())),
                            ("cost", &fmt.money(o.cost)),
                            ("residual", &residual),
                        ],
                    )
                })
                .collect();
            format!("{}: {}", inv.id, options.join(", "))
        })
        .collect();
    fmt.tf("investments_desc", &[("asks", &each.join("; "))])
}

fn band_centre(plot: &Rect, r: Residual) -> i32 {
    let band = (plot.y1 - plot.y0) / 3;
    let row = LEVELS.iter().position(|(l, _)| *l == r).unwrap_or(1) as i32;
    plot.y0 + band * row + band / 2
}

/// Each ask's plotted options in tier order: (tier, pixel position).
fn positions(asks: &[Investment], plot: &Rect, xs: &Scale) -> Vec<Vec<(Tier, (i32, i32))>> {
    let n = asks.len() as i32;
    let step = ((plot.y1 - plot.y0) / 3 * 7 / 10 / n.max(1)).min(10);
    asks.iter()
        .enumerate()
        .map(|(j, inv)| {
            let nudge = (2 * j as i32 - (n - 1)) * step / 2;
            TIERS
                .iter()
                .filter_map(|&t| {
                    let o = inv.options.get(t);
                    o.residual_risk
                        .map(|r| (t, (xs.at(o.cost), band_centre(plot, r) + nudge)))
                })
                .collect()
        })
        .collect()
}

fn paint(area: &Area, asks: &[Investment], fmt: &Format, legend: &[Entry], h: i32) -> DrawResult {
    draw_legend(area, legend)?;
    let plot = Rect {
        x0: 66,
        y0: h - PLOT_H + 8,
        x1: W - 10,
        y1: h - 36,
    };
    let most = asks
        .iter()
        .flat_map(|i| TIERS.iter().map(|&t| i.options.get(t).cost))
        .filter(|c| c.is_finite())
        .fold(0.0, f64::max);
    let top = if most > 0.0 { most * 1.1 } else { 1.0 };
    let xs = Scale {
        d0: 0.0,
        d1: top,
        r0: plot.x0 + 8,
        r1: plot.x1 - 8,
    };
    axes(area, &plot, &xs, fmt, h)?;

    let lines = positions(asks, &plot, &xs);
    if lines.iter().all(Vec::is_empty) {
        let centre = ((plot.x0 + plot.x1) / 2, (plot.y0 + plot.y1) / 2);
        return text(
            area,
            fmt.t("no_residual_stated"),
            centre,
            SMALL,
            &palette::INK_SOFT,
            HPos::Center,
        );
    }
    for (j, points) in lines.iter().enumerate() {
        for pair in points.windows(2) {
            stroke(area, j, pair[0].1, pair[1].1)?;
        }
    }
    for (j, (inv, points)) in asks.iter().zip(&lines).enumerate() {
        let colour = palette::SERIES[j % palette::SERIES.len()];
        for &(tier, at) in points {
            if tier == inv.recommended {
                diamond(area, at, 8, &colour)?;
            } else {
                area.draw(&Circle::new(at, 4, colour.filled()))?;
            }
        }
    }
    Ok(())
}

/// Ask `j`'s line: its own colour and its own dash pattern (solid, dashed, dotted).
fn stroke(area: &Area, j: usize, a: (i32, i32), b: (i32, i32)) -> DrawResult {
    let style = palette::SERIES[j % palette::SERIES.len()].stroke_width(2);
    match j % 3 {
        0 => {
            area.draw(&PathElement::new(vec![a, b], style))?;
            Ok(())
        }
        1 => dashed(area, a, b, 7, 4, style),
        _ => dashed(area, a, b, 2, 3, style),
    }
}

fn diamond(area: &Area, (x, y): (i32, i32), r: i32, fill: &RGBColor) -> DrawResult {
    let corners = vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y), (x, y - r)];
    area.draw(&Polygon::new(corners.clone(), fill.filled()))?;
    area.draw(&PathElement::new(corners, palette::INK.stroke_width(1)))?;
    Ok(())
}

/// A legend entry: the ask's index (none for the recommended marker), its text, where it starts.
type Entry = (Option<usize>, String, (i32, i32));

/// One entry per ask (its line sample and id) and one for the recommended marker, flowed into as
/// many rows as they need.
fn legend_layout(asks: &[Investment], fmt: &Format) -> Result<Vec<Entry>, String> {
    let mut labels: Vec<(Option<usize>, String)> = Vec::with_capacity(asks.len() + 1);
    for (j, inv) in asks.iter().enumerate() {
        labels.push((Some(j), draw::fit(&inv.id, SMALL, 120)?));
    }
    labels.push((None, fmt.t("recommended_option").to_string()));
    let (mut x, mut y) = (2, 8);
    let mut out = Vec::with_capacity(labels.len());
    for (j, label) in labels {
        let w = 22 + draw::text_width(&label, SMALL)?;
        if x > 2 && x + w > W - 2 {
            (x, y) = (2, y + 15);
        }
        out.push((j, label, (x, y)));
        x += w + 14;
    }
    Ok(out)
}

fn draw_legend(area: &Area, entries: &[Entry]) -> DrawResult {
    for (j, label, (x, y)) in entries {
        match j {
            Some(j) => stroke(area, *j, (*x, *y), (x + 18, *y))?,
            None => diamond(area, (x + 9, *y), 5, &palette::RULE)?,
        }
        text(area, label, (x + 22, *y), SMALL, &palette::INK, HPos::Left)?;
    }
    Ok(())
}

fn axes(area: &Area, plot: &Rect, xs: &Scale, fmt: &Format, h: i32) -> DrawResult {
    let band = (plot.y1 - plot.y0) / 3;
    for (k, (level, key)) in LEVELS.iter().enumerate() {
        let name = fmt.t(key);
        if k > 0 {
            let edge = plot.y0 + band * k as i32;
            area.draw(&PathElement::new(
                vec![(plot.x0, edge), (plot.x1, edge)],
                palette::GRID.stroke_width(1),
            ))?;
        }
        text(
            area,
            name,
            (plot.x0 - 6, band_centre(plot, *level)),
            SMALL,
            &palette::INK,
            HPos::Right,
        )?;
    }
    draw::text_up(
        area,
        fmt.t("axis_residual_risk"),
        (8, (plot.y0 + plot.y1) / 2),
        SMALL,
        &palette::INK_SOFT,
    )?;
    let (ticks, _) = nice_ticks(xs.d0, xs.d1, 4);
    let mut labels = draw::AxisLabels::new(plot.y1 + 11, W);
    for t in ticks {
        let x = xs.at(t);
        area.draw(&PathElement::new(
            vec![(x, plot.y1), (x, plot.y1 + 3)],
            palette::RULE.stroke_width(1),
        ))?;
        labels.place(area, &fmt.money(t), x)?;
    }
    area.draw(&PathElement::new(
        vec![(plot.x0, plot.y1), (plot.x1, plot.y1)],
        palette::RULE.stroke_width(1),
    ))?;
    area.draw(&PathElement::new(
        vec![(plot.x0, plot.y0), (plot.x0, plot.y1)],
        palette::RULE.stroke_width(1),
    ))?;
    text(
        area,
        fmt.t("axis_cost"),
        ((plot.x0 + plot.x1) / 2, h - 8),
        SMALL,
        &palette::INK_SOFT,
        HPos::Center,
    )
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn none_without_asks() {
        assert!(investments(&quarter("2026-Q3"), &Format::new("USD")).is_none());
    }

    #[test]
    fn lines_ids_and_the_recommendation() {
        let (q, _, _) = busy_quarter();
        let c = investments(&q, &Format::new("USD")).unwrap();
        assert_eq!(c.svg.matches(">\nrecommended option\n<").count(), 1);
        assert_eq!(
            c.svg.matches("<polygon").count(),
            3 + 1,
            "a diamond per ask and one in the legend"
        );
        for id in ["INV-003", "INV-004", "INV-005"] {
            assert!(c.svg.contains(&format!(">\n{id}\n<")), "{id}");
        }
        assert!(c.svg.contains(">\n$500k\n<") && c.svg.contains(">\n$1M\n<"));
        assert!(c.desc.contains(
            "INV-003: good $180k (high), better $420k (medium, recommended), best $750k (low)"
        ));
        assert_eq!(c, investments(&q, &Format::new("USD")).unwrap());
    }

    #[test]
    fn options_without_residual_risk_are_left_out() {
        let mut q = quarter("2026-Q3").investment(
            investment("INV-1")
                .costs([1.0, 2.0, 3.0])
                .residuals([None, Some(Residual::Low), None])
                .recommended(Tier::Good),
        );
        let c = investments(&q, &Format::new("EUR")).unwrap();
        assert!(c.svg.contains(">\nINV-1\n<"));
        assert_eq!(
            c.svg.matches("<polygon").count(),
            1,
            "only the legend's diamond"
        );
        assert!(c
            .desc
            .contains("good €1 (residual risk not stated, recommended)"));
        q.investments[0].options.better.residual_risk = None;
        let c = investments(&q, &Format::new("EUR")).unwrap();
        assert!(c.svg.contains("No residual risk stated"));
    }

    #[test]
    fn many_asks_make_the_legend_and_chart_taller() {
        let mut q = quarter("2026-Q3");
        q.investments = (0..12)
            .map(|n| {
                investment(&format!("INV-{n:03}"))
                    .costs([1e3, 2e3, 3e3])
                    .residuals(HIGH_MEDIUM_LOW)
                    .recommended(Tier::Better)
            })
            .collect();
        let c = investments(&q, &Format::new("USD")).unwrap();
        assert!(!c.svg.contains("chart unavailable"));
        assert!(
            !c.svg.contains("height=\"200\""),
            "12 ids need more than two legend rows"
        );
        assert_eq!(c.svg.matches(">\nINV-0").count(), 12);
    }

    #[test]
    fn extreme_costs_and_hostile_ids() {
        let q = quarter("2026-Q3")
            .investment(
                investment("INV-<script>")
                    .costs([0.0, 0.0, 1e12])
                    .residuals(HIGH_MEDIUM_LOW)
                    .recommended(Tier::Best),
            )
            .investment(
                investment("INV-2")
                    .costs([0.0, 0.0, 0.0])
                    .residuals(HIGH_MEDIUM_LOW)
                    .recommended(Tier::Good),
            );
        let c = investments(&q, &Format::new("USD")).unwrap();
        assert!(!c.svg.contains("chart unavailable") && !c.svg.contains("<script>"));
        assert!(c.svg.contains("INV-&lt;script&gt;") && c.svg.contains("$1T"));
    }
}
