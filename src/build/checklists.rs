//! Checklists: title with pause point and kind, items with their expected response, critical
//! items marked with a symbol and a word (survives black-and-white copying), optional Time and
//! Initials columns, completion line and a QR tag. A checklist never splits across pages.

use super::ctx::{bold, heading, lead, para, Ctx, BODY_PT, SMALL_PT, TAG_MODULE};
use crate::labels::Label;
use crate::layout::{Block, Column, Marker, Span, Table, Width};
use crate::model::{Checklist, ChecklistKind};

/// The given checklists, flowing so that several share a page when none splits.
pub fn blocks(cx: &Ctx, lists: &[&Checklist]) -> Vec<Block> {
    if lists.is_empty() {
        return Vec::new();
    }
    let mut b = Vec::new();
    for c in lists {
        b.push(one(cx, c));
        b.push(Block::Spacer(6.0));
    }
    b.push(Block::PageBreak);
    b
}

fn one(cx: &Ctx, c: &Checklist) -> Block {
    let kind = match c.kind {
        Some(ChecklistKind::DoConfirm) => cx.t(Label::DoConfirm),
        _ => cx.t(Label::ReadDo),
    };
    let head = vec![
        heading(2, c.title.v.clone(), Some(format!("cl-{}", c.id.v))),
        lead(cx.t(Label::PausePoint), &c.pause_point, BODY_PT),
        bold(kind, BODY_PT),
    ];
    let tag = vec![Block::Qr {
        payload: cx.payload(Some(&c.id.v), None),
        module_mm: TAG_MODULE,
        caption: None,
    }];
    let mut columns = vec![
        Column::new("#", 0.5),
        Column::new(cx.t(Label::Item), 5.0),
        Column::new(cx.t(Label::Response), 2.4),
    ];
    if c.time_column {
        columns.push(Column::new(cx.t(Label::Time), 1.2));
    }
    if c.initials_column {
        columns.push(Column::new(cx.t(Label::Initials), 1.1));
    }
    let rows = c
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let text = if item.critical {
                Block::Marked {
                    marker: Marker::Critical,
                    spans: vec![
                        Span {
                            text: format!("{}: ", cx.t(Label::Critical)),
                            bold: true,
                        },
                        Span {
                            text: item.text.v.clone(),
                            bold: false,
                        },
                    ],
                    size_pt: BODY_PT,
                }
            } else {
                para(item.text.v.clone(), BODY_PT)
            };
            let mut row = vec![
                vec![bold(format!("{}", i + 1), BODY_PT)],
                vec![text],
                vec![bold(item.response.clone(), BODY_PT)],
            ];
            if c.time_column {
                row.push(vec![Block::Spacer(6.0)]);
            }
            if c.initials_column {
                row.push(vec![Block::Spacer(6.0)]);
            }
            row
        })
        .collect();
    let mut blocks = vec![
        Block::Row {
            cells: vec![(Width::TwoThirds, head), (Width::Third, tag)],
            gap_mm: 4.0,
        },
        Block::Table(Table::new(columns, rows, BODY_PT)),
    ];
    if c.completion {
        blocks.push(Block::Spacer(2.0));
        blocks.push(para(cx.t(Label::CompletedBy), SMALL_PT));
        blocks.push(Block::Signature {
            labels: vec![
                cx.t(Label::PrintedName).into(),
                cx.t(Label::Time).into(),
                cx.t(Label::Signature).into(),
            ],
        });
    }
    Block::KeepTogether {
        origin: cx.origin(format!("checklist \"{}\"", c.id.v), c.loc),
        blocks,
    }
}
