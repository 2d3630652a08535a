//! What a build without `--drafts` leaves out. It builds the final quarters: a draft still
//! being written (a `TODO` meeting date, an empty headline, right after `new quarter`) must not
//! stop the published site from being rebuilt. The draft's diagnostics are set aside, not
//! dropped: they stay errors for `check` and for `build --drafts`, and the build says why the
//! draft was left out.

use super::Checked;
use crate::diag::Diagnostic;

/// A draft quarter the build left out, with the diagnostics set aside with it.
#[derive(Debug)]
pub(crate) struct Skipped {
    /// The quarter folder's name, `2026-Q3`.
    pub quarter: String,
    pub diags: Vec<Diagnostic>,
}

impl Skipped {
    pub(crate) fn errors(&self) -> usize {
        crate::diag::count(&self.diags).0
    }
}

/// Every draft quarter (by what its `quarter.yaml` says, even when the rest of it is broken),
/// oldest first. The diagnostics of the drafts that no final quarter follows move out of
/// `checked`: a final quarter after a draft takes its movements from it, so a draft in the
/// middle must be valid for the build to go on.
pub(super) fn set_aside(checked: &mut Checked) -> Vec<Skipped> {
    let quarters = &checked.loaded.quarters;
    let is_draft = |i: usize| {
        quarters[i]
            .quarter
            .as_ref()
            .is_some_and(|d| d.value.status.value.trim() == "draft")
    };
    let trailing = (0..quarters.len())
        .rev()
        .take_while(|&i| is_draft(i))
        .count();
    let first_trailing = quarters.len() - trailing;
    let mut skipped = Vec::new();
    for (i, rq) in quarters.iter().enumerate().filter(|&(i, _)| is_draft(i)) {
        let folder = format!("content/quarters/{}", rq.folder);
        let inside = |d: &Diagnostic| d.file == folder || d.file.starts_with(&format!("{folder}/"));
        let diags = if i >= first_trailing {
            let (inside, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut checked.diags)
                .into_iter()
                .partition(inside);
            checked.diags = rest;
            inside
        } else {
            Vec::new()
        };
        skipped.push(Skipped {
            quarter: rq.folder.clone(),
            diags,
        });
    }
    skipped
}
