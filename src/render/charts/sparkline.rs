//! A metric's trend as a text-free sparkline for a scoreboard row: the row states the numbers,
//! so the line only has to show the shape, the target and where the latest reading sits.

use super::draw::{dashed, Area, DrawResult, Scale};
use super::{palette, render, Chart};
use crate::format::Format;
use crate::model::facts::MetricFacts;
use crate::model::types::Metric;
use plotters::prelude::*;

const W: i32 = 120;
const H: i32 = 28;
const PAD: i32 = 4;

pub(crate) fn metric_sparkline(m: &Metric, f: &MetricFacts, fmt: &Format) -> Chart {
    let readings: Vec<String> = f
        .history
        .iter()
        .map(|(q, v)| format!("{}: {}", fmt.quarter(*q), fmt.number(*v)))
        .collect();
    let target = m
        .target
        .map(|t| fmt.tf("spark_desc_target", &[("target", &fmt.number(t))]))
        .unwrap_or_default();
    render(
        format!("spark-{}", m.id),
        fmt.tf("spark_title", &[("metric", &m.name)]),
        fmt.tf(
            "spark_desc",
            &[
                ("metric", &m.name),
                ("readings", &readings.join(", ")),
                ("target", &target),
            ],
        ),
        (W as u32, H as u32),
        |area| paint(area, m, f),
    )
}

fn paint(area: &Area, m: &Metric, f: &MetricFacts) -> DrawResult {
    let points = super::trend::points(f);
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return Ok(());
    };
    let target = m.target.filter(|t| t.is_finite());
    let all = points.iter().map(|p| p.1).chain(target);
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    // A flat line sits in the middle rather than on an edge.
    let (lo, hi) = if hi - lo > 0.0 {
        (lo, hi)
    } else {
        (lo - 1.0, hi + 1.0)
    };
    let ys = Scale {
        d0: lo,
        d1: hi,
        r0: H - PAD,
        r1: PAD,
    };
    let xs = Scale {
        d0: first.0,
        d1: last.0.max(first.0 + 1.0),
        r0: PAD,
        r1: W - PAD - 2,
    };
    if let Some(t) = target {
        let y = ys.at(t);
        dashed(
            area,
            (PAD, y),
            (W - PAD, y),
            3,
            3,
            palette::RULE.stroke_width(1),
        )?;
    }
    let line: Vec<(i32, i32)> = points.iter().map(|(x, y)| (xs.at(*x), ys.at(*y))).collect();
    area.draw(&PathElement::new(line, palette::BLUE.stroke_width(2)))?;
    area.draw(&Circle::new(
        (xs.at(last.0), ys.at(last.1)),
        3,
        palette::BLUE.filled(),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{history, metric};
    use super::*;

    #[test]
    fn sparkline_has_no_text_but_describes_the_numbers() {
        let m = metric("uptime_pct").target(99.95);
        let f = history(&m, &[("2026-Q1", 99.93), ("2026-Q2", 99.96)]);
        let c = metric_sparkline(&m, &f, &crate::format::Format::new("USD"));
        assert_eq!(c.name, "spark-uptime_pct");
        assert!(
            c.desc
                .contains("2026-Q1: 99.93, 2026-Q2: 99.96. Target 99.95."),
            "{}",
            c.desc
        );
        let body = c.svg.split("</desc>").nth(1).unwrap();
        assert!(!body.contains("<text"), "{body}");
        assert_eq!(
            c.svg,
            metric_sparkline(&m, &f, &crate::format::Format::new("USD")).svg
        );
    }

    #[test]
    fn single_and_flat_readings_draw() {
        let m = metric("x").unit("count");
        let one = metric_sparkline(
            &m,
            &history(&m, &[("2026-Q1", 5.0)]),
            &crate::format::Format::new("USD"),
        );
        assert!(one.svg.contains("<circle"), "{}", one.svg);
        let flat = metric_sparkline(
            &m,
            &history(&m, &[("2026-Q1", 5.0), ("2026-Q2", 5.0)]),
            &crate::format::Format::new("USD"),
        );
        assert!(
            flat.svg.contains("<polyline") || flat.svg.contains("<path"),
            "{}",
            flat.svg
        );
    }
}
