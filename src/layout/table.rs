//! Tables: column widths from fixed sizes and weights, rows that never split, a heading row
//! repeated (under a "continued" line) on every page the table continues on, and no row left
//! alone on a page.

use std::sync::Arc;

use super::blocks::ColumnWidth;
use super::chunk::{merge, Chunk, Piece, TableRef};
use super::place::{named, Ctx, FIELD_GAP};
use super::symbols::RULE_PT;
use super::{Block, Column, Item, LayoutError, Origin, Span, Table, Weight};

/// Inner padding of table cells, mm.
pub(crate) const CELL_PAD: f32 = 1.5;

/// Least width of a column that shares the line: a 4 mm character box and its padding.
pub const MIN_COLUMN: f32 = 7.0;

/// Column widths in mm on a line `width` mm wide: fixed columns and shares get their size,
/// the others share the rest by weight. An error when they cannot all fit.
/// `fit[i]` is what column `i` needs at least: its widest heading word, and for a
/// [`ColumnWidth::Fit`] column its widest paragraph on one line.
pub(crate) fn column_widths(
    columns: &[Column],
    fit: &[f32],
    width: f32,
    origin: &Origin,
) -> Result<Vec<f32>, LayoutError> {
    let least = |i: usize| fit.get(i).copied().unwrap_or(0.0);
    let fixed_at = |i: usize| match columns[i].width {
        ColumnWidth::Mm(mm) => Some(mm.max(least(i))),
        ColumnWidth::Share(s) => Some((s * width).max(least(i))),
        ColumnWidth::Fit => Some(least(i).min(width / 2.0)),
        ColumnWidth::Weight(_) => None,
    };
    let fixed: f32 = (0..columns.len()).filter_map(fixed_at).sum();
    let flexible = (0..columns.len())
        .filter(|i| fixed_at(*i).is_none())
        .count();
    let needed = fixed + MIN_COLUMN * flexible as f32;
    if needed > width + 0.01 {
        return Err(LayoutError::TableTooWide {
            origin: origin.clone(),
            columns: columns.len(),
            needed_mm: needed,
            available_mm: width,
        });
    }
    let total: f32 = columns
        .iter()
        .filter_map(|c| match c.width {
            ColumnWidth::Weight(w) => Some(w.max(0.0)),
            _ => None,
        })
        .sum::<f32>()
        .max(f32::EPSILON);
    let rest = width - fixed;
    Ok(columns
        .iter()
        .enumerate()
        .map(|(i, c)| match (c.width, fixed_at(i)) {
            (_, Some(mm)) => mm,
            (ColumnWidth::Weight(w), None) => rest * w.max(0.0) / total,
            _ => 0.0,
        })
        .collect())
}

impl Ctx<'_> {
    /// For every column the least width it needs, padded: its widest heading word (so that
    /// a heading never breaks inside a word), and for a [`ColumnWidth::Fit`] column its
    /// widest paragraph set on one line.
    fn fit_widths(&self, t: &Table) -> Vec<f32> {
        let size = self.size(t.size_pt);
        t.columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let word = c
                    .header
                    .split_whitespace()
                    .map(|w| self.ts.width(w, Weight::Bold, size))
                    .fold(0.0, f32::max)
                    + 2.0 * CELL_PAD
                    + 0.5;
                if c.width != ColumnWidth::Fit {
                    return word;
                }
                let widest = t
                    .rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .flatten()
                    .map(|b| match b {
                        Block::Paragraph { spans, size_pt } => {
                            let size = self.size(*size_pt);
                            spans
                                .iter()
                                .map(|s| {
                                    let w = if s.bold {
                                        Weight::Bold
                                    } else {
                                        Weight::Regular
                                    };
                                    self.ts.width(&s.text, w, size)
                                })
                                .sum()
                        }
                        _ => 0.0,
                    })
                    .fold(0.0, f32::max);
                (widest + 2.0 * CELL_PAD + 0.5).max(word)
            })
            .collect()
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
        let widths = column_widths(&t.columns, &self.fit_widths(t), width, origin)?;
        let id = self.next_table;
        self.next_table += 1;
        let header_cells: Vec<Vec<Block>> = t
            .columns
            .iter()
            .map(|c| {
                vec![Block::Paragraph {
                    spans: vec![Span {
                        text: c.header.clone(),
                        bold: true,
                    }],
                    size_pt: size,
                }]
            })
            .collect();
        let o = named(origin, "table header");
        let mut header = self.table_row(&header_cells, &widths, 0.0, &o)?;
        header.header_of = Some(id);
        header.keep_with_next = true;
        // The heading row as repeated on later pages: under the "continued" line.
        let mut repeated = header.clone();
        if let Some(text) = &t.continued {
            let spans = [Span {
                text: text.clone(),
                bold: true,
            }];
            let mut line = self.text_block(&spans, self.label_pt(), width, &o)?;
            let h = line.height + 0.5;
            line.absorb(header.clone(), 0.0, h);
            line.header_of = Some(id);
            line.keep_with_next = true;
            repeated = line;
        }
        let repeated = Arc::new(repeated);
        out.push(Piece::Chunk(header));
        let n = t.rows.len();
        for (i, row) in t.rows.iter().enumerate() {
            let mut c = self.table_row(
                row,
                &widths,
                t.min_row_mm,
                &named(origin, &format!("table row {}", i + 1)),
            )?;
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

    /// One row of cells, at least `min_h` mm high.
    fn table_row(
        &mut self,
        cells: &[Vec<Block>],
        widths: &[f32],
        min_h: f32,
        origin: &Origin,
    ) -> Result<Chunk, LayoutError> {
        let mut row = Chunk::new(origin);
        let mut x = 0.0;
        let mut xs = Vec::new();
        for (i, w) in widths.iter().enumerate() {
            let blocks = cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
            let mut pieces = self.blocks(blocks, w - 2.0 * CELL_PAD, origin)?;
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
            row.absorb(inner, x + CELL_PAD, CELL_PAD);
            row.height = row.height.max(CELL_PAD + blank);
            xs.push(x);
            x += w;
        }
        row.height = (row.height + CELL_PAD).max(min_h);
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
