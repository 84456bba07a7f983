//! Items → printpdf operations. Millimetres with y down become points with y up.
//!
//! Text is placed with an absolute text matrix (`Tm`), never with `Td` (which is relative);
//! rectangles always carry a paint mode; QR codes become one filled path of module runs,
//! written as raw operators and appended to the page's content by `finish`; no-break spaces
//! are written as plain spaces.

use printpdf::{
    Color, DictItem, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point,
    Polygon, PolygonRing, Pt, Rect, TextItem, TextMatrix, TextRenderingMode, WindingOrder,
};

use super::tags::Mark;
use crate::fonts::drawn_as;
use crate::layout::{Artifact, Item, Weight};
use crate::qr::dark_runs;

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// The text as drawn: a no-break space becomes a plain space, so that it prints in every
/// face and `pdftotext` extracts an ordinary space. Line breaking has already respected it.
pub(crate) fn drawn(text: &str) -> String {
    text.chars().map(drawn_as).collect()
}

/// Appends a QR code as raw content-stream operators: vector squares, never an image
/// (field rules: images blur when copied and scaled). A transformation puts the origin at the
/// code's top-left corner with one unit per module and y down, so every rectangle has small
/// integer coordinates (`col row width height re`). Horizontal runs of dark modules that repeat
/// on the next rows merge into one taller rectangle; all of them fill as one path in black.
fn qr_raw(x: f32, y: f32, module: f32, modules: &[Vec<bool>], out: &mut Vec<u8>) {
    use std::io::Write;
    let _ = writeln!(out, "q 0 g {module} 0 0 {} {x} {y} cm", -module);
    // Integers without `fmt`: a binder writes some 300,000 of them.
    let mut digits = itoa::Buffer::new();
    // Open rectangles: (start column, width, first row).
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    let n = modules.len();
    for r in 0..=n {
        let runs = modules.get(r).map(|row| dark_runs(row)).unwrap_or_default();
        let mut next = Vec::with_capacity(runs.len());
        for (start, len) in runs {
            match open.iter().position(|&(s, l, _)| s == start && l == len) {
                Some(k) => next.push(open.swap_remove(k)),
                None => next.push((start, len, r)),
            }
        }
        for (start, len, top) in open {
            for v in [start, top, len, r - top] {
                out.extend_from_slice(digits.format(v).as_bytes());
                out.push(b' ');
            }
            out.extend_from_slice(b"re ");
        }
        out.push(b'\n');
        open = next;
    }
    out.extend_from_slice(b"f Q\n");
}

/// The clip that keeps the watermark out of `clear` on a page `h` mm tall: the union of
/// the rectangles outside every area (non-zero winding, one path).
fn knock_out(clear: &[[f32; 4]], h: f32) -> Op {
    // Far beyond any paper size: the watermark is never clipped by the bounds.
    let bounds = [-500.0, -500.0, 2000.0, 2000.0];
    let rings = crate::layout::knockout::allowed(bounds, clear)
        .into_iter()
        .map(|[x, y, w, rh]| PolygonRing {
            points: [(x, y), (x + w, y), (x + w, y + rh), (x, y + rh)]
                .into_iter()
                .map(|(px, py)| LinePoint {
                    p: Point {
                        x: Pt(px * PT_PER_MM),
                        y: Pt((h - py) * PT_PER_MM),
                    },
                    bezier: false,
                })
                .collect(),
        })
        .collect();
    Op::DrawPolygon {
        polygon: Polygon {
            rings,
            mode: PaintMode::Clip,
            winding_order: WindingOrder::NonZero,
        },
    }
}

/// The artifact's property list: its type and, for page furniture, its subtype.
fn artifact_properties(a: Artifact) -> DictItem {
    let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
    let mut map = std::collections::BTreeMap::new();
    let subtype = match a {
        Artifact::Header => Some("Header"),
        Artifact::Footer => Some("Footer"),
        Artifact::Watermark => Some("Watermark"),
        Artifact::Layout => None,
    };
    match subtype {
        Some(s) => {
            map.insert("Type".to_string(), name("Pagination"));
            map.insert("Subtype".to_string(), name(s));
        }
        None => {
            map.insert("Type".to_string(), name("Layout"));
        }
    }
    DictItem::Dict { map }
}

/// The operation that begins the marked-content sequence of `mark`.
fn begin(mark: Mark) -> Op {
    match mark {
        Mark::Real { mcid, tag } => Op::BeginMarkedContentWithProperties {
            tag: tag.to_string(),
            properties: DictItem::Dict {
                map: [("MCID".to_string(), DictItem::Int(i64::from(mcid)))]
                    .into_iter()
                    .collect(),
            },
        },
        Mark::Artifact(a) => Op::BeginMarkedContentWithProperties {
            tag: "Artifact".to_string(),
            properties: artifact_properties(a),
        },
        Mark::None => Op::BeginMarkedContent {
            tag: "Artifact".to_string(),
        },
    }
}

/// The raw operator that begins the marked-content sequence of a QR code.
fn begin_raw(mark: Mark, out: &mut Vec<u8>) {
    match mark {
        Mark::Real { mcid, tag } => {
            out.extend_from_slice(format!("/{tag} <</MCID {mcid}>> BDC\n").as_bytes())
        }
        _ => out.extend_from_slice(b"/Artifact BMC\n"),
    }
}

/// Converts items on a page `h` mm tall to operations; `fonts` gives the resource id of each
/// weight; `marks` (one per item, see `tags`) put each into its marked-content sequence. QR
/// codes are returned apart, as raw content to append to the page's stream (printpdf's typed
/// operations would hold every module run as a separate path in memory).
pub(crate) fn item_ops(
    items: &[Item],
    marks: &[Mark],
    h: f32,
    fonts: &dyn Fn(Weight) -> FontId,
) -> (Vec<Op>, Vec<u8>) {
    let mut raw = Vec::new();
    let pt = |mm: f32| Pt(mm * PT_PER_MM);
    let point = |x: f32, y: f32| Point {
        x: pt(x),
        y: pt(h - y),
    };
    let black = || {
        Color::Greyscale(Greyscale {
            percent: 0.0,
            icc_profile: None,
        })
    };
    let mut ops = vec![
        Op::SetFillColor { col: black() },
        Op::SetOutlineColor { col: black() },
    ];
    let mut in_text = false;
    let mut font: Option<(Weight, f32)> = None;
    // The marked-content sequence open in the typed operations.
    let mut open: Option<Mark> = None;
    for (i, item) in items.iter().enumerate() {
        // Structure markers, and where a mark is read back from a scan: nothing drawn.
        if item.draws_nothing() {
            continue;
        }
        let mark = match marks.get(i).copied().unwrap_or(Mark::None) {
            Mark::None => Mark::Artifact(Artifact::Layout),
            m => m,
        };
        if let Item::Qr { .. } | Item::Image { .. } = item {
            begin_raw(mark, &mut raw);
        } else if open != Some(mark) {
            // A sequence never crosses a text object's bounds.
            if in_text {
                ops.push(Op::EndTextSection);
                in_text = false;
                font = None;
            }
            if open.is_some() {
                ops.push(Op::EndMarkedContent);
            }
            ops.push(begin(mark));
            open = Some(mark);
        }
        let is_text = matches!(item, Item::Text { .. });
        if in_text && !is_text {
            ops.push(Op::EndTextSection);
            in_text = false;
            font = None;
        }
        match item {
            Item::Text {
                x,
                y,
                size_pt,
                weight,
                text,
            } => {
                if !in_text {
                    ops.push(Op::StartTextSection);
                    in_text = true;
                }
                if font != Some((*weight, *size_pt)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(fonts(*weight)),
                        size: Pt(*size_pt),
                    });
                    font = Some((*weight, *size_pt));
                }
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(pt(*x), pt(h - y)),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(drawn(text))],
                });
            }
            Item::UpText {
                x,
                y,
                size_pt,
                weight,
                text,
            } => ops.extend([
                Op::StartTextSection,
                Op::SetFont {
                    font: PdfFontHandle::External(fonts(*weight)),
                    size: Pt(*size_pt),
                },
                // A quarter turn to the left: x along the page's up, y along its left.
                Op::SetTextMatrix {
                    matrix: TextMatrix::Raw([0.0, 1.0, -1.0, 0.0, pt(*x).0, pt(h - y).0]),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(drawn(text))],
                },
                Op::EndTextSection,
            ]),
            Item::OutlineText {
                x,
                y,
                size_pt,
                weight,
                text,
                angle_deg,
                stroke_pt,
                clear,
            } => {
                let (s, c) = angle_deg.to_radians().sin_cos();
                ops.push(Op::SaveGraphicsState);
                if !clear.is_empty() {
                    ops.push(knock_out(clear, h));
                }
                ops.extend([
                    Op::SetOutlineThickness { pt: Pt(*stroke_pt) },
                    Op::StartTextSection,
                    Op::SetTextRenderingMode {
                        mode: TextRenderingMode::Stroke,
                    },
                    Op::SetFont {
                        font: PdfFontHandle::External(fonts(*weight)),
                        size: Pt(*size_pt),
                    },
                    Op::SetTextMatrix {
                        matrix: TextMatrix::Raw([c, s, -s, c, pt(*x).0, pt(h - y).0]),
                    },
                    Op::ShowText {
                        items: vec![TextItem::Text(drawn(text))],
                    },
                    Op::SetTextRenderingMode {
                        mode: TextRenderingMode::Fill,
                    },
                    Op::EndTextSection,
                    Op::RestoreGraphicsState,
                ]);
            }
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                stroke_pt,
                fill,
            } => {
                let mode = match (stroke_pt, fill) {
                    (Some(_), true) => PaintMode::FillStroke,
                    (Some(_), false) => PaintMode::Stroke,
                    (None, true) => PaintMode::Fill,
                    (None, false) => continue,
                };
                if let Some(s) = stroke_pt {
                    ops.push(Op::SetOutlineThickness { pt: Pt(*s) });
                }
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: pt(*x),
                        y: pt(h - y - rh),
                        width: pt(*w),
                        height: pt(*rh),
                        mode: Some(mode),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width_pt,
            } => {
                ops.push(Op::SetOutlineThickness { pt: Pt(*width_pt) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: point(*x1, *y1),
                                bezier: false,
                            },
                            LinePoint {
                                p: point(*x2, *y2),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Item::Path {
                points,
                closed,
                fill,
                width_pt,
            } => {
                let pts: Vec<LinePoint> = points
                    .iter()
                    .map(|(x, y)| LinePoint {
                        p: point(*x, *y),
                        bezier: false,
                    })
                    .collect();
                ops.push(Op::SetOutlineThickness { pt: Pt(*width_pt) });
                if *closed || *fill {
                    ops.push(Op::DrawPolygon {
                        polygon: Polygon {
                            rings: vec![PolygonRing { points: pts }],
                            mode: if *fill {
                                PaintMode::FillStroke
                            } else {
                                PaintMode::Stroke
                            },
                            winding_order: WindingOrder::NonZero,
                        },
                    });
                } else {
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: pts,
                            is_closed: false,
                        },
                    });
                }
            }
            Item::Mark { .. } => {}
            Item::Qr {
                x,
                y,
                module,
                quiet,
                modules,
                ..
            } => {
                let q = *quiet as f32 * module;
                let size = module * PT_PER_MM;
                qr_raw(pt(x + q).0, pt(h - y - q).0, size, modules, &mut raw);
                raw.extend_from_slice(b"EMC\n");
            }
            Item::Image {
                x,
                y,
                w,
                h: ih,
                picture,
            } => {
                super::images::draw(
                    picture,
                    pt(*x).0,
                    pt(h - y - ih).0,
                    pt(*w).0,
                    pt(*ih).0,
                    &mut raw,
                );
                raw.extend_from_slice(b"EMC\n");
            }
            Item::Tag(_) => {}
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    if open.is_some() {
        ops.push(Op::EndMarkedContent);
    }
    (ops, raw)
}
