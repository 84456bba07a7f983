//! The back-entry register: one row for every serial printed, so that after the outage the
//! office can show that every used form was entered, checked by a second person, voided or
//! cancelled as a duplicate, and every unused one is accounted for. Printed blank in the
//! binder, and filled from the back-entry ledger as a status report (`reconcile --register`).
//! Nine columns: landscape, so that every column has room to write in.

use super::ctx::{bold, heading, para, Ctx, BODY_PT, SMALL_PT};
use crate::labels::Label;
use crate::layout::{Block, Column, Orientation, Table};

/// Height of a register row, mm: room for a handwritten line (field rules: 8–9 mm).
const ROW_MM: f32 = 8.5;

/// One row of a filled register: a printed serial, or a further sheet with one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterRow {
    /// Serial (with its copy letter, `HM-0007-B`).
    pub serial: String,
    /// Not used: printed after the last serial that came back.
    pub unused: bool,
    /// The day it came back, or `None` when it is missing (a gap).
    pub received: Option<String>,
    /// Who entered it in the system.
    pub entered_by: String,
    /// When it was entered.
    pub date: String,
    /// The case or order number.
    pub case: String,
    /// Voided, with the reason.
    pub void: Option<String>,
    /// Who checked the entry.
    pub checked_by: String,
    /// Cancelled as a duplicate of this case.
    pub duplicate: Option<String>,
}

/// The rows of one form and print run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterPart {
    /// Form id.
    pub form: String,
    /// The print run in words, `None` when the codes carried none.
    pub run: Option<String>,
    /// The version printed, when not the kit's current one.
    pub other_version: Option<String>,
    /// Rows in serial order.
    pub rows: Vec<RegisterRow>,
}

/// Counts for the report's first lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RegisterTotals {
    /// Sheets in the ledger.
    pub sheets: usize,
    /// Entered.
    pub entered: usize,
    /// Entries checked.
    pub checked: usize,
    /// Voided.
    pub void: usize,
    /// Cancelled as duplicates.
    pub duplicate: usize,
    /// Still to enter.
    pub open: usize,
    /// Missing (gaps).
    pub missing: usize,
}

/// What a filled register shows, made from the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterFill {
    /// Incident id.
    pub incident: String,
    /// The counts.
    pub totals: RegisterTotals,
    /// Forms and print runs.
    pub parts: Vec<RegisterPart>,
}

fn text(t: &str) -> Vec<Block> {
    if t.is_empty() {
        vec![Block::Spacer(3.0)]
    } else {
        vec![para(t, SMALL_PT)]
    }
}

fn tick(on: bool, label: &str) -> Vec<Block> {
    vec![Block::Checkboxes {
        label: None,
        options: vec![label.into()],
        checked: vec![on],
    }]
}

/// The register table of `rows`.
fn table(cx: &Ctx, received_column: Label, rows: &[RegisterRow]) -> Block {
    let columns = vec![
        Column::new(cx.t(Label::Serial), 2.0),
        Column::new(cx.t(Label::Unused), 1.4),
        Column::new(cx.t(received_column), 1.8),
        Column::new(cx.t(Label::RegisteredBy), 2.6),
        Column::new(cx.t(Label::Date), 1.8),
        Column::new(cx.t(Label::CaseNumber), 2.2),
        Column::new(cx.t(Label::Void), 2.0),
        Column::new(cx.t(Label::CheckedBy), 2.2),
        Column::new(cx.t(Label::DuplicateCancelled), 2.0),
    ];
    let rows = rows
        .iter()
        .map(|r| {
            let received = match (&r.received, r.unused) {
                (Some(d), _) => text(d),
                (None, true) => text(""),
                (None, false) => vec![bold(cx.t(Label::Missing), SMALL_PT)],
            };
            vec![
                vec![para(r.serial.clone(), BODY_PT)],
                tick(r.unused, ""),
                received,
                text(&r.entered_by),
                text(&r.date),
                text(&r.case),
                tick(r.void.is_some(), r.void.as_deref().unwrap_or("")),
                text(&r.checked_by),
                tick(r.duplicate.is_some(), r.duplicate.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    let mut t = Table::new(columns, rows, SMALL_PT);
    t.min_row_mm = ROW_MM;
    t.continued = Some(format!("({})", cx.t(Label::ContinuedShort)));
    Block::Table(t)
}

/// The heading of a form's part: its title and print run.
fn part_heading(cx: &Ctx, title: &str, run: Option<&str>, other: Option<&str>) -> Block {
    let mut h = title.to_string();
    match run {
        Some(r) => h.push_str(&format!(" – {} {r}", cx.t(Label::PrintRun))),
        None => h.push_str(&format!(" – {}", cx.t(Label::PrintRunUnknown))),
    }
    if let Some(v) = other {
        h.push_str(&format!(
            " ({})",
            cx.t(Label::OtherVersion).replace("{version}", v)
        ));
    }
    heading(2, h, None)
}

fn start(cx: &Ctx, title: String, anchor: Option<String>, intro: String) -> Vec<Block> {
    vec![
        Block::PageBreak,
        Block::Orientation(Orientation::Landscape),
        Block::RunningHeader {
            text: Some(title.clone()),
            continued: format!("– {}", cx.t(Label::Continued)),
        },
        heading(1, title, anchor),
        para(intro, BODY_PT),
    ]
}

fn end(b: &mut Vec<Block>) {
    b.push(Block::RunningHeader {
        text: None,
        continued: String::new(),
    });
    b.push(Block::Orientation(Orientation::Portrait));
}

/// The blank register for every serialized form, then the unit's stock list on its page.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    let forms: Vec<_> = cx.kit.forms.iter().filter(|f| f.serial.is_some()).collect();
    if forms.is_empty() {
        return super::stock::blocks(cx);
    }
    let title = cx.t(Label::Register).to_string();
    let mut b = start(
        cx,
        title,
        Some("register".into()),
        cx.t(Label::RegisterIntro).into(),
    );
    let run = cx.opts.print_run().describe();
    for f in forms {
        let s = f.serial.as_ref().expect("filtered to serialized forms");
        let copies = cx.opts.copies.unwrap_or(s.copies).max(1);
        b.push(part_heading(cx, &f.title.v, Some(&run), None));
        let rows: Vec<RegisterRow> = (0..copies)
            .map(|i| RegisterRow {
                serial: s.nth(i),
                received: Some(String::new()),
                ..RegisterRow::default()
            })
            .collect();
        b.push(table(cx, Label::UsedOn, &rows));
    }
    // The stock list shares the register's last page.
    b.extend(super::stock::blocks(cx));
    end(&mut b);
    b
}

/// The register filled from the ledger, as of the print date.
pub fn filled(cx: &Ctx, fill: &RegisterFill) -> Vec<Block> {
    let title = cx
        .t(Label::RegisterReport)
        .replace("{date}", &cx.opts.date.to_string());
    let intro = cx
        .t(Label::RegisterReportIntro)
        .replace("{incident}", &fill.incident);
    let mut b = start(cx, title, None, intro);
    let t = fill.totals;
    let totals = cx
        .t(Label::RegisterTotals)
        .replace("{sheets}", &t.sheets.to_string())
        .replace("{entered}", &t.entered.to_string())
        .replace("{checked}", &t.checked.to_string())
        .replace("{void}", &t.void.to_string())
        .replace("{duplicate}", &t.duplicate.to_string())
        .replace("{open}", &t.open.to_string())
        .replace("{missing}", &t.missing.to_string());
    b.push(bold(totals, BODY_PT));
    for p in &fill.parts {
        let title = cx
            .kit
            .forms
            .iter()
            .find(|f| f.id.v == p.form)
            .map_or_else(|| p.form.clone(), |f| f.title.v.clone());
        b.push(part_heading(
            cx,
            &title,
            p.run.as_deref(),
            p.other_version.as_deref(),
        ));
        b.push(table(cx, Label::Received, &p.rows));
    }
    end(&mut b);
    b
}
