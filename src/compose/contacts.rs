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
    numbered(chain(cx, c).into_iter().map(|(_, t)| t))
}

/// The fallback chain after the number printed in large type beside it: the steps that dial
/// that number again are left out ("If no answer: 1. Mobile 070-…" under that very number
/// read as a misprint at night), the rest numbered from 1.
fn chain_after_primary(cx: &Ctx, c: &Contact) -> String {
    let primary = c.phones.first().map(|p| &p.number.v);
    numbered(
        chain(cx, c)
            .into_iter()
            .filter(|(n, _)| n.is_none() || *n != primary)
            .map(|(_, t)| t),
    )
}

/// "1. a  2. b  3. c".
fn numbered(items: impl Iterator<Item = String>) -> String {
    items
        .enumerate()
        .map(|(i, t)| format!("{}. {t}", i + 1))
        .collect::<Vec<_>>()
        .join("  ")
}

/// Each step of the fallback chain in words, with the number it dials (if it dials one).
fn chain<'c>(cx: &Ctx, c: &'c Contact) -> Vec<(Option<&'c crate::model::PhoneNumber>, String)> {
    use crate::model::PhoneKind;
    let phone = |kind| {
        c.phones
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| &p.number.v)
    };
    let dialled = |label: Label, kind| {
        let n = phone(kind);
        let text = match n {
            Some(n) => format!("{} {}", cx.t(label), super::ctx::unbroken(&n.national())),
            None => cx.t(label).to_string(),
        };
        (n, text)
    };
    c.fallback
        .iter()
        .map(|ch| match ch {
            Channel::Mobile => dialled(Label::Mobile, PhoneKind::Mobile),
            Channel::Landline => dialled(Label::Landline, PhoneKind::Landline),
            Channel::Switchboard => dialled(Label::Switchboard, PhoneKind::Switchboard),
            Channel::Fax => dialled(Label::Fax, PhoneKind::Fax),
            Channel::Rakel(None) => (None, cx.t(Label::Rakel).to_string()),
            Channel::Rakel(Some(tg)) => (None, format!("{} {tg}", cx.t(Label::Rakel))),
            Channel::Messenger => (None, cx.t(Label::Messenger).to_string()),
            Channel::Other(t) => (None, t.clone()),
        })
        .collect()
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
    let mut body = vec![
        Block::RunningHeader {
            text: Some(title.to_string()),
            continued: format!("– {}", cx.t(Label::Continued)),
        },
        heading(1, title, Some("contacts".into())),
    ];
    let sheet = cx.kit.meta.contact_sheet;
    if sheet != ContactSheet::Details {
        body.push(phone_list(cx, &groups));
    }
    if sheet != ContactSheet::List {
        if sheet == ContactSheet::Full {
            body.push(heading(2, cx.t(Label::ContactDetails), None));
        }
        // Without the phone list before them, the cards say whom to try next themselves.
        let chain = sheet == ContactSheet::Details;
        body.push(super::contact_details::blocks(
            cx,
            &groups,
            cx.content_width(),
            chain,
        ));
    }
    // Set as tightly as the field rules allow before the sheet takes another page: one
    // sheet fewer to turn when the number is needed.
    let mut b = vec![Block::Fit {
        origin: cx.origin("the contact sheet".to_string(), contacts[0].id.loc),
        pages: None,
        blocks: body,
    }];
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

/// True for a contact that answers at night where another of its group or role answers
/// only in the day: the number to take at 3 a.m., marked on the phone list.
fn night_line(cx: &Ctx, c: &Contact) -> bool {
    use crate::model::hours::{parse, Week};
    let hours = |c: &Contact| c.hours.as_deref().and_then(parse);
    let Some(w) = hours(c) else { return false };
    if !w.at_night() || w.covers(&Week::always()) {
        return false;
    }
    let day_only = |o: &Contact| {
        o.id.v != c.id.v && hours(o).is_some_and(|h| h.weekday_daytime() && !h.at_night())
    };
    let in_group = cx
        .kit
        .contacts
        .iter()
        .any(|o| o.group == c.group && day_only(o));
    let in_role = cx.kit.roles.iter().any(|r| {
        r.contacts.iter().any(|x| x.v == c.id.v)
            && r.contacts
                .iter()
                .filter_map(|x| cx.contact(&x.v))
                .any(day_only)
    });
    in_group || in_role
}

/// The phone list: one row per contact, the primary number in large type, when it answers,
/// and the number that answers at night marked; a group is named on its first row.
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
            // The hours on a line of their own in the same paragraph: no paragraph gap, so a
            // row stays as tall as the two lines of its fallback chain.
            if let Some(h) = &c.hours {
                spans.push(Span {
                    text: format!("\n{h}"),
                    bold: false,
                });
            }
            let who = vec![Block::Paragraph {
                spans,
                size_pt: LIST_SMALL_PT,
            }];
            let mut number = Vec::new();
            if night_line(cx, c) {
                number.push(bold(cx.t(Label::NightLine), LIST_SMALL_PT));
            }
            if let Some(p) = c.phones.first() {
                number.push(bold(
                    super::ctx::unbroken(&p.number.v.national()),
                    LIST_NUMBER_PT,
                ));
            }
            let fallback = vec![para(chain_after_primary(cx, c), LIST_SMALL_PT)];
            vec![group, who, number, fallback]
        })
        .collect();
    Block::Table(
        Table::new(
            vec![
                Column::new(String::new(), 1.2),
                Column::new(
                    format!("{} / {}", cx.t(Label::Role), cx.t(Label::Name)),
                    3.6,
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
