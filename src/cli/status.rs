//! `downkit status`: for every kit under a folder, what is due — review, drill, contacts,
//! follow-ups — and whether it is valid and builds. Exit 1 when anything needs attention.

use super::{Exit, Format};
use crate::app::kits::kits_at;
use crate::app::status::{one, snapshot_age, snapshot_names};
use crate::lifecycle::KitStatus;
use crate::load;
use chrono::{NaiveDate, NaiveDateTime};
use serde_json::json;
use std::path::Path;

/// Prints the status of every kit under `dir` as of `now`; with `snapshots`, also the age
/// of each dataset kit's newest snapshot in that folder.
pub fn run(dir: &Path, format: Format, now: NaiveDateTime, snapshots: Option<&Path>) -> Exit {
    let today = now.date();
    let kits = match kits_at(dir) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("error: cannot read the folder `{}`: {e}", dir.display());
            return Exit::Failed;
        }
    };
    let loaded: Vec<load::Loaded> = kits.iter().map(|p| load::load(p)).collect();
    let pairs: Vec<_> = kits.iter().cloned().zip(loaded.iter()).collect();
    let duplicates = crate::app::ids::duplicates(&pairs);
    let mut statuses: Vec<KitStatus> = kits
        .iter()
        .zip(&loaded)
        .zip(duplicates)
        .map(|((p, l), dup)| one(p, l, dup, today))
        .collect();
    if let Some(folder) = snapshots {
        snapshot_ages(&mut statuses, &loaded, folder, now);
    }
    match format {
        Format::Json => {
            let v: Vec<_> = statuses.iter().map(to_json).collect();
            super::print_json(&v);
        }
        Format::Human => human(dir, &statuses),
    }
    if statuses.iter().any(|s| !s.problems().is_empty()) {
        Exit::Failed
    } else {
        Exit::Ok
    }
}

/// For every kit with datasets: the age of its newest snapshot in `folder` at `now`.
fn snapshot_ages(
    statuses: &mut [KitStatus],
    loaded: &[load::Loaded],
    folder: &Path,
    now: NaiveDateTime,
) {
    let names = snapshot_names(folder);
    for (s, l) in statuses.iter_mut().zip(loaded) {
        s.snapshot = snapshot_age(l, &names, folder, now);
    }
}

fn date(d: Option<NaiveDate>) -> serde_json::Value {
    d.map_or(serde_json::Value::Null, |d| json!(d.to_string()))
}

fn to_json(s: &KitStatus) -> serde_json::Value {
    json!({
        "path": s.path,
        "id": s.id,
        "title": s.title,
        "version": s.version,
        "review_by": date(s.review_by),
        "review_overdue_days": s.review_overdue_days.filter(|d| *d > 0),
        "drill_interval_days": s.drill_interval_days,
        "last_drill": date(s.last_drill),
        "next_drill": date(s.next_drill),
        "drill_overdue_days": s.drill_overdue_days.filter(|d| *d > 0),
        "stale_contacts": s.stale_contacts.iter()
            .map(|(id, v)| json!({"id": id, "verified": v.to_string()})).collect::<Vec<_>>(),
        "overdue_follow_ups": s.overdue_follow_ups.iter()
            .map(|(what, who, by)| json!({"what": what, "who": who, "by": by.to_string()}))
            .collect::<Vec<_>>(),
        "errors": s.errors,
        "error_count": s.error_count,
        "build_error": s.build_error,
        "snapshot": s.snapshot.as_ref().map(|(dir, newest)| json!({
            "folder": dir,
            "newest": newest.as_ref().map(|a| a.file.clone()),
            "as_of": newest.as_ref().map(|a| a.as_of.format("%Y-%m-%d %H:%M").to_string()),
            "age_hours": newest.as_ref().map(|a| a.age.num_hours()),
            "max_age_hours": newest.as_ref().and_then(|a| a.max_hours),
            "stale": newest.as_ref().is_none_or(|a| a.stale()),
            "inserts": s.snapshot_inserts,
        })),
        "back_entry": s.back_entry.iter().map(|b| json!({
            "incident": b.incident,
            "ended": date(b.ended),
            "sheets": b.totals.sheets,
            "received": b.totals.received,
            "entered": b.totals.entered,
            "checked": b.totals.checked,
            "void": b.totals.void,
            "duplicate_cancelled": b.totals.duplicate,
            "open": b.totals.open,
            "overdue": b.overdue,
            "error": b.error,
        })).collect::<Vec<_>>(),
        "outage_hours": s.outage_hours,
        "stock": s.stock.iter().map(super::binder::stock_json).collect::<Vec<_>>(),
        "locations": s.locations.iter().map(super::binder::location_json).collect::<Vec<_>>(),
        "status": s.summary(),
        "problems": s.problems(),
        "attention": !s.problems().is_empty(),
    })
}

fn human(dir: &Path, statuses: &[KitStatus]) {
    if statuses.is_empty() {
        println!("no kits in {}", dir.display());
        return;
    }
    let name = |s: &KitStatus| {
        if s.id.is_empty() {
            s.path.clone()
        } else {
            s.id.clone()
        }
    };
    let w_id = statuses
        .iter()
        .map(|s| name(s).chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let w_ver = statuses
        .iter()
        .map(|s| s.version.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    let d = |d: Option<NaiveDate>, none: &str| d.map_or(none.to_string(), |d| d.to_string());
    println!(
        "{:w_id$}  {:w_ver$}  {:10}  {:10}  {:10}  STATUS",
        "ID", "VERSION", "REVIEW-BY", "LAST DRILL", "NEXT DRILL"
    );
    for s in statuses {
        println!(
            "{:w_id$}  {:w_ver$}  {:10}  {:10}  {:10}  {}",
            name(s),
            s.version,
            d(s.review_by, "-"),
            d(s.last_drill, "never"),
            d(s.next_drill, "-"),
            s.summary()
        );
        if let Some((_, Some(a))) = &s.snapshot {
            let max = a
                .max_hours
                .map_or(String::new(), |h| format!(", max {h} h"));
            println!(
                "  snapshot: {} ({} old{max})",
                a.as_of.format("%Y-%m-%d %H:%M"),
                a.age_text()
            );
        }
        for p in s.problems() {
            println!("  - {p}");
        }
        for e in &s.errors {
            println!("    {e}");
        }
        for b in s.back_entry.iter().filter(|b| b.error.is_none()) {
            let t = &b.totals;
            let end = b
                .ended
                .map_or_else(|| "not ended".into(), |d| format!("ended {d}"));
            println!(
                "  back-entry `{}` ({end}): {} sheet(s) back, {} entered, {} void, {} duplicates cancelled, {} received but not entered",
                b.incident, t.received, t.entered, t.void, t.duplicate, t.open
            );
        }
    }
}
