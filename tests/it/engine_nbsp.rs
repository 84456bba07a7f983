//! Phone numbers written with no-break spaces (U+00A0) never break across lines, and the
//! PDF carries plain spaces so that `pdftotext` (and copy-paste) give `070-174 06 05`.

use crate::support;

use downkit::fonts::FontSet;
use downkit::layout::text::Typesetter;
use downkit::layout::{Block, Item, Weight, Width};
use support::*;

#[test]
fn phone_number_with_no_break_spaces_stays_on_one_line_and_extracts_plain_spaces() {
    let fonts = FontSet::builtin();
    let ts = Typesetter::new(&fonts, "sv");
    // Room for "Ring 070-174 06" but not for the last group: with plain spaces the line
    // would break inside the number.
    let width = ts.width("Ring 070-174 06", Weight::Regular, 12.0) + 0.5;
    let doc = lay(&[Block::Row {
        cells: vec![(
            Width::Mm(width),
            vec![Block::Paragraph {
                spans: vec![downkit::layout::Span {
                    text: "Ring 070-174\u{a0}06\u{a0}05".into(),
                    bold: false,
                }],
                size_pt: 12.0,
            }],
        )],
        gap_mm: 0.0,
    }]);
    let lines: Vec<String> = texts(&doc, 0)
        .into_iter()
        .filter(|t| t.contains("Ring") || t.contains("070"))
        .collect();
    assert_eq!(lines, ["Ring", "070-174\u{a0}06\u{a0}05"]);
    let number_y: Vec<f32> = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { y, text, .. } if text.contains("070") => Some(*y),
            _ => None,
        })
        .collect();
    assert_eq!(number_y.len(), 1, "the number is one text item on one line");

    let dir = tmp("nbsp");
    let p = pdf(&doc, &dir, "nbsp.pdf");
    let text = run("pdftotext", &["-layout", p.to_str().unwrap(), "-"]);
    assert!(
        !text.contains('\u{a0}'),
        "no-break space extracted:\n{text}"
    );
    let line = text
        .lines()
        .find(|l| l.contains("070"))
        .expect("the number is in the text");
    assert_eq!(line.trim(), "070-174 06 05", "{text}");
    assert!(
        text.lines().any(|l| l.trim() == "Ring"),
        "\"Ring\" alone on the line before:\n{text}"
    );
}
