//! What to say about a date that is not written YYYY-MM-DD: the readings people meant.
//! `1/12/2026` is 1 December in Sweden and January 12 in the US, so both are shown.

use chrono::NaiveDate;

/// The hint for `key = "<text>"` that is not a date in ISO form.
pub fn hint(key: &str, text: &str) -> String {
    let plain = format!("write the date as `{key} = 2026-03-01` (YYYY-MM-DD)");
    let parts: Vec<&str> = text
        .trim()
        .split(['/', '.', '-', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if nums.len() != 3 || parts.len() != 3 {
        return plain;
    }
    let iso = |d: NaiveDate| format!("`{key} = {}`", d.format("%Y-%m-%d"));
    let long = |d: NaiveDate| d.format("%-d %B %Y").to_string();
    // Year first, but not in ISO form (2026/12/1, 2026-1-5): one reading.
    if parts[0].len() == 4 {
        return match NaiveDate::from_ymd_opt(nums[0] as i32, nums[1], nums[2]) {
            Some(d) => format!("write it as {} ({})", iso(d), long(d)),
            None => plain,
        };
    }
    if parts[2].len() != 4 && parts[2].len() != 2 {
        return plain;
    }
    let year = if parts[2].len() == 2 {
        2000 + nums[2] as i32
    } else {
        nums[2] as i32
    };
    let day_first = NaiveDate::from_ymd_opt(year, nums[1], nums[0]);
    let month_first = NaiveDate::from_ymd_opt(year, nums[0], nums[1]);
    match (day_first, month_first) {
        (Some(a), Some(b)) if a != b => format!(
            "`{text}` is ambiguous: day first (as in Sweden) it is {} — {}; month first (as in the US) it is {} — {}",
            long(a),
            iso(a),
            long(b),
            iso(b)
        ),
        (Some(a), _) | (None, Some(a)) => format!("write it as {} ({})", iso(a), long(a)),
        (None, None) => plain,
    }
}

#[cfg(test)]
mod tests {
    use super::hint;

    #[test]
    fn ambiguous_dates_show_both_readings() {
        let h = hint("issued", "1/12/2026");
        assert!(h.contains("ambiguous"), "{h}");
        assert!(
            h.contains("1 December 2026") && h.contains("`issued = 2026-12-01`"),
            "{h}"
        );
        assert!(
            h.contains("12 January 2026") && h.contains("`issued = 2026-01-12`"),
            "{h}"
        );
    }

    #[test]
    fn one_reading_is_given_alone() {
        let h = hint("issued", "13/12/2026");
        assert!(!h.contains("ambiguous") && h.contains("2026-12-13"), "{h}");
        assert!(hint("issued", "2026/3/1").contains("2026-03-01"));
        assert!(hint("issued", "5/5/2026").contains("2026-05-05"));
        assert!(hint("issued", "soon").contains("YYYY-MM-DD"));
    }
}
