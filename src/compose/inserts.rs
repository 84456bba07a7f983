//! Inserts: a divider page for each piece of material printed elsewhere and kept in the
//! binder (today's client list, a risk-group list, a map) — what belongs behind it, who
//! prints it, how often, how old it may be and what to do when it is missing or too old.
//! At the back of the binder, where printed pages are easiest to add and replace.

use super::ctx::{bold, para, Ctx};
use crate::labels::Label;
use crate::layout::{Block, Column, Table};
use crate::model::guide::insert_anchor;

/// Size of the divider's title, pt.
const TITLE_PT: f32 = 26.0;
/// Size of its text, pt.
const TEXT_PT: f32 = 14.0;

/// An age in words: "26 timmar", "2 dygn".
fn age(cx: &Ctx, hours: u32) -> String {
    if hours.is_multiple_of(24) && hours >= 48 {
        cx.t(Label::Days1).replace("{n}", &(hours / 24).to_string())
    } else {
        cx.t(Label::Hours1).replace("{n}", &hours.to_string())
    }
}

/// Every insert's divider, each on its own page.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    let mut b = Vec::new();
    for i in &cx.kit.inserts {
        b.push(Block::PageBreak);
        b.push(Block::RunningHeader {
            text: Some(cx.t(Label::InsertLabel).to_string()),
            continued: String::new(),
        });
        b.push(Block::Anchor(insert_anchor(&i.id.v)));
        b.push(bold(i.title.v.clone(), TITLE_PT));
        b.push(para(cx.t(Label::InsertLabel), TEXT_PT));
        b.push(Block::Spacer(4.0));
        let mut rows = Vec::new();
        let mut row = |head: String, text: &str| {
            if !text.trim().is_empty() {
                rows.push(vec![
                    vec![bold(head, TEXT_PT)],
                    vec![para(text.to_string(), TEXT_PT)],
                ]);
            }
        };
        row(cx.t(Label::InsertWhat).into(), &i.what);
        row(cx.t(Label::InsertPrintedBy).into(), &i.printed_by);
        row(cx.t(Label::InsertEvery).into(), &i.every);
        if let Some(h) = &i.max_age_hours {
            let head = cx.t(Label::InsertMaxAge).replace("{age}", &age(cx, h.v));
            row(head, cx.t(Label::InsertCheck));
        }
        row(cx.t(Label::InsertMissing).into(), &i.if_missing);
        b.push(Block::Table(
            Table::new(
                vec![
                    Column::new(String::new(), 3.0),
                    Column::new(String::new(), 7.0),
                ],
                rows,
                TEXT_PT,
            )
            .plain(),
        ));
        b.push(Block::RunningHeader {
            text: None,
            continued: String::new(),
        });
    }
    if !b.is_empty() {
        b.push(Block::PageBreak);
    }
    b
}
