//! The one-pager's charts and the risk pages' score history: drawn with plotters into SVG text,
//! then given a title, a description and an image role so that each reads as an accessible image.
//!
//! Every chart is laid out in CSS pixels with the embedded Inter font (never a system font), so the
//! same input gives byte-identical SVG on any machine. A chart that cannot be drawn becomes a small
//! "chart unavailable" SVG instead of an error: a missing picture must not stop a board pack.

mod draw;
mod format;
mod heatmap;
mod history;
mod incidents;
mod investments;
mod loss;
mod roadmap;
mod sparkline;
mod svg;
mod trend;

/// Test builders, shared with the board pack's view tests and `diff`'s.
#[cfg(test)]
pub(crate) mod fixtures;

pub(crate) use heatmap::heatmap;
pub(crate) use history::{risk_history, Latest};
pub(crate) use incidents::incidents;
pub(crate) use investments::investments;
pub(crate) use loss::loss_curve;
pub(crate) use roadmap::roadmap;
pub(crate) use sparkline::metric_sparkline;
pub(crate) use trend::metric_trend;

use crate::format::Format;
use crate::model::matrix::Matrix;
use crate::vocab::Band;
use draw::{Area, DrawResult};
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chart {
    /// File stem under YYYY-qN/charts/, e.g. "heatmap", "trend-uptime_pct", "incidents", "investments".
    pub name: String,
    /// Short title (also the SVG <title>).
    pub title: String,
    /// One or two sentences describing what the chart shows, with the key numbers (the SVG <desc>).
    pub desc: String,
    /// The complete standalone SVG document text (starts with `<svg`), no XML prolog needed.
    pub svg: String,
}

/// The one family every chart asks for; it resolves to the embedded Inter once registered.
const FAMILY: &str = "sans-serif";
static INTER: &[u8] = include_bytes!("../../../assets/fonts/Inter-Regular.otf");

/// Registers the embedded font with plotters, once per process. False when the bytes are rejected,
/// in which case every chart degrades to the "chart unavailable" placeholder.
fn font_ready() -> bool {
    static READY: OnceLock<bool> = OnceLock::new();
    *READY.get_or_init(|| register_font(FAMILY, FontStyle::Normal, INTER).is_ok())
}

/// Colours, defined once. Hues are Okabe–Ito, which stay distinct under the common colour-vision
/// deficiencies; the score bands are a light-to-dark ramp, so they also separate in greyscale.
/// Meaning never rests on colour alone: every band, series and bar kind also has a text label.
mod palette {
    use plotters::style::RGBColor;

    /// Text: 17:1 on white and at least 5.4:1 on every band tint.
    pub(super) const INK: RGBColor = RGBColor(0x1a, 0x1a, 0x1a);
    /// Secondary text on white only (8.4:1).
    pub(super) const INK_SOFT: RGBColor = RGBColor(0x4d, 0x4d, 0x4d);
    pub(super) const RULE: RGBColor = RGBColor(0x9e, 0x9e, 0x9e);
    pub(super) const GRID: RGBColor = RGBColor(0xe3, 0xe3, 0xe3);
    pub(super) const PAPER: RGBColor = RGBColor(0xff, 0xff, 0xff);
    pub(super) const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xb2);
    pub(super) const SKY: RGBColor = RGBColor(0x56, 0xb4, 0xe9);
    /// One per investment line; each is at least 3:1 against white, as graphics need.
    pub(super) const SERIES: [RGBColor; 4] = [
        BLUE,
        RGBColor(0xd5, 0x5e, 0x00), // vermillion
        RGBColor(0x00, 0x9e, 0x73), // bluish green
        RGBColor(0xcc, 0x79, 0xa7), // reddish purple
    ];
    /// Initiative status on the roadmap, always beside a shape and a word; each at least 3:1 on white.
    pub(super) const ON_TRACK: RGBColor = RGBColor(0x00, 0x9e, 0x73); // bluish green
    pub(super) const AT_RISK: RGBColor = RGBColor(0xb0, 0x6f, 0x00); // orange, darkened to 3:1
    pub(super) const OFF_TRACK: RGBColor = RGBColor(0xd5, 0x5e, 0x00); // vermillion
    /// Score bands low → critical (ColorBrewer OrRd steps; relative luminance .88, .66, .41, .28).
    pub(super) const BANDS: [RGBColor; 4] = [
        RGBColor(0xfe, 0xf0, 0xd9),
        RGBColor(0xfd, 0xcc, 0x8a),
        RGBColor(0xfc, 0x8d, 0x59),
        RGBColor(0xef, 0x65, 0x48),
    ];
}

/// A band's name in the site's language (also the register export's band column).
pub(super) fn band_label(b: Band, fmt: &Format) -> &str {
    fmt.t(match b {
        Band::Low => "band_low",
        Band::Medium => "band_medium",
        Band::High => "band_high",
        Band::Critical => "band_critical",
    })
}

/// A band's tint on the heat map and the history chart.
fn band_fill(b: Band) -> RGBColor {
    palette::BANDS[b as usize]
}

/// "low 1–4, medium 5–9, high 10–14, critical 15–25" (the matrix's bands and the scores they
/// cover), for descriptions.
fn bands_sentence(matrix: &Matrix, fmt: &Format) -> String {
    let parts: Vec<String> = matrix
        .band_ranges()
        .iter()
        .map(|&(b, lo, hi)| format!("{} {lo}–{hi}", band_label(b, fmt).to_lowercase()))
        .collect();
    parts.join(", ")
}

/// Draws one chart of `size` CSS pixels and wraps it; any drawing or font error gives the placeholder.
fn render(
    name: String,
    title: String,
    desc: String,
    size: (u32, u32),
    paint: impl FnOnce(&Area) -> DrawResult,
) -> Chart {
    let name = svg::file_stem(&name);
    let mut raw = String::new();
    let drawn = font_ready() && {
        let area = SVGBackend::with_string(&mut raw, size).into_drawing_area();
        let painted = area
            .fill(&palette::PAPER)
            .map_err(Into::into)
            .and_then(|()| paint(&area));
        painted.is_ok() && area.present().is_ok()
    };
    let svg = if drawn {
        svg::finish(&raw, &name, &title, &desc, size)
    } else {
        svg::unavailable(&name, &title, &desc, size)
    };
    Chart {
        name,
        title,
        desc,
        svg,
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;

    #[test]
    fn the_embedded_otf_registers() {
        assert!(
            font_ready(),
            "plotters rejected assets/fonts/Inter-Regular.otf"
        );
        assert_eq!(
            draw::text_width("R-007", 11.0).map(|w| w > 20 && w < 50),
            Ok(true)
        );
    }

    #[test]
    fn the_bands_sentence_follows_the_matrix() {
        let fmt = crate::format::Format::new("USD");
        assert_eq!(
            bands_sentence(&Matrix::default(), &fmt),
            "low 1–4, medium 5–9, high 10–14, critical 15–25"
        );
        let mut custom = Matrix::default();
        custom.bands[4][0] = Band::High;
        custom.bands[4][1] = Band::Critical;
        assert_eq!(
            bands_sentence(&custom, &fmt),
            "low 1–4, medium 5–9, high 5–12, critical 10–25"
        );
    }

    #[test]
    fn text_colours_pass_wcag_aa_on_their_backgrounds() {
        for bg in palette::BANDS.iter().chain([&palette::PAPER]) {
            assert!(contrast(&palette::INK, bg) >= 4.5, "{bg:?}");
        }
        assert!(contrast(&palette::INK_SOFT, &palette::PAPER) >= 4.5);
        // Value labels sit inside the bars: white on the dark bar, ink on the light one.
        assert!(contrast(&palette::PAPER, &palette::BLUE) >= 4.5);
        assert!(contrast(&palette::INK, &palette::SKY) >= 4.5);
        for s in
            palette::SERIES
                .iter()
                .chain(&[palette::ON_TRACK, palette::AT_RISK, palette::OFF_TRACK])
        {
            assert!(contrast(s, &palette::PAPER) >= 3.0, "{s:?}");
        }
        let lum: Vec<f64> = palette::BANDS.iter().map(luminance).collect();
        assert!(
            lum.windows(2).all(|w| w[0] - w[1] > 0.1),
            "bands must separate in greyscale: {lum:?}"
        );
    }

    /// The cells within a risk appetite of 12.
    fn limit_12() -> Option<crate::model::appetite::Boundary> {
        crate::model::appetite::Thresholds {
            limit: Some(12),
            tolerance: None,
        }
        .boundary()
    }

    #[test]
    fn a_full_quarter_renders_every_chart_deterministically() {
        let (q, facts, metrics) = busy_quarter();
        let all = |q: &Quarter| -> Vec<Chart> {
            let mut v = vec![heatmap(
                q,
                &facts,
                &Matrix::default(),
                limit_12(),
                &crate::format::Format::new("USD"),
            )];
            v.extend(
                metrics
                    .iter()
                    .zip(&facts.metrics)
                    .map(|(m, f)| metric_trend(m, f, &crate::format::Format::new("USD"))),
            );
            v.extend(incidents(q, &crate::format::Format::new("USD")));
            v.extend(investments(q, &crate::format::Format::new("USD")));
            v
        };
        let first = all(&q);
        assert_eq!(first.len(), 1 + 12 + 2);
        assert_eq!(first, all(&q));
        for c in &first {
            assert!(!c.svg.contains("chart unavailable"), "{}", c.name);
        }
    }

    /// `cargo test --release --lib render::charts -- --ignored --nocapture timing`
    #[test]
    #[ignore]
    fn timing() {
        let (q, facts, metrics) = busy_quarter();
        let runs = 200;
        let start = std::time::Instant::now();
        for _ in 0..runs {
            let mut n = heatmap(
                &q,
                &facts,
                &Matrix::default(),
                limit_12(),
                &crate::format::Format::new("USD"),
            )
            .svg
            .len();
            for (m, f) in metrics.iter().zip(&facts.metrics) {
                n += metric_trend(m, f, &crate::format::Format::new("USD"))
                    .svg
                    .len();
            }
            n += incidents(&q, &crate::format::Format::new("USD")).map_or(0, |c| c.svg.len())
                + investments(&q, &crate::format::Format::new("USD")).map_or(0, |c| c.svg.len());
            assert!(n > 0);
        }
        let per = start.elapsed() / runs;
        println!(
            "all charts of one quarter (1 heat map, 12 trends, incidents, investments): {per:?}"
        );
    }

    fn luminance(c: &RGBColor) -> f64 {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
    }

    fn contrast(a: &RGBColor, b: &RGBColor) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }
}
