//! `downkit binder`: where a kit's printed binders are and whether each was checked in time;
//! with `--checked <location>` records a shelf check (who looked, which version was there)
//! in the kit's `shelf-checks.toml`, under its lock and atomically.

use super::Format;
use crate::lifecycle::shelf::LocationState;
use crate::model::shelf::Found;
use crate::model::{StockLine, Usage};
use chrono::NaiveDate;
use serde_json::json;

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
