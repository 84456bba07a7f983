//! Checklists: title with pause point and kind, items with their expected response, critical
//! items marked with a symbol and a word (survives black-and-white copying), optional Time and
//! Initials columns, completion line and a QR tag. A checklist never splits across pages.

use super::ctx::{bold, heading, lead, para, Ctx, BODY_PT, SMALL_PT, TAG_MODULE};
use crate::labels::Label;
use crate::layout::{Bleed, Block, Column, Marker, Orientation, Span, Table, Width};
use crate::model::{code_line, Checklist, ChecklistItem, ChecklistKind, ItemKind};

/// The given checklists, flowing so that several share a page when none splits; a
/// checklist printed `beside` the one before it shares its row (the phases of one
/// procedure on one page), and a landscape checklist (or row) has a page of its own.
pub fn blocks(cx: &Ctx, lists: &[&Checklist]) -> Vec<Block> {
    if lists.is_empty() {
        return Vec::new();
    }
    let mut rows: Vec<Vec<&Checklist>> = Vec::new();
    for c in lists {
        let joins = rows.last().and_then(|r| r.last()).is_some_and(|prev| {
            c.beside.as_ref().is_some_and(|b| b.v == prev.id.v) && prev.orientation == c.orientation
        });
        match rows.last_mut() {
            Some(row) if joins && row.len() < crate::validate::MAX_BESIDE => row.push(c),
            _ => rows.push(vec![c]),
        }
    }
    let mut b = Vec::new();
    for row in rows {
        let landscape = row[0].orientation == Orientation::Landscape;
        if landscape {
            b.push(Block::PageBreak);
            b.push(Block::Orientation(Orientation::Landscape));
        }
        if let [c] = row.as_slice() {
            b.push(one(cx, c, false));
        } else {
            let n = row.len() as u8;
            b.push(Block::Row {
                cells: row
                    .iter()
                    .map(|c| (Width::Grid(12 / n), vec![one(cx, c, true)]))
                    .collect(),
                gap_mm: 6.0,
            });
        }
        b.push(Block::Spacer(6.0));
        if landscape {
            b.push(Block::PageBreak);
            b.push(Block::Orientation(Orientation::Portrait));
        }
    }
    b.push(Block::PageBreak);
    b
}

/// Indent of an item under a second-level heading or a stem, mm a level.
const INDENT: f32 = 5.0;

/// One entry of a checklist as printed: an item with its number, a heading, or a stem, and
/// how many groups deep it is (indented that many steps).
#[derive(Clone, Copy)]
enum Entry<'c> {
    Item(usize, &'c ChecklistItem, usize),
    SubHeading(&'c str),
    Stem(&'c str, usize),
}

/// Entries grouped under their level-1 sub-headings, items numbered across the checklist.
type Group<'c> = (Option<&'c str>, Vec<Entry<'c>>);

/// Appends `e` to the last group (a group without a heading when there is none yet).
fn push<'c>(out: &mut Vec<Group<'c>>, e: Entry<'c>) {
    match out.last_mut() {
        Some((_, entries)) => entries.push(e),
        None => out.push((None, vec![e])),
    }
}

fn groups(c: &Checklist) -> Vec<Group<'_>> {
    let mut out: Vec<Group> = Vec::new();
    let mut n = 0;
    let mut depth = 0;
    for item in &c.items {
        match item.kind {
            ItemKind::Heading(1) => {
                depth = 0;
                out.push((Some(item.text.v.as_str()), Vec::new()));
            }
            ItemKind::Heading(_) => {
                push(&mut out, Entry::SubHeading(&item.text.v));
                depth = 1;
            }
            ItemKind::Stem => {
                push(&mut out, Entry::Stem(&item.text.v, depth));
                depth += 1;
            }
            ItemKind::EndGroup => depth = depth.saturating_sub(1),
            ItemKind::Check => {
                n += 1;
                push(&mut out, Entry::Item(n, item, depth));
            }
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
        let items: Vec<Entry> = groups.into_iter().flat_map(|(_, items)| items).collect();
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
    let empty_row = |first: Vec<Block>, text: Vec<Block>| {
        let mut row = vec![first, text];
        row.extend((0..blank).map(|_| Vec::new()));
        row
    };
    for (heading, entries) in groups {
        if let Some(h) = heading {
            // A sub-heading row between items.
            rows.push(empty_row(Vec::new(), vec![bold(*h, size)]));
        }
        for e in entries {
            match *e {
                Entry::SubHeading(t) => rows.push(empty_row(Vec::new(), vec![bold(t, size)])),
                Entry::Stem(t, depth) => {
                    rows.push(empty_row(Vec::new(), indented(depth, vec![para(t, size)])))
                }
                Entry::Item(n, item, depth) => {
                    rows.push(item_row(cx, c, n, item, depth, size, stacked))
                }
            }
        }
    }
    Block::Table(Table::new(columns, rows, size))
}

/// `blocks` indented `depth` steps (under a second-level heading or a stem).
fn indented(depth: usize, blocks: Vec<Block>) -> Vec<Block> {
    if depth == 0 {
        return blocks;
    }
    vec![Block::Row {
        cells: vec![
            (Width::Mm(INDENT * depth as f32), Vec::new()),
            (Width::Rest, blocks),
        ],
        gap_mm: 0.0,
    }]
}

fn item_row(
    cx: &Ctx,
    c: &Checklist,
    n: usize,
    item: &ChecklistItem,
    depth: usize,
    size: f32,
    stacked: bool,
) -> Vec<Vec<Block>> {
    let tick_text = item.tick && item.response.is_empty();
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
    } else if tick_text {
        // A bare box before the prompt.
        Block::Checkboxes {
            label: None,
            options: vec![item.text.v.as_str().into()],
            checked: vec![false],
        }
    } else {
        para(item.text.v.clone(), size)
    };
    // Read back from scans under `<checklist>/<item number>` (see `reconcile::marks`).
    let read = |key: String, b: Block| Block::Read {
        key: format!("{}/{key}", c.id.v),
        blocks: vec![b],
    };
    let response_key = if tick_text {
        format!("{n}.response")
    } else {
        n.to_string()
    };
    let text = if tick_text {
        read(n.to_string(), text)
    } else {
        text
    };
    let mut text = vec![text];
    if item.critical && tick_text {
        text.push(read(
            format!("{n}.critical"),
            Block::Checkboxes {
                label: None,
                options: vec!["".into()],
                checked: vec![false],
            },
        ));
    }
    let response = if item.tick && !item.response.is_empty() {
        Some(read(
            response_key,
            Block::Checkboxes {
                label: None,
                options: vec![item.response.as_str().into()],
                checked: vec![false],
            },
        ))
    } else if !item.responses.is_empty() {
        Some(read(
            response_key,
            Block::Checkboxes {
                label: None,
                options: item.responses.iter().map(|r| r.as_str().into()).collect(),
                checked: vec![false; item.responses.len()],
            },
        ))
    } else if !item.response.is_empty() {
        Some(bold(item.response.clone(), size))
    } else {
        None
    };
    let mut row = if stacked {
        text.extend(response);
        vec![vec![bold(n.to_string(), size)], indented(depth, text)]
    } else {
        vec![
            vec![bold(n.to_string(), size)],
            indented(depth, text),
            response.into_iter().collect(),
        ]
    };
    if c.time_column {
        row.push(vec![Block::Spacer(6.0)]);
    }
    if c.initials_column {
        row.push(vec![Block::Spacer(6.0)]);
    }
    row
}

/// One checklist, kept on one page; `narrow`, in a row beside others: its code after its
/// items instead of beside its title, and its responses under its items.
pub(super) fn one(cx: &Ctx, c: &Checklist, narrow: bool) -> Block {
    let kind = match c.kind {
        Some(ChecklistKind::DoConfirm) => cx.t(Label::DoConfirm),
        _ => cx.t(Label::ReadDo),
    };
    let mut head = vec![heading(
        2,
        c.title.v.clone(),
        Some(format!("cl-{}", c.id.v)),
    )];
    if let Some(line) = code_line(c.code.as_deref(), c.edition.as_deref()) {
        head.push(para(line, SMALL_PT));
    }
    head.push(lead(cx.t(Label::PausePoint), &c.pause_point, BODY_PT));
    head.push(bold(kind, BODY_PT));
    let payload = cx.payload(Some(&c.id.v), None);
    let mut blocks = if narrow {
        // Beside the others: the code at the right of the head, its quiet zone at the right
        // in the gap between the checklists, its text under the head.
        let n = crate::qr::qr_width(&payload, crate::qr::Ec::Q).unwrap_or(25) as f32;
        let module = TAG_MODULE.max(20.0 / n);
        head.push(Block::Literal {
            text: payload.clone(),
            size_pt: 8.5,
        });
        vec![Block::Row {
            cells: vec![
                (Width::Rest, head),
                (
                    Width::Mm((n + 4.0) * module + 0.01),
                    vec![Block::QrBare {
                        payload,
                        module_mm: module,
                        bleed: Bleed {
                            top: false,
                            right: true,
                        },
                    }],
                ),
            ],
            gap_mm: 0.0,
        }]
    } else {
        let tag = Block::Qr {
            payload,
            module_mm: TAG_MODULE,
            caption: None,
        };
        vec![Block::Row {
            cells: vec![(Width::TwoThirds, head), (Width::Third, vec![tag])],
            gap_mm: 4.0,
        }]
    };
    let n = usize::from(c.columns.max(1));
    if n == 1 {
        let size = if narrow { 11.0 } else { BODY_PT };
        blocks.push(items_table(cx, c, &groups(c), size, narrow));
    } else {
        // Side by side: each column its sub-heading and its items (11 pt in narrow columns).
        let size = if n > 2 || narrow { 11.0 } else { BODY_PT };
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
    if let Some(note) = &c.footnote {
        blocks.push(para(note.clone(), FOOTNOTE_PT));
    }
    Block::KeepTogether {
        origin: cx.origin(format!("checklist \"{}\"", c.id.v), c.loc),
        blocks,
    }
}

/// Size of a checklist's footnote, pt.
const FOOTNOTE_PT: f32 = 9.0;
