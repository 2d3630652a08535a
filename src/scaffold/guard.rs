//! Which quarters the scaffold commands may write into: a quarter that has been presented is
//! the record of that meeting, so new content goes into the next one. Both refusals exit 1:
//! the content's state, not the command line, is in the way.

use super::Error;
use crate::model::scalar::QuarterId;
use std::path::Path;

/// Why a quarter is the record of a meeting. Published is the stronger reason, so it is
/// named first when both hold.
enum Record {
    Published,
    Final,
}

fn record(root: &Path, q: QuarterId) -> Option<Record> {
    if is_published(root, q) {
        Some(Record::Published)
    } else if super::quarter::is_final(root, q) {
        Some(Record::Final)
    } else {
        None
    }
}

/// True when the quarter has a record (`published.yaml`).
fn is_published(root: &Path, quarter: QuarterId) -> bool {
    root.join(crate::model::publish::record_path(quarter))
        .exists()
}

/// `new risk` and `new action` write into the latest quarter only while it is a draft
/// (`what`: "risk", "action"); a final quarter is what the board was shown, and an item added
/// there would be a placeholder in the record.
pub(super) fn item_may_go_into(root: &Path, latest: QuarterId, what: &str) -> Result<(), Error> {
    let next = latest.next();
    let (message, hint) = match record(root, latest) {
        None => return Ok(()),
        Some(Record::Published) => (
            format!("the latest quarter, {latest}, is published: a new {what} would change what the board was told"),
            format!("start the next quarter with `quarterdeck new quarter {next}` and add the {what} there"),
        ),
        Some(Record::Final) => (
            format!("{latest} is final (already presented to the board); a new {what} cannot go into it"),
            format!("start the next quarter with `quarterdeck new quarter {next}`, then run `quarterdeck new {what}` again"),
        ),
    };
    Err(Error::Recorded { message, hint })
}

/// `new quarter --force` replaces a draft only; it never erases the record of a meeting.
pub(super) fn may_replace(root: &Path, target: QuarterId) -> Result<(), Error> {
    let (what, hint) = match record(root, target) {
        None => return Ok(()),
        Some(Record::Published) => (
            "published",
            format!("to correct it, edit its files and record the change with `{}`", crate::model::publish::restate_command(target)),
        ),
        Some(Record::Final) => (
            "final",
            format!("to start it again, set `status: draft` in content/quarters/{target}/quarter.yaml first (Git keeps the history)"),
        ),
    };
    Err(Error::Recorded {
        message: format!("{target} is {what}: it is the record of what was presented to the board, and is never replaced"),
        hint,
    })
}
