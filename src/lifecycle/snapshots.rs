//! Snapshot files: how a snapshot of a kit is named (`<kit-id>-snapshot-<YYYY-MM-DD>-<HHMM>.pdf`,
//! the time its data is as of), which files of a folder are a kit's snapshots, which of them
//! a `--keep N` rotation removes, and how old the newest one is. Pure: the CLI lists folders
//! and removes files.

use chrono::{NaiveDateTime, TimeDelta};

/// The file name of the snapshot of kit `kit_id` whose data is as of `as_of`.
pub fn file_name(kit_id: &str, as_of: NaiveDateTime) -> String {
    format!("{kit_id}-snapshot-{}.pdf", as_of.format("%Y-%m-%d-%H%M"))
}

/// The data time of a snapshot of `kit_id` from its file name; `None` for any other file
/// (another kit's, a renamed copy, a temporary file).
pub fn as_of(kit_id: &str, name: &str) -> Option<NaiveDateTime> {
    let stamp = name
        .strip_prefix(kit_id)?
        .strip_prefix("-snapshot-")?
        .strip_suffix(".pdf")?;
    // Exactly YYYY-MM-DD-HHMM: a kit whose id continues with "-snapshot-…" is not matched.
    let b = stamp.as_bytes();
    let shape = b.len() == 15
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 | 10 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    let parsed = NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H%M").ok()?;
    (file_name(kit_id, parsed) == name).then_some(parsed)
}

/// Of the snapshots `files` (name, data time), those a rotation that keeps `keep` removes,
/// the newly written `written` always kept: the newest `keep` by data time stay.
pub fn to_remove<'a>(
    files: &'a [(String, NaiveDateTime)],
    written: &str,
    keep: usize,
) -> Vec<&'a str> {
    let mut others: Vec<&(String, NaiveDateTime)> =
        files.iter().filter(|(n, _)| n != written).collect();
    others.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    others
        .into_iter()
        .skip(keep.saturating_sub(1))
        .map(|(n, _)| n.as_str())
        .collect()
}

/// How old the data of the newest snapshot is at `now`, and whether that is more than
/// `max_hours`.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotAge {
    /// The newest snapshot's file name.
    pub file: String,
    /// Its data time.
    pub as_of: NaiveDateTime,
    /// Its age at `now` (negative when the data time is in the future).
    pub age: TimeDelta,
    /// The kit's `snapshot-max-age`, in hours.
    pub max_hours: Option<u32>,
}

impl SnapshotAge {
    /// The newest of `files` (name, data time) at `now`.
    pub fn newest(
        files: &[(String, NaiveDateTime)],
        now: NaiveDateTime,
        max_hours: Option<u32>,
    ) -> Option<SnapshotAge> {
        let (file, as_of) = files.iter().max_by_key(|(n, t)| (*t, n.clone()))?;
        Some(SnapshotAge {
            file: file.clone(),
            as_of: *as_of,
            age: now - *as_of,
            max_hours,
        })
    }

    /// True when it is older than the kit allows.
    pub fn stale(&self) -> bool {
        self.max_hours
            .is_some_and(|h| self.age > TimeDelta::hours(i64::from(h)))
    }

    /// "25 h" or "3 d 4 h".
    pub fn age_text(&self) -> String {
        let h = self.age.num_hours();
        if h.abs() < 48 {
            format!("{h} h")
        } else {
            format!("{} d {} h", h / 24, h % 24)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn names_round_trip_and_nothing_else_matches() {
        let n = file_name("hemtjanst", t("2026-12-01 06:00"));
        assert_eq!(n, "hemtjanst-snapshot-2026-12-01-0600.pdf");
        assert_eq!(as_of("hemtjanst", &n), Some(t("2026-12-01 06:00")));
        for other in [
            "hemtjanst-snapshot-2026-12-01-0600.pdf.tmp",
            ".hemtjanst-snapshot-2026-12-01-0600.pdf.x.downkit-tmp",
            "hemtjanst-snapshot-2026-12-01-0600 (1).pdf",
            "hemtjanst-snapshot-2026-13-01-0600.pdf",
            "hemtjanst-1.0.pdf",
            "hemtjanst-snapshot-x-snapshot-2026-12-01-0600.pdf",
        ] {
            assert_eq!(as_of("hemtjanst", other), None, "{other}");
        }
        assert_eq!(as_of("hem", &n), None);
    }

    #[test]
    fn rotation_keeps_the_newest_and_the_one_written() {
        let files: Vec<(String, NaiveDateTime)> = [
            "2026-11-28 06:00",
            "2026-11-30 06:00",
            "2026-11-29 06:00",
            "2026-12-01 06:00",
        ]
        .iter()
        .map(|s| (file_name("k", t(s)), t(s)))
        .collect();
        let written = file_name("k", t("2026-12-01 06:00"));
        let gone = to_remove(&files, &written, 2);
        assert_eq!(
            gone,
            vec![
                "k-snapshot-2026-11-29-0600.pdf",
                "k-snapshot-2026-11-28-0600.pdf"
            ]
        );
        assert_eq!(to_remove(&files, &written, 1).len(), 3);
        assert!(to_remove(&files, &written, 9).is_empty());
        // An older snapshot written again is kept; the newest others fill the rest.
        let old = file_name("k", t("2026-11-28 06:00"));
        assert_eq!(
            to_remove(&files, &old, 2),
            vec![
                "k-snapshot-2026-11-30-0600.pdf",
                "k-snapshot-2026-11-29-0600.pdf"
            ]
        );
    }

    #[test]
    fn age() {
        let files = vec![(file_name("k", t("2026-12-01 06:00")), t("2026-12-01 06:00"))];
        let a = SnapshotAge::newest(&files, t("2026-12-02 07:00"), Some(26)).unwrap();
        assert_eq!(a.age_text(), "25 h");
        assert!(!a.stale());
        let a = SnapshotAge::newest(&files, t("2026-12-04 09:00"), Some(26)).unwrap();
        assert!(a.stale());
        assert_eq!(a.age_text(), "3 d 3 h");
    }
}
