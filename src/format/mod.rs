//! The one place where money, numbers, durations, dates and counted nouns are written for a
//! reader: templates (as Tera filters), charts and the diff all go through a [`Format`].
//!
//! `Format` is built once per site from its settings and carries everything a reader's
//! conventions depend on: today the currency, later the language (decimal and grouping
//! separators, month names, currency placement, plural rules). Callers never assemble a number
//! or an amount themselves, so making a site read in German changes this module only.

mod date;
pub(crate) mod locale;
mod money;
mod number;

pub(crate) use date::duration;
pub(crate) use number::{plain, tick};

use crate::diag::plural;
use crate::i18n::Labels;
use crate::model::scalar::{Minutes, QuarterId};
use std::sync::Arc;

/// How a site writes amounts, numbers and dates, and the words around them. Cheap to clone
/// (the formatters are shared); pass it by reference.
#[derive(Debug, Clone)]
pub(crate) struct Format {
    /// ISO 4217 code, e.g. `EUR`.
    currency: String,
    /// What is written before an amount: `€`, or the code and a space (`CHF `).
    symbol: String,
    /// The readers' labels (English unless the site sets `language`).
    labels: Arc<Labels>,
    /// CLDR's conventions for a language other than English; English keeps the house style.
    cldr: Option<Arc<locale::Cldr>>,
}

impl PartialEq for Format {
    fn eq(&self, other: &Self) -> bool {
        self.currency == other.currency && self.labels == other.labels
    }
}
impl Eq for Format {}

impl Format {
    /// The conventions for a site whose amounts are in `currency` (an ISO 4217 code), in English.
    pub(crate) fn new(currency: &str) -> Format {
        Format {
            currency: currency.to_string(),
            symbol: money::symbol(currency),
            labels: Arc::new(Labels::english()),
            cldr: None,
        }
    }

    /// The conventions `quarterdeck.toml` asks for, in English: what command-line output (the
    /// diff) uses, since messages stay English.
    pub(crate) fn for_site(config: &crate::config::Config) -> Format {
        Format::new(&config.currency)
    }

    /// The conventions of the site's readers: its currency, and the language of `labels`
    /// (numbers, dates, money and plural rules from CLDR for any language but English).
    pub(crate) fn for_readers(config: &crate::config::Config, labels: &Labels) -> Format {
        let lang = labels.lang();
        let english = lang == "en" || lang.starts_with("en-");
        Format {
            labels: Arc::new(labels.clone()),
            cldr: (!english)
                .then(|| locale::Cldr::new(lang, &config.currency))
                .flatten()
                .map(Arc::new),
            ..Format::new(&config.currency)
        }
    }

    /// The readers' labels.
    pub(crate) fn labels(&self) -> &Labels {
        &self.labels
    }

    /// The language code, for `<html lang>`.
    pub(crate) fn lang(&self) -> &str {
        self.labels.lang()
    }

    /// The label `key`.
    pub(crate) fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.labels.text(key)
    }

    /// The label `key` with its `{name}` placeholders filled.
    pub(crate) fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.labels.fill(key, args)
    }

    /// The form of `key` for the count `n` by the language's plural rules, with `{n}` written
    /// as a number of the language and the other placeholders from `args`.
    pub(crate) fn count_label(&self, key: &str, n: f64, args: &[(&str, &str)]) -> String {
        let shown = self.number(n);
        let mut all = vec![("n", shown.as_str())];
        all.extend_from_slice(args);
        crate::i18n::fill(self.form_for(key, n), &all)
    }

    /// The form of `key` for the count `n`, unfilled (English: `one` for exactly 1).
    pub(crate) fn form_for<'a>(&'a self, key: &'a str, n: f64) -> &'a str {
        let plain = number::plain(n, 2);
        let category = match &self.cldr {
            Some(c) => c.category(&plain),
            None if plain == "1" => "one",
            None => "other",
        };
        self.labels.form(key, category)
    }

    /// An amount: `$420k`, `€1.25M`, `CHF 950`, never `1000k` (see [`money`](money::money)).
    pub(crate) fn money(&self, v: f64) -> String {
        match &self.cldr {
            Some(c) if v.is_finite() => c.money(v),
            _ => money::money(&self.symbol, v),
        }
    }

    /// A reading or other plain number: at most two decimals, trailing zeros dropped (`99.96`,
    /// `6.1`, `7`), never `-0`; `–` for a value that is not a number.
    pub(crate) fn number(&self, v: f64) -> String {
        match &self.cldr {
            Some(c) if v.is_finite() => c.number(&number::plain(v, 2)),
            _ => number(v),
        }
    }

    /// A reading with its unit: `99.96%`, `3` for a count, `€1.2M` when the unit is the site's
    /// currency, `6.1 days` otherwise.
    pub(crate) fn reading(&self, v: f64, unit: &str) -> String {
        match unit {
            "%" => match &self.cldr {
                Some(c) if v.is_finite() => c.percent(&number::plain(v, 2)),
                _ => format!("{}%", self.number(v)),
            },
            "" | "count" => self.number(v),
            u if u == self.currency => self.money(v),
            u => format!("{} {u}", self.number(v)),
        }
    }

    /// A reading short enough for a chart label: plain below 10,000, then with a unit (`4.1M`).
    pub(crate) fn compact(&self, v: f64) -> String {
        match &self.cldr {
            Some(c) if v.is_finite() && v.abs() >= 1e4 => c.compact(v, 1e4),
            Some(c) if v.is_finite() => c.number(&number::plain(v, 2)),
            _ => compact(v),
        }
    }

    /// An axis tick whose precision follows the tick step (`99.95` for a step of 0.05); from
    /// 10,000 up the ticks take a unit (`500k`).
    pub(crate) fn tick(&self, v: f64, step: f64) -> String {
        let t = tick(v, step);
        match &self.cldr {
            // The house tick is plain digits below 10,000; only its separator changes.
            Some(c)
                if t.bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') =>
            {
                c.number(&t)
            }
            Some(c) if v.is_finite() => c.compact(v, 1e4),
            _ => t,
        }
    }

    /// A duration in the unit a reader expects: `90 min`, `36 h`, `3.5 days`.
    pub(crate) fn duration(&self, m: Minutes) -> String {
        if self.cldr.is_none() {
            return duration(m);
        }
        let (n, key) = date::duration_parts(m);
        self.count_label(key, n, &[])
    }

    /// A number of hours as [`duration`](Self::duration) writes it; `1.5 h` if it is not a
    /// whole number of minutes.
    pub(crate) fn hours(&self, h: f64) -> String {
        Minutes::from_hours(h).map_or_else(|| format!("{} h", self.number(h)), |m| self.duration(m))
    }

    /// `2026-10-14` → `14 October 2026`; anything that is not a date is returned as it is.
    pub(crate) fn long_date(&self, s: &str) -> String {
        match (&self.cldr, crate::model::scalar::Date::parse(s)) {
            (Some(c), Ok(d)) => c.long_date(&d).unwrap_or_else(|| date::long_date(s)),
            _ => date::long_date(s),
        }
    }

    /// `14 Oct 2026` (`14.10.2026`, `14 oct. 2026`): a date short enough for a chart label.
    pub(crate) fn short_date(&self, d: crate::model::scalar::Date) -> String {
        self.cldr
            .as_ref()
            .and_then(|c| c.short_date(d.0))
            .unwrap_or_else(|| d.0.format("%-d %b %Y").to_string())
    }

    /// `Oct 2026` (`Oktober 2026`, `octobre 2026`): a month on a time axis.
    pub(crate) fn month_year(&self, d: chrono::NaiveDate) -> String {
        self.cldr
            .as_ref()
            .and_then(|c| c.month_year(d))
            .unwrap_or_else(|| d.format("%b %Y").to_string())
    }

    /// A vocabulary word inside a sentence: English keeps the word as written (`open`, `good`),
    /// other languages use their label, lower-cased.
    pub(crate) fn word_in_text(&self, s: &str) -> String {
        if self.cldr.is_none() && !self.labels.lang().starts_with("en") {
            return self.word(s).to_lowercase();
        }
        if self.labels.lang() == "en" || self.labels.lang().starts_with("en-") {
            s.to_string()
        } else {
            self.word(s).to_lowercase()
        }
    }

    /// A vocabulary word as a label in the site's language: `on_track` → `On track`,
    /// `Im Plan`; a word without a label (`word_…` in the catalog) as [`label`] writes it.
    pub(crate) fn word(&self, s: &str) -> String {
        let key = format!("word_{s}");
        if self.labels.contains(&key) {
            self.labels.text(&key).to_string()
        } else {
            label(s)
        }
    }

    /// A quarter as readers see it: `2026-Q3`, `Q3 2026`, `T3 2026` (label `quarter_name`).
    pub(crate) fn quarter(&self, q: QuarterId) -> String {
        self.quarter_in("quarter_name", q)
    }

    /// A quarter short enough for a small axis, in the same form: `26-Q3`, `Q3/26`, `T3/26`.
    pub(crate) fn quarter_short(&self, q: QuarterId) -> String {
        self.quarter_in("quarter_short", q)
    }

    fn quarter_in(&self, key: &str, q: QuarterId) -> String {
        let (year, n) = (q.year.to_string(), q.q.to_string());
        let yy = format!("{:02}", q.year.rem_euclid(100));
        self.tf(key, &[("year", &year), ("yy", &yy), ("q", &n)])
    }

    /// `1 risk`, `2 risks`: a count and its noun, for words a reader of the site sees.
    pub(crate) fn count(&self, n: usize, noun: &str) -> String {
        plural(n, noun)
    }
}

/// [`Format::number`] for callers that are not handed a `Format` yet (charts other than the
/// investments chart); they follow the site's language once the language issue passes one in.
pub(crate) fn number(v: f64) -> String {
    number::plain(v, 2)
}

/// [`Format::compact`], as [`number`] is to [`Format::number`].
pub(crate) fn compact(v: f64) -> String {
    number::compact(v, 1e4)
}

/// `on_track` → `On track`: a vocabulary word as a label.
pub(crate) fn label(s: &str) -> String {
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
    fn a_site_without_a_currency_writes_dollars() {
        let c = crate::config::Config::parse(
            "title = \"T\"\norganization = \"O\"\npaper = \"Letter\"\n",
        )
        .unwrap();
        assert_eq!(Format::for_site(&c).money(5.0), "$5");
    }

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
        let q3 = QuarterId::parse("2025-Q3").unwrap();
        assert_eq!(
            (f.quarter(q3), f.quarter_short(q3)),
            ("2025-Q3".into(), "25-Q3".into())
        );
        let q1 = QuarterId::parse("2100-Q1").unwrap();
        assert_eq!(f.quarter_short(q1), "00-Q1");
        assert_eq!(label("on_track"), "On track");
        assert_eq!(label(""), "");
    }

    #[test]
    fn the_site_currency_picks_the_symbol() {
        assert_eq!(Format::new("USD").money(420_000.0), "$420k");
        assert_eq!(Format::new("GBP").money(950.0), "£950");
        assert_eq!(Format::new("CHF").money(950.0), "CHF 950");
    }
}
