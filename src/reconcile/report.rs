//! The reconciliation report: what came back (cumulative, from the ledger), what is missing
//! (gaps in the serials of each print run), sheets with one serial, drill copies, other kits
//! and versions, and pages that could not be read — as JSON and as text.

use super::marks::Kind;
use super::{Batch, FieldRead, PageRef, Printed, SeenCode, SheetRead, Unreadable};
use crate::ledger::{Ledger, Receipt, Sheet, Totals};
use crate::payload::PrintRun;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Serials of one form and print run that have not come back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gaps {
    /// Form id.
    pub form: String,
    /// Print run.
    pub run: Option<PrintRun>,
    /// Missing: printed, below the highest serial that came back, not received or voided.
    pub missing: Vec<String>,
    /// Printed after the highest serial that came back: probably still blank in the binder.
    pub not_used: Vec<String>,
}

/// The report of one reconcile run.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Kit id, version and hash now.
    pub printed: Printed,
    /// The ledger after this run.
    pub ledger: Ledger,
    /// Where the ledger is.
    pub ledger_path: String,
    /// What this run read.
    pub batch: Batch,
    /// Ledger indices of the sheets this run added.
    pub new: BTreeSet<usize>,
    /// Gaps per form and print run.
    pub gaps: Vec<Gaps>,
}

fn is_current(p: &Printed, s: &Sheet) -> bool {
    s.version == p.version && s.hash == p.hash && p.form(&s.form).is_some()
}

impl Report {
    /// Builds the report from the batch, the ledger it was recorded in, and the receipts.
    pub fn new(
        printed: Printed,
        ledger: Ledger,
        ledger_path: String,
        batch: Batch,
        receipts: &[Receipt],
    ) -> Report {
        let new = receipts
            .iter()
            .filter_map(|r| match r {
                Receipt::New(i) | Receipt::Copy { index: i, .. } => Some(*i),
                Receipt::Known(_) => None,
            })
            .collect();
        let gaps = gaps(&printed, &ledger);
        Report {
            printed,
            ledger,
            ledger_path,
            batch,
            new,
            gaps,
        }
    }

    /// Sheets of the kit as it is now, in the ledger order.
    pub fn received(&self) -> impl Iterator<Item = (usize, &Sheet)> {
        self.ledger
            .sheets
            .iter()
            .enumerate()
            .filter(|(_, s)| is_current(&self.printed, s))
    }

    /// Sheets of another version of the kit.
    pub fn other_version(&self) -> impl Iterator<Item = (usize, &Sheet)> {
        self.ledger
            .sheets
            .iter()
            .enumerate()
            .filter(|(_, s)| !is_current(&self.printed, s))
    }

    /// Groups of two or more sheets with one serial and print run, and whether every sheet
    /// of the group is done with.
    pub fn duplicates(&self) -> Vec<(Vec<&Sheet>, bool)> {
        let mut groups: BTreeMap<(&str, &str, Option<PrintRun>, &str), Vec<&Sheet>> =
            BTreeMap::new();
        for s in &self.ledger.sheets {
            groups
                .entry((&s.form, &s.serial, s.run, &s.hash))
                .or_default()
                .push(s);
        }
        groups
            .into_values()
            .filter(|g| g.len() > 1)
            .map(|g| {
                let done = g.iter().all(|s| s.closed());
                (g, done)
            })
            .collect()
    }

    /// Whether anything needs a person: a gap, an open duplicate, a drill copy, another kit or
    /// version, a code that is not ours or was never printed, a page that could not be read.
    pub fn needs_attention(&self) -> bool {
        self.gaps.iter().any(|g| !g.missing.is_empty())
            || !self.batch.refused.is_empty()
            || self.duplicates().iter().any(|(_, done)| !done)
            || !self.batch.exercise.is_empty()
            || !self.batch.other_kit.is_empty()
            || self
                .other_version()
                .any(|(i, s)| self.new.contains(&i) || !s.closed())
            || !self.batch.unreadable.is_empty()
    }

    /// The ledger's counts.
    pub fn totals(&self) -> Totals {
        self.ledger.totals()
    }
}

/// Gaps of every form and print run of the current version that has sheets in the ledger.
fn gaps(printed: &Printed, ledger: &Ledger) -> Vec<Gaps> {
    let mut runs: BTreeMap<(&str, Option<PrintRun>), BTreeSet<u32>> = BTreeMap::new();
    for s in ledger.sheets.iter().filter(|s| is_current(printed, s)) {
        if let Some(n) = printed.form(&s.form).and_then(|f| f.number_of(&s.serial)) {
            runs.entry((&s.form, s.run)).or_default().insert(n);
        }
    }
    let mut out = Vec::new();
    for f in &printed.forms {
        for ((form, run), got) in runs.iter().filter(|((id, _), _)| *id == f.id) {
            let top = *got.iter().next_back().expect("a run has a sheet");
            let last = printed.last_of(f, *run).max(top);
            let absent = |r: std::ops::RangeInclusive<u32>| -> Vec<String> {
                r.filter(|n| !got.contains(n))
                    .map(|n| f.serial_of(n))
                    .collect()
            };
            out.push(Gaps {
                form: form.to_string(),
                run: *run,
                missing: absent(f.serial.first..=top),
                not_used: absent(top + 1..=last),
            });
        }
    }
    out
}

fn page_json(p: &PageRef) -> Value {
    json!({ "file": p.file, "page": p.page })
}

fn run_json(r: Option<PrintRun>) -> Value {
    r.map_or(Value::Null, |r| json!(r.to_string()))
}

fn sheet_json(s: &Sheet, new: bool) -> Value {
    let done = |d: &Option<crate::ledger::Done>| {
        d.as_ref().map_or(Value::Null, |d| {
            json!({ "date": d.date.to_string(), "by": d.by, "case": d.case, "reason": d.reason })
        })
    };
    json!({
        "form": s.form,
        "serial": s.serial,
        "sheet": s.id(),
        "run": run_json(s.run),
        "version": s.version,
        "pages": s.pages.iter().map(page_json).collect::<Vec<_>>(),
        "new": new,
        "state": s.state(),
        "entered": done(&s.entered),
        "checked": done(&s.checked),
        "void": done(&s.void),
        "duplicate-cancelled": done(&s.duplicate),
        "confirmed": s.confirmed.iter().map(|c| json!({
            "field": c.field, "value": c.value, "by": c.by, "date": c.date.to_string(),
        })).collect::<Vec<_>>(),
    })
}

/// A sheet's fields as read: `state` is `unused` (nothing ticked or written), `read`
/// (every field decided), `uncertain` (a field for a person to confirm), `not-read` (the scan
/// too poor: `reason`) or `not-known` (no layout: another version, a drill copy).
pub fn read_json(r: &SheetRead) -> Value {
    match r {
        SheetRead::NotKnown => json!({ "state": "not-known" }),
        SheetRead::NotRead(why) => json!({ "state": "not-read", "reason": why }),
        SheetRead::Read { quality, fields } => {
            let state = if r.unused() {
                "unused"
            } else if fields.iter().any(FieldRead::uncertain) {
                "uncertain"
            } else {
                "read"
            };
            json!({
                "state": state,
                "quality": {
                    "dpi": [quality.dpi.0, quality.dpi.1],
                    "scale": quality.scale,
                    "rotation": quality.rotation,
                },
                "fields": fields.iter().map(field_json).collect::<Vec<_>>(),
            })
        }
    }
}

/// Rounds an ink share to 3 decimals for showing.
fn ink(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

fn field_json(f: &FieldRead) -> Value {
    let mut v = json!({
        "id": f.key,
        "label": f.label,
        "kind": f.kind.key(),
        "value": f.value(),
        "uncertain": f.uncertain(),
        "at": f.at,
    });
    match f.kind {
        Kind::Write => v["written"] = json!(f.written),
        _ => v["ticked"] = json!(f.ticked),
    }
    if f.uncertain() {
        let mut doubts: Vec<Value> = f
            .doubts
            .iter()
            .map(|d| json!({ "option": d.option, "index": d.index, "ink": ink(d.ink), "why": d.why }))
            .collect();
        if f.several {
            doubts.push(json!({ "why": "more than one option ticked where one is asked for" }));
        }
        v["doubts"] = json!(doubts);
    }
    v
}

fn code_json(c: &SeenCode) -> Value {
    json!({
        "payload": c.payload.to_string(),
        "kit": c.payload.kit,
        "form": c.payload.artifact,
        "serial": c.payload.serial,
        "version": c.payload.version,
        "file": c.page.file,
        "page": c.page.page,
    })
}

impl Report {
    /// The sheets read in this run as CSV, for import into the system: one row per sheet
    /// (`form`, `serial`, `run`, `file`, `page`, `state` as in [`read_json`], `uncertain`:
    /// the ids of the fields a person must confirm), then a column per field of the kit's
    /// read forms (`<form>.<field id>` when the kit has several): the options ticked (`; `
    /// between), `written`, empty, or `?` when uncertain.
    pub fn to_csv(&self) -> Result<String, String> {
        let several = self
            .printed
            .forms
            .iter()
            .filter(|f| f.read.is_some())
            .count()
            > 1;
        let columns: Vec<(&str, &str)> = self
            .printed
            .forms
            .iter()
            .filter_map(|f| f.read.as_ref().map(|r| (f, r)))
            .flat_map(|(f, r)| {
                r.fields
                    .iter()
                    .map(move |x| (f.id.as_str(), x.key.as_str()))
            })
            .collect();
        let mut w = csv::Writer::from_writer(Vec::new());
        let fail = |e: csv::Error| e.to_string();
        let mut head: Vec<String> = [
            "form",
            "serial",
            "run",
            "file",
            "page",
            "state",
            "uncertain",
        ]
        .map(String::from)
        .to_vec();
        head.extend(columns.iter().map(|(f, k)| {
            if several {
                format!("{f}.{k}")
            } else {
                k.to_string()
            }
        }));
        w.write_record(&head).map_err(fail)?;
        for s in &self.batch.sheets {
            let state = read_json(&s.read)["state"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let fields = s.read.fields();
            let uncertain: Vec<&str> = fields
                .iter()
                .filter(|f| f.uncertain())
                .map(|f| f.key.as_str())
                .collect();
            let mut row = vec![
                s.form.clone(),
                s.serial.clone(),
                s.run.map(|r| r.to_string()).unwrap_or_default(),
                s.pages[0].file.clone(),
                s.pages[0].page.to_string(),
                state,
                uncertain.join(" "),
            ];
            row.extend(columns.iter().map(|(form, key)| {
                fields
                    .iter()
                    .find(|f| *form == s.form && f.key == *key)
                    .map(FieldRead::value)
                    .unwrap_or_default()
            }));
            w.write_record(&row).map_err(fail)?;
        }
        let bytes = w.into_inner().map_err(|e| e.to_string())?;
        String::from_utf8(bytes).map_err(|e| e.to_string())
    }

    /// The fields read on each sheet and checklist of this batch, uncertain ones first.
    fn read_json(&self) -> Vec<Value> {
        let sheets = self.batch.sheets.iter().map(|s| {
            let mut v = read_json(&s.read);
            v["form"] = json!(s.form);
            v["serial"] = json!(s.serial);
            v["run"] = run_json(s.run);
            v["file"] = json!(s.pages[0].file);
            v["page"] = json!(s.pages[0].page);
            v
        });
        let lists = self
            .batch
            .not_serialized
            .iter()
            .filter(|c| c.read != SheetRead::NotKnown)
            .map(|c| {
                let mut v = read_json(&c.read);
                v["checklist"] = json!(c.payload.artifact);
                v["file"] = json!(c.page.file);
                v["page"] = json!(c.page.page);
                v
            });
        let mut all: Vec<Value> = sheets.chain(lists).collect();
        all.sort_by_key(|v| v["state"] != "uncertain");
        all
    }

    /// The report as JSON, with the arrays `received`, `missing`, `duplicates`, `exercise`,
    /// `other-kit`, `other-version`, `refused` (codes not ours or never printed: file, page,
    /// the code made fit to show, reason) and `unreadable`.
    pub fn to_json(&self) -> Value {
        let t = self.totals();
        let missing: Vec<Value> = self
            .gaps
            .iter()
            .flat_map(|g| {
                g.missing
                    .iter()
                    .map(move |s| json!({ "form": g.form, "serial": s, "run": run_json(g.run) }))
            })
            .collect();
        let not_used: Vec<Value> = self
            .gaps
            .iter()
            .filter(|g| !g.not_used.is_empty())
            .map(|g| json!({ "form": g.form, "run": run_json(g.run), "serials": g.not_used }))
            .collect();
        let duplicates: Vec<Value> = self
            .duplicates()
            .iter()
            .map(|(g, done)| {
                json!({
                    "form": g[0].form,
                    "serial": g[0].serial,
                    "run": run_json(g[0].run),
                    "resolved": done,
                    "sheets": g.iter().map(|s| json!({
                        "sheet": s.id(), "state": s.state(),
                        "pages": s.pages.iter().map(page_json).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let unreadable: Vec<Value> = self
            .batch
            .unreadable
            .iter()
            .map(|(p, u)| json!({ "file": p.file, "page": p.page, "reason": u.key(), "message": u.message(), "codes-seen": match u { Unreadable::NotDecoded(n) => *n, _ => 0 } }))
            .collect();
        json!({
            "kit": self.printed.kit,
            "version": self.printed.version,
            "incident": self.ledger.incident,
            "ledger": self.ledger_path,
            "files": self.batch.files,
            "pages": self.batch.pages,
            "repeated-files": self.batch.repeated.iter().map(|(a, b)| json!({ "file": a, "same-as": b })).collect::<Vec<_>>(),
            "received": self.received().map(|(i, s)| sheet_json(s, self.new.contains(&i))).collect::<Vec<_>>(),
            "missing": missing,
            "not-used": not_used,
            "duplicates": duplicates,
            "exercise": self.batch.exercise.iter().map(code_json).collect::<Vec<_>>(),
            "other-kit": self.batch.other_kit.iter().map(code_json).collect::<Vec<_>>(),
            "other-version": self.other_version().map(|(i, s)| sheet_json(s, self.new.contains(&i))).collect::<Vec<_>>(),
            "not-serialized": self.batch.not_serialized.iter().map(code_json).collect::<Vec<_>>(),
            "read": self.read_json(),
            "refused": self.batch.refused.iter().map(|r| json!({
                "file": r.page.file, "page": r.page.page, "code": r.code, "reason": r.why,
            })).collect::<Vec<_>>(),
            "unreadable": unreadable,
            "totals": {
                "sheets": t.sheets, "received": t.received, "entered": t.entered,
                "checked": t.checked, "void": t.void, "duplicate-cancelled": t.duplicate, "unused": t.unused, "open": t.open,
            },
            "attention": self.needs_attention(),
        })
    }
}
