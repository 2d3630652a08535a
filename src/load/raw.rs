//! Serde mirrors of the content files: exactly the fields of the contract, unknown fields
//! refused, every value kept with its position so that `model` can point at it.
//!
//! Values are kept loose here (dates and enums as strings, scores as integers): checking them
//! belongs to `model`, which reports all problems of a file rather than the first.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::fmt;
use std::marker::PhantomData;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: S<String>,
    pub name: S<String>,
    pub unit: S<String>,
    pub better: S<String>,
    pub target: Option<S<f64>>,
    pub flat_band: Option<S<f64>>,
    pub owner: S<String>,
    pub description: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quarter {
    pub quarter: S<String>,
    pub status: S<String>,
    pub board_meeting: S<String>,
    pub headline: S<String>,
    pub summary: S<String>,
    pub asks: Option<Vec<S<String>>>,
    pub approved_by: Option<S<SignOff>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    pub cto: Option<S<String>>,
    pub ciso: Option<S<String>>,
}

pub type Trends = OrderedMap<S<String>, S<Reading>>;

#[derive(Debug)]
pub struct Reading {
    pub value: S<f64>,
    pub monthly: Option<Vec<S<f64>>>,
    pub note: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DetailedReading {
    value: S<f64>,
    monthly: Option<Vec<S<f64>>>,
    note: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: S<String>,
    pub title: S<String>,
    pub statement: S<String>,
    pub impact: S<i64>,
    pub likelihood: S<i64>,
    pub owner: S<String>,
    pub mitigation: S<String>,
    pub due: Option<S<String>>,
    pub status: S<String>,
    pub exception: Option<S<Exception>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    pub reason: Option<S<String>>,
    pub expires: Option<S<String>>,
    pub compensating_controls: Option<S<Vec<S<String>>>>,
    pub approved_by: Option<S<ExceptionApproval>>,
    pub review: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionApproval {
    pub engineering: Option<S<String>>,
    pub security: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    pub id: S<String>,
    pub title: S<String>,
    pub owner: S<String>,
    pub status: S<String>,
    pub progress: S<i64>,
    pub reduces: Option<Vec<S<String>>>,
    pub enables: Option<S<String>>,
    pub due: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    pub id: S<String>,
    pub title: S<String>,
    pub severity: S<String>,
    pub occurred: S<String>,
    pub time_to_detect: S<Duration>,
    pub time_to_contain: S<Duration>,
    pub customer_impact: S<String>,
    pub learning: S<String>,
    pub risks: Option<Vec<S<String>>>,
}

/// A duration as written: a number of hours, or text such as `90m`, `6h`, `2d`.
#[derive(Debug, Clone, PartialEq)]
pub enum Duration {
    Hours(f64),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Investment {
    pub id: S<String>,
    pub title: S<String>,
    pub ask: S<String>,
    pub reduces: Option<Vec<S<String>>>,
    pub recommended: S<String>,
    /// A map rather than three fields, so that `model` can say "exactly good/better/best"
    /// about the whole set instead of serde's first missing or unknown key.
    pub options: S<OrderedMap<S<String>, S<InvestmentOption>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvestmentOption {
    pub cost: S<f64>,
    pub summary: S<String>,
    pub tradeoff: S<String>,
    pub residual_risk: Option<S<String>>,
}

/// Just the `id` of an item whose file failed to parse: other files may still refer to it,
/// and that should not be reported as a second error.
#[derive(Debug, Deserialize)]
pub struct IdOnly {
    pub id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: S<String>,
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
                    value: Spanned::new(
                        v,
                        serde_saphyr::Location::UNKNOWN,
                        serde_saphyr::Location::UNKNOWN,
                    ),
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

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Duration;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration such as `90m`, `6h`, `2d` or a number of hours")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Duration, E> {
                Ok(Duration::Hours(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Duration, E> {
                Ok(Duration::Hours(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Duration, E> {
                Ok(Duration::Hours(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Duration, E> {
                Ok(Duration::Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}
