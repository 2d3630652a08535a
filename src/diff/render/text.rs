//! The text format: aligned sections for a terminal or a CI log, word changes marked
//! `[-removed-]{+added+}` as `git diff --word-diff` does, so no colour is needed.

use super::{drafts, title, Row};
use crate::diff::narrative::{LineKind, TextDiff};
use crate::diff::report::{GitQuarter, GitReport, Status};
use crate::diff::types::QuarterDiff;
use std::fmt::Write;

/// Control characters (a newline in a title, an escape sequence) would break the layout or
/// drive the terminal; they become spaces.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

pub(crate) fn quarter(d: &QuarterDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", title(d));
    body(d, &mut out);
    out
}

/// The summary line and every non-empty section.
fn body(d: &QuarterDiff, out: &mut String) {
    if let Some(note) = drafts(d) {
        let _ = writeln!(out, "{note}");
    }
    let _ = writeln!(out, "{}", d.summary);
    rows(
        out,
        "Risks",
        d.risks.iter().map(|r| super::risk(r, d)).collect(),
    );
    if d.top_risks.changed() {
        let _ = writeln!(out, "\nTop risks");
        for (id, text) in super::top_entries(&d.top_risks) {
            let _ = writeln!(out, "  {} {}", clean(&id), clean(&text));
        }
        let _ = writeln!(out, "  now: {}", clean(&d.top_risks.to.join(", ")));
    }
    rows(
        out,
        "Metrics",
        d.metrics
            .iter()
            .map(|m| super::metric(m, &d.format))
            .collect(),
    );
    rows(
        out,
        "Initiatives",
        d.initiatives.iter().map(super::initiative).collect(),
    );
    rows(
        out,
        "Incidents",
        d.incidents.iter().map(super::incident).collect(),
    );
    let investments = d
        .investments
        .iter()
        .map(|i| super::investment(i, &d.format))
        .collect();
    rows(out, "Investment asks", investments);
    let parts = super::narrative(d);
    if !parts.is_empty() {
        let _ = writeln!(out, "\nNarrative");
    }
    for (name, t) in parts {
        narrative(out, name, t);
    }
}

/// `  ↑ up      R-008 Title: 8 → 12 (impact 4, likelihood 2 → 3)`
fn rows(out: &mut String, heading: &str, rows: Vec<Row>) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{heading}");
    let width = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0);
    for r in rows {
        let pad = " ".repeat(width - r.label.chars().count());
        let label = if width > 0 {
            format!("{}{pad} ", r.label)
        } else {
            String::new()
        };
        let item = format!("{} {}", r.id, r.name);
        let mut line = format!("  {label}{}", clean(item.trim()));
        if !r.figure.is_empty() {
            let _ = write!(line, ": {}", clean(&r.figure));
        }
        if !r.details.is_empty() {
            let _ = write!(line, " ({})", clean(&r.details.join("; ")));
        }
        let _ = writeln!(out, "{line}");
        // Under the row: each reworded text's changed units, the first after its name.
        for (name, t) in &r.edits {
            let mut head = format!("{name}:");
            for changed in t.lines.iter().filter(|l| l.kind != LineKind::Same) {
                let _ = writeln!(out, "      {head} {}", words(changed));
                head = " ".repeat(head.chars().count());
            }
        }
    }
}

/// One unit of an edited text, `[-removed-]{+added+}` as `git diff --word-diff` marks it.
fn words(line: &crate::diff::narrative::Line) -> String {
    super::layout(
        line,
        |p| clean(p.text),
        |p| format!("[-{}-]", clean(p.text)),
        |p| format!("{{+{}+}}", clean(p.text)),
        "",
    )
}

/// Changed units word by word; each run of unchanged ones becomes one `…`.
fn narrative(out: &mut String, name: &str, t: &TextDiff) {
    let _ = match super::counts(t) {
        Some(counts) => writeln!(out, "  {name} ({counts})"),
        None => writeln!(out, "  {name}"),
    };
    let mut elided = false;
    for line in &t.lines {
        if line.kind == LineKind::Same {
            if !elided {
                let _ = writeln!(out, "    …");
            }
            elided = true;
            continue;
        }
        elided = false;
        let _ = writeln!(out, "    {}", words(line));
    }
}

/// Every touched quarter against the ref, then the site-wide files.
pub(crate) fn git(r: &GitReport) -> String {
    let mut out = String::new();
    let at = clean(&r.git_ref);
    let short = &r.commit.chars().take(12).collect::<String>();
    let _ = writeln!(
        out,
        "Board pack changes: working tree against {at} ({short})"
    );
    if !r.site_at_ref {
        let _ = writeln!(
            out,
            "There is no site at {at} in this folder: every quarter is new."
        );
    }
    if r.quarters.is_empty() && r.site_files.is_empty() {
        let _ = writeln!(out, "no changes");
    }
    if !r.site_files.is_empty() {
        let _ = writeln!(out, "\nSite files");
        for f in &r.site_files {
            let _ = writeln!(out, "  {} {}", f.change.as_str(), clean(&f.path));
        }
    }
    for q in &r.quarters {
        git_quarter(q, &at, &mut out);
    }
    out
}

/// One touched quarter: what became of its record, its sections (or why there are none), what
/// was recomputed, and its files.
fn git_quarter(q: &GitQuarter, at: &str, out: &mut String) {
    let _ = writeln!(out, "\n== {} ({}) ==", q.quarter, q.change.as_str());
    record_notes(q, at, out);
    match (&q.diff, q.change) {
        (Some(d), Status::Added) => {
            let _ = writeln!(out, "New quarter, compared with {} at {at}", d.from);
            body(d, out);
        }
        (Some(d), _) => body(d, out),
        (None, Status::Removed) => {
            let _ = writeln!(out, "Removed from the working tree.");
        }
        (None, _) => {
            let _ = writeln!(
                out,
                "New quarter; nothing earlier at {at} to compare it with."
            );
        }
    }
    if !q.recomputed.is_empty() {
        let _ = writeln!(out, "\nRecomputed because an earlier quarter changed");
        for line in &q.recomputed {
            let _ = writeln!(out, "  {}", clean(line));
        }
    }
    if !q.files.is_empty() {
        let _ = writeln!(out, "\nFiles");
        for f in &q.files {
            let _ = writeln!(out, "  {} {}", f.change.as_str(), clean(&f.path));
        }
    }
}

/// A published quarter that changed: whether the change is a recorded restatement, and a
/// record rewritten instead of added to, with how to put it right.
fn record_notes(q: &GitQuarter, at: &str, out: &mut String) {
    let restate = crate::model::publish::restate_command(q.quarter);
    if let Some(s) = &q.restatement {
        let _ = match &s.reason {
            Some(reason) if s.recorded => writeln!(out, "RESTATEMENT of what the board was told (published {}), recorded: {}", s.published_on, clean(reason)),
            _ if !q.record_rewritten.is_empty() => writeln!(out, "RESTATEMENT of what the board was told (published {}), NOT recorded: its record was rewritten instead", s.published_on),
            _ => writeln!(out, "RESTATEMENT of what the board was told (published {}), NOT recorded: `check` fails (published-changed) until `{restate}`", s.published_on),
        };
    }
    if !q.record_rewritten.is_empty() {
        let path = crate::model::publish::record_path(q.quarter);
        let _ = writeln!(out, "RECORD REWRITTEN: {}. `check --base {at}` fails (record-rewritten); plain `check` does not compare with {at}. Restore it with `git checkout {at} -- {path}`, then `{restate}`", clean(&q.record_rewritten.join("; ")));
    }
}
