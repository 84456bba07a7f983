//! One field of an export by its column's kind: what is printed, the typed value it sorts
//! and schedules by, and — when it does not look like its kind — why (without the value).
//! A value that looks wrong is still printed as given, marked, so that nothing is hidden.

use crate::model::dataset::DataKind;
use crate::model::personnummer::{check, IdCheck};
use crate::model::PhoneNumber;
use chrono::{Datelike, NaiveDate};

/// A field's typed value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An empty field.
    Empty,
    /// Text (and anything that did not parse as its kind).
    Text,
    /// A date.
    Date(NaiveDate),
    /// Minutes after midnight.
    Time(u16),
    /// A number.
    Number(f64),
}

/// A field read by its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    /// What is printed.
    pub text: String,
    /// The typed value.
    pub value: Value,
    /// Why it does not look like its kind, when it does not.
    pub problem: Option<(&'static str, &'static str, &'static str)>,
}

/// Reads `text` (already trimmed) as `kind`.
pub fn read(kind: DataKind, text: &str) -> Read {
    if text.is_empty() {
        return Read {
            text: String::new(),
            value: Value::Empty,
            problem: None,
        };
    }
    let ok = |printed: String, value: Value| Read {
        text: printed,
        value,
        problem: None,
    };
    let bad = |code, what, hint| Read {
        text: text.to_string(),
        value: Value::Text,
        problem: Some((code, what, hint)),
    };
    match kind {
        DataKind::Text => ok(text.to_string(), Value::Text),
        DataKind::Date => match date(text) {
            Some(d) => ok(d.format("%Y-%m-%d").to_string(), Value::Date(d)),
            None => bad("bad-date", "is not a date", "write dates as YYYY-MM-DD"),
        },
        DataKind::Time => match time(text) {
            Some(m) => ok(format!("{:02}:{:02}", m / 60, m % 60), Value::Time(m)),
            None => bad(
                "bad-time",
                "is not a time of day",
                "write times as HH:MM, 24-hour",
            ),
        },
        DataKind::Personnummer => match personnummer(text) {
            Ok(()) => ok(text.to_string(), Value::Text),
            Err(why) => bad(
                "bad-personnummer",
                why,
                "check it against the care system; a reservnummer with letters is never checked",
            ),
        },
        DataKind::Phone => match PhoneNumber::parse(text) {
            Ok(p) => ok(p.national(), Value::Text),
            Err(_) => bad(
                "bad-phone",
                "is not a phone number",
                "write numbers as 070-123 45 67, 08-123 45 67 or +44 20 7946 0958",
            ),
        },
        DataKind::Number => match number(text) {
            Some(n) => ok(text.to_string(), Value::Number(n)),
            None => bad(
                "bad-number",
                "is not a number",
                "write numbers as 12, 2,5 or 1 200",
            ),
        },
    }
}

/// `2026-12-01`, also with a time after it (`2026-12-01 08:00:00`, `2026-12-01T08:00`).
fn date(text: &str) -> Option<NaiveDate> {
    let head = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('T')) {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// `08:30`, `8:30`, `08.30`, `0830`, `08:30:00` → minutes after midnight.
fn time(text: &str) -> Option<u16> {
    let t = text
        .strip_suffix(":00")
        .filter(|t| t.len() >= 4)
        .unwrap_or(text);
    let (h, m) = match t.find([':', '.']) {
        Some(i) => (&t[..i], &t[i + 1..]),
        None if t.len() == 4 => t.split_at(2),
        None => return None,
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// A personnummer or samordningsnummer with a real date and check digit, or a reservnummer
/// (letters in it), which is never checked.
fn personnummer(text: &str) -> Result<(), &'static str> {
    if text.chars().any(|c| c.is_alphabetic()) {
        return Ok(());
    }
    match check(text) {
        IdCheck::NotPersonnummer => Err("is not a personnummer (10 or 12 digits, YYYYMMDD-NNNN)"),
        IdCheck::BadCheckDigit(_) => Err("has a wrong check digit for a personnummer"),
        IdCheck::Valid => {
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            let ten = &digits[digits.len() - 10..];
            let month: u32 = ten[2..4].parse().unwrap_or(0);
            let day: u32 = ten[4..6].parse().unwrap_or(0);
            // A samordningsnummer adds 60 to the day.
            let day = if day > 60 { day - 60 } else { day };
            let year = if digits.len() == 12 {
                digits[..4].parse().unwrap_or(2000)
            } else {
                2000
            };
            match NaiveDate::from_ymd_opt(year, month, day) {
                Some(d) if d.year() >= 1850 => Ok(()),
                _ => Err("does not hold a real birth date for a personnummer"),
            }
        }
    }
}

/// `12`, `-3`, `2,5`, `2.5`, `1 200` (a space or no-break space between thousands).
fn number(text: &str) -> Option<f64> {
    let t: String = text
        .chars()
        .filter(|c| *c != ' ' && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(read(DataKind::Time, "8.30").text, "08:30");
        assert_eq!(read(DataKind::Time, "0830").value, Value::Time(510));
        assert_eq!(read(DataKind::Time, "08:30:00").text, "08:30");
        assert!(read(DataKind::Time, "25:00").problem.is_some());
        assert!(read(DataKind::Time, "kväll").problem.is_some());
        assert_eq!(
            read(DataKind::Date, "2026-12-01 00:00:00").text,
            "2026-12-01"
        );
        assert!(read(DataKind::Date, "2026-13-01").problem.is_some());
        assert!(read(DataKind::Date, "1/12/2026").problem.is_some());
        assert!(read(DataKind::Personnummer, "19121212-1212")
            .problem
            .is_none());
        assert!(read(DataKind::Personnummer, "19121212-1213")
            .problem
            .is_some());
        assert!(read(DataKind::Personnummer, "RES-2024-K17")
            .problem
            .is_none());
        assert!(read(DataKind::Personnummer, "1912121-1212")
            .problem
            .is_some());
        assert_eq!(read(DataKind::Phone, "0701740605").text, "070-174 06 05");
        let bad = read(DataKind::Phone, "ring växeln");
        assert_eq!(bad.text, "ring växeln");
        assert!(bad.problem.is_some());
        assert_eq!(
            read(DataKind::Number, "1 200,5").value,
            Value::Number(1200.5)
        );
        assert_eq!(read(DataKind::Text, "").value, Value::Empty);
    }
}
