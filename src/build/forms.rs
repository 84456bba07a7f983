//! Forms for handwriting: one copy per serial number, each with its serial printed large, a QR
//! code with kit, form, version and serial, the fields of its sections and the back-entry
//! block. A copy longer than a page repeats title and serial with a "fortsättning" marker.

use super::ctx::{bold, heading, para, Ctx, BODY_PT, SMALL_PT, TAG_MODULE};
use crate::labels::Label;
use crate::layout::{Block, CopyFill, Marker, Span, Width};
use crate::model::{Field, FieldKind, FieldWidth, Form};

/// Height of a one-line write-in box, mm.
const BOX_H: f32 = 10.0;

/// Every copy of a form. Serialized copies share one layout ([`Block::Copies`]): only the
/// serial box, the QR code and the running header differ between them.
pub fn blocks(cx: &Ctx, f: &Form) -> Vec<Block> {
    let continued = format!("– {}", cx.t(Label::Continued));
    let Some(s) = &f.serial else {
        let mut b = vec![
            Block::PageBreak,
            Block::RunningHeader {
                text: Some(header(cx, f, None)),
                continued,
            },
        ];
        b.extend(body(cx, f, Vec::new(), qr(cx, f, None)));
        b.push(Block::RunningHeader {
            text: None,
            continued: String::new(),
        });
        return b;
    };
    let copies = cx.opts.copies.unwrap_or(s.copies).max(1);
    let copies = (0..copies)
        .map(|i| {
            let serial = s.nth(i);
            CopyFill {
                header: Some(header(cx, f, Some(&serial))),
                slots: vec![serial_box(cx, &serial), qr(cx, f, Some(&serial))],
            }
        })
        .collect();
    vec![Block::Copies {
        continued,
        blocks: body(cx, f, vec![Block::Slot(0)], Block::Slot(1)),
        copies,
    }]
}

/// The running header of a copy: title and serial.
fn header(cx: &Ctx, f: &Form, serial: Option<&str>) -> String {
    match serial {
        Some(s) => format!("{} · {} {s}", f.title.v, cx.t(Label::Serial)),
        None => f.title.v.clone(),
    }
}

/// The large serial number box.
fn serial_box(cx: &Ctx, serial: &str) -> Block {
    Block::Serial {
        label: cx.t(Label::Serial).into(),
        serial: serial.to_string(),
    }
}

/// The copy's QR code.
fn qr(cx: &Ctx, f: &Form, serial: Option<&str>) -> Block {
    Block::Qr {
        payload: cx.payload(Some(&f.id.v), serial),
        module_mm: TAG_MODULE,
        caption: None,
    }
}

/// One copy: title with the serial box beside it, the sections, and the foot with `qr`.
fn body(cx: &Ctx, f: &Form, serial_box: Vec<Block>, qr: Block) -> Vec<Block> {
    let anchor = Some(format!("form-{}", f.id.v));
    let mut head = vec![heading(1, f.title.v.clone(), anchor)];
    if !f.purpose.is_empty() {
        head.push(para(f.purpose.clone(), SMALL_PT));
    }
    if f.personal_data {
        head.push(bold(cx.t(Label::PersonalData), SMALL_PT));
    }
    let mut b = vec![Block::Row {
        cells: vec![(Width::TwoThirds, head), (Width::Third, serial_box)],
        gap_mm: 4.0,
    }];
    for s in &f.sections {
        let mut fields = vec![heading(3, s.title.v.clone(), None)];
        fields.extend(rows(cx, &s.fields));
        let what = format!("section \"{}\" of form \"{}\"", s.title.v, f.id.v);
        b.push(Block::KeepTogether {
            origin: cx.origin(what, s.loc),
            blocks: fields,
        });
    }
    b.push(foot(cx, f, qr));
    b
}

/// The foot of every copy: the back-entry block beside the copy's QR code.
fn foot(cx: &Ctx, f: &Form, qr: Block) -> Block {
    let back_entry = if f.back_entry {
        vec![
            bold(cx.t(Label::BackEntry), BODY_PT),
            Block::LabelledBox {
                label: cx.t(Label::RegisteredBy).into(),
                height_mm: BOX_H,
            },
            Block::Row {
                cells: vec![
                    (Width::Mm(45.0), vec![cx.date_boxes(cx.t(Label::Date))]),
                    (
                        Width::Mm(36.0),
                        vec![Block::LabelledBox {
                            label: cx.t(Label::CaseNumber).into(),
                            height_mm: BOX_H,
                        }],
                    ),
                ],
                gap_mm: 5.0,
            },
        ]
    } else {
        Vec::new()
    };
    Block::KeepTogether {
        origin: cx.origin(format!("the foot of form \"{}\"", f.id.v), f.loc),
        blocks: vec![
            Block::Rule,
            Block::Row {
                cells: vec![(Width::Half, back_entry), (Width::Half, vec![qr])],
                gap_mm: 5.0,
            },
        ],
    }
}

fn share(w: FieldWidth) -> (Width, f32) {
    match w {
        FieldWidth::Full => (Width::Full, 1.0),
        FieldWidth::Half => (Width::Half, 0.5),
        FieldWidth::Third => (Width::Third, 1.0 / 3.0),
    }
}

/// Fields in order, consecutive half and third fields sharing a line.
fn rows(cx: &Ctx, fields: &[Field]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut line: Vec<(Width, Vec<Block>)> = Vec::new();
    let mut used = 0.0;
    let flush = |line: &mut Vec<(Width, Vec<Block>)>, out: &mut Vec<Block>| {
        if !line.is_empty() {
            out.push(Block::Row {
                cells: std::mem::take(line),
                gap_mm: 5.0,
            });
        }
    };
    for f in fields {
        let (w, frac) = share(f.width);
        if frac >= 1.0 {
            flush(&mut line, &mut out);
            used = 0.0;
            out.extend(field(cx, f));
            continue;
        }
        if used + frac > 1.01 {
            flush(&mut line, &mut out);
            used = 0.0;
        }
        line.push((w, field(cx, f)));
        used += frac;
    }
    flush(&mut line, &mut out);
    out
}

/// The blocks of one field.
fn field(cx: &Ctx, f: &Field) -> Vec<Block> {
    let label = f.label.v.clone();
    let prefill = f.value.as_ref().map(|v| v.v.clone());
    let mut b = match &f.kind {
        FieldKind::Text | FieldKind::Number | FieldKind::Phone => match prefill {
            // A pre-printed value leaves nothing to write.
            Some(v) => vec![super::ctx::lead(&label, &v, BODY_PT)],
            None => vec![Block::LabelledBox {
                label,
                height_mm: BOX_H,
            }],
        },
        FieldKind::Lines(n) => vec![Block::WriteLines { label, lines: *n }],
        FieldKind::Date => vec![Block::CharBoxes {
            label: format!("{label} ({})", cx.t(Label::DateFormat)),
            groups: vec![4, 2, 2],
            separator: Some('-'),
            prefill,
        }],
        FieldKind::Time => vec![Block::CharBoxes {
            label: format!("{label} ({})", cx.t(Label::TimeFormat)),
            groups: vec![2, 2],
            separator: Some(':'),
            prefill,
        }],
        FieldKind::DateTime => {
            let date = Block::CharBoxes {
                label: format!("{label} ({})", cx.t(Label::DateFormat)),
                groups: vec![4, 2, 2],
                separator: Some('-'),
                prefill: None,
            };
            let time = Block::CharBoxes {
                label: cx.t(Label::TimeFormat).into(),
                groups: vec![2, 2],
                separator: Some(':'),
                prefill: None,
            };
            if f.width == FieldWidth::Third {
                // Too narrow for both side by side: time under date.
                vec![date, time]
            } else {
                vec![Block::Row {
                    cells: vec![(Width::Mm(50.0), vec![date]), (Width::Mm(30.0), vec![time])],
                    gap_mm: 4.0,
                }]
            }
        }
        FieldKind::Personnummer => vec![Block::CharBoxes {
            label: format!(
                "{label} ({}-NNNN)",
                cx.t(Label::DateFormat).replace('-', "")
            ),
            groups: vec![8, 4],
            separator: Some('-'),
            prefill,
        }],
        FieldKind::Boxes(n) => vec![Block::CharBoxes {
            label,
            groups: vec![*n],
            separator: None,
            prefill,
        }],
        FieldKind::Checkbox => vec![Block::Checkboxes {
            label: None,
            options: vec![label],
            checked: vec![false],
        }],
        FieldKind::Choice(opts) | FieldKind::MultiChoice(opts) => {
            let how = if matches!(f.kind, FieldKind::Choice(_)) {
                Label::ChooseOne
            } else {
                Label::ChooseAny
            };
            vec![Block::Checkboxes {
                label: Some(format!("{label} – {}", cx.t(how).to_lowercase())),
                options: opts.clone(),
                checked: vec![false; opts.len()],
            }]
        }
        FieldKind::Signature => vec![
            bold(label, SMALL_PT),
            Block::Signature {
                labels: vec![
                    cx.t(Label::Signature).into(),
                    cx.t(Label::PrintedName).into(),
                    cx.t(Label::Date).into(),
                ],
            },
        ],
        FieldKind::Instruction => vec![Block::Marked {
            marker: Marker::Arrow,
            spans: vec![Span {
                text: label,
                bold: true,
            }],
            size_pt: BODY_PT,
        }],
    };
    if let Some(h) = &f.help {
        b.push(para(h.clone(), SMALL_PT));
    }
    b
}
