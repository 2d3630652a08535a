//! The diagnostics of a `check --format json` run as the tests compare them: severity, code,
//! place and message in one value, so that a failing comparison shows all four.

use super::Run;

/// One diagnostic: `at` is `file:line:column`, `file:line` or the file alone, as far as the
/// diagnostic has a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub severity: String,
    pub code: String,
    pub at: String,
    pub message: String,
}

pub fn error(code: &str, at: &str, message: &str) -> Found {
    found("error", code, at, message)
}

pub fn warning(code: &str, at: &str, message: &str) -> Found {
    found("warning", code, at, message)
}

fn found(severity: &str, code: &str, at: &str, message: &str) -> Found {
    Found {
        severity: severity.into(),
        code: code.into(),
        at: at.into(),
        message: message.into(),
    }
}

impl Run {
    /// Every diagnostic, in the order `check` sorted them.
    pub fn found(&self) -> Vec<Found> {
        self.diagnostics()
            .iter()
            .map(|d| {
                let text = |k: &str| d[k].as_str().unwrap_or_default().to_string();
                let file = text("file");
                let at = match (d["line"].as_u64(), d["column"].as_u64()) {
                    (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
                    (Some(l), None) => format!("{file}:{l}"),
                    _ => file,
                };
                found(&text("severity"), &text("code"), &at, &text("message"))
            })
            .collect()
    }

    /// Expects exactly one error (warnings allowed): `code` at `at` with exactly `message`, and
    /// exit status 1.
    pub fn expect_error(self, code: &str, at: &str, message: &str) -> Run {
        assert_eq!(self.errors(), [error(code, at, message)], "{}", self.stdout);
        assert_eq!(self.code, 1, "exit code for {code}: {}", self.stdout);
        self
    }

    /// The errors, without the warnings.
    pub fn errors(&self) -> Vec<Found> {
        let mut all = self.found();
        all.retain(|f| f.severity == "error");
        all
    }

    /// The diagnostics on `file`.
    pub fn on(&self, file: &str) -> Vec<Found> {
        let mut all = self.found();
        all.retain(|f| f.at == file || f.at.starts_with(&format!("{file}:")));
        all
    }

    /// The hint of the first diagnostic `code` (empty when it has none); panics when there is
    /// no such diagnostic.
    pub fn hint(&self, code: &str) -> String {
        self.hint_on("", code)
    }

    /// The hint of the first diagnostic `code` on a file whose path starts with `file`.
    pub fn hint_on(&self, file: &str, code: &str) -> String {
        let diags = self.diagnostics();
        let d = diags
            .iter()
            .find(|d| d["code"] == code && d["file"].as_str().is_some_and(|f| f.starts_with(file)))
            .unwrap_or_else(|| panic!("no {code} on {file:?}: {}", self.stdout));
        d["hint"].as_str().unwrap_or_default().to_string()
    }
}
