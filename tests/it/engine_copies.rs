//! Serialized copies (`Block::Copies`): laid out once as a page template, they must give
//! exactly the pages that laying out every copy in full gives.

use crate::support;

use downkit::layout::dump::dump;
use downkit::layout::{Block, CopyFill, Document, Item, Origin, Page, Width};
use support::*;

const CONTINUED: &str = "– fortsättning";

/// One copy with its varying parts given: serial box and QR code in slots 0 and 1.
fn body(serial: Block, qr: Block, filler: usize) -> Vec<Block> {
    let mut b = vec![Block::Row {
        cells: vec![
            (
                Width::TwoThirds,
                vec![Block::Heading {
                    level: 1,
                    text: "Beställning".into(),
                    anchor: Some("form".into()),
                }],
            ),
            (Width::Third, vec![serial]),
        ],
        gap_mm: 4.0,
    }];
    for i in 0..filler {
        b.push(para(&format!(
            "Fält {i}: skriv tydligt vad som har gjorts, av vem och när det gjordes."
        )));
        b.push(Block::LabelledBox {
            label: format!("Svar {i}"),
            height_mm: 10.0,
        });
    }
    b.push(Block::KeepTogether {
        origin: Origin::default(),
        blocks: vec![
            Block::Rule,
            Block::Row {
                cells: vec![(Width::TwoThirds, vec![]), (Width::Third, vec![qr])],
                gap_mm: 5.0,
            },
        ],
    });
    b
}

fn serial(s: &str) -> Block {
    Block::Serial {
        label: "Löpnummer".into(),
        serial: s.into(),
    }
}

fn qr(s: &str) -> Block {
    Block::Qr {
        payload: format!("DK1/kit/form/1.0/abcdef12/{s}"),
        module_mm: 0.8,
        caption: None,
    }
}

fn serials(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("HM-{i:04}")).collect()
}

/// The same document twice: with `Block::Copies`, and with every copy written out.
fn both(n: usize, filler: usize) -> (Document, Document) {
    let before = para("Före blanketterna.");
    let after = [Block::PageBreak, para("Efter blanketterna.")];
    let mut templated = vec![before.clone()];
    templated.push(Block::Copies {
        continued: CONTINUED.into(),
        blocks: body(Block::Slot(0), Block::Slot(1), filler),
        copies: serials(n)
            .iter()
            .map(|s| CopyFill {
                header: Some(format!("Beställning · {s}")),
                slots: vec![serial(s), qr(s)],
            })
            .collect(),
    });
    templated.extend(after.clone());
    let mut full = vec![before];
    for s in serials(n) {
        full.push(Block::PageBreak);
        full.push(Block::RunningHeader {
            text: Some(format!("Beställning · {s}")),
            continued: CONTINUED.into(),
        });
        full.extend(body(serial(&s), qr(&s), filler));
        full.push(Block::RunningHeader {
            text: None,
            continued: String::new(),
        });
    }
    full.extend(after);
    (lay(&templated), lay(&full))
}

/// The document with template items copied onto their pages, every page's lines sorted
/// (drawing order differs; what is drawn must not).
fn flat_dump(doc: &Document) -> String {
    let pages = (0..doc.pages.len())
        .map(|i| Page {
            items: doc.page_items(i).cloned().collect(),
            template: None,
            ..doc.pages[i].clone()
        })
        .collect();
    let flat = Document {
        pages,
        templates: Vec::new(),
        ..doc.clone()
    };
    let text = dump(&flat);
    let mut out = Vec::new();
    let mut page: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.starts_with("page ") {
            page.sort_unstable();
            out.append(&mut page);
            out.push(line);
        } else if line.starts_with("  ") {
            page.push(line);
        } else {
            out.push(line);
        }
    }
    page.sort_unstable();
    out.append(&mut page);
    out.join("\n")
}

#[test]
fn copies_from_a_template_equal_copies_laid_out_in_full() {
    for (n, filler) in [(1, 2), (7, 2), (4, 9)] {
        let (templated, full) = both(n, filler);
        assert!(full.templates.is_empty());
        assert_eq!(templated.pages.len(), full.pages.len());
        // A page before and one after the copies; one template per page of a copy.
        let per_copy = (full.pages.len() - 2) / n;
        assert_eq!(templated.templates.len(), per_copy, "{n} copies");
        assert_eq!(templated.anchors, full.anchors);
        assert_eq!(templated.qr_count, n, "one QR code per copy");
        assert_eq!(templated.qr_count, full.qr_count);
        assert_eq!(flat_dump(&templated), flat_dump(&full), "{n} copies");
    }
}

#[test]
fn multi_page_copies_repeat_every_template_page_with_the_continued_header() {
    let (doc, _) = both(3, 9);
    let per_copy = doc.templates.len();
    assert!(per_copy >= 2, "two or more pages per copy");
    let on_template: Vec<usize> = (0..doc.pages.len())
        .filter(|&i| doc.pages[i].template.is_some())
        .collect();
    assert_eq!(on_template.len(), 3 * per_copy);
    // Each template page carries only the copy's own items: its serial, QR code and
    // running header, never another copy's.
    for &i in &on_template {
        let texts = texts(&doc, i);
        let header = texts
            .iter()
            .find(|t| t.starts_with("Beställning · "))
            .expect("running header");
        let own = header.trim_start_matches("Beställning · ")[..7].to_string();
        for it in &doc.pages[i].items {
            if let Item::Qr { payload, .. } = it {
                assert!(
                    payload.ends_with(&own),
                    "page {i}: {payload} under {header}"
                );
            }
        }
    }
    let headers: Vec<String> = on_template
        .iter()
        .map(|&i| {
            texts(&doc, i)
                .into_iter()
                .find(|t| t.starts_with("Beställning"))
                .unwrap()
        })
        .collect();
    assert_eq!(headers[0], "Beställning · HM-0001");
    assert_eq!(headers[1], format!("Beställning · HM-0001 {CONTINUED}"));
    assert!(headers.contains(&"Beställning · HM-0003".to_string()));
}

#[test]
fn a_copy_whose_slot_differs_gets_its_own_template() {
    let fill = |s: &str, payload: String| CopyFill {
        header: Some(s.to_string()),
        slots: vec![serial(s), qr(&payload)],
    };
    let long = "X".repeat(120);
    let doc = lay(&[Block::Copies {
        continued: CONTINUED.into(),
        blocks: body(Block::Slot(0), Block::Slot(1), 1),
        copies: vec![
            fill("A-1", "A-1".into()),
            fill("A-2", "A-2".into()),
            // A longer payload makes a larger QR code: it cannot share the template.
            fill("A-3", long.clone()),
            fill("A-4", long),
        ],
    }]);
    assert_eq!(doc.pages.len(), 4);
    assert_eq!(doc.templates.len(), 2);
    let used: Vec<Option<usize>> = doc.pages.iter().map(|p| p.template).collect();
    assert_eq!(used, [Some(0), Some(0), Some(1), Some(1)]);
}

#[test]
fn copies_are_only_allowed_at_the_top_level() {
    let nested = Block::KeepTogether {
        origin: Origin::default(),
        blocks: vec![Block::Copies {
            continued: String::new(),
            blocks: vec![Block::Slot(0)],
            copies: vec![CopyFill {
                header: None,
                slots: vec![serial("A-1")],
            }],
        }],
    };
    let err = downkit::layout::flow(
        &[nested],
        &downkit::layout::Settings::default(),
        &downkit::layout::sample::sample_decor(),
        downkit::layout::sample::sample_meta(),
        &downkit::fonts::FontSet::builtin(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("top level"), "{err}");
}

#[test]
fn serial_number_never_wraps_in_its_box() {
    // Regression: f32 rounding made the box a hair narrower than the serial for about a
    // third of the serials, which then broke as "HM-000" / "4".
    for s in serials(60) {
        let doc = lay(&[serial(&s)]);
        let lines: Vec<String> = texts(&doc, 0)
            .into_iter()
            .filter(|t| t.contains("HM-") || t.chars().all(|c| c.is_ascii_digit()))
            .collect();
        assert_eq!(lines, std::slice::from_ref(&s), "{s} on one line");
    }
}
