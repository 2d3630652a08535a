//! Field checks shared by every file kind: each turns a raw spanned value into a typed one,
//! or records a diagnostic at the value's position and returns `None`.

use super::scalar::{self, Date, Minutes};
use crate::diag::suggest;
use crate::diag::{Diagnostic, Pos};
use crate::load::raw::{self, S};

pub(crate) fn pos<T>(s: &S<T>) -> Option<Pos> {
    let l = &s.referenced;
    (l.line() > 0).then(|| Pos::new(l.line() as usize, l.column() as usize))
}

/// Collects the diagnostics of one file.
pub(crate) struct FileCheck<'a> {
    pub file: &'a str,
    pub diags: &'a mut Vec<Diagnostic>,
}

impl<'a> FileCheck<'a> {
    pub(crate) fn new(file: &'a str, diags: &'a mut Vec<Diagnostic>) -> Self {
        FileCheck { file, diags }
    }

    pub(crate) fn error(
        &mut self,
        code: &'static str,
        at: Option<Pos>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(Diagnostic::error(code, self.file, message).at(at))
    }

    pub(crate) fn warning(
        &mut self,
        code: &'static str,
        at: Option<Pos>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(Diagnostic::warning(code, self.file, message).at(at))
    }

    /// Adds `d` and hands it back for a hint or a related place.
    fn push(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    /// A required text: present and not blank.
    pub(crate) fn text(&mut self, field: &str, v: &S<String>) -> String {
        if v.value.trim().is_empty() {
            let hint = empty_text_hint(self.file, field);
            self.error("empty-value", pos(v), format!("`{field}` is empty"))
                .hint = Some(hint);
        } else if super::playbook::placeholder::is_placeholder(&v.value) {
            self.warning(
                "placeholder-text",
                pos(v),
                format!("`{field}` says \"{}\": nothing yet", v.value.trim()),
            )
            .hint = Some(format!(
                "write the {field} before the board meeting; a board reads a placeholder as a gap"
            ));
        }
        v.value.trim_end().to_string()
    }

    pub(crate) fn opt_text(&mut self, v: &Option<S<String>>) -> Option<String> {
        v.as_ref()
            .map(|s| s.value.trim_end().to_string())
            .filter(|s| !s.is_empty())
    }

    pub(crate) fn date(&mut self, field: &str, v: &S<String>) -> Option<Date> {
        Date::parse(&v.value)
            .map_err(|e| {
                self.error("bad-date", pos(v), format!("`{field}`: {e}"))
                    .hint = Some(DATE_HINT.into());
            })
            .ok()
    }

    pub(crate) fn duration(&mut self, field: &str, v: &S<raw::Duration>) -> Option<Minutes> {
        let parsed = match &v.value {
            raw::Duration::Hours(h) => Minutes::from_hours(*h)
                .ok_or_else(|| format!("{h} hours is out of range (0 to a year)")),
            raw::Duration::Text(t) => Minutes::parse(t),
        };
        parsed
            .map_err(|e| {
                self.error("bad-duration", pos(v), format!("`{field}`: {e}"))
                    .hint = Some(DURATION_HINT.into());
            })
            .ok()
    }

    pub(crate) fn int_in(&mut self, field: &str, v: &S<i64>, lo: i64, hi: i64) -> Option<u8> {
        if (lo..=hi).contains(&v.value) {
            u8::try_from(v.value).ok()
        } else {
            self.error(
                "out-of-range",
                pos(v),
                format!(
                    "`{field}` is {}, expected an integer from {lo} to {hi}",
                    v.value
                ),
            )
            .hint = Some(int_hint(field, lo, hi));
            None
        }
    }

    /// One of a closed set of words, with a "did you mean" for near misses.
    pub(crate) fn word<T>(
        &mut self,
        field: &str,
        v: &S<String>,
        names: &[&str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let found = parse(v.value.trim());
        if found.is_none() {
            let list = names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = suggest::did_you_mean(&v.value, names.iter().copied());
            self.error(
                "invalid-value",
                pos(v),
                format!("`{field}` is `{}`, expected one of {list}", v.value),
            )
            .hint = hint;
        }
        found
    }

    /// The id as written, or the one meant when only its case is wrong (`r-008`): one error
    /// that says how to write it, and the rest of the quarter refers to `R-008` as it should,
    /// without further errors about it.
    pub(crate) fn id(&mut self, v: &S<String>, prefix: &str) -> String {
        let written = v.value.trim();
        if let Err(e) = scalar::check_id(written, prefix) {
            if let Some(meant) = scalar::meant_id(written, prefix) {
                self.error(
                    "bad-id",
                    pos(v),
                    format!("`{written}` is not a valid id: ids are written in capitals"),
                )
                .hint = Some(format!("write `{meant}`"));
                return meant;
            }
            self.error("bad-id", pos(v), e);
        }
        written.to_string()
    }

    pub(crate) fn finite(&mut self, field: &str, v: &S<f64>) -> Option<f64> {
        if v.value.is_finite() {
            Some(v.value)
        } else {
            self.error(
                "out-of-range",
                pos(v),
                format!("`{field}` must be a finite number"),
            )
            .hint = Some(format!(
                "write an ordinary number, e.g. `{}: 12.5`; `.inf` and `.nan` are not values",
                key(field)
            ));
            None
        }
    }
}

const DATE_HINT: &str = "write a real calendar date as YYYY-MM-DD, e.g. 2026-09-30";

const DURATION_HINT: &str = "write a duration of up to a year as a number with `m` (minutes), `h` (hours) or `d` (days), e.g. `90m`, `6h`, `2d`, or as a number of hours, e.g. `1.5`";

/// The key as it is written on its line: `impact` of `target.impact`.
fn key(field: &str) -> &str {
    field.rsplit('.').next().unwrap_or(field)
}

/// The range again, as a fix, with an example from the middle of it.
fn int_hint(field: &str, lo: i64, hi: i64) -> String {
    let key = key(field);
    format!(
        "write a whole number from {lo} to {hi}, e.g. `{key}: {}`",
        lo + (hi - lo) / 2
    )
}

/// Removing the file is a fix only for a file the site can do without (an item or a page);
/// quarter.yaml and metrics.yaml are required.
fn empty_text_hint(file: &str, field: &str) -> String {
    let optional_file = [
        "/risks/",
        "/initiatives/",
        "/incidents/",
        "/investments/",
        "/exceptions/",
    ]
    .iter()
    .any(|dir| file.contains(dir))
        || file.starts_with("content/pages/");
    if optional_file {
        format!("write the {field}, or remove the file if it is not needed")
    } else if file.ends_with("/quarter.yaml") || file.ends_with("/quarter.yml") {
        format!("write the {field}: every quarter.yaml needs one")
    } else {
        format!("write the {field}")
    }
}

#[cfg(test)]
mod tests {
    use super::empty_text_hint;

    #[test]
    fn an_empty_text_in_a_required_file_does_not_suggest_removing_it() {
        assert_eq!(
            empty_text_hint("content/quarters/2026-Q3/quarter.yaml", "headline"),
            "write the headline: every quarter.yaml needs one"
        );
        assert_eq!(
            empty_text_hint("content/metrics.yaml", "name"),
            "write the name"
        );
        assert_eq!(
            empty_text_hint("content/quarters/2026-Q3/risks/R-001.yaml", "owner"),
            "write the owner, or remove the file if it is not needed"
        );
        assert_eq!(
            empty_text_hint("content/pages/rights.md", "title"),
            "write the title, or remove the file if it is not needed"
        );
    }
}
