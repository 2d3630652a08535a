//! `quarterdeck.toml`: the site settings, which also mark the site root.

use crate::diag::{Diagnostic, Pos};
use serde::{Deserialize, Deserializer, Serialize};

pub(crate) mod amount;
mod loss_tolerance;
pub(crate) mod playbook;
pub(crate) mod scale;
mod spans;
pub(crate) use playbook::{AcceptanceRule, RoleSettings};
pub(crate) use scale::{AppetiteSettings, MatrixSettings};
use spans::Spans;

pub(crate) const FILE_NAME: &str = "quarterdeck.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// `"A4"` is how people write the paper size; any case is accepted, and written lower-case.
impl<'de> Deserialize<'de> for Paper {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Paper, D::Error> {
        let s = String::deserialize(d)?;
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" => Ok(Paper::Letter),
            _ => Err(serde::de::Error::unknown_variant(&s, &["a4", "letter"])),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    pub organization: String,
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// ISO 4217 code such as EUR; any case is accepted and normalised to upper case.
    #[serde(default = "default_currency")]
    #[schemars(regex(pattern = r"^[A-Za-z]{3}$"))]
    pub currency: String,
    /// a4 | letter (any case): the page the one-pager must fit.
    #[serde(default)]
    #[schemars(
        with = "String",
        regex(pattern = r"^(?:[aA]4|[lL][eE][tT][tT][eE][rR])$")
    )]
    pub paper: Paper,
    #[serde(default = "default_top_risks")]
    #[schemars(range(min = 3, max = 5))]
    pub top_risks: usize,
    #[serde(default = "default_trend_quarters")]
    #[schemars(range(min = 2, max = 40))]
    pub trend_quarters: usize,
    /// The readers' language, a BCP 47 code: `en` (default), `de` and `fr` are built in; any
    /// other works with a site catalog `i18n/<code>.toml`.
    #[serde(default = "default_language")]
    #[schemars(regex(pattern = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"))]
    pub language: String,
    /// The highest score accepted without going to the board; a risk scoring more is above it.
    /// The short form of `[appetite] limit`; setting both is an error. Once read, an
    /// `[appetite]` without a tolerance is held in this form (`scale::normalize`).
    #[serde(default)]
    #[schemars(range(min = 1, max = 24))]
    pub risk_appetite: Option<u8>,
    /// What the five impact and likelihood levels mean, and the band of each cell; without it
    /// the built-in level names and bands apply.
    #[serde(default)]
    pub matrix: Option<MatrixSettings>,
    /// The risk appetite (`limit`) and tolerance.
    #[serde(default)]
    pub appetite: Option<AppetiteSettings>,
    /// Risk categories by key (lower-case letters, digits and `_`); each may set its own limit
    /// and tolerance.
    #[serde(default)]
    #[schemars(extend("propertyNames" = {"pattern": "^[a-z0-9_]+$"}))]
    pub categories: scale::Categories,
    /// A confidentiality marking printed on every page of the site and the PDFs, such as
    /// "Confidential: board members only" (at most 100 characters, so it fits the page's margin).
    #[serde(default)]
    #[schemars(length(min = 1, max = 100))]
    pub classification: Option<String>,
    /// What the two signers are called on pages and PDFs (the YAML keys stay `cto`/`ciso`).
    #[serde(default)]
    pub roles: Option<RoleSettings>,
    /// How long a risk of a band may be accepted, and whether the board must be asked.
    #[serde(default)]
    pub acceptance: Vec<AcceptanceRule>,
    /// The notification clocks incidents are checked against, by key.
    #[serde(default)]
    #[schemars(extend("propertyNames" = {"pattern": "^[a-z0-9_]+$"}))]
    pub reporting: playbook::Reporting,
}

/// The longest `classification`: it is printed in the margin of every PDF page, on one line.
pub(crate) const MAX_CLASSIFICATION_CHARS: usize = 100;

fn default_base_url() -> String {
    "/".into()
}
fn default_currency() -> String {
    "USD".into()
}
fn default_top_risks() -> usize {
    5
}
fn default_trend_quarters() -> usize {
    8
}
fn default_language() -> String {
    "en".into()
}

impl Config {
    /// Parses and checks the settings; every problem becomes a diagnostic on `quarterdeck.toml`.
    /// The text is parsed once, keeping where each key and value is written: the typed settings,
    /// the untyped look at the values serde would misword, and the positions the risk scale's
    /// and the playbook's diagnostics point at all come from that parse.
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let parsed = toml::de::DeTable::parse(text).map_err(|e| vec![toml_error(text, &e)])?;
        let early = check_raw(text, &parsed);
        if !early.is_empty() {
            return Err(early);
        }
        let mut config = Config::deserialize(toml::de::Deserializer::from(parsed.clone()))
            .map_err(|e| vec![toml_error(text, &e)])?;
        let mut diags = Vec::new();
        check_texts(&config, text, &mut diags);
        check_counts(&config, text, &mut diags);
        check_base_url(&config.base_url, text, &mut diags);
        normalize_currency(&mut config, text, &mut diags);
        if let Err(hint) = check_language(&config.language) {
            diags.push(
                Diagnostic::error(
                    "invalid-value",
                    FILE_NAME,
                    format!("`language` is \"{}\", expected a BCP 47 language code such as \"en\", \"de\", \"fr\" or \"de-AT\"", config.language),
                )
                .at(key_pos(text, "language"))
                .hint(hint),
            );
        }
        let spans = Spans::new(text, parsed.into_inner());
        diags.extend(scale::check(&config, &spans));
        diags.extend(playbook::check(&config, &spans));
        if diags.is_empty() {
            scale::normalize(&mut config);
            Ok(config)
        } else {
            Err(diags)
        }
    }
}

/// A file that is not TOML, or not the settings' shape: one diagnostic, at the error, with a
/// "did you mean" for a misspelt key.
fn toml_error(text: &str, e: &toml::de::Error) -> Diagnostic {
    let pos = e.span().map(|s| crate::diag::pos_of_offset(text, s.start));
    let message = e.message().trim().to_string();
    let present = pos.map_or_else(Vec::new, |p| keys_of_table(text, p.line));
    let hint = crate::diag::suggest::hint_for_unknown_field(&message, &present)
        .or_else(|| amount::syntax_hint(text, e.span()?.start))
        .unwrap_or_else(|| toml_fix(&message));
    Diagnostic::error("toml", FILE_NAME, message)
        .at(pos)
        .hint(hint)
}

/// The fix for a TOML mistake, as far as the parser's message tells which one it is.
fn toml_fix(message: &str) -> String {
    if let Some(field) = message.strip_prefix("missing field ") {
        let field = field.trim_matches('`');
        return format!(
            "add `{field} = \"…\"` to quarterdeck.toml; docs/content-format.md lists every setting"
        );
    }
    let m = message.to_lowercase();
    let fix = if m.starts_with("unknown field") {
        "remove the key, or correct its spelling; docs/content-format.md lists every setting"
    } else if m.starts_with("invalid type") || m.starts_with("invalid value") {
        "write the value as the setting takes it: text in double quotes, numbers and true/false without; see docs/content-format.md"
    } else {
        match TomlMistake::of(message) {
            TomlMistake::Duplicate => "keep one of the two: a key is set once in its table",
            TomlMistake::Escape => ESCAPE_FIX,
            TomlMistake::Text => "close the text with `\"` on the same line, e.g. `paper = \"a4\"`",
            TomlMistake::Brackets => "check the brackets on this line: a table is headed `[name]`, a list is written `[\"a\", \"b\"]`; see docs/content-format.md",
            TomlMistake::Other => "check the quoting and brackets on this line: one `key = value` a line, text in double quotes; see docs/content-format.md",
        }
    };
    fix.into()
}

/// Which TOML syntax mistake the parser's message names, for a fix in the words of the file it
/// is in (quarterdeck.toml, a site's catalog).
pub(crate) enum TomlMistake {
    Duplicate,
    Escape,
    /// Text not in quotes, or not closed.
    Text,
    Brackets,
    Other,
}

impl TomlMistake {
    pub(crate) fn of(message: &str) -> TomlMistake {
        let m = message.to_lowercase();
        if m.contains("duplicate") {
            TomlMistake::Duplicate
        } else if m.contains("escape") {
            TomlMistake::Escape
        } else if m.contains("string") || m.contains("`\"`") {
            TomlMistake::Text
        } else if m.contains("table") || m.contains("array") || m.contains("`]`") {
            TomlMistake::Brackets
        } else {
            TomlMistake::Other
        }
    }
}

/// The fix for a `\` that starts an escape TOML does not know, in any TOML file.
pub(crate) const ESCAPE_FIX: &str =
    "a `\\` in text in double quotes starts an escape: write `\\\\`, or put the text in single quotes";

/// The texts every page carries: `title` and `organization` written out, and a
/// `classification` that is not empty and fits a printed page's margin.
fn check_texts(config: &Config, text: &str, diags: &mut Vec<Diagnostic>) {
    for (key, value) in [
        ("title", &config.title),
        ("organization", &config.organization),
    ] {
        if value.trim().is_empty() {
            diags.push(
                Diagnostic::error("empty-value", FILE_NAME, format!("`{key}` is empty"))
                    .at(key_pos(text, key))
                    .hint(format!("the {key} heads every page; write it out")),
            );
        }
    }
    let Some(c) = &config.classification else {
        return;
    };
    let n = c.trim().chars().count();
    if n == 0 {
        diags.push(
            Diagnostic::error("empty-value", FILE_NAME, "`classification` is empty")
                .at(key_pos(text, "classification"))
                .hint("write the marking every page should carry, such as \"Confidential\", or remove the setting"),
        );
    } else if n > MAX_CLASSIFICATION_CHARS {
        diags.push(
            Diagnostic::error(
                "invalid-value",
                FILE_NAME,
                format!("`classification` is {n} characters long, more than the {MAX_CLASSIFICATION_CHARS} that fit in a printed page's margin"),
            )
            .at(key_pos(text, "classification"))
            .hint("shorten it to the marking itself, such as \"Confidential: board members only\""),
        );
    }
}

/// `top_risks` and `trend_quarters` within what the one-pager and the charts have room for.
fn check_counts(config: &Config, text: &str, diags: &mut Vec<Diagnostic>) {
    if !(3..=5).contains(&config.top_risks) {
        diags.push(
            Diagnostic::error(
                "out-of-range",
                FILE_NAME,
                format!("`top_risks` is {}, expected 3 to 5", config.top_risks),
            )
            .at(key_pos(text, "top_risks"))
            .hint("the one-pager has room for 3 to 5 top risks, e.g. `top_risks = 5`"),
        );
    }
    if !(2..=40).contains(&config.trend_quarters) {
        diags.push(
            Diagnostic::error(
                "out-of-range",
                FILE_NAME,
                format!(
                    "`trend_quarters` is {}, expected 2 to 40",
                    config.trend_quarters
                ),
            )
            .at(key_pos(text, "trend_quarters"))
            .hint("the charts show 2 to 40 quarters, e.g. `trend_quarters = 8`"),
        );
    }
}

/// `base_url` is a path on this host or an http(s) URL, and nothing a browser would read as
/// another host.
fn check_base_url(url: &str, text: &str, diags: &mut Vec<Diagnostic>) {
    let url_ok = (url.starts_with('/') && !url.starts_with("//"))
        || url.starts_with("https://")
        || url.starts_with("http://");
    // Browsers read `\` as `/` in web addresses, so `/\evil.example/` is `//evil.example/`,
    // another host; they also drop tabs and newlines, so `/<tab>/evil` is one too.
    if !url_ok
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
    {
        diags.push(
            Diagnostic::error(
                "invalid-value",
                FILE_NAME,
                format!("`base_url` is \"{url}\", expected a path such as \"/\" or \"/board/\", or an http(s) URL"),
            )
            .at(key_pos(text, "base_url")),
        );
    }
}

/// `eur` means EUR; only a code that is not three letters is really wrong.
fn normalize_currency(config: &mut Config, text: &str, diags: &mut Vec<Diagnostic>) {
    let written = std::mem::take(&mut config.currency);
    config.currency = written.trim().to_ascii_uppercase();
    let currency_ok =
        config.currency.len() == 3 && config.currency.bytes().all(|b| b.is_ascii_uppercase());
    if !currency_ok {
        diags.push(
            Diagnostic::error(
                "invalid-value",
                FILE_NAME,
                format!(
                    "`currency` is \"{}\", expected an ISO 4217 code such as \"USD\" or \"EUR\"",
                    written
                ),
            )
            .at(key_pos(text, "currency")),
        );
    }
}

/// The settings whose wrong values serde would word as a type error (`invalid type: string
/// "12", expected u8`, `unknown variant`), read from the untyped table first so that the
/// message says what is expected and points at the value. Empty if these settings are fine.
fn check_raw(text: &str, parsed: &toml::Spanned<toml::de::DeTable>) -> Vec<Diagnostic> {
    let Ok(table) = toml::Table::deserialize(toml::de::Deserializer::from(parsed.clone())) else {
        return Vec::new();
    };
    let mut diags = loss_tolerance::quoted(&table, &Spans::new(text, parsed.get_ref().clone()));
    match table.get("risk_appetite") {
        None => {}
        Some(toml::Value::Integer(n)) if (1..=24).contains(n) => {}
        Some(toml::Value::Integer(n)) => diags.push(
            Diagnostic::error(
                "out-of-range",
                FILE_NAME,
                format!("`risk_appetite` is {n}, expected 1 to 24"),
            )
            .at(value_pos(text, "risk_appetite"))
            .hint("scores run from 1 to 25 (impact × likelihood); leave it out to mark no risk as above appetite"),
        ),
        Some(other) => diags.push(
            Diagnostic::error(
                "invalid-value",
                FILE_NAME,
                format!("`risk_appetite` is {}, expected a whole number from 1 to 24", shown(other)),
            )
            .at(value_pos(text, "risk_appetite"))
            .hint("write the score without quotes or decimals, e.g. `risk_appetite = 12`"),
        ),
    }
    let paper_ok = |s: &str| matches!(s.trim().to_ascii_lowercase().as_str(), "a4" | "letter");
    match table.get("paper") {
        None => {}
        Some(toml::Value::String(s)) if paper_ok(s) => {}
        Some(other) => diags.push(
            Diagnostic::error(
                "invalid-value",
                FILE_NAME,
                format!("`paper` is {}, expected \"a4\" or \"letter\"", shown(other)),
            )
            .at(value_pos(text, "paper"))
            .hint("the one-pager is laid out for A4 or US Letter; any case works (\"A4\", \"Letter\")"),
        ),
    }
    diags
}

/// A TOML value as the message shows it: `"12"`, `12.5`, `true`, or its kind (`a TOML array`).
fn shown(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("\"{s}\""),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        other => format!("a TOML {}", other.type_str()),
    }
}

/// Where the value of the setting `key` starts (after `=` and spaces).
fn value_pos(text: &str, key: &str) -> Option<Pos> {
    let at = key_pos(text, key)?;
    let line = text.lines().nth(at.line - 1)?;
    let eq = line.find('=')?;
    let spaces = line[eq + 1..].len() - line[eq + 1..].trim_start().len();
    Some(Pos::new(
        at.line,
        line[..eq + 1 + spaces].chars().count() + 1,
    ))
}

/// A language code is also a file name (`i18n/<code>.toml`), so it must be BCP 47 and written
/// the canonical way (`de-AT`, not `DE_at`); the error's hint gives the canonical form.
fn check_language(code: &str) -> Result<(), String> {
    let primary = code.split('-').next().unwrap_or("");
    let plain = (2..=3).contains(&primary.len())
        && code
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    let parsed = icu_locale_core::LanguageIdentifier::try_from_str(code)
        .ok()
        .filter(|_| plain);
    // `de_DE`, the form of POSIX locales: the same code with a hyphen.
    let hyphenated = || {
        icu_locale_core::LanguageIdentifier::try_from_str(&code.replace('_', "-"))
            .ok()
            .filter(|_| code.contains('_'))
    };
    match parsed {
        Some(id) if id.to_string() == code => Ok(()),
        Some(id) => Err(format!("write it as \"{id}\"")),
        None => match hyphenated() {
            Some(id) => Err(format!("write it as \"{id}\"")),
            None => {
                Err("en, de and fr are built in; another language needs i18n/<code>.toml".into())
            }
        },
    }
}

/// The keys set in the TOML table that holds `line` (1-based): from its `[header]` (or the
/// top of the file) to the next header.
fn keys_of_table(text: &str, line: usize) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let is_header = |l: &&str| l.trim_start().starts_with('[');
    let start = lines[..line.min(lines.len())]
        .iter()
        .rposition(is_header)
        .map_or(0, |i| i + 1);
    lines[start..]
        .iter()
        .take_while(|l| !is_header(l))
        .filter_map(|l| l.split_once('='))
        .map(|(k, _)| k.trim().trim_matches('"').to_string())
        .filter(|k| !k.is_empty() && !k.starts_with('#'))
        .collect()
}

/// Where the setting `key` is written in `text` (for diagnostics on quarterdeck.toml).
pub(crate) fn setting_pos(text: &str, key: &str) -> Option<Pos> {
    key_pos(text, key)
}

// toml's typed API forgets positions once parsing succeeds; settings are few, so finding the
// key's line again is simpler than carrying spans for every field.
fn key_pos(text: &str, key: &str) -> Option<Pos> {
    text.lines().enumerate().find_map(|(i, line)| {
        let trimmed = line.trim_start();
        let rest = trimmed.strip_prefix(key)?;
        rest.trim_start()
            .starts_with('=')
            .then(|| Pos::new(i + 1, line.len() - trimmed.len() + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_optional_settings() {
        let c = Config::parse("title = \"T\"\norganization = \"O\"\n").unwrap();
        assert_eq!((c.top_risks, c.trend_quarters, c.paper), (5, 8, Paper::A4));
        assert_eq!(c.base_url, "/");
    }

    #[test]
    fn paper_and_currency_in_any_case_are_normalised() {
        let c = Config::parse(
            "title = \"T\"\norganization = \"O\"\npaper = \"A4\"\ncurrency = \"eur\"\n",
        )
        .unwrap();
        assert_eq!((c.paper, c.currency.as_str()), (Paper::A4, "EUR"));
        let c = Config::parse("title = \"T\"\norganization = \"O\"\npaper = \"Letter\"\n").unwrap();
        assert_eq!(c.paper, Paper::Letter);
    }

    /// Every TOML mistake comes with a fix, and the fix fits the mistake.
    #[test]
    fn toml_mistakes_have_the_fix_that_fits() {
        let hint = |text: &str| Config::parse(text).unwrap_err()[0].hint.clone().unwrap();
        let base = "title = \"T\"\norganization = \"O\"\n";
        assert_eq!(
            hint(&format!("{base}paper = \"a4\n")),
            "close the text with `\"` on the same line, e.g. `paper = \"a4\"`"
        );
        assert!(hint(&format!("{base}[matrix\n")).starts_with("check the brackets on this line"));
        assert!(hint(&format!("{base}top_risks = \"5\"\n"))
            .starts_with("write the value as the setting takes it"));
    }

    /// Code, line, column and message of the first problem.
    fn first(err: &[Diagnostic]) -> (&str, Option<usize>, Option<usize>, &str) {
        let d = &err[0];
        (d.code, d.line, d.column, d.message.as_str())
    }

    #[test]
    fn paper_and_currency_that_are_really_wrong_are_still_errors() {
        let err =
            Config::parse("title = \"T\"\norganization = \"O\"\npaper = \"A5\"\n").unwrap_err();
        assert_eq!(
            first(&err),
            (
                "invalid-value",
                Some(3),
                Some(9),
                "`paper` is \"A5\", expected \"a4\" or \"letter\""
            )
        );
        assert_eq!(
            err[0].hint.as_deref(),
            Some("the one-pager is laid out for A4 or US Letter; any case works (\"A4\", \"Letter\")")
        );
        let err = Config::parse("title = \"T\"\norganization = \"O\"\ncurrency = \"euro\"\n")
            .unwrap_err();
        assert_eq!(
            first(&err),
            (
                "invalid-value",
                Some(3),
                Some(1),
                "`currency` is \"euro\", expected an ISO 4217 code such as \"USD\" or \"EUR\""
            )
        );
    }

    #[test]
    fn unknown_key_is_an_error_with_position_and_hint() {
        let err =
            Config::parse("title = \"T\"\norganization = \"O\"\npapr = \"a4\"\n").unwrap_err();
        assert_eq!(err[0].line, Some(3));
        assert_eq!(err[0].hint.as_deref(), Some("did you mean `paper`?"));
    }

    #[test]
    fn language_defaults_to_english_and_must_be_a_canonical_code() {
        let c = Config::parse("title = \"T\"\norganization = \"O\"\n").unwrap();
        assert_eq!(c.language, "en");
        for ok in ["de", "fr", "nl", "de-AT", "pt-BR", "sr-Latn"] {
            let text = format!("title = \"T\"\norganization = \"O\"\nlanguage = \"{ok}\"\n");
            assert_eq!(Config::parse(&text).unwrap().language, ok);
        }
        let err = Config::parse("title = \"T\"\norganization = \"O\"\nlanguage = \"DE-at\"\n")
            .unwrap_err();
        assert_eq!((err[0].line, err[0].column), (Some(3), Some(1)));
        assert_eq!(err[0].hint.as_deref(), Some("write it as \"de-AT\""));
        let err = Config::parse("title = \"T\"\norganization = \"O\"\nlanguage = \"de_DE\"\n")
            .unwrap_err();
        assert_eq!(err[0].hint.as_deref(), Some("write it as \"de-DE\""));
        for bad in ["", "german", "de_AT", "../x", "d"] {
            let text = format!("title = \"T\"\norganization = \"O\"\nlanguage = \"{bad}\"\n");
            let err = Config::parse(&text).unwrap_err();
            assert!(
                err[0].message.starts_with("`language` is"),
                "{bad}: {err:?}"
            );
        }
    }

    #[test]
    fn classification_is_optional_and_must_fit_a_margin() {
        let c = Config::parse("title = \"T\"\norganization = \"O\"\n").unwrap();
        assert_eq!(c.classification, None);
        let c = Config::parse(
            "title = \"T\"\norganization = \"O\"\nclassification = \"Confidential\"\n",
        )
        .unwrap();
        assert_eq!(c.classification.as_deref(), Some("Confidential"));
        let err = Config::parse("title = \"T\"\norganization = \"O\"\nclassification = \" \"\n")
            .unwrap_err();
        assert_eq!(
            first(&err),
            ("empty-value", Some(3), Some(1), "`classification` is empty")
        );
        let long = format!(
            "title = \"T\"\norganization = \"O\"\nclassification = \"{}\"\n",
            "x".repeat(101)
        );
        assert_eq!(
            first(&Config::parse(&long).unwrap_err()),
            (
                "invalid-value",
                Some(3),
                Some(1),
                "`classification` is 101 characters long, more than the 100 that fit in a printed page's margin"
            )
        );
    }

    #[test]
    fn top_risks_out_of_range_points_at_the_key() {
        let err =
            Config::parse("title = \"T\"\norganization = \"O\"\n  top_risks = 9\n").unwrap_err();
        assert_eq!((err[0].line, err[0].column), (Some(3), Some(3)));
        assert!(err[0].message.contains("expected 3 to 5"));
    }

    #[test]
    fn risk_appetite_is_optional() {
        let none = Config::parse("title = \"T\"\norganization = \"O\"\n").unwrap();
        assert_eq!(none.risk_appetite, None);
        let c = Config::parse("title = \"T\"\norganization = \"O\"\nrisk_appetite = 12\n").unwrap();
        assert_eq!(c.risk_appetite, Some(12));
        let long =
            Config::parse("title = \"T\"\norganization = \"O\"\n[appetite]\nlimit = 12\n").unwrap();
        assert_eq!(
            (long.risk_appetite, long.appetite.is_none()),
            (Some(12), true)
        );
        let with_tolerance = Config::parse(
            "title = \"T\"\norganization = \"O\"\n[appetite]\nlimit = 12\ntolerance = 15\n",
        )
        .unwrap();
        assert_eq!(with_tolerance.risk_appetite, None);
        assert_eq!(with_tolerance.appetite.map(|a| a.limit), Some(12));
    }

    #[test]
    fn risk_appetite_out_of_range_points_at_the_value() {
        for bad in ["0", "25", "-1", "300"] {
            let err = Config::parse(&format!(
                "title = \"T\"\norganization = \"O\"\nrisk_appetite = {bad}\n"
            ))
            .unwrap_err();
            assert_eq!(
                (err[0].code, err[0].line, err[0].column),
                ("out-of-range", Some(3), Some(17))
            );
            assert_eq!(
                err[0].message,
                format!("`risk_appetite` is {bad}, expected 1 to 24")
            );
        }
    }

    #[test]
    fn risk_appetite_that_is_not_a_whole_number_says_what_is_expected() {
        for (bad, shown) in [("\"12\"", "\"12\""), ("12.5", "12.5"), ("true", "true")] {
            let err = Config::parse(&format!(
                "title = \"T\"\norganization = \"O\"\nrisk_appetite =  {bad}\n"
            ))
            .unwrap_err();
            assert_eq!(err.len(), 1, "{err:?}");
            assert_eq!(
                first(&err),
                (
                    "invalid-value",
                    Some(3),
                    Some(18),
                    format!("`risk_appetite` is {shown}, expected a whole number from 1 to 24")
                        .as_str()
                )
            );
            assert_eq!(
                err[0].hint.as_deref(),
                Some("write the score without quotes or decimals, e.g. `risk_appetite = 12`")
            );
        }
    }
}
