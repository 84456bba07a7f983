//! Opening hours as people write them ("Mån–fre 08.00–16.30", "Dygnet runt", "Kvällar,
//! nätter och helger", "Mon–Fri 07.00–18.00"), read into the quarter-hours of a week, so
//! that `check` can tell whether anyone a step calls answers at the time the step applies,
//! and the phone list can mark the number that answers at night.
//!
//! What the reader does not recognise it leaves out; text with nothing recognisable is
//! `None` (unknown), never a guess.

/// Quarter-hours in a day.
const DAY: usize = 24 * 4;
/// Quarter-hours in a week, Monday 00:00 first.
const WEEK: usize = 7 * DAY;

/// The quarter-hours of a week someone answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week([bool; WEEK]);

/// A named part of the week, for messages ("weekday nights").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Monday to Friday, 07.00–17.00.
    WeekdayDaytime,
    /// Monday to Friday, 17.00–22.00.
    WeekdayEvening,
    /// Every night, 22.00–07.00.
    Night,
    /// Saturday and Sunday, 07.00–22.00.
    Weekend,
}

impl Period {
    /// Every period, in the order messages name them.
    pub const ALL: [Period; 4] = [
        Period::WeekdayDaytime,
        Period::WeekdayEvening,
        Period::Night,
        Period::Weekend,
    ];

    /// The period's quarter-hours.
    pub fn week(self) -> Week {
        let mut w = Week::never();
        match self {
            Period::WeekdayDaytime => w.mark(&[0, 1, 2, 3, 4], 7 * 4, 17 * 4),
            Period::WeekdayEvening => w.mark(&[0, 1, 2, 3, 4], 17 * 4, 22 * 4),
            Period::Night => w.mark(&[0, 1, 2, 3, 4, 5, 6], 22 * 4, 7 * 4),
            Period::Weekend => w.mark(&[5, 6], 7 * 4, 22 * 4),
        }
        w
    }

    /// The period in words, Swedish or English.
    pub fn words(self, sv: bool) -> &'static str {
        match (self, sv) {
            (Period::WeekdayDaytime, true) => "vardagar dagtid",
            (Period::WeekdayEvening, true) => "vardagskvällar",
            (Period::Night, true) => "nätter",
            (Period::Weekend, true) => "helger",
            (Period::WeekdayDaytime, false) => "weekday daytime",
            (Period::WeekdayEvening, false) => "weekday evenings",
            (Period::Night, false) => "nights",
            (Period::Weekend, false) => "weekends",
        }
    }
}

impl Week {
    /// Never.
    pub fn never() -> Week {
        Week([false; WEEK])
    }

    /// Always.
    pub fn always() -> Week {
        Week([true; WEEK])
    }

    /// Marks `from`–`to` (quarter-hours of the day; `to` ≤ `from` runs past midnight,
    /// within the same day) on each of `days` (0 = Monday).
    fn mark(&mut self, days: &[usize], from: usize, to: usize) {
        for &d in days {
            let base = d * DAY;
            let mut set = |a: usize, b: usize| {
                for q in a..b.min(DAY) {
                    self.0[base + q] = true;
                }
            };
            if to > from {
                set(from, to);
            } else {
                set(from, DAY);
                set(0, to);
            }
        }
    }

    /// Both together.
    pub fn union(&self, other: &Week) -> Week {
        let mut w = self.clone();
        for (a, b) in w.0.iter_mut().zip(other.0.iter()) {
            *a |= *b;
        }
        w
    }

    /// True when every quarter-hour of `other` is in this one.
    pub fn covers(&self, other: &Week) -> bool {
        self.0.iter().zip(other.0.iter()).all(|(a, b)| *a || !*b)
    }

    /// True when at least half of the quarter-hours of `other` are in this one.
    pub fn covers_half(&self, other: &Week) -> bool {
        let wanted = other.0.iter().filter(|q| **q).count();
        let have = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| **a && **b)
            .count();
        have * 2 >= wanted
    }

    /// True when no quarter-hour is marked.
    pub fn is_never(&self) -> bool {
        !self.0.iter().any(|q| *q)
    }

    /// The named periods this week leaves partly uncovered within `within`.
    pub fn gaps(&self, within: &Week) -> Vec<Period> {
        Period::ALL
            .into_iter()
            .filter(|p| {
                let part = p.week();
                part.0
                    .iter()
                    .zip(within.0.iter())
                    .zip(self.0.iter())
                    .any(|((in_p, wanted), have)| *in_p && *wanted && !*have)
            })
            .collect()
    }

    /// True when it answers at 03.00 on a weekday.
    pub fn at_night(&self) -> bool {
        self.0[2 * DAY + 3 * 4]
    }

    /// True when it answers at 10.00 on a weekday.
    pub fn weekday_daytime(&self) -> bool {
        self.0[2 * DAY + 10 * 4]
    }
}

/// A word of hours text.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// Days of the week (0 = Monday).
    Days(Vec<usize>),
    /// A time range in quarter-hours of the day.
    Range(usize, usize),
    /// A whole named part of the week.
    Part(Box<Week>),
    /// The end of a clause ("." or ";").
    Stop,
}

const WEEKDAYS: [usize; 5] = [0, 1, 2, 3, 4];
const ALL_DAYS: [usize; 7] = [0, 1, 2, 3, 4, 5, 6];

/// The day a word names (Swedish or English, short or long).
fn day(word: &str) -> Option<usize> {
    const NAMES: [(&[&str], usize); 7] = [
        (
            &["mån", "måndag", "måndagar", "mon", "monday", "mondays"],
            0,
        ),
        (
            &[
                "tis", "tisdag", "tisdagar", "tue", "tues", "tuesday", "tuesdays",
            ],
            1,
        ),
        (
            &[
                "ons",
                "onsdag",
                "onsdagar",
                "wed",
                "wednesday",
                "wednesdays",
            ],
            2,
        ),
        (
            &[
                "tor",
                "tors",
                "torsdag",
                "torsdagar",
                "thu",
                "thur",
                "thursday",
                "thursdays",
            ],
            3,
        ),
        (
            &["fre", "fredag", "fredagar", "fri", "friday", "fridays"],
            4,
        ),
        (
            &["lör", "lördag", "lördagar", "sat", "saturday", "saturdays"],
            5,
        ),
        (
            &["sön", "söndag", "söndagar", "sun", "sunday", "sundays"],
            6,
        ),
    ];
    NAMES
        .iter()
        .find(|(names, _)| names.contains(&word))
        .map(|(_, d)| *d)
}

/// A time of day, "08.00", "8:30", "08", as quarter-hours (24.00 is the end of the day).
fn clock(t: &str) -> Option<usize> {
    let (h, m) = match t.split_once(['.', ':']) {
        Some((h, m)) => (h, m),
        None => (t, "0"),
    };
    if h.is_empty() || h.len() > 2 || m.len() > 2 {
        return None;
    }
    let h: usize = h.parse().ok()?;
    let m: usize = m.parse().ok()?;
    if h > 24 || m >= 60 || (h == 24 && m > 0) {
        return None;
    }
    Some(h * 4 + m / 15)
}

/// "08.00 - 16.30" → "08.00-16.30": a dash between two times, spaces around it dropped.
fn collapse_dashes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' || chars[i] == '-' {
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && chars[j] == '-' {
                let mut k = j + 1;
                while k < chars.len() && chars[k] == ' ' {
                    k += 1;
                }
                let before = out.chars().last().is_some_and(|c| c.is_ascii_digit());
                let after = chars.get(k).is_some_and(char::is_ascii_digit);
                if before && after && (k > j + 1 || j > i) {
                    out.push('-');
                    i = k;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Splits hours text into tokens; what is not recognised is dropped.
fn tokens(text: &str) -> Vec<Tok> {
    let lower = collapse_dashes(&text.to_lowercase().replace(['–', '—', '‒'], "-"));
    let mut out = Vec::new();
    // Words, keeping times and day ranges whole ("08.00-16.30", "mån-fre").
    let mut words: Vec<(String, bool)> = Vec::new();
    let mut cur = String::new();
    let mut chars = lower.chars().peekable();
    while let Some(c) = chars.next() {
        let joins = c.is_alphanumeric()
            || c == '/'
            || c == '-'
            || ((c == '.' || c == ':') && chars.peek().is_some_and(char::is_ascii_digit));
        if joins {
            cur.push(c);
        } else {
            if !cur.is_empty() {
                words.push((std::mem::take(&mut cur), false));
            }
            if c == '.' || c == ';' || c == '(' || c == ')' {
                words.push((String::new(), true));
            }
        }
    }
    if !cur.is_empty() {
        words.push((cur, false));
    }
    let mut i = 0;
    while i < words.len() {
        let (w, stop) = &words[i];
        let next = words.get(i + 1).map(|(n, _)| n.as_str()).unwrap_or("");
        i += 1;
        if *stop {
            out.push(Tok::Stop);
            continue;
        }
        let w = w.trim_matches('-');
        match w {
            "24/7" | "dygnet" | "always" | "alltid" => {
                if w == "dygnet" && next == "runt" {
                    i += 1;
                }
                out.push(Tok::Part(Box::new(Week::always())));
            }
            "vardag" | "vardagar" | "weekday" | "weekdays" => {
                out.push(Tok::Days(WEEKDAYS.to_vec()))
            }
            "helg" | "helger" | "helgdag" | "helgdagar" | "weekend" | "weekends" | "holiday"
            | "holidays" => out.push(Tok::Days(vec![5, 6])),
            "alla" | "every" if matches!(next, "dagar" | "day" | "days") => {
                i += 1;
                out.push(Tok::Days(ALL_DAYS.to_vec()));
            }
            "daily" | "dagligen" => out.push(Tok::Days(ALL_DAYS.to_vec())),
            "kväll" | "kvällar" | "kvällen" | "evening" | "evenings" => {
                let mut k = Week::never();
                k.mark(&WEEKDAYS, 17 * 4, 22 * 4);
                out.push(Tok::Part(Box::new(k)));
            }
            "natt" | "nätter" | "natten" | "night" | "nights" => {
                let mut n = Week::never();
                n.mark(&ALL_DAYS, 22 * 4, 7 * 4);
                out.push(Tok::Part(Box::new(n)));
            }
            "dagtid" | "daytime" => {
                let mut d = Week::never();
                d.mark(&WEEKDAYS, 8 * 4, 17 * 4);
                out.push(Tok::Part(Box::new(d)));
            }
            _ => {
                if let Some((a, b)) = w.split_once('-') {
                    if let (Some(a), Some(b)) = (day(a), day(b)) {
                        let days = if a <= b {
                            (a..=b).collect()
                        } else {
                            (a..7).chain(0..=b).collect()
                        };
                        out.push(Tok::Days(days));
                        continue;
                    }
                    if let (Some(a), Some(b)) = (clock(a), clock(b)) {
                        out.push(Tok::Range(a, b));
                        continue;
                    }
                }
                if let Some(d) = day(w) {
                    out.push(Tok::Days(vec![d]));
                }
            }
        }
    }
    out
}

/// Reads hours text; `None` when nothing in it is recognised.
pub fn parse(text: &str) -> Option<Week> {
    let toks = tokens(text);
    if toks.iter().all(|t| *t == Tok::Stop) {
        return None;
    }
    let mut week = Week::never();
    let mut days: Vec<usize> = Vec::new();
    let mut ranged = false;
    let flush = |week: &mut Week, days: &mut Vec<usize>, ranged: &mut bool| {
        if !days.is_empty() && !*ranged {
            week.mark(days, 0, DAY);
        }
        days.clear();
        *ranged = false;
    };
    for t in toks {
        match t {
            Tok::Days(d) => {
                if ranged {
                    flush(&mut week, &mut days, &mut ranged);
                }
                days.extend(d);
            }
            Tok::Range(a, b) => {
                let on: &[usize] = if days.is_empty() { &ALL_DAYS } else { &days };
                week.mark(on, a, b);
                ranged = true;
            }
            Tok::Part(p) => {
                flush(&mut week, &mut days, &mut ranged);
                week = week.union(&p);
            }
            Tok::Stop => flush(&mut week, &mut days, &mut ranged),
        }
    }
    flush(&mut week, &mut days, &mut ranged);
    Some(week)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covers(text: &str, p: Period) -> bool {
        parse(text).unwrap().covers(&p.week())
    }

    #[test]
    fn common_phrases() {
        for p in Period::ALL {
            assert!(covers("Dygnet runt", p));
            assert!(covers("24/7 during an incident", p));
        }
        assert!(!covers("Mån–fre 08.00–16.30", Period::WeekdayDaytime));
        assert!(covers("Mån–fre 07.00–17.00", Period::WeekdayDaytime));
        assert!(!covers("Mån–fre 08.00–17.00", Period::Night));
        assert!(covers("Kvällar, nätter och helger", Period::Night));
        assert!(covers("Kvällar, nätter och helger", Period::Weekend));
        assert!(!covers(
            "Kvällar, nätter och helger",
            Period::WeekdayDaytime
        ));
        assert!(covers("22.00–07.00", Period::Night));
        assert!(!covers("Alla dagar 08.00–20.00", Period::Weekend));
        let jour = parse("Mån–fre 16.30–08.00, lördag, söndag och helgdag").unwrap();
        let day = parse("Mån–fre 08.00–16.30").unwrap();
        assert!(jour.union(&day).covers(&Week::always()));
        assert!(jour.at_night() && !jour.weekday_daytime());
        assert!(parse("När TiB har aktiverat staben").is_none());
        let w = parse("Lördag, söndag och helgdag 08.00–16.00").unwrap();
        assert!(!w.weekday_daytime() && !w.at_night());
        let gaps = day.gaps(&Week::always());
        assert_eq!(
            gaps,
            [
                Period::WeekdayDaytime,
                Period::WeekdayEvening,
                Period::Night,
                Period::Weekend
            ]
        );
    }

    #[test]
    fn english_and_spaced_times() {
        assert!(covers("Mon–Fri 07.00–18.00", Period::WeekdayDaytime));
        assert!(covers("Evenings, nights and weekends", Period::Night));
        assert!(covers("Every day 07:00 - 23:00", Period::WeekdayEvening));
    }
}
