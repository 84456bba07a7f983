//! JSON exports: an array of objects, one per row, read with `serde_json`. Each value is
//! kept as the raw text `serde_json` found it in ([`RawValue`]), so its byte offset — and
//! with it `file:line:column` — is known. A string, number or boolean is a value, `null`
//! or a missing key an empty one; an object or array in a field is an error.

use super::problem::{Pos, Problem};
use super::{column_hint, RawCell, RawRow};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// The byte offset of `part`, a slice of `text`, in `text`.
fn offset(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// Where a `serde_json` error is, as a position (its message may quote the value: only its
/// category is kept).
fn syntax(e: &serde_json::Error, file: &str, what: &str) -> Problem {
    let kind = match e.classify() {
        serde_json::error::Category::Eof => "it ends too early",
        serde_json::error::Category::Syntax => "it is not valid JSON here",
        _ => what,
    };
    Problem::error(
        "bad-json",
        file,
        format!("the export cannot be read: {kind}"),
    )
    .at(Pos {
        line: e.line().max(1),
        col: e.column().max(1),
    })
    .hint("an export is a JSON array of objects: [{\"Namn\": \"…\", \"Ort\": \"…\"}, …]")
}

/// The text of one value, or why it is none.
fn value(raw: &RawValue) -> Result<String, &'static str> {
    let s = raw.get();
    match s.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<String>(s).map_err(|_| "not a readable string"),
        Some(b'n') => Ok(String::new()),
        Some(b'{') | Some(b'[') => Err("must be a text, a number, true/false or null"),
        _ => Ok(s.to_string()),
    }
}

/// Reads the rows of a JSON export, projected to the declared column `names`, and which of
/// them it has (all, or none when a problem stops the reading).
pub(super) fn read(
    text: &str,
    names: &[&str],
    at: &dyn Fn(usize) -> Pos,
    file: &str,
    problems: &mut Vec<Problem>,
) -> (Vec<RawRow>, Vec<bool>) {
    let items: Vec<&RawValue> = match serde_json::from_str(text) {
        Ok(items) => items,
        Err(e) => {
            problems.push(syntax(&e, file, "it is not an array of objects"));
            return (Vec::new(), vec![false; names.len()]);
        }
    };
    let mut objects = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let start = offset(text, item.get());
        match serde_json::from_str::<BTreeMap<String, &RawValue>>(item.get()) {
            Ok(map) => objects.push((n + 1, start, map)),
            Err(_) => problems.push(
                Problem::error("bad-json", file, "the row is not a JSON object")
                    .at(at(start))
                    .in_row(n + 1, None)
                    .hint("every element of the array is an object: {\"Namn\": \"…\"}"),
            ),
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for (_, _, map) in &objects {
        for k in map.keys() {
            if !seen.contains(k) {
                seen.push(k.clone());
            }
        }
    }
    let mut missing = false;
    for n in names {
        if !objects.is_empty() && !seen.iter().any(|k| k == n) {
            missing = true;
            problems.push(
                Problem::error(
                    "missing-column",
                    file,
                    format!("no row of the export has the key `{n}`"),
                )
                .at(at(offset(text, items[0].get())))
                .hint(column_hint(n, &seen, true)),
            );
        }
    }
    if missing {
        return (Vec::new(), vec![false; names.len()]);
    }
    let rows = objects
        .into_iter()
        .filter_map(|(row, start, map)| {
            let mut cells = Vec::with_capacity(names.len());
            let mut ok = true;
            for n in names {
                let cell = match map.get(*n) {
                    None => RawCell {
                        text: String::new(),
                        offset: start,
                    },
                    Some(raw) => {
                        let o = offset(text, raw.get());
                        match value(raw) {
                            Ok(t) => RawCell { text: t, offset: o },
                            Err(why) => {
                                problems.push(
                                    Problem::error("bad-json", file, format!("the value {why}"))
                                        .at(at(o))
                                        .in_row(row, Some(n))
                                        .hint("a field holds one value: write it as \"text\" or a number"),
                                );
                                ok = false;
                                RawCell {
                                    text: String::new(),
                                    offset: o,
                                }
                            }
                        }
                    }
                };
                cells.push(cell);
            }
            ok.then_some(RawRow { row, cells })
        })
        .collect();
    (rows, vec![true; names.len()])
}
