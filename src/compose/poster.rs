//! The activation poster: one page for the wall or the door, read from two metres. Every line
//! that matters — "Systemet nere?", what has happened and the binder's page for it (the
//! start page's lines), the numbers to call with whose number it is and when it answers —
//! is set with capitals at least 10 mm high (the 1/200 rule: 10 mm reads at 2 m); who
//! decides and where the binder is follow smaller, read close up. In its footer the poster
//! carries what it may show (`marking`) instead of the binder's classification.
//! Printed after the cover (a spare for the wall) and alone with `--only poster`. When a
//! page is too short for it (US Letter), its type is scaled down, never below a 36 pt title.

use super::ctx::{bold, para, unbroken, Ctx};
use super::start::situation;
use crate::labels::Label;
use crate::layout::{Block, Column, Span, Table, Width};
use crate::model::outage::{IntakeAction, IntakeKind};
use crate::model::{Contact, Intake};

/// The title's size, pt.
pub const TITLE_PT: f32 = 44.0;
/// Lines that matter, pt: with the built-in font's capitals (0.668 em) 10 mm high.
pub const LINE_PT: f32 = 42.5;
/// What is read close up (the kit's title, who decides, where the binder is), pt.
const CLOSE_PT: f32 = 10.0;
/// The smallest scale of the poster's title: 36 pt.
pub const MIN_SCALE: f32 = 36.0 / TITLE_PT;
/// The smallest scale of its other lines: the 16 pt a poster had before it was read from
/// two metres, so that a kit written for that still builds (`check` warns about it).
pub const FLOOR_SCALE: f32 = 16.0 / LINE_PT;
/// Module of the poster's QR code, mm (the field rules' aim; it is scanned from close by).
const MODULE_MM: f32 = 0.8;

/// The anchor after the poster's last line (whether it ran onto a second page).
pub const END: &str = "poster-end";

/// The name a contact goes by on the poster: the role that reaches it first, else its role
/// up to a parenthesis or dash ("Tjänsteman i beredskap").
fn short_name(cx: &Ctx, c: &Contact) -> String {
    if let Some(r) = cx
        .kit
        .roles
        .iter()
        .find(|r| r.contacts.first().is_some_and(|f| f.v == c.id.v))
    {
        return r.name.v.clone();
    }
    let role = &c.role.v;
    let cut = [" (", " – "]
        .iter()
        .filter_map(|s| role.find(s))
        .min()
        .unwrap_or(role.len());
    role[..cut].to_string()
}

/// Lays blocks out and gives the pages their anchors landed on (`None`: they do not lay
/// out).
pub type AnchorsOf<'a> = dyn Fn(&[Block]) -> Option<std::collections::BTreeMap<String, usize>> + 'a;

/// The largest scale (in steps of 4 %) at which the poster fits one page, found by laying
/// the poster out alone: a page, so cheap to try.
pub fn fitting_scale(cx: &mut Ctx, flow: &AnchorsOf) -> f32 {
    if cx.kit.poster.is_none() {
        return 1.0;
    }
    let mut s = 1.0_f32;
    loop {
        cx.poster_scale = s;
        let fits = flow(&blocks(cx)).is_some_and(|a| a.get("poster") == a.get(END));
        if fits || s <= FLOOR_SCALE + 0.001 {
            return s;
        }
        s = (s - 0.04).max(FLOOR_SCALE);
    }
}

/// The poster page; nothing when the kit has no `[poster]`.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    let Some(p) = &cx.kit.poster else {
        return Vec::new();
    };
    let s = cx.poster_scale.clamp(FLOOR_SCALE, 1.0);
    let line = LINE_PT * s;
    // Beside the code, read close up: the kit, who decides, where the binder is.
    let mut title = vec![
        Block::Anchor("poster".into()),
        bold(cx.t(Label::PosterTitle), TITLE_PT * s.max(MIN_SCALE)),
        para(cx.kit.meta.title.v.clone(), CLOSE_PT),
        Block::Paragraph {
            spans: vec![
                Span {
                    text: format!("{} ", cx.t(Label::PosterDecides)),
                    bold: true,
                },
                Span {
                    text: p.decides.v.clone(),
                    bold: false,
                },
            ],
            size_pt: CLOSE_PT,
        },
    ];
    let binder: Vec<(String, String)> = match (&cx.kit.locations[..], &p.binder) {
        ([], Some(text)) => vec![(String::new(), text.clone())],
        (locations, _) => locations
            .iter()
            .map(|l| (format!("{}: ", l.unit), l.place.clone()))
            .collect(),
    };
    if !binder.is_empty() {
        let mut spans = vec![Span {
            text: format!("{}: ", cx.t(Label::PosterBinder)),
            bold: true,
        }];
        for (i, (unit, place)) in binder.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span {
                    text: " · ".into(),
                    bold: false,
                });
            }
            spans.push(Span {
                text: unit,
                bold: true,
            });
            spans.push(Span {
                text: place,
                bold: false,
            });
        }
        title.push(Block::Paragraph {
            spans,
            size_pt: CLOSE_PT,
        });
    }
    let code = vec![Block::Qr {
        payload: cx.payload(None, None),
        module_mm: MODULE_MM,
        caption: Some(cx.t(Label::KitCode).into()),
    }];
    let mut b = vec![Block::Row {
        cells: vec![(Width::Grid(8), title), (Width::Grid(4), code)],
        gap_mm: 5.0,
    }];
    // What has happened → the binder's page: the start page's first lines, the page in a
    // column of its own so that each fits one line.
    let rows: Vec<Vec<Vec<Block>>> = cx
        .kit
        .procedures
        .iter()
        .filter(|p| p.start.is_some())
        .map(|proc| {
            vec![
                vec![bold(situation(proc), line)],
                vec![bold(cx.page_of(&format!("proc-{}", proc.id.v)), line)],
            ]
        })
        .collect();
    if !rows.is_empty() {
        b.push(Block::Table(
            Table::new(
                vec![
                    Column::new(cx.t(Label::PosterWhatHappened), 6.0),
                    Column::fit(cx.t(Label::StartTurnTo)),
                ],
                rows,
                CLOSE_PT,
            )
            .plain(),
        ));
    }
    if !p.first.is_empty() {
        b.push(Block::NumberedList {
            start: 1,
            items: p
                .first
                .iter()
                .map(|f| vec![para(f.v.clone(), line)])
                .collect(),
            size_pt: line,
        });
    }
    // The numbers, each with whose it is and when it answers: the hours once above them
    // when they are the same for all.
    let calls: Vec<&Contact> = p.call.iter().filter_map(|id| cx.contact(&id.v)).collect();
    let hours: Vec<Option<&str>> = calls.iter().map(|c| c.hours.as_deref()).collect();
    let shared = match hours.first() {
        Some(Some(h)) if hours.iter().all(|x| *x == Some(*h)) && calls.len() > 1 => Some(*h),
        _ => None,
    };
    // A table without cell outlines: rows closer together than paragraphs at this size.
    let mut rows: Vec<Vec<Vec<Block>>> = Vec::new();
    if let Some(h) = shared {
        rows.push(vec![vec![para(
            format!("{}, {}:", cx.t(Label::Call), h.to_lowercase()),
            line,
        )]]);
    }
    for (i, c) in calls.iter().enumerate() {
        let who = match (&c.hours, shared) {
            (Some(h), None) => format!("{}, {}", short_name(cx, c), h.to_lowercase()),
            _ => short_name(cx, c),
        };
        let number = c
            .phones
            .first()
            .map_or_else(String::new, |ph| unbroken(&ph.number.v.national()));
        // Whose number and the number: one paragraph on two lines.
        let mut cell = vec![Block::Paragraph {
            spans: vec![
                Span {
                    text: format!("{who}\n"),
                    bold: false,
                },
                Span {
                    text: number,
                    bold: true,
                },
            ],
            size_pt: line,
        }];
        // The last number carries the end anchor: it lands on the page the poster ends on.
        if i + 1 == calls.len() {
            cell.insert(0, Block::Anchor(END.into()));
        }
        rows.push(vec![cell]);
    }
    if rows.is_empty() {
        b.push(Block::KeepTogether {
            origin: Default::default(),
            blocks: vec![Block::Anchor(END.into()), Block::Spacer(0.1)],
        });
    } else {
        b.push(Block::Table(
            Table::new(vec![Column::new(cx.t(Label::Phone), 1.0)], rows, CLOSE_PT).plain(),
        ));
    }
    let marking = p.marking.as_ref().map(|m| m.v.clone());
    let mut out = vec![Block::PageBreak];
    if cx.kit.meta.classification.is_some() || marking.is_some() {
        out.push(Block::Marking(Some(marking.unwrap_or_default())));
    }
    // At its smallest the poster must fit one page: kept together, it is an error when it
    // does not. Above that, a second page only tells the binder to make the type smaller.
    if s <= FLOOR_SCALE + 0.001 {
        out.push(Block::KeepTogether {
            origin: cx.origin("the poster".into(), p.loc),
            blocks: b,
        });
    } else {
        out.extend(b);
    }
    out.push(Block::Marking(None));
    out.push(Block::PageBreak);
    out
}

/// An intake channel in words: "E-tjänst Ansök om hjälpmedel: stäng – Ring Kommunens växel
/// 08-465 004 22".
/// `with_call` adds whom to call to do it (with their hours when there are several).
pub fn intake_line(cx: &Ctx, i: &Intake, with_call: bool) -> Vec<Span> {
    let kind = match i.kind {
        IntakeKind::EService => cx.t(Label::IntakeEService),
        IntakeKind::PhoneMenu => cx.t(Label::IntakePhoneMenu),
        IntakeKind::Fax => cx.t(Label::Fax),
        IntakeKind::Email => cx.t(Label::IntakeEmail),
        IntakeKind::Other => "",
    };
    let name = if kind.is_empty() {
        i.name.v.clone()
    } else {
        format!("{kind}: {}", i.name.v)
    };
    let action = match (i.action, &i.to) {
        (IntakeAction::Redirect, Some(to)) => cx.t(Label::IntakeRedirectTo).replace("{to}", to),
        (IntakeAction::Redirect, None) => cx.t(Label::IntakeRedirect).to_string(),
        (IntakeAction::Close, _) => cx.t(Label::IntakeClose).to_string(),
    };
    let mut spans = vec![
        Span {
            text: format!("{name} – "),
            bold: false,
        },
        Span {
            text: action,
            bold: true,
        },
    ];
    let calls: Vec<&Contact> = i
        .call
        .iter()
        .chain(&i.call_also)
        .filter(|_| with_call)
        .filter_map(|id| cx.contact(&id.v))
        .collect();
    if !calls.is_empty() {
        let many = calls.len() > 1;
        let who = calls
            .iter()
            .map(|c| {
                let number = c.phones.first().map_or_else(String::new, |p| {
                    format!(" {}", unbroken(&p.number.v.national()))
                });
                let hours = match (&c.hours, many) {
                    (Some(h), true) => format!(" ({h})"),
                    _ => String::new(),
                };
                format!("{}{number}{hours}", c.role.v)
            })
            .collect::<Vec<_>>()
            .join(cx.t(Label::Or));
        spans.push(Span {
            text: format!(" ({} {who})", cx.t(Label::Call).to_lowercase()),
            bold: false,
        });
    }
    spans
}
