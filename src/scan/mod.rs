//! Scan-back, an input stage beside `load`: files an office scanner or a phone writes (PDFs of
//! scanned pages, PNG, JPEG, TIFF) → the QR codes on every page, as text.
//!
//! Sub-steps: `raster` and `pdf` decode each page to a [`gray::Gray`] image; `codes` finds
//! and reads every QR code on it; `marks` measures the ink in the boxes of a page whose
//! layout the caller knows ([`Layouts`]), placed by its code. Pages are decoded on all cores. What the codes mean (a DK1
//! [`crate::payload::Payload`] of this kit or another, a drill copy, an old version) is for
//! `reconcile` to say.

mod codes;
pub mod gray;
pub mod marks;
mod pdf;
pub mod raster;

pub use codes::{find_codes, Found};
pub use marks::{BoxRead, CodePlace, Layouts, MarkBox, Marks, Quality, SheetLayout};

use crate::load::open::size_text;
use raster::Kind;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Largest scan file read (a 300-page colour scan at 300 dpi is about 400 MB).
pub const MAX_FILE_BYTES: u64 = 2 << 30;

/// Most pages read from one file (a day's stack from one unit is a few dozen); a longer
/// file is refused with what to do, and the other files of the batch are read.
pub const MAX_PAGES: usize = 500;

/// Most pixels read from one file, all pages together: 500 A4 pages at 300 dpi. A file of
/// more (a few hundred kilobytes can describe gigapixels) is refused before any is decoded.
pub const MAX_FILE_PIXELS: u64 = 4_500_000_000;

/// Memory the pages being decoded may take together, by the estimate [`BYTES_PER_PIXEL`]:
/// pages are decoded on all cores while they fit, fewer at once when they are large, one at
/// a time when one alone is larger. Shared by every scan in the process (`serve` reads
/// several uploads at once).
pub const MEMORY_BUDGET: u64 = 1 << 30;

/// Peak bytes a page takes while it is decoded and searched for codes, per pixel of its
/// images (the decoded stream, the grey image, the decoder's copies, the binarised bitmap,
/// the copy without thin lines): 3.4 measured at worst (BENCHMARKS.md, "Scan-back memory"),
/// with a margin.
pub const BYTES_PER_PIXEL: u64 = 5;

pub use gray::MAX_PAGE_PIXELS;

/// Why a page gave no image to look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageProblem {
    /// The PDF page holds no scanned image (a PDF made on a computer, not a scan).
    NoImage,
    /// The page image is JBIG2-compressed.
    Jbig2,
    /// The page image is JPEG 2000.
    Jpx,
    /// An image kind downkit does not read.
    Unsupported(String),
    /// The image data is damaged.
    Broken(String),
    /// The page's images hold more pixels than are read (the count).
    TooLarge(u64),
}

impl PageProblem {
    /// What is wrong and what to do, in one sentence.
    pub fn message(&self) -> String {
        match self {
            PageProblem::NoImage => "the page holds no scanned image (a PDF made on a computer?); \
                 print it and scan the paper, or scan to PDF, PNG, JPEG or TIFF"
                .into(),
            PageProblem::Jbig2 => {
                "the page is compressed with JBIG2, which downkit does not read; \
                 rescan with the scanner set to JPEG (grey or colour) or to black and white \
                 with CCITT G4 / TIFF, not to \"high compression\" or \"MRC\""
                    .into()
            }
            PageProblem::Jpx => "the page is JPEG 2000, which downkit does not read; rescan with \
                 the scanner set to JPEG (grey or colour) or to black and white (CCITT G4)"
                .into(),
            PageProblem::Unsupported(what) => format!("downkit does not read {what}"),
            PageProblem::Broken(why) => format!("the page image cannot be decoded: {why}"),
            PageProblem::TooLarge(px) => format!(
                "the page's images hold {} megapixels, more than the {} downkit reads a page; \
                 scan at 300 dpi (A4 is then 9 megapixels)",
                px.div_ceil(1_000_000),
                MAX_PAGE_PIXELS / 1_000_000
            ),
        }
    }
}

/// One scanned page.
#[derive(Debug, Clone, PartialEq)]
pub struct ScannedPage {
    /// Page number in its file, from 1.
    pub page: u32,
    /// Texts of the QR codes read on the page, each once, sorted.
    pub codes: Vec<String>,
    /// QR codes found on the page that could not be read.
    pub undecoded: usize,
    /// Why the page could not be looked at, when it could not.
    pub problem: Option<PageProblem>,
    /// The marks read, for each code on the page whose layout is known.
    pub marks: Vec<Marks>,
}

/// One scan file and its pages.
#[derive(Debug, Clone, PartialEq)]
pub struct ScannedFile {
    /// The path as given.
    pub name: String,
    /// First 16 hex digits of the SHA-256 of the file: the same file read twice is recognised.
    pub digest: String,
    /// Its pages, in order.
    pub pages: Vec<ScannedPage>,
}

/// A file that could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanError {
    /// The path as given.
    pub path: PathBuf,
    /// Why, and what to do.
    pub message: String,
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot read the scan `{}`: {}",
            self.path.display(),
            self.message
        )
    }
}

/// An opened scan file (a PNG's or JPEG's pixels as its header says).
enum Source {
    Pdf(Box<pdf::PdfScan>),
    Tiff(Vec<u8>),
    Png(u64, Vec<u8>),
    Jpeg(u64, Vec<u8>),
}

/// Reads a file and finds its pages.
fn open(path: &Path) -> Result<Opened, ScanError> {
    let fail = |message: String| ScanError {
        path: path.to_path_buf(),
        message,
    };
    let bytes = crate::load::open::read_regular(path, MAX_FILE_BYTES).map_err(|e| match e {
        crate::load::open::OpenError::TooLarge { len, max } => fail(format!(
            "it is {}, more than the {} read; split the scan into smaller files",
            size_text(len),
            size_text(max)
        )),
        e => fail(e.to_string()),
    })?;
    from_bytes(path, bytes)
}

/// An opened file: its pages, the pixels each page's images hold (0 when that page will
/// report a problem instead), and its digest.
struct Opened {
    source: Source,
    pixels: Vec<u64>,
    digest: String,
}

/// Finds the pages of a file's bytes; `path` names it in errors.
fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Opened, ScanError> {
    let fail = |message: String| ScanError {
        path: path.to_path_buf(),
        message,
    };
    let digest: String = Sha256::digest(&bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let kind = raster::sniff(&bytes).ok_or_else(|| {
        fail("it is not a PDF, PNG, JPEG or TIFF file; scan to one of those".into())
    })?;
    let broken = |e: gray::SampleError| fail(format!("a broken image ({})", e.0));
    let (source, pixels) = match kind {
        Kind::Pdf => {
            let p = pdf::PdfScan::open(&bytes, MAX_PAGES).map_err(fail)?;
            let px = (0..p.page_count())
                .map(|i| p.page_pixels(i).unwrap_or(0))
                .collect();
            (Source::Pdf(Box::new(p)), px)
        }
        Kind::Tiff => {
            let px = raster::tiff_pages(&bytes, MAX_PAGES)
                .map_err(|e| fail(format!("a broken TIFF ({})", e.0)))?;
            (Source::Tiff(bytes), px)
        }
        Kind::Png => (
            Source::Png(raster::pixels(&bytes, kind).map_err(broken)?, bytes),
            Vec::new(),
        ),
        Kind::Jpeg => (
            Source::Jpeg(raster::pixels(&bytes, kind).map_err(broken)?, bytes),
            Vec::new(),
        ),
    };
    let pixels = match &source {
        Source::Png(px, _) | Source::Jpeg(px, _) => vec![*px],
        _ => pixels,
    };
    let total: u64 = pixels
        .iter()
        .copied()
        .filter(|px| *px <= MAX_PAGE_PIXELS)
        .sum();
    if total > MAX_FILE_PIXELS {
        return Err(fail(format!(
            "its pages hold {} megapixels together, more than the {} downkit reads a file \
             (500 A4 pages at 300 dpi); split the scan into smaller files, or scan at 300 dpi",
            total.div_ceil(1_000_000),
            MAX_FILE_PIXELS / 1_000_000
        )));
    }
    Ok(Opened {
        source,
        pixels,
        digest,
    })
}

/// The images of one page.
fn images(src: &Source, index: usize) -> Result<Vec<gray::Gray>, PageProblem> {
    let one = |r: Result<gray::Gray, gray::SampleError>| {
        r.map(|g| vec![g]).map_err(|e| PageProblem::Broken(e.0))
    };
    match src {
        Source::Pdf(p) => p.page_images(index),
        Source::Tiff(b) => one(raster::tiff(b, index)),
        Source::Png(_, b) => one(raster::png(b)),
        Source::Jpeg(_, b) => one(raster::jpeg(b)),
    }
}

/// Decodes one page, reads its codes and the marks of those `layouts` knows.
fn read_page(src: &Source, index: usize, layouts: &dyn Layouts) -> ScannedPage {
    let mut page = ScannedPage {
        page: index as u32 + 1,
        codes: Vec::new(),
        undecoded: 0,
        problem: None,
        marks: Vec::new(),
    };
    match images(src, index) {
        Err(p) => page.problem = Some(p),
        Ok(imgs) => {
            for mut img in imgs {
                let found = codes::find_in(&mut img);
                for (code, corners) in &found.corners {
                    if let Some(layout) = layouts.layout(code) {
                        if !page.marks.iter().any(|m| m.code == *code) {
                            page.marks.push(marks::read(&img, layout, code, corners));
                        }
                    }
                }
                page.undecoded += found.undecoded;
                page.codes.extend(found.codes);
            }
            page.codes.sort();
            page.codes.dedup();
        }
    }
    page
}

/// The largest image of page `page` (from 1) of a scan file, for showing the sheet to the
/// person entering it; `digest` must be the one recorded when the file was read
/// ([`ScannedFile::digest`]), so that a file replaced since then is never shown in its place.
/// Decoded within the [`MEMORY_BUDGET`], a decoder's panic a quiet error.
pub fn page_image(path: &Path, page: u32, digest: &str) -> Result<gray::Gray, String> {
    let opened = open(path).map_err(|e| e.message)?;
    if opened.digest != digest {
        return Err("the file has changed since it was read".into());
    }
    let index = (page as usize)
        .checked_sub(1)
        .filter(|i| *i < opened.pixels.len());
    let index = index.ok_or_else(|| format!("the file has no page {page}"))?;
    let _held = budget::take(opened.pixels[index] * BYTES_PER_PIXEL);
    let imgs = quietly(|| images(&opened.source, index))
        .ok_or_else(|| "the page image cannot be decoded".to_string())?;
    let mut imgs = imgs.map_err(|p| p.message())?;
    imgs.sort_by_key(|g| std::cmp::Reverse(u64::from(g.width) * u64::from(g.height)));
    imgs.into_iter()
        .next()
        .ok_or_else(|| "the page holds no image".into())
}

/// Reads every page of every file, on `threads` threads (all cores when 0). Files that cannot
/// be read are returned as errors; the others keep their order and page order.
pub fn scan(paths: &[PathBuf], threads: usize) -> (Vec<ScannedFile>, Vec<ScanError>) {
    scan_with(
        paths,
        &Reading {
            threads,
            ..Reading::default()
        },
    )
}

/// How a batch is read: threads, whose marks, and who hears of the progress.
#[derive(Clone, Copy)]
pub struct Reading<'a> {
    /// Threads to read pages on (all cores when 0).
    pub threads: usize,
    /// The layouts of the pages whose marks are read.
    pub layouts: &'a dyn Layouts,
    /// Called after each page with the pages done and the pages of the batch.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
}

impl Default for Reading<'_> {
    fn default() -> Self {
        Reading {
            threads: 0,
            layouts: &(),
            progress: None,
        }
    }
}

/// [`scan`], reading the marks of the pages `reading.layouts` knows.
pub fn scan_with(paths: &[PathBuf], reading: &Reading) -> (Vec<ScannedFile>, Vec<ScanError>) {
    let opened = paths
        .iter()
        .map(|p| (p.display().to_string(), open(p)))
        .collect();
    read_all(opened, reading)
}

/// [`scan`] for files held in memory (uploaded, never written to disk): name and bytes.
pub fn scan_memory(
    files: Vec<(String, Vec<u8>)>,
    threads: usize,
) -> (Vec<ScannedFile>, Vec<ScanError>) {
    let opened = files
        .into_iter()
        .map(|(name, bytes)| {
            let r = from_bytes(Path::new(&name), bytes);
            (name, r)
        })
        .collect();
    read_all(
        opened,
        &Reading {
            threads,
            ..Reading::default()
        },
    )
}

std::thread_local! {
    /// Set while this thread runs a decoder under [`quietly`].
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, a decoder that may panic on a damaged image: a panic is `None`, and its
/// message and backtrace never reach the terminal (the panic hook is silent on this thread
/// meanwhile; elsewhere it reports as before).
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    r.ok()
}

/// The memory pages being decoded hold, against [`MEMORY_BUDGET`].
mod budget {
    use super::MEMORY_BUDGET;
    use std::sync::{Condvar, Mutex};

    static USED: Mutex<u64> = Mutex::new(0);
    static FREED: Condvar = Condvar::new();

    /// Memory held until dropped.
    pub struct Held(u64);

    /// Waits until `bytes` (at most the whole budget) fit beside what other pages hold, or
    /// nothing else is held, and takes them.
    pub fn take(bytes: u64) -> Held {
        let bytes = bytes.min(MEMORY_BUDGET);
        let mut used = USED.lock().unwrap_or_else(|e| e.into_inner());
        while *used > 0 && *used + bytes > MEMORY_BUDGET {
            used = FREED.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += bytes;
        Held(bytes)
    }

    impl Drop for Held {
        fn drop(&mut self) {
            let mut used = USED.lock().unwrap_or_else(|e| e.into_inner());
            *used -= self.0;
            FREED.notify_all();
        }
    }
}

fn read_all(
    opened: Vec<(String, Result<Opened, ScanError>)>,
    reading: &Reading,
) -> (Vec<ScannedFile>, Vec<ScanError>) {
    let mut files = Vec::new();
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for (name, o) in opened {
        match o {
            Ok(o) => {
                files.push(ScannedFile {
                    name,
                    digest: o.digest,
                    pages: Vec::with_capacity(o.pixels.len()),
                });
                sources.push((o.source, o.pixels));
            }
            Err(e) => errors.push(e),
        }
    }
    let jobs: Vec<(usize, usize)> = sources
        .iter()
        .enumerate()
        .flat_map(|(f, (_, px))| (0..px.len()).map(move |i| (f, i)))
        .collect();
    let threads = match reading.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .min(jobs.len().max(1));
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<ScannedPage>>> = Mutex::new(vec![None; jobs.len()]);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let j = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(f, i)) = jobs.get(j) else { break };
                let (source, pixels) = &sources[f];
                // Decoded only when it fits the memory budget beside the pages in work.
                let held = budget::take(pixels[i].min(MAX_PAGE_PIXELS) * BYTES_PER_PIXEL);
                // A decoder that panics on a damaged image costs that page, not the run.
                let page = quietly(|| read_page(source, i, reading.layouts)).unwrap_or_else(|| {
                    ScannedPage {
                        page: i as u32 + 1,
                        codes: Vec::new(),
                        undecoded: 0,
                        problem: Some(PageProblem::Broken("the decoder failed on it".into())),
                        marks: Vec::new(),
                    }
                });
                drop(held);
                let n = finished.fetch_add(1, Ordering::Relaxed) + 1;
                if let Some(progress) = reading.progress {
                    progress(n, jobs.len());
                }
                done.lock().expect("no worker panics holding the lock")[j] = Some(page);
            });
        }
    });
    let done = done.into_inner().expect("no worker panicked");
    for ((f, _), page) in jobs.iter().zip(done) {
        files[*f].pages.extend(page);
    }
    (files, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;

    #[test]
    fn pages_in_work_never_hold_more_than_the_budget() {
        let (now, most) = (AtomicU64::new(0), AtomicU64::new(0));
        let each = MEMORY_BUDGET / 3;
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for _ in 0..3 {
                        let held = budget::take(each);
                        let n = now.fetch_add(each, Ordering::SeqCst) + each;
                        most.fetch_max(n, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(5));
                        now.fetch_sub(each, Ordering::SeqCst);
                        drop(held);
                    }
                });
            }
            // A page larger than the whole budget still runs, alone.
            s.spawn(|| drop(budget::take(4 * MEMORY_BUDGET)));
        });
        assert!(most.load(Ordering::SeqCst) <= MEMORY_BUDGET);
        assert!(
            most.load(Ordering::SeqCst) >= 2 * each,
            "pages ran side by side"
        );
    }
}
