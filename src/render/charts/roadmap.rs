//! The roadmap: one bar per initiative from the board meeting to its due date, progress filled in
//! from the left, on a time axis that runs past the next board meeting (a dashed line), so that
//! work landing after it is visibly later.
//!
//! Status is a colour *and* a shape and a word in the column on the right (on track ●, at risk ▲,
//! off track ■, done ◆); the progress is written there too, and "after next meeting" under it when
//! the due date falls past that line. An initiative due before the meeting runs backwards from it.

use super::draw::{self, dashed, text, Area, DrawResult, Scale, SMALL};
use super::{palette, render, Chart};
use crate::format::Format;
use crate::model::scalar::Date;
use crate::model::types::{Initiative, InitiativeStatus, Quarter};
use chrono::{Datelike, Months, NaiveDate};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

const W: i32 = 640;
const PLOT_TOP: i32 = 26;
const ROW: i32 = 34;
const BAR: i32 = 14;
const MAX_ROWS: usize = 10_000;

pub(crate) fn roadmap(q: &Quarter, next_meeting: Date, fmt: &Format) -> Option<Chart> {
    if q.initiatives.is_empty() {
        return None;
    }
    let rows = q.initiatives.len().min(MAX_ROWS) as i32;
    let axis_y = PLOT_TOP + ROW * rows + 2;
    let size = (W as u32, (axis_y + 22) as u32);
    Some(render(
        "roadmap".into(),
        fmt.t("roadmap_chart_title").into(),
        describe(q, next_meeting, fmt),
        size,
        |area| paint(area, q, next_meeting, axis_y, fmt),
    ))
}

fn long(d: Date, fmt: &Format) -> String {
    fmt.long_date(&d.0.to_string())
}

/// The status's contract word (`on_track`), for the `word_…` labels.
fn status_key(s: InitiativeStatus) -> &'static str {
    match s {
        InitiativeStatus::OnTrack => "on_track",
        InitiativeStatus::AtRisk => "at_risk",
        InitiativeStatus::OffTrack => "off_track",
        InitiativeStatus::Done => "done",
    }
}

/// The status inside a sentence: lower case in English (`at risk`); other languages keep their
/// label's case, since German nouns (`Verzug`) stay capitalised.
fn status_in_text(s: InitiativeStatus, fmt: &Format) -> String {
    let word = fmt.word(status_key(s));
    if fmt.lang() == "en" || fmt.lang().starts_with("en-") {
        word.to_lowercase()
    } else {
        word
    }
}

/// `On track, 60%` (`Im Plan, 60 %`): the words beside each bar.
fn status_words(i: &Initiative, fmt: &Format) -> String {
    fmt.tf(
        "roadmap_status",
        &[
            ("status", &fmt.word(status_key(i.status))),
            ("progress", &fmt.reading(f64::from(i.progress), "%")),
        ],
    )
}

fn status_colour(s: InitiativeStatus) -> RGBColor {
    match s {
        InitiativeStatus::OnTrack => palette::ON_TRACK,
        InitiativeStatus::AtRisk => palette::AT_RISK,
        InitiativeStatus::OffTrack => palette::OFF_TRACK,
        InitiativeStatus::Done => palette::BLUE,
    }
}

fn describe(q: &Quarter, next: Date, fmt: &Format) -> String {
    let each: Vec<String> = q
        .initiatives
        .iter()
        .map(|i| {
            let when = if i.due_after(next) {
                fmt.t("roadmap_chart_desc_after")
            } else if i.due < q.board_meeting {
                fmt.t("roadmap_chart_desc_before")
            } else {
                ""
            };
            let one = fmt.tf(
                "roadmap_chart_desc_one",
                &[
                    ("id", &i.id),
                    ("title", &i.title),
                    ("status", &status_in_text(i.status, fmt)),
                    ("progress", &fmt.reading(f64::from(i.progress), "%")),
                    ("date", &long(i.due, fmt)),
                ],
            );
            format!("{one}{when}")
        })
        .collect();
    fmt.tf(
        "roadmap_chart_desc",
        &[
            ("date", &long(q.board_meeting, fmt)),
            ("next", &long(next, fmt)),
            ("initiatives", &each.join("; ")),
        ],
    )
}

/// Days since the common era: a linear time axis.
fn day(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

fn paint(area: &Area, q: &Quarter, next: Date, axis_y: i32, fmt: &Format) -> DrawResult {
    let items: Vec<&Initiative> = q.initiatives.iter().take(MAX_ROWS).collect();
    let (left, right) = columns(&items, fmt)?;
    let start = q
        .board_meeting
        .0
        .min(items.iter().map(|i| i.due.0).min().unwrap_or(next.0));
    let last = next
        .0
        .max(items.iter().map(|i| i.due.0).max().unwrap_or(next.0));
    // A little room after the last date, so its bar end and the dashed line never sit on the edge.
    let end = last + chrono::Days::new(((last - start).num_days() / 20).max(7) as u64);
    let xs = Scale {
        d0: day(start),
        d1: day(end),
        r0: left,
        r1: W - right - 8,
    };
    ticks(area, &xs, (start, end), axis_y, fmt)?;
    let meeting_x = meetings(area, &xs, q.board_meeting, next, axis_y, fmt)?;
    let rows = Rows {
        q,
        next,
        xs,
        meeting_x,
        left,
        right,
    };
    for (k, i) in items.iter().enumerate() {
        rows.draw(area, k, i, fmt)?;
    }
    area.draw(&PathElement::new(
        vec![(left, axis_y), (W - right - 8, axis_y)],
        palette::RULE.stroke_width(1),
    ))?;
    Ok(())
}

/// The widths of the left column (ids and due dates) and the right one (status words and
/// flags), from their widest text.
fn columns(items: &[&Initiative], fmt: &Format) -> Result<(i32, i32), String> {
    let (after_next, overdue) = (fmt.t("roadmap_after_next"), fmt.t("roadmap_overdue"));
    let mut left = 0;
    for i in items {
        left = left
            .max(draw::text_width(&i.id, SMALL)?)
            .max(draw::text_width(&dues(i, fmt), SMALL)?);
    }
    // A browser sets text a few per cent wider than plotters measures it (tabular figures,
    // accents): the column keeps that much more room, so no date runs off the chart's edge.
    let left = (left + left / 16 + 10).clamp(60, 140);
    let mut right = 0;
    for i in items {
        let w = draw::text_width(&status_words(i, fmt), SMALL)?;
        right = right.max(
            w.max(draw::text_width(after_next, SMALL)?)
                .max(draw::text_width(overdue, SMALL)?),
        );
    }
    Ok((left, right + right / 16 + 22))
}

/// "due 31 Mar 2027", under an initiative's id.
fn dues(i: &Initiative, fmt: &Format) -> String {
    fmt.tf("due_date", &[("date", &fmt.short_date(i.due))])
}

/// This meeting's line (where the bars start, returned), and the next meeting's, dashed and
/// labelled above the plot.
fn meetings(
    area: &Area,
    xs: &Scale,
    meeting: Date,
    next: Date,
    axis_y: i32,
    fmt: &Format,
) -> Result<i32, Box<dyn std::error::Error>> {
    let meeting_x = xs.at(day(meeting.0));
    area.draw(&PathElement::new(
        vec![(meeting_x, PLOT_TOP - 4), (meeting_x, axis_y)],
        palette::RULE.stroke_width(1),
    ))?;
    let next_x = xs.at(day(next.0));
    dashed(
        area,
        (next_x, PLOT_TOP - 4),
        (next_x, axis_y),
        4,
        3,
        palette::INK.stroke_width(1),
    )?;
    let label = fmt.tf("roadmap_next_meeting", &[("date", &fmt.short_date(next))]);
    let label = draw::fit(&label, SMALL, W - 4)?;
    let w = draw::text_width(&label, SMALL)?;
    let cx = draw::centre_within(next_x, w, W, 2);
    text(area, &label, (cx, 10), SMALL, &palette::INK, HPos::Center)?;
    Ok(meeting_x)
}

/// Where the rows go: the time scale, this meeting's line, and the columns either side.
struct Rows<'a> {
    q: &'a Quarter,
    next: Date,
    xs: Scale,
    meeting_x: i32,
    left: i32,
    right: i32,
}

impl Rows<'_> {
    /// Row `k`: the id and due date, the bar from the meeting to the due date with its progress
    /// filled in, and the status mark, words and flag on the right.
    fn draw(&self, area: &Area, k: usize, i: &Initiative, fmt: &Format) -> DrawResult {
        let (left, right) = (self.left, self.right);
        let mid = PLOT_TOP + ROW * k as i32 + ROW / 2;
        let id = draw::fit(&i.id, SMALL, left - 8)?;
        text(
            area,
            &id,
            (left - 6, mid - 6),
            SMALL,
            &palette::INK,
            HPos::Right,
        )?;
        text(
            area,
            &dues(i, fmt),
            (left - 6, mid + 7),
            SMALL,
            &palette::INK_SOFT,
            HPos::Right,
        )?;
        self.bar(area, mid, i)?;
        let rx = W - right + 2;
        mark(area, i.status, (rx + 6, mid - 6))?;
        let words = status_words(i, fmt);
        text(
            area,
            &words,
            (rx + 16, mid - 6),
            SMALL,
            &palette::INK,
            HPos::Left,
        )?;
        let flag = if i.due_after(self.next) {
            Some(fmt.t("roadmap_after_next"))
        } else if i.overdue_at(self.q.board_meeting) {
            Some(fmt.t("roadmap_overdue"))
        } else {
            None
        };
        if let Some(flag) = flag {
            let at = (rx + 16, mid + 7);
            text(area, flag, at, SMALL, &palette::INK_SOFT, HPos::Left)?;
        }
        Ok(())
    }

    /// The bar from this meeting to the due date (backwards when due before it), at least 3
    /// pixels long, its progress filled in from the left in the status's colour.
    fn bar(&self, area: &Area, mid: i32, i: &Initiative) -> DrawResult {
        let (a, b) = (self.meeting_x, self.xs.at(day(i.due.0)));
        let (x0, x1) = (a.min(b), a.max(b).max(a.min(b) + 3));
        let colour = status_colour(i.status);
        let (y0, y1) = (mid - BAR / 2, mid + BAR / 2);
        area.draw(&Rectangle::new(
            [(x0, y0), (x1, y1)],
            palette::PAPER.filled(),
        ))?;
        let done = x0 + ((x1 - x0) * i32::from(i.progress.min(100))) / 100;
        if done > x0 {
            area.draw(&Rectangle::new([(x0, y0), (done, y1)], colour.filled()))?;
        }
        area.draw(&Rectangle::new(
            [(x0, y0), (x1, y1)],
            colour.stroke_width(2),
        ))?;
        Ok(())
    }
}

/// The shape beside each status word, so that status never rests on colour alone.
fn mark(area: &Area, s: InitiativeStatus, (x, y): (i32, i32)) -> DrawResult {
    let c = status_colour(s).filled();
    match s {
        InitiativeStatus::OnTrack => area.draw(&Circle::new((x, y), 5, c))?,
        InitiativeStatus::AtRisk => area.draw(&Polygon::new(
            vec![(x, y - 6), (x + 6, y + 5), (x - 6, y + 5)],
            c,
        ))?,
        InitiativeStatus::OffTrack => {
            area.draw(&Rectangle::new([(x - 5, y - 5), (x + 5, y + 5)], c))?
        }
        InitiativeStatus::Done => area.draw(&Polygon::new(
            vec![(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)],
            c,
        ))?,
    }
    Ok(())
}

/// Month marks under the axis: every 1, 3, 6, 12 or 24 months, the fewest that keep at most eight.
fn ticks(
    area: &Area,
    xs: &Scale,
    (start, end): (NaiveDate, NaiveDate),
    axis_y: i32,
    fmt: &Format,
) -> DrawResult {
    let months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32;
    let step = [1u32, 3, 6, 12, 24, 60]
        .into_iter()
        .find(|s| months / *s as i32 <= 8)
        .unwrap_or(120);
    let first = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).unwrap_or(start);
    // Start on a month that is a multiple of the step (January, April, July, October for 3).
    let mut t = first;
    while !t.month0().is_multiple_of(step.min(12)) {
        t = t.checked_add_months(Months::new(1)).unwrap_or(end);
    }
    let mut labels = draw::AxisLabels::new(axis_y + 11, W);
    while t <= end {
        if t >= start {
            let x = xs.at(day(t));
            area.draw(&PathElement::new(
                vec![(x, PLOT_TOP - 4), (x, axis_y)],
                palette::GRID.stroke_width(1),
            ))?;
            labels.place(area, &fmt.month_year(t), x)?;
        }
        match t.checked_add_months(Months::new(step)) {
            Some(n) => t = n,
            None => break,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    fn en() -> Format {
        Format::new("USD")
    }

    #[test]
    fn none_without_initiatives() {
        assert!(roadmap(
            &quarter("2026-Q3"),
            Date::parse("2027-01-20").unwrap(),
            &en()
        )
        .is_none());
    }

    #[test]
    fn every_initiative_has_a_bar_a_status_word_and_a_mark() {
        let q = quarter("2026-Q3")
            .initiative(
                initiative("I-001")
                    .status(InitiativeStatus::OnTrack)
                    .progress(60)
                    .due("2026-12-15"),
            )
            .initiative(
                initiative("I-002")
                    .status(InitiativeStatus::AtRisk)
                    .progress(40)
                    .due("2027-03-31"),
            )
            .initiative(
                initiative("I-003")
                    .status(InitiativeStatus::OffTrack)
                    .progress(10)
                    .due("2027-09-30"),
            )
            .initiative(
                initiative("I-004")
                    .status(InitiativeStatus::Done)
                    .progress(100)
                    .due("2026-11-01"),
            );
        let next = Date::parse("2027-01-20").unwrap();
        let c = roadmap(&q, next, &en()).unwrap();
        assert!(!c.svg.contains("chart unavailable"));
        for s in [
            "I-001",
            "I-002",
            "I-003",
            "I-004",
            "On track, 60%",
            "At risk, 40%",
            "Off track, 10%",
            "Done, 100%",
            "Next board meeting 20 Jan 2027",
            "due 31 Mar 2027",
        ] {
            assert!(c.svg.contains(&format!(">\n{s}\n<")), "{s} missing");
        }
        // Two of the four land after the next meeting, and both say so in words.
        assert_eq!(c.svg.matches(">\nafter next meeting\n<").count(), 2);
        assert!(c.desc.contains(
            "I-002 Initiative I-002: at risk, 40% done, due 31 March 2027, after the next meeting"
        ));
        assert!(c.desc.contains("the next board meeting, 20 January 2027"));
        assert_eq!(c, roadmap(&q, next, &en()).unwrap());
    }

    #[test]
    fn later_due_dates_end_further_right() {
        let q = quarter("2026-Q3")
            .initiative(
                initiative("I-001")
                    .status(InitiativeStatus::OnTrack)
                    .due("2026-12-15"),
            )
            .initiative(
                initiative("I-002")
                    .status(InitiativeStatus::OnTrack)
                    .due("2027-06-30"),
            );
        let c = roadmap(&q, Date::parse("2027-01-20").unwrap(), &en()).unwrap();
        // Each bar is a stroked rect: its right edge is x + width.
        let ends: Vec<i32> = c
            .svg
            .split("<rect ")
            .skip(1)
            .filter(|r| r.contains("stroke=\"#009E73\""))
            .map(|r| {
                let num = |k: &str| -> i32 {
                    let v = r.split(&format!("{k}=\"")).nth(1).unwrap();
                    v[..v.find('"').unwrap()].parse().unwrap()
                };
                num("x") + num("width")
            })
            .collect();
        assert_eq!(ends.len(), 2, "{}", c.svg);
        assert!(ends[1] > ends[0] + 100, "{ends:?}");
    }

    #[test]
    fn overdue_and_hostile_initiatives_still_draw() {
        let q = quarter("2026-Q3").initiative(
            initiative("I-<script>")
                .title("<script>alert(1)</script>")
                .status(InitiativeStatus::OffTrack)
                .progress(20)
                .due("2026-01-01"),
        );
        let c = roadmap(&q, Date::parse("2027-01-20").unwrap(), &en()).unwrap();
        assert!(!c.svg.contains("<script>") && !c.svg.contains("chart unavailable"));
        assert!(c.svg.contains(">\noverdue\n<"));
        assert!(c.desc.contains("before this meeting"));
    }
}
