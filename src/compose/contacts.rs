//! The contact sheet: a dense phone list first (one row per contact, the primary number in
//! large type), then the detailed entries (`contact_details`: cards side by side, grouped,
//! with numbers in the national written form and a `tel:` QR code for the primary number).

use super::ctx::{bold, heading, para, Ctx, SMALL_PT};
use crate::labels::Label;
use crate::layout::{Block, Column, Span, Table};
use crate::model::{Channel, Contact, ContactSheet};

/// Size of the primary number on the phone list, pt: read at arm's length, dialled at once.
const LIST_NUMBER_PT: f32 = 14.0;
/// Size of group names and fallback chains on the phone list, pt.
const LIST_SMALL_PT: f32 = 9.0;

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

/// The contact sheet: the phone list (role, name, primary number in large type, fallback),
/// then the detailed entries with hours, location, notes and `tel:` codes — or one of them,
/// as the kit's `contact-sheet` says.
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
    let sheet = cx.kit.meta.contact_sheet;
    if sheet != ContactSheet::Details {
        b.push(phone_list(cx, &groups));
    }
    if sheet != ContactSheet::List {
        if sheet == ContactSheet::Full {
            b.push(heading(2, cx.t(Label::ContactDetails), None));
        }
        // Without the phone list before them, the cards say whom to try next themselves.
        let chain = sheet == ContactSheet::Details;
        b.push(super::contact_details::blocks(
            cx,
            &groups,
            cx.content_width(),
            chain,
        ));
    }
    b.push(Block::RunningHeader {
        text: None,
        continued: String::new(),
    });
    b.push(Block::PageBreak);
    b
}

/// Every contact in group order, with the group's name for its first row (empty after).
fn grouped<'k>(cx: &Ctx<'k>, groups: &[&str]) -> Vec<(Vec<Block>, &'k Contact)> {
    let mut out = Vec::new();
    for g in groups {
        let members = cx.kit.contacts.iter().filter(|c| c.group == *g);
        for (i, c) in members.enumerate() {
            let cell = if i == 0 && !g.is_empty() {
                vec![bold(g.to_string(), LIST_SMALL_PT)]
            } else {
                Vec::new()
            };
            out.push((cell, c));
        }
    }
    out
}

/// The phone list: one row per contact, the primary number in large type; a group is named
/// on its first row.
fn phone_list(cx: &Ctx, groups: &[&str]) -> Block {
    let rows = grouped(cx, groups)
        .into_iter()
        .map(|(group, c)| {
            let mut spans = vec![Span {
                text: c.role.v.clone(),
                bold: true,
            }];
            let name = [c.name.as_deref(), c.organisation.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            if !name.is_empty() {
                spans.push(Span {
                    text: format!(" – {name}"),
                    bold: false,
                });
            }
            let who = vec![Block::Paragraph {
                spans,
                size_pt: SMALL_PT,
            }];
            let number = c.phones.first().map_or_else(Vec::new, |p| {
                vec![bold(
                    super::ctx::unbroken(&p.number.v.national()),
                    LIST_NUMBER_PT,
                )]
            });
            let fallback = vec![para(chain_text(cx, c), LIST_SMALL_PT)];
            vec![group, who, number, fallback]
        })
        .collect();
    Block::Table(
        Table::new(
            vec![
                Column::new(String::new(), 1.5),
                Column::new(
                    format!("{} / {}", cx.t(Label::Role), cx.t(Label::Name)),
                    3.3,
                ),
                Column::fit(cx.t(Label::Phone)),
                Column::new(cx.t(Label::Fallback), 3.6),
            ],
            rows,
            SMALL_PT,
        )
        .continued(format!(
            "{} ({})",
            cx.t(Label::Contacts),
            cx.t(Label::ContinuedShort)
        )),
    )
}
