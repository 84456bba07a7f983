//! The binders on their shelves: for each `[[location]]` of a kit, its last shelf check,
//! when the next one is due, and whether the binder found there is the current printing.
//! Also the TOML text of a new shelf check, appended to `shelf-checks.toml`.

use crate::model::shelf::Found;
use crate::model::Kit;
use chrono::{Days, NaiveDate};
use std::fmt::Write;

/// The state of one binder location as of a date.
#[derive(Debug, Clone, PartialEq)]
pub struct LocationState {
    /// Location id.
    pub id: String,
    /// Unit.
    pub unit: String,
    /// Where exactly.
    pub place: String,
    /// Who keeps it current.
    pub responsible: String,
    /// Days between checks.
    pub interval_days: u32,
    /// The last check's date, who made it and what was found.
    pub last: Option<(NaiveDate, String, Found)>,
    /// When the next check is due: the last check (never checked: the kit's issue date)
    /// plus the interval.
    pub next: Option<NaiveDate>,
    /// Days past `next` (positive when overdue).
    pub overdue_days: Option<i64>,
    /// What is wrong with the binder found: an older version, another printing, missing.
    pub stale: Option<String>,
    /// The shelf-check log has errors: whether and when it was checked is not known.
    pub unknown: bool,
}

/// Every location of `kit` as of `today`; `hash` is the current printing's short hash.
pub fn states(kit: &Kit, hash: &str, today: NaiveDate) -> Vec<LocationState> {
    let m = &kit.meta;
    let issued = (m.issued.loc.start != m.issued.loc.end).then_some(m.issued.v);
    let unknown = kit.shelf.unreadable;
    kit.locations
        .iter()
        .map(|l| {
            let interval = l.interval_days();
            // A log that cannot be read says nothing: not "never checked", no due date.
            let last = kit.shelf.last(&l.id.v).filter(|_| !unknown);
            let next = last
                .map(|c| c.date.v)
                .or(issued)
                .and_then(|d| d.checked_add_days(Days::new(u64::from(interval))))
                .filter(|_| !unknown);
            let stale = last.and_then(|c| match &c.found {
                Found::Missing => Some("no binder was there".to_string()),
                Found::Binder { version, .. } if *version != m.version.v => Some(format!(
                    "holds version {version}; the current version is {}",
                    m.version.v
                )),
                Found::Binder { hash: Some(h), .. } if h != hash => Some(format!(
                    "holds an earlier printing of version {} (code {h}, current {hash}): the content changed",
                    m.version.v
                )),
                Found::Binder { .. } => None,
            });
            LocationState {
                id: l.id.v.clone(),
                unit: l.unit.clone(),
                place: l.place.clone(),
                responsible: l.responsible.clone(),
                interval_days: interval,
                last: last.map(|c| (c.date.v, c.by.clone(), c.found.clone())),
                next,
                overdue_days: next.map(|d| (today - d).num_days()),
                stale,
                unknown,
            }
        })
        .collect()
}

impl LocationState {
    /// What needs attention, one line each.
    pub fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        let at = format!("binder at `{}` ({}, {})", self.id, self.unit, self.place);
        if self.unknown {
            p.push(format!(
                "{at}: its shelf checks cannot be read, shelf-checks.toml has errors; fix it \
                 (`downkit check` shows where)"
            ));
        }
        if let Some(s) = &self.stale {
            p.push(format!("{at} {s}: replace it"));
        }
        if let (Some(next), Some(days @ 1..)) = (self.next, self.overdue_days) {
            let since = match &self.last {
                Some((d, ..)) => format!("last checked {d}"),
                None => "never checked".into(),
            };
            p.push(format!(
                "{at} not checked in time: due {next}, {days} days ago ({since}; every {} days, {})",
                self.interval_days, self.responsible
            ));
        }
        p
    }
}

/// The first lines of a new shelf-check log.
pub fn log_header(kit_id: &str) -> String {
    format!(
        "# Shelf checks of the kit `{kit_id}`: one [[check]] per look at a binder on its shelf.\n\
         # Written by `downkit binder --checked` and by hand; see docs/kit-format.md.\n"
    )
}

/// A shelf check as TOML, starting with a blank line.
pub fn entry_toml(location: &str, date: NaiveDate, by: &str, found: &Found) -> String {
    let q = super::toml_string;
    let mut s = format!(
        "\n[[check]]\nlocation = {}\ndate = {date}\nby = {}\n",
        q(location),
        q(by)
    );
    match found {
        Found::Missing => s.push_str("missing = true\n"),
        Found::Binder { version, hash } => {
            let _ = writeln!(s, "found = {}", q(version));
            if let Some(h) = hash {
                let _ = writeln!(s, "hash = {}", q(h));
            }
        }
    }
    s
}
