//! The likelihood × impact heat map: the top risks as numbered markers tagged with their ids on a
//! 5 × 5 grid tinted by the matrix's band of each cell, with an arrow from the cell each risk sat
//! in last quarter, and with a site appetite set, a heavy line between the cells inside the
//! appetite and those above it.

use super::draw::{self, text, text_box, text_up, Area, DrawResult, Rect, Taken, SMALL};
use super::{band_fill, band_label, bands_sentence, palette, render, Chart};
use crate::format::Format;
use crate::model::appetite::Boundary;
use crate::model::facts::QuarterFacts;
use crate::model::matrix::Matrix;
use crate::model::types::Quarter;
use crate::vocab::Band;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use std::collections::BTreeMap;

const LEFT: i32 = 34;
const TOP: i32 = 8;
const CELL_W: i32 = 44;
const CELL_H: i32 = 38;
const GRID: Rect = Rect {
    x0: LEFT,
    y0: TOP,
    x1: LEFT + 5 * CELL_W,
    y1: TOP + 5 * CELL_H,
};
const W: i32 = GRID.x1 + 8;
/// Below the grid: tick numbers, the axis name and the band legend; then one line per key line.
const FOOT: i32 = 52;
const KEY_LINE: i32 = 15;
const R: i32 = 6;

/// A top risk: its rank on the one-pager, cell (likelihood, impact) now and last quarter.
struct Marker<'a> {
    rank: usize,
    id: &'a str,
    at: (u8, u8),
    prev: Option<(u8, u8)>,
}

/// `appetite` holds the cells within the site's limit (a category's own limit is not drawn: the
/// grid is one for all).
pub fn heatmap(
    q: &Quarter,
    facts: &QuarterFacts,
    matrix: &Matrix,
    appetite: Option<Boundary>,
    fmt: &Format,
) -> Chart {
    let markers = markers(q, facts);
    let spots = spots(&markers);
    // Tags are placed before drawing because a tag that fits nowhere adds a key line to the height.
    let layout = tags(&markers, &spots).and_then(|(tags, key)| Ok((tags, key_lines(&key, fmt)?)));
    let key_count = layout.as_ref().map_or(0, |(_, lines)| lines.len() as i32);
    let first_key = i32::from(appetite.is_some());
    let h = GRID.y1 + FOOT + KEY_LINE * (key_count + first_key);
    let title = fmt.t("heatmap_title").to_string();
    render(
        "heatmap".into(),
        title,
        describe(&markers, matrix, appetite, fmt),
        (W as u32, h as u32),
        |area| {
            let (tags, key_lines) = layout.map_err(|e| e.to_string())?;
            cells(area, matrix, fmt)?;
            if let Some(a) = appetite {
                boundary(area, &a)?;
                let y = GRID.y1 + FOOT + 4;
                area.draw(&PathElement::new(
                    vec![(LEFT, y), (LEFT + 16, y)],
                    palette::INK.stroke_width(3),
                ))?;
                let label = fmt.tf("heatmap_appetite", &[("score", &a.limit.to_string())]);
                text(
                    area,
                    &label,
                    (LEFT + 22, y),
                    SMALL,
                    &palette::INK,
                    HPos::Left,
                )?;
            }
            for (m, spot) in markers.iter().zip(&spots) {
                arrow(area, m, *spot)?;
            }
            for (label, (x, y)) in tags.iter().flatten() {
                let tag = text_box(label, (*x, *y), SMALL, HPos::Left, 2)?;
                area.draw(&Rectangle::new(
                    [(tag.x0, tag.y0), (tag.x1, tag.y1)],
                    palette::PAPER.mix(0.85).filled(),
                ))?;
                text(area, label, (*x, *y), SMALL, &palette::INK, HPos::Left)?;
            }
            for (m, &(x, y, r)) in markers.iter().zip(&spots) {
                area.draw(&Circle::new((x, y), r, palette::INK.filled()))?;
                text(
                    area,
                    &m.rank.to_string(),
                    (x, y),
                    SMALL,
                    &palette::PAPER,
                    HPos::Center,
                )?;
            }
            legend(area, fmt)?;
            for (i, line) in key_lines.iter().enumerate() {
                let y = GRID.y1 + FOOT + KEY_LINE * (i as i32 + first_key) + 4;
                text(area, line, (LEFT, y), SMALL, &palette::INK, HPos::Left)?;
            }
            Ok(())
        },
    )
}

fn markers<'a>(q: &'a Quarter, facts: &QuarterFacts) -> Vec<Marker<'a>> {
    let cell = |l: u8, i: u8| (l.clamp(1, 5), i.clamp(1, 5));
    facts
        .top_risks
        .iter()
        .filter_map(|id| q.risks.iter().find(|r| &r.id == id))
        .enumerate()
        .map(|(k, r)| {
            let f = facts.risks.iter().find(|f| f.id == r.id);
            let prev = f.and_then(|f| Some(cell(f.previous_likelihood?, f.previous_impact?)));
            Marker {
                rank: k + 1,
                id: &r.id,
                at: cell(r.likelihood, r.impact),
                prev,
            }
        })
        .collect()
}

fn describe(
    markers: &[Marker],
    matrix: &Matrix,
    appetite: Option<Boundary>,
    fmt: &Format,
) -> String {
    let bands = bands_sentence(matrix, fmt);
    let line = appetite.map_or(String::new(), |a| {
        fmt.tf("heatmap_desc_appetite", &[("score", &a.limit.to_string())])
    });
    if markers.is_empty() {
        let empty = fmt.tf("heatmap_desc_empty", &[("bands", &bands)]);
        return format!("{empty}{line}");
    }
    let each: Vec<String> = markers
        .iter()
        .map(|m| {
            let (l, i) = m.at;
            let moved = match m.prev {
                None => fmt.t("heatmap_desc_new").to_string(),
                Some(p) if p == m.at => String::new(),
                Some((pl, pi)) => fmt.tf(
                    "heatmap_desc_moved",
                    &[("likelihood", &pl.to_string()), ("impact", &pi.to_string())],
                ),
            };
            let one = fmt.tf(
                "heatmap_desc_risk",
                &[
                    ("rank", &m.rank.to_string()),
                    ("id", m.id),
                    ("likelihood", &l.to_string()),
                    ("impact", &i.to_string()),
                    ("score", &(u16::from(l) * u16::from(i)).to_string()),
                ],
            );
            format!("{one}{moved}")
        })
        .collect();
    let all = fmt.tf(
        "heatmap_desc",
        &[("risks", &each.join("; ")), ("bands", &bands)],
    );
    format!("{all}{line}")
}

/// The edges between a cell within the appetite and its neighbour to the right or above outside
/// it. A higher cell never has a lower score, so the edges form one staircase.
fn boundary_edges(appetite: &Boundary) -> Vec<[(i32, i32); 2]> {
    let mut out = Vec::new();
    for l in 1..=5u8 {
        for i in 1..=5u8 {
            if !appetite.is_within(i, l) {
                continue;
            }
            let (x, y) = origin((l, i));
            if l < 5 && !appetite.is_within(i, l + 1) {
                out.push([(x + CELL_W, y), (x + CELL_W, y + CELL_H)]);
            }
            if i < 5 && !appetite.is_within(i + 1, l) {
                out.push([(x, y), (x + CELL_W, y)]);
            }
        }
    }
    out
}

fn boundary(area: &Area, appetite: &Boundary) -> DrawResult {
    for [a, b] in boundary_edges(appetite) {
        area.draw(&PathElement::new(vec![a, b], palette::INK.stroke_width(3)))?;
    }
    Ok(())
}

fn origin((l, i): (u8, u8)) -> (i32, i32) {
    (
        LEFT + (i32::from(l) - 1) * CELL_W,
        TOP + (5 - i32::from(i)) * CELL_H,
    )
}

/// Circle centre and radius per marker. Markers sharing a cell fill it column by column, two to a
/// column, from the left so that their id tags can run to the right.
fn spots(markers: &[Marker]) -> Vec<(i32, i32, i32)> {
    let mut by_cell: BTreeMap<(u8, u8), Vec<usize>> = BTreeMap::new();
    for (k, m) in markers.iter().enumerate() {
        by_cell.entry(m.at).or_default().push(k);
    }
    let mut out = vec![(0, 0, R); markers.len()];
    for (cell, ks) in by_cell {
        let (x0, y0) = origin(cell);
        let n = ks.len() as i32;
        let rows = n.min(2);
        let cols = (n + rows - 1) / rows;
        let pitch = ((CELL_W - 6) / cols).min(2 * R + 4);
        let r = ((pitch - 2) / 2).clamp(2, R);
        for (j, k) in ks.into_iter().enumerate() {
            let (col, row) = (j as i32 / rows, j as i32 % rows);
            out[k] = (
                x0 + 4 + r + col * pitch,
                y0 + (2 * row + 1) * CELL_H / (2 * rows),
                r,
            );
        }
    }
    out
}

type Tag = Option<(String, (i32, i32))>;

/// Each id goes beside its marker (right, left, diagonally right, below, above), wherever it overlaps
/// nothing; the ids that fit nowhere are returned for the key under the legend.
fn tags(markers: &[Marker], spots: &[(i32, i32, i32)]) -> Result<(Vec<Tag>, Vec<String>), String> {
    // A tag may cover an arrow's shaft or tail when there is no other room, never a marker or a head.
    // Tags may run into the margin above the grid, never into the tick numbers on its left.
    let bounds = Rect {
        x0: LEFT,
        y0: 0,
        x1: W,
        y1: GRID.y1,
    };
    let (mut strict, mut loose) = (Taken::new(bounds), Taken::new(bounds));
    for &(x, y, r) in spots {
        strict.take(Rect::around((x, y), r + 1));
        loose.take(Rect::around((x, y), r + 1));
    }
    for (m, &spot) in markers.iter().zip(spots) {
        if let Some((tip, tail)) = arrow_geometry(m, spot) {
            strict.take_segment(tail, tip, 1);
            strict.take(Rect::around(tail, 3));
            loose.take(Rect::around(tip, 4));
            strict.take(Rect::around(tip, 4));
        }
    }
    let (mut tags, mut key) = (Vec::new(), Vec::new());
    for (m, &(x, y, r)) in markers.iter().zip(spots) {
        let label = draw::fit(m.id, SMALL, CELL_W * 2)?;
        let w = draw::text_width(&label, SMALL)?;
        let candidates = [
            (x + r + 4, y),
            (x - r - 4 - w, y),
            (x + r + 2, y - r - 5),
            (x + r + 2, y + r + 5),
            (x - w / 2, y + r + 9),
            (x - w / 2, y - r - 9),
        ];
        let mut boxes = Vec::with_capacity(candidates.len());
        for at in candidates {
            boxes.push((at, text_box(&label, at, SMALL, HPos::Left, 2)?));
        }
        let free = |t: &Taken| boxes.iter().find(|(_, b)| t.is_free(b)).copied();
        let chosen = free(&strict).or_else(|| free(&loose)).map(|(at, b)| {
            strict.take(b);
            loose.take(b);
            (label.clone(), at)
        });
        if chosen.is_none() {
            key.push(format!("{} {label}", m.rank));
        }
        tags.push(chosen);
    }
    Ok((tags, key))
}

/// Key entries packed into lines as wide as the grid.
fn key_lines(entries: &[String], fmt: &Format) -> Result<Vec<String>, String> {
    let mut lines: Vec<String> = Vec::new();
    for e in entries {
        match lines.last_mut() {
            Some(line) if draw::text_width(&format!("{line} · {e}"), SMALL)? <= GRID.x1 - LEFT => {
                line.push_str(" · ");
                line.push_str(e);
            }
            _ => lines.push(if lines.is_empty() {
                fmt.tf("chart_key", &[("entries", e)])
            } else {
                e.clone()
            }),
        }
    }
    Ok(lines)
}

fn cells(area: &Area, matrix: &Matrix, fmt: &Format) -> DrawResult {
    for l in 1..=5u8 {
        for i in 1..=5u8 {
            let (x, y) = origin((l, i));
            let fill = band_fill(matrix.band(i, l));
            area.draw(&Rectangle::new(
                [(x + 1, y + 1), (x + CELL_W - 1, y + CELL_H - 1)],
                fill.filled(),
            ))?;
        }
    }
    for n in 1..=5u8 {
        let (x, y) = origin((n, n));
        text(
            area,
            &n.to_string(),
            (x + CELL_W / 2, GRID.y1 + 9),
            SMALL,
            &palette::INK,
            HPos::Center,
        )?;
        text(
            area,
            &n.to_string(),
            (LEFT - 6, y + CELL_H / 2),
            SMALL,
            &palette::INK,
            HPos::Right,
        )?;
    }
    text(
        area,
        fmt.t("axis_likelihood"),
        ((GRID.x0 + GRID.x1) / 2, GRID.y1 + 24),
        SMALL,
        &palette::INK,
        HPos::Center,
    )?;
    text_up(
        area,
        fmt.t("axis_impact"),
        (9, (GRID.y0 + GRID.y1) / 2),
        SMALL,
        &palette::INK,
    )
}

/// Tail (last quarter's cell centre) and tip (the edge of this quarter's marker), when it moved.
fn arrow_geometry(m: &Marker, (x, y, r): (i32, i32, i32)) -> Option<((i32, i32), (i32, i32))> {
    let prev = m.prev.filter(|p| *p != m.at)?;
    let (px, py) = origin(prev);
    let tail = (px + CELL_W / 2, py + CELL_H / 2);
    let (dx, dy) = (f64::from(x - tail.0), f64::from(y - tail.1));
    let len = dx.hypot(dy);
    let back = f64::from(r + 2);
    (len > back + 8.0).then(|| {
        let tip = (
            x - (dx / len * back).round() as i32,
            y - (dy / len * back).round() as i32,
        );
        (tip, tail)
    })
}

fn arrow(area: &Area, m: &Marker, spot: (i32, i32, i32)) -> DrawResult {
    let Some((tip, tail)) = arrow_geometry(m, spot) else {
        return Ok(());
    };
    let (dx, dy) = (f64::from(tip.0 - tail.0), f64::from(tip.1 - tail.1));
    let len = dx.hypot(dy).max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    let at = |along: f64, across: f64| {
        (
            (f64::from(tip.0) - ux * along - uy * across).round() as i32,
            (f64::from(tip.1) - uy * along + ux * across).round() as i32,
        )
    };
    area.draw(&Circle::new(tail, 2, palette::INK.stroke_width(1)))?;
    area.draw(&PathElement::new(
        vec![at(len - 3.0, 0.0), at(6.0, 0.0)],
        palette::INK.stroke_width(1),
    ))?;
    area.draw(&Polygon::new(
        vec![tip, at(7.0, 3.5), at(7.0, -3.5)],
        palette::INK.filled(),
    ))?;
    Ok(())
}

/// Band swatches with their names, centred under the grid.
fn legend(area: &Area, fmt: &Format) -> DrawResult {
    let widths = Band::ALL
        .iter()
        .map(|b| draw::text_width(band_label(*b, fmt), SMALL))
        .collect::<Result<Vec<_>, _>>()?;
    let total: i32 = widths.iter().map(|w| w + 10 + 4 + 10).sum::<i32>() - 10;
    let (mut x, y) = ((GRID.x0 + GRID.x1 - total) / 2, GRID.y1 + 42);
    for (b, w) in Band::ALL.iter().zip(widths) {
        area.draw(&Rectangle::new(
            [(x, y - 5), (x + 10, y + 5)],
            band_fill(*b).filled(),
        ))?;
        area.draw(&Rectangle::new(
            [(x, y - 5), (x + 10, y + 5)],
            palette::RULE.stroke_width(1),
        ))?;
        text(
            area,
            band_label(*b, fmt),
            (x + 14, y),
            SMALL,
            &palette::INK,
            HPos::Left,
        )?;
        x += 10 + 4 + w + 10;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    fn chart(now: Vec<Risk>, before: Option<Vec<Risk>>) -> Chart {
        let prev = before.map(|r| quarter("2026-Q2", r));
        let q = quarter("2026-Q3", now);
        heatmap(
            &q,
            &facts_for(&q, prev.as_ref(), 5),
            &Matrix::default(),
            None,
            &crate::format::Format::new("USD"),
        )
    }

    /// The heat map with the built-in matrix and no appetite.
    fn plain(q: &Quarter, facts: &QuarterFacts) -> Chart {
        heatmap(
            q,
            facts,
            &Matrix::default(),
            None,
            &crate::format::Format::new("USD"),
        )
    }

    #[test]
    fn labels_every_top_risk_and_is_accessible() {
        let (q, facts, _) = busy_quarter();
        let c = plain(&q, &facts);
        assert!(c.svg.starts_with("<svg") && c.svg.contains("role=\"img\""));
        assert!(
            c.svg.contains("<title id=\"chart-heatmap-title\">")
                && c.svg.contains("<desc id=\"chart-heatmap-desc\">")
        );
        for id in &facts.top_risks {
            assert!(
                c.svg.contains(&format!(">\n{id}\n</text>")),
                "{id} has no tag"
            );
            assert!(c.desc.contains(id.as_str()));
        }
        assert!(c.svg.contains(">\nLikelihood\n<") && c.svg.contains(">\nImpact\n<"));
        assert!(
            c.desc
                .contains("R-007: likelihood 3, impact 5, score 15 (was likelihood 4, impact 5)"),
            "{}",
            c.desc
        );
        assert_eq!(c, plain(&q, &facts));
    }

    #[test]
    fn moved_risks_get_an_arrow_and_unmoved_or_new_ones_none() {
        let moved = chart(vec![risk("R-1", 3, 3)], Some(vec![risk("R-1", 2, 2)]));
        let still = chart(vec![risk("R-1", 3, 3)], Some(vec![risk("R-1", 3, 3)]));
        let new = chart(vec![risk("R-1", 3, 3)], None);
        assert_eq!(moved.svg.matches("<polygon").count(), 1);
        assert_eq!(still.svg.matches("<polygon").count(), 0);
        assert_eq!(new.svg.matches("<polygon").count(), 0);
        assert!(new.desc.contains("(new)"));
    }

    #[test]
    fn risks_in_one_cell_do_not_overlap() {
        let risks: Vec<Risk> = (1..=5).map(|n| risk(&format!("R-00{n}"), 5, 5)).collect();
        let q = quarter("2026-Q3", risks);
        let facts = facts_for(&q, None, 5);
        let markers = markers(&q, &facts);
        let spots = spots(&markers);
        for (a, sa) in spots.iter().enumerate() {
            assert!(Rect::around((sa.0, sa.1), sa.2).within(&GRID));
            for sb in &spots[a + 1..] {
                assert!(
                    !Rect::around((sa.0, sa.1), sa.2).overlaps(&Rect::around((sb.0, sb.1), sb.2))
                );
            }
        }
        let c = plain(&q, &facts);
        for n in 1..=5 {
            assert!(c.svg.contains(&format!("R-00{n}")), "R-00{n} missing");
        }
    }

    #[test]
    fn hostile_ids_are_escaped() {
        let c = chart(vec![risk("R-1<script>", 5, 5)], None);
        assert!(!c.svg.contains("<script>"));
        assert!(c.svg.contains("R-1&lt;script&gt;"));
    }

    fn limit(n: u8) -> Option<Boundary> {
        crate::model::appetite::Thresholds {
            limit: Some(n),
            tolerance: None,
        }
        .boundary()
    }

    #[test]
    fn the_appetite_line_separates_cells_within_from_cells_above() {
        // Appetite 12: (4,3) and (3,4) are within, (5,3), (4,4) and (3,5) above.
        let twelve = limit(12);
        let edges = boundary_edges(twelve.as_ref().unwrap());
        let right_of = |l: u8, i: u8| {
            let (x, y) = origin((l, i));
            [(x + CELL_W, y), (x + CELL_W, y + CELL_H)]
        };
        let above = |l: u8, i: u8| {
            let (x, y) = origin((l, i));
            [(x, y), (x + CELL_W, y)]
        };
        assert!(edges.contains(&right_of(4, 3)) && edges.contains(&above(4, 3)));
        assert!(edges.contains(&above(3, 4)) && !edges.contains(&right_of(3, 3)));
        assert!(
            !edges.contains(&right_of(5, 2)),
            "the grid's own edge is not the boundary"
        );
        for l in 1..=5u8 {
            for i in 1..=5u8 {
                let within = l * i <= 12;
                let right_out = l < 5 && (l + 1) * i > 12;
                assert_eq!(
                    edges.contains(&right_of(l, i)),
                    within && right_out,
                    "{l},{i}"
                );
            }
        }
        let q = quarter("2026-Q3", vec![risk("R-1", 4, 4)]);
        let with = heatmap(
            &q,
            &facts_for(&q, None, 5),
            &Matrix::default(),
            twelve,
            &crate::format::Format::new("USD"),
        );
        let without = heatmap(
            &q,
            &facts_for(&q, None, 5),
            &Matrix::default(),
            None,
            &crate::format::Format::new("USD"),
        );
        assert!(with
            .svg
            .contains(">\nRisk appetite 12: above it past the line\n<"));
        assert!(with
            .desc
            .contains("within the risk appetite (score 12 or less)"));
        assert!(!without.svg.contains("Risk appetite") && !without.desc.contains("appetite"));
        assert_eq!(
            with.svg.matches("stroke-width=\"3\"").count(),
            edges.len() + 1
        );
    }

    #[test]
    fn no_risks_still_draws_the_grid() {
        let c = chart(vec![], None);
        assert!(c.desc.starts_with("No open risks"));
        assert!(!c.svg.contains("chart unavailable"));
    }
}
