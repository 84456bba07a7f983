//! `downkit reconcile`: read scanned sheets back into the kit's back-entry ledger and report
//! what came back and what is missing; record what the back office did with a sheet; print
//! the register filled from the ledger.

use super::{Exit, Format};
use crate::compose::BuildOptions;
use crate::diag;
use crate::ledger::{self, Action, Ledger, Target};
use crate::reconcile::{self, report::Report, Printed};
use crate::{load, scan};
use chrono::NaiveDate;
use std::path::PathBuf;

/// What `reconcile` is asked to do, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The kit folder.
    pub kit: PathBuf,
    /// Scan files to read.
    pub scans: Vec<PathBuf>,
    /// The incident, when given.
    pub incident: Option<String>,
    /// When the outage began.
    pub started: Option<NaiveDate>,
    /// When it ended.
    pub ended: Option<NaiveDate>,
    /// Who records the start or end (`--by`).
    pub by: Option<String>,
    /// Output format.
    pub format: Format,
    /// The day things are recorded (received, entered).
    pub today: NaiveDate,
    /// Copies the forms were printed with (`build --copies`).
    pub copies: Option<u32>,
    /// A sheet and what was done with it.
    pub action: Option<(Target, Action)>,
    /// Write the filled register into this folder, on this paper.
    pub register: Option<(PathBuf, Option<crate::layout::Paper>)>,
    /// The build's output folder, whose record says what each print run printed (`None`:
    /// none is read, as for scans read by `serve`).
    pub out: Option<PathBuf>,
    /// Void every sheet blank when read (`--void-unused`), by whom when given.
    pub void_unused: Option<Option<String>>,
    /// Write the sheets read as CSV instead of the report.
    pub export: Option<super::ExportArg>,
}

fn fail(msg: impl std::fmt::Display) -> Exit {
    eprintln!("error: {msg}");
    Exit::Failed
}

/// Runs `reconcile`.
pub fn run(s: &Settings) -> Exit {
    if !s.kit.join("kit.toml").is_file() {
        return fail(format!(
            "`{}` is not a kit folder; the ledger lives beside kit.toml in a kit folder",
            s.kit.display()
        ));
    }
    let loaded = load::load(&s.kit);
    let fonts = match crate::app::compile::ready(&loaded, s.today, None) {
        Ok((f, _)) => f,
        Err(diags) => {
            let _ = diag::emit(&mut super::stderr_color(), &loaded.sources, &diags);
            return fail(format!(
                "{}: the kit has errors; fix them first",
                s.kit.display()
            ));
        }
    };
    let printed = match Printed::of(&loaded, &fonts, s.copies) {
        Ok(p) => p,
        Err(e) => return fail(format!("{}: {e}", s.kit.display())),
    };
    // What was printed, as the build recorded it beside the PDFs.
    let printed = match &s.out {
        None => printed,
        Some(out) => match printed.with_record_in(out) {
            Ok(p) => p,
            Err(e) => return fail(e),
        },
    };
    let known = crate::app::ledger::ledgers_in(&s.kit);
    let incident = match (&s.incident, known.as_slice()) {
        (Some(i), _) => i.clone(),
        (None, [one]) => one.clone(),
        (None, []) => s.today.to_string(),
        (None, many) => {
            eprintln!(
                "error: the kit has ledgers for the incidents {}; say which with --incident",
                many.join(", ")
            );
            return Exit::Usage;
        }
    };
    let path = s.kit.join(ledger::file_name(&incident));
    // A line per 50 pages on a terminal, nothing under --format json.
    let progress = |done: usize, total: usize| {
        if done.is_multiple_of(50) || done == total {
            eprintln!("read {done} of {total} pages");
        }
    };
    let long = s.format == Format::Human && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let reading = scan::Reading {
        threads: 0,
        layouts: &printed,
        progress: long.then_some(&progress as &(dyn Fn(usize, usize) + Sync)),
    };
    let (files, scan_errors) = scan::scan_with(&s.scans, &reading);
    for e in &scan_errors {
        eprintln!("error: {e}");
    }
    let batch = reconcile::sort(&printed, &files, s.today);
    let changes = !batch.sheets.is_empty()
        || s.action.is_some()
        || s.void_unused.is_some()
        || s.started.is_some()
        || s.ended.is_some();
    let outcome = if changes {
        {
            let change = crate::app::ledger::Change {
                started: s.started,
                ended: s.ended,
                by: s.by.clone(),
                action: s.action.clone(),
                void_unused: s.void_unused.clone(),
                today: s.today,
            };
            crate::app::ledger::update(&change, &printed, &incident, &path, &batch)
                .map_err(|e| e.to_string())
        }
    } else {
        match crate::app::ledger::read_ledger(&path) {
            Ok(Some(l)) => Ok((l, Vec::new(), None)),
            Ok(None) if s.scans.is_empty() => {
                return fail(format!(
                    "there is no ledger `{}` yet; read the scanned sheets first: downkit reconcile {} <scan.pdf>…",
                    path.display(),
                    s.kit.display()
                ))
            }
            Ok(None) => Ok((Ledger::new(&printed.kit, &incident), Vec::new(), None)),
            Err(e) => Err(e),
        }
    };
    let (ledger, receipts, acted) = match outcome {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    if s.void_unused.is_some() {
        let ids: Vec<String> = ledger
            .sheets
            .iter()
            .filter(|x| {
                x.void.as_ref().is_some_and(|d| {
                    d.date == s.today && d.reason.as_deref() == Some(ledger::UNUSED_REASON)
                })
            })
            .map(ledger::Sheet::id)
            .collect();
        eprintln!(
            "voided {} unused sheet(s){}{}",
            ids.len(),
            if ids.is_empty() { "" } else { ": " },
            ids.join(", ")
        );
    }
    let report = Report::new(
        printed,
        ledger,
        path.display().to_string(),
        batch,
        &receipts,
    );
    if let Some(i) = acted {
        say_done(s, &report, i);
    } else if s.export.is_some() {
        match report.to_csv() {
            Ok(csv) => print!("{csv}"),
            Err(e) => return fail(e),
        }
    } else {
        match s.format {
            Format::Json => super::print_json(&report.to_json()),
            Format::Human => print!("{}", report.text()),
        }
    }
    if let Some((out, paper)) = &s.register {
        let opts = BuildOptions {
            date: s.today,
            paper: *paper,
            copies: s.copies,
            ..BuildOptions::default()
        };
        match crate::compose::register_report(&loaded, &fonts, &opts, &report.register()) {
            Ok(o) => match super::write_output(out, &o.file_name, &o.bytes) {
                Ok(t) => eprintln!(
                    "wrote the filled register: {} ({} pages)",
                    t.display(),
                    o.pages
                ),
                Err(e) => return fail(e),
            },
            Err(e) => return fail(e),
        }
    }
    if !scan_errors.is_empty() || (acted.is_none() && report.needs_attention()) {
        Exit::Failed
    } else {
        Exit::Ok
    }
}

/// One line for a recorded action (or its sheet as JSON).
fn say_done(s: &Settings, report: &Report, i: usize) {
    let sheet = &report.ledger.sheets[i];
    let t = report.totals();
    if s.format == Format::Json {
        let v = report.to_json();
        let found = v["received"]
            .as_array()
            .into_iter()
            .chain(v["other-version"].as_array())
            .flatten()
            .find(|x| x["sheet"] == sheet.id() && x["form"] == sheet.form.as_str())
            .cloned();
        super::print_json(&serde_json::json!({
            "sheet": found,
            "open": t.open,
            "ledger": report.ledger_path,
        }));
        return;
    }
    let what = match &s.action {
        Some((_, Action::Enter { case, by })) => format!("entered (case {case}, by {by})"),
        Some((_, Action::Check { by })) => format!("checked by {by}"),
        Some((_, Action::Void { reason, .. })) => format!("voided ({reason})"),
        Some((_, Action::Duplicate { case, .. })) => {
            format!("cancelled as a duplicate of case {case}")
        }
        Some((_, Action::Confirm { field, value, by })) => {
            format!("`{field}` confirmed as \"{value}\" by {by}")
        }
        None => String::new(),
    };
    println!(
        "{}: {what}. {} of {} sheet(s) still to enter ({}).",
        sheet.id(),
        t.open,
        t.sheets,
        report.ledger_path
    );
}
