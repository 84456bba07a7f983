//! Scan-back, an input stage beside `load`: files an office scanner or a phone writes (PDFs of
//! scanned pages, PNG, JPEG, TIFF) → the QR codes on every page, as text.
//!
//! Sub-steps: `raster` and `pdf` decode each page to a [`gray::Gray`] image; `codes` finds
//! and reads every QR code on it. Pages are decoded on all cores. What the codes mean (a DK1
//! [`crate::payload::Payload`] of this kit or another, a drill copy, an old version) is for
//! `reconcile` to say.

mod codes;
pub mod gray;
mod pdf;
pub mod raster;

pub use codes::{find_codes, Found};

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
        }
    }
}

/// One scanned page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedPage {
    /// Page number in its file, from 1.
    pub page: u32,
    /// Texts of the QR codes read on the page, each once, sorted.
    pub codes: Vec<String>,
    /// QR codes found on the page that could not be read.
    pub undecoded: usize,
    /// Why the page could not be looked at, when it could not.
    pub problem: Option<PageProblem>,
}

/// One scan file and its pages.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// An opened scan file.
enum Source {
    Pdf(Box<pdf::PdfScan>),
    Tiff(Vec<u8>),
    Png(Vec<u8>),
    Jpeg(Vec<u8>),
}

/// Reads a file and finds its pages.
fn open(path: &Path) -> Result<(Source, usize, String), ScanError> {
    let fail = |message: String| ScanError {
        path: path.to_path_buf(),
        message,
    };
    let bytes = crate::load::open::read_regular(path, MAX_FILE_BYTES).map_err(|e| match e {
        crate::load::open::OpenError::TooLarge { len, .. } => fail(format!(
            "it is {} MB; split the scan into smaller files",
            len >> 20
        )),
        e => fail(e.to_string()),
    })?;
    from_bytes(path, bytes)
}

/// Finds the pages of a file's bytes; `path` names it in errors.
fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<(Source, usize, String), ScanError> {
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
    let (source, pages) = match kind {
        Kind::Pdf => {
            let p = pdf::PdfScan::open(&bytes, MAX_PAGES).map_err(fail)?;
            let n = p.page_count();
            (Source::Pdf(Box::new(p)), n)
        }
        Kind::Tiff => {
            let n =
                raster::tiff_pages(&bytes).map_err(|e| fail(format!("a broken TIFF ({})", e.0)))?;
            (Source::Tiff(bytes), n)
        }
        Kind::Png => (Source::Png(bytes), 1),
        Kind::Jpeg => (Source::Jpeg(bytes), 1),
    };
    Ok((source, pages, digest))
}

/// The images of one page.
fn images(src: &Source, index: usize) -> Result<Vec<gray::Gray>, PageProblem> {
    let one = |r: Result<gray::Gray, gray::SampleError>| {
        r.map(|g| vec![g]).map_err(|e| PageProblem::Broken(e.0))
    };
    match src {
        Source::Pdf(p) => p.page_images(index),
        Source::Tiff(b) => one(raster::tiff(b, index)),
        Source::Png(b) => one(raster::png(b)),
        Source::Jpeg(b) => one(raster::jpeg(b)),
    }
}

/// Decodes one page and reads its codes.
fn read_page(src: &Source, index: usize) -> ScannedPage {
    let mut page = ScannedPage {
        page: index as u32 + 1,
        codes: Vec::new(),
        undecoded: 0,
        problem: None,
    };
    match images(src, index) {
        Err(p) => page.problem = Some(p),
        Ok(imgs) => {
            for img in imgs {
                let found = find_codes(img);
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
pub fn page_image(path: &Path, page: u32, digest: &str) -> Result<gray::Gray, String> {
    let (src, pages, now) = open(path).map_err(|e| e.message)?;
    if now != digest {
        return Err("the file has changed since it was read".into());
    }
    let index = (page as usize).checked_sub(1).filter(|i| *i < pages);
    let index = index.ok_or_else(|| format!("the file has no page {page}"))?;
    let mut imgs = images(&src, index).map_err(|p| p.message())?;
    imgs.sort_by_key(|g| std::cmp::Reverse(u64::from(g.width) * u64::from(g.height)));
    imgs.into_iter()
        .next()
        .ok_or_else(|| "the page holds no image".into())
}

/// Reads every page of every file, on `threads` threads (all cores when 0). Files that cannot
/// be read are returned as errors; the others keep their order and page order.
pub fn scan(paths: &[PathBuf], threads: usize) -> (Vec<ScannedFile>, Vec<ScanError>) {
    let opened = paths
        .iter()
        .map(|p| (p.display().to_string(), open(p)))
        .collect();
    read_all(opened, threads)
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
    read_all(opened, threads)
}

type Opened = (String, Result<(Source, usize, String), ScanError>);

fn read_all(opened: Vec<Opened>, threads: usize) -> (Vec<ScannedFile>, Vec<ScanError>) {
    let mut files = Vec::new();
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for (name, o) in opened {
        match o {
            Ok((src, n, digest)) => {
                files.push(ScannedFile {
                    name,
                    digest,
                    pages: Vec::with_capacity(n),
                });
                sources.push((src, n));
            }
            Err(e) => errors.push(e),
        }
    }
    let jobs: Vec<(usize, usize)> = sources
        .iter()
        .enumerate()
        .flat_map(|(f, (_, n))| (0..*n).map(move |i| (f, i)))
        .collect();
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .min(jobs.len().max(1));
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<ScannedPage>>> = Mutex::new(vec![None; jobs.len()]);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let j = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(f, i)) = jobs.get(j) else { break };
                // A decoder that panics on a damaged image costs that page, not the run.
                let page = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    read_page(&sources[f].0, i)
                }))
                .unwrap_or_else(|_| ScannedPage {
                    page: i as u32 + 1,
                    codes: Vec::new(),
                    undecoded: 0,
                    problem: Some(PageProblem::Broken("the decoder failed on it".into())),
                });
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
