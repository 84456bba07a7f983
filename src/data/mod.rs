//! Data exports: the loader stage for what `downkit snapshot` prints (export file → typed
//! rows, positions kept for problems).
//!
//! Beside `load` (kit files → model), this reads an export of a care system — CSV with `,`
//! or `;` or a JSON array of objects, in UTF-8 (with or without BOM) or Windows-1252 — into
//! the rows of a [`Dataset`], keeping only the columns the kit declares. Every problem of
//! the export is found in one pass, each at `file:line:column` with its row and field; a
//! problem never quotes the value ([`problem`]). The export is read into memory and never
//! written anywhere: not copied, not cached, not logged.

// A Problem is large, but it is only built on the cold path of a broken export.
#![allow(clippy::result_large_err)]

mod csv;
mod json;
pub mod order;
pub mod problem;
mod text;
pub mod values;

use crate::fonts::FontSet;
use crate::model::dataset::{DataKind, Dataset, ExportFormat};
use problem::{Pos, Problem};
use std::collections::HashMap;
use std::path::Path;
use values::Value;

/// Largest export read, in bytes (a 2,000-client export with 14 days of visits is ~10 MB).
pub const MAX_EXPORT_BYTES: u64 = 256 * 1024 * 1024;

/// Most characters of one field printed: a longer value (a note of a page, a value pasted
/// without spaces) is cut at a word boundary and ends in [`CUT_MARK`], with a warning that
/// names its row, so that one client's note can never make a table row taller than a page
/// and stop the snapshot for every client.
pub const MAX_FIELD_CHARS: usize = 200;

/// Most characters of a group's name (the value of `group-by`) printed: it heads the group's
/// pages and runs in their header.
pub const MAX_GROUP_CHARS: usize = 40;

/// What a cut value ends in, on paper: the editor's mark for left-out text, read the same in
/// Swedish and English.
pub const CUT_MARK: &str = " […]";

/// One field as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The text printed: normalised for its kind (times `08:30`, phone numbers in the
    /// national form), else as given.
    pub text: String,
    /// The typed value, for sorting and scheduling.
    pub value: Value,
    /// It did not look like its kind: printed as given, with a mark.
    pub flagged: bool,
}

/// One row: a cell per declared column, in the dataset's column order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The cells.
    pub cells: Vec<Cell>,
}

/// An export read for a dataset, its rows in the dataset's `sort` order.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    /// The dataset's id.
    pub dataset: String,
    /// The export's file name (without its folder), as printed on the snapshot's cover.
    pub source: String,
    /// The encoding it was read in.
    pub encoding: &'static str,
    /// The rows.
    pub rows: Vec<Row>,
}

impl Export {
    /// Fields printed with a mark because they did not look like their kind.
    pub fn flagged(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.cells.iter().filter(|c| c.flagged).count())
            .sum()
    }
}

/// A row as a format reader gives it: declared columns only, with byte offsets.
pub(crate) struct RawRow {
    /// The data row number (1 = first after the header).
    pub row: usize,
    /// The declared columns' fields.
    pub cells: Vec<RawCell>,
}

/// One field's text and byte offset.
pub(crate) struct RawCell {
    pub text: String,
    pub offset: usize,
}

/// What to tell a user whose export lacks the column `name`, given the export's `columns`.
/// The columns are only named when `header` is known to be a header row (it has at least
/// one declared column): otherwise the "header" may be the first row of data.
pub(crate) fn column_hint(name: &str, columns: &[String], header: bool) -> String {
    if !header {
        return "no declared column is in the first line: the export needs a header row naming its columns (or `delimiter` is wrong)".into();
    }
    // Column names come from the export: shown on one line, cut short (a header may be
    // anything), and compared only when they could be a near spelling.
    let one_line = |c: &str| crate::payload::shown(c, 60);
    let near = columns
        .iter()
        .filter(|c| c.len() <= 4 * name.len() + 8)
        .map(|c| {
            let d = if c.to_lowercase() == name.to_lowercase() {
                0
            } else {
                strsim::damerau_levenshtein(&c.to_lowercase(), &name.to_lowercase())
            };
            (d, c)
        })
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min();
    match near {
        Some((_, c)) => format!(
            "did you mean `{}`? (change `name` in the kit, or the export)",
            one_line(c)
        ),
        None => {
            let mut shown: Vec<String> = columns.iter().take(30).map(|c| one_line(c)).collect();
            if columns.len() > 30 {
                shown.push("…".into());
            }
            format!("the export's columns are: {}", shown.join(", "))
        }
    }
}

/// Reads the export at `path` (named `shown` in problems) for `ds`. Characters `fonts`
/// cannot draw are printed as `?` (with a warning). Returns the export — `None` when there
/// are errors — and every problem found. `kit` is the kit's roots when the file is one of
/// the kit's own (a fictional `sample`), read through them; `None` for an export given at
/// run time.
pub fn read_file(
    path: &Path,
    shown: &str,
    ds: &Dataset,
    fonts: &FontSet,
    kit: Option<&crate::load::Roots>,
) -> (Option<Export>, Vec<Problem>) {
    use crate::load::open::{read_regular, OpenError};
    // An export is given at run time and lies outside the kit folder by design; like every
    // other read it is only ever a regular file (no FIFO, device or folder), opened without
    // blocking and never read past MAX_EXPORT_BYTES. A sample is the kit's file.
    let read = match kit {
        Some(roots) => roots.read(path, MAX_EXPORT_BYTES).map(|(_, b)| b),
        None => read_regular(path, MAX_EXPORT_BYTES),
    };
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(e) => {
            let (code, msg, hint) = match e {
                OpenError::NotFound => (
                    "not-found",
                    "the export does not exist".to_string(),
                    "give the path of the export file",
                ),
                OpenError::NotRegular(kind) => (
                    "not-a-file",
                    format!("the export is {kind}, not a regular file"),
                    "give the path of the export file",
                ),
                OpenError::TooLarge { len, max } => (
                    "file-too-large",
                    format!("the export is {len} bytes; at most {max} are read"),
                    "export fewer rows or columns",
                ),
                OpenError::Outside(_) => (
                    "outside-kit",
                    "the sample leads outside the kit folder and its shared folders".to_string(),
                    "put the sample itself into the kit folder",
                ),
                OpenError::Io(e) => (
                    "unreadable",
                    format!("the export cannot be read: {}", e.kind()),
                    "check the file's permissions",
                ),
            };
            return (None, vec![Problem::error(code, shown, msg).hint(hint)]);
        }
    };
    read_bytes(&bytes, shown, ds, fonts)
}

/// Reads an export's bytes; see [`read_file`].
pub fn read_bytes(
    bytes: &[u8],
    shown: &str,
    ds: &Dataset,
    fonts: &FontSet,
) -> (Option<Export>, Vec<Problem>) {
    let mut problems = Vec::new();
    let decoded = match text::decode(bytes, ds.encoding, shown) {
        Ok(d) => d,
        Err(p) => return (None, vec![p]),
    };
    let text = decoded.text;
    if text.trim().is_empty() {
        let p = Problem::error("empty-export", shown, "the export is empty").hint(
            "a blank list is worse than none: check the export job; the last good snapshot is kept",
        );
        return (None, vec![p]);
    }
    let lines = text::Lines::new(&text);
    let at = |o: usize| lines.pos(&text, o);
    let names: Vec<&str> = ds.columns.iter().map(|c| c.name.v.as_str()).collect();
    let format = ds.format.unwrap_or_else(|| {
        let ext = Path::new(shown)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase());
        match ext.as_deref() {
            Some("json") => ExportFormat::Json,
            Some(_) => ExportFormat::Csv,
            None if text.trim_start().starts_with('[') => ExportFormat::Json,
            None => ExportFormat::Csv,
        }
    });
    let (raw, present) = match format {
        ExportFormat::Csv => csv::read(&text, &names, ds.delimiter, &at, shown, &mut problems),
        ExportFormat::Json => json::read(&text, &names, &at, shown, &mut problems),
    };
    if problem::has_errors(&problems) && raw.is_empty() {
        return (None, problems);
    }
    let rows = rows(ds, raw, &present, &at, shown, fonts, &mut problems);
    if rows.is_empty() && !problem::has_errors(&problems) {
        problems.push(
            Problem::error("empty-export", shown, "the export has a header but no rows")
                .at(Pos { line: 1, col: 1 })
                .hint("a blank list is worse than none: check the export job; the last good snapshot is kept"),
        );
    }
    problem::sort(&mut problems);
    if problem::has_errors(&problems) {
        return (None, problems);
    }
    let mut export = Export {
        dataset: ds.id.v.clone(),
        source: Path::new(shown)
            .file_name()
            .map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned()),
        encoding: decoded.encoding,
        rows,
    };
    let sort: Vec<usize> = ds
        .sort
        .iter()
        .filter_map(|s| ds.columns.iter().position(|c| c.name.v == s.v))
        .collect();
    order::sort(&mut export, &sort);
    (Some(export), problems)
}

/// Every raw row read by its columns' kinds; the key checked for empty and repeated values.
/// Columns the export lacks (`present` false) are left empty and not checked again.
fn rows(
    ds: &Dataset,
    raw: Vec<RawRow>,
    present: &[bool],
    at: &dyn Fn(usize) -> Pos,
    file: &str,
    fonts: &FontSet,
    problems: &mut Vec<Problem>,
) -> Vec<Row> {
    let key = ds.columns.iter().position(|c| c.name.v == ds.key.v);
    let mut keys: HashMap<String, usize> = HashMap::with_capacity(raw.len());
    let mut out = Vec::with_capacity(raw.len());
    for r in raw {
        let mut cells = Vec::with_capacity(r.cells.len());
        for (i, (raw, col)) in r.cells.iter().zip(&ds.columns).enumerate() {
            let field = col.name.v.as_str();
            if !present.get(i).copied().unwrap_or(false) {
                // Already reported as a missing column.
                cells.push(Cell {
                    text: String::new(),
                    value: Value::Empty,
                    flagged: false,
                });
                continue;
            }
            let cleaned = clean(&raw.text, fonts, |code, msg, hint| {
                problems.push(
                    Problem::warning(code, file, msg)
                        .at(at(raw.offset))
                        .in_row(r.row, Some(field))
                        .hint(hint),
                )
            });
            // A group's name heads its pages and runs in their header: a shorter limit.
            let group = ds.group_by.as_ref().is_some_and(|g| g.v == col.name.v);
            let limit = if group {
                MAX_GROUP_CHARS
            } else {
                MAX_FIELD_CHARS
            };
            let full = cleaned;
            let (cleaned, cut) = cut(&full, limit);
            if let Some(chars) = cut {
                problems.push(
                    Problem::warning(
                        "value-cut",
                        file,
                        format!(
                            "the value is {chars} characters long; its first {limit} at most are printed, ending in `[…]`"
                        ),
                    )
                    .at(at(raw.offset))
                    .in_row(r.row, Some(field))
                    .hint(format!(
                        "shorten the value in the care system, or keep it there: a snapshot prints at most {limit} characters of {}",
                        if group { "a group's name" } else { "a field" }
                    )),
                );
            }
            let read = values::read(col.kind, &cleaned);
            if let Some((code, what, hint)) = read.problem {
                problems.push(
                    Problem::warning(
                        code,
                        file,
                        format!("the value {what}; it is printed as given and marked"),
                    )
                    .at(at(raw.offset))
                    .in_row(r.row, Some(field))
                    .hint(hint),
                );
            }
            if Some(i) == key {
                // Judged by the whole value: two keys that differ after the cut differ.
                let whole = match cut {
                    Some(_) => values::read(col.kind, &full).text,
                    None => read.text.clone(),
                };
                key_check(&whole, col.kind, r.row, &mut keys, |code, msg, hint| {
                    problems.push(
                        Problem::error(code, file, msg)
                            .at(at(raw.offset))
                            .in_row(r.row, Some(field))
                            .hint(hint),
                    )
                });
            }
            cells.push(Cell {
                flagged: read.problem.is_some(),
                text: read.text,
                value: read.value,
            });
        }
        out.push(Row { cells });
    }
    out
}

/// `text` cut to at most `max` characters, mark included: at the last space in its second
/// half, else at a character; with the length it had when it was cut.
fn cut(text: &str, max: usize) -> (String, Option<usize>) {
    let chars = text.chars().count();
    if chars <= max {
        return (text.to_string(), None);
    }
    let keep = max - CUT_MARK.chars().count();
    let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let head = match head.rfind(' ') {
        Some(i) if head[..i].chars().count() >= keep / 2 => &head[..i],
        _ => head,
    };
    (format!("{}{CUT_MARK}", head.trim_end()), Some(chars))
}

/// A key must be given and must not repeat an earlier row's.
fn key_check(
    text: &str,
    kind: DataKind,
    row: usize,
    keys: &mut HashMap<String, usize>,
    mut report: impl FnMut(&'static str, String, &str),
) {
    if text.is_empty() {
        report(
            "empty-key",
            "the key is empty".into(),
            "every row needs its key: it is how a row is told from the others",
        );
        return;
    }
    // 19121212-1212 and 191212121212 are the same person.
    let norm: String = match kind {
        DataKind::Personnummer => text.chars().filter(|c| c.is_alphanumeric()).collect(),
        _ => text.to_string(),
    };
    if let Some(first) = keys.get(&norm) {
        report(
            "duplicate-key",
            format!("the key repeats the one of row {first}"),
            "each row needs its own key; check the export for a row exported twice",
        );
    } else {
        keys.insert(norm, row);
    }
}

/// A field's text made printable: trimmed, line breaks and tabs as single spaces, other
/// control characters removed and characters the fonts lack printed as `?` (each reported
/// once per field through `report`).
fn clean(
    text: &str,
    fonts: &FontSet,
    mut report: impl FnMut(&'static str, String, &str),
) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut control, mut missing) = (false, None);
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if c.is_control() {
            control = true;
        } else if fonts.regular.has_char(c) && fonts.bold.has_char(c) {
            out.push(c);
        } else {
            missing.get_or_insert(c);
            out.push('?');
        }
    }
    if control {
        report(
            "control-character",
            "a control character was removed".into(),
            "check the export job's encoding",
        );
    }
    if let Some(c) = missing {
        report(
            "missing-glyph",
            format!("the font cannot print U+{:04X}; it is printed as ?", u32::from(c)),
            "check the value in the care system, or name a font that has the character under [kit.fonts]",
        );
    }
    out
}
