//! The labels of one site: the site's catalog first, then the built-in catalog of its language,
//! then English; unknown keys are errors, labels left in English the `missing-translation` lint.

use super::{builtin, english, Catalog, Labels};
use crate::diag::{suggest, Diagnostic, Pos};

/// How many missing keys the lint names before it counts the rest.
const NAMED: usize = 12;

/// Resolves every key for `lang`. `site` is the site's `i18n/<lang>.toml` when it has one;
/// `lang_at` is where quarterdeck.toml sets the language (the lint points there when the site
/// has no catalog).
pub fn resolve(
    lang: &str,
    lang_at: Option<Pos>,
    site: Option<&Catalog>,
    diags: &mut Vec<Diagnostic>,
) -> Labels {
    let en = english();
    if let Some(site) = site {
        for (key, (_, pos)) in &site.entries {
            if !en.entries.contains_key(key) {
                let hint = suggest::did_you_mean(key, en.entries.keys().map(String::as_str))
                    .unwrap_or_else(|| {
                        "docs/templates.md lists every label quarterdeck has".into()
                    });
                diags.push(
                    Diagnostic::error(
                        "unknown-label",
                        &site.file,
                        format!("unknown label `{key}`"),
                    )
                    .at(*pos)
                    .hint(hint),
                );
            }
        }
    }
    let built = builtin(lang);
    let english_site = lang == "en" || lang.starts_with("en-");
    let mut missing = Vec::new();
    let entries = en
        .entries
        .iter()
        .map(|(key, (english_entry, _))| {
            let found = site
                .and_then(|s| s.entries.get(key))
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
    if !missing.is_empty() {
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
        let lint = match site {
            Some(s) => Diagnostic::warning("missing-translation", &s.file, message),
            None => Diagnostic::warning("missing-translation", crate::config::FILE_NAME, message)
                .at(lang_at),
        };
        diags.push(lint.hint(format!(
            "add them to {file}; `quarterdeck templates catalog en` prints the English catalog to start from"
        )));
    }
    Labels {
        lang: lang.to_string(),
        entries,
    }
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
            Some(&site("top_risks = \"Wesentliche Risiken\"\n")),
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
        let l = resolve("nl", Some(Pos::new(7, 1)), None, &mut d);
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
        resolve("de", None, Some(&site("\ntop_risk = \"x\"\n")), &mut d);
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
        assert_eq!(resolve("en", None, None, &mut d), Labels::english());
        assert!(d.is_empty());
    }
}
