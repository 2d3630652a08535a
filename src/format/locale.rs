//! CLDR's conventions for a site that does not read English: decimal and grouping separators,
//! percent and currency placement, compact amounts, long dates with month names, plural
//! categories. All from ICU4X's compiled data, so nothing is read at run time.
//!
//! English sites keep quarterdeck's own house style (`$420k`, `99.96%`, `14 October 2026`), so
//! that their output is unchanged; this is used for every other language.

use super::number;
use crate::model::scalar::Date;
use fixed_decimal::Decimal;
use icu_datetime::fieldsets::{YM, YMD};
use icu_datetime::input::Date as IcuDate;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_decimal::{CompactDecimalFormatter, DecimalFormatter};
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use std::str::FromStr;
use writeable::Writeable;

/// The formatters of one language, built once per site.
pub(crate) struct Cldr {
    decimal: DecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
    /// `None` for a currency code CLDR does not know; amounts then read `1,3 Mio. XYZ`.
    money: Option<CurrencyFormatter<CompactDecimalFormatter>>,
    compact: CompactDecimalFormatter,
    plurals: PluralRules,
    date: FixedCalendarDateTimeFormatter<icu_calendar::Gregorian, YMD>,
    short_date: FixedCalendarDateTimeFormatter<icu_calendar::Gregorian, YMD>,
    month_year: FixedCalendarDateTimeFormatter<icu_calendar::Gregorian, YM>,
    currency: String,
}

impl std::fmt::Debug for Cldr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cldr").finish_non_exhaustive()
    }
}

impl Cldr {
    /// The formatters for `lang` (a BCP 47 code `config` has checked); `None` if CLDR has no
    /// data for it at all, in which case its root conventions would be no better than English.
    pub(crate) fn new(lang: &str, currency: &str) -> Option<Cldr> {
        let locale = Locale::try_from_str(lang).ok()?;
        let money = CurrencyType::try_from_str(&currency.to_ascii_lowercase())
            .ok()
            .and_then(|code| {
                CurrencyFormatter::try_new_compact_symbol(
                    (&locale).into(),
                    code,
                    Default::default(),
                )
                .ok()
            });
        Some(Cldr {
            decimal: DecimalFormatter::try_new((&locale).into(), Default::default()).ok()?,
            percent: PercentFormatter::try_new((&locale).into(), Default::default()).ok()?,
            money,
            compact: CompactDecimalFormatter::try_new_short((&locale).into(), Default::default())
                .ok()?,
            plurals: PluralRules::try_new((&locale).into(), Default::default()).ok()?,
            date: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long()).ok()?,
            short_date: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::medium())
                .ok()?,
            // CLDR's medium month-year is numeric in German (`10/2026`); the long one names it.
            month_year: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YM::long())
                .ok()?,
            currency: currency.to_string(),
        })
    }

    /// `plain` is a number as quarterdeck writes it for machines (`99.94`, `-1250000`).
    pub(crate) fn number(&self, plain: &str) -> String {
        match Decimal::from_str(plain) {
            Ok(d) => self.decimal.format(&d).write_to_string().into_owned(),
            Err(_) => plain.to_string(),
        }
    }

    /// `99,94 %`: the percent sign where the language puts it.
    pub(crate) fn percent(&self, plain: &str) -> String {
        match Decimal::from_str(plain) {
            Ok(d) => self.percent.format(&d).write_to_string().into_owned(),
            Err(_) => format!("{plain} %"),
        }
    }

    /// `1,25 Mio. €`, `420.000 €`, `1,25 M€`: CLDR's short compact currency format, with
    /// quarterdeck's precision rule (three significant digits, halves rounded up), so an
    /// amount reads the same in every language. CLDR's own compact forms keep two digits
    /// and round halves to even (`2,8 Mio. €` for 2,850,000), so only its words and their
    /// placement are taken: the digits are ours.
    pub(crate) fn money(&self, v: f64) -> String {
        let digits = self.compact(v, 1e3);
        let Some(m) = &self.money else {
            return format!("{digits} {}", self.currency);
        };
        let Ok(r) = Decimal::from_str(&number::plain(number::rounded(v, 1e3), 2)) else {
            return digits;
        };
        // CLDR writes the amount with its own digits; the same number in CLDR's compact form
        // is the part of it to replace with ours.
        let cldr = m.format_fixed_decimal(&r).write_to_string().into_owned();
        let theirs = self.compact.format(&r).write_to_string().into_owned();
        if cldr.contains(&theirs) {
            cldr.replacen(&theirs, &digits, 1)
        } else {
            cldr
        }
    }

    /// `1,25 Mio.`, `12.300`: short compact form, for chart labels, by the precision rule
    /// (`from` up: three significant digits; below it at most two decimals).
    pub(crate) fn compact(&self, v: f64, from: f64) -> String {
        let r = number::rounded(v, from);
        let Ok(d) = Decimal::from_str(&number::plain(r, 2)) else {
            return number::plain(v, 2);
        };
        let exponent = self
            .compact
            .compact_exponent_for_magnitude(d.absolute.nonzero_magnitude_start());
        let significand = number::plain(r / 10f64.powi(i32::from(exponent)), 2);
        let formatted = Decimal::from_str(&significand).ok().and_then(|s| {
            self.compact
                .format_with_exponent(&s, exponent)
                .ok()
                .map(|w| w.write_to_string().into_owned())
        });
        formatted.unwrap_or_else(|| self.compact.format(&d).write_to_string().into_owned())
    }

    /// `one`, `other`, …: the plural category of `plain` (CLDR's cardinal rules).
    pub(crate) fn category(&self, plain: &str) -> &'static str {
        let category = match Decimal::from_str(plain) {
            Ok(d) => self.plurals.category_for(&d),
            Err(_) => PluralCategory::Other,
        };
        match category {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// `14. Oktober 2026`, `14 octobre 2026`.
    pub(crate) fn long_date(&self, d: &Date) -> Option<String> {
        Some(
            self.date
                .format(&icu_date(d.0)?)
                .write_to_string()
                .into_owned(),
        )
    }

    /// `14.10.2026`, `14 oct. 2026`: CLDR's medium date, for tight chart labels.
    pub(crate) fn short_date(&self, d: chrono::NaiveDate) -> Option<String> {
        Some(
            self.short_date
                .format(&icu_date(d)?)
                .write_to_string()
                .into_owned(),
        )
    }

    /// `Oktober 2026`, `octobre 2026`: a month on a time axis.
    pub(crate) fn month_year(&self, d: chrono::NaiveDate) -> Option<String> {
        Some(
            self.month_year
                .format(&icu_date(d)?)
                .write_to_string()
                .into_owned(),
        )
    }
}

fn icu_date(d: chrono::NaiveDate) -> Option<IcuDate<icu_calendar::Gregorian>> {
    use chrono::Datelike;
    IcuDate::try_new_gregorian(d.year(), d.month() as u8, d.day() as u8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn de() -> Cldr {
        Cldr::new("de", "EUR").unwrap()
    }
    fn fr() -> Cldr {
        Cldr::new("fr", "EUR").unwrap()
    }

    #[test]
    fn numbers_and_percentages() {
        assert_eq!(de().number("1234567.5"), "1.234.567,5");
        assert_eq!(fr().number("1234567.5"), "1\u{202f}234\u{202f}567,5");
        assert_eq!(de().percent("99.94"), "99,94\u{a0}%");
        assert_eq!(fr().percent("99.94"), "99,94\u{a0}%");
    }

    #[test]
    fn money_is_compact_and_placed_as_the_language_places_it() {
        assert_eq!(de().money(1_300_000.0), "1,3\u{a0}Mio.\u{a0}€");
        assert_eq!(fr().money(1_300_000.0), "1,3\u{a0}M\u{a0}€");
        assert_eq!(de().money(420_000.0), "420.000\u{a0}€");
        assert_eq!(fr().money(420_000.0), "420\u{a0}k\u{a0}€");
    }

    /// The one money rule: three significant digits, halves rounded up, in every language
    /// (CLDR alone gives `2,8 Mio. €` and `1,2 Mio. €`).
    #[test]
    fn money_keeps_three_significant_digits_with_halves_up() {
        let nb = |s: &str| s.replace(' ', "\u{a0}");
        assert_eq!(de().money(2_850_000.0), nb("2,85 Mio. €"));
        assert_eq!(de().money(1_250_000.0), nb("1,25 Mio. €"));
        assert_eq!(de().money(1_245_000.0), nb("1,25 Mio. €"));
        assert_eq!(de().money(123_456.0), nb("123.000 €"));
        assert_eq!(de().money(999_999.0), nb("1 Mio. €"));
        assert_eq!(de().money(28_550_000.0), nb("28,6 Mio. €"));
        assert_eq!(de().money(-1_250_000.0), nb("-1,25 Mio. €"));
        assert_eq!(de().money(999.95), nb("999,95 €"));
        assert_eq!(fr().money(2_850_000.0), nb("2,85 M €"));
        assert_eq!(fr().money(12_350.0), nb("12,4 k €"));
        assert_eq!(de().compact(2_850_000.0, 1e4), nb("2,85 Mio."));
        assert_eq!(fr().compact(1_250_000.0, 1e4), nb("1,25 M"));
        let gbp = Cldr::new("de", "GBP").unwrap();
        assert_eq!(gbp.money(1_250_000.0), nb("1,25 Mio. £"));
    }

    #[test]
    fn dates_have_month_names_in_the_language_and_its_order() {
        let d = Date::parse("2026-10-14").unwrap();
        assert_eq!(de().long_date(&d).unwrap(), "14. Oktober 2026");
        assert_eq!(fr().long_date(&d).unwrap(), "14 octobre 2026");
        assert_eq!(de().short_date(d.0).unwrap(), "14.10.2026");
        assert_eq!(fr().short_date(d.0).unwrap(), "14 oct. 2026");
        assert_eq!(de().month_year(d.0).unwrap(), "Oktober 2026");
        assert_eq!(fr().month_year(d.0).unwrap(), "octobre 2026");
    }

    #[test]
    fn plural_categories_follow_cldr() {
        assert_eq!(
            [de().category("0"), de().category("1"), de().category("2")],
            ["other", "one", "other"]
        );
        assert_eq!(
            [fr().category("0"), fr().category("1"), fr().category("2")],
            ["one", "one", "other"]
        );
    }

    #[test]
    fn a_language_without_builtin_labels_still_has_cldr_formats() {
        let nl = Cldr::new("nl", "EUR").unwrap();
        assert_eq!(nl.number("1234.5"), "1.234,5");
        assert_eq!(
            nl.long_date(&Date::parse("2026-10-14").unwrap()).unwrap(),
            "14 oktober 2026"
        );
    }
}
