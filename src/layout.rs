//! Where each file of a site lives: the kinds of file, the one classifier that `load` reads
//! `content/` by and `scaffold` writes editor lines by, and the first line that points an editor
//! at the kind's schema.

/// The record's name inside the quarter folder.
pub(crate) const PUBLISHED: &str = "published.yaml";

/// The folders of a quarter that hold one item per YAML file.
pub(crate) const QUARTER_SUBDIRS: [(&str, Kind); 6] = [
    ("risks", Kind::Risk),
    ("initiatives", Kind::Initiative),
    ("incidents", Kind::Incident),
    ("investments", Kind::Investment),
    ("actions", Kind::Action),
    ("exceptions", Kind::Exception),
];

/// A kind of file in a site, and so one schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Settings,
    Metrics,
    Quarter,
    Trends,
    Risk,
    Initiative,
    Incident,
    Investment,
    Action,
    /// A policy exception (`exceptions/*.yaml`).
    Exception,
    Page,
    /// `published.yaml`: the record of a published quarter.
    Published,
}

impl Kind {
    pub(crate) const ALL: [Kind; 12] = [
        Kind::Settings,
        Kind::Metrics,
        Kind::Quarter,
        Kind::Trends,
        Kind::Risk,
        Kind::Initiative,
        Kind::Incident,
        Kind::Investment,
        Kind::Action,
        Kind::Exception,
        Kind::Page,
        Kind::Published,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Settings => "settings",
            Kind::Metrics => "metrics",
            Kind::Quarter => "quarter",
            Kind::Trends => "trends",
            Kind::Risk => "risk",
            Kind::Initiative => "initiative",
            Kind::Incident => "incident",
            Kind::Investment => "investment",
            Kind::Action => "action",
            Kind::Exception => "exception",
            Kind::Page => "page",
            Kind::Published => "published",
        }
    }

    /// `risk.schema.json`
    pub(crate) fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// Where files of this kind live, for the schema's description.
    pub(crate) fn place(self) -> &'static str {
        match self {
            Kind::Settings => "quarterdeck.toml: the site settings",
            Kind::Metrics => "content/metrics.yaml: the scoreboard's metric definitions",
            Kind::Quarter => "content/quarters/YYYY-QN/quarter.yaml: the quarter",
            Kind::Trends => "content/quarters/YYYY-QN/trends.yaml: the quarter's metric readings",
            Kind::Risk => "content/quarters/YYYY-QN/risks/*.yaml: one risk",
            Kind::Initiative => "content/quarters/YYYY-QN/initiatives/*.yaml: one initiative",
            Kind::Incident => "content/quarters/YYYY-QN/incidents/*.yaml: one incident",
            Kind::Investment => "content/quarters/YYYY-QN/investments/*.yaml: one investment ask",
            Kind::Action => "content/quarters/YYYY-QN/actions/*.yaml: one action of the board's log",
            Kind::Exception => "content/quarters/YYYY-QN/exceptions/*.yaml: one policy exception",
            Kind::Page => "content/pages/*.md: the YAML front matter of a standing page",
            Kind::Published => "content/quarters/YYYY-QN/published.yaml: the record of a published quarter, written by `quarterdeck publish` and `quarterdeck restate`",
        }
    }

    /// The kind of a site-relative, `/`-separated path, for the YAML files an editor opens.
    pub(crate) fn of_yaml_path(rel: &str) -> Option<Kind> {
        let parts: Vec<&str> = rel.strip_prefix("content/")?.split('/').collect();
        classify(&parts)
            .map(|(kind, _)| kind)
            .filter(|k| *k != Kind::Page)
    }
}

/// The kind of a file under `content/` (its path's parts below `content/`) and, for a file of a
/// quarter, the quarter folder's name. Nothing else in `content/` is read.
pub(crate) fn classify(parts: &[&str]) -> Option<(Kind, Option<String>)> {
    let yaml = |n: &str| n.ends_with(".yaml") || n.ends_with(".yml");
    match parts {
        [n] if *n == "metrics.yaml" || *n == "metrics.yml" => Some((Kind::Metrics, None)),
        ["pages", n] if n.ends_with(".md") => Some((Kind::Page, None)),
        ["quarters", q, n] if *n == "quarter.yaml" || *n == "quarter.yml" => {
            Some((Kind::Quarter, Some(q.to_string())))
        }
        ["quarters", q, n] if *n == "trends.yaml" || *n == "trends.yml" => {
            Some((Kind::Trends, Some(q.to_string())))
        }
        ["quarters", q, n] if *n == PUBLISHED => Some((Kind::Published, Some(q.to_string()))),
        ["quarters", q, dir, n] if yaml(n) => QUARTER_SUBDIRS
            .iter()
            .find(|(d, _)| d == dir)
            .map(|(_, k)| (*k, Some(q.to_string()))),
        _ => None,
    }
}

/// The first line of a YAML file that points editors (the YAML language server) at its
/// schema in the site's `schemas/` folder, relative to the file at `rel`.
pub(crate) fn editor_line(rel: &str) -> Option<String> {
    let kind = Kind::of_yaml_path(rel)?;
    let up = "../".repeat(rel.matches('/').count());
    Some(format!(
        "# yaml-language-server: $schema={up}schemas/{}\n",
        kind.file_name()
    ))
}

/// `text` with the editor line in front, unless it already starts with one.
pub(crate) fn with_editor_line(rel: &str, text: &str) -> String {
    match editor_line(rel) {
        Some(line) if !text.starts_with("# yaml-language-server:") => format!("{line}{text}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_line_climbs_to_the_site_root() {
        assert_eq!(
            editor_line("content/quarters/2026-Q3/risks/R-001.yaml").unwrap(),
            "# yaml-language-server: $schema=../../../../schemas/risk.schema.json\n"
        );
        assert_eq!(
            editor_line("content/metrics.yaml").unwrap(),
            "# yaml-language-server: $schema=../schemas/metrics.schema.json\n"
        );
        assert!(editor_line("content/pages/a.md").is_none());
        assert!(editor_line("content/quarters/2026-Q3/notes/a.yaml").is_none());
    }

    /// `load` and `scaffold` had a classifier each, and `scaffold`'s took any `metrics.*.yaml`
    /// (`quarter.*`, `trends.*`) for the file itself; `load` reads only the names SPEC.md's
    /// content layout gives, so a file `load` ignores gets no schema line either.
    #[test]
    fn only_the_files_load_reads_have_a_kind() {
        let kind = Kind::of_yaml_path;
        assert_eq!(kind("content/metrics.yaml"), Some(Kind::Metrics));
        assert_eq!(kind("content/metrics.yml"), Some(Kind::Metrics));
        assert_eq!(kind("content/metrics.old.yaml"), None);
        assert_eq!(
            kind("content/quarters/2026-Q3/quarter.yml"),
            Some(Kind::Quarter)
        );
        assert_eq!(kind("content/quarters/2026-Q3/quarter.draft.yaml"), None);
        assert_eq!(kind("content/quarters/2026-Q3/trends.v2.yaml"), None);
        assert_eq!(
            kind("content/quarters/2026-Q3/published.yaml"),
            Some(Kind::Published)
        );
        assert_eq!(
            kind("content/quarters/2026-Q3/risks/R-1.yml"),
            Some(Kind::Risk)
        );
        assert_eq!(kind("content/pages/about.md"), None);
        assert_eq!(kind("quarters/2026-Q3/risks/R-1.yaml"), None);
        assert_eq!(classify(&["pages", "about.md"]), Some((Kind::Page, None)));
        assert_eq!(classify(&["metrics.old.yaml"]), None);
    }
}
