//! Finding and reading every QR code on a page image, with rxing (a Rust port of ZXing).
//!
//! rxing was chosen over rqrr on degraded scans of real kit pages (BENCHMARKS.md, "Scan-back
//! decoder"): it read every code at 200 and 300 dpi after heavy blur, noise, JPEG at quality
//! 15, 1-bit thresholding and photocopies of photocopies, where rqrr lost up to 92 % of them,
//! and it reports no false codes. A page is read at about 150 dpi first (a 300 dpi scan is
//! halved, four times less work), then at full size when no downkit code came out, then with
//! thin dark lines removed (a pen stroke or an outline letter across the code), and a page
//! where still nothing was read is searched for QR finder patterns, so that "a code was seen
//! but could not be read" can be told from "no code on the page".

use super::gray::Gray;
use crate::payload::TAG;
use rxing::common::HybridBinarizer;
use rxing::multi::qrcode::detector::MultiDetector;
use rxing::{BarcodeFormat, BinaryBitmap, DecodeHints, Luma8LuminanceSource};

/// A page whose short side has this many pixels or more (about 240 dpi on A4) is read halved
/// first.
const HALVE_FROM: u32 = 2000;

/// The codes of one image.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    /// Texts of the codes read, each once, sorted.
    pub codes: Vec<String>,
    /// QR codes seen (three finder patterns) but not read.
    pub undecoded: usize,
    /// Where each code read lies, in pixels of the image, as the decoder reports it (see
    /// [`super::marks::code_points`]), the first place it was read.
    pub corners: Vec<(String, Vec<(f32, f32)>)>,
}

/// A code's text and where it lies.
type Read = (String, Vec<(f32, f32)>);

fn hints() -> DecodeHints {
    DecodeHints {
        PossibleFormats: Some([BarcodeFormat::QR_CODE].into_iter().collect()),
        TryHarder: Some(true),
        ..Default::default()
    }
}

fn bitmap(img: &Gray) -> Option<BinaryBitmap<HybridBinarizer<Luma8LuminanceSource>>> {
    let src = Luma8LuminanceSource::new(img.pixels.clone(), img.width, img.height).ok()?;
    Some(BinaryBitmap::new(HybridBinarizer::new(src)))
}

/// The texts of every QR code rxing reads in `img`. Through rxing's own non-generic helper,
/// so that the decoder runs as rxing was compiled (optimised also in test builds) rather
/// than as generic code instantiated here.
fn read(img: &Gray) -> Vec<Read> {
    rxing::helpers::detect_multiple_in_luma_with_hints(
        img.pixels.clone(),
        img.width,
        img.height,
        &mut hints(),
    )
    .map(|rs| {
        rs.iter()
            .map(|r| {
                let p = r.getPoints().iter().map(|q| (q.x, q.y)).collect();
                (r.getText().to_string(), p)
            })
            .collect()
    })
    .unwrap_or_default()
}

/// Codes read from an image halved ([`Gray::half`]), placed on the full image.
fn doubled(codes: Vec<Read>) -> Vec<Read> {
    codes
        .into_iter()
        .map(|(t, c)| {
            (
                t,
                c.into_iter()
                    .map(|(x, y)| (2.0 * x + 0.5, 2.0 * y + 0.5))
                    .collect(),
            )
        })
        .collect()
}

/// How many QR codes (groups of three finder patterns) `img` holds, read or not.
fn seen(img: &Gray) -> usize {
    let Some(bm) = bitmap(img) else { return 0 };
    MultiDetector::new(bm.get_black_matrix())
        .detectMulti(&hints())
        .map_or(0, |v| v.len())
}

fn add(codes: &mut Vec<Read>, more: Vec<Read>) {
    for c in more {
        if !codes.iter().any(|(t, _)| *t == c.0) {
            codes.push(c);
        }
    }
}

/// Whether any text is a downkit payload.
fn has_downkit(codes: &[Read]) -> bool {
    codes.iter().any(|(c, _)| c.starts_with(&format!("{TAG}/")))
}

/// Finds and reads the QR codes of a page image. A mostly dark image (a negative) is
/// inverted first.
pub fn find_codes(mut img: Gray) -> Found {
    find_in(&mut img)
}

/// [`find_codes`] on an image kept for reading its marks afterwards (a negative is left
/// inverted).
pub fn find_in(img: &mut Gray) -> Found {
    let dark = img.pixels.iter().map(|&p| u64::from(p)).sum::<u64>() < 96 * img.pixels.len() as u64;
    if dark {
        img.pixels.iter_mut().for_each(|p| *p = 255 - *p);
    }
    let mut codes = Vec::new();
    let halved = img.width.min(img.height) >= HALVE_FROM;
    if halved {
        add(&mut codes, doubled(read(&img.half())));
    }
    if !halved || !has_downkit(&codes) {
        add(&mut codes, read(img));
    }
    if !has_downkit(&codes) {
        // A pen stroke or an outline letter across the code: read it again without them, at
        // about 150 dpi, where a stroke is at most 2 pixels wide and a module 4 or more.
        if halved {
            add(&mut codes, doubled(read(&img.half().without_thin_lines(1))));
        } else {
            add(&mut codes, read(&img.without_thin_lines(1)));
        }
    }
    codes.sort_by(|a, b| a.0.cmp(&b.0));
    let undecoded = if has_downkit(&codes) {
        0
    } else {
        seen(img).saturating_sub(codes.len())
    };
    Found {
        codes: codes.iter().map(|(t, _)| t.clone()).collect(),
        undecoded,
        corners: codes,
    }
}
