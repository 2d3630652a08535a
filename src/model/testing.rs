//! The one test builder of the model's values, for every unit test of the crate: a constructor
//! gives each field a plain default, and a test sets by name what it is about
//! (`quarter("2026-Q2").risk(risk("R-001").impact(4).likelihood(3))`). Named setters, not
//! positional helpers, because three helpers once took impact and likelihood in different
//! orders and a test could read `risk("R-007", 5, 3)` as either.
//!
//! The setters are methods of the model's own types, defined here for tests only, so that a
//! built value is the value (no `.build()`) and a test edits it like any other.

use super::facts::{self, Direction, MetricFacts, QuarterFacts};
use super::scalar::{Date, Minutes, QuarterId};
use super::types::*;

pub(crate) fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

pub(crate) fn qid(s: &str) -> QuarterId {
    QuarterId::parse(s).unwrap()
}

/// An open risk titled `Risk {id}`, scoring 1 × 1, owned by `o`, with nothing optional.
pub(crate) fn risk(id: &str) -> Risk {
    Risk {
        id: id.into(),
        title: format!("Risk {id}"),
        statement: "s".into(),
        impact: 1,
        likelihood: 1,
        owner: "o".into(),
        mitigation: "m".into(),
        due: None,
        status: RiskStatus::Open,
        exception: None,
        category: None,
        treatment: Treatment::Mitigate,
        target: None,
        inherent: None,
        loss: None,
    }
}

impl Risk {
    pub(crate) fn impact(mut self, impact: u8) -> Risk {
        self.impact = impact;
        self
    }

    pub(crate) fn likelihood(mut self, likelihood: u8) -> Risk {
        self.likelihood = likelihood;
        self
    }

    pub(crate) fn status(mut self, status: RiskStatus) -> Risk {
        self.status = status;
        self
    }

    pub(crate) fn title(mut self, title: impl Into<String>) -> Risk {
        self.title = title.into();
        self
    }

    pub(crate) fn statement(mut self, statement: impl Into<String>) -> Risk {
        self.statement = statement.into();
        self
    }

    pub(crate) fn owner(mut self, owner: impl Into<String>) -> Risk {
        self.owner = owner.into();
        self
    }

    pub(crate) fn mitigation(mut self, mitigation: impl Into<String>) -> Risk {
        self.mitigation = mitigation.into();
        self
    }

    pub(crate) fn due(mut self, due: &str) -> Risk {
        self.due = Some(date(due));
        self
    }

    pub(crate) fn exception(mut self, exception: Exception) -> Risk {
        self.exception = Some(exception);
        self
    }

    pub(crate) fn loss(mut self, loss: Loss) -> Risk {
        self.loss = Some(loss);
        self
    }
}

/// Money at risk: `frequency` times a year, `magnitude` each time, each a 90% range
/// `(low, high)`.
pub(crate) fn loss(frequency: (f64, f64), magnitude: (f64, f64)) -> Loss {
    Loss {
        frequency: Range {
            low: frequency.0,
            high: frequency.1,
        },
        magnitude: Range {
            low: magnitude.0,
            high: magnitude.1,
        },
    }
}

/// Risk `id` at impact 2, likelihood 2, accepted on `exception()` expiring on `expires`.
pub(crate) fn accepted(id: &str, expires: &str) -> Risk {
    risk(id)
        .impact(2)
        .likelihood(2)
        .status(RiskStatus::Accepted)
        .exception(exception().expires(expires))
}

/// A complete, signed exception expiring on 2026-12-31, due for review on 2026-01-01.
pub(crate) fn exception() -> Exception {
    Exception {
        reason: "r".into(),
        expires: date("2026-12-31"),
        compensating_controls: vec!["c".into()],
        approved_by: ExceptionApproval {
            engineering: "e".into(),
            security: "s".into(),
        },
        review: date("2026-01-01"),
        signed: None,
        scope: None,
        reviewed: None,
        at: Default::default(),
    }
}

impl Exception {
    pub(crate) fn expires(mut self, expires: &str) -> Exception {
        self.expires = date(expires);
        self
    }
}

/// A final quarter meeting on 2026-10-14, headline `h`, summary `s`, with no asks, items or
/// readings.
pub(crate) fn quarter(q: &str) -> Quarter {
    Quarter {
        quarter: qid(q),
        status: QuarterStatus::Final,
        board_meeting: date("2026-10-14"),
        headline: "h".into(),
        summary: "s".into(),
        asks: vec![],
        approved_by: None,
        readings: vec![],
        risks: vec![],
        initiatives: vec![],
        incidents: vec![],
        investments: vec![],
        actions: vec![],
        exceptions: vec![],
        file: String::new(),
        complete: true,
        facts: Default::default(),
        published: None,
    }
}

impl Quarter {
    pub(crate) fn board_meeting(mut self, day: &str) -> Quarter {
        self.board_meeting = date(day);
        self
    }

    pub(crate) fn headline(mut self, headline: impl Into<String>) -> Quarter {
        self.headline = headline.into();
        self
    }

    pub(crate) fn summary(mut self, summary: impl Into<String>) -> Quarter {
        self.summary = summary.into();
        self
    }

    pub(crate) fn ask(mut self, ask: Ask) -> Quarter {
        self.asks.push(ask);
        self
    }

    /// Adds a risk after those already there.
    pub(crate) fn risk(mut self, risk: Risk) -> Quarter {
        self.risks.push(risk);
        self
    }

    pub(crate) fn risks(mut self, risks: impl IntoIterator<Item = Risk>) -> Quarter {
        self.risks.extend(risks);
        self
    }

    /// A reading of the metric `metric` (no monthly values, no note).
    pub(crate) fn reading(mut self, metric: &str, value: f64) -> Quarter {
        self.readings.push(Reading {
            metric: metric.into(),
            value,
            monthly: vec![],
            note: None,
        });
        self
    }

    pub(crate) fn initiative(mut self, initiative: Initiative) -> Quarter {
        self.initiatives.push(initiative);
        self
    }

    pub(crate) fn incident(mut self, incident: Incident) -> Quarter {
        self.incidents.push(incident);
        self
    }

    pub(crate) fn investment(mut self, investment: Investment) -> Quarter {
        self.investments.push(investment);
        self
    }
}

/// A metric `Metric {id}` in `%`, higher is better, no target, no flat band.
pub(crate) fn metric(id: &str) -> Metric {
    Metric {
        id: id.into(),
        name: format!("Metric {id}"),
        unit: "%".into(),
        better: Better::Higher,
        target: None,
        flat_band: 0.0,
        owner: MetricOwner::Joint,
        description: None,
    }
}

impl Metric {
    pub(crate) fn name(mut self, name: impl Into<String>) -> Metric {
        self.name = name.into();
        self
    }

    pub(crate) fn unit(mut self, unit: impl Into<String>) -> Metric {
        self.unit = unit.into();
        self
    }

    pub(crate) fn better(mut self, better: Better) -> Metric {
        self.better = better;
        self
    }

    pub(crate) fn target(mut self, target: f64) -> Metric {
        self.target = Some(target);
        self
    }

    pub(crate) fn flat_band(mut self, flat_band: f64) -> Metric {
        self.flat_band = flat_band;
        self
    }
}

/// An initiative `Initiative {id}` owned by `o`, on track at 0%, due 2026-12-31.
pub(crate) fn initiative(id: &str) -> Initiative {
    Initiative {
        id: id.into(),
        title: format!("Initiative {id}"),
        owner: "o".into(),
        status: InitiativeStatus::OnTrack,
        progress: 0,
        reduces: vec![],
        enables: None,
        due: date("2026-12-31"),
    }
}

impl Initiative {
    pub(crate) fn title(mut self, title: impl Into<String>) -> Initiative {
        self.title = title.into();
        self
    }

    pub(crate) fn owner(mut self, owner: impl Into<String>) -> Initiative {
        self.owner = owner.into();
        self
    }

    pub(crate) fn status(mut self, status: InitiativeStatus) -> Initiative {
        self.status = status;
        self
    }

    pub(crate) fn progress(mut self, progress: u8) -> Initiative {
        self.progress = progress;
        self
    }

    pub(crate) fn due(mut self, due: &str) -> Initiative {
        self.due = date(due);
        self
    }
}

/// A sev2 incident `Incident {id}` on 2026-08-01, detected and contained at once.
pub(crate) fn incident(id: &str) -> Incident {
    Incident {
        id: id.into(),
        title: format!("Incident {id}"),
        severity: Severity::Sev2,
        occurred: date("2026-08-01"),
        time_to_detect: Minutes(0),
        time_to_contain: Minutes(0),
        customer_impact: "c".into(),
        learning: "l".into(),
        risks: vec![],
        actions: vec![],
        notifications: vec![],
    }
}

impl Incident {
    pub(crate) fn title(mut self, title: impl Into<String>) -> Incident {
        self.title = title.into();
        self
    }

    pub(crate) fn occurred(mut self, day: &str) -> Incident {
        self.occurred = date(day);
        self
    }

    pub(crate) fn time_to_detect(mut self, time: Minutes) -> Incident {
        self.time_to_detect = time;
        self
    }

    pub(crate) fn time_to_contain(mut self, time: Minutes) -> Incident {
        self.time_to_contain = time;
        self
    }
}

/// Residual risk high, medium and low for the good, better and best options.
pub(crate) const HIGH_MEDIUM_LOW: [Option<Residual>; 3] = [
    Some(Residual::High),
    Some(Residual::Medium),
    Some(Residual::Low),
];

/// An investment ask `Investment {id}` recommending `better`, its three options free, one-off
/// and without a residual risk.
pub(crate) fn investment(id: &str) -> Investment {
    let option = InvestmentOption {
        cost: 0.0,
        summary: "s".into(),
        tradeoff: "t".into(),
        residual_risk: None,
        cost_per: CostPer::Once,
        loss_reduction: None,
    };
    Investment {
        id: id.into(),
        title: format!("Investment {id}"),
        ask: "a".into(),
        reduces: vec![],
        recommended: Tier::Better,
        options: Options {
            good: option.clone(),
            better: option.clone(),
            best: option,
        },
    }
}

impl Investment {
    pub(crate) fn title(mut self, title: impl Into<String>) -> Investment {
        self.title = title.into();
        self
    }

    pub(crate) fn recommended(mut self, tier: Tier) -> Investment {
        self.recommended = tier;
        self
    }

    /// The cost of the option `tier`.
    pub(crate) fn cost(mut self, tier: Tier, cost: f64) -> Investment {
        match tier {
            Tier::Good => self.options.good.cost = cost,
            Tier::Better => self.options.better.cost = cost,
            Tier::Best => self.options.best.cost = cost,
        }
        self
    }

    /// The cost of the good, better and best options, in that order.
    pub(crate) fn costs(mut self, [good, better, best]: [f64; 3]) -> Investment {
        self.options.good.cost = good;
        self.options.better.cost = better;
        self.options.best.cost = best;
        self
    }

    /// The residual risk of the good, better and best options, in that order.
    pub(crate) fn residuals(mut self, [good, better, best]: [Option<Residual>; 3]) -> Investment {
        self.options.good.residual_risk = good;
        self.options.better.residual_risk = better;
        self.options.best.residual_risk = best;
        self
    }
}

/// A site whose quarterdeck.toml is `settings` under a title and an organization, with the
/// appetite those settings give, the built-in matrix and playbook, and no content.
pub(crate) fn site(settings: &str) -> Site {
    let config =
        crate::config::Config::parse(&format!("title='t'\norganization='o'\n{settings}")).unwrap();
    Site {
        appetite: super::appetite::Appetite::from_config(&config),
        config,
        metrics: vec![],
        quarters: vec![],
        pages: vec![],
        labels: Default::default(),
        matrix: Default::default(),
        playbook: Default::default(),
    }
}

impl Site {
    pub(crate) fn metric(mut self, metric: Metric) -> Site {
        self.metrics.push(metric);
        self
    }

    /// Adds a quarter after those already there (oldest first).
    pub(crate) fn quarter(mut self, quarter: Quarter) -> Site {
        self.quarters.push(quarter);
        self
    }

    /// Computes every quarter's facts and its exceptions' standing, as validation does once
    /// the site is read (the lints that come with the standing are dropped).
    pub(crate) fn with_facts(mut self) -> Site {
        facts::attach(&mut self);
        super::playbook::standing::attach(&mut self, &mut Vec::new());
        self
    }
}

/// The facts of `q` after `prev` with the built-in matrix and no appetite, its `top` highest
/// risks on top; no metrics.
pub(crate) fn facts_of(q: &Quarter, prev: Option<&Quarter>, top: usize) -> QuarterFacts {
    QuarterFacts {
        risks: q
            .risks
            .iter()
            .map(|r| facts::risk_facts(r, prev, &Default::default(), &Default::default()))
            .collect(),
        top_risks: facts::top_risks(&q.risks, top),
        open_risks: q.risks.iter().filter(|r| r.is_open()).count(),
        ..Default::default()
    }
}

/// The facts of metric `m` with `points` (quarter, reading) as its history, the last one its
/// value; no previous value, direction or target.
pub(crate) fn history(m: &Metric, points: &[(&str, f64)]) -> MetricFacts {
    let history: Vec<(QuarterId, f64)> = points.iter().map(|(q, v)| (qid(q), *v)).collect();
    MetricFacts {
        id: m.id.clone(),
        value: history.last().map_or(0.0, |p| p.1),
        previous: None,
        direction: Direction::None,
        target_met: None,
        history,
    }
}
