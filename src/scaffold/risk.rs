//! `new risk`: a risk file in the latest quarter with the next free id, every required field
//! present and explained, and placeholders that `check` refuses until the author fills them.

use super::site::{self, YamlFile};
use super::{templates, Error};
use crate::layout::with_editor_line;
use std::io::Write;
use std::path::Path;

/// What `new risk` wrote.
pub struct NewRisk {
    pub id: String,
    /// Site-relative, `/`-separated.
    pub file: String,
}

pub fn new_risk(root: &Path, title: &str) -> Result<NewRisk, Error> {
    site::require_site(root)?;
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::refused(
            "the risk needs a title",
            "quarterdeck new risk \"Ransomware on build infrastructure\"",
        ));
    }
    let quarters = site::quarters(root)?;
    let Some(latest) = quarters.last() else {
        return Err(Error::refused(
            "the site has no quarter to add the risk to",
            "start one with `quarterdeck new quarter YYYY-QN`",
        ));
    };
    super::guard::risk_may_go_into(root, *latest)?;
    let qdir = site::quarters_dir(root).join(latest.to_string());
    let mut max = 0;
    for q in &quarters {
        let dir = site::quarters_dir(root).join(q.to_string()).join("risks");
        for f in site::yaml_files(&dir)? {
            max = max.max(highest_id(&f));
        }
    }
    let id = format!("R-{:03}", max + 1);
    let file = format!("content/quarters/{latest}/risks/{id}.yaml");
    let dir = qdir.join("risks");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let path = dir.join(format!("{id}.yaml"));
    let (categories, limit) = scale(root);
    let text = with_editor_line(&file, &templates::risk(&id, title, &categories, limit));
    // `create_new`: a file of that name with another id in it must not be overwritten.
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io(&path, e))?;
    Ok(NewRisk { id, file })
}

/// The site's categories (key, name) and risk appetite, for the new file's comments; none when
/// the settings cannot be read (`check` says why).
fn scale(root: &Path) -> (Vec<(String, String)>, Option<u8>) {
    let text = std::fs::read_to_string(root.join(crate::config::FILE_NAME)).unwrap_or_default();
    let Ok(config) = crate::config::Config::parse(&text) else {
        return (Vec::new(), None);
    };
    let categories = config
        .categories
        .iter()
        .map(|(k, c)| (k.clone(), c.name.trim().to_string()))
        .collect();
    let limit = config.risk_appetite.or_else(|| {
        config
            .appetite
            .as_ref()
            .and_then(|a| u8::try_from(a.limit).ok())
    });
    (categories, limit)
}

/// The id's number, and the file name's when it looks like an id: a risk whose file no longer
/// parses still holds its number, so that ids are never reused.
fn highest_id(f: &YamlFile) -> u64 {
    let from_field = f.text("id").and_then(|id| site::id_number(id, "R-"));
    let stem = f.name.rsplit_once('.').map_or(f.name.as_str(), |(s, _)| s);
    from_field
        .into_iter()
        .chain(site::id_number(stem, "R-"))
        .max()
        .unwrap_or(0)
}
