//! Incidents' notifications against the site's clocks (`[reporting.*]`): each report's time
//! from becoming aware to sending, decided here once, and `late-notification` when it took
//! longer than its rule allows.

use crate::diag::suggest;
use crate::load::raw::{self, S};
use crate::model::check::{pos, FileCheck};
use crate::model::items::QuarterCtx;
use chrono::{DateTime, NaiveDateTime};
use serde::Serialize;

/// A report as the incident row shows it: "NIS2 early warning 9 h of 24 ✓".
#[derive(Debug, Clone, Serialize)]
pub struct Notification {
    /// The key of `[reporting]`.
    pub rule: String,
    /// The rule's name.
    pub name: String,
    pub to: String,
    /// As written.
    pub aware: String,
    pub sent: String,
    /// From `aware` to `sent`, in hours (to the minute).
    pub elapsed_hours: f64,
    /// The rule's hours.
    pub limit_hours: u32,
    pub late: bool,
}

/// The incident's notifications, each checked against its rule; one error per mistake.
pub(crate) fn notifications(
    id: &str,
    written: Option<&Vec<S<raw::Notification>>>,
    ctx: &QuarterCtx,
    c: &mut FileCheck,
) -> Vec<Notification> {
    let mut out = Vec::new();
    for n in written.into_iter().flatten() {
        if let Some(n) = one(id, &n.value, ctx, c) {
            out.push(n);
        }
    }
    out
}

fn one(
    id: &str,
    n: &raw::Notification,
    ctx: &QuarterCtx,
    c: &mut FileCheck,
) -> Option<Notification> {
    let rule = n.rule.value.trim();
    let clock = match ctx.playbook {
        Some(p) => {
            match p.clock(rule) {
                Some(clock) => Some(clock.clone()),
                None => {
                    let keys: Vec<&str> = p.clock_keys().collect();
                    let hint = if keys.is_empty() {
                        format!("define `[reporting.{rule}]` with `name` and `hours` in quarterdeck.toml")
                    } else {
                        suggest::did_you_mean(rule, keys.iter().copied()).unwrap_or_else(|| {
                            format!("the rules in quarterdeck.toml: {}", keys.join(", "))
                        })
                    };
                    c.error(
                    "unknown-rule",
                    pos(&n.rule),
                    format!("`rule` is `{rule}`, which is not a `[reporting]` rule of quarterdeck.toml"),
                )
                .hint = Some(hint);
                    None
                }
            }
        }
        // The settings have errors: they are reported, and the clock is unknown.
        None => None,
    };
    let to = c.text("to", &n.to);
    let aware = timestamp(c, "aware", &n.aware);
    let sent = timestamp(c, "sent", &n.sent);
    let (aware_t, sent_t) = (aware?, sent?);
    let minutes = (sent_t - aware_t).num_minutes();
    if minutes < 0 {
        c.error(
            "bad-date",
            pos(&n.sent),
            format!("`sent` ({}) is before `aware` ({})", n.sent.value.trim(), n.aware.value.trim()),
        )
        .hint = Some("a report is sent after the company became aware: check both times and their UTC offsets".into());
        return None;
    }
    let clock = clock?;
    let late = minutes > i64::from(clock.hours) * 60;
    let elapsed_hours = (minutes as f64 / 6.0).round() / 10.0;
    let told = ctx.asks_complete && ctx.asks.iter().any(|a| a.is_about(id));
    if late && !told {
        c.warning(
            "late-notification",
            pos(&n.sent),
            format!(
                "the {} of {id} to {} was sent {} h after becoming aware, later than its {} h",
                clock.name,
                to.trim(),
                hours_text(elapsed_hours),
                clock.hours
            ),
        )
        .hint = Some(format!("if the times are right, the board hears it: add an ask with `about: [{id}]` to quarter.yaml saying why it was late and what changes"));
    }
    Some(Notification {
        rule: rule.to_string(),
        name: clock.name,
        to,
        aware: n.aware.value.trim().to_string(),
        sent: n.sent.value.trim().to_string(),
        elapsed_hours,
        limit_hours: clock.hours,
        late,
    })
}

/// `81` or `9.5`: hours for a message (pages format them with the site's language).
fn hours_text(h: f64) -> String {
    if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h:.1}")
    }
}

/// `YYYY-MM-DDTHH:MM` (a space for the `T`, seconds and a UTC offset allowed), as UTC; a
/// time without an offset is read as UTC, so two times written alike compare alike.
fn timestamp(c: &mut FileCheck, field: &str, v: &S<String>) -> Option<NaiveDateTime> {
    match parse_timestamp(&v.value) {
        Ok(t) => Some(t),
        Err(e) => {
            c.error("bad-date", pos(v), format!("`{field}`: {e}"))
                .hint = Some("write the date and the time to the minute, e.g. `2026-08-03T09:15` or `2026-08-03T09:15+02:00`".into());
            None
        }
    }
}

pub(super) fn parse_timestamp(s: &str) -> Result<NaiveDateTime, String> {
    let s = s.trim();
    let t = s.replacen(' ', "T", 1);
    for f in [
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M:%S%:z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%dT%H:%M:%S%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(&t, f) {
            return Ok(d.naive_utc());
        }
    }
    let naive = t.strip_suffix('Z').unwrap_or(&t);
    for f in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(naive, f) {
            return Ok(d);
        }
    }
    if crate::model::scalar::Date::parse(s).is_ok() {
        return Err(format!("`{s}` has no time; the clock runs in hours, so write it to the minute (YYYY-MM-DDTHH:MM)"));
    }
    Err(format!(
        "`{s}` is not a date and time; expected YYYY-MM-DDTHH:MM, e.g. 2026-08-03T09:15"
    ))
}

#[cfg(test)]
mod tests {
    use super::parse_timestamp;

    #[test]
    fn timestamps_are_read_as_utc_and_need_a_time() {
        let a = parse_timestamp("2026-08-03T09:15").unwrap();
        let b = parse_timestamp("2026-08-03T11:15+02:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(parse_timestamp("2026-08-03 09:15Z").unwrap(), a);
        assert_eq!(
            parse_timestamp("2026-08-03").unwrap_err(),
            "`2026-08-03` has no time; the clock runs in hours, so write it to the minute (YYYY-MM-DDTHH:MM)"
        );
        assert!(parse_timestamp("yesterday").is_err());
    }
}
