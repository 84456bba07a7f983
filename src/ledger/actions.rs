//! Changing a ledger: recording scanned sheets, and what the back office does with each —
//! entered, checked by a second person, voided, cancelled as a duplicate. Every mistake a
//! person can make here (a serial entered twice, one never printed, a check by the person
//! who entered it) is an error that says what happened before.

use super::{Done, Ledger, Sheet};
use crate::payload::PrintRun;
use crate::reconcile::{FoundSheet, Printed};
use chrono::NaiveDate;
use std::fmt;

/// What recording a scanned sheet did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receipt {
    /// A sheet not seen before (index in the ledger).
    New(usize),
    /// The same page was recorded before (the same file read again).
    Known(usize),
    /// Another sheet with a serial already received from other pages: a copied blank, or the
    /// same sheet scanned twice. Recorded as the next copy (`HM-0007-B`).
    Copy {
        /// The new sheet.
        index: usize,
        /// The sheet received first.
        first: usize,
    },
}

/// Which sheet a command names: a serial (`HM-0007`, or `HM-0007-B` for a second sheet with
/// it), and when needed its print run and form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The serial as written, with a copy letter when there is one.
    pub serial: String,
    /// The print run (`--run`), when two runs came back with that serial.
    pub run: Option<PrintRun>,
    /// The form (`--form`), when two forms print that serial.
    pub form: Option<String>,
}

/// What the back office did with a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Entered in the system under `case` by `by`.
    Enter { case: String, by: String },
    /// The entry checked by `by`, who did not enter it.
    Check { by: String },
    /// Voided, for `reason`.
    Void { reason: String, by: Option<String> },
    /// Already in the system as `case` (entered electronically); the duplicate was
    /// cancelled and the sheet is not entered again.
    Duplicate { case: String, by: String },
    /// The value of `field` read from the scan confirmed (or corrected to `value`) by `by`.
    Confirm {
        field: String,
        value: String,
        by: String,
    },
}

/// Why a ledger command was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerError {
    en: String,
    sv: String,
}

impl LedgerError {
    fn new(en: String, sv: String) -> LedgerError {
        LedgerError { en, sv }
    }

    /// The refusal in `lang` (the web app shows it in the kit's language).
    pub fn text(&self, lang: crate::model::Lang) -> &str {
        match lang {
            crate::model::Lang::Sv => &self.sv,
            crate::model::Lang::En => &self.en,
        }
    }
}

impl fmt::Display for LedgerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for LedgerError {}

fn when(d: &Done, sv: bool) -> String {
    let mut s = d.date.to_string();
    if let Some(c) = &d.case {
        s.push_str(&format!(", {} {c}", if sv { "ärende" } else { "case" }));
    }
    if let Some(b) = &d.by {
        s.push_str(&format!(", {} {b}", if sv { "av" } else { "by" }));
    }
    s
}

/// Splits `HM-0007-B` into the serial and copy 2.
fn split_copy(text: &str) -> (&str, u32) {
    if let Some((serial, l)) = text.rsplit_once('-') {
        if let [c @ b'B'..=b'Z'] = l.as_bytes() {
            if serial.ends_with(|ch: char| ch.is_ascii_digit()) {
                return (serial, u32::from(c - b'A') + 1);
            }
        }
    }
    (text, 1)
}

/// The reason `--void-unused` records.
pub const UNUSED_REASON: &str = "unused (blank when scanned)";

impl Ledger {
    /// Records a scanned sheet.
    pub fn receive(&mut self, s: &FoundSheet, today: NaiveDate) -> Receipt {
        let same = |x: &Sheet| {
            x.form == s.form
                && x.serial == s.serial
                && x.run == s.run
                && x.version == s.version
                && x.hash == s.hash
        };
        // The same page of the same file (its digest), under whatever name it was read: a
        // file scanned once and read again, renamed or uploaded twice, is no second sheet.
        let seen = |p: &crate::reconcile::PageRef| {
            s.pages
                .iter()
                .any(|q| q.digest == p.digest && q.page == p.page)
        };
        if let Some(i) = self
            .sheets
            .iter()
            .position(|x| same(x) && x.pages.iter().any(seen))
        {
            return Receipt::Known(i);
        }
        // A sheet entered or voided by hand before it was scanned takes its pages.
        if let Some(i) = self.sheets.iter().position(|x| {
            x.pages.is_empty()
                && x.form == s.form
                && x.serial == s.serial
                && (x.run == s.run || x.run.is_none())
        }) {
            let x = &mut self.sheets[i];
            x.run = s.run;
            x.version.clone_from(&s.version);
            x.hash.clone_from(&s.hash);
            x.received = Some(today);
            x.pages.clone_from(&s.pages);
            x.unused = s.unused();
            return Receipt::New(i);
        }
        let first = self.sheets.iter().position(same);
        let copy = self
            .sheets
            .iter()
            .filter(|x| same(x))
            .map(|x| x.copy)
            .max()
            .unwrap_or(0)
            + 1;
        self.sheets.push(Sheet {
            form: s.form.clone(),
            serial: s.serial.clone(),
            copy,
            run: s.run,
            version: s.version.clone(),
            hash: s.hash.clone(),
            received: Some(today),
            pages: s.pages.clone(),
            entered: None,
            checked: None,
            void: None,
            duplicate: None,
            unused: s.unused(),
            confirmed: Vec::new(),
        });
        let index = self.sheets.len() - 1;
        match first {
            Some(first) => Receipt::Copy { index, first },
            None => Receipt::New(index),
        }
    }

    /// The sheet a command names; a printed serial not in the ledger yet is added (entered or
    /// voided before it was scanned, or never to be scanned).
    fn select(&mut self, printed: &Printed, t: &Target) -> Result<usize, LedgerError> {
        let (serial, copy) = split_copy(t.serial.trim());
        if !crate::payload::is_serial(serial) {
            let shown = crate::payload::shown(t.serial.trim(), 40);
            return Err(LedgerError::new(
                format!(
                    "`{shown}` is not a serial: a serial is letters, digits and dashes as printed on the \
                     sheet, such as HM-0007 (HM-0007-B for a second sheet with it)"
                ),
                format!(
                    "`{shown}` är inget serienummer: det är bokstäver, siffror och bindestreck som på \
                     bladet, till exempel HM-0007 (HM-0007-B för ett andra blad med samma nummer)"
                ),
            ));
        }
        let mut forms: Vec<&str> = printed
            .forms
            .iter()
            .filter(|f| f.number_of(serial).is_some())
            .map(|f| f.id.as_str())
            .chain(
                self.sheets
                    .iter()
                    .filter(|s| s.serial == serial)
                    .map(|s| s.form.as_str()),
            )
            .collect();
        forms.sort_unstable();
        forms.dedup();
        if let Some(f) = &t.form {
            forms.retain(|x| x == f);
        }
        let form = match forms.as_slice() {
            [f] => f.to_string(),
            [] => {
                return Err(never_printed(
                    printed,
                    serial,
                    t.form
                        .as_deref()
                        .map(|f| crate::payload::shown(f, 40))
                        .as_deref(),
                ))
            }
            many => {
                return Err(LedgerError::new(
                    format!(
                        "`{serial}` is printed by the forms {}; say which with --form",
                        many.join(" and ")
                    ),
                    format!(
                        "`{serial}` trycks på blanketterna {}; ange vilken (--form)",
                        many.join(" och ")
                    ),
                ))
            }
        };
        let hits: Vec<usize> = (0..self.sheets.len())
            .filter(|&i| {
                let s = &self.sheets[i];
                s.form == form
                    && s.serial == serial
                    && s.copy == copy
                    && t.run.is_none_or(|r| s.run == Some(r))
            })
            .collect();
        match hits.as_slice() {
            [i] => return Ok(*i),
            [] => {}
            many => {
                let runs: Vec<String> = many
                    .iter()
                    .map(|&i| {
                        let s = &self.sheets[i];
                        let r = s
                            .run
                            .map_or_else(|| "not recorded".into(), |r| r.to_string());
                        format!("{r} (version {}, printed {})", s.version, s.run_text())
                    })
                    .collect();
                return Err(LedgerError::new(
                    format!(
                        "{} sheets {serial} came back, from different print runs: {}; say which with \
                         --run (the run is printed after the serial in the code's text)",
                        many.len(),
                        runs.join("; ")
                    ),
                    format!(
                        "{} blad {serial} kom tillbaka, från olika tryckomgångar: {}; ange vilken \
                         (--run; tryckomgången står efter serienumret i kodens text)",
                        many.len(),
                        runs.join("; ")
                    ),
                ));
            }
        }
        if copy > 1 {
            let shown = crate::payload::shown(t.serial.trim(), 40);
            return Err(LedgerError::new(
                format!("there is no sheet `{shown}`: copy letters are given to further sheets with one serial when they are scanned"),
                format!("det finns inget blad `{shown}`: bokstäverna ges till fler blad med samma serienummer när de skannas"),
            ));
        }
        let Some(pf) = printed
            .form(&form)
            .filter(|f| f.number_of(serial).is_some())
        else {
            return Err(never_printed(printed, serial, Some(&form)));
        };
        let runs: Vec<Option<PrintRun>> = {
            let mut r: Vec<_> = self
                .sheets
                .iter()
                .filter(|s| s.form == form)
                .map(|s| s.run)
                .collect();
            r.sort();
            r.dedup();
            r
        };
        let only = match runs.as_slice() {
            [one] => *one,
            _ => None,
        };
        let run = t.run.or(only);
        self.sheets.push(Sheet {
            form: pf.id.clone(),
            serial: serial.to_string(),
            copy: 1,
            run,
            version: printed.version.clone(),
            hash: printed.hash.clone(),
            received: None,
            pages: Vec::new(),
            entered: None,
            checked: None,
            void: None,
            duplicate: None,
            unused: false,
            confirmed: Vec::new(),
        });
        Ok(self.sheets.len() - 1)
    }

    /// Voids every sheet that was blank when read and is not closed, as of `today`, for the
    /// reason "unused (blank when scanned)"; returns their indices.
    pub fn void_unused(&mut self, by: Option<&str>, today: NaiveDate) -> Vec<usize> {
        let mut done = Vec::new();
        for (i, s) in self.sheets.iter_mut().enumerate() {
            if s.unused && !s.closed() {
                s.void = Some(Done {
                    date: today,
                    by: by.map(str::to_string),
                    case: None,
                    reason: Some(UNUSED_REASON.into()),
                });
                done.push(i);
            }
        }
        done
    }

    /// Does `action` to the sheet `target` names, as of `today`; returns its index.
    pub fn apply(
        &mut self,
        printed: &Printed,
        target: &Target,
        action: &Action,
        today: NaiveDate,
    ) -> Result<usize, LedgerError> {
        if let Action::Confirm { field, value, .. } = action {
            confirmable(printed, target, field, value)?;
        }
        let before = self.sheets.len();
        let i = self.select(printed, target)?;
        let result = self.act(i, action, today);
        if result.is_err() {
            self.sheets.truncate(before);
        }
        result.map(|()| i)
    }

    fn act(&mut self, i: usize, action: &Action, today: NaiveDate) -> Result<(), LedgerError> {
        let s = &mut self.sheets[i];
        let id = s.id();
        let done = |by: Option<&str>, case: Option<&str>, reason: Option<&str>| Done {
            date: today,
            by: by.map(str::to_string),
            case: case.map(str::to_string),
            reason: reason.map(str::to_string),
        };
        let refuse = |what: &str, sv: &str, d: &Done| {
            Err(LedgerError::new(
                format!("{id} was {what} on {}", when(d, false)),
                format!("{id} är redan {sv} {}", when(d, true)),
            ))
        };
        let closed = |s: &Sheet| -> Result<(), LedgerError> {
            if let Some(d) = &s.entered {
                return refuse("already entered", "införd", d);
            }
            if let Some(d) = &s.void {
                return refuse("voided", "makulerad", d);
            }
            if let Some(d) = &s.duplicate {
                return refuse("cancelled as a duplicate", "makulerad som dubblett", d);
            }
            Ok(())
        };
        match action {
            Action::Enter { case, by } => {
                closed(s)?;
                s.entered = Some(done(Some(by), Some(case), None));
            }
            Action::Duplicate { case, by } => {
                closed(s)?;
                s.duplicate = Some(done(Some(by), Some(case), None));
            }
            Action::Void { reason, by } => {
                closed(s)?;
                s.void = Some(done(by.as_deref(), None, Some(reason)));
            }
            Action::Confirm { field, value, by } => {
                closed(s)?;
                // A second confirmation of a field replaces the first (a correction).
                s.confirmed.retain(|c| c.field != *field);
                if !value.is_empty() {
                    s.unused = false;
                }
                s.confirmed.push(super::Confirmed {
                    field: field.clone(),
                    value: value.clone(),
                    by: by.clone(),
                    date: today,
                });
            }
            Action::Check { by } => {
                let Some(e) = &s.entered else {
                    return Err(LedgerError::new(
                        format!("{id} has not been entered; check it after `--entered {id}`"),
                        format!("{id} är inte införd; kontrollera den när den är införd"),
                    ));
                };
                if let Some(c) = &s.checked {
                    return refuse("already checked", "kontrollerad", c);
                }
                if e.by
                    .as_deref()
                    .is_some_and(|b| b.trim().eq_ignore_ascii_case(by.trim()))
                {
                    let by = e.by.as_deref().unwrap_or_default();
                    return Err(LedgerError::new(
                        format!("{id} was entered by {by}: the check is done by a second person"),
                        format!("{id} fördes in av {by}: kontrollen görs av en annan person"),
                    ));
                }
                s.checked = Some(done(Some(by), None, None));
            }
        }
        Ok(())
    }
}

/// Whether `value` is a value field `field` of the form `target` names can have: options of
/// it (`; ` between), `written` or nothing — never other text, so that the ledger holds the
/// kit's words only, no client's.
fn confirmable(
    printed: &Printed,
    target: &Target,
    field: &str,
    value: &str,
) -> Result<(), LedgerError> {
    let specs = printed
        .forms
        .iter()
        .filter(|f| target.form.as_deref().is_none_or(|id| f.id == id))
        .filter(|f| f.number_of(split_copy(&target.serial).0).is_some())
        .filter_map(|f| f.read.as_ref());
    let Some(spec) = specs.flat_map(|s| s.fields.iter()).find(|f| f.key == field) else {
        return Err(LedgerError::new(
            format!(
                "the form of {} has no field `{field}` that is read from scans; the ids are in \
                 `reconcile --format json` (read[].fields[].id)",
                target.serial
            ),
            format!(
                "blanketten {} har inget fält `{field}` som läses från inskanningar; id:na står \
                 i `reconcile --format json` (read[].fields[].id)",
                target.serial
            ),
        ));
    };
    let ok = match spec.kind {
        crate::reconcile::marks::Kind::Write => value.is_empty() || value == "written",
        _ => value
            .split("; ")
            .filter(|v| !v.is_empty())
            .all(|v| spec.options.iter().any(|o| o == v)),
    };
    if ok {
        return Ok(());
    }
    let options = spec
        .options
        .iter()
        .map(|o| format!("\"{o}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let (allowed, tillåtet) = match spec.kind {
        crate::reconcile::marks::Kind::Write => (
            "`written` or nothing".to_string(),
            "`written` eller ingenting".to_string(),
        ),
        _ => (
            format!("options of it, `; ` between: {options}"),
            format!("dess alternativ, med `; ` emellan: {options}"),
        ),
    };
    Err(LedgerError::new(
        format!(
            "\"{value}\" is no value of `{field}` (\"{}\"); give {allowed}",
            spec.label
        ),
        format!(
            "\"{value}\" är inget värde för `{field}` (\"{}\"); ange {tillåtet}",
            spec.label
        ),
    ))
}

fn never_printed(printed: &Printed, serial: &str, form: Option<&str>) -> LedgerError {
    let ranges: Vec<String> = printed
        .forms
        .iter()
        .filter(|f| form.is_none_or(|id| f.id == id))
        .map(|f| {
            let last = f.serial.first + f.serial.copies - 1;
            format!(
                "{} prints {}–{}",
                f.id,
                f.serial_of(f.serial.first),
                f.serial_of(last)
            )
        })
        .collect();
    let (known, known_sv) = if ranges.is_empty() {
        (
            "the kit has no serialized form".to_string(),
            "pärmen har ingen blankett med serienummer".to_string(),
        )
    } else {
        (
            ranges.join(", "),
            ranges.join(", ").replace(" prints ", " trycks "),
        )
    };
    LedgerError::new(
        format!(
            "`{serial}` was never printed ({known}); check the number on the sheet, or give \
             --copies as the kit was built with"
        ),
        format!("`{serial}` har aldrig tryckts ({known_sv}); kontrollera numret på bladet"),
    )
}
