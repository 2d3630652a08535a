//! The labels of one site: the site's catalog first, then the built-in catalog of its language,
//! then English; unknown keys are errors, labels left in English the `missing-translation` lint.

use super::{builtin, english, Catalog, Entry, Labels};
use crate::diag::{suggest, Diagnostic, Pos};
use std::collections::BTreeMap;

/// How many missing keys the lint names before it counts the rest.
const NAMED: usize = 12;

/// Resolves every key for `lang`. `site` holds the site's catalogs for it, most specific
/// first (`i18n/de-DE.toml`, then `i18n/de.toml`); `lang_at` is where quarterdeck.toml sets
/// the language (the lint points there when the site has no catalog).
pub(crate) fn resolve(
    lang: &str,
    lang_at: Option<Pos>,
    site: &[Catalog],
    diags: &mut Vec<Diagnostic>,
) -> Labels {
    for catalog in site {
        check_keys(catalog, diags);
    }
    if site.is_empty() && builtin(lang).is_none() && !super::languages::known(lang) {
        diags.push(unknown_language(lang, lang_at));
        return Labels::english_as(lang);
    }
    let (entries, missing) = fill(lang, site);
    if !missing.is_empty() {
        diags.push(missing_translation(lang, lang_at, site, &missing));
    }
    Labels {
        lang: lang.to_string(),
        entries,
    }
}

/// `unknown-label` for each key of a site's catalog that quarterdeck does not have.
fn check_keys(catalog: &Catalog, diags: &mut Vec<Diagnostic>) {
    let en = english();
    for (key, (_, pos)) in &catalog.entries {
        if !en.entries.contains_key(key) {
            let hint = suggest::did_you_mean(key, en.entries.keys().map(String::as_str))
                .unwrap_or_else(|| "docs/templates.md lists every label quarterdeck has".into());
            diags.push(
                Diagnostic::error(
                    "unknown-label",
                    &catalog.file,
                    format!("unknown label `{key}`"),
                )
                .at(*pos)
                .hint(hint),
            );
        }
    }
}

/// Every key's entry, from the first catalog that has it (the site's, the language's built-in
/// one, English), and the keys left in English on a site in another language.
fn fill(lang: &str, site: &[Catalog]) -> (BTreeMap<String, Entry>, Vec<&'static str>) {
    let en = english();
    let built = builtin(lang);
    let english_site = lang == "en" || lang.starts_with("en-");
    let mut missing = Vec::new();
    let entries = en
        .entries
        .iter()
        .map(|(key, (english_entry, _))| {
            let found = site
                .iter()
                .find_map(|s| s.entries.get(key))
                .or_else(|| built.and_then(|b| b.entries.get(key)));
            let entry = match found {
                Some((e, _)) => e.clone(),
                None => {
                    if !english_site {
                        missing.push(key.as_str());
                    }
                    english_entry.clone()
                }
            };
            (key.clone(), entry)
        })
        .collect();
    (entries, missing)
}

/// The `missing-translation` lint: the first keys by name, a count of the rest. It points at
/// the site's most specific catalog, or where quarterdeck.toml sets the language.
fn missing_translation(
    lang: &str,
    lang_at: Option<Pos>,
    site: &[Catalog],
    missing: &[&str],
) -> Diagnostic {
    let named = missing[..missing.len().min(NAMED)].join(", ");
    let rest = missing.len().saturating_sub(NAMED);
    let more = if rest > 0 {
        format!(" and {rest} more")
    } else {
        String::new()
    };
    let message = format!(
        "{} {} no `{lang}` translation and show in English: {named}{more}",
        missing.len(),
        if missing.len() == 1 {
            "label has"
        } else {
            "labels have"
        },
    );
    let file = super::site_file(lang);
    let lint = match site.first() {
        Some(s) => Diagnostic::warning("missing-translation", &s.file, message),
        None => Diagnostic::warning("missing-translation", crate::config::FILE_NAME, message)
            .at(lang_at),
    };
    lint.hint(format!(
        "add them to {file}; `quarterdeck templates catalog en` prints the English catalog to start from"
    ))
}

/// `language = "ge"`: no language has that code, and the site has no catalog for it.
fn unknown_language(lang: &str, at: Option<Pos>) -> Diagnostic {
    let builtin = super::BUILTIN.map(|(code, _)| code);
    let primary = lang.split('-').next().unwrap_or(lang);
    let hint = match suggest::closest(primary, builtin) {
        Some(code) => format!("did you mean `{}`? en, de and fr are built in; another language needs i18n/{lang}.toml", lang.replacen(primary, code, 1)),
        None => format!("en, de and fr are built in; another language needs i18n/{lang}.toml"),
    };
    Diagnostic::error(
        "invalid-value",
        crate::config::FILE_NAME,
        format!("`language` is \"{lang}\", which is no language's code (ISO 639), and the site has no i18n/{lang}.toml"),
    )
    .at(at)
    .hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(text: &str) -> Catalog {
        Catalog::parse("i18n/x.toml", text).0
    }

    #[test]
    fn site_then_builtin_then_english() {
        let mut d = Vec::new();
        let l = resolve(
            "de",
            None,
            &[site("top_risks = \"Wesentliche Risiken\"\n")],
            &mut d,
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(l.lang(), "de");
        assert_eq!(l.text("top_risks"), "Wesentliche Risiken");
        assert_eq!(l.text("scoreboard"), "Kennzahlen");
    }

    #[test]
    fn a_language_without_a_builtin_catalog_falls_back_to_english_with_a_lint() {
        let mut d = Vec::new();
        let l = resolve("nl", Some(Pos::new(7, 1)), &[], &mut d);
        assert_eq!(l.text("top_risks"), "Top risks");
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].code, d[0].file.as_str(), d[0].line),
            ("missing-translation", "quarterdeck.toml", Some(7))
        );
        assert!(
            d[0].message
                .contains("labels have no `nl` translation and show in English: "),
            "{}",
            d[0].message
        );
        assert!(d[0].message.ends_with(" more"), "{}", d[0].message);
    }

    #[test]
    fn an_unknown_key_is_an_error_with_a_suggestion() {
        let mut d = Vec::new();
        resolve("de", None, &[site("\ntop_risk = \"x\"\n")], &mut d);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].code, d[0].line, d[0].column),
            ("unknown-label", Some(2), Some(1))
        );
        assert_eq!(d[0].message, "unknown label `top_risk`");
        assert_eq!(d[0].hint.as_deref(), Some("did you mean `top_risks`?"));
    }

    #[test]
    fn english_needs_no_catalog() {
        let mut d = Vec::new();
        assert_eq!(resolve("en", None, &[], &mut d), Labels::english());
        assert!(d.is_empty());
    }

    #[test]
    fn a_regional_code_falls_back_through_its_language() {
        let mut d = Vec::new();
        let regional = Catalog::parse("i18n/de-DE.toml", "top_risks = \"Top-Risiken (DE)\"\n").0;
        let language = Catalog::parse("i18n/de.toml", "scoreboard = \"Unsere Kennzahlen\"\n").0;
        let l = resolve("de-DE", None, &[regional, language], &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(l.lang(), "de-DE");
        assert_eq!(l.text("top_risks"), "Top-Risiken (DE)");
        assert_eq!(l.text("scoreboard"), "Unsere Kennzahlen");
        // The built-in German catalog for the rest.
        assert_eq!(l.text("nav_archive"), "Archiv");
    }

    #[test]
    fn a_code_that_is_no_language_is_an_error_with_did_you_mean() {
        let mut d = Vec::new();
        let l = resolve("ge", Some(Pos::new(9, 1)), &[], &mut d);
        assert_eq!(l.text("top_risks"), "Top risks");
        assert_eq!(d.len(), 1, "one error, no lint about 300 labels");
        assert_eq!(
            (d[0].code, d[0].line, d[0].message.as_str(), d[0].hint.as_deref()),
            (
                "invalid-value",
                Some(9),
                "`language` is \"ge\", which is no language's code (ISO 639), and the site has no i18n/ge.toml",
                Some("did you mean `de`? en, de and fr are built in; another language needs i18n/ge.toml")
            )
        );
    }
}
