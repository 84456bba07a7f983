//! Pagination: moves chunks onto pages, keeping chains together and repeating table headers.

use std::collections::BTreeMap;

use super::chunk::{shift, Chunk, Filled, Piece, Repeat, SlotAt};
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
    /// Slots on the page (a copy's template page), absolute positions.
    pub slots: Vec<SlotAt>,
    /// The template this page's shared content is in (its `items` hold only slot content).
    pub template: Option<usize>,
}

/// Pagination result.
pub(crate) struct Paged {
    /// Pages in order.
    pub sheets: Vec<Sheet>,
    /// Anchor → 1-based page.
    pub anchors: BTreeMap<String, usize>,
    /// Content shared by the pages of serialized copies, by template index.
    pub templates: Vec<Vec<Item>>,
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
    templates: Vec<Vec<Item>>,
}

/// The running header on the `nth` (0-based) page under `text`.
fn header_text(text: &str, continued: &str, nth: usize) -> String {
    if nth > 0 {
        format!("{text} {continued}").trim_end().to_string()
    } else {
        text.to_string()
    }
}

/// A copy's slot content moved to the slot positions of a template page.
fn fill(copy: &Filled, slots: &[SlotAt]) -> Vec<Item> {
    let mut items = Vec::new();
    for s in slots {
        if let Some(Some(c)) = copy.slots.get(s.id) {
            items.extend(c.items.iter().cloned().map(|mut it| {
                shift(&mut it, s.x, s.y);
                it
            }));
        }
    }
    items
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
        sheet.header = self
            .header
            .as_ref()
            .map(|(text, continued)| header_text(text, continued, self.header_pages));
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
        sheet.slots.extend(c.slots.iter().map(|s| SlotAt {
            id: s.id,
            x: s.x + self.frame.x,
            y: s.y + top,
        }));
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
            Piece::Break | Piece::Repeat(_) => break,
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
        templates: Vec::new(),
    };
    st.new_page();
    for i in 0..pieces.len() {
        st.feed(pieces, i)?;
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
        templates: st.templates,
    })
}

impl State {
    /// Lays `pieces[i]` onto the pages.
    fn feed(&mut self, pieces: &[Piece], i: usize) -> Result<(), LayoutError> {
        let frame = self.frame;
        match &pieces[i] {
            Piece::Space(s) => {
                if !self.empty {
                    self.pending += s;
                }
            }
            Piece::Break => self.break_pending = !self.empty,
            Piece::Anchor(a) => self.waiting.push(a.clone()),
            Piece::Header { text, continued } => {
                self.header = text.clone().map(|t| (t, continued.clone()));
                self.header_pages = 0;
                if self.empty {
                    self.stamp_header();
                }
            }
            Piece::Repeat(r) => self.repeat(r)?,
            Piece::Chunk(c) => {
                if c.height > frame.height() + 0.001 {
                    return Err(LayoutError::TooTall {
                        origin: c.origin.clone(),
                        height_mm: c.height,
                        available_mm: frame.height(),
                    });
                }
                if std::mem::take(&mut self.break_pending) {
                    self.new_page();
                }
                let chain = chain_height(pieces, i);
                let need_header = |st: &State| match &c.table {
                    Some(t) if st.table_here != Some(t.id) => t.header.height,
                    _ => 0.0,
                };
                let fits = |st: &State, h: f32| h + need_header(st) <= st.room() + 0.001;
                if !self.empty
                    && (!fits(self, c.height) || (chain <= frame.height() && !fits(self, chain)))
                {
                    self.new_page();
                }
                if let Some(t) = &c.table {
                    if self.table_here != Some(t.id) {
                        let header = (*t.header).clone();
                        self.place(&header);
                    }
                }
                self.place(c);
            }
        }
        Ok(())
    }

    /// Serialized copies: the first copy is paginated like any content, starting on a new
    /// page; its pages become templates, and every copy gets the same pages with only its
    /// slots and running header.
    fn repeat(&mut self, r: &Repeat) -> Result<(), LayoutError> {
        self.break_pending = false;
        if !self.empty {
            self.new_page();
        }
        let first = self.sheets.len() - 1;
        let header = |c: &Filled| c.header.clone().map(|t| (t, r.continued.clone()));
        self.header = r.copies.first().and_then(header);
        self.header_pages = 0;
        self.stamp_header();
        for i in 0..r.pieces.len() {
            self.feed(&r.pieces, i)?;
        }
        let mut pages = Vec::new();
        for sheet in &mut self.sheets[first..] {
            let t = self.templates.len();
            self.templates.push(std::mem::take(&mut sheet.items));
            pages.push((t, std::mem::take(&mut sheet.slots)));
        }
        for (copy_no, copy) in r.copies.iter().enumerate() {
            for (nth, (t, slots)) in pages.iter().enumerate() {
                let sheet = Sheet {
                    items: fill(copy, slots),
                    header: copy
                        .header
                        .as_ref()
                        .map(|h| header_text(h, &r.continued, nth)),
                    slots: Vec::new(),
                    template: Some(*t),
                };
                if copy_no == 0 {
                    self.sheets[first + nth] = sheet;
                } else {
                    self.sheets.push(sheet);
                }
            }
        }
        // What follows starts on a new page, without the copies' header.
        self.header = None;
        self.header_pages = 0;
        self.break_pending = true;
        self.empty = false;
        Ok(())
    }
}
