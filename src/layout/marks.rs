//! Signature lines, serial number boxes and QR codes with their payload printed beside them.

use super::chunk::{merge, Chunk, Piece};
use super::forms::{QR_MIN_SIZE, QR_MODULE, QR_MODULE_MIN, QR_QUIET};
use super::place::{tag_lines, Ctx};
use super::symbols::RULE_PT;
use super::{Bleed, FieldKind, Item, LayoutError, Origin, Role, Span, Weight};
use crate::qr::{qr_matrix_cached, Ec};

impl Ctx<'_> {
    pub(crate) fn signature(
        &self,
        labels: &[String],
        width: f32,
        o: &Origin,
    ) -> Result<Chunk, LayoutError> {
        let gap = 6.0;
        let n = labels.len().max(1) as f32;
        let cw = (width + gap) / n - gap;
        let mut c = Chunk::new(o);
        let line_y = 12.0;
        for (i, l) in labels.iter().enumerate() {
            let x = i as f32 * (cw + gap);
            c.items.push(Item::open(Role::Field {
                label: l.clone(),
                kind: FieldKind::Text,
            }));
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
            c.items.push(Item::close());
        }
        c.height = c.height.max(line_y);
        Ok(c)
    }

    pub(crate) fn serial(
        &self,
        label: &str,
        serial: &str,
        width: f32,
        o: &Origin,
    ) -> Result<Chunk, LayoutError> {
        // As large as the width allows, from 1.4 times the body size down to the body size.
        let mut size = (self.settings.body_pt * 1.4).max(self.settings.min_pt);
        let least = self.settings.body_pt.max(self.settings.min_pt);
        while size > least && self.ts.width(serial, Weight::Bold, size) + 6.0 > width {
            size -= 0.5;
        }
        // A serial is one line, never wrapped: measured once, so that rounding cannot make
        // the box narrower than the text (it did: "HM-000" / "4").
        let sw = self.ts.width(serial, Weight::Bold, size) + 6.0;
        if sw > width {
            return Err(LayoutError::TooWide {
                origin: o.clone(),
                what: format!("serial number \"{serial}\""),
                needed_mm: sw,
                available_mm: width,
            });
        }
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
        c.items.push(Item::Text {
            x: x + 3.0,
            y: top + 1.0 + self.baseline(size),
            size_pt: size,
            weight: Weight::Bold,
            text: serial.to_string(),
        });
        // "Löpnummer HM-0007": the label and the number read as one line.
        super::page::wrap(Role::Paragraph, &mut c.items);
        c.height = c.height.max(top + bh);
        Ok(c)
    }

    /// A QR code whose payload the builder prints next to it, its quiet zone on the sides in
    /// `bleed` outside the chunk (a form's header band: above, in the gap under the running
    /// header; a contact card: at the right, in the gap between columns).
    pub(crate) fn qr_bare(
        &self,
        payload: &str,
        module_mm: f32,
        bleed: Bleed,
        width: f32,
        o: &Origin,
    ) -> Result<Chunk, LayoutError> {
        let mut probe = self.qr(payload, module_mm, None, f32::MAX, o, false)?;
        // The code among its structure markers.
        let Some(at) = probe
            .items
            .iter()
            .position(|i| matches!(i, Item::Qr { .. }))
        else {
            return Ok(probe);
        };
        let Item::Qr { module, quiet, .. } = &probe.items[at] else {
            return Ok(probe);
        };
        let q = *quiet as f32 * module;
        let total = probe.height;
        let need = total - if bleed.right { q } else { 0.0 };
        if need > width + 0.01 {
            return Err(LayoutError::TooWide {
                origin: o.clone(),
                what: format!("QR code ({} bytes)", payload.len()),
                needed_mm: need,
                available_mm: width,
            });
        }
        if bleed.top {
            super::chunk::shift(&mut probe.items[at], 0.0, -q);
            probe.height = total - q;
        }
        Ok(probe)
    }

    /// A QR code with its caption and payload beside it (`text` is `None` for a code whose
    /// payload the builder prints elsewhere). Unless `exact`, the module grows until the
    /// symbol is at least [`QR_MIN_SIZE`]; `exact` (the test page) keeps `module_mm`.
    pub(crate) fn qr(
        &self,
        payload: &str,
        module_mm: f32,
        text: Option<Option<&str>>,
        width: f32,
        o: &Origin,
        exact: bool,
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
        let modules = qr_matrix_cached(payload, Ec::Q).map_err(|error| LayoutError::Qr {
            origin: o.clone(),
            error,
        })?;
        let n = modules.len() as f32;
        if !exact {
            module = module.max(QR_MIN_SIZE / n);
        }
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
        c.items.push(Item::open(Role::Figure {
            alt: crate::payload::describe_code(payload, &self.lang, &self.code_names),
        }));
        c.items.push(Item::Qr {
            x: 0.0,
            y: 0.0,
            module,
            quiet: QR_QUIET,
            modules,
            payload: payload.to_string(),
        });
        c.items.push(Item::close());
        let Some(caption) = text else {
            c.height = total;
            return Ok(c);
        };
        // The payload printed beside the code (below it when the space beside is too narrow).
        let beside = width - total - 2.0;
        let (tx, ty, tw) = if beside >= 40.0 {
            (total + 2.0, QR_QUIET as f32 * module, beside)
        } else {
            (0.0, total, width)
        };
        let mut pieces = Vec::new();
        if let Some(cap) = caption {
            let mut lines = self.text_lines(
                &[Span {
                    text: cap.into(),
                    bold: true,
                }],
                self.label_pt(),
                tw,
                true,
                o,
            )?;
            tag_lines(&mut lines, Role::Paragraph);
            pieces.extend(lines.into_iter().map(Piece::Chunk));
        }
        let mut lines = self.text_lines(
            &[Span {
                text: payload.into(),
                bold: false,
            }],
            self.label_pt(),
            tw,
            false,
            o,
        )?;
        tag_lines(&mut lines, Role::Paragraph);
        pieces.extend(lines.into_iter().map(Piece::Chunk));
        let (text, _) = merge(pieces, o);
        c.height = total.max(ty + text.height);
        c.absorb(text, tx, ty);
        Ok(c)
    }
}
