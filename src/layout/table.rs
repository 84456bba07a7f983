//! Tables: column widths from weights, rows that never split, a header repeated on every
//! page the table continues on.

use std::sync::Arc;

use super::chunk::{merge, Chunk, Piece, TableRef};
use super::place::{named, Ctx, FIELD_GAP};
use super::symbols::RULE_PT;
use super::{Block, Column, Item, LayoutError, Origin, Span};

/// Inner padding of table cells, mm.
const CELL_PAD: f32 = 1.5;

impl Ctx<'_> {
    pub(crate) fn table(
        &mut self,
        columns: &[Column],
        rows: &[Vec<Vec<Block>>],
        size_pt: f32,
        width: f32,
        origin: &Origin,
        out: &mut Vec<Piece>,
    ) -> Result<(), LayoutError> {
        let size = self.size(size_pt);
        let total: f32 = columns
            .iter()
            .map(|c| c.weight.max(0.0))
            .sum::<f32>()
            .max(f32::EPSILON);
        let widths: Vec<f32> = columns
            .iter()
            .map(|c| width * c.weight.max(0.0) / total)
            .collect();
        let id = self.next_table;
        self.next_table += 1;
        let header_cells: Vec<Vec<Block>> = columns
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
        let mut header = self.table_row(&header_cells, &widths, &named(origin, "table header"))?;
        header.header_of = Some(id);
        header.keep_with_next = true;
        let header = Arc::new(header);
        out.push(Piece::Chunk((*header).clone()));
        for (i, row) in rows.iter().enumerate() {
            let mut c = self.table_row(
                row,
                &widths,
                &named(origin, &format!("table row {}", i + 1)),
            )?;
            if c.height + header.height > self.page_h {
                return Err(LayoutError::TooTall {
                    origin: c.origin,
                    height_mm: c.height + header.height,
                    available_mm: self.page_h,
                });
            }
            c.table = Some(TableRef {
                id,
                header: header.clone(),
            });
            out.push(Piece::Chunk(c));
        }
        out.push(Piece::Space(FIELD_GAP));
        Ok(())
    }

    fn table_row(
        &mut self,
        cells: &[Vec<Block>],
        widths: &[f32],
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
        row.height += CELL_PAD;
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
