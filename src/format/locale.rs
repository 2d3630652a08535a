//! CLDR's conventions for a site that does not read English: decimal and grouping separators,
//! percent and currency placement, compact amounts, long dates with month names, plural
//! categories. All from ICU4X's compiled data, so nothing is read at run time.
//!
//! English sites keep quarterdeck's own house style (`$420k`, `99.96%`, `14 October 2026`), so
//! that their output is unchanged; this is used for every other language.

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
pub struct Cldr {
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
    pub fn new(lang: &str, currency: &str) -> Option<Cldr> {
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
    pub fn number(&self, plain: &str) -> String {
        match Decimal::from_str(plain) {
            Ok(d) => self.decimal.format(&d).write_to_string().into_owned(),
            Err(_) => plain.to_string(),
        }
    }

    /// `99,94 %`: the percent sign where the language puts it.
    pub fn percent(&self, plain: &str) -> String {
        match Decimal::from_str(plain) {
            Ok(d) => self.percent.format(&d).write_to_string().into_owned(),
            Err(_) => format!("{plain} %"),
        }
    }

    /// `1,3 Mio. €`, `420.000 €`, `1,3 M€`: CLDR's short compact currency format.
    pub fn money(&self, plain: &str) -> String {
        let Ok(d) = Decimal::from_str(plain) else {
            return plain.to_string();
        };
        match &self.money {
            Some(m) => m.format_fixed_decimal(&d).write_to_string().into_owned(),
            None => format!("{} {}", self.compact(plain), self.currency),
        }
    }

    /// `1,3 Mio.`, `12.345`: short compact form, for chart labels.
    pub fn compact(&self, plain: &str) -> String {
        match Decimal::from_str(plain) {
            Ok(d) => self.compact.format(&d).write_to_string().into_owned(),
            Err(_) => plain.to_string(),
        }
    }

    /// `one`, `other`, …: the plural category of `plain` (CLDR's cardinal rules).
    pub fn category(&self, plain: &str) -> &'static str {
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
    pub fn long_date(&self, d: &Date) -> Option<String> {
        Some(
            self.date
                .format(&icu_date(d.0)?)
                .write_to_string()
                .into_owned(),
        )
    }

    /// `14.10.2026`, `14 oct. 2026`: CLDR's medium date, for tight chart labels.
    pub fn short_date(&self, d: chrono::NaiveDate) -> Option<String> {
        Some(
            self.short_date
                .format(&icu_date(d)?)
                .write_to_string()
                .into_owned(),
        )
    }

    /// `Oktober 2026`, `octobre 2026`: a month on a time axis.
    pub fn month_year(&self, d: chrono::NaiveDate) -> Option<String> {
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
        assert_eq!(de().money("1300000"), "1,3\u{a0}Mio.\u{a0}€");
        assert_eq!(fr().money("1300000"), "1,3\u{a0}M\u{a0}€");
        assert_eq!(de().money("420000"), "420.000\u{a0}€");
        assert_eq!(fr().money("420000"), "420\u{a0}k\u{a0}€");
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
