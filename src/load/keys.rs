//! The keys the loader knows, as the loader itself reads them: every typed getter of
//! [`super::reader::Table`] notes the key, its type and whether it is required while
//! [`record`] runs. [`probe_kit`] and [`probe_drill_log`] run the real loader on generated
//! files that hold every table it asks for, until no new table turns up, so the key tree
//! (and so `downkit schema`) cannot drift from what the loader accepts.

use super::reader::{Cx, Table};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// What a key holds, as its getter reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// A string.
    Str,
    /// `true` or `false`.
    Bool,
    /// A whole number from `.0` to `.1`.
    Int(u32, u32),
    /// A date, `2026-03-01`.
    Date,
    /// A time of day, `"10:25"`.
    Time,
    /// An array of strings.
    StrList,
    /// A string, or an array of strings.
    StrOrList,
    /// A count of copies, or `{ copies = n, kept = "…" }` (a `[stock]` entry).
    Stock,
    /// One of these strings.
    Choice(Vec<&'static str>),
    /// A field width: a name or 1–12.
    Width,
    /// An array of strings or tables (`columns` of a log: headings or column tables;
    /// `options` of a choice: labels or option tables).
    StrsOrTables,
    /// A sub-table.
    Table,
    /// An array of tables.
    Tables,
}

/// Every key noted: (table path, key) → (shape, required). Key `*` is any key of a
/// free-form table (`[stock]`).
pub type Keys = BTreeMap<(String, String), (Shape, bool)>;

thread_local! {
    static RECORDING: RefCell<Option<Keys>> = const { RefCell::new(None) };
}

/// Notes a key read by a getter (a no-op unless [`record`] runs on this thread).
pub fn note(path: &str, key: &'static str, shape: Shape, required: bool) {
    RECORDING.with(|r| {
        let mut r = r.borrow_mut();
        let Some(keys) = r.as_mut() else { return };
        let entry = keys
            .entry((path.to_string(), key.to_string()))
            .or_insert((shape.clone(), required));
        // A choice is read as a string: the more telling shape wins.
        if entry.0 == Shape::Str && shape != Shape::Str {
            entry.0 = shape;
        }
        entry.1 |= required;
    });
}

/// Runs `f` and returns every key its reading noted.
pub fn record(f: impl FnOnce()) -> Keys {
    RECORDING.with(|r| *r.borrow_mut() = Some(Keys::new()));
    f();
    RECORDING.with(|r| r.borrow_mut().take().unwrap_or_default())
}

/// Tables found so far: path → is an array of tables.
type Tables = BTreeMap<String, bool>;

/// A TOML file holding one of each table in `tables`.
fn skeleton(tables: &Tables) -> String {
    let mut out = String::new();
    for (path, array) in tables {
        if *array {
            out.push_str(&format!("[[{path}]]\n"));
        } else {
            out.push_str(&format!("[{path}]\n"));
        }
    }
    out
}

/// Runs `read` (a root reader) on ever fuller skeletons until no new table appears.
fn probe(read: impl Fn(&mut Cx, Table)) -> Keys {
    let mut tables = Tables::new();
    for _ in 0..32 {
        let text = skeleton(&tables);
        let keys = record(|| {
            let Ok(doc) = toml::de::DeTable::parse(&text) else {
                return;
            };
            let mut diags = Vec::new();
            let mut texts = Vec::new();
            let mut cx = Cx {
                file: 0,
                source: &text,
                diags: &mut diags,
                texts: &mut texts,
            };
            read(&mut cx, Table::new(doc.get_ref(), 0..0, String::new()));
        });
        let before = tables.len();
        for ((path, key), (shape, _)) in &keys {
            let array = match shape {
                Shape::Tables | Shape::StrsOrTables => true,
                Shape::Table => false,
                _ => continue,
            };
            let full = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            tables.entry(full).or_insert(array);
        }
        if tables.len() == before {
            return keys;
        }
    }
    Keys::new()
}

/// Every key of a kit file (`kit.toml` and the files it includes).
pub fn probe_kit() -> Keys {
    probe(|cx, root| {
        let mut kit = crate::model::Kit::default();
        let mut roots = super::Roots::default();
        super::read_tables(cx, root, &mut kit, &mut roots, true);
    })
}

/// Every key of a drill log (`drills.toml`).
pub fn probe_drill_log() -> Keys {
    probe(|cx, root| {
        super::drills::log(cx, root, 0);
    })
}

/// Every key of the shelf-check log (`shelf-checks.toml`).
pub fn probe_shelf_log() -> Keys {
    probe(|cx, root| {
        super::shelf::log(cx, root, 0);
    })
}
