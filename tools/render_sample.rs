//! Renders the sample document (or a long stress document) to a PDF file.
//!
//! `cargo run --release --example render_sample -- out.pdf [pages] [letter] [watermark]`

use downkit::fonts::FontSet;
use downkit::layout::sample::{sample_blocks, sample_decor, sample_meta};
use downkit::layout::{flow, Block, Paper, Settings};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let out = args.get(1).map_or("sample.pdf", String::as_str);
    let copies: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut settings = Settings::default();
    let mut decor = sample_decor();
    if args.iter().any(|a| a == "letter") {
        settings.paper = Paper::Letter;
    }
    if args.iter().any(|a| a == "watermark") {
        decor.watermark = Some("ÖVNING".into());
    }
    let mut blocks = Vec::new();
    for i in 0..copies {
        if i > 0 {
            blocks.push(Block::PageBreak);
        }
        blocks.extend(sample_blocks());
    }
    let fonts = FontSet::builtin();
    let t = std::time::Instant::now();
    let doc = flow(&blocks, &settings, &decor, sample_meta(), &fonts)?;
    let laid = t.elapsed();
    let bytes = downkit::render::render_pdf(&doc, &fonts)?;
    let total = t.elapsed();
    downkit::write::write_atomic(std::path::Path::new(out), &bytes)?;
    eprintln!(
        "{} pages, {} QR, {} bytes; layout {:.3} s, layout+render {:.3} s",
        doc.pages.len(),
        doc.qr_count,
        bytes.len(),
        laid.as_secs_f64(),
        total.as_secs_f64()
    );
    Ok(())
}
