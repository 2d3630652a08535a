//! The closed vocabularies of the content files (statuses, severities, tiers…): the words a
//! file may use, shared by `load` (for the schema) and `model` (for validation), so that
//! neither stage imports the other to agree on them.

use serde::Serialize;

/// Declares a closed set of words written in YAML, with parsing and the list for messages.
macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }
        impl $name {
            pub const NAMES: &'static [&'static str] = &[$($text),+];
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some(Self::$variant),)+ _ => None }
            }
            pub fn as_str(&self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }
    };
}

word_enum!(Better { Higher = "higher", Lower = "lower" });
word_enum!(MetricOwner { Cto = "cto", Ciso = "ciso", Joint = "joint" });
word_enum!(QuarterStatus { Draft = "draft", Final = "final" });
word_enum!(RiskStatus { Open = "open", Mitigating = "mitigating", Accepted = "accepted", Closed = "closed" });
word_enum!(InitiativeStatus { OnTrack = "on_track", AtRisk = "at_risk", OffTrack = "off_track", Done = "done" });
word_enum!(Severity { Sev1 = "sev1", Sev2 = "sev2", Sev3 = "sev3", Sev4 = "sev4" });
word_enum!(Tier { Good = "good", Better = "better", Best = "best" });
word_enum!(Residual { Low = "low", Medium = "medium", High = "high" });
word_enum!(AskType { Decide = "decide", Approve = "approve", Endorse = "endorse", Note = "note", Discuss = "discuss" });
// What the board decided on an ask, and where an action of its log stands.
word_enum!(Outcome { Approved = "approved", Rejected = "rejected", Deferred = "deferred", Noted = "noted" });
word_enum!(ActionStatus { Open = "open", Done = "done", Dropped = "dropped" });
word_enum!(Treatment { Mitigate = "mitigate", Accept = "accept", Transfer = "transfer", Avoid = "avoid" });
// A cell's band in `[matrix] bands`, lowest first (the order is the ramp of the heat map).
word_enum!(Band { Low = "low", Medium = "medium", High = "high", Critical = "critical" });

impl AskType {
    /// `decide` and `approve` ask the board to take a decision; the others do not.
    pub fn is_decision(self) -> bool {
        matches!(self, AskType::Decide | AskType::Approve)
    }
}

impl Band {
    pub const ALL: [Band; 4] = [Band::Low, Band::Medium, Band::High, Band::Critical];

    /// The letter of `[matrix] bands` (`L`, `M`, `H`, `C`).
    pub fn from_letter(c: char) -> Option<Band> {
        match c {
            'L' => Some(Band::Low),
            'M' => Some(Band::Medium),
            'H' => Some(Band::High),
            'C' => Some(Band::Critical),
            _ => None,
        }
    }

    pub fn letter(self) -> char {
        match self {
            Band::Low => 'L',
            Band::Medium => 'M',
            Band::High => 'H',
            Band::Critical => 'C',
        }
    }
}

word_enum!(
    /// How often an investment option's `cost` is paid.
    CostPer { Once = "once", Year = "year" }
);

impl CostPer {
    /// The default, left out of `data.json`.
    pub fn is_once(&self) -> bool {
        *self == CostPer::Once
    }
}
