//! The printed board pack's sections, in order: the one list from which the appendix's
//! contents, its lettering and its pages are made. Every section keeps its letter every quarter;
//! one the quarter has nothing for is a line in the contents ("none this quarter") and gets no
//! page.
//!
//! A new section is one entry in [`SECTIONS`], at its place in the contract's order (SPEC.md,
//! "The board pack around the one-pager"), with its body template `templates/pack_KEY.html`
//! (embedded through the entry: it is a built-in template a site may replace, exported by
//! `templates export`) and its labels (title, count) in `assets/i18n/*.toml`. Nothing else
//! names the sections: `appendix.html` lays out whatever the list holds, the contents number
//! its pages, and `[data-pack-for]` makes links to its web page lead into the pack.

use super::pack::PackView;
use crate::format::Format;
use crate::model::types::{Metric, Quarter};
use serde::Serialize;

/// What the sections are counted from (and what a new section may count from: the quarter has
/// its risks, incidents, asks and facts).
pub(super) struct Sizes<'a> {
    pub quarter: &'a Quarter,
    pub pack: &'a PackView<'a>,
    pub metrics: &'a [Metric],
    pub pages: &'a [StandingPage],
    /// Money at risk: none when no risk of the site has `loss` (the pack then has no such
    /// section, and its letters are as before); else how many risks of the quarter have it.
    pub money: Option<usize>,
}

/// A standing page as it stands in the pack (its Markdown rendered for a quarter's pack page).
#[derive(Serialize, Clone)]
pub(super) struct StandingPage {
    pub slug: String,
    pub title: String,
    pub html: String,
}

/// The web page a section repeats, whose links lead to the section in the pack.
#[derive(Clone, Copy)]
pub(super) enum Web {
    /// No page of its own.
    None,
    /// A page of the quarter's, `YYYY-qN/NAME/` (the register: `register`).
    Quarter(&'static str),
    /// A page of the site's, from the root (`risks/scale/`).
    Site(&'static str),
}

/// One entry of [`SECTIONS`].
pub(super) struct Entry {
    /// The section's name in ids and CSS (`a-register`).
    pub key: &'static str,
    /// The label of its title.
    pub title: &'static str,
    /// The name of the template of its body (a site may replace it)…
    pub template: &'static str,
    /// …and its built-in text.
    pub text: &'static str,
    /// How many items it has; none is an empty section.
    pub size: fn(&Sizes) -> usize,
    /// The plural label counting them in the contents, if any.
    pub count: Option<&'static str>,
    pub web: Web,
}

/// The board pack after the one-pager, in the order of the contract (SPEC.md, "The board pack
/// around the one-pager": register, roadmap, exceptions, incidents, investment asks, money at
/// risk, the action log, how to read the scores, metric definitions, standing pages); the
/// standing pages are always last.
pub(super) const SECTIONS: &[Entry] = &[
    Entry {
        key: "register",
        title: "register_title",
        template: "pack_register.html",
        text: include_str!("../../templates/pack_register.html"),
        size: |s| s.pack.counts.risks,
        count: Some("risks_count"),
        web: Web::Quarter("register"),
    },
    Entry {
        key: "roadmap",
        title: "roadmap_title",
        template: "pack_roadmap.html",
        text: include_str!("../../templates/pack_roadmap.html"),
        size: |s| s.pack.counts.initiatives,
        count: Some("initiatives_count_appendix"),
        web: Web::Quarter("roadmap"),
    },
    Entry {
        key: "exceptions",
        title: "exceptions_title",
        template: "pack_exceptions.html",
        text: include_str!("../../templates/pack_exceptions.html"),
        size: |s| s.pack.counts.exceptions,
        count: Some("exceptions_count"),
        web: Web::Quarter("exceptions"),
    },
    Entry {
        key: "incidents",
        title: "appendix_incidents",
        template: "pack_incidents.html",
        text: include_str!("../../templates/pack_incidents.html"),
        size: |s| s.quarter.incidents.len(),
        count: Some("incidents_count"),
        web: Web::None,
    },
    Entry {
        key: "investments",
        title: "investments",
        template: "pack_investments.html",
        text: include_str!("../../templates/pack_investments.html"),
        size: |s| s.quarter.investments.len(),
        count: Some("investments_count"),
        web: Web::None,
    },
    Entry {
        key: "money",
        title: "money_title",
        template: "pack_money.html",
        text: include_str!("../../templates/pack_money.html"),
        size: |s| s.money.unwrap_or(0),
        count: Some("risks_count"),
        web: Web::None,
    },
    Entry {
        key: "actions",
        title: "actions_title",
        template: "pack_actions.html",
        text: include_str!("../../templates/pack_actions.html"),
        size: |s| s.quarter.actions.len(),
        count: Some("actions_count"),
        web: Web::Quarter("actions"),
    },
    Entry {
        key: "scale",
        title: "scale_title",
        template: "pack_scale.html",
        text: include_str!("../../templates/pack_scale.html"),
        // The settings in force: every pack has them.
        size: |_| 1,
        count: None,
        web: Web::Site("risks/scale/"),
    },
    Entry {
        key: "metrics",
        title: "metric_definitions",
        template: "pack_metrics.html",
        text: include_str!("../../templates/pack_metrics.html"),
        size: |s| s.metrics.len(),
        count: Some("metrics_count"),
        web: Web::None,
    },
    Entry {
        key: "pages",
        title: "standing_pages",
        template: "pack_pages.html",
        text: include_str!("../../templates/pack_pages.html"),
        size: |s| s.pages.len(),
        count: None,
        web: Web::None,
    },
];

/// One section of a quarter's pack, as the templates see it.
#[derive(Serialize)]
pub(super) struct Section {
    pub key: &'static str,
    /// A, B, C… by place in the list, empty sections included, so a letter always means the
    /// same section.
    pub letter: char,
    /// The id of its heading's section element (`a-register`), the target of the contents.
    pub id: String,
    pub title: String,
    /// "6 risks"; none for a section that counts nothing.
    pub count: Option<String>,
    pub empty: bool,
    pub template: &'static str,
    /// `YYYY-qN/register/` for the register, `risks/scale/` for how to read the scores: the web
    /// page whose links lead here in the pack.
    pub web: Option<String>,
    /// Parts listed in the contents under the section (the standing pages), each with the id
    /// of its own element.
    pub parts: Vec<Part>,
    /// The rendered body; empty for an empty section.
    pub html: String,
}

#[derive(Serialize)]
pub(super) struct Part {
    pub id: String,
    pub title: String,
}

/// The id of a standing page's part of the pack.
pub(super) fn page_id(slug: &str) -> String {
    format!("a-page-{slug}")
}

/// The sections of one quarter's pack, bodies not yet rendered.
pub(super) fn sections(sizes: &Sizes, slug: &str, fmt: &Format) -> Vec<Section> {
    SECTIONS
        .iter()
        // Money at risk is in the pack of a site with `loss` only; there it keeps its letter in
        // every quarter, a line of the contents in one without.
        .filter(|e| e.key != "money" || sizes.money.is_some())
        .zip('A'..='Z')
        .map(|(e, letter)| {
            let n = (e.size)(sizes);
            let parts = match e.key {
                "pages" => sizes
                    .pages
                    .iter()
                    .map(|p| Part {
                        id: page_id(&p.slug),
                        title: p.title.clone(),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            Section {
                key: e.key,
                letter,
                id: format!("a-{}", e.key),
                title: fmt.t(e.title).to_string(),
                count: e
                    .count
                    .map(|key| fmt.count_label(key, n as f64, &[("n", &n.to_string())])),
                empty: n == 0,
                template: e.template,
                web: match e.web {
                    Web::None => None,
                    Web::Quarter(page) => Some(format!("{slug}/{page}/")),
                    Web::Site(path) => Some(path.to_string()),
                },
                parts,
                html: String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{facts_of, investment, quarter, risk, HIGH_MEDIUM_LOW};
    use crate::model::types::Tier;

    #[test]
    fn every_section_keeps_its_letter_and_empty_ones_are_marked() {
        let mut q = quarter("2026-Q3").risk(risk("R-1").likelihood(2).impact(2));
        q.investments = ["INV-1", "INV-2"]
            .map(|id| {
                investment(id)
                    .costs([1.0, 2.0, 3.0])
                    .residuals(HIGH_MEDIUM_LOW)
                    .recommended(Tier::Better)
            })
            .into();
        let f = facts_of(&q, None, 5);
        let pack = crate::render::pack::pack_view(&q, &f, None, &Default::default());
        let pages = [StandingPage {
            slug: "decision-rights".into(),
            title: "Decision rights".into(),
            html: String::new(),
        }];
        let sizes = Sizes {
            quarter: &q,
            pack: &pack,
            metrics: &[],
            pages: &pages,
            money: None,
        };
        let s = sections(&sizes, "2026-q3", &Format::new("USD"));
        let row = |k: &str| {
            let x = s.iter().find(|x| x.key == k).unwrap();
            (x.letter, x.empty, x.count.clone(), x.web.clone())
        };
        assert_eq!(
            row("register"),
            (
                'A',
                false,
                Some("1 risk".into()),
                Some("2026-q3/register/".into())
            )
        );
        assert_eq!(
            row("exceptions"),
            (
                'C',
                true,
                Some("0 exceptions".into()),
                Some("2026-q3/exceptions/".into())
            )
        );
        assert_eq!(
            row("incidents"),
            ('D', true, Some("0 incidents".into()), None)
        );
        assert_eq!(
            row("investments"),
            ('E', false, Some("2 investment asks".into()), None)
        );
        // How to read the scores is never empty, counts nothing and stands for the site's page.
        let scale = row("scale");
        assert_eq!(
            (scale.1, scale.2, scale.3),
            (false, None, Some("risks/scale/".into()))
        );
        // It comes after the investment asks and the action log, metric definitions after it
        // (money at risk comes later), and the standing pages are always last.
        let at = |k: &str| s.iter().position(|x| x.key == k).unwrap();
        assert!(at("investments") + 1 == at("actions") && at("actions") + 1 == at("scale"));
        assert!(at("scale") + 1 == at("metrics"));
        assert_eq!(
            row("actions"),
            (
                'F',
                true,
                Some("0 actions".into()),
                Some("2026-q3/actions/".into())
            )
        );
        let metrics = row("metrics");
        assert_eq!((metrics.1, metrics.2), (true, Some("0 metrics".into())));
        let pages = s.last().unwrap();
        assert_eq!(
            (
                pages.id.as_str(),
                pages.parts[0].id.as_str(),
                pages.count.clone()
            ),
            ("a-pages", "a-page-decision-rights", None)
        );
        // Letters run A, B, C… in the list's order, empty sections included.
        let letters: String = s.iter().map(|x| x.letter).collect();
        assert_eq!(letters, "ABCDEFGHI"[..s.len()]);
    }

    #[test]
    fn every_section_has_its_template_and_labels() {
        let fmt = Format::new("USD");
        for e in SECTIONS {
            assert!(e.template.starts_with("pack_") && e.template.ends_with(".html"));
            assert!(!e.text.is_empty(), "{}", e.template);
            assert_ne!(fmt.t(e.title), e.title, "no label {}", e.title);
        }
    }

    #[test]
    fn money_at_risk_is_a_section_of_a_site_with_loss_only() {
        let q = quarter("2026-Q3").risk(risk("R-1").likelihood(2).impact(2));
        let f = facts_of(&q, None, 5);
        let pack = crate::render::pack::pack_view(&q, &f, None, &Default::default());
        let keys = |money| {
            let sizes = Sizes {
                quarter: &q,
                pack: &pack,
                metrics: &[],
                pages: &[],
                money,
            };
            sections(&sizes, "2026-q3", &Format::new("USD"))
                .iter()
                .map(|s| (s.key, s.letter, s.empty))
                .collect::<Vec<_>>()
        };
        let without = keys(None);
        assert!(!without.iter().any(|s| s.0 == "money"));
        assert_eq!(without[5].0, "actions");
        assert_eq!(without[6], ("scale", 'G', false));
        let with = keys(Some(2));
        assert_eq!(with[5], ("money", 'F', false));
        assert_eq!(with[6].0, "actions");
        assert_eq!(with[7], ("scale", 'H', false));
        // A quarter of such a site without `loss`: the same letters, money a line.
        assert_eq!(keys(Some(0))[5], ("money", 'F', true));
    }
}
