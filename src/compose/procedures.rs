//! Procedures: numbered steps in large type. A step that names a contact writes out the name
//! and number (several contacts each with their hours, so that the reader takes the one
//! that answers now); forms and checklists are named with their page; branches say which
//! step to go to, and its page when it is on another one. A step that ends the procedure
//! says so, and the steps after it are marked as reached only from another step. Every page
//! a procedure continues from says so at its foot.

use super::ctx::{heading, lead, Ctx, STEP_PT};
use super::resolve::{role_names, step_anchor};
use crate::labels::Label;
use crate::layout::{Block, Marker, Span};
use crate::model::{Channel, Contact, PhoneKind, Procedure, Step};

/// Every procedure, each starting on a new page.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    cx.kit.procedures.iter().flat_map(|p| one(cx, p)).collect()
}

/// Type sizes of a procedure, pt: steps, the lines under them, when/who.
#[derive(Clone, Copy)]
struct Sizes {
    step: f32,
    marked: f32,
    lead: f32,
}

impl Sizes {
    /// The sizes of `p`: large, or tighter (12 pt steps: the field rules' preferred body
    /// size) when its last steps would otherwise run onto a page of their own.
    fn of(cx: &Ctx, p: &Procedure) -> Sizes {
        if cx.tight.contains(&p.id.v) {
            Sizes {
                step: 12.0,
                marked: 11.0,
                lead: 11.0,
            }
        } else {
            Sizes {
                step: STEP_PT,
                marked: STEP_PT - 1.0,
                lead: STEP_PT - 2.0,
            }
        }
    }
}

/// The "Vem:" line of a procedure: its roles by name, or its free text.
pub fn who_text(cx: &Ctx, p: &Procedure) -> String {
    if p.roles.is_empty() {
        p.who.clone()
    } else {
        role_names(cx.kit, &p.roles)
    }
}

/// One procedure.
pub fn one(cx: &Ctx, p: &Procedure) -> Vec<Block> {
    let z = Sizes::of(cx, p);
    let mut b = vec![
        Block::RunningHeader {
            text: Some(p.title.v.clone()),
            continued: format!("– {}", cx.t(Label::Continued)),
        },
        heading(1, p.title.v.clone(), Some(format!("proc-{}", p.id.v))),
        Block::Cue(Some(cx.t(Label::ContinuesOverleaf).to_string())),
    ];
    if !p.when.is_empty() {
        b.push(lead(cx.t(Label::When), &p.when, z.lead));
    }
    let who = who_text(cx, p);
    if !who.is_empty() {
        b.push(lead(cx.t(Label::Who), &who, z.lead));
    }
    b.push(Block::Spacer(2.0));
    // The steps in runs: a step that ends the procedure closes a run, and the steps after
    // it are reached only by a branch.
    let mut start = 0;
    while start < p.steps.len() {
        let end = p.steps[start..]
            .iter()
            .position(|s| s.end)
            .map_or(p.steps.len(), |i| start + i + 1);
        if start > 0 {
            // Kept with the steps it is about.
            b.push(heading(4, cx.t(Label::AlternativeSteps), None));
        }
        let items = (start..end).map(|i| step(cx, p, i, z)).collect();
        b.push(Block::NumberedList {
            start: start as u32 + 1,
            items,
            size_pt: z.step,
        });
        start = end;
    }
    b.push(Block::Cue(None));
    b.push(Block::RunningHeader {
        text: None,
        continued: String::new(),
    });
    b.push(Block::PageBreak);
    b
}

fn marked(marker: Marker, spans: Vec<Span>, size: f32) -> Block {
    Block::Marked {
        marker,
        spans,
        size_pt: size,
    }
}

fn span(text: impl Into<String>, bold: bool) -> Span {
    Span {
        text: text.into(),
        bold,
    }
}

/// The phone kind a fallback channel dials.
fn dials(ch: &Channel) -> Option<PhoneKind> {
    match ch {
        Channel::Mobile => Some(PhoneKind::Mobile),
        Channel::Landline => Some(PhoneKind::Landline),
        Channel::Switchboard => Some(PhoneKind::Switchboard),
        Channel::Fax => Some(PhoneKind::Fax),
        _ => None,
    }
}

/// "Ring: Kundtjänst – Växel 08-465 004 10, Fax 08-465 004 11 (Mån–fre 08.00–16.30)",
/// the numbers in the order the fallback chain tries them, then what is left of the chain
/// ("Om ingen svarar: Rakel EXBY TIB · Springande bud"): a number already printed is never
/// printed again.
fn call_lines(
    cx: &Ctx,
    c: &Contact,
    hours: bool,
    first: bool,
    printed: &[String],
    z: Sizes,
) -> Vec<Block> {
    let who = match &c.name {
        Some(n) => format!("{}, {n}", c.role.v),
        None => c.role.v.clone(),
    };
    let label = if first {
        cx.t(Label::Call).to_string()
    } else {
        super::resolve::capital(cx.t(Label::CallOr))
    };
    let mut spans = vec![span(format!("{label}: {who}"), true)];
    let mut order: Vec<&crate::model::Phone> = Vec::new();
    for ch in &c.fallback {
        if let Some(k) = dials(ch) {
            if let Some(p) = c.phones.iter().find(|p| p.kind == k) {
                if !order.iter().any(|o| std::ptr::eq(*o, p)) {
                    order.push(p);
                }
            }
        }
    }
    for p in &c.phones {
        if !order.iter().any(|o| std::ptr::eq(*o, p)) {
            order.push(p);
        }
    }
    for (i, ph) in order.iter().enumerate() {
        let sep = if i == 0 { " – " } else { ", " };
        spans.push(span(sep, false));
        spans.push(span(cx.phone_text(ph), i == 0));
    }
    if hours {
        if let Some(h) = &c.hours {
            spans.push(span(format!(" ({h})"), false));
        }
    }
    let mut b = vec![marked(Marker::Arrow, spans, z.marked)];
    let rest: Vec<String> = c
        .fallback
        .iter()
        .filter(|ch| dials(ch).is_none())
        .map(|ch| match ch {
            Channel::Rakel(None) => cx.t(Label::Rakel).to_string(),
            Channel::Rakel(Some(tg)) => format!("{} {tg}", cx.t(Label::Rakel)),
            Channel::Messenger => cx.t(Label::Messenger).to_string(),
            // Another contact the step prints anyway (its number is on a line above).
            Channel::Other(t) if printed.iter().any(|n| t.contains(n.as_str())) => String::new(),
            Channel::Other(t) => t.clone(),
            _ => String::new(),
        })
        .filter(|t| !t.is_empty())
        .collect();
    if !rest.is_empty() {
        b.push(Block::Paragraph {
            spans: vec![
                span(format!("{}: ", cx.t(Label::Fallback)), true),
                span(rest.join(" · "), false),
            ],
            size_pt: z.lead,
        });
    }
    b
}

/// The blocks of step `i`: its text, then who to call, what to fill in, where to branch.
fn step(cx: &Ctx, p: &Procedure, i: usize, z: Sizes) -> Vec<Block> {
    let s: &Step = &p.steps[i];
    let mut text = Vec::new();
    if let Some(at) = &s.at {
        text.push(span(format!("{}: ", at.v), true));
    }
    text.push(span(s.text.v.clone(), false));
    let mut b = vec![
        Block::Anchor(step_anchor(&p.id.v, i)),
        Block::Paragraph {
            spans: text,
            size_pt: z.step,
        },
    ];
    let calls: Vec<&Contact> = s.calls().filter_map(|id| cx.contact(&id.v)).collect();
    let printed: Vec<String> = calls
        .iter()
        .flat_map(|c| &c.phones)
        .map(|p| super::ctx::unbroken(&p.number.v.national()))
        .collect();
    for (n, c) in calls.iter().enumerate() {
        // The hours, when the reader must choose (several numbers) or the line is not
        // always answered.
        let always = c
            .hours
            .as_deref()
            .and_then(crate::model::hours::parse)
            .is_some_and(|w| w.covers(&crate::model::hours::Week::always()));
        let hours = calls.len() > 1 || !always;
        b.extend(call_lines(cx, c, hours, n == 0, &printed, z));
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
            z.marked,
        ));
    }
    if s.intake {
        for it in &cx.kit.intake {
            let mut spans = vec![span(format!("{}: ", cx.t(Label::IntakeStep)), true)];
            spans.extend(super::poster::intake_line(cx, it, true));
            b.push(marked(Marker::Arrow, spans, z.marked));
        }
    }
    let here = cx.page_no(&step_anchor(&p.id.v, i));
    for br in &s.branches {
        let target = p
            .steps
            .iter()
            .position(|t| t.id.as_ref().is_some_and(|id| id.v == br.goto.v));
        let mut go = match target {
            Some(t) => format!("{} {}", cx.t(Label::GoToStep), t + 1),
            None => format!("{} ?", cx.t(Label::GoToStep)),
        };
        if let Some(t) = target {
            let there = cx.page_no(&step_anchor(&p.id.v, t));
            if there.is_some() && there != here {
                go.push_str(&format!(", {}", cx.on_page(&step_anchor(&p.id.v, t))));
            }
        }
        b.push(marked(
            Marker::Arrow,
            vec![span(format!("{} – ", br.when), false), span(go, true)],
            z.marked,
        ));
    }
    if s.end {
        b.push(marked(
            Marker::Tick,
            vec![span(cx.t(Label::ProcedureEnds), true)],
            z.marked,
        ));
    }
    b
}

/// A form with nothing to fill in: no fields, and tables of pre-filled rows only (a list to
/// look things up in).
pub fn is_reference(f: &crate::model::Form) -> bool {
    f.serial.is_none()
        && f.sections.iter().all(|s| {
            s.fields
                .iter()
                .all(|x| x.kind == crate::model::FieldKind::Instruction)
                && s.table.as_ref().is_none_or(|t| t.rows == 0)
        })
}
