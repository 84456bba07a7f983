//! The shelf-check log kept beside a kit (`shelf-checks.toml`): when someone looked at the
//! binder at one of the kit's `[[location]]`s, and which version they found there.

use super::{At, Loc};
use chrono::NaiveDate;

/// The shelf-check log of a kit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShelfLog {
    /// Index of `shelf-checks.toml` in the kit's sources, when there is one.
    pub file: Option<usize>,
    /// Checks, in the order written.
    pub checks: Vec<ShelfCheck>,
    /// The log is there but has errors: what it says is not known, so no location counts
    /// as checked or never checked.
    pub unreadable: bool,
}

/// What a shelf check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A binder of this version (and, when its cover code was scanned, this content hash).
    Binder {
        /// The version printed on its cover.
        version: String,
        /// The first 8 hex digits of the content fingerprint, from the cover's code.
        hash: Option<String>,
    },
    /// No binder at the place.
    Missing,
}

/// One shelf check.
#[derive(Debug, Clone, PartialEq)]
pub struct ShelfCheck {
    /// The location's id.
    pub location: At<String>,
    /// When (an empty location when the date could not be read).
    pub date: At<NaiveDate>,
    /// Who looked.
    pub by: String,
    /// What they found.
    pub found: Found,
    /// Location of the table.
    pub loc: Loc,
}

impl ShelfLog {
    /// The latest check of `location` (by date; the later entry of two on one day).
    pub fn last(&self, location: &str) -> Option<&ShelfCheck> {
        self.checks
            .iter()
            .filter(|c| c.location.v == location && c.date.loc.start != c.date.loc.end)
            .fold(None, |best: Option<&ShelfCheck>, c| match best {
                Some(b) if b.date.v > c.date.v => Some(b),
                _ => Some(c),
            })
    }
}
