//! The one place where money, numbers, durations, dates and counted nouns are written for a
//! reader: templates (as Tera filters), charts and the diff all go through a [`Format`].
//!
//! `Format` is built once per site from its settings and carries everything a reader's
//! conventions depend on: today the currency, later the language (decimal and grouping
//! separators, month names, currency placement, plural rules). Callers never assemble a number
//! or an amount themselves, so making a site read in German changes this module only.

mod date;
mod money;
mod number;
mod plural;

pub use date::{duration, quarter_short};
pub use number::{plain, tick};
pub use plural::plural;

use crate::model::scalar::{Minutes, QuarterId};

/// How a site writes amounts, numbers and dates. Cheap to clone; pass it by reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Format {
    /// ISO 4217 code, e.g. `EUR`.
    currency: String,
    /// What is written before an amount: `€`, or the code and a space (`CHF `).
    symbol: String,
}

impl Format {
    /// The conventions for a site whose amounts are in `currency` (an ISO 4217 code).
    pub fn new(currency: &str) -> Format {
        Format {
            currency: currency.to_string(),
            symbol: money::symbol(currency),
        }
    }

    /// The conventions `quarterdeck.toml` asks for.
    pub fn for_site(config: &crate::config::Config) -> Format {
        Format::new(&config.currency)
    }

    /// The ISO 4217 code of the site's currency.
    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// An amount: `$420k`, `€1.25M`, `CHF 950`, never `1000k` (see [`money`](money::money)).
    pub fn money(&self, v: f64) -> String {
        money::money(&self.symbol, v)
    }

    /// A reading or other plain number: at most two decimals, trailing zeros dropped (`99.96`,
    /// `6.1`, `7`), never `-0`; `–` for a value that is not a number.
    pub fn number(&self, v: f64) -> String {
        number(v)
    }

    /// A reading with its unit: `99.96%`, `3` for a count, `€1.2M` when the unit is the site's
    /// currency, `6.1 days` otherwise.
    pub fn reading(&self, v: f64, unit: &str) -> String {
        match unit {
            "%" => format!("{}%", self.number(v)),
            "" | "count" => self.number(v),
            u if u == self.currency => self.money(v),
            u => format!("{} {u}", self.number(v)),
        }
    }

    /// A reading short enough for a chart label: plain below 10,000, then with a unit (`4.1M`).
    pub fn compact(&self, v: f64) -> String {
        compact(v)
    }

    /// An axis tick whose precision follows the tick step (`99.95` for a step of 0.05); from
    /// 10,000 up the ticks take a unit (`500k`).
    pub fn tick(&self, v: f64, step: f64) -> String {
        tick(v, step)
    }

    /// A duration in the unit a reader expects: `90 min`, `36 h`, `3.5 days`.
    pub fn duration(&self, m: Minutes) -> String {
        duration(m)
    }

    /// A number of hours as [`duration`](Self::duration) writes it; `1.5 h` if it is not a
    /// whole number of minutes.
    pub fn hours(&self, h: f64) -> String {
        Minutes::from_hours(h).map_or_else(|| format!("{} h", self.number(h)), |m| self.duration(m))
    }

    /// `2026-10-14` → `14 October 2026`; anything that is not a date is returned as it is.
    pub fn long_date(&self, s: &str) -> String {
        date::long_date(s)
    }

    /// `25-Q3`: a quarter short enough for a small axis.
    pub fn quarter_short(&self, q: QuarterId) -> String {
        quarter_short(q)
    }

    /// `1 risk`, `2 risks`: a count and its noun, for words a reader of the site sees.
    pub fn count(&self, n: usize, noun: &str) -> String {
        plural(n, noun)
    }
}

/// [`Format::number`] for callers that are not handed a `Format` yet (charts other than the
/// investments chart); they follow the site's language once the language issue passes one in.
pub fn number(v: f64) -> String {
    number::plain(v, 2)
}

/// [`Format::compact`], as [`number`] is to [`Format::number`].
pub fn compact(v: f64) -> String {
    number::compact(v, 1e4)
}

/// `on_track` → `On track`: a vocabulary word as a label.
pub fn label(s: &str) -> String {
    let spaced = s.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_carry_their_unit() {
        let f = Format::new("EUR");
        assert_eq!(f.reading(99.9649, "%"), "99.96%");
        assert_eq!(f.reading(3.0, "count"), "3");
        assert_eq!(f.reading(6.1, "days"), "6.1 days");
        assert_eq!(f.reading(1_250_000.0, "EUR"), "€1.25M");
        assert_eq!(f.reading(1_250_000.0, "USD"), "1250000 USD");
    }

    #[test]
    fn durations_and_dates_read_naturally() {
        let f = Format::new("USD");
        assert_eq!(f.hours(1.5), "90 min");
        assert_eq!(f.hours(36.0), "36 h");
        assert_eq!(f.hours(84.0), "3.5 days");
        assert_eq!(f.hours(-1.0), "-1 h");
        assert_eq!(f.long_date("2026-10-04"), "4 October 2026");
        assert_eq!(f.long_date("soon"), "soon");
        assert_eq!(
            f.quarter_short(QuarterId::parse("2025-Q3").unwrap()),
            "25-Q3"
        );
        assert_eq!(label("on_track"), "On track");
        assert_eq!(label(""), "");
    }

    #[test]
    fn the_site_currency_picks_the_symbol() {
        assert_eq!(Format::new("USD").money(420_000.0), "$420k");
        assert_eq!(Format::new("GBP").money(950.0), "£950");
        assert_eq!(Format::new("CHF").money(950.0), "CHF 950");
        assert_eq!(Format::new("JPY").currency(), "JPY");
    }
}
