//! A sample document that uses every block kind, for tests, examples and the golden file.

use super::{Block, Column, Decor, Marker, Meta, Origin, Span, Table, Width};

fn p(text: &str) -> Block {
    Block::Paragraph {
        spans: vec![Span {
            text: text.into(),
            bold: false,
        }],
        size_pt: 0.0,
    }
}

/// Metadata of the sample.
pub fn sample_meta() -> Meta {
    Meta {
        title: "Reservrutin: journalsystemet nere".into(),
        author: "Region Exempel".into(),
        subject: "Manuella rutiner vid IT-avbrott".into(),
        print_date: "2025-03-01".into(),
        lang: "sv".into(),
        reprint: None,
        code_names: Default::default(),
    }
}

/// Furniture of the sample.
pub fn sample_decor() -> Decor {
    Decor {
        kit_id: "vard-avbrott".into(),
        version: "1.4".into(),
        print_date: "2025-03-01".into(),
        classification: Some("Innehåller personuppgifter – förvaras inlåst".into()),
        page_label: "Sida {page} av {pages}".into(),
        watermark: None,
    }
}

/// Blocks of the sample: text, list, table, forms, QR.
pub fn sample_blocks() -> Vec<Block> {
    let origin = Origin {
        what: "checklist \"vid-avbrott\"".into(),
        location: Some("kit.toml:12:1".into()),
        ..Origin::default()
    };
    vec![
        Block::RunningHeader { text: Some("När journalsystemet går ner".into()), continued: "– fortsättning".into() },
        Block::Heading { level: 1, text: "När journalsystemet går ner".into(), anchor: Some("start".into()) },
        Block::Paragraph {
            spans: vec![
                Span { text: "READ-DO. ".into(), bold: true },
                Span { text: "Läs varje steg och gör det. Använd blanketten för läkemedel och skriv datum som ÅÅÅÅ-MM-DD, tider som TT:MM – även på natten.".into(), bold: false },
            ],
            size_pt: 0.0,
        },
        Block::Row {
            cells: vec![
                (Width::Mm(42.0), vec![p("Underlag: hjälpmedelsförskrivningsunderlaget")]),
                (Width::Mm(60.0), vec![Block::Marked { marker: Marker::Critical, spans: vec![Span { text: "Ring IT-jouren först.".into(), bold: true }], size_pt: 0.0 }]),
            ],
            gap_mm: 6.0,
        },
        Block::KeepTogether {
            origin,
            blocks: vec![
                Block::NumberedList {
                    start: 1,
                    items: vec![
                        vec![p("Meddela avdelningen att journalsystemet är nere.")],
                        vec![p("Hämta pärmen med reservblanketter (é, å, ä, ö finns i typsnittet).")],
                        vec![Block::Marked { marker: Marker::Arrow, spans: vec![Span { text: "Gå till blankett B.".into(), bold: false }], size_pt: 0.0 }],
                    ],
                    size_pt: 0.0,
                },
            ],
        },
        Block::Table(Table::new(vec![
                Column::new("Funktion", 2.0),
                Column::new("Telefon", 1.0),
            ], vec![
                vec![vec![p("IT-jour")], vec![p("08-123 45 67")]],
                vec![vec![p("Apotek")], vec![p("070-123 45 67")]],
            ], 0.0)),
        Block::Anchor("blankett".into()),
        Block::CharBoxes { label: "Personnummer".into(), groups: vec![8, 4], separators: "-".into(), prefill: Some("19121212-1212".into()) },
        Block::Checkboxes { label: Some("Åtgärd".into()), options: vec!["Faxad".into(), "Ringd".into(), "Ej aktuell".into()], checked: vec![true, false, false] },
        Block::WriteLines { label: "Anteckningar".into(), lines: 2 },
        Block::LabelledBox { label: "Registrerad i systemet av / datum".into(), height_mm: 10.0 },
        Block::Signature { labels: vec!["Signatur".into(), "Namnförtydligande".into(), "Datum".into()] },
        Block::Serial { label: "Löpnummer".into(), serial: "B-0001".into() },
        Block::Qr { payload: "DOWNKIT:vard-avbrott:1.4:B-0001".into(), module_mm: 0.8, caption: Some("Blankett B".into()) },
        Block::Rule,
    ]
}
