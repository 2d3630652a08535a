//! `new quarter`: start a quarter from the latest one before it. Risks that are not closed,
//! initiatives that are not done, every investment ask and the policy exceptions still running
//! (`scaffold::exceptions`) are carried forward as text (so the authors' comments and layout
//! survive); incidents stay in the quarter they happened in.

use super::site::{self, YamlFile};
use super::{templates, Error};
use crate::layout::with_editor_line;
use crate::model::scalar::QuarterId;
use serde_json::Value;
use std::path::Path;

/// What `new quarter` wrote.
#[derive(Debug, Default)]
pub(crate) struct NewQuarter {
    /// Site-relative folder.
    pub folder: String,
    /// The quarter it started from, if any.
    pub from: Option<String>,
    pub risks: usize,
    pub initiatives: usize,
    pub investments: usize,
    /// Open actions of the board's log.
    pub actions: usize,
    /// Policy exceptions carried forward (those not expired when the quarter begins).
    pub exceptions: usize,
    /// `R-010 (closed)`, `I-002 (done)`: what stayed behind.
    pub left: Vec<String>,
    /// Things the author must fix that `check` will also report, said in advance.
    pub notes: Vec<String>,
    pub replaced: bool,
}

pub(crate) fn new_quarter(root: &Path, quarter: &str, force: bool) -> Result<NewQuarter, Error> {
    site::require_site(root)?;
    let quarters = site::quarters(root)?;
    let target = QuarterId::parse_arg(quarter).map_err(|e| {
        let example = quarters
            .last()
            .map_or("2026-Q4".into(), |q| q.next().to_string());
        Error::refused(
            e,
            format!("for example `quarterdeck new quarter {example}`"),
        )
    })?;
    let exists = quarters.contains(&target);
    if exists && force {
        super::guard::may_replace(root, target)?;
    }
    if let Some(latest) = quarters.last() {
        let next = latest.next();
        if exists && !force {
            return Err(Error::refused(
                format!("{target} already exists (content/quarters/{target}); the next quarter is {next}"),
                format!("run `quarterdeck new quarter {next}`, or pass --force to replace {target}"),
            ));
        }
        if !exists && target != next && !force {
            return Err(Error::refused(
                format!("{target} is not the next quarter: the latest is {latest}, so the next is {next}"),
                format!("run `quarterdeck new quarter {next}`, or pass --force to start {target} anyway"),
            ));
        }
    }
    // The latest quarter before the target: the normal case's latest, and with --force the
    // quarter the replaced or skipped-to one follows.
    let from = quarters.iter().rev().find(|q| **q < target).copied();
    let mut out = NewQuarter {
        folder: format!("content/quarters/{target}"),
        from: from.map(|q| q.to_string()),
        replaced: exists,
        ..NewQuarter::default()
    };
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let folder = out.folder.clone();
    let add = |files: &mut Vec<(String, Vec<u8>)>, rel: &str, text: String| {
        let full = format!("{folder}/{rel}");
        files.push((rel.to_string(), with_editor_line(&full, &text).into_bytes()));
    };
    add(&mut files, "quarter.yaml", templates::quarter(target));
    let previous = from.map(|q| site::quarters_dir(root).join(q.to_string()));
    let readings = previous
        .as_ref()
        .and_then(|p| site::peek_file(&p.join("trends.yaml")));
    let previous_readings = from.zip(readings.as_ref());
    let trends = templates::trends(target, &metrics(root), previous_readings);
    add(&mut files, "trends.yaml", trends);
    if let Some(prev) = &previous {
        let carried_risks = carry(prev, &mut files, &mut out)?;
        carry_actions(prev, &mut files, &mut out)?;
        super::exceptions::carry(prev, target, &carried_risks, &mut files, &mut out)?;
    }
    super::files::write_folder(&site::quarters_dir(root), &target.to_string(), &files)?;
    Ok(out)
}

/// Copies the items that carry forward, byte for byte, and notes references that will break;
/// returns the ids of the risks carried.
fn carry(
    prev: &Path,
    files: &mut Vec<(String, Vec<u8>)>,
    out: &mut NewQuarter,
) -> Result<Vec<String>, Error> {
    let id_of = |f: &YamlFile| f.text("id").unwrap_or(&f.name).to_string();
    let mut carried_risks = Vec::new();
    for f in site::yaml_files(&prev.join("risks"))? {
        if f.text("status") == Some("closed") {
            out.left.push(format!("{} (closed)", id_of(&f)));
            continue;
        }
        carried_risks.push(id_of(&f));
        out.risks += 1;
        files.push((format!("risks/{}", f.name), f.bytes));
    }
    for (dir, count) in [
        ("initiatives", &mut out.initiatives),
        ("investments", &mut out.investments),
    ] {
        for f in site::yaml_files(&prev.join(dir))? {
            if dir == "initiatives" && f.text("status") == Some("done") {
                out.left.push(format!("{} (done)", id_of(&f)));
                continue;
            }
            for r in f.texts("reduces") {
                if !carried_risks.contains(&r) {
                    out.notes.push(format!(
                        "{dir}/{} reduces {r}, which is not carried forward: remove it from `reduces`",
                        f.name
                    ));
                }
            }
            *count += 1;
            files.push((format!("{dir}/{}", f.name), f.bytes));
        }
    }
    Ok(carried_risks)
}

/// Carries the open actions of the log; a done or dropped one stays in the quarter where it
/// was closed, shown there once. Asks and their decisions are never carried (a new meeting).
fn carry_actions(
    prev: &Path,
    files: &mut Vec<(String, Vec<u8>)>,
    out: &mut NewQuarter,
) -> Result<(), Error> {
    let carried: Vec<String> = files
        .iter()
        .filter_map(|(rel, bytes)| {
            (!rel.starts_with("quarter.") && !rel.starts_with("trends.")).then_some(())?;
            site::peek(bytes)?.get("id")?.as_str().map(str::to_string)
        })
        .collect();
    for f in site::yaml_files(&prev.join("actions"))? {
        let id = f.text("id").unwrap_or(&f.name).to_string();
        if let Some(s @ ("done" | "dropped")) = f.text("status") {
            out.left.push(format!("{id} ({s})"));
            continue;
        }
        for about in f.texts("about") {
            if !carried.contains(&about) && !about.starts_with("A-") {
                out.notes.push(format!(
                    "actions/{} is about {about}, which is not carried forward: remove it from `about`",
                    f.name
                ));
            }
        }
        out.actions += 1;
        files.push((format!("actions/{}", f.name), f.bytes));
    }
    Ok(())
}

/// The (id, name) of each metric defined in content/metrics.yaml, as far as it parses.
fn metrics(root: &Path) -> Vec<(String, String)> {
    let metrics = site::peek_file(&root.join("content").join("metrics.yaml"));
    let list = metrics.as_ref().and_then(Value::as_array);
    list.into_iter()
        .flatten()
        .filter_map(|m| {
            let name = m.get("name").and_then(Value::as_str).unwrap_or("");
            Some((m.get("id")?.as_str()?.to_string(), name.to_string()))
        })
        .collect()
}

/// Whether the quarter's quarter.yaml says `status: final` (read loosely: the file may be broken).
pub(super) fn is_final(root: &Path, q: QuarterId) -> bool {
    let dir = root.join("content/quarters").join(q.to_string());
    ["quarter.yaml", "quarter.yml"].iter().any(|n| {
        std::fs::read_to_string(dir.join(n)).is_ok_and(|t| {
            t.lines().any(|l| {
                let l = l.split('#').next().unwrap_or("").trim();
                l.strip_prefix("status:")
                    .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == "final")
            })
        })
    })
}
