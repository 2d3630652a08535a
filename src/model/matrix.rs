//! The risk matrix in force: what each impact and likelihood level is called and means, and the
//! band of each of the 25 cells. A risk's band is the band of its cell, decided here once; the
//! heat map, the pages and `data.json` read it.

use crate::config::MatrixSettings;
use crate::i18n::Labels;
use crate::vocab::Band;
use serde::Serialize;

/// One level of a scale: its number, its name, and the range of money (impact) or yearly chance
/// in % (likelihood) it stands for, when `[matrix]` gives them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Level {
    pub level: u8,
    pub name: String,
    /// The previous level's upper bound; none for level 1 or without amounts.
    pub above: Option<f64>,
    /// The level's upper bound; none for level 5 or without amounts.
    pub up_to: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct GridRow<'a> {
    pub impact: &'a Level,
    pub cells: Vec<GridCell>,
}

#[derive(Debug, Serialize)]
pub struct GridCell {
    pub likelihood: u8,
    pub score: u8,
    pub band: Band,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    pub impact: Vec<Level>,
    pub likelihood: Vec<Level>,
    /// The band of every cell, `[impact - 1][likelihood - 1]`.
    pub bands: [[Band; 5]; 5],
    /// Whether `impact_loss` / `likelihood_chance` were given.
    pub has_loss: bool,
    pub has_chance: bool,
}

impl Default for Matrix {
    fn default() -> Self {
        Matrix::new(None, &Labels::english())
    }
}

impl Matrix {
    /// From settings that passed their checks; level names not given are the built-in names in
    /// the site's language.
    pub fn new(settings: Option<&MatrixSettings>, labels: &Labels) -> Matrix {
        let s = settings.cloned().unwrap_or_default();
        Matrix {
            impact: levels(
                s.impact.as_deref(),
                s.impact_loss.as_deref(),
                "impact",
                labels,
            ),
            likelihood: levels(
                s.likelihood.as_deref(),
                s.likelihood_chance.as_deref(),
                "likelihood",
                labels,
            ),
            bands: crate::config::scale::bands_of(s.bands.as_deref()),
            has_loss: s.impact_loss.is_some(),
            has_chance: s.likelihood_chance.is_some(),
        }
    }

    /// The band of the cell (impact, likelihood), each 1–5 (clamped).
    pub fn band(&self, impact: u8, likelihood: u8) -> Band {
        let at = |n: u8| usize::from(n.clamp(1, 5) - 1);
        self.bands[at(impact)][at(likelihood)]
    }

    /// Each band that has cells, with the lowest and highest score it covers: what a chart's
    /// description says ("high 10–14"). When the band rises with the score alone (the built-in
    /// bands do), the ranges meet, so a score no cell has (11, 13, 14) falls in the band below
    /// the next one; otherwise each range runs from its cells' lowest score to their highest,
    /// and two ranges may overlap.
    pub fn band_ranges(&self) -> Vec<(Band, u8, u8)> {
        let spans: Vec<(Band, u8, u8)> = Band::ALL
            .iter()
            .filter_map(|&b| {
                let scores = self.cells().filter(|c| c.2 == b).map(|(i, l, _)| i * l);
                let (lo, hi) = scores.fold((u8::MAX, 0), |(lo, hi), s| (lo.min(s), hi.max(s)));
                (hi > 0).then_some((b, lo, hi))
            })
            .collect();
        let by_score = spans.windows(2).all(|w| w[0].2 < w[1].1);
        if !by_score {
            return spans;
        }
        let mut out = spans.clone();
        for (k, span) in out.iter_mut().enumerate() {
            span.1 = if k == 0 { 1 } else { span.1 };
            span.2 = spans.get(k + 1).map_or(25, |next| next.1 - 1);
        }
        out
    }

    /// The bands as score ranges that meet (1–4, 5–9, …, up to 25) when the band rises with the
    /// score alone, as the built-in bands do; none when a score's band depends on its cell. A
    /// chart with a score axis (a risk's history) can shade bands only in the first case.
    pub fn score_bands(&self) -> Option<Vec<(Band, u8, u8)>> {
        let ranges = self.band_ranges();
        let meet = ranges.first().is_some_and(|r| r.1 == 1)
            && ranges.windows(2).all(|w| w[0].2 + 1 == w[1].1)
            && ranges.last().is_some_and(|r| r.2 == 25);
        let same_per_score = (1..=25u8).all(|score| {
            let mut bands = self.cells().filter(|(i, l, _)| i * l == score).map(|c| c.2);
            let first = bands.next();
            bands.all(|b| Some(b) == first)
        });
        (meet && same_per_score).then_some(ranges)
    }

    /// The grid as a reader sees it: a row per impact level, highest first, each cell with its
    /// likelihood, score and band.
    pub fn grid(&self) -> Vec<GridRow<'_>> {
        self.impact
            .iter()
            .rev()
            .map(|level| GridRow {
                impact: level,
                cells: (1..=5u8)
                    .map(|l| GridCell {
                        likelihood: l,
                        score: level.level * l,
                        band: self.band(level.level, l),
                    })
                    .collect(),
            })
            .collect()
    }

    /// Every cell as (impact, likelihood, band).
    fn cells(&self) -> impl Iterator<Item = (u8, u8, Band)> + '_ {
        (1..=5u8).flat_map(move |i| (1..=5u8).map(move |l| (i, l, self.band(i, l))))
    }
}

fn levels(
    names: Option<&[String]>,
    bounds: Option<&[f64]>,
    scale: &str,
    labels: &Labels,
) -> Vec<Level> {
    (1..=5u8)
        .map(|n| {
            let k = usize::from(n - 1);
            let name = names
                .and_then(|v| v.get(k))
                .map(|s| s.trim().to_string())
                .unwrap_or_else(|| labels.text(&format!("level_{scale}_{n}")).to_string());
            let bound = |k: usize| bounds.and_then(|b| b.get(k)).copied();
            Level {
                level: n,
                name,
                above: k.checked_sub(1).and_then(bound),
                up_to: bound(k),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_matrix_has_todays_bands_and_built_in_names() {
        let m = Matrix::default();
        assert_eq!(m.band(5, 3), Band::Critical);
        assert_eq!(m.band(2, 2), Band::Low);
        assert_eq!(m.band(3, 4), Band::High);
        assert_eq!(
            m.band_ranges(),
            vec![
                (Band::Low, 1, 4),
                (Band::Medium, 5, 9),
                (Band::High, 10, 14),
                (Band::Critical, 15, 25)
            ]
        );
        assert_eq!(m.score_bands(), Some(m.band_ranges()));
        assert_eq!(m.impact[0].name, "Negligible");
        assert_eq!(m.likelihood[4].name, "Almost certain");
    }

    #[test]
    fn custom_bands_and_levels_are_read() {
        let s = MatrixSettings {
            impact: Some(["A", "B", "C", "D", "E"].map(String::from).to_vec()),
            likelihood: None,
            impact_loss: Some(vec![1e5, 1e6, 5e6, 25e6]),
            likelihood_chance: None,
            bands: Some(
                ["LLLMH", "LLMHH", "LMHHC", "MHHCC", "HHCCC"]
                    .map(String::from)
                    .to_vec(),
            ),
        };
        let m = Matrix::new(Some(&s), &Labels::english());
        assert_eq!(m.band(5, 1), Band::High);
        assert_eq!(m.band(1, 4), Band::Medium);
        assert_eq!(
            (m.impact[1].above, m.impact[1].up_to),
            (Some(1e5), Some(1e6))
        );
        assert_eq!((m.impact[4].above, m.impact[4].up_to), (Some(25e6), None));
        assert_eq!(m.impact[4].name, "E");
        assert!(m.has_loss && !m.has_chance);
        // (2, 2) is low at score 4 while (1, 4) is medium: no band per score.
        assert_eq!(m.score_bands(), None);
    }
}
