//! Checklists: title with pause point and kind, items with their expected response, critical
//! items marked with a symbol and a word (survives black-and-white copying), optional Time and
//! Initials columns, completion line and a QR tag. A checklist never splits across pages.

use super::ctx::{bold, heading, lead, para, Ctx, BODY_PT, SMALL_PT, TAG_MODULE};
use crate::labels::Label;
use crate::layout::{Block, Column, Marker, Span, Table, Width};
use crate::model::{Checklist, ChecklistItem, ChecklistKind};

/// The given checklists, flowing so that several share a page when none splits.
pub fn blocks(cx: &Ctx, lists: &[&Checklist]) -> Vec<Block> {
    if lists.is_empty() {
        return Vec::new();
    }
    let mut b = Vec::new();
    for c in lists {
        b.push(one(cx, c));
        b.push(Block::Spacer(6.0));
    }
    b.push(Block::PageBreak);
    b
}

/// Items grouped under their sub-headings, numbered across the checklist.
type Group<'c> = (Option<&'c str>, Vec<(usize, &'c ChecklistItem)>);

fn groups(c: &Checklist) -> Vec<Group<'_>> {
    let mut out: Vec<Group> = Vec::new();
    let mut n = 0;
    for item in &c.items {
        if item.heading {
            out.push((Some(item.text.v.as_str()), Vec::new()));
            continue;
        }
        n += 1;
        match out.last_mut() {
            Some((_, items)) => items.push((n, item)),
            None => out.push((None, vec![(n, item)])),
        }
    }
    out
}

/// Splits `groups` into `n` columns: a group each when they match, else balanced by items
/// (a list without sub-headings is cut into equal parts).
fn into_columns<'c>(groups: Vec<Group<'c>>, n: usize) -> Vec<Vec<Group<'c>>> {
    if n <= 1 {
        return vec![groups];
    }
    if groups.len() < n {
        let items: Vec<(usize, &ChecklistItem)> =
            groups.into_iter().flat_map(|(_, items)| items).collect();
        let per = items.len().div_ceil(n).max(1);
        return items
            .chunks(per)
            .map(|part| vec![(None, part.to_vec())])
            .collect();
    }
    let total: usize = groups.iter().map(|(_, i)| i.len() + 1).sum();
    let target = total.div_ceil(n);
    let mut cols: Vec<Vec<Group>> = vec![Vec::new()];
    let mut count = 0;
    let left = groups.len();
    for (k, g) in groups.into_iter().enumerate() {
        let size = g.1.len() + 1;
        let remaining_groups = left - k;
        let remaining_cols = n - cols.len();
        if !cols.last().expect("one column").is_empty()
            && (count + size > target || remaining_groups <= remaining_cols)
            && cols.len() < n
        {
            cols.push(Vec::new());
            count = 0;
        }
        count += size;
        cols.last_mut().expect("one column").push(g);
    }
    cols
}

/// The items table of one column of a checklist; in a narrow column (`stacked`) each
/// item's response is printed under its text instead of in a column of its own.
fn items_table(cx: &Ctx, c: &Checklist, groups: &[Group], size: f32, stacked: bool) -> Block {
    let mut columns = vec![Column::fit("#"), Column::new(cx.t(Label::Item), 5.0)];
    if !stacked {
        columns.push(Column::new(cx.t(Label::Response), 2.4));
    }
    if c.time_column {
        columns.push(Column::new(cx.t(Label::Time), 1.2));
    }
    if c.initials_column {
        columns.push(Column::new(cx.t(Label::Initials), 1.1));
    }
    let blank = columns.len() - 2;
    let mut rows = Vec::new();
    for (heading, items) in groups {
        if let Some(h) = heading {
            // A sub-heading row between items.
            let mut row = vec![Vec::new(), vec![bold(*h, size)]];
            row.extend((0..blank).map(|_| Vec::new()));
            rows.push(row);
        }
        for (n, item) in items {
            rows.push(item_row(cx, c, *n, item, size, stacked));
        }
    }
    Block::Table(Table::new(columns, rows, size))
}

fn item_row(
    cx: &Ctx,
    c: &Checklist,
    n: usize,
    item: &ChecklistItem,
    size: f32,
    stacked: bool,
) -> Vec<Vec<Block>> {
    let text = if item.critical {
        Block::Marked {
            marker: Marker::Critical,
            spans: vec![
                Span {
                    text: format!("{}: ", cx.t(Label::Critical)),
                    bold: true,
                },
                Span {
                    text: item.text.v.clone(),
                    bold: false,
                },
            ],
            size_pt: size,
        }
    } else {
        para(item.text.v.clone(), size)
    };
    let response = if item.responses.is_empty() {
        bold(item.response.clone(), size)
    } else {
        Block::Checkboxes {
            label: None,
            options: item.responses.clone(),
            checked: vec![false; item.responses.len()],
        }
    };
    let mut row = if stacked {
        vec![vec![bold(n.to_string(), size)], vec![text, response]]
    } else {
        vec![vec![bold(n.to_string(), size)], vec![text], vec![response]]
    };
    if c.time_column {
        row.push(vec![Block::Spacer(6.0)]);
    }
    if c.initials_column {
        row.push(vec![Block::Spacer(6.0)]);
    }
    row
}

/// One checklist, kept on one page.
pub(super) fn one(cx: &Ctx, c: &Checklist) -> Block {
    let kind = match c.kind {
        Some(ChecklistKind::DoConfirm) => cx.t(Label::DoConfirm),
        _ => cx.t(Label::ReadDo),
    };
    let head = vec![
        heading(2, c.title.v.clone(), Some(format!("cl-{}", c.id.v))),
        lead(cx.t(Label::PausePoint), &c.pause_point, BODY_PT),
        bold(kind, BODY_PT),
    ];
    let tag = vec![Block::Qr {
        payload: cx.payload(Some(&c.id.v), None),
        module_mm: TAG_MODULE,
        caption: None,
    }];
    let mut blocks = vec![Block::Row {
        cells: vec![(Width::TwoThirds, head), (Width::Third, tag)],
        gap_mm: 4.0,
    }];
    let n = usize::from(c.columns.max(1));
    if n == 1 {
        blocks.push(items_table(cx, c, &groups(c), BODY_PT, false));
    } else {
        // Side by side: each column its sub-heading and its items (11 pt in narrow columns).
        let size = if n > 2 { 11.0 } else { BODY_PT };
        let cells = into_columns(groups(c), n)
            .into_iter()
            .map(|col| {
                let mut cell = Vec::new();
                let mut plain = Vec::new();
                for (h, items) in col {
                    if let Some(h) = h {
                        if !plain.is_empty() {
                            cell.push(items_table(cx, c, &std::mem::take(&mut plain), size, true));
                        }
                        cell.push(heading(4, h, None));
                    }
                    plain.push((None, items));
                }
                if !plain.is_empty() {
                    cell.push(items_table(cx, c, &plain, size, true));
                }
                (Width::Grid((12 / n) as u8), cell)
            })
            .collect();
        blocks.push(Block::Row { cells, gap_mm: 4.0 });
    }
    if c.completion {
        blocks.push(Block::Spacer(2.0));
        blocks.push(para(cx.t(Label::CompletedBy), SMALL_PT));
        blocks.push(Block::Signature {
            labels: vec![
                cx.t(Label::PrintedName).into(),
                cx.t(Label::Time).into(),
                cx.t(Label::Signature).into(),
            ],
        });
    }
    Block::KeepTogether {
        origin: cx.origin(format!("checklist \"{}\"", c.id.v), c.loc),
        blocks,
    }
}
