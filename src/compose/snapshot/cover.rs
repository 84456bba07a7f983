//! A snapshot's cover: what it is, the data time and the destroy-after date in large type,
//! how to handle and use it, its contents with pages and row counts, the exports it was
//! made from, and — when values were marked — what the mark means.

use super::lists::Part;
use super::Sx;
use crate::compose::ctx::{bold, heading, para, BODY_PT, SMALL_PT};
use crate::labels::Label;
use crate::layout::{Block, Column, Marker, Span, Table, Width};

/// Size of the data time and destroy-after date, pt.
const FACT_PT: f32 = 20.0;

/// The cover page.
pub(super) fn blocks(sx: &Sx, title: &str, parts: &[Part]) -> Vec<Block> {
    let personal = sx.exports.iter().any(|(d, _)| d.personal());
    let destroy = sx.destroy_after.to_string();
    let fact = |l: Label, v: String| vec![bold(sx.t(l), BODY_PT), bold(v, FACT_PT)];
    let mut b = vec![
        sx.header(sx.t(Label::SnapshotTitle)),
        heading(1, title.to_string(), Some("cover".into())),
        Block::Row {
            cells: vec![
                (Width::Half, fact(Label::DataAsOfShort, sx.as_of_text())),
                (Width::Half, fact(Label::DestroyAfterShort, destroy.clone())),
            ],
            gap_mm: 5.0,
        },
        Block::Spacer(2.0),
    ];
    let handling = if personal {
        Label::SnapshotHandling
    } else {
        Label::SnapshotHandlingPlain
    };
    b.push(bold(sx.t(handling).replace("{date}", &destroy), BODY_PT));
    b.push(heading(2, sx.t(Label::SnapshotHowTo), None));
    b.push(para(
        sx.t(Label::SnapshotUse)
            .replace("{as-of}", &sx.as_of_text()),
        BODY_PT,
    ));
    let flagged: usize = sx.exports.iter().map(|(_, e)| e.flagged()).sum();
    if flagged > 0 {
        b.push(bold(
            sx.t(Label::FlaggedCount)
                .replace("{n}", &flagged.to_string()),
            BODY_PT,
        ));
        b.push(legend(sx));
    }
    b.push(heading(2, sx.t(Label::Contents), None));
    b.push(contents(sx, parts));
    b.push(heading(2, sx.t(Label::SnapshotSources), None));
    b.push(sources(sx));
    b
}

/// What the warning mark means.
pub(super) fn legend(sx: &Sx) -> Block {
    Block::Marked {
        marker: Marker::Critical,
        spans: vec![Span {
            text: sx.t(Label::FlagLegend).to_string(),
            bold: false,
        }],
        size_pt: SMALL_PT,
    }
}

/// Part, rows and page of every part.
fn contents(sx: &Sx, parts: &[Part]) -> Block {
    let columns = vec![
        Column::new(sx.t(Label::SnapshotPart), 6.0),
        Column::fit(sx.t(Label::SnapshotRows)),
        Column::fit(sx.t(Label::Page)),
    ];
    let rows = parts
        .iter()
        .map(|p| {
            vec![
                vec![para(p.title.clone(), SMALL_PT)],
                vec![para(p.rows.to_string(), SMALL_PT)],
                vec![para(sx.cx.page_of(&p.anchor), SMALL_PT)],
            ]
        })
        .collect();
    Block::Table(Table::new(columns, rows, SMALL_PT).plain())
}

/// Each dataset's export: file name and rows (not its encoding: the same data exported in
/// UTF-8 or Windows-1252 prints the same pages).
fn sources(sx: &Sx) -> Block {
    let columns = vec![
        Column::new(sx.t(Label::SnapshotPart), 3.0),
        Column::new(sx.t(Label::SnapshotExport), 4.0),
        Column::fit(sx.t(Label::SnapshotRows)),
    ];
    let rows = sx
        .exports
        .iter()
        .map(|(d, e)| {
            vec![
                vec![para(d.title.v.clone(), SMALL_PT)],
                vec![para(e.source.clone(), SMALL_PT)],
                vec![para(e.rows.len().to_string(), SMALL_PT)],
            ]
        })
        .collect();
    Block::Table(Table::new(columns, rows, SMALL_PT).plain())
}
