//! The likelihood × impact heat map: the top risks as numbered markers on a 5 × 5 grid tinted by
//! the matrix's band of each cell (the numbers are the top-risks table's), with an arrow from the
//! cell each risk sat in last quarter, and with a site appetite set, a heavy line between the
//! cells inside the appetite and those above it. Everything a cell holds stays inside it: one or two markers carry
//! their ids beside them, three or more are a block of numbers; nothing needs a key. The legends
//! wrap to the chart's width in any language.

use super::draw::{self, text, text_box, text_up, Area, DrawResult, Rect, SMALL};
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
/// Cells 50 units wide: a marker and an id such as R-007 side by side (print: 62 mm wide, where
/// the 11-unit labels print at 6.6 pt).
const CELL_W: i32 = 50;
const CELL_H: i32 = 38;
const GRID: Rect = Rect {
    x0: LEFT,
    y0: TOP,
    x1: LEFT + 5 * CELL_W,
    y1: TOP + 5 * CELL_H,
};
const W: i32 = GRID.x1 + 8;
/// Below the grid: the tick numbers and the axis name; then the band legend and the appetite
/// legend, one line each (more where a language's words need them).
const FOOT: i32 = 30;
const LINE: i32 = 15;
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
pub(crate) fn heatmap(
    q: &Quarter,
    facts: &QuarterFacts,
    matrix: &Matrix,
    appetite: Option<Boundary>,
    fmt: &Format,
) -> Chart {
    let markers = markers(q, facts);
    let spots = spots(&markers);
    // Laid out before drawing: the legends' lines set the chart's height.
    let layout = tags(&markers, &spots).and_then(|tags| {
        let bands = band_rows(fmt)?;
        let line = match appetite {
            Some(a) => wrap(
                &fmt.tf("heatmap_appetite", &[("score", &a.limit.to_string())]),
                W - APPETITE_X - 4,
            )?,
            None => Vec::new(),
        };
        Ok((tags, bands, line))
    });
    let lines = layout
        .as_ref()
        .map_or(1, |(_, bands, line)| bands.len() + line.len()) as i32;
    let h = GRID.y1 + FOOT + LINE * lines + 4;
    let title = fmt.t("heatmap_title").to_string();
    render(
        "heatmap".into(),
        title,
        describe(&markers, matrix, appetite, fmt),
        (W as u32, h as u32),
        |area| {
            let (tags, bands, line) = layout.map_err(|e| e.to_string())?;
            cells(area, matrix, fmt)?;
            let mut y = GRID.y1 + FOOT + LINE / 2;
            legend(area, fmt, &bands, y)?;
            y += LINE * bands.len() as i32;
            if let Some(a) = appetite {
                boundary(area, &a)?;
                area.draw(&PathElement::new(
                    vec![(4, y), (4 + 16, y)],
                    palette::INK.stroke_width(3),
                ))?;
                for (k, text_line) in line.iter().enumerate() {
                    let at = (APPETITE_X, y + LINE * k as i32);
                    text(area, text_line, at, SMALL, &palette::INK, HPos::Left)?;
                }
            }
            for (m, spot) in markers.iter().zip(&spots) {
                arrow(area, m, *spot)?;
            }
            for (label, (x, y)) in tags.iter().flatten() {
                let tag = text_box(label, (*x, *y), SMALL, HPos::Left, 1)?;
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
            Ok(())
        },
    )
}

/// Where the appetite legend's words start, after its sample of the line.
const APPETITE_X: i32 = 4 + 16 + 6;

/// `s` in lines no wider than `max` units, broken at spaces (never at a no-break space, as
/// French puts before a colon; a word wider than `max` on a line of its own, cut to fit with an
/// ellipsis).
fn wrap(s: &str, max: i32) -> Result<Vec<String>, String> {
    let mut lines: Vec<String> = Vec::new();
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        match lines.last_mut() {
            Some(line) if draw::text_width(&format!("{line} {word}"), SMALL)? <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(draw::fit(word, SMALL, max)?),
        }
    }
    Ok(lines)
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

/// Circle centre and radius per marker, every one inside its cell. One or two markers stand at
/// the cell's left, one above the other, so that their ids fit beside them; three or more make a
/// block of numbers, three to a row, centred in the cell.
fn spots(markers: &[Marker]) -> Vec<(i32, i32, i32)> {
    let mut by_cell: BTreeMap<(u8, u8), Vec<usize>> = BTreeMap::new();
    for (k, m) in markers.iter().enumerate() {
        by_cell.entry(m.at).or_default().push(k);
    }
    let mut out = vec![(0, 0, R); markers.len()];
    for (cell, ks) in by_cell {
        let (x0, y0) = origin(cell);
        let n = ks.len() as i32;
        for (j, k) in ks.into_iter().enumerate() {
            let j = j as i32;
            out[k] = if n <= 2 {
                (x0 + 1 + R, y0 + (2 * j + 1) * CELL_H / (2 * n), R)
            } else {
                let (cols, pitch) = (3.min(n), 2 * R + 3);
                let rows = (n + cols - 1) / cols;
                let (col, row) = (j % cols, j / cols);
                let left = x0 + (CELL_W - (cols - 1) * pitch) / 2;
                let top = y0 + (CELL_H - (rows - 1) * pitch) / 2;
                (left + col * pitch, top + row * pitch, R)
            };
        }
    }
    out
}

type Tag = Option<(String, (i32, i32))>;

/// The id beside each marker of a cell that holds one or two, when it fits inside the cell; a
/// marker in a fuller cell is its number alone (the table beside the chart is numbered alike).
fn tags(markers: &[Marker], spots: &[(i32, i32, i32)]) -> Result<Vec<Tag>, String> {
    let mut count: BTreeMap<(u8, u8), usize> = BTreeMap::new();
    for m in markers {
        *count.entry(m.at).or_default() += 1;
    }
    let mut out = Vec::with_capacity(markers.len());
    for (m, &(x, y, r)) in markers.iter().zip(spots) {
        let (x0, _) = origin(m.at);
        let at = (x + r + 1, y);
        // A browser sets the id a few per cent wider than it is measured here.
        let room = x0 + CELL_W - 1 - at.0;
        let fits = draw::text_width(m.id, SMALL)? * 26 / 25 <= room;
        out.push((count[&m.at] <= 2 && fits).then(|| (m.id.to_string(), at)));
    }
    Ok(out)
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

/// The band swatches with their names in rows no wider than the chart: one row where the
/// language's names fit (the usual case), else two.
fn band_rows(fmt: &Format) -> Result<Vec<Vec<Band>>, String> {
    let width = |bands: &[Band]| -> Result<i32, String> {
        let mut w = -10;
        for b in bands {
            w += 10 + 4 + draw::text_width(band_label(*b, fmt), SMALL)? + 10;
        }
        Ok(w)
    };
    if width(&Band::ALL)? <= W - 8 {
        Ok(vec![Band::ALL.to_vec()])
    } else {
        Ok(vec![Band::ALL[..2].to_vec(), Band::ALL[2..].to_vec()])
    }
}

/// Band swatches with their names, each row centred under the grid from `y`.
fn legend(area: &Area, fmt: &Format, rows: &[Vec<Band>], y: i32) -> DrawResult {
    for (k, row) in rows.iter().enumerate() {
        let y = y + LINE * k as i32;
        let widths = row
            .iter()
            .map(|b| draw::text_width(band_label(*b, fmt), SMALL))
            .collect::<Result<Vec<_>, _>>()?;
        let total: i32 = widths.iter().map(|w| w + 10 + 4 + 10).sum::<i32>() - 10;
        let mut x = ((GRID.x0 + GRID.x1 - total) / 2).max(4);
        for (b, w) in row.iter().zip(widths) {
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
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    fn chart(now: Vec<Risk>, before: Option<Vec<Risk>>) -> Chart {
        let prev = before.map(|r| quarter("2026-Q2").risks(r));
        let q = quarter("2026-Q3").risks(now);
        heatmap(
            &q,
            &facts_of(&q, prev.as_ref(), 5),
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

    fn limit(n: u8) -> Option<Boundary> {
        crate::model::appetite::Thresholds {
            limit: Some(n),
            tolerance: None,
        }
        .boundary()
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
        let moved = chart(
            vec![risk("R-1").likelihood(3).impact(3)],
            Some(vec![risk("R-1").likelihood(2).impact(2)]),
        );
        let still = chart(
            vec![risk("R-1").likelihood(3).impact(3)],
            Some(vec![risk("R-1").likelihood(3).impact(3)]),
        );
        let new = chart(vec![risk("R-1").likelihood(3).impact(3)], None);
        assert_eq!(moved.svg.matches("<polygon").count(), 1);
        assert_eq!(still.svg.matches("<polygon").count(), 0);
        assert_eq!(new.svg.matches("<polygon").count(), 0);
        assert!(new.desc.contains("(new)"));
    }

    #[test]
    fn risks_in_one_cell_do_not_overlap() {
        let risks: Vec<Risk> = (1..=5)
            .map(|n| risk(&format!("R-00{n}")).likelihood(5).impact(5))
            .collect();
        let q = quarter("2026-Q3").risks(risks);
        let facts = facts_of(&q, None, 5);
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

    /// A format in the built-in language `lang` (labels and CLDR), as a site's pages have it.
    fn format_in(lang: &str) -> Format {
        let config = crate::config::Config::parse(&format!(
            "title = \"t\"\norganization = \"o\"\nlanguage = \"{lang}\"\ncurrency = \"EUR\"\n"
        ))
        .unwrap();
        let labels = crate::i18n::resolve(lang, None, &[], &mut Vec::new());
        Format::for_readers(&config, &labels)
    }

    #[test]
    fn every_marker_and_id_stays_in_its_cell_and_a_full_cell_is_numbers_alone() {
        let mut risks: Vec<Risk> = (1..=3)
            .map(|n| risk(&format!("R-00{n}")).likelihood(5).impact(5))
            .collect();
        risks.extend((4..=5).map(|n| risk(&format!("R-00{n}")).likelihood(2).impact(3)));
        let q = quarter("2026-Q3").risks(risks);
        let facts = facts_of(&q, None, 5);
        let markers = markers(&q, &facts);
        let spots = spots(&markers);
        let tags = tags(&markers, &spots).unwrap();
        for ((m, &(x, y, r)), tag) in markers.iter().zip(&spots).zip(&tags) {
            let (x0, y0) = origin(m.at);
            let cell = Rect {
                x0,
                y0,
                x1: x0 + CELL_W,
                y1: y0 + CELL_H,
            };
            assert!(Rect::around((x, y), r).within(&cell), "{} marker", m.id);
            if let Some((label, at)) = tag {
                let b = text_box(label, *at, SMALL, HPos::Left, 1).unwrap();
                assert!(b.within(&cell), "{} tag {b:?} outside {cell:?}", m.id);
            }
        }
        // Three in one cell: their numbers only; two in another: each with its id.
        let shown: Vec<bool> = tags.iter().map(Option::is_some).collect();
        let ids: Vec<&str> = markers.iter().map(|m| m.id).collect();
        let by_id: BTreeMap<&str, bool> = ids.into_iter().zip(shown).collect();
        assert_eq!(
            by_id,
            BTreeMap::from([
                ("R-001", false),
                ("R-002", false),
                ("R-003", false),
                ("R-004", true),
                ("R-005", true)
            ])
        );
        let c = heatmap(
            &q,
            &facts,
            &Matrix::default(),
            limit(12),
            &Format::new("USD"),
        );
        assert!(!c.svg.contains("Key:"), "no key line");
    }

    #[test]
    fn the_legends_fit_the_chart_in_every_built_in_language() {
        let q = quarter("2026-Q3").risk(risk("R-1").likelihood(4).impact(4));
        for lang in ["en", "de", "fr"] {
            let fmt = format_in(lang);
            let label = fmt.tf("heatmap_appetite", &[("score", "12")]);
            let lines = wrap(&label, W - APPETITE_X - 4).unwrap();
            assert_eq!(lines.join(" "), label, "{lang}: nothing is lost");
            assert!(
                !lines.iter().any(|l| l.starts_with(':')),
                "{lang}: {lines:?}"
            );
            for l in &lines {
                assert!(
                    APPETITE_X + draw::text_width(l, SMALL).unwrap() <= W - 4,
                    "{lang}: {l}"
                );
            }
            for row in band_rows(&fmt).unwrap() {
                let w: i32 = row
                    .iter()
                    .map(|b| draw::text_width(band_label(*b, &fmt), SMALL).unwrap() + 24)
                    .sum::<i32>()
                    - 10;
                assert!(w <= W - 8, "{lang}: bands {w}");
            }
            let c = heatmap(
                &q,
                &facts_of(&q, None, 5),
                &Matrix::default(),
                limit(12),
                &fmt,
            );
            assert!(!c.svg.contains("chart unavailable"), "{lang}");
        }
        assert_eq!(
            format_in("de").tf("heatmap_appetite", &[("score", "12")]),
            "Über der Linie: über dem Risikoappetit (12)"
        );
    }

    #[test]
    fn hostile_ids_are_escaped() {
        let c = chart(vec![risk("R-1<script>").likelihood(5).impact(5)], None);
        assert!(!c.svg.contains("<script>"));
        assert!(c.svg.contains("R-1&lt;script&gt;"));
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
        let q = quarter("2026-Q3").risk(risk("R-1").likelihood(4).impact(4));
        let with = heatmap(
            &q,
            &facts_of(&q, None, 5),
            &Matrix::default(),
            twelve,
            &crate::format::Format::new("USD"),
        );
        let without = heatmap(
            &q,
            &facts_of(&q, None, 5),
            &Matrix::default(),
            None,
            &crate::format::Format::new("USD"),
        );
        assert!(with
            .svg
            .contains(">\nAbove the line: above appetite (12)\n<"));
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
