//! The risk appetite: the site's limit and tolerance, each category's, and the one rule that
//! decides a risk's appetite status. The lints, the facts every page shows and `data.json` all
//! ask [`Appetite::status`]; nothing else compares a score with a threshold.

use crate::config::Config;
use serde::Serialize;
use std::collections::BTreeMap;

/// Where a risk's score stands against the thresholds it is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AppetiteStatus {
    /// At or below the limit (or no limit is set).
    Within,
    /// Above the limit, at or below the tolerance.
    Above,
    /// Above the tolerance: the board must decide now.
    OutsideTolerance,
}

impl AppetiteStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AppetiteStatus::Within => "within",
            AppetiteStatus::Above => "above",
            AppetiteStatus::OutsideTolerance => "outside_tolerance",
        }
    }
}

/// A limit and a tolerance, each a score; either may be unset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Thresholds {
    pub limit: Option<u8>,
    pub tolerance: Option<u8>,
}

impl Thresholds {
    /// A score equal to the limit is within; equal to the tolerance is above, not outside.
    pub fn status(self, score: u8) -> AppetiteStatus {
        if self.tolerance.is_some_and(|t| score > t) {
            AppetiteStatus::OutsideTolerance
        } else if self.limit.is_some_and(|l| score > l) {
            AppetiteStatus::Above
        } else {
            AppetiteStatus::Within
        }
    }

    /// The cells within the limit; none without a limit.
    pub fn boundary(self) -> Option<Boundary> {
        let limit = self.limit?;
        let mut within = [[false; 5]; 5];
        for (i, row) in (1..=5u8).zip(within.iter_mut()) {
            for (l, cell) in (1..=5u8).zip(row.iter_mut()) {
                *cell = self.status(i * l) == AppetiteStatus::Within;
            }
        }
        Some(Boundary { limit, within })
    }
}

/// The cells of the matrix within a limit, for the heat map's boundary line: the chart draws
/// it, the model decides which cells are within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Boundary {
    pub limit: u8,
    /// `[impact - 1][likelihood - 1]`: the cell's score is within the limit.
    pub within: [[bool; 5]; 5],
}

impl Boundary {
    pub fn is_within(&self, impact: u8, likelihood: u8) -> bool {
        let at = |n: u8| usize::from(n.clamp(1, 5) - 1);
        self.within[at(impact)][at(likelihood)]
    }
}

/// A category of `[categories]` with the thresholds its risks are held to (its own where it
/// sets them, else the site's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Category {
    pub name: String,
    #[serde(flatten)]
    pub thresholds: Thresholds,
    /// Whether the category sets a limit or tolerance of its own.
    pub own: bool,
}

/// The site's thresholds and its categories, by key.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Appetite {
    #[serde(flatten)]
    pub site: Thresholds,
    pub categories: BTreeMap<String, Category>,
    /// `[appetite] loss_tolerance`, as `[amount, percent]` points (left out of the JSON when
    /// not set).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub loss_tolerance: Vec<super::money::TolerancePoint>,
}

/// A checked threshold as a score (the settings were checked to be 1–24).
fn score(v: Option<i64>) -> Option<u8> {
    v.and_then(|v| u8::try_from(v).ok())
}

impl Appetite {
    /// From settings that passed their checks: `risk_appetite` or `[appetite]`, and
    /// `[categories]`.
    pub fn from_config(c: &Config) -> Appetite {
        let site = match &c.appetite {
            Some(a) => Thresholds {
                limit: score(Some(a.limit)),
                tolerance: score(a.tolerance),
            },
            None => Thresholds {
                limit: c.risk_appetite,
                tolerance: None,
            },
        };
        let categories = c
            .categories
            .iter()
            .map(|(key, s)| {
                let own = Thresholds {
                    limit: score(s.limit),
                    tolerance: score(s.tolerance),
                };
                let thresholds = Thresholds {
                    limit: own.limit.or(site.limit),
                    tolerance: own.tolerance.or(site.tolerance),
                };
                let category = Category {
                    name: s.name.trim().to_string(),
                    thresholds,
                    own: own != Thresholds::default(),
                };
                (key.clone(), category)
            })
            .collect();
        let loss_tolerance = c
            .appetite
            .iter()
            .flat_map(|a| a.loss_tolerance.iter().flatten())
            .filter_map(|p| match p[..] {
                [amount, percent] => Some(super::money::TolerancePoint { amount, percent }),
                _ => None,
            })
            .collect();
        Appetite {
            site,
            categories,
            loss_tolerance,
        }
    }

    /// The thresholds a risk of `category` is held to: its category's, else the site's.
    pub fn thresholds(&self, category: Option<&str>) -> Thresholds {
        category
            .and_then(|k| self.categories.get(k))
            .map_or(self.site, |c| c.thresholds)
    }

    pub fn status(&self, category: Option<&str>, score: u8) -> AppetiteStatus {
        self.thresholds(category).status(score)
    }

    /// "the risk appetite of 10", or "the Third parties appetite of 8" when the category sets
    /// its own: how a message names the limit a risk is held to.
    pub fn limit_phrase(&self, category: Option<&str>) -> String {
        self.phrase(category, "appetite", self.thresholds(category).limit)
    }

    /// Like [`Appetite::limit_phrase`], for the tolerance.
    pub fn tolerance_phrase(&self, category: Option<&str>) -> String {
        self.phrase(category, "tolerance", self.thresholds(category).tolerance)
    }

    fn phrase(&self, category: Option<&str>, what: &str, value: Option<u8>) -> String {
        let value = value.map_or_else(String::new, |v| v.to_string());
        let own = category
            .and_then(|k| self.categories.get(k))
            .filter(|c| c.own);
        match own {
            Some(c) => format!("the {} {what} of {value}", c.name),
            None => format!("the risk {what} of {value}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn appetite(extra: &str) -> Appetite {
        let c = Config::parse(&format!("title = \"T\"\norganization = \"O\"\n{extra}")).unwrap();
        Appetite::from_config(&c)
    }

    #[test]
    fn equal_to_the_limit_is_within_and_equal_to_the_tolerance_is_above() {
        let a = appetite("[appetite]\nlimit = 10\ntolerance = 15\n");
        let s = |score| a.status(None, score);
        assert_eq!(s(10), AppetiteStatus::Within);
        assert_eq!(s(11), AppetiteStatus::Above);
        assert_eq!(s(15), AppetiteStatus::Above);
        assert_eq!(s(16), AppetiteStatus::OutsideTolerance);
    }

    #[test]
    fn without_an_appetite_everything_is_within_and_the_short_form_has_no_tolerance() {
        assert_eq!(appetite("").status(None, 25), AppetiteStatus::Within);
        let short = appetite("risk_appetite = 12\n");
        assert_eq!(short.status(None, 13), AppetiteStatus::Above);
        assert_eq!(short.status(None, 25), AppetiteStatus::Above);
    }

    #[test]
    fn a_category_overrides_the_site_and_inherits_what_it_leaves_out() {
        let a = appetite("[appetite]\nlimit = 10\ntolerance = 15\n[categories.cyber]\nname = \"Cyber\"\n[categories.third_party]\nname = \"Third parties\"\nlimit = 8\ntolerance = 12\n[categories.legal]\nname = \"Legal\"\nlimit = 12\n");
        assert_eq!(a.status(Some("third_party"), 9), AppetiteStatus::Above);
        assert_eq!(a.status(None, 9), AppetiteStatus::Within);
        assert_eq!(
            a.status(Some("third_party"), 13),
            AppetiteStatus::OutsideTolerance
        );
        assert_eq!(a.status(Some("cyber"), 13), AppetiteStatus::Above);
        assert_eq!(a.status(Some("legal"), 12), AppetiteStatus::Within);
        assert_eq!(
            a.status(Some("legal"), 16),
            AppetiteStatus::OutsideTolerance
        );
        assert_eq!(
            a.limit_phrase(Some("third_party")),
            "the Third parties appetite of 8"
        );
        assert_eq!(a.limit_phrase(Some("cyber")), "the risk appetite of 10");
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"limit":10,"tolerance":15,"categories":{"cyber":{"name":"Cyber","limit":10,"tolerance":15,"own":false},"legal":{"name":"Legal","limit":12,"tolerance":15,"own":true},"third_party":{"name":"Third parties","limit":8,"tolerance":12,"own":true}}}"#
        );
    }
}
