//! The back-entry register: one row for every serial printed, so that after the outage the
//! office can show that every used form was entered and every unused one is accounted for.

use super::ctx::{heading, para, Ctx, BODY_PT, SMALL_PT};
use crate::labels::Label;
use crate::layout::{Block, Column, Table};

/// The register for every serialized form (nothing when no form is serialized).
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    let forms: Vec<_> = cx.kit.forms.iter().filter(|f| f.serial.is_some()).collect();
    if forms.is_empty() {
        return super::cover::stock(cx);
    }
    let title = cx.t(Label::Register);
    let mut b = vec![
        Block::PageBreak,
        Block::RunningHeader {
            text: Some(title.into()),
            continued: format!("– {}", cx.t(Label::Continued)),
        },
        heading(1, title, Some("register".into())),
        para(cx.t(Label::RegisterIntro), BODY_PT),
    ];
    for f in forms {
        let s = f.serial.as_ref().expect("filtered to serialized forms");
        let copies = cx.opts.copies.unwrap_or(s.copies).max(1);
        b.push(heading(2, f.title.v.clone(), None));
        let columns = vec![
            Column::new(cx.t(Label::Serial), 1.6),
            Column::new(cx.t(Label::Unused), 1.1),
            Column::new(cx.t(Label::UsedOn), 1.6),
            Column::new(cx.t(Label::RegisteredBy), 2.6),
            Column::new(cx.t(Label::Date), 1.6),
            Column::new(cx.t(Label::CaseNumber), 2.2),
        ];
        let rows = (0..copies)
            .map(|i| {
                vec![
                    vec![para(s.nth(i), BODY_PT)],
                    vec![Block::Checkboxes {
                        label: None,
                        options: vec![String::new()],
                        checked: vec![false],
                    }],
                    vec![Block::Spacer(4.0)],
                    vec![Block::Spacer(4.0)],
                    vec![Block::Spacer(4.0)],
                    vec![Block::Spacer(4.0)],
                ]
            })
            .collect();
        b.push(Block::Table(Table::new(columns, rows, SMALL_PT)));
    }
    b.extend(super::cover::stock(cx));
    b.push(Block::RunningHeader {
        text: None,
        continued: String::new(),
    });
    b
}
