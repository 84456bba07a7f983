//! Inject cards: numbered, timed messages the drill leader hands out, two to a row, each in
//! its own box to cut apart. A card carries "ÖVNING" itself (a cut-out card has lost the page
//! watermark) and never the expected action, which is on the leader's timing sheet.

use crate::compose::ctx::{heading, lead, para, Ctx, BODY_PT, STEP_PT};
use crate::labels::Label;
use crate::layout::{Block, Column, Table, Width};
use crate::model::{Inject, Scenario};

/// The inject cards of `s` in time order, numbered from 1; nothing when it has none.
pub fn blocks(cx: &Ctx, s: &Scenario) -> Vec<Block> {
    let injects = ordered(s);
    if injects.is_empty() {
        return Vec::new();
    }
    let mut b = vec![
        heading(
            1,
            format!("{}: {}", cx.t(Label::InjectCards), s.title.v),
            Some("drill-injects".into()),
        ),
        para(cx.t(Label::InjectCardsIntro), BODY_PT),
    ];
    for pair in injects.chunks(2) {
        let cells = pair
            .iter()
            .map(|(n, i)| (Width::Half, vec![card(cx, s, *n, i)]))
            .collect();
        b.push(Block::Row { cells, gap_mm: 8.0 });
        b.push(Block::Spacer(3.0));
    }
    b.push(Block::PageBreak);
    b
}

/// Injects with their card numbers, in time order on the scenario's clock (stable for
/// equal times): by day, and a time before the start without a day is the next day, so that
/// a drill past midnight stays in order.
pub fn ordered(s: &Scenario) -> Vec<(usize, &Inject)> {
    let mut v: Vec<&Inject> = s.injects.iter().collect();
    v.sort_by_key(|i| s.at(i));
    v.into_iter().enumerate().map(|(n, i)| (n + 1, i)).collect()
}

fn card(cx: &Ctx, s: &Scenario, n: usize, i: &Inject) -> Block {
    let title = format!(
        "{} · {} {n} · {}",
        cx.t(Label::Exercise),
        cx.t(Label::Inject),
        super::scenario::when(cx, s, s.at(i))
    );
    Block::Table(Table::new(
        vec![Column::new(title, 1.0)],
        vec![vec![vec![
            lead(cx.t(Label::To), &i.to, BODY_PT),
            para(i.text.clone(), STEP_PT),
        ]]],
        BODY_PT,
    ))
}
