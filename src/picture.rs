//! Pictures a kit prints (a logo, a diagram): PNG, JPEG or SVG files of the kit, checked and
//! decoded once when the kit is loaded, and carried unchanged through layout (which only
//! needs their proportions) to render (which embeds them).
//!
//! - JPEG: kept as the file's bytes (a PDF reads baseline and progressive JPEG itself);
//!   only its header is read, for the size and the colour components.
//! - PNG: decoded to 8-bit grey or RGB samples, with an alpha channel when it has one.
//! - SVG: parsed once here (every problem reported at load), kept as its text; render
//!   converts it to vector PDF drawing. Text and embedded images inside an SVG are refused
//!   (no font or file outside the kit is ever read for it).

use std::io::Cursor;
use zune_core::bytestream::ZCursor;
use zune_core::options::DecoderOptions;

/// Largest picture file a kit may name, bytes.
pub const MAX_PICTURE_BYTES: u64 = 4 * 1024 * 1024;
/// Most pixels of a PNG or JPEG (4000 × 4000: a full A4 page at well over 300 dpi).
pub const MAX_PIXELS: u64 = 16_000_000;

/// A picture's content, as render embeds it.
#[derive(Debug, Clone, PartialEq)]
pub enum PictureData {
    /// A JPEG file's bytes, `components` colour channels (1 grey, 3 colour).
    Jpeg { bytes: Vec<u8>, components: u8 },
    /// 8-bit samples, row by row: one per pixel (grey) or three (RGB); `alpha`, one per
    /// pixel, when the picture is partly transparent.
    Raster {
        rgb: bool,
        samples: Vec<u8>,
        alpha: Option<Vec<u8>>,
    },
    /// An SVG document's text.
    Svg { text: String },
}

/// A decoded picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The file as shown in messages (`logo.png`).
    pub name: String,
    /// Intrinsic width: pixels (PNG, JPEG) or SVG user units.
    pub width: f32,
    /// Intrinsic height, in the same unit.
    pub height: f32,
    /// The first 16 hex digits of the SHA-256 of the file: names the picture in the PDF and in
    /// page fingerprints (a changed logo is a changed page).
    pub digest: String,
    /// Pixel size of a raster picture (`None` for SVG).
    pub pixels: Option<(u32, u32)>,
    /// The content.
    pub data: PictureData,
}

impl Picture {
    /// Height over width.
    pub fn aspect(&self) -> f32 {
        self.height / self.width
    }
}

/// Why a file cannot be printed as a picture, with how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct PictureError {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

fn bad(message: impl Into<String>, hint: impl Into<String>) -> PictureError {
    PictureError {
        message: message.into(),
        hint: hint.into(),
    }
}

/// The kind of a picture file from its first bytes (whatever its name says).
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("png");
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("jpeg");
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
    if head.contains("<svg") || (head.trim_start().starts_with("<?xml") && head.contains("svg")) {
        return Some("svg");
    }
    None
}

/// Decodes the picture file `bytes`, shown as `name`.
pub fn decode(bytes: Vec<u8>, name: &str) -> Result<Picture, PictureError> {
    use sha2::Digest;
    let digest: String = sha2::Sha256::digest(&bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut p = match sniff(&bytes) {
        Some("png") => png(&bytes, name),
        Some("jpeg") => jpeg(bytes, name),
        Some(_) => svg(bytes, name),
        None => Err(bad(
            format!("`{name}` is not a PNG, JPEG or SVG picture"),
            "save the picture as PNG (logos, diagrams), JPEG (photos) or SVG (drawings)",
        )),
    }?;
    p.digest = digest;
    Ok(p)
}

fn too_many(name: &str, w: u32, h: u32) -> PictureError {
    bad(
        format!(
            "`{name}` is {w} × {h} pixels; a picture may have at most {} million",
            MAX_PIXELS / 1_000_000
        ),
        "scale it down: 300 pixels per inch of its printed size is sharp on paper (a 60 mm wide logo: about 700 pixels)",
    )
}

fn check_pixels(name: &str, w: u32, h: u32) -> Result<(), PictureError> {
    if w == 0 || h == 0 {
        return Err(bad(
            format!("`{name}` has no pixels ({w} × {h})"),
            "export the picture again",
        ));
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(too_many(name, w, h));
    }
    Ok(())
}

fn png(bytes: &[u8], name: &str) -> Result<Picture, PictureError> {
    let broken = |e: png::DecodingError| {
        bad(
            format!("`{name}` is not a readable PNG: {e}"),
            "open it in an image editor and save it again as PNG",
        )
    };
    let mut d = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            bytes: MAX_PIXELS as usize * 4,
        },
    );
    d.set_transformations(png::Transformations::normalize_to_color8());
    let mut r = d.read_info().map_err(broken)?;
    let (w, h) = (r.info().width, r.info().height);
    check_pixels(name, w, h)?;
    let size = r.output_buffer_size().ok_or_else(|| too_many(name, w, h))?;
    let mut buf = vec![0; size];
    let info = r.next_frame(&mut buf).map_err(broken)?;
    let n = (w as usize) * (h as usize);
    let split = |channels: usize, colour: usize| -> (Vec<u8>, Option<Vec<u8>>) {
        let px = buf.chunks_exact(channels).take(n);
        if channels == colour {
            return (buf[..n * channels].to_vec(), None);
        }
        let samples = px.clone().flat_map(|c| c[..colour].to_vec()).collect();
        let alpha: Vec<u8> = px.map(|c| c[colour]).collect();
        // Fully opaque: no soft mask.
        let alpha = alpha.iter().any(|a| *a != 255).then_some(alpha);
        (samples, alpha)
    };
    let (rgb, (samples, alpha)) = match info.color_type {
        png::ColorType::Grayscale => (false, split(1, 1)),
        png::ColorType::GrayscaleAlpha => (false, split(2, 1)),
        png::ColorType::Rgb => (true, split(3, 3)),
        png::ColorType::Rgba => (true, split(4, 3)),
        png::ColorType::Indexed => {
            return Err(bad(
                format!("`{name}` is an indexed PNG that could not be expanded"),
                "save it as an RGB PNG",
            ))
        }
    };
    if samples.len() != n * if rgb { 3 } else { 1 } {
        return Err(bad(
            format!("`{name}` holds fewer pixels than its size says"),
            "open it in an image editor and save it again as PNG",
        ));
    }
    Ok(Picture {
        name: name.to_string(),
        width: w as f32,
        height: h as f32,
        digest: String::new(),
        pixels: Some((w, h)),
        data: PictureData::Raster {
            rgb,
            samples,
            alpha,
        },
    })
}

fn jpeg(bytes: Vec<u8>, name: &str) -> Result<Picture, PictureError> {
    let opts = DecoderOptions::default()
        .set_max_width(1 << 16)
        .set_max_height(1 << 16);
    let mut d = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(&bytes), opts);
    d.decode_headers().map_err(|e| {
        bad(
            format!("`{name}` is not a readable JPEG: {e}"),
            "open it in an image editor and save it again as JPEG",
        )
    })?;
    let info = d.info().ok_or_else(|| {
        bad(
            format!("`{name}` has no JPEG header"),
            "save it again as JPEG",
        )
    })?;
    let (w, h, components) = (
        u32::from(info.width),
        u32::from(info.height),
        info.components,
    );
    check_pixels(name, w, h)?;
    if components != 1 && components != 3 {
        return Err(bad(
            format!("`{name}` is a JPEG with {components} colour channels (CMYK)"),
            "save it as an RGB or greyscale JPEG, or as PNG",
        ));
    }
    drop(d);
    Ok(Picture {
        name: name.to_string(),
        width: w as f32,
        height: h as f32,
        digest: String::new(),
        pixels: Some((w, h)),
        data: PictureData::Jpeg { bytes, components },
    })
}

/// How an SVG is parsed: no file, font or URL is ever read for it.
pub fn svg_options() -> svg2pdf::usvg::Options<'static> {
    svg2pdf::usvg::Options {
        image_href_resolver: svg2pdf::usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..Default::default()
    }
}

fn svg(bytes: Vec<u8>, name: &str) -> Result<Picture, PictureError> {
    let text = String::from_utf8(bytes).map_err(|_| {
        bad(
            format!("`{name}` is not UTF-8 text, so not a readable SVG"),
            "save the drawing again as plain SVG (UTF-8)",
        )
    })?;
    let lower = text.to_lowercase();
    if lower.contains("<text") {
        return Err(bad(
            format!("`{name}` has text in it, which downkit does not print from an SVG"),
            "convert the text to paths (Inkscape: Path → Object to Path), or write it in the kit instead",
        ));
    }
    if lower.contains("<image") {
        return Err(bad(
            format!("`{name}` has a picture inside it (an <image> element)"),
            "name the inner picture itself in the kit, or export the drawing as PNG",
        ));
    }
    let tree = svg2pdf::usvg::Tree::from_str(&text, &svg_options()).map_err(|e| {
        bad(
            format!("`{name}` is not a readable SVG: {e}"),
            "open it in a drawing program (Inkscape) and save it again as plain SVG",
        )
    })?;
    let size = tree.size();
    if !tree.root().has_children() {
        return Err(bad(
            format!("`{name}` draws nothing"),
            "export the drawing again, with its content",
        ));
    }
    Ok(Picture {
        name: name.to_string(),
        width: size.width(),
        height: size.height(),
        digest: String::new(),
        pixels: None,
        data: PictureData::Svg { text },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_bytes(w: u32, h: u32, colour: png::ColorType, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, w, h);
        e.set_color(colour);
        e.set_depth(png::BitDepth::Eight);
        e.write_header().unwrap().write_image_data(data).unwrap();
        out
    }

    #[test]
    fn png_with_alpha_keeps_a_mask_and_opaque_drops_it() {
        let p = decode(
            png_bytes(
                2,
                1,
                png::ColorType::Rgba,
                &[255, 0, 0, 255, 0, 0, 255, 128],
            ),
            "a.png",
        )
        .unwrap();
        assert_eq!((p.width, p.height), (2.0, 1.0));
        let PictureData::Raster {
            rgb,
            samples,
            alpha,
        } = p.data
        else {
            panic!("not raster")
        };
        assert!(rgb);
        assert_eq!(samples, vec![255, 0, 0, 0, 0, 255]);
        assert_eq!(alpha, Some(vec![255, 128]));
        let p = decode(png_bytes(1, 2, png::ColorType::Grayscale, &[0, 9]), "g.png").unwrap();
        assert_eq!(
            p.data,
            PictureData::Raster {
                rgb: false,
                samples: vec![0, 9],
                alpha: None
            }
        );
    }

    #[test]
    fn refuses_other_files_text_in_svg_and_huge_pictures() {
        let e = decode(b"GIF89a....".to_vec(), "x.gif").unwrap_err();
        assert!(e.message.contains("not a PNG, JPEG or SVG"), "{e:?}");
        let e = decode(
            br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>Hi</text></svg>"#
                .to_vec(),
            "t.svg",
        )
        .unwrap_err();
        assert!(e.message.contains("has text in it"), "{e:?}");
        // A 5000 × 4000 header: refused before a pixel is decoded.
        let big = png_bytes(
            5000,
            4000,
            png::ColorType::Grayscale,
            &vec![255; 5000 * 4000],
        );
        let e = decode(big, "big.png").unwrap_err();
        assert!(e.message.contains("5000 × 4000 pixels"), "{e:?}");
    }

    #[test]
    fn svg_keeps_its_proportions() {
        let p = decode(
            br#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"><rect width="40" height="10"/></svg>"#
                .to_vec(),
            "r.svg",
        )
        .unwrap();
        assert_eq!(p.aspect(), 0.25);
        assert!(matches!(p.data, PictureData::Svg { .. }));
    }
}
