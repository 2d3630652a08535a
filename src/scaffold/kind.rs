//! The kinds of file in a site, where each lives, and the first line that points an editor at
//! the kind's schema.

/// A kind of file in a site, and so one schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Settings,
    Metrics,
    Quarter,
    Trends,
    Risk,
    Initiative,
    Incident,
    Investment,
    Page,
    Published,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Settings,
        Kind::Metrics,
        Kind::Quarter,
        Kind::Trends,
        Kind::Risk,
        Kind::Initiative,
        Kind::Incident,
        Kind::Investment,
        Kind::Page,
        Kind::Published,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Settings => "settings",
            Kind::Metrics => "metrics",
            Kind::Quarter => "quarter",
            Kind::Trends => "trends",
            Kind::Risk => "risk",
            Kind::Initiative => "initiative",
            Kind::Incident => "incident",
            Kind::Investment => "investment",
            Kind::Page => "page",
            Kind::Published => "published",
        }
    }

    /// `risk.schema.json`
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// Where files of this kind live, for the schema's description.
    pub fn place(self) -> &'static str {
        match self {
            Kind::Settings => "quarterdeck.toml: the site settings",
            Kind::Metrics => "content/metrics.yaml: the scoreboard's metric definitions",
            Kind::Quarter => "content/quarters/YYYY-QN/quarter.yaml: the quarter",
            Kind::Trends => "content/quarters/YYYY-QN/trends.yaml: the quarter's metric readings",
            Kind::Risk => "content/quarters/YYYY-QN/risks/*.yaml: one risk",
            Kind::Initiative => "content/quarters/YYYY-QN/initiatives/*.yaml: one initiative",
            Kind::Incident => "content/quarters/YYYY-QN/incidents/*.yaml: one incident",
            Kind::Investment => "content/quarters/YYYY-QN/investments/*.yaml: one investment ask",
            Kind::Page => "content/pages/*.md: the YAML front matter of a standing page",
            Kind::Published => "content/quarters/YYYY-QN/published.yaml: the record of a published quarter, written by `quarterdeck publish` and `quarterdeck restate`",
        }
    }

    /// The kind of a site-relative, `/`-separated path, for the YAML files an editor opens.
    pub fn of_yaml_path(rel: &str) -> Option<Kind> {
        let parts: Vec<&str> = rel.split('/').collect();
        let yaml = |n: &str| n.ends_with(".yaml") || n.ends_with(".yml");
        match parts.as_slice() {
            ["content", n] if n.starts_with("metrics.") && yaml(n) => Some(Kind::Metrics),
            ["content", "quarters", _, n] if n.starts_with("quarter.") && yaml(n) => {
                Some(Kind::Quarter)
            }
            ["content", "quarters", _, n] if n.starts_with("trends.") && yaml(n) => {
                Some(Kind::Trends)
            }
            ["content", "quarters", _, n] if *n == crate::publish::FILE_NAME => {
                Some(Kind::Published)
            }
            ["content", "quarters", _, dir, n] if yaml(n) => match *dir {
                "risks" => Some(Kind::Risk),
                "initiatives" => Some(Kind::Initiative),
                "incidents" => Some(Kind::Incident),
                "investments" => Some(Kind::Investment),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The first line of a YAML file that points editors (the YAML language server) at its
/// schema in the site's `schemas/` folder, relative to the file at `rel`.
pub fn editor_line(rel: &str) -> Option<String> {
    let kind = Kind::of_yaml_path(rel)?;
    let up = "../".repeat(rel.matches('/').count());
    Some(format!(
        "# yaml-language-server: $schema={up}schemas/{}\n",
        kind.file_name()
    ))
}

/// `text` with the editor line in front, unless it already starts with one.
pub fn with_editor_line(rel: &str, text: &str) -> String {
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
}
