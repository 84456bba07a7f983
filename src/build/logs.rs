//! Activity log sheets (like ICS 214): numbered sheets with Time / What happened / Who rows.

use super::ctx::{heading, Ctx, SMALL_PT};
use crate::labels::Label;
use crate::layout::{Block, Column, Table, Width};
use crate::model::Log;

/// Height of one handwritten row, mm (field rules: 8–9 mm between write-in lines).
const ROW_H: f32 = 8.5;

/// Every sheet of a log.
pub fn blocks(cx: &Ctx, l: &Log) -> Vec<Block> {
    let defaults = [
        cx.t(Label::Time),
        cx.t(Label::WhatHappened),
        cx.t(Label::Who),
    ];
    let headers: Vec<String> = if l.columns.is_empty() {
        defaults.iter().map(|s| s.to_string()).collect()
    } else {
        l.columns.clone()
    };
    // The "what happened" column gets the room; short columns (time, who) stay narrow.
    let widest = headers
        .iter()
        .enumerate()
        .max_by_key(|(_, h)| h.chars().count())
        .map_or(0, |(i, _)| i);
    let columns: Vec<Column> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| Column::new(h.clone(), if i == widest { 5.0 } else { 1.5 }))
        .collect();
    let mut b = Vec::new();
    for sheet in 1..=l.sheets {
        let sheet_text = cx
            .t(Label::SheetOf)
            .replace("{sheet}", &sheet.to_string())
            .replace("{sheets}", &l.sheets.to_string());
        b.push(Block::PageBreak);
        b.push(Block::RunningHeader {
            text: Some(format!("{} · {sheet_text}", l.title.v)),
            continued: format!("– {}", cx.t(Label::Continued)),
        });
        let anchor = (sheet == 1).then(|| format!("log-{}", l.id.v));
        let mut page = vec![heading(1, format!("{} – {sheet_text}", l.title.v), anchor)];
        page.push(Block::Row {
            cells: vec![
                (Width::Third, vec![cx.date_boxes(cx.t(Label::Date))]),
                (
                    Width::Third,
                    vec![Block::LabelledBox {
                        label: cx.t(Label::Name).into(),
                        height_mm: 8.0,
                    }],
                ),
                (
                    Width::Third,
                    vec![Block::LabelledBox {
                        label: cx.t(Label::ContinuedOnSheet).into(),
                        height_mm: 8.0,
                    }],
                ),
            ],
            gap_mm: 5.0,
        });
        let rows = (0..l.rows)
            .map(|_| {
                columns
                    .iter()
                    .map(|_| vec![Block::Spacer(ROW_H - 3.0)])
                    .collect()
            })
            .collect();
        // A sheet is one page: a log that runs over onto a second page loses its heading
        // and gets left behind when sheets are handed out.
        page.push(Block::Table(Table::new(columns.clone(), rows, SMALL_PT)));
        b.push(Block::KeepTogether {
            origin: cx.origin(
                format!(
                    "log \"{}\" with rows = {} (lower `rows` so that a sheet fits one page)",
                    l.id.v, l.rows
                ),
                l.loc,
            ),
            blocks: page,
        });
        b.push(Block::RunningHeader {
            text: None,
            continued: String::new(),
        });
    }
    b
}
