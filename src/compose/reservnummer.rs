//! The reservnummer lists: for every unit that hands out temporary identity numbers, its
//! range pre-printed one number a row, where staff note whom they gave the next free number
//! and, afterwards, the person's real personnummer. One unit's list starts on its own page.

use super::ctx::{bold, heading, para, Ctx, BODY_PT, SMALL_PT};
use crate::labels::Label;
use crate::layout::{Block, Column, Table};
use crate::model::ROW_HEIGHT;

/// The page anchor of the first list.
pub const ANCHOR: &str = "reservnummer";

/// Every unit's list; nothing when the kit declares no ranges.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    if cx.kit.reservnummer.is_empty() {
        return Vec::new();
    }
    let title = cx.t(Label::Reservnummer);
    let mut b = vec![Block::RunningHeader {
        text: Some(title.to_string()),
        continued: format!("– {}", cx.t(Label::Continued)),
    }];
    let marking = cx.t(Label::PersonalData);
    for (i, r) in cx.kit.reservnummer.iter().enumerate() {
        b.push(Block::PageBreak);
        let anchor = (i == 0).then(|| ANCHOR.to_string());
        b.push(heading(1, format!("{title}: {}", r.unit), anchor));
        b.push(para(cx.t(Label::ReservIntro), BODY_PT));
        if !cx.classification_marks_personal_data() {
            b.push(bold(marking, SMALL_PT));
        }
        let columns = vec![
            Column::fit(cx.t(Label::ReservNumber)),
            Column::new(cx.t(Label::ReservGiven), 1.6),
            Column::new(cx.t(Label::ReservTo), 4.0),
            Column::new(cx.t(Label::Initials), 0.9),
            Column::new(cx.t(Label::ReservRealId), 2.2),
        ];
        let rows = r
            .numbers()
            .into_iter()
            .map(|n| {
                vec![
                    vec![bold(super::ctx::unbroken(&n), BODY_PT)],
                    Vec::new(),
                    Vec::new(),
                    Vec::new(),
                    Vec::new(),
                ]
            })
            .collect();
        let table = Table::new(columns, rows, SMALL_PT)
            .min_row(ROW_HEIGHT)
            .continued(format!(
                "{title}: {} ({})",
                r.unit,
                cx.t(Label::ContinuedShort)
            ))
            .origin(cx.origin(format!("the reservnummer of {}", r.unit), r.loc));
        b.push(Block::Table(table));
    }
    b.push(Block::RunningHeader {
        text: None,
        continued: String::new(),
    });
    b.push(Block::PageBreak);
    b
}
