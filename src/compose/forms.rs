//! Forms for handwriting: one copy per serial number, each with its serial printed large, a QR
//! code with kit, form, version and serial, its sections (fields on the grid, tables,
//! signature chains; flowing across pages unless kept together) and the back-entry block.
//! Every page carries the form's id, code and edition and its own "page n of N".

use super::ctx::{bold, heading, para, Ctx, BODY_PT, SMALL_PT, TAG_MODULE};
use super::fields::{self, FIELD_GAP_X, WRITE_H};
use super::tables;
use crate::labels::Label;
use crate::layout::{Block, CopyFill, FormFooter, Orientation, Width};
use crate::model::{code_line, Form, Section};

/// Level of section headings: 11 pt, lighter than the form title.
const SECTION_LEVEL: u8 = 4;
/// Space between side-by-side columns of a section, mm.
const COLUMN_GAP: f32 = 6.0;

/// Every copy of a form. Serialized copies share one layout ([`Block::Copies`]): only the
/// serial box, the QR code and the running header differ between them.
pub fn blocks(cx: &Ctx, f: &Form) -> Vec<Block> {
    let continued = format!("– {}", cx.t(Label::Continued));
    let mut b = vec![Block::PageBreak];
    if f.orientation == Orientation::Landscape {
        b.push(Block::Orientation(Orientation::Landscape));
    }
    b.push(footer(
        cx,
        &f.id.v,
        f.code.as_deref(),
        f.edition.as_deref(),
        true,
    ));
    match &f.serial {
        None => {
            b.push(Block::RunningHeader {
                text: Some(header(cx, f, None)),
                continued,
            });
            b.extend(body(cx, f, Vec::new(), qr(cx, f, None)));
            b.push(Block::RunningHeader {
                text: None,
                continued: String::new(),
            });
        }
        Some(s) => {
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
            b.push(Block::Copies {
                continued,
                blocks: body(cx, f, vec![Block::Slot(0)], Block::Slot(1)),
                copies,
            });
        }
    }
    b.push(Block::FormFooter(None));
    if f.orientation == Orientation::Landscape {
        b.push(Block::Orientation(Orientation::Portrait));
    }
    b
}

/// The footer line of a form's or log's pages: its id, code and edition, and (for forms)
/// its own page count.
pub fn footer(
    cx: &Ctx,
    id: &str,
    code: Option<&str>,
    edition: Option<&str>,
    count_pages: bool,
) -> Block {
    let code = match code_line(code, edition) {
        Some(c) => format!("{id} · {c}"),
        None => id.to_string(),
    };
    Block::FormFooter(Some(FormFooter {
        code: Some(code),
        page_label: if count_pages {
            cx.t(Label::FormPageOf).into()
        } else {
            String::new()
        },
    }))
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
    let payload = cx.payload(Some(&f.id.v), serial);
    let module_mm = match serial {
        Some(_) => cx.copy_module(&payload),
        None => TAG_MODULE,
    };
    Block::Qr {
        payload,
        module_mm,
        caption: None,
    }
}

/// One copy: title with the serial box beside it, the sections, and the foot with `qr`.
fn body(cx: &Ctx, f: &Form, serial_box: Vec<Block>, qr: Block) -> Vec<Block> {
    let anchor = Some(format!("form-{}", f.id.v));
    let mut head = vec![heading(2, f.title.v.clone(), anchor)];
    if !f.purpose.is_empty() {
        head.push(para(f.purpose.clone(), SMALL_PT));
    }
    // The marking is printed here unless every page's footer already says it.
    let marking = cx.t(Label::PersonalData);
    if f.personal_data && cx.kit.meta.classification.as_deref() != Some(marking) {
        head.push(bold(marking, SMALL_PT));
    }
    // A form without serial number and back-entry block carries its code at the top right,
    // where a serialized copy has its serial; it then needs no foot.
    let (corner, foot_qr) = if serial_box.is_empty() && !f.back_entry {
        (vec![qr], None)
    } else {
        (serial_box, Some(qr))
    };
    let mut b = vec![Block::Row {
        cells: vec![(Width::TwoThirds, head), (Width::Third, corner)],
        gap_mm: 4.0,
    }];
    for s in &f.sections {
        b.extend(section(cx, f, s));
    }
    if let Some(qr) = foot_qr {
        b.push(foot(cx, f, qr));
    }
    b
}

/// A section: its heading kept with its first line, its fields on the grid (in columns when
/// asked), then its table. It breaks between lines and rows unless kept together.
fn section(cx: &Ctx, f: &Form, s: &Section) -> Vec<Block> {
    let mut content = fields::lines(cx, &s.fields);
    if let Some(t) = &s.table {
        let spec = tables::Spec {
            columns: &t.columns,
            filled: t
                .filled
                .iter()
                .map(|r| r.iter().map(|c| c.v.clone()).collect())
                .collect(),
            blank: t.rows,
            row_height: t.row_height,
            numbered: t.numbered,
            caption: s.title.v.clone(),
            origin: cx.origin(
                format!(
                    "the table of section \"{}\" of form \"{}\"",
                    s.title.v, f.id.v
                ),
                t.loc,
            ),
        };
        content.push(tables::table(cx, &spec));
    }
    let mut b = Vec::new();
    if !s.title.v.is_empty() {
        b.push(heading(SECTION_LEVEL, s.title.v.clone(), None));
    }
    if s.columns > 1 {
        b.push(Block::Columns {
            count: s.columns,
            gap_mm: COLUMN_GAP,
            blocks: content,
        });
    } else {
        b.extend(content);
    }
    if s.keep_together {
        let what = format!("section \"{}\" of form \"{}\"", s.title.v, f.id.v);
        return vec![Block::KeepTogether {
            origin: cx.origin(what, s.loc),
            blocks: b,
        }];
    }
    b
}

/// The foot of every copy: the back-entry block beside the copy's QR code.
fn foot(cx: &Ctx, f: &Form, qr: Block) -> Block {
    let back_entry = if f.back_entry {
        vec![
            bold(cx.t(Label::BackEntry), BODY_PT),
            Block::FieldRow {
                cells: vec![
                    (
                        Width::Grid(7),
                        vec![Block::TextField {
                            label: cx.t(Label::RegisteredBy).into(),
                            write_mm: WRITE_H,
                            value: None,
                        }],
                    ),
                    (
                        Width::Grid(5),
                        vec![Block::TextField {
                            label: cx.t(Label::CaseNumber).into(),
                            write_mm: WRITE_H,
                            value: None,
                        }],
                    ),
                ],
                gap_mm: FIELD_GAP_X,
            },
            cx.date_boxes(cx.t(Label::Date)),
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
                gap_mm: FIELD_GAP_X,
            },
        ],
    }
}
