//! The status of a kit: what is due (review, drill, contacts, follow-ups), whether it is
//! valid and builds, its back-entry ledgers and the age of its newest snapshot.

use crate::compose::{self, BuildOptions};
use crate::diag::{has_errors, Diagnostic};
use crate::lifecycle::{snapshots, BackEntry, KitStatus};
use crate::{load, validate};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::Path;

/// Checks a kit and, when it is valid, builds its binder in memory to see that it builds.
/// Also the data of the kits and status pages of `downkit serve`.
pub fn one(
    path: &Path,
    loaded: &load::Loaded,
    dup: Vec<Diagnostic>,
    today: NaiveDate,
) -> KitStatus {
    let mut diags = validate::check(loaded, today);
    diags.extend(dup);
    crate::diag::sort(&mut diags);
    let build_error = if has_errors(&diags) {
        None
    } else {
        let opts = BuildOptions {
            date: today,
            ..BuildOptions::default()
        };
        match validate::fonts_for(loaded) {
            Err(d) => Some(
                d.iter()
                    .map(|d| d.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Ok(fonts) => compose::lay_out_only(loaded, &fonts, &opts)
                .err()
                .map(|e| e.to_string()),
        }
    };
    let mut status = KitStatus::of(
        &path.display().to_string(),
        loaded,
        &diags,
        build_error,
        today,
    );
    status.back_entry = back_entry(path, today);
    status
}

/// The names of the regular files in a snapshot folder (none when it cannot be read).
pub fn snapshot_names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// For a kit with datasets, the folder and the age at `now` of its newest snapshot among
/// `names` (the files of `folder`); `None` for a kit without datasets. The value of
/// [`KitStatus::snapshot`]; also what `downkit serve --snapshots` shows.
pub fn snapshot_age(
    loaded: &load::Loaded,
    names: &[String],
    folder: &Path,
    now: NaiveDateTime,
) -> Option<(String, Option<snapshots::SnapshotAge>)> {
    let id = &loaded.kit.meta.id.v;
    if loaded.kit.datasets.is_empty() || id.is_empty() {
        return None;
    }
    let files: Vec<_> = names
        .iter()
        .filter_map(|n| snapshots::as_of(id, n).map(|t| (n.clone(), t)))
        .collect();
    // The kit's snapshot-max-age, else the shortest max-age of an insert printed from it.
    let max = loaded
        .kit
        .meta
        .snapshot
        .max_age_hours
        .as_ref()
        .map(|h| h.v)
        .or_else(|| {
            loaded
                .kit
                .inserts
                .iter()
                .filter(|i| i.dataset.is_some())
                .filter_map(|i| i.max_age_hours.as_ref().map(|h| h.v))
                .min()
        });
    Some((
        folder.display().to_string(),
        snapshots::SnapshotAge::newest(&files, now, max),
    ))
}

/// The back-entry ledgers in a kit folder (or beside its kit.toml).
fn back_entry(path: &Path, today: NaiveDate) -> Vec<BackEntry> {
    let dir = if path.is_dir() {
        path.to_path_buf()
    } else if path.file_name().is_some_and(|n| n == "kit.toml") {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        return Vec::new();
    };
    super::ledger::ledgers_in(&dir)
        .into_iter()
        .map(|id| {
            let file = dir.join(crate::ledger::file_name(&id));
            match super::ledger::read_ledger(&file) {
                Ok(Some(l)) => BackEntry::of(&l, today),
                Ok(None) | Err(_) => BackEntry {
                    incident: id,
                    ended: None,
                    totals: Default::default(),
                    overdue: 0,
                    error: Some(format!(
                        "`{}` cannot be read; run `downkit reconcile {}`",
                        file.display(),
                        dir.display()
                    )),
                },
            }
        })
        .collect()
}
