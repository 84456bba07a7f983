//! What changed between two printings of a kit, in the coordinator's words ("contact
//! `enhetschef`: phone number 1 changed (070-174 06 05 → 070-174 06 06)", "procedure
//! `bestallning`: step 3 reworded", "form `bestallning`: section 1: field 4 added").
//!
//! Works on the canonical printed content ([`crate::model::canonical_text`]), so every part of
//! the kit format is covered, including parts added later: lists of tables with an `id` are
//! matched by id, other lists by position, values compared as printed.

use serde_json::{Map, Value};

/// Every change from `old` to `new`, one sentence each, in kit order.
pub fn changes(old: &Value, new: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let (Some(old), Some(new)) = (old.as_object(), new.as_object()) else {
        return out;
    };
    // `[kit]` first, then the rest in the canonical (alphabetical) order.
    let mut order = keys(old, new);
    order.sort_by_key(|k| k != "meta");
    for key in order {
        let (a, b) = (old.get(&key), new.get(&key));
        if a == b {
            continue;
        }
        if key == "meta" {
            fields(&mut out, "[kit]", a, b);
            continue;
        }
        let noun = singular(&key);
        match (list(a), list(b)) {
            (Some(a), Some(b)) if has_ids(a) || has_ids(b) => by_id(&mut out, &noun, a, b),
            _ => value(&mut out, &noun, a, b),
        }
    }
    out
}

/// Keys of both objects: `old`'s order, then the new ones.
fn keys(a: &Map<String, Value>, b: &Map<String, Value>) -> Vec<String> {
    let mut k: Vec<String> = a.keys().cloned().collect();
    k.extend(b.keys().filter(|x| !a.contains_key(*x)).cloned());
    k
}

fn list(v: Option<&Value>) -> Option<&Vec<Value>> {
    match v {
        Some(Value::Array(a)) => Some(a),
        None => Some(const { &Vec::new() }),
        _ => None,
    }
}

fn has_ids(items: &[Value]) -> bool {
    items
        .iter()
        .any(|i| i.get("id").and_then(Value::as_str).is_some())
}

fn id_of(v: &Value) -> Option<&str> {
    v.get("id").and_then(Value::as_str)
}

/// Items with ids: added, removed, and changed ones field by field.
fn by_id(out: &mut Vec<String>, noun: &str, old: &[Value], new: &[Value]) {
    for n in new {
        let id = id_of(n).unwrap_or("?");
        match old.iter().find(|o| id_of(o) == id_of(n)) {
            None => out.push(format!("{noun} `{id}` added{}", about(n))),
            Some(o) if o != n => fields(out, &format!("{noun} `{id}`"), Some(o), Some(n)),
            Some(_) => {}
        }
    }
    for o in old {
        if !new.iter().any(|n| id_of(n) == id_of(o)) {
            out.push(format!("{noun} `{}` removed", id_of(o).unwrap_or("?")));
        }
    }
}

/// The fields of one table that differ.
fn fields(out: &mut Vec<String>, what: &str, old: Option<&Value>, new: Option<&Value>) {
    let empty = Map::new();
    let a = old.and_then(Value::as_object).unwrap_or(&empty);
    let b = new.and_then(Value::as_object).unwrap_or(&empty);
    for key in keys(a, b) {
        let (x, y) = (a.get(&key), b.get(&key));
        if x == y {
            continue;
        }
        match (x, y) {
            (Some(Value::Array(x)), Some(Value::Array(y))) => items(out, what, &key, x, y),
            (None, Some(Value::Array(y))) => items(out, what, &key, &[], y),
            (Some(Value::Array(x)), None) => items(out, what, &key, x, &[]),
            (Some(Value::Object(_)), Some(Value::Object(_))) => {
                fields(out, &format!("{what}: {}", key.replace('_', "-")), x, y)
            }
            _ => value(out, &format!("{what}: `{}`", key.replace('_', "-")), x, y),
        }
    }
}

/// A list inside a table (steps, fields, phones): by position.
fn items(out: &mut Vec<String>, what: &str, key: &str, old: &[Value], new: &[Value]) {
    let noun = singular(key);
    if has_ids(old) && has_ids(new) && key != "steps" {
        return by_id(out, &format!("{what}: {noun}"), old, new);
    }
    for i in 0..old.len().max(new.len()) {
        let n = i + 1;
        match (old.get(i), new.get(i)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(b)) if a.is_object() && b.is_object() && !is_text_change(a, b) => {
                fields(out, &format!("{what}: {noun} {n}"), Some(a), Some(b))
            }
            (Some(a), Some(b)) => out.push(format!(
                "{what}: {noun} {n} {}{}",
                if noun == "step" || noun == "item" {
                    "reworded"
                } else {
                    "changed"
                },
                from_to(a, b)
            )),
            (None, Some(b)) => out.push(format!("{what}: {noun} {n} added{}", about(b))),
            (Some(a), None) => out.push(format!("{what}: {noun} {n} removed{}", about(a))),
            (None, None) => {}
        }
    }
}

/// True when two list items differ only in their text (a step reworded, a number changed).
fn is_text_change(a: &Value, b: &Value) -> bool {
    let (Some(x), Some(y)) = (a.as_object(), b.as_object()) else {
        return true;
    };
    let differing: Vec<String> = keys(x, y)
        .into_iter()
        .filter(|k| x.get(k) != y.get(k))
        .collect();
    differing.len() == 1 && ["text", "label", "number"].contains(&differing[0].as_str())
}

/// A plain value that changed.
fn value(out: &mut Vec<String>, what: &str, old: Option<&Value>, new: Option<&Value>) {
    match (old, new) {
        (Some(a), Some(b)) => out.push(format!("{what} changed{}", from_to(a, b))),
        (None, Some(b)) => out.push(format!("{what} added{}", about(b))),
        (Some(a), None) => out.push(format!("{what} removed{}", about(a))),
        (None, None) => {}
    }
}

/// ` (old → new)` when both are short enough to print.
fn from_to(a: &Value, b: &Value) -> String {
    match (short(a), short(b)) {
        (Some(x), Some(y)) if x != y => format!(" ({x} → {y})"),
        _ => String::new(),
    }
}

/// ` (text)` naming an item.
fn about(v: &Value) -> String {
    short(v).map(|s| format!(" ({s})")).unwrap_or_default()
}

/// A short printable form of a value: a string, a number, or an item's label, text or number.
fn short(v: &Value) -> Option<String> {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Object(o) => match (o.get("written"), o.get("e164")) {
            // A phone number as printed.
            (Some(w), _) => short(w)?,
            (None, Some(Value::String(e))) => crate::model::PhoneNumber::parse(&format!("+{e}"))
                .map_or_else(|_| e.clone(), |n| n.national()),
            _ => ["label", "title", "text", "role", "name", "id"]
                .iter()
                .find_map(|k| o.get(*k).and_then(short))
                .or_else(|| o.get("number").and_then(short))?,
        },
        _ => return None,
    };
    let mut s: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        s.push('…');
    }
    Some(s)
}

/// `contacts` → `contact`, `phones` → `phone number`, `back_entry` → `back-entry`.
fn singular(key: &str) -> String {
    let k = key.replace('_', "-");
    match k.as_str() {
        "phones" => "phone number".into(),
        "entries" => "entry".into(),
        "stock" => "stock".into(),
        _ => k.strip_suffix('s').map_or(k.clone(), str::to_string),
    }
}
