//! The portfolio's loss exceedance curve: the chance a year of losing at least an amount, over a
//! log-scaled money axis (losses span orders of magnitude; a linear axis would crush all but the
//! largest). The 1-in-20 loss is marked where the curve crosses 5%, and the board's tolerance
//! points, when it has set them, are drawn over the curve.

use super::draw::{self, dashed, text, Area, AxisLabels, DrawResult, Rect, Scale, SMALL};
use super::format::nice_ticks;
use super::{palette, render, Chart};
use crate::format::Format;
use crate::model::money::{CurvePoint, Portfolio, ToleranceCheck};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

const W: i32 = 560;
const H: i32 = 250;
const PLOT: Rect = Rect {
    x0: 64,
    y0: 14,
    x1: W - 16,
    y1: H - 46,
};

/// `charts/loss.svg`, with the board's tolerance points (`p.tolerance`) over the curve; none for
/// a quarter without a portfolio (no open risk with `loss`) or whose trials lost nothing.
pub(crate) fn loss_curve(p: &Portfolio, fmt: &Format) -> Option<Chart> {
    let tolerance: Vec<Point> = p.tolerance.iter().map(Point::of).collect();
    let tolerance = &tolerance[..];
    let (first, last) = (p.curve.first()?, p.curve.last()?);
    // Whole decades, wide enough for the tolerance points too.
    let decade = |amount: f64| libm::log10(amount);
    let xs = LogScale {
        lo: tolerance
            .iter()
            .map(|t| libm::floor(decade(t.amount)))
            .fold(decade(first.amount), f64::min),
        hi: tolerance
            .iter()
            .map(|t| libm::ceil(decade(t.amount)))
            .fold(decade(last.amount), f64::max),
    };
    let top = p
        .curve
        .iter()
        .map(|c| c.chance)
        .chain(tolerance.iter().map(|t| t.chance))
        .fold(0.05_f64, f64::max);
    let (ticks, _) = nice_ticks(0.0, (top * 1.1).min(1.0), 4);
    let ys = Scale {
        d0: 0.0,
        d1: ticks.last().copied().unwrap_or(1.0).max(top),
        r0: PLOT.y1,
        r1: PLOT.y0,
    };
    Some(render(
        "loss".into(),
        fmt.t("loss_curve_title").to_string(),
        describe(p, fmt),
        (W as u32, H as u32),
        |area| {
            axes(area, &xs, &ys, &ticks, fmt)?;
            curve(area, &p.curve, &xs, &ys)?;
            one_in_20(area, p, &xs, &ys, fmt)?;
            tolerance_points(area, tolerance, &xs, &ys, fmt)
        },
    ))
}

/// A tolerance point as drawn: its amount, the chance accepted (0 to 1), and whether the curve
/// is above it there (the model's decision).
struct Point {
    amount: f64,
    chance: f64,
    above: bool,
}

impl Point {
    fn of(t: &ToleranceCheck) -> Point {
        Point {
            amount: t.point.amount,
            chance: t.point.chance(),
            above: t.is_above(),
        }
    }
}

/// Amounts to pixels through their logarithm.
struct LogScale {
    lo: f64,
    hi: f64,
}

impl LogScale {
    fn at(&self, amount: f64) -> i32 {
        Scale {
            d0: self.lo,
            d1: self.hi,
            r0: PLOT.x0,
            r1: PLOT.x1,
        }
        .at(libm::log10(amount))
    }
}

fn describe(p: &Portfolio, fmt: &Format) -> String {
    let chance = |share: f64| fmt.reading(share * 100.0, "%");
    let decades: Vec<String> = p
        .curve
        .iter()
        .step_by(20)
        .filter(|c| c.chance > 0.0)
        .map(|c| {
            fmt.tf(
                "loss_curve_desc_point",
                &[
                    ("chance", &chance(c.chance)),
                    ("amount", &fmt.money(c.amount)),
                ],
            )
        })
        .collect();
    fmt.tf(
        "loss_curve_desc",
        &[
            (
                "risks",
                &fmt.count_label("risks_count", p.risks as f64, &[]),
            ),
            ("expected", &fmt.money(p.expected_annual_loss)),
            ("one_in_20", &fmt.money(p.loss_1_in_20)),
            ("points", &decades.join("; ")),
        ],
    )
}

fn axes(area: &Area, xs: &LogScale, ys: &Scale, ticks: &[f64], fmt: &Format) -> DrawResult {
    let rule = palette::RULE.stroke_width(1);
    for &t in ticks {
        let y = ys.at(t);
        area.draw(&PathElement::new(
            vec![(PLOT.x0, y), (PLOT.x1, y)],
            palette::GRID.stroke_width(1),
        ))?;
        text(
            area,
            &fmt.reading((t * 100.0).round(), "%"),
            (PLOT.x0 - 6, y),
            SMALL,
            &palette::INK_SOFT,
            HPos::Right,
        )?;
    }
    let mut labels = AxisLabels::new(PLOT.y1 + 12, W);
    let (from, to) = (xs.lo.round() as i32, xs.hi.round() as i32);
    // 2× and 5× marks between the decades only while there is room for their labels: placed
    // left to right, a 5× label would otherwise crowd out the next decade's.
    let steps: &[f64] = if to - from > 2 {
        &[1.0]
    } else {
        &[1.0, 2.0, 5.0]
    };
    for decade in from..=to {
        for (k, &m) in steps.iter().enumerate() {
            let amount = m * libm::pow(10.0, f64::from(decade));
            if decade == to && k > 0 {
                break;
            }
            let x = xs.at(amount);
            let grid = if k == 0 {
                palette::GRID
            } else {
                palette::PAPER
            };
            area.draw(&PathElement::new(
                vec![(x, PLOT.y0), (x, PLOT.y1)],
                grid.stroke_width(1),
            ))?;
            area.draw(&PathElement::new(
                vec![(x, PLOT.y1), (x, PLOT.y1 + 3)],
                rule,
            ))?;
            labels.place(area, &fmt.money(amount), x)?;
        }
    }
    area.draw(&PathElement::new(
        vec![(PLOT.x0, PLOT.y1), (PLOT.x1, PLOT.y1)],
        rule,
    ))?;
    area.draw(&PathElement::new(
        vec![(PLOT.x0, PLOT.y0), (PLOT.x0, PLOT.y1)],
        rule,
    ))?;
    text(
        area,
        fmt.t("loss_curve_axis_x"),
        ((PLOT.x0 + PLOT.x1) / 2, H - 10),
        SMALL,
        &palette::INK_SOFT,
        HPos::Center,
    )?;
    draw::text_up(
        area,
        fmt.t("loss_curve_axis_y"),
        (10, (PLOT.y0 + PLOT.y1) / 2),
        SMALL,
        &palette::INK_SOFT,
    )
}

fn curve(area: &Area, points: &[CurvePoint], xs: &LogScale, ys: &Scale) -> DrawResult {
    let line: Vec<(i32, i32)> = points
        .iter()
        .map(|c| (xs.at(c.amount), ys.at(c.chance)))
        .collect();
    area.draw(&PathElement::new(line, palette::BLUE.stroke_width(2)))?;
    Ok(())
}

/// The 5% line and the 1-in-20 loss on it, labelled.
fn one_in_20(area: &Area, p: &Portfolio, xs: &LogScale, ys: &Scale, fmt: &Format) -> DrawResult {
    let y = ys.at(0.05);
    let x = xs.at(p.loss_1_in_20.max(libm::pow(10.0, xs.lo)));
    dashed(
        area,
        (PLOT.x0, y),
        (x, y),
        4,
        3,
        palette::INK_SOFT.stroke_width(1),
    )?;
    area.draw(&Circle::new((x, y), 4, palette::INK.filled()))?;
    let label = fmt.tf(
        "loss_curve_one_in_20",
        &[("amount", &fmt.money(p.loss_1_in_20))],
    );
    let right = x + 8 + draw::text_width(&label, SMALL)? < PLOT.x1;
    let (at, pos) = if right {
        ((x + 8, y - 9), HPos::Left)
    } else {
        ((x - 8, y - 9), HPos::Right)
    };
    text(area, &label, at, SMALL, &palette::INK, pos)
}

/// The tolerance points, joined by a dashed line: where the curve runs above it, the board is
/// carrying more than it said it accepts.
/// Each square is a point; one the curve runs above has a dark ring around it, so the mark does
/// not rest on colour alone. A key at the top right names them.
fn tolerance_points(
    area: &Area,
    points: &[Point],
    xs: &LogScale,
    ys: &Scale,
    fmt: &Format,
) -> DrawResult {
    if points.is_empty() {
        return Ok(());
    }
    let colour = palette::SERIES[1];
    let at: Vec<(i32, i32)> = points
        .iter()
        .map(|t| (xs.at(t.amount), ys.at(t.chance)))
        .collect();
    for pair in at.windows(2) {
        dashed(area, pair[0], pair[1], 6, 4, colour.stroke_width(2))?;
    }
    for (p, &(x, y)) in points.iter().zip(&at) {
        square(area, (x, y), 5, colour.filled())?;
        if p.above {
            area.draw(&Rectangle::new(
                [(x - 8, y - 8), (x + 8, y + 8)],
                palette::INK.stroke_width(2),
            ))?;
        }
    }
    let key = fmt.t("loss_curve_tolerance");
    let right = PLOT.x1 - 4;
    let left = right - draw::text_width(key, SMALL)?;
    square(area, (left - 10, PLOT.y0 + 8), 4, colour.filled())?;
    text(
        area,
        key,
        (right, PLOT.y0 + 8),
        SMALL,
        &palette::INK,
        HPos::Right,
    )
}

fn square(area: &Area, (x, y): (i32, i32), r: i32, style: ShapeStyle) -> DrawResult {
    area.draw(&Polygon::new(
        vec![
            (x - r, y - r),
            (x + r, y - r),
            (x + r, y + r),
            (x - r, y + r),
        ],
        style,
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn portfolio(decades: i32) -> Portfolio {
        // Falling from 80% at 10k to nothing `decades` decades later.
        let n = decades * 20;
        Portfolio {
            expected_annual_loss: 250_000.0,
            loss_1_in_20: 1_200_000.0,
            curve: (0..=n)
                .map(|k| CurvePoint {
                    amount: libm::pow(10.0, 4.0 + f64::from(k) / 20.0),
                    chance: 0.8 * f64::from(n - k) / f64::from(n),
                })
                .collect(),
            risks: 3,
            tolerance: Vec::new(),
        }
    }

    #[test]
    fn the_curve_its_axes_and_the_1_in_20_mark() {
        let fmt = Format::new("EUR");
        let c = loss_curve(&portfolio(2), &fmt).unwrap();
        assert_eq!(c.name, "loss");
        assert!(!c.svg.contains("chart unavailable"));
        for label in [
            "€10k",
            "€20k",
            "€50k",
            "€100k",
            "€1M",
            "1 in 20: €1.2M",
            "75%",
        ] {
            assert!(c.svg.contains(&format!(">\n{label}\n<")), "{label}");
        }
        assert!(c.desc.contains("3 risks") && c.desc.contains("expected annual loss €250k"));
        assert_eq!(c, loss_curve(&portfolio(2), &fmt).unwrap());
    }

    #[test]
    fn many_decades_are_labelled_at_the_decades_only() {
        let c = loss_curve(&portfolio(4), &Format::new("EUR")).unwrap();
        for label in ["€10k", "€100k", "€1M", "€10M", "€100M"] {
            assert!(c.svg.contains(&format!(">\n{label}\n<")), "{label}");
        }
        assert!(!c.svg.contains(">\n€20k\n<"));
    }

    #[test]
    fn tolerance_points_widen_the_axis_and_are_drawn() {
        use crate::model::money::TolerancePoint;
        let check = |amount, percent, chance| ToleranceCheck {
            point: TolerancePoint { amount, percent },
            chance,
        };
        let mut p = portfolio(2);
        // The curve is above the first point (60% at 1M against 50%), below the second.
        p.tolerance = vec![check(1e6, 50.0, 0.6), check(1e9, 1.0, 0.0)];
        let c = loss_curve(&p, &Format::new("EUR")).unwrap();
        assert!(
            c.svg.contains(">\n€1B\n<"),
            "the axis reaches the last point"
        );
        // Two points and the key's square; one ring, around the point the curve is above.
        assert_eq!(c.svg.matches("<polygon").count(), 3);
        assert_eq!(c.svg.matches("<rect").count() - portfolio_rects(), 1);
        assert!(c.svg.contains("loss tolerance"));
    }

    /// The rectangles of the chart without tolerance points (its background).
    fn portfolio_rects() -> usize {
        let c = loss_curve(&portfolio(2), &Format::new("EUR")).unwrap();
        c.svg.matches("<rect").count()
    }

    #[test]
    fn no_curve_no_chart() {
        let mut p = portfolio(2);
        p.curve.clear();
        assert!(loss_curve(&p, &Format::new("EUR")).is_none());
    }
}
