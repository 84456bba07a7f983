//! The cover: what the kit is, when it is in force, how to use it, its contents and its code.

use super::ctx::{bold, heading, lead, para, Ctx, BODY_PT, SMALL_PT, TAG_MODULE};
use crate::labels::Label;
use crate::layout::{Block, Column, Table, Width};
use crate::model::Priority;

/// Anchor of each binder section and its title, in binder order (only what the kit has).
pub fn sections(cx: &Ctx) -> Vec<(String, String)> {
    let k = cx.kit;
    let mut s = Vec::new();
    for p in &k.procedures {
        s.push((
            format!("proc-{}", p.id.v),
            format!("{}: {}", cx.t(Label::Procedures), p.title.v),
        ));
    }
    if !k.contacts.is_empty() {
        s.push(("contacts".into(), cx.t(Label::Contacts).to_string()));
    }
    for c in &k.checklists {
        s.push((
            format!("cl-{}", c.id.v),
            format!("{}: {}", cx.t(Label::Checklists), c.title.v),
        ));
    }
    for f in &k.forms {
        s.push((
            format!("form-{}", f.id.v),
            format!("{}: {}", cx.t(Label::Forms), f.title.v),
        ));
    }
    for l in &k.logs {
        s.push((format!("log-{}", l.id.v), l.title.v.clone()));
    }
    if k.forms.iter().any(|f| f.serial.is_some()) {
        s.push(("register".into(), cx.t(Label::Register).to_string()));
    }
    s
}

/// The cover page.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    let m = &cx.kit.meta;
    let mut title = vec![heading(1, m.title.v.clone(), Some("cover".into()))];
    if let Some(sub) = &m.subtitle {
        title.push(para(sub.clone(), 14.0));
    }
    title.push(para(m.organisation.clone(), BODY_PT));
    let code = vec![Block::Qr {
        payload: cx.payload(None, None),
        module_mm: TAG_MODULE,
        caption: Some(cx.t(Label::KitCode).into()),
    }];
    let mut b = vec![
        Block::Row {
            cells: vec![(Width::TwoThirds, title), (Width::Third, code)],
            gap_mm: 5.0,
        },
        Block::Spacer(3.0),
    ];
    let prio = cx.t(match m.priority {
        Priority::LifeAndHealth => Label::PrioLifeAndHealth,
        Priority::Essential => Label::PrioEssential,
        Priority::Important => Label::PrioImportant,
        Priority::Deferrable => Label::PrioDeferrable,
    });
    let fact = |l: Label, v: String| vec![bold(cx.t(l), SMALL_PT), bold(v, 16.0)];
    b.push(Block::Row {
        cells: vec![
            (Width::Third, fact(Label::Version, m.version.v.clone())),
            (Width::Third, fact(Label::Printed, cx.opts.date.to_string())),
            (
                Width::Third,
                fact(Label::ReviewBy, m.review_by.v.to_string()),
            ),
        ],
        gap_mm: 5.0,
    });
    b.push(Block::Row {
        cells: vec![
            (
                Width::Third,
                vec![lead(cx.t(Label::Owner), &m.owner, SMALL_PT)],
            ),
            (
                Width::Third,
                vec![lead(cx.t(Label::Issued), &m.issued.v.to_string(), SMALL_PT)],
            ),
            (
                Width::Third,
                vec![lead(cx.t(Label::Priority), prio, SMALL_PT)],
            ),
        ],
        gap_mm: 5.0,
    });
    b.push(Block::Rule);
    b.push(heading(2, cx.t(Label::Activation), None));
    b.push(para(m.activation.clone(), BODY_PT));
    if !m.how_to_use.trim().is_empty() {
        b.push(heading(2, cx.t(Label::HowToUse), None));
        b.push(para(m.how_to_use.clone(), BODY_PT));
    }
    let sections = sections(cx);
    if !sections.is_empty() {
        b.push(heading(2, cx.t(Label::Contents), None));
        b.push(Block::Table(Table::new(
            vec![
                Column::new(cx.t(Label::Section), 6.0),
                Column::new(cx.t(Label::Page), 1.0),
            ],
            sections
                .iter()
                .map(|(anchor, title)| {
                    vec![
                        vec![para(title.clone(), SMALL_PT)],
                        vec![para(cx.page_of(anchor), SMALL_PT)],
                    ]
                })
                .collect(),
            SMALL_PT,
        )));
    }
    b.push(Block::PageBreak);
    b
}

/// The stock table: how many copies of each form and log a unit should hold.
pub fn stock(cx: &Ctx) -> Vec<Block> {
    let mut b = Vec::new();
    if !cx.kit.stock.is_empty() {
        b.push(Block::Spacer(6.0));
        b.push(heading(2, cx.t(Label::Stock), None));
        b.push(para(cx.t(Label::StockIntro), BODY_PT));
        let title_of = |id: &str| {
            cx.kit
                .forms
                .iter()
                .find(|f| f.id.v == id)
                .map(|f| f.title.v.clone())
                .or_else(|| {
                    cx.kit
                        .logs
                        .iter()
                        .find(|l| l.id.v == id)
                        .map(|l| l.title.v.clone())
                })
                .unwrap_or_else(|| id.to_string())
        };
        b.push(Block::Table(Table::new(
            vec![
                Column::new(cx.t(Label::Forms), 6.0),
                Column::new(cx.t(Label::Copies), 1.0),
            ],
            cx.kit
                .stock
                .iter()
                .map(|(id, n)| {
                    vec![
                        vec![para(title_of(&id.v), BODY_PT)],
                        vec![para(n.v.to_string(), BODY_PT)],
                    ]
                })
                .collect(),
            BODY_PT,
        )));
    }
    b
}
