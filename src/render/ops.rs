//! Items → printpdf operations. Millimetres with y down become points with y up.
//!
//! Text is placed with an absolute text matrix (`Tm`), never with `Td` (which is relative);
//! rectangles always carry a paint mode; QR modules become one filled path of merged runs;
//! no-break spaces are written as plain spaces.

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon,
    PolygonRing, Pt, Rect, TextItem, TextMatrix, TextRenderingMode, WindingOrder,
};

use crate::fonts::drawn_as;
use crate::layout::{Item, Page, Weight};
use crate::qr::dark_runs;

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// The text as drawn: a no-break space becomes a plain space, so that it prints in every
/// face and `pdftotext` extracts an ordinary space. Line breaking has already respected it.
pub(crate) fn drawn(text: &str) -> String {
    text.chars().map(drawn_as).collect()
}

/// Converts a page's items to operations; `fonts` gives the resource id of each weight.
pub(crate) fn page_ops(page: &Page, fonts: &dyn Fn(Weight) -> FontId) -> Vec<Op> {
    let h = page.height;
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
    for item in &page.items {
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
            Item::OutlineText {
                x,
                y,
                size_pt,
                weight,
                text,
                angle_deg,
                stroke_pt,
            } => {
                let (s, c) = angle_deg.to_radians().sin_cos();
                ops.extend([
                    Op::SaveGraphicsState,
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
            Item::Qr {
                x,
                y,
                module,
                quiet,
                modules,
                ..
            } => {
                let q = *quiet as f32 * module;
                let mut rings = Vec::new();
                for (r, row) in modules.iter().enumerate() {
                    let top = y + q + r as f32 * module;
                    for (c0, n) in dark_runs(row) {
                        let left = x + q + c0 as f32 * module;
                        let right = left + n as f32 * module;
                        let ring = [
                            (left, top),
                            (right, top),
                            (right, top + module),
                            (left, top + module),
                        ];
                        rings.push(PolygonRing {
                            points: ring
                                .iter()
                                .map(|(x, y)| LinePoint {
                                    p: point(*x, *y),
                                    bezier: false,
                                })
                                .collect(),
                        });
                    }
                }
                ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings,
                        mode: PaintMode::Fill,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}
