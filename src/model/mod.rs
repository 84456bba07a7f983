//! The typed kit model: what a kit says, with the source location of every item.
//!
//! Produced by `load`, checked by `validate`, laid out by the binder. Values that can be
//! invalid (phone numbers, dates, ids) are parsed during loading; a model value always
//! carries the [`Loc`] it came from so a later stage can point back at the TOML.

pub mod dataset;
pub mod drill;
mod fingerprint;
pub mod guide;
pub mod hours;
mod ids;
mod numbering;
pub mod outage;
pub mod personnummer;
pub mod phone;
mod recovery;
pub mod shelf;
mod stock;

pub use dataset::{Dataset, SnapshotSettings};
pub use drill::{
    Call, CallResult, ClockTime, Drill, DrillLog, FollowUp, Inject, Scenario, ScenarioKind,
    DAY_MINUTES,
};
pub mod short_numbers;

pub use fingerprint::canonical_text;
pub use guide::{Insert, RefKind, Role, Term, TextPiece};
pub use ids::is_slug;
pub use outage::{Intake, Location, Poster, Recovery, ReservRange, Usage};
pub use phone::PhoneNumber;
pub use recovery::RECOVERY_ID;
pub use shelf::ShelfLog;
pub use short_numbers::Country;
pub use stock::{StockLine, DEFAULT_OUTAGE_HOURS};

use chrono::NaiveDate;
use serde::Serialize;

/// Where something is in the kit's sources: file index into `Sources` and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// Index of the file in [`crate::load::Sources`].
    pub file: usize,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
}

/// A value with the location it was read from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct At<T> {
    /// The value.
    pub v: T,
    /// Where it is.
    pub loc: Loc,
}

impl<T> At<T> {
    /// Pairs a value with its location.
    pub fn new(v: T, loc: Loc) -> Self {
        At { v, loc }
    }
}

/// Language of the kit's built-in labels.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Swedish.
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

/// How critical the function is that the kit keeps running; life and health first.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Priority {
    /// Life and health depend on it.
    LifeAndHealth,
    /// Essential for care or the authority's core duty.
    Essential,
    /// Important, can wait hours.
    #[default]
    Important,
    /// Can wait until systems are back.
    Deferrable,
}

/// The whole kit.
#[derive(Debug, Serialize, Clone, PartialEq, Default)]
pub struct Kit {
    /// Metadata from `[kit]`.
    pub meta: KitMeta,
    /// Contacts, in source order (includes merged in).
    pub contacts: Vec<Contact>,
    /// Procedures.
    pub procedures: Vec<Procedure>,
    /// Forms.
    pub forms: Vec<Form>,
    /// Checklists.
    pub checklists: Vec<Checklist>,
    /// Activity logs.
    pub logs: Vec<Log>,
    /// Copies of each form/log a unit should hold: artifact id → count.
    pub stock: Vec<(At<String>, At<u32>)>,
    /// Drill scenarios.
    pub scenarios: Vec<Scenario>,
    /// The activation poster (`[poster]`).
    pub poster: Option<Poster>,
    /// Intake channels to close or redirect when the paper routine starts.
    pub intake: Vec<Intake>,
    /// What happens when the system is back (`[recovery]`).
    pub recovery: Option<Recovery>,
    /// Where the printed binders are kept.
    pub locations: Vec<Location>,
    /// Reservnummer ranges per unit.
    pub reservnummer: Vec<ReservRange>,
    /// The roles people act in (`[[role]]`), declared once.
    pub roles: Vec<Role>,
    /// The kit's words and abbreviations, explained in the binder (`[[term]]`).
    pub terms: Vec<Term>,
    /// Material printed elsewhere and kept in the binder (`[[insert]]`).
    pub inserts: Vec<Insert>,
    /// Where the copies of a form or log beyond those the binder prints are kept
    /// (`[stock]` `id = { copies = 60, kept = "…" }`): artifact id → where.
    pub stock_kept: Vec<(At<String>, At<String>)>,
    /// The shelf-check log (`shelf-checks.toml`); not printed, not in the fingerprint.
    #[serde(skip)]
    pub shelf: ShelfLog,
    /// The drill log (`drills.toml` beside `kit.toml`); empty when there is none. Not
    /// printed: not part of the fingerprint (recording a drill keeps printouts current).
    #[serde(skip)]
    pub drills: DrillLog,
    /// Exports the kit prints from at run time (`downkit snapshot`). What a snapshot
    /// prints, not the binder: not part of the fingerprint (changing a dataset leaves the
    /// binder's printouts current).
    #[serde(skip)]
    pub datasets: Vec<Dataset>,
    /// Every text the kit will print, for the font-coverage check (a copy of what the
    /// fields above hold).
    #[serde(skip)]
    pub texts: Vec<At<String>>,
}

/// `[kit]`: what the kit is.
#[derive(Debug, Serialize, Clone, PartialEq, Default)]
pub struct KitMeta {
    /// Slug: lower-case letters, digits and `-`.
    pub id: At<String>,
    /// Title.
    pub title: At<String>,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Organisation that owns the routine.
    pub organisation: String,
    /// Role responsible for the kit.
    pub owner: String,
    /// Version, printed on every page.
    pub version: At<String>,
    /// Label language.
    pub language: Lang,
    /// Paper size.
    pub paper: crate::layout::Paper,
    /// Date the version was issued.
    pub issued: At<NaiveDate>,
    /// Date by which the kit must be reviewed.
    pub review_by: At<NaiveDate>,
    /// Classification marking printed on every page.
    pub classification: Option<String>,
    /// Priority of the function the kit keeps running.
    pub priority: Priority,
    /// Who decides that the paper routine is in force and how staff learn of it.
    pub activation: String,
    /// How to use this kit.
    pub how_to_use: String,
    /// A logo printed in the header band of every form that has none of its own.
    pub logo: Option<Image>,
    /// Kit-supplied regular and bold font files, resolved against the kit folder.
    pub fonts: Option<(At<std::path::PathBuf>, At<std::path::PathBuf>)>,
    /// Days between drills (`drill-interval-days`); `None` means the default, quarterly.
    pub drill_interval: Option<At<u32>>,
    /// Folders outside the kit folder that its files may be read from (`shared-folders`),
    /// as written, relative to the kit folder. Where files are read from, not what is
    /// printed: not part of the fingerprint.
    #[serde(skip)]
    pub shared_folders: Vec<At<String>>,
    /// What the contact sheet holds.
    pub contact_sheet: ContactSheet,
    /// Hours of outage the kit plans its stock for (`outage-hours`); `None` is 72.
    pub outage_hours: Option<At<u32>>,
    /// How snapshots of the kit's datasets are dated and judged (not the binder: not part
    /// of the fingerprint).
    #[serde(skip)]
    pub snapshot: SnapshotSettings,
    /// The country the kit's national phone numbers are dialled in (`country = "SE"`).
    #[serde(skip_serializing_if = "Country::is_default")]
    pub country: Country,
    /// Location of the `[kit]` table.
    pub loc: Loc,
}

/// What the contact sheet holds (`contact-sheet`).
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContactSheet {
    /// The one-page phone list, then the detailed entries with their `tel:` codes.
    #[default]
    Full,
    /// Only the phone list.
    List,
    /// Only the detailed entries.
    Details,
}

/// Days between drills when the kit does not say: quarterly.
pub const DEFAULT_DRILL_INTERVAL_DAYS: u32 = 91;

impl KitMeta {
    /// Hours of outage the kit plans for.
    pub fn outage_hours(&self) -> u32 {
        self.outage_hours
            .as_ref()
            .map_or(DEFAULT_OUTAGE_HOURS, |h| h.v)
    }

    /// Days between drills.
    pub fn drill_interval_days(&self) -> u32 {
        self.drill_interval
            .as_ref()
            .map_or(DEFAULT_DRILL_INTERVAL_DAYS, |d| d.v)
    }
}

/// Kind of a phone number.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// Mobile phone.
    Mobile,
    /// Landline / direct line.
    Landline,
    /// Switchboard.
    Switchboard,
    /// Fax.
    Fax,
}

/// A labelled phone number.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Phone {
    /// What kind of line it is.
    pub kind: PhoneKind,
    /// The number, parsed.
    pub number: At<PhoneNumber>,
}

/// One way of reaching a contact, in the fallback chain.
#[derive(Debug, Serialize, Clone, PartialEq, Eq)]
pub enum Channel {
    /// Call the contact's mobile.
    Mobile,
    /// Call the landline.
    Landline,
    /// Call via the switchboard.
    Switchboard,
    /// Send a fax.
    Fax,
    /// Radio (Rakel), with the talk group when given (`rakel: VO-KALMAR-1`).
    Rakel(Option<String>),
    /// A messenger on foot.
    Messenger,
    /// Anything else, as written.
    Other(String),
}

/// A person or function to contact.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Contact {
    /// Id used by procedure steps.
    pub id: At<String>,
    /// Group heading on the contact sheet.
    pub group: String,
    /// Role.
    pub role: At<String>,
    /// Name of the person, when the entry is a person.
    pub name: Option<String>,
    /// Organisation.
    pub organisation: Option<String>,
    /// Phone numbers; the first is the primary.
    pub phones: Vec<Phone>,
    /// Ordered fallback chain.
    pub fallback: Vec<Channel>,
    /// Opening hours / availability.
    pub hours: Option<String>,
    /// Where to find them.
    pub location: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// When the entry was last verified.
    pub verified: At<NaiveDate>,
    /// Location of the table.
    pub loc: Loc,
}

/// A procedure: numbered steps.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Procedure {
    /// Id.
    pub id: At<String>,
    /// Title.
    pub title: At<String>,
    /// When to use it.
    pub when: String,
    /// Who does it, as free text (a kit from before roles: `who = "…"`).
    pub who: String,
    /// The roles that may carry it out (`who = ["role-id", …]`).
    pub roles: Vec<At<String>>,
    /// The short line the start page and the poster print for it ("Akut behov i natt?");
    /// the title when `None`.
    pub start: Option<At<String>>,
    /// Steps, numbered from 1.
    pub steps: Vec<Step>,
    /// Location.
    pub loc: Loc,
}

/// One step of a procedure.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Step {
    /// Optional id, the target of branches.
    pub id: Option<At<String>>,
    /// What to do.
    pub text: At<String>,
    /// Contact to call.
    pub call: Option<At<String>>,
    /// Further contacts to call, after `call` (`call = ["day-line", "night-line"]`): the one
    /// that answers at the time.
    pub call_also: Vec<At<String>>,
    /// When the step applies (`at = "Mån–fre 08.00–16.30"`), printed before its text;
    /// `None` is at any time.
    pub at: Option<At<String>>,
    /// The step ends the procedure (`end = true`): steps after it are done only when a
    /// step sends the reader there.
    pub end: bool,
    /// Form to fill in.
    pub form: Option<At<String>>,
    /// Checklist to run.
    pub checklist: Option<At<String>>,
    /// Log to keep.
    pub log: Option<At<String>>,
    /// Lists the kit's intake channels to close or redirect under the step.
    pub intake: bool,
    /// Branches: condition and step id to go to.
    pub branches: Vec<Branch>,
    /// Location.
    pub loc: Loc,
}

impl Step {
    /// Every contact the step calls, in order.
    pub fn calls(&self) -> impl Iterator<Item = &At<String>> {
        self.call.iter().chain(self.call_also.iter())
    }
}

/// "If … go to step N".
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Branch {
    /// The condition, as written ("Om mottagningen inte svarar").
    pub when: String,
    /// Id of the step to go to.
    pub goto: At<String>,
}

/// Width of a form field or table column: grid columns of the 12-column line.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq)]
pub struct FieldWidth(pub u8);

impl FieldWidth {
    /// The whole line.
    pub const FULL: FieldWidth = FieldWidth(12);
    /// Three quarters of the line.
    pub const THREE_QUARTERS: FieldWidth = FieldWidth(9);
    /// Two thirds of the line.
    pub const TWO_THIRDS: FieldWidth = FieldWidth(8);
    /// Half the line.
    pub const HALF: FieldWidth = FieldWidth(6);
    /// A third of the line.
    pub const THIRD: FieldWidth = FieldWidth(4);
    /// A quarter of the line.
    pub const QUARTER: FieldWidth = FieldWidth(3);
    /// The names a kit may use for widths, with their grid columns.
    pub const NAMES: [(&'static str, FieldWidth); 6] = [
        ("full", FieldWidth::FULL),
        ("three-quarters", FieldWidth::THREE_QUARTERS),
        ("two-thirds", FieldWidth::TWO_THIRDS),
        ("half", FieldWidth::HALF),
        ("third", FieldWidth::THIRD),
        ("quarter", FieldWidth::QUARTER),
    ];
}

impl Default for FieldWidth {
    fn default() -> Self {
        FieldWidth::FULL
    }
}

/// What a field asks for.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub enum FieldKind {
    /// A short text box.
    Text,
    /// Several ruled lines.
    Lines(u32),
    /// A date, ÅÅÅÅ-MM-DD boxes.
    Date,
    /// A time, HH:MM boxes.
    Time,
    /// Date and time.
    DateTime,
    /// A number.
    Number,
    /// A phone number.
    Phone,
    /// Personnummer / samordningsnummer / reservnummer: 12 boxes ÅÅÅÅMMDD-NNNN.
    Personnummer,
    /// Fixed-length character boxes.
    Boxes(u32),
    /// A single checkbox.
    Checkbox,
    /// Pick one.
    Choice(Vec<ChoiceOption>),
    /// Pick any.
    MultiChoice(Vec<ChoiceOption>),
    /// Signature, printed name and date.
    Signature,
    /// A line of instruction, nothing to fill in.
    Instruction,
}

/// An option of a choice: a box to tick with its label, a line to write on after it
/// ("Annat: ____"), and the options under it (a list within the list).
#[derive(Debug, Serialize, Clone, PartialEq, Default)]
pub struct ChoiceOption {
    /// The label beside the box.
    pub label: String,
    /// A line to write on after the label.
    pub write_in: bool,
    /// Options under this one, ticked with it ("Rullstol" → "Manuell", "Elektrisk").
    pub options: Vec<ChoiceOption>,
}

impl ChoiceOption {
    /// A plain option: a box and its label.
    pub fn plain(label: impl Into<String>) -> ChoiceOption {
        ChoiceOption {
            label: label.into(),
            ..ChoiceOption::default()
        }
    }

    /// This option and every option under it, in order.
    pub fn all(&self) -> Vec<&ChoiceOption> {
        let mut out = vec![self];
        for o in &self.options {
            out.extend(o.all());
        }
        out
    }
}

/// A form field.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Field {
    /// Label (or the instruction text).
    pub label: At<String>,
    /// Kind.
    pub kind: FieldKind,
    /// Width hint.
    pub width: FieldWidth,
    /// Pre-filled value, printed in the field.
    pub value: Option<At<String>>,
    /// A short help text printed under the label.
    pub help: Option<String>,
    /// `signature` fields: the signer's role or position, printed in the signature line
    /// ("Enhetschef"); empty means it is written in by hand.
    pub role: Option<String>,
    /// Who fills it in and when (`id`, `filled-by`, `when`).
    #[serde(skip_serializing_if = "FieldUse::is_default")]
    pub fill: FieldUse,
    /// Location.
    pub loc: Loc,
}

/// Who fills a field in and when: what lets `check` see a checklist demand a field that a
/// procedure's people leave blank.
#[derive(Debug, Serialize, Clone, PartialEq, Default)]
pub struct FieldUse {
    /// The field's id, for `fields = ["form.field"]` of a checklist item.
    pub id: Option<At<String>>,
    /// The roles that fill it in (`filled-by = ["forskrivare"]`); empty is anyone.
    pub filled_by: Vec<At<String>>,
    /// `when = "later"`: it may stay blank now and is filled in later by `filled-by`;
    /// `"now"` (the default) when written so.
    pub when: Option<At<String>>,
}

impl FieldUse {
    /// True when nothing is declared (left out of the fingerprint).
    pub fn is_default(&self) -> bool {
        *self == FieldUse::default()
    }

    /// True for `when = "later"`.
    pub fn later(&self) -> bool {
        self.when.as_ref().is_some_and(|w| w.v == "later")
    }
}

/// What a table column asks for in each row.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub enum ColumnKind {
    /// Free text (an empty cell).
    Text,
    /// A number (an empty cell).
    Number,
    /// Fixed-length character boxes.
    Boxes(u32),
    /// ÅÅÅÅ-MM-DD boxes.
    Date,
    /// HH:MM boxes.
    Time,
    /// One checkbox.
    Checkbox,
    /// A checkbox per option.
    Choice(Vec<ChoiceOption>),
}

/// A column of a table in a form or log.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct TableColumn {
    /// Heading, repeated on every page the table continues on.
    pub heading: At<String>,
    /// What each row asks for.
    pub kind: ColumnKind,
    /// Width, when set; else a text column shares what is left and a boxes, date, time,
    /// checkbox or choice column is as wide as its boxes.
    pub width: Option<At<FieldWidth>>,
    /// Columns printed from one `repeat` share a number (and come out equally wide).
    pub series: Option<usize>,
    /// A heading over this column and its neighbours with the same group (two-level
    /// headings: "Travel time" over "Air" and "Ground").
    pub group: Option<String>,
    /// Location.
    pub loc: Loc,
}

/// A table in a form section: heading row, blank and pre-filled rows.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct FormTable {
    /// Columns.
    pub columns: Vec<TableColumn>,
    /// Pre-filled rows (cells as printed), before the blank rows.
    pub filled: Vec<Vec<At<String>>>,
    /// Blank rows after the pre-filled ones.
    pub rows: u32,
    /// Height of a blank row, mm (8.5 by default, as log rows).
    pub row_height: f32,
    /// Number the rows (a narrow first column 1, 2, 3 …).
    pub numbered: bool,
    /// Location.
    pub loc: Loc,
}

/// Height of a handwritten table row, mm (field rules: 8–9 mm between write-in lines).
pub const ROW_HEIGHT: f32 = 8.5;

/// A picture a kit prints (`image = { file = "plan.svg", alt = "…", width = 80 }`, a form's
/// or the kit's `logo`): the file as named, its alternative text, the printed size asked
/// for, and the picture itself once the loader has read and decoded it.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Image {
    /// The file, relative to the kit file that names it.
    pub file: At<String>,
    /// What the picture shows, in words: read aloud by screen readers, and the text of the
    /// PDF's figure.
    pub alt: At<String>,
    /// Printed width, mm (a logo: its height sets the size instead).
    pub width_mm: Option<At<u32>>,
    /// Printed height, mm.
    pub height_mm: Option<At<u32>>,
    /// The decoded picture (`None` until loaded, or when it could not be read).
    #[serde(skip)]
    pub picture: Option<std::sync::Arc<crate::picture::Picture>>,
    /// Location of the table.
    pub loc: Loc,
}

/// A section of a form.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Section {
    /// Heading; empty for a section that continues the one before without a heading.
    pub title: At<String>,
    /// Fields in order.
    pub fields: Vec<Field>,
    /// A table after the fields.
    pub table: Option<FormTable>,
    /// Columns its fields are set in side by side (1–3).
    pub columns: u8,
    /// Never split across pages (by default a section breaks between its fields and rows).
    pub keep_together: bool,
    /// A picture printed after the heading, before the fields (a diagram, a map).
    pub image: Option<Image>,
    /// A word set upwards in a bar beside this section and the ones next to it with the same
    /// side label ("Beställare", "Logistik", "Ekonomi").
    pub side_label: Option<String>,
    /// Location.
    pub loc: Loc,
}

/// Serial numbering of a form.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Serial {
    /// Copies to print.
    pub copies: u32,
    /// Prefix, e.g. `HM-`.
    pub prefix: String,
    /// First number.
    pub first: u32,
    /// Digits, zero-padded.
    pub digits: u32,
}

impl Serial {
    /// The serial of copy `i` (0-based).
    pub fn nth(&self, i: u32) -> String {
        format!(
            "{}{:0w$}",
            self.prefix,
            self.first + i,
            w = self.digits as usize
        )
    }
}

/// A form.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Form {
    /// Id.
    pub id: At<String>,
    /// Title.
    pub title: At<String>,
    /// What the form is for.
    pub purpose: String,
    /// Sections.
    pub sections: Vec<Section>,
    /// Serial numbering, when the form is serialized.
    pub serial: Option<Serial>,
    /// Whether the back-entry block is printed (default true).
    pub back_entry: bool,
    /// Whether it holds personal data (prints the marking).
    pub personal_data: bool,
    /// Why a form with personal data has no identity field (`no-identity`): it holds data of
    /// people who are not the clients (staff signatures, visitors), never a client's.
    pub no_identity: Option<At<String>>,
    /// How many pages one copy may take (`pages = 1`): a form that does not fit even set as
    /// tightly as the field rules allow is then an error naming what does not fit.
    pub pages: Option<At<u32>>,
    /// Which way up its pages are printed.
    pub orientation: crate::layout::Orientation,
    /// The form's own code, printed on every page ("Blankett HM-1", "ICS 213 RR").
    pub code: Option<String>,
    /// The form's edition, printed beside the code ("utg. 3", "Rev. 1/2009").
    pub edition: Option<String>,
    /// Labelled boxes at the foot of each of its pages ("IAP Page", "Date/Time").
    pub footer_boxes: Vec<String>,
    /// A logo printed at the left of the header band (the kit's `logo` when it has none).
    pub logo: Option<Image>,
    /// Expected use during an outage.
    pub usage: Option<At<Usage>>,
    /// The roles that fill it in (`who = [...]`).
    pub roles: Vec<At<String>>,
    /// Location.
    pub loc: Loc,
}

impl Form {
    /// The key field `field` of section `section` (both from 0) is read back from scans
    /// under: its `id` where it has one, else `f<n>`, `n` its place among the form's fields
    /// from 1 (instructions counted).
    pub fn field_key(&self, section: usize, field: usize) -> String {
        let f = &self.sections[section].fields[field];
        match &f.fill.id {
            Some(id) => id.v.clone(),
            None => {
                let before: usize = self.sections[..section]
                    .iter()
                    .map(|s| s.fields.len())
                    .sum();
                format!("f{}", before + field + 1)
            }
        }
    }

    /// Every field with its [`Form::field_key`], in order.
    pub fn keyed_fields(&self) -> Vec<(String, &Field)> {
        let mut out = Vec::new();
        for (i, s) in self.sections.iter().enumerate() {
            for (j, f) in s.fields.iter().enumerate() {
                out.push((self.field_key(i, j), f));
            }
        }
        out
    }
}

/// The form code and edition as printed in the footer: "ICS 213 RR · Rev. 1/2009".
pub fn code_line(code: Option<&str>, edition: Option<&str>) -> Option<String> {
    match (code, edition) {
        (None, None) => None,
        (Some(c), None) => Some(c.to_string()),
        (None, Some(e)) => Some(e.to_string()),
        (Some(c), Some(e)) => Some(format!("{c} · {e}")),
    }
}

/// READ-DO or DO-CONFIRM.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq)]
pub enum ChecklistKind {
    /// Read a step, do it.
    ReadDo,
    /// Do from memory, then confirm.
    DoConfirm,
}

/// What a checklist entry is.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq, Default)]
pub enum ItemKind {
    /// An item to check or do.
    #[default]
    Check,
    /// A sub-heading (`text` is the heading): level 1 divides the checklist into its pause
    /// points (and its columns); level 2 heads a group within one, whose items are indented.
    Heading(u8),
    /// A shared stem ("Har patienten:"): the items after it complete it, indented.
    Stem,
    /// The end of the innermost group (a level-2 heading's or a stem's): what follows is
    /// no longer indented under it.
    EndGroup,
}

/// A checklist item.
#[derive(Debug, Serialize, Clone, PartialEq, Default)]
pub struct ChecklistItem {
    /// What to check or do.
    pub text: At<String>,
    /// The required state ("KLAR", "Faxad").
    pub response: String,
    /// Responses to choose from, a checkbox each ("Ja", "Nej"); empty for none.
    pub responses: Vec<String>,
    /// Critical items are marked.
    pub critical: bool,
    /// Form fields the item requires to be filled in (`fields = ["form.field"]`).
    pub fields: Vec<At<String>>,
    /// A single tick box: before `response` when there is one, else before the text.
    pub tick: bool,
    /// An item, a sub-heading, a stem or the end of a group.
    pub kind: ItemKind,
}

impl ChecklistItem {
    /// True for a level-1 sub-heading: the start of a pause point.
    pub fn starts_part(&self) -> bool {
        self.kind == ItemKind::Heading(1)
    }

    /// True for an item to check.
    pub fn is_check(&self) -> bool {
        self.kind == ItemKind::Check
    }
}

/// A checklist.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Checklist {
    /// Id.
    pub id: At<String>,
    /// Title.
    pub title: At<String>,
    /// When to run it.
    pub pause_point: String,
    /// READ-DO / DO-CONFIRM; `None` is reported by validation.
    pub kind: Option<ChecklistKind>,
    /// Items.
    pub items: Vec<ChecklistItem>,
    /// Print a Time column.
    pub time_column: bool,
    /// Print an Initials column.
    pub initials_column: bool,
    /// Print the completion line.
    pub completion: bool,
    /// Columns its items are set in side by side (1–3); a sub-heading starts a column
    /// where it can.
    pub columns: u8,
    /// Which way up its page is printed (a landscape checklist gets a page of its own).
    pub orientation: crate::layout::Orientation,
    /// Its own code ("WHO"), printed under its title with the edition.
    pub code: Option<String>,
    /// Its edition ("Revised 1/2009").
    pub edition: Option<String>,
    /// A note printed in small type at its foot.
    pub footnote: Option<String>,
    /// The checklist it is printed beside, in one row (several short checklists on one
    /// page: the phases of one procedure).
    pub beside: Option<At<String>>,
    /// Location.
    pub loc: Loc,
}

/// An activity log sheet.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Log {
    /// Id.
    pub id: At<String>,
    /// Title.
    pub title: At<String>,
    /// Columns; empty means the language's default Time / What happened / Who.
    pub columns: Vec<TableColumn>,
    /// Fields printed at the top of every sheet (incident, patient, personnummer); empty
    /// means date, name and "continued on sheet".
    pub fields: Vec<Field>,
    /// Rows per sheet.
    pub rows: u32,
    /// Sheets to print in the binder.
    pub sheets: u32,
    /// Which way up its sheets are printed.
    pub orientation: crate::layout::Orientation,
    /// The log's own code, printed on every sheet ("ICS 214").
    pub code: Option<String>,
    /// Its edition ("Rev. 1/2017").
    pub edition: Option<String>,
    /// Expected use (sheets) during an outage.
    pub usage: Option<At<Usage>>,
    /// Location.
    pub loc: Loc,
}
