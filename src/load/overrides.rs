//! The site's `templates/` folder: `.html` files that replace built-in templates by name, and
//! other files published under `assets/`. Read here, with the rest of the site, so that
//! `render` never touches the disk.

use super::source::{EntryKind, Refused, Source};
use super::{text, unusable, LoadError};
use crate::diag::Diagnostic;
use std::collections::BTreeMap;

/// Larger than any template or web font; a bigger file in `templates/` is a mistake, and
/// reading it whole would cost memory for nothing.
pub(crate) const MAX_OVERRIDE_BYTES: usize = 32 * 1024 * 1024;

/// What a site's `templates/` folder holds: `.html` overrides and other files for `assets/`.
#[derive(Debug, Default)]
pub(crate) struct Overrides {
    pub templates: BTreeMap<String, String>,
    pub assets: BTreeMap<String, Vec<u8>>,
}

/// Reads `templates/` (top level only, names sorted, hidden files and folders skipped). The
/// first file that cannot be used stops it: `build` publishes nothing without its templates.
pub(crate) fn overrides(source: &dyn Source) -> Result<Overrides, LoadError> {
    let mut out = Overrides::default();
    if !source.is_dir("templates") {
        return Ok(out);
    }
    let unusable = |d: Diagnostic| LoadError::Unusable(Box::new(d));
    for entry in source.walk("templates", 1) {
        let entry = match entry {
            Ok(e) => e,
            Err(Refused::LinkToFolder(_)) => continue,
            // Whatever is in templates/ may be published under assets/: nothing may come from
            // outside, and `templates` itself may not lead there.
            Err(refused) => return Err(unusable(unusable::refused(refused))),
        };
        if entry.kind != EntryKind::File {
            continue;
        }
        let rel = entry.rel;
        let name = rel.trim_start_matches("templates/").to_string();
        let bytes = source
            .read(&rel, MAX_OVERRIDE_BYTES)
            .map_err(|e| unusable(unusable::unreadable(&rel, &e)))?;
        if bytes.len() > MAX_OVERRIDE_BYTES {
            let size = source.size(&rel);
            return Err(unusable(unusable::too_large(
                &rel,
                MAX_OVERRIDE_BYTES,
                size,
                TOO_LARGE_FIX,
            )));
        }
        if name.ends_with(".html") {
            let text = String::from_utf8(bytes).map_err(|e| {
                let (line, column) = text::where_utf8_breaks(e.as_bytes(), &e.utf8_error());
                unusable(unusable::not_utf8(&rel, line, column))
            })?;
            out.templates.insert(name, text);
        } else {
            out.assets.insert(name, bytes);
        }
    }
    Ok(out)
}

/// What `templates/` is for, and so how to fix a file too large for it.
const TOO_LARGE_FIX: &str = "templates/ holds templates, stylesheets and web fonts; make the file smaller or move it out of templates/";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::source::Memory;

    #[test]
    fn html_files_are_templates_and_the_rest_assets() {
        let mut m = Memory::new("site");
        m.insert("templates/page.html", "<p>{{ page.title }}</p>");
        m.insert("templates/logo.svg", "<svg/>");
        m.insert("templates/.page.html.swp", "x");
        m.insert("templates/sub/nested.html", "ignored: top level only");
        let ov = overrides(&m).unwrap();
        assert_eq!(ov.templates.keys().collect::<Vec<_>>(), ["page.html"]);
        assert_eq!(ov.assets.keys().collect::<Vec<_>>(), ["logo.svg"]);
        assert_eq!(ov.assets["logo.svg"], b"<svg/>");
    }

    /// The code, words and fix `content/` gives the same mistake, and where it is.
    fn refusal(m: &Memory) -> (&'static str, String, Option<String>) {
        match overrides(m).unwrap_err() {
            LoadError::Unusable(d) => {
                let said = LoadError::Unusable(d.clone()).to_string();
                (d.code, said, d.hint)
            }
            other => panic!("{other}"),
        }
    }

    #[test]
    fn a_template_that_is_not_utf8_is_refused_where_it_breaks() {
        let mut m = Memory::new("site");
        m.insert("templates/page.html", vec![b'<', b'\n', b'<', 0xff, b'>']);
        assert_eq!(
            refusal(&m),
            (
                "not-utf8",
                "templates/page.html:2:2: the file is not valid UTF-8 text".into(),
                Some("save the file as UTF-8".into())
            )
        );
    }

    #[test]
    fn a_file_over_the_limit_is_too_large_with_the_fix_for_templates() {
        let mut m = Memory::new("site");
        let limit = MAX_OVERRIDE_BYTES as u64;
        m.insert_prefix(
            "templates/font.woff2",
            vec![0; MAX_OVERRIDE_BYTES + 1],
            limit + 7,
        );
        assert_eq!(
            refusal(&m),
            (
                "file-too-large",
                "templates/font.woff2: the file is larger than the limit of 33554432 bytes (33554439 bytes)".into(),
                Some(TOO_LARGE_FIX.into())
            )
        );
    }

    #[test]
    fn no_templates_folder_means_no_overrides() {
        let ov = overrides(&Memory::new("site")).unwrap();
        assert!(ov.templates.is_empty() && ov.assets.is_empty());
    }
}
