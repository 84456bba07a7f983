//! Side labels: a word set upwards in a narrow bar beside a group of sections ("Beställare",
//! "Logistik", "Ekonomi"). The group is placed narrower by the bar's width; its chunks carry
//! the label, and each page draws the bar beside the part of the group it holds.

use std::sync::Arc;

use super::chunk::{shift, Chunk, Piece, TableRef};
use super::place::Ctx;
use super::symbols::RULE_PT;
use super::text::Typesetter;
use super::{Block, Item, LayoutError, Origin, Weight};

/// Width of the bar column, mm: the bar and the space between it and the content.
pub(crate) const SIDE_BAR: f32 = 9.0;
/// Space between the bar and the content, mm.
const BAR_GAP: f32 = 2.0;
/// Size of the label, pt.
const LABEL_PT: f32 = 9.0;

/// A side label, shared by the chunks of its group.
#[derive(Debug)]
pub(crate) struct SideTag {
    /// Tells the groups of a document apart.
    pub id: usize,
    /// The label.
    pub text: String,
}

/// The part of a group on one page: its label and how far down it reaches.
#[derive(Debug, Clone)]
pub(crate) struct Extent {
    /// The group's label.
    pub tag: Arc<SideTag>,
    /// Top of its first chunk on the page, mm.
    pub top: f32,
    /// Bottom of its last chunk on the page, mm.
    pub bottom: f32,
}

impl Ctx<'_> {
    /// Places `blocks` right of a bar column; with a `label`, every chunk carries it (a
    /// section without one keeps the column empty, in line with the labelled ones).
    pub(crate) fn side_label(
        &mut self,
        label: Option<&str>,
        blocks: &[Block],
        width: f32,
        origin: &Origin,
        out: &mut Vec<Piece>,
    ) -> Result<(), LayoutError> {
        let tag = label.map(|text| {
            self.next_side += 1;
            Arc::new(SideTag {
                id: self.next_side,
                text: text.to_string(),
            })
        });
        let pieces = self.blocks(blocks, width - SIDE_BAR, origin)?;
        let mut headers: Vec<(usize, Arc<Chunk>)> = Vec::new();
        for mut p in pieces {
            match &mut p {
                Piece::Chunk(c) => moved(c, &tag, &mut headers),
                Piece::Columns(set) => {
                    for (_, c) in &mut set.units {
                        moved(c, &tag, &mut headers);
                    }
                }
                _ => {}
            }
            out.push(p);
        }
        Ok(())
    }
}

/// `c` moved right of the bar column and tagged; a table's repeated heading row is moved
/// once for all its rows.
fn moved(c: &mut Chunk, tag: &Option<Arc<SideTag>>, headers: &mut Vec<(usize, Arc<Chunk>)>) {
    for it in &mut c.items {
        shift(it, SIDE_BAR, 0.0);
    }
    for s in &mut c.slots {
        s.x += SIDE_BAR;
    }
    c.side.clone_from(tag);
    if let Some(t) = &c.table {
        let header = match headers.iter().find(|(id, _)| *id == t.id) {
            Some((_, h)) => h.clone(),
            None => {
                let mut h = (*t.header).clone();
                for it in &mut h.items {
                    shift(it, SIDE_BAR, 0.0);
                }
                h.side.clone_from(tag);
                let h = Arc::new(h);
                headers.push((t.id, h.clone()));
                h
            }
        };
        c.table = Some(TableRef { id: t.id, header });
    }
}

/// Records that `c` was placed from `top` to `bottom` on a page whose groups are `extents`.
pub(crate) fn extend(extents: &mut Vec<Extent>, c: &Chunk, top: f32, bottom: f32) {
    let Some(tag) = &c.side else { return };
    match extents.iter_mut().find(|e| e.tag.id == tag.id) {
        Some(e) => {
            e.top = e.top.min(top);
            e.bottom = e.bottom.max(bottom);
        }
        None => extents.push(Extent {
            tag: tag.clone(),
            top,
            bottom,
        }),
    }
}

/// The bars of `extents` at the left edge `x` of the content: an outlined bar beside each
/// group's part of the page, its label upwards and centred in it (from 9 pt down to the
/// smallest size where the bar is short).
pub(crate) fn bars(ts: &Typesetter, extents: &[Extent], x: f32, min_pt: f32) -> Vec<Item> {
    let mut items = Vec::new();
    let w = SIDE_BAR - BAR_GAP;
    for e in extents {
        let h = e.bottom - e.top;
        items.push(Item::Rect {
            x,
            y: e.top,
            w,
            h,
            stroke_pt: Some(RULE_PT),
            fill: false,
        });
        let mut size = LABEL_PT.max(min_pt);
        while size > min_pt && ts.width(&e.tag.text, Weight::Bold, size) > h - 2.0 {
            size -= 0.5;
        }
        let tw = ts.width(&e.tag.text, Weight::Bold, size);
        let cap = ts.cap_height(size);
        items.push(Item::UpText {
            x: x + (w + cap) / 2.0,
            y: e.top + (h + tw) / 2.0,
            size_pt: size,
            weight: Weight::Bold,
            text: e.tag.text.clone(),
        });
    }
    items
}
