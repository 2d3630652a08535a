//! `diff --git REF`: every quarter whose board pack the working tree changes against REF.
//!
//! A quarter counts as touched when one of its files changed, or when its diff is not empty
//! although its files did not change (an edit to `metrics.yaml` or to the previous quarter
//! changes targets and directions here too). This module is pure: both sites are loaded and
//! validated by the caller.

use super::{diff, QuarterDiff, Side};
use crate::diag::Sources;
use crate::model::facts::{Direction, MetricFacts};
use crate::model::scalar::QuarterId;
use crate::model::types::Site;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One validated site and the text of its files.
#[derive(Clone, Copy)]
pub(crate) struct Snapshot<'a> {
    pub site: &'a Site,
    pub sources: &'a Sources,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct GitReport {
    /// The ref as given, e.g. `origin/main`.
    #[serde(rename = "ref")]
    pub git_ref: String,
    /// The commit it named.
    pub commit: String,
    /// False when the ref has no site at this path (every quarter is then `added`).
    pub site_at_ref: bool,
    /// Changed files outside the quarter folders (settings, metrics.yaml, pages), by path.
    pub site_files: Vec<FileChange>,
    /// Touched quarters, oldest first.
    pub quarters: Vec<GitQuarter>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    Added,
    Modified,
    Removed,
}

impl Status {
    pub(crate) fn as_str(&self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Modified => "modified",
            Status::Removed => "removed",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct FileChange {
    pub path: String,
    pub change: Status,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct GitQuarter {
    pub quarter: QuarterId,
    /// `added`: only in the working tree; `removed`: only at REF; `modified`: both.
    pub change: Status,
    /// The quarter at REF the diff starts from: the same quarter, or for an added quarter the
    /// nearest earlier one (null when REF has none).
    pub compared_with: Option<QuarterId>,
    /// This quarter's changed files, by path.
    pub files: Vec<FileChange>,
    /// Null for a removed quarter, or an added one with nothing earlier at REF.
    pub diff: Option<QuarterDiff>,
    /// Facts of this quarter that changed only because an earlier quarter changed (its risks'
    /// movement and previous score, its metrics' previous reading and direction), as sentences.
    pub recomputed: Vec<String>,
    /// Set when the quarter was published at REF: the change restates it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restatement: Option<Restatement>,
    /// What changed in the earlier entries of the quarter's record at REF (deleted, published
    /// again, a restatement edited or removed): `check --base REF` fails on it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub record_rewritten: Vec<String>,
}

/// A change to a quarter that was published at REF: a restatement of what the board was told.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Restatement {
    /// When the quarter was published, as recorded at REF.
    pub published_on: String,
    /// True when the working tree records the change (`quarterdeck restate`) in a record that
    /// only grew; false means `check` fails until it does (`check --base REF` when the record
    /// was rewritten instead).
    pub recorded: bool,
    /// The reason recorded, when recorded.
    pub reason: Option<String>,
}

/// `Some` when `id` was published at REF and what its record at REF covers (in the form of
/// its latest entry) differs in the working tree.
fn restatement(
    base: Option<Snapshot>,
    work: Snapshot,
    id: QuarterId,
    rewritten: &[String],
) -> Option<Restatement> {
    use crate::load::fingerprint::Fingerprints;
    use crate::model::publish::shown::Content;
    let base = base?;
    let before = base.site.quarters.iter().find(|q| q.quarter == id)?;
    let record = before.published.as_ref()?;
    let folder = id.to_string();
    let form = record.latest().form;
    let was = Fingerprints::of(base.sources, [folder.as_str()]);
    let was = Content::new(&was, Some(base.site)).of(&folder, form);
    let is = Fingerprints::of(work.sources, [folder.as_str()]);
    let is = Content::new(&is, Some(work.site)).of(&folder, form);
    if was == is {
        return None;
    }
    let now = work
        .site
        .quarters
        .iter()
        .find(|q| q.quarter == id)
        .and_then(|q| q.published.as_ref())
        .filter(|p| {
            p.current && p.restatements.len() > record.restatements.len() && rewritten.is_empty()
        });
    Some(Restatement {
        published_on: record.published_on.to_string(),
        recorded: now.is_some(),
        reason: now
            .and_then(|p| p.restatements.last())
            .map(|r| r.reason.clone()),
    })
}

/// What changed in the earlier entries of `id`'s record at REF (`publish::history`).
fn record_rewritten(base: Option<Snapshot>, work: Snapshot, id: QuarterId) -> Vec<String> {
    let path = crate::model::publish::record_path(id);
    match base.and_then(|b| b.sources.get(&path)) {
        Some(before) => crate::model::publish::history::rewritten(
            before,
            work.sources.get(&path).map(String::as_str),
        ),
        None => Vec::new(),
    }
}

/// `diff --git REF`: the site at REF (`base`, None when there was none) against the working
/// tree, by quarter; the files outside every quarter folder are the site's own.
pub(crate) fn compare(
    git_ref: &str,
    commit: &str,
    base: Option<Snapshot>,
    work: Snapshot,
) -> GitReport {
    let empty = Sources::new();
    let files = changed_files(base.map_or(&empty, |b| b.sources), work.sources);
    let mut by_quarter: BTreeMap<String, Vec<FileChange>> = BTreeMap::new();
    let mut site_files = Vec::new();
    for f in files {
        match quarter_folder(&f.path) {
            Some(q) => by_quarter.entry(q.to_string()).or_default().push(f),
            None => site_files.push(f),
        }
    }
    let base_quarters = base.map_or(&[][..], |b| &b.site.quarters[..]);
    let ids: BTreeSet<QuarterId> = work
        .site
        .quarters
        .iter()
        .chain(base_quarters)
        .map(|q| q.quarter)
        .collect();
    let quarters: Vec<GitQuarter> = ids
        .into_iter()
        .filter_map(|id| {
            let files = by_quarter.remove(&id.to_string()).unwrap_or_default();
            touched(base, work, id, files)
        })
        .collect();
    // A change to what the board was told comes before everything else.
    let mut quarters = quarters;
    quarters.sort_by_key(|q| q.restatement.is_none() && q.record_rewritten.is_empty());
    // Files of a quarter folder that validated on neither side are still worth listing.
    site_files.extend(by_quarter.into_values().flatten());
    site_files.sort_by(|a, b| a.path.cmp(&b.path));
    GitReport {
        git_ref: git_ref.to_string(),
        commit: commit.to_string(),
        site_at_ref: base.is_some(),
        site_files,
        quarters,
    }
}

/// Quarter `id` at REF (`base`) and in the working tree, with its `files` that changed; None
/// when nothing of it changed.
fn touched(
    base: Option<Snapshot>,
    work: Snapshot,
    id: QuarterId,
    files: Vec<FileChange>,
) -> Option<GitQuarter> {
    let old = base.and_then(|b| side(b, id));
    let new = side(work, id);
    let record_rewritten = record_rewritten(base, work, id);
    let restatement = restatement(base, work, id, &record_rewritten);
    let (change, compared_with, diff) = match (old, new) {
        (Some(o), Some(n)) => {
            let d = diff(o, n);
            if files.is_empty()
                && d.is_empty()
                && recomputed(o, n).is_empty()
                && restatement.is_none()
            {
                return None;
            }
            (Status::Modified, Some(id), Some(d))
        }
        (None, Some(n)) => {
            let earlier = base.and_then(|b| {
                let i = b.site.quarters.iter().rposition(|q| q.quarter < id)?;
                Side::at(b.site, i)
            });
            let d = earlier.map(|e| diff(e, n));
            (Status::Added, earlier.map(|e| e.quarter.quarter), d)
        }
        (Some(_), None) => (Status::Removed, Some(id), None),
        (None, None) => return None,
    };
    let recomputed = match (old, new) {
        (Some(o), Some(n)) => recomputed(o, n),
        _ => Vec::new(),
    };
    Some(GitQuarter {
        quarter: id,
        change,
        compared_with,
        files,
        diff,
        recomputed,
        restatement,
        record_rewritten,
    })
}

/// What the same quarter computes differently at REF and in the working tree although its own
/// values did not change: the knock-on of an edit to an earlier quarter.
fn recomputed(old: Side<'_>, new: Side<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for nf in &new.facts.risks {
        let Some(of) = old.facts.risks.iter().find(|f| f.id == nf.id) else {
            continue;
        };
        if of.score == nf.score
            && (of.movement != nf.movement || of.previous_score != nf.previous_score)
        {
            let was = |f: &crate::model::facts::RiskFacts| match f.previous_score {
                Some(p) => format!("{} (previous score {p})", movement_word(f.movement)),
                None => movement_word(f.movement).to_string(),
            };
            out.push(format!(
                "{}: movement is now {}; was {}",
                nf.id,
                was(nf),
                was(of)
            ));
        }
    }
    for nm in &new.facts.metrics {
        let Some(om) = old.facts.metrics.iter().find(|m| m.id == nm.id) else {
            continue;
        };
        if om.value == nm.value && (om.previous != nm.previous || om.direction != nm.direction) {
            out.push(metric_recomputed(&new, om, nm));
        }
    }
    out
}

/// A metric whose reading stayed while the one before it changed, by the name the scoreboard
/// shows: its direction when that moved, else the previous reading (the direction held).
fn metric_recomputed(new: &Side<'_>, om: &MetricFacts, nm: &MetricFacts) -> String {
    let metric = new.site.metrics.iter().find(|m| m.id == nm.id);
    let name = metric.map_or(nm.id.as_str(), |m| m.name.as_str());
    let unit = metric.map_or("", |m| m.unit.as_str());
    let word = |d: Direction| format!("{d:?}").to_lowercase();
    if om.direction != nm.direction {
        return format!(
            "{name}: direction is now {}; was {} (the previous reading changed)",
            word(nm.direction),
            word(om.direction)
        );
    }
    let fmt = crate::format::Format::for_site(&new.site.config);
    let reading = |v: Option<f64>| v.map_or("none".into(), |v| fmt.reading(v, unit));
    format!(
        "{name}: previous reading is now {}; was {} (still {})",
        reading(nm.previous),
        reading(om.previous),
        word(nm.direction)
    )
}

fn movement_word(m: crate::model::facts::Movement) -> &'static str {
    use crate::model::facts::Movement;
    match m {
        Movement::New => "new",
        Movement::Up => "up",
        Movement::Down => "down",
        Movement::Same => "same",
    }
}

fn side(s: Snapshot<'_>, id: QuarterId) -> Option<Side<'_>> {
    let i = s.site.quarters.iter().position(|q| q.quarter == id)?;
    Side::at(s.site, i)
}

/// Files added, modified or removed, by path.
fn changed_files(base: &Sources, work: &Sources) -> Vec<FileChange> {
    let paths: BTreeSet<&String> = base.keys().chain(work.keys()).collect();
    paths
        .into_iter()
        .filter_map(|p| {
            let change = match (base.get(p), work.get(p)) {
                (None, Some(_)) => Status::Added,
                (Some(_), None) => Status::Removed,
                (Some(a), Some(b)) if a != b => Status::Modified,
                _ => return None,
            };
            Some(FileChange {
                path: p.clone(),
                change,
            })
        })
        .collect()
}

/// `content/quarters/2026-Q3/risks/R-008.yaml` → `2026-Q3`.
fn quarter_folder(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("content/quarters/")?;
    rest.split_once('/').map(|(q, _)| q)
}
