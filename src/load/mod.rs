//! Stage 1: find the site's files and parse each into its serde mirror (`raw`).
//!
//! Every file that cannot be read or parsed becomes a diagnostic and is left out; the rest
//! is handed to `model`. Nothing here knows what the values mean.

pub(crate) mod discover;
pub(crate) mod fingerprint;
pub(crate) mod io_words;
mod keys;
pub(crate) mod numbers;
pub(crate) mod overrides;
pub(crate) mod raw;
pub(crate) mod record;
pub(crate) mod source;
mod syntax;
pub(crate) mod text;
mod unusable;
pub(crate) mod yaml;

use crate::config::{self, Config};
use crate::diag::{Diagnostic, Pos, Sources};
use crate::layout::Kind;
pub(crate) use overrides::{overrides, Overrides};
use source::{ReadError, Source};

/// A parsed file and where it came from.
#[derive(Debug)]
pub struct Doc<T> {
    pub file: String,
    pub value: T,
}

#[derive(Debug, Default)]
pub struct RawQuarter {
    pub folder: String,
    pub quarter: Option<Doc<raw::Quarter>>,
    pub trends: Option<Doc<raw::Trends>>,
    pub risks: Vec<Doc<raw::Risk>>,
    pub initiatives: Vec<Doc<raw::Initiative>>,
    pub incidents: Vec<Doc<raw::Incident>>,
    pub investments: Vec<Doc<raw::Investment>>,
    pub actions: Vec<Doc<raw::Action>>,
    /// Policy exceptions (`exceptions/*.yaml`).
    pub exceptions: Vec<Doc<raw::PolicyException>>,
    /// `published.yaml`, when the quarter has been published.
    pub published: Option<Doc<crate::load::record::RawRecord>>,
    /// Files of this quarter that failed to parse (their diagnostics are already recorded).
    pub broken_files: usize,
    /// Ids of risk files that failed to parse, as far as they could be read.
    pub broken_risk_ids: Vec<String>,
    /// Ids of every item file (risk, initiative, incident, investment, action) that failed to parse,
    /// as far as they could be read: an ask `about` one is not a second error.
    pub broken_ids: Vec<String>,
}

#[derive(Debug)]
pub struct RawPage {
    pub file: String,
    pub front: raw::PageFront,
    pub body: String,
    /// The file's line on which the body starts (1-based), for positions found in it.
    pub body_line: usize,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub config: Option<Config>,
    pub metrics: Option<Doc<Vec<raw::Metric>>>,
    pub quarters: Vec<RawQuarter>,
    pub pages: Vec<RawPage>,
    /// The site's catalogs of labels for its language, most specific first:
    /// `i18n/de-DE.toml`, then `i18n/de.toml` (a regional code falls back through its language).
    pub catalogs: Vec<crate::i18n::Catalog>,
    pub sources: Sources,
    /// The fingerprints of the files of every quarter that has a record, computed as they were
    /// read: what `model` compares the records with.
    pub fingerprints: fingerprint::Fingerprints,
    /// Loading stopped before content/ was read (too many files): a count of what was
    /// checked would say the site was checked and found small.
    pub content_unread: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0} is not a quarterdeck site: it has no quarterdeck.toml")]
    NotASite(String),
    /// A file of the site's `templates/` that cannot be used: said as `check` says it, with
    /// the code, words and fix the same mistake gets under `content/` (`load::unusable`).
    #[error("{}", located(.0))]
    Unusable(Box<Diagnostic>),
}

impl LoadError {
    /// What the user can do about it, for the command to show under the message. (Where to
    /// find a site is the command line's to say, as for every command.)
    pub fn hint(&self) -> Option<String> {
        match self {
            LoadError::NotASite(_) => None,
            LoadError::Unusable(d) => d.hint.clone(),
        }
    }
}

/// `templates/page.html:1:2: the file is not valid UTF-8 text`: where, then what.
fn located(d: &Diagnostic) -> String {
    let at = match (d.line, d.column) {
        (Some(line), Some(column)) => format!(":{line}:{column}"),
        (Some(line), None) => format!(":{line}"),
        _ => String::new(),
    };
    format!("{}{at}: {}", d.file, d.message)
}

/// Reads the settings and content of the site in `source`. Content problems are returned as
/// diagnostics; only a missing site is an `Err`.
pub(crate) fn load(source: &dyn Source) -> Result<(Loaded, Vec<Diagnostic>), LoadError> {
    let mut diags = Vec::new();
    let mut sources = Sources::new();
    if !source.is_file(config::FILE_NAME) {
        return Err(LoadError::NotASite(source.name()));
    }
    let config_bytes = source.read(config::FILE_NAME, text::MAX_FILE_BYTES);
    if let Err(ReadError::Outside) = config_bytes {
        diags.push(
            Diagnostic::error("symlink", config::FILE_NAME, "this symbolic link points outside the site; quarterdeck reads nothing outside the site root")
                .hint("copy the settings into the site instead"),
        );
        return Ok((Loaded::default(), diags));
    }
    let config = read_text(source, config_bytes, config::FILE_NAME, &mut diags).and_then(|text| {
        let config = Config::parse(&text).map_err(|d| diags.extend(d)).ok();
        sources.insert(config::FILE_NAME.to_string(), text);
        config
    });
    let catalogs = config.as_ref().map_or_else(Vec::new, |c| {
        crate::i18n::chain(&c.language)
            .iter()
            .filter_map(|lang| catalog(source, lang, &mut sources, &mut diags))
            .collect()
    });
    let found = discover::discover(source, &mut diags);
    let mut loaded = Loaded {
        config,
        quarters: found
            .quarter_folders
            .iter()
            .map(|f| RawQuarter {
                folder: f.clone(),
                ..RawQuarter::default()
            })
            .collect(),
        catalogs,
        fingerprints: fingerprint::Fingerprints::wanted(&found.files),
        content_unread: found.stopped,
        ..Loaded::default()
    };
    let read = read_all(source, &found.files, &loaded);
    for (f, file) in found.files.iter().zip(read) {
        diags.extend(file.diags);
        let (Some(text), Some(parsed)) = (file.text, file.parsed) else {
            mark_broken(&mut loaded.quarters, f, None);
            continue;
        };
        if let Err(d) = loaded.place(f, parsed) {
            diags.push(d);
            mark_broken(&mut loaded.quarters, f, Some(&text));
        }
        if let Some(print) = file.print {
            loaded.fingerprints.add(f, print);
        }
        sources.insert(f.rel.clone(), text);
    }
    loaded.sources = sources;
    Ok((loaded, diags))
}

/// Reads, decodes and parses each file (and fingerprints those `loaded.fingerprints` wants) on
/// whichever core is free: a `Source` is shareable between threads. The results come back in
/// file order, so diagnostics and lists come out the same whatever the threads did.
fn read_all(source: &dyn Source, files: &[discover::Found], loaded: &Loaded) -> Vec<ReadFile> {
    use rayon::prelude::*;
    files
        .par_iter()
        .map(|f| {
            let mut diags = Vec::new();
            let bytes = source.read(&f.rel, text::MAX_FILE_BYTES);
            let text = read_text(source, bytes, &f.rel, &mut diags);
            let in_quarter = f
                .quarter_folder
                .as_ref()
                .is_some_and(|name| loaded.quarters.iter().any(|q| &q.folder == name));
            let parsed = text
                .as_deref()
                .map(|t| Parsed::parse(f.kind, in_quarter, &f.rel, t));
            let print = text.as_deref().and_then(|t| loaded.fingerprints.read(f, t));
            ReadFile {
                text,
                diags,
                parsed,
                print,
            }
        })
        .collect()
}

impl Loaded {
    /// Puts a parsed file in its place: a diagnostic when it cannot be used, or when it is the
    /// second spelling (`.yaml` and `.yml`) of a file the site has once.
    fn place(
        &mut self,
        f: &discover::Found,
        parsed: Result<Parsed, Diagnostic>,
    ) -> Result<(), Diagnostic> {
        let q = f
            .quarter_folder
            .as_ref()
            .and_then(|name| self.quarters.iter_mut().find(|q| &q.folder == name));
        let twice = match f.kind {
            Kind::Quarter => q.as_ref().is_some_and(|q| q.quarter.is_some()),
            Kind::Trends => q.as_ref().is_some_and(|q| q.trends.is_some()),
            Kind::Metrics => self.metrics.is_some(),
            _ => false,
        };
        if twice {
            return Err(twice_over(&f.rel));
        }
        let rel = f.rel.as_str();
        match (parsed?, q) {
            (Parsed::Metrics(v), _) => self.metrics = Some(Doc::new(rel, v)),
            (Parsed::Page(p), _) => self.pages.push(p),
            (Parsed::Quarter(v), Some(q)) => q.quarter = Some(Doc::new(rel, v)),
            (Parsed::Trends(v), Some(q)) => q.trends = Some(Doc::new(rel, v)),
            (Parsed::Risk(v), Some(q)) => q.risks.push(Doc::new(rel, v)),
            (Parsed::Initiative(v), Some(q)) => q.initiatives.push(Doc::new(rel, v)),
            (Parsed::Incident(v), Some(q)) => q.incidents.push(Doc::new(rel, v)),
            (Parsed::Investment(v), Some(q)) => q.investments.push(Doc::new(rel, v)),
            (Parsed::Action(v), Some(q)) => q.actions.push(Doc::new(rel, v)),
            (Parsed::Exception(v), Some(q)) => q.exceptions.push(Doc::new(rel, v)),
            (Parsed::Published(v), Some(q)) => q.published = Some(Doc::new(rel, v)),
            _ => {}
        }
        Ok(())
    }
}

/// The site's catalog for `lang`, parsed; `None` when the site has none (or it cannot be read,
/// which is then a diagnostic).
fn catalog(
    source: &dyn Source,
    lang: &str,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) -> Option<crate::i18n::Catalog> {
    let rel = crate::i18n::site_file(lang);
    if !source.is_file(&rel) {
        return None;
    }
    let bytes = source.read(&rel, text::MAX_FILE_BYTES);
    let text = read_text(source, bytes, &rel, diags)?;
    let (catalog, problems) = crate::i18n::Catalog::parse(&rel, &text);
    diags.extend(problems);
    sources.insert(rel, text);
    Some(catalog)
}

impl<T> Doc<T> {
    fn new(file: &str, value: T) -> Doc<T> {
        Doc {
            file: file.to_string(),
            value,
        }
    }
}

/// One file parsed into its serde mirror, before it is put in its place in [`Loaded`].
// Each value lives only until it is moved into its place; boxing the large ones would cost
// an allocation per file for nothing.
#[allow(clippy::large_enum_variant)]
enum Parsed {
    Metrics(Vec<raw::Metric>),
    Page(RawPage),
    Quarter(raw::Quarter),
    Trends(raw::Trends),
    Risk(raw::Risk),
    Initiative(raw::Initiative),
    Incident(raw::Incident),
    Investment(raw::Investment),
    Action(raw::Action),
    Exception(raw::PolicyException),
    Published(crate::load::record::RawRecord),
    /// A quarter file outside any known quarter folder: not read.
    Skipped,
}

impl Parsed {
    fn parse(kind: Kind, in_quarter: bool, rel: &str, text: &str) -> Result<Parsed, Diagnostic> {
        Ok(match kind {
            Kind::Metrics => Parsed::Metrics(yaml::parse(rel, text, 0)?),
            Kind::Page => Parsed::Page(parse_page(rel, text)?),
            _ if !in_quarter => Parsed::Skipped,
            Kind::Quarter => Parsed::Quarter(yaml::parse(rel, text, 0)?),
            Kind::Trends => Parsed::Trends(yaml::parse(rel, text, 0)?),
            Kind::Risk => Parsed::Risk(yaml::parse(rel, text, 0)?),
            Kind::Initiative => Parsed::Initiative(yaml::parse(rel, text, 0)?),
            Kind::Incident => Parsed::Incident(yaml::parse(rel, text, 0)?),
            Kind::Investment => Parsed::Investment(yaml::parse(rel, text, 0)?),
            Kind::Action => Parsed::Action(yaml::parse(rel, text, 0)?),
            Kind::Exception => Parsed::Exception(yaml::parse(rel, text, 0)?),
            Kind::Published => Parsed::Published(yaml::parse(rel, text, 0)?),
            // The settings are not under `content/`, so `classify` never gives this kind.
            Kind::Settings => Parsed::Skipped,
        })
    }
}

/// A content file as read and parsed on some thread, before it takes its place in order.
struct ReadFile {
    text: Option<String>,
    diags: Vec<Diagnostic>,
    parsed: Option<Result<Parsed, Diagnostic>>,
    /// Its fingerprint, when its quarter has a record.
    print: Option<fingerprint::Read>,
}

/// Records that a quarter lost a file, and the id of a lost risk as far as it can be found,
/// so that references to it are not reported as a second error.
fn mark_broken(quarters: &mut [RawQuarter], f: &discover::Found, text: Option<&str>) {
    let Some(q) = f
        .quarter_folder
        .as_ref()
        .and_then(|name| quarters.iter_mut().find(|q| &q.folder == name))
    else {
        return;
    };
    q.broken_files += 1;
    if !matches!(
        f.kind,
        Kind::Risk
            | Kind::Initiative
            | Kind::Incident
            | Kind::Investment
            | Kind::Action
            | Kind::Exception
    ) {
        return;
    }
    let from_text = text.and_then(|t| match yaml::parse::<raw::IdOnly>(&f.rel, t, 0) {
        Ok(raw::IdOnly { id }) => id,
        // Too broken for YAML: look for an `id:` line by hand.
        Err(_) => t
            .lines()
            .find_map(|l| l.strip_prefix("id:"))
            .map(|v| v.trim().trim_matches(['"', '\'']).to_string()),
    });
    let from_name = f
        .rel
        .rsplit('/')
        .next()
        .and_then(|n| n.split('.').next())
        .map(str::to_string);
    if let Some(id) = from_text.or(from_name) {
        let id = id.trim().to_string();
        if f.kind == Kind::Risk {
            q.broken_risk_ids.push(id.clone());
        }
        q.broken_ids.push(id);
    }
}

/// Decodes what `source` read for `rel` (at most one byte past the size limit): the text, or
/// a diagnostic in `diags` saying why it cannot be used. The caller keeps the text in its
/// [`Sources`] once it has used it, so diagnostics can quote it.
fn read_text(
    source: &dyn Source,
    bytes: Result<Vec<u8>, ReadError>,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            diags.push(unusable::unreadable(rel, &e));
            return None;
        }
    };
    match text::decode(&bytes) {
        Ok(t) => Some(t),
        Err(text::TextError::TooLarge(_)) => {
            diags.push(unusable::too_large(
                rel,
                text::MAX_FILE_BYTES,
                source.size(rel),
                "split it up: one risk, initiative, incident or investment per file",
            ));
            None
        }
        Err(text::TextError::NotUtf8 { line, column }) => {
            diags.push(unusable::not_utf8(rel, line, column));
            None
        }
    }
}

fn twice_over(rel: &str) -> Diagnostic {
    Diagnostic::error(
        "duplicate-file",
        rel,
        "this file exists both as .yaml and as .yml; only one is read",
    )
    .hint("keep one of the two files")
}

/// Splits `---` front matter from the Markdown body and parses the front matter.
pub(crate) fn parse_page(rel: &str, text: &str) -> Result<RawPage, Diagnostic> {
    let missing = || {
        Diagnostic::error(
            "front-matter",
            rel,
            "a page must start with YAML front matter between `---` lines",
        )
        .at(Some(Pos::new(1, 1)))
        .hint("begin the file with three lines: `---`, `title: Page title`, `---`")
    };
    let rest = text.strip_prefix("---\n").ok_or_else(missing)?;
    let (front, body) = if let Some(body) = rest.strip_prefix("---\n") {
        ("", body)
    } else {
        let end = rest
            .find("\n---\n")
            .or_else(|| rest.strip_suffix("\n---").map(|s| s.len()))
            .ok_or_else(missing)?;
        (&rest[..end + 1], rest.get(end + 5..).unwrap_or(""))
    };
    if front.trim().is_empty() {
        return Err(Diagnostic::error(
            "front-matter",
            rel,
            "the front matter is empty; a page needs a `title`",
        )
        .at(Some(Pos::new(2, 1)))
        .hint("add `title: Page title` between the `---` lines"));
    }
    let body_line = text[..text.len() - body.len()].matches('\n').count() + 1;
    let front = yaml::parse(rel, front, 1)?;
    Ok(RawPage {
        file: rel.to_string(),
        front,
        body: body.to_string(),
        body_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_of_each_published_quarter_are_fingerprinted_as_they_are_read() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (loaded, _) = load(&source::WorkTree::new(root)).unwrap();
        let published: Vec<&str> = (loaded.quarters.iter())
            .filter(|q| q.published.is_some())
            .map(|q| q.folder.as_str())
            .collect();
        assert_eq!(published.len(), 9, "the example's published quarters");
        let from_texts = fingerprint::Fingerprints::of(&loaded.sources, published);
        assert_eq!(loaded.fingerprints, from_texts);
        assert!(loaded.fingerprints.metrics().is_some());
        assert!(loaded.fingerprints.quarter("2026-Q4").is_none(), "a draft");
    }

    #[test]
    fn page_front_matter_and_body_split() {
        let p = parse_page("p.md", "---\ntitle: Rights\norder: 2\n---\n# Body\n").unwrap();
        assert_eq!(p.front.title.value, "Rights");
        assert_eq!(p.body, "# Body\n");
        assert_eq!(p.body_line, 5);
    }

    #[test]
    fn page_without_front_matter_is_an_error() {
        let d = parse_page("p.md", "# Body\n").unwrap_err();
        assert_eq!(d.code, "front-matter");
    }

    #[test]
    fn page_front_matter_errors_point_into_the_file() {
        let d = parse_page("p.md", "---\ntitle: T\ntitel: x\n---\n").unwrap_err();
        assert_eq!((d.code, d.line), ("unknown-field", Some(3)));
    }
}
