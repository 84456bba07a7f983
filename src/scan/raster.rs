//! Image files a scanner or phone writes: PNG, JPEG and (multi-page) TIFF, each page decoded
//! to a [`Gray`] image. JPEG decoding is shared with DCT images inside PDFs.

use super::gray::{check_size, Gray, SampleError, Samples};
use std::io::Cursor;
use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;

/// Image file formats read from their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A PDF file.
    Pdf,
    /// A PNG image.
    Png,
    /// A JPEG image.
    Jpeg,
    /// A TIFF image (one or more pages).
    Tiff,
}

/// The format of a file from its first bytes, whatever its name says.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    // A PDF may have bytes before its header (some scanners write a BOM or a mail header).
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Kind::Pdf);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(Kind::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(Kind::Jpeg);
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Some(Kind::Tiff);
    }
    None
}

fn err(e: impl std::fmt::Display) -> SampleError {
    SampleError(e.to_string())
}

/// Decodes a JPEG (a file or a PDF's DCT stream) to grey. `adobe_inverted` is set for CMYK
/// JPEGs written by Adobe software, whose samples are stored inverted.
pub fn jpeg(bytes: &[u8]) -> Result<Gray, SampleError> {
    let opts = DecoderOptions::default()
        .set_max_width(1 << 16)
        .set_max_height(1 << 16)
        .jpeg_set_out_colorspace(ColorSpace::Luma);
    let mut d = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), opts);
    d.decode_headers().map_err(err)?;
    let info = d.info().ok_or_else(|| err("no JPEG header"))?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    check_size(w, h)?;
    let data = d.decode().map_err(err)?;
    let out = d.output_colorspace().unwrap_or(ColorSpace::Luma);
    let layout = match out {
        ColorSpace::Luma => Samples::Gray { bits: 8 },
        ColorSpace::RGB => Samples::Rgb { bits: 8 },
        ColorSpace::CMYK => Samples::Cmyk,
        other => {
            return Err(SampleError(format!(
                "JPEG colour space {other:?} is not read; scan in grey or colour"
            )))
        }
    };
    Gray::from_samples(w, h, &layout, &data, false)
}

/// Decodes a PNG to grey.
pub fn png(bytes: &[u8]) -> Result<Gray, SampleError> {
    let mut d = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            bytes: super::gray::MAX_PAGE_PIXELS as usize * 4,
        },
    );
    d.set_transformations(png::Transformations::normalize_to_color8());
    let mut r = d.read_info().map_err(err)?;
    // Before the frame's buffer is made.
    let (w, h) = (r.info().width, r.info().height);
    check_size(w, h)?;
    let size = r
        .output_buffer_size()
        .ok_or_else(|| err("the PNG is too large"))?;
    let mut buf = vec![0; size];
    let info = r.next_frame(&mut buf).map_err(err)?;
    let (w, h) = (info.width, info.height);
    check_size(w, h)?;
    let n = (w as usize) * (h as usize);
    let pixels: Vec<u8> = match info.color_type {
        png::ColorType::Grayscale => buf[..n].to_vec(),
        png::ColorType::GrayscaleAlpha => buf
            .chunks_exact(2)
            .take(n)
            .map(|c| alpha(c[0], c[1]))
            .collect(),
        png::ColorType::Rgb => buf
            .chunks_exact(3)
            .take(n)
            .map(|c| super::gray::luma(c[0], c[1], c[2]))
            .collect(),
        png::ColorType::Rgba => buf
            .chunks_exact(4)
            .take(n)
            .map(|c| alpha(super::gray::luma(c[0], c[1], c[2]), c[3]))
            .collect(),
        png::ColorType::Indexed => return Err(err("an indexed PNG was not expanded")),
    };
    if pixels.len() != n {
        return Err(err("the PNG holds fewer pixels than its size"));
    }
    Ok(Gray {
        width: w,
        height: h,
        pixels,
    })
}

/// A pixel over white paper.
fn alpha(v: u8, a: u8) -> u8 {
    let (v, a) = (u32::from(v), u32::from(a));
    ((v * a + 255 * (255 - a)) / 255) as u8
}

/// The size in pixels of each page (image) of a TIFF file, at most `max` pages (an error
/// beyond).
pub fn tiff_pages(bytes: &[u8], max: usize) -> Result<Vec<u64>, SampleError> {
    let mut d = tiff::decoder::Decoder::new(Cursor::new(bytes)).map_err(err)?;
    let mut sizes = Vec::new();
    loop {
        if sizes.len() == max {
            return Err(SampleError(format!(
                "it has more than {max} pages; downkit reads at most {max} pages a file: split \
                 the scan into smaller files"
            )));
        }
        let (w, h) = d.dimensions().map_err(err)?;
        sizes.push(u64::from(w) * u64::from(h));
        if !d.more_images() {
            return Ok(sizes);
        }
        d.next_image().map_err(err)?;
    }
}

/// The size in pixels of a PNG or JPEG file's image, from its header.
pub fn pixels(bytes: &[u8], kind: Kind) -> Result<u64, SampleError> {
    let (w, h) = match kind {
        Kind::Png => {
            let r = png::Decoder::new(Cursor::new(bytes))
                .read_info()
                .map_err(err)?;
            (r.info().width, r.info().height)
        }
        Kind::Jpeg => {
            let opts = DecoderOptions::default()
                .set_max_width(1 << 16)
                .set_max_height(1 << 16);
            let mut d = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), opts);
            d.decode_headers().map_err(err)?;
            let info = d.info().ok_or_else(|| err("no JPEG header"))?;
            (u32::from(info.width), u32::from(info.height))
        }
        Kind::Pdf | Kind::Tiff => return Err(err("not a single image")),
    };
    Ok(u64::from(w) * u64::from(h))
}

/// Decodes page `index` (0-based) of a TIFF file to grey: 1-bit (CCITT G3/G4, PackBits),
/// grey, RGB, palette or CMYK, uncompressed or LZW, Deflate or JPEG compressed.
pub fn tiff(bytes: &[u8], index: usize) -> Result<Gray, SampleError> {
    use tiff::decoder::DecodingResult;
    use tiff::ColorType;
    let mut limits = tiff::decoder::Limits::default();
    limits.decoding_buffer_size = super::gray::MAX_PAGE_PIXELS as usize * 4;
    limits.intermediate_buffer_size = super::gray::MAX_PAGE_PIXELS as usize * 4;
    let mut d = tiff::decoder::Decoder::new(Cursor::new(bytes))
        .map_err(err)?
        .with_limits(limits);
    d.seek_to_image(index).map_err(err)?;
    let (w, h) = d.dimensions().map_err(err)?;
    check_size(w, h)?;
    let colour = d.colortype().map_err(err)?;
    let data = match d.read_image().map_err(err)? {
        DecodingResult::U8(v) => v,
        DecodingResult::U16(v) => {
            return grey16(w, h, colour, &v);
        }
        _ => return Err(err("TIFF samples wider than 16 bits are not read")),
    };
    let layout = match colour {
        ColorType::Gray(b @ (1 | 2 | 4 | 8)) => Samples::Gray { bits: b },
        ColorType::RGB(8) => Samples::Rgb { bits: 8 },
        ColorType::CMYK(8) => Samples::Cmyk,
        ColorType::RGBA(8) => {
            let rgb: Vec<u8> = data
                .chunks_exact(4)
                .flat_map(|c| [c[0], c[1], c[2]])
                .collect();
            return Gray::from_samples(w, h, &Samples::Rgb { bits: 8 }, &rgb, false);
        }
        other => {
            return Err(SampleError(format!(
                "TIFF colour type {other:?} is not read; scan in black and white, grey or colour"
            )))
        }
    };
    Gray::from_samples(w, h, &layout, &data, false)
}

fn grey16(w: u32, h: u32, colour: tiff::ColorType, v: &[u16]) -> Result<Gray, SampleError> {
    let bytes: Vec<u8> = v.iter().map(|s| (s >> 8) as u8).collect();
    let layout = match colour {
        tiff::ColorType::Gray(16) => Samples::Gray { bits: 8 },
        tiff::ColorType::RGB(16) => Samples::Rgb { bits: 8 },
        other => {
            return Err(SampleError(format!(
                "TIFF colour type {other:?} is not read"
            )))
        }
    };
    Gray::from_samples(w, h, &layout, &bytes, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(Kind::Pdf));
        assert_eq!(sniff(b"\xEF\xBB\xBF%PDF-1.4"), Some(Kind::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(Kind::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(Kind::Jpeg));
        assert_eq!(sniff(b"II*\0...."), Some(Kind::Tiff));
        assert_eq!(sniff(b"PK\x03\x04"), None);
    }

    #[test]
    fn alpha_is_over_white() {
        assert_eq!(alpha(0, 0), 255);
        assert_eq!(alpha(0, 255), 0);
    }
}
