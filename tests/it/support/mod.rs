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

/// Every code of `codes` that zbarimg reads from its place on a `pdftoppm` render of `p` at
/// `dpi`, each cut out with its quiet zone and a millimetre around it and read alone, as a
/// phone reads one code. zbarimg reading a whole page gives up on a page of many codes (it
/// stops after 8192 failed guesses at which finder patterns belong together, qrdec.c), so a
/// phone book of contacts with a code each is read code by code. Returns the payloads read.
pub fn decode_codes(p: &Path, codes: &[downkit::compose::CodePlace], dpi: u32) -> Vec<String> {
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
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    let px = |mm: f32| (mm * dpi as f32 / 25.4).round() as i64;
    let mut crops = Vec::new();
    let mut loaded: Option<(usize, Pgm)> = None;
    for (k, c) in codes.iter().enumerate() {
        if loaded.as_ref().map(|(i, _)| *i) != Some(c.page) {
            loaded = Some((c.page, read_pgm(&pages[c.page])));
        }
        let (_, (w, h, data)) = loaded.as_ref().unwrap();
        let (x0, y0) = (px(c.x - 1.0).max(0) as usize, px(c.y - 1.0).max(0) as usize);
        let x1 = (px(c.x + c.size + 1.0) as usize).min(*w);
        let y1 = (px(c.y + c.size + 1.0) as usize).min(*h);
        let mut out = format!("P5\n{} {}\n255\n", x1 - x0, y1 - y0).into_bytes();
        for row in y0..y1 {
            out.extend_from_slice(&data[row * w + x0..row * w + x1]);
        }
        let crop = dir.path().join(format!("code-{k:05}.pgm"));
        std::fs::write(&crop, out).unwrap();
        crops.push(crop);
    }
    let mut read = Vec::new();
    for batch in crops.chunks(200) {
        let mut args = vec!["--xml".to_string(), "-q".to_string()];
        args.extend(batch.iter().map(|c| c.to_str().unwrap().to_string()));
        let out = std::process::Command::new("zbarimg")
            .args(&args)
            .output()
            .expect("zbarimg is installed");
        let xml = String::from_utf8_lossy(&out.stdout);
        for source in xml.split("<source ").skip(1) {
            if let Some(data) = source.split("<![CDATA[").nth(1) {
                read.push(data.split("]]>").next().unwrap_or_default().to_string());
            }
        }
    }
    read
}

/// A grey image: width, height and its bytes, row by row.
type Pgm = (usize, usize, Vec<u8>);

/// A binary PGM image.
fn read_pgm(path: &Path) -> Pgm {
    let bytes = std::fs::read(path).unwrap();
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).to_string());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[i + 1..i + 1 + w * h].to_vec())
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
            Item::Rect { y, h, .. } | Item::Image { y, h, .. } => (*y, y + h),
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
            Item::UpText { y, .. } => (y - 1.0, *y),
            Item::OutlineText { .. } | Item::Tag(_) | Item::Mark { .. } => continue,
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
