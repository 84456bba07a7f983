//! The laid-out document: pages of positioned boxes, in millimetres, with no PDF types.
//!
//! Coordinates: origin at the **top-left** corner of the page, x to the right, y downwards,
//! all in millimetres. Text is positioned by its baseline. The renderer converts to PDF space.

use std::collections::BTreeMap;

/// Paper sizes a kit can be printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm (595.28 × 841.89 pt).
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in (612 × 792 pt).
    Letter,
}

impl Paper {
    /// Width and height in millimetres, portrait.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
        }
    }

    /// Width and height in millimetres in `orientation`.
    pub fn oriented_mm(self, orientation: Orientation) -> (f32, f32) {
        let (w, h) = self.size_mm();
        match orientation {
            Orientation::Portrait => (w, h),
            Orientation::Landscape => (h, w),
        }
    }
}

/// Which way up a page is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum Orientation {
    /// Taller than wide (the default).
    #[default]
    Portrait,
    /// Wider than tall: wide tables, logs with many columns.
    Landscape,
}

/// Which face a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    /// Atkinson Hyperlegible Regular (or the kit's regular face).
    Regular,
    /// Atkinson Hyperlegible Bold (or the kit's bold face).
    Bold,
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A single line of text; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size_pt: f32,
        weight: Weight,
        text: String,
    },
    /// A line of text turned a quarter to the left, reading upwards (a side label beside a
    /// group of sections); `x`, `y` is the start of its baseline.
    UpText {
        x: f32,
        y: f32,
        size_pt: f32,
        weight: Weight,
        text: String,
    },
    /// A rectangle; `stroke_pt` outlines it, `fill` paints it black.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        stroke_pt: Option<f32>,
        fill: bool,
    },
    /// A straight line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width_pt: f32,
    },
    /// An open or closed polyline (ticks, arrows, markers); filled when `fill`.
    Path {
        points: Vec<(f32, f32)>,
        closed: bool,
        fill: bool,
        width_pt: f32,
    },
    /// Outlined (hollow) text, rotated `angle_deg` counter-clockwise about its baseline start;
    /// used for the watermark so that it never hides content. It is knocked out of every
    /// area `[x, y, w, h]` of `clear` (QR codes, numbers: see `layout::knockout`).
    OutlineText {
        x: f32,
        y: f32,
        size_pt: f32,
        weight: Weight,
        text: String,
        angle_deg: f32,
        stroke_pt: f32,
        clear: Vec<[f32; 4]>,
    },
    /// A QR code, drawn as sharp square modules (the PDF renderer uses a 1-bit image mask
    /// without interpolation). `x`, `y` is the top-left of the quiet zone; `module` is the
    /// module size in mm; `modules[row][col]` is true when dark (shared with the encoder's cache).
    Qr {
        x: f32,
        y: f32,
        module: f32,
        quiet: u32,
        modules: std::sync::Arc<Vec<Vec<bool>>>,
        payload: String,
    },
    /// A picture scaled into the box `x`, `y` (top-left), `w` × `h` mm.
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        picture: std::sync::Arc<crate::picture::Picture>,
    },
    /// Draws nothing: marks what the items between an [`Tag::Open`] and its [`Tag::Close`]
    /// are to a reader who does not see the page (the structure of a tagged PDF).
    Tag(Tag),
    /// Not drawn: where a box or line a person marks or writes in lies, so that it can be
    /// read back from a scan (`scan::marks`). `key` names the field (see
    /// [`crate::layout::Block::Read`]), `index` the box within it (an option, a character
    /// box, a line); `x`, `y`, `w`, `h` are the box's outline (for [`MarkKind::Write`] the
    /// area written in).
    Mark {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        kind: MarkKind,
        key: String,
        index: u32,
    },
}

/// What a person does in a [`Item::Mark`]ed area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkKind {
    /// A checkbox: ticked or not.
    Tick,
    /// A character box: written in or not (never read as text).
    Char,
    /// Lines or a box to write on: written on or not (never read as text); the area has no
    /// outline of its own.
    Write,
}

/// A structure marker in a list of items (see [`Item::Tag`]). Opens and closes pair up over
/// the whole document in reading order: a paragraph may open on one page and close on the
/// next. Items outside every open role get a default: text a paragraph of its own, a QR
/// code a figure described from its payload, other drawing decoration.
#[derive(Debug, Clone, PartialEq)]
pub enum Tag {
    /// The items up to the matching [`Tag::Close`] have this role.
    Open(Role),
    /// Ends the innermost open role.
    Close,
    /// In a page template: where the content of the copy's slot with this index is read
    /// (it is drawn by each page, see [`Tag::Fill`]).
    Slot(usize),
    /// On a page drawn from a template: the items up to [`Tag::EndFill`] are the content of
    /// the template's slot with this index.
    Fill(usize),
    /// Ends a [`Tag::Fill`].
    EndFill,
}

/// What a run of items is to a reader: plain layout data, mapped to PDF structure types by
/// the renderer.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A heading; level 1 is the highest.
    Heading(u8),
    /// A paragraph (also a line of a caption or a label printed on its own).
    Paragraph,
    /// A numbered list of [`Role::ListItem`]s.
    List,
    /// One item of a list: its [`Role::ListLabel`] and its [`Role::ListBody`].
    ListItem,
    /// The number of a list item ("3.").
    ListLabel,
    /// The content of a list item.
    ListBody,
    /// A table of [`Role::TableRow`]s.
    Table,
    /// One row of a table: [`Role::HeaderCell`]s or [`Role::Cell`]s.
    TableRow,
    /// A cell of the heading row: it names its column.
    HeaderCell,
    /// A cell of a row.
    Cell,
    /// A picture that means something, said in words by `alt` (a QR code: what it holds).
    Figure {
        /// The alternative text.
        alt: String,
    },
    /// A place to write by hand (box, character boxes, lines, signature line, checkbox),
    /// with the label it is known by.
    Field {
        /// The field's label ("Namn"; a checkbox: its option).
        label: String,
        /// Text or checkbox.
        kind: FieldKind,
    },
    /// Not content: page furniture and decoration.
    Artifact(Artifact),
}

/// What kind of handwritten field a [`Role::Field`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Text written by hand (boxes, lines, signature).
    Text,
    /// A checkbox, printed ticked or not.
    Checkbox {
        /// Printed ticked.
        checked: bool,
    },
}

/// What kind of page furniture a [`Role::Artifact`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// The running header at the top of a page.
    Header,
    /// The footer: kit, version, date, page label, classification, form code.
    Footer,
    /// A mark across the page ("ÖVNING").
    Watermark,
    /// Repeated or decorative content: a table's heading row again on a later page.
    Layout,
}

impl Item {
    /// The item opening `role`.
    pub fn open(role: Role) -> Item {
        Item::Tag(Tag::Open(role))
    }

    /// The item closing the innermost open role.
    pub fn close() -> Item {
        Item::Tag(Tag::Close)
    }

    /// True for a structure marker (draws nothing).
    pub fn is_tag(&self) -> bool {
        matches!(self, Item::Tag(_))
    }

    /// True for what draws nothing: a structure marker, or where a mark is read back.
    pub fn draws_nothing(&self) -> bool {
        matches!(self, Item::Tag(_) | Item::Mark { .. })
    }
}

/// Wraps `items` in `role`: an open marker before them and a close marker after.
pub fn wrap(role: Role, items: &mut Vec<Item>) {
    items.insert(0, Item::open(role));
    items.push(Item::close());
}

/// `items` as page furniture of `kind`: every structure marker in them dropped, the rest
/// wrapped as one artifact.
pub fn as_artifact(kind: Artifact, items: impl IntoIterator<Item = Item>) -> Vec<Item> {
    let mut out = vec![Item::open(Role::Artifact(kind))];
    out.extend(items.into_iter().filter(|i| !i.is_tag()));
    out.push(Item::close());
    out
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Width in mm.
    pub width: f32,
    /// Height in mm.
    pub height: f32,
    /// What is drawn, in drawing order (after the template's items, when there is one).
    pub items: Vec<Item>,
    /// Index into [`Document::templates`]: items shared with other pages, drawn first.
    /// Serialized copies share one template; only what differs is in `items`.
    pub template: Option<usize>,
    /// What follows starts on a new page by choice (the last page of a section, a copy or a
    /// sheet, or of the document): this page may be short; any other is full up to where
    /// the next block would not fit.
    pub ends_part: bool,
    /// A fingerprint of the page's content without furniture and print date (16 hex digits;
    /// see `layout::fingerprint`): unchanged content, unchanged fingerprint.
    pub fingerprint: String,
    /// The part of the binder the page is in: its running header, else its first line.
    pub section: String,
}

/// Items shared by several pages of one size (the unchanging part of serialized copies).
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// Width of the pages that use it, mm.
    pub width: f32,
    /// Height of the pages that use it, mm.
    pub height: f32,
    /// What is drawn, in drawing order.
    pub items: Vec<Item>,
}

/// Document-level metadata written into the PDF info dictionary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// Document title.
    pub title: String,
    /// Author: the kit's organisation.
    pub author: String,
    /// Subject line.
    pub subject: String,
    /// The print date, `YYYY-MM-DD`; also the PDF creation and modification date.
    pub print_date: String,
    /// BCP 47 language tag (`sv`, `en`).
    pub lang: String,
    /// The reprint record (JSON, ASCII only) a binder carries for `downkit diff`.
    pub reprint: Option<String>,
    /// What the document's QR codes are called by a reader, for their alternative text:
    /// an artifact id (or `-` for the kit) → its name ("Blankett HM-1"), a `tel:` URI → the
    /// number as printed. Codes not named here are described from their payload.
    pub code_names: BTreeMap<String, String>,
}

/// A laid-out document ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Metadata.
    pub meta: Meta,
    /// Pages in order.
    pub pages: Vec<Page>,
    /// Items shared by several pages (the unchanging part of serialized copies); a page
    /// names its template in [`Page::template`]. The renderer may draw each once (a PDF form
    /// XObject) and reference it from every page.
    pub templates: Vec<Template>,
    /// Anchor id → 1-based page number where the anchor landed.
    pub anchors: BTreeMap<String, usize>,
    /// Number of QR codes drawn.
    pub qr_count: usize,
    /// What was laid out but will not read well on paper (`check` reports it).
    pub warnings: Vec<super::LayoutWarning>,
}

impl Document {
    /// Everything drawn on page `index` (0-based), in drawing order: the page's template
    /// items first, then its own.
    pub fn page_items(&self, index: usize) -> impl Iterator<Item = &Item> {
        let page = &self.pages[index];
        let shared: &[Item] = page
            .template
            .and_then(|t| self.templates.get(t))
            .map_or(&[], |t| t.items.as_slice());
        shared.iter().chain(page.items.iter())
    }

    /// Every item of every page, in page and drawing order (template items once per page).
    pub fn all_items(&self) -> impl Iterator<Item = &Item> {
        (0..self.pages.len()).flat_map(move |i| self.page_items(i))
    }
}
