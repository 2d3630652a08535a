//! Which quarters the scaffold commands may write into: a quarter that has been presented is
//! the record of that meeting, so new content goes into the next one.

use super::Error;
use crate::model::scalar::QuarterId;
use std::path::Path;

/// `new risk` writes into the latest quarter only while it is a draft; a final quarter is what
/// the board was shown, and a risk added there would be a placeholder in the record.
pub fn risk_may_go_into(root: &Path, latest: QuarterId) -> Result<(), Error> {
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
