//! The text that new files start with. Placeholders are values `check` rejects, so that an
//! unfinished quarter or risk cannot reach the board unnoticed, and comments say what each
//! field is for.

use super::yaml;
use crate::model::scalar::QuarterId;
use serde_json::Value;

/// The quarter file. `board_meeting: TODO` is reported by `check` as "`TODO` is not a date;
/// expected YYYY-MM-DD" (a `YYYY-MM-DD` placeholder would read "not a real calendar date
/// (expected YYYY-MM-DD)", which confuses), and the empty headline and summary as empty: a
/// draft cannot be built until the author has written them.
pub(super) fn quarter(q: QuarterId) -> String {
    format!(
        "quarter: {q}
status: draft
board_meeting: TODO  # the date this quarter is presented to the board, YYYY-MM-DD
headline: \"\"  # TODO: the quarter in one sentence
# TODO: the narrative in Markdown: a short paragraph or a few bullets, at most 120 words.
summary: \"\"
# Decisions requested of the board, if any:
# asks:
#   - Approve the \"better\" option of INV-003.
# When the CTO and CISO sign off, set `status: final` and add:
# approved_by:
#   cto: Name
#   ciso: Name
"
    )
}

/// An empty readings file whose comments list the metrics (id, name) to fill in, with the
/// previous quarter's reading beside each as a reminder of the form and the scale.
pub(super) fn trends(
    q: QuarterId,
    metrics: &[(String, String)],
    previous: Option<(QuarterId, &Value)>,
) -> String {
    let mut text = format!(
        "# {q}'s metric readings: `metric_id: number`, or a mapping with value, monthly (up to 3)
# and note. A metric with no reading this quarter is simply left out.
#
"
    );
    if metrics.is_empty() {
        text.push_str("# (content/metrics.yaml defines no metrics yet)\n");
    }
    let width = metrics.iter().map(|(id, _)| id.len()).max().unwrap_or(0) + 1;
    for (id, name) in metrics {
        let last = previous
            .and_then(|(from, readings)| {
                let v = readings.get(id)?;
                Some((from, v.get("value").unwrap_or(v).as_f64()?))
            })
            .map(|(from, v)| format!(" ({from}: {v})"))
            .unwrap_or_default();
        text.push_str(&format!("# {:<width$} # {name}{last}\n", format!("{id}:")));
    }
    text
}

/// The new risk. Placeholders are values `check` rejects (an empty text, a score of 0, a
/// date that is not one, a category that is not one), so that an unfinished risk cannot reach
/// the board unnoticed. `categories` are the site's (key, name); none leaves `category` out.
/// `limit` is the site's risk appetite, said in the comment on the (commented) target.
pub(super) fn risk(
    id: &str,
    title: &str,
    categories: &[(String, String)],
    limit: Option<u8>,
) -> String {
    let category = if categories.is_empty() {
        String::new()
    } else {
        let each: Vec<String> = categories
            .iter()
            .map(|(key, name)| format!("{key} ({name})"))
            .collect();
        format!(
            "# Its category, a key of [categories] in quarterdeck.toml: {}.\ncategory: TODO\n",
            each.join(", ")
        )
    };
    let above = match limit {
        Some(l) => format!("above the risk appetite ({l}) "),
        None => "above the risk appetite ".into(),
    };
    format!(
        "id: {id}
title: {title}
{category}# The risk in at most two lines (200 characters): what could happen, and what it would cost.
statement: \"\"
# Business impact if it happens: 1 (negligible) to 5 (severe).
impact: 0
# Chance in the next 12 months: 1 (rare) to 5 (almost certain).
likelihood: 0
# The accountable person or role.
owner: \"\"
# What is being done about it.
mitigation: \"\"
# When the mitigation lands, YYYY-MM-DD.
due: TODO
# Where the mitigation takes the risk by `due`, at or below today's score. A risk scoring
# {above}needs one within it, or an ask in quarter.yaml `about` it:
# target: {{ impact: 0, likelihood: 0 }}
# open | mitigating | accepted (then add a signed `exception:`) | closed
status: open
",
        title = yaml::scalar(title)
    )
}
