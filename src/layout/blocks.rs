//! The content model the page engine flows onto pages.
//!
//! Builders (the binder, drill packets, test page) describe a document as a list of
//! [`Block`]s; `layout::flow` places them on pages. A block never knows its page.

/// Where a block comes from, so that a layout failure can name the kit item and its TOML line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// What the block is, in words: `checklist "vid-avbrott"`.
    pub what: String,
    /// `file:line:column` of the item in the kit, when known.
    pub location: Option<String>,
}

use super::Item;

/// A piece of inline text with a weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// True for bold.
    pub bold: bool,
}

/// Horizontal share of the content width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Width {
    /// The whole line.
    Full,
    /// Half the line.
    Half,
    /// A third of the line.
    Third,
    /// Two thirds of the line.
    TwoThirds,
    /// A fixed width in mm.
    Mm(f32),
}

/// A column of a [`Block::Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header text (bold, repeated at the top of every page the table continues on).
    pub header: String,
    /// Relative width (columns share the content width in proportion).
    pub weight: f32,
}

/// A vector symbol printed before a [`Block::Marked`] paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// A warning triangle with an exclamation mark: a critical step.
    Critical,
    /// A right-pointing arrow: "go to" / "then".
    Arrow,
    /// A tick: a confirmed state.
    Tick,
}

impl Column {
    /// A column with its header and relative width.
    pub fn new(header: impl Into<String>, weight: f32) -> Column {
        Column {
            header: header.into(),
            weight,
        }
    }
}

/// One block of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading; level 1 is the largest. Never left alone at the foot of a page.
    Heading {
        level: u8,
        text: String,
        anchor: Option<String>,
    },
    /// Running text, wrapped and hyphenated; may flow across pages between lines.
    Paragraph { spans: Vec<Span>, size_pt: f32 },
    /// A numbered list; each item keeps together; numbering starts at `start`.
    NumberedList {
        start: u32,
        items: Vec<Vec<Block>>,
        size_pt: f32,
    },
    /// A table; rows never split; the header row repeats on every page.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<Vec<Block>>>,
        size_pt: f32,
    },
    /// Children placed side by side, each in its share of the width; never split.
    Row {
        cells: Vec<(Width, Vec<Block>)>,
        gap_mm: f32,
    },
    /// Children that must stay on one page; an error when taller than a page.
    KeepTogether { origin: Origin, blocks: Vec<Block> },
    /// Start a new page.
    PageBreak,
    /// Records the page number the next content lands on under this id.
    Anchor(String),
    /// Vertical space.
    Spacer(f32),
    /// A thin horizontal rule across the width.
    Rule,
    /// A labelled empty box to write in (label at upper left, just above the box).
    LabelledBox { label: String, height_mm: f32 },
    /// Character boxes: `groups` gives the boxes per group, `separator` is printed between
    /// groups (for a personnummer: `[8, 4]` and `-`).
    CharBoxes {
        label: String,
        groups: Vec<u32>,
        separator: Option<char>,
        prefill: Option<String>,
    },
    /// Checkboxes, one per option, laid out across the line; a single checkbox when one option.
    Checkboxes {
        label: Option<String>,
        options: Vec<String>,
        checked: Vec<bool>,
    },
    /// Ruled write-in lines, 8.5 mm apart.
    WriteLines { label: String, lines: u32 },
    /// Signature line with printed name and date beneath.
    Signature { labels: Vec<String> },
    /// A QR code with its payload printed beside it as readable text.
    Qr {
        payload: String,
        module_mm: f32,
        caption: Option<String>,
    },
    /// A QR code drawn at exactly `module_mm`, without the 20 mm minimum symbol size that
    /// [`Block::Qr`] enforces (the 0.5 mm module floor still applies), its payload printed
    /// beside it. Only for the printer test page, which shows which module sizes survive
    /// copying; kit content uses [`Block::Qr`].
    QrExact {
        payload: String,
        module_mm: f32,
        caption: Option<String>,
    },
    /// A fixed-size vector drawing (rulers, calibration bars): `items` are positioned relative
    /// to the block's top-left corner, in mm with y down, and placed unchanged. Never split;
    /// an error when wider than the line.
    Drawing {
        width_mm: f32,
        height_mm: f32,
        items: Vec<Item>,
    },
    /// A large serial number box (for serialized forms), placed at the right.
    Serial { label: String, serial: String },
    /// A paragraph with a vector symbol at its left (the fonts have no ☐ ✓ → glyphs).
    Marked {
        marker: Marker,
        spans: Vec<Span>,
        size_pt: f32,
    },
    /// Serialized copies of the same content (one form, many serial numbers), laid out once.
    /// `blocks` is one copy; each [`Block::Slot`] in it marks a part that differs from copy
    /// to copy and is filled from the copy's [`CopyFill::slots`]. Every copy starts on a new
    /// page under its own running header (`continued` appended on its later pages); what
    /// follows starts on a new page with the running header cleared. Only at the top level
    /// of a document; `blocks` may not set running headers themselves.
    ///
    /// Pages of further copies are not laid out again: they reuse the first copy's layout
    /// (a page template) and place only the slots, as long as every slot has the height it
    /// had in the template; a copy whose slot differs starts a new template.
    Copies {
        continued: String,
        blocks: Vec<Block>,
        copies: Vec<CopyFill>,
    },
    /// A part of a [`Block::Copies`] copy that differs per copy: the block at this index of
    /// the copy's [`CopyFill::slots`]. Never splits across pages.
    Slot(usize),
    /// Sets the running header printed at the top of every page from here on (`None`
    /// clears it). On the second and later pages under the same header, `continued` is
    /// appended (e.g. "– fortsättning").
    RunningHeader {
        text: Option<String>,
        continued: String,
    },
}

/// What one copy of a [`Block::Copies`] puts into the shared layout.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyFill {
    /// The copy's running header.
    pub header: Option<String>,
    /// The content of each [`Block::Slot`], by index.
    pub slots: Vec<Block>,
}
