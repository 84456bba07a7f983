//! The activation poster: one A4 page for the wall or the door, read from across a room —
//! "Systemet nere?" in 44 pt, who decides, the first three things to do, the numbers to call,
//! where the binder is, the intake channels to close or redirect, and the kit's QR code.
//! Printed after the cover (a spare for the wall) and alone with `--only poster`.

use super::ctx::{bold, para, unbroken, Ctx};
use crate::labels::Label;
use crate::layout::{Block, Marker, Span, Width};
use crate::model::outage::{IntakeAction, IntakeKind};
use crate::model::Intake;

/// The title's size, pt: at least 36 pt reads at 2 m (FAA: character height 1/200 of the
/// reading distance).
pub const TITLE_PT: f32 = 44.0;
/// Headings of the poster's parts, pt.
const HEAD_PT: f32 = 19.0;
/// Text, pt: read at arm's length and a step back.
const TEXT_PT: f32 = 16.0;
/// Numbers to call, pt.
const NUMBER_PT: f32 = 22.0;
/// Names, hours and places, pt.
const SMALL_PT: f32 = 14.0;
/// Module of the poster's QR code, mm (the field rules' aim; it is scanned from close by).
const MODULE_MM: f32 = 0.8;

/// The poster page; nothing when the kit has no `[poster]`. The numbers to call stand beside
/// where the binder is and the intake channels to close.
pub fn blocks(cx: &Ctx) -> Vec<Block> {
    let Some(p) = &cx.kit.poster else {
        return Vec::new();
    };
    let title = vec![
        Block::Anchor("poster".into()),
        bold(cx.t(Label::PosterTitle), TITLE_PT),
        para(cx.kit.meta.title.v.clone(), TEXT_PT),
    ];
    let code = vec![Block::Qr {
        payload: cx.payload(None, None),
        module_mm: MODULE_MM,
        caption: Some(cx.t(Label::KitCode).into()),
    }];
    let mut b = vec![
        Block::Row {
            cells: vec![(Width::Grid(8), title), (Width::Grid(4), code)],
            gap_mm: 5.0,
        },
        head(cx.t(Label::PosterDecides)),
        para(p.decides.v.clone(), TEXT_PT),
    ];
    if !p.first.is_empty() {
        b.push(head(cx.t(Label::PosterFirst)));
        b.push(Block::NumberedList {
            start: 1,
            items: p
                .first
                .iter()
                .map(|s| vec![para(s.v.clone(), TEXT_PT)])
                .collect(),
            size_pt: HEAD_PT,
        });
    }
    // The numbers and where the binder is side by side: the page is read standing.
    let mut numbers = Vec::new();
    let calls: Vec<_> = p.call.iter().filter_map(|id| cx.contact(&id.v)).collect();
    if !calls.is_empty() {
        numbers.push(head(cx.t(Label::Call)));
        for c in calls {
            let who = match &c.name {
                Some(n) => format!("{}, {n}", c.role.v),
                None => c.role.v.clone(),
            };
            let number = c
                .phones
                .first()
                .map_or_else(String::new, |ph| unbroken(&ph.number.v.national()));
            let who = match &c.hours {
                Some(h) => format!("{who} – {h}"),
                None => who,
            };
            numbers.push(Block::KeepTogether {
                origin: Default::default(),
                blocks: vec![para(who, SMALL_PT - 1.0), bold(number, NUMBER_PT)],
            });
        }
    }
    let mut binder = vec![head(cx.t(Label::PosterBinder))];
    match (&cx.kit.locations[..], &p.binder) {
        ([], Some(text)) => binder.push(para(text.clone(), SMALL_PT)),
        (locations, _) => {
            for l in locations {
                binder.push(Block::Paragraph {
                    spans: vec![
                        Span {
                            text: format!("{}: ", l.unit),
                            bold: true,
                        },
                        Span {
                            text: l.place.clone(),
                            bold: false,
                        },
                    ],
                    size_pt: SMALL_PT,
                });
            }
        }
    }
    if !cx.kit.intake.is_empty() {
        binder.push(head(cx.t(Label::PosterIntake)));
        for i in &cx.kit.intake {
            binder.push(Block::Marked {
                marker: Marker::Arrow,
                spans: intake_line(cx, i, false),
                size_pt: SMALL_PT,
            });
        }
    }
    b.push(Block::Row {
        cells: vec![(Width::Grid(6), numbers), (Width::Grid(6), binder)],
        gap_mm: 6.0,
    });
    vec![
        Block::PageBreak,
        Block::KeepTogether {
            origin: cx.origin("the poster".into(), p.loc),
            blocks: b,
        },
        Block::PageBreak,
    ]
}

/// The heading of a part: space above, then bold at [`HEAD_PT`].
fn head(text: &str) -> Block {
    Block::KeepTogether {
        origin: Default::default(),
        blocks: vec![Block::Spacer(2.0), bold(text, HEAD_PT)],
    }
}

/// An intake channel in words: "E-tjänst Ansök om hjälpmedel: stäng – Ring Kommunens växel
/// 08-465 004 22".
/// `with_call` adds whom to call to do it (the start procedure; the poster leaves it out).
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
    if let Some(c) = i
        .call
        .as_ref()
        .filter(|_| with_call)
        .and_then(|id| cx.contact(&id.v))
    {
        let number = c.phones.first().map_or_else(String::new, |p| {
            format!(" {}", unbroken(&p.number.v.national()))
        });
        spans.push(Span {
            text: format!(
                " ({} {}{number})",
                cx.t(Label::Call).to_lowercase(),
                c.role.v
            ),
            bold: false,
        });
    }
    spans
}
