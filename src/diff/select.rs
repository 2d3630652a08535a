//! Which two quarters `diff FROM TO` compares. Every failure is a usage error whose message
//! lists the quarters the site has, so the fix is one copy-paste away.

use crate::model::scalar::QuarterId;
use crate::model::types::Site;

/// Indices into `site.quarters` of the older and newer side.
///
/// Defaults: with no argument, the two latest quarters (drafts included: a draft is what is
/// under review); with FROM only, FROM against the latest.
pub(crate) fn pick(
    site: &Site,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(usize, usize), String> {
    let n = site.quarters.len();
    let find = |s: &str| -> Result<usize, String> {
        let id = QuarterId::parse_arg(s).map_err(|e| format!("{e}{}", available(site)))?;
        site.quarters
            .iter()
            .position(|q| q.quarter == id)
            .ok_or_else(|| format!("the site has no quarter {id}{}", available(site)))
    };
    match (from, to) {
        (Some(a), Some(b)) => Ok((find(a)?, find(b)?)),
        (Some(a), None) => {
            let a = find(a)?;
            Ok((a, n - 1))
        }
        (None, _) if n >= 2 => Ok((n - 2, n - 1)),
        (None, _) => Err(format!(
            "diff needs two quarters to compare{}",
            available(site)
        )),
    }
}

/// `; available: 2026-Q1, 2026-Q2` (or a note that there are none).
fn available(site: &Site) -> String {
    if site.quarters.is_empty() {
        return "; the site has no valid quarters yet".into();
    }
    let names: Vec<String> = site
        .quarters
        .iter()
        .map(|q| q.quarter.to_string())
        .collect();
    format!("; available: {}", names.join(", "))
}
