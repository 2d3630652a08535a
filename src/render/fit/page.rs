//! A model of the printed one-pager's height: the page as assets/style.css lays it out for print
//! (its `@media print` rules), block by block, each text field's lines counted in its column.
//! The numbers here mirror that CSS; the layout check (tests/browser/layout.mjs) compares the
//! estimate with the browser's page on every checked site, so a change to one shows in the other.

use super::text::{lines, Weight, MM_PER_PT};
use std::collections::BTreeMap;

/// The one-pager's printed text, as the template prints it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    /// Organization, then the title line (title and quarter), and the DRAFT mark after it.
    pub org: String,
    pub title: String,
    pub draft: Option<String>,
    /// Board meeting, sign-off.
    pub meta: [String; 2],
    pub restated: Option<String>,
    pub headline: String,
    /// The summary's paragraphs and list items, each with whether it is a list item.
    pub summary: Vec<(String, bool)>,
    /// The risks table's column headings: risk, statement, score.
    pub risk_head: [String; 3],
    pub risks: Vec<RiskRow>,
    pub metrics: Vec<MetricRow>,
    /// The heat map's drawing, width and height in its units.
    pub heatmap: (f64, f64),
    pub initiatives: Vec<InitiativeRow>,
    pub incidents: Vec<IncidentRow>,
    pub investments: Vec<InvestmentRow>,
    pub asks: Vec<String>,
    /// "Since the last meeting" as one paragraph; none on a site's first quarter.
    pub since: Option<String>,
    /// Money at risk above the board's loss tolerance, under the top risks' heading: its lead
    /// (in bold) and its sentence; none within tolerance.
    pub money: Option<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct RiskRow {
    /// The title (under the marker and id, on a line of their own).
    pub title: String,
    pub statement: String,
    /// Owner, due date and an accepted risk's expiry.
    pub owner: String,
    /// The "above appetite" mark, when the risk is.
    pub above: Option<String>,
    /// "≈ $424k a year" under the score, when the risk has `loss`.
    pub eal: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct MetricRow {
    pub name: String,
    /// Value, target, met, direction and owner: columns as wide as their widest entry.
    pub cells: [String; 5],
}

#[derive(Debug, Clone, Default)]
pub(crate) struct InitiativeRow {
    /// Title and id.
    pub title: String,
    pub status: String,
    /// What it reduces and enables.
    pub reach: String,
    pub due: String,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct IncidentRow {
    /// Severity, title and id.
    pub title: String,
    pub detect: String,
    pub contain: String,
    pub learning: String,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct InvestmentRow {
    /// Title, id and the ask.
    pub ask: String,
    /// The three options on one line.
    pub options: String,
    /// The recommended option's summary, tradeoff and residual risk.
    pub why: String,
}

/// A text field that may be shortened: its name (as the template knows it), the lines it takes
/// in full, and the fewest it may be shortened to.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub name: String,
    pub lines: u32,
    pub least: u32,
    pub floor: u32,
}

/// Line height in mm of `pt` points at line-height `lh`.
fn lh(pt: f64, lh: f64) -> f64 {
    pt * lh * MM_PER_PT
}

const BODY: f64 = 7.5;
const SMALL: f64 = 6.5;
/// A risk's owner line (6.5 pt, set in a 7 pt cell).
const OWNER_LINE: f64 = 2.65;
/// Cell padding right (`th, td`), and top plus bottom with the rule under each row (0.14 mm
/// and 0.5 pt, which the browser rounds to its pixels: measured 0.26 to 0.40 mm a row).
const PAD_X: f64 = 1.3;
const ROW_Y: f64 = 0.35;
/// A section's heading: margin above, its line, the rule and the space under it.
const SECTION: f64 = 0.6 + 7.8 * 1.15 * MM_PER_PT + 0.8 * MM_PER_PT + 0.3;
/// The heat map's column and the gap beside it (`.onepager` grid).
const HEATMAP_MM: f64 = 62.0;
const GAP: f64 = 3.5;

/// Columns of the fixed tables, in mm (assets/style.css, print).
const RISK_ID: f64 = 36.0;
const RISK_SCORE: f64 = 23.0;
const INIT_TITLE: f64 = 56.0;
const INIT_STATUS: f64 = 29.0;
const INIT_DUE: f64 = 30.0;
const INC_TITLE: f64 = 70.0;
const INC_TIME: f64 = 19.0;

/// A field's lines, unless the cut names fewer.
fn take(cut: &BTreeMap<String, u32>, name: &str, lines: u32) -> u32 {
    cut.get(name).map_or(lines, |&c| c.min(lines))
}

impl Layout {
    /// The table text size: 7 pt, or 6.5 pt on a page printed small.
    fn table_pt(small: bool) -> f64 {
        if small {
            6.5
        } else {
            7.0
        }
    }

    /// Every field that may be shortened, most important first, with its lines in full on a
    /// page `width` mm wide, the fewest it is shortened to, and the fewest on a page that
    /// cannot hold even that (`floor`).
    pub(crate) fn fields(&self, width: f64, small: bool) -> Vec<Field> {
        let t = Self::table_pt(small);
        let mut out = Vec::new();
        let mut add = |name: String, lines: u32, (least, floor): (u32, u32)| {
            out.push(Field {
                name,
                lines,
                least,
                floor,
            });
        };
        let risk = self.risk_columns(width);
        for (i, r) in self.risks.iter().enumerate() {
            // The marker and id have a line of their own above the title.
            let title = lines(&r.title, risk.0 - 0.6, t, Weight::SemiBold, 0.0);
            add(format!("risk-{i}-title"), 1 + title, (3, 2));
            let statement = lines(&r.statement, risk.1, t, Weight::Regular, 0.0);
            add(format!("risk-{i}-statement"), statement, (2, 2));
        }
        for (i, a) in self.asks.iter().enumerate() {
            add(format!("ask-{i}"), self.ask_lines(a, width), (2, 1));
        }
        let headline = lines(&self.headline, width, 8.5, Weight::SemiBold, 0.0);
        add("headline".into(), headline, (2, 1));
        add("summary".into(), self.summary_lines(width), (6, 4));
        let name = self.metric_name_width(width, t);
        for (i, m) in self.metrics.iter().enumerate() {
            add(
                format!("metric-{i}"),
                lines(&m.name, name, t, Weight::SemiBold, 0.0),
                (1, 1),
            );
        }
        for (i, r) in self.risks.iter().enumerate() {
            let owner = lines(&r.owner, risk.1, SMALL, Weight::Regular, 0.0);
            add(format!("risk-{i}-owner"), owner, (1, 1));
        }
        let reach = width - INIT_TITLE - INIT_STATUS - INIT_DUE - PAD_X;
        for (i, r) in self.initiatives.iter().enumerate() {
            let title = lines(&r.title, INIT_TITLE - PAD_X, t, Weight::SemiBold, 0.0);
            add(format!("init-{i}-title"), title, (1, 1));
            let reach = lines(&r.reach, reach - PAD_X, t, Weight::Regular, 0.0);
            add(format!("init-{i}-reach"), reach, (1, 1));
        }
        let learn = width - INC_TITLE - 2.0 * INC_TIME;
        for (i, r) in self.incidents.iter().enumerate() {
            let title = lines(&r.title, INC_TITLE - PAD_X, t, Weight::SemiBold, 0.0);
            add(format!("inc-{i}-title"), title, (2, 1));
            let learning = lines(&r.learning, learn, t, Weight::Regular, 0.0);
            add(format!("inc-{i}-learning"), learning, (2, 1));
        }
        for (i, r) in self.investments.iter().enumerate() {
            add(
                format!("inv-{i}-ask"),
                lines(&r.ask, width, t, Weight::Regular, 0.0),
                (1, 1),
            );
            let why = lines(
                &r.why,
                self.why_width(width, t, r),
                SMALL,
                Weight::Regular,
                0.0,
            );
            add(format!("inv-{i}-why"), why, (1, 1));
        }
        out
    }

    /// The layout with at most `caps` rows in each section, as a page printing fewer rows
    /// shows it.
    pub(crate) fn within(&self, caps: &super::Caps) -> Layout {
        let mut l = self.clone();
        l.metrics.truncate(caps.metrics);
        l.initiatives.truncate(caps.initiatives);
        l.incidents.truncate(caps.incidents);
        l.investments.truncate(caps.investments);
        l.asks.truncate(caps.asks);
        l
    }

    /// The widths of the risks table's text columns: id and title, statement.
    fn risk_columns(&self, width: f64) -> (f64, f64) {
        (RISK_ID - PAD_X, width - RISK_ID - RISK_SCORE - PAD_X)
    }

    fn ask_lines(&self, a: &str, width: f64) -> u32 {
        lines(
            a,
            width - 1.6 * BODY * MM_PER_PT,
            BODY,
            Weight::Regular,
            0.0,
        )
    }

    fn summary_lines(&self, width: f64) -> u32 {
        let indent = 1.2 * BODY * MM_PER_PT;
        self.summary
            .iter()
            .map(|(s, item)| {
                let w = if *item { width - indent } else { width };
                lines(s, w, BODY, Weight::Regular, 0.0)
            })
            .sum()
    }

    /// The scoreboard's name column: what its other columns (as wide as their widest entry,
    /// the trend line 10.5 mm) leave of the column beside the heat map.
    fn metric_name_width(&self, width: f64, t: f64) -> f64 {
        let board = width - HEATMAP_MM - GAP;
        let mut others = 10.5 + 6.0 * PAD_X;
        for k in 0..5 {
            let widest = self
                .metrics
                .iter()
                .map(|m| {
                    super::text::width_mm(
                        &m.cells[k],
                        t,
                        if k == 0 {
                            Weight::SemiBold
                        } else {
                            Weight::Regular
                        },
                    )
                })
                .fold(0.0, f64::max);
            others += widest;
        }
        (board - others - PAD_X).max(10.0)
    }

    /// The recommended option's line, beside the options (their column: a 3 mm indent, the
    /// recommended one's 2.2 mm of padding, at most 100 mm; then a 2.5 mm gap).
    fn why_width(&self, width: f64, t: f64, r: &InvestmentRow) -> f64 {
        let opts = (super::text::width_mm(&r.options, t, Weight::Regular) + 3.0 + 2.2).min(100.0);
        width - opts - 2.5
    }

    /// The printed height of the page's content, in mm, with `cut` applied, from its `fields`
    /// as [`Layout::fields`] measured them for the same `width` and `small`: a page tried with
    /// many cuts is measured once.
    pub(crate) fn height_of(
        &self,
        fields: &[Field],
        width: f64,
        small: bool,
        cut: &BTreeMap<String, u32>,
    ) -> f64 {
        self.parts_of(fields, width, small, cut)
            .iter()
            .map(|p| p.1)
            .sum()
    }

    /// The page's blocks and their heights, in mm, with `cut` applied, from its `fields` as
    /// measured for the same `width` and `small`.
    pub(super) fn parts_of(
        &self,
        fields: &[Field],
        width: f64,
        small: bool,
        cut: &BTreeMap<String, u32>,
    ) -> Vec<(&'static str, f64)> {
        let t = Self::table_pt(small);
        let fields: BTreeMap<&str, u32> = fields
            .iter()
            .map(|f| (f.name.as_str(), take(cut, &f.name, f.lines)))
            .collect();
        let n = |name: &str| f64::from(fields.get(name).copied().unwrap_or(0));
        // A section with nothing in it says so in one line: a paragraph, with its margin.
        let or_empty = |rows: usize, h: f64| {
            if rows == 0 {
                SECTION + lh(BODY, 1.15) + 0.6
            } else {
                h
            }
        };
        let mut parts = vec![("head", self.head_height(width, &n))];
        // What the board is asked, under the header.
        parts.push(("asks", or_empty(self.asks.len(), self.asks_height(&n))));
        // Since the last meeting: one paragraph under the asks, no heading of its own.
        if let Some(text) = &self.since {
            let n = lines(text, width, BODY, Weight::Regular, 0.0);
            parts.push(("since", 0.7 + f64::from(n) * lh(BODY, 1.15)));
        }
        parts.push(("risks", self.risks_height(width, t, &n)));
        // Money at risk above the board's loss tolerance: a paragraph between the top risks'
        // heading and their table (a plain `p`: 7.5 pt, line-height 1.15, 0.6 mm under it),
        // its lead in bold.
        if let Some((lead, text)) = &self.money {
            let indent = super::text::width_mm(&format!("{lead} "), BODY, Weight::SemiBold);
            let n = lines(text, width, BODY, Weight::Regular, indent);
            parts.push(("money", f64::from(n) * lh(BODY, 1.15) + 0.6));
        }
        parts.push(self.board_height(t, &n));
        let h = self.initiatives_height(t, &n);
        parts.push(("initiatives", or_empty(self.initiatives.len(), h)));
        let h = self.incidents_height(t, &n);
        parts.push(("incidents", or_empty(self.incidents.len(), h)));
        let h = self.investments_height(t, &n);
        parts.push(("investments", or_empty(self.investments.len(), h)));
        if !cut.is_empty() {
            parts.push(("notice", 0.8 + lh(SMALL, 1.08)));
        }
        parts
    }

    /// The asks, each at least a line; `n` gives a field's lines as printed.
    fn asks_height(&self, n: &dyn Fn(&str) -> f64) -> f64 {
        let mut h = SECTION;
        for i in 0..self.asks.len() {
            h += n(&format!("ask-{i}")).max(1.0) * lh(BODY, 1.1) + 0.15;
        }
        h
    }

    /// Top risks: heading, the header row, then each row as tall as its tallest cell.
    fn risks_height(&self, width: f64, t: f64, n: &dyn Fn(&str) -> f64) -> f64 {
        let tl = lh(t, 1.08);
        let risk = self.risk_columns(width);
        let head = [risk.0, risk.1, RISK_SCORE - PAD_X]
            .iter()
            .zip(&self.risk_head)
            .map(|(w, label)| lines(label, *w, SMALL, Weight::SemiBold, 0.0))
            .max()
            .unwrap_or(1);
        // Its heading sits a little lower than the others' (`.op-risks > h2`).
        let mut h = SECTION + 1.0 + f64::from(head) * lh(SMALL, 1.08) + 0.2 + 0.8 * MM_PER_PT;
        for (i, r) in self.risks.iter().enumerate() {
            // The marker's line is a little taller than the title's lines under it.
            let id = 3.1 + (n(&format!("risk-{i}-title")) - 1.0).max(0.0) * tl;
            let text = n(&format!("risk-{i}-statement")) * tl
                + n(&format!("risk-{i}-owner")) * OWNER_LINE
                + 0.1;
            // The mark's box (padding and border 1.7 mm) may use the cell's padding.
            let above = r.above.as_ref().map_or(0.0, |m| {
                0.2 + f64::from(lines(m, RISK_SCORE - 1.7, SMALL, Weight::SemiBold, 0.0))
                    * lh(SMALL, 1.15)
                    + 0.25
            });
            let eal = r.eal.as_ref().map_or(0.0, |e| {
                f64::from(lines(e, RISK_SCORE, SMALL, Weight::Regular, 0.0)) * lh(SMALL, 1.08)
            });
            let score = 2.65 + lh(SMALL, 1.08) + above + eal;
            h += id.max(text).max(score) + ROW_Y;
        }
        h
    }

    /// The scoreboard beside the heat map: the taller of the two, named by the taller, which
    /// sets the row's height.
    fn board_height(&self, t: f64, n: &dyn Fn(&str) -> f64) -> (&'static str, f64) {
        let tl = lh(t, 1.08);
        // Its headings do not wrap: one line.
        let mut board = SECTION + lh(SMALL, 1.08) + 0.2 + 0.8 * MM_PER_PT;
        for i in 0..self.metrics.len() {
            // A one-line row is as tall as its trend line.
            board += (n(&format!("metric-{i}")) * tl).max(2.55) + ROW_Y;
        }
        let map = 2.9 + HEATMAP_MM * self.heatmap.1 / self.heatmap.0.max(1.0);
        (
            if board > map { "scoreboard" } else { "heatmap" },
            board.max(map),
        )
    }

    fn initiatives_height(&self, t: f64, n: &dyn Fn(&str) -> f64) -> f64 {
        let tl = lh(t, 1.08);
        let mut h = SECTION;
        for (i, r) in self.initiatives.iter().enumerate() {
            let due = f64::from(lines(&r.due, INIT_DUE - PAD_X, t, Weight::Regular, 0.0));
            let status = f64::from(lines(
                &r.status,
                INIT_STATUS - PAD_X,
                t,
                Weight::SemiBold,
                0.0,
            ));
            let cell = n(&format!("init-{i}-title"))
                .max(n(&format!("init-{i}-reach")))
                .max(due)
                .max(status);
            h += cell * tl + ROW_Y + 0.1;
        }
        h
    }

    fn incidents_height(&self, t: f64, n: &dyn Fn(&str) -> f64) -> f64 {
        let tl = lh(t, 1.08);
        let mut h = SECTION;
        for (i, r) in self.incidents.iter().enumerate() {
            let time = |s: &str| f64::from(lines(s, INC_TIME - PAD_X, t, Weight::Regular, 0.0));
            let cell = n(&format!("inc-{i}-title"))
                .max(n(&format!("inc-{i}-learning")))
                .max(time(&r.detect))
                .max(time(&r.contain));
            h += cell * tl + ROW_Y;
        }
        h
    }

    fn investments_height(&self, t: f64, n: &dyn Fn(&str) -> f64) -> f64 {
        let mut h = SECTION;
        for (i, r) in self.investments.iter().enumerate() {
            let opts =
                f64::from(lines(&r.options, 100.0 - 5.2, t, Weight::Regular, 0.0)) * lh(t, 1.1);
            let why = n(&format!("inv-{i}-why")) * lh(SMALL, 1.1);
            h += n(&format!("inv-{i}-ask")) * lh(t, 1.1) + opts.max(why) + 0.5 + 0.5 * MM_PER_PT;
        }
        h
    }

    /// The header: organization and title, meeting and sign-off, restatements, headline,
    /// summary, and the rule under it.
    fn head_height(&self, width: f64, n: &dyn Fn(&str) -> f64) -> f64 {
        // The organization and the title share a line when they fit on one; else the
        // organization has a line of its own above the title.
        let org = super::text::width_mm(&self.org, BODY, Weight::SemiBold);
        // The DRAFT mark: 7 pt, spaced letters, in a box.
        let draft = self.draft.as_ref().map_or(0.0, |d| {
            super::text::width_mm(d, 7.0, Weight::SemiBold) * 1.12 + 3.0
        });
        let title = super::text::width_mm(&self.title, 11.0, Weight::SemiBold) + draft;
        let mut h = if org + 3.0 + title <= width {
            lh(11.0, 1.2)
        } else {
            let lines = lines(&self.title, width - draft, 11.0, Weight::SemiBold, 0.0);
            lh(BODY, 1.15) + f64::from(lines) * lh(11.0, 1.2)
        };
        let meta: f64 = self
            .meta
            .iter()
            .map(|m| super::text::width_mm(m, 7.0, Weight::SemiBold) + 5.0)
            .sum();
        h += 1.0 + if meta > width + 5.0 { 2.0 } else { 1.0 } * lh(7.0, 1.15);
        if let Some(r) = &self.restated {
            h += 0.5
                + f64::from(lines(r, width - 1.9, SMALL, Weight::Regular, 0.0)) * lh(SMALL, 1.15);
        }
        h += n("headline") * lh(8.5, 1.3) + 0.5;
        let paras = self.summary.iter().filter(|(_, item)| !item).count()
            + usize::from(self.summary.iter().any(|(_, item)| *item));
        h += n("summary") * lh(BODY, 1.15) + 0.5 * paras as f64;
        // The header's padding and rule.
        h + 1.0 + MM_PER_PT
    }
}
