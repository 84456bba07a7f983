//! The clock of a run: the moment and the day every front end judges and prints with,
//! resolved once per run.

use chrono::{NaiveDate, NaiveDateTime};

/// The moment to judge against: `--date`, else `SOURCE_DATE_EPOCH`, else now (local time).
pub fn resolve_now(flag: Option<NaiveDateTime>) -> Result<NaiveDateTime, String> {
    if let Some(t) = flag {
        return Ok(t);
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH=`{epoch}` is not a number of seconds"))?;
        return chrono::DateTime::from_timestamp(secs, 0)
            .map(|d| d.naive_utc())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH=`{epoch}` is out of range"));
    }
    Ok(chrono::Local::now().naive_local())
}

/// The date to work with: `--date`, else `SOURCE_DATE_EPOCH`, else today (local time).
pub fn resolve_date(flag: Option<NaiveDate>) -> Result<NaiveDate, String> {
    resolve_now(flag.map(|d| d.and_time(chrono::NaiveTime::MIN))).map(|t| t.date())
}
