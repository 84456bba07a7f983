//! Tables in forms and logs: a heading row, pre-filled rows and blank rows 8.5 mm high, each
//! column asking for what its kind says (text, boxes, a date, a time, a checkbox, a choice).

use super::ctx::{para, Ctx};
use crate::labels::Label;
use crate::layout::{Block, Column, Origin, Table};
use crate::model::{ColumnKind, FieldWidth, TableColumn};

/// Size of a form table's headings and pre-filled cells, pt: a label's size, so that
/// narrow columns keep their headings on few lines.
const TABLE_PT: f32 = 9.0;
/// Width of a character box and the gap after it, mm (as `layout::forms`).
const BOX_PITCH: f32 = 5.0;
/// Inner padding of a cell on both sides, mm.
const PADS: f32 = 3.0;
/// Room for the line to write on after an option's label, mm (it goes under the label
/// when the cell is narrower, see `layout::forms`).
const WRITE_IN: f32 = 12.0;
/// Widest a choice column's options are set side by side, mm; wider, they are set under
/// each other.
const WIDE_CHOICE: f32 = 40.0;
/// Width of a checkbox and its gap, mm.
const CHECK_W: f32 = 4.5 + 3.2;

/// What a table prints: its columns, pre-filled rows, blank rows and their height.
pub struct Spec<'a> {
    /// The columns.
    pub columns: &'a [TableColumn],
    /// Pre-filled cells, row by row.
    pub filled: Vec<Vec<String>>,
    /// Blank rows after them.
    pub blank: u32,
    /// Height of a blank row, mm.
    pub row_height: f32,
    /// A first column numbering the rows.
    pub numbered: bool,
    /// The line printed above the repeated heading row on later pages ("Artiklar").
    pub caption: String,
    /// What the table is, for layout errors.
    pub origin: Origin,
}

/// The layout column of a kit column: boxes, dates, times and checkboxes as wide as they
/// are, text shares what is left (the text column with the longest heading, `lead`, gets the
/// most); a `width` is a share of the line.
fn column(c: &TableColumn, lead: bool) -> Column {
    let heading = c.heading.v.clone();
    if let Some(w) = &c.width {
        return Column::share(heading, f32::from(w.v.0) / f32::from(FieldWidth::FULL.0));
    }
    let boxes = |n: u32| n as f32 * BOX_PITCH - 1.0 + PADS;
    match &c.kind {
        ColumnKind::Text | ColumnKind::Number => Column::new(heading, if lead { 5.0 } else { 1.5 }),
        ColumnKind::Boxes(n) => Column::fixed(heading, boxes(*n)),
        // Separators take about a box each.
        ColumnKind::Date => Column::fixed(heading, boxes(10)),
        ColumnKind::Time => Column::fixed(heading, boxes(5)),
        ColumnKind::Checkbox => Column::fixed(heading, CHECK_W - 3.2 + PADS + 0.5),
        ColumnKind::Choice(opts) => {
            // Each option: its box, the gap and about 2 mm a letter (measured in layout), side
            // by side; a wide column has them under each other instead.
            let one = |o: &crate::model::ChoiceOption| {
                CHECK_W
                    + o.label.chars().count() as f32 * 2.0
                    + if o.write_in { WRITE_IN } else { 0.0 }
            };
            let side_by_side: f32 = opts.iter().map(|o| one(o) + 6.0).sum::<f32>() - 6.0;
            let widest = opts.iter().map(one).fold(0.0, f32::max);
            let w = if side_by_side <= WIDE_CHOICE {
                side_by_side
            } else {
                widest
            };
            Column::fixed(heading, w + PADS)
        }
    }
}

/// One cell: the pre-filled text, or what the column asks for.
fn cell(kind: &ColumnKind, value: Option<&str>) -> Vec<Block> {
    let boxes = |groups: Vec<u32>, separators: &str| Block::CharBoxes {
        label: String::new(),
        groups,
        separators: separators.to_string(),
        prefill: value.map(str::to_string),
    };
    let content = match kind {
        ColumnKind::Text | ColumnKind::Number => match value {
            Some(v) => para(v, TABLE_PT),
            None => return Vec::new(),
        },
        ColumnKind::Boxes(n) => boxes(vec![*n], ""),
        ColumnKind::Date => boxes(vec![4, 2, 2], "-"),
        ColumnKind::Time => boxes(vec![2, 2], ":"),
        ColumnKind::Checkbox => Block::Checkboxes {
            label: None,
            options: vec!["".into()],
            checked: vec![value.is_some()],
        },
        ColumnKind::Choice(opts) => Block::Checkboxes {
            label: None,
            checked: opts
                .iter()
                .map(|o| Some(o.label.as_str()) == value)
                .collect(),
            options: opts.iter().map(super::fields::choice).collect(),
        },
    };
    vec![content]
}

/// The table block.
pub fn table(cx: &Ctx, spec: &Spec) -> Block {
    let lead = spec
        .columns
        .iter()
        .enumerate()
        // Columns of a `repeat` (a month's days) are equally wide: none of them leads.
        .filter(|(_, c)| c.width.is_none() && c.kind == ColumnKind::Text && c.series.is_none())
        .max_by_key(|(i, c)| (c.heading.v.chars().count(), std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let mut columns: Vec<Column> = spec
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let col = column(c, Some(i) == lead).in_group(c.group.clone());
            match c.series {
                Some(id) => col.in_series(id),
                None => col,
            }
        })
        .collect();
    let numbered = spec.numbered;
    if numbered {
        columns.insert(0, Column::fixed("#", 9.0));
    }
    let total = spec.filled.len() + spec.blank as usize;
    let rows = (0..total)
        .map(|r| {
            let values = spec.filled.get(r);
            let mut row: Vec<Vec<Block>> = Vec::new();
            if numbered {
                row.push(vec![para((r + 1).to_string(), TABLE_PT)]);
            }
            for (i, c) in spec.columns.iter().enumerate() {
                let v = values.and_then(|cells| cells.get(i)).map(String::as_str);
                // A pre-filled row leaves the columns it does not fill blank to write in.
                let v = v.filter(|v| !v.is_empty());
                row.push(cell(&c.kind, v));
            }
            row
        })
        .collect();
    let continued = if spec.caption.is_empty() {
        format!("({})", cx.t(Label::ContinuedShort))
    } else {
        format!("{} ({})", spec.caption, cx.t(Label::ContinuedShort))
    };
    Block::Table(
        Table::new(columns, rows, TABLE_PT)
            .continued(continued)
            .min_row(spec.row_height)
            .origin(spec.origin.clone()),
    )
}
