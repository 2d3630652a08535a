//! One risk's score (likelihood × impact, 1–25) across the quarters it appeared in, over the
//! score bands, for the per-risk page.

use super::draw::{self, text, text_box, Area, DrawResult, Rect, Scale, Taken, SMALL};
use super::format::quarter_ordinal;
use super::{palette, render, Band, Chart};
use crate::format::{quarter_short, Format};
use crate::model::scalar::QuarterId;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

const W: i32 = 360;
const H: i32 = 160;
const PLOT: Rect = Rect {
    x0: 28,
    y0: 8,
    x1: W - 62,
    y1: H - 22,
};
const SCORES: Scale = Scale {
    d0: 0.5,
    d1: 25.5,
    r0: PLOT.y1,
    r1: PLOT.y0,
};

pub fn risk_history(id: &str, points: &[(QuarterId, u8)], fmt: &Format) -> Chart {
    let title = fmt.tf("history_title", &[("id", id)]);
    render(
        format!("history-{id}"),
        title,
        describe(id, points, fmt),
        (W as u32, H as u32),
        |area| paint(area, points, fmt),
    )
}

fn describe(id: &str, points: &[(QuarterId, u8)], fmt: &Format) -> String {
    let Some(&(last_q, last)) = points.last() else {
        return fmt.tf("history_desc_empty", &[("id", id)]);
    };
    let first_q = points[0].0;
    let scores = if points.len() <= 12 {
        let each: Vec<String> = points.iter().map(|(q, s)| format!("{q} {s}")).collect();
        each.join(", ")
    } else {
        let high = points.iter().map(|p| p.1).max().unwrap_or(last);
        let low = points.iter().map(|p| p.1).min().unwrap_or(last);
        fmt.tf(
            "history_desc_range",
            &[
                ("from", &points[0].1.to_string()),
                ("to", &last.to_string()),
                ("high", &high.to_string()),
                ("low", &low.to_string()),
            ],
        )
    };
    let band = Band::of(last).label(fmt).to_lowercase();
    fmt.tf(
        "history_desc",
        &[
            ("id", id),
            ("n", &points.len().to_string()),
            ("first", &first_q.to_string()),
            ("last", &last_q.to_string()),
            ("scores", &scores),
            ("now", &last.to_string()),
            ("band", &band),
        ],
    )
}

fn paint(area: &Area, points: &[(QuarterId, u8)], fmt: &Format) -> DrawResult {
    for band in Band::ALL {
        let (lo, hi) = band.range();
        let (y0, y1) = (
            SCORES.at(f64::from(hi) + 0.5),
            SCORES.at(f64::from(lo) - 0.5),
        );
        area.draw(&Rectangle::new(
            [(PLOT.x0, y0), (PLOT.x1, y1)],
            band.fill().filled(),
        ))?;
        text(
            area,
            band.label(fmt),
            (PLOT.x1 + 6, (y0 + y1) / 2),
            SMALL,
            &palette::INK,
            HPos::Left,
        )?;
    }
    for s in [1, 5, 10, 15, 20, 25] {
        let y = SCORES.at(f64::from(s));
        area.draw(&PathElement::new(
            vec![(PLOT.x0 - 3, y), (PLOT.x0, y)],
            palette::RULE.stroke_width(1),
        ))?;
        text(
            area,
            &s.to_string(),
            (PLOT.x0 - 5, y),
            SMALL,
            &palette::INK_SOFT,
            HPos::Right,
        )?;
    }
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        let centre = ((PLOT.x0 + PLOT.x1) / 2, (PLOT.y0 + PLOT.y1) / 2);
        return text(
            area,
            fmt.t("history_empty"),
            centre,
            SMALL,
            &palette::INK,
            HPos::Center,
        );
    };
    let xs = Scale {
        d0: quarter_ordinal(first.0),
        d1: quarter_ordinal(last.0),
        r0: PLOT.x0 + 16,
        r1: PLOT.x1 - 16,
    };
    let px: Vec<(i32, i32)> = points
        .iter()
        .map(|(q, s)| (xs.at(quarter_ordinal(*q)), SCORES.at(f64::from(*s))))
        .collect();
    x_labels(area, points, &px)?;

    let mut taken = Taken::new(PLOT);
    for pair in px.windows(2) {
        taken.take_segment(pair[0], pair[1], 2);
    }
    if px.len() > 1 {
        area.draw(&PathElement::new(px.clone(), palette::INK.stroke_width(2)))?;
    }
    let (&latest, earlier) = px.split_last().unwrap_or((&(0, 0), &[]));
    for &p in earlier {
        area.draw(&Circle::new(p, 3, palette::INK.filled()))?;
        taken.take(Rect::around(p, 4));
    }
    area.draw(&Circle::new(latest, 7, palette::PAPER.filled()))?;
    area.draw(&Circle::new(latest, 5, palette::INK.filled()))?;
    taken.take(Rect::around(latest, 7));
    // Score labels, newest first so that the current score is the one sure to find room.
    let last_index = px.len() - 1;
    for (k, (&(x, y), (_, score))) in px.iter().zip(points).enumerate().rev() {
        let s = score.to_string();
        let gap = if k == last_index { 15 } else { 12 };
        let w = draw::text_width(&s, SMALL)?;
        for at in [
            (x, y - gap),
            (x, y + gap),
            (x + gap - 4 + w / 2, y),
            (x - gap + 4 - w / 2, y),
        ] {
            let b = text_box(&s, at, SMALL, HPos::Center, 1)?;
            if taken.is_free(&b) {
                text(area, &s, at, SMALL, &palette::INK, HPos::Center)?;
                taken.take(b);
                break;
            }
        }
    }
    Ok(())
}

/// Quarter names every k-th point back from the latest, with the smallest k at which none touch.
fn x_labels(area: &Area, points: &[(QuarterId, u8)], px: &[(i32, i32)]) -> DrawResult {
    let y = PLOT.y1 + 11;
    let mut boxes = Vec::with_capacity(points.len());
    for ((q, _), (x, _)) in points.iter().zip(px) {
        let label = quarter_short(*q);
        let b = text_box(&label, (*x, y), SMALL, HPos::Center, 3)?;
        boxes.push((label, *x, b));
    }
    let n = boxes.len();
    let stride = (1..=n.max(1))
        .find(|&k| {
            let picked: Vec<&Rect> = (0..n).rev().step_by(k).map(|i| &boxes[i].2).collect();
            picked.windows(2).all(|w| !w[0].overlaps(w[1]))
        })
        .unwrap_or(n.max(1));
    for (label, x, _) in boxes.iter().rev().step_by(stride) {
        text(
            area,
            label,
            (*x, y),
            SMALL,
            &palette::INK_SOFT,
            HPos::Center,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    fn pts(v: &[(&str, u8)]) -> Vec<(QuarterId, u8)> {
        v.iter().map(|(q, s)| (qid(q), *s)).collect()
    }

    #[test]
    fn bands_scores_and_quarters() {
        let p = pts(&[
            ("2025-Q4", 12),
            ("2026-Q1", 15),
            ("2026-Q2", 20),
            ("2026-Q3", 15),
        ]);
        let c = risk_history("R-007", &p, &crate::format::Format::new("USD"));
        assert_eq!(c.name, "history-r-007");
        assert!(c
            .svg
            .contains("<title id=\"chart-history-r-007-title\">R-007 score by quarter</title>"));
        for s in [
            "Low", "Medium", "High", "Critical", "25-Q4", "26-Q3", "20", "12", "15",
        ] {
            assert!(c.svg.contains(&format!(">\n{s}\n<")), "{s}");
        }
        assert_eq!(
            c.desc,
            "Score of R-007 (likelihood × impact, 1–25) in 4 quarters, 2025-Q4 to 2026-Q3: 2025-Q4 12, 2026-Q1 15, 2026-Q2 20, 2026-Q3 15. Now 15, critical."
        );
        assert_eq!(
            c,
            risk_history("R-007", &p, &crate::format::Format::new("USD"))
        );
    }

    #[test]
    fn empty_single_many_and_hostile() {
        assert!(risk_history("R-1", &[], &crate::format::Format::new("USD"))
            .desc
            .contains("no scores recorded"));
        assert!(!risk_history(
            "R-1",
            &pts(&[("2026-Q3", 25)]),
            &crate::format::Format::new("USD")
        )
        .svg
        .contains("chart unavailable"));
        let many: Vec<(QuarterId, u8)> = (0..40)
            .map(|k| {
                (
                    QuarterId {
                        year: 2016 + k / 4,
                        q: (k % 4 + 1) as u8,
                    },
                    (k % 26) as u8,
                )
            })
            .collect();
        let c = risk_history("R-1", &many, &crate::format::Format::new("USD"));
        assert!(!c.svg.contains("chart unavailable") && c.desc.contains("highest 25, lowest 0"));
        let c = risk_history(
            "R-1<script>",
            &pts(&[("2026-Q3", 5)]),
            &crate::format::Format::new("USD"),
        );
        assert!(!c.svg.contains("<script>") && c.svg.contains("R-1&lt;script&gt;"));
        assert_eq!(c.name, "history-r-1-script-");
    }
}
