//! The back-entry ledgers of a kit: found, read through the kit folder's roots, and changed
//! under their lock with an atomic write, for `reconcile` and `serve` alike.

use crate::ledger::{self, Action, Ledger, Receipt, Target};
use crate::reconcile::{report::Report, Batch, Printed};
use crate::write;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The largest ledger read (a few hundred bytes a sheet).
const MAX_LEDGER_BYTES: u64 = 64 << 20;

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

/// Records what was done with one sheet in the ledger of `incident`, exactly as
/// `reconcile --entered` (and `--checked`, `--void`, `--duplicate`, `--confirm`) does: the
/// same checks,
/// the same lock and atomic write. Returns the ledger after the change and the sheet's index.
pub fn record(
    kit: &Path,
    printed: &Printed,
    incident: &str,
    action: (Target, Action),
    today: NaiveDate,
) -> Result<(Ledger, usize), Refusal> {
    let s = change(today, Some(action));
    let path = kit.join(ledger::file_name(incident));
    let (l, _, acted) = update(&s, printed, incident, &path, &Batch::default())?;
    let i = acted.ok_or_else(|| Refusal::Other("nothing was recorded".to_string()))?;
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
) -> Result<Report, Refusal> {
    let s = change(today, None);
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

/// One change to a ledger: the outage's first and last day, the sheets of a batch of
/// scans received, and what was done with one sheet, all on `today`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Change {
    /// The day the outage began, when given.
    pub started: Option<NaiveDate>,
    /// The day it ended, when given.
    pub ended: Option<NaiveDate>,
    /// Who records the start or the end.
    pub by: Option<String>,
    /// A sheet and what was done with it.
    pub action: Option<(Target, Action)>,
    /// Void every sheet that was blank when read (`reconcile --void-unused`), by whom when
    /// given.
    pub void_unused: Option<Option<String>>,
    /// The day recorded (received, entered).
    pub today: NaiveDate,
}

fn change(today: NaiveDate, action: Option<(Target, Action)>) -> Change {
    Change {
        action,
        today,
        ..Change::default()
    }
}

pub type Outcome = (Ledger, Vec<Receipt>, Option<usize>);

/// Why a ledger was not changed: the sheet's own refusal (entered already, never printed …,
/// in both languages), or another reason (the file, the lock, another kit's ledger).
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The ledger refused the action on the sheet.
    Sheet(crate::ledger::LedgerError),
    /// Anything else, in English.
    Other(String),
}

impl Refusal {
    /// The reason in `lang`.
    pub fn text(&self, lang: crate::model::Lang) -> String {
        match self {
            Refusal::Sheet(e) => e.text(lang).to_string(),
            Refusal::Other(m) => m.clone(),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Sheet(e) => write!(f, "{e}"),
            Refusal::Other(m) => f.write_str(m),
        }
    }
}

impl From<String> for Refusal {
    fn from(m: String) -> Refusal {
        Refusal::Other(m)
    }
}

/// Reads the ledger at `path`, applies `s` with the sheets of `batch` and writes it back
/// under its lock: the ledger after, a receipt for each sheet and the index of the sheet
/// acted on.
pub fn update(
    s: &Change,
    printed: &Printed,
    incident: &str,
    path: &Path,
    batch: &Batch,
) -> Result<Outcome, Refusal> {
    let mut result: Option<Outcome> = None;
    let change = |current: Option<&[u8]>| -> Result<Vec<u8>, Refusal> {
        let mut l = match current {
            None => Ledger::new(&printed.kit, incident),
            Some(b) => parse_bytes(path, b)?,
        };
        if l.kit != printed.kit {
            return Err(Refusal::Other(format!(
                "`{}` is the ledger of the kit `{}`, not `{}`",
                path.display(),
                l.kit,
                printed.kit
            )));
        }
        if s.started.is_some() {
            l.started = s.started;
            l.started_by.clone_from(&s.by);
        }
        if s.ended.is_some() {
            l.ended = s.ended;
            l.ended_by.clone_from(&s.by);
        }
        let receipts: Vec<Receipt> = batch
            .sheets
            .iter()
            .map(|sh| l.receive(sh, s.today))
            .collect();
        let acted = match &s.action {
            Some((t, a)) => Some(l.apply(printed, t, a, s.today).map_err(Refusal::Sheet)?),
            None => None,
        };
        if let Some(by) = &s.void_unused {
            l.void_unused(by.as_deref(), s.today);
        }
        let text = ledger::to_toml(&l);
        result = Some((l, receipts, acted));
        Ok(text.into_bytes())
    };
    let target = ledger_target(path)?;
    write::update_locked(&target, MAX_LEDGER_BYTES, write::Access::Private, change).map_err(
        |e| match e {
            write::UpdateError::Rejected(r) => r,
            e => Refusal::Other(e.to_string()),
        },
    )?;
    result.ok_or_else(|| Refusal::Other("the ledger was not updated".to_string()))
}
