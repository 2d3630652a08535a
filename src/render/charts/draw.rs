//! Drawing helpers the charts share: text measured with the embedded font, linear scales clamped to
//! the plot, and a list of occupied boxes so that labels are only put where they collide with nothing.

use super::FAMILY;
use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, FontTransform};
use plotters_backend::{BackendCoord, DrawingErrorKind};
use std::cell::RefCell;
use std::collections::HashMap;

pub(super) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub(super) type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// Text sizes in CSS pixels as the reader sees them; nothing on a chart is smaller than 11px.
pub(super) const SMALL: f64 = 11.0;

/// plotters measures text at `size` but writes `font-size` as size / 1.24; asking for px × 1.24
/// makes the SVG say px and keeps the measurement slightly generous.
fn font(px: f64) -> FontDesc<'static> {
    // Measuring may come before the first chart is drawn; the font must be there either way.
    super::font_ready();
    FontDesc::new(FontFamily::Name(FAMILY), px * 1.24, FontStyle::Normal)
}

/// The advance width of `s` at `px`, in the embedded font. Charts measure the same few labels
/// over and over (and plotters copies the whole font for each measurement), so each thread keeps
/// the widths it has measured.
pub(super) fn text_width(s: &str, px: f64) -> Result<i32, String> {
    thread_local! {
        static WIDTHS: RefCell<HashMap<(u64, String), i32>> = RefCell::new(HashMap::new());
    }
    // Long text (rare, and `fit` measures each of its prefixes) is measured, not kept.
    let key = (s.len() <= 64).then(|| (px.to_bits(), s.to_string()));
    if let Some(w) = key
        .as_ref()
        .and_then(|k| WIDTHS.with(|m| m.borrow().get(k).copied()))
    {
        return Ok(w);
    }
    let (w, _) = font(px).box_size(s).map_err(|e| e.to_string())?;
    let w = i32::try_from(w).unwrap_or(i32::MAX / 4);
    if let Some(k) = key {
        WIDTHS.with(|m| m.borrow_mut().insert(k, w));
    }
    Ok(w)
}

/// `s`, or its longest prefix that fits `max` pixels with an ellipsis.
pub(super) fn fit(s: &str, px: f64, max: i32) -> Result<String, String> {
    if text_width(s, px)? <= max {
        return Ok(s.to_string());
    }
    // The longest prefix that fits with its ellipsis: widths grow with the prefix, so a binary
    // search finds it in a few measurements, however long a label a site's catalog holds.
    let ends: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    let shortened = |keep: usize| format!("{}…", &s[..ends[keep]]);
    let fits =
        |keep: usize| -> Result<bool, String> { Ok(text_width(&shortened(keep), px)? <= max) };
    if ends.is_empty() || !fits(0)? {
        return Ok(String::new());
    }
    // `fits(lo)` holds throughout; keeping every character does not fit (checked above).
    let (mut lo, mut hi) = (0, ends.len() - 1);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(mid)? {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Ok(shortened(lo))
}

/// Where to centre a label `w` wide near `x` so that it stays `margin` inside a chart `width`
/// wide; a label wider than the chart is centred on the chart rather than refused.
pub(super) fn centre_within(x: i32, w: i32, width: i32, margin: i32) -> i32 {
    let (lo, hi) = (w / 2 + margin, width - w / 2 - margin);
    if lo > hi {
        width / 2
    } else {
        x.clamp(lo, hi)
    }
}

/// Draws one line of text whose capitals are vertically centred on `y`.
pub(super) fn text(
    area: &Area,
    s: &str,
    (x, y): (i32, i32),
    px: f64,
    color: &RGBColor,
    h: HPos,
) -> DrawResult {
    if s.is_empty() {
        return Ok(());
    }
    // The SVG places the baseline 0.76em below a top-anchored point; cap height is about 0.73em.
    let top = y - (0.40 * px).round() as i32;
    with_style(px, color, h, false, |style| {
        area.draw(&Line {
            s,
            at: (x, top),
            style,
        })
    })?;
    Ok(())
}

/// Calls `draw` with the text style for these arguments, made once per thread: a style holds a
/// copy of the whole font, which plotters' `Text` would otherwise make for every label.
fn with_style<R>(
    px: f64,
    color: &RGBColor,
    h: HPos,
    up: bool,
    draw: impl FnOnce(&TextStyle<'static>) -> R,
) -> R {
    type Key = (u64, (u8, u8, u8), u8, bool);
    thread_local! {
        static STYLES: RefCell<HashMap<Key, std::rc::Rc<TextStyle<'static>>>> =
            RefCell::new(HashMap::new());
    }
    let hpos = match h {
        HPos::Left => 0,
        HPos::Center => 1,
        HPos::Right => 2,
    };
    let key = (px.to_bits(), color.rgb(), hpos, up);
    let style = STYLES.with(|m| {
        m.borrow_mut()
            .entry(key)
            .or_insert_with(|| {
                let font = if up {
                    font(px).transform(FontTransform::Rotate270)
                } else {
                    font(px)
                };
                std::rc::Rc::new(font.color(color).pos(Pos::new(h, VPos::Top)))
            })
            .clone()
    });
    draw(&style)
}

/// One line of text at a point, drawn with a borrowed style (plotters' `Text` owns its style).
struct Line<'a> {
    s: &'a str,
    at: (i32, i32),
    style: &'a TextStyle<'static>,
}

impl<'a> PointCollection<'a, (i32, i32)> for &'a Line<'_> {
    type Point = &'a (i32, i32);
    type IntoIter = std::iter::Once<&'a (i32, i32)>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Line<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match points.next() {
            Some(at) => backend.draw_text(self.s, self.style, at),
            None => Ok(()),
        }
    }
}

/// A row of axis labels placed left to right: each centred on its mark but kept inside the
/// chart, and left out when it would come within 6 px of the label before it.
pub(super) struct AxisLabels {
    y: i32,
    width: i32,
    last_end: i32,
}

impl AxisLabels {
    /// Labels on the line `y` of a chart `width` wide.
    pub(super) fn new(y: i32, width: i32) -> AxisLabels {
        AxisLabels {
            y,
            width,
            last_end: i32::MIN,
        }
    }

    /// Places `label` under the mark at `x`, unless it would crowd the one before.
    pub(super) fn place(&mut self, area: &Area, label: &str, x: i32) -> DrawResult {
        // A site's catalog may hold a label wider than the chart: it is shortened to fit.
        let label = fit(label, SMALL, self.width - 2)?;
        let w = text_width(&label, SMALL)?;
        let cx = centre_within(x, w, self.width, 1);
        if cx - w / 2 > self.last_end + 6 {
            text(
                area,
                &label,
                (cx, self.y),
                SMALL,
                &super::palette::INK_SOFT,
                HPos::Center,
            )?;
            self.last_end = cx + w / 2;
        }
        Ok(())
    }
}

/// Text turned a quarter anticlockwise (reading upwards), centred on `(x, y)`.
pub(super) fn text_up(
    area: &Area,
    s: &str,
    (x, y): (i32, i32),
    px: f64,
    color: &RGBColor,
) -> DrawResult {
    let left = x - (0.40 * px).round() as i32;
    with_style(px, color, HPos::Center, true, |style| {
        area.draw(&Line {
            s,
            at: (left, y),
            style,
        })
    })?;
    Ok(())
}

/// The box a `text` call with the same arguments covers, padded by `pad`.
pub(super) fn text_box(
    s: &str,
    (x, y): (i32, i32),
    px: f64,
    h: HPos,
    pad: i32,
) -> Result<Rect, String> {
    let w = text_width(s, px)?;
    let x0 = match h {
        HPos::Left => x,
        HPos::Center => x - w / 2,
        HPos::Right => x - w,
    };
    let half = (px * 0.5).ceil() as i32;
    Ok(Rect {
        x0: x0 - pad,
        y0: y - half - pad,
        x1: x0 + w + pad,
        y1: y + half + pad,
    })
}

/// Maps a domain linearly onto pixels; values outside the domain stick to its ends.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub r0: i32,
    pub r1: i32,
}

impl Scale {
    pub(super) fn at(&self, v: f64) -> i32 {
        let span = self.d1 - self.d0;
        let t = if span.is_finite() && span.abs() > f64::MIN_POSITIVE && v.is_finite() {
            ((v - self.d0) / span).clamp(0.0, 1.0)
        } else {
            0.5
        };
        (f64::from(self.r0) + t * f64::from(self.r1 - self.r0)).round() as i32
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl Rect {
    pub(super) fn around((x, y): (i32, i32), r: i32) -> Rect {
        Rect {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        }
    }

    pub(super) fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub(super) fn within(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.y0 >= o.y0 && self.x1 <= o.x1 && self.y1 <= o.y1
    }
}

/// Boxes already drawn on; a label goes to the first candidate spot that is inside the bounds and
/// free, which keeps placement deterministic and collision-free.
#[derive(Debug)]
pub(super) struct Taken {
    pub bounds: Rect,
    boxes: Vec<Rect>,
}

impl Taken {
    pub(super) fn new(bounds: Rect) -> Taken {
        Taken {
            bounds,
            boxes: Vec::new(),
        }
    }

    pub(super) fn take(&mut self, r: Rect) {
        self.boxes.push(r);
    }

    pub(super) fn is_free(&self, r: &Rect) -> bool {
        r.within(&self.bounds) && !self.boxes.iter().any(|b| b.overlaps(r))
    }

    /// Marks the segment from `a` to `b` as taken, as a chain of small boxes.
    pub(super) fn take_segment(&mut self, a: (i32, i32), b: (i32, i32), r: i32) {
        let steps = ((b.0 - a.0).abs().max((b.1 - a.1).abs()) / 4).clamp(1, 400);
        for s in 0..=steps {
            let t = f64::from(s) / f64::from(steps);
            let x = f64::from(a.0) + t * f64::from(b.0 - a.0);
            let y = f64::from(a.1) + t * f64::from(b.1 - a.1);
            self.take(Rect::around((x.round() as i32, y.round() as i32), r));
        }
    }
}

/// A straight dashed line. plotters' SVG backend has no dash attribute and its dashed element
/// writes each dash as an element of its own (a sixth of a site's bytes went to dashes); the line
/// is drawn whole instead, its dash pattern carried in an opacity no chart uses, which
/// [`super::svg::finish`] turns into `stroke-dasharray`.
pub(super) fn dashed(
    area: &Area,
    a: (i32, i32),
    b: (i32, i32),
    dash: i32,
    gap: i32,
    style: ShapeStyle,
) -> DrawResult {
    let RGBAColor(r, g, b_, _) = style.color;
    let style = ShapeStyle {
        color: RGBAColor(r, g, b_, dash_mark(dash, gap)),
        ..style
    };
    area.draw(&PathElement::new(vec![a, b], style))?;
    Ok(())
}

/// The opacity that stands for a dash pattern: `dash` and `gap` (1–999 pixels each) as
/// 0.000 000 DDD GGG, far below any opacity a chart draws with.
pub(super) fn dash_mark(dash: i32, gap: i32) -> f64 {
    let part = |v: i32| f64::from(v.clamp(1, 999));
    (part(dash) * 1000.0 + part(gap)) * 1e-9
}

/// The dash pattern an opacity stands for, if it is a [`dash_mark`].
pub(super) fn dash_of(opacity: f64) -> Option<(u32, u32)> {
    if !(opacity > 0.0 && opacity < 1e-3) {
        return None;
    }
    let n = (opacity * 1e9).round() as u32;
    let (dash, gap) = (n / 1000, n % 1000);
    (dash > 0 && gap > 0).then_some((dash, gap))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_clamps_and_survives_degenerate_domains() {
        let s = Scale {
            d0: 0.0,
            d1: 10.0,
            r0: 100,
            r1: 0,
        };
        assert_eq!(
            (s.at(0.0), s.at(5.0), s.at(1e300), s.at(f64::NAN)),
            (100, 50, 0, 50)
        );
        let flat = Scale {
            d0: 3.0,
            d1: 3.0,
            r0: 0,
            r1: 10,
        };
        assert_eq!(flat.at(3.0), 5);
    }

    /// The borrowed-style text element writes what plotters' own `Text` writes, for every
    /// anchor, turned or not, and with the style taken from the cache the second time.
    #[test]
    fn cached_styles_draw_what_plotters_text_draws() {
        assert!(super::super::font_ready());
        let svg = |draw: &dyn Fn(&Area) -> DrawResult| {
            let mut out = String::new();
            {
                let area = SVGBackend::with_string(&mut out, (200, 100)).into_drawing_area();
                draw(&area).unwrap();
            }
            out
        };
        let color = RGBColor(1, 2, 3);
        for h in [HPos::Left, HPos::Center, HPos::Right] {
            let plain = svg(&|a| {
                let style = font(13.0).color(&color).pos(Pos::new(h, VPos::Top));
                a.draw(&Text::new("R-1 <&>", (10, 20), style))?;
                Ok(())
            });
            for _ in 0..2 {
                assert_eq!(
                    svg(&|a| text(a, "R-1 <&>", (10, 25), 13.0, &color, h)),
                    plain
                );
            }
        }
        let turned = svg(&|a| {
            let style = font(11.0)
                .transform(FontTransform::Rotate270)
                .color(&color)
                .pos(Pos::new(HPos::Center, VPos::Top));
            a.draw(&Text::new("Impact", (36, 50), style))?;
            Ok(())
        });
        assert_eq!(
            svg(&|a| text_up(a, "Impact", (40, 50), 11.0, &color)),
            turned
        );
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert!(super::super::font_ready());
        let cut = fit("R-0000000000000007", SMALL, 40).unwrap();
        assert!(
            cut.ends_with('…') && text_width(&cut, SMALL).unwrap() <= 40,
            "{cut}"
        );
        assert_eq!(fit("R-7", SMALL, 40).unwrap(), "R-7");
    }

    #[test]
    fn dash_patterns_survive_the_svg_opacity() {
        for (dash, gap) in [(4, 3), (7, 4), (2, 3), (3, 3), (1, 1), (999, 999)] {
            let written: f64 = format!("{}", dash_mark(dash, gap)).parse().unwrap();
            assert_eq!(
                dash_of(written),
                Some((dash as u32, gap as u32)),
                "{dash} {gap}"
            );
        }
        for plain in [1.0, 0.85, 0.5, 0.01, 0.0] {
            assert_eq!(dash_of(plain), None);
        }
    }

    #[test]
    fn taken_boxes_block_labels() {
        let mut t = Taken::new(Rect {
            x0: 0,
            y0: 0,
            x1: 100,
            y1: 100,
        });
        t.take_segment((0, 50), (100, 50), 2);
        assert!(!t.is_free(&Rect {
            x0: 40,
            y0: 45,
            x1: 60,
            y1: 55
        }));
        assert!(t.is_free(&Rect {
            x0: 40,
            y0: 10,
            x1: 60,
            y1: 20
        }));
        assert!(!t.is_free(&Rect {
            x0: 90,
            y0: 10,
            x1: 110,
            y1: 20
        }));
    }
}
