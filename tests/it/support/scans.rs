//! Scans made the way they happen, for the scan-back tests: pages of built kits rendered with
//! `pdftoppm`, degraded with ImageMagick (blur, noise, rotation, JPEG, 1-bit threshold, the
//! kind of damage a multifunction printer does) and put together with `img2pdf`.

use super::tool;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The ImageMagick command: `magick` (IM 7), else `convert-im6.q16` (Debian's IM 6; a
/// `convert` early on the PATH may be something else).
pub fn magick() -> &'static str {
    static FOUND: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
    FOUND.get_or_init(|| {
        ["magick", "convert-im6.q16", "convert"]
            .into_iter()
            .find(|c| {
                Command::new(c)
                    .arg("-version")
                    .output()
                    .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("ImageMagick"))
            })
            .expect("ImageMagick is needed for this test (apt-get install imagemagick)")
    })
}

/// How a page is damaged on its way through a scanner, and the file type it ends up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// Grey, as rendered (PNG; Flate in a PDF).
    Clean,
    /// Out of focus (PNG).
    Blur,
    /// Sensor noise (PNG).
    Noise,
    /// Fed in at 2° (PNG).
    Rotated,
    /// JPEG at quality 50 (DCT in a PDF).
    Jpeg50,
    /// Blurred a little and JPEG at quality 50, as a phone or a cheap scanner.
    BlurJpeg,
    /// Black and white at a 55 % threshold, CCITT G4 TIFF (CCITT in a PDF).
    OneBit,
    /// A multifunction printer's black-and-white scan: 1.5° skew, blur, noise, threshold, G4.
    Mfp,
}

impl Damage {
    /// ImageMagick options and the output extension.
    fn args(self) -> (&'static [&'static str], &'static str) {
        match self {
            Damage::Clean => (&[], "png"),
            Damage::Blur => (&["-blur", "0x1.2"], "png"),
            Damage::Noise => (
                &[
                    "-attenuate",
                    "0.5",
                    "+noise",
                    "Gaussian",
                    "-colorspace",
                    "Gray",
                ],
                "png",
            ),
            Damage::Rotated => (&["-background", "white", "-rotate", "2", "+repage"], "png"),
            Damage::Jpeg50 => (&["-quality", "50"], "jpg"),
            Damage::BlurJpeg => (&["-blur", "0x0.8", "-quality", "50"], "jpg"),
            Damage::OneBit => (
                &[
                    "-threshold",
                    "55%",
                    "-type",
                    "bilevel",
                    "-compress",
                    "Group4",
                ],
                "tif",
            ),
            Damage::Mfp => (
                &[
                    "-background",
                    "white",
                    "-rotate",
                    "-1.5",
                    "+repage",
                    "-blur",
                    "0x0.8",
                    "-attenuate",
                    "0.3",
                    "+noise",
                    "Gaussian",
                    "-colorspace",
                    "Gray",
                    "-threshold",
                    "55%",
                    "-type",
                    "bilevel",
                    "-compress",
                    "Group4",
                ],
                "tif",
            ),
        }
    }
}

/// Renders page `page` (from 1) of `pdf` in grey at `dpi` to `<out>.png`.
pub fn render(pdf: &Path, page: usize, dpi: u32, out: &Path) -> PathBuf {
    let p = page.to_string();
    tool(
        "pdftoppm",
        &[
            "-r",
            &dpi.to_string(),
            "-gray",
            "-f",
            &p,
            "-l",
            &p,
            "-singlefile",
            "-png",
            pdf.to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    );
    out.with_extension("png")
}

/// Runs ImageMagick: `src`, then `args`, into `dst`.
pub fn magick_run(src: &Path, args: &[&str], dst: &Path) {
    let mut all = vec![src.to_str().unwrap()];
    all.extend_from_slice(args);
    all.push(dst.to_str().unwrap());
    tool(magick(), &all);
}

/// `src` damaged as `d`, written beside it; returns the new file.
pub fn damage(src: &Path, d: Damage) -> PathBuf {
    let (args, ext) = d.args();
    let dst = src.with_file_name(format!(
        "{}-{d:?}.{ext}",
        src.file_stem().unwrap().to_string_lossy()
    ));
    magick_run(src, args, &dst);
    dst
}

/// Damages many pages at once, on all cores; returns the files in order.
pub fn damage_all(jobs: &[(PathBuf, Damage)]) -> Vec<PathBuf> {
    std::thread::scope(|s| {
        let handles: Vec<_> = jobs
            .iter()
            .map(|(p, d)| s.spawn(move || damage(p, *d)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

/// Puts images into one PDF with `img2pdf` (JPEG and CCITT G4 TIFF kept as they are).
pub fn img2pdf(images: &[PathBuf], out: &Path) {
    let mut args: Vec<&str> = images.iter().map(|p| p.to_str().unwrap()).collect();
    args.extend(["-o", out.to_str().unwrap()]);
    let o = Command::new("img2pdf")
        .args(&args)
        .output()
        .expect("img2pdf is needed for this test (apt-get install img2pdf)");
    assert!(
        o.status.success(),
        "img2pdf: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The 1-based page of `pdf` whose text holds every one of `needles`.
pub fn page_with(pdf: &Path, needles: &[&str]) -> usize {
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    text.split('\u{c}')
        .position(|p| needles.iter().all(|n| p.contains(n)))
        .unwrap_or_else(|| panic!("no page of {} holds {needles:?}", pdf.display()))
        + 1
}

/// Copies a folder (a kit) recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A clean PNG of one page holding one QR code per text (side by side, 6 pixels a module,
/// quiet zones kept): hostile or forged codes are made this way, in the test.
pub fn qr_png(texts: &[&str], out: &Path) {
    let codes: Vec<qrcode::QrCode> = texts
        .iter()
        .map(|t| qrcode::QrCode::new(t.as_bytes()).expect("the text fits a QR code"))
        .collect();
    let (scale, quiet) = (6usize, 4usize);
    let sides: Vec<usize> = codes
        .iter()
        .map(|c| (c.width() + 2 * quiet) * scale)
        .collect();
    let (w, h) = (
        sides.iter().sum::<usize>().max(400),
        sides.iter().copied().max().unwrap_or(0).max(400),
    );
    let mut px = vec![255u8; w * h];
    let mut x0 = 0;
    for (c, side) in codes.iter().zip(&sides) {
        let n = c.width();
        for (i, colour) in c.to_colors().iter().enumerate() {
            if *colour == qrcode::Color::Dark {
                let (mx, my) = (i % n + quiet, i / n + quiet);
                for y in my * scale..(my + 1) * scale {
                    for x in mx * scale..(mx + 1) * scale {
                        px[y * w + x0 + x] = 0;
                    }
                }
            }
        }
        x0 += side;
    }
    let file = std::fs::File::create(out).unwrap();
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), w as u32, h as u32);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Eight);
    let mut wr = enc.write_header().unwrap();
    wr.write_image_data(&px).unwrap();
    wr.finish().unwrap();
}

/// A PDF of `pages` pages, each drawing the one image XObject made of `image` (its
/// dictionary entries) and `data`: the hostile scans of the tests, a few kilobytes however
/// many pixels they claim.
pub fn pdf_of_image(image: lopdf::Dictionary, data: Vec<u8>, pages: usize) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let mut d = dictionary! { "Type" => "XObject", "Subtype" => "Image" };
    d.extend(&image);
    let img = doc.add_object(Stream::new(d, data));
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec(),
    ));
    let pages_id = doc.new_object_id();
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "Contents" => content,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => img } },
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Count" => pages as i64, "Kids" => kids,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// `n` zero bytes, Flate-compressed (a few kilobytes for megabytes).
pub fn zeros_deflated(n: usize) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(chunk.len());
        z.write_all(&chunk[..k]).unwrap();
        left -= k;
    }
    z.finish().unwrap()
}
