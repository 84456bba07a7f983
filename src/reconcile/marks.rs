//! What the marks on a sheet mean: the boxes of each field of a serialized form or checklist
//! (where the layout put them, from `Item::Mark`), and the ink `scan::marks` measured in
//! them → ticked, empty or uncertain per box, and per field its value: the options ticked,
//! written or empty. Handwriting is never read as text: a person reads it from the image.
//!
//! Thresholds (share of the inside of a box that holds ink, calibrated on the project's own
//! generated scans: `tools/bench/omr.rs`, BENCHMARKS.md "Mark reading"): a checkbox with
//! less than [`TICK_EMPTY_BELOW`] is empty, from [`TICK_FROM`] ticked, between them uncertain
//! (a faint or small mark, a stroke reaching into it); from [`FILLED_FROM`] it is filled in,
//! which is how a tick is crossed out, and uncertain (a correction for a person to judge).
//! The ink is counted from a quarter of full darkness, so a pencil line counts and scanner
//! noise does not.

use crate::layout::{Document, Item, MarkKind};
use crate::payload::Payload;
use crate::scan::{CodePlace, MarkBox, Marks, Quality, SheetLayout};

/// A checkbox with less ink than this (share of its inside) is empty: empty boxes and boxes
/// with a stroke across their edge measured 0.000 on the generated scans at 150–300 dpi.
pub const TICK_EMPTY_BELOW: f32 = 0.02;
/// A checkbox with this much ink or more is ticked (below [`FILLED_FROM`]): ballpoint ticks
/// measured 0.19 and more, crosses 0.33 and more, faint pencil ticks 0.048–0.144.
pub const TICK_FROM: f32 = 0.045;
/// A checkbox this full is filled in: a crossed-out tick, uncertain (filled boxes measured
/// 0.85 and more, crosses at most 0.50).
pub const FILLED_FROM: f32 = 0.65;
/// A character box with less ink than this is empty (empty ones measured 0.000, the
/// lightest written one 0.019).
pub const CHAR_EMPTY_BELOW: f32 = 0.01;
/// A character box with this much ink or more is written in.
pub const CHAR_FROM: f32 = 0.03;
/// An area to write on (lines, a box) with less ink than this is empty (empty ones
/// measured 0.000, written ones 0.035 and more).
pub const AREA_EMPTY_BELOW: f32 = 0.003;
/// An area to write on with this much ink or more is written on.
pub const AREA_FROM: f32 = 0.01;

/// How a field is filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Pick one of its options.
    One,
    /// Pick any of its options (a single checkbox too).
    Any,
    /// Written by hand (character boxes, lines, a box): written or empty only.
    Write,
}

impl Kind {
    /// `one`, `any`, `write`.
    pub fn key(self) -> &'static str {
        match self {
            Kind::One => "one",
            Kind::Any => "any",
            Kind::Write => "write",
        }
    }
}

/// One field of a sheet as printed: its key, what it asks and where its boxes are.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    /// The key it is read under (a form field's `id`, else `f<n>`; a checklist item's number).
    pub key: String,
    /// Its label as printed.
    pub label: String,
    /// How it is filled in.
    pub kind: Kind,
    /// The labels of its options, in order (empty for a written field).
    pub options: Vec<String>,
    /// Its boxes: the option (or character box, line) each is and its index in
    /// [`SheetSpec::layout`]'s boxes.
    pub boxes: Vec<(u32, usize)>,
}

/// The page of a form or checklist that carries its code, as the layout printed it.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetSpec {
    /// Where the code and the boxes are.
    pub layout: SheetLayout,
    /// Its fields, in layout order.
    pub fields: Vec<FieldSpec>,
}

/// What a field's key, label and options are, by key: from the kit.
pub struct Described {
    /// Key, label, kind and option labels.
    pub fields: Vec<(String, String, Kind, Vec<String>)>,
}

impl SheetSpec {
    /// The sheet spec of page `page` of `doc`, placed by its code that `is_code` picks, with
    /// the fields `described` names (marks of other keys, another checklist's beside it, are
    /// left out); `None` when the page has no such code or nothing to read.
    pub fn of_page(
        doc: &Document,
        page: usize,
        is_code: impl Fn(&Payload) -> bool,
        described: &Described,
    ) -> Option<SheetSpec> {
        let p = doc.pages.get(page)?;
        let mut finders = None;
        let mut boxes = Vec::new();
        let mut fields: Vec<FieldSpec> = Vec::new();
        for it in doc.page_items(page) {
            match it {
                Item::Qr {
                    x,
                    y,
                    module,
                    quiet,
                    modules,
                    payload,
                } if finders.is_none() && Payload::parse(payload).is_ok_and(|p| is_code(&p)) => {
                    let q = *quiet as f32 * module;
                    finders = Some(CodePlace {
                        x: x + q,
                        y: y + q,
                        module: *module,
                        modules: modules.len(),
                    });
                }
                Item::Mark {
                    x,
                    y,
                    w,
                    h,
                    kind,
                    key,
                    index,
                } => {
                    let Some((_, label, fkind, options)) =
                        described.fields.iter().find(|(k, ..)| k == key)
                    else {
                        continue;
                    };
                    boxes.push(MarkBox {
                        x: *x,
                        y: *y,
                        w: *w,
                        h: *h,
                        outlined: *kind != MarkKind::Write,
                    });
                    let at = (*index, boxes.len() - 1);
                    match fields.iter_mut().find(|f| f.key == *key) {
                        Some(f) => f.boxes.push(at),
                        None => fields.push(FieldSpec {
                            key: key.clone(),
                            label: label.clone(),
                            kind: *fkind,
                            options: options.clone(),
                            boxes: vec![at],
                        }),
                    }
                }
                _ => {}
            }
        }
        let finders = finders?;
        (!fields.is_empty()).then_some(SheetSpec {
            layout: SheetLayout {
                page: (p.width, p.height),
                code: finders,
                boxes,
            },
            fields,
        })
    }

    /// What the marks read on the scan mean.
    pub fn judge(&self, marks: &Marks) -> SheetRead {
        if let Some(why) = &marks.quality.poor {
            return SheetRead::NotRead(why.clone());
        }
        let fields: Vec<FieldRead> = self
            .fields
            .iter()
            .map(|f| judge_field(f, &self.layout, marks))
            .collect();
        SheetRead::Read {
            quality: marks.quality.clone(),
            fields,
        }
    }
}

/// What one box holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxIs {
    /// Ticked, or written in.
    Marked,
    /// Nothing.
    Empty,
    /// For a person to judge: a faint or small mark.
    Faint,
    /// A filled box: a tick crossed out, for a person to judge.
    Filled,
}

impl BoxIs {
    /// The state of a box of `kind` with `ink`.
    pub fn of(kind: Kind, outlined: bool, ink: f32) -> BoxIs {
        let (empty, marked, filled) = match (kind, outlined) {
            (Kind::Write, true) => (CHAR_EMPTY_BELOW, CHAR_FROM, f32::INFINITY),
            (Kind::Write, false) => (AREA_EMPTY_BELOW, AREA_FROM, f32::INFINITY),
            _ => (TICK_EMPTY_BELOW, TICK_FROM, FILLED_FROM),
        };
        if ink >= filled {
            BoxIs::Filled
        } else if ink >= marked {
            BoxIs::Marked
        } else if ink < empty {
            BoxIs::Empty
        } else {
            BoxIs::Faint
        }
    }
}

/// A box a person must look at.
#[derive(Debug, Clone, PartialEq)]
pub struct Doubt {
    /// The option (or character box, line) from 0.
    pub index: u32,
    /// The option's label (empty for a written field).
    pub option: String,
    /// The ink measured, share of the box.
    pub ink: f32,
    /// Why, in words.
    pub why: &'static str,
}

/// The value of one field as read.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRead {
    /// Its key.
    pub key: String,
    /// Its label.
    pub label: String,
    /// How it is filled in.
    pub kind: Kind,
    /// The options ticked (for a written field: nothing).
    pub ticked: Vec<String>,
    /// Written on (a written field).
    pub written: bool,
    /// Boxes a person must look at; a field with any is uncertain.
    pub doubts: Vec<Doubt>,
    /// Also uncertain: more than one option of a pick-one field ticked.
    pub several: bool,
    /// Where the field lies on the scan image, pixels (left, top, width, height): around
    /// all its boxes, for showing it beside its value.
    pub at: [u32; 4],
}

impl FieldRead {
    /// Whether a person must confirm it.
    pub fn uncertain(&self) -> bool {
        !self.doubts.is_empty() || self.several
    }

    /// Nothing ticked or written, and nothing in doubt.
    pub fn empty(&self) -> bool {
        self.ticked.is_empty() && !self.written && !self.uncertain()
    }

    /// The value as a short text: the options ticked (`; ` between), `written`, or empty;
    /// `?` when uncertain.
    pub fn value(&self) -> String {
        if self.uncertain() {
            return "?".into();
        }
        match self.kind {
            Kind::Write if self.written => "written".into(),
            Kind::Write => String::new(),
            _ => self.ticked.join("; "),
        }
    }
}

/// What reading a sheet's marks gave.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetRead {
    /// The layout of its code page is not known (another version, a drill copy), or the code
    /// page was not among the pages read: the fields are for a person to read.
    NotKnown,
    /// The scan is too poor to read marks (why): its code only was read.
    NotRead(String),
    /// Read.
    Read {
        /// How the page was scanned.
        quality: Quality,
        /// Every field.
        fields: Vec<FieldRead>,
    },
}

impl SheetRead {
    /// Read, and nothing on it is ticked, written or in doubt.
    pub fn unused(&self) -> bool {
        matches!(self, SheetRead::Read { fields, .. } if fields.iter().all(FieldRead::empty))
    }

    /// The fields read (none when not read).
    pub fn fields(&self) -> &[FieldRead] {
        match self {
            SheetRead::Read { fields, .. } => fields,
            _ => &[],
        }
    }
}

fn judge_field(f: &FieldSpec, layout: &SheetLayout, marks: &Marks) -> FieldRead {
    let mut r = FieldRead {
        key: f.key.clone(),
        label: f.label.clone(),
        kind: f.kind,
        ticked: Vec::new(),
        written: false,
        doubts: Vec::new(),
        several: false,
        at: [0; 4],
    };
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    for &(index, b) in &f.boxes {
        let (Some(read), Some(spec)) = (marks.boxes.get(b), layout.boxes.get(b)) else {
            continue;
        };
        let [x, y, w, h] = read.at;
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x + w), y1.max(y + h));
        let option = f.options.get(index as usize).cloned().unwrap_or_default();
        match BoxIs::of(f.kind, spec.outlined, read.ink) {
            BoxIs::Marked if f.kind == Kind::Write => r.written = true,
            BoxIs::Marked => r.ticked.push(option),
            BoxIs::Empty => {}
            BoxIs::Faint => r.doubts.push(Doubt {
                index,
                option,
                ink: read.ink,
                why: "a faint or small mark",
            }),
            BoxIs::Filled => r.doubts.push(Doubt {
                index,
                option,
                ink: read.ink,
                why: "the box is filled in: a tick crossed out?",
            }),
        }
    }
    // A written field with one faint stroke among written boxes is written.
    if f.kind == Kind::Write && r.written {
        r.doubts.clear();
    }
    r.several = f.kind == Kind::One && r.ticked.len() > 1;
    if x1 > 0 {
        r.at = [x0, y0, x1 - x0, y1 - y0];
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_split_ticked_empty_and_uncertain() {
        assert_eq!(BoxIs::of(Kind::Any, true, 0.0), BoxIs::Empty);
        assert_eq!(BoxIs::of(Kind::Any, true, 0.015), BoxIs::Empty);
        assert_eq!(BoxIs::of(Kind::Any, true, 0.03), BoxIs::Faint);
        assert_eq!(BoxIs::of(Kind::Any, true, 0.2), BoxIs::Marked);
        assert_eq!(BoxIs::of(Kind::One, true, 0.9), BoxIs::Filled);
        // Handwriting is never "filled": a dense character is written.
        assert_eq!(BoxIs::of(Kind::Write, true, 0.9), BoxIs::Marked);
        assert_eq!(BoxIs::of(Kind::Write, false, 0.002), BoxIs::Empty);
    }
}
