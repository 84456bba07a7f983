//! `downkit binder`: where a kit's printed binders are and whether each was checked in time;
//! with `--checked <location>` records a shelf check (who looked, which version was there)
//! in the kit's `shelf-checks.toml`, under its lock and atomically.

use super::{print_json, Exit, Format};
use crate::app::refused::Refused;
use crate::app::shelf::{self, Check};
use crate::lifecycle::shelf::LocationState;
use crate::model::shelf::Found;
use crate::model::{StockLine, Usage};
use chrono::NaiveDate;
use serde_json::json;
use std::path::Path;

/// What `downkit binder` is asked to do.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The location checked (`--checked`), when recording.
    pub checked: Option<String>,
    /// Who looked (`--by`).
    pub by: Option<String>,
    /// What was found (`--found`): a version, or the text of the cover's QR code.
    pub found: Option<String>,
    /// No binder was there (`--missing`).
    pub missing: bool,
    /// The day (`--date`).
    pub today: NaiveDate,
    /// `--format`: sentences, or one JSON object on standard output.
    pub format: Format,
}

/// Says why nothing was recorded (or listed), on standard error; the exit code.
pub fn refused(kit: &Path, loaded: Option<&crate::load::Loaded>, r: &Refused, what: &str) -> Exit {
    let emit = |d: &[crate::diag::Diagnostic]| {
        if let Some(l) = loaded {
            let _ = crate::diag::emit(&mut super::stderr_color(), &l.sources, d);
        }
    };
    match r {
        Refused::Kit(d) => {
            emit(d);
            eprintln!(
                "error: cannot read the kit `{}`; run `downkit check`",
                kit.display()
            );
            Exit::Failed
        }
        Refused::Log(name, d) => {
            emit(d);
            eprintln!(
                "error: {name} of `{}` cannot be read; fix it {what}",
                kit.display()
            );
            Exit::Failed
        }
        Refused::Invalid(m) => {
            eprintln!("error: {m}");
            Exit::Usage
        }
        Refused::NotKit(m) | Refused::Failed(m) => {
            eprintln!("error: {m}");
            Exit::Failed
        }
    }
}

/// Records a shelf check, or lists the locations; exit 1 when a binder needs attention.
pub fn run(kit: &Path, s: &Settings) -> Exit {
    let what = if s.checked.is_some() {
        "before recording another check"
    } else {
        "to see when each binder was checked"
    };
    let loaded = match shelf::open(kit) {
        Ok(l) => l,
        Err((l, r)) => return refused(kit, l.as_deref(), &r, what),
    };
    let k = &loaded.kit;
    let Some(id) = &s.checked else {
        let states = shelf::states(&loaded, s.today);
        let attention = states.iter().any(|l| !l.problems().is_empty());
        if s.format == Format::Json {
            print_json(&json!({
                "kit": k.meta.id.v,
                "version": k.meta.version.v,
                "attention": attention,
                "locations": states.iter().map(location_json).collect::<Vec<_>>(),
            }));
        } else if states.is_empty() {
            println!("{}: the kit lists no [[location]]", kit.display());
        } else {
            for l in &states {
                let last = l.last.as_ref().map_or_else(
                    || "never checked".to_string(),
                    |(d, by, _)| format!("checked {d} by {by}"),
                );
                let next = l
                    .next
                    .map_or_else(String::new, |d| format!(", next by {d}"));
                println!("{:12} {} – {} ({last}{next})", l.id, l.unit, l.place);
                for p in l.problems() {
                    println!("  - {p}");
                }
            }
        }
        return if attention { Exit::Failed } else { Exit::Ok };
    };
    let found = match (&s.found, s.missing) {
        (_, true) => Found::Missing,
        (Some(f), false) => match shelf::parse_found(f, &k.meta.id.v) {
            Ok(found) => found,
            Err(e) => {
                eprintln!("error: {e}");
                return Exit::Usage;
            }
        },
        (None, false) => {
            eprintln!("error: say what was on the shelf: --found <version on the cover> (or the text of its QR code), or --missing");
            return Exit::Usage;
        }
    };
    let check = Check {
        location: id.clone(),
        by: s.by.clone().unwrap_or_default(),
        found,
        today: s.today,
    };
    let done = match shelf::record(&loaded, &check) {
        Ok(d) => d,
        Err(r) => return refused(kit, Some(&loaded), &r, what),
    };
    if s.format == Format::Json {
        print_json(&json!({
            "kit": k.meta.id.v,
            "version": k.meta.version.v,
            "recorded_in": done.path.display().to_string(),
            "location": done.state.as_ref().map(location_json),
        }));
        return match done.state {
            Some(LocationState { stale: Some(_), .. }) => Exit::Failed,
            _ => Exit::Ok,
        };
    }
    let unit = k
        .locations
        .iter()
        .find(|l| l.id.v == *id)
        .map_or("", |l| l.unit.as_str());
    println!(
        "{}: recorded the shelf check of `{id}` ({unit}) on {} in {}",
        kit.display(),
        s.today,
        done.path.display()
    );
    match done.state {
        Some(LocationState {
            stale: Some(problem),
            ..
        }) => {
            println!(
                "the binder {problem}: print version {} and replace it",
                k.meta.version.v
            );
            Exit::Failed
        }
        Some(LocationState { next: Some(n), .. }) => {
            println!("the binder is current; next shelf check by {n}");
            Exit::Ok
        }
        _ => Exit::Ok,
    }
}

fn date(d: Option<NaiveDate>) -> serde_json::Value {
    d.map_or(serde_json::Value::Null, |d| json!(d.to_string()))
}

/// A stock line for `status --format json`.
pub fn stock_json(l: &StockLine) -> serde_json::Value {
    let (per_hour, per_day) = match l.usage.as_ref().map(|u| u.v) {
        Some(Usage::PerHour(n)) => (Some(n), None),
        Some(Usage::PerDay(n)) => (None, Some(n)),
        None => (None, None),
    };
    json!({
        "id": l.id,
        "title": l.title,
        "held": l.held,
        "use_per_hour": per_hour,
        "use_per_day": per_day,
        "need": l.need,
        "lasts_hours": l.lasts_hours,
        "short": l.short(),
    })
}

/// A binder location for `status --format json`.
pub fn location_json(l: &LocationState) -> serde_json::Value {
    let (last, by, version, hash, missing) = match &l.last {
        None => (None, None, None, None, false),
        Some((d, by, Found::Missing)) => (Some(*d), Some(by.clone()), None, None, true),
        Some((d, by, Found::Binder { version, hash })) => (
            Some(*d),
            Some(by.clone()),
            Some(version.clone()),
            hash.clone(),
            false,
        ),
    };
    json!({
        "id": l.id,
        "unit": l.unit,
        "place": l.place,
        "responsible": l.responsible,
        "shelf_check_days": l.interval_days,
        "last_check": date(last),
        "checked_by": by,
        "found_version": version,
        "found_hash": hash,
        "missing": missing,
        "next_check": date(l.next),
        "overdue_days": l.overdue_days.filter(|d| *d > 0),
        "current": l.last.is_some() && l.stale.is_none(),
        "checks_unreadable": l.unknown,
        "problems": l.problems(),
    })
}
