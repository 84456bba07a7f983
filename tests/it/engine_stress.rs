//! A 1,000-page document builds (ignored by default; run with `--release -- --ignored`).

use crate::support;

use downkit::fonts::FontSet;
use downkit::layout::sample::sample_blocks;
use downkit::layout::Block;
use support::*;

#[test]
#[ignore = "slow: 1,000 pages"]
fn thousand_pages() {
    let mut blocks = Vec::new();
    for _ in 0..1000 {
        blocks.extend(sample_blocks());
        blocks.push(Block::PageBreak);
    }
    let t = std::time::Instant::now();
    let doc = lay(&blocks);
    let bytes = downkit::render::render_pdf(&doc, &FontSet::builtin()).unwrap();
    eprintln!(
        "{} pages, {} bytes in {:.2} s",
        doc.pages.len(),
        bytes.len(),
        t.elapsed().as_secs_f64()
    );
    assert!(doc.pages.len() >= 1000);
    let dir = tmp("stress");
    let p = dir.join("big.pdf");
    std::fs::write(&p, bytes).unwrap();
    run("qpdf", &["--check", p.to_str().unwrap()]);
}
