//! What a kit says about the outage as a whole, beyond its procedures and forms: the
//! activation poster for the wall, the intake channels to close or redirect when the paper
//! routine starts, the recovery routine for when the system is back, where its printed
//! binders are kept, and the reservnummer ranges its units hand out.

use super::{At, ChecklistItem, Loc};
use serde::Serialize;

/// `[poster]`: the one page on the wall or the door that says what to do first.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Poster {
    /// Who decides that the paper routine is in force, in a line or two.
    pub decides: At<String>,
    /// The first things to do, at most three.
    pub first: Vec<At<String>>,
    /// Contacts whose numbers the poster prints large (contact ids).
    pub call: Vec<At<String>>,
    /// Where the binder is, for a kit without `[[location]]`s.
    pub binder: Option<String>,
    /// What the poster shows, printed in its footer instead of the kit's classification
    /// (`marking = "Inga personuppgifter – får sitta på väggen"`): a page for the wall.
    pub marking: Option<At<String>>,
    /// Location of the table.
    pub loc: Loc,
}

/// What an intake channel is.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq)]
pub enum IntakeKind {
    /// An e-service or web form.
    EService,
    /// A phone menu or phone queue.
    PhoneMenu,
    /// A fax number.
    Fax,
    /// An e-mail address.
    Email,
    /// Anything else.
    Other,
}

/// What to do with an intake channel when the paper routine starts.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq)]
pub enum IntakeAction {
    /// Close it, so that nobody sends what nobody will see.
    Close,
    /// Redirect it to where someone reads it.
    Redirect,
}

/// `[[intake]]`: a way requests come in that keeps accepting them while nobody sees them
/// (an e-service, a phone menu, a fax number).
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Intake {
    /// What it is, as staff know it ("E-tjänsten Ansök om hjälpmedel").
    pub name: At<String>,
    /// Its kind.
    pub kind: IntakeKind,
    /// Close or redirect.
    pub action: IntakeAction,
    /// Where it is redirected (for `redirect`).
    pub to: Option<String>,
    /// The contact who closes or redirects it (a contact id).
    pub call: Option<At<String>>,
    /// Further contacts who do it at other times (`call = ["servicedesk", "it-jour"]`).
    pub call_also: Vec<At<String>>,
    /// Location of the table.
    pub loc: Loc,
}

/// Something printed with personal data that must be destroyed after the outage.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Destroy {
    /// What ("Utskrivna brukarlistor").
    pub what: String,
    /// How ("I låst sekretesskärl").
    pub how: String,
    /// Who sees to it.
    pub who: Option<String>,
}

/// `[recovery]`: what happens when the system is back.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Recovery {
    /// The section's title; the language's default when `None`.
    pub title: Option<String>,
    /// When recovery starts (who decides that the paper routine ends).
    pub when: String,
    /// Who does it.
    pub who: String,
    /// How the paper is entered: in time order, oldest first.
    pub back_entry: At<String>,
    /// The note written in every record touched ("Registrerat i efterhand …").
    pub downtime_note: At<String>,
    /// How duplicates (an order on paper and in the system) are found and cancelled.
    pub duplicates: At<String>,
    /// What to destroy, and how.
    pub destroy: Vec<Destroy>,
    /// The kit's own items for the recovery checklist, before the standard ones.
    pub items: Vec<ChecklistItem>,
    /// Location of the table.
    pub loc: Loc,
}

/// Days between shelf checks of a binder when its location does not say.
pub const DEFAULT_SHELF_CHECK_DAYS: u32 = 30;

/// `[[location]]`: where a printed binder of the kit is kept.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Location {
    /// Id, named by `downkit binder --checked <id>`.
    pub id: At<String>,
    /// The unit ("Hemtjänst Norra").
    pub unit: String,
    /// Where exactly ("Expeditionen, skåpet märkt RESERVRUTIN").
    pub place: String,
    /// The role that keeps it current.
    pub responsible: String,
    /// Days between shelf checks (`shelf-check-days`); `None` is the default, 30.
    pub interval: Option<At<u32>>,
    /// Location of the table.
    pub loc: Loc,
}

impl Location {
    /// Days between shelf checks.
    pub fn interval_days(&self) -> u32 {
        self.interval
            .as_ref()
            .map_or(DEFAULT_SHELF_CHECK_DAYS, |d| d.v)
    }
}

/// `[[reservnummer]]`: the temporary identity numbers one unit hands out, from `from` to
/// `to` (the same text but for the number at the end).
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct ReservRange {
    /// The unit that hands them out.
    pub unit: String,
    /// The first number, as printed ("20269901-N001").
    pub from: At<String>,
    /// The last.
    pub to: At<String>,
    /// Location of the table.
    pub loc: Loc,
}

impl ReservRange {
    /// The shared head and the numeric tails of `from` and `to` with their width; `None`
    /// when the two do not differ only in trailing digits.
    pub fn parts(&self) -> Option<(&str, u64, u64, usize)> {
        let (a, b) = (self.from.v.as_str(), self.to.v.as_str());
        if a.len() != b.len() {
            return None;
        }
        let tail = a
            .bytes()
            .rev()
            .take_while(u8::is_ascii_digit)
            .count()
            .min(b.bytes().rev().take_while(u8::is_ascii_digit).count());
        let cut = a.len() - tail;
        if tail == 0 || a[..cut] != b[..cut] {
            return None;
        }
        let first = a[cut..].parse().ok()?;
        let last = b[cut..].parse().ok()?;
        Some((&a[..cut], first, last, tail))
    }

    /// Every number of the range, in order (empty when the range is not valid).
    pub fn numbers(&self) -> Vec<String> {
        match self.parts() {
            Some((head, first, last, w)) if first <= last => {
                (first..=last).map(|n| format!("{head}{n:0w$}")).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// Expected use of a form or log during an outage (`use-per-hour`, `use-per-day`).
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    /// Copies (or sheets) an hour.
    PerHour(u32),
    /// Copies (or sheets) a day.
    PerDay(u32),
}

impl Usage {
    /// Copies needed for `hours` of outage, rounded up.
    pub fn need(self, hours: u32) -> u32 {
        match self {
            Usage::PerHour(n) => n.saturating_mul(hours),
            Usage::PerDay(n) => (u64::from(n) * u64::from(hours)).div_ceil(24) as u32,
        }
    }

    /// Whole hours `stock` copies last (`None` when nothing is used).
    pub fn lasts_hours(self, stock: u32) -> Option<u32> {
        match self {
            Usage::PerHour(0) | Usage::PerDay(0) => None,
            Usage::PerHour(n) => Some(stock / n),
            Usage::PerDay(n) => Some((u64::from(stock) * 24 / u64::from(n)) as u32),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(from: &str, to: &str) -> ReservRange {
        ReservRange {
            unit: "Norra".into(),
            from: At::new(from.into(), Loc::default()),
            to: At::new(to.into(), Loc::default()),
            loc: Loc::default(),
        }
    }

    #[test]
    fn a_range_counts_its_trailing_digits() {
        let r = range("20269901-N008", "20269901-N011");
        assert_eq!(
            r.numbers(),
            [
                "20269901-N008",
                "20269901-N009",
                "20269901-N010",
                "20269901-N011"
            ]
        );
        assert!(range("R-001", "S-002").numbers().is_empty());
        assert!(range("R-009", "R-001").numbers().is_empty());
        assert!(range("R-AB", "R-AC").parts().is_none());
    }

    #[test]
    fn use_per_day_rounds_up() {
        assert_eq!(Usage::PerDay(10).need(72), 30);
        assert_eq!(Usage::PerDay(5).need(36), 8);
        assert_eq!(Usage::PerHour(2).need(72), 144);
        assert_eq!(Usage::PerDay(10).lasts_hours(25), Some(60));
        assert_eq!(Usage::PerHour(0).lasts_hours(25), None);
    }
}
