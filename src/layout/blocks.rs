//! The content model the page engine flows onto pages.
//!
//! Builders (the binder, drill packets, test page) describe a document as a list of
//! [`Block`]s; `layout::flow` places them on pages. A block never knows its page.

/// Where a block comes from, so that a layout failure can name the kit item and its TOML line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Origin {
    /// What the block is, in words: `checklist "vid-avbrott"`.
    pub what: String,
    /// `file:line:column` of the item in the kit, when known.
    pub location: Option<String>,
    /// For content made of rows (a log sheet): its rows and their height in mm, so that a
    /// block too tall for the page can say how many rows would fit.
    pub rows: Option<(u32, f32)>,
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

/// Horizontal share of the content width: a number of columns of a 12-column grid, or mm.
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
    /// A quarter of the line.
    Quarter,
    /// Three quarters of the line.
    ThreeQuarters,
    /// `n` of the 12 grid columns of the line (1–12).
    Grid(u8),
    /// A fixed width in mm.
    Mm(f32),
    /// What the line's other cells leave (shared equally by the cells of this width).
    Rest,
}

/// Grid columns of a line.
pub const GRID: u8 = 12;

impl Width {
    /// Grid columns this width takes (`None` for a fixed width).
    pub fn grid(self) -> Option<u8> {
        Some(match self {
            Width::Full => GRID,
            Width::Half => 6,
            Width::Third => 4,
            Width::TwoThirds => 8,
            Width::Quarter => 3,
            Width::ThreeQuarters => 9,
            Width::Grid(n) => n.clamp(1, GRID),
            Width::Mm(_) | Width::Rest => return None,
        })
    }

    /// The width in mm on a line `line` mm wide whose cells are `gap` mm apart: grid cells
    /// line up with the grid whatever else shares their line.
    pub fn mm(self, line: f32, gap: f32) -> f32 {
        match (self, self.grid()) {
            (Width::Mm(mm), _) => mm,
            (_, Some(n)) => (line + gap) * f32::from(n) / f32::from(GRID) - gap,
            (_, None) => line,
        }
    }
}

/// How wide a [`Column`] is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnWidth {
    /// A share of what the fixed columns leave, in proportion to the weights.
    Weight(f32),
    /// A fixed width in mm (character boxes, dates, checkboxes).
    Mm(f32),
    /// A fixed share of the table's width (0–1).
    Share(f32),
    /// As wide as its widest paragraph set on one line (for phone numbers that must never
    /// break), at most half the table.
    Fit,
}

/// A column of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header text (bold, repeated at the top of every page the table continues on).
    pub header: String,
    /// Its width.
    pub width: ColumnWidth,
    /// Columns of one series (a month's day columns) come out equally wide.
    pub series: Option<usize>,
    /// A weighted column made at least as wide as the widest piece of its cells that may
    /// not break (text between plain spaces: "Kyrkogatan\u{a0}8"), when the line has room
    /// for that; else its pieces are hyphenated as usual.
    pub whole_words: bool,
    /// A heading over this column and its neighbours of the same group ("Travel time" over
    /// "Air" and "Ground"): the heading row then has two levels.
    pub group: Option<String>,
}

/// A table: a heading row and rows that never split; the heading row repeats at the top of
/// every page the table continues on, under the `continued` line.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// Rows of cells; a cell is a list of blocks.
    pub rows: Vec<Vec<Vec<Block>>>,
    /// Size of the heading row and text cells, pt.
    pub size_pt: f32,
    /// Printed above the repeated heading row on every page the table continues on
    /// ("Artiklar (forts.)"); `None` repeats the heading row alone.
    pub continued: Option<String>,
    /// Least height of a row (not the heading row), mm: rows left blank to write in.
    pub min_row_mm: f32,
    /// What to blame when the table cannot be laid out (else the enclosing block).
    pub origin: Option<Origin>,
    /// A list without cell outlines: little padding, a rule under the heading row and
    /// under each row (a contents list).
    pub plain: bool,
}

impl Table {
    /// A table of `columns` and `rows` with text at `size_pt`.
    pub fn new(columns: Vec<Column>, rows: Vec<Vec<Vec<Block>>>, size_pt: f32) -> Table {
        Table {
            columns,
            rows,
            size_pt,
            continued: None,
            min_row_mm: 0.0,
            origin: None,
            plain: false,
        }
    }

    /// The table as a plain list: no cell outlines, little padding, a rule under each row.
    pub fn plain(mut self) -> Table {
        self.plain = true;
        self
    }

    /// The table blamed on `origin` when it cannot be laid out.
    pub fn origin(mut self, origin: Origin) -> Table {
        self.origin = Some(origin);
        self
    }

    /// The table with rows at least `mm` high.
    pub fn min_row(mut self, mm: f32) -> Table {
        self.min_row_mm = mm;
        self
    }

    /// The table with a "continued" line above its repeated heading row.
    pub fn continued(mut self, text: impl Into<String>) -> Table {
        self.continued = Some(text.into());
        self
    }
}

/// The footer line of a form's pages: its code and edition, and its own page count.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormFooter {
    /// The form's code and edition, as printed ("Blankett HM-1 · utg. 3").
    pub code: Option<String>,
    /// The form's own page label with `{page}` and `{pages}` ("Blankett sida {page} av
    /// {pages}"); empty for none. Pages are counted per copy.
    pub page_label: String,
    /// Labelled boxes to write in at the foot of each of its pages, above the footer line
    /// ("IAP Page", "Date/Time"); the content above them is shorter by their height.
    pub boxes: Vec<String>,
}

/// The sides of a [`Block::QrBare`] whose quiet zone lies outside the block: above, in the
/// gap between a page's running header and its content; at the right, in the gap between
/// columns or the page margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bleed {
    /// The quiet zone above lies above the block.
    pub top: bool,
    /// The quiet zone at the right lies right of the block.
    pub right: bool,
}

/// An option of [`Block::Checkboxes`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Choice {
    /// The label beside the box ("" for a bare box).
    pub text: String,
    /// A line to write on after the label ("Annat: ______").
    pub write_in: bool,
    /// Options under this one, on the next line, indented.
    pub sub: Vec<Choice>,
}

impl From<&str> for Choice {
    fn from(text: &str) -> Choice {
        Choice {
            text: text.to_string(),
            ..Choice::default()
        }
    }
}

impl From<String> for Choice {
    fn from(text: String) -> Choice {
        Choice {
            text,
            ..Choice::default()
        }
    }
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
            width: ColumnWidth::Weight(weight),
            series: None,
            whole_words: false,
            group: None,
        }
    }

    /// A column of a fixed width in mm.
    pub fn fixed(header: impl Into<String>, mm: f32) -> Column {
        Column {
            header: header.into(),
            width: ColumnWidth::Mm(mm),
            series: None,
            whole_words: false,
            group: None,
        }
    }

    /// A column as wide as its widest paragraph on one line.
    pub fn fit(header: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            width: ColumnWidth::Fit,
            series: None,
            whole_words: false,
            group: None,
        }
    }

    /// The column kept at least as wide as its widest unbreakable piece, when it can be
    /// (see [`Column::whole_words`]).
    pub fn whole_words(mut self) -> Column {
        self.whole_words = true;
        self
    }

    /// The column under the group heading `group` (see [`Column::group`]).
    pub fn in_group(mut self, group: Option<String>) -> Column {
        self.group = group;
        self
    }

    /// The column as one of the series `id` (equally wide columns).
    pub fn in_series(mut self, id: usize) -> Column {
        self.series = Some(id);
        self
    }

    /// A column taking a fixed share (0–1) of the table's width.
    pub fn share(header: impl Into<String>, share: f32) -> Column {
        Column {
            header: header.into(),
            width: ColumnWidth::Share(share),
            series: None,
            whole_words: false,
            group: None,
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
    /// Text that is never hyphenated: a QR code's payload, an identifier. Where it must
    /// break it breaks between characters, without an added hyphen, so that it reads (and
    /// can be typed) as printed; mandatory line breaks are kept.
    Literal { text: String, size_pt: f32 },
    /// Short lines set one under the other without space between them, each wrapped on its
    /// own and at its own size (a contact card: role, numbers, hours); never split.
    Lines { lines: Vec<(Vec<Span>, f32)> },
    /// A numbered list; each item keeps together; numbering starts at `start`.
    NumberedList {
        start: u32,
        items: Vec<Vec<Block>>,
        size_pt: f32,
    },
    /// A table; rows never split; the header row repeats on every page; a row is never
    /// left alone on a page (the first two and the last two rows stay together).
    Table(Table),
    /// Children placed side by side, each in its share of the width; never split.
    Row {
        cells: Vec<(Width, Vec<Block>)>,
        gap_mm: f32,
    },
    /// A line of form fields side by side: like [`Block::Row`], but the first label of
    /// every cell is padded to the tallest of the line, so that the fields' boxes start on
    /// one line (and their text shares one baseline) even when a label wraps.
    FieldRow {
        cells: Vec<(Width, Vec<Block>)>,
        gap_mm: f32,
    },
    /// Content set in `count` columns side by side, `gap_mm` apart, balanced; it breaks
    /// across pages between its pieces (headings stay with what follows them), each page's
    /// columns filled in turn and the last page's balanced.
    Columns {
        count: u8,
        gap_mm: f32,
        blocks: Vec<Block>,
        /// Space between the pieces of a column, when set, instead of what each piece asks
        /// for (cards set close, their own margins clear): mm.
        space_mm: Option<f32>,
    },
    /// Pages from here on are printed in this orientation; when it changes, the next
    /// content starts on a new page. Only at the top level of a document.
    Orientation(super::page::Orientation),
    /// Sets the form footer of the pages from here on (`None` clears it); each one, and
    /// every copy of [`Block::Copies`], counts its own pages.
    FormFooter(Option<FormFooter>),
    /// Children set right of a narrow bar that holds `label` upwards, beside as much of them
    /// as each page holds ("Beställare" beside the sections a requester fills in); without a
    /// label the bar's column is left empty, keeping the content in line with labelled
    /// groups.
    SideLabel {
        label: Option<String>,
        blocks: Vec<Block>,
    },
    /// Children blamed on `origin` when they cannot be laid out (a form's section, a field):
    /// placed like the children alone, breaking between them as they would.
    Part { origin: Origin, blocks: Vec<Block> },
    /// Form elements read back from scans under `key` (a form's field, a checklist's item):
    /// placed like the children alone, each box a person marks also given as an
    /// [`Item::Mark`] with the key.
    Read { key: String, blocks: Vec<Block> },
    /// Content that is set as tightly as it must be (see `layout::density`): laid out at the
    /// loosest density at which it takes the fewest pages it can, so that a form that would
    /// spill onto another page is tightened first, within the field rules. With `pages`, it
    /// is an error when even the tightest setting needs more pages, naming the parts that do
    /// not fit and the millimetres missing. Only at the top level of a document (it may hold
    /// copies and orientation changes); it starts on a new page.
    Fit {
        origin: Origin,
        pages: Option<u32>,
        blocks: Vec<Block>,
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
    /// A box to write in with its label inside at the upper left, in small bold type: the
    /// box is as tall as the label plus `write_mm` of room to write. In a
    /// [`Block::FieldRow`] its label area is padded like the labels above other fields.
    /// A pre-filled `value` is printed on the writing line.
    TextField {
        label: String,
        write_mm: f32,
        value: Option<String>,
    },
    /// Character boxes: `groups` gives the boxes per group, `separators` what is printed
    /// between them, one character per gap, the last repeated (a personnummer: `[8, 4]` and
    /// `"-"`; a date and time: `[4, 2, 2, 2, 2]` and `"-- :"`). A space is a wider gap at
    /// which the boxes wrap onto a second row when the line is too narrow.
    CharBoxes {
        label: String,
        groups: Vec<u32>,
        separators: String,
        prefill: Option<String>,
    },
    /// Checkboxes, one per option, laid out across the line; a single checkbox when one option.
    /// An option with `write_in` has a line to write on after its label; an option with
    /// options of its own ends its line, and they follow on the next, indented under it.
    Checkboxes {
        label: Option<String>,
        options: Vec<Choice>,
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
    /// A QR code alone, its payload printed next to it by the builder (a form's header prints
    /// it beside the serial); as [`Block::Qr`] otherwise. The quiet zone on the sides in
    /// `bleed` lies outside the block, in space the builder keeps clear.
    QrBare {
        payload: String,
        module_mm: f32,
        bleed: Bleed,
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
    /// A picture (a logo, a diagram) `width_mm` wide, or as wide as the line when that is
    /// narrower, as tall as its proportions make it; never split; `alt` says what it shows to
    /// a reader who does not see it. An error when taller than a page.
    Image {
        picture: std::sync::Arc<crate::picture::Picture>,
        alt: String,
        width_mm: f32,
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
    /// The cue printed at the foot of a page when the content continues on the next page
    /// ("Fortsätter på nästa sida"), from here on; `None` ends it. Room for it is kept free
    /// at the foot of every page while it is in force.
    Cue(Option<String>),
    /// The marking printed in the footer of the pages from here on instead of the
    /// document's classification (`Some("")` prints none); `None` restores the document's.
    Marking(Option<String>),
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
