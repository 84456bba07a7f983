//! Forms pre-filled per row: a copy of the kit's form for every row of the dataset (or the
//! rows its `only` keeps), the mapped fields filled from the row. A value goes into
//! character boxes only when it fills them exactly as written (a date `ÅÅÅÅ-MM-DD`, a
//! personnummer `ÅÅÅÅMMDD-NNNN`); anything else would be shifted into the boxes and print a
//! different, valid-looking value, so it is printed as text under the field instead, the
//! boxes left to fill by hand. Copies carry no serial number: a snapshot is printed again
//! every night, so its copies cannot take numbers from the binder's series.

use super::lists::Part;
use super::Sx;
use crate::data::Row;
use crate::labels::Label;
use crate::layout::Block;
use crate::model::dataset::PrefilledForm;
use crate::model::{At, FieldKind};

/// True when `value` fills the boxes of `kind` exactly as written (or is printed as text).
fn fits(kind: &FieldKind, value: &str) -> bool {
    let groups = |v: &str, sep: char, lens: &[usize]| {
        let parts: Vec<&str> = v.split(sep).collect();
        parts.len() == lens.len() && parts.iter().zip(lens).all(|(p, n)| p.chars().count() == *n)
    };
    match kind {
        FieldKind::Text | FieldKind::Number | FieldKind::Phone => true,
        FieldKind::Date => {
            groups(value, '-', &[4, 2, 2]) && value.chars().all(|c| c.is_ascii_digit() || c == '-')
        }
        FieldKind::Time => groups(value, ':', &[2, 2]),
        FieldKind::DateTime => match value.split_once(' ') {
            Some((d, t)) => fits(&FieldKind::Date, d) && fits(&FieldKind::Time, t),
            None => false,
        },
        FieldKind::Personnummer => {
            let v: String = value.chars().filter(|c| *c != ' ').collect();
            if v.contains('-') {
                groups(&v, '-', &[8, 4])
            } else {
                v.chars().count() == 12 && !v.contains('+')
            }
        }
        FieldKind::Boxes(n) => value.chars().filter(|c| *c != ' ').count() <= *n as usize,
        FieldKind::Choice(opts) | FieldKind::MultiChoice(opts) => {
            opts.iter().any(|o| o.label == value)
        }
        FieldKind::Checkbox
        | FieldKind::Lines(_)
        | FieldKind::Signature
        | FieldKind::Instruction => false,
    }
}

/// Every copy of a pre-filled form.
pub(super) fn blocks(sx: &Sx, p: &Part, f: &PrefilledForm, rows: &[&Row]) -> Vec<Block> {
    let Some(form) = sx.cx.kit.forms.iter().find(|x| x.id.v == f.form.v) else {
        return Vec::new();
    };
    let fill: Vec<(&str, usize)> = f
        .fill
        .iter()
        .filter_map(|(label, col)| {
            let i = p.ds.columns.iter().position(|c| c.name.v == col.v)?;
            Some((label.v.as_str(), i))
        })
        .collect();
    let mut b = vec![Block::Anchor(p.anchor.clone())];
    for r in rows {
        let mut copy = form.clone();
        copy.serial = None;
        for field in copy.sections.iter_mut().flat_map(|s| s.fields.iter_mut()) {
            let Some((_, i)) = fill.iter().find(|(l, _)| *l == field.label.v) else {
                continue;
            };
            let cell = &r.cells[*i];
            if cell.text.is_empty() {
                continue;
            }
            if fits(&field.kind, &cell.text) {
                field.value = Some(At::new(cell.text.clone(), field.loc));
                if cell.flagged {
                    field.help = Some(sx.t(Label::CheckValue).to_string());
                }
            } else {
                field.value = None;
                field.help = Some(format!("{}: {}", sx.t(Label::FromExport), cell.text));
            }
        }
        for block in crate::compose::forms::blocks(&sx.cx, &copy) {
            b.push(match block {
                Block::RunningHeader {
                    text: Some(t),
                    continued,
                } => Block::RunningHeader {
                    text: Some(format!("{} · {t}", sx.stamp)),
                    continued,
                },
                other => other,
            });
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_values_go_into_boxes() {
        use crate::model::ChoiceOption;
        assert!(fits(&FieldKind::Personnummer, "19121212-1212"));
        assert!(fits(&FieldKind::Personnummer, "191212121212"));
        assert!(!fits(&FieldKind::Personnummer, "121212-1212"));
        assert!(!fits(&FieldKind::Personnummer, "19121212+1212"));
        assert!(fits(&FieldKind::Date, "2026-12-01"));
        assert!(!fits(&FieldKind::Date, "2026-12-1"));
        assert!(fits(&FieldKind::Boxes(6), "A-123"));
        assert!(!fits(&FieldKind::Boxes(3), "A-123"));
        assert!(fits(
            &FieldKind::Choice(vec![ChoiceOption::plain("Ja"), ChoiceOption::plain("Nej")]),
            "Ja"
        ));
        assert!(fits(&FieldKind::Text, "Storgatan 1"));
    }
}
