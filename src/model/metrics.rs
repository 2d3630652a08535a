//! `content/metrics.yaml`: the scoreboard's definitions, and the standing pages' front matter.

use super::check::{pos, FileCheck};
use super::types::*;
use crate::diag::Diagnostic;
use crate::load::{raw, Doc, RawPage};

pub(super) fn metrics(doc: &Doc<Vec<raw::Metric>>, diags: &mut Vec<Diagnostic>) -> Vec<Metric> {
    let mut c = FileCheck::new(&doc.file, diags);
    let mut out: Vec<Metric> = Vec::new();
    for m in &doc.value {
        let id = m.id.value.trim().to_string();
        if let Err(e) = super::scalar::check_slug(&id) {
            c.error("bad-id", pos(&m.id), e).hint = super::scalar::meant_slug(&id)
                .map(|s| format!("write `{s}` (and the same key in every trends.yaml)"));
        }
        if out.iter().any(|o| o.id == id) {
            c.error(
                "duplicate-id",
                pos(&m.id),
                format!("metric `{id}` is defined twice"),
            );
            continue;
        }
        let flat_band = m
            .flat_band
            .as_ref()
            .and_then(|f| c.finite("flat_band", f))
            .unwrap_or(0.0);
        if flat_band < 0.0 {
            c.error(
                "out-of-range",
                m.flat_band.as_ref().and_then(pos),
                "`flat_band` must not be negative",
            )
            .hint = Some("write how much change still counts as flat, as 0 or more in the metric's unit, e.g. `flat_band: 2`".into());
        }
        let target = m.target.as_ref().and_then(|t| c.finite("target", t));
        let better = c.word("better", &m.better, Better::NAMES, Better::parse);
        let owner = c.word("owner", &m.owner, MetricOwner::NAMES, MetricOwner::parse);
        let name = c.text("name", &m.name);
        let unit = c.text("unit", &m.unit);
        let (Some(better), Some(owner)) = (better, owner) else {
            continue;
        };
        out.push(Metric {
            name,
            unit,
            better,
            target,
            flat_band: flat_band.max(0.0),
            owner,
            description: c.opt_text(&m.description),
            id,
        });
    }
    out
}

/// The site's own use of a top-level address, when it has one: every quarter's (present or
/// not: a page must not take the address of a quarter added later), the archive, the risk
/// pages, the assets, and names that would read as the home or not-found page.
fn reserved(slug: &str) -> Option<String> {
    let owner = match slug {
        "archive" => "the archive",
        "risks" => "the risk index and each risk's page",
        "assets" => "the stylesheet, fonts and the site's own assets",
        "charts" => "the charts of every quarter (`YYYY-qN/charts/`)",
        "index" => "the home page (`index.html`)",
        "404" => "the page-not-found page (`404.html`)",
        _ => {
            let q = super::scalar::QuarterId::parse_arg(slug).ok()?;
            return (q.slug() == slug).then(|| format!("quarter {q}'s one-pager and board pack"));
        }
    };
    Some(owner.to_string())
}

pub(super) fn pages(raw: &[RawPage], diags: &mut Vec<Diagnostic>) -> Vec<Page> {
    let mut out: Vec<Page> = Vec::new();
    for p in raw {
        let mut c = FileCheck::new(&p.file, diags);
        // Front matter starts on the file's second line; its positions count from the first.
        if p.front.title.value.trim().is_empty() {
            let at = pos(&p.front.title).map(|at| crate::diag::Pos::new(at.line + 1, at.column));
            c.error("empty-value", at, "`title` is empty").hint =
                Some("give the page a title".into());
        }
        let stem = p
            .file
            .rsplit('/')
            .next()
            .unwrap_or(&p.file)
            .trim_end_matches(".md");
        // Reserved by the address the page becomes, however its file is spelled
        // (`2026_q2.md`, `_2026-q2.md`, `2026 Q2.md` all become `2026-q2/`).
        let slug = slugify(stem);
        let taken = if slug.is_empty() {
            Some("nothing: the file name has no letter or digit".to_string())
        } else {
            reserved(&slug).map(|owner| format!("the address of {owner}"))
        };
        if let Some(taken) = taken {
            c.error(
                "page-slug",
                None,
                format!("the page would be written to `{slug}/`, {taken}"),
            )
            .hint = Some("rename the file".into());
            continue;
        }
        if out.iter().any(|o| o.slug == slug) {
            c.error(
                "duplicate-id",
                None,
                format!("another page already has the address `{slug}/`"),
            );
            continue;
        }
        let body_line = p.body_line;
        super::images::check(
            &p.body,
            &p.file,
            |at| Some(crate::diag::Pos::new(body_line + at.line - 1, at.column)),
            c.diags,
        );
        out.push(Page {
            title: p.front.title.value.trim().to_string(),
            order: p.front.order.as_ref().map(|o| o.value),
            markdown: p.body.clone(),
            file: p.file.clone(),
            slug,
        });
    }
    out.sort_by(|a, b| {
        (a.order.unwrap_or(i64::MAX), &a.title, &a.slug).cmp(&(
            b.order.unwrap_or(i64::MAX),
            &b.title,
            &b.slug,
        ))
    });
    out
}

/// Lower-case ASCII letters and digits, other runs become one `-`.
pub(super) fn slugify(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_page_is_reserved_by_the_address_it_becomes() {
        for stem in ["2026_q2", "2026-q2-", "2026 Q2", "_2026-q2", "2026-Q2"] {
            let slug = super::slugify(stem);
            assert_eq!(
                super::reserved(&slug).as_deref(),
                Some("quarter 2026-Q2's one-pager and board pack"),
                "{stem}"
            );
        }
        assert_eq!(super::reserved("2026-q5"), None);
        assert_eq!(super::reserved("q2-2026"), None);
        assert_eq!(super::reserved("decision-rights"), None);
    }

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(super::slugify("Decision Rights"), "decision-rights");
        assert_eq!(super::slugify("../../etc"), "etc");
        assert_eq!(super::slugify("stop-ship_criteria"), "stop-ship-criteria");
    }
}
