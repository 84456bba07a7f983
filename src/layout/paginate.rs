//! Pagination: moves chunks onto pages, keeping chains together and repeating table headers.

use std::collections::BTreeMap;

use super::chunk::{shift, Chunk, ColumnSet, Filled, Piece, Repeat, SlotAt};
use super::columns;
use super::{FormFooter, Item, LayoutError, Origin, Tag};

/// The content area of a page, mm from the top-left corner, and the page's size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    /// Left edge of content.
    pub x: f32,
    /// Top of content.
    pub top: f32,
    /// Bottom of content.
    pub bottom: f32,
    /// Page width and height, mm.
    pub page: (f32, f32),
}

impl Frame {
    /// Usable height.
    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }
}

/// The form's own line in a page's footer, filled in once the form's pages are counted.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FormLine {
    /// The form's code and edition ("Blankett HM-1 · utg. 3").
    pub code: Option<String>,
    /// The form's own page label ("Blankett sida 1 av 2").
    pub page: Option<String>,
    /// Labelled boxes at the foot of the page ("IAP Page").
    pub boxes: Vec<String>,
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
    /// Page width and height, mm.
    pub size: (f32, f32),
    /// The form footer in force and the count it belongs to.
    footer: Option<(usize, FormFooter)>,
    /// The form footer's text, once the pages are counted.
    pub form: Option<FormLine>,
    /// What follows starts on a new page by choice (a page break, a new copy or sheet,
    /// another orientation, the end): the page may be short.
    pub ends_part: bool,
    /// The footer marking of the page in place of the document's classification, when set
    /// (empty: none).
    pub marking: Option<String>,
    /// The side-labelled groups on the page and how far they reach (drawn when the page is
    /// done).
    sides: Vec<super::side::Extent>,
}

/// Content shared by the pages of serialized copies.
pub(crate) struct SharedPage {
    /// Page width and height, mm.
    pub size: (f32, f32),
    /// The content.
    pub items: Vec<Item>,
    /// The form footer of the page (the same for every copy).
    pub form: Option<FormLine>,
}

/// Pagination result.
pub(crate) struct Paged {
    /// Pages in order.
    pub sheets: Vec<Sheet>,
    /// Anchor → 1-based page.
    pub anchors: BTreeMap<String, usize>,
    /// Content shared by the pages of serialized copies, by template index.
    pub templates: Vec<SharedPage>,
}

struct State<'a> {
    /// Measures side labels.
    ts: &'a super::text::Typesetter<'a>,
    /// The smallest type size.
    min_pt: f32,
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
    /// Templates: the sheet of the first copy each was taken from, and its shared content.
    templates: Vec<(usize, SharedPage)>,
    /// The form footer in force, and the number of its count.
    footer: Option<(usize, FormFooter)>,
    /// Counts started so far.
    counts: usize,
    /// Content that cannot fit a page, reported and left out.
    errors: Vec<LayoutError>,
    /// The "continues on the next page" cue in force.
    cue: Option<Chunk>,
    /// The footer marking in force (see [`Sheet::marking`]).
    marking: Option<String>,
    /// When measuring ([`measure`]): per page, the content placed on it and how far down.
    trace: Option<Vec<PageTrace>>,
}

/// What [`measure`] records of one page.
#[derive(Debug, Default, Clone)]
pub(crate) struct PageTrace {
    /// The origin of every chunk placed on it, in order.
    pub origins: Vec<Origin>,
    /// Height from the top of the frame to the end of its content, mm.
    pub used: f32,
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
            items.push(Item::Tag(Tag::Fill(s.id)));
            items.extend(c.items.iter().cloned().map(|mut it| {
                shift(&mut it, s.x, s.y);
                it
            }));
            items.push(Item::Tag(Tag::EndFill));
        }
    }
    items
}

impl<'a> State<'a> {
    /// The state at the top of a first page in `frame`; `trace` records what lands where.
    fn new(frame: Frame, trace: bool, ts: &'a super::text::Typesetter<'a>, min_pt: f32) -> Self {
        State {
            ts,
            min_pt,
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
            footer: None,
            counts: 0,
            errors: Vec::new(),
            cue: None,
            marking: None,
            trace: trace.then(Vec::new),
        }
    }

    /// Stops a document that runs past [`super::MAX_PAGES`].
    fn within_limit(&self) -> Result<(), LayoutError> {
        if self.sheets.len() > super::MAX_PAGES {
            return Err(LayoutError::TooManyPages {
                limit: super::MAX_PAGES,
            });
        }
        Ok(())
    }

    /// Draws the side labels of the current page beside the parts of their groups on it.
    fn finish_sides(&mut self) {
        let Some(sheet) = self.sheets.last_mut() else {
            return;
        };
        if sheet.sides.is_empty() {
            return;
        }
        let sides = std::mem::take(&mut sheet.sides);
        sheet.items.extend(super::side::bars(
            self.ts,
            &sides,
            self.frame.x,
            self.min_pt,
        ));
    }

    fn new_page(&mut self) {
        self.finish_sides();
        if let Some(t) = &mut self.trace {
            t.push(PageTrace::default());
        }
        self.sheets.push(Sheet {
            size: self.frame.page,
            footer: self.footer.clone(),
            marking: self.marking.clone(),
            ..Sheet::default()
        });
        self.y = self.frame.top;
        self.empty = true;
        self.pending = 0.0;
        self.table_here = None;
        self.stamp_header();
    }

    /// Closes the page by choice (it ends a part) and starts a new one.
    fn break_page(&mut self) {
        if let Some(last) = self.sheets.last_mut() {
            last.ends_part = true;
        }
        self.new_page();
    }

    fn stamp_header(&mut self) {
        let sheet = self.sheets.last_mut().expect("a page exists");
        sheet.header = self
            .header
            .as_ref()
            .map(|(text, continued)| header_text(text, continued, self.header_pages));
    }

    /// Starts a new count of form pages under `footer`.
    fn start_footer(&mut self, footer: Option<FormFooter>) {
        self.footer = footer.map(|f| {
            self.counts += 1;
            (self.counts, f)
        });
        if self.empty {
            let sheet = self.sheets.last_mut().expect("a page exists");
            sheet.footer = self.footer.clone();
        }
    }

    fn room(&self) -> f32 {
        let cue = self.cue.as_ref().map_or(0.0, |c| c.height);
        self.frame.bottom - self.y - cue - if self.empty { 0.0 } else { self.pending }
    }

    /// The page is full and its content goes on overleaf: the cue at its foot, when one is
    /// in force, then a new page.
    fn overflow(&mut self) {
        if let Some(cue) = self.cue.clone().filter(|_| !self.empty) {
            let top = self.frame.bottom - cue.height;
            let sheet = self.sheets.last_mut().expect("a page exists");
            // A cue is page furniture (it says where the content goes on), wherever it falls:
            // inside a list it must not become one of the list's children.
            for it in super::as_artifact(super::Artifact::Layout, cue.items.iter().cloned()) {
                let mut it = it;
                shift(&mut it, self.frame.x, top);
                sheet.items.push(it);
            }
        }
        self.new_page();
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
        if let Some(page) = self.trace.as_mut().and_then(|t| t.last_mut()) {
            page.origins.push(c.origin.clone());
            page.used = top + c.height - self.frame.top;
        }
        super::side::extend(&mut sheet.sides, c, top, top + c.height);
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
            // What is kept with columns is kept with their first piece.
            Piece::Columns(set) => {
                h += space + set.units.first().map_or(0.0, |(_, c)| c.height);
                break;
            }
            Piece::Break | Piece::Repeat(_) | Piece::Frame(_) => break,
            Piece::Anchor(_)
            | Piece::Header { .. }
            | Piece::Footer(_)
            | Piece::Cue(_)
            | Piece::Marking(_) => {}
        }
    }
    h
}

/// Lays pieces onto pages, starting with `frame`.
pub(crate) fn paginate(
    pieces: &[Piece],
    frame: Frame,
    ts: &super::text::Typesetter,
    min_pt: f32,
) -> Result<Paged, LayoutError> {
    let mut st = State::new(frame, false, ts, min_pt);
    st.new_page();
    for i in 0..pieces.len() {
        st.feed(pieces, i)?;
        st.within_limit()?;
    }
    st.finish_sides();
    if let Some(e) = LayoutError::collect(std::mem::take(&mut st.errors)) {
        return Err(e);
    }
    if !st.waiting.is_empty() {
        let page = st.sheets.len();
        for a in st.waiting.drain(..) {
            st.anchors.entry(a).or_insert(page);
        }
    }
    let mut sheets = st.sheets;
    if let Some(last) = sheets.last_mut() {
        last.ends_part = true;
    }
    count_form_pages(&mut sheets);
    let templates = st
        .templates
        .into_iter()
        .map(|(from, mut shared)| {
            shared.form = sheets[from].form.clone();
            shared
        })
        .collect();
    Ok(Paged {
        sheets,
        anchors: st.anchors,
        templates,
    })
}

/// Paginates `pieces` (content that starts on a new page) on their own, serialized copies
/// counted once, and returns what landed on each page: the pages one copy takes.
pub(crate) fn measure(
    pieces: &[Piece],
    frame: Frame,
    ts: &super::text::Typesetter,
    min_pt: f32,
) -> Result<Vec<PageTrace>, LayoutError> {
    let mut flat = Vec::with_capacity(pieces.len());
    for p in pieces {
        match p {
            Piece::Repeat(r) => flat.extend(r.pieces.iter().cloned()),
            other => flat.push(other.clone()),
        }
    }
    let mut st = State::new(frame, true, ts, min_pt);
    st.new_page();
    for i in 0..flat.len() {
        st.feed(&flat, i)?;
        st.within_limit()?;
    }
    if let Some(e) = LayoutError::collect(std::mem::take(&mut st.errors)) {
        return Err(e);
    }
    let mut pages = st.trace.take().unwrap_or_default();
    // A trailing page holding nothing (a break after the last content) is not a page.
    while pages.len() > 1 && pages.last().is_some_and(|p| p.origins.is_empty()) {
        pages.pop();
    }
    Ok(pages)
}

/// Fills in every sheet's form line: the form's code and "page n of N" within its count.
fn count_form_pages(sheets: &mut [Sheet]) {
    let mut totals: BTreeMap<usize, usize> = BTreeMap::new();
    for s in sheets.iter() {
        if let Some((count, _)) = &s.footer {
            *totals.entry(*count).or_default() += 1;
        }
    }
    let mut nth: BTreeMap<usize, usize> = BTreeMap::new();
    for s in sheets.iter_mut() {
        let Some((count, f)) = s.footer.take() else {
            continue;
        };
        let n = nth.entry(count).or_default();
        *n += 1;
        let page = (!f.page_label.is_empty())
            .then(|| super::furniture::page_label(&f.page_label, *n, totals[&count]));
        s.form = Some(FormLine {
            code: f.code,
            page,
            boxes: f.boxes,
        });
    }
}

impl State<'_> {
    /// Lays `pieces[i]` onto the pages.
    fn feed(&mut self, pieces: &[Piece], i: usize) -> Result<(), LayoutError> {
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
            Piece::Footer(f) => self.start_footer(f.clone()),
            Piece::Cue(c) => self.cue = c.as_deref().cloned(),
            Piece::Marking(m) => {
                self.marking = m.clone();
                if self.empty {
                    let sheet = self.sheets.last_mut().expect("a page exists");
                    sheet.marking = self.marking.clone();
                }
            }
            Piece::Frame(f) => {
                self.frame = *f;
                if self.empty {
                    let sheet = self.sheets.last_mut().expect("a page exists");
                    sheet.size = f.page;
                    self.y = f.top;
                } else {
                    self.break_pending = true;
                }
            }
            Piece::Repeat(r) => self.repeat(r)?,
            Piece::Columns(set) => self.columns(set)?,
            Piece::Chunk(c) => self.chunk(c, pieces, i)?,
        }
        Ok(())
    }

    /// Places a chunk, on a new page when it (or the chain kept with it) does not fit.
    fn chunk(&mut self, c: &Chunk, pieces: &[Piece], i: usize) -> Result<(), LayoutError> {
        let frame = self.frame;
        if c.height > frame.height() + 0.001 {
            self.errors.push(LayoutError::TooTall {
                origin: c.origin.clone(),
                height_mm: c.height,
                available_mm: frame.height(),
            });
            return Ok(());
        }
        if std::mem::take(&mut self.break_pending) {
            self.break_page();
        }
        let chain = chain_height(pieces, i);
        let need_header = |st: &State| match &c.table {
            Some(t) if st.table_here != Some(t.id) => t.header.height,
            _ => 0.0,
        };
        let fits = |st: &State, h: f32| h + need_header(st) <= st.room() + 0.001;
        if !self.empty && (!fits(self, c.height) || (chain <= frame.height() && !fits(self, chain)))
        {
            self.overflow();
        }
        // A row on a page its table did not start on: the heading again, marked as continued.
        if let Some(t) = &c.table {
            if self.table_here != Some(t.id) {
                let header = (*t.header).clone();
                self.place(&header);
            }
        }
        self.place(c);
        Ok(())
    }

    /// Content in columns: fills the columns of each page in turn, the last page balanced.
    fn columns(&mut self, set: &ColumnSet) -> Result<(), LayoutError> {
        if std::mem::take(&mut self.break_pending) {
            self.break_page();
        }
        let mut rest = &set.units[..];
        while !rest.is_empty() {
            let room = self.room();
            let h = columns::balanced_height(rest, set.count);
            let (h, last) = if h <= room + 0.001 {
                (h, true)
            } else {
                (room, false)
            };
            let cols = columns::pack(rest, h, set.count);
            let taken = cols.last().map_or(0, |r| r.end);
            if taken == 0 {
                if self.empty {
                    let (_, c) = &rest[0];
                    self.errors.push(LayoutError::TooTall {
                        origin: c.origin.clone(),
                        height_mm: c.height,
                        available_mm: self.frame.height(),
                    });
                    rest = &rest[1..];
                    continue;
                }
                self.overflow();
                continue;
            }
            let chunk = columns::set_columns(set, rest, &cols);
            self.place(&chunk);
            rest = &rest[taken..];
            if !last && !rest.is_empty() {
                self.overflow();
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
            self.break_page();
        }
        let footer = self.footer.as_ref().map(|(_, f)| f.clone());
        // Every copy counts its own pages.
        self.start_footer(footer.clone());
        let first = self.sheets.len() - 1;
        let header = |c: &Filled| c.header.clone().map(|t| (t, r.continued.clone()));
        self.header = r.copies.first().and_then(header);
        self.header_pages = 0;
        self.stamp_header();
        for i in 0..r.pieces.len() {
            self.feed(&r.pieces, i)?;
        }
        self.finish_sides();
        let mut pages = Vec::new();
        for (k, sheet) in self.sheets[first..].iter_mut().enumerate() {
            let t = self.templates.len();
            self.templates.push((
                first + k,
                SharedPage {
                    size: sheet.size,
                    items: std::mem::take(&mut sheet.items),
                    form: None,
                },
            ));
            pages.push((t, std::mem::take(&mut sheet.slots), sheet.size));
        }
        for (copy_no, copy) in r.copies.iter().enumerate() {
            if copy_no > 0 {
                self.start_footer(footer.clone());
                self.within_limit()?;
            }
            for (nth, (t, slots, size)) in pages.iter().enumerate() {
                let sheet = Sheet {
                    items: fill(copy, slots),
                    header: copy
                        .header
                        .as_ref()
                        .map(|h| header_text(h, &r.continued, nth)),
                    slots: Vec::new(),
                    template: Some(*t),
                    size: *size,
                    footer: self.footer.clone(),
                    form: None,
                    ends_part: nth + 1 == pages.len(),
                    marking: self.marking.clone(),
                    sides: Vec::new(),
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
