//! What is due for one kit as of a date: review, next drill, stale contacts, follow-ups past
//! their date, and whether the kit is valid and builds.

use crate::diag::{Diagnostic, Severity};
use crate::load::Loaded;
use chrono::{Days, Months, NaiveDate};

/// A drill this close is shown as "due in N days" (not yet a problem).
pub const DUE_SOON_DAYS: i64 = 14;

/// Most errors listed per kit; `downkit check` shows them all.
pub const MAX_STATUS_ERRORS: usize = 10;

/// The lifecycle state of one kit.
#[derive(Debug, Clone, PartialEq)]
pub struct KitStatus {
    /// The path given.
    pub path: String,
    /// Kit id (empty when unreadable).
    pub id: String,
    /// Title.
    pub title: String,
    /// Version.
    pub version: String,
    /// Review-by date.
    pub review_by: Option<NaiveDate>,
    /// Days past the review date (positive when overdue).
    pub review_overdue_days: Option<i64>,
    /// Days between drills.
    pub drill_interval_days: u32,
    /// The last drill in the log.
    pub last_drill: Option<NaiveDate>,
    /// When the next drill is due: last drill (or, never drilled, the issue date) plus the
    /// interval.
    pub next_drill: Option<NaiveDate>,
    /// Days past the next drill date (positive when overdue).
    pub drill_overdue_days: Option<i64>,
    /// Contacts not verified in 12 months: id and verified date.
    pub stale_contacts: Vec<(String, NaiveDate)>,
    /// Follow-ups not done and past their date: what, who, by.
    pub overdue_follow_ups: Vec<(String, String, NaiveDate)>,
    /// Errors from `check`, one line each: the first [`MAX_STATUS_ERRORS`], then a line
    /// with the count of the rest.
    pub errors: Vec<String>,
    /// How many errors `check` found.
    pub error_count: usize,
    /// Why the build failed, when it was tried and failed.
    pub build_error: Option<String>,
    /// For a kit with datasets, when a snapshot folder was given: the folder and the age of
    /// the kit's newest snapshot in it (`None`: there is none).
    pub snapshot: Option<(String, Option<super::snapshots::SnapshotAge>)>,
    /// The titles of the binder's inserts that are snapshots of the kit's datasets: what a
    /// missing or stale snapshot leaves out of date on the shelf.
    pub snapshot_inserts: Vec<String>,
    /// The back-entry ledgers beside the kit (filled in by the caller, which reads them).
    pub back_entry: Vec<BackEntry>,
    /// Hours of outage the stock is planned for.
    pub outage_hours: u32,
    /// The stock plan: copies held, expected use and need of each form and log.
    pub stock: Vec<crate::model::StockLine>,
    /// The binder locations and their shelf checks.
    pub locations: Vec<super::shelf::LocationState>,
}

/// The back-entry of one incident, from its ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct BackEntry {
    /// Incident id.
    pub incident: String,
    /// When the outage ended, when recorded.
    pub ended: Option<NaiveDate>,
    /// The ledger's counts.
    pub totals: crate::ledger::Totals,
    /// Sheets still open after the end date (0 before it, or without one).
    pub overdue: usize,
    /// Why the ledger could not be read, when it could not.
    pub error: Option<String>,
}

impl BackEntry {
    /// The state of a ledger as of `today`.
    pub fn of(ledger: &crate::ledger::Ledger, today: NaiveDate) -> BackEntry {
        BackEntry {
            incident: ledger.incident.clone(),
            ended: ledger.ended,
            totals: ledger.totals(),
            overdue: ledger.overdue(today),
            error: None,
        }
    }
}

impl KitStatus {
    /// Computes the state of a loaded kit from its diagnostics (from `validate::check`) and
    /// the outcome of a build attempt.
    pub fn of(
        path: &str,
        loaded: &Loaded,
        diags: &[Diagnostic],
        build_error: Option<String>,
        today: NaiveDate,
    ) -> KitStatus {
        let kit = &loaded.kit;
        let m = &kit.meta;
        let real = |d: &crate::model::At<NaiveDate>| {
            (loaded.parsed && d.loc.start != d.loc.end).then_some(d.v)
        };
        let review_by = real(&m.review_by);
        let interval = m.drill_interval_days();
        let last_drill = kit.drills.last();
        let next_drill = last_drill
            .or_else(|| real(&m.issued))
            .and_then(|d| d.checked_add_days(Days::new(u64::from(interval))));
        let year_ago = today.checked_sub_months(Months::new(12)).unwrap_or(today);
        let stale_contacts = kit
            .contacts
            .iter()
            .filter_map(|c| real(&c.verified).map(|v| (c.id.v.clone(), v)))
            .filter(|(_, v)| *v < year_ago)
            .collect();
        let overdue_follow_ups = kit
            .drills
            .drills
            .iter()
            .flat_map(|d| &d.follow_ups)
            .filter(|f| !f.done && f.by.v < today)
            .map(|f| (f.what.clone(), f.who.clone(), f.by.v))
            .collect();
        let all_errors: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        let error_count = all_errors.len();
        let mut errors: Vec<String> = all_errors
            .iter()
            .take(MAX_STATUS_ERRORS)
            .map(|d| d.short(&loaded.sources))
            .collect();
        if error_count > MAX_STATUS_ERRORS {
            errors.push(format!(
                "… and {} more; run `downkit check {path}`",
                error_count - MAX_STATUS_ERRORS
            ));
        }
        KitStatus {
            path: path.to_string(),
            id: m.id.v.clone(),
            title: m.title.v.clone(),
            version: m.version.v.clone(),
            review_by,
            review_overdue_days: review_by.map(|d| (today - d).num_days()),
            drill_interval_days: interval,
            last_drill,
            next_drill,
            drill_overdue_days: next_drill.map(|d| (today - d).num_days()),
            stale_contacts,
            overdue_follow_ups,
            errors,
            error_count,
            build_error,
            snapshot: None,
            snapshot_inserts: kit
                .inserts
                .iter()
                .filter(|i| i.dataset.is_some())
                .map(|i| i.title.v.clone())
                .collect(),
            back_entry: Vec::new(),
            outage_hours: m.outage_hours(),
            stock: if loaded.parsed {
                kit.stock_plan(None)
            } else {
                Vec::new()
            },
            locations: super::shelf::states(
                kit,
                &crate::payload::short_hash(&kit.fingerprint()),
                today,
            ),
        }
    }

    /// Everything that is overdue or broken, one line each; empty when all is well.
    pub fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        for b in &self.back_entry {
            if let Some(e) = &b.error {
                p.push(format!(
                    "back-entry ledger of incident `{}`: {e}",
                    b.incident
                ));
            } else if let (n @ 1.., Some(end)) = (b.overdue, b.ended) {
                p.push(format!(
                    "back-entry overdue: {n} sheet(s) of incident `{}` received but not entered; the incident ended {end}",
                    b.incident
                ));
            }
        }
        if !self.errors.is_empty() {
            p.push(format!("invalid: {} error(s) from check", self.error_count));
        }
        if let Some(e) = &self.build_error {
            p.push(format!("does not build: {e}"));
        }
        if let (Some(d), Some(days)) = (self.review_by, self.review_overdue_days) {
            if days > 0 {
                p.push(format!(
                    "review overdue: review-by {d} passed {days} days ago"
                ));
            }
        }
        if let (Some(d), Some(days)) = (self.next_drill, self.drill_overdue_days) {
            if days > 0 {
                let since = match self.last_drill {
                    Some(l) => format!("last drill {l}"),
                    None => "never drilled".into(),
                };
                p.push(format!("drill overdue: due {d}, {days} days ago ({since})"));
            }
        }
        for (id, v) in &self.stale_contacts {
            p.push(format!("contact `{id}` not verified since {v}"));
        }
        for (what, who, by) in &self.overdue_follow_ups {
            p.push(format!("follow-up \"{what}\" ({who}) was due {by}"));
        }
        p.extend(self.locations.iter().flat_map(|l| l.problems()));
        for l in self.stock.iter().filter(|l| l.short()) {
            p.push(format!(
                "stock of `{}` short: {} copies last {} h of the {} h planned; {} needed",
                l.id,
                l.held,
                l.lasts_hours.unwrap_or(0),
                self.outage_hours,
                l.need.unwrap_or(0)
            ));
        }
        // What the binder on the shelf holds that a missing or stale snapshot leaves old.
        let inserts = if self.snapshot_inserts.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = self
                .snapshot_inserts
                .iter()
                .map(|t| format!("`{t}`"))
                .collect();
            format!("; the binder's insert {} is out of date", names.join(", "))
        };
        match &self.snapshot {
            Some((dir, None)) => p.push(format!("no snapshot in {dir}{inserts}")),
            Some((_, Some(a))) if a.stale() => p.push(format!(
                "snapshot stale: the newest ({}) is {} old, more than snapshot-max-age {} h{inserts}",
                a.as_of.format("%Y-%m-%d %H:%M"),
                a.age_text(),
                a.max_hours.unwrap_or_default()
            )),
            _ => {}
        }
        p
    }

    /// One word or phrase for the table.
    pub fn summary(&self) -> String {
        if !self.errors.is_empty() {
            return "invalid".into();
        }
        if self.build_error.is_some() {
            return "does not build".into();
        }
        let n = self.problems().len();
        if n > 0 {
            return format!("attention ({n})");
        }
        match self.drill_overdue_days {
            Some(d) if d > -DUE_SOON_DAYS => format!("ok, drill due in {} days", -d),
            _ => "ok".into(),
        }
    }
}
