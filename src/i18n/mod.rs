//! Labels in the site's language: the built-in catalogs (`assets/i18n/*.toml`, embedded), the
//! site's own `i18n/<code>.toml`, and the fallback between them (site → built-in of that
//! language → English). Numbers, dates and money are `format`'s business; this is the words.

pub(crate) mod catalog;
mod languages;
mod resolve;

pub(crate) use catalog::{Catalog, Entry};
pub(crate) use resolve::resolve;

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The built-in catalogs, by language code. English is the complete one: its keys are the keys.
pub(crate) const BUILTIN: [(&str, &str); 3] = [
    ("en", include_str!("../../assets/i18n/en.toml")),
    ("de", include_str!("../../assets/i18n/de.toml")),
    ("fr", include_str!("../../assets/i18n/fr.toml")),
];

/// The folder at the site root that holds the site's catalogs.
pub(crate) const SITE_DIR: &str = "i18n";

/// The path of a site's catalog for `lang`, relative to the site root.
pub(crate) fn site_file(lang: &str) -> String {
    format!("{SITE_DIR}/{lang}.toml")
}

/// The codes whose catalogs serve `lang`, most specific first: `de-DE` → `de-DE`, `de`.
pub(crate) fn chain(lang: &str) -> Vec<&str> {
    let mut codes = vec![lang];
    let mut rest = lang;
    while let Some((shorter, _)) = rest.rsplit_once('-') {
        codes.push(shorter);
        rest = shorter;
    }
    codes
}

/// A built-in catalog, parsed when first asked for (a build needs English and its own
/// language, not every catalog). Built-ins are tested to parse cleanly.
fn builtin(lang: &str) -> Option<&'static Catalog> {
    static PARSED: [OnceLock<Catalog>; BUILTIN.len()] = [const { OnceLock::new() }; BUILTIN.len()];
    let i = chain(lang)
        .into_iter()
        .find_map(|l| BUILTIN.iter().position(|(code, _)| *code == l))?;
    let (code, text) = BUILTIN[i];
    Some(PARSED[i].get_or_init(|| Catalog::parse(&format!("{code}.toml"), text).0))
}

/// The English catalog: every key quarterdeck knows.
pub(crate) fn english() -> &'static Catalog {
    builtin("en").expect("the English catalog is built in")
}

/// The words of one site: every key resolved, ready for templates and charts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    lang: String,
    entries: BTreeMap<String, Entry>,
}

impl Default for Labels {
    fn default() -> Self {
        Labels::english()
    }
}

impl Labels {
    /// English, as built in: what every site reads without a `language`.
    pub fn english() -> Labels {
        Labels {
            lang: "en".into(),
            entries: english()
                .entries
                .iter()
                .map(|(k, (e, _))| (k.clone(), e.clone()))
                .collect(),
        }
    }

    /// English labels for a site whose `language` is `lang`: what a site with an unusable
    /// language shows while its error is reported.
    pub fn english_as(lang: &str) -> Labels {
        Labels {
            lang: lang.to_string(),
            ..Labels::english()
        }
    }

    /// The site's language code, as `<html lang>` wants it.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The label `key` (for a label with plural forms, its `other` form); the key itself for a
    /// key that does not exist, so a typo in a site template shows rather than vanishes.
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        match self.entries.get(key) {
            Some(Entry::Text(t)) => t,
            Some(Entry::Plural(forms)) => forms.get("other").map_or(key, String::as_str),
            None => key,
        }
    }

    /// The form of `key` for a plural `category` (`one`, `other`, …), else its `other` form.
    pub fn form<'a>(&'a self, key: &'a str, category: &str) -> &'a str {
        match self.entries.get(key) {
            Some(Entry::Plural(forms)) => forms
                .get(category)
                .or_else(|| forms.get("other"))
                .map_or(key, String::as_str),
            _ => self.text(key),
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Every key and its entry, sorted by key.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.entries.iter().map(|(k, e)| (k.as_str(), e))
    }

    /// The entry of `key`, when quarterdeck has such a label.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// `key` with each `{name}` replaced by its value from `args`.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.text(key), args)
    }
}

/// `text` with each `{name}` in `args` replaced; other braces are left as they are.
pub(crate) fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let named = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match named {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_catalog_parses_and_has_exactly_the_english_keys() {
        let en: Vec<&String> = english().entries.keys().collect();
        assert!(en.len() > 150, "{}", en.len());
        for (code, text) in BUILTIN {
            let (cat, diags) = Catalog::parse(&format!("{code}.toml"), text);
            assert!(diags.is_empty(), "{code}: {diags:?}");
            let keys: Vec<&String> = cat.entries.keys().collect();
            let missing: Vec<_> = en.iter().filter(|k| !keys.contains(k)).collect();
            let extra: Vec<_> = keys.iter().filter(|k| !en.contains(k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{code}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    #[test]
    fn builtin_placeholders_match_english() {
        let names = |t: &str| -> Vec<String> {
            let mut v: Vec<String> = t
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let all_text = |e: &Entry| match e {
            Entry::Text(t) => t.clone(),
            Entry::Plural(f) => f.values().cloned().collect::<Vec<_>>().join(" "),
        };
        for code in ["de", "fr"] {
            let cat = builtin(code).unwrap();
            for (k, (e, _)) in &english().entries {
                let other = &cat.entries[k].0;
                assert_eq!(names(&all_text(e)), names(&all_text(other)), "{code}: {k}");
            }
        }
    }

    #[test]
    fn docs_templates_md_lists_every_key() {
        let docs = include_str!("../../docs/templates.md");
        let missing: Vec<&String> = english()
            .entries
            .keys()
            .filter(|k| !docs.contains(&format!("| `{k}` |")))
            .collect();
        assert!(missing.is_empty(), "add to docs/templates.md: {missing:?}");
    }

    #[test]
    fn fill_replaces_named_placeholders_only() {
        assert_eq!(
            fill("Board meeting {date} {x}", &[("date", "14 October 2026")]),
            "Board meeting 14 October 2026 {x}"
        );
        assert_eq!(fill("{a}{a}{", &[("a", "1")]), "11{");
    }

    #[test]
    fn regional_codes_use_their_language() {
        assert!(builtin("de-AT").is_some());
        assert!(builtin("nl").is_none());
        assert_eq!(Labels::english().text("top_risks"), "Top risks");
        assert_eq!(
            Labels::english().form("archive_open_risks", "one"),
            "{n} risk not closed"
        );
        assert_eq!(Labels::english().text("no_such_key"), "no_such_key");
    }
}
