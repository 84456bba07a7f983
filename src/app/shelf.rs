//! The binders on their shelves: the state of each `[[location]]` of a kit, and recording a
//! shelf check (who looked, what was there) in its `shelf-checks.toml`, under its lock and
//! atomically — for `downkit binder --checked` and the status page of `downkit serve`.

use super::refused::Refused;
use crate::lifecycle::shelf::{self, LocationState};
use crate::load::{self, shelf::FILE_NAME, Loaded};
use crate::model::shelf::Found;
use crate::payload::{short_hash, Payload};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Loads the kit at `kit` for its shelf checks: a kit folder whose kit and shelf-check log
/// can both be read (a log that cannot be read is an error here, where it is read: never
/// "never checked" and a due date from nothing).
pub fn open(kit: &Path) -> Result<Loaded, (Option<Box<Loaded>>, Refused)> {
    if !kit.is_dir() {
        return Err((
            None,
            Refused::NotKit(format!(
                "`{}` is not a kit folder; the shelf-check log (`{FILE_NAME}`) lives beside kit.toml",
                kit.display()
            )),
        ));
    }
    let loaded = load::load(kit);
    if !loaded.parsed {
        let d = loaded.diags.clone();
        return Err((Some(Box::new(loaded)), Refused::Kit(d)));
    }
    let log_errors = load::log_errors(&loaded, FILE_NAME, loaded.kit.shelf.file);
    if !log_errors.is_empty() {
        return Err((Some(Box::new(loaded)), Refused::Log(FILE_NAME, log_errors)));
    }
    Ok(loaded)
}

/// Every location of the kit as of `today`, judged against the current printing.
pub fn states(loaded: &Loaded, today: NaiveDate) -> Vec<LocationState> {
    let hash = short_hash(&loaded.kit.fingerprint());
    shelf::states(&loaded.kit, &hash, today)
}

/// A shelf check to record.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// The location's id.
    pub location: String,
    /// Who looked.
    pub by: String,
    /// What was there.
    pub found: Found,
    /// The day.
    pub today: NaiveDate,
}

/// What was recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// The log written.
    pub path: PathBuf,
    /// The location after the check.
    pub state: Option<LocationState>,
}

/// Appends the check to the kit's `shelf-checks.toml` (created when missing), under its
/// lock; the location's state after it.
pub fn record(loaded: &Loaded, c: &Check) -> Result<Recorded, Refused> {
    let k = &loaded.kit;
    let Some(location) = k.locations.iter().find(|l| l.id.v == c.location) else {
        let ids: Vec<&str> = k.locations.iter().map(|l| l.id.v.as_str()).collect();
        let near = ids
            .iter()
            .find(|i| strsim::damerau_levenshtein(i, &c.location) <= 2)
            .map_or_else(String::new, |n| format!("did you mean `{n}`? "));
        return Err(Refused::Invalid(format!(
            "the kit has no location `{}`; {near}choose one of: {}",
            crate::payload::shown(&c.location, 40),
            ids.join(", ")
        )));
    };
    if c.by.trim().is_empty() {
        return Err(Refused::Invalid(
            "say who looked at the shelf (--by)".into(),
        ));
    }
    let path = loaded.roots.side_file(FILE_NAME).map_err(|e| {
        Refused::Failed(format!(
            "cannot write `{}`: {e}",
            loaded.dir.join(FILE_NAME).display()
        ))
    })?;
    let header = shelf::log_header(&k.meta.id.v);
    let entry = shelf::entry_toml(&location.id.v, c.today, c.by.trim(), &c.found);
    crate::write::update_locked(
        &path,
        load::MAX_DRILL_LOG_BYTES,
        crate::write::Access::Shared,
        |old| {
            let mut text = match old {
                None => header,
                Some(bytes) => String::from_utf8(bytes.to_vec())
                    .map_err(|_| format!("`{}` is not UTF-8 text", path.display()))?,
            };
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&entry);
            Ok::<_, String>(text.into_bytes())
        },
    )
    .map_err(|e| Refused::Failed(e.to_string()))?;
    let after = load::load(&loaded.dir);
    let state = states(&after, c.today)
        .into_iter()
        .find(|l| l.id == location.id.v);
    Ok(Recorded { path, state })
}

/// What was found on the shelf, as given: a version ("1.0") or a kit code's text
/// (`DK1/<kit>/-/<version>/<hash>`).
pub fn parse_found(text: &str, kit_id: &str) -> Result<Found, String> {
    let text = text.trim();
    if text.starts_with("DK1/") {
        let p = Payload::parse(text).map_err(|e| e.to_string())?;
        if p.exercise {
            return Err("the code ends in /X: this is a drill printout (ÖVNING), not the binder for use; print the binder with `downkit build` and put it on the shelf".into());
        }
        if p.kit != kit_id {
            return Err(format!(
                "the code is of the kit `{}`, not of `{kit_id}`: a binder of another kit is on this shelf",
                p.kit
            ));
        }
        return Ok(Found::Binder {
            version: p.version,
            hash: Some(p.hash),
        });
    }
    if !crate::payload::is_version(text) {
        return Err(format!(
            "`{}` is not a version; give the version printed on the binder's cover, such as 1.0",
            crate::payload::shown(text, 40)
        ));
    }
    Ok(Found::Binder {
        version: text.to_string(),
        hash: None,
    })
}
