//! Form fields for handwriting, shared by forms and log headers: each field's blocks, fields
//! packed into lines of the 12-column grid (boxes of one line start together), and
//! consecutive signature fields as one signature chain.

use super::ctx::{bold, para, Ctx, BODY_PT, SMALL_PT};
use crate::labels::Label;
use crate::layout::{Block, Choice, Column, Marker, Span, Table, Width};
use crate::model::{ChoiceOption, Field, FieldKind, FieldWidth};

/// Room to write under a label inside its box, mm.
pub const WRITE_H: f32 = 6.5;
/// Space between the fields of one line, mm (field rules: at least 5).
pub const FIELD_GAP_X: f32 = 5.0;
/// Height of a signature row, mm.
const SIGN_ROW: f32 = 11.0;

/// The fields as lines of the grid; a run of signature fields becomes one chain.
pub fn lines(cx: &Ctx, fields: &[Field]) -> Vec<Block> {
    lines_read(cx, fields, &[])
}

/// [`lines`] with the key each field is read back from scans under (`keys[i]` for
/// `fields[i]`; fields without one are not read).
pub fn lines_read(cx: &Ctx, fields: &[Field], keys: &[String]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut line: Vec<(Width, Vec<Block>)> = Vec::new();
    let mut used = 0u8;
    let flush = |line: &mut Vec<(Width, Vec<Block>)>, used: &mut u8, out: &mut Vec<Block>| {
        if !line.is_empty() {
            out.push(Block::FieldRow {
                cells: std::mem::take(line),
                gap_mm: FIELD_GAP_X,
            });
        }
        *used = 0;
    };
    let mut i = 0;
    while i < fields.len() {
        let f = &fields[i];
        if f.kind == FieldKind::Signature {
            flush(&mut line, &mut used, &mut out);
            let run = fields[i..]
                .iter()
                .take_while(|g| g.kind == FieldKind::Signature)
                .count();
            let chain = signatures(cx, &fields[i..i + run]);
            out.push(Block::Part {
                origin: cx.origin(format!("the signature \"{}\"", f.label.v), f.loc),
                blocks: vec![match keys.get(i) {
                    Some(key) if run == 1 => Block::Read {
                        key: key.clone(),
                        blocks: vec![chain],
                    },
                    _ => chain,
                }],
            });
            i += run;
            continue;
        }
        let w = f.width;
        if used + w.0 > FieldWidth::FULL.0 {
            flush(&mut line, &mut used, &mut out);
        }
        line.push((Width::Grid(w.0), vec![part(cx, f, keys.get(i))]));
        used += w.0;
        i += 1;
    }
    flush(&mut line, &mut used, &mut out);
    out
}

/// A choice option as the layout draws it.
pub fn choice(o: &ChoiceOption) -> Choice {
    Choice {
        text: o.label.clone(),
        write_in: o.write_in,
        sub: o.options.iter().map(choice).collect(),
    }
}

/// A field's blocks, blamed on the field when they cannot be laid out.
fn part(cx: &Ctx, f: &Field, key: Option<&String>) -> Block {
    let mut label: String = f.label.v.chars().take(40).collect();
    if label.len() < f.label.v.len() {
        label.push('…');
    }
    let what = match f.kind {
        FieldKind::Instruction => format!("the instruction \"{label}\""),
        _ => format!("the field \"{label}\""),
    };
    let blocks = match key {
        Some(key) if f.kind != FieldKind::Instruction => vec![Block::Read {
            key: key.clone(),
            blocks: field(cx, f),
        }],
        _ => field(cx, f),
    };
    Block::Part {
        origin: cx.origin(what, f.loc),
        blocks,
    }
}

/// "Datum (ÅÅÅÅ-MM-DD)".
fn with_format(label: &str, format: &str) -> String {
    if label.is_empty() {
        format.to_string()
    } else {
        format!("{label} ({format})")
    }
}

/// The blocks of one field (signatures: see [`signatures`]).
pub fn field(cx: &Ctx, f: &Field) -> Vec<Block> {
    let label = f.label.v.clone();
    let prefill = f.value.as_ref().map(|v| v.v.clone());
    let date = cx.t(Label::DateFormat);
    let time = cx.t(Label::TimeFormat);
    let boxes = |label: String, groups: Vec<u32>, separators: &str| Block::CharBoxes {
        label,
        groups,
        separators: separators.into(),
        prefill: prefill.clone(),
    };
    let mut b = match &f.kind {
        FieldKind::Text | FieldKind::Number | FieldKind::Phone => vec![Block::TextField {
            label,
            write_mm: WRITE_H,
            value: prefill.clone(),
        }],
        FieldKind::Lines(n) => vec![Block::WriteLines { label, lines: *n }],
        FieldKind::Date => vec![boxes(with_format(&label, date), vec![4, 2, 2], "-")],
        FieldKind::Time => vec![boxes(with_format(&label, time), vec![2, 2], ":")],
        FieldKind::DateTime => vec![boxes(
            with_format(&label, &format!("{date} {time}")),
            vec![4, 2, 2, 2, 2],
            "-- :",
        )],
        FieldKind::Personnummer => {
            let format = format!("{}-NNNN", date.replace('-', ""));
            vec![boxes(with_format(&label, &format), vec![8, 4], "-")]
        }
        FieldKind::Boxes(n) => vec![boxes(label, vec![*n], "")],
        FieldKind::Checkbox => vec![Block::Checkboxes {
            label: None,
            options: vec![label.into()],
            checked: vec![false],
        }],
        FieldKind::Choice(opts) | FieldKind::MultiChoice(opts) => {
            let how = if matches!(f.kind, FieldKind::Choice(_)) {
                Label::ChooseOne
            } else {
                Label::ChooseAny
            };
            vec![Block::Checkboxes {
                label: Some(format!("{label} – {}", cx.t(how).to_lowercase())),
                checked: opts
                    .iter()
                    .map(|o| Some(&o.label) == prefill.as_ref())
                    .collect(),
                options: opts.iter().map(choice).collect(),
            }]
        }
        FieldKind::Signature => vec![signatures(cx, std::slice::from_ref(f))],
        FieldKind::Instruction => vec![Block::Marked {
            marker: Marker::Arrow,
            spans: vec![Span {
                text: label,
                bold: true,
            }],
            size_pt: BODY_PT,
        }],
    };
    if let Some(h) = &f.help {
        b.push(para(h.clone(), SMALL_PT));
    }
    b
}

/// A signature chain (prepared by → approved by → received by): one row per signature
/// field, its label first, then printed name, role or position (pre-printed when the field
/// has a `role`), date and time, and the signature; the column headings are printed once.
/// A single signature is one line of labelled boxes.
pub fn signatures(cx: &Ctx, fields: &[Field]) -> Block {
    if let [f] = fields {
        let boxed = |label: String, value: Option<String>| Block::TextField {
            label,
            write_mm: SIGN_ROW - 4.5,
            value,
        };
        return Block::FieldRow {
            cells: vec![
                (
                    Width::Grid(4),
                    vec![boxed(
                        format!(
                            "{} – {}",
                            f.label.v,
                            cx.t(Label::PrintedName).to_lowercase()
                        ),
                        None,
                    )],
                ),
                (
                    Width::Grid(3),
                    vec![boxed(cx.t(Label::Position).into(), f.role.clone())],
                ),
                (
                    Width::Grid(2),
                    vec![boxed(cx.t(Label::DateTime).into(), None)],
                ),
                (
                    Width::Grid(3),
                    vec![boxed(cx.t(Label::Signature).into(), None)],
                ),
            ],
            gap_mm: FIELD_GAP_X,
        };
    }
    let columns = vec![
        Column::new("", 3.0),
        Column::new(cx.t(Label::PrintedName), 2.6),
        Column::new(cx.t(Label::Position), 1.9),
        Column::new(cx.t(Label::DateTime), 1.9),
        Column::new(cx.t(Label::Signature), 2.6),
    ];
    let rows = fields
        .iter()
        .map(|f| {
            let role = f
                .role
                .as_ref()
                .map_or_else(Vec::new, |r| vec![para(r.clone(), SMALL_PT)]);
            vec![
                vec![bold(f.label.v.clone(), SMALL_PT)],
                Vec::new(),
                role,
                Vec::new(),
                Vec::new(),
            ]
        })
        .collect();
    Block::Table(Table::new(columns, rows, SMALL_PT).min_row(SIGN_ROW))
}
