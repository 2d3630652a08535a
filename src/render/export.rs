//! The risk register as a table for spreadsheets and board portals: `YYYY-qN/register.csv`
//! (UTF-8, a header row) and `register.xlsx`, one row per risk in the register's order, from
//! one list of columns ([`COLUMNS`], then [`LOSS_COLUMNS`] on a site with money at risk). The
//! headers are the site's language; numbers are numbers and dates are dates in
//! the workbook; no text cell starts a formula (OWASP's CSV injection: a text that starts with
//! `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in front); the same input gives
//! the same bytes (the workbook's dates are the quarter's end, never the clock).

use super::charts::band_label;
use super::pack::RegisterRow;
use super::RenderError;
use crate::format::Format;
use crate::model::appetite::AppetiteStatus;
use crate::model::facts::Movement;
use crate::model::scalar::Date;
use crate::model::types::Exception;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format as CellFormat, Workbook};

/// What one cell holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Text(String),
    Number(f64),
    Date(Date),
    Empty,
}

/// One column: the label of its header and how a row fills it.
pub(super) struct Column {
    pub label: &'static str,
    pub cell: fn(&RegisterRow, &Format) -> Cell,
    /// Its width in the workbook, in characters.
    pub width: f64,
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn yes_no(b: bool, fmt: &Format) -> Cell {
    text(fmt.t(if b { "export_yes" } else { "export_no" }))
}

/// A score, empty where the risk has none.
fn score(s: Option<u8>) -> Cell {
    s.map_or(Cell::Empty, |s| Cell::Number(f64::from(s)))
}

/// A cell of the risk's exception, empty for a risk without one.
fn exception(r: &RegisterRow, cell: fn(&Exception) -> Cell) -> Cell {
    r.risk.risk.exception.as_ref().map_or(Cell::Empty, cell)
}

/// The register's columns with what the register page shows in words (category, band, appetite
/// status, target score); the loss figures join here when the model computes them.
pub(super) const COLUMNS: &[Column] = &[
    Column {
        label: "export_id",
        cell: |r, _| text(&r.risk.risk.id),
        width: 8.0,
    },
    Column {
        label: "export_title",
        cell: |r, _| text(&r.risk.risk.title),
        width: 32.0,
    },
    Column {
        label: "export_category",
        cell: |r, _| {
            r.risk
                .facts
                .category_name
                .as_deref()
                .map_or(Cell::Empty, text)
        },
        width: 16.0,
    },
    Column {
        label: "export_statement",
        cell: |r, _| text(&r.risk.risk.statement),
        width: 60.0,
    },
    Column {
        label: "export_impact",
        cell: |r, _| Cell::Number(f64::from(r.risk.risk.impact)),
        width: 9.0,
    },
    Column {
        label: "export_likelihood",
        cell: |r, _| Cell::Number(f64::from(r.risk.risk.likelihood)),
        width: 11.0,
    },
    Column {
        label: "export_score",
        cell: |r, _| Cell::Number(f64::from(r.risk.facts.score)),
        width: 8.0,
    },
    Column {
        label: "export_band",
        cell: |r, fmt| text(band_label(r.risk.facts.band, fmt)),
        width: 10.0,
    },
    Column {
        label: "export_previous_score",
        cell: |r, _| score(r.risk.facts.previous_score),
        width: 10.0,
    },
    Column {
        label: "export_movement",
        cell: |r, fmt| {
            text(fmt.t(match r.risk.facts.movement {
                Movement::Up => "move_up",
                Movement::Down => "move_down",
                Movement::Same => "move_same",
                Movement::New => "move_new",
            }))
        },
        width: 10.0,
    },
    Column {
        label: "export_above_appetite",
        cell: |r, fmt| yes_no(r.risk.facts.above_appetite, fmt),
        width: 10.0,
    },
    Column {
        label: "export_appetite_status",
        // Empty where no limit applies to the risk: "within" would claim a limit.
        cell: |r, fmt| match (r.risk.facts.appetite_limit, r.risk.facts.appetite_status) {
            (None, _) => Cell::Empty,
            (Some(_), AppetiteStatus::Within) => text(fmt.t("export_within_appetite")),
            (Some(_), AppetiteStatus::Above) => text(fmt.t("above_appetite")),
            (Some(_), AppetiteStatus::OutsideTolerance) => text(fmt.t("outside_tolerance")),
        },
        width: 16.0,
    },
    Column {
        label: "export_target_score",
        cell: |r, _| score(r.risk.facts.target_score),
        width: 10.0,
    },
    Column {
        label: "export_owner",
        cell: |r, _| text(&r.risk.risk.owner),
        width: 24.0,
    },
    Column {
        label: "export_mitigation",
        cell: |r, _| text(&r.risk.risk.mitigation),
        width: 60.0,
    },
    Column {
        label: "export_due",
        cell: |r, _| r.risk.risk.due.map_or(Cell::Empty, Cell::Date),
        width: 11.0,
    },
    Column {
        label: "export_status",
        cell: |r, fmt| text(&fmt.word(r.risk.risk.status.as_str())),
        width: 12.0,
    },
    Column {
        label: "export_closed_this_quarter",
        cell: |r, fmt| yes_no(r.risk.facts.closed_this_quarter, fmt),
        width: 10.0,
    },
    Column {
        label: "export_exception_reason",
        cell: |r, _| exception(r, |e| text(&e.reason)),
        width: 40.0,
    },
    Column {
        label: "export_compensating_controls",
        cell: |r, _| exception(r, |e| text(&e.compensating_controls.join("; "))),
        width: 40.0,
    },
    Column {
        label: "export_signed_engineering",
        cell: |r, _| exception(r, |e| text(&e.approved_by.engineering)),
        width: 18.0,
    },
    Column {
        label: "export_signed_security",
        cell: |r, _| exception(r, |e| text(&e.approved_by.security)),
        width: 18.0,
    },
    Column {
        label: "export_exception_review",
        cell: |r, _| exception(r, |e| Cell::Date(e.review)),
        width: 11.0,
    },
    Column {
        label: "export_exception_expires",
        cell: |r, _| exception(r, |e| Cell::Date(e.expires)),
        width: 11.0,
    },
];

/// Money at risk, after the register's columns, on a site where a risk has `loss` (in every
/// quarter's table, so that a portal reads the same columns each quarter): the figures as
/// `data.json` rounds them (the expected annual loss to the cent, the 1-in-20 loss to the unit)
/// and the two 90% ranges as written; empty for a risk without `loss`.
pub(super) const LOSS_COLUMNS: &[Column] = &[
    Column {
        label: "export_expected_annual_loss",
        cell: |r, _| amount(r.risk.facts.expected_annual_loss, 100.0),
        width: 14.0,
    },
    Column {
        label: "export_loss_1_in_20",
        cell: |r, _| amount(r.risk.facts.loss_1_in_20, 1.0),
        width: 14.0,
    },
    Column {
        label: "export_frequency_low",
        cell: |r, _| range_end(r, |l| l.frequency.low),
        width: 11.0,
    },
    Column {
        label: "export_frequency_high",
        cell: |r, _| range_end(r, |l| l.frequency.high),
        width: 11.0,
    },
    Column {
        label: "export_magnitude_low",
        cell: |r, _| range_end(r, |l| l.magnitude.low),
        width: 14.0,
    },
    Column {
        label: "export_magnitude_high",
        cell: |r, _| range_end(r, |l| l.magnitude.high),
        width: 14.0,
    },
];

/// `v` rounded to `1 / per` (100: cents).
fn amount(v: Option<f64>, per: f64) -> Cell {
    v.filter(|v| v.is_finite())
        .map_or(Cell::Empty, |v| Cell::Number((v * per).round() / per))
}

fn range_end(r: &RegisterRow, end: fn(&crate::model::types::Loss) -> f64) -> Cell {
    r.risk
        .risk
        .loss
        .as_ref()
        .map_or(Cell::Empty, |l| Cell::Number(end(l)))
}

/// The columns of a table: the register's, and money at risk's with `money`.
fn columns(money: bool) -> impl Iterator<Item = &'static Column> + Clone {
    let loss: &'static [Column] = if money { LOSS_COLUMNS } else { &[] };
    COLUMNS.iter().chain(loss)
}

/// A text that a spreadsheet would take for a formula gets a `'` in front (OWASP).
pub(super) fn defused(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// The header row and one row per risk.
fn table(rows: &[RegisterRow], fmt: &Format, money: bool) -> (Vec<String>, Vec<Vec<Cell>>) {
    let header = columns(money).map(|c| fmt.t(c.label).to_string()).collect();
    let body = rows
        .iter()
        .map(|r| columns(money).map(|c| (c.cell)(r, fmt)).collect())
        .collect();
    (header, body)
}

/// `register.csv`: RFC 4180, UTF-8, CRLF line ends; dates as YYYY-MM-DD, numbers as written.
pub(super) fn csv(rows: &[RegisterRow], fmt: &Format, money: bool) -> Result<Vec<u8>, RenderError> {
    let (header, body) = table(rows, fmt, money);
    let failed = |e: csv::Error| RenderError::Json {
        what: "register.csv".into(),
        message: e.to_string(),
    };
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(header.iter().map(|h| defused(h).into_owned()))
        .map_err(failed)?;
    for row in body {
        let fields: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => defused(s).into_owned(),
                Cell::Number(n) => number(*n),
                Cell::Date(d) => d.to_string(),
                Cell::Empty => String::new(),
            })
            .collect();
        w.write_record(&fields).map_err(failed)?;
    }
    w.into_inner().map_err(|e| RenderError::Json {
        what: "register.csv".into(),
        message: e.to_string(),
    })
}

/// A number as a spreadsheet reads it: digits and a point, no grouping.
fn number(n: f64) -> String {
    crate::format::plain(n, if n.fract() == 0.0 { 0 } else { 2 })
}

/// `register.xlsx`: one sheet, the header bold and frozen with a filter, text wrapped.
pub(super) fn xlsx(
    rows: &[RegisterRow],
    fmt: &Format,
    quarter_end: Date,
    money: bool,
) -> Result<Vec<u8>, RenderError> {
    let failed = |e: rust_xlsxwriter::XlsxError| RenderError::Json {
        what: "register.xlsx".into(),
        message: e.to_string(),
    };
    let (header, body) = table(rows, fmt, money);
    let mut book = Workbook::new();
    // The document's created and modified dates: the quarter's end, so two builds agree.
    let end = excel_date(quarter_end).map_err(failed)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&end));
    let sheet = book.add_worksheet();
    let name: String = fmt
        .t("register_title")
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    sheet.set_name(name).map_err(failed)?;
    let bold = CellFormat::new().set_bold().set_text_wrap();
    let wrap = CellFormat::new().set_text_wrap();
    let day = CellFormat::new().set_num_format("yyyy-mm-dd");
    for (col, (h, c)) in header.iter().zip(columns(money)).enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, c.width).map_err(failed)?;
        sheet
            .write_string_with_format(0, col, defused(h), &bold)
            .map_err(failed)?;
    }
    for (i, row) in body.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(s) => sheet.write_string_with_format(r, col, defused(s), &wrap),
                Cell::Number(n) => sheet.write_number(r, col, *n),
                Cell::Date(d) => {
                    let at = excel_date(*d).map_err(failed)?;
                    sheet.write_datetime_with_format(r, col, &at, &day)
                }
                Cell::Empty => continue,
            }
            .map_err(failed)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    let last_col = header.len().saturating_sub(1) as u16;
    sheet
        .autofilter(0, 0, body.len() as u32, last_col)
        .map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}

fn excel_date(d: Date) -> Result<ExcelDateTime, rust_xlsxwriter::XlsxError> {
    use chrono::Datelike;
    let d = d.0;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{facts_of, loss, quarter, risk};

    fn rows(f: impl Fn(&mut crate::model::types::Risk)) -> Vec<u8> {
        let mut r = risk("R-007").likelihood(5).impact(3);
        f(&mut r);
        let q = quarter("2026-Q3")
            .risk(r)
            .risk(risk("R-002").likelihood(2).impact(2));
        let mut facts = facts_of(&q, None, 5);
        // R-007 scores 15, above an appetite of 12, in a category, with a target; R-002 is
        // within (the model decides it; here it is given).
        for f in &mut facts.risks {
            f.appetite_limit = Some(12);
        }
        let r = &mut facts.risks[0];
        r.above_appetite = true;
        r.appetite_status = AppetiteStatus::Above;
        r.category_name = Some("Security".into());
        r.target_score = Some(8);
        let pack = crate::render::pack::pack_view(&q, &facts, None, &Default::default());
        csv(&pack.register, &Format::new("USD"), false).unwrap()
    }

    #[test]
    fn csv_has_a_header_and_a_row_per_risk_highest_score_first() {
        let out = String::from_utf8(rows(|_| {})).unwrap();
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "ID,Title,Category,Statement,Impact,Likelihood,Score,Band,Previous score,Movement,Above appetite,Appetite status,Target score,Owner,Mitigation,Due,Status,Closed this quarter,Exception reason,Compensating controls,Signed for engineering,Signed for security,Exception review,Exception expires"
        );
        assert!(lines[1].starts_with("R-007,"), "{}", lines[1]);
        assert!(
            lines[1].starts_with("R-007,Risk R-007,Security,")
                && lines[1].contains(",3,5,15,Critical,,new,Yes,Above appetite,8,"),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].starts_with("R-002,Risk R-002,,")
                && lines[2].contains(",2,2,4,Low,,new,No,Within appetite,,"),
            "{}",
            lines[2]
        );
        assert_eq!(lines.len(), 4, "two rows and the last line's end");
    }

    #[test]
    fn a_site_with_money_at_risk_gets_its_columns_as_numbers() {
        let q = quarter("2026-Q3")
            .risk(
                risk("R-007")
                    .likelihood(5)
                    .impact(3)
                    .loss(loss((0.1, 0.5), (200_000.0, 5_000_000.0))),
            )
            .risk(risk("R-002").likelihood(2).impact(2));
        let mut facts = facts_of(&q, None, 5);
        facts.risks[0].expected_annual_loss = Some(406_776.891_2);
        facts.risks[0].loss_1_in_20 = Some(2_507_015.43);
        let pack = crate::render::pack::pack_view(&q, &facts, None, &Default::default());
        let out =
            String::from_utf8(csv(&pack.register, &Format::new("USD"), true).unwrap()).unwrap();
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert!(
            lines[0].ends_with(",Exception expires,Expected annual loss,1-in-20 loss,\"Times a year, low\",\"Times a year, high\",\"Loss each time, low\",\"Loss each time, high\""),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].ends_with(",406776.89,2507015,0.1,0.5,200000,5000000"),
            "{}",
            lines[1]
        );
        assert!(lines[2].ends_with(",,,,,,"), "no loss: empty cells");
        // Without money at risk on the site, the columns are not there at all.
        let plain =
            String::from_utf8(csv(&pack.register, &Format::new("USD"), false).unwrap()).unwrap();
        assert!(!plain.contains("Expected annual loss"));
    }

    #[test]
    fn no_text_cell_starts_a_formula() {
        let out = String::from_utf8(rows(|r| {
            r.title = "=HYPERLINK(\"http://x\")".into();
            r.owner = "@SUM(1)".into();
            r.mitigation = "-2+3".into();
            r.statement = "\tTab".into();
        }))
        .unwrap();
        assert!(out.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{out}");
        assert!(out.contains(",'@SUM(1),") && out.contains(",'-2+3,") && out.contains(",'\tTab,"));
        assert_eq!(defused("plain"), "plain");
    }

    #[test]
    fn the_workbook_is_the_same_bytes_every_time_with_numbers_as_numbers() {
        let q = quarter("2026-Q3").risk(risk("R-007").likelihood(5).impact(3));
        let facts = facts_of(&q, None, 5);
        let pack = crate::render::pack::pack_view(&q, &facts, None, &Default::default());
        let end = Date::parse("2026-09-30").unwrap();
        let a = xlsx(&pack.register, &Format::new("USD"), end, false).unwrap();
        let b = xlsx(&pack.register, &Format::new("USD"), end, false).unwrap();
        assert!(a == b, "two workbooks of the same input differ");
        let part = |name: &str| {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
            let mut s = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
            s
        };
        // Created and modified at the quarter's end, never the clock.
        let core = part("docProps/core.xml");
        assert!(
            core.contains(">2026-09-30T00:00:00Z</dcterms:created>")
                && core.contains(">2026-09-30T00:00:00Z</dcterms:modified>"),
            "{core}"
        );
        // Impact, likelihood and score are numbers, not text.
        let sheet = part("xl/worksheets/sheet1.xml");
        assert!(
            sheet.contains(
                "<c r=\"E2\"><v>3</v></c><c r=\"F2\"><v>5</v></c><c r=\"G2\"><v>15</v></c>"
            ),
            "{sheet}"
        );
    }
}
