//! The record as a chain. In the second form each entry's fingerprint seals the content it
//! records with the entry's own fields, and each restatement names the fingerprint it replaces;
//! so an entry erased, moved (a restatement's fingerprint copied to the top, say) or edited by
//! hand breaks the chain where it happened, and plain `check` says so.
//!
//! Nothing here is secret: a record rewritten whole with quarterdeck itself (deleted and
//! published again) is a valid chain. That case is caught by comparing the record with the
//! reviewed one (`check --base`, `publish::history`).

use super::fingerprint::{canonical, combine, hash, Form};
use super::record::{Record, Restatement};
use crate::model::scalar::Date;
use serde_json::json;

/// The fingerprint of a first publication in the second form.
pub(crate) fn seal_publication(published_on: Date, content: &str) -> String {
    hash(&canonical(&json!({
        "form": Form::Two as u8,
        "entry": "publication",
        "published_on": published_on.to_string(),
        "content": content,
    })))
}

/// The fingerprint of a restatement in the second form (`replaces` set).
pub(crate) fn seal_restatement(r: &Restatement, content: &str) -> String {
    hash(&canonical(&json!({
        "form": Form::Two as u8,
        "entry": "restatement",
        "replaces": r.replaces,
        "date": r.date.to_string(),
        "reason": r.reason,
        "approved_by": {"cto": r.approved_by.cto, "ciso": r.approved_by.ciso},
        "content": content,
    })))
}

/// Where the chain breaks. `entry` 0 is the first publication, `n` the n-th restatement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Break {
    /// The entry's fingerprint does not seal its fields and content.
    Seal { entry: usize },
    /// The restatement replaces another fingerprint than the entry before it has.
    Replaces { entry: usize, before: String },
    /// A restatement in the first form after an entry in the second.
    Unlinked { entry: usize },
}

/// Every break in the chain of `record`, oldest first. Entries of the first form carry no
/// seal and are not checked here.
pub(crate) fn verify(record: &Record) -> Vec<Break> {
    let mut breaks = Vec::new();
    if record.form == Form::Two {
        let sealed = record
            .files
            .as_ref()
            .map(|f| seal_publication(record.published_on, &combine(f)));
        if sealed.as_deref() != Some(record.fingerprint.as_str()) {
            breaks.push(Break::Seal { entry: 0 });
        }
    }
    let mut before = (record.form, record.fingerprint.as_str());
    for (i, r) in record.restatements.iter().enumerate() {
        let entry = i + 1;
        match &r.replaces {
            Some(replaces) => {
                if replaces != before.1 {
                    breaks.push(Break::Replaces {
                        entry,
                        before: before.1.to_string(),
                    });
                }
                let sealed = r.files.as_ref().map(|f| seal_restatement(r, &combine(f)));
                if sealed.as_deref() != Some(r.fingerprint.as_str()) {
                    breaks.push(Break::Seal { entry });
                }
            }
            None if before.0 == Form::Two => breaks.push(Break::Unlinked { entry }),
            None => {}
        }
        before = (r.form(), r.fingerprint.as_str());
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::SignOff;

    fn files(n: u8) -> super::super::fingerprint::FileFingerprints {
        [(format!("content/quarters/2026-Q2/r{n}.yaml"), hash("x"))]
            .into_iter()
            .collect()
    }

    fn day(d: &str) -> Date {
        Date::parse(d).unwrap()
    }

    fn restated() -> Record {
        let mut r = Record::new(day("2026-07-15"), files(0), "p".into());
        for (n, d) in [(1, "2026-08-01"), (2, "2026-09-01")] {
            let by = SignOff {
                cto: "A".into(),
                ciso: "B".into(),
            };
            r.restate(day(d), format!("fix {n}"), by, files(n));
        }
        r
    }

    #[test]
    fn a_record_written_by_the_commands_is_a_chain() {
        assert_eq!(verify(&restated()), []);
    }

    #[test]
    fn an_erased_entry_breaks_the_chain_at_the_next() {
        let mut r = restated();
        r.restatements.remove(0);
        assert_eq!(
            verify(&r),
            [Break::Replaces {
                entry: 1,
                before: r.fingerprint.clone()
            }]
        );
    }

    #[test]
    fn a_fingerprint_moved_to_the_top_breaks_its_seal() {
        let mut r = restated();
        let last = r.restatements.pop().unwrap();
        r.restatements.clear();
        r.fingerprint = last.fingerprint;
        r.files = last.files;
        assert_eq!(verify(&r), [Break::Seal { entry: 0 }]);
    }

    #[test]
    fn an_edited_entry_breaks_its_seal() {
        let mut r = restated();
        r.restatements[0].reason = "something else".into();
        assert_eq!(verify(&r), [Break::Seal { entry: 1 }]);
        let mut r = restated();
        r.published_on = day("2026-07-16");
        assert_eq!(verify(&r), [Break::Seal { entry: 0 }]);
    }

    #[test]
    fn a_first_form_entry_after_a_second_form_one_is_unlinked() {
        let mut r = restated();
        r.restatements[1].replaces = None;
        assert_eq!(verify(&r), [Break::Unlinked { entry: 2 }]);
        // In the first form nothing is sealed; the first restatement in the second form
        // links to the entry before it whatever its form.
        let mut old = restated();
        old.form = Form::One;
        old.fingerprint = hash("first form");
        old.restatements[0].replaces = None;
        old.restatements[0].fingerprint = hash("first form, restated");
        old.restatements[1].replaces = Some(old.restatements[0].fingerprint.clone());
        let content = combine(old.restatements[1].files.as_ref().unwrap());
        old.restatements[1].fingerprint = seal_restatement(&old.restatements[1], &content);
        assert_eq!(verify(&old), []);
    }
}
