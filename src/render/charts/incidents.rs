//! The quarter's incidents as paired bars: time to detect, then time to contain (measured from
//! detection), on a logarithmic time axis.
//!
//! Why logarithmic: durations run from minutes to days, and 0 minutes is valid. On a linear axis a
//! 40-minute detection beside a 3-day containment is an invisible sliver. The axis starts at 10 minutes
//! and ends at the first mark at or above the longest duration, never before one day, so quarters
//! look alike; anything under 10 minutes (0 included) is a short stub at the start. Every bar carries
//! its exact duration as text, so the compression never hides a number, and the two bars differ in
//! shade and order as well as by the legend's words, never by hue alone.

use super::draw::{self, text, Area, DrawResult, Scale, SMALL};
use super::{palette, render, Chart};
use crate::format::Format;
use crate::model::scalar::Minutes;
use crate::model::types::{Incident, Quarter};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

const W: i32 = 360;
const RIGHT: i32 = 12;
const PLOT_TOP: i32 = 24;
const GROUP: i32 = 32;
const BAR: i32 = 11;
const MAX_ROWS: usize = 100_000;
/// Marks on the time axis, in minutes, with the key of their label.
const MARKS: [(u64, &str); 7] = [
    (10, "tick_10_min"),
    (60, "tick_1_h"),
    (360, "tick_6_h"),
    (1440, "tick_1_day"),
    (10_080, "tick_1_week"),
    (43_200, "tick_30_days"),
    (525_600, "tick_1_year"),
];

pub(crate) fn incidents(q: &Quarter, fmt: &Format) -> Option<Chart> {
    if q.incidents.is_empty() {
        return None;
    }
    // Absurd counts would overflow pixel arithmetic; a chart 10⁵ rows tall is already unreadable.
    let rows = q.incidents.len().min(MAX_ROWS) as i32;
    let axis_y = PLOT_TOP + GROUP * rows + 2;
    let size = (W as u32, (axis_y + 20) as u32);
    let title = fmt.t("incidents_title").to_string();
    Some(render(
        "incidents".into(),
        title,
        describe(&q.incidents, fmt),
        size,
        |area| paint(area, &q.incidents, axis_y, fmt),
    ))
}

fn describe(incidents: &[Incident], fmt: &Format) -> String {
    let each: Vec<String> = incidents
        .iter()
        .map(|i| {
            fmt.tf(
                "incidents_desc_one",
                &[
                    ("id", &i.id),
                    ("severity", i.severity.as_str()),
                    ("detect", &fmt.duration(i.time_to_detect)),
                    ("contain", &fmt.duration(i.time_to_contain)),
                ],
            )
        })
        .collect();
    fmt.tf("incidents_desc", &[("incidents", &each.join("; "))])
}

fn log_minutes(m: u64) -> f64 {
    (m.max(10) as f64).log10()
}

fn paint(area: &Area, incidents: &[Incident], axis_y: i32, fmt: &Format) -> DrawResult {
    let longest = incidents
        .iter()
        .map(|i| i.time_to_detect.0.max(i.time_to_contain.0))
        .max()
        .unwrap_or(0);
    let floor = longest.max(1440);
    let end = MARKS
        .iter()
        .map(|m| m.0)
        .find(|&m| m >= floor)
        .unwrap_or(floor);
    let mut widest = 0;
    for i in incidents {
        widest = widest.max(draw::text_width(&i.id, SMALL)?);
    }
    let left = (widest + 10).clamp(48, 120);
    let xs = Scale {
        d0: log_minutes(10),
        d1: log_minutes(end),
        r0: left,
        r1: W - RIGHT,
    };

    legend(area, fmt)?;
    let mut labels = draw::AxisLabels::new(axis_y + 10, W);
    for (minutes, key) in MARKS.iter().filter(|m| m.0 <= end) {
        let x = xs.at(log_minutes(*minutes));
        area.draw(&PathElement::new(
            vec![(x, PLOT_TOP - 2), (x, axis_y)],
            palette::GRID.stroke_width(1),
        ))?;
        labels.place(area, fmt.t(key), x)?;
    }
    area.draw(&PathElement::new(
        vec![(left, axis_y), (W - RIGHT, axis_y)],
        palette::RULE.stroke_width(1),
    ))?;

    for (k, i) in incidents.iter().take(MAX_ROWS).enumerate() {
        let top = PLOT_TOP + GROUP * k as i32 + 3;
        let (detect_y, contain_y) = (top + BAR / 2, top + BAR + 2 + BAR / 2);
        let id = draw::fit(&i.id, SMALL, left - 8)?;
        text(
            area,
            &id,
            (left - 6, detect_y),
            SMALL,
            &palette::INK,
            HPos::Right,
        )?;
        text(
            area,
            i.severity.as_str(),
            (left - 6, contain_y),
            SMALL,
            &palette::INK_SOFT,
            HPos::Right,
        )?;
        bar(area, &xs, i.time_to_detect, top, false, fmt)?;
        bar(area, &xs, i.time_to_contain, top + BAR + 2, true, fmt)?;
    }
    Ok(())
}

/// One bar from the axis start, with its duration after its end, or inside it near the right edge.
fn bar(area: &Area, xs: &Scale, d: Minutes, top: i32, contain: bool, fmt: &Format) -> DrawResult {
    let x0 = xs.r0;
    let x1 = if d.0 <= 10 {
        x0 + 3
    } else {
        xs.at(log_minutes(d.0)).max(x0 + 3)
    };
    swatch(area, [(x0, top), (x1, top + BAR)], contain)?;
    let label = fmt.duration(d);
    let w = draw::text_width(&label, SMALL)?;
    let y = top + BAR / 2;
    if x1 + 4 + w <= W - 2 {
        text(area, &label, (x1 + 4, y), SMALL, &palette::INK, HPos::Left)
    } else {
        let ink = if contain {
            palette::PAPER
        } else {
            palette::INK
        };
        text(area, &label, (x1 - 4, y), SMALL, &ink, HPos::Right)
    }
}

/// Detection is a light bar with a dark outline, containment a solid dark bar.
fn swatch(area: &Area, corners: [(i32, i32); 2], contain: bool) -> DrawResult {
    if contain {
        area.draw(&Rectangle::new(corners, palette::BLUE.filled()))?;
    } else {
        area.draw(&Rectangle::new(corners, palette::SKY.filled()))?;
        area.draw(&Rectangle::new(corners, palette::BLUE.stroke_width(1)))?;
    }
    Ok(())
}

fn legend(area: &Area, fmt: &Format) -> DrawResult {
    let mut x = 2;
    for (key, contain) in [("time_to_detect", false), ("time_to_contain", true)] {
        let label = fmt.t(key);
        swatch(area, [(x, 5), (x + 12, 15)], contain)?;
        text(area, label, (x + 16, 10), SMALL, &palette::INK, HPos::Left)?;
        x += 16 + draw::text_width(label, SMALL)? + 14;
    }
    text(
        area,
        fmt.t("log_scale"),
        (W - 2, 10),
        SMALL,
        &palette::INK_SOFT,
        HPos::Right,
    )
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn none_without_incidents() {
        assert!(incidents(&quarter("2026-Q3"), &crate::format::Format::new("USD")).is_none());
    }

    #[test]
    fn bars_labels_and_legend() {
        let (q, _, _) = busy_quarter();
        let c = incidents(&q, &crate::format::Format::new("USD")).unwrap();
        for i in &q.incidents {
            assert!(c.svg.contains(&format!(">\n{}\n<", i.id)), "{}", i.id);
        }
        for s in [
            "Time to detect",
            "Time to contain",
            "log scale",
            "40 min",
            "0 min",
            "48 h",
            "3.4 days",
            "1 week",
        ] {
            assert!(c.svg.contains(&format!(">\n{s}\n<")), "{s}");
        }
        assert!(c
            .desc
            .contains("INC-2026-031 (sev2) detected in 40 min, contained 95 min after detection"));
        assert_eq!(
            c,
            incidents(&q, &crate::format::Format::new("USD")).unwrap()
        );
    }

    #[test]
    fn many_extreme_and_hostile_incidents() {
        let mut q = quarter("2026-Q3");
        q.incidents = (0..30)
            .map(|n| {
                incident(&format!("INC-{n}"))
                    .time_to_detect(Minutes(n * 1000))
                    .time_to_contain(Minutes(525_600))
            })
            .collect();
        q.incidents.push(
            incident("INC-<script>&-with-a-very-long-identifier")
                .time_to_detect(Minutes(0))
                .time_to_contain(Minutes(0)),
        );
        let c = incidents(&q, &crate::format::Format::new("USD")).unwrap();
        assert!(!c.svg.contains("chart unavailable") && !c.svg.contains("<script>"));
        assert!(c.svg.contains("INC-&lt;script&gt;&amp;"));
        assert!(c.svg.contains(">\n1 year\n<"));
    }
}
