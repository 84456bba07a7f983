//! JSON Schema (draft 2020-12) of the files downkit reads, for editors (taplo, Even Better
//! TOML): the key tree and types from the loader itself ([`super::keys`]), the descriptions
//! from the key tables of `docs/kit-format.md`, compiled in.

use super::keys::{Keys, Shape};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The kit format reference the descriptions come from.
const KIT_FORMAT: &str = include_str!("../../docs/kit-format.md");

/// Which file a schema is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum File {
    /// `kit.toml` and the files it includes.
    Kit,
    /// `drills.toml`, the drill log.
    DrillLog,
    /// `shelf-checks.toml`, the shelf-check log.
    ShelfLog,
    /// `ledger-<incident>.toml`, a back-entry ledger (derived from the structs it is read
    /// into, see [`crate::ledger::schema`]).
    Ledger,
}

impl File {
    /// Every file downkit reads that has a schema, with its name for `downkit schema` and
    /// the file name of the schema `init` writes.
    pub const ALL: [(File, &'static str, &'static str); 4] = [
        (File::Kit, "kit", "kit.schema.json"),
        (File::DrillLog, "drills", "drills.schema.json"),
        (File::ShelfLog, "shelf-checks", "shelf-checks.schema.json"),
        (File::Ledger, "ledger", "ledger.schema.json"),
    ];

    /// The file named so on `downkit schema`'s command line.
    pub fn named(name: &str) -> Option<File> {
        Self::ALL
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(f, ..)| *f)
    }

    /// The keys the loader reads in this file (none for the serde-read ledger).
    pub fn keys(self) -> Keys {
        match self {
            File::Kit => super::keys::probe_kit(),
            File::DrillLog => super::keys::probe_drill_log(),
            File::ShelfLog => super::keys::probe_shelf_log(),
            File::Ledger => Keys::new(),
        }
    }
}

/// The schema of `file`.
pub fn schema(file: File) -> Value {
    let (title, id) = match file {
        File::Kit => ("downkit kit", "kit.schema.json"),
        File::DrillLog => ("downkit drill log", "drills.schema.json"),
        File::ShelfLog => ("downkit shelf-check log", "shelf-checks.schema.json"),
        File::Ledger => return crate::ledger::schema(),
    };
    let docs = descriptions();
    let mut root = object(&file.keys(), &docs, "");
    root["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    root["$id"] = json!(format!("https://downkit.invalid/{id}"));
    root["title"] = json!(title);
    root
}

/// Every (table path, key) with no description in `docs/kit-format.md` (for the ledger:
/// every property of its schema without one).
pub fn undocumented(file: File) -> Vec<String> {
    if file == File::Ledger {
        let mut missing = Vec::new();
        undescribed(&crate::ledger::schema(), "", &mut missing);
        return missing;
    }
    let docs = descriptions();
    file.keys()
        .keys()
        .filter(|(p, k)| k != "*" && describe(&docs, p, k).is_none())
        .map(|(p, k)| {
            if p.is_empty() {
                k.clone()
            } else {
                format!("{p}.{k}")
            }
        })
        .collect()
}

/// The properties under `v` (a derived schema: objects in `$defs`) with no description.
fn undescribed(v: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(props) = v.get("properties").and_then(Value::as_object) {
        for (k, p) in props {
            if p.get("description").is_none() {
                out.push(format!("{at}{k}"));
            }
        }
    }
    if let Some(defs) = v.get("$defs").and_then(Value::as_object) {
        for (name, d) in defs {
            undescribed(d, &format!("{name}."), out);
        }
    }
}

/// The object schema of the table at `path`.
fn object(keys: &Keys, docs: &Docs, path: &str) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    let mut free = None;
    for ((p, key), (shape, req)) in keys {
        if p != path {
            continue;
        }
        let child = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let mut s = match shape {
            Shape::Table => object(keys, docs, &child),
            Shape::Tables => json!({"type": "array", "items": object(keys, docs, &child)}),
            Shape::StrsOrTables => json!({"type": "array", "items": {
                "anyOf": [{"type": "string"}, object(keys, docs, &child)]
            }}),
            other => plain(other),
        };
        if key == "*" {
            free = Some(s);
            continue;
        }
        if let Some(d) = describe(docs, path, key) {
            s["description"] = json!(d);
        }
        props.insert(key.clone(), s);
        if *req {
            required.push(key.clone());
        }
    }
    let mut o = json!({"type": "object", "properties": props});
    o["additionalProperties"] = free.unwrap_or(json!(false));
    if !required.is_empty() {
        o["required"] = json!(required);
    }
    o
}

fn plain(shape: &Shape) -> Value {
    match shape {
        Shape::Str => json!({"type": "string"}),
        Shape::Bool => json!({"type": "boolean"}),
        Shape::Int(min, max) => json!({"type": "integer", "minimum": min, "maximum": max}),
        Shape::Date => json!({"type": "string", "format": "date"}),
        Shape::Time => json!({"type": "string", "pattern": "^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$"}),
        Shape::StrList => json!({"type": "array", "items": {"type": "string"}}),
        Shape::Stock => json!({"anyOf": [
            {"type": "integer", "minimum": 0, "maximum": 100_000},
            {"type": "object", "properties": {
                "copies": {"type": "integer", "minimum": 0, "maximum": 100_000},
                "kept": {"type": "string"}
            }, "required": ["copies", "kept"], "additionalProperties": false}
        ]}),
        Shape::StrOrList => json!({"anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string"}}
        ]}),
        Shape::Choice(values) => json!({"type": "string", "enum": values}),
        Shape::Width => {
            let names: Vec<&str> = crate::model::FieldWidth::NAMES
                .iter()
                .map(|(n, _)| *n)
                .collect();
            json!({"anyOf": [
                {"type": "string", "enum": names},
                {"type": "integer", "minimum": 1, "maximum": 12}
            ]})
        }
        Shape::Table | Shape::Tables | Shape::StrsOrTables => json!({}),
    }
}

/// (table path, key) → description.
type Docs = BTreeMap<(String, String), String>;

/// Headings of `docs/kit-format.md` that name no table but hold one.
const UNNAMED: &[(&str, &str)] = &[
    ("Sections", "form.section"),
    ("Fields", "form.section.field"),
    ("The drill log", "drill"),
    ("The shelf-check log", "check"),
];

/// Headings whose tables describe more tables than they name.
const MORE_NAMES: &[(&str, &[&str])] = &[(
    "Tables in a section",
    &["form.section.table", "form.section.table.column"],
)];

/// Tables read by the same code as another, and described there.
const ALIASES: &[(&str, &str)] = &[
    ("log.columns", "form.section.table.column"),
    ("log.field", "form.section.field"),
    (
        "form.section.field.options.options",
        "form.section.field.options",
    ),
    (
        "form.section.table.column.options",
        "form.section.field.options",
    ),
    ("log.columns.options", "form.section.field.options"),
    ("log.field.options", "form.section.field.options"),
    ("log.field.options.options", "form.section.field.options"),
];

/// Reads the key tables of the kit format reference: under a heading that names tables
/// (`` ## `[[procedure]]` and `[[procedure.step]]` ``), the n-th table describes the n-th;
/// a paragraph "Item keys: `text` (…), `response` (…)" describes the last one named.
fn descriptions() -> Docs {
    let mut docs = Docs::new();
    let mut names: Vec<String> = Vec::new();
    let mut table_no = 0usize;
    let mut in_table = false;
    let mut paragraph = String::new();
    for line in KIT_FORMAT.lines() {
        if !line.starts_with('|') && !line.trim().is_empty() && !line.starts_with('#') {
            paragraph.push(' ');
            paragraph.push_str(line.trim());
            continue;
        }
        if paragraph.contains("keys:") {
            if let Some(path) = names.last() {
                prose_keys(&mut docs, path, &paragraph);
            }
        }
        paragraph.clear();
        if line.starts_with('#') {
            let heading = line.trim_start_matches('#').trim();
            let found = match MORE_NAMES.iter().find(|(h, _)| heading.starts_with(h)) {
                Some((_, n)) => n.iter().map(|s| s.to_string()).collect(),
                None => table_names(heading),
            };
            names = if found.is_empty() {
                UNNAMED
                    .iter()
                    .find(|(h, _)| heading.starts_with(h))
                    .map(|(_, p)| vec![p.to_string()])
                    .unwrap_or_default()
            } else {
                found
            };
            table_no = 0;
            in_table = false;
            continue;
        }
        if !line.starts_with("| `") {
            if in_table && !line.starts_with('|') {
                table_no += 1;
                in_table = false;
            }
            continue;
        }
        in_table = true;
        let line = line.replace("\\|", "\u{1}");
        let cells: Vec<String> = line
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().replace('\u{1}', "|"))
            .collect();
        let desc = match cells.as_slice() {
            [_, .., d] if !d.is_empty() && cells.len() > 2 => d.clone(),
            [_, ty, rest @ ..] => {
                let default = rest.first().filter(|d| !d.is_empty() && rest.len() > 1);
                match default {
                    Some(d) => format!("{ty}; {d}"),
                    None => ty.clone(),
                }
            }
            _ => continue,
        };
        let path = names
            .get(table_no.min(names.len().saturating_sub(1)))
            .cloned()
            .unwrap_or_default();
        for key in cells[0].split(", ") {
            let key = key.trim_matches('`');
            let (path, key) = match key.trim_start_matches('[').trim_end_matches(']') {
                k if k != key => match k.rsplit_once('.') {
                    Some((p, k)) => (p.to_string(), k.to_string()),
                    None => (String::new(), k.to_string()),
                },
                k => (path.clone(), k.to_string()),
            };
            docs.entry((path, key)).or_insert_with(|| desc.clone());
        }
    }
    docs
}

/// "`text` (what to check or do), `response` (the required state)" → descriptions.
fn prose_keys(docs: &mut Docs, path: &str, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find('`') {
        let after = &rest[i + 1..];
        let Some(j) = after.find('`') else { break };
        let key = &after[..j];
        let tail = &after[j + 1..];
        rest = tail;
        let Some(body) = tail.strip_prefix(" (") else {
            continue;
        };
        let mut depth = 1;
        let end = body.char_indices().find(|(_, c)| {
            depth += match c {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            depth == 0
        });
        let Some((end, _)) = end else { continue };
        if key.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            docs.entry((path.to_string(), key.to_string()))
                .or_insert_with(|| body[..end].to_string());
        }
        rest = &body[end..];
    }
}

/// `` `[[procedure]]` and `[[procedure.step]]` `` → `procedure`, `procedure.step`.
fn table_names(heading: &str) -> Vec<String> {
    heading
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| s.starts_with('['))
        .map(|s| s.trim_matches(['[', ']']).to_string())
        .collect()
}

/// The description of `key` in the table at `path`, else that of the table itself.
fn describe(docs: &Docs, path: &str, key: &str) -> Option<String> {
    if let Some(d) = docs.get(&(path.to_string(), key.to_string())) {
        return Some(d.clone());
    }
    if let Some((_, same)) = ALIASES.iter().find(|(a, _)| *a == path) {
        if let Some(d) = docs.get(&(same.to_string(), key.to_string())) {
            return Some(d.clone());
        }
    }
    let (parent, last) = path.rsplit_once('.').unwrap_or(("", path));
    if path.is_empty() {
        return None;
    }
    docs.get(&(parent.to_string(), last.to_string()))
        .map(|d| format!("(in `{path}`) {d}"))
}
