//! Pagination: moves chunks onto pages, keeping chains together and repeating table headers.

use std::collections::BTreeMap;

use super::chunk::{shift, Chunk, Piece};
use super::{Item, LayoutError};

/// The content area of every page, mm from the top-left corner.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    /// Left edge of content.
    pub x: f32,
    /// Top of content.
    pub top: f32,
    /// Bottom of content.
    pub bottom: f32,
}

impl Frame {
    /// Usable height.
    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }
}

/// A page before furniture: its content and the running header in force.
#[derive(Debug, Default)]
pub(crate) struct Sheet {
    /// Content items, absolute positions.
    pub items: Vec<Item>,
    /// Running header text with the `continued` suffix already applied.
    pub header: Option<String>,
}

/// Pagination result.
pub(crate) struct Paged {
    /// Pages in order.
    pub sheets: Vec<Sheet>,
    /// Anchor → 1-based page.
    pub anchors: BTreeMap<String, usize>,
}

struct State {
    frame: Frame,
    sheets: Vec<Sheet>,
    y: f32,
    empty: bool,
    pending: f32,
    anchors: BTreeMap<String, usize>,
    waiting: Vec<String>,
    header: Option<(String, String)>,
    header_pages: usize,
    table_here: Option<usize>,
    /// A page break waits for content, so a break at the end adds no blank page.
    break_pending: bool,
}

impl State {
    fn new_page(&mut self) {
        self.sheets.push(Sheet::default());
        self.y = self.frame.top;
        self.empty = true;
        self.pending = 0.0;
        self.table_here = None;
        self.stamp_header();
    }

    fn stamp_header(&mut self) {
        let sheet = self.sheets.last_mut().expect("a page exists");
        sheet.header = self.header.as_ref().map(|(text, continued)| {
            if self.header_pages > 0 {
                format!("{text} {continued}").trim_end().to_string()
            } else {
                text.clone()
            }
        });
    }

    fn room(&self) -> f32 {
        self.frame.bottom - self.y - if self.empty { 0.0 } else { self.pending }
    }

    fn place(&mut self, c: &Chunk) {
        if self.empty {
            self.pending = 0.0;
            if self.header.is_some() {
                self.header_pages += 1;
            }
        }
        let page = self.sheets.len();
        for a in self.waiting.drain(..).chain(c.anchors.iter().cloned()) {
            self.anchors.entry(a).or_insert(page);
        }
        let top = self.y + self.pending;
        let sheet = self.sheets.last_mut().expect("a page exists");
        for it in &c.items {
            let mut it = it.clone();
            shift(&mut it, self.frame.x, top);
            sheet.items.push(it);
        }
        if let Some(id) = c.header_of {
            self.table_here = Some(id);
        }
        self.y = top + c.height;
        self.pending = 0.0;
        self.empty = false;
    }
}

/// Height of the chain of chunks kept with `pieces[i]` (itself included).
fn chain_height(pieces: &[Piece], i: usize) -> f32 {
    let mut h = 0.0;
    let mut space = 0.0;
    for p in &pieces[i..] {
        match p {
            Piece::Chunk(c) => {
                h += space + c.height;
                space = 0.0;
                if !c.keep_with_next {
                    break;
                }
            }
            Piece::Space(s) => space += s,
            Piece::Break => break,
            Piece::Anchor(_) | Piece::Header { .. } => {}
        }
    }
    h
}

/// Lays pieces onto pages of `frame`.
pub(crate) fn paginate(pieces: &[Piece], frame: Frame) -> Result<Paged, LayoutError> {
    let mut st = State {
        frame,
        sheets: Vec::new(),
        y: frame.top,
        empty: true,
        pending: 0.0,
        anchors: BTreeMap::new(),
        waiting: Vec::new(),
        header: None,
        header_pages: 0,
        table_here: None,
        break_pending: false,
    };
    st.new_page();
    for (i, p) in pieces.iter().enumerate() {
        match p {
            Piece::Space(s) => {
                if !st.empty {
                    st.pending += s;
                }
            }
            Piece::Break => st.break_pending = !st.empty,
            Piece::Anchor(a) => st.waiting.push(a.clone()),
            Piece::Header { text, continued } => {
                st.header = text.clone().map(|t| (t, continued.clone()));
                st.header_pages = 0;
                if st.empty {
                    st.stamp_header();
                }
            }
            Piece::Chunk(c) => {
                if c.height > frame.height() + 0.001 {
                    return Err(LayoutError::TooTall {
                        origin: c.origin.clone(),
                        height_mm: c.height,
                        available_mm: frame.height(),
                    });
                }
                if std::mem::take(&mut st.break_pending) {
                    st.new_page();
                }
                let chain = chain_height(pieces, i);
                let need_header = |st: &State| match &c.table {
                    Some(t) if st.table_here != Some(t.id) => t.header.height,
                    _ => 0.0,
                };
                let fits = |st: &State, h: f32| h + need_header(st) <= st.room() + 0.001;
                if !st.empty
                    && (!fits(&st, c.height) || (chain <= frame.height() && !fits(&st, chain)))
                {
                    st.new_page();
                }
                if let Some(t) = &c.table {
                    if st.table_here != Some(t.id) {
                        let header = (*t.header).clone();
                        st.place(&header);
                    }
                }
                st.place(c);
            }
        }
    }
    if !st.waiting.is_empty() {
        let page = st.sheets.len();
        for a in st.waiting.drain(..) {
            st.anchors.entry(a).or_insert(page);
        }
    }
    Ok(Paged {
        sheets: st.sheets,
        anchors: st.anchors,
    })
}
