//! `new quarter` carries policy exceptions (`exceptions/*.yaml`) forward, byte for byte, until
//! they expire: one that expired before the new quarter begins stays behind, where the board
//! last saw it.

use super::quarter::NewQuarter;
use super::site::{self, YamlFile};
use super::Error;
use crate::model::scalar::{Date, QuarterId};
use chrono::NaiveDate;
use std::path::Path;

/// Adds the policy exceptions of `prev` that are still running when `target` begins to `files`,
/// and notes those left behind and the risks they name that were not carried.
pub(super) fn carry(
    prev: &Path,
    target: QuarterId,
    carried_risks: &[String],
    files: &mut Vec<(String, Vec<u8>)>,
    out: &mut NewQuarter,
) -> Result<(), Error> {
    let starts = NaiveDate::from_ymd_opt(target.year, u32::from(target.q) * 3 - 2, 1);
    for f in site::yaml_files(&prev.join("exceptions"))? {
        let id = f.text("id").unwrap_or(&f.name).to_string();
        if let (Some(expires), Some(starts)) = (expiry(&f), starts) {
            if expires.0 < starts {
                out.left.push(format!("{id} (expired {expires})"));
                continue;
            }
        }
        for r in f.texts("risks") {
            if !carried_risks.contains(&r) {
                out.notes.push(format!(
                    "exceptions/{} names {r}, which is not carried forward: remove it from `risks`",
                    f.name
                ));
            }
        }
        out.exceptions += 1;
        files.push((format!("exceptions/{}", f.name), f.bytes));
    }
    Ok(())
}

/// The `expires` date as written, when it is one (a broken one is carried for `check` to say).
fn expiry(f: &YamlFile) -> Option<Date> {
    Date::parse(f.text("expires")?).ok()
}
