//! Renders a contact table long enough to continue over several pages, to look at how the
//! header row repeats: `cargo run --example long_table -- out.pdf`.

use downkit::fonts::FontSet;
use downkit::layout::sample::{sample_decor, sample_meta};
use downkit::layout::{flow, Block, Column, Settings, Span, Table};

fn p(t: &str) -> Vec<Block> {
    vec![Block::Paragraph {
        spans: vec![Span {
            text: t.into(),
            bold: false,
        }],
        size_pt: 0.0,
    }]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "long_table.pdf".into());
    let rows = (1..=70)
        .map(|i| {
            vec![
                p(&format!(
                    "Kontakt {i}: avdelning för hjälpmedelsförskrivning"
                )),
                p("08-123 45 67"),
            ]
        })
        .collect();
    let blocks = vec![
        Block::RunningHeader {
            text: Some("Kontaktlista".into()),
            continued: "– fortsättning".into(),
        },
        Block::Heading {
            level: 1,
            text: "Kontaktlista".into(),
            anchor: None,
        },
        Block::Table(Table::new(
            vec![Column::new("Funktion", 3.0), Column::new("Telefon", 1.0)],
            rows,
            0.0,
        )),
    ];
    let fonts = FontSet::builtin();
    let doc = flow(
        &blocks,
        &Settings::default(),
        &sample_decor(),
        sample_meta(),
        &fonts,
    )?;
    let bytes = downkit::render::render_pdf(&doc, &fonts)?;
    downkit::write::write_atomic(std::path::Path::new(&out), &bytes)?;
    eprintln!("{} pages", doc.pages.len());
    Ok(())
}
