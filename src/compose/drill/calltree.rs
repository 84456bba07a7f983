//! The call sheet of a call-tree test: every contact of the kit with its first number, a
//! box for each result (answered, no answer, wrong number), the date, time and a note, so
//! that `drill --record --reached …` can set each answered contact's `verified` date.

use crate::compose::ctx::{bold, heading, para, Ctx, BODY_PT, SMALL_PT};
use crate::labels::Label;
use crate::layout::{Block, Column, Orientation, Table};
use crate::model::Scenario;

/// Height of a row to write in, mm.
const ROW_MM: f32 = 9.0;

/// The call sheet, landscape: a row per contact in contact-sheet order.
pub fn sheet(cx: &Ctx, s: &Scenario) -> Vec<Block> {
    let columns = vec![
        Column::fit("#"),
        Column::new(cx.t(Label::Contact), 3.0),
        Column::fit(cx.t(Label::Phone)),
        Column::new(cx.t(Label::CallResult), 2.6),
        Column::new(cx.t(Label::Date), 1.3),
        Column::new(cx.t(Label::Time), 0.8),
        Column::new(cx.t(Label::RightNumberOrNote), 2.4),
        Column::new(cx.t(Label::Initials), 0.8),
    ];
    let results = [Label::Reached, Label::NoAnswer, Label::WrongNumber]
        .map(|l| cx.t(l).to_string())
        .to_vec();
    let rows = cx
        .kit
        .contacts
        .iter()
        .enumerate()
        .map(|(n, c)| {
            let mut who = vec![bold(c.role.v.clone(), BODY_PT)];
            if let Some(name) = &c.name {
                who.push(para(name.clone(), SMALL_PT));
            }
            who.push(para(format!("id: {}", c.id.v), SMALL_PT));
            let number = c
                .phones
                .first()
                .map_or_else(String::new, |p| cx.phone_text(p));
            vec![
                vec![bold((n + 1).to_string(), BODY_PT)],
                who,
                vec![bold(number, BODY_PT)],
                vec![Block::Checkboxes {
                    label: None,
                    options: results.iter().map(|r| r.as_str().into()).collect(),
                    checked: vec![false; results.len()],
                }],
                Vec::new(),
                Vec::new(),
                Vec::new(),
                Vec::new(),
            ]
        })
        .collect();
    let mut table = Table::new(columns, rows, SMALL_PT)
        .min_row(ROW_MM)
        .continued(format!("({})", cx.t(Label::ContinuedShort)));
    table.origin = Some(cx.origin(format!("the call sheet of \"{}\"", s.id.v), s.loc));
    vec![
        Block::PageBreak,
        Block::Orientation(Orientation::Landscape),
        heading(
            1,
            format!("{}: {}", cx.t(Label::CallSheet), s.title.v),
            Some("drill-calls".into()),
        ),
        para(cx.t(Label::CallSheetIntro), BODY_PT),
        Block::Table(table),
        para(
            cx.t(Label::CallSheetRecord).replace("{scenario}", &s.id.v),
            SMALL_PT,
        ),
        Block::Orientation(Orientation::Portrait),
    ]
}
