//! Form elements for handwriting, sized per the field rules, and QR codes.
//!
//! Labels sit at the upper left just above their box; character boxes are 4 mm wide with
//! 1 mm between them; every outline 0.5 pt black; at least 3 mm between fields. Heights of
//! boxes, checkboxes and write-in lines follow the density (`layout::density`): at the
//! comfortable default, boxes 5.5 mm high, checkboxes 4.5 mm with a 3.2 mm gap to the label,
//! write-in lines 8.5 mm apart.

use super::chunk::{Chunk, Piece};
use super::place::{named, Ctx, FIELD_GAP};
use super::symbols::{self, RULE_PT};
use super::{
    as_artifact, Artifact, Block, Choice, FieldKind, Item, LayoutError, MarkKind, Origin, Role,
    Span, Weight,
};

/// Character box width, mm.
pub const CHAR_BOX_W: f32 = 4.0;
/// Gap between character boxes, mm.
pub const CHAR_BOX_GAP: f32 = 1.0;
/// Size of the text beside a checkbox, pt.
pub const OPTION_PT: f32 = 11.0;
/// Preferred length of the line to write on after an option's label ("Annat: ____"), mm.
const WRITE_IN: f32 = 45.0;
/// Least length of that line, mm: shorter, the option goes to the next row.
const WRITE_IN_LEAST: f32 = 20.0;
/// Shortest line after a label on its row, mm: shorter, the line goes under the label.
const WRITE_IN_SHORT: f32 = 12.0;
/// Room to write on a line under a label, mm (a character box's height).
const WRITE_IN_ROW: f32 = 5.5;
/// Space between an option's label and its line, mm.
const WRITE_IN_GAP: f32 = 1.5;
/// Default QR module, mm.
pub const QR_MODULE: f32 = 0.8;
/// Smallest QR module, mm.
pub const QR_MODULE_MIN: f32 = 0.5;
/// Smallest QR symbol (without quiet zone), mm.
pub const QR_MIN_SIZE: f32 = 20.0;
/// Quiet zone, modules.
pub const QR_QUIET: u32 = 4;

/// Inset of a label inside its box, mm: from the left and from the top.
pub const INSET: (f32, f32) = (1.2, 0.6);

/// The block inside [`Block::Part`]s (a field wrapped with its origin), and the origin to
/// blame for it.
pub(crate) fn unwrap_part<'b>(mut b: &'b Block, mut origin: &'b Origin) -> (&'b Block, &'b Origin) {
    loop {
        match b {
            Block::Part { origin: o, blocks } if !blocks.is_empty() => {
                b = &blocks[0];
                origin = o;
            }
            Block::Read { blocks, .. } if !blocks.is_empty() => b = &blocks[0],
            _ => break,
        }
    }
    (b, origin)
}

/// The label a form element prints above its box (`""` for a checkbox without one), or
/// `None` for blocks that are not labelled fields.
pub(crate) fn label_of(b: &Block) -> Option<&str> {
    match b {
        Block::LabelledBox { label, .. }
        | Block::TextField { label, .. }
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
                c.items.extend(mark(
                    self.reading.as_ref(),
                    MarkKind::Write,
                    0,
                    [0.0, y, width, *height_mm],
                ));
                c.height = y + height_mm;
                c
            }
            Block::TextField {
                label,
                write_mm,
                value,
            } => self.text_field(label, *write_mm, value.as_deref(), width, &o)?,
            Block::CharBoxes {
                label,
                groups,
                separators,
                prefill,
            } => self.char_boxes(label, groups, separators, prefill.as_deref(), width, &o)?,
            Block::Checkboxes {
                label,
                options,
                checked,
            } => self.checkboxes(label.as_deref(), options, checked, width, &o)?,
            Block::WriteLines { label, lines } => {
                let mut c = self.label(label, width, &o)?;
                let top = c.height;
                let pitch = self.density.write_line();
                for i in 1..=*lines {
                    let y = top + pitch * i as f32;
                    c.items.push(Item::Line {
                        x1: 0.0,
                        y1: y,
                        x2: width,
                        y2: y,
                        width_pt: RULE_PT,
                    });
                    // The room above the line, down to it: handwriting sits on the line.
                    let area = [0.0, y - pitch * 0.8, width, pitch * 0.8];
                    c.items
                        .extend(mark(self.reading.as_ref(), MarkKind::Write, i - 1, area));
                }
                c.height = top + pitch * *lines as f32 + 1.0;
                c
            }
            Block::Signature { labels } => self.signature(labels, width, &o)?,
            Block::Serial { label, serial } => self.serial(label, serial, width, &o)?,
            Block::Qr {
                payload,
                module_mm,
                caption,
            } => self.qr(
                payload,
                *module_mm,
                Some(caption.as_deref()),
                width,
                &o,
                false,
            )?,
            Block::QrBare {
                payload,
                module_mm,
                bleed,
            } => self.qr_bare(payload, *module_mm, *bleed, width, &o)?,
            Block::QrExact {
                payload,
                module_mm,
                caption,
            } => self.qr(
                payload,
                *module_mm,
                Some(caption.as_deref()),
                width,
                &o,
                true,
            )?,
            _ => return Ok(()),
        };
        // A field is read as one: its label, its boxes and anything printed in them.
        if let Some(label) = field_label(b) {
            super::page::wrap(
                Role::Field {
                    label: label.to_string(),
                    kind: FieldKind::Text,
                },
                &mut c.items,
            );
        }
        c.origin = o;
        self.check_height(&c)?;
        out.push(Piece::Chunk(c));
        out.push(Piece::Space(FIELD_GAP));
        Ok(())
    }

    /// Character boxes in groups; `separators[i]` is printed between group `i` and the next
    /// (the last one repeats; a space is a wider gap where the boxes may wrap onto a second
    /// row when the line is too narrow for all of them).
    /// The height a field's label takes before what is written: the label above its box, or
    /// for a [`Block::TextField`] the inset and label inside it.
    pub(crate) fn label_area(
        &self,
        b: &Block,
        width: f32,
        origin: &Origin,
    ) -> Result<Option<f32>, LayoutError> {
        let (b, origin) = unwrap_part(b, origin);
        Ok(match b {
            Block::TextField { label, .. } => {
                Some(INSET.1 + self.label(label, width - 2.0 * INSET.0, origin)?.height)
            }
            other => match label_of(other) {
                Some(text) => Some(self.label(text, width, origin)?.height),
                None => None,
            },
        })
    }

    /// A box to write in with its label inside at the upper left; padded like a label above.
    fn text_field(
        &self,
        label: &str,
        write_mm: f32,
        value: Option<&str>,
        width: f32,
        o: &Origin,
    ) -> Result<Chunk, LayoutError> {
        let pad = self.label_pad.take();
        let mut l = self.label(label, width - 2.0 * INSET.0, o)?;
        let area = (INSET.1 + l.height).max(pad.unwrap_or(0.0));
        l.height = 0.0;
        let mut c = Chunk::new(o);
        c.absorb(l, INSET.0, INSET.1);
        let mut h = area + self.density.write_room(write_mm);
        if let Some(v) = value {
            let spans = [Span {
                text: v.to_string(),
                bold: false,
            }];
            let size = self.settings.body_pt.min(11.0).max(self.settings.min_pt);
            let text = self.text_block(&spans, size, width - 2.0 * INSET.0, o)?;
            h = h.max(area + text.height + 0.5);
            c.absorb(text, INSET.0, area);
        }
        c.items.push(Item::Rect {
            x: 0.0,
            y: 0.0,
            w: width,
            h,
            stroke_pt: Some(RULE_PT),
            fill: false,
        });
        if value.is_none() {
            // The room under the label inside the box.
            let area = [0.0, area, width, h - area];
            c.items
                .extend(mark(self.reading.as_ref(), MarkKind::Write, 0, area));
        }
        c.height = h;
        Ok(c)
    }

    fn char_boxes(
        &self,
        label: &str,
        groups: &[u32],
        separators: &str,
        prefill: Option<&str>,
        width: f32,
        o: &Origin,
    ) -> Result<Chunk, LayoutError> {
        let mut c = self.label(label, width, o)?;
        let box_h = self.density.char_box_h();
        let size = self.settings.body_pt.max(self.settings.min_pt);
        let seps: Vec<char> = separators.chars().collect();
        let sep_of = |g: usize| seps.get(g).or(seps.last()).copied();
        let sep_w = |s: Option<char>| match s {
            None => CHAR_BOX_GAP * 2.0,
            Some(' ') => CHAR_BOX_GAP * 4.0,
            Some(s) => self.ts.width(&s.to_string(), Weight::Regular, size) + 2.0,
        };
        // Runs of groups between wrap points (space separators), each with its width.
        let mut runs: Vec<(std::ops::Range<usize>, f32)> = Vec::new();
        let mut start = 0;
        let mut w = 0.0;
        for (g, n) in groups.iter().enumerate() {
            if g > start {
                w += sep_w(sep_of(g - 1)) - CHAR_BOX_GAP;
            }
            w += *n as f32 * (CHAR_BOX_W + CHAR_BOX_GAP);
            if sep_of(g) == Some(' ') || g + 1 == groups.len() {
                runs.push((start..g + 1, w - CHAR_BOX_GAP));
                start = g + 1;
                w = 0.0;
            }
        }
        let widest = runs.iter().map(|(_, w)| *w).fold(0.0, f32::max);
        let all: f32 = runs.iter().map(|(_, w)| *w).sum::<f32>()
            + (runs.len().saturating_sub(1)) as f32 * sep_w(Some(' '));
        if widest > width + 0.01 {
            return Err(LayoutError::TooWide {
                origin: o.clone(),
                what: "character boxes".into(),
                needed_mm: widest,
                available_mm: width,
            });
        }
        let wrap = all > width + 0.01;
        let mut fill = prefill
            .unwrap_or("")
            .chars()
            .filter(|ch| !seps.contains(ch) && *ch != ' ');
        let mut top = c.height;
        let mut x = 0.0;
        let mut index = 0;
        for (r, (range, _)) in runs.iter().enumerate() {
            if r > 0 {
                if wrap {
                    x = 0.0;
                    top += box_h + 1.5;
                } else {
                    x += sep_w(Some(' ')) - CHAR_BOX_GAP;
                }
            }
            let base = top + box_h - (box_h - self.ts.cap_height(size)) / 2.0;
            for g in range.clone() {
                if g > range.start {
                    let sep = sep_of(g - 1);
                    if let Some(s) = sep.filter(|s| *s != ' ') {
                        let t = s.to_string();
                        let tw = self.ts.width(&t, Weight::Regular, size);
                        // The label says the format; a reader skips the separators.
                        c.items.extend(as_artifact(
                            Artifact::Layout,
                            [Item::Text {
                                x: x + (sep_w(sep) - tw) / 2.0 - CHAR_BOX_GAP / 2.0,
                                y: base,
                                size_pt: size,
                                weight: Weight::Regular,
                                text: t,
                            }],
                        ));
                    }
                    x += sep_w(sep) - CHAR_BOX_GAP;
                }
                for _ in 0..groups[g] {
                    c.items.push(Item::Rect {
                        x,
                        y: top,
                        w: CHAR_BOX_W,
                        h: box_h,
                        stroke_pt: Some(RULE_PT),
                        fill: false,
                    });
                    let ch = fill.next();
                    if ch.is_none() {
                        let area = [x, top, CHAR_BOX_W, box_h];
                        c.items
                            .extend(mark(self.reading.as_ref(), MarkKind::Char, index, area));
                    }
                    index += 1;
                    if let Some(ch) = ch {
                        let t = ch.to_string();
                        let tw = self.ts.width(&t, Weight::Regular, size);
                        c.items.push(Item::Text {
                            x: x + (CHAR_BOX_W - tw) / 2.0,
                            y: base,
                            size_pt: size,
                            weight: Weight::Regular,
                            text: t,
                        });
                    }
                    x += CHAR_BOX_W + CHAR_BOX_GAP;
                }
            }
        }
        c.height = top + box_h;
        Ok(c)
    }

    fn checkboxes(
        &self,
        label: Option<&str>,
        options: &[Choice],
        checked: &[bool],
        width: f32,
        o: &Origin,
    ) -> Result<Chunk, LayoutError> {
        let mut c = self.label(label.unwrap_or(""), width, o)?;
        if !c.items.is_empty() {
            super::page::wrap(Role::Paragraph, &mut c.items);
        }
        let mut flow = Flow {
            x: 0.0,
            y: c.height,
            row_h: 0.0,
            indent: 0.0,
            bottom: c.height,
            group: label.unwrap_or("").to_string(),
        };
        let mut index = 0;
        for (i, opt) in options.iter().enumerate() {
            let tick = checked.get(i).copied().unwrap_or(false);
            // An option with options of its own starts a row, so that they go under it.
            if !opt.sub.is_empty() && flow.x > flow.indent {
                flow.new_row(self, flow.indent);
            }
            self.option(&mut c, &mut flow, (opt, index), tick, width, o)?;
            index += 1;
            if !opt.sub.is_empty() {
                // Its options on the next line, under its label; the next option after them.
                let indent = self.density.checkbox() + self.density.checkbox_gap();
                flow.new_row(self, 0.0);
                flow.indent = indent;
                flow.x = indent;
                for sub in &opt.sub {
                    self.option(&mut c, &mut flow, (sub, index), false, width, o)?;
                    index += 1;
                }
                flow.new_row(self, 0.0);
            }
        }
        c.height = flow.bottom.max(flow.y + flow.row_h);
        Ok(c)
    }

    /// One option at the flow's place: its box, its label, and a line to write on after it;
    /// `index` is the option's place in its field (options under options counted in order).
    fn option(
        &self,
        c: &mut Chunk,
        flow: &mut Flow,
        (opt, index): (&Choice, u32),
        tick: bool,
        width: f32,
        o: &Origin,
    ) -> Result<(), LayoutError> {
        let size = OPTION_PT.max(self.settings.min_pt);
        let (cb, cb_gap) = (self.density.checkbox(), self.density.checkbox_gap());
        let lh = self.line_h(size).max(cb + 1.0);
        let text_dy = (lh - self.line_h(size)) / 2.0;
        let room = width - flow.indent;
        let text_w = room - cb - cb_gap;
        let spans = [Span {
            text: opt.text.clone(),
            bold: false,
        }];
        let text = self.text_block(&spans, size, text_w.max(1.0), o)?;
        let label_w = text
            .items
            .iter()
            .map(|it| item_right(it, &self.ts))
            .fold(0.0, f32::max);
        let mut w = cb + cb_gap + label_w;
        if opt.write_in {
            w += WRITE_IN_GAP + WRITE_IN_LEAST;
        }
        if flow.x > flow.indent && flow.x + w > width {
            flow.new_row(self, flow.indent);
        }
        let (x, y) = (flow.x, flow.y);
        let box_y = y + (lh - cb) / 2.0;
        // Each option is a field of its own, read with its group's label.
        c.items.push(Item::open(Role::Field {
            label: if flow.group.is_empty() {
                opt.text.clone()
            } else {
                format!("{}: {}", flow.group, opt.text)
            },
            kind: FieldKind::Checkbox { checked: tick },
        }));
        c.items.push(symbols::checkbox(x, box_y, cb));
        if tick {
            c.items.push(symbols::tick(x, box_y, cb));
        } else {
            c.items.extend(mark(
                self.reading.as_ref(),
                MarkKind::Tick,
                index,
                [x, box_y, cb, cb],
            ));
        }
        let text_h = text.height;
        let last_line = text
            .items
            .iter()
            .filter_map(|it| match it {
                Item::Text { y, .. } => Some(*y),
                _ => None,
            })
            .fold(self.baseline(size), f32::max);
        c.absorb(text, x + cb + cb_gap, y + text_dy);
        flow.row_h = flow.row_h.max(text_h + text_dy).max(lh);
        let mut end = x + cb + cb_gap + label_w;
        if opt.write_in {
            // The line to write on after the label, as long as it may be up to the end of
            // the line; where too little is left, under the label, as wide as the line.
            let mut start = end + if label_w > 0.0 { WRITE_IN_GAP } else { 0.0 };
            let mut ly = y + text_dy + last_line + 0.8;
            if width - start < WRITE_IN_SHORT {
                start = x + cb + cb_gap;
                ly += self.line_h(size).max(WRITE_IN_ROW);
                flow.row_h = flow.row_h.max(ly - y + 0.5);
            }
            let len = (width - start).min(WRITE_IN);
            c.items.push(Item::Line {
                x1: start,
                y1: ly,
                x2: start + len,
                y2: ly,
                width_pt: RULE_PT,
            });
            end = start + len;
        }
        c.items.push(Item::close());
        flow.x = end + 6.0;
        Ok(())
    }
}

/// Where the next option of a list of checkboxes goes.
struct Flow {
    /// Left edge of the next option, mm.
    x: f32,
    /// Top of the current row, mm.
    y: f32,
    /// Height of the current row so far, mm.
    row_h: f32,
    /// Where a row starts, mm (options under an option are indented).
    indent: f32,
    /// Bottom of the rows set so far, mm.
    bottom: f32,
    /// The label of the group of options (empty without one): each option is read with it.
    group: String,
}

impl Flow {
    /// Starts a new row at `indent`, the field gap between its boxes and the last row's.
    fn new_row(&mut self, cx: &Ctx, indent: f32) {
        if self.row_h == 0.0 {
            self.x = indent;
            return;
        }
        let size = OPTION_PT.max(cx.settings.min_pt);
        let (cb, lh) = (
            cx.density.checkbox(),
            cx.line_h(size).max(cx.density.checkbox() + 1.0),
        );
        // Rows of options wrap with the field gap between their boxes (field rules: 3 mm).
        let row_gap = (FIELD_GAP - (lh - cb)).max(0.0);
        self.bottom = self.y + self.row_h;
        self.y += self.row_h + row_gap;
        self.row_h = 0.0;
        self.x = indent;
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

/// The label of a block that is one text field as a whole (checkboxes, signatures, serials and
/// codes are tagged part by part).
fn field_label(b: &Block) -> Option<&str> {
    match b {
        Block::LabelledBox { label, .. }
        | Block::TextField { label, .. }
        | Block::CharBoxes { label, .. }
        | Block::WriteLines { label, .. } => Some(label),
        _ => None,
    }
}

/// The [`Item::Mark`] of a box or area `[x, y, w, h]` of the field read under `key`, when it
/// is read at all ([`Block::Read`]; a pre-printed value is not).
fn mark(key: Option<&String>, kind: MarkKind, index: u32, [x, y, w, h]: [f32; 4]) -> Option<Item> {
    key.map(|key| Item::Mark {
        x,
        y,
        w,
        h,
        kind,
        key: key.clone(),
        index,
    })
}

fn kind(b: &Block) -> &'static str {
    match b {
        Block::LabelledBox { .. } | Block::TextField { .. } => "box",
        Block::CharBoxes { .. } => "character boxes",
        Block::Checkboxes { .. } => "checkboxes",
        Block::WriteLines { .. } => "write-in lines",
        Block::Signature { .. } => "signature",
        Block::Serial { .. } => "serial number",
        Block::Qr { .. } | Block::QrBare { .. } | Block::QrExact { .. } => "QR code",
        _ => "block",
    }
}
