//! The start page: "What has happened? → turn to page N", in large type. For each procedure
//! the situation it is for, who may carry it out, the number to call first and the form to
//! use, each with its page; then who-are-you (each role's procedures), the number to call
//! when unsure and where the words are explained. On the cover when it fits there, else on
//! a page of its own after the contents.

use super::ctx::{bold, heading, para, unbroken, Ctx};
use super::procedures::{is_reference, who_text};
use super::resolve::step_anchor;
use crate::labels::Label;
use crate::layout::{Block, Column, Span, Table};
use crate::model::guide::{insert_anchor, pieces};
use crate::model::{Contact, Procedure, RefKind, TextPiece};

/// The anchor of the start page's first line.
pub const ANCHOR: &str = "start";
/// The anchor after its last line (whether it ran onto another page).
pub const END: &str = "start-end";

/// Size of a situation line, pt.
const SITUATION_PT: f32 = 15.0;
/// Size of the page to turn to, pt.
const PAGE_PT: f32 = 24.0;
/// Size of the lines under a situation, pt.
const DETAIL_PT: f32 = 11.0;

/// The line a procedure is known by on the start page and the poster.
pub fn situation(p: &Procedure) -> String {
    p.start
        .as_ref()
        .map_or_else(|| p.title.v.clone(), |s| s.v.clone())
}

/// "Kundtjänst 08-465 004 10 (Mån–fre 08.00–16.30)": a contact to call first.
fn reach(c: &Contact, hours: bool) -> String {
    let number = c
        .phones
        .first()
        .map(|p| format!(" {}", unbroken(&p.number.v.national())))
        .unwrap_or_default();
    let hours = match (&c.hours, hours) {
        (Some(h), true) => format!(" ({h})"),
        _ => String::new(),
    };
    format!("{}{number}{hours}", c.role.v)
}

/// Whom a step calls, "A 070-… eller B 08-…", with their hours when there are several.
fn reach_all(cx: &Ctx, calls: &[&Contact]) -> String {
    let many = calls.len() > 1;
    calls
        .iter()
        .map(|c| reach(c, many))
        .collect::<Vec<_>>()
        .join(cx.t(Label::Or))
}

fn line(head: &str, text: String) -> Block {
    // "Osäker? Ring:" reads badly; a question is followed by a space only.
    let head = if head.ends_with('?') {
        format!("{head} ")
    } else {
        format!("{head}: ")
    };
    Block::Paragraph {
        spans: vec![
            Span {
                text: head,
                bold: true,
            },
            Span { text, bold: false },
        ],
        size_pt: DETAIL_PT,
    }
}

/// What a procedure needs at hand: the first form it fills in and the first insert it
/// refers to, with their pages.
fn uses(cx: &Ctx, pi: usize) -> Vec<String> {
    let p = &cx.kit.procedures[pi];
    let mut out = Vec::new();
    let form = p
        .steps
        .iter()
        .filter_map(|s| s.form.as_ref())
        .filter_map(|id| cx.kit.forms.iter().find(|f| f.id.v == id.v))
        .find(|f| !is_reference(f));
    if let Some(f) = form {
        let code = f
            .code
            .as_ref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        out.push(format!(
            "{}{code}, {}",
            f.title.v,
            cx.on_page(&format!("form-{}", f.id.v))
        ));
    }
    // Inserts are found in the kit as written (the printed copy has its references
    // written out).
    let written = &cx.loaded.kit.procedures[pi];
    let insert = written.steps.iter().find_map(|s| {
        pieces(&s.text.v).into_iter().find_map(|x| match x {
            TextPiece::Ref {
                kind: Some(RefKind::Insert),
                id,
                ..
            } => Some(id.to_string()),
            _ => None,
        })
    });
    if let Some(i) = insert.and_then(|id| cx.kit.inserts.iter().find(|i| i.id.v == id)) {
        out.push(format!(
            "{}, {}",
            i.title.v,
            cx.on_page(&insert_anchor(&i.id.v))
        ));
    }
    out
}

/// The start section; nothing when the kit has no procedures.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    let procs = &cx.kit.procedures;
    if procs.is_empty() {
        return Vec::new();
    }
    let mut b = vec![heading(1, cx.t(Label::StartTitle), Some(ANCHOR.into()))];
    let rows = procs
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            let mut left = vec![bold(situation(p), SITUATION_PT)];
            if !p.when.is_empty() {
                left.push(para(p.when.clone(), DETAIL_PT));
            }
            let who = who_text(cx, p);
            if !who.is_empty() {
                left.push(line(cx.t(Label::Who), who));
            }
            let first = p
                .steps
                .iter()
                .enumerate()
                .find(|(_, s)| s.calls().next().is_some());
            if let Some((si, s)) = first {
                let calls: Vec<&Contact> = s.calls().filter_map(|c| cx.contact(&c.v)).collect();
                let text = reach_all(cx, &calls);
                let page = cx.on_page(&step_anchor(&p.id.v, si));
                let mut call = line(
                    cx.t(Label::StartCallFirst),
                    format!("{text} ({} {}, {page})", cx.t(Label::StepRef), si + 1),
                );
                // Where that call leads when nobody answers: the very case a reader at
                // night meets (the alarm centre is what has failed), on this page too.
                for br in &s.branches {
                    let Some(ti) = p
                        .steps
                        .iter()
                        .position(|t| t.id.as_ref().is_some_and(|id| id.v == br.goto.v))
                    else {
                        continue;
                    };
                    // Whom the first call already names is no fallback ("Om ingen svarar:
                    // the same number" read as a misprint).
                    let next: Vec<&Contact> = p.steps[ti]
                        .calls()
                        .filter_map(|c| cx.contact(&c.v))
                        .filter(|c| !calls.iter().any(|f| f.id.v == c.id.v))
                        .collect();
                    if next.is_empty() {
                        continue;
                    }
                    let text = reach_all(cx, &next);
                    let page = cx.on_page(&step_anchor(&p.id.v, ti));
                    // On a line of its own in the same paragraph: no gap between the two.
                    let next = line(
                        br.when.trim_end_matches([':', '.', ' ']),
                        format!("{text} ({} {}, {page})", cx.t(Label::StepRef), ti + 1),
                    );
                    if let (
                        Block::Paragraph { spans, .. },
                        Block::Paragraph {
                            spans: mut more, ..
                        },
                    ) = (&mut call, next)
                    {
                        more[0].text.insert(0, '\n');
                        spans.extend(more);
                    }
                }
                left.push(call);
            }
            let uses = uses(cx, pi);
            if !uses.is_empty() {
                left.push(line(cx.t(Label::StartUse), uses.join("; ")));
            }
            let page = vec![bold(cx.page_of(&format!("proc-{}", p.id.v)), PAGE_PT)];
            vec![left, page]
        })
        .collect();
    b.push(Block::Table(
        Table::new(
            vec![
                Column::new(String::new(), 8.0),
                Column::fit(cx.t(Label::StartTurnTo)),
            ],
            rows,
            DETAIL_PT,
        )
        .plain(),
    ));
    // Who are you: each role and the procedures it may carry out, on one line.
    let roles: Vec<(String, String)> = cx
        .kit
        .roles
        .iter()
        .map(|r| {
            let mine: Vec<String> = procs
                .iter()
                .filter(|p| p.roles.iter().any(|x| x.v == r.id.v))
                .map(|p| {
                    format!(
                        "{}, {}",
                        situation(p),
                        cx.on_page(&format!("proc-{}", p.id.v))
                    )
                })
                .collect();
            (r.name.v.clone(), mine.join(" · "))
        })
        .filter(|(_, m)| !m.is_empty())
        .collect();
    if !roles.is_empty() {
        b.push(heading(3, cx.t(Label::StartRoles), None));
        // One line per role, its name in bold: a table's narrow name column wrapped every
        // long role name onto a second line.
        // One paragraph, a line per role: no gap between the lines.
        let mut all: Vec<Span> = Vec::new();
        for (name, mine) in roles {
            if let Block::Paragraph { mut spans, .. } = line(&name, mine) {
                if !all.is_empty() {
                    spans[0].text.insert(0, '\n');
                }
                all.extend(spans);
            }
        }
        b.push(Block::Paragraph {
            spans: all,
            size_pt: DETAIL_PT,
        });
    }
    let unsure = cx
        .kit
        .poster
        .as_ref()
        .and_then(|p| p.call.first())
        .and_then(|id| cx.contact(&id.v));
    let mut tail = Vec::new();
    if let Some(c) = unsure {
        tail.push(line(cx.t(Label::StartCallUnsure), reach(c, true)));
    }
    tail.push(line(
        cx.t(Label::StartTerms),
        format!(
            "{}, {}",
            cx.t(Label::Glossary),
            cx.on_page(super::glossary::ANCHOR)
        ),
    ));
    b.push(Block::Spacer(2.0));
    // The end anchor in the last line's own chunk: it lands on the page that line does.
    let last = tail.pop().expect("the terms line");
    b.extend(tail);
    b.push(Block::KeepTogether {
        origin: Default::default(),
        blocks: vec![Block::Anchor(END.into()), last],
    });
    b
}
