//! Chunks: unbreakable, already-placed pieces of content waiting for a page.
//!
//! Measuring and placing a block yields [`Piece`]s whose items are positioned relative to the
//! chunk's top-left corner at the left edge of the content area. Pagination only moves them.

use std::sync::Arc;

use super::{Item, Origin};

/// A table's repeated header, shared by all its rows.
#[derive(Debug, Clone)]
pub(crate) struct TableRef {
    /// Distinguishes tables in one document.
    pub id: usize,
    /// The header row as repeated at the top of every page the table continues on (with
    /// the table's "continued" line above it, when it has one).
    pub header: Arc<Chunk>,
}

/// Content that never splits across pages.
#[derive(Debug, Clone, Default)]
pub(crate) struct Chunk {
    /// Height, mm.
    pub height: f32,
    /// Items relative to the chunk's top-left.
    pub items: Vec<Item>,
    /// Move to the next page together with the following chunk.
    pub keep_with_next: bool,
    /// What to blame when the chunk is taller than a page.
    pub origin: Origin,
    /// Anchors inside the chunk.
    pub anchors: Vec<String>,
    /// Set on table rows: the header to repeat.
    pub table: Option<TableRef>,
    /// Set on a table's header row: the table's id.
    pub header_of: Option<usize>,
    /// Where per-copy content goes (inside a serialized copy's template, see `copies`).
    pub slots: Vec<SlotAt>,
    /// The side label of the group it belongs to (see `side`).
    pub side: Option<Arc<super::side::SideTag>>,
}

/// The position of a [`crate::layout::Block::Slot`] in a template: its content is drawn
/// per copy, moved by `x`, `y` mm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SlotAt {
    /// The slot's index in the copy's fills.
    pub id: usize,
    /// Offset, mm.
    pub x: f32,
    /// Offset, mm.
    pub y: f32,
}

/// Serialized copies that share one layout: the template copy's pieces (slots empty), and
/// for every copy its running header and the placed content of each slot.
#[derive(Debug, Clone)]
pub(crate) struct Repeat {
    /// One copy, laid out once; its slots hold no items.
    pub pieces: Vec<Piece>,
    /// Suffix of the running header on a copy's later pages.
    pub continued: String,
    /// Every copy in order (at least one).
    pub copies: Vec<Filled>,
}

/// What one copy puts into the template.
#[derive(Debug, Clone)]
pub(crate) struct Filled {
    /// The copy's running header.
    pub header: Option<String>,
    /// Slot id → its content, placed at the slot's origin.
    pub slots: Vec<Option<Chunk>>,
}

/// Content set in columns ([`crate::layout::Block::Columns`]): chunks placed in one
/// column's width, each with the space before it (dropped at the top of a column).
#[derive(Debug, Clone)]
pub(crate) struct ColumnSet {
    /// Number of columns.
    pub count: usize,
    /// Width of one column, mm.
    pub width: f32,
    /// Space between columns, mm.
    pub gap: f32,
    /// The content in order.
    pub units: Vec<(f32, Chunk)>,
}

/// One step of the flow.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    /// Content.
    Chunk(Chunk),
    /// Vertical space, dropped at the top of a page.
    Space(f32),
    /// Start a new page.
    Break,
    /// The next chunk's page is recorded under this id.
    Anchor(String),
    /// Change of running header.
    Header {
        /// New header text.
        text: Option<String>,
        /// Suffix on later pages.
        continued: String,
    },
    /// Serialized copies: each starts on a new page; what follows starts on a new page.
    Repeat(Box<Repeat>),
    /// From here on pages have this frame (another orientation); content after it starts on
    /// a new page.
    Frame(super::paginate::Frame),
    /// Content in columns, filled column by column and balanced on its last page.
    Columns(Box<ColumnSet>),
    /// Sets the form footer of the pages from here on (`None` clears it); each one starts
    /// a new count of the form's own pages.
    Footer(Option<super::FormFooter>),
    /// The "continues on the next page" cue in force from here on, placed (`None` ends it).
    Cue(Option<Box<Chunk>>),
    /// The footer marking of the pages from here on (see [`crate::layout::Block::Marking`]).
    Marking(Option<String>),
}

/// Moves an item by `dx`, `dy` mm.
pub(crate) fn shift(item: &mut Item, dx: f32, dy: f32) {
    match item {
        Item::Text { x, y, .. }
        | Item::UpText { x, y, .. }
        | Item::Rect { x, y, .. }
        | Item::Mark { x, y, .. }
        | Item::Image { x, y, .. }
        | Item::Qr { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
        Item::OutlineText { x, y, clear, .. } => {
            *x += dx;
            *y += dy;
            for c in clear {
                c[0] += dx;
                c[1] += dy;
            }
        }
        Item::Line { x1, y1, x2, y2, .. } => {
            *x1 += dx;
            *x2 += dx;
            *y1 += dy;
            *y2 += dy;
        }
        Item::Path { points, .. } => {
            for p in points {
                p.0 += dx;
                p.1 += dy;
            }
        }
        Item::Tag(_) => {}
    }
}

impl Chunk {
    /// An empty chunk blamed on `origin`.
    pub fn new(origin: &Origin) -> Chunk {
        Chunk {
            origin: origin.clone(),
            ..Chunk::default()
        }
    }

    /// Appends `other` at offset `dx`, `dy`.
    pub fn absorb(&mut self, other: Chunk, dx: f32, dy: f32) {
        for mut it in other.items {
            shift(&mut it, dx, dy);
            self.items.push(it);
        }
        self.anchors.extend(other.anchors);
        self.slots.extend(other.slots.into_iter().map(|s| SlotAt {
            id: s.id,
            x: s.x + dx,
            y: s.y + dy,
        }));
        self.height = self.height.max(dy + other.height);
        if self.side.is_none() {
            self.side = other.side;
        }
    }
}

/// Stacks pieces into one chunk (for keep-together content, table cells, list items).
/// Page breaks inside are ignored; header changes are returned to be emitted before it.
pub(crate) fn merge(pieces: Vec<Piece>, origin: &Origin) -> (Chunk, Vec<Piece>) {
    let mut out = Chunk::new(origin);
    let mut lifted = Vec::new();
    let mut y = 0.0;
    let mut pending = 0.0;
    for p in pieces {
        match p {
            Piece::Chunk(c) => {
                if !out.items.is_empty() || out.height > 0.0 {
                    y += pending;
                }
                pending = 0.0;
                let h = c.height;
                out.absorb(c, 0.0, y);
                y += h;
            }
            Piece::Space(s) => pending += s,
            Piece::Anchor(a) => out.anchors.push(a),
            Piece::Header { .. } | Piece::Footer(_) | Piece::Cue(_) | Piece::Marking(_) => {
                lifted.push(p)
            }
            // Copies and frames exist only at the top level of a document (`flow` checks).
            Piece::Break | Piece::Repeat(_) | Piece::Frame(_) => {}
            // Columns inside unbreakable content are set in one go, balanced.
            Piece::Columns(set) => {
                if !out.items.is_empty() || out.height > 0.0 {
                    y += pending;
                }
                pending = 0.0;
                let c = super::columns::set_balanced(&set);
                let h = c.height;
                out.absorb(c, 0.0, y);
                y += h;
            }
        }
    }
    // Space around content collapses, but space that is all there is (an empty table cell
    // made to hold handwriting) keeps its height.
    out.height = if out.items.is_empty() && y == 0.0 {
        pending
    } else {
        y
    };
    (out, lifted)
}
