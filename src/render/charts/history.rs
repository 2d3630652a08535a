//! One risk's score (likelihood × impact, 1–25) across the quarters it appeared in, over the
//! score bands, for the per-risk page; with the latest quarter's inherent score above the
//! current one and the target the mitigation reaches by its due date.

use super::draw::{self, text, text_box, Area, DrawResult, Rect, Scale, Taken, SMALL};
use super::format::quarter_ordinal;
use super::{band_fill, band_label, palette, render, Chart};
use crate::format::Format;
use crate::model::matrix::Matrix;
use crate::model::scalar::QuarterId;
use crate::vocab::Band;
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

/// What the latest quarter says beyond its score: the band of its cell, the inherent score, and
/// the target score with the quarter of its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Latest {
    pub band: Band,
    pub inherent: Option<u8>,
    pub target: Option<(u8, QuarterId)>,
}

pub(crate) fn risk_history(
    id: &str,
    points: &[(QuarterId, u8)],
    latest: Option<Latest>,
    matrix: &Matrix,
    fmt: &Format,
) -> Chart {
    let title = fmt.tf("history_title", &[("id", id)]);
    render(
        format!("history-{id}"),
        title,
        describe(id, points, latest, fmt),
        (W as u32, H as u32),
        |area| paint(area, points, latest, matrix, fmt),
    )
}

fn describe(id: &str, points: &[(QuarterId, u8)], latest: Option<Latest>, fmt: &Format) -> String {
    let Some(&(last_q, last)) = points.last() else {
        return fmt.tf("history_desc_empty", &[("id", id)]);
    };
    let first_q = points[0].0;
    let scores = if points.len() <= 12 {
        let each: Vec<String> = points
            .iter()
            .map(|(q, s)| format!("{} {s}", fmt.quarter(*q)))
            .collect();
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
    let band = latest.map_or_else(String::new, |l| band_label(l.band, fmt).to_lowercase());
    let mut out = fmt.tf(
        "history_desc",
        &[
            ("id", id),
            ("n", &points.len().to_string()),
            ("first", &fmt.quarter(first_q)),
            ("last", &fmt.quarter(last_q)),
            ("scores", &scores),
            ("now", &last.to_string()),
            ("band", &band),
        ],
    );
    if let Some(inherent) = latest.and_then(|l| l.inherent) {
        out.push_str(&fmt.tf("history_desc_inherent", &[("score", &inherent.to_string())]));
    }
    if let Some((target, by)) = latest.and_then(|l| l.target) {
        out.push_str(&fmt.tf(
            "history_desc_target",
            &[
                ("score", &target.to_string()),
                ("quarter", &fmt.quarter(by)),
            ],
        ));
    }
    out
}

/// The band strips behind the scores, when the matrix's bands follow the score alone (with
/// custom bands a score's band may depend on its cell, and a strip would say otherwise).
fn strips(area: &Area, matrix: &Matrix, fmt: &Format) -> DrawResult {
    for (band, lo, hi) in matrix.score_bands().unwrap_or_default() {
        let (y0, y1) = (
            SCORES.at(f64::from(hi) + 0.5),
            SCORES.at(f64::from(lo) - 0.5),
        );
        area.draw(&Rectangle::new(
            [(PLOT.x0, y0), (PLOT.x1, y1)],
            band_fill(band).filled(),
        ))?;
        text(
            area,
            band_label(band, fmt),
            (PLOT.x1 + 6, (y0 + y1) / 2),
            SMALL,
            &palette::INK,
            HPos::Left,
        )?;
    }
    Ok(())
}

fn paint(
    area: &Area,
    points: &[(QuarterId, u8)],
    latest: Option<Latest>,
    matrix: &Matrix,
    fmt: &Format,
) -> DrawResult {
    strips(area, matrix, fmt)?;
    score_ticks(area)?;
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
    // The target sits at its due date's quarter, at least one quarter after the latest.
    let target = latest.and_then(|l| l.target).map(|(score, by)| {
        let at = quarter_ordinal(by).max(quarter_ordinal(last.0) + 1.0);
        (score, by, at)
    });
    let xs = Scale {
        d0: quarter_ordinal(first.0),
        d1: target.map_or(quarter_ordinal(last.0), |t| t.2),
        r0: PLOT.x0 + 16,
        r1: PLOT.x1 - 16,
    };
    let px: Vec<(i32, i32)> = points
        .iter()
        .map(|(q, s)| (xs.at(quarter_ordinal(*q)), SCORES.at(f64::from(*s))))
        .collect();
    let target_px = target.map(|(score, by, at)| (by, (xs.at(at), SCORES.at(f64::from(score)))));
    let mut axis: Vec<(QuarterId, i32)> = points.iter().zip(&px).map(|(p, x)| (p.0, x.0)).collect();
    axis.extend(target_px.map(|(by, (x, _))| (by, x)));
    x_labels(area, &axis, fmt)?;
    let plan = Plan {
        now: px.last().copied().unwrap_or((0, 0)),
        score: last.1,
        target: target
            .zip(target_px)
            .map(|((score, ..), (_, at))| (score, at)),
        inherent: latest.and_then(|l| l.inherent),
    };
    line_and_marks(area, points, &px, &plan, fmt)
}

/// The score axis's ticks and numbers, left of the plot.
fn score_ticks(area: &Area) -> DrawResult {
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
    Ok(())
}

/// The line through the scores at `px`, the plan's marks, a mark for every score (the latest
/// emphasised), and their labels wherever they find room.
fn line_and_marks(
    area: &Area,
    points: &[(QuarterId, u8)],
    px: &[(i32, i32)],
    plan: &Plan,
    fmt: &Format,
) -> DrawResult {
    let mut taken = Taken::new(PLOT);
    for pair in px.windows(2) {
        taken.take_segment(pair[0], pair[1], 2);
    }
    if px.len() > 1 {
        area.draw(&PathElement::new(px.to_vec(), palette::INK.stroke_width(2)))?;
    }
    let (&now, earlier) = px.split_last().unwrap_or((&(0, 0), &[]));
    // Labels beside the marks, the current score first so that it is the one sure to find room.
    let mut labels: Vec<Label> = vec![(plan.score.to_string(), now, 15)];
    labels.extend(plan.draw(area, &mut taken, fmt)?);
    for &p in earlier {
        area.draw(&Circle::new(p, 3, palette::INK.filled()))?;
        taken.take(Rect::around(p, 4));
    }
    area.draw(&Circle::new(now, 7, palette::PAPER.filled()))?;
    area.draw(&Circle::new(now, 5, palette::INK.filled()))?;
    taken.take(Rect::around(now, 7));
    labels.extend(
        earlier
            .iter()
            .zip(&points[..earlier.len()])
            .rev()
            .map(|(&p, (_, score))| (score.to_string(), p, 12)),
    );
    place_labels(area, labels, &mut taken)
}

/// A label's text, the mark it belongs to, and how far from the mark it goes.
type Label = (String, (i32, i32), i32);

/// Where the latest score is headed and where it came from: the target (its score and place)
/// joined to today's mark by a dashed line, the inherent score above it by a dotted one.
struct Plan {
    now: (i32, i32),
    score: u8,
    target: Option<(u8, (i32, i32))>,
    inherent: Option<u8>,
}

impl Plan {
    /// Draws the marks and lines and returns their labels.
    fn draw(
        &self,
        area: &Area,
        taken: &mut Taken,
        fmt: &Format,
    ) -> Result<Vec<Label>, Box<dyn std::error::Error>> {
        let mut labels = Vec::new();
        let now = self.now;
        if let Some((score, at)) = self.target {
            draw::dashed(area, now, at, 4, 3, palette::INK.stroke_width(1))?;
            taken.take_segment(now, at, 2);
            area.draw(&Circle::new(at, 4, palette::PAPER.filled()))?;
            area.draw(&Circle::new(at, 4, palette::INK.stroke_width(2)))?;
            taken.take(Rect::around(at, 5));
            let label = fmt.tf("history_target", &[("score", &score.to_string())]);
            labels.push((label, at, 12));
        }
        if let Some(inherent) = self.inherent.filter(|&s| s != self.score) {
            let at = (now.0, SCORES.at(f64::from(inherent)));
            draw::dashed(area, at, now, 1, 2, palette::INK.stroke_width(1))?;
            taken.take_segment(at, now, 2);
            let square = [(at.0 - 3, at.1 - 3), (at.0 + 3, at.1 + 3)];
            area.draw(&Rectangle::new(square, palette::PAPER.filled()))?;
            area.draw(&Rectangle::new(square, palette::INK.stroke_width(1)))?;
            taken.take(Rect::around(at, 4));
            let label = fmt.tf("history_inherent", &[("score", &inherent.to_string())]);
            labels.push((label, at, 12));
        }
        Ok(labels)
    }
}

/// Each label beside its mark, in the order given, wherever it overlaps nothing taken.
fn place_labels(area: &Area, labels: Vec<Label>, taken: &mut Taken) -> DrawResult {
    for (s, (x, y), gap) in labels {
        let w = draw::text_width(&s, SMALL)?;
        for at in [
            (x, y - gap),
            (x, y + gap),
            (x + gap - 4 + w / 2, y),
            (x - gap + 4 - w / 2, y),
            // Ending at the mark, for a label near the right edge (the target).
            (x - w / 2, y + gap),
            (x - w / 2, y - gap),
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
fn x_labels(area: &Area, axis: &[(QuarterId, i32)], fmt: &Format) -> DrawResult {
    let y = PLOT.y1 + 11;
    let mut boxes = Vec::with_capacity(axis.len());
    for &(q, x) in axis {
        let label = fmt.quarter_short(q);
        let b = text_box(&label, (x, y), SMALL, HPos::Center, 3)?;
        boxes.push((label, x, b));
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

    fn chart(id: &str, p: &[(QuarterId, u8)], latest: Option<Latest>) -> Chart {
        risk_history(
            id,
            p,
            latest,
            &Matrix::default(),
            &crate::format::Format::new("USD"),
        )
    }

    const CRITICAL: Option<Latest> = Some(Latest {
        band: Band::Critical,
        inherent: None,
        target: None,
    });

    #[test]
    fn bands_scores_and_quarters() {
        let p = pts(&[
            ("2025-Q4", 12),
            ("2026-Q1", 15),
            ("2026-Q2", 20),
            ("2026-Q3", 15),
        ]);
        let c = chart("R-007", &p, CRITICAL);
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
        assert_eq!(c, chart("R-007", &p, CRITICAL));
    }

    #[test]
    fn empty_single_many_and_hostile() {
        assert!(chart("R-1", &[], None).desc.contains("no scores recorded"));
        assert!(!chart("R-1", &pts(&[("2026-Q3", 25)]), CRITICAL)
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
        let c = chart("R-1", &many, CRITICAL);
        assert!(!c.svg.contains("chart unavailable") && c.desc.contains("highest 25, lowest 0"));
        let c = chart("R-1<script>", &pts(&[("2026-Q3", 5)]), CRITICAL);
        assert!(!c.svg.contains("<script>") && c.svg.contains("R-1&lt;script&gt;"));
        assert_eq!(c.name, "history-r-1-script-");
    }

    #[test]
    fn inherent_current_and_target_are_marked_and_said() {
        let p = pts(&[("2026-Q2", 16), ("2026-Q3", 12)]);
        let latest = Latest {
            band: Band::High,
            inherent: Some(20),
            target: Some((6, qid("2027-Q1"))),
        };
        let c = chart("R-008", &p, Some(latest));
        for s in ["target 6", "inherent 20", "27-Q1", "12", "16"] {
            assert!(c.svg.contains(&format!(">\n{s}\n<")), "{s}: {}", c.svg);
        }
        assert!(
            c.desc.ends_with(
                "Now 12, high. Inherent (before any control): 20. Target: 6 by 2027-Q1."
            ),
            "{}",
            c.desc
        );
        // One dashed line to the target, one dotted line from the inherent score.
        assert_eq!(c.svg.matches("stroke-dasharray").count(), 2, "{}", c.svg);
        // A custom matrix whose bands depend on the cell draws no score strips.
        let mut custom = Matrix::default();
        custom.bands[4][0] = Band::High;
        let plain = risk_history(
            "R-008",
            &p,
            Some(latest),
            &custom,
            &crate::format::Format::new("USD"),
        );
        assert!(!plain.svg.contains(">\nCritical\n<") && c.svg.contains(">\nCritical\n<"));
    }
}
