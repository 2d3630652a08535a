//! The printed one-pager fits one page, and uses it: every field prints in full while the page
//! has room; a page that would run over first prints its tables a half point smaller, and only
//! then shortens fields, least important first and each no more than it must (every word stays
//! on the web page, in data.json and in the register). Decided here, from the quarter's text
//! measured in the embedded font against a model of the print layout (`page`), so the same
//! input always prints the same way and the page needs no script. The template marks each
//! field this decides to shorten (`fit.cut`), and only those.

mod input;
mod page;
pub(super) mod text;

pub(super) use input::layout;
pub(super) use page::{Field, Layout};

use crate::config::Paper;
use serde::Serialize;
use std::collections::BTreeMap;

/// The room the model keeps free at the page's foot for what it cannot know exactly (kerning,
/// the browser's rounding; it is within a millimetre on the checked sites): a page estimated
/// fuller than this shortens something. The layout check allows the same margin.
pub(super) const MARGIN_MM: f64 = 2.0;

/// How many rows each section prints at most; the rows past a cap are left off the page and
/// its heading says how many more the web version has.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub(super) struct Caps {
    pub metrics: usize,
    pub initiatives: usize,
    pub incidents: usize,
    pub investments: usize,
    pub asks: usize,
}

pub(super) const CAPS: Caps = Caps {
    metrics: 12,
    initiatives: 6,
    incidents: 3,
    investments: 3,
    asks: 5,
};

/// What the printed one-pager does, for the template.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub(super) struct PrintFit {
    pub caps: Caps,
    /// Tables print at 6.5 pt instead of 7 pt (class `print-small`).
    pub small: bool,
    /// The lines a shortened field keeps, by field name (`risk-2-title`, `summary`, …); a field
    /// not named prints in full.
    pub cut: BTreeMap<String, u32>,
    /// The estimated height of the printed page's content, in mm (`data-print-estimate`, which
    /// the layout check compares with the browser's).
    pub estimate: f64,
    /// The page's height less the margins, in mm.
    pub page: f64,
    /// The estimate block by block (`data-print-parts`), for the layout check's report.
    pub parts: String,
}

/// The page's printable height (the paper less 10 mm margins), in mm.
pub(super) fn page_height(paper: Paper) -> f64 {
    match paper {
        Paper::A4 => 297.0 - 20.0,
        Paper::Letter => 279.4 - 20.0,
    }
}

/// The page's printable width, in mm.
pub(super) fn page_width(paper: Paper) -> f64 {
    match paper {
        Paper::A4 => 210.0 - 20.0,
        Paper::Letter => 215.9 - 20.0,
    }
}

/// Decides the print of one one-pager from its fields (`layout`).
pub(super) fn decide(layout: &Layout, paper: Paper) -> PrintFit {
    let room = page_height(paper) - MARGIN_MM;
    let width = page_width(paper);
    // The page as printed with `caps`, `small` and `cut`, from its `fields` as measured for it.
    let fit = |layout: &Layout, fields: &[Field], caps: Caps, small, cut| {
        let parts = layout.parts_of(fields, width, small, &cut);
        PrintFit {
            caps,
            small,
            estimate: parts.iter().map(|p| p.1).sum(),
            parts: describe(&parts),
            cut,
            page: page_height(paper),
        }
    };
    for small in [false, true] {
        let whole = fit(
            layout,
            &layout.fields(width, small),
            CAPS,
            small,
            BTreeMap::new(),
        );
        if whole.estimate <= room {
            return whole;
        }
    }
    // Shortened: from every field at its least (on a page that cannot hold even that, at its
    // floor; on one that cannot hold that, with fewer rows), lines are given back.
    let mut last = None;
    for caps in fewer_rows() {
        let layout = layout.within(&caps);
        let fields = layout.fields(width, true);
        for floor in [false, true] {
            let cut: BTreeMap<String, u32> = fields
                .iter()
                .map(|f| (f.name.clone(), if floor { f.floor } else { f.least }))
                .filter(|(name, n)| fields.iter().any(|f| &f.name == name && f.lines > *n))
                .collect();
            if layout.height_of(&fields, width, true, &cut) <= room {
                let cut = give_back(&layout, &fields, cut, width, room);
                return fit(&layout, &fields, caps, true, cut);
            }
            last = Some((layout.clone(), fields.clone(), caps.clone(), cut));
        }
    }
    // Nothing fits (a page of extreme text): the fewest rows, every field at its floor.
    let (layout, fields, caps, cut) = last.expect("fewer_rows gives at least one step");
    fit(&layout, &fields, caps, true, cut)
}

/// Lines given back to the shortened fields while the page holds them: kind by kind, most
/// important first (the risks' titles, then their statements, the decisions asked, …), and
/// within a kind a line to each field in turn, so that the five risk titles share what room
/// there is rather than the first taking it all.
fn give_back(
    layout: &Layout,
    fields: &[Field],
    mut cut: BTreeMap<String, u32>,
    width: f64,
    room: f64,
) -> BTreeMap<String, u32> {
    let kind = |name: &str| -> String { name.chars().filter(|c| !c.is_ascii_digit()).collect() };
    let mut kinds: Vec<String> = Vec::new();
    for f in fields {
        if !kinds.contains(&kind(&f.name)) {
            kinds.push(kind(&f.name));
        }
    }
    for k in kinds {
        let same: Vec<&Field> = fields.iter().filter(|f| kind(&f.name) == k).collect();
        loop {
            let mut gave = false;
            for f in &same {
                let Some(&now) = cut.get(&f.name) else {
                    continue;
                };
                let mut trial = cut.clone();
                if now + 1 >= f.lines {
                    trial.remove(&f.name);
                } else {
                    trial.insert(f.name.clone(), now + 1);
                }
                if layout.height_of(fields, width, true, &trial) <= room {
                    cut = trial;
                    gave = true;
                }
            }
            if !gave {
                break;
            }
        }
    }
    cut
}

/// The row caps from the usual ones down, a section at a time, for a page whose fields even at
/// their floor do not fit: investment asks and incidents first (the web version and the board
/// pack have them in full), the decisions asked of the board never.
fn fewer_rows() -> Vec<Caps> {
    let mut steps = vec![CAPS];
    let mut c = CAPS;
    for step in [
        |c: &mut Caps| c.investments = 2,
        |c: &mut Caps| c.incidents = 2,
        |c: &mut Caps| c.initiatives = 4,
        |c: &mut Caps| c.investments = 1,
        |c: &mut Caps| c.incidents = 1,
        |c: &mut Caps| c.metrics = 8,
        |c: &mut Caps| c.initiatives = 2,
        |c: &mut Caps| c.metrics = 5,
    ] {
        step(&mut c);
        steps.push(c.clone());
    }
    steps
}

/// "head 32.9 risks 60.5 …": each block's estimated height, in mm.
fn describe(parts: &[(&str, f64)]) -> String {
    let each: Vec<String> = parts.iter().map(|(n, h)| format!("{n} {h:.1}")).collect();
    each.join(" ")
}

#[cfg(test)]
mod tests {
    use super::page::{IncidentRow, InitiativeRow, InvestmentRow, MetricRow, RiskRow};
    use super::*;

    /// A page of `risks` top risks and `asks` decisions, each `words` words long.
    fn layout(risks: usize, asks: usize, words: usize) -> Layout {
        let text = |seed: usize| -> String {
            (0..words)
                .map(|k| {
                    ["board", "ransomware", "Bestandsführungssystem", "vendor"][(k + seed) % 4]
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        Layout {
            org: "Northwind Freight".into(),
            title: "Security report 2026-Q3".into(),
            headline: text(1),
            summary: vec![(text(2), false)],
            risk_head: ["Risk".into(), "Statement".into(), "Score".into()],
            risks: (0..risks)
                .map(|i| RiskRow {
                    title: text(i),
                    statement: text(i + 1),
                    owner: "CISO · due 1 March 2027".into(),
                    above: None,
                    eal: None,
                })
                .collect(),
            heatmap: (292.0, 247.0),
            investments: vec![InvestmentRow {
                ask: text(3),
                options: "Good $1 · Better $2 · Best $3".into(),
                why: text(4),
            }],
            asks: (0..asks).map(text).collect(),
            ..Layout::default()
        }
    }

    #[test]
    fn a_page_with_room_prints_everything_in_full() {
        let fit = decide(&layout(3, 2, 8), Paper::A4);
        assert!(!fit.small && fit.cut.is_empty(), "{fit:?}");
        assert!(fit.estimate < page_height(Paper::A4) - MARGIN_MM);
        assert_eq!(fit.caps, CAPS);
    }

    #[test]
    fn a_full_page_shrinks_then_shortens_no_more_than_it_must() {
        let full = layout(5, 5, 60);
        let fit = decide(&full, Paper::Letter);
        assert!(fit.small && !fit.cut.is_empty(), "{fit:?}");
        let room = page_height(Paper::Letter) - MARGIN_MM;
        assert!(fit.estimate <= room, "{}", fit.estimate);
        // No shortened field could have a line back: each would run over.
        let width = page_width(Paper::Letter);
        let fields = full.fields(width, true);
        for (name, &n) in &fit.cut {
            let mut more = fit.cut.clone();
            more.insert(name.clone(), n + 1);
            assert!(
                full.height_of(&fields, width, true, &more) > room,
                "{name} had room"
            );
        }
        // The risks' titles are served before the decisions, and deterministically.
        assert_eq!(fit, decide(&full, Paper::Letter));
    }

    #[test]
    fn a_page_that_cannot_hold_its_fields_prints_fewer_rows() {
        let mut huge = layout(5, 5, 60);
        // A chart taller than usual leaves the rest of the page less room.
        huge.heatmap = (292.0, 600.0);
        let long = huge.headline.clone();
        huge.investments = vec![huge.investments[0].clone(); 3];
        huge.metrics = vec![
            MetricRow {
                name: long.clone(),
                cells: Default::default()
            };
            12
        ];
        huge.initiatives = vec![
            InitiativeRow {
                title: long.clone(),
                reach: long.clone(),
                ..Default::default()
            };
            6
        ];
        huge.incidents = vec![
            IncidentRow {
                title: long.clone(),
                learning: long.clone(),
                ..Default::default()
            };
            3
        ];
        let fit = decide(&huge, Paper::Letter);
        assert!(fit.caps.investments < CAPS.investments, "{:?}", fit.caps);
        assert_eq!(
            fit.caps.asks, CAPS.asks,
            "the decisions asked are never left off"
        );
    }
}
