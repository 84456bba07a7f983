//! Tables: column widths from fixed sizes and weights, rows that never split, a heading row
//! repeated (under a "continued" line) on every page the table continues on, and no row left
//! alone on a page.

use std::sync::Arc;

use super::blocks::ColumnWidth;
use super::chunk::{merge, Chunk, Piece, TableRef};
use super::place::{named, Ctx, FIELD_GAP};
use super::symbols::RULE_PT;
use super::text::MM_PER_PT;
use super::{
    as_artifact, Artifact, Block, Column, Item, LayoutError, Origin, Role, Span, Table, Weight,
};

/// Inner padding of the cells of a plain list, mm.
const PLAIN_PAD: f32 = 0.7;

/// Least width of a column that shares the line, mm: room for two or three handwritten
/// initials (a signing list's day columns).
pub const MIN_COLUMN: f32 = 6.0;

/// Column widths in mm on a line `width` mm wide: fixed columns and shares get their size,
/// the others share the rest by weight, none narrower than it needs. `least[i]` is what
/// column `i` needs at least (its widest heading word at the smallest size, never under
/// [`MIN_COLUMN`]); `fit[i]` the widest paragraph of a [`ColumnWidth::Fit`] column on one
/// line. An error when they cannot all fit.
pub(crate) fn column_widths(
    columns: &[Column],
    least: &[f32],
    fit: &[f32],
    width: f32,
    origin: &Origin,
) -> Result<Vec<f32>, LayoutError> {
    // Columns of one series (a month's day columns) need what the widest of them needs, so
    // that they come out equal.
    let least_of = |i: usize| {
        let own = least.get(i).copied().unwrap_or(MIN_COLUMN);
        match columns[i].series {
            Some(id) => (0..columns.len())
                .filter(|j| columns[*j].series == Some(id))
                .map(|j| least.get(j).copied().unwrap_or(MIN_COLUMN))
                .fold(own, f32::max),
            None => own,
        }
    };
    let fixed_at = |i: usize| match columns[i].width {
        ColumnWidth::Mm(mm) => Some(mm.max(least_of(i))),
        ColumnWidth::Share(s) => Some((s * width).max(least_of(i))),
        ColumnWidth::Fit => Some(
            fit.get(i)
                .copied()
                .unwrap_or(0.0)
                .min(width / 2.0)
                .max(least_of(i)),
        ),
        ColumnWidth::Weight(_) => None,
    };
    let mut widths: Vec<Option<f32>> = (0..columns.len()).map(fixed_at).collect();
    let needed: f32 = (0..columns.len())
        .map(|i| widths[i].unwrap_or_else(|| least_of(i)))
        .sum();
    if needed > width + 0.01 {
        // The widest columns, each with what it needs: where to take the room from.
        let mut by_need: Vec<(String, f32)> = (0..columns.len())
            .map(|i| {
                let w = widths[i].unwrap_or_else(|| least_of(i));
                let name = if columns[i].header.trim().is_empty() {
                    format!("column {}", i + 1)
                } else {
                    format!("\"{}\"", columns[i].header)
                };
                (name, w)
            })
            .collect();
        by_need.sort_by(|a, b| b.1.total_cmp(&a.1));
        by_need.truncate(3);
        return Err(LayoutError::TableTooWide {
            origin: origin.clone(),
            columns: columns.len(),
            needed_mm: needed,
            available_mm: width,
            widest: by_need,
        });
    }
    // Share what is left by weight; a column that would get less than it needs gets that,
    // and the others share the rest again.
    loop {
        let rest = width - widths.iter().flatten().sum::<f32>();
        let open: Vec<usize> = (0..columns.len())
            .filter(|i| widths[*i].is_none())
            .collect();
        let weight = |i: usize| match columns[i].width {
            ColumnWidth::Weight(w) => w.max(0.0),
            _ => 0.0,
        };
        let total: f32 = open
            .iter()
            .map(|i| weight(*i))
            .sum::<f32>()
            .max(f32::EPSILON);
        let short: Vec<usize> = open
            .iter()
            .copied()
            .filter(|i| rest * weight(*i) / total < least_of(*i))
            .collect();
        if short.is_empty() {
            for i in open {
                widths[i] = Some(rest * weight(i) / total);
            }
            break;
        }
        for i in short {
            widths[i] = Some(least_of(i));
        }
    }
    Ok(widths.into_iter().map(|w| w.unwrap_or(0.0)).collect())
}

/// Widest word of `text` in bold at `size`, mm.
fn widest_word(ctx: &Ctx, text: &str, size: f32) -> f32 {
    text.split_whitespace()
        .map(|w| ctx.ts.width(w, Weight::Bold, size))
        .fold(0.0, f32::max)
}

impl Ctx<'_> {
    /// Padding a cell adds to its content's width, mm.
    fn padded(&self) -> f32 {
        2.0 * self.density.cell_pad() + 0.2
    }

    /// For every column: the least width it needs (its widest heading word at the smallest
    /// size, so that a heading never breaks inside a word), and for a [`ColumnWidth::Fit`]
    /// column its widest paragraph set on one line.
    fn needs(&self, t: &Table) -> (Vec<f32>, Vec<f32>) {
        let floor = self.settings.min_pt;
        let least = t
            .columns
            .iter()
            .map(|c| (widest_word(self, &c.header, floor) + self.padded()).max(MIN_COLUMN))
            .collect();
        let fit = t
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if c.width != ColumnWidth::Fit {
                    return 0.0;
                }
                // The whole text of a cell on one line.
                let widest = self.widest_cell(t, i, |spans, size| {
                    spans
                        .iter()
                        .map(|s| self.ts.width(&s.text, weight(s), size))
                        .sum()
                });
                let size = self.size(t.size_pt);
                (widest + self.padded()).max(widest_word(self, &c.header, size) + self.padded())
            })
            .collect();
        (least, fit)
    }

    /// `least`, raised for every [`Column::whole_words`] column to its widest piece between
    /// plain spaces (no-break spaces join) in any cell, at the cell's size.
    fn whole_words(&self, t: &Table, least: &[f32]) -> Vec<f32> {
        let mut out = least.to_vec();
        for (i, c) in t.columns.iter().enumerate() {
            if !c.whole_words {
                continue;
            }
            // The longest piece between plain spaces or line breaks.
            let widest = self.widest_cell(t, i, |spans, size| {
                spans
                    .iter()
                    .flat_map(|s| s.text.split([' ', '\n']).map(move |p| (p, weight(s))))
                    .map(|(p, w)| self.ts.width(p, w, size))
                    .fold(0.0, f32::max)
            });
            out[i] = out[i].max(widest + self.padded());
        }
        out
    }

    /// The widest cell of column `i`: `measure(spans, size)` of each text block, plus the
    /// marker's indent of a marked paragraph (its text sits behind the marker).
    fn widest_cell(&self, t: &Table, i: usize, measure: impl Fn(&[Span], f32) -> f32) -> f32 {
        t.rows
            .iter()
            .filter_map(|r| r.get(i))
            .flatten()
            .map(|b| {
                let (spans, size_pt, indent) = match b {
                    Block::Paragraph { spans, size_pt } => (spans, size_pt, 0.0),
                    Block::Marked { spans, size_pt, .. } => {
                        let size = self.size(*size_pt);
                        (spans, size_pt, size * MM_PER_PT * 1.1 + 2.5)
                    }
                    _ => return 0.0,
                };
                measure(spans, self.size(*size_pt)) + indent
            })
            .fold(0.0, f32::max)
    }

    /// The largest size from the table's down to the floor at which every word of a heading
    /// fits its column.
    fn heading_size(&self, header: &str, column_w: f32, size: f32) -> f32 {
        let mut s = size;
        while s > self.settings.min_pt && widest_word(self, header, s) + self.padded() > column_w {
            s -= 0.5;
        }
        s.max(self.settings.min_pt)
    }
}

impl Ctx<'_> {
    pub(crate) fn table(
        &mut self,
        t: &Table,
        width: f32,
        origin: &Origin,
        out: &mut Vec<Piece>,
    ) -> Result<(), LayoutError> {
        let origin = t.origin.as_ref().unwrap_or(origin);
        let size = self.size(t.size_pt);
        let (least, fit) = self.needs(t);
        // Columns that keep their words whole get room for them when the line has it.
        let whole = self.whole_words(t, &least);
        let widths = match column_widths(&t.columns, &whole, &fit, width, origin) {
            Ok(w) => w,
            Err(_) => column_widths(&t.columns, &least, &fit, width, origin)?,
        };
        let id = self.next_table;
        self.next_table += 1;
        // Each heading as large as fits its column; columns of one width share one size.
        let sizes: Vec<f32> = t
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| self.heading_size(&c.header, *w, size))
            .collect();
        let header_cells: Vec<Vec<Block>> = t
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let same = widths
                    .iter()
                    .zip(&sizes)
                    .filter(|(w, _)| (**w - widths[i]).abs() < 0.01)
                    .map(|(_, s)| *s)
                    .fold(sizes[i], f32::min);
                vec![Block::Paragraph {
                    spans: vec![Span {
                        text: c.header.clone(),
                        bold: true,
                    }],
                    size_pt: same,
                }]
            })
            .collect();
        let o = named(origin, "table header");
        let mut header =
            self.table_row(&header_cells, &widths, 0.0, t.plain, &o, Role::HeaderCell)?;
        if !t.plain && t.columns.iter().any(|c| c.group.is_some()) {
            header = self.grouped(header, &t.columns, &widths, size, &o)?;
        }
        header.header_of = Some(id);
        header.keep_with_next = true;
        // The heading row as repeated on later pages: under the "continued" line; read once,
        // so the repetition is page furniture.
        let mut repeated = header.clone();
        repeated.items = as_artifact(Artifact::Layout, repeated.items);
        if let Some(text) = &t.continued {
            let spans = [Span {
                text: text.clone(),
                bold: true,
            }];
            let mut line = self.text_block(&spans, self.label_pt(), width, &o)?;
            let h = line.height + 0.5;
            line.absorb(header.clone(), 0.0, h);
            line.items = as_artifact(Artifact::Layout, line.items);
            line.header_of = Some(id);
            line.keep_with_next = true;
            repeated = line;
        }
        let repeated = Arc::new(repeated);
        header.items.insert(0, Item::open(Role::Table));
        if t.rows.is_empty() {
            header.items.push(Item::close());
        }
        out.push(Piece::Chunk(header));
        let n = t.rows.len();
        for (i, row) in t.rows.iter().enumerate() {
            let mut c = self.table_row(
                row,
                &widths,
                self.density.row(t.min_row_mm),
                t.plain,
                &named(origin, &format!("table row {}", i + 1)),
                Role::Cell,
            )?;
            if i + 1 == n {
                c.items.push(Item::close());
            }
            if c.height + repeated.height > self.page_h {
                return Err(LayoutError::TooTall {
                    origin: c.origin,
                    height_mm: c.height + repeated.height,
                    available_mm: self.page_h,
                });
            }
            // No row alone on a page: the first row stays with the second, the last with
            // the one before it.
            c.keep_with_next = i + 1 < n && (i == 0 || i + 2 == n);
            c.table = Some(TableRef {
                id,
                header: repeated.clone(),
            });
            out.push(Piece::Chunk(c));
        }
        out.push(Piece::Space(FIELD_GAP));
        Ok(())
    }

    /// The heading row `row` under a second level: each run of neighbouring columns of one
    /// group gets a cell with the group's heading over them; a column of no group has one
    /// cell over both levels, its heading at its top.
    fn grouped(
        &mut self,
        row: Chunk,
        columns: &[Column],
        widths: &[f32],
        size: f32,
        origin: &Origin,
    ) -> Result<Chunk, LayoutError> {
        let pad = self.density.cell_pad();
        let xs: Vec<f32> = widths
            .iter()
            .scan(0.0, |x, w| {
                let at = *x;
                *x += w;
                Some(at)
            })
            .collect();
        // Runs of one group: (first column, last column + 1, heading).
        let mut runs: Vec<(usize, usize, &str)> = Vec::new();
        for (i, c) in columns.iter().enumerate() {
            let Some(g) = c.group.as_deref() else {
                continue;
            };
            match runs.last_mut() {
                Some((_, end, last)) if *end == i && *last == g => *end = i + 1,
                _ => runs.push((i, i + 1, g)),
            }
        }
        let mut cells = Vec::new();
        let mut band: f32 = 0.0;
        for (a, b, g) in &runs {
            let w: f32 = widths[*a..*b].iter().sum();
            let spans = [Span {
                text: (*g).to_string(),
                bold: true,
            }];
            let text = self.text_block(&spans, size, w - 2.0 * pad, origin)?;
            band = band.max(text.height + 2.0 * pad);
            cells.push((xs[*a], w, text));
        }
        let in_group = |i: usize| runs.iter().any(|(a, b, _)| (*a..*b).contains(&i));
        let column_of = |x: f32| xs.iter().rposition(|start| x + 0.01 >= *start).unwrap_or(0);
        let mut out = Chunk::new(origin);
        for mut it in row.items {
            let x = match &it {
                Item::Rect { .. } => continue,
                Item::Text { x, .. } => *x,
                _ => 0.0,
            };
            if in_group(column_of(x)) {
                super::chunk::shift(&mut it, 0.0, band);
            }
            out.items.push(it);
        }
        let h = row.height;
        for (i, (x, w)) in xs.iter().zip(widths).enumerate() {
            let (y, hh) = if in_group(i) {
                (band, h)
            } else {
                (0.0, band + h)
            };
            out.items.push(Item::Rect {
                x: *x,
                y,
                w: *w,
                h: hh,
                stroke_pt: Some(RULE_PT),
                fill: false,
            });
        }
        for (x, w, text) in cells {
            out.items.push(Item::Rect {
                x,
                y: 0.0,
                w,
                h: band,
                stroke_pt: Some(RULE_PT),
                fill: false,
            });
            out.absorb(text, x + pad, pad);
        }
        out.height = band + h;
        Ok(out)
    }

    /// One row of cells, at least `min_h` mm high; `plain`: a rule under it instead of cell
    /// outlines, and less padding.
    fn table_row(
        &mut self,
        cells: &[Vec<Block>],
        widths: &[f32],
        min_h: f32,
        plain: bool,
        origin: &Origin,
        cell: Role,
    ) -> Result<Chunk, LayoutError> {
        let pad = if plain {
            PLAIN_PAD
        } else {
            self.density.cell_pad()
        };
        let mut row = Chunk::new(origin);
        row.items.push(Item::open(Role::TableRow));
        let mut x = 0.0;
        let mut xs = Vec::new();
        for (i, w) in widths.iter().enumerate() {
            let blocks = cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
            let mut pieces = self.blocks(blocks, w - 2.0 * pad, origin)?;
            // A cell of nothing but space (a row left blank for handwriting) keeps its
            // height; elsewhere trailing space (a paragraph's gap) is dropped.
            let blank: f32 = pieces
                .iter()
                .map(|p| match p {
                    Piece::Space(s) => Some(*s),
                    _ => None,
                })
                .sum::<Option<f32>>()
                .unwrap_or(0.0);
            while matches!(pieces.last(), Some(Piece::Space(_))) {
                pieces.pop();
            }
            let (inner, _) = merge(pieces, origin);
            row.items.push(Item::open(cell.clone()));
            row.absorb(inner, x + pad, pad);
            row.items.push(Item::close());
            row.height = row.height.max(pad + blank);
            xs.push(x);
            x += w;
        }
        row.height = (row.height + pad).max(min_h);
        row.items.push(Item::close());
        if plain {
            let right = xs.last().copied().unwrap_or(0.0) + widths.last().copied().unwrap_or(0.0);
            row.items.push(Item::Line {
                x1: 0.0,
                y1: row.height,
                x2: right,
                y2: row.height,
                width_pt: RULE_PT,
            });
            return Ok(row);
        }
        for (x, w) in xs.iter().zip(widths) {
            row.items.push(Item::Rect {
                x: *x,
                y: 0.0,
                w: *w,
                h: row.height,
                stroke_pt: Some(RULE_PT),
                fill: false,
            });
        }
        Ok(row)
    }
}

/// The weight a span is set in.
fn weight(s: &Span) -> Weight {
    if s.bold {
        Weight::Bold
    } else {
        Weight::Regular
    }
}
