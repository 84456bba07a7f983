//! Log sheets (like ICS 214, or a medication signing list): numbered sheets, each one page,
//! with the log's header fields (date, name … or the kit's own: incident, patient,
//! personnummer) and a table of blank rows in the log's columns.

use super::ctx::{heading, Ctx};
use super::fields;
use super::tables;
use crate::labels::Label;
use crate::layout::{Block, Orientation};
use crate::model::{ColumnKind, Field, FieldKind, FieldWidth, Log, TableColumn, ROW_HEIGHT};

/// The columns of a log that declares none: Time / What happened / Who.
fn default_columns(cx: &Ctx, l: &Log) -> Vec<TableColumn> {
    [Label::Time, Label::WhatHappened, Label::Who]
        .into_iter()
        .map(|label| TableColumn {
            heading: crate::model::At::new(cx.t(label).to_string(), l.loc),
            kind: ColumnKind::Text,
            width: None,
            series: None,
            group: None,
            loc: l.loc,
        })
        .collect()
}

/// The header fields of a log that declares none: date, name, continued on sheet.
fn default_fields(cx: &Ctx, l: &Log) -> Vec<Field> {
    let field = |label: Label, kind: FieldKind| Field {
        label: crate::model::At::new(cx.t(label).to_string(), l.loc),
        kind,
        width: FieldWidth::THIRD,
        value: None,
        help: None,
        role: None,
        fill: Default::default(),
        loc: l.loc,
    };
    vec![
        field(Label::Date, FieldKind::Date),
        field(Label::Name, FieldKind::Text),
        field(Label::ContinuedOnSheet, FieldKind::Text),
    ]
}

/// Every sheet of a log.
pub fn blocks(cx: &Ctx, l: &Log) -> Vec<Block> {
    let columns = if l.columns.is_empty() {
        default_columns(cx, l)
    } else {
        l.columns.clone()
    };
    let header_fields = if l.fields.is_empty() {
        default_fields(cx, l)
    } else {
        l.fields.clone()
    };
    let mut b = vec![Block::PageBreak];
    if l.orientation == Orientation::Landscape {
        b.push(Block::Orientation(Orientation::Landscape));
    }
    b.push(super::forms::footer(
        cx,
        &l.id.v,
        l.code.as_deref(),
        l.edition.as_deref(),
        false,
        &[],
    ));
    let mut sheets = Vec::new();
    for sheet in 1..=l.sheets {
        let sheet_text = cx
            .t(Label::SheetOf)
            .replace("{sheet}", &sheet.to_string())
            .replace("{sheets}", &l.sheets.to_string());
        sheets.push(Block::PageBreak);
        sheets.push(Block::RunningHeader {
            text: Some(format!("{} · {sheet_text}", l.title.v)),
            continued: format!("– {}", cx.t(Label::Continued)),
        });
        let anchor = (sheet == 1).then(|| format!("log-{}", l.id.v));
        let mut page = vec![heading(2, format!("{} – {sheet_text}", l.title.v), anchor)];
        page.extend(fields::lines(cx, &header_fields));
        let spec = tables::Spec {
            columns: &columns,
            filled: Vec::new(),
            blank: l.rows,
            row_height: ROW_HEIGHT,
            numbered: false,
            caption: l.title.v.clone(),
            origin: cx.origin(format!("the columns of log \"{}\"", l.id.v), l.loc),
        };
        page.push(tables::table(cx, &spec));
        // A sheet is one page: a log that runs over onto a second page loses its heading
        // and gets left behind when sheets are handed out.
        let mut origin = cx.origin(format!("a sheet of log \"{}\"", l.id.v), l.loc);
        origin.rows = Some((l.rows, ROW_HEIGHT));
        sheets.push(Block::KeepTogether {
            origin,
            blocks: page,
        });
        sheets.push(Block::RunningHeader {
            text: None,
            continued: String::new(),
        });
    }
    // Rows as low as the field rules allow before a sheet is too tall for the paper.
    b.push(Block::Fit {
        origin: cx.origin(format!("log \"{}\"", l.id.v), l.loc),
        pages: None,
        blocks: sheets,
    });
    b.push(Block::FormFooter(None));
    if l.orientation == Orientation::Landscape {
        b.push(Block::Orientation(Orientation::Portrait));
    }
    b
}
