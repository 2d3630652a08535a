//! Renderers of a diff. The wording is shared (`rows`, and the helpers here) so that text
//! and Markdown say the same thing; each format only lays it out (`text`, `markdown`) and,
//! for Markdown, escapes content (`escape`). Movement is always spelled out in words beside
//! any arrow, never left to colour or symbols alone.

pub(crate) mod escape;
pub(crate) mod markdown;
mod rows;
mod styled;
pub(crate) mod text;

pub(crate) use rows::*;

use super::narrative::{Line, LineKind, Op, TextDiff};
use super::types::QuarterDiff;

/// `Board pack changes: 2026-Q2 → 2026-Q3`
pub(crate) fn title(d: &QuarterDiff) -> String {
    format!("Board pack changes: {} → {}", d.from, d.to)
}

/// `2026-Q4 is a draft.` and the like, or nothing when both sides are final.
pub(crate) fn drafts(d: &QuarterDiff) -> Option<String> {
    use crate::model::types::QuarterStatus::Draft;
    match (d.from_status, d.to_status) {
        // One quarter in two versions: a status change is in the summary line.
        (Draft, Draft) if d.from == d.to => Some(format!("{} is a draft.", d.to)),
        _ if d.from == d.to => None,
        (Draft, Draft) => Some(format!("{} and {} are drafts.", d.from, d.to)),
        (Draft, _) => Some(format!("{} is a draft.", d.from)),
        (_, Draft) => Some(format!("{} is a draft.", d.to)),
        _ => None,
    }
}

/// The narrative's changed parts: (name, diff).
pub(crate) fn narrative(d: &QuarterDiff) -> Vec<(&'static str, &TextDiff)> {
    let n = &d.narrative;
    [
        ("Headline", &n.headline),
        ("Summary", &n.summary),
        ("Asks", &n.asks),
    ]
    .into_iter()
    .filter_map(|(name, t)| Some((name, t.as_ref()?)))
    .collect()
}

/// `1 edited, 2 added, 5 unchanged`; nothing for a short text, where the lines say it all.
pub(crate) fn counts(t: &TextDiff) -> Option<String> {
    if t.lines.len() <= 2 {
        return None;
    }
    let n = |k: LineKind| t.lines.iter().filter(|l| l.kind == k).count();
    let parts: Vec<String> = [
        (n(LineKind::Changed), "edited"),
        (n(LineKind::Removed), "removed"),
        (n(LineKind::Added), "added"),
        (n(LineKind::Same), "unchanged"),
    ]
    .into_iter()
    .filter(|(c, _)| *c > 0)
    .map(|(c, w)| format!("{c} {w}"))
    .collect();
    Some(parts.join(", "))
}

/// A piece of a line handed to a format: its text and where it starts in its side's unit (the
/// old unit for removed text, the new one for the rest), for formats that style by position.
#[derive(Clone, Copy)]
pub(crate) struct Part<'a> {
    pub text: &'a str,
    pub at: usize,
}

impl Part<'_> {
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        self.at..self.at + self.text.len()
    }
}

/// The old and new unit of a line: its same and removed spans, and its same and added ones.
pub(crate) fn sides(line: &Line) -> (String, String) {
    let (mut old, mut new) = (String::new(), String::new());
    for s in &line.spans {
        if s.op != Op::Added {
            old.push_str(&s.text);
        }
        if s.op != Op::Removed {
            new.push_str(&s.text);
        }
    }
    (old, new)
}

/// `text` without its surrounding spaces, and where that starts given `text` starts at `at`.
fn trimmed(text: &str, at: usize) -> (&str, usize) {
    (text.trim(), at + text.len() - text.trim_start().len())
}

/// Lays out an edited line: `same` for unchanged text and, for each hunk, `removed` and
/// `added` around the trimmed text, joined by `between`. Spaces at a hunk's edges stay outside
/// the marks, so `fixed in [-9.5-]{+6.1+} days` keeps its spacing. A mark a format renders as
/// nothing (only Markdown syntax changed) is left out.
pub(crate) fn layout(
    line: &Line,
    same: impl Fn(Part) -> String,
    removed: impl Fn(Part) -> String,
    added: impl Fn(Part) -> String,
    between: &str,
) -> String {
    let mut out = String::new();
    let (mut at_old, mut at_new) = (0, 0);
    let mut spans = line.spans.iter().peekable();
    while let Some(s) = spans.next() {
        if s.op == Op::Same {
            out.push_str(&same(Part {
                text: &s.text,
                at: at_new,
            }));
            at_old += s.text.len();
            at_new += s.text.len();
            continue;
        }
        let (old, new) = match (s.op, spans.peek()) {
            (Op::Removed, Some(n)) if n.op == Op::Added => (
                s.text.as_str(),
                spans.next().map_or("", |n| n.text.as_str()),
            ),
            (Op::Removed, _) => (s.text.as_str(), ""),
            _ => ("", s.text.as_str()),
        };
        let whole = if old.is_empty() { new } else { old };
        let last = if new.is_empty() { old } else { new };
        let lead = &whole[..whole.len() - whole.trim_start().len()];
        let trail = &last[last.trim_end().len()..];
        let mut marks = Vec::new();
        if !old.trim().is_empty() {
            let (text, at) = trimmed(old, at_old);
            marks.push(removed(Part { text, at }));
        }
        if !new.trim().is_empty() {
            let (text, at) = trimmed(new, at_new);
            marks.push(added(Part { text, at }));
        }
        at_old += old.len();
        at_new += new.len();
        marks.retain(|m| !m.is_empty());
        if marks.is_empty() {
            // Only spaces (or markup) changed: show the new spacing, unmarked.
            let spaced = if old.trim().is_empty() && new.trim().is_empty() {
                !new.is_empty()
            } else {
                !lead.is_empty() || !trail.is_empty()
            };
            out.push_str(if spaced { " " } else { "" });
            continue;
        }
        out.push_str(if lead.is_empty() { "" } else { " " });
        out.push_str(&marks.join(between));
        out.push_str(if trail.is_empty() { "" } else { " " });
    }
    out
}
