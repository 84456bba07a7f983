//! The parts of a snapshot: a list per group (a table of its rows), a schedule per group (a
//! page per day of the next days, the day's rows as a table, "nothing planned" on a day
//! without any), and a dataset's pre-filled forms. Values that looked wrong in the export
//! are printed as given behind a warning mark.

use super::words::{keep_numbers_with_words, unbreakable_lengths};
use super::Sx;
use crate::compose::ctx::{bold, heading, para};
use crate::data::values::Value;
use crate::data::{order, Export, Row};
use crate::labels::Label;
use crate::layout::{Block, Column, Marker, Orientation, Span, Table};
use crate::model::dataset::{DataKind, DataList, PrefilledForm, RowFilter, Schedule};
use crate::model::{At, Dataset, FieldWidth, ROW_HEIGHT};
use chrono::{Datelike, Days, NaiveDate};

/// Size of a data table's headings and cells, pt.
pub const CELL_PT: f32 = 10.5;
/// Text columns whose values are all this short (in characters) are set as wide as they
/// need, never broken.
const SHORT_TEXT: usize = 12;
/// Width of a column to write in (a time, initials), mm.
const WRITE_IN_MM: f32 = 17.0;
/// Size of a part's heading line under its title, pt.
const INFO_PT: f32 = 11.0;

/// What a part prints.
pub(super) enum Body<'a> {
    /// A list's rows of one group.
    List(&'a DataList, Vec<&'a Row>),
    /// A schedule's days of one group, each with its rows.
    Schedule(&'a Schedule, Vec<(NaiveDate, Vec<&'a Row>)>),
    /// A copy of a form per row.
    Forms(&'a PrefilledForm, Vec<&'a Row>),
}

/// One part of a snapshot: a contents entry.
pub(super) struct Part<'a> {
    /// Anchor of its first page.
    pub anchor: String,
    /// Its title in the contents ("Brukare – Norr").
    pub title: String,
    /// Rows it prints.
    pub rows: usize,
    /// Its dataset and export.
    pub ds: &'a Dataset,
    pub export: &'a Export,
    /// What it prints.
    pub body: Body<'a>,
}

/// Index of a declared column.
fn index(ds: &Dataset, name: &str) -> Option<usize> {
    ds.columns.iter().position(|c| c.name.v == name)
}

fn filter<'f>(ds: &Dataset, only: &'f Option<RowFilter>) -> Option<(&'f RowFilter, usize)> {
    only.as_ref()
        .and_then(|f| index(ds, &f.column.v).map(|i| (f, i)))
}

/// Every part, in kit order: per dataset its lists, schedules and forms, per group.
pub(super) fn parts<'a>(sx: &Sx<'a>) -> Vec<Part<'a>> {
    let mut out = Vec::new();
    for (pi, (ds, export)) in sx.exports.iter().enumerate() {
        let (ds, export): (&Dataset, &Export) = (ds, export);
        let by = ds.group_by.as_ref().and_then(|g| index(ds, &g.v));
        let group_name = |g: &str| {
            if g.is_empty() && by.is_some() {
                sx.t(Label::NoGroup).to_string()
            } else {
                g.to_string()
            }
        };
        let titled = |title: &str, g: &str| {
            if by.is_some() {
                format!("{title} – {}", group_name(g))
            } else {
                title.to_string()
            }
        };
        for (li, l) in ds.lists.iter().enumerate() {
            let rows = order::keep(export, filter(ds, &l.only));
            for (gi, (g, rows)) in order::groups(rows, by).into_iter().enumerate() {
                out.push(Part {
                    anchor: format!("snap-{pi}-list-{li}-{gi}"),
                    title: titled(&l.title.v, &g),
                    rows: rows.len(),
                    ds,
                    export,
                    body: Body::List(l, rows),
                });
            }
        }
        for (si, s) in ds.schedules.iter().enumerate() {
            let Some(date) = index(ds, &s.date.v) else {
                continue;
            };
            let first = sx.as_of.date();
            let last = first
                .checked_add_days(Days::new(u64::from(s.days.v.saturating_sub(1))))
                .unwrap_or(first);
            let rows = order::keep(export, filter(ds, &s.only)).filter(
                |r| matches!(r.cells[date].value, Value::Date(d) if d >= first && d <= last),
            );
            for (gi, (g, rows)) in order::groups(rows, by).into_iter().enumerate() {
                let days: Vec<(NaiveDate, Vec<&Row>)> = first
                    .iter_days()
                    .take(s.days.v as usize)
                    .map(|day| {
                        let of_day = rows
                            .iter()
                            .copied()
                            .filter(|r| r.cells[date].value == Value::Date(day))
                            .collect();
                        (day, of_day)
                    })
                    .collect();
                out.push(Part {
                    anchor: format!("snap-{pi}-schedule-{si}-{gi}"),
                    title: titled(&s.title.v, &g),
                    rows: rows.len(),
                    ds,
                    export,
                    body: Body::Schedule(s, days),
                });
            }
        }
        for (fi, p) in ds.forms.iter().enumerate() {
            let rows: Vec<&Row> = order::keep(export, filter(ds, &p.only)).collect();
            let title = sx
                .cx
                .kit
                .forms
                .iter()
                .find(|f| f.id.v == p.form.v)
                .map_or(p.form.v.clone(), |f| f.title.v.clone());
            out.push(Part {
                anchor: format!("snap-{pi}-form-{fi}"),
                title,
                rows: rows.len(),
                ds,
                export,
                body: Body::Forms(p, rows),
            });
        }
    }
    out
}

/// The blocks of one part.
pub(super) fn blocks(sx: &Sx, p: &Part) -> Vec<Block> {
    match &p.body {
        Body::List(l, rows) => {
            let mut b = start(sx, l.orientation, &p.title, &p.anchor);
            b.push(count(p, rows.len()));
            b.push(table(sx, p, &l.columns, &l.write_in, rows, &p.title, l.loc));
            b.extend(end(l.orientation));
            b
        }
        Body::Schedule(s, days) => {
            let mut b = Vec::new();
            for (i, (day, rows)) in days.iter().enumerate() {
                let day_text = day_name(sx, *day);
                b.push(Block::PageBreak);
                if i == 0 && s.orientation == Orientation::Landscape {
                    b.push(Block::Orientation(Orientation::Landscape));
                }
                b.push(sx.header(&format!("{} – {day_text}", p.title)));
                if i == 0 {
                    b.push(Block::Anchor(p.anchor.clone()));
                }
                b.push(heading(2, format!("{} – {day_text}", p.title), None));
                if rows.is_empty() {
                    b.push(para(sx.t(Label::NothingPlanned), INFO_PT));
                    continue;
                }
                b.push(count(p, rows.len()));
                let caption = format!("{} – {day_text}", p.title);
                b.push(table(sx, p, &s.columns, &s.write_in, rows, &caption, s.loc));
            }
            b.extend(end(s.orientation));
            b
        }
        Body::Forms(f, rows) => super::prefill::blocks(sx, p, f, rows),
    }
}

/// "6 brukare", "12 besök": the count and the dataset's title.
fn count(p: &Part, n: usize) -> Block {
    bold(format!("{n} {}", p.ds.title.v.to_lowercase()), INFO_PT)
}

/// A part's first page: orientation, page break, running header, heading with its anchor.
fn start(sx: &Sx, o: Orientation, title: &str, anchor: &str) -> Vec<Block> {
    let mut b = vec![Block::PageBreak];
    if o == Orientation::Landscape {
        b.push(Block::Orientation(Orientation::Landscape));
    }
    b.push(sx.header(title));
    b.push(heading(2, title.to_string(), Some(anchor.to_string())));
    b
}

/// Back to portrait after a landscape part.
fn end(o: Orientation) -> Vec<Block> {
    if o == Orientation::Landscape {
        vec![Block::Orientation(Orientation::Portrait)]
    } else {
        Vec::new()
    }
}

/// "Måndag 2026-12-01" / "Monday 2026-12-01": the weekday, and the date as dates are
/// written on every form.
pub(super) fn day_name(sx: &Sx, d: NaiveDate) -> String {
    const SV_DAYS: [&str; 7] = [
        "Måndag", "Tisdag", "Onsdag", "Torsdag", "Fredag", "Lördag", "Söndag",
    ];
    const EN_DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let wd = d.weekday().num_days_from_monday() as usize;
    match sx.cx.lang() {
        crate::model::Lang::Sv => format!("{} {d}", SV_DAYS[wd]),
        crate::model::Lang::En => format!("{} {d}", EN_DAYS[wd]),
    }
}

/// The layout column of a printed data column: a `width` is a share of the line; personnummer,
/// phone numbers, dates, times, numbers and short codes as wide as their widest value (they
/// never break); other text shares the rest by how long its values and their words are in
/// the whole export.
fn column(ds: &Dataset, export: &Export, name: &str) -> Column {
    let Some(i) = index(ds, name) else {
        return Column::new(name, 1.0);
    };
    let c = &ds.columns[i];
    let heading = c.label.v.clone();
    if let Some(w) = &c.width {
        return Column::share(heading, f32::from(w.v.0) / f32::from(FieldWidth::FULL.0));
    }
    match c.kind {
        DataKind::Text => {
            // Long values get room, and so do long words (an address should not break
            // inside its street name); the heading's longest word sets the least.
            let (mut sum, mut n, mut word, mut longest) = (0usize, 0usize, 0usize, 0usize);
            for r in &export.rows {
                let t = &r.cells[i].text;
                let len = t.chars().count();
                sum += len;
                n += usize::from(len > 0);
                longest = longest.max(len);
                // As printed: "Kyrkogatan 8" is one piece (see `words`).
                let printed = keep_numbers_with_words(t);
                word = word.max(unbreakable_lengths(&printed).max().unwrap_or(0));
            }
            // Short codes and answers (a door code, "Ja") never break: as wide as the
            // widest of them or of the heading's words.
            if longest <= SHORT_TEXT {
                return Column::fit(heading);
            }
            let mean = if n == 0 { 4.0 } else { sum as f32 / n as f32 };
            let head = heading
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            let weight = (mean + word.min(20) as f32).max(head as f32 * 1.3);
            Column::new(heading, weight.clamp(4.0, 60.0)).whole_words()
        }
        _ => Column::fit(heading),
    }
}

/// A data table: the columns printed, then empty write-in columns.
#[allow(clippy::too_many_arguments)]
fn table(
    sx: &Sx,
    p: &Part,
    columns: &[At<String>],
    write_in: &[At<String>],
    rows: &[&Row],
    caption: &str,
    loc: crate::model::Loc,
) -> Block {
    let mut cols: Vec<Column> = columns
        .iter()
        .map(|c| {
            let key = (p.ds.id.v.clone(), c.v.clone());
            if let Some(col) = sx.columns.borrow().get(&key) {
                return col.clone();
            }
            let col = column(p.ds, p.export, &c.v);
            sx.columns.borrow_mut().insert(key, col.clone());
            col
        })
        .collect();
    cols.extend(
        write_in
            .iter()
            .map(|w| Column::fixed(w.v.clone(), WRITE_IN_MM)),
    );
    let idx: Vec<Option<usize>> = columns.iter().map(|c| index(p.ds, &c.v)).collect();
    let body = rows
        .iter()
        .map(|r| {
            let mut cells: Vec<Vec<Block>> = idx
                .iter()
                .enumerate()
                .map(|(n, i)| match i {
                    Some(i) if p.ds.columns[*i].kind == DataKind::Text => cell(
                        &keep_numbers_with_words(&r.cells[*i].text),
                        r.cells[*i].flagged,
                        n == 0,
                    ),
                    Some(i) => cell(&r.cells[*i].text, r.cells[*i].flagged, n == 0),
                    None => Vec::new(),
                })
                .collect();
            cells.extend(write_in.iter().map(|_| Vec::new()));
            cells
        })
        .collect();
    let what = format!("the table \"{caption}\" of dataset \"{}\"", p.ds.id.v);
    let mut t = Table::new(cols, body, CELL_PT)
        .continued(format!("{caption} ({})", sx.t(Label::ContinuedShort)))
        .origin(sx.cx.origin(what, loc));
    if !write_in.is_empty() {
        t = t.min_row(ROW_HEIGHT);
    }
    Block::Table(t)
}

/// One cell: the value (the row's first column in bold), or the value behind a warning mark
/// when it looked wrong in the export.
pub(super) fn cell(text: &str, flagged: bool, first: bool) -> Vec<Block> {
    if text.is_empty() {
        return Vec::new();
    }
    let spans = vec![Span {
        text: text.to_string(),
        bold: first,
    }];
    if flagged {
        return vec![Block::Marked {
            marker: Marker::Critical,
            spans,
            size_pt: CELL_PT,
        }];
    }
    vec![Block::Paragraph {
        spans,
        size_pt: CELL_PT,
    }]
}
