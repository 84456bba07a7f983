//! The detailed contact entries: dense cards, two or three side by side (as many as the line
//! holds), each with the contact's role and name, every number with its kind, hours,
//! location and notes, when it was verified, and the `tel:` code of its primary number
//! beside it with the code's text. Grouped under their group's heading; the cards flow down
//! the columns of each page in turn, as in a phone book.

use super::ctx::{bold, Ctx, TEL_MODULE};
use crate::labels::Label;
use crate::layout::{Bleed, Block, Span, Width};
use crate::model::Contact;

/// Size of a group's name over its cards, pt.
const GROUP_PT: f32 = 10.0;
/// Size of a card's role and numbers, pt: "Direkt 08-465 004 51" on one line of a
/// card three to an A4 line.
const CARD_PT: f32 = 8.5;
/// Size of names, hours, notes, the verified date and the code's text, pt.
const SMALL_PT: f32 = 8.0;
/// Space between the cards' columns, mm: the code's quiet zone at a card's right lies in it.
const COLUMN_GAP: f32 = 3.3;
/// Space between the cards of a column, mm: a card's code has its quiet zone around it,
/// and a bold role opens every card.
const CARD_SPACE: f32 = 1.5;
/// Least width of a card, mm: the role, a number with its kind, and the code beside them.
const CARD_MIN: f32 = 55.0;

/// The detailed entries of `groups` in order, each group under its heading, as cards set in
/// as many columns (2 or 3) as a `width` mm line holds. With `chain`, each card also says
/// whom to try next (when no phone list with the fallback chains precedes them).
pub fn blocks(cx: &Ctx, groups: &[&str], width: f32, chain: bool) -> Block {
    let mut cards = Vec::new();
    for g in groups {
        let members: Vec<&Contact> = cx.kit.contacts.iter().filter(|c| c.group == *g).collect();
        let mut group: Vec<Block> = members.into_iter().map(|c| card(cx, c, chain)).collect();
        if !g.is_empty() && !group.is_empty() {
            // The group's name stays with its first card.
            let first = group.remove(0);
            cards.push(Block::KeepTogether {
                origin: cx.origin(format!("the contacts of group \"{g}\""), Default::default()),
                blocks: vec![bold(g.to_string(), GROUP_PT), first],
            });
        }
        cards.extend(group);
    }
    let count = ((width + COLUMN_GAP) / (CARD_MIN + COLUMN_GAP))
        .floor()
        .clamp(2.0, 3.0) as u8;
    Block::Columns {
        count,
        gap_mm: COLUMN_GAP,
        blocks: cards,
        space_mm: Some(CARD_SPACE),
    }
}

/// One contact's card: what to call and when beside its `tel:` code. Its text is short
/// lines without space between them: role, name, each number with its kind (the number
/// never breaks; on a narrow line it goes below its kind), then smaller: hours, location,
/// notes, the fallback chain when asked, when the entry was verified, and the code's text
/// (a code is never the only way to read what it says).
fn card(cx: &Ctx, c: &Contact, chain: bool) -> Block {
    let mut lines: Vec<(Vec<Span>, f32)> = Vec::new();
    let span = |text: &str, bold: bool| Span {
        text: text.to_string(),
        bold,
    };
    lines.push((vec![span(&c.role.v, true)], CARD_PT));
    let who = [c.name.as_deref(), c.organisation.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    if !who.is_empty() {
        lines.push((vec![span(&who, false)], SMALL_PT));
    }
    for p in &c.phones {
        let kind = format!("{} ", cx.phone_kind(p.kind));
        let number = super::ctx::unbroken(&p.number.v.national());
        lines.push((vec![span(&kind, false), span(&number, true)], CARD_PT));
    }
    let chain_text = (chain && !c.fallback.is_empty()).then(|| super::contacts::chain_text(cx, c));
    for (label, v) in [
        (Label::Hours, c.hours.as_ref()),
        (Label::Location, c.location.as_ref()),
        (Label::Notes, c.notes.as_ref()),
        (Label::Fallback, chain_text.as_ref()),
    ] {
        if let Some(v) = v {
            let head = format!("{}: ", cx.t(label));
            lines.push((vec![span(&head, true), span(v, false)], SMALL_PT));
        }
    }
    let code = c.phones.first().and_then(|p| p.number.v.tel_uri());
    if let Some(payload) = &code {
        lines.push((vec![span(&super::ctx::unbroken(payload), false)], SMALL_PT));
    }
    let text = vec![Block::Lines { lines }];
    let Some(payload) = code else {
        return Block::Part {
            origin: cx.origin(format!("contact \"{}\"", c.id.v), c.loc),
            blocks: text,
        };
    };
    // The code's quiet zone at its left keeps it clear of the text.
    Block::Row {
        cells: vec![
            (Width::Rest, text),
            (
                Width::Mm(code_cell(&payload)),
                vec![Block::QrBare {
                    payload,
                    module_mm: TEL_MODULE,
                    bleed: Bleed {
                        top: false,
                        right: true,
                    },
                }],
            ),
        ],
        gap_mm: 0.0,
    }
}

/// Width of a code's cell, mm: the symbol (at least 20 mm, 0.8 mm modules) and its quiet
/// zone at the left; the quiet zone at the right lies in the gap between columns.
fn code_cell(payload: &str) -> f32 {
    let n = crate::qr::qr_width(payload, crate::qr::Ec::Q).unwrap_or(25) as f32;
    let module = TEL_MODULE.max(20.0 / n);
    (n + 4.0) * module + 0.01
}
