//! A metric's small trend line over the last quarters: the target as a dashed line, the latest
//! reading emphasised and labelled, and only as many axis labels as fit without touching.

use super::draw::{self, dashed, text, text_box, Area, DrawResult, Rect, Scale, SMALL};
use super::format::{nice_ticks, quarter_ordinal};
use super::{palette, render, Chart};
use crate::format::Format;
use crate::model::facts::{self, MetricFacts};
use crate::model::scalar::QuarterId;
use crate::model::types::{Better, Metric};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

const W: i32 = 240;
const H: i32 = 112;
/// The key takes the first 16 pixels.
const TOP: i32 = 22;
const BOTTOM: i32 = 20;
const RIGHT: i32 = 10;

pub(crate) fn metric_trend(m: &Metric, f: &MetricFacts, fmt: &Format) -> Chart {
    let title = fmt.tf("trend_title", &[("metric", &m.name)]);
    render(
        format!("trend-{}", m.id),
        title,
        describe(m, f, fmt),
        (W as u32, H as u32),
        |area| paint(area, m, f, fmt),
    )
}

fn describe(m: &Metric, f: &MetricFacts, fmt: &Format) -> String {
    let polarity = fmt.t(match m.better {
        Better::Higher => "trend_higher_better",
        Better::Lower => "trend_lower_better",
    });
    let head = [
        ("metric", m.name.as_str()),
        ("unit", &m.unit),
        ("polarity", polarity),
    ];
    let (Some(first), Some(last)) = (f.history.first(), f.history.last()) else {
        return fmt.tf("trend_desc_empty", &head);
    };
    let number = |v: f64| fmt.number(v);
    let target = match m.target {
        Some(t) if facts::target_met(m.better, t, last.1) => {
            fmt.tf("trend_desc_target_met", &[("target", &number(t))])
        }
        Some(t) => fmt.tf("trend_desc_target_missed", &[("target", &number(t))]),
        None => String::new(),
    };
    if f.history.len() == 1 {
        let mut args = head.to_vec();
        let (value, quarter) = (number(last.1), fmt.quarter(last.0));
        args.extend([
            ("value", value.as_str()),
            ("quarter", &quarter),
            ("target", &target),
        ]);
        return fmt.tf("trend_desc_one", &args);
    }
    let lowest = f.history.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let highest = f
        .history
        .iter()
        .map(|p| p.1)
        .fold(f64::NEG_INFINITY, f64::max);
    let (first_q, last_q) = (fmt.quarter(first.0), fmt.quarter(last.0));
    let (latest, lowest, highest) = (number(last.1), number(lowest), number(highest));
    let n = f.history.len().to_string();
    let mut args = head.to_vec();
    args.extend([
        ("first", first_q.as_str()),
        ("last", &last_q),
        ("latest", &latest),
        ("lowest", &lowest),
        ("highest", &highest),
        ("n", &n),
        ("target", &target),
    ]);
    fmt.tf("trend_desc", &args)
}

/// The value range to draw: the readings and the target, padded so neither touches an edge, and not
/// below zero when nothing is.
fn y_domain(values: &[f64]) -> (f64, f64) {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 1.0);
    }
    let span = hi - lo;
    let pad = if span > 0.0 {
        span * 0.15
    } else if hi != 0.0 {
        hi.abs() * 0.01
    } else {
        1.0
    };
    let floor = if lo >= 0.0 {
        (lo - pad).max(0.0)
    } else {
        lo - pad
    };
    (floor, hi + pad)
}

/// The readings as (quarter on a continuous axis, value), finite ones only.
pub(super) fn points(f: &MetricFacts) -> Vec<(f64, f64)> {
    f.history
        .iter()
        .filter(|p| p.1.is_finite())
        .map(|(q, v)| (quarter_ordinal(*q), *v))
        .collect()
}

fn paint(area: &Area, m: &Metric, f: &MetricFacts, fmt: &Format) -> DrawResult {
    let points = points(f);
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return text(
            area,
            fmt.t("trend_no_readings"),
            (W / 2, H / 2),
            SMALL,
            &palette::INK_SOFT,
            HPos::Center,
        );
    };
    let target = m.target.filter(|t| t.is_finite());
    let values: Vec<f64> = points.iter().map(|p| p.1).chain(target).collect();
    let (lo, hi) = y_domain(&values);
    let (ticks, step) = nice_ticks(lo, hi, 3);
    let labels: Vec<String> = ticks.iter().map(|t| fmt.tick(*t, step)).collect();
    let widest = labels
        .iter()
        .map(|l| draw::text_width(l, SMALL))
        .try_fold(0, |a, w| w.map(|w| a.max(w)))?;
    let plot = Rect {
        x0: widest.clamp(12, 80) + 8,
        y0: TOP,
        x1: W - RIGHT,
        y1: H - BOTTOM,
    };
    let ys = Scale {
        d0: lo,
        d1: hi,
        r0: plot.y1,
        r1: plot.y0,
    };
    let xs = Scale {
        d0: first.0,
        d1: last.0,
        r0: plot.x0 + 8,
        r1: plot.x1 - 4,
    };
    value_grid(area, &plot, &ys, ticks.iter().copied().zip(&labels))?;
    x_labels(area, &f.history, &xs, fmt)?;
    if let Some(t) = target {
        let y = ys.at(t);
        dashed(
            area,
            (plot.x0, y),
            (plot.x1, y),
            4,
            3,
            palette::INK_SOFT.stroke_width(1),
        )?;
    }
    let px: Vec<(i32, i32)> = points.iter().map(|(x, y)| (xs.at(*x), ys.at(*y))).collect();
    readings(area, &px)?;
    key(area, target, last.1, fmt)
}

/// A grid line and its value at each tick, and the rule along the plot's foot.
fn value_grid<'a>(
    area: &Area,
    plot: &Rect,
    ys: &Scale,
    ticks: impl Iterator<Item = (f64, &'a String)>,
) -> DrawResult {
    for (t, label) in ticks {
        let y = ys.at(t);
        area.draw(&PathElement::new(
            vec![(plot.x0, y), (plot.x1, y)],
            palette::GRID.stroke_width(1),
        ))?;
        text(
            area,
            label,
            (plot.x0 - 5, y),
            SMALL,
            &palette::INK_SOFT,
            HPos::Right,
        )?;
    }
    area.draw(&PathElement::new(
        vec![(plot.x0, plot.y1), (plot.x1, plot.y1)],
        palette::RULE.stroke_width(1),
    ))?;
    Ok(())
}

/// The line through the readings at `px`, a dot on each, the latest emphasised.
fn readings(area: &Area, px: &[(i32, i32)]) -> DrawResult {
    if px.len() > 1 {
        area.draw(&PathElement::new(
            px.to_vec(),
            palette::BLUE.stroke_width(2),
        ))?;
    }
    let (&latest, earlier) = px.split_last().unwrap_or((&(0, 0), &[]));
    for &p in earlier {
        area.draw(&Circle::new(p, 2, palette::BLUE.filled()))?;
    }
    area.draw(&Circle::new(latest, 6, palette::PAPER.filled()))?;
    area.draw(&Circle::new(latest, 4, palette::BLUE.filled()))?;
    Ok(())
}

/// The key sits above the plot, where no line can run into it: the target's dash and value on the
/// left, the latest reading's dot and value on the right.
fn key(area: &Area, target: Option<f64>, latest: f64, fmt: &Format) -> DrawResult {
    let y = 8;
    if let Some(t) = target {
        dashed(
            area,
            (1, y),
            (15, y),
            4,
            3,
            palette::INK_SOFT.stroke_width(1),
        )?;
        text(
            area,
            &fmt.tf("trend_target", &[("value", &fmt.compact(t))]),
            (19, y),
            SMALL,
            &palette::INK,
            HPos::Left,
        )?;
    }
    let label = fmt.tf("trend_latest", &[("value", &fmt.compact(latest))]);
    let w = draw::text_width(&label, SMALL)?;
    area.draw(&Circle::new((W - 2 - w - 8, y), 4, palette::BLUE.filled()))?;
    text(area, &label, (W - 2, y), SMALL, &palette::INK, HPos::Right)
}

/// Quarter names under the axis: the latest, the first, then the middle, each only if it clears
/// the ones already placed.
fn x_labels(area: &Area, history: &[(QuarterId, f64)], xs: &Scale, fmt: &Format) -> DrawResult {
    let n = history.len();
    let mut order = vec![n.saturating_sub(1), 0, n / 2];
    order.dedup();
    let mut placed: Vec<Rect> = Vec::new();
    let y = H - BOTTOM + 11;
    for i in order.into_iter().filter(|&i| i < n) {
        let (q, _) = history[i];
        let label = fmt.quarter_short(q);
        let w = draw::text_width(&label, SMALL)?;
        let x = draw::centre_within(xs.at(quarter_ordinal(q)), w, W, 1);
        let b = text_box(&label, (x, y), SMALL, HPos::Center, 3)?;
        if placed.iter().all(|p| !p.overlaps(&b)) {
            text(
                area,
                &label,
                (x, y),
                SMALL,
                &palette::INK_SOFT,
                HPos::Center,
            )?;
            placed.push(b);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn draws_history_target_and_latest() {
        let m = metric("uptime_pct").target(99.95);
        let f = history(
            &m,
            &[
                ("2025-Q4", 99.91),
                ("2026-Q1", 99.97),
                ("2026-Q2", 99.93),
                ("2026-Q3", 99.96),
            ],
        );
        let c = metric_trend(&m, &f, &crate::format::Format::new("USD"));
        assert_eq!(c.name, "trend-uptime_pct");
        assert!(c.svg.contains(
            "aria-labelledby=\"chart-trend-uptime_pct-title chart-trend-uptime_pct-desc\""
        ));
        assert!(c.svg.contains(">\n25-Q4\n<") && c.svg.contains(">\n26-Q3\n<"));
        assert!(c.svg.contains(">\ntarget 99.95\n<") && c.svg.contains(">\nlatest 99.96\n<"));
        assert!(c.svg.contains("<polyline"));
        // The target line and its key's dash: each one element, dashed by the SVG itself.
        assert_eq!(c.svg.matches("stroke-dasharray=\"4 3\"").count(), 2);
        assert!(!c.svg.contains("opacity=\"0.0"), "no dash mark is left");
        assert_eq!(
            c.desc,
            "Metric uptime_pct (%, higher is better), 2025-Q4 to 2026-Q3: latest 99.96, lowest 99.91, highest 99.97 over 4 readings. Target 99.95, met."
        );
        assert_eq!(c, metric_trend(&m, &f, &crate::format::Format::new("USD")));
    }

    #[test]
    fn a_single_point_is_just_a_point() {
        let m = metric("mttr").unit("days");
        let c = metric_trend(
            &m,
            &history(&m, &[("2026-Q3", 6.1)]),
            &crate::format::Format::new("USD"),
        );
        assert!(c.desc.contains("6.1 in 2026-Q3, the only reading so far"));
        assert!(!c.svg.contains("chart unavailable"));
        assert_eq!(
            c.svg.matches("stroke-width=\"2\" points").count(),
            0,
            "no line for one point"
        );
    }

    #[test]
    fn extreme_and_empty_histories_do_not_fail() {
        let m = metric("big").unit("USD").target(0.0);
        for pts in [
            vec![],
            vec![("2026-Q2", 0.0), ("2026-Q3", 0.0)],
            vec![("2020-Q1", 1e12), ("2026-Q3", -1e12)],
        ] {
            let c = metric_trend(&m, &history(&m, &pts), &crate::format::Format::new("USD"));
            assert!(!c.svg.contains("chart unavailable"), "{pts:?}");
        }
    }

    #[test]
    fn hostile_names_are_escaped() {
        let mut m = metric("x").unit("<b>");
        m.name = "Up & <script>".into();
        let c = metric_trend(
            &m,
            &history(&m, &[("2026-Q3", 1.0)]),
            &crate::format::Format::new("USD"),
        );
        assert!(!c.svg.contains("<script>") && !c.svg.contains("<b>"));
        assert!(c.svg.contains("Up &amp; &lt;script&gt;"));
    }

    #[test]
    fn padded_domain_holds_values_and_target() {
        assert_eq!(y_domain(&[0.0, 0.0]), (0.0, 1.0));
        let (lo, hi) = y_domain(&[6.1, 8.0, 7.0]);
        assert!(lo < 6.1 && hi > 8.0 && lo >= 0.0);
    }
}
