//! Stage 5's first half, between render and write, as the pipeline's options choose it: which
//! quarters get PDFs, so which web pages keep their PDF links. The caller finishes it after its
//! write ([`crate::pdf::Plan::finish`]); `serve`, which writes nothing, asks for none.

use crate::pdf;
use crate::render::Rendered;
use std::path::PathBuf;

/// Which PDFs a build makes.
#[derive(Debug, Clone, Default)]
pub(crate) enum Pdfs {
    /// None, and no page links one (the preview, which has none to serve).
    #[default]
    None,
    /// Those the cache at `root` still has unchanged, or, with `print` (`build --pdf`), every
    /// quarter's.
    Cached { root: PathBuf, print: bool },
}

/// Edits the rendered pages for the PDFs `pdfs` chooses (and adds those the cache has); the
/// plan to finish after the write, when there is one.
pub(super) fn plan(pdfs: &Pdfs, base_url: &str, rendered: &mut Rendered) -> Option<pdf::Plan> {
    match pdfs {
        Pdfs::None => {
            pdf::links::strip_files(&mut rendered.files, &|_| false);
            None
        }
        Pdfs::Cached { root, print } => Some(pdf::Plan::new(
            root,
            base_url,
            &rendered.quarters,
            *print,
            &mut rendered.files,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::source::{Memory, WorkTree};
    use crate::pipeline::{build, Options};
    use std::path::Path;

    fn linking(files: &crate::render::Files) -> usize {
        files
            .values()
            .filter(|b| String::from_utf8_lossy(b).contains("<!--pdf-links "))
            .count()
    }

    /// Rendered, the one-pagers link their PDFs. The preview asks for no PDFs and gets pages
    /// that link none; a build asks for the cache's and gets a plan to finish, its pages linking
    /// only what the plan supplies (with no cache and no `--pdf`, nothing).
    #[test]
    fn the_options_choose_the_pdfs_and_the_pages_follow() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        let site = Memory::copy_of(&WorkTree::new(&root), crate::load::text::MAX_FILE_BYTES);
        let checked = crate::pipeline::check(&site).unwrap();
        let overrides = crate::load::overrides(&site).unwrap();
        let compiled = crate::render::templates::compile(&overrides).unwrap();
        let options = crate::render::Options { drafts: false };
        let site_model = checked.valid_site().unwrap();
        let pages = crate::render::render(site_model, &overrides, compiled, options).unwrap();
        assert!(linking(&pages.files) > 0);

        let preview = build(&site, &Options::default()).unwrap();
        assert!(preview.pdfs.is_none());
        let preview = preview.rendered.unwrap();
        assert_eq!(linking(&preview.files), 0);

        let empty = tempfile::tempdir().unwrap();
        let cached = Options {
            pdfs: Pdfs::Cached {
                root: empty.path().to_path_buf(),
                print: false,
            },
            ..Options::default()
        };
        let built = build(&site, &cached).unwrap();
        assert!(built.pdfs.is_some());
        assert_eq!(built.rendered.unwrap().files, preview.files);
    }
}
