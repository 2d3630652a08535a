//! `new action`: an action of the board's log in the latest quarter, with the next free id
//! across every quarter (an id is stable for the action's whole life, so never reused).

use super::item::{self, Item, NewItem};
use super::Error;
use crate::model::scalar::QuarterId;
use std::path::Path;

const ACTION: Item = Item {
    noun: "action",
    folder: "actions",
    prefix: "A-",
    example: "Report the EDI migration's progress each quarter",
};

pub(crate) fn new_action(root: &Path, title: &str) -> Result<NewItem, Error> {
    item::add(root, title, &ACTION, template)
}

/// The new action; its placeholders are values `check` refuses (an empty owner, a date that
/// is not one), so an unfinished action cannot reach the board unnoticed.
fn template(id: &str, title: &str, raised: QuarterId) -> String {
    format!(
        "id: {id}
title: {title}
# Who answers for it.
owner: \"\"
# When it is due, YYYY-MM-DD.
due: TODO
# open | done | dropped: `new quarter` carries it forward while open.
status: open
# The quarter whose board meeting raised it.
raised: {raised}
# What it concerns: ids of this quarter's risks, investments, initiatives or incidents.
# about: [R-001]
",
        title = super::yaml::scalar(title)
    )
}
