//! The step `new risk` and `new action` share: a file in the latest quarter with the next free
//! id of its kind across every quarter (an id is stable for the item's whole life, so never
//! reused), written from the kind's template and never over another file.

use super::site::{self, YamlFile};
use super::{files, Error};
use crate::layout::with_editor_line;
use crate::model::scalar::QuarterId;
use std::path::Path;

/// A kind of item `new` adds, one file each.
pub(super) struct Item {
    /// `risk`: in messages, and the command's name (`new risk`).
    pub noun: &'static str,
    /// The quarter's folder its files go in.
    pub folder: &'static str,
    /// What its ids start with, before three digits or more.
    pub prefix: &'static str,
    /// A title for the hint when none was given.
    pub example: &'static str,
}

/// What `new risk` or `new action` wrote.
pub(crate) struct NewItem {
    pub id: String,
    /// Site-relative, `/`-separated.
    pub file: String,
}

/// Adds an `item` titled `title` to the latest quarter, its text `template(id, title, quarter)`.
pub(super) fn add(
    root: &Path,
    title: &str,
    item: &Item,
    template: impl FnOnce(&str, &str, QuarterId) -> String,
) -> Result<NewItem, Error> {
    site::require_site(root)?;
    let noun = item.noun;
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::refused(
            format!("the {noun} needs a title"),
            format!("quarterdeck new {noun} \"{}\"", item.example),
        ));
    }
    let quarters = site::quarters(root)?;
    let Some(&latest) = quarters.last() else {
        return Err(Error::refused(
            format!("the site has no quarter to add the {noun} to"),
            "start one with `quarterdeck new quarter YYYY-QN`",
        ));
    };
    super::guard::item_may_go_into(root, latest, noun)?;
    let id = format!(
        "{}{:03}",
        item.prefix,
        highest_id(root, &quarters, item)? + 1
    );
    let file = format!("content/quarters/{latest}/{}/{id}.yaml", item.folder);
    let text = with_editor_line(&file, &template(&id, title, latest));
    let dir = site::quarters_dir(root)
        .join(latest.to_string())
        .join(item.folder);
    // `write_all` never overwrites: a file of that name with another id in it stays.
    files::write_all(&dir, &[(format!("{id}.yaml"), text.into_bytes())])?;
    Ok(NewItem { id, file })
}

/// The highest number of an `item`'s id in any quarter; 0 when there is none.
fn highest_id(root: &Path, quarters: &[QuarterId], item: &Item) -> Result<u64, Error> {
    let mut max = 0;
    for q in quarters {
        let dir = site::quarters_dir(root)
            .join(q.to_string())
            .join(item.folder);
        for f in site::yaml_files(&dir)? {
            max = max.max(number(&f, item.prefix));
        }
    }
    Ok(max)
}

/// The id's number, and the file name's when it looks like an id: an item whose file no
/// longer parses still holds its number.
fn number(f: &YamlFile, prefix: &str) -> u64 {
    let from_field = f.text("id").and_then(|id| site::id_number(id, prefix));
    let stem = f.name.rsplit_once('.').map_or(f.name.as_str(), |(s, _)| s);
    from_field
        .into_iter()
        .chain(site::id_number(stem, prefix))
        .max()
        .unwrap_or(0)
}
