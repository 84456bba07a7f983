//! Edits of kit-side TOML that keep the file as the coordinator wrote it: comments, blank
//! lines, key order and formatting stay, only the values changed are rewritten. Marks drill
//! follow-ups done in `drills.toml`, and sets contacts' `verified` dates in the kit's own
//! files after a call-tree test. Pure text to text; the CLI writes under the file's lock.

use chrono::{Datelike, NaiveDate};
use toml_edit::{DocumentMut, Item, TableLike, Value};

/// The entries of an array of tables (`[[drill]]`) or an inline array of tables.
fn entries(item: Option<&mut Item>) -> Vec<&mut dyn TableLike> {
    match item {
        Some(Item::ArrayOfTables(a)) => a.iter_mut().map(|t| t as &mut dyn TableLike).collect(),
        Some(Item::Value(Value::Array(a))) => a
            .iter_mut()
            .filter_map(|v| v.as_inline_table_mut().map(|t| t as &mut dyn TableLike))
            .collect(),
        _ => Vec::new(),
    }
}

/// Sets `key` to `value`, keeping a comment that followed the old value.
fn set(t: &mut dyn TableLike, key: &str, value: Value) {
    match t.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = value;
            *old.decor_mut() = decor;
        }
        None => {
            t.insert(key, Item::Value(value));
        }
    }
}

/// A TOML local date.
fn date_value(d: NaiveDate) -> Value {
    Value::from(toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: d.year() as u16,
            month: d.month() as u8,
            day: d.day() as u8,
        }),
        time: None,
        offset: None,
    })
}

fn parse(text: &str, what: &str) -> Result<DocumentMut, String> {
    text.parse::<DocumentMut>()
        .map_err(|e| format!("{what} cannot be read: {}", e.message()))
}

/// Marks the open follow-ups that `wanted` name done (`done = true`, `done-on = date`): each
/// is the text of a follow-up's `what`, or a part of it that names exactly one open
/// follow-up; `by`, who did it, goes in `done-by`. Returns the new text and the `what` of
/// each follow-up marked.
pub fn mark_done(
    text: &str,
    wanted: &[String],
    date: NaiveDate,
    by: Option<&str>,
) -> Result<(String, Vec<String>), String> {
    let mut doc = parse(text, "the drill log")?;
    let mut marked = Vec::new();
    for w in wanted {
        let needle = w.trim().to_lowercase();
        let mut open: Vec<&mut dyn TableLike> = Vec::new();
        for drill in entries(doc.get_mut("drill")) {
            for f in entries(drill.get_mut("follow-up")) {
                let done = f.get("done").and_then(Item::as_bool).unwrap_or(false);
                if !done {
                    open.push(f);
                }
            }
        }
        let whats: Vec<String> = open
            .iter()
            .map(|f| {
                f.get("what")
                    .and_then(Item::as_str)
                    .unwrap_or("")
                    .trim()
                    .to_string()
            })
            .collect();
        let exact: Vec<usize> = (0..whats.len())
            .filter(|&i| whats[i].to_lowercase() == needle)
            .collect();
        let hits: Vec<usize> = if exact.is_empty() {
            (0..whats.len())
                .filter(|&i| whats[i].to_lowercase().contains(&needle))
                .collect()
        } else {
            exact
        };
        let quoted = |list: &mut dyn Iterator<Item = usize>| {
            list.map(|i| format!("\"{}\"", whats[i]))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match hits.as_slice() {
            [i] => {
                let f = &mut *open[*i];
                set(f, "done", Value::from(true));
                set(f, "done-on", date_value(date));
                if let Some(b) = by {
                    set(f, "done-by", Value::from(b));
                }
                marked.push(whats[*i].clone());
            }
            [] if whats.is_empty() => {
                return Err(format!(
                    "no open follow-up matches \"{w}\": every follow-up is done"
                ));
            }
            [] => {
                let list = quoted(&mut (0..whats.len()));
                return Err(format!(
                    "no open follow-up matches \"{w}\"; the open ones are: {list}"
                ));
            }
            many => {
                let list = quoted(&mut many.iter().copied());
                return Err(format!(
                    "\"{w}\" matches several open follow-ups: {list}; give more of the text"
                ));
            }
        }
    }
    Ok((doc.to_string(), marked))
}

/// Sets `verified = date` on the `[[contact]]`s of this file whose ids are in `ids`, unless
/// a contact was verified later already. Returns the new text and the ids changed; an id not
/// in the file is an error (the file changed since the kit was read).
pub fn set_verified(
    text: &str,
    ids: &[&str],
    date: NaiveDate,
) -> Result<(String, Vec<String>), String> {
    let mut doc = parse(text, "the contact file")?;
    let mut changed = Vec::new();
    let mut seen = Vec::new();
    for c in entries(doc.get_mut("contact")) {
        let Some(id) = c.get("id").and_then(Item::as_str).map(str::to_string) else {
            continue;
        };
        if !ids.contains(&id.as_str()) {
            continue;
        }
        seen.push(id.clone());
        let current = c
            .get("verified")
            .and_then(|v| v.as_value())
            .and_then(|v| match v {
                Value::Datetime(d) => d.value().date.map(|d| d.to_string()),
                Value::String(s) => Some(s.value().clone()),
                _ => None,
            })
            .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
        if current.is_some_and(|v| v >= date) {
            continue;
        }
        set(c, "verified", date_value(date));
        changed.push(id);
    }
    if let Some(missing) = ids.iter().find(|id| !seen.iter().any(|s| s == *id)) {
        return Err(format!(
            "contact `{missing}` is no longer in the file; run the command again"
        ));
    }
    Ok((doc.to_string(), changed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn marking_a_follow_up_done_keeps_comments_and_layout() {
        let text = "# Övningslogg\n\n[[drill]]\ndate = 2026-09-10  # tisdag\n\n[[drill.follow-up]]\nwhat = \"Köp faxpapper\"   # till faxen på plan 2\nwho = \"Enhetschef\"\nby = 2026-09-30\ndone = false # ej klart\n\n[[drill.follow-up]]\nwhat = \"Byt nummer till jouren\"\nwho = \"Samordnare\"\nby = 2026-10-01\n";
        let (out, marked) = mark_done(text, &["faxpapper".into()], d("2026-09-20"), None).unwrap();
        assert_eq!(marked, ["Köp faxpapper"]);
        assert!(
            out.starts_with("# Övningslogg\n\n[[drill]]\ndate = 2026-09-10  # tisdag\n"),
            "{out}"
        );
        assert!(
            out.contains("what = \"Köp faxpapper\"   # till faxen på plan 2\n"),
            "{out}"
        );
        assert!(
            out.contains("done = true # ej klart\ndone-on = 2026-09-20\n"),
            "{out}"
        );
        // The other follow-up is untouched, and a done one no longer matches.
        assert!(
            out.contains(
                "what = \"Byt nummer till jouren\"\nwho = \"Samordnare\"\nby = 2026-10-01\n"
            ),
            "{out}"
        );
        let e = mark_done(&out, &["faxpapper".into()], d("2026-09-21"), None).unwrap_err();
        assert!(e.contains("\"Byt nummer till jouren\""), "{e}");
    }

    #[test]
    fn an_ambiguous_follow_up_is_refused() {
        let text = "[[drill]]\ndate = 2026-09-10\nfollow-up = [{ what = \"Köp papper\", who = \"A\", by = 2026-09-30 }, { what = \"Köp pennor\", who = \"B\", by = 2026-09-30 }]\n";
        let e = mark_done(text, &["köp".into()], d("2026-09-20"), None).unwrap_err();
        assert!(e.contains("several"), "{e}");
        let (out, _) = mark_done(text, &["Köp pennor".into()], d("2026-09-20"), None).unwrap();
        assert!(
            out.contains("{ what = \"Köp papper\", who = \"A\", by = 2026-09-30 }, { what = \"Köp pennor\", who = \"B\", by = 2026-09-30 , done = true, done-on = 2026-09-20 }"),
            "{out}"
        );
    }

    #[test]
    fn verified_dates_are_set_in_place_and_never_moved_back() {
        let text = "# Kontakter\n[[contact]]\nid = \"a\"\nrole = \"A\"\nverified = 2026-01-05 # ringd\n\n[[contact]]\nid = \"b\"\nrole = \"B\"\nverified = 2027-01-01\n";
        let (out, changed) = set_verified(text, &["a", "b"], d("2026-12-03")).unwrap();
        assert_eq!(changed, ["a"]);
        assert_eq!(out, text.replace("2026-01-05", "2026-12-03"));
        assert!(set_verified(text, &["c"], d("2026-12-03")).is_err());
    }
}
