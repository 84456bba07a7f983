//! Drills: scenarios written in the kit (`[[scenario]]` with timed injects) and the drill log
//! kept beside it (`drills.toml`: what was practised, by whom, what was found and followed up).

use super::{At, Loc};
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;

/// A time of day to the minute, printed as 24-hour `HH:MM`.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct ClockTime(u16);

impl ClockTime {
    /// `hour:minute`; `None` when out of range.
    pub fn new(hour: u32, minute: u32) -> Option<Self> {
        (hour < 24 && minute < 60).then(|| ClockTime((hour * 60 + minute) as u16))
    }

    /// Parses `HH:MM` (or `HH:MM:SS`, seconds ignored; a TOML local time reads so).
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split(':');
        let h = parts.next()?;
        let m = parts.next()?;
        if let Some(s) = parts.next() {
            let s = s.split('.').next().unwrap_or("");
            if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_digit()) || s.parse::<u32>().ok()? > 59
            {
                return None;
            }
        }
        if parts.next().is_some() || !(1..=2).contains(&h.len()) || m.len() != 2 {
            return None;
        }
        // Digits only: `u32::from_str` also takes a sign (`+8:+0` read as 08:00).
        if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        ClockTime::new(h.parse().ok()?, m.parse().ok()?)
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u32 {
        u32::from(self.0)
    }

    /// This time plus `minutes`, wrapping past midnight.
    pub fn plus(self, minutes: u32) -> Self {
        ClockTime(((self.minutes() + minutes) % (24 * 60)) as u16)
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// What a scenario exercises.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScenarioKind {
    /// An outage played out with inject cards.
    #[default]
    Outage,
    /// A call-tree test: every contact is called and the result written on a sheet.
    CallTree,
}

/// A drill scenario: what has happened, and the messages the drill leader hands out.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Scenario {
    /// Id, named by `--scenario` and by `scenario` in the drill log.
    pub id: At<String>,
    /// What it exercises.
    pub kind: ScenarioKind,
    /// Title ("Nätverket nere en måndagsmorgon").
    pub title: At<String>,
    /// What has happened, read out at the start.
    pub what_happened: String,
    /// The systems that are down.
    pub systems_down: Vec<String>,
    /// When the drill starts (clock time in the scenario).
    pub start: ClockTime,
    /// Planned length on the scenario's clock, minutes (several days for a long outage
    /// played with time jumps).
    pub duration: u32,
    /// Timed messages, in the order written.
    pub injects: Vec<Inject>,
    /// Location.
    pub loc: Loc,
}

/// Minutes in a day.
pub const DAY_MINUTES: u32 = 24 * 60;

impl Scenario {
    /// The planned end.
    pub fn end(&self) -> ClockTime {
        self.start.plus(self.duration)
    }

    /// The day (1, 2 …) the scenario ends on.
    pub fn end_day(&self) -> u32 {
        (self.start.minutes() + self.duration) / DAY_MINUTES + 1
    }

    /// When an inject is handed out, in minutes from midnight before day 1: its `day` when
    /// written, else the first time after the start (a time before the start is the next
    /// day).
    pub fn at(&self, i: &Inject) -> u32 {
        let t = i.time.v.minutes();
        match &i.day {
            Some(d) => (d.v.max(1) - 1) * DAY_MINUTES + t,
            None if t < self.start.minutes() => t + DAY_MINUTES,
            None => t,
        }
    }

    /// True when the scenario's clock passes midnight: its times are printed with the day.
    pub fn spans_days(&self) -> bool {
        self.end_day() > 1 || self.injects.iter().any(|i| self.at(i) >= DAY_MINUTES)
    }
}

/// One timed message the drill leader hands to a role.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Inject {
    /// The day of the scenario it belongs to (1 is the first), when written.
    pub day: Option<At<u32>>,
    /// When it is handed out.
    pub time: At<ClockTime>,
    /// What the card says ("Leverantören svarar inte i telefon").
    pub text: String,
    /// Who receives it (a role).
    pub to: String,
    /// What the drill leader expects to happen (on the leader's sheet, never on the card).
    pub expect: Option<String>,
}

/// The drill log of a kit (`drills.toml`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DrillLog {
    /// Index of `drills.toml` in the kit's sources, when there is one.
    pub file: Option<usize>,
    /// Drills, in the order written.
    pub drills: Vec<Drill>,
}

impl DrillLog {
    /// The most recent drill date (drills whose date could not be read are left out).
    pub fn last(&self) -> Option<NaiveDate> {
        self.drills
            .iter()
            .filter(|d| d.date.loc.start != d.date.loc.end)
            .map(|d| d.date.v)
            .max()
    }
}

/// One drill that took place.
#[derive(Debug, Clone, PartialEq)]
pub struct Drill {
    /// When (an empty location when the date could not be read).
    pub date: At<NaiveDate>,
    /// The scenario practised (an id of the kit's `[[scenario]]`), if any.
    pub scenario: Option<At<String>>,
    /// Who took part.
    pub participants: Vec<String>,
    /// What was found.
    pub findings: Vec<String>,
    /// What must be done about it.
    pub follow_ups: Vec<FollowUp>,
    /// Results of a call-tree test: each contact called.
    pub calls: Vec<Call>,
    /// Location.
    pub loc: Loc,
}

/// How a call of a call-tree test went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallResult {
    /// Answered, and the entry is right.
    Reached,
    /// Nobody answered.
    NoAnswer,
    /// The number is wrong (or the entry is).
    WrongNumber,
}

impl CallResult {
    /// The word in `drills.toml`.
    pub fn key(self) -> &'static str {
        match self {
            CallResult::Reached => "reached",
            CallResult::NoAnswer => "no-answer",
            CallResult::WrongNumber => "wrong-number",
        }
    }

    /// Every result, for reading and messages.
    pub const ALL: [CallResult; 3] = [
        CallResult::Reached,
        CallResult::NoAnswer,
        CallResult::WrongNumber,
    ];
}

/// One contact called in a call-tree test.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The contact's id.
    pub contact: At<String>,
    /// How it went.
    pub result: CallResult,
    /// What was written on the sheet ("nytt nummer 070-…").
    pub note: Option<String>,
}

/// Something to do after a drill.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    /// What.
    pub what: String,
    /// Who.
    pub who: String,
    /// By when.
    pub by: At<NaiveDate>,
    /// Done.
    pub done: bool,
    /// When it was marked done, when recorded.
    pub done_on: Option<NaiveDate>,
    /// Who did it (`done-by`), when recorded.
    pub done_by: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times() {
        assert_eq!(ClockTime::parse("9:05").unwrap().to_string(), "09:05");
        assert_eq!(ClockTime::parse("10:25:00").unwrap().to_string(), "10:25");
        assert_eq!(
            ClockTime::parse("23:30").unwrap().plus(45).to_string(),
            "00:15"
        );
        for bad in [
            "24:00", "10:60", "10", "10:5", "a:bc", "10:25:99", "1:2:3:4", "+8:+0", "08:-5",
            "+8:00", "10:25:+1",
        ] {
            assert!(ClockTime::parse(bad).is_none(), "{bad}");
        }
    }
}
