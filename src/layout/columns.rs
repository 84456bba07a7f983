//! Columns: content set side by side in equal columns. The content is placed in one column's
//! width; pagination fills the columns of a page in turn and balances the last page's.
//! Breaks fall between chunks, never after one kept with the next (a heading stays with its
//! first field).

use std::ops::Range;

use super::chunk::{Chunk, ColumnSet, Piece};
use super::place::{Ctx, FIELD_GAP};
use super::{Block, LayoutError, Origin};

/// Most columns a line can be divided into.
pub const MAX_COLUMNS: u8 = 6;

/// Tolerance for comparing heights, mm.
const EPS: f32 = 0.001;

impl Ctx<'_> {
    /// Places `blocks` in `count` columns `gap.0` mm apart on a line `width` mm wide, the
    /// pieces of a column `gap.1` mm apart when it is given.
    pub(crate) fn columns(
        &mut self,
        count: u8,
        (gap, space): (f32, Option<f32>),
        blocks: &[Block],
        width: f32,
        origin: &Origin,
        out: &mut Vec<Piece>,
    ) -> Result<(), LayoutError> {
        let n = usize::from(count.clamp(1, MAX_COLUMNS));
        let cw = (width - gap * (n as f32 - 1.0)) / n as f32;
        let pieces = self.blocks(blocks, cw, origin)?;
        let mut units: Vec<(f32, Chunk)> = Vec::new();
        let mut between = 0.0;
        let space_before = space;
        let mut anchors = Vec::new();
        for p in pieces {
            match p {
                Piece::Chunk(mut c) => {
                    // Table rows in columns do not repeat their heading in a new column.
                    c.table = None;
                    c.anchors.splice(0..0, anchors.drain(..));
                    units.push((space_before.unwrap_or(between), c));
                    between = 0.0;
                }
                Piece::Columns(inner) => {
                    let mut c = set_balanced(&inner);
                    c.anchors.splice(0..0, anchors.drain(..));
                    units.push((space_before.unwrap_or(between), c));
                    between = 0.0;
                }
                Piece::Space(s) => between += s,
                Piece::Anchor(a) => anchors.push(a),
                Piece::Header { .. } | Piece::Footer(_) | Piece::Cue(_) | Piece::Marking(_) => {
                    out.push(p)
                }
                Piece::Break | Piece::Repeat(_) | Piece::Frame(_) => {}
            }
        }
        if let Some((_, last)) = units.last_mut() {
            last.anchors.append(&mut anchors);
        }
        out.extend(anchors.into_iter().map(Piece::Anchor));
        if units.is_empty() {
            return Ok(());
        }
        out.push(Piece::Columns(Box::new(ColumnSet {
            count: n,
            width: cw,
            gap,
            units,
        })));
        out.push(Piece::Space(FIELD_GAP));
        Ok(())
    }
}

/// Height of unit `i` when it goes below `y` mm of its column (its space dropped at the top).
fn unit_h(units: &[(f32, Chunk)], i: usize, y: f32) -> f32 {
    let (space, c) = &units[i];
    if y > 0.0 {
        space + c.height
    } else {
        c.height
    }
}

/// End (exclusive) of the chain of units kept together from `i`.
fn chain_end(units: &[(f32, Chunk)], i: usize) -> usize {
    let mut j = i;
    while j + 1 < units.len() && units[j].1.keep_with_next {
        j += 1;
    }
    j + 1
}

/// Fills up to `count` columns of at most `h` mm with units in order; returns each column's
/// range of units. Chains stay together unless a chain alone is taller than a column.
pub(crate) fn pack(units: &[(f32, Chunk)], h: f32, count: usize) -> Vec<Range<usize>> {
    let mut cols = Vec::new();
    let mut i = 0;
    while i < units.len() && cols.len() < count {
        let start = i;
        let mut y = 0.0;
        while i < units.len() {
            let j = chain_end(units, i);
            let mut ch = 0.0;
            for k in i..j {
                ch += unit_h(units, k, y + ch);
            }
            if y + ch <= h + EPS {
                y += ch;
                i = j;
                continue;
            }
            if i == start {
                // A chain taller than a column: break it between its units.
                while i < j && y + unit_h(units, i, y) <= h + EPS {
                    y += unit_h(units, i, y);
                    i += 1;
                }
            }
            break;
        }
        if i == start {
            break;
        }
        cols.push(start..i);
    }
    cols
}

/// The least column height at which `units` fit `count` columns.
pub(crate) fn balanced_height(units: &[(f32, Chunk)], count: usize) -> f32 {
    let lo0 = units.iter().map(|(_, c)| c.height).fold(0.0, f32::max);
    let total: f32 = (0..units.len())
        .map(|i| unit_h(units, i, if i == 0 { 0.0 } else { 1.0 }))
        .sum();
    let fits = |h: f32| pack(units, h, count).last().map_or(0, |r| r.end) == units.len();
    let (mut lo, mut hi) = (lo0, total.max(lo0));
    if fits(lo) {
        return lo;
    }
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
        if hi - lo < 0.05 {
            break;
        }
    }
    hi
}

/// Places `units` in the columns `cols` of `set` into one chunk.
pub(crate) fn set_columns(set: &ColumnSet, units: &[(f32, Chunk)], cols: &[Range<usize>]) -> Chunk {
    let origin = units
        .first()
        .map(|(_, c)| c.origin.clone())
        .unwrap_or_default();
    let mut out = Chunk::new(&origin);
    for (k, range) in cols.iter().enumerate() {
        let x = k as f32 * (set.width + set.gap);
        let mut y = 0.0;
        for i in range.clone() {
            let (space, c) = &units[i];
            if y > 0.0 {
                y += space;
            }
            let h = c.height;
            let mut c = c.clone();
            c.table = None;
            out.absorb(c, x, y);
            y += h;
        }
    }
    out
}

/// The whole set in one chunk, balanced (for columns inside unbreakable content).
pub(crate) fn set_balanced(set: &ColumnSet) -> Chunk {
    let h = balanced_height(&set.units, set.count);
    let cols = pack(&set.units, h, set.count);
    set_columns(set, &set.units, &cols)
}
