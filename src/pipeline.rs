//! The one orchestration of the stages: load → validate (with facts) → render → the PDFs' plan
//! (as [`Options::pdfs`] chooses). `check`,
//! `build`, `serve`, `diff` and the fuzz harness all call it, so they cannot drift apart on
//! when a site is good enough to render or what rendering it takes.
//!
//! Files are read only through a [`Source`]; writing is the caller's business (`write` for
//! `build`, memory for `serve`), and so is finishing the PDFs after the write.

use crate::diag::{self, Diagnostic, Sources};
use crate::load::source::{Source, WorkTree};
use crate::load::{self, LoadError, Loaded};
use crate::model::{self, types::Site};
use crate::render::{self, templates, RenderError, Rendered};
use std::path::Path;

mod drafts;
mod pdfs;
mod site_templates;
pub(crate) use drafts::Skipped;
pub(crate) use pdfs::Pdfs;

/// The result of stages 1–2.
pub struct Checked {
    pub loaded: Loaded,
    /// The validated site, each quarter carrying its facts; present whenever the settings
    /// could be read, even when the content has errors.
    pub site: Option<Site>,
    /// Sorted by file and position.
    pub diags: Vec<Diagnostic>,
}

impl Checked {
    /// `(errors, warnings)`.
    pub fn counts(&self) -> (usize, usize) {
        diag::count(&self.diags)
    }

    /// The site when the content has no errors: the only site later stages may see.
    pub fn valid_site(&self) -> Option<&Site> {
        self.site.as_ref().filter(|_| self.counts().0 == 0)
    }

    /// Splits off the valid site and the text of its files, or gives the check back so that
    /// its errors can be reported.
    pub fn into_valid(self) -> Result<(Site, Sources), Checked> {
        let valid = self.valid_site().is_some();
        match self.site {
            Some(site) if valid => Ok((site, self.loaded.sources)),
            site => Err(Checked {
                loaded: self.loaded,
                site,
                diags: self.diags,
            }),
        }
    }

    /// `checked 9 quarters (212 files): 0 errors, 2 warnings`
    pub fn summary_line(&self) -> String {
        let (errors, warnings) = self.counts();
        summary_line(&self.loaded, errors, warnings)
    }
}

/// Stages 1–2 on the site in `source`: load, validate, compute the facts.
pub(crate) fn check(source: &dyn Source) -> Result<Checked, LoadError> {
    let (loaded, mut diags) = load::load(source)?;
    let site = model::validate(&loaded, &mut diags);
    diag::sort(&mut diags);
    Ok(Checked {
        loaded,
        site,
        diags,
    })
}

/// Stages 1–2 on the working tree at `root`.
pub fn check_dir(root: &Path) -> Result<Checked, LoadError> {
    check(&WorkTree::new(root))
}

/// What `check` reports: stages 1–2 on the working tree at `root`, and the site's own
/// templates tried as `build` would use them (`pipeline::site_templates`).
pub(crate) fn check_with_templates(root: &Path) -> Result<Checked, LoadError> {
    check_source_with_templates(&WorkTree::new(root))
}

/// [`check_with_templates`] on the site in `source`: the integration tests check sites held in
/// memory with it, without a process or a copy on disk for each.
pub fn check_source_with_templates(source: &dyn Source) -> Result<Checked, LoadError> {
    let mut checked = check(source)?;
    if let Some(d) = site_templates::check(source, &checked) {
        checked.diags.push(d);
        diag::sort(&mut checked.diags);
    }
    Ok(checked)
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Options {
    /// Build draft quarters too.
    pub drafts: bool,
    /// Replaces the site's `base_url`: the local server is the site's root, whatever address
    /// the published site will have.
    pub base_url: Option<String>,
    /// Where the trials of money at risk are kept between builds (`money_cache::folder`); none:
    /// every build draws them.
    pub money_cache: Option<std::path::PathBuf>,
    /// Which PDFs the build makes, and so which pages link theirs.
    pub pdfs: Pdfs,
}

/// Why a build rendered nothing.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Stopped {
    /// The content has errors (they are in the diagnostics); nothing was rendered.
    #[error("the site has errors")]
    Invalid,
    /// The site's templates could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// Stages 1–3: what was checked, and the rendered site or why there is none.
pub(crate) struct Build {
    /// Without `--drafts`, the diagnostics of the drafts left out are in `skipped` instead.
    pub checked: Checked,
    pub rendered: Result<Rendered, Stopped>,
    /// The draft quarters left out (none with `--drafts`).
    pub skipped: Vec<Skipped>,
    /// The PDFs to finish once the rendered files are written ([`crate::pdf::Plan::finish`]);
    /// none when nothing was rendered or the options ask for no PDFs.
    pub pdfs: Option<crate::pdf::Plan>,
}

/// Loads, validates and, when the content has no errors, renders the site in `source` into
/// memory and plans its PDFs. Only a missing site is an `Err`.
pub(crate) fn build(source: &dyn Source, options: &Options) -> Result<Build, LoadError> {
    build_with_templates(source, options, templates::compile)
}

/// [`build`], with the site's templates compiled by `compile`: the site fuzzer compiles the
/// built-in ones once for all its runs (`harness::SiteFixture`), since no input reaches them.
pub(crate) fn build_with_templates(
    source: &dyn Source,
    options: &Options,
    compile: impl FnOnce(&load::Overrides) -> Result<templates::Compiled, RenderError> + Send,
) -> Result<Build, LoadError> {
    // The templates need nothing from the content: they are read first and compiled on another
    // thread while the content loads and validates (a sixth of a build's time, off its path).
    let overrides = load::overrides(source);
    let (mut checked, templates) = std::thread::scope(|s| {
        let compiling = s.spawn(move || {
            overrides.map(|o| {
                let compiled = compile(&o);
                (o, compiled)
            })
        });
        let checked = check(source);
        let templates = compiling
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        checked.map(|c| (c, templates))
    })?;
    let skipped = if options.drafts {
        Vec::new()
    } else {
        drafts::set_aside(&mut checked)
    };
    let mut rendered = render_valid(&mut checked, templates, options);
    let pdfs = match (&mut rendered, checked.site.as_ref()) {
        (Ok(r), Some(site)) => pdfs::plan(&options.pdfs, &site.config.base_url, r),
        _ => None,
    };
    Ok(Build {
        checked,
        rendered,
        skipped,
        pdfs,
    })
}

/// The site's `templates/` as read, and compiled.
type Templates = Result<(load::Overrides, Result<templates::Compiled, RenderError>), LoadError>;

/// Stage 3 when stage 2 found no error.
fn render_valid(
    checked: &mut Checked,
    templates: Templates,
    options: &Options,
) -> Result<Rendered, Stopped> {
    if checked.valid_site().is_none() {
        return Err(Stopped::Invalid);
    }
    let Some(site) = checked.site.as_mut() else {
        return Err(Stopped::Invalid);
    };
    if let Some(url) = &options.base_url {
        site.config.base_url = url.clone();
    }
    let (overrides, compiled) = templates?;
    // The trials behind the money figures, for the quarters this build shows only.
    let drafts = options.drafts;
    let store = options
        .money_cache
        .as_deref()
        .map(crate::money_cache::Disk::new);
    let store: &dyn model::money::Store = match &store {
        Some(disk) => disk,
        None => &model::money::NoStore,
    };
    model::money::simulate(
        site,
        |q| drafts || q.status == model::types::QuarterStatus::Final,
        store,
    );
    let options = render::Options { drafts };
    Ok(render::render(site, &overrides, compiled?, options)?)
}

/// `checked 9 quarters (212 files): 0 errors, 2 warnings`, or, when loading stopped before
/// content/, that nothing was checked.
pub(crate) fn summary_line(loaded: &Loaded, errors: usize, warnings: usize) -> String {
    use crate::diag::plural;
    let what = if loaded.content_unread {
        "nothing checked (loading stopped before content/)".to_string()
    } else {
        format!(
            "checked {} ({})",
            plural(loaded.quarters.len(), "quarter"),
            plural(loaded.sources.len(), "file"),
        )
    };
    format!(
        "{what}: {}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::source::Memory;

    fn minimal() -> Memory {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        Memory::copy_of(&WorkTree::new(&root), crate::load::text::MAX_FILE_BYTES)
    }

    #[test]
    fn a_site_in_memory_builds_like_the_same_site_on_disk() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        let options = Options::default();
        let on_disk = build(&WorkTree::new(&root), &options).unwrap();
        let in_memory = build(&minimal(), &options).unwrap();
        let (a, b) = (on_disk.rendered.unwrap(), in_memory.rendered.unwrap());
        assert!(!a.files.is_empty());
        assert_eq!(a.files, b.files);
        assert_eq!(a.quarters, b.quarters);
    }

    #[test]
    fn content_errors_stop_before_render() {
        let mut site = minimal();
        site.insert("content/quarters/2026-Q2/risks/R-007.yaml", "id: R-007\n");
        let b = build(&site, &Options::default()).unwrap();
        assert!(matches!(b.rendered, Err(Stopped::Invalid)));
        assert!(b.checked.counts().0 > 0);
        assert!(b.checked.site.is_some() && b.checked.valid_site().is_none());
        let back = b.checked.into_valid().err().unwrap();
        assert!(back.site.is_some() && back.counts().0 > 0);
    }

    #[test]
    fn a_draft_with_errors_is_left_out_of_a_build_without_drafts() {
        let mut site = minimal();
        site.insert(
            "content/quarters/2026-Q3/quarter.yaml",
            "quarter: 2026-Q3\nstatus: draft\nboard_meeting: TODO\nheadline: \"\"\nsummary: \"\"\n",
        );
        let b = build(&site, &Options::default()).unwrap();
        assert!(b.rendered.is_ok(), "{:?}", b.checked.diags);
        assert_eq!(b.checked.counts(), (0, 0));
        assert_eq!(b.skipped.len(), 1);
        assert_eq!(
            (b.skipped[0].quarter.as_str(), b.skipped[0].errors()),
            ("2026-Q3", 3)
        );
        // With --drafts, and for `check`, the errors are errors.
        let drafts = Options {
            drafts: true,
            ..Options::default()
        };
        let b = build(&site, &drafts).unwrap();
        assert!(matches!(b.rendered, Err(Stopped::Invalid)));
        assert_eq!(check(&site).unwrap().counts().0, 3);
    }

    #[test]
    fn a_draft_that_a_final_quarter_follows_must_be_valid() {
        let mut site = minimal();
        let q1 = "content/quarters/2026-Q1/quarter.yaml";
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        let text = std::fs::read_to_string(fixture.join(q1)).unwrap();
        let draft = text
            .replace("status: final", "status: draft")
            .replace("board_meeting: ", "board_meeting: TODO #");
        site.insert(q1, draft);
        let b = build(&site, &Options::default()).unwrap();
        assert!(matches!(b.rendered, Err(Stopped::Invalid)));
        assert_eq!(b.skipped.len(), 1);
        assert!(b.skipped[0].diags.is_empty());
    }

    #[test]
    fn base_url_is_replaced_before_render() {
        let options = Options {
            drafts: true,
            base_url: Some("/".into()),
            money_cache: None,
            pdfs: Pdfs::None,
        };
        let b = build(&minimal(), &options).unwrap();
        assert!(b.rendered.is_ok());
        assert_eq!(b.checked.site.unwrap().config.base_url, "/");
    }

    #[test]
    fn templates_come_from_the_source() {
        let mut site = minimal();
        site.insert(
            "templates/page.html",
            "{% extends \"base.html\" %}{% block main %}OVERRIDDEN{% endblock %}",
        );
        site.insert("templates/logo.svg", "<svg/>");
        let files = build(&site, &Options::default())
            .unwrap()
            .rendered
            .unwrap()
            .files;
        assert_eq!(files["assets/logo.svg"], b"<svg/>");
        let page = files
            .iter()
            .find(|(k, _)| k.ends_with("/index.html") && k.contains("decision-rights"))
            .map(|(_, v)| String::from_utf8_lossy(v).to_string())
            .unwrap();
        assert!(page.contains("OVERRIDDEN"), "{page}");
    }

    #[test]
    fn a_source_without_settings_is_not_a_site() {
        let err = check(&Memory::new("HEAD")).err().unwrap();
        assert_eq!(
            err.to_string(),
            "HEAD is not a quarterdeck site: it has no quarterdeck.toml"
        );
    }
}
