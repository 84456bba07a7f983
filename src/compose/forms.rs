//! Forms for handwriting: one copy per serial number. A copy's first page opens with one
//! band: title (purpose, personal-data marking) at the left, the serial printed large with
//! the code's text, and the QR code with kit, form, version and serial; then its sections
//! (fields on the grid, tables, signature chains; flowing across pages unless kept
//! together) and the back-entry line. Later pages carry a one-line running header (title,
//! serial, "continued"). Every page carries the form's id, code and edition and its own
//! "page n of N". A copy is set as tightly as the field rules allow before it grows a page.

use super::ctx::{bold, heading, para, Ctx, SMALL_PT, TAG_MODULE};
use super::fields::{self, FIELD_GAP_X, WRITE_H};
use super::tables;
use crate::labels::Label;
use crate::layout::{Bleed, Block, CopyFill, FormFooter, Orientation, Width};
use crate::model::{code_line, Form, Image, Section};

/// Level of section headings: 11 pt, lighter than the form title.
const SECTION_LEVEL: u8 = 4;
/// Space between side-by-side columns of a section, mm.
const COLUMN_GAP: f32 = 6.0;

/// Height of the QR code in a form's header band with the quiet zone below it, mm (its
/// quiet zone above lies in the gap under the running header): the module is as large as
/// this allows, 0.6–0.8 mm, so that title, serial and code share one band of about 25 mm.
const HEADER_QR_MM: f32 = 27.0;
/// Smallest module of a form's code, mm: the copies come back scanned, blurred and faxed
/// (field rules: at least 0.5; codes at 0.6 mm decode from 100 dpi renders).
const LEAST_MODULE: f32 = 0.6;

/// Every copy of a form. Serialized copies share one layout ([`Block::Copies`]): only the
/// serial box, the QR code and the running header differ between them. The copy is set as
/// tightly as the field rules allow before it takes another page ([`Block::Fit`]).
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
        &f.footer_boxes,
    ));
    let fitted = match &f.serial {
        None => {
            b.push(Block::RunningHeader {
                text: Some(header(cx, f, None)),
                continued,
            });
            let payload = cx.payload(Some(&f.id.v), None);
            let corner = vec![payload_text(&payload, None)];
            let code = qr(&payload);
            body(cx, f, corner, code, qr_mm(&[payload.as_str()]))
        }
        Some(s) => {
            let copies = cx.opts.copies.unwrap_or(s.copies).max(1);
            let fills: Vec<(String, String)> = (0..copies)
                .map(|i| {
                    let serial = s.nth(i);
                    let payload = cx.payload(Some(&f.id.v), Some(&serial));
                    (serial, payload)
                })
                .collect();
            let width = qr_mm(&fills.iter().map(|(_, p)| p.as_str()).collect::<Vec<_>>());
            let copies = fills
                .iter()
                .map(|(serial, payload)| CopyFill {
                    header: Some(header(cx, f, Some(serial))),
                    slots: vec![
                        Block::KeepTogether {
                            origin: cx.origin(format!("the serial of form \"{}\"", f.id.v), f.loc),
                            blocks: vec![
                                serial_box(cx, serial),
                                payload_text(payload, Some(serial)),
                            ],
                        },
                        qr(payload),
                    ],
                })
                .collect();
            vec![Block::Copies {
                continued,
                blocks: body(cx, f, vec![Block::Slot(0)], Block::Slot(1), width),
                copies,
            }]
        }
    };
    b.push(Block::Fit {
        origin: cx.origin(format!("form \"{}\"", f.id.v), f.loc),
        pages: f.pages.as_ref().map(|p| p.v),
        blocks: fitted,
    });
    if f.serial.is_none() {
        b.push(Block::RunningHeader {
            text: None,
            continued: String::new(),
        });
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
    boxes: &[String],
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
        boxes: boxes.to_vec(),
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

/// The QR payload as readable text, printed beside the code in the header. A copy's serial
/// and print run start a line of their own, so that every copy's text wraps alike (and its
/// copies share one page layout).
fn payload_text(payload: &str, serial: Option<&str>) -> Block {
    let text = match serial.and_then(|s| payload.find(&format!("/{s}/"))) {
        Some(at) => format!("{}\n{}", &payload[..=at], &payload[at + 1..]),
        None => payload.to_string(),
    };
    Block::Literal {
        text,
        size_pt: LABEL_PT,
    }
}

/// Size of the payload text beside a form's code, pt (a label's size).
const LABEL_PT: f32 = 8.5;

/// The module of a header code: as large as [`HEADER_QR_MM`] allows, 0.6–0.8 mm.
fn module_for(payload: &str) -> f32 {
    let n = crate::qr::qr_width(payload, crate::qr::Ec::Q).unwrap_or(21) as f32;
    (HEADER_QR_MM / (n + 4.0)).clamp(LEAST_MODULE, TAG_MODULE)
}

/// Width of the header cell the codes of `payloads` take (the widest of them), mm.
fn qr_mm(payloads: &[&str]) -> f32 {
    payloads
        .iter()
        .map(|p| {
            let n = crate::qr::qr_width(p, crate::qr::Ec::Q).unwrap_or(21) as f32;
            let module = module_for(p).max(20.0 / n);
            (n + 8.0) * module
        })
        .fold(0.0, f32::max)
        + 0.01
}

/// A copy's QR code in the header band; its payload text is printed beside it.
fn qr(payload: &str) -> Block {
    Block::QrBare {
        payload: payload.to_string(),
        module_mm: module_for(payload),
        bleed: Bleed {
            top: true,
            right: false,
        },
    }
}

/// The name of section `i` (0-based) of form `f`: its title, or its place when untitled.
fn section_name(f: &Form, i: usize, s: &Section) -> String {
    if s.title.v.trim().is_empty() {
        format!("section {} of form \"{}\"", i + 1, f.id.v)
    } else {
        format!("section \"{}\" of form \"{}\"", s.title.v, f.id.v)
    }
}

/// One copy: the header band (title, purpose and marking; `corner`, the serial and the
/// code's text; the code itself, `code_mm` wide), the sections, and the back-entry foot.
fn body(cx: &Ctx, f: &Form, corner: Vec<Block>, code: Block, code_mm: f32) -> Vec<Block> {
    let anchor = Some(format!("form-{}", f.id.v));
    let mut head = vec![heading(2, f.title.v.clone(), anchor)];
    if !f.purpose.is_empty() {
        head.push(para(f.purpose.clone(), SMALL_PT));
    }
    // The marking is printed here unless every page's footer already says it.
    let marking = cx.t(Label::PersonalData);
    if f.personal_data && !cx.classification_marks_personal_data() {
        head.push(bold(marking, SMALL_PT));
    }
    let right = Block::Row {
        cells: vec![(Width::Rest, corner), (Width::Mm(code_mm), vec![code])],
        gap_mm: 2.0,
    };
    // The form's logo, or the kit's, at the left of the title.
    if let Some((logo, w)) = f
        .logo
        .as_ref()
        .or(cx.kit.meta.logo.as_ref())
        .and_then(|l| logo_block(l).map(|b| (b, logo_width(l))))
    {
        head = vec![Block::Row {
            cells: vec![(Width::Mm(w), vec![logo]), (Width::Rest, head)],
            gap_mm: 3.0,
        }];
    }
    let mut b = vec![Block::Row {
        cells: vec![(Width::Grid(7), head), (Width::Grid(5), vec![right])],
        gap_mm: 4.0,
    }];
    if f.sections.iter().any(|s| s.side_label.is_some()) {
        // Sections next to each other with one side label share its bar; the others keep
        // the bar's column empty, in line with them.
        let mut groups: Vec<(Option<String>, Vec<Block>)> = Vec::new();
        for (i, s) in f.sections.iter().enumerate() {
            let blocks = section(cx, f, i, s);
            match groups.last_mut() {
                Some((label, group)) if *label == s.side_label && label.is_some() => {
                    group.extend(blocks)
                }
                _ => groups.push((s.side_label.clone(), blocks)),
            }
        }
        b.extend(
            groups
                .into_iter()
                .map(|(label, blocks)| Block::SideLabel { label, blocks }),
        );
    } else {
        for (i, s) in f.sections.iter().enumerate() {
            b.extend(section(cx, f, i, s));
        }
    }
    if f.back_entry {
        b.push(foot(cx, f));
    }
    b
}

/// Height of a logo in the header band unless the kit says otherwise, mm: one line of the
/// title and the purpose beside it.
const LOGO_HEIGHT_MM: f32 = 12.0;
/// Widest logo in the header band, mm: the title keeps most of its cell.
const LOGO_MAX_MM: f32 = 40.0;

/// The printed width of a logo: its `width`, or its `height` (12 mm by default) at its
/// proportions; at most [`LOGO_MAX_MM`].
fn logo_width(l: &Image) -> f32 {
    let aspect = l.picture.as_ref().map_or(1.0, |p| p.aspect());
    let w = match (&l.width_mm, &l.height_mm) {
        (Some(w), _) => w.v as f32,
        (None, Some(h)) => h.v as f32 / aspect,
        (None, None) => LOGO_HEIGHT_MM / aspect,
    };
    w.min(LOGO_MAX_MM)
}

fn logo_block(l: &Image) -> Option<Block> {
    Some(Block::Image {
        picture: l.picture.clone()?,
        alt: l.alt.v.clone(),
        width_mm: logo_width(l),
    })
}

/// A section's picture: its `width`, or its `height` at its proportions, or as wide as the
/// section.
fn section_image(img: &Image) -> Option<Block> {
    let picture = img.picture.clone()?;
    let width_mm = match (&img.width_mm, &img.height_mm) {
        (Some(w), _) => w.v as f32,
        (None, Some(h)) => h.v as f32 / picture.aspect(),
        (None, None) => f32::INFINITY,
    };
    Some(Block::Image {
        picture,
        alt: img.alt.v.clone(),
        width_mm,
    })
}

/// A section: its heading kept with its first line, its fields on the grid (in columns when
/// asked), then its table. It breaks between lines and rows unless kept together; a problem
/// with it names it (by its place when it has no title).
fn section(cx: &Ctx, f: &Form, i: usize, s: &Section) -> Vec<Block> {
    let name = section_name(f, i, s);
    let keys: Vec<String> = (0..s.fields.len()).map(|j| f.field_key(i, j)).collect();
    let mut content: Vec<Block> = s.image.iter().filter_map(section_image).collect();
    content.extend(fields::lines_read(cx, &s.fields, &keys));
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
            origin: cx.origin(format!("the table of {name}"), t.loc),
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
            space_mm: None,
        });
    } else {
        b.extend(content);
    }
    let origin = cx.origin(name, s.loc);
    if s.keep_together {
        return vec![Block::KeepTogether { origin, blocks: b }];
    }
    vec![Block::Part { origin, blocks: b }]
}

/// The foot of every copy: the back-entry line (entered by, case number, date), to fill in
/// when the paper is entered into the system afterwards.
fn foot(cx: &Ctx, f: &Form) -> Block {
    let field = |label: String| Block::TextField {
        label,
        write_mm: WRITE_H,
        value: None,
    };
    let entered = format!(
        "{} – {}",
        cx.t(Label::BackEntry),
        cx.t(Label::RegisteredBy).to_lowercase()
    );
    Block::KeepTogether {
        origin: cx.origin(format!("the foot of form \"{}\"", f.id.v), f.loc),
        blocks: vec![
            Block::Rule,
            Block::FieldRow {
                cells: vec![
                    (Width::Grid(5), vec![field(entered)]),
                    (Width::Grid(3), vec![field(cx.t(Label::CaseNumber).into())]),
                    (Width::Rest, vec![cx.date_boxes(cx.t(Label::Date))]),
                ],
                gap_mm: FIELD_GAP_X,
            },
        ],
    }
}
