//! Which quarters the scaffold commands may write into: a quarter that has been presented is
//! the record of that meeting, so new content goes into the next one.

use super::Error;
use crate::model::scalar::QuarterId;
use std::path::Path;

/// `new risk` writes into the latest quarter only while it is a draft; a final quarter is what
/// the board was shown, and a risk added there would be a placeholder in the record.
/// A published quarter is refused first: that is the stronger reason.
pub fn risk_may_go_into(root: &Path, latest: QuarterId) -> Result<(), Error> {
    if crate::publish::is_published(root, latest) {
        return Err(Error::Recorded {
            message: format!("the latest quarter, {latest}, is published: a new risk would change what the board was told"),
            hint: format!("start the next quarter with `quarterdeck new quarter {}` and add the risk there", latest.next()),
        });
    }
    if !super::quarter::is_final(root, latest) {
        return Ok(());
    }
    let next = latest.next();
    Err(Error::Recorded {
        message: format!(
            "{latest} is final (already presented to the board); a new risk cannot go into it"
        ),
        hint: format!(
            "start the next quarter with `quarterdeck new quarter {next}`, then run `quarterdeck new risk` again"
        ),
    })
}
