//! The exception playbook and the incident duties as rules: the acceptance rules by band
//! (`[[acceptance]]`), the notification clocks (`[reporting.*]`) and the names of the two
//! signers (`[roles]`), built once from the settings and applied to both kinds of exception
//! (a risk's acceptance and a policy exception) by one set of checks:
//! - `terms`: an exception's fields, whichever kind carries them (two signers, dates, the
//!   review), and the in-quarter lints;
//! - `policy`: `exceptions/*.yaml`;
//! - `notify`: incidents' notifications against their clocks;
//! - `standing`: what needs the quarters around it (the default `signed`, the next meeting):
//!   each exception's facts and the term and next-meeting lints;
//! - `placeholder`: required texts that say nothing yet.

mod notify;
pub(crate) mod placeholder;
pub(crate) mod policy;
pub(crate) mod standing;
pub(crate) mod terms;

pub(crate) use notify::{notifications, Notification};
pub(crate) use standing::{ExceptionFacts, Run};

use crate::config::Config;
use crate::diag::Pos;
use crate::vocab::Band;
use serde::Serialize;
use std::collections::BTreeMap;

/// The rules of a site's playbook.
#[derive(Debug, Clone)]
pub struct Playbook {
    /// The band of each cell, `[impact - 1][likelihood - 1]`, as `[matrix] bands` says.
    bands: [[Band; 5]; 5],
    rules: BTreeMap<Band, Rule>,
    clocks: BTreeMap<String, Clock>,
    /// What the two signers are called.
    pub roles: Roles,
}

/// The acceptance rule of a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub max_months: u32,
    /// The board must be asked (a `decide` or `approve` ask about the exception).
    pub board: bool,
}

/// A notification clock of `[reporting]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clock {
    pub name: String,
    pub hours: u32,
}

/// The names of the `cto` and `ciso` signers on pages and PDFs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Roles {
    pub cto: String,
    pub ciso: String,
}

impl Default for Roles {
    fn default() -> Self {
        Roles {
            cto: "CTO".into(),
            ciso: "CISO".into(),
        }
    }
}

impl Roles {
    /// `[roles]` where written, else the labels `role_cto` and `role_ciso` of the language.
    pub fn resolve(config: &Config, labels: &crate::i18n::Labels) -> Roles {
        let written = config.roles.as_ref();
        let pick = |own: Option<&String>, key: &str| {
            own.map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| labels.text(key).to_string())
        };
        Roles {
            cto: pick(written.and_then(|r| r.cto.as_ref()), "role_cto"),
            ciso: pick(written.and_then(|r| r.ciso.as_ref()), "role_ciso"),
        }
    }
}

/// Where an exception's terms are written, for the lints that are decided once the quarters
/// around it are known.
#[derive(Debug, Clone, Default)]
pub struct Written {
    pub file: String,
    /// The exception itself (a risk's `exception:` key, a policy exception's `id`).
    pub at: Option<Pos>,
    pub expires: Option<Pos>,
}

impl Default for Playbook {
    fn default() -> Self {
        Playbook {
            bands: crate::config::scale::bands_of(None),
            rules: BTreeMap::new(),
            clocks: BTreeMap::new(),
            roles: Roles::default(),
        }
    }
}

impl Playbook {
    /// From settings that passed their checks.
    pub fn from_config(c: &Config) -> Playbook {
        let bands =
            crate::config::scale::bands_of(c.matrix.as_ref().and_then(|m| m.bands.as_deref()));
        let rules = c
            .acceptance
            .iter()
            .filter_map(|r| {
                let band = Band::parse(r.band.trim())?;
                let max_months = u32::try_from(r.max_months).ok()?;
                Some((
                    band,
                    Rule {
                        max_months,
                        board: r.board,
                    },
                ))
            })
            .collect();
        let clocks = c
            .reporting
            .iter()
            .filter_map(|(key, r)| {
                Some((
                    key.clone(),
                    Clock {
                        name: r.name.trim().to_string(),
                        hours: u32::try_from(r.hours).ok()?,
                    },
                ))
            })
            .collect();
        Playbook {
            bands,
            rules,
            clocks,
            roles: Roles::default(),
        }
    }

    /// The band of a cell (the same table `model::matrix` draws).
    pub fn band(&self, impact: u8, likelihood: u8) -> Band {
        let (i, l) = (
            usize::from(impact.clamp(1, 5)) - 1,
            usize::from(likelihood.clamp(1, 5)) - 1,
        );
        self.bands[i][l]
    }

    /// The acceptance rule of `band`, when the site has one.
    pub fn rule(&self, band: Band) -> Option<Rule> {
        self.rules.get(&band).copied()
    }

    /// Every rule, lowest band first, for the "how to read" section.
    pub fn rules(&self) -> impl Iterator<Item = (Band, Rule)> + '_ {
        self.rules.iter().map(|(b, r)| (*b, *r))
    }

    pub fn clock(&self, key: &str) -> Option<&Clock> {
        self.clocks.get(key)
    }

    pub fn clock_keys(&self) -> impl Iterator<Item = &str> {
        self.clocks.keys().map(String::as_str)
    }

    /// Every clock, by key.
    pub fn clocks(&self) -> impl Iterator<Item = &Clock> {
        self.clocks.values()
    }
}

/// Whether `a` puts the exception `id` to the board for its decision: a `decide` or `approve`
/// ask about it that the board has not decided yet, or approved. One it rejected, deferred or
/// only noted leaves the exception without the board's approval.
pub(crate) fn asks_board_to_approve(a: &crate::model::types::Ask, id: &str) -> bool {
    a.is_about(id)
        && a.kind.is_decision()
        && a.decision
            .as_ref()
            .is_none_or(|d| d.outcome == crate::vocab::Outcome::Approved)
}

/// Names compared as people write them: case and spacing do not make a second person.
pub(crate) fn same_person(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_person_ignores_case_and_spacing() {
        assert!(same_person("Dana Whitfield", "dana  whitfield "));
        assert!(same_person("DANA WHITFIELD", "Dana\tWhitfield"));
        assert!(!same_person("Dana Whitfield", "Samuel Okafor"));
    }

    #[test]
    fn rules_and_clocks_come_from_the_settings() {
        let c = Config::parse("title = \"T\"\norganization = \"O\"\n[[acceptance]]\nband = \"critical\"\nmax_months = 3\nboard = true\n[[acceptance]]\nband = \"high\"\nmax_months = 6\n[reporting.gdpr]\nname = \"GDPR\"\nhours = 72\n").unwrap();
        let p = Playbook::from_config(&c);
        assert_eq!(
            p.rule(Band::Critical),
            Some(Rule {
                max_months: 3,
                board: true
            })
        );
        assert_eq!(
            p.rule(Band::High),
            Some(Rule {
                max_months: 6,
                board: false
            })
        );
        assert_eq!(p.rule(Band::Low), None);
        assert_eq!(p.clock("gdpr").map(|c| c.hours), Some(72));
        assert_eq!(p.band(5, 4), Band::Critical);
        assert_eq!(p.band(2, 2), Band::Low);
    }
}
