//! Placing blocks: each [`Block`] becomes [`Piece`]s positioned in the content width.
//!
//! Text blocks give one chunk per line (so paragraphs can split between lines); lists, table
//! rows, rows and keep-together groups are merged into single chunks that never split.

use super::chunk::{merge, Chunk, Piece};
use super::density::Density;
use super::error::LayoutWarning;
use super::symbols::{self, RULE_PT};
use super::text::{Typesetter, MM_PER_PT};
use super::{Block, LayoutError, Marker, Origin, Role, Settings, Span, Weight, Width};
use crate::layout::Item;

/// Space after a form field, mm (field rules: at least 3 mm).
pub(crate) const FIELD_GAP: f32 = 3.0;

/// Placement state shared by all blocks of one document.
pub(crate) struct Ctx<'a> {
    /// Measures and wraps text.
    pub ts: Typesetter<'a>,
    /// Sizes and leading.
    pub settings: &'a Settings,
    /// Usable page height, mm, for the too-tall check.
    pub page_h: f32,
    /// Id of the next table.
    pub next_table: usize,
    /// While a copy's template is placed: the copy's slot contents and what was placed.
    pub template: Option<super::copies::TemplateState>,
    /// Problems found so far: a block that fails is reported and left out, so that one run
    /// finds every problem of a document.
    pub errors: Vec<LayoutError>,
    /// Height the next field label is padded to (set for the first field of each cell of a
    /// [`Block::FieldRow`], so that the boxes of one line start together).
    pub label_pad: std::cell::Cell<Option<f32>>,
    /// The document's language (BCP 47) and the names of its codes, for the alternative
    /// text of QR codes (see [`crate::payload::describe_code`]).
    pub lang: String,
    /// See [`super::Meta::code_names`].
    pub code_names: std::collections::BTreeMap<String, String>,
    /// The key the form elements being placed are read back from scans under
    /// ([`Block::Read`]).
    pub reading: Option<String>,
    /// How tightly handwriting content is set (raised inside a [`Block::Fit`]).
    pub density: Density,
    /// Side labels made so far (their ids).
    pub next_side: usize,
    /// What was laid out but will not read well, reported by `check`.
    pub warnings: Vec<LayoutWarning>,
}

impl<'a> Ctx<'a> {
    /// A context for one document.
    pub fn new(ts: Typesetter<'a>, settings: &'a Settings, page_h: f32) -> Self {
        Ctx {
            ts,
            settings,
            page_h,
            next_table: 0,
            template: None,
            errors: Vec::new(),
            label_pad: std::cell::Cell::new(None),
            lang: String::new(),
            code_names: std::collections::BTreeMap::new(),
            reading: None,
            density: Density::default(),
            next_side: 0,
            warnings: Vec::new(),
        }
    }

    /// A requested size, never below the floor; 0 means body size.
    pub fn size(&self, size_pt: f32) -> f32 {
        let s = if size_pt > 0.0 {
            size_pt
        } else {
            self.settings.body_pt
        };
        s.max(self.settings.min_pt)
    }

    /// Size of field labels, captions and QR payload text, pt.
    pub fn label_pt(&self) -> f32 {
        self.density.label_pt().max(self.settings.min_pt)
    }

    /// Line height at `size_pt`, mm.
    pub fn line_h(&self, size_pt: f32) -> f32 {
        size_pt * self.settings.leading.max(1.25) * MM_PER_PT
    }

    /// Baseline offset from the top of a line box, mm.
    pub fn baseline(&self, size_pt: f32) -> f32 {
        let f = self.ts.face(Weight::Regular);
        let upm = f32::from(f.units_per_em);
        let asc = f32::from(f.ascender) / upm * size_pt * MM_PER_PT;
        let desc = -f32::from(f.descender) / upm * size_pt * MM_PER_PT;
        (self.line_h(size_pt) - asc - desc) / 2.0 + asc
    }

    /// Wraps spans into a list of one-line chunks.
    pub fn text_lines(
        &self,
        spans: &[Span],
        size_pt: f32,
        width: f32,
        hyphenate: bool,
        origin: &Origin,
    ) -> Result<Vec<Chunk>, LayoutError> {
        let lines = self
            .ts
            .wrap(spans, size_pt, width, hyphenate)
            .map_err(|text| LayoutError::TooNarrow {
                origin: origin.clone(),
                text,
                width_mm: width,
            })?;
        let (lh, base) = (self.line_h(size_pt), self.baseline(size_pt));
        Ok(lines
            .into_iter()
            .map(|line| {
                let mut c = Chunk::new(origin);
                c.height = lh;
                for r in line.runs {
                    c.items.push(Item::Text {
                        x: r.dx,
                        y: base,
                        size_pt,
                        weight: r.weight,
                        text: r.text,
                    });
                }
                c
            })
            .collect())
    }

    /// Wrapped text as one chunk.
    pub fn text_block(
        &self,
        spans: &[Span],
        size_pt: f32,
        width: f32,
        origin: &Origin,
    ) -> Result<Chunk, LayoutError> {
        let lines = self.text_lines(spans, size_pt, width, true, origin)?;
        Ok(merge(lines.into_iter().map(Piece::Chunk).collect(), origin).0)
    }

    /// Places `blocks` in `width` mm; `origin` is blamed for blocks without their own. A
    /// block that cannot be placed is recorded in [`Ctx::errors`] and left out.
    pub fn blocks(
        &mut self,
        blocks: &[Block],
        width: f32,
        origin: &Origin,
    ) -> Result<Vec<Piece>, LayoutError> {
        let mut out = Vec::new();
        for b in blocks {
            let mark = out.len();
            if let Err(e) = self.block(b, width, origin, &mut out) {
                out.truncate(mark);
                self.errors.push(e);
            }
        }
        Ok(out)
    }

    fn block(
        &mut self,
        b: &Block,
        width: f32,
        origin: &Origin,
        out: &mut Vec<Piece>,
    ) -> Result<(), LayoutError> {
        match b {
            Block::Heading {
                level,
                text,
                anchor,
            } => {
                let size = self.size(self.settings.body_pt * heading_scale(*level));
                if let Some(a) = anchor {
                    out.push(Piece::Anchor(a.clone()));
                }
                // A small heading follows the space after a field: it needs less of its own.
                let (small_before, small_after) = self.density.small_heading_space();
                let before = if *level >= 4 {
                    small_before
                } else {
                    self.line_h(size) * 0.5
                };
                out.push(Piece::Space(before));
                let spans = [Span {
                    text: text.clone(),
                    bold: true,
                }];
                let o = named(origin, &format!("heading \"{text}\""));
                let mut c = self.text_block(&spans, size, width, &o)?;
                super::page::wrap(Role::Heading(*level), &mut c.items);
                c.keep_with_next = true;
                out.push(Piece::Chunk(c));
                out.push(Piece::Space(if *level >= 4 { small_after } else { 1.5 }));
            }
            Block::Paragraph { spans, size_pt } => {
                let size = self.size(*size_pt);
                let mut lines = self.text_lines(spans, size, width, true, origin)?;
                let n = lines.len();
                // No orphan (first line alone) and no widow (last line alone).
                if n >= 2 {
                    lines[0].keep_with_next = true;
                    lines[n - 2].keep_with_next = true;
                }
                tag_lines(&mut lines, Role::Paragraph);
                out.extend(lines.into_iter().map(Piece::Chunk));
                out.push(Piece::Space(
                    self.line_h(size) * self.density.para_gap_lines(),
                ));
            }
            Block::Literal { text, size_pt } => {
                let size = self.size(*size_pt);
                let spans = [Span {
                    text: text.clone(),
                    bold: false,
                }];
                let lines = self.text_lines(&spans, size, width, false, origin)?;
                let (c, _) = merge(lines.into_iter().map(Piece::Chunk).collect(), origin);
                out.push(Piece::Chunk(c));
                out.push(Piece::Space(
                    self.line_h(size) * self.density.para_gap_lines(),
                ));
            }
            Block::Lines { lines } => {
                let mut pieces = Vec::new();
                for (spans, size_pt) in lines {
                    let size = self.size(*size_pt);
                    let wrapped = self.text_lines(spans, size, width, true, origin)?;
                    pieces.extend(wrapped.into_iter().map(Piece::Chunk));
                }
                let (c, _) = merge(pieces, origin);
                out.push(Piece::Chunk(c));
                out.push(Piece::Space(FIELD_GAP));
            }
            Block::Marked {
                marker,
                spans,
                size_pt,
            } => {
                let size = self.size(*size_pt);
                let sym = size * MM_PER_PT * 1.1;
                let indent = sym + 2.5;
                let mut c = self.text_block(spans, size, width - indent, origin)?;
                for it in &mut c.items {
                    super::chunk::shift(it, indent, 0.0);
                }
                // The symbol repeats what the words say ("KRITISK:", "Ring …"): decoration.
                super::page::wrap(Role::Paragraph, &mut c.items);
                let top = self.baseline(size) - sym * 0.9;
                match marker {
                    Marker::Critical => c.items.extend(symbols::critical(0.0, top, sym)),
                    Marker::Arrow => c.items.extend(symbols::arrow(0.0, top + sym * 0.45, sym)),
                    Marker::Tick => c.items.push(symbols::tick(0.0, top, sym)),
                }
                out.push(Piece::Chunk(c));
                out.push(Piece::Space(
                    self.line_h(size) * self.density.para_gap_lines(),
                ));
            }
            Block::NumberedList {
                start,
                items,
                size_pt,
            } => {
                let size = self.size(*size_pt);
                let last = start + items.len().saturating_sub(1) as u32;
                let indent = self.ts.width(&format!("{last}."), Weight::Bold, size) + 2.5;
                // No lone last item on a page: the last two stay together (a list of three
                // or more; two would be the whole list).
                let widow = items.len().checked_sub(2).filter(|_| items.len() >= 3);
                for (i, item) in items.iter().enumerate() {
                    let n = start + i as u32;
                    let o = named(origin, &format!("list item {n}"));
                    let pieces = self.blocks(item, width - indent, &o)?;
                    let (inner, lifted) = merge(pieces, &o);
                    out.extend(lifted);
                    let mut c = Chunk::new(&o);
                    if i == 0 {
                        c.items.push(Item::open(Role::List));
                    }
                    c.items.extend([
                        Item::open(Role::ListItem),
                        Item::open(Role::ListLabel),
                        Item::Text {
                            x: 0.0,
                            y: self.baseline(size),
                            size_pt: size,
                            weight: Weight::Bold,
                            text: format!("{n}."),
                        },
                        Item::close(),
                        Item::open(Role::ListBody),
                    ]);
                    c.absorb(inner, indent, 0.0);
                    c.items.extend([Item::close(), Item::close()]);
                    if i + 1 == items.len() {
                        c.items.push(Item::close());
                    }
                    c.height = c.height.max(self.line_h(size));
                    c.keep_with_next = widow == Some(i);
                    out.push(Piece::Chunk(c));
                    out.push(Piece::Space(1.5));
                }
                out.push(Piece::Space(
                    self.line_h(size) * self.density.para_gap_lines(),
                ));
            }
            Block::Table(t) => self.table(t, width, origin, out)?,
            Block::Row { cells, gap_mm } => self.row(cells, *gap_mm, false, width, origin, out)?,
            Block::FieldRow { cells, gap_mm } => {
                self.row(cells, *gap_mm, true, width, origin, out)?
            }
            Block::Columns {
                count,
                gap_mm,
                blocks,
                space_mm,
            } => self.columns(*count, (*gap_mm, *space_mm), blocks, width, origin, out)?,
            Block::FormFooter(f) => out.push(Piece::Footer(f.clone())),
            Block::KeepTogether { origin: o, blocks } => {
                let pieces = self.blocks(blocks, width, o)?;
                let (c, lifted) = merge(pieces, o);
                out.extend(lifted);
                self.check_height(&c)?;
                out.push(Piece::Chunk(c));
                out.push(Piece::Space(FIELD_GAP));
            }
            Block::Part { origin: o, blocks } => out.extend(self.blocks(blocks, width, o)?),
            Block::Read { key, blocks } => {
                let outer = self.reading.replace(key.clone());
                let placed = self.blocks(blocks, width, origin);
                self.reading = outer;
                out.extend(placed?);
            }
            Block::SideLabel { label, blocks } => {
                self.side_label(label.as_deref(), blocks, width, origin, out)?
            }
            Block::PageBreak => out.push(Piece::Break),
            Block::Anchor(id) => out.push(Piece::Anchor(id.clone())),
            Block::Spacer(mm) => out.push(Piece::Space(*mm)),
            Block::Rule => {
                let mut c = Chunk::new(origin);
                c.height = 3.0;
                c.items.push(Item::Line {
                    x1: 0.0,
                    y1: 1.5,
                    x2: width,
                    y2: 1.5,
                    width_pt: RULE_PT,
                });
                out.push(Piece::Chunk(c));
            }
            Block::Drawing {
                width_mm,
                height_mm,
                items,
            } => {
                let o = named(origin, "drawing");
                if *width_mm > width + 0.01 {
                    return Err(LayoutError::TooWide {
                        origin: o,
                        what: "drawing".into(),
                        needed_mm: *width_mm,
                        available_mm: width,
                    });
                }
                let mut c = Chunk::new(&o);
                c.height = *height_mm;
                c.items.clone_from(items);
                self.check_height(&c)?;
                out.push(Piece::Chunk(c));
                out.push(Piece::Space(FIELD_GAP));
            }
            Block::Image {
                picture,
                alt,
                width_mm,
            } => {
                let w = width_mm.min(width);
                let mut c = Chunk::new(&named(origin, &format!("picture `{}`", picture.name)));
                c.height = w * picture.aspect();
                c.items.push(Item::open(Role::Figure { alt: alt.clone() }));
                c.items.push(Item::Image {
                    x: 0.0,
                    y: 0.0,
                    w,
                    h: c.height,
                    picture: picture.clone(),
                });
                c.items.push(Item::close());
                self.check_height(&c)?;
                out.push(Piece::Chunk(c));
                out.push(Piece::Space(FIELD_GAP));
            }
            Block::RunningHeader { text, continued } => out.push(Piece::Header {
                text: text.clone(),
                continued: continued.clone(),
            }),
            Block::Cue(None) => out.push(Piece::Cue(None)),
            Block::Cue(Some(text)) => {
                let c = self.cue(text, width, origin)?;
                out.push(Piece::Cue(Some(Box::new(c))));
            }
            Block::Marking(m) => out.push(Piece::Marking(m.clone())),
            Block::Copies { .. } | Block::Orientation(_) | Block::Fit { .. } => {
                return Err(LayoutError::Copies {
                    origin: origin.clone(),
                    problem: "copies, fitted content and page orientation are only allowed at \
                              the top level of a document"
                        .into(),
                })
            }
            Block::Slot(id) => self.slot(*id, width, origin, out)?,
            other => self.form(other, width, origin, out)?,
        }
        Ok(())
    }

    /// Cells side by side; with `align`, the first label of every cell is padded to the
    /// tallest first label of the line.
    fn row(
        &mut self,
        cells: &[(Width, Vec<Block>)],
        gap_mm: f32,
        align: bool,
        width: f32,
        origin: &Origin,
        out: &mut Vec<Piece>,
    ) -> Result<(), LayoutError> {
        let widths = row_widths(cells, gap_mm, width);
        let mut pad = None;
        if align {
            // The boxes of a line start together below labels of up to two lines; a longer
            // label (a narrow field's) keeps its own height instead of pushing every box of
            // the line down, and is reported.
            let lh = self.line_h(self.label_pt());
            let cap = super::forms::INSET.1 + 2.0 * lh + 0.5 + 0.01;
            let mut areas = Vec::new();
            for ((_, blocks), cw) in cells.iter().zip(&widths) {
                if let Some(b) = blocks.first() {
                    if let Some(h) = self.label_area(b, *cw, origin)? {
                        pad = Some(pad.unwrap_or(0.0_f32).max(h.min(cap)));
                        areas.push((b, *cw, h));
                    }
                }
            }
            if let Some(p) = pad {
                for (b, cw, h) in areas.into_iter().filter(|(_, _, h)| *h > cap) {
                    let (field, at) = super::forms::unwrap_part(b, origin);
                    let label = super::forms::label_of(field).unwrap_or_default();
                    let lines = ((h - super::forms::INSET.1 - 0.5) / lh).round();
                    self.warnings.push(LayoutWarning {
                        code: "label-wraps",
                        origin: at.clone(),
                        message: format!(
                            "the label \"{label}\" wraps onto {lines:.0} lines in its {cw:.0} mm \
                             wide field, so its box starts {:.0} mm below the others on its line",
                            h - p
                        ),
                        hint: "widen the field (`width = 6` is half the line) or shorten the \
                               label and put the explanation in `help`"
                            .into(),
                    });
                }
            }
        }
        let mut c = Chunk::new(origin);
        let mut x = 0.0;
        for (i, ((_, blocks), cw)) in cells.iter().zip(&widths).enumerate() {
            if x + cw > width + 0.01 {
                return Err(LayoutError::TooWide {
                    origin: origin.clone(),
                    what: format!("row cell {}", i + 1),
                    needed_mm: x + cw,
                    available_mm: width,
                });
            }
            let labelled = blocks.first().is_some_and(|b| {
                super::forms::label_of(super::forms::unwrap_part(b, origin).0).is_some()
            });
            self.label_pad.set(if labelled { pad } else { None });
            let placed = self.blocks(blocks, *cw, origin);
            self.label_pad.set(None);
            let (inner, lifted) = merge(placed?, origin);
            out.extend(lifted);
            c.absorb(inner, x, 0.0);
            x += cw + gap_mm;
        }
        out.push(Piece::Chunk(c));
        out.push(Piece::Space(FIELD_GAP));
        Ok(())
    }

    /// The "continues on the next page" cue: bold text at the right with an arrow after it,
    /// a little space above.
    fn cue(&self, text: &str, width: f32, origin: &Origin) -> Result<Chunk, LayoutError> {
        let size = self.size(11.0);
        let spans = [Span {
            text: text.to_string(),
            bold: true,
        }];
        let sym = size * MM_PER_PT * 1.1;
        let tw = self.ts.width(text, Weight::Bold, size);
        let mut c = self.text_block(&spans, size, width - sym - 2.0, origin)?;
        let dx = (width - sym - 2.0 - tw).max(0.0);
        for it in &mut c.items {
            super::chunk::shift(it, dx, 2.0);
        }
        let top = 2.0 + self.baseline(size) - sym * 0.9;
        c.items
            .extend(symbols::arrow(width - sym, top + sym * 0.45, sym));
        c.height += 2.0;
        Ok(c)
    }

    /// Errors when a chunk cannot fit one page.
    pub fn check_height(&self, c: &Chunk) -> Result<(), LayoutError> {
        if c.height > self.page_h + 0.001 {
            // Rows are counted at the height they had at this density.
            let mut origin = c.origin.clone();
            if let Some((n, mm)) = origin.rows {
                origin.rows = Some((n, self.density.row(mm)));
            }
            return Err(LayoutError::TooTall {
                origin,
                height_mm: c.height,
                available_mm: self.page_h,
            });
        }
        Ok(())
    }
}

/// The widths of a row's cells on a line `width` mm wide: grid and fixed widths as they
/// are, [`Width::Rest`] cells sharing what those and the gaps leave.
fn row_widths(cells: &[(Width, Vec<Block>)], gap_mm: f32, width: f32) -> Vec<f32> {
    let rest = cells.iter().filter(|(w, _)| *w == Width::Rest).count();
    let taken: f32 = cells
        .iter()
        .filter(|(w, _)| *w != Width::Rest)
        .map(|(w, _)| w.mm(width, gap_mm))
        .sum::<f32>()
        + gap_mm * cells.len().saturating_sub(1) as f32;
    let share = if rest > 0 {
        ((width - taken) / rest as f32).max(0.0)
    } else {
        0.0
    };
    cells
        .iter()
        .map(|(w, _)| match w {
            Width::Rest => share,
            w => w.mm(width, gap_mm),
        })
        .collect()
}

/// Heading size relative to body text.
fn heading_scale(level: u8) -> f32 {
    match level {
        0 | 1 => 1.5,
        2 => 1.25,
        3 => 1.1,
        _ => 0.92,
    }
}

/// Wraps one-line chunks of one block in `role`: opened in the first line, closed in the last,
/// so that a paragraph split across pages stays one paragraph.
pub(crate) fn tag_lines(lines: &mut [Chunk], role: Role) {
    if let Some(first) = lines.first_mut() {
        first.items.insert(0, Item::open(role));
    }
    if let Some(last) = lines.last_mut() {
        last.items.push(Item::close());
    }
}

/// An origin for a part of `parent`, keeping its location.
pub(crate) fn named(parent: &Origin, part: &str) -> Origin {
    let what = if parent.what.is_empty() {
        part.to_string()
    } else {
        format!("{}, {part}", parent.what)
    };
    Origin {
        what,
        location: parent.location.clone(),
        rows: parent.rows,
    }
}
