//! Raw vector drawings placed as given, and QR codes at an exact module size (test page).

use crate::support;

use downkit::fonts::FontSet;
use downkit::layout::sample::{sample_decor, sample_meta};
use downkit::layout::{flow, Block, Item, LayoutError, Settings};
use support::*;

fn qr_modules(blocks: &[Block]) -> Vec<(f32, usize)> {
    lay(blocks).pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Qr {
                module, modules, ..
            } => Some((*module, modules.len())),
            _ => None,
        })
        .collect()
}

#[test]
fn drawing_items_keep_their_geometry_relative_to_the_block() {
    let bar = Item::Rect {
        x: 5.0,
        y: 2.0,
        w: 100.0,
        h: 3.0,
        stroke_pt: None,
        fill: true,
    };
    let doc = lay(&[
        para("Före"),
        Block::Drawing {
            width_mm: 110.0,
            height_mm: 10.0,
            items: vec![bar],
        },
        para("Efter"),
    ]);
    let page = &doc.pages[0];
    let (x, y, w, h) = page
        .items
        .iter()
        .find_map(|i| match i {
            Item::Rect {
                x,
                y,
                w,
                h,
                fill: true,
                ..
            } => Some((*x, *y, *w, *h)),
            _ => None,
        })
        .expect("the bar");
    let s = Settings::default();
    assert!((x - (s.margin_binding + 5.0)).abs() < 1e-4, "x {x}");
    assert_eq!((w, h), (100.0, 3.0));
    // Between the two paragraphs, and the next paragraph starts below the drawing's height.
    let base = |needle: &str| {
        page.items
            .iter()
            .find_map(|i| match i {
                Item::Text { y, text, .. } if text == needle => Some(*y),
                _ => None,
            })
            .unwrap()
    };
    assert!(base("Före") < y && y + h < base("Efter"));
    assert!(base("Efter") - (y - 2.0) >= 10.0);
}

#[test]
fn drawing_wider_than_the_line_is_an_error() {
    let err = flow(
        &[Block::Drawing {
            width_mm: 500.0,
            height_mm: 10.0,
            items: vec![],
        }],
        &Settings::default(),
        &sample_decor(),
        sample_meta(),
        &FontSet::builtin(),
    )
    .unwrap_err();
    assert!(matches!(err, LayoutError::TooWide { .. }), "{err}");
}

#[test]
fn exact_qr_keeps_small_modules_and_kit_qr_keeps_its_minimum() {
    let qr = |module_mm| Block::Qr {
        payload: "DK1-TEST/0.5mm".into(),
        module_mm,
        caption: None,
    };
    let exact = |module_mm| Block::QrExact {
        payload: "DK1-TEST/0.5mm".into(),
        module_mm,
        caption: None,
    };
    // A 25-module code at 0.5 mm would be 12.5 mm: a kit code grows to 20 mm.
    let [(m, n)] = qr_modules(&[qr(0.5)])[..] else {
        panic!()
    };
    assert_eq!(n, 25);
    assert!((m * n as f32 - 20.0).abs() < 1e-3, "{m}");
    assert_eq!(qr_modules(&[exact(0.5)]), [(0.5, 25)]);
    assert_eq!(qr_modules(&[exact(1.0)]), [(1.0, 25)]);
    // The 0.5 mm floor holds for exact codes too.
    assert!(matches!(
        flow(
            &[exact(0.4)],
            &Settings::default(),
            &sample_decor(),
            sample_meta(),
            &FontSet::builtin()
        ),
        Err(LayoutError::QrModuleTooSmall { .. })
    ));
}
