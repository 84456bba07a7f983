//! The unit's stock list, on the register's last page: for each form and log the copies to
//! hold and, where the kit states the expected use, what the planning horizon needs and how
//! long the stock lasts — computed by [`crate::model::Kit::stock_plan`].

use super::ctx::{bold, heading, para, Ctx, BODY_PT};
use crate::labels::Label;
use crate::layout::{Block, Column, Table};
use crate::model::Usage;

/// The stock list; nothing when no form or log has a stock or an expected use.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    let plan = cx.kit.stock_plan(cx.opts.copies);
    if plan.is_empty() {
        return Vec::new();
    }
    let hours = cx.kit.meta.outage_hours();
    let mut intro = cx.t(Label::StockIntro).to_string();
    // Without an expected use there is nothing to compute: copies only.
    let planned = plan.iter().any(|l| l.usage.is_some());
    if planned {
        // "… i pärmen (planerat för ett avbrott på 72 timmar):"
        let at = intro.trim_end_matches(':').to_string();
        let extra = cx
            .t(Label::StockPlanned)
            .replace("{hours}", &hours.to_string());
        intro = format!("{at} {extra}:");
    }
    let mut b = vec![
        Block::Spacer(6.0),
        heading(2, cx.t(Label::Stock), None),
        para(intro, BODY_PT),
    ];
    if !planned {
        let rows = plan
            .iter()
            .map(|l| {
                vec![
                    vec![para(l.title.clone(), BODY_PT)],
                    vec![para(l.held.to_string(), BODY_PT)],
                ]
            })
            .collect();
        let columns = vec![
            Column::new(cx.t(Label::Forms), 6.0),
            Column::new(cx.t(Label::Copies), 1.0),
        ];
        b.push(Block::Table(Table::new(columns, rows, BODY_PT)));
        return b;
    }
    let need = cx
        .t(Label::StockNeed)
        .replace("{hours}", &hours.to_string());
    let columns = vec![
        Column::new(cx.t(Label::Forms), 5.0),
        Column::new(cx.t(Label::StockUse), 1.8),
        Column::new(need, 1.6),
        Column::new(cx.t(Label::Copies), 1.2),
        Column::new(cx.t(Label::StockLasts), 1.8),
    ];
    let dash = || vec![para("–", BODY_PT)];
    // The title, and where the copies the binder does not hold are kept.
    let title = |l: &crate::model::StockLine| {
        let mut cell = vec![para(l.title.clone(), BODY_PT)];
        if let Some((_, kept)) = cx.kit.stock_kept.iter().find(|(id, _)| id.v == l.id) {
            cell.push(super::ctx::lead(
                cx.t(Label::StockKept),
                &kept.v,
                BODY_PT - 2.0,
            ));
        }
        cell
    };
    let rows = plan
        .iter()
        .map(|l| {
            let usage = l.usage.as_ref().map_or_else(dash, |u| {
                let text = match u.v {
                    Usage::PerHour(n) => cx.t(Label::PerHour).replace("{n}", &n.to_string()),
                    Usage::PerDay(n) => cx.t(Label::PerDay).replace("{n}", &n.to_string()),
                };
                vec![para(text, BODY_PT)]
            });
            let need = l
                .need
                .map_or_else(dash, |n| vec![para(n.to_string(), BODY_PT)]);
            let lasts = match l.lasts_hours {
                None => dash(),
                Some(h) if l.short() => vec![bold(
                    format!("{h} h – {}", cx.t(Label::StockTooFew)),
                    BODY_PT,
                )],
                Some(h) => vec![para(format!("{h} h"), BODY_PT)],
            };
            vec![
                title(l),
                usage,
                need,
                vec![bold(l.held.to_string(), BODY_PT)],
                lasts,
            ]
        })
        .collect();
    b.push(Block::Table(Table::new(columns, rows, BODY_PT)));
    b
}
