//! The contact sheet: grouped, one table row per contact (rows never split, headers repeat),
//! numbers in the national written form and a `tel:` QR code for the primary number.

use super::ctx::{bold, heading, para, Ctx, SMALL_PT, TEL_MODULE};
use crate::labels::Label;
use crate::layout::{Block, Column, Table};
use crate::model::{Channel, Contact};

/// The fallback chain in words: "1. Mobil 070-… 2. Växel 08-… 3. Rakel (VO-1) 4. Springande bud".
pub fn chain_text(cx: &Ctx, c: &Contact) -> String {
    let number_of = |kind| {
        c.phones
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| format!(" {}", super::ctx::unbroken(&p.number.v.national())))
            .unwrap_or_default()
    };
    c.fallback
        .iter()
        .enumerate()
        .map(|(i, ch)| {
            let text = match ch {
                Channel::Mobile => format!(
                    "{}{}",
                    cx.t(Label::Mobile),
                    number_of(crate::model::PhoneKind::Mobile)
                ),
                Channel::Landline => format!(
                    "{}{}",
                    cx.t(Label::Landline),
                    number_of(crate::model::PhoneKind::Landline)
                ),
                Channel::Switchboard => format!(
                    "{}{}",
                    cx.t(Label::Switchboard),
                    number_of(crate::model::PhoneKind::Switchboard)
                ),
                Channel::Fax => format!(
                    "{}{}",
                    cx.t(Label::Fax),
                    number_of(crate::model::PhoneKind::Fax)
                ),
                Channel::Rakel(None) => cx.t(Label::Rakel).to_string(),
                Channel::Rakel(Some(tg)) => format!("{} {tg}", cx.t(Label::Rakel)),
                Channel::Messenger => cx.t(Label::Messenger).to_string(),
                Channel::Other(t) => t.clone(),
            };
            format!("{}. {text}", i + 1)
        })
        .collect::<Vec<_>>()
        .join("  ")
}

/// The contact sheet.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    let contacts = &cx.kit.contacts;
    if contacts.is_empty() {
        return Vec::new();
    }
    let mut groups: Vec<&str> = Vec::new();
    for c in contacts {
        if !groups.contains(&c.group.as_str()) {
            groups.push(&c.group);
        }
    }
    let title = cx.t(Label::Contacts);
    let mut b = vec![
        Block::RunningHeader {
            text: Some(title.to_string()),
            continued: format!("– {}", cx.t(Label::Continued)),
        },
        heading(1, title, Some("contacts".into())),
    ];
    for g in groups {
        if !g.is_empty() {
            b.push(heading(2, g, None));
        }
        let rows = contacts
            .iter()
            .filter(|c| c.group == g)
            .map(|c| row(cx, c))
            .collect();
        b.push(Block::Table(Table::new(
            vec![
                Column::new(
                    format!("{} / {}", cx.t(Label::Role), cx.t(Label::Name)),
                    3.2,
                ),
                Column::new(cx.t(Label::Phone), 2.8),
                Column::new(cx.t(Label::Fallback), 2.8),
                Column::new(String::new(), 2.6),
            ],
            rows,
            SMALL_PT,
        )));
    }
    b.push(Block::RunningHeader {
        text: None,
        continued: String::new(),
    });
    b.push(Block::PageBreak);
    b
}

fn row(cx: &Ctx, c: &Contact) -> Vec<Vec<Block>> {
    let mut who = vec![bold(c.role.v.clone(), 11.0)];
    if let Some(n) = &c.name {
        who.push(para(n.clone(), 11.0));
    }
    if let Some(o) = &c.organisation {
        who.push(para(o.clone(), SMALL_PT));
    }
    for (label, v) in [
        (Label::Hours, &c.hours),
        (Label::Location, &c.location),
        (Label::Notes, &c.notes),
    ] {
        if let Some(v) = v {
            who.push(super::ctx::lead(cx.t(label), v, SMALL_PT));
        }
    }
    who.push(super::ctx::lead(
        cx.t(Label::Verified),
        &c.verified.v.to_string(),
        SMALL_PT,
    ));
    let phones = c
        .phones
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let text = cx.phone_text(p);
            if i == 0 {
                bold(text, 12.0)
            } else {
                para(text, 11.0)
            }
        })
        .collect();
    let chain = chain_text(cx, c);
    let fallback = chain
        .split("  ")
        .filter(|s| !s.is_empty())
        .map(|s| para(s.to_string(), SMALL_PT))
        .collect();
    let qr = match c.phones.first() {
        Some(p) => vec![Block::Qr {
            payload: format!("tel:{}", p.number.v.e164()),
            module_mm: TEL_MODULE,
            caption: None,
        }],
        None => Vec::new(),
    };
    vec![who, phones, fallback, qr]
}
