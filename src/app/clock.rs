//! The clock of a run: the moment and the day every front end judges and prints with,
//! resolved once per run by [`Clock::resolve`] — the command line at its start, `serve` when
//! it starts (a bad `SOURCE_DATE_EPOCH` stops both with the same error).

use chrono::{NaiveDate, NaiveDateTime};

/// Where a run's time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// A fixed moment: `--date`, or `SOURCE_DATE_EPOCH`.
    Fixed(NaiveDateTime),
    /// The local wall clock, read at every [`Clock::now`] (a server runs for days).
    Local,
}

impl Clock {
    /// `--date`, else `SOURCE_DATE_EPOCH`, else the local clock; an error when
    /// `SOURCE_DATE_EPOCH` is set but is not a number of seconds in range.
    pub fn resolve(flag: Option<NaiveDateTime>) -> Result<Clock, String> {
        if let Some(t) = flag {
            return Ok(Clock::Fixed(t));
        }
        if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
            let secs: i64 = epoch
                .trim()
                .parse()
                .map_err(|_| format!("SOURCE_DATE_EPOCH=`{epoch}` is not a number of seconds"))?;
            return chrono::DateTime::from_timestamp(secs, 0)
                .map(|d| Clock::Fixed(d.naive_utc()))
                .ok_or_else(|| format!("SOURCE_DATE_EPOCH=`{epoch}` is out of range"));
        }
        Ok(Clock::Local)
    }

    /// The moment now.
    pub fn now(self) -> NaiveDateTime {
        match self {
            Clock::Fixed(t) => t,
            Clock::Local => chrono::Local::now().naive_local(),
        }
    }

    /// The day now.
    pub fn today(self) -> NaiveDate {
        self.now().date()
    }
}

/// The moment to judge against: `--date`, else `SOURCE_DATE_EPOCH`, else now (local time).
pub fn resolve_now(flag: Option<NaiveDateTime>) -> Result<NaiveDateTime, String> {
    Clock::resolve(flag).map(Clock::now)
}

/// The date to work with: `--date`, else `SOURCE_DATE_EPOCH`, else today (local time).
pub fn resolve_date(flag: Option<NaiveDate>) -> Result<NaiveDate, String> {
    resolve_now(flag.map(|d| d.and_time(chrono::NaiveTime::MIN))).map(|t| t.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_wins_and_is_fixed() {
        let t = NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(8, 0, 0))
            .expect("a date");
        assert_eq!(Clock::resolve(Some(t)), Ok(Clock::Fixed(t)));
        assert_eq!(Clock::Fixed(t).today(), t.date());
    }
}
