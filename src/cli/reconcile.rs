//! `downkit reconcile`: read scanned sheets back into the kit's back-entry ledger and report
//! what came back and what is missing; record what the back office did with a sheet; print
//! the register filled from the ledger.

use super::{Exit, Format};
use crate::compose::BuildOptions;
use crate::diag::{self, has_errors};
use crate::ledger::{self, Action, Ledger, Receipt, Target};
use crate::reconcile::{self, report::Report, Batch, Printed};
use crate::{load, scan, validate, write};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The largest ledger read (a few hundred bytes a sheet).
const MAX_LEDGER_BYTES: u64 = 64 << 20;

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

/// Whether `s` can name an incident (and a file): letters, digits and dashes.
pub fn valid_incident(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// The incidents of the ledgers in a kit folder.
pub fn ledgers_in(kit_dir: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(kit_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let id = name
                .strip_prefix(ledger::FILE_PREFIX)?
                .strip_suffix(".toml")?;
            valid_incident(id).then(|| id.to_string())
        })
        .collect();
    ids.sort();
    ids
}

/// The kit folder's roots for a ledger at `path` (the kit folder only: a ledger is never
/// kept in a shared folder).
fn ledger_roots(path: &Path) -> Result<crate::load::Roots, String> {
    let dir = path.parent().unwrap_or(Path::new(""));
    crate::load::Roots::new(dir)
        .map_err(|e| format!("cannot open the kit folder `{}`: {e}", dir.display()))
}

/// Reads a ledger file without changing it, through the kit folder's roots (a symlink is
/// followed only within the kit folder).
pub fn read_ledger(path: &Path) -> Result<Option<Ledger>, String> {
    match ledger_roots(path)?.read(path, MAX_LEDGER_BYTES) {
        Err(crate::load::open::OpenError::NotFound) => Ok(None),
        Err(e) => Err(format!("cannot read `{}`: {e}", path.display())),
        Ok((_, b)) => parse_bytes(path, &b).map(Some),
    }
}

/// Where the ledger at `path` is replaced: `path`, or a symlink's real path within the kit
/// folder; a link elsewhere is an error.
fn ledger_target(path: &Path) -> Result<PathBuf, String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ledger_roots(path)?
        .side_file(&name)
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

fn parse_bytes(path: &Path, b: &[u8]) -> Result<Ledger, String> {
    let text =
        std::str::from_utf8(b).map_err(|_| format!("`{}` is not UTF-8 text", path.display()))?;
    ledger::parse(text).map_err(|e| {
        format!(
            "`{}` cannot be read: {e}\nfix it by hand (it is plain TOML) or restore it from the backup",
            path.display()
        )
    })
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
    let diags = validate::check(&loaded, s.today);
    if has_errors(&diags) {
        let _ = diag::emit(&mut super::stderr_color(), &loaded.sources, &diags);
        return fail(format!(
            "{}: the kit has errors; fix them first",
            s.kit.display()
        ));
    }
    let fonts = match validate::fonts_for(&loaded) {
        Ok(f) => f,
        Err(d) => {
            let _ = diag::emit(&mut super::stderr_color(), &loaded.sources, &d);
            return Exit::Failed;
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
    let known = ledgers_in(&s.kit);
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
        update(s, &printed, &incident, &path, &batch)
    } else {
        match read_ledger(&path) {
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

/// Records what was done with one sheet in the ledger of `incident`, exactly as
/// `reconcile --entered` (and `--checked`, `--void`, `--duplicate`) does: the same checks,
/// the same lock and atomic write. Returns the ledger after the change and the sheet's index.
pub fn record(
    kit: &Path,
    printed: &Printed,
    incident: &str,
    action: (Target, Action),
    today: NaiveDate,
) -> Result<(Ledger, usize), String> {
    let s = settings(kit, incident, today, Some(action));
    let path = kit.join(ledger::file_name(incident));
    let (l, _, acted) = update(&s, printed, incident, &path, &Batch::default())?;
    let i = acted.ok_or_else(|| "nothing was recorded".to_string())?;
    Ok((l, i))
}

/// Records the sheets of scans read elsewhere (`downkit serve` reads uploads in memory) in
/// the ledger of `incident`, as `reconcile <scans>` does; the report of that batch.
pub fn receive(
    kit: &Path,
    printed: &Printed,
    incident: &str,
    batch: Batch,
    today: NaiveDate,
) -> Result<Report, String> {
    let s = settings(kit, incident, today, None);
    let path = kit.join(ledger::file_name(incident));
    let (l, receipts, _) = update(&s, printed, incident, &path, &batch)?;
    Ok(Report::new(
        printed.clone(),
        l,
        path.display().to_string(),
        batch,
        &receipts,
    ))
}

fn settings(
    kit: &Path,
    incident: &str,
    today: NaiveDate,
    action: Option<(Target, Action)>,
) -> Settings {
    Settings {
        kit: kit.to_path_buf(),
        scans: Vec::new(),
        incident: Some(incident.to_string()),
        started: None,
        ended: None,
        format: Format::Human,
        today,
        copies: None,
        action,
        register: None,
        out: None,
        void_unused: None,
        export: None,
    }
}

type Outcome = (Ledger, Vec<Receipt>, Option<usize>);

/// Reads, changes and writes the ledger under its lock.
fn update(
    s: &Settings,
    printed: &Printed,
    incident: &str,
    path: &Path,
    batch: &Batch,
) -> Result<Outcome, String> {
    let mut result: Option<Outcome> = None;
    let change = |current: Option<&[u8]>| -> Result<Vec<u8>, String> {
        let mut l = match current {
            None => Ledger::new(&printed.kit, incident),
            Some(b) => parse_bytes(path, b)?,
        };
        if l.kit != printed.kit {
            return Err(format!(
                "`{}` is the ledger of the kit `{}`, not `{}`",
                path.display(),
                l.kit,
                printed.kit
            ));
        }
        if s.started.is_some() {
            l.started = s.started;
        }
        if s.ended.is_some() {
            l.ended = s.ended;
        }
        let receipts: Vec<Receipt> = batch
            .sheets
            .iter()
            .map(|sh| l.receive(sh, s.today))
            .collect();
        let acted = match &s.action {
            Some((t, a)) => Some(l.apply(printed, t, a, s.today).map_err(|e| e.to_string())?),
            None => None,
        };
        if let Some(by) = &s.void_unused {
            let voided = l.void_unused(by.as_deref(), s.today);
            let ids: Vec<String> = voided.iter().map(|&i| l.sheets[i].id()).collect();
            eprintln!(
                "voided {} unused sheet(s){}{}",
                ids.len(),
                if ids.is_empty() { "" } else { ": " },
                ids.join(", ")
            );
        }
        let text = ledger::to_toml(&l);
        result = Some((l, receipts, acted));
        Ok(text.into_bytes())
    };
    let target = ledger_target(path)?;
    write::update_locked(&target, MAX_LEDGER_BYTES, write::Access::Private, change)
        .map_err(|e| e.to_string())?;
    result.ok_or_else(|| "the ledger was not updated".to_string())
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
