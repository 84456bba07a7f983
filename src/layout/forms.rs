//! Form elements for handwriting, sized per the field rules, and QR codes.
//!
//! Labels sit at the upper left just above their box; character boxes are 4 × 5.5 mm with
//! 1 mm between them; checkboxes 4.5 mm with a 3.2 mm gap to the label; write-in lines
//! 8.5 mm apart; every outline 0.5 pt black; at least 3 mm between fields.

use super::chunk::{Chunk, Piece};
use super::place::{named, Ctx, FIELD_GAP};
use super::symbols::{self, RULE_PT};
use super::{Block, Item, LayoutError, Origin, Span, Weight};

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

/// The label a form element prints above its box (`""` for a checkbox without one), or
/// `None` for blocks that are not labelled fields.
pub(crate) fn label_of(b: &Block) -> Option<&str> {
    match b {
        Block::LabelledBox { label, .. }
        | Block::CharBoxes { label, .. }
        | Block::WriteLines { label, .. } => Some(label),
        Block::Checkboxes { label, .. } => Some(label.as_deref().unwrap_or("")),
        _ => None,
    }
}

impl Ctx<'_> {
    /// A bold label above a field, ending 0.5 mm above the field's top; none for an empty
    /// text. Padded at the top to [`Ctx::label_pad`] when that is set (and then cleared), so
    /// that it stays just above its box while the boxes of a line start together.
    pub(crate) fn label(
        &self,
        text: &str,
        width: f32,
        origin: &Origin,
    ) -> Result<Chunk, LayoutError> {
        let mut c = if text.is_empty() {
            Chunk::new(origin)
        } else {
            let spans = [Span {
                text: text.to_string(),
                bold: true,
            }];
            let mut c = self.text_block(&spans, self.label_pt(), width, origin)?;
            c.height += 0.5;
            c
        };
        if let Some(pad) = self.label_pad.take() {
            if pad > c.height {
                let dy = pad - c.height;
                for it in &mut c.items {
                    super::chunk::shift(it, 0.0, dy);
                }
                c.height = pad;
            }
        }
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
            } => self.qr(payload, *module_mm, caption.as_deref(), width, &o, false)?,
            Block::QrExact {
                payload,
                module_mm,
                caption,
            } => self.qr(payload, *module_mm, caption.as_deref(), width, &o, true)?,
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
        let mut c = self.label(label.unwrap_or(""), width, o)?;
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
        Block::Qr { .. } | Block::QrExact { .. } => "QR code",
        _ => "block",
    }
}
