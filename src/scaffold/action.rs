//! `new action`: an action of the board's log in the latest quarter, with the next free id
//! across every quarter (an id is stable for the action's whole life, so never reused).

use super::site::{self, YamlFile};
use super::Error;
use crate::layout::with_editor_line;
use crate::model::scalar::QuarterId;
use std::io::Write;
use std::path::Path;

/// What `new action` wrote.
pub struct NewAction {
    pub id: String,
    /// Site-relative, `/`-separated.
    pub file: String,
}

pub fn new_action(root: &Path, title: &str) -> Result<NewAction, Error> {
    site::require_site(root)?;
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::refused(
            "the action needs a title",
            "quarterdeck new action \"Report the EDI migration's progress each quarter\"",
        ));
    }
    let quarters = site::quarters(root)?;
    let Some(latest) = quarters.last() else {
        return Err(Error::refused(
            "the site has no quarter to add the action to",
            "start one with `quarterdeck new quarter YYYY-QN`",
        ));
    };
    super::guard::item_may_go_into(root, *latest, "action")?;
    let mut max = 0;
    for q in &quarters {
        let dir = site::quarters_dir(root).join(q.to_string()).join("actions");
        for f in site::yaml_files(&dir)? {
            max = max.max(highest_id(&f));
        }
    }
    let id = format!("A-{:03}", max + 1);
    let file = format!("content/quarters/{latest}/actions/{id}.yaml");
    let dir = site::quarters_dir(root)
        .join(latest.to_string())
        .join("actions");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let path = dir.join(format!("{id}.yaml"));
    let text = with_editor_line(&file, &template(&id, title, *latest));
    // `create_new`: a file of that name with another id in it must not be overwritten.
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io(&path, e))?;
    Ok(NewAction { id, file })
}

/// The new action; its placeholders are values `check` refuses (an empty owner, a date that
/// is not one), so an unfinished action cannot reach the board unnoticed.
fn template(id: &str, title: &str, raised: QuarterId) -> String {
    format!(
        "id: {id}
title: {title}
# Who answers for it.
owner: \"\"
# When it is due, YYYY-MM-DD.
due: TODO
# open | done | dropped: `new quarter` carries it forward while open.
status: open
# The quarter whose board meeting raised it.
raised: {raised}
# What it concerns: ids of this quarter's risks, investments, initiatives or incidents.
# about: [R-001]
",
        title = super::yaml::scalar(title)
    )
}

/// The id's number, and the file name's when it looks like an id: an action whose file no
/// longer parses still holds its number.
fn highest_id(f: &YamlFile) -> u64 {
    let from_field = f.text("id").and_then(|id| site::id_number(id, "A-"));
    let stem = f.name.rsplit_once('.').map_or(f.name.as_str(), |(s, _)| s);
    from_field
        .into_iter()
        .chain(site::id_number(stem, "A-"))
        .max()
        .unwrap_or(0)
}
