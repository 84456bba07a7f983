//! The back-entry ledger of one kit and incident: every sheet that came back from the
//! outage and what was done with it (entered in the system, checked by a second person,
//! voided, cancelled as a duplicate), until every sheet is accounted for.
//!
//! A plain TOML file beside the kit (`ledger-<incident>.toml` in the kit folder), one
//! `[[sheet]]` a sheet, written by `downkit reconcile` under a lock and atomically; people may
//! read it, and fix it by hand, like `drills.toml`. `text` writes it, `parse` reads it
//! strictly, `actions` changes it.

mod actions;
mod text;

#[cfg(test)]
mod tests;

pub use actions::{Action, LedgerError, Receipt, Target, UNUSED_REASON};
pub use text::{file_name, parse, schema, to_toml, FILE_PREFIX};

use crate::payload::PrintRun;
use crate::reconcile::PageRef;
use chrono::NaiveDate;

/// Something done to a sheet: when, by whom, with the case number or the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    /// The day it was done.
    pub date: NaiveDate,
    /// Who did it (initials or name).
    pub by: Option<String>,
    /// The case or order number in the system.
    pub case: Option<String>,
    /// Why (for a voided sheet).
    pub reason: Option<String>,
}

/// One sheet: a copy of a serialized form that came back, or that was accounted for by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// Form id.
    pub form: String,
    /// Serial as printed.
    pub serial: String,
    /// 1 for the sheet, 2, 3 … for further sheets with the same serial (a photocopied blank),
    /// written `HM-0007-B`, `HM-0007-C`.
    pub copy: u32,
    /// Print run, when its code carried one.
    pub run: Option<PrintRun>,
    /// Kit version printed on it.
    pub version: String,
    /// Content hash printed on it.
    pub hash: String,
    /// The day it was scanned (none when it was only entered or voided by hand).
    pub received: Option<NaiveDate>,
    /// The pages it was scanned from.
    pub pages: Vec<PageRef>,
    /// Entered in the system.
    pub entered: Option<Done>,
    /// The entry checked by a second person.
    pub checked: Option<Done>,
    /// Voided ("makulerad"): never to be entered.
    pub void: Option<Done>,
    /// The order was already in the system (entered electronically); the duplicate was
    /// cancelled there, the sheet is not entered again.
    pub duplicate: Option<Done>,
    /// Nothing was ticked or written on it when it was read: a blank copy, not work to enter
    /// (void it with `reconcile --void-unused`).
    pub unused: bool,
    /// Fields a person confirmed or corrected from the scan, in order.
    pub confirmed: Vec<Confirmed>,
}

/// A field's value confirmed (or corrected) by a person looking at the scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    /// The field's key (`reconcile --format json`, `read[].fields[].id`).
    pub field: String,
    /// The value as confirmed: the options ticked (`; ` between), `written`, or empty.
    pub value: String,
    /// Who confirmed it.
    pub by: String,
    /// When.
    pub date: NaiveDate,
}

/// The letter of copy `n` (2 → B).
pub fn copy_letter(copy: u32) -> Option<char> {
    (2..=26)
        .contains(&copy)
        .then(|| char::from(b'A' + (copy - 1) as u8))
}

impl Sheet {
    /// `HM-0007`, or `HM-0007-B` for a second sheet with that serial.
    pub fn id(&self) -> String {
        match copy_letter(self.copy) {
            Some(l) => format!("{}-{l}", self.serial),
            None if self.copy > 1 => format!("{}-{}", self.serial, self.copy),
            None => self.serial.clone(),
        }
    }

    /// Entered, voided or cancelled as a duplicate: nothing left to do.
    pub fn closed(&self) -> bool {
        self.entered.is_some() || self.void.is_some() || self.duplicate.is_some()
    }

    /// The state in one word: `open`, `unused` (blank when read: nothing to enter),
    /// `entered`, `void`, `duplicate-cancelled`.
    pub fn state(&self) -> &'static str {
        if self.void.is_some() {
            "void"
        } else if self.duplicate.is_some() {
            "duplicate-cancelled"
        } else if self.entered.is_some() {
            "entered"
        } else if self.unused {
            "unused"
        } else {
            "open"
        }
    }

    /// Still to be entered: not closed, and not a blank copy.
    pub fn open(&self) -> bool {
        !self.closed() && !self.unused
    }

    /// The print run in words, or that it was not recorded.
    pub fn run_text(&self) -> String {
        self.run
            .map_or_else(|| "not recorded".into(), |r| r.describe())
    }
}

/// The ledger of one kit and incident.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ledger {
    /// Kit id.
    pub kit: String,
    /// Incident id (a slug, such as `2026-03-natverk`).
    pub incident: String,
    /// When the outage began.
    pub started: Option<NaiveDate>,
    /// When it ended: after this day, sheets not entered are overdue (`status` exits 1).
    pub ended: Option<NaiveDate>,
    /// Who recorded the start.
    pub started_by: Option<String>,
    /// Who recorded the end.
    pub ended_by: Option<String>,
    /// The sheets, in the order they came back.
    pub sheets: Vec<Sheet>,
}

/// Counts of a ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Sheets in the ledger.
    pub sheets: usize,
    /// Scanned.
    pub received: usize,
    /// Entered in the system.
    pub entered: usize,
    /// Entries checked by a second person.
    pub checked: usize,
    /// Voided.
    pub void: usize,
    /// Cancelled as duplicates.
    pub duplicate: usize,
    /// Blank when read and not voided yet: nothing to enter.
    pub unused: usize,
    /// Not yet entered, voided or cancelled, and not blank.
    pub open: usize,
}

impl Ledger {
    /// A new, empty ledger.
    pub fn new(kit: &str, incident: &str) -> Ledger {
        Ledger {
            kit: kit.to_string(),
            incident: incident.to_string(),
            ..Ledger::default()
        }
    }

    /// The counts.
    pub fn totals(&self) -> Totals {
        let n = |f: fn(&Sheet) -> bool| self.sheets.iter().filter(|s| f(s)).count();
        Totals {
            sheets: self.sheets.len(),
            received: n(|s| s.received.is_some()),
            entered: n(|s| s.entered.is_some()),
            checked: n(|s| s.checked.is_some()),
            void: n(|s| s.void.is_some()),
            duplicate: n(|s| s.duplicate.is_some()),
            unused: n(|s| s.unused && !s.closed()),
            open: n(Sheet::open),
        }
    }

    /// Sheets still open while the incident has ended before `today`: overdue back-entry.
    pub fn overdue(&self, today: NaiveDate) -> usize {
        match self.ended {
            Some(end) if today > end => self.totals().open,
            _ => 0,
        }
    }
}
