//! Forms v2 page engine: landscape pages, form footers counted per copy, tables that break
//! with their heading repeated under a "continued" line and never leave a row alone, field
//! rows whose boxes share one top line, and content set in balanced columns.

use crate::support;

use downkit::layout::dump::dump;
use downkit::layout::{
    Block, Column, CopyFill, Document, FormFooter, Item, Orientation, Table, Width,
};
use support::*;

/// Compares `doc`'s dump with `tests/golden/<name>.txt` (rewritten with DOWNKIT_BLESS=1).
fn golden(name: &str, doc: &Document) {
    let got = dump(doc);
    let path = format!("{}/tests/golden/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("DOWNKIT_BLESS").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("golden file {path}; run with DOWNKIT_BLESS=1 to create"));
    assert!(
        got == want,
        "layout of {name} changed; review `git diff` after DOWNKIT_BLESS=1\n{got}"
    );
}

/// Every text of page `i` (template items included) with its position.
fn page_texts(doc: &Document, i: usize) -> Vec<(f32, f32, String)> {
    doc.page_items(i)
        .filter_map(|it| match it {
            Item::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
            _ => None,
        })
        .collect()
}

fn filler(n: usize) -> Vec<Block> {
    (0..n)
        .map(|i| {
            para(&format!(
                "Fyllnad {i} med lite text som tar plats på sidan."
            ))
        })
        .collect()
}

fn rows(n: usize) -> Vec<Vec<Vec<Block>>> {
    (0..n)
        .map(|i| {
            vec![
                vec![para(&format!("Rad {i};"))],
                vec![para("Rollator")],
                vec![Block::Spacer(5.0)],
            ]
        })
        .collect()
}

fn order_table(n: usize) -> Block {
    Block::Table(
        Table::new(
            vec![
                Column::fixed("Artikelnummer", 45.0),
                Column::new("Benämning", 3.0),
                Column::new("Antal", 1.0),
            ],
            rows(n),
            10.0,
        )
        .continued("Artiklar (forts.)"),
    )
}

#[test]
fn landscape_pages_carry_their_own_size_and_furniture() {
    let blocks = vec![
        para("STÅENDE"),
        Block::Orientation(Orientation::Landscape),
        para("LIGGANDE"),
        Block::Orientation(Orientation::Portrait),
        para("STÅENDE IGEN"),
    ];
    let doc = lay(&blocks);
    let sizes: Vec<(f32, f32)> = doc.pages.iter().map(|p| (p.width, p.height)).collect();
    assert_eq!(sizes, [(210.0, 297.0), (297.0, 210.0), (210.0, 297.0)]);
    // The page label ends at the right margin of the landscape page, above its bottom margin.
    let (x, y, label) = page_texts(&doc, 1)
        .into_iter()
        .find(|(_, _, t)| t.starts_with("Sida 2"))
        .unwrap();
    assert!(x > 240.0 && x < 285.0, "{label} at x {x}");
    assert!(y > 190.0 && y < 198.0, "{label} at y {y}");
    golden("landscape", &doc);
}

#[test]
fn a_landscape_copy_template_has_the_landscape_size() {
    let copies = (0..3)
        .map(|i| CopyFill {
            header: Some(format!("Logg {i}")),
            slots: vec![para(&format!("LÖPNUMMER {i}"))],
        })
        .collect();
    let doc = lay(&[
        Block::Orientation(Orientation::Landscape),
        Block::Copies {
            continued: "– forts.".into(),
            blocks: vec![para("Mall"), Block::Slot(0)],
            copies,
        },
    ]);
    assert_eq!(doc.pages.len(), 3);
    assert!(doc
        .templates
        .iter()
        .all(|t| (t.width, t.height) == (297.0, 210.0)));
    assert!(doc
        .pages
        .iter()
        .all(|p| (p.width, p.height) == (297.0, 210.0)));
}

#[test]
fn form_footer_counts_the_pages_of_every_copy() {
    let copies = (0..3)
        .map(|i| CopyFill {
            header: Some(format!("Beställning HM-{i}")),
            slots: vec![para(&format!("HM-{i}"))],
        })
        .collect();
    let mut copy = vec![Block::Slot(0)];
    copy.extend(filler(45));
    let doc = lay(&[
        para("Omslag"),
        Block::PageBreak,
        Block::FormFooter(Some(FormFooter {
            code: Some("Blankett HM-1 · utg. 3".into()),
            page_label: "Blankett sida {page} av {pages}".into(),
            boxes: Vec::new(),
        })),
        Block::Copies {
            continued: "– forts.".into(),
            blocks: copy,
            copies,
        },
        Block::FormFooter(None),
        para("Efter"),
    ]);
    assert_eq!(doc.pages.len(), 1 + 3 * 2 + 1);
    let has = |i: usize, t: &str| page_texts(&doc, i).iter().any(|(_, _, s)| s == t);
    assert!(!has(0, "Blankett HM-1 · utg. 3"));
    for copy in 0..3 {
        for nth in 0..2 {
            let i = 1 + copy * 2 + nth;
            assert!(has(i, "Blankett HM-1 · utg. 3"), "page {}", i + 1);
            assert!(
                has(i, &format!("Blankett sida {} av 2", nth + 1)),
                "page {}: {:?}",
                i + 1,
                page_texts(&doc, i)
            );
            assert!(has(i, &format!("Sida {} av 8", i + 1)));
        }
    }
    assert!(!has(7, "Blankett sida 1 av 2"));
}

#[test]
fn a_table_continues_under_its_heading_and_never_leaves_a_row_alone() {
    for pre in [0, 10, 20, 30, 38, 41, 44] {
        let mut blocks = filler(pre);
        blocks.push(order_table(40));
        blocks.extend(filler(3));
        let doc = lay(&blocks);
        let mut seen = 0;
        for p in 0..doc.pages.len() {
            let t = texts(&doc, p);
            let rows_here = t.iter().filter(|s| s.starts_with("Rad ")).count();
            seen += rows_here;
            if rows_here == 0 {
                continue;
            }
            assert!(rows_here >= 2, "{pre}: page {} holds one row", p + 1);
            let heading = t.iter().position(|s| s == "Artikelnummer").unwrap();
            let first = t.iter().position(|s| s.starts_with("Rad ")).unwrap();
            assert!(
                heading < first,
                "{pre}: heading below a row on page {}",
                p + 1
            );
            let continued = t.iter().position(|s| s == "Artiklar (forts.)");
            if t.iter().any(|s| s == "Rad 0;") {
                assert!(continued.is_none(), "{pre}: first page marked continued");
            } else {
                assert!(
                    continued.is_some_and(|c| c < heading),
                    "{pre}: page {} lacks the continued line",
                    p + 1
                );
            }
        }
        assert_eq!(seen, 40, "{pre}: every row once");
    }
    let mut blocks = filler(30);
    blocks.push(order_table(40));
    golden("table-break", &lay(&blocks));
}

#[test]
fn boxes_of_one_field_row_start_on_one_line_when_a_label_wraps() {
    let date = Block::CharBoxes {
        label: "Datum då hjälpmedlet senast kontrollerades av förskrivaren (ÅÅÅÅ-MM-DD)".into(),
        groups: vec![4, 2, 2],
        separators: "-".into(),
        prefill: None,
    };
    let time = Block::CharBoxes {
        label: "Tid (TT:MM)".into(),
        groups: vec![2, 2],
        separators: ":".into(),
        prefill: None,
    };
    let name = Block::LabelledBox {
        label: "Namn".into(),
        height_mm: 8.5,
    };
    let doc = lay(&[Block::FieldRow {
        cells: vec![
            (Width::Half, vec![date]),
            (Width::Quarter, vec![time]),
            (Width::Quarter, vec![name]),
        ],
        gap_mm: 5.0,
    }]);
    let tops: Vec<f32> = doc.pages[0]
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Rect { y, .. } => Some(*y),
            _ => None,
        })
        .collect();
    assert_eq!(tops.len(), 8 + 4 + 1);
    assert!(
        tops.iter().all(|y| (y - tops[0]).abs() < 0.01),
        "box tops differ: {tops:?}"
    );
    // Each label ends just above its own box: the short ones are moved down.
    let texts = page_texts(&doc, 0);
    let base = |label: &str| {
        texts
            .iter()
            .find(|(_, _, t)| t.starts_with(label))
            .unwrap()
            .1
    };
    assert!((base("Tid (TT:MM)") - base("Namn")).abs() < 0.01);
    assert!(base("Tid (TT:MM)") > base("Datum då hjälpmedlet senast"));
    golden("grid", &doc);
}

#[test]
fn grid_widths_line_up_with_the_grid() {
    let line = 178.0;
    assert_eq!(Width::Full.mm(line, 5.0), line);
    let third = Width::Third.mm(line, 5.0);
    let two = Width::Grid(8).mm(line, 5.0);
    assert!((third * 2.0 + 5.0 - two).abs() < 0.001);
    let q = Width::Quarter.mm(line, 5.0);
    let tq = Width::ThreeQuarters.mm(line, 5.0);
    assert!((q + 5.0 + tq - line).abs() < 0.001);
}

#[test]
fn columns_are_balanced_and_break_across_pages() {
    // A short section: two columns of about equal height on one page.
    let doc = lay(&[Block::Columns {
        count: 2,
        gap_mm: 6.0,
        blocks: (0..10).map(|i| para(&format!("Punkt {i}"))).collect(),
        space_mm: None,
    }]);
    assert_eq!(doc.pages.len(), 1);
    let t = page_texts(&doc, 0);
    let at = |s: &str| {
        t.iter()
            .find(|(_, _, x)| x == s)
            .map(|(x, y, _)| (*x, *y))
            .unwrap()
    };
    assert_eq!(at("Punkt 0").0, at("Punkt 4").0);
    assert!(at("Punkt 5").0 > at("Punkt 0").0 + 80.0, "second column");
    assert!(
        (at("Punkt 5").1 - at("Punkt 0").1).abs() < 0.01,
        "columns start together"
    );
    golden("columns", &doc);

    // A long one fills every page's columns in turn; each item is printed once.
    let mut blocks = filler(5);
    blocks.push(Block::Columns {
        count: 3,
        gap_mm: 5.0,
        blocks: (0..400).map(|i| para(&format!("Post {i};"))).collect(),
        space_mm: None,
    });
    let doc = lay(&blocks);
    assert!(doc.pages.len() >= 3);
    for i in 0..400 {
        assert_eq!(pages_with(&doc, &format!("Post {i};")).len(), 1, "Post {i}");
    }
    // Pages other than the last are full: their three columns reach the bottom.
    for p in 0..doc.pages.len() - 1 {
        let ys: Vec<f32> = page_texts(&doc, p)
            .into_iter()
            .filter(|(_, _, s)| s.starts_with("Post "))
            .map(|(_, y, _)| y)
            .collect();
        let lowest = ys.iter().copied().fold(0.0, f32::max);
        assert!(lowest > 250.0, "page {} ends at {lowest}", p + 1);
    }
}

#[test]
fn a_heading_before_columns_stays_with_them() {
    for pre in 40..47 {
        let mut blocks = filler(pre);
        blocks.push(Block::Heading {
            level: 2,
            text: "RUBRIK".into(),
            anchor: None,
        });
        blocks.push(Block::Columns {
            count: 2,
            gap_mm: 5.0,
            blocks: (0..6).map(|i| para(&format!("Del {i}"))).collect(),
            space_mm: None,
        });
        let doc = lay(&blocks);
        assert_eq!(
            pages_with(&doc, "RUBRIK"),
            pages_with(&doc, "Del 0"),
            "after {pre} paragraphs"
        );
    }
}
