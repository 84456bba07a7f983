//! Procedures: numbered steps in large type. A step that names a contact writes out the name
//! and number; forms and checklists are named with their page; branches say which step to go to.

use super::ctx::{heading, lead, Ctx, STEP_PT};
use crate::labels::Label;
use crate::layout::{Block, Marker, Span};
use crate::model::{Procedure, Step};

/// Every procedure, each starting on a new page.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    cx.kit.procedures.iter().flat_map(|p| one(cx, p)).collect()
}

/// One procedure.
pub fn one(cx: &Ctx, p: &Procedure) -> Vec<Block> {
    let mut b = vec![
        Block::RunningHeader {
            text: Some(p.title.v.clone()),
            continued: format!("– {}", cx.t(Label::Continued)),
        },
        heading(1, p.title.v.clone(), Some(format!("proc-{}", p.id.v))),
    ];
    if !p.when.is_empty() {
        b.push(lead(cx.t(Label::When), &p.when, STEP_PT - 2.0));
    }
    if !p.who.is_empty() {
        b.push(lead(cx.t(Label::Who), &p.who, STEP_PT - 2.0));
    }
    b.push(Block::Spacer(2.0));
    let items = p.steps.iter().map(|s| step(cx, p, s)).collect();
    b.push(Block::NumberedList {
        start: 1,
        items,
        size_pt: STEP_PT,
    });
    b.push(Block::RunningHeader {
        text: None,
        continued: String::new(),
    });
    b.push(Block::PageBreak);
    b
}

fn marked(marker: Marker, spans: Vec<Span>) -> Block {
    Block::Marked {
        marker,
        spans,
        size_pt: STEP_PT - 1.0,
    }
}

fn span(text: impl Into<String>, bold: bool) -> Span {
    Span {
        text: text.into(),
        bold,
    }
}

/// The blocks of one step: its text, then who to call, what to fill in, where to branch.
fn step(cx: &Ctx, p: &Procedure, s: &Step) -> Vec<Block> {
    let mut b = vec![Block::Paragraph {
        spans: vec![span(s.text.v.clone(), false)],
        size_pt: STEP_PT,
    }];
    if let Some(id) = &s.call {
        if let Some(c) = cx.contact(&id.v) {
            let who = match &c.name {
                Some(n) => format!("{}, {n}", c.role.v),
                None => c.role.v.clone(),
            };
            let mut spans = vec![span(format!("{}: {who}", cx.t(Label::Call)), true)];
            for (i, ph) in c.phones.iter().enumerate() {
                let sep = if i == 0 { " – " } else { ", " };
                spans.push(span(sep, false));
                spans.push(span(cx.phone_text(ph), i == 0));
            }
            b.push(marked(Marker::Arrow, spans));
            if c.fallback.len() > 1 || !c.phones.is_empty() && !c.fallback.is_empty() {
                let chain = super::contacts::chain_text(cx, c);
                if !chain.is_empty() {
                    b.push(Block::Paragraph {
                        spans: vec![
                            span(format!("{}: ", cx.t(Label::Fallback)), true),
                            span(chain, false),
                        ],
                        size_pt: STEP_PT - 2.0,
                    });
                }
            }
        }
    }
    // Forms, checklists and logs the step points to, each named with its page; a form with
    // nothing to fill in (a list of article numbers) is looked up, not filled in.
    let recovery = cx.kit.recovery.as_ref().map(|r| r.checklist(cx.kit));
    let refs = [
        s.form
            .as_ref()
            .and_then(|id| cx.kit.forms.iter().find(|f| f.id.v == id.v))
            .map(|f| {
                let label = if is_reference(f) {
                    Label::LookUpIn
                } else {
                    Label::FillIn
                };
                (label, &f.title.v, format!("form-{}", f.id.v))
            }),
        s.checklist
            .as_ref()
            .and_then(|id| {
                cx.kit
                    .checklists
                    .iter()
                    .chain(recovery.as_ref())
                    .find(|c| c.id.v == id.v)
            })
            .map(|c| (Label::RunChecklist, &c.title.v, format!("cl-{}", c.id.v))),
        s.log
            .as_ref()
            .and_then(|id| cx.kit.logs.iter().find(|l| l.id.v == id.v))
            .map(|l| (Label::KeepLog, &l.title.v, format!("log-{}", l.id.v))),
    ];
    for (label, title, anchor) in refs.into_iter().flatten() {
        b.push(marked(
            Marker::Arrow,
            vec![
                span(format!("{}: ", cx.t(label)), true),
                span(format!("{title} {}", cx.see_page(&anchor)), false),
            ],
        ));
    }
    if s.intake {
        for i in &cx.kit.intake {
            let mut spans = vec![span(format!("{}: ", cx.t(Label::IntakeStep)), true)];
            spans.extend(super::poster::intake_line(cx, i, true));
            b.push(marked(Marker::Arrow, spans));
        }
    }
    for br in &s.branches {
        let n = p
            .steps
            .iter()
            .position(|t| t.id.as_ref().is_some_and(|i| i.v == br.goto.v))
            .map_or_else(|| "?".to_string(), |i| (i + 1).to_string());
        b.push(marked(
            Marker::Arrow,
            vec![
                span(format!("{} – ", br.when), false),
                span(format!("{} {n}", cx.t(Label::GoToStep)), true),
            ],
        ));
    }
    b
}

/// A form with nothing to fill in: no fields, and tables of pre-filled rows only (a list to
/// look things up in).
fn is_reference(f: &crate::model::Form) -> bool {
    f.serial.is_none()
        && f.sections.iter().all(|s| {
            s.fields
                .iter()
                .all(|x| x.kind == crate::model::FieldKind::Instruction)
                && s.table.as_ref().is_none_or(|t| t.rows == 0)
        })
}
