//! Diagnostics: what is wrong with the content, where, and how to fix it.
//!
//! Content problems are collected, never thrown: one run reports every problem it can find.
//! The renderers live in `diag/render.rs` so that `check`, `build` and `serve` print alike.

pub(crate) mod neutral;
mod plural;
mod render;
pub(crate) mod suggest;

pub(crate) use plural::plural;
pub(crate) use render::{render_github, render_human, render_json};

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a file, 1-based, counted in characters as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }
}

/// 1-based line and character column of a byte offset.
pub(crate) fn pos_of_offset(text: &str, offset: usize) -> Pos {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Pos::new(line, column)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable identifier, e.g. `unknown-field`; documented in docs/diagnostics.md.
    pub code: &'static str,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(
        code: &'static str,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn at(mut self, pos: Option<Pos>) -> Self {
        if let Some(pos) = pos.filter(|p| p.line > 0) {
            self.line = Some(pos.line);
            self.column = Some(pos.column.max(1));
        }
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, usize, usize, Severity, &str, &str) {
        let line = self.line.unwrap_or(0);
        let column = self.column.unwrap_or(0);
        (
            &self.file,
            line,
            column,
            self.severity,
            self.code,
            &self.message,
        )
    }
}

/// The text of every file read, keyed by its site-relative path, so that renderers can
/// show the offending line without reading the disk again.
pub(crate) type Sources = BTreeMap<String, String>;

/// Sorts by file, line and column (then severity, code, message) so output never depends
/// on the order in which files were visited or checks were run.
pub(crate) fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

/// Counts of (errors, warnings).
pub(crate) fn count(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}
