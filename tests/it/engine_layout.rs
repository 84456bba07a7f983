//! Layout behaviour: golden dump, pagination rules, errors naming their origin, form sizes.

use crate::support;

use downkit::fonts::FontSet;
use downkit::layout::dump::dump;
use downkit::layout::sample::{sample_decor, sample_meta};
use downkit::layout::{
    flow, Block, Column, Item, LayoutError, Origin, Settings, Span, Table, Weight, Width,
};
use support::*;

#[test]
fn golden_sample_layout() {
    let got = dump(&sample());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/sample.txt");
    if std::env::var_os("DOWNKIT_BLESS").is_some() {
        std::fs::write(path, &got).unwrap();
    }
    let want =
        std::fs::read_to_string(path).expect("golden file; run with DOWNKIT_BLESS=1 to create");
    assert!(
        got == want,
        "layout changed; review `git diff` after DOWNKIT_BLESS=1\n{got}"
    );
}

fn filler(n: usize) -> Vec<Block> {
    (0..n)
        .map(|i| {
            para(&format!(
                "Fyllnadsstycke {i} med lite text som tar plats på sidan."
            ))
        })
        .collect()
}

#[test]
fn keep_together_never_splits() {
    for pre in [0, 20, 27, 33, 40] {
        let mut blocks = filler(pre);
        let lines: Vec<Block> = (0..15).map(|i| para(&format!("HÅLLIHOP {i}"))).collect();
        blocks.push(Block::KeepTogether {
            origin: Origin::default(),
            blocks: lines,
        });
        blocks.extend(filler(5));
        let doc = lay(&blocks);
        let pages: Vec<usize> = (0..15)
            .flat_map(|i| pages_with(&doc, &format!("HÅLLIHOP {i}")))
            .collect();
        assert!(
            pages.windows(2).all(|w| w[0] == w[1]),
            "split after {pre} paragraphs: {pages:?}"
        );
    }
}

#[test]
fn table_header_repeats_on_every_page() {
    let rows = (0..90)
        .map(|i| vec![vec![para(&format!("Rad {i};"))], vec![para("08-123 45 67")]])
        .collect();
    let table = Block::Table(Table::new(
        vec![
            Column::new("Kolumnrubrik", 2.0),
            Column::new("Telefon", 1.0),
        ],
        rows,
        0.0,
    ));
    let doc = lay(&[table]);
    assert!(doc.pages.len() >= 3);
    for p in 0..doc.pages.len() {
        let t = texts(&doc, p);
        let header = t
            .iter()
            .position(|s| s == "Kolumnrubrik")
            .unwrap_or_else(|| panic!("no header on page {}", p + 1));
        let first_row = t.iter().position(|s| s.starts_with("Rad")).unwrap();
        assert!(header < first_row);
    }
    // Every row exactly once.
    for i in 0..90 {
        assert_eq!(pages_with(&doc, &format!("Rad {i};")).len(), 1);
    }
}

#[test]
fn too_tall_block_names_its_origin() {
    let origin = Origin {
        what: "checklist \"vid-avbrott\"".into(),
        location: Some("kit.toml:12:3".into()),
        ..Origin::default()
    };
    let doc = flow(
        &[Block::KeepTogether {
            origin: origin.clone(),
            blocks: filler(80),
        }],
        &Settings::default(),
        &sample_decor(),
        sample_meta(),
        &FontSet::builtin(),
    );
    let err = doc.unwrap_err();
    assert!(
        matches!(err, LayoutError::TooTall { ref origin, .. } if origin.location.as_deref() == Some("kit.toml:12:3"))
    );
    let msg = err.to_string();
    assert!(
        msg.contains("checklist \"vid-avbrott\" (kit.toml:12:3)") && msg.contains("mm"),
        "{msg}"
    );
}

#[test]
fn anchors_record_pages() {
    let mut blocks = vec![Block::Anchor("first".into())];
    blocks.extend(filler(3));
    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading {
        level: 2,
        text: "Två".into(),
        anchor: Some("two".into()),
    });
    blocks.extend(filler(60));
    blocks.push(Block::Anchor("late".into()));
    blocks.push(para("SIST"));
    let doc = lay(&blocks);
    assert_eq!(doc.anchors["first"], 1);
    assert_eq!(doc.anchors["two"], 2);
    assert_eq!(doc.anchors["late"], pages_with(&doc, "SIST")[0]);
    assert!(doc.anchors["late"] >= 3);
}

#[test]
fn heading_is_never_last_on_a_page() {
    for pre in 25..40 {
        let mut blocks = filler(pre);
        blocks.push(Block::Heading {
            level: 1,
            text: "RUBRIK".into(),
            anchor: None,
        });
        blocks.push(para("Texten under rubriken."));
        let doc = lay(&blocks);
        let hp = pages_with(&doc, "RUBRIK");
        assert_eq!(
            hp,
            pages_with(&doc, "Texten under rubriken."),
            "after {pre} paragraphs"
        );
    }
}

#[test]
fn paragraph_splits_between_lines() {
    let long = "Ett stycke som är så långt att det måste delas mellan sidor. ".repeat(90);
    let doc = lay(&[para(&long)]);
    assert!(doc.pages.len() >= 2);
}

/// Right edges of all text items must stay inside `right`.
fn assert_inside(doc: &downkit::layout::Document, right: f32) {
    let f = FontSet::builtin();
    for page in &doc.pages {
        for it in &page.items {
            if let Item::Text {
                x,
                size_pt,
                weight,
                text,
                ..
            } = it.clone()
            {
                if size_pt < 12.0 {
                    continue; // page furniture
                }
                let face = if weight == Weight::Bold {
                    &f.bold
                } else {
                    &f.regular
                };
                let r = x + face.width_pt(&text, size_pt) * 25.4 / 72.0;
                assert!(r <= right + 0.01, "{text:?} ends at {r} > {right}");
            }
        }
    }
}

#[test]
fn long_words_hyphenate_or_break_never_overflow() {
    let word = "hjälpmedelsförskrivningsunderlaget";
    let cell = |t: &str| (Width::Mm(30.0), vec![para(t)]);
    let doc = lay(&[Block::Row {
        cells: vec![cell(word)],
        gap_mm: 5.0,
    }]);
    let t = texts(&doc, 0);
    let first = t
        .iter()
        .position(|s| s.starts_with("hjälp"))
        .expect("word placed");
    assert!(t[first].ends_with('-'), "{t:?}");
    let joined: String = t[first..first + 3]
        .iter()
        .map(|s| s.trim_end_matches('-'))
        .collect();
    assert!(joined.contains(word), "{joined}");
    assert_inside(&doc, 20.0 + 30.0);
    // A string with no hyphenation point is cut at characters, still inside.
    let doc = lay(&[Block::Row {
        cells: vec![cell(&"1".repeat(60))],
        gap_mm: 5.0,
    }]);
    let ones: String = texts(&doc, 0)
        .iter()
        .filter(|s| s.starts_with('1'))
        .map(String::as_str)
        .collect();
    assert_eq!(ones, "1".repeat(60));
    assert_inside(&doc, 20.0 + 30.0);
    // English patterns for lang = "en".
    let mut meta = sample_meta();
    meta.lang = "en".into();
    let en = flow(
        &[Block::Row {
            cells: vec![(Width::Mm(25.0), vec![para("incomprehensibilities")])],
            gap_mm: 0.0,
        }],
        &Settings::default(),
        &sample_decor(),
        meta,
        &FontSet::builtin(),
    )
    .unwrap();
    assert!(
        texts(&en, 0)
            .iter()
            .any(|s| s.ends_with('-') && s.len() > 3),
        "{:?}",
        texts(&en, 0)
    );
}

#[test]
fn box_narrower_than_a_character_is_an_error() {
    let origin = Origin {
        what: "form \"x\"".into(),
        location: Some("kit.toml:4:1".into()),
        ..Origin::default()
    };
    let blocks = [Block::KeepTogether {
        origin,
        blocks: vec![Block::Row {
            cells: vec![(Width::Mm(1.0), vec![para("WWW")])],
            gap_mm: 0.0,
        }],
    }];
    let err = flow(
        &blocks,
        &Settings::default(),
        &sample_decor(),
        sample_meta(),
        &FontSet::builtin(),
    )
    .unwrap_err();
    assert!(matches!(err, LayoutError::TooNarrow { .. }));
    assert!(err.to_string().contains("kit.toml:4:1"), "{err}");
}

#[test]
fn qr_too_large_gives_numbers() {
    let blocks = [Block::Qr {
        payload: "å".repeat(1000),
        module_mm: 0.8,
        caption: None,
    }];
    let err = flow(
        &blocks,
        &Settings::default(),
        &sample_decor(),
        sample_meta(),
        &FontSet::builtin(),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("2000 bytes") && msg.contains("1663"), "{msg}");
    let small = [Block::Qr {
        payload: "x".into(),
        module_mm: 0.3,
        caption: None,
    }];
    assert!(matches!(
        flow(
            &small,
            &Settings::default(),
            &sample_decor(),
            sample_meta(),
            &FontSet::builtin()
        ),
        Err(LayoutError::QrModuleTooSmall { .. })
    ));
}

#[test]
fn nothing_below_the_floor_and_every_page_labelled() {
    let mut blocks = downkit::layout::sample::sample_blocks();
    blocks.push(Block::Paragraph {
        spans: vec![Span {
            text: "liten".into(),
            bold: false,
        }],
        size_pt: 5.0,
    });
    blocks.extend(filler(60));
    let doc = lay(&blocks);
    let n = doc.pages.len();
    for p in 0..n {
        assert!(texts(&doc, p).contains(&format!("Sida {} av {n}", p + 1)));
        assert!(texts(&doc, p)
            .iter()
            .any(|t| t.contains("vard-avbrott – 1.4 – 2025-03-01")));
        for it in &doc.pages[p].items {
            if let Item::Text { size_pt, .. } = it {
                assert!(*size_pt >= 8.0);
            }
        }
    }
    // Running header with the continuation suffix after the first page.
    assert!(texts(&doc, 0).contains(&"När journalsystemet går ner".to_string()));
    assert!(texts(&doc, 1).contains(&"När journalsystemet går ner – fortsättning".to_string()));
}

#[test]
fn form_elements_follow_field_rules() {
    let doc = sample();
    let rects: Vec<(f32, f32, f32, f32)> = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect {
                x,
                y,
                w,
                h,
                stroke_pt: Some(s),
                ..
            } => {
                assert!((s - 0.5).abs() < 1e-6 || *s == 1.0);
                Some((*x, *y, *w, *h))
            }
            _ => None,
        })
        .collect();
    let char_boxes: Vec<_> = rects
        .iter()
        .filter(|r| (r.2 - 4.0).abs() < 1e-4 && (r.3 - 5.5).abs() < 1e-4)
        .collect();
    assert_eq!(char_boxes.len(), 12);
    let checkboxes: Vec<_> = rects
        .iter()
        .filter(|r| (r.2 - r.3).abs() < 1e-4 && r.2 >= 4.0 && r.2 < 5.0)
        .collect();
    assert_eq!(checkboxes.len(), 3);
    let lines: Vec<f32> = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line { y1, y2, x1, x2, .. } if y1 == y2 && (x2 - x1) > 150.0 => Some(*y1),
            _ => None,
        })
        .collect();
    assert!(
        lines.windows(2).any(|w| (w[1] - w[0] - 8.5).abs() < 1e-3),
        "{lines:?}"
    );
}

#[test]
fn furniture_shrinks_to_the_floor_then_errors_never_cuts() {
    let header = |t: String| Block::RunningHeader {
        text: Some(t),
        continued: String::new(),
    };
    // A header a little wider than the line at 9 pt, but not at 8 pt.
    let fonts = FontSet::builtin();
    let ts = downkit::layout::text::Typesetter::new(&fonts, "sv");
    let line = 210.0 - 20.0 - 12.0;
    let mut long =
        "Rutin för reservdrift av läkemedelsförskrivning vid avbrott i journalsystemet".to_string();
    while ts.width(&long, downkit::layout::Weight::Bold, 9.0) <= line {
        long.push_str(" x");
    }
    assert!(ts.width(&long, downkit::layout::Weight::Bold, 8.0) <= line);
    let doc = lay(&[header(long.clone()), para("x")]);
    let item = doc.pages[0].items.iter().find_map(|i| match i {
        Item::Text { text, size_pt, .. } if *text == long => Some(*size_pt),
        _ => None,
    });
    let size = item.expect("header printed whole");
    assert!((8.0..9.0).contains(&size), "{size}");
    let err = flow(
        &[header(long.repeat(3)), para("x")],
        &Settings::default(),
        &sample_decor(),
        sample_meta(),
        &FontSet::builtin(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("running header"), "{err}");
}

#[test]
fn page_breaks_never_make_blank_pages() {
    let doc = lay(&[
        Block::PageBreak,
        para("A"),
        Block::PageBreak,
        Block::PageBreak,
        para("B"),
        Block::PageBreak,
    ]);
    assert_eq!(doc.pages.len(), 2);
    assert_eq!(pages_with(&doc, "B"), vec![2]);
}

/// Regression: a table cell holding only a spacer (room to write by hand) kept no height, so
/// log sheets printed 3 mm rows nobody could write in.
#[test]
fn space_only_table_cells_keep_their_height() {
    use downkit::layout::{Block, Column, Item};
    let rows: Vec<Vec<Vec<Block>>> = (0..3)
        .map(|_| vec![vec![Block::Spacer(6.0)], vec![Block::Spacer(6.0)]])
        .collect();
    let doc = support::lay(&[Block::Table(Table::new(
        vec![Column::new("Tid", 1.0), Column::new("Vad hände", 4.0)],
        rows,
        10.0,
    ))]);
    let heights: Vec<f32> = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect { h, w, .. } if *w > 100.0 => Some(*h),
            _ => None,
        })
        .collect();
    assert_eq!(heights.len(), 4, "header and three rows: {heights:?}");
    for h in &heights[1..] {
        assert!(*h >= 6.0, "row is {h} mm high");
    }
}
