//! Recording a drill in a kit's `drills.toml`, marking its follow-ups done and writing back
//! the call-tree results — for `downkit drill --record` and the status page of
//! `downkit serve`.

use super::calls::{self, Given};
use super::refused::Refused;
use crate::compose;
use crate::lifecycle::{entry_toml, log_header, NewDrill};
use crate::load::{self, drills::FILE_NAME, Loaded};
use crate::write;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// What to record.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The drill (its call results are resolved from `calls`).
    pub drill: NewDrill,
    /// Follow-ups to mark done: the text of their `what`, or a unique part of it.
    pub done: Vec<String>,
    /// Who did the follow-ups marked done.
    pub done_by: Option<String>,
    /// Call-tree results as given: contacts reached (`all` for every contact not named
    /// otherwise), not answering, with a wrong number.
    pub calls: Given,
}

/// What was recorded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recorded {
    /// The drill log written.
    pub path: PathBuf,
    /// The follow-ups marked done (their `what`).
    pub marked: Vec<String>,
    /// Whether a drill was appended (not when only follow-ups were marked done).
    pub appended: bool,
    /// When the next drill is due.
    pub next: Option<NaiveDate>,
    /// For each kit file with a contact reached: the contacts whose `verified` date was
    /// set, or why the file could not be written (the drill is recorded all the same).
    pub verified: Vec<(PathBuf, Result<Vec<String>, String>)>,
}

/// Loads the kit at `kit` for its drill log: a kit folder whose kit and log can be read.
pub fn open(kit: &Path) -> Result<Loaded, (Option<Box<Loaded>>, Refused)> {
    if !kit.is_dir() {
        return Err((
            None,
            Refused::NotKit(format!(
                "`{}` is not a kit folder; a drill log (`{FILE_NAME}`) lives beside kit.toml in a kit folder",
                kit.display()
            )),
        ));
    }
    let loaded = load::load(kit);
    if !loaded.parsed {
        let d = loaded.diags.clone();
        return Err((Some(Box::new(loaded)), Refused::Kit(d)));
    }
    let log_errors = load::log_errors(&loaded, FILE_NAME, loaded.kit.drills.file);
    if !log_errors.is_empty() {
        return Err((Some(Box::new(loaded)), Refused::Log(FILE_NAME, log_errors)));
    }
    Ok(loaded)
}

/// Appends the drill to the kit's `drills.toml` (created when missing) and marks follow-ups
/// done, after checking that the scenario and contacts exist; then sets the `verified`
/// date of each contact reached. With only follow-ups to mark done, no drill is appended.
/// Read, changed and replaced under the log's lock: concurrent records all land.
pub fn record(loaded: &Loaded, r: &Record) -> Result<Recorded, Refused> {
    let mut drill = r.drill.clone();
    drill.calls = calls::resolve(&loaded.kit, &r.calls).map_err(Refused::Invalid)?;
    if drill.scenario.is_none() && !drill.calls.is_empty() {
        drill.scenario = Some(compose::CALL_TREE.into());
    }
    if let Some(s) = &drill.scenario {
        if compose::find_scenario(&loaded.kit, Some(s)).is_none() {
            let mut ids: Vec<&str> = loaded
                .kit
                .scenarios
                .iter()
                .map(|s| s.id.v.as_str())
                .collect();
            ids.extend([compose::STANDARD, compose::CALL_TREE]);
            return Err(Refused::Invalid(format!(
                "the kit has no scenario `{}`; choose one of: {}",
                crate::payload::shown(s, 40),
                ids.join(", ")
            )));
        }
    }
    drill
        .findings
        .extend(calls::findings(&loaded.kit, &drill.calls));
    let only_done = !r.done.is_empty()
        && drill.scenario.is_none()
        && drill.participants.is_empty()
        && drill.findings.is_empty()
        && drill.follow_ups.is_empty();
    let path = loaded.roots.side_file(FILE_NAME).map_err(|e| {
        Refused::Failed(format!(
            "cannot write `{}`: {e}",
            loaded.dir.join(FILE_NAME).display()
        ))
    })?;
    let header = log_header(&loaded.kit.meta.id.v);
    let mut marked = Vec::new();
    let written = write::update_locked(
        &path,
        load::MAX_DRILL_LOG_BYTES,
        write::Access::Shared,
        |old| {
            let mut text = match old {
                None => header,
                Some(bytes) => String::from_utf8(bytes.to_vec())
                    .map_err(|_| format!("`{}` is not UTF-8 text", path.display()))?,
            };
            if !r.done.is_empty() {
                let (t, m) =
                    crate::lifecycle::mark_done(&text, &r.done, drill.date, r.done_by.as_deref())?;
                text = t;
                marked = m;
            }
            if !only_done {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
                text.push_str(&entry_toml(&drill));
            }
            Ok::<_, String>(text.into_bytes())
        },
    );
    match written {
        Ok(()) => {}
        Err(write::UpdateError::Rejected(e)) => return Err(Refused::Invalid(e)),
        Err(e) => return Err(Refused::Failed(e.to_string())),
    }
    let next = drill.date.checked_add_days(chrono::Days::new(u64::from(
        loaded.kit.meta.drill_interval_days(),
    )));
    Ok(Recorded {
        path,
        marked,
        appended: !only_done,
        next: next.filter(|_| !only_done),
        verified: calls::write_verified(loaded, &drill),
    })
}
