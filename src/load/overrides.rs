//! The site's `templates/` folder: `.html` files that replace built-in templates by name, and
//! other files published under `assets/`. Read here, with the rest of the site, so that
//! `render` never touches the disk.

use super::source::{EntryKind, ReadError, Refused, Source};
use super::LoadError;
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

/// Reads `templates/` (top level only, names sorted, hidden files and folders skipped).
pub(crate) fn overrides(source: &dyn Source) -> Result<Overrides, LoadError> {
    let mut out = Overrides::default();
    if !source.is_dir("templates") {
        return Ok(out);
    }
    let refuse = |name: String, message: String| LoadError::Template { name, message };
    // Whatever is in templates/ may be published under assets/: nothing may come from outside.
    let outside = |rel: &str| {
        let rel = if rel == "templates" {
            "templates/"
        } else {
            rel
        };
        refuse(rel.to_string(), "it is a symbolic link to a place outside the site; quarterdeck reads nothing outside the site root".into())
    };
    for entry in source.walk("templates", 1) {
        let entry = match entry {
            Ok(e) => e,
            Err(Refused::Outside(rel)) => return Err(outside(&rel)),
            Err(Refused::LinkToFolder(_)) => continue,
            Err(Refused::BrokenLink { rel, message, .. }) => {
                return Err(refuse(rel, format!("broken symbolic link: {message}")))
            }
            Err(Refused::Unreadable { rel, message, kind }) => {
                return Err(LoadError::Io {
                    path: rel,
                    source: std::io::Error::new(kind, message),
                })
            }
        };
        if entry.kind != EntryKind::File {
            continue;
        }
        let rel = entry.rel;
        let name = rel.trim_start_matches("templates/").to_string();
        let bytes = match source.read(&rel, MAX_OVERRIDE_BYTES) {
            Ok(b) => b,
            Err(ReadError::Outside) => return Err(outside(&rel)),
            Err(ReadError::Io(source)) => return Err(LoadError::Io { path: rel, source }),
        };
        if bytes.len() > MAX_OVERRIDE_BYTES {
            return Err(refuse(
                rel,
                format!("the file is larger than the limit of {MAX_OVERRIDE_BYTES} bytes"),
            ));
        }
        if name.ends_with(".html") {
            let text = String::from_utf8(bytes)
                .map_err(|_| refuse(rel, "the template is not valid UTF-8".into()))?;
            out.templates.insert(name, text);
        } else {
            out.assets.insert(name, bytes);
        }
    }
    Ok(out)
}

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

    #[test]
    fn a_template_that_is_not_utf8_is_refused_by_name() {
        let mut m = Memory::new("site");
        m.insert("templates/page.html", vec![b'<', 0xff, b'>']);
        assert_eq!(
            overrides(&m).unwrap_err().to_string(),
            "template error in templates/page.html: the template is not valid UTF-8"
        );
    }

    #[test]
    fn no_templates_folder_means_no_overrides() {
        let ov = overrides(&Memory::new("site")).unwrap();
        assert!(ov.templates.is_empty() && ov.assets.is_empty());
    }
}
