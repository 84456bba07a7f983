//! Reads forms, checklists, activity logs and stock.

use super::reader::{Cx, Table};
use crate::diag::Diagnostic;
use crate::model::*;

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

/// Reads one `[[form]]`.
pub fn form(cx: &mut Cx, mut t: Table) -> Form {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let title = t.str_or_empty(cx, "title");
    let purpose = t.opt_str(cx, "purpose").map(|s| s.v).unwrap_or_default();
    let back_entry = t.opt_bool(cx, "back-entry").unwrap_or(true);
    let personal_data = t.opt_bool(cx, "personal-data").unwrap_or(false);
    let serial = t.table(cx, "serial").map(|mut s| {
        let copies = s.opt_u32_from(cx, "copies", 1, 10_000).map_or(1, |c| c.v);
        let prefix = s.opt_str(cx, "prefix").map(|p| p.v).unwrap_or_default();
        let first = s.opt_u32(cx, "first", 99_999_999).map_or(1, |c| c.v);
        let digits = s.opt_u32_from(cx, "digits", 1, 9).map_or(4, |c| c.v);
        s.finish(cx);
        Serial {
            copies,
            prefix,
            first,
            digits,
        }
    });
    let sections = t
        .tables(cx, "section", 100)
        .into_iter()
        .map(|mut s| {
            let sspan = s.span();
            let title = s.str_or_empty(cx, "title");
            let fields = s
                .tables(cx, "field", 200)
                .into_iter()
                .map(|f| field(cx, f))
                .collect();
            s.finish(cx);
            Section {
                title,
                fields,
                loc: cx.loc(sspan),
            }
        })
        .collect();
    t.finish(cx);
    Form {
        id,
        title,
        purpose,
        sections,
        serial,
        back_entry,
        personal_data,
        loc: cx.loc(span),
    }
}

fn field(cx: &mut Cx, mut f: Table) -> Field {
    let span = f.span();
    let label = f.str_or_empty(cx, "label");
    let kind_s = f.opt_str(cx, "kind");
    let lines = f.opt_u32_from(cx, "lines", 1, 40);
    let length = f.opt_u32(cx, "length", 40);
    let options = f.opt_str_list(cx, "options");
    let width = match f.opt_str(cx, "width") {
        None => FieldWidth::Full,
        Some(w) => match w.v.as_str() {
            "full" => FieldWidth::Full,
            "half" => FieldWidth::Half,
            "third" => FieldWidth::Third,
            other => {
                super::kit::bad_choice(cx, &w, "width", other, &["full", "half", "third"]);
                FieldWidth::Full
            }
        },
    };
    let value = f.opt_str(cx, "value");
    let help = f.opt_str(cx, "help").map(|h| h.v);
    f.finish(cx);
    let opts = || {
        options
            .clone()
            .unwrap_or_default()
            .into_iter()
            .map(|o| o.v)
            .collect::<Vec<_>>()
    };
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
                        .hint("add `length = 6` (the number of character boxes)"),
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
                    .hint("add `options = [\"Ja\", \"Nej\"]`"),
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
    Field {
        label,
        kind,
        width,
        value,
        help,
        loc: cx.loc(span),
    }
}

/// Reads one `[[checklist]]`.
pub fn checklist(cx: &mut Cx, mut t: Table) -> Checklist {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let title = t.str_or_empty(cx, "title");
    let pause_point = t
        .opt_str(cx, "pause-point")
        .map(|s| s.v)
        .unwrap_or_default();
    let kind = match t.opt_str(cx, "kind") {
        None => None,
        Some(k) => match k.v.as_str() {
            "read-do" => Some(ChecklistKind::ReadDo),
            "do-confirm" => Some(ChecklistKind::DoConfirm),
            other => {
                super::kit::bad_choice(cx, &k, "kind", other, &["read-do", "do-confirm"]);
                Some(ChecklistKind::ReadDo)
            }
        },
    };
    let time_column = t.opt_bool(cx, "time-column").unwrap_or(false);
    let initials_column = t.opt_bool(cx, "initials-column").unwrap_or(false);
    let completion = t.opt_bool(cx, "completion").unwrap_or(true);
    let items = t
        .tables(cx, "item", 100)
        .into_iter()
        .map(|mut i| {
            let text = i.str_or_empty(cx, "text");
            let response = i.opt_str(cx, "response").map(|r| r.v).unwrap_or_default();
            let critical = i.opt_bool(cx, "critical").unwrap_or(false);
            i.finish(cx);
            ChecklistItem {
                text,
                response,
                critical,
            }
        })
        .collect();
    t.finish(cx);
    Checklist {
        id,
        title,
        pause_point,
        kind,
        items,
        time_column,
        initials_column,
        completion,
        loc: cx.loc(span),
    }
}

/// Reads one `[[log]]`.
pub fn log(cx: &mut Cx, mut t: Table) -> Log {
    let span = t.span();
    let id = t.str_or_empty(cx, "id");
    let title = t.str_or_empty(cx, "title");
    let columns = t
        .opt_str_list(cx, "columns")
        .unwrap_or_default()
        .into_iter()
        .map(|c| c.v)
        .collect();
    let rows = t.opt_u32_from(cx, "rows", 1, 60).map_or(20, |r| r.v);
    let sheets = t.opt_u32_from(cx, "sheets", 1, 100).map_or(2, |r| r.v);
    t.finish(cx);
    Log {
        id,
        title,
        columns,
        rows,
        sheets,
        loc: cx.loc(span),
    }
}

/// Reads `[stock]`: artifact id = copies.
pub fn stock(cx: &mut Cx, t: Table) -> Vec<(At<String>, At<u32>)> {
    let mut out = Vec::new();
    for (k, v) in t.entries() {
        let key = At::new(k.get_ref().to_string(), cx.loc(k.span()));
        match v.get_ref() {
            toml::de::DeValue::Integer(i) => match super::reader::decimal(i) {
                Err(msg) => cx.error(
                    "not-decimal",
                    v.span(),
                    format!("stock of `{}` {msg}", key.v),
                    format!("write it as `{} = 50`", key.v),
                ),
                Ok(Some(n)) if (0..=100_000).contains(&n) => {
                    out.push((key, At::new(n as u32, cx.loc(v.span()))))
                }
                _ => cx.error(
                    "out-of-range",
                    v.span(),
                    format!("stock of `{}` must be between 0 and 100000", key.v),
                    "write the number of copies a unit should hold".into(),
                ),
            },
            _ => cx.error(
                "wrong-type",
                v.span(),
                format!("stock of `{}` must be a whole number", key.v),
                format!("write it as `{} = 50`", key.v),
            ),
        }
    }
    out
}
