//! Dataset declarations: ids, columns, and every name a dataset refers to — its key, sort
//! and group columns, the columns its lists and schedules print, the form and fields it
//! pre-fills — checked against what the kit declares.

use super::refs::{dangling, unique};
use crate::diag::Diagnostic;
use crate::load::Loaded;
use crate::model::dataset::{DataKind, Dataset, RowFilter};
use crate::model::{At, FieldKind, Form, Kit};
use std::path::PathBuf;

/// Runs the dataset checks.
pub fn check(loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    let kit = &loaded.kit;
    let ids: Vec<&At<String>> = kit.datasets.iter().map(|d| &d.id).collect();
    unique(&ids, "dataset", diags);
    for d in &kit.datasets {
        one(kit, d, diags);
        if let Some(Err(e)) = sample_path(loaded, d) {
            diags.push(e);
        }
    }
    if !kit.datasets.is_empty() && !kit.meta.snapshot.max_age_written {
        diags.push(
            Diagnostic::warning(
                "no-max-age",
                kit.meta.loc,
                "the kit prints datasets but says nowhere how old a snapshot may get",
            )
            .hint("add `snapshot-max-age = \"26h\"` to [kit]: `downkit status` then says when the nightly snapshot has stopped coming"),
        );
    }
}

fn one(kit: &Kit, d: &Dataset, diags: &mut Vec<Diagnostic>) {
    let present = |a: &At<String>| a.loc.start != a.loc.end;
    if present(&d.title) && d.title.v.trim().is_empty() {
        diags.push(
            Diagnostic::error("empty", d.title.loc, "the dataset's title is empty")
                .hint("give it a title, e.g. `title = \"Brukare\"`"),
        );
    }
    if d.columns.is_empty() {
        diags.push(
            Diagnostic::error(
                "empty",
                d.loc,
                format!("dataset `{}` declares no columns", d.id.v),
            )
            .hint("add [[dataset.column]] tables with the `name` of each column in the export"),
        );
    }
    let names: Vec<&At<String>> = d.columns.iter().map(|c| &c.name).collect();
    let mut seen: Vec<&str> = Vec::new();
    for c in &d.columns {
        if present(&c.name) && c.name.v.trim().is_empty() {
            diags.push(
                Diagnostic::error("empty", c.name.loc, "the column's name is empty")
                    .hint("write the column's name as it is in the export's header row"),
            );
        } else if seen.contains(&c.name.v.as_str()) {
            diags.push(
                Diagnostic::error(
                    "duplicate-column",
                    c.name.loc,
                    format!("the column `{}` is declared twice", c.name.v),
                )
                .hint("declare each column of the export once; give a list its own `columns`"),
            );
        }
        seen.push(&c.name.v);
        if c.kind == DataKind::Personnummer && !c.personal {
            diags.push(
                Diagnostic::warning(
                    "not-personal",
                    c.loc,
                    format!(
                        "the column `{}` holds personnummer but is not marked as personal data",
                        c.name.v
                    ),
                )
                .hint("add `personal-data = true`: snapshots that print it are then encrypted"),
            );
        }
    }
    let col = |r: &At<String>, diags: &mut Vec<Diagnostic>| {
        if present(r) && d.column(&r.v).is_none() {
            no_column(d, r, &names, diags);
        }
    };
    col(&d.key, diags);
    d.sort.iter().for_each(|s| col(s, diags));
    if let Some(g) = &d.group_by {
        col(g, diags);
    }
    let filter = |f: &Option<RowFilter>, diags: &mut Vec<Diagnostic>| {
        if let Some(f) = f {
            col(&f.column, diags);
        }
    };
    for l in &d.lists {
        l.columns.iter().for_each(|c| col(c, diags));
        filter(&l.only, diags);
    }
    for s in &d.schedules {
        col(&s.date, diags);
        if let Some(c) = d.column(&s.date.v).filter(|c| c.kind != DataKind::Date) {
            diags.push(
                Diagnostic::error(
                    "not-a-date",
                    s.date.loc,
                    format!(
                        "the schedule's `date` column `{}` is of kind `{}`",
                        s.date.v,
                        c.kind.name()
                    ),
                )
                .hint(if c.kind == DataKind::Text {
                    format!("add `kind = \"date\"` to the column `{}` if it holds dates (YYYY-MM-DD), or name a date column", s.date.v)
                } else {
                    "name a column declared with `kind = \"date\"` (YYYY-MM-DD)".into()
                }),
            );
        }
        s.columns.iter().for_each(|c| col(c, diags));
        filter(&s.only, diags);
    }
    for p in &d.forms {
        filter(&p.only, diags);
        let forms: Vec<&At<String>> = kit.forms.iter().map(|f| &f.id).collect();
        let Some(form) = kit.forms.iter().find(|f| f.id.v == p.form.v) else {
            if present(&p.form) {
                dangling(&p.form, "form", &forms, diags);
            }
            continue;
        };
        for (label, column) in &p.fill {
            field(form, label, diags);
            col(column, diags);
        }
    }
    if !d.prints() {
        diags.push(
            Diagnostic::warning(
                "prints-nothing",
                d.loc,
                format!("dataset `{}` prints nothing", d.id.v),
            )
            .hint("add a [[dataset.list]], [[dataset.schedule]] or [[dataset.form]]"),
        );
    }
}

/// A name that is not one of the dataset's columns.
fn no_column(d: &Dataset, r: &At<String>, names: &[&At<String>], diags: &mut Vec<Diagnostic>) {
    let near = names
        .iter()
        .map(|k| {
            (
                strsim::damerau_levenshtein(&r.v.to_lowercase(), &k.v.to_lowercase()),
                k.v.as_str(),
            )
        })
        .filter(|(dist, k)| *dist <= 2.max(k.chars().count() / 3))
        .min();
    let hint = match near {
        Some((_, k)) => format!("did you mean `{k}`?"),
        None if names.is_empty() => {
            "declare the column with [[dataset.column]] and its `name` in the export".into()
        }
        None => {
            let mut list: Vec<&str> = Vec::new();
            for n in names {
                if !list.contains(&n.v.as_str()) {
                    list.push(&n.v);
                }
            }
            format!(
                "the dataset's columns are: {}; declare more with [[dataset.column]]",
                list.join(", ")
            )
        }
    };
    diags.push(
        Diagnostic::error(
            "unknown-column",
            r.loc,
            format!("dataset `{}` has no column `{}`", d.id.v, r.v),
        )
        .label("not declared")
        .hint(hint),
    );
}

/// A field a pre-filled form fills must be a field of the form that takes a value.
fn field(form: &Form, label: &At<String>, diags: &mut Vec<Diagnostic>) {
    let fields: Vec<_> = form.sections.iter().flat_map(|s| &s.fields).collect();
    match fields.iter().find(|f| f.label.v == label.v) {
        Some(f)
            if matches!(
                f.kind,
                FieldKind::Signature | FieldKind::Instruction | FieldKind::Lines(_)
            ) =>
        {
            diags.push(
                Diagnostic::error(
                    "cannot-prefill",
                    label.loc,
                    format!("the field \"{}\" of form `{}` cannot be pre-filled", label.v, form.id.v),
                )
                .hint("signatures, instructions and ruled lines are written by hand; fill a text, date, number or personnummer field"),
            );
        }
        Some(_) => {}
        None => {
            let known: Vec<&At<String>> = fields.iter().map(|f| &f.label).collect();
            let near = known
                .iter()
                .map(|k| (strsim::damerau_levenshtein(&label.v, &k.v), k.v.as_str()))
                .filter(|(dist, k)| *dist <= 2.max(k.chars().count() / 4))
                .min();
            let hint = match near {
                Some((_, k)) => format!("did you mean \"{k}\"?"),
                None => {
                    let fillable: Vec<String> = fields
                        .iter()
                        .filter(|f| {
                            !matches!(
                                f.kind,
                                FieldKind::Signature | FieldKind::Instruction | FieldKind::Lines(_)
                            )
                        })
                        .map(|f| format!("\"{}\"", f.label.v))
                        .collect();
                    if fillable.is_empty() {
                        "the form has no field that can be pre-filled (text, date, number or personnummer)".into()
                    } else {
                        format!(
                            "write the field's `label` exactly as the form has it; the fields it can fill are {}",
                            fillable.join(", ")
                        )
                    }
                }
            };
            diags.push(
                Diagnostic::error(
                    "unknown-field",
                    label.loc,
                    format!("form `{}` has no field \"{}\"", form.id.v, label.v),
                )
                .hint(hint),
            );
        }
    }
}

/// Where a dataset's sample export is: its canonical path inside the kit folder (or a
/// declared shared folder) and the name problems show, or why it cannot be read from
/// there. `None` when the dataset has no sample.
pub fn sample_path(loaded: &Loaded, d: &Dataset) -> Option<Result<(PathBuf, String), Diagnostic>> {
    let s = d.sample.as_ref()?;
    let kit = loaded.roots.kit();
    Some(loaded.roots.resolve(kit, &s.v, s.loc, "sample").map_err(|e| {
        e.hint("a sample is a small fictional export in the kit folder, e.g. `sample = \"exempeldata-fiktiv/brukare.csv\"`; real exports are given at run time with --data")
    }))
}
