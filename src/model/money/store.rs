//! What the trials of a quarter give, keyed by everything they depend on, so that a build can
//! take them from a store instead of drawing 20,000 years per risk again. The key and the
//! encoding are here (pure); where entries are kept is the caller's (`crate::money_cache`).
//!
//! The key is the SHA-256 of the quarter, of each risk's id, whether it is open and its ranges
//! (bit for bit), of the board's loss tolerance points (the portfolio's chance at each amount is
//! counted from the trials) and of [`VERSION`]: any change to what the trials would draw is a new key, so
//! an entry is never stale, only unused. Figures are kept as the bits of their `f64`s, so a
//! figure from the store is the very figure the trials gave.

use super::{CurvePoint, Portfolio, ToleranceCheck, TolerancePoint, MAX_RATE, TRIALS};
use crate::model::scalar::QuarterId;
use crate::model::types::{Risk, RiskStatus};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Bumped whenever the trials would draw other numbers for the same input (the generator, the
/// seeding, the maths, the curve's points) or an entry holds other figures (2: the portfolio's
/// chance at each loss tolerance point; 3: the lognormals drawn with `exp2`, last bits apart).
pub(crate) const VERSION: u32 = 3;

pub(crate) type Key = [u8; 32];

/// What the trials give for one quarter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Drawn {
    /// The 1-in-20 loss of each risk of the quarter, in its order; none for a risk without `loss`.
    pub one_in_20: Vec<Option<f64>>,
    pub portfolio: Option<Portfolio>,
}

/// Where drawn quarters are kept between builds.
pub(crate) trait Store: Sync {
    fn get(&self, key: &Key) -> Option<Drawn>;
    fn put(&self, key: &Key, drawn: &Drawn);
}

/// No store: every build draws its trials.
pub(crate) struct NoStore;

impl Store for NoStore {
    fn get(&self, _: &Key) -> Option<Drawn> {
        None
    }
    fn put(&self, _: &Key, _: &Drawn) {}
}

/// The key of `risks` in `quarter`, held against `tolerance`: the SHA-256 of their figures as
/// bits, each list after its length and each id after its length, so that no two inputs read
/// alike. Hashed as bytes rather than written out as text first: the text cost twice what
/// reading the entry does, on every build.
pub(crate) fn key(quarter: QuarterId, risks: &[Risk], tolerance: &[TolerancePoint]) -> Key {
    let mut h = Sha256::new();
    h.update(format!("quarterdeck money {VERSION}\n{TRIALS} {MAX_RATE}\n{quarter}\n").as_bytes());
    let count = |h: &mut Sha256, n: usize| h.update((n as u64).to_le_bytes());
    let bits = |h: &mut Sha256, v: f64| h.update(v.to_bits().to_le_bytes());
    count(&mut h, tolerance.len());
    for t in tolerance {
        bits(&mut h, t.amount);
        bits(&mut h, t.percent);
    }
    count(&mut h, risks.len());
    for r in risks {
        count(&mut h, r.id.len());
        h.update(r.id.as_bytes());
        let Some(l) = &r.loss else {
            h.update(b"-");
            continue;
        };
        h.update(if r.status == RiskStatus::Closed {
            b"c"
        } else {
            b"o"
        });
        for v in [
            l.frequency.low,
            l.frequency.high,
            l.magnitude.low,
            l.magnitude.high,
        ] {
            bits(&mut h, v);
        }
    }
    h.finalize().into()
}

pub(crate) fn hex(key: &Key) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(2 * key.len());
    for b in key {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// An entry as kept: the figures as `f64` bits in hexadecimal, with the key and version that
/// made them, so that a file under another name, or of another version, is not taken. Written
/// with `String`s and read back borrowing from the file's text (`&str`): the hex digits need no
/// unescaping, and a string per figure was most of what reading an entry cost.
#[derive(Serialize, Deserialize)]
struct Entry<S> {
    version: u32,
    key: S,
    one_in_20: Vec<Option<S>>,
    portfolio: Option<PortfolioEntry<S>>,
}

#[derive(Serialize, Deserialize)]
struct PortfolioEntry<S> {
    expected_annual_loss: S,
    loss_1_in_20: S,
    risks: usize,
    /// (amount, chance) pairs.
    curve: Vec<(S, S)>,
    /// (amount, percent accepted, chance) of each tolerance point.
    tolerance: Vec<(S, S, S)>,
}

fn bits(v: f64) -> String {
    format!("{:016x}", v.to_bits())
}

fn value(s: &str) -> Option<f64> {
    (s.len() == 16)
        .then(|| u64::from_str_radix(s, 16).ok())
        .flatten()
        .map(f64::from_bits)
}

pub(crate) fn encode(key: &Key, d: &Drawn) -> String {
    let entry = Entry {
        version: VERSION,
        key: hex(key),
        one_in_20: d.one_in_20.iter().map(|v| v.map(bits)).collect(),
        portfolio: d.portfolio.as_ref().map(|p| PortfolioEntry {
            expected_annual_loss: bits(p.expected_annual_loss),
            loss_1_in_20: bits(p.loss_1_in_20),
            risks: p.risks,
            curve: p
                .curve
                .iter()
                .map(|c| (bits(c.amount), bits(c.chance)))
                .collect(),
            tolerance: p
                .tolerance
                .iter()
                .map(|t| (bits(t.point.amount), bits(t.point.percent), bits(t.chance)))
                .collect(),
        }),
    };
    serde_json::to_string(&entry).unwrap_or_default()
}

/// The figures in `text`, when it is an entry of this version made for `key`.
pub(crate) fn decode(key: &Key, text: &str) -> Option<Drawn> {
    let e: Entry<&str> = serde_json::from_str(text).ok()?;
    if e.version != VERSION || e.key != hex(key) {
        return None;
    }
    let one_in_20 = e
        .one_in_20
        .iter()
        .map(|v| v.map(value).map_or(Some(None), |x| x.map(Some)))
        .collect::<Option<Vec<_>>>()?;
    let portfolio = match e.portfolio {
        None => None,
        Some(p) => Some(Portfolio {
            expected_annual_loss: value(p.expected_annual_loss)?,
            loss_1_in_20: value(p.loss_1_in_20)?,
            risks: p.risks,
            curve: p
                .curve
                .iter()
                .map(|(a, c)| {
                    Some(CurvePoint {
                        amount: value(a)?,
                        chance: value(c)?,
                    })
                })
                .collect::<Option<_>>()?,
            tolerance: p
                .tolerance
                .iter()
                .map(|(a, pct, c)| {
                    Some(ToleranceCheck {
                        point: TolerancePoint {
                            amount: value(a)?,
                            percent: value(pct)?,
                        },
                        chance: value(c)?,
                    })
                })
                .collect::<Option<_>>()?,
        }),
    };
    Some(Drawn {
        one_in_20,
        portfolio,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_reads_back_bit_for_bit_and_only_under_its_key() {
        let d = Drawn {
            one_in_20: vec![Some(0.1 + 0.2), None, Some(-0.0)],
            portfolio: Some(Portfolio {
                expected_annual_loss: 406_776.891_234_5,
                loss_1_in_20: 2_507_015.429_789_264_7,
                curve: vec![CurvePoint {
                    amount: 1e4,
                    chance: 0.237_55,
                }],
                risks: 2,
                tolerance: vec![ToleranceCheck {
                    point: TolerancePoint {
                        amount: 1e7,
                        percent: 10.0,
                    },
                    chance: 0.142_05,
                }],
            }),
        };
        let k = [7; 32];
        let text = encode(&k, &d);
        assert_eq!(decode(&k, &text), Some(d.clone()));
        assert_eq!(decode(&[8; 32], &text), None, "another key");
        assert_eq!(
            decode(&k, &text.replace("\"version\":3", "\"version\":2")),
            None
        );
        assert_eq!(decode(&k, "not json"), None);
        let cut = &text[..text.len() - 20];
        assert_eq!(decode(&k, cut), None);
    }

    #[test]
    fn a_key_names_its_file_in_lowercase_hex() {
        let mut k = [0u8; 32];
        k[0] = 0x0f;
        k[1] = 0xa0;
        k[31] = 0xff;
        let h = hex(&k);
        assert_eq!(h.len(), 64);
        assert!(h.starts_with("0fa000"), "{h}");
        assert!(h.ends_with("00ff"), "{h}");
        let written: String = k.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(h, written);
    }

    #[test]
    fn the_key_changes_with_anything_the_trials_depend_on() {
        use crate::model::testing::{loss, risk};
        let r = risk("R-1")
            .likelihood(3)
            .impact(4)
            .loss(loss((0.1, 0.5), (1e5, 1e6)));
        let q = QuarterId::parse("2026-Q3").unwrap();
        let base = key(q, std::slice::from_ref(&r), &[]);
        assert_eq!(base, key(q, std::slice::from_ref(&r), &[]));
        assert_ne!(
            base,
            key(
                QuarterId::parse("2026-Q4").unwrap(),
                std::slice::from_ref(&r),
                &[]
            )
        );
        let mut closed = r.clone();
        closed.status = RiskStatus::Closed;
        assert_ne!(base, key(q, &[closed], &[]));
        let mut wider = r.clone();
        if let Some(l) = wider.loss.as_mut() {
            l.magnitude.high = 1.000_000_1e6;
        }
        assert_ne!(base, key(q, &[wider], &[]));
        // The score is not an input of the trials: changing it keeps the key.
        let mut rescored = r.clone();
        rescored.impact = 1;
        assert_eq!(base, key(q, &[rescored], &[]));
        // The board's loss tolerance decides which chances the entry holds.
        let point = |percent| TolerancePoint {
            amount: 1e7,
            percent,
        };
        let tolerant = key(q, std::slice::from_ref(&r), &[point(10.0)]);
        assert_ne!(base, tolerant);
        assert_ne!(tolerant, key(q, std::slice::from_ref(&r), &[point(5.0)]));
        // Ids are told apart where they end: `AB`, `C` is not `A`, `BC`.
        assert_ne!(
            key(q, &[risk("AB"), risk("C")], &[]),
            key(q, &[risk("A"), risk("BC")], &[])
        );
    }
}
