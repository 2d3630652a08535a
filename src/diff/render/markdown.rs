//! The Markdown format, written to read well as a GitHub PR comment or job summary: a heading,
//! a one-line summary, then short tables. Every piece of content goes through
//! `escape::inline` (the narrative through `styled`, which keeps only its emphasis), so the
//! author's text is shown, never interpreted, and pings no one.

use super::escape::inline;
use super::styled::Styled;
use super::{drafts, title, Row};
use crate::diag::plural;
use crate::diff::narrative::{LineKind, TextDiff};
use crate::diff::report::{GitQuarter, GitReport, Status};
use crate::diff::types::QuarterDiff;
use std::fmt::Write;

pub(crate) fn quarter(d: &QuarterDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", inline(&title(d)));
    body(d, 3, &mut out);
    out
}

/// The summary and every non-empty section, with section headings at level `h`.
fn body(d: &QuarterDiff, h: usize, out: &mut String) {
    let hashes = "#".repeat(h);
    let _ = writeln!(out, "**{}**\n", inline(&d.summary));
    if let Some(note) = drafts(d) {
        let _ = writeln!(out, "_{}_\n", inline(&note));
    }
    let risks = d.risks.iter().map(|r| super::risk(r, d)).collect();
    table(
        out,
        &hashes,
        "Risks",
        ["Risk", "Change", "Score", "Details"],
        risks,
    );
    if d.top_risks.changed() {
        let _ = writeln!(out, "{hashes} Top risks\n");
        for (id, text) in super::top_entries(&d.top_risks) {
            let _ = writeln!(out, "- **{}** {}", inline(&id), inline(&text));
        }
        let _ = writeln!(out, "- Now: {}\n", inline(&d.top_risks.to.join(", ")));
    }
    let metrics = d
        .metrics
        .iter()
        .map(|m| super::metric(m, &d.format))
        .collect();
    table(
        out,
        &hashes,
        "Metrics",
        ["Metric", "", "Value", "Direction and target"],
        metrics,
    );
    let initiatives = d.initiatives.iter().map(super::initiative).collect();
    table(
        out,
        &hashes,
        "Initiatives",
        ["Initiative", "Change", "Progress", "Details"],
        initiatives,
    );
    let incidents = d.incidents.iter().map(super::incident).collect();
    table(
        out,
        &hashes,
        "Incidents",
        ["Incident", "Change", "Severity", "Details"],
        incidents,
    );
    let investments = d
        .investments
        .iter()
        .map(|i| super::investment(i, &d.format))
        .collect();
    let heads = ["Investment ask", "Change", "Recommended", "Details"];
    table(out, &hashes, "Investment asks", heads, investments);
    let parts = super::narrative(d);
    if !parts.is_empty() {
        let _ = writeln!(out, "{hashes} Narrative\n");
    }
    for (name, t) in parts {
        narrative(out, name, t);
    }
}

/// A table; a column whose heading is empty (the label, for metrics) is left out.
fn table(out: &mut String, hashes: &str, heading: &str, heads: [&str; 4], rows: Vec<Row>) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "{hashes} {heading}\n");
    let shown: Vec<&str> = heads.iter().copied().filter(|h| !h.is_empty()).collect();
    let _ = writeln!(out, "| {} |", shown.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(shown.len()));
    for r in rows {
        let item = match r.id.as_str() {
            "" => inline(&r.name),
            id => format!("**{}** {}", inline(id), inline(&r.name)),
        };
        let mut cells = vec![item];
        if !heads[1].is_empty() {
            cells.push(inline(r.label));
        }
        cells.push(inline(&r.figure));
        let mut details = inline(&r.details.join("; "));
        // Each reworded text's changed units, one per line of the cell, the first after its
        // name; removed words struck through and added ones underlined, as in the narrative.
        for (name, t) in &r.edits {
            let mut head = format!("_{name}:_ ");
            for changed in t.lines.iter().filter(|l| l.kind != LineKind::Same) {
                let text = super::layout(
                    changed,
                    |p| super::escape::text(p.text),
                    |p| mark("del", super::escape::text(p.text)),
                    |p| mark("ins", super::escape::text(p.text)),
                    " ",
                );
                let _ = write!(details, "<br>{head}{}", text.trim());
                head.clear();
            }
        }
        cells.push(details);
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// Changed units as list items, removed words in `<del>` (struck through) and added ones in
/// `<ins>` (underlined), with the kind of change in words; runs of unchanged units become one
/// `…` item. Tags rather than `~~` and `**` leave bold to the author: the narrative's own
/// emphasis renders (`styled`), and a mark never depends on Markdown's flanking rules.
fn narrative(out: &mut String, name: &str, t: &TextDiff) {
    let _ = match super::counts(t) {
        Some(counts) => writeln!(out, "**{name}** ({counts})\n"),
        None => writeln!(out, "**{name}**\n"),
    };
    let mut elided = false;
    for line in &t.lines {
        let label = match line.kind {
            LineKind::Same => {
                if !elided {
                    let _ = writeln!(out, "- …");
                }
                elided = true;
                continue;
            }
            LineKind::Changed => "edited",
            LineKind::Removed => "removed",
            LineKind::Added => "added",
        };
        elided = false;
        let (old, new) = super::sides(line);
        let (old, new) = (Styled::parse(&old), Styled::parse(&new));
        let text = super::layout(
            line,
            |p| new.render(p.range()),
            |p| mark("del", old.render(p.range())),
            |p| mark("ins", new.render(p.range())),
            " ",
        );
        let _ = writeln!(out, "- _{label}:_ {}", text.trim());
    }
    out.push('\n');
}

fn mark(tag: &str, inner: String) -> String {
    if inner.is_empty() {
        inner
    } else {
        format!("<{tag}>{inner}</{tag}>")
    }
}

/// Every touched quarter against the ref, each with its own sections and changed files.
pub(crate) fn git(r: &GitReport) -> String {
    let mut out = String::new();
    let git_ref = inline(&r.git_ref);
    git_heading(r, &git_ref, &mut out);
    for q in &r.quarters {
        git_quarter(q, &git_ref, &mut out);
    }
    out
}

/// The heading, the quarters touched in one line, and the site's own files that changed.
fn git_heading(r: &GitReport, git_ref: &str, out: &mut String) {
    let short = inline(&r.commit.chars().take(12).collect::<String>());
    let _ = writeln!(
        out,
        "## Board pack changes: working tree against {git_ref}\n"
    );
    let touched: Vec<String> = r
        .quarters
        .iter()
        .map(|q| match (&q.restatement, q.record_rewritten.is_empty()) {
            (Some(_), _) => format!("{} ({}, **restatement**)", q.quarter, q.change.as_str()),
            (None, false) => format!(
                "{} ({}, **record rewritten**)",
                q.quarter,
                q.change.as_str()
            ),
            (None, true) => format!("{} ({})", q.quarter, q.change.as_str()),
        })
        .collect();
    let _ = match touched.len() {
        0 => writeln!(
            out,
            "**No quarter changed** against {git_ref} (commit {short}).\n"
        ),
        n => writeln!(
            out,
            "**{} changed:** {} — against {git_ref} (commit {short}).\n",
            plural(n, "quarter"),
            touched.join(", ")
        ),
    };
    if !r.site_at_ref {
        let _ = writeln!(
            out,
            "_There is no site at {git_ref} in this folder: every quarter is new._\n"
        );
    }
    if !r.site_files.is_empty() {
        let files: Vec<String> = r
            .site_files
            .iter()
            .map(|f| format!("{} ({})", inline(&f.path), f.change.as_str()))
            .collect();
        let _ = writeln!(out, "Site files changed: {}\n", files.join(", "));
    }
}

/// One touched quarter: what became of its record, its sections (or why there are none), what
/// was recomputed, and its files.
fn git_quarter(q: &GitQuarter, git_ref: &str, out: &mut String) {
    let _ = writeln!(out, "### {} ({})\n", q.quarter, q.change.as_str());
    record_notes(q, git_ref, out);
    match (&q.diff, q.change) {
        (Some(d), Status::Added) => {
            let _ = writeln!(
                out,
                "_New quarter, compared with {} at {git_ref}._\n",
                d.from
            );
            body(d, 4, out);
        }
        (Some(d), _) => body(d, 4, out),
        (None, Status::Removed) => {
            let _ = writeln!(out, "_Removed from the working tree._\n");
        }
        (None, _) => {
            let _ = writeln!(
                out,
                "_New quarter; nothing earlier at {git_ref} to compare it with._\n"
            );
        }
    }
    if !q.recomputed.is_empty() {
        let _ = writeln!(out, "_Recomputed because an earlier quarter changed:_\n");
        for line in &q.recomputed {
            let _ = writeln!(out, "- {}", inline(line));
        }
        out.push('\n');
    }
    if !q.files.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>Files ({})</summary>\n",
            q.files.len()
        );
        for f in &q.files {
            let _ = writeln!(out, "- {} ({})", inline(&f.path), f.change.as_str());
        }
        let _ = writeln!(out, "\n</details>\n");
    }
}

/// A published quarter that changed: whether the change is a recorded restatement, and a
/// record rewritten instead of added to, with how to put it right.
fn record_notes(q: &GitQuarter, git_ref: &str, out: &mut String) {
    let restate = crate::model::publish::restate_command(q.quarter);
    if let Some(s) = &q.restatement {
        let _ = match &s.reason {
            Some(reason) if s.recorded => writeln!(out, "> **Restatement** of what the board was told (published {}), recorded: {}\n", s.published_on, inline(reason)),
            _ if !q.record_rewritten.is_empty() => writeln!(out, "> **Restatement** of what the board was told (published {}), **not recorded**: its record was rewritten instead\n", s.published_on),
            _ => writeln!(out, "> **Restatement** of what the board was told (published {}), **not recorded**: `quarterdeck check` fails (`published-changed`) until it is, with `{restate}`\n", s.published_on),
        };
    }
    if !q.record_rewritten.is_empty() {
        let path = inline(&crate::model::publish::record_path(q.quarter));
        let _ = writeln!(out, "> **Record rewritten**: {}. `quarterdeck check --base` with {git_ref} fails (`record-rewritten`); plain `quarterdeck check` does not compare with it. Restore {path} from {git_ref}, then record the change with `{restate}`\n", inline(&q.record_rewritten.join("; ")));
    }
}
