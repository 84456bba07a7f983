//! The last build's record: what `downkit build` printed for a kit (version and content
//! fingerprint), kept beside the PDFs as `<kit-id>.last-build.json` in the output folder —
//! never in the kit's folder, so it stays out of version control. `downkit check` compares
//! the kit with it: printed content that changed while `version` stayed the same is a
//! warning, since old and new printouts could then only be told apart by their QR codes.
//!
//! It is also the print record: every print run built into the folder, with the serials it
//! printed of each numbered form ([`PrintedRun`]), read from the codes of the PDFs written.
//! `downkit reconcile` judges a scanned code by it: a serial or a print run that was never
//! printed is not recorded as received.

use crate::diag::Diagnostic;
use crate::model::Kit;
use crate::payload::Payload;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most print runs the record keeps (the newest).
pub const MAX_RUNS: usize = 500;

/// The serials of one numbered form printed in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SerialRange {
    /// The first serial printed (`HM-0001`).
    pub first: String,
    /// The last serial printed (`HM-0030`).
    pub last: String,
    /// How many copies were printed.
    pub copies: u32,
}

/// One print run of the kit: what its codes carry and the serials it printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintedRun {
    /// The run as its codes carry it: `20261201`, or `20261201-2`.
    pub run: String,
    /// The kit version printed.
    pub version: String,
    /// The short content hash its codes carry.
    pub hash: String,
    /// The serials printed, per numbered form id.
    pub forms: BTreeMap<String, SerialRange>,
}

/// The number at the end of a serial (`HM-0030` → 30) and what comes before it.
pub fn serial_parts(serial: &str) -> Option<(&str, u32)> {
    let digits = serial.len() - serial.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (prefix, n) = serial.split_at(serial.len() - digits);
    Some((prefix, n.parse().ok()?))
}

impl SerialRange {
    /// Whether `serial` is one of those printed: the same prefix and width, a number from the
    /// first to the last.
    pub fn holds(&self, serial: &str) -> bool {
        let (Some((p, n)), Some((pa, a)), Some((_, b))) = (
            serial_parts(serial),
            serial_parts(&self.first),
            serial_parts(&self.last),
        ) else {
            return false;
        };
        p == pa && serial.len() == self.first.len() && (a..=b).contains(&n)
    }

    /// `HM-0001–HM-0030`.
    pub fn describe(&self) -> String {
        format!("{}–{}", self.first, self.last)
    }
}

impl PrintedRun {
    /// The print runs whose numbered copies `payloads` (a build's codes) hold; drill copies
    /// and codes without a serial are left out.
    pub fn from_payloads<'a>(payloads: impl IntoIterator<Item = &'a str>) -> Vec<PrintedRun> {
        // (run, version, hash) → form → (number, serial) of each copy.
        type Serials = BTreeMap<String, Vec<(u32, String)>>;
        let mut runs: BTreeMap<(String, String, String), Serials> = BTreeMap::new();
        for p in payloads.into_iter().filter_map(|t| Payload::parse(t).ok()) {
            let (Some(serial), Some(form), Some(run), false) =
                (p.serial, p.artifact, p.run, p.exercise)
            else {
                continue;
            };
            let Some((_, n)) = serial_parts(&serial) else {
                continue;
            };
            runs.entry((run.to_string(), p.version, p.hash))
                .or_default()
                .entry(form)
                .or_default()
                .push((n, serial));
        }
        runs.into_iter()
            .map(|((run, version, hash), forms)| PrintedRun {
                run,
                version,
                hash,
                forms: forms
                    .into_iter()
                    .map(|(form, mut serials)| {
                        serials.sort();
                        serials.dedup();
                        let range = SerialRange {
                            copies: serials.len() as u32,
                            first: serials[0].1.clone(),
                            last: serials[serials.len() - 1].1.clone(),
                        };
                        (form, range)
                    })
                    .collect(),
            })
            .collect()
    }
}

/// What one build printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastBuild {
    /// Kit id.
    pub kit: String,
    /// Kit version printed.
    pub version: String,
    /// The full content fingerprint ([`Kit::fingerprint`]).
    pub fingerprint: String,
    /// The print date of the build.
    pub print_date: String,
    /// Every print run built into the folder, oldest first (a record written before print
    /// runs were recorded has none).
    #[serde(default)]
    pub runs: Vec<PrintedRun>,
}

/// Largest record read, in bytes (500 runs of a dozen forms).
pub const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024;

impl LastBuild {
    /// The record of building `kit` for `print_date`, whose PDFs carry the codes
    /// `payloads`.
    pub fn of<'a>(
        kit: &Kit,
        print_date: chrono::NaiveDate,
        payloads: impl IntoIterator<Item = &'a str>,
    ) -> LastBuild {
        LastBuild {
            kit: kit.meta.id.v.clone(),
            version: kit.meta.version.v.clone(),
            fingerprint: kit.fingerprint(),
            print_date: print_date.to_string(),
            runs: PrintedRun::from_payloads(payloads),
        }
    }

    /// This record after `earlier`, the record the folder held: the runs printed before are
    /// kept (a run built again replaces its entry), at most [`MAX_RUNS`].
    pub fn after(mut self, earlier: Option<LastBuild>) -> LastBuild {
        let Some(earlier) = earlier.filter(|e| e.kit == self.kit) else {
            return self;
        };
        let mut runs: Vec<PrintedRun> = earlier
            .runs
            .into_iter()
            .filter(|old| {
                !self
                    .runs
                    .iter()
                    .any(|new| new.run == old.run && new.hash == old.hash)
            })
            .collect();
        runs.append(&mut self.runs);
        let extra = runs.len().saturating_sub(MAX_RUNS);
        runs.drain(..extra);
        self.runs = runs;
        self
    }

    /// The record's file name in the output folder.
    pub fn file_name(kit_id: &str) -> String {
        format!("{kit_id}.last-build.json")
    }

    /// The record as the file holds it.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Reads a record; `None` when the text is not one.
    pub fn from_json(text: &[u8]) -> Option<LastBuild> {
        serde_json::from_slice(text).ok()
    }

    /// Reads the record of `kit_id` in the output folder `out`: `Ok(None)` when there is
    /// none, an error when it is there but cannot be read.
    pub fn read(out: &std::path::Path, kit_id: &str) -> Result<Option<LastBuild>, String> {
        let path = out.join(Self::file_name(kit_id));
        match crate::load::open::read_regular(&path, MAX_RECORD_BYTES) {
            Err(crate::load::open::OpenError::NotFound) => Ok(None),
            Err(e) => Err(format!("cannot read `{}`: {e}", path.display())),
            Ok(b) => Self::from_json(&b).map(Some).ok_or_else(|| {
                format!(
                    "`{}` is not a build record; build the kit again to write it anew",
                    path.display()
                )
            }),
        }
    }

    /// A warning when `kit` prints other content than this build did under the same
    /// version; `None` otherwise (or when the record is of another kit).
    pub fn compare(&self, kit: &Kit) -> Option<Diagnostic> {
        let m = &kit.meta;
        if self.kit != m.id.v || self.version != m.version.v {
            return None;
        }
        let now = kit.fingerprint();
        if now == self.fingerprint {
            return None;
        }
        let short = |f: &str| f.chars().take(8).collect::<String>();
        Some(
            Diagnostic::warning(
                "version-not-raised",
                m.version.loc,
                format!(
                    "the printed content changed since the build of {} (fingerprint {} → {}), but `version` is still \"{}\"",
                    self.print_date,
                    short(&self.fingerprint),
                    short(&now),
                    m.version.v
                ),
            )
            .label("raise this")
            .hint("raise `version` before printing, so that new and old printouts can be told apart at a glance"),
        )
    }
}
