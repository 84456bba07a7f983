//! Form elements for handwriting, sized per the field rules, and QR codes.
//!
//! Labels sit at the upper left just above their box; character boxes are 4 × 5.5 mm with
//! 1 mm between them; checkboxes 4.5 mm with a 3.2 mm gap to the label; write-in lines
//! 8.5 mm apart; every outline 0.5 pt black; at least 3 mm between fields.

use super::chunk::{merge, Chunk, Piece};
use super::place::{named, Ctx, FIELD_GAP};
use super::symbols::{self, RULE_PT};
use super::{Block, Item, LayoutError, Origin, Span, Weight};
use crate::qr::{qr_matrix, Ec};

/// Character box width, mm.
pub const CHAR_BOX_W: f32 = 4.0;
/// Character box height, mm.
pub const CHAR_BOX_H: f32 = 5.5;
/// Gap between character boxes, mm.
pub const CHAR_BOX_GAP: f32 = 1.0;
/// Checkbox side, mm.
pub const CHECKBOX: f32 = 4.5;
/// Gap from a checkbox to its label, mm (≥ 2/3 of the box).
pub const CHECKBOX_GAP: f32 = 3.2;
/// Distance between write-in lines, mm.
pub const WRITE_LINE: f32 = 8.5;
/// Default QR module, mm.
pub const QR_MODULE: f32 = 0.8;
/// Smallest QR module, mm.
pub const QR_MODULE_MIN: f32 = 0.5;
/// Smallest QR symbol (without quiet zone), mm.
pub const QR_MIN_SIZE: f32 = 20.0;
/// Quiet zone, modules.
pub const QR_QUIET: u32 = 4;

impl Ctx<'_> {
    /// A bold label above a field, ending 1 mm above the field's top.
    fn label(&self, text: &str, width: f32, origin: &Origin) -> Result<Chunk, LayoutError> {
        let spans = [Span {
            text: text.to_string(),
            bold: true,
        }];
        let mut c = self.text_block(&spans, self.label_pt(), width, origin)?;
        c.height += 0.5;
        Ok(c)
    }

    /// Places a form element or QR code.
    pub(crate) fn form(
        &mut self,
        b: &Block,
        width: f32,
        origin: &Origin,
        out: &mut Vec<Piece>,
    ) -> Result<(), LayoutError> {
        let o = named(origin, kind(b));
        let mut c = match b {
            Block::LabelledBox { label, height_mm } => {
                let mut c = self.label(label, width, &o)?;
                let y = c.height;
                c.items.push(Item::Rect {
                    x: 0.0,
                    y,
                    w: width,
                    h: *height_mm,
                    stroke_pt: Some(RULE_PT),
                    fill: false,
                });
                c.height = y + height_mm;
                c
            }
            Block::CharBoxes {
                label,
                groups,
                separator,
                prefill,
            } => self.char_boxes(label, groups, *separator, prefill.as_deref(), width, &o)?,
            Block::Checkboxes {
                label,
                options,
                checked,
            } => self.checkboxes(label.as_deref(), options, checked, width, &o)?,
            Block::WriteLines { label, lines } => {
                let mut c = self.label(label, width, &o)?;
                let top = c.height;
                for i in 1..=*lines {
                    let y = top + WRITE_LINE * i as f32;
                    c.items.push(Item::Line {
                        x1: 0.0,
                        y1: y,
                        x2: width,
                        y2: y,
                        width_pt: RULE_PT,
                    });
                }
                c.height = top + WRITE_LINE * *lines as f32 + 1.0;
                c
            }
            Block::Signature { labels } => self.signature(labels, width, &o)?,
            Block::Serial { label, serial } => self.serial(label, serial, width, &o)?,
            Block::Qr {
                payload,
                module_mm,
                caption,
            } => self.qr(payload, *module_mm, caption.as_deref(), width, &o)?,
            _ => return Ok(()),
        };
        c.origin = o;
        self.check_height(&c)?;
        out.push(Piece::Chunk(c));
        out.push(Piece::Space(FIELD_GAP));
        Ok(())
    }

    fn char_boxes(
        &self,
        label: &str,
        groups: &[u32],
        separator: Option<char>,
        prefill: Option<&str>,
        width: f32,
        o: &Origin,
    ) -> Result<Chunk, LayoutError> {
        let mut c = self.label(label, width, o)?;
        let top = c.height;
        let size = self.settings.body_pt.max(self.settings.min_pt);
        let sep_w = separator.map_or(CHAR_BOX_GAP * 2.0, |s| {
            self.ts.width(&s.to_string(), Weight::Regular, size) + 2.0
        });
        let mut fill = prefill
            .unwrap_or("")
            .chars()
            .filter(|ch| Some(*ch) != separator && *ch != ' ');
        let base = top + CHAR_BOX_H - (CHAR_BOX_H - self.ts.cap_height(size)) / 2.0;
        let mut x = 0.0;
        for (g, n) in groups.iter().enumerate() {
            if g > 0 {
                if let Some(s) = separator {
                    let t = s.to_string();
                    let w = self.ts.width(&t, Weight::Regular, size);
                    c.items.push(Item::Text {
                        x: x + (sep_w - w) / 2.0 - CHAR_BOX_GAP / 2.0,
                        y: base,
                        size_pt: size,
                        weight: Weight::Regular,
                        text: t,
                    });
                }
                x += sep_w - CHAR_BOX_GAP;
            }
            for _ in 0..*n {
                c.items.push(Item::Rect {
                    x,
                    y: top,
                    w: CHAR_BOX_W,
                    h: CHAR_BOX_H,
                    stroke_pt: Some(RULE_PT),
                    fill: false,
                });
                if let Some(ch) = fill.next() {
                    let t = ch.to_string();
                    let w = self.ts.width(&t, Weight::Regular, size);
                    c.items.push(Item::Text {
                        x: x + (CHAR_BOX_W - w) / 2.0,
                        y: base,
                        size_pt: size,
                        weight: Weight::Regular,
                        text: t,
                    });
                }
                x += CHAR_BOX_W + CHAR_BOX_GAP;
            }
        }
        let needed = x - CHAR_BOX_GAP;
        if needed > width {
            return Err(LayoutError::TooWide {
                origin: o.clone(),
                what: "character boxes".into(),
                needed_mm: needed,
                available_mm: width,
            });
        }
        c.height = top + CHAR_BOX_H;
        Ok(c)
    }

    fn checkboxes(
        &self,
        label: Option<&str>,
        options: &[String],
        checked: &[bool],
        width: f32,
        o: &Origin,
    ) -> Result<Chunk, LayoutError> {
        let mut c = match label {
            Some(l) => self.label(l, width, o)?,
            None => Chunk::new(o),
        };
        let size = self.settings.body_pt.max(self.settings.min_pt);
        let lh = self.line_h(size).max(CHECKBOX + 1.0);
        let text_dy = (lh - self.line_h(size)) / 2.0;
        let (mut x, mut y) = (0.0, c.height);
        let mut row_h: f32 = 0.0;
        for (i, opt) in options.iter().enumerate() {
            let text_w = width - CHECKBOX - CHECKBOX_GAP;
            let spans = [Span {
                text: opt.clone(),
                bold: false,
            }];
            let text = self.text_block(&spans, size, text_w, o)?;
            let w = CHECKBOX
                + CHECKBOX_GAP
                + text
                    .items
                    .iter()
                    .map(|it| item_right(it, &self.ts))
                    .fold(0.0, f32::max);
            if x > 0.0 && x + w > width {
                x = 0.0;
                y += row_h + 1.5;
                row_h = 0.0;
            }
            let box_y = y + (lh - CHECKBOX) / 2.0;
            c.items.push(symbols::checkbox(x, box_y, CHECKBOX));
            if checked.get(i).copied().unwrap_or(false) {
                c.items.push(symbols::tick(x, box_y, CHECKBOX));
            }
            row_h = row_h.max(text.height + text_dy).max(lh);
            c.absorb(text, x + CHECKBOX + CHECKBOX_GAP, y + text_dy);
            x += w + 6.0;
        }
        c.height = y + row_h;
        Ok(c)
    }

    fn signature(&self, labels: &[String], width: f32, o: &Origin) -> Result<Chunk, LayoutError> {
        let gap = 6.0;
        let n = labels.len().max(1) as f32;
        let cw = (width + gap) / n - gap;
        let mut c = Chunk::new(o);
        let line_y = 12.0;
        for (i, l) in labels.iter().enumerate() {
            let x = i as f32 * (cw + gap);
            c.items.push(Item::Line {
                x1: x,
                y1: line_y,
                x2: x + cw,
                y2: line_y,
                width_pt: RULE_PT,
            });
            let spans = [Span {
                text: l.clone(),
                bold: false,
            }];
            let t = self.text_block(&spans, self.label_pt(), cw, o)?;
            c.absorb(t, x, line_y + 0.8);
        }
        c.height = c.height.max(line_y);
        Ok(c)
    }

    fn serial(
        &self,
        label: &str,
        serial: &str,
        width: f32,
        o: &Origin,
    ) -> Result<Chunk, LayoutError> {
        let size = (self.settings.body_pt * 1.4).max(self.settings.min_pt);
        let sw = self.ts.width(serial, Weight::Bold, size) + 6.0;
        let lw = self.ts.width(label, Weight::Bold, self.label_pt());
        let bw = sw.max(lw).min(width);
        let x = width - bw;
        let mut c = Chunk::new(o);
        let l = self.label(label, bw, o)?;
        let top = l.height;
        c.absorb(l, x, 0.0);
        let bh = self.line_h(size) + 2.0;
        c.items.push(Item::Rect {
            x,
            y: top,
            w: bw,
            h: bh,
            stroke_pt: Some(1.0),
            fill: false,
        });
        let t = self.text_block(
            &[Span {
                text: serial.to_string(),
                bold: true,
            }],
            size,
            bw - 6.0,
            o,
        )?;
        c.absorb(t, x + 3.0, top + 1.0);
        c.height = c.height.max(top + bh);
        Ok(c)
    }

    fn qr(
        &self,
        payload: &str,
        module_mm: f32,
        caption: Option<&str>,
        width: f32,
        o: &Origin,
    ) -> Result<Chunk, LayoutError> {
        let mut module = if module_mm > 0.0 {
            module_mm
        } else {
            QR_MODULE
        };
        if module < QR_MODULE_MIN {
            return Err(LayoutError::QrModuleTooSmall {
                origin: o.clone(),
                module_mm,
            });
        }
        let modules = qr_matrix(payload, Ec::Q).map_err(|error| LayoutError::Qr {
            origin: o.clone(),
            error,
        })?;
        let n = modules.len() as f32;
        module = module.max(QR_MIN_SIZE / n);
        let total = (n + 2.0 * QR_QUIET as f32) * module;
        if total > width {
            return Err(LayoutError::TooWide {
                origin: o.clone(),
                what: format!(
                    "QR code ({} bytes, {n}×{n} modules of {module:.2} mm)",
                    payload.len()
                ),
                needed_mm: total,
                available_mm: width,
            });
        }
        let mut c = Chunk::new(o);
        c.items.push(Item::Qr {
            x: 0.0,
            y: 0.0,
            module,
            quiet: QR_QUIET,
            modules,
            payload: payload.to_string(),
        });
        c.qr_count = 1;
        // The payload printed beside the code (below it when the space beside is too narrow).
        let beside = width - total - 2.0;
        let (tx, ty, tw) = if beside >= 40.0 {
            (total + 2.0, QR_QUIET as f32 * module, beside)
        } else {
            (0.0, total, width)
        };
        let mut pieces = Vec::new();
        if let Some(cap) = caption {
            pieces.extend(
                self.text_lines(
                    &[Span {
                        text: cap.into(),
                        bold: true,
                    }],
                    self.label_pt(),
                    tw,
                    true,
                    o,
                )?
                .into_iter()
                .map(Piece::Chunk),
            );
        }
        pieces.extend(
            self.text_lines(
                &[Span {
                    text: payload.into(),
                    bold: false,
                }],
                self.label_pt(),
                tw,
                false,
                o,
            )?
            .into_iter()
            .map(Piece::Chunk),
        );
        let (text, _) = merge(pieces, o);
        c.height = total.max(ty + text.height);
        c.absorb(text, tx, ty);
        Ok(c)
    }
}

/// Right edge of an item, mm (text measured in its face).
fn item_right(it: &Item, ts: &super::text::Typesetter) -> f32 {
    match it {
        Item::Text {
            x,
            size_pt,
            weight,
            text,
            ..
        } => x + ts.width(text, *weight, *size_pt),
        _ => 0.0,
    }
}

fn kind(b: &Block) -> &'static str {
    match b {
        Block::LabelledBox { .. } => "box",
        Block::CharBoxes { .. } => "character boxes",
        Block::Checkboxes { .. } => "checkboxes",
        Block::WriteLines { .. } => "write-in lines",
        Block::Signature { .. } => "signature",
        Block::Serial { .. } => "serial number",
        Block::Qr { .. } => "QR code",
        _ => "block",
    }
}
