//! The filled register from a report: every printed serial of each print run that came back,
//! with what the ledger says about it, so that the paper register can be printed as it stands.

use super::report::Report;
use crate::compose::{RegisterFill, RegisterPart, RegisterRow, RegisterTotals};
use crate::ledger::Sheet;
use std::collections::BTreeMap;

fn row(s: &Sheet) -> RegisterRow {
    let get = |d: &Option<crate::ledger::Done>, f: fn(&crate::ledger::Done) -> Option<String>| {
        d.as_ref().and_then(f).unwrap_or_default()
    };
    RegisterRow {
        serial: s.id(),
        unused: false,
        // A sheet entered or voided before it was scanned did come back.
        received: Some(s.received.map(|d| d.to_string()).unwrap_or_default()),
        entered_by: get(&s.entered, |d| d.by.clone()),
        date: get(&s.entered, |d| Some(d.date.to_string())),
        case: get(&s.entered, |d| d.case.clone()),
        void: s
            .void
            .as_ref()
            .map(|d| d.reason.clone().unwrap_or_default()),
        checked_by: get(&s.checked, |d| d.by.clone()),
        duplicate: s
            .duplicate
            .as_ref()
            .map(|d| d.case.clone().unwrap_or_default()),
    }
}

impl Report {
    /// The register as it stands: per form and print run, a row for every serial printed.
    pub fn register(&self) -> RegisterFill {
        let mut parts = Vec::new();
        for g in &self.gaps {
            let Some(f) = self.printed.form(&g.form) else {
                continue;
            };
            let mut rows = Vec::new();
            for serial in f.serials() {
                let sheets: Vec<&Sheet> = self
                    .received()
                    .map(|(_, s)| s)
                    .filter(|s| s.form == g.form && s.run == g.run && s.serial == serial)
                    .collect();
                if sheets.is_empty() {
                    rows.push(RegisterRow {
                        unused: g.not_used.contains(&serial),
                        received: None,
                        serial,
                        ..RegisterRow::default()
                    });
                } else {
                    let mut sheets = sheets;
                    sheets.sort_by_key(|s| s.copy);
                    rows.extend(sheets.into_iter().map(row));
                }
            }
            parts.push(RegisterPart {
                form: g.form.clone(),
                run: g.run.map(|r| r.describe()),
                other_version: None,
                rows,
            });
        }
        let mut old: BTreeMap<(&str, &str, Option<String>), Vec<&Sheet>> = BTreeMap::new();
        for (_, s) in self.other_version() {
            old.entry((&s.form, &s.version, s.run.map(|r| r.describe())))
                .or_default()
                .push(s);
        }
        for ((form, version, run), mut sheets) in old {
            sheets.sort_by(|a, b| (&a.serial, a.copy).cmp(&(&b.serial, b.copy)));
            parts.push(RegisterPart {
                form: form.to_string(),
                run,
                other_version: Some(version.to_string()),
                rows: sheets.into_iter().map(row).collect(),
            });
        }
        let t = self.totals();
        RegisterFill {
            incident: self.ledger.incident.clone(),
            totals: RegisterTotals {
                sheets: t.sheets,
                entered: t.entered,
                checked: t.checked,
                void: t.void,
                duplicate: t.duplicate,
                open: t.open,
                missing: self.gaps.iter().map(|g| g.missing.len()).sum(),
            },
            parts,
        }
    }
}
