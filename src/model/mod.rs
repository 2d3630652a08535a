//! Stage 2: validate the raw files into typed content (`types`), then compute what the
//! one-pager says about it (`facts`). Every problem becomes a diagnostic.

mod actions;
pub(crate) mod appearances;
pub(crate) mod appetite;
mod asks;
pub(crate) mod change;
mod check;
mod escalation;
pub(crate) mod facts;
pub(crate) mod images;
mod items;
mod lints;
mod loss;
mod loss_levels;
pub(crate) mod matrix;
mod metrics;
pub(crate) mod money;
pub(crate) mod playbook;
pub(crate) mod publish;
mod published;
mod quarter;
mod risk_scale;
pub(crate) mod scalar;
pub(crate) mod since;
mod slip_lint;
#[cfg(test)]
pub(crate) mod testing;
pub(crate) mod types;

pub(crate) use asks::undecided;
pub(crate) use check::pos;

use crate::diag::Diagnostic;
use crate::i18n::Labels;
use crate::load::Loaded;
use types::Site;

/// Validates everything loaded and computes each quarter's facts. The site is returned
/// whenever the settings could be read, so that callers can decide what to do with errors;
/// it holds only what passed its checks.
pub(crate) fn validate(loaded: &Loaded, diags: &mut Vec<Diagnostic>) -> Option<Site> {
    let metrics = match &loaded.metrics {
        Some(doc) => Some(metrics::metrics(doc, diags)),
        None => {
            report_missing_metrics(loaded, diags);
            None
        }
    };
    let appetite = loaded.config.as_ref().map(appetite::Appetite::from_config);
    let playbook = loaded.config.as_ref().map(playbook::Playbook::from_config);
    let rules = quarter::Rules {
        appetite: appetite.as_ref(),
        playbook: playbook.as_ref(),
        matrix: loaded.config.as_ref().and_then(|c| c.matrix.as_ref()),
    };
    let quarters = quarters(loaded, rules, diags);
    lints::cross_quarter(&quarters, &loaded.quarters, diags);
    let pages = metrics::pages(&loaded.pages, diags);
    let Some(config) = loaded.config.clone() else {
        published::check(loaded, None, diags);
        return None;
    };
    let labels = labels(loaded, &config, diags);
    let matrix = matrix::Matrix::new(config.matrix.as_ref(), &labels);
    let mut playbook = playbook.unwrap_or_default();
    playbook.roles = playbook::Roles::resolve(&config, &labels);
    let mut site = Site {
        appetite: appetite.unwrap_or_default(),
        config,
        metrics: metrics.unwrap_or_default(),
        quarters,
        pages,
        labels,
        matrix,
        playbook,
    };
    facts::attach(&mut site);
    slip_lint::lint(&site, loaded, diags);
    playbook::standing::attach(&mut site, diags);
    attach_records(&mut site, loaded, diags);
    Some(site)
}

/// A site with quarters needs content/metrics.yaml, unless `load` already said why it could
/// not be read.
fn report_missing_metrics(loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    if !diags.iter().any(|d| d.file.starts_with("content/metrics.")) && !loaded.quarters.is_empty()
    {
        diags.push(
            Diagnostic::error(
                "missing-file",
                "content/metrics.yaml",
                "the site has no content/metrics.yaml",
            )
            .hint("define the scoreboard's metrics there, even if the list is empty (`[]`)"),
        );
    }
}

/// Every quarter that passed its checks, in order, each quarter once.
fn quarters(
    loaded: &Loaded,
    rules: quarter::Rules,
    diags: &mut Vec<Diagnostic>,
) -> Vec<types::Quarter> {
    // Every id written in metrics.yaml, valid or not: a bad definition is reported there once.
    let metric_ids: Option<Vec<String>> = loaded.metrics.as_ref().map(|doc| {
        doc.value
            .iter()
            .map(|m| m.id.value.trim().to_string())
            .collect()
    });
    let highest = highest(loaded);
    // Each quarter validates on its own, on whichever core is free, seeing what `load` already
    // reported; its diagnostics are then taken in folder order.
    let checked: Vec<_> = {
        use rayon::prelude::*;
        let earlier: &[Diagnostic] = diags;
        loaded
            .quarters
            .par_iter()
            .map(|rq| {
                let mut found = Vec::new();
                let ids = metric_ids.as_deref();
                let q = quarter::quarter(rq, ids, rules, earlier, &highest, &mut found);
                (q, found)
            })
            .collect()
    };
    let mut quarters = Vec::with_capacity(checked.len());
    for (q, found) in checked {
        diags.extend(found);
        quarters.extend(q);
    }
    quarters.sort_by_key(|q| q.quarter);
    for pair in quarters.windows(2) {
        if pair[0].quarter == pair[1].quarter {
            diags.push(Diagnostic::error(
                "duplicate-id",
                &pair[1].file,
                format!("quarter {} appears twice", pair[1].quarter),
            ));
        }
    }
    quarters
}

/// The highest number of each id prefix in any quarter, for a duplicate id's hint.
fn highest(loaded: &Loaded) -> items::Highest {
    let mut highest = items::Highest::new();
    for rq in &loaded.quarters {
        let ids = (rq.risks.iter().map(|d| &d.value.id))
            .chain(rq.initiatives.iter().map(|d| &d.value.id))
            .chain(rq.incidents.iter().map(|d| &d.value.id))
            .chain(rq.investments.iter().map(|d| &d.value.id))
            .chain(rq.actions.iter().map(|d| &d.value.id))
            .chain(rq.exceptions.iter().map(|d| &d.value.id));
        items::note_highest(&mut highest, ids.map(|id| id.value.as_str()));
    }
    highest
}

/// Every label in the site's language (the lints point at where quarterdeck.toml sets it).
fn labels(loaded: &Loaded, config: &crate::config::Config, diags: &mut Vec<Diagnostic>) -> Labels {
    let lang_at = loaded
        .sources
        .get(crate::config::FILE_NAME)
        .and_then(|text| crate::config::setting_pos(text, "language"));
    crate::i18n::resolve(&config.language, lang_at, &loaded.catalogs, diags)
}

/// Puts each valid record on its quarter. Records are checked once the facts are known: a
/// record covers what the board was shown.
fn attach_records(site: &mut Site, loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    for (folder, record) in published::check(loaded, Some(site), diags) {
        if let Some(q) = site
            .quarters
            .iter_mut()
            .find(|q| q.quarter.to_string() == folder)
        {
            q.published = Some(record);
        }
    }
}
