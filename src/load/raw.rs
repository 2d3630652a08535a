//! Serde mirrors of the content files: exactly the fields of the contract, unknown fields
//! refused, every value kept with its position so that `model` can point at it.
//!
//! Values are kept loose here (dates and enums as strings, scores as integers): checking them
//! belongs to `model`, which reports all problems of a file rather than the first.
//!
//! The same types describe the files to editors: `quarterdeck schema` derives a JSON Schema
//! from them (`JsonSchema`), and the `#[schemars(...)]` attributes state the contract's
//! constraints that the loose types leave to `model`. The allowed words of each status come
//! from `crate::vocab`, so that the schema and `check` cannot accept different words.

use crate::vocab::{
    ActionStatus, AskType, Better, CostPer, InitiativeStatus, MetricOwner, Outcome, QuarterStatus,
    Residual, RiskStatus, Severity, Tier, Treatment,
};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::json;
use serde_saphyr::Spanned;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

/// A value with its line and column. A local wrapper rather than an alias of serde-saphyr's
/// `Spanned`, so that it can describe itself in a JSON Schema (as the value it holds);
/// `Deref` keeps `.value` and `.referenced` working as before.
#[derive(Debug)]
pub struct S<T>(pub Spanned<T>);

impl<T> Deref for S<T> {
    type Target = Spanned<T>;
    fn deref(&self) -> &Spanned<T> {
        &self.0
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for S<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Spanned::deserialize(d).map(S)
    }
}

impl<T: JsonSchema> JsonSchema for S<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

// Patterns of the contract's ids and dates, as the `model` parsers accept them.
pub(crate) const DATE: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
pub(crate) const QUARTER: &str = r"^[0-9]{4}-Q[1-4]$";
pub(crate) const SLUG: &str = r"^[a-z0-9_]+$";
pub(crate) const RISK_ID: &str = r"^R-[0-9]{1,9}$";
pub(crate) const INITIATIVE_ID: &str = r"^I-[0-9]{1,9}$";
pub(crate) const INVESTMENT_ID: &str = r"^INV-[0-9]{1,9}$";
pub(crate) const ACTION_ID: &str = r"^A-[0-9]{1,9}$";
pub(crate) const EXCEPTION_ID: &str = r"^EX-[0-9]{1,9}$";
/// `YYYY-MM-DDTHH:MM`, optionally with seconds and a UTC offset (`Z`, `+02:00`).
pub(crate) const TIMESTAMP: &str =
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:?[0-9]{2})?$";

/// A metric of the shared scoreboard (one item of content/metrics.yaml).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    /// Key used in trends.yaml; stable across quarters.
    #[schemars(regex(pattern = SLUG))]
    pub id: S<String>,
    /// Display name.
    pub name: S<String>,
    /// `%`, `days`, `hours`, `count`, `USD`, or any short unit.
    pub unit: S<String>,
    /// Which way is improving.
    #[schemars(extend("enum" = Better::NAMES))]
    pub better: S<String>,
    /// The agreed threshold (drawn on charts; met or missed is shown).
    pub target: Option<S<f64>>,
    /// Absolute change within which the trend counts as flat (default 0).
    #[schemars(range(min = 0))]
    pub flat_band: Option<S<f64>>,
    /// Who answers for it (joint = shared KPI).
    #[schemars(extend("enum" = MetricOwner::NAMES))]
    pub owner: S<String>,
    /// One sentence.
    pub description: Option<S<String>>,
}

/// The quarter: status, headline, narrative, board asks and sign-off.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("if" = {"properties": {"status": {"const": "final"}}, "required": ["status"]},
    "then" = {"required": ["approved_by"], "properties": {"approved_by": {"required": ["cto", "ciso"]}}}))]
pub struct Quarter {
    /// `YYYY-QN`; must equal the folder name.
    #[schemars(regex(pattern = QUARTER))]
    pub quarter: S<String>,
    /// Drafts are built only with `--drafts`, and marked DRAFT.
    #[schemars(extend("enum" = QuarterStatus::NAMES))]
    pub status: S<String>,
    /// When it is presented, `YYYY-MM-DD`.
    #[schemars(regex(pattern = DATE))]
    pub board_meeting: S<String>,
    /// One line: the quarter in a sentence.
    pub headline: S<String>,
    /// Markdown: a short paragraph or a few bullets (at most 120 words).
    pub summary: S<String>,
    /// What the board is asked: each a sentence (a `discuss` ask), or a map with `type`,
    /// `text` and `about`.
    pub asks: Option<Vec<S<Ask>>>,
    /// The joint sign-off; required when final.
    pub approved_by: Option<S<SignOff>>,
}

/// The joint sign-off of a final quarter.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    pub cto: Option<S<String>>,
    pub ciso: Option<S<String>>,
}

/// An ask of the board as written: a sentence, or a map.
#[derive(Debug)]
pub enum Ask {
    Text(String),
    Full(AskMap),
}

/// An ask with its type and what it is about.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AskMap {
    /// What the board is asked to do.
    #[serde(rename = "type")]
    #[schemars(extend("enum" = AskType::NAMES))]
    pub kind: S<String>,
    /// The ask in one sentence.
    pub text: S<String>,
    /// The risks, investments, initiatives or incidents it concerns; each must exist in the
    /// quarter. A risk is named by an ask only here: an id in the text does not count.
    pub about: Option<Vec<S<String>>>,
    /// What the board decided; `publish` requires one on every `decide` and `approve` ask.
    /// Boxed: most asks have none, and the enum `Ask` stays small.
    pub decision: Option<Box<S<Decision>>>,
}

/// What the board decided on an ask.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    #[schemars(extend("enum" = Outcome::NAMES))]
    pub outcome: S<String>,
    /// The option chosen; only when the ask is `about` an investment.
    #[schemars(extend("enum" = Tier::NAMES))]
    pub option: Option<S<String>>,
    /// The amount approved, in the site currency.
    pub amount: Option<S<Amount>>,
    pub note: Option<S<String>>,
}

/// A money amount as written: a number, or text that `model` explains (`1.8M`, `420,000`).
#[derive(Debug, Clone, PartialEq)]
pub enum Amount {
    Number(f64),
    Text(String),
}

/// An action of the board's log (one file under actions/), carried until done or dropped.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// `A-` and digits; stable across quarters.
    #[schemars(regex(pattern = ACTION_ID))]
    pub id: S<String>,
    pub title: S<String>,
    pub owner: S<String>,
    /// `YYYY-MM-DD`.
    #[schemars(regex(pattern = DATE))]
    pub due: S<String>,
    #[schemars(extend("enum" = ActionStatus::NAMES))]
    pub status: S<String>,
    /// `YYYY-QN`: the quarter whose board meeting raised it; not later than this quarter.
    #[schemars(regex(pattern = QUARTER))]
    pub raised: S<String>,
    /// What it concerns: ids of the quarter's risks, investments, initiatives or incidents.
    pub about: Option<Vec<S<String>>>,
    pub note: Option<S<String>>,
}

pub(crate) type Trends = OrderedMap<S<String>, S<Reading>>;

/// A metric reading: a number, or a mapping with `value`, `monthly` and `note`.
#[derive(Debug)]
pub struct Reading {
    pub value: S<f64>,
    pub monthly: Option<Vec<S<f64>>>,
    pub note: Option<S<String>>,
}

/// A reading with detail.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct DetailedReading {
    /// The quarter's reading.
    value: S<f64>,
    /// Up to three monthly readings.
    #[schemars(length(max = 3))]
    monthly: Option<Vec<S<f64>>>,
    /// Shown beside the metric.
    note: Option<S<String>>,
}

/// A risk (one file under risks/). Score = impact × likelihood.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("allOf" = [
    {"if": {"properties": {"status": {"const": "accepted"}}, "required": ["status"]}, "then": {"required": ["exception"]}},
    {"if": {"properties": {"status": {"not": {"const": "closed"}}}, "required": ["status"]}, "then": {"required": ["due"]}}
]))]
pub struct Risk {
    /// `R-` and digits; stable across quarters.
    #[schemars(regex(pattern = RISK_ID))]
    pub id: S<String>,
    /// A few words.
    pub title: S<String>,
    /// The risk in at most two lines (200 characters).
    pub statement: S<String>,
    /// Business impact if it happens, 1 to 5.
    #[schemars(range(min = 1, max = 5))]
    pub impact: S<i64>,
    /// Chance in the next 12 months, 1 to 5.
    #[schemars(range(min = 1, max = 5))]
    pub likelihood: S<i64>,
    /// Accountable person or role.
    pub owner: S<String>,
    /// What is being done.
    pub mitigation: S<String>,
    /// When the mitigation lands, `YYYY-MM-DD`; required unless closed.
    #[schemars(regex(pattern = DATE))]
    pub due: Option<S<String>>,
    #[schemars(extend("enum" = RiskStatus::NAMES))]
    pub status: S<String>,
    /// The signed risk acceptance; required when accepted.
    pub exception: Option<S<Exception>>,
    /// A key of `[categories]` in quarterdeck.toml; required when the site defines categories.
    pub category: Option<S<String>>,
    /// Default `accept` when accepted, else `mitigate`; `accept` only when accepted.
    #[schemars(extend("enum" = Treatment::NAMES))]
    pub treatment: Option<S<String>>,
    /// Where the mitigation takes the risk by `due`; its score may not exceed today's.
    pub target: Option<S<Cell>>,
    /// The risk before any control; its score may not be below today's.
    pub inherent: Option<S<Cell>>,
    /// Money at risk: how often it happens and what it costs each time, as 90% ranges.
    pub loss: Option<S<Loss>>,
}

/// A cell of the matrix: an impact and a likelihood, each 1 to 5.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    #[schemars(range(min = 1, max = 5))]
    pub impact: S<i64>,
    #[schemars(range(min = 1, max = 5))]
    pub likelihood: S<i64>,
}

/// Money at risk: two 90% ranges, each `[low, high]` (the true value is below `low` one time in
/// twenty and above `high` one time in twenty), read as lognormal distributions.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Loss {
    /// Times a year it happens, `[low, high]`: above zero, at most 365.
    #[schemars(schema_with = "frequency_schema")]
    pub frequency: S<Vec<S<f64>>>,
    /// What it costs each time, in the site currency, `[low, high]`: above zero.
    #[schemars(schema_with = "magnitude_schema")]
    #[serde(deserialize_with = "super::numbers::money_list")]
    pub magnitude: S<Vec<S<f64>>>,
}

/// A 90% range: two numbers above zero, the first below the second (`model` checks the order).
fn range_schema(max: Option<f64>) -> Schema {
    let mut number = json!({ "type": "number", "exclusiveMinimum": 0 });
    if let Some(max) = max {
        number["maximum"] = json!(max);
    }
    json_schema!({
        "type": "array",
        "items": number,
        "minItems": 2,
        "maxItems": 2,
    })
}

fn frequency_schema(_: &mut SchemaGenerator) -> Schema {
    range_schema(Some(365.0))
}

fn magnitude_schema(_: &mut SchemaGenerator) -> Schema {
    range_schema(None)
}

/// A signed risk acceptance: every field is required.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    #[schemars(required)]
    pub reason: Option<S<String>>,
    /// `YYYY-MM-DD`.
    #[schemars(required, regex(pattern = DATE))]
    pub expires: Option<S<String>>,
    /// At least one.
    #[schemars(required, length(min = 1))]
    pub compensating_controls: Option<S<Vec<S<String>>>>,
    #[schemars(required)]
    pub approved_by: Option<S<ExceptionApproval>>,
    /// `YYYY-MM-DD`, on or before `expires`.
    #[schemars(required, regex(pattern = DATE))]
    pub review: Option<S<String>>,
    /// When it was signed, `YYYY-MM-DD` (default: the board meeting of the first quarter it
    /// appears in); the term runs from here to `expires`.
    #[schemars(regex(pattern = DATE))]
    pub signed: Option<S<String>>,
    /// The systems and users it covers.
    pub scope: Option<S<String>>,
    /// The last review held.
    pub reviewed: Option<S<Reviewed>>,
}

/// The last review of an exception held: when, and what it concluded.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reviewed {
    /// `YYYY-MM-DD`.
    #[schemars(regex(pattern = DATE))]
    pub on: S<String>,
    /// What the review concluded, e.g. "Renewed: the migration is on track".
    pub outcome: S<String>,
}

/// A policy exception that is not a risk acceptance (one file under exceptions/): the same
/// terms as a risk's exception, with what is waived and where.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyException {
    /// `EX-` and digits; stable across quarters.
    #[schemars(regex(pattern = EXCEPTION_ID))]
    pub id: S<String>,
    pub title: S<String>,
    /// The rule that is waived.
    pub policy: S<String>,
    /// The systems and users it covers.
    #[schemars(required)]
    pub scope: Option<S<String>>,
    /// The time-bound business reason.
    #[schemars(required)]
    pub reason: Option<S<String>>,
    /// `YYYY-MM-DD`.
    #[schemars(required, regex(pattern = DATE))]
    pub expires: Option<S<String>>,
    /// At least one.
    #[schemars(required, length(min = 1))]
    pub compensating_controls: Option<S<Vec<S<String>>>>,
    #[schemars(required)]
    pub approved_by: Option<S<ExceptionApproval>>,
    /// `YYYY-MM-DD`, on or before `expires`.
    #[schemars(required, regex(pattern = DATE))]
    pub review: Option<S<String>>,
    /// `YYYY-MM-DD` (default: the board meeting of the first quarter it appears in).
    #[schemars(regex(pattern = DATE))]
    pub signed: Option<S<String>>,
    /// The last review held.
    pub reviewed: Option<S<Reviewed>>,
    /// Risks it raises (must exist this quarter); the highest band among them sets its term.
    #[schemars(inner(regex(pattern = RISK_ID)))]
    pub risks: Option<Vec<S<String>>>,
}

/// The terms of an exception of either kind, as written: what `model` checks the same way for
/// a risk acceptance and a policy exception.
pub struct Terms<'a> {
    pub reason: Option<&'a S<String>>,
    pub expires: Option<&'a S<String>>,
    pub compensating_controls: Option<&'a S<Vec<S<String>>>>,
    pub approved_by: Option<&'a S<ExceptionApproval>>,
    pub review: Option<&'a S<String>>,
    pub signed: Option<&'a S<String>>,
    pub scope: Option<&'a S<String>>,
    pub reviewed: Option<&'a S<Reviewed>>,
}

impl Exception {
    pub fn terms(&self) -> Terms<'_> {
        Terms {
            reason: self.reason.as_ref(),
            expires: self.expires.as_ref(),
            compensating_controls: self.compensating_controls.as_ref(),
            approved_by: self.approved_by.as_ref(),
            review: self.review.as_ref(),
            signed: self.signed.as_ref(),
            scope: self.scope.as_ref(),
            reviewed: self.reviewed.as_ref(),
        }
    }
}

impl PolicyException {
    pub fn terms(&self) -> Terms<'_> {
        Terms {
            reason: self.reason.as_ref(),
            expires: self.expires.as_ref(),
            compensating_controls: self.compensating_controls.as_ref(),
            approved_by: self.approved_by.as_ref(),
            review: self.review.as_ref(),
            signed: self.signed.as_ref(),
            scope: self.scope.as_ref(),
            reviewed: self.reviewed.as_ref(),
        }
    }
}

/// Both signatures of a risk acceptance.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExceptionApproval {
    #[schemars(required)]
    pub engineering: Option<S<String>>,
    #[schemars(required)]
    pub security: Option<S<String>>,
}

/// An initiative (one file under initiatives/).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    /// `I-` and digits.
    #[schemars(regex(pattern = INITIATIVE_ID))]
    pub id: S<String>,
    pub title: S<String>,
    pub owner: S<String>,
    #[schemars(extend("enum" = InitiativeStatus::NAMES))]
    pub status: S<String>,
    /// Percent complete.
    #[schemars(range(min = 0, max = 100))]
    pub progress: S<i64>,
    /// Risks it lowers (must exist this quarter).
    #[schemars(inner(regex(pattern = RISK_ID)))]
    pub reduces: Option<Vec<S<String>>>,
    /// What it makes possible for the business.
    pub enables: Option<S<String>>,
    /// `YYYY-MM-DD`.
    #[schemars(regex(pattern = DATE))]
    pub due: S<String>,
}

/// An incident (one file under incidents/).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// e.g. `INC-2026-031`.
    pub id: S<String>,
    pub title: S<String>,
    /// sev1 is worst.
    #[schemars(extend("enum" = Severity::NAMES))]
    pub severity: S<String>,
    /// `YYYY-MM-DD`, in or before the quarter.
    #[schemars(regex(pattern = DATE))]
    pub occurred: S<String>,
    pub time_to_detect: S<Duration>,
    /// Measured from detection.
    pub time_to_contain: S<Duration>,
    pub customer_impact: S<String>,
    /// What changed because of it.
    pub learning: S<String>,
    /// Risks it touched.
    #[schemars(inner(regex(pattern = RISK_ID)))]
    pub risks: Option<Vec<S<String>>>,
    /// Follow-up actions in actions/.
    #[schemars(inner(regex(pattern = ACTION_ID)))]
    pub actions: Option<Vec<S<String>>>,
    /// Reports made under a `[reporting.*]` clock of quarterdeck.toml.
    pub notifications: Option<Vec<S<Notification>>>,
}

/// A report made under a notification clock: to whom, and when, counted from becoming aware.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notification {
    /// A key of `[reporting]` in quarterdeck.toml.
    #[schemars(regex(pattern = SLUG))]
    pub rule: S<String>,
    /// Who was told, e.g. "BSI" or "Data protection authority".
    pub to: S<String>,
    /// When the company became aware, `YYYY-MM-DDTHH:MM` (optionally with a UTC offset).
    #[schemars(regex(pattern = TIMESTAMP))]
    pub aware: S<String>,
    /// When the report was sent, same form; not before `aware`.
    #[schemars(regex(pattern = TIMESTAMP))]
    pub sent: S<String>,
}

/// A duration as written: a number of hours, or text such as `90m`, `6h`, `2d`.
#[derive(Debug, Clone, PartialEq)]
pub enum Duration {
    Hours(f64),
    Text(String),
}

/// An investment ask (one file under investments/).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Investment {
    /// `INV-` and digits.
    #[schemars(regex(pattern = INVESTMENT_ID))]
    pub id: S<String>,
    pub title: S<String>,
    /// The decision in one sentence.
    pub ask: S<String>,
    #[schemars(inner(regex(pattern = RISK_ID)))]
    pub reduces: Option<Vec<S<String>>>,
    #[schemars(extend("enum" = Tier::NAMES))]
    pub recommended: S<String>,
    // A map rather than three fields, so that `model` can say "exactly good/better/best"
    // about the whole set instead of serde's first missing or unknown key.
    #[schemars(schema_with = "tiers_schema")]
    pub options: S<OrderedMap<S<String>, S<InvestmentOption>>>,
}

/// Exactly `good`, `better` and `best`: the schema states what `model` checks.
fn tiers_schema(generator: &mut SchemaGenerator) -> Schema {
    let option = generator.subschema_for::<InvestmentOption>();
    let properties: serde_json::Map<_, _> = Tier::NAMES
        .iter()
        .map(|t| (t.to_string(), option.clone().to_value()))
        .collect();
    json_schema!({
        "description": "Exactly three options: good, better and best.",
        "type": "object",
        "properties": properties,
        "required": Tier::NAMES,
        "additionalProperties": false,
    })
}

/// One option of an investment ask.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InvestmentOption {
    /// In the site currency.
    #[schemars(range(min = 0))]
    #[serde(deserialize_with = "super::numbers::money")]
    pub cost: S<f64>,
    pub summary: S<String>,
    pub tradeoff: S<String>,
    #[schemars(extend("enum" = Residual::NAMES))]
    pub residual_risk: Option<S<String>>,
    /// How often `cost` is paid: `once` (the default) or every `year`.
    #[schemars(extend("enum" = CostPer::NAMES))]
    pub cost_per: Option<S<String>>,
    /// Percent (0 to 100) of the expected annual loss of the risks in `reduces` that this option
    /// removes.
    #[schemars(range(min = 0, max = 100))]
    pub loss_reduction: Option<S<f64>>,
}

/// Just the `id` of an item whose file failed to parse: other files may still refer to it,
/// and that should not be reported as a second error.
#[derive(Debug, Deserialize)]
pub(crate) struct IdOnly {
    pub id: Option<String>,
}

/// The front matter of a standing page (content/pages/*.md).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: S<String>,
    /// Position among the pages.
    pub order: Option<S<i64>>,
}

/// A YAML mapping kept in file order (the parser already refuses duplicate keys).
#[derive(Debug)]
pub struct OrderedMap<K, V>(pub Vec<(K, V)>);

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V2<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for V2<K, V> {
            type Value = OrderedMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OrderedMap(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedMap(entries))
            }
        }
        d.deserialize_map(V2(PhantomData))
    }
}

impl<'de> Deserialize<'de> for Reading {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Reading;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, or a mapping with `value`, `monthly` and `note`")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Reading, E> {
                Ok(Reading {
                    value: S(Spanned::new(
                        v,
                        serde_saphyr::Location::UNKNOWN,
                        serde_saphyr::Location::UNKNOWN,
                    )),
                    monthly: None,
                    note: None,
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Reading, E> {
                self.visit_f64(v as f64)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Reading, E> {
                self.visit_f64(v as f64)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Reading, A::Error> {
                let r = DetailedReading::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Reading {
                    value: r.value,
                    monthly: r.monthly,
                    note: r.note,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Ask {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ask;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sentence, or a mapping with `type`, `text` and `about`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Ask, E> {
                Ok(Ask::Text(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Ask, A::Error> {
                AskMap::deserialize(de::value::MapAccessDeserializer::new(map)).map(Ask::Full)
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let expecting = "an amount in the site currency, e.g. 1800000";
        number_or_text(d, expecting, Amount::Number, Amount::Text)
    }
}

impl JsonSchema for Amount {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "description": "In the site currency, written in full: 1800000.", "type": "number", "minimum": 0 })
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let expecting = "a duration such as `90m`, `6h`, `2d` or a number of hours";
        number_or_text(d, expecting, Duration::Hours, Duration::Text)
    }
}

/// A value written as a number or as text (`1800000` or `1.8M`, `6` or `6h`), kept as written
/// for the model to judge; `expecting` says what else is wrong.
fn number_or_text<'de, D: Deserializer<'de>, T>(
    d: D,
    expecting: &'static str,
    number: fn(f64) -> T,
    text: fn(String) -> T,
) -> Result<T, D::Error> {
    struct V<T> {
        expecting: &'static str,
        number: fn(f64) -> T,
        text: fn(String) -> T,
    }
    impl<T> Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
            Ok((self.number)(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
            Ok((self.number)(v as f64))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
            Ok((self.number)(v as f64))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.text)(v.to_string()))
        }
    }
    d.deserialize_any(V {
        expecting,
        number,
        text,
    })
}

// Hand-written schemas for the types that deserialize by hand.

impl<K, V: JsonSchema> JsonSchema for OrderedMap<K, V> {
    fn schema_name() -> Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "object", "additionalProperties": generator.subschema_for::<V>() })
    }
}

impl JsonSchema for Reading {
    fn schema_name() -> Cow<'static, str> {
        "Reading".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A metric reading: a number, or a mapping with `value`, `monthly` and `note`.",
            "anyOf": [{ "type": "number" }, generator.subschema_for::<DetailedReading>()],
        })
    }
}

impl JsonSchema for Ask {
    fn schema_name() -> Cow<'static, str> {
        "Ask".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A sentence (a `discuss` ask about nothing in particular), or a mapping with `type`, `text`, `about` and `decision`.",
            "anyOf": [{ "type": "string" }, generator.subschema_for::<AskMap>()],
        })
    }
}

impl JsonSchema for Duration {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "`90m`, `6h`, `2d`, or a plain number of hours.",
            "anyOf": [
                { "type": "number", "minimum": 0 },
                { "type": "string", "pattern": r"^\s*([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*[mhd]?\s*$" },
            ],
        })
    }
}
