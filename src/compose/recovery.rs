//! The recovery section: what happens when the system is back, as the kit's `[recovery]`
//! says it — back-entry in time order, the downtime note to write in every record touched,
//! cancelling duplicates, what to destroy and how — and its checklist. The cover points to it.

use super::ctx::{bold, heading, lead, para, Ctx, BODY_PT, STEP_PT};
use crate::labels::Label;
use crate::layout::{Block, Column, Table};

/// The page anchor of the recovery section.
pub const ANCHOR: &str = "recovery";

/// The section, starting on a new page; nothing when the kit has no `[recovery]`.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    let Some(r) = &cx.kit.recovery else {
        return Vec::new();
    };
    let title = r.title_in(cx.kit);
    let mut b = vec![
        Block::PageBreak,
        Block::RunningHeader {
            text: Some(title.clone()),
            continued: format!("– {}", cx.t(Label::Continued)),
        },
        heading(1, title, Some(ANCHOR.into())),
    ];
    if !r.when.is_empty() {
        b.push(lead(cx.t(Label::When), &r.when, STEP_PT - 2.0));
    }
    if !r.who.is_empty() {
        b.push(lead(cx.t(Label::Who), &r.who, STEP_PT - 2.0));
    }
    b.push(Block::Spacer(2.0));
    let part = |label: Label, text: &str| {
        vec![bold(cx.t(label), STEP_PT), para(text.to_string(), STEP_PT)]
    };
    let note = Table::new(
        vec![Column::new(cx.t(Label::RecoveryNoteWrite), 1.0)],
        vec![vec![vec![para(r.downtime_note.v.clone(), STEP_PT)]]],
        BODY_PT,
    );
    let mut items = vec![
        part(Label::RecoveryBackEntry, &r.back_entry.v),
        vec![bold(cx.t(Label::RecoveryNote), STEP_PT), Block::Table(note)],
        part(Label::RecoveryDuplicates, &r.duplicates.v),
    ];
    if !r.destroy.is_empty() {
        let rows = r
            .destroy
            .iter()
            .map(|d| {
                vec![
                    vec![para(d.what.clone(), BODY_PT)],
                    vec![para(d.how.clone(), BODY_PT)],
                    vec![para(d.who.clone().unwrap_or_default(), BODY_PT)],
                ]
            })
            .collect();
        let columns = vec![
            Column::new(cx.t(Label::What), 3.0),
            Column::new(cx.t(Label::How), 3.0),
            Column::new(cx.t(Label::Who), 2.0),
        ];
        items.push(vec![
            bold(cx.t(Label::RecoveryDestroy), STEP_PT),
            Block::Table(Table::new(columns, rows, BODY_PT)),
        ]);
    }
    b.push(Block::NumberedList {
        start: 1,
        items,
        size_pt: STEP_PT,
    });
    b.push(Block::Spacer(4.0));
    b.push(super::checklists::one(cx, &r.checklist(cx.kit), false));
    b.push(Block::RunningHeader {
        text: None,
        continued: String::new(),
    });
    b.push(Block::PageBreak);
    b
}
