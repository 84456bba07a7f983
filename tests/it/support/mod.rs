//! Helpers shared by the engine tests: documents, temp folders, external tools.
#![allow(dead_code)]

pub mod scans;
pub mod tagged;

use std::path::{Path, PathBuf};
use std::process::Command;

use downkit::fonts::FontSet;
use downkit::layout::sample::{sample_blocks, sample_decor, sample_meta};
use downkit::layout::{flow, Block, Document, Item, Settings, Span};

/// A fresh, empty temp folder for one test. All tests run in one process, so the folder's name
/// carries a counter besides the process id: two tests asking for the same name never share.
pub fn tmp(name: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let d = std::env::temp_dir().join(format!("downkit-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs a tool, panics with its stderr on failure, returns stdout.
pub fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} not runnable: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A plain paragraph.
pub fn para(text: &str) -> Block {
    Block::Paragraph {
        spans: vec![Span {
            text: text.into(),
            bold: false,
        }],
        size_pt: 0.0,
    }
}

/// Lays out blocks with the sample's decor and meta.
pub fn lay(blocks: &[Block]) -> Document {
    flow(
        blocks,
        &Settings::default(),
        &sample_decor(),
        sample_meta(),
        &FontSet::builtin(),
    )
    .unwrap()
}

/// The sample document.
pub fn sample() -> Document {
    lay(&sample_blocks())
}

/// Writes `doc` as a PDF into `dir`.
pub fn pdf(doc: &Document, dir: &Path, name: &str) -> PathBuf {
    let bytes = downkit::render::render_pdf(doc, &FontSet::builtin()).unwrap();
    let p = dir.join(name);
    downkit::write::write_atomic(&p, &bytes).unwrap();
    p
}

/// All text strings on a page.
pub fn texts(doc: &Document, page: usize) -> Vec<String> {
    doc.pages[page]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// 1-based pages whose text contains `needle`.
pub fn pages_with(doc: &Document, needle: &str) -> Vec<usize> {
    (0..doc.pages.len())
        .filter(|&p| texts(doc, p).iter().any(|t| t.contains(needle)))
        .map(|p| p + 1)
        .collect()
}

/// Runs an external PDF tool and returns its stdout; panics with its stderr on failure.
pub fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap_or_else(|e| {
        panic!("{cmd} is needed for this test (apt-get install poppler-utils qpdf zbar-tools): {e}")
    });
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every QR payload zbarimg finds on a `pdftoppm` render of `p` at `dpi`, in page order.
/// The pages are rendered as greyscale PGM: the same pixels as a PNG for black print, without
/// the PNG compression that took most of the time.
pub fn decode_all(p: &Path, dpi: u32) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    tool(
        "pdftoppm",
        &[
            "-r",
            &dpi.to_string(),
            "-gray",
            p.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut pages: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path().to_str().unwrap().to_string())
        .collect();
    pages.sort();
    let mut args = vec!["--raw", "-q"];
    args.extend(pages.iter().map(String::as_str));
    let out = std::process::Command::new("zbarimg")
        .args(&args)
        .output()
        .expect("zbarimg is installed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Runs the built `downkit` binary (without `SOURCE_DATE_EPOCH` from the environment).
pub fn downkit(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_downkit"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("runs downkit")
}

/// `downkit init <kit> --lang <lang> --date 2026-11-27`; panics when it fails.
pub fn init_kit(kit: &Path, lang: &str) {
    let o = downkit(&[
        "init",
        kit.to_str().unwrap(),
        "--lang",
        lang,
        "--date",
        "2026-11-27",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Share of the body height (inside the header and footer bands) between the first and the
/// last thing drawn, as `page-fill`-like tools measure it.
pub fn fill(doc: &Document, i: usize) -> f32 {
    let page = &doc.pages[i];
    let (top, bottom) = (20.0, page.height - 25.0);
    let mut ys: Vec<f32> = Vec::new();
    for it in doc.page_items(i) {
        let span = match it {
            Item::Text { y, size_pt, .. } => (y - size_pt * 0.3528 * 0.8, *y),
            Item::Rect { y, h, .. } => (*y, y + h),
            Item::Line { y1, y2, .. } => (y1.min(*y2), y1.max(*y2)),
            Item::Qr {
                y,
                module,
                modules,
                quiet,
                ..
            } => (
                *y,
                y + module * (modules.len() as f32 + 2.0 * *quiet as f32),
            ),
            Item::Path { points, .. } => points
                .iter()
                .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.1), b.max(p.1))),
            Item::OutlineText { .. } | Item::Tag(_) => continue,
        };
        if span.1 > top && span.0 < bottom {
            ys.push(span.0.max(top));
            ys.push(span.1.min(bottom));
        }
    }
    let (lo, hi) = ys
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), y| (a.min(*y), b.max(*y)));
    if ys.is_empty() {
        0.0
    } else {
        (hi - lo) / (bottom - top)
    }
}
