//! Reads what forms and logs share: fields, widths on the 12-column grid, and table columns
//! (`[form.section.table]` and a log's `columns`).

use super::reader::{as_table, Cx, Table};
use crate::diag::Diagnostic;
use crate::layout::Orientation;
use crate::model::*;
use toml::de::DeValue;

const KINDS: [&str; 14] = [
    "text",
    "lines",
    "date",
    "time",
    "datetime",
    "number",
    "phone",
    "personnummer",
    "boxes",
    "checkbox",
    "choice",
    "multi-choice",
    "signature",
    "instruction",
];

const COLUMN_KINDS: [&str; 7] = [
    "text", "number", "boxes", "date", "time", "checkbox", "choice",
];

/// Most columns a table may have (after `repeat`).
pub const MAX_COLUMNS: usize = 60;

/// An optional key with one of `choices` as its value.
pub(super) fn choice<T: Copy>(
    cx: &mut Cx,
    t: &mut Table,
    key: &'static str,
    choices: &[(&'static str, T)],
) -> Option<T> {
    let names = choices.iter().map(|(n, _)| *n).collect();
    t.note(key, super::keys::Shape::Choice(names), false);
    let s = t.opt_str(cx, key)?;
    match choices.iter().find(|(name, _)| *name == s.v) {
        Some((_, v)) => Some(*v),
        None => {
            let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
            super::kit::bad_choice(cx, &s, key, &s.v, &names);
            None
        }
    }
}

/// A required choice: missing is an error, as is a value not among `choices`.
pub(super) fn req_choice<T: Copy>(
    cx: &mut Cx,
    t: &mut Table,
    key: &'static str,
    choices: &[(&str, T)],
) -> Option<T> {
    let s = t.req_str(cx, key)?;
    match choices.iter().find(|(name, _)| *name == s.v) {
        Some((_, v)) => Some(*v),
        None => {
            let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
            super::kit::bad_choice(cx, &s, key, &s.v, &names);
            None
        }
    }
}

/// `orientation = "portrait" | "landscape"`.
pub(super) fn orientation(cx: &mut Cx, t: &mut Table) -> Orientation {
    let choices = [
        ("portrait", Orientation::Portrait),
        ("landscape", Orientation::Landscape),
    ];
    choice(cx, t, "orientation", &choices).unwrap_or_default()
}

/// `width`: a name (`"half"`, `"two-thirds"` …) or a number of the line's 12 grid columns.
pub(super) fn width(cx: &mut Cx, t: &mut Table, key: &'static str) -> Option<At<FieldWidth>> {
    t.note(key, super::keys::Shape::Width, false);
    let v = t.get(key)?;
    let names: Vec<&str> = FieldWidth::NAMES.iter().map(|(n, _)| *n).collect();
    match v.get_ref() {
        DeValue::String(s) => match FieldWidth::NAMES.iter().find(|(n, _)| *n == s.as_ref()) {
            Some((_, w)) => Some(At::new(*w, cx.loc(v.span()))),
            None => {
                let at = At::new(s.to_string(), cx.loc(v.span()));
                super::kit::bad_choice(cx, &at, key, s, &names);
                None
            }
        },
        DeValue::Integer(i) => match i.as_str().parse::<u8>() {
            Ok(n @ 1..=12) if i.radix() == 10 => Some(At::new(FieldWidth(n), cx.loc(v.span()))),
            _ => {
                cx.error(
                    "out-of-range",
                    v.span(),
                    format!("`{key} = {}` is not a share of the line", i.as_str()),
                    format!(
                        "give the number of the line's 12 grid columns (1–12), or one of: {}",
                        names.join(", ")
                    ),
                );
                None
            }
        },
        _ => {
            cx.error(
                "wrong-type",
                v.span(),
                format!("`{key}` must be a name or a number of grid columns"),
                format!("write it as `{key} = \"half\"` or `{key} = 6` (of 12)"),
            );
            None
        }
    }
}

/// `options` of a choice: labels, or option tables `{ label, write-in, options }` (`nested`:
/// an option table may hold options of its own, one level deep). `None` when absent.
pub(super) fn options(cx: &mut Cx, t: &mut Table, nested: bool) -> Option<At<Vec<ChoiceOption>>> {
    t.note("options", super::keys::Shape::StrsOrTables, false);
    let path = t.child("options");
    let v = t.get("options")?;
    let at = cx.loc(v.span());
    let DeValue::Array(items) = v.get_ref() else {
        cx.error(
            "wrong-type",
            v.span(),
            "`options` must be an array of labels or option tables".into(),
            "write it as `options = [\"Ja\", \"Nej\", { label = \"Annat\", write-in = true }]`"
                .into(),
        );
        return Some(At::new(Vec::new(), at));
    };
    let mut out = Vec::new();
    for item in items {
        match item.get_ref() {
            DeValue::String(s) => {
                let clean = super::chars::clean(cx, "options", item.span(), s);
                cx.texts.push(At::new(clean.clone(), cx.loc(item.span())));
                out.push(ChoiceOption::plain(clean));
            }
            DeValue::Table(_) => {
                let Some(mut o) = as_table(cx, item, "an option of `options`".into(), path.clone())
                else {
                    continue;
                };
                let label = o.str_or_empty(cx, "label");
                let write_in = o.opt_bool(cx, "write-in").unwrap_or(false);
                let sub = if nested {
                    options(cx, &mut o, false).map(|s| s.v).unwrap_or_default()
                } else {
                    Vec::new()
                };
                o.finish(cx);
                out.push(ChoiceOption {
                    label: label.v,
                    write_in,
                    options: sub,
                });
            }
            _ => cx.error(
                "wrong-type",
                item.span(),
                "an option must be a label or an option table".into(),
                "write `\"Ja\"`, or `{ label = \"Annat\", write-in = true }` for a line to write on"
                    .into(),
            ),
        }
    }
    Some(At::new(out, at))
}

/// Reads one field of a form section or a log's header.
pub fn field(cx: &mut Cx, mut f: Table) -> Field {
    let span = f.span();
    let label = f.str_or_empty(cx, "label");
    f.note("kind", super::keys::Shape::Choice(KINDS.to_vec()), false);
    let kind_s = f.opt_str(cx, "kind");
    let lines = f.opt_u32_from(cx, "lines", 1, 40);
    let length = f.opt_u32(cx, "length", 40);
    let options = options(cx, &mut f, true);
    let width = width(cx, &mut f, "width").map(|w| w.v).unwrap_or_default();
    let value = f.opt_str(cx, "value");
    let help = f.opt_str(cx, "help").map(|h| h.v);
    let role = f.opt_str(cx, "role").map(|h| h.v);
    let fill = field_use(cx, &mut f);
    f.finish(cx);
    let opts = || options.as_ref().map(|o| o.v.clone()).unwrap_or_default();
    let kind = match kind_s.as_ref().map(|k| k.v.as_str()) {
        None | Some("text") => FieldKind::Text,
        Some("lines") => FieldKind::Lines(lines.as_ref().map_or(3, |l| l.v)),
        Some("date") => FieldKind::Date,
        Some("time") => FieldKind::Time,
        Some("datetime") => FieldKind::DateTime,
        Some("number") => FieldKind::Number,
        Some("phone") => FieldKind::Phone,
        Some("personnummer") => FieldKind::Personnummer,
        Some("boxes") => match &length {
            Some(l) if l.v > 0 => FieldKind::Boxes(l.v),
            _ => {
                let loc = kind_s.as_ref().map_or(cx.loc(span.clone()), |k| k.loc);
                cx.diags.push(
                    Diagnostic::error("missing-key", loc, "a `boxes` field needs `length`")
                        .hint_in(
                            "add `length = 6` (the number of character boxes)",
                            "lägg till `length = 6` (antalet teckenrutor)",
                        ),
                );
                FieldKind::Boxes(1)
            }
        },
        Some("checkbox") => FieldKind::Checkbox,
        Some(k @ ("choice" | "multi-choice")) => {
            if opts().len() < 2 {
                let loc = kind_s.as_ref().map_or(cx.loc(span.clone()), |k| k.loc);
                cx.diags.push(
                    Diagnostic::error(
                        "missing-key",
                        loc,
                        format!("a `{k}` field needs at least two `options`"),
                    )
                    .hint_in(
                        "add `options = [\"Ja\", \"Nej\"]`",
                        "lägg till `options = [\"Ja\", \"Nej\"]`",
                    ),
                );
            }
            if k == "choice" {
                FieldKind::Choice(opts())
            } else {
                FieldKind::MultiChoice(opts())
            }
        }
        Some("signature") => FieldKind::Signature,
        Some("instruction") => FieldKind::Instruction,
        Some(other) => {
            super::kit::bad_choice(
                cx,
                kind_s.as_ref().expect("kind present"),
                "kind",
                other,
                &KINDS,
            );
            FieldKind::Text
        }
    };
    let stray = |cx: &mut Cx, key: &str, present: bool, applies: bool, to: &str| {
        if present && !applies {
            cx.diags.push(
                Diagnostic::warning(
                    "unused-key",
                    cx.loc(span.clone()),
                    format!("`{key}` has no effect on this field"),
                )
                .hint(format!("`{key}` applies only to {to} fields; remove it")),
            );
        }
    };
    stray(
        cx,
        "lines",
        lines.is_some(),
        matches!(kind, FieldKind::Lines(_)),
        "`lines`",
    );
    stray(
        cx,
        "length",
        length.is_some(),
        matches!(kind, FieldKind::Boxes(_)),
        "`boxes`",
    );
    stray(
        cx,
        "options",
        options.is_some(),
        matches!(kind, FieldKind::Choice(_) | FieldKind::MultiChoice(_)),
        "`choice` and `multi-choice`",
    );
    stray(
        cx,
        "role",
        role.is_some(),
        kind == FieldKind::Signature,
        "`signature`",
    );
    Field {
        label,
        kind,
        width,
        value,
        help,
        role,
        fill,
        loc: cx.loc(span),
    }
}

/// A field's `id`, `filled-by` and `when`.
fn field_use(cx: &mut Cx, f: &mut Table) -> FieldUse {
    let id = f.opt_str(cx, "id");
    let filled_by = f.opt_str_list(cx, "filled-by").unwrap_or_default();
    f.note(
        "when",
        super::keys::Shape::Choice(vec!["now", "later"]),
        false,
    );
    let when = f.opt_str(cx, "when");
    if let Some(w) = when.as_ref().filter(|w| w.v != "now" && w.v != "later") {
        super::kit::bad_choice(cx, w, "when", &w.v, &["now", "later"]);
    }
    FieldUse {
        id,
        filled_by,
        when,
    }
}

/// Reads one table column; `repeat = n` gives `n` columns, `{n}` in the heading numbered.
pub fn column(cx: &mut Cx, mut c: Table) -> Vec<TableColumn> {
    let span = c.span();
    let heading = c.str_or_empty(cx, "heading");
    c.note(
        "kind",
        super::keys::Shape::Choice(COLUMN_KINDS.to_vec()),
        false,
    );
    let kind_s = c.opt_str(cx, "kind");
    let length = c.opt_u32(cx, "length", 40);
    let options = options(cx, &mut c, false);
    let width = width(cx, &mut c, "width");
    let repeat = c.opt_u32(cx, "repeat", MAX_COLUMNS as u32);
    let first = c.opt_u32(cx, "first", 9999);
    let group = c.opt_str(cx, "group").map(|g| g.v);
    c.finish(cx);
    if let (Some(f), None) = (&first, &repeat) {
        cx.diags.push(
            Diagnostic::warning("unused-key", f.loc, "`first` has no effect without `repeat`")
                .hint("`first` numbers repeated columns from a given number: add `repeat = 15` (days 17–31 with `first = 17`), or remove `first`"),
        );
    }
    let kind = match kind_s.as_ref().map(|k| k.v.as_str()) {
        None | Some("text") => ColumnKind::Text,
        Some("number") => ColumnKind::Number,
        Some("date") => ColumnKind::Date,
        Some("time") => ColumnKind::Time,
        Some("checkbox") => ColumnKind::Checkbox,
        Some("boxes") => match &length {
            Some(l) if l.v > 0 => ColumnKind::Boxes(l.v),
            _ => {
                let loc = kind_s.as_ref().map_or(cx.loc(span.clone()), |k| k.loc);
                cx.diags.push(
                    Diagnostic::error("missing-key", loc, "a `boxes` column needs `length`")
                        .hint_in(
                            "add `length = 8` (the number of character boxes)",
                            "lägg till `length = 8` (antalet teckenrutor)",
                        ),
                );
                ColumnKind::Boxes(1)
            }
        },
        Some("choice") => {
            let opts: Vec<ChoiceOption> = options.map(|o| o.v).unwrap_or_default();
            // One option to tick and write after ("Ja, nivå: ____") is a choice too.
            let single_write_in = opts.len() == 1 && opts[0].write_in;
            if opts.len() < 2 && !single_write_in {
                let loc = kind_s.as_ref().map_or(cx.loc(span.clone()), |k| k.loc);
                cx.diags.push(
                    Diagnostic::error(
                        "missing-key",
                        loc,
                        "a `choice` column needs at least two `options`",
                    )
                    .hint_in(
                        "add `options = [\"Ja\", \"Nej\"]`",
                        "lägg till `options = [\"Ja\", \"Nej\"]`",
                    ),
                );
            }
            ColumnKind::Choice(opts)
        }
        Some(other) => {
            let k = kind_s.as_ref().expect("kind present");
            super::kit::bad_choice(cx, k, "kind", other, &COLUMN_KINDS);
            ColumnKind::Text
        }
    };
    if let Some(r) = repeat.as_ref().filter(|r| r.v == 0) {
        cx.error(
            "out-of-range",
            r.loc.start..r.loc.end,
            "`repeat = 0` prints no column".into(),
            "leave `repeat` out for one column, or give how many (`repeat = 31` for the days of a month)".into(),
        );
    }
    let repeated = repeat.is_some();
    let n = repeat.map_or(1, |r| r.v.max(1));
    let from = first.map_or(1, |f| f.v);
    let loc = cx.loc(span);
    (from..from + n)
        .map(|i| TableColumn {
            heading: At::new(
                if repeated {
                    heading.v.replace("{n}", &i.to_string())
                } else {
                    heading.v.clone()
                },
                heading.loc,
            ),
            kind: kind.clone(),
            width: width.clone(),
            series: repeated.then_some(loc.start),
            group: group.clone(),
            loc,
        })
        .collect()
}

/// Reads `[form.section.table]`.
pub fn table(cx: &mut Cx, mut t: Table) -> FormTable {
    let span = t.span();
    let mut columns: Vec<TableColumn> = t
        .tables(cx, "column", MAX_COLUMNS)
        .into_iter()
        .flat_map(|c| column(cx, c))
        .collect();
    if columns.len() > MAX_COLUMNS {
        cx.error(
            "too-many",
            span.clone(),
            format!(
                "the table has {} columns; at most {MAX_COLUMNS} are allowed",
                columns.len()
            ),
            "split it into two tables".into(),
        );
        columns.truncate(MAX_COLUMNS);
    }
    widths_fit(cx, &columns);
    let rows = t.opt_u32(cx, "rows", 500);
    let row_height = t.opt_u32(cx, "row-height-mm", 40);
    let numbered = t.opt_bool(cx, "numbered").unwrap_or(false);
    let filled: Vec<Vec<At<String>>> = t
        .tables(cx, "row", 500)
        .into_iter()
        .map(|mut r| {
            let cells = r.opt_str_list(cx, "cells").unwrap_or_default();
            r.finish(cx);
            cells
        })
        .collect();
    t.finish(cx);
    let loc = cx.loc(span.clone());
    if columns.is_empty() {
        cx.diags.push(
            Diagnostic::error("empty", loc, "the table has no columns")
                .hint("add [[form.section.table.column]] tables with a `heading` (and a `kind`)"),
        );
    }
    if let Some(r) = rows.as_ref().filter(|r| r.v == 0 && filled.is_empty()) {
        cx.diags.push(
            Diagnostic::error(
                "empty",
                r.loc,
                "a table with `rows = 0` and no pre-filled rows prints nothing to fill in",
            )
            .hint("give the number of blank rows to print, e.g. `rows = 9`"),
        );
    } else if rows.is_none() && filled.is_empty() {
        cx.diags.push(
            Diagnostic::error("missing-key", loc, "the table has no rows").hint_in(
                "add `rows = 9` (blank rows) or [[form.section.table.row]] with `cells`",
                "lägg till `rows = 9` (tomma rader) eller [[form.section.table.row]] med `cells`",
            ),
        );
    }
    for row in &filled {
        if row.len() > columns.len() {
            let at = &row[columns.len()];
            cx.diags.push(
                Diagnostic::error(
                    "too-many",
                    at.loc,
                    format!(
                        "this row has {} cells but the table has {} columns",
                        row.len(),
                        columns.len()
                    ),
                )
                .hint("remove the extra cells or add a column"),
            );
        }
    }
    let row_height = match row_height {
        Some(h) if h.v < 8 => {
            cx.diags.push(
                Diagnostic::error(
                    "too-small",
                    h.loc,
                    format!("rows {} mm high are too low to write in", h.v),
                )
                .hint("handwriting needs at least 8 mm; leave `row-height-mm` out for 8.5 mm"),
            );
            ROW_HEIGHT
        }
        Some(h) => h.v as f32,
        None => ROW_HEIGHT,
    };
    FormTable {
        columns,
        filled,
        rows: rows.map_or(0, |r| r.v),
        row_height,
        numbered,
        loc,
    }
}

/// Reports the column whose `width` makes the columns' widths add up to more than a line.
pub(super) fn widths_fit(cx: &mut Cx, columns: &[TableColumn]) {
    let mut sum = 0u32;
    for c in columns {
        let Some(w) = &c.width else { continue };
        sum += u32::from(w.v.0);
        if sum > u32::from(FieldWidth::FULL.0) {
            cx.diags.push(
                Diagnostic::error(
                    "too-wide",
                    w.loc,
                    format!(
                        "the columns' widths add up to {sum} of the line's 12 grid columns"
                    ),
                )
                .hint_in(
                    "give the columns widths that add up to at most 12 (`width = 3` is a quarter), or leave `width` out of the text columns so they share what is left",
                    "ge kolumnerna bredder som tillsammans blir högst 12 (`width = 3` är en fjärdedel), eller ta bort `width` från textkolumnerna så att de delar på det som blir kvar",
                ),
            );
            return;
        }
    }
}

/// A log's `columns`: headings as strings, or `{ heading, kind, width, … }` tables.
pub fn column_list(cx: &mut Cx, t: &mut Table, key: &'static str) -> Vec<TableColumn> {
    t.note(key, super::keys::Shape::StrsOrTables, false);
    let path = t.child(key);
    let Some(v) = t.get(key) else {
        return Vec::new();
    };
    let DeValue::Array(items) = v.get_ref() else {
        cx.error(
            "wrong-type",
            v.span(),
            format!("`{key}` must be an array of headings or column tables"),
            format!("write it as `{key} = [\"Tid\", {{ heading = \"Vad hände\", width = 8 }}]`"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        match item.get_ref() {
            DeValue::String(s) => {
                let at = At::new(s.to_string(), cx.loc(item.span()));
                cx.texts.push(at.clone());
                out.push(TableColumn {
                    heading: at.clone(),
                    kind: ColumnKind::Text,
                    width: None,
                    series: None,
                    group: None,
                    loc: at.loc,
                });
            }
            DeValue::Table(_) => {
                if let Some(c) = as_table(cx, item, format!("a column of `{key}`"), path.clone()) {
                    out.extend(column(cx, c));
                }
            }
            _ => cx.error(
                "wrong-type",
                item.span(),
                format!("a column of `{key}` must be a heading or a column table"),
                "write a heading as a string (\"Tid\") or a column as { heading = \"Tid\", kind = \"time\" }".into(),
            ),
        }
    }
    if out.len() > MAX_COLUMNS {
        cx.error(
            "too-many",
            v.span(),
            format!(
                "the log has {} columns (counting each `repeat`); at most {MAX_COLUMNS} are allowed",
                out.len()
            ),
            "split the log into two".into(),
        );
        out.truncate(MAX_COLUMNS);
    }
    widths_fit(cx, &out);
    out
}
