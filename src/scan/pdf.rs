//! Scanned pages inside a PDF: the images of each page, as multifunction printers write them
//! (one image a page: JPEG/DCT for grey and colour, CCITT G4 or Flate for black and white),
//! decoded to [`Gray`]. JBIG2 and JPEG 2000 are named with how to rescan, never guessed at.

use super::gray::{check_size, Gray, SampleError, Samples, MAX_PAGE_PIXELS};
use super::PageProblem;
use crate::load::pdf;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// Images smaller than this on both sides are logos or stamps, not a scanned page.
const MIN_SIDE: i64 = 300;

/// Most images read on one page, largest first (a scanner writes one; an MRC scan a few).
const MAX_IMAGES: usize = 4;

/// An opened PDF and its pages in order.
pub struct PdfScan {
    doc: Document,
    pages: Vec<ObjectId>,
}

impl PdfScan {
    /// Parses a PDF held in memory ([`crate::load::pdf`]); at most `max_pages` pages.
    pub fn open(bytes: &[u8], max_pages: usize) -> Result<PdfScan, String> {
        let doc = pdf::parse(bytes)?;
        if doc.is_encrypted() {
            return Err("it is encrypted; scan without a password".into());
        }
        let pages = pdf::pages(&doc, max_pages)?;
        Ok(PdfScan { doc, pages })
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The scanned images of page `index` (0-based), largest first.
    pub fn page_images(&self, index: usize) -> Result<Vec<Gray>, PageProblem> {
        self.page_streams(index)?
            .into_iter()
            .map(|(s, _)| self.image(s))
            .collect::<Result<Vec<_>, _>>()
    }

    /// The pixels the images of page `index` hold together, as their dictionaries say,
    /// before anything is decoded.
    pub fn page_pixels(&self, index: usize) -> Result<u64, PageProblem> {
        Ok(self.page_streams(index)?.iter().map(|(_, px)| px).sum())
    }

    /// The image streams of page `index` that are read, largest first, each with its pixel
    /// count: at most [`MAX_IMAGES`], together at most [`MAX_PAGE_PIXELS`].
    fn page_streams(&self, index: usize) -> Result<Vec<(&Stream, u64)>, PageProblem> {
        let page = self.doc.get_dictionary(self.pages[index]).map_err(broken)?;
        let mut streams = Vec::new();
        if let Some(res) = self.resources(page) {
            self.collect(res, 0, &mut streams);
        }
        // One image drawn through several forms is read once.
        streams.sort_by_key(|s| std::ptr::from_ref(*s) as usize);
        streams.dedup_by_key(|s| std::ptr::from_ref(*s) as usize);
        if streams.is_empty() {
            return Err(PageProblem::NoImage);
        }
        let mut sized: Vec<(&Stream, u64)> = streams
            .into_iter()
            .map(|s| {
                let side = |k: &[u8]| u64::try_from(int(&self.doc, &s.dict, k)).unwrap_or(0);
                (s, side(b"Width").saturating_mul(side(b"Height")))
            })
            .collect();
        sized.sort_by_key(|(_, px)| std::cmp::Reverse(*px));
        sized.truncate(MAX_IMAGES);
        let total: u64 = sized.iter().map(|(_, px)| px).sum();
        if total > MAX_PAGE_PIXELS {
            return Err(PageProblem::TooLarge(total));
        }
        Ok(sized)
    }

    /// The page's resources, inherited from the page tree when the page has none.
    fn resources<'a>(&'a self, mut node: &'a Dictionary) -> Option<&'a Dictionary> {
        for _ in 0..32 {
            if let Ok(r) = node.get(b"Resources") {
                return self.doc.dereference(r).ok()?.1.as_dict().ok();
            }
            let parent = node.get(b"Parent").ok()?;
            node = self.doc.dereference(parent).ok()?.1.as_dict().ok()?;
        }
        None
    }

    /// Image XObjects of a resource dictionary, and of the forms it draws (a few levels).
    fn collect<'a>(&'a self, res: &'a Dictionary, depth: u32, out: &mut Vec<&'a Stream>) {
        let Some(xobjects) = res
            .get(b"XObject")
            .ok()
            .and_then(|x| self.doc.dereference(x).ok())
            .and_then(|(_, x)| x.as_dict().ok())
        else {
            return;
        };
        for (_, v) in xobjects.iter() {
            let Ok((_, Object::Stream(s))) = self.doc.dereference(v) else {
                continue;
            };
            match s.dict.get(b"Subtype").and_then(Object::as_name) {
                Ok(b"Image") => {
                    let (w, h) = (
                        int(&self.doc, &s.dict, b"Width"),
                        int(&self.doc, &s.dict, b"Height"),
                    );
                    if w >= MIN_SIDE || h >= MIN_SIDE {
                        out.push(s);
                    }
                }
                Ok(b"Form") if depth < 3 => {
                    if let Some(r) = self.resources(&s.dict) {
                        self.collect(r, depth + 1, out);
                    }
                }
                _ => {}
            }
        }
    }

    /// Decodes one image XObject.
    fn image(&self, s: &Stream) -> Result<Gray, PageProblem> {
        let d = &s.dict;
        let (w, h) = (int(&self.doc, d, b"Width"), int(&self.doc, d, b"Height"));
        let (w, h) = (u32::try_from(w).unwrap_or(0), u32::try_from(h).unwrap_or(0));
        check_size(w, h).map_err(sample)?;
        let filters = filters(&self.doc, d);
        let Some(last) = filters.last().map(Vec::as_slice) else {
            return self.raw(s, w, h, &s.content);
        };
        match last {
            b"JBIG2Decode" => return Err(PageProblem::Jbig2),
            b"JPXDecode" => return Err(PageProblem::Jpx),
            _ => {}
        }
        // Filters before the image codec (e.g. ASCII85 around a JPEG) are general ones.
        let codec = matches!(last, b"DCTDecode" | b"DCT" | b"CCITTFaxDecode" | b"CCF");
        let data = if codec && filters.len() > 1 {
            let mut pre = s.clone();
            let names = filters[..filters.len() - 1]
                .iter()
                .map(|n| Object::Name(n.clone()))
                .collect();
            pre.dict.set("Filter", Object::Array(names));
            pre.dict.remove(b"DecodeParms");
            pdf::inflate(&pre, MAX_PAGE_PIXELS as usize * 4).map_err(PageProblem::Broken)?
        } else if codec {
            s.content.clone()
        } else {
            self.flate(s, filters.len() - 1)?
        };
        match last {
            b"DCTDecode" | b"DCT" => {
                let mut g = super::raster::jpeg(&data).map_err(sample)?;
                if decode_inverted(&self.doc, d) {
                    g.pixels.iter_mut().for_each(|p| *p = 255 - *p);
                }
                Ok(g)
            }
            b"CCITTFaxDecode" | b"CCF" => {
                let parms = decode_parms(&self.doc, d, filters.len() - 1);
                let bits = ccitt(&self.doc, parms, w, h, &data)?;
                Gray::from_samples(
                    w,
                    h,
                    &Samples::Gray { bits: 1 },
                    &bits,
                    decode_inverted(&self.doc, d),
                )
                .map_err(sample)
            }
            _ => self.raw(s, w, h, &data),
        }
    }

    /// The samples of a Flate or LZW image, PNG predictors undone. lopdf undoes predictors
    /// for 8-bit samples only (it takes a 1-bit row for a byte a pixel), so they are undone
    /// here, for every sample width.
    fn flate(&self, s: &Stream, last: usize) -> Result<Vec<u8>, PageProblem> {
        let parms = decode_parms(&self.doc, &s.dict, last);
        let predictor = parms.map_or(1, |p| int(&self.doc, p, b"Predictor"));
        let mut plain = s.clone();
        if predictor >= 2 {
            plain.dict.remove(b"DecodeParms");
        }
        let data = pdf::inflate(&plain, MAX_PAGE_PIXELS as usize * 5)
            .map_err(|e| PageProblem::Unsupported(format!("an image stream ({e})")))?;
        match (predictor, parms) {
            (10..=15, Some(p)) => {
                let get =
                    |k: &[u8], d: i64| Some(int(&self.doc, p, k)).filter(|v| *v > 0).unwrap_or(d);
                let (bpc, colors, columns) = (
                    get(b"BitsPerComponent", 8),
                    get(b"Colors", 1),
                    get(b"Columns", 1),
                );
                // The row filters' row is at most a 65,535-pixel row of 4 16-bit samples.
                if bpc > 16 || colors > 4 || columns > 0xFFFF {
                    return Err(PageProblem::Broken(format!(
                        "row filters for {columns} columns of {colors} × {bpc} bits"
                    )));
                }
                let bits = bpc * colors;
                let row = ((columns * bits + 7) / 8) as usize;
                Ok(unpredict_png(&data, row, ((bits + 7) / 8) as usize))
            }
            (2..=9, _) => Err(PageProblem::Unsupported(
                "images with the TIFF predictor".into(),
            )),
            _ => Ok(data),
        }
    }

    /// Unencoded samples (after Flate, LZW or nothing) in the image's colour space.
    fn raw(&self, s: &Stream, w: u32, h: u32, data: &[u8]) -> Result<Gray, PageProblem> {
        let d = &s.dict;
        let mask = d
            .get(b"ImageMask")
            .and_then(Object::as_bool)
            .unwrap_or(false);
        let bits = if mask {
            1
        } else {
            u8::try_from(int(&self.doc, d, b"BitsPerComponent")).unwrap_or(8)
        };
        let layout = if mask {
            Samples::Gray { bits: 1 }
        } else {
            let cs = d
                .get(b"ColorSpace")
                .ok()
                .and_then(|c| self.doc.dereference(c).ok())
                .map(|(_, c)| c);
            colour_space(&self.doc, cs, bits)?
        };
        Gray::from_samples(w, h, &layout, data, decode_inverted(&self.doc, d)).map_err(sample)
    }
}

fn broken(e: lopdf::Error) -> PageProblem {
    PageProblem::Broken(e.to_string())
}

fn sample(e: SampleError) -> PageProblem {
    PageProblem::Broken(e.0)
}

/// An integer entry, following references; 0 when missing.
fn int(doc: &Document, d: &Dictionary, key: &[u8]) -> i64 {
    d.get(key)
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_i64().ok())
        .unwrap_or(0)
}

/// The names of the stream's filters, in decoding order.
fn filters(doc: &Document, d: &Dictionary) -> Vec<Vec<u8>> {
    match d.get(b"Filter").ok().and_then(|o| doc.dereference(o).ok()) {
        Some((_, Object::Name(n))) => vec![n.clone()],
        Some((_, Object::Array(a))) => a
            .iter()
            .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    }
}

/// The decode parameters of filter `i`.
fn decode_parms<'a>(doc: &'a Document, d: &'a Dictionary, i: usize) -> Option<&'a Dictionary> {
    match d
        .get(b"DecodeParms")
        .ok()
        .and_then(|o| doc.dereference(o).ok())?
    {
        (_, Object::Dictionary(p)) => Some(p),
        (_, Object::Array(a)) => doc.dereference(a.get(i)?).ok()?.1.as_dict().ok(),
        _ => None,
    }
}

/// Whether `/Decode` maps samples the other way round (`[1 0 …]`).
fn decode_inverted(doc: &Document, d: &Dictionary) -> bool {
    let Some((_, Object::Array(a))) = d.get(b"Decode").ok().and_then(|o| doc.dereference(o).ok())
    else {
        return false;
    };
    let num = |o: &Object| {
        o.as_float()
            .ok()
            .or_else(|| o.as_i64().ok().map(|i| i as f32))
    };
    matches!((a.first().and_then(num), a.get(1).and_then(num)), (Some(lo), Some(hi)) if lo > hi)
}

/// The sample layout of a colour space (name or array, references followed).
fn colour_space(doc: &Document, cs: Option<&Object>, bits: u8) -> Result<Samples, PageProblem> {
    let unsupported = |what: &str| {
        PageProblem::Unsupported(format!(
            "images in the colour space {what}; scan in black and white, grey or colour"
        ))
    };
    let Some(cs) = cs else {
        return Ok(Samples::Gray { bits });
    };
    let name_of = |n: &[u8]| -> Result<Samples, PageProblem> {
        match n {
            b"DeviceGray" | b"G" | b"CalGray" => Ok(Samples::Gray { bits }),
            b"DeviceRGB" | b"RGB" | b"CalRGB" => Ok(Samples::Rgb { bits }),
            b"DeviceCMYK" | b"CMYK" if bits == 8 => Ok(Samples::Cmyk),
            other => Err(unsupported(&String::from_utf8_lossy(other))),
        }
    };
    match cs {
        Object::Name(n) => name_of(n),
        Object::Array(a) => {
            let head = a.first().and_then(|o| o.as_name().ok()).unwrap_or_default();
            match head {
                b"ICCBased" => {
                    let n = a
                        .get(1)
                        .and_then(|o| doc.dereference(o).ok())
                        .and_then(|(_, o)| o.as_stream().ok())
                        .map_or(1, |s| int(doc, &s.dict, b"N"));
                    match n {
                        1 => Ok(Samples::Gray { bits }),
                        3 => Ok(Samples::Rgb { bits }),
                        4 if bits == 8 => Ok(Samples::Cmyk),
                        _ => Err(unsupported("ICCBased")),
                    }
                }
                b"Indexed" | b"I" => indexed(doc, a, bits).ok_or_else(|| unsupported("Indexed")),
                other => name_of(other),
            }
        }
        _ => Err(unsupported("of an unknown kind")),
    }
}

/// `[/Indexed base hival lookup]` with an RGB or grey base.
fn indexed(doc: &Document, a: &[Object], bits: u8) -> Option<Samples> {
    let base = doc.dereference(a.get(1)?).ok()?.1;
    let comps = match base {
        Object::Name(n) if n == b"DeviceRGB" || n == b"RGB" => 3,
        Object::Name(n) if n == b"DeviceGray" || n == b"G" => 1,
        Object::Array(b) if b.first().and_then(|o| o.as_name().ok()) == Some(b"ICCBased") => {
            let s = doc.dereference(b.get(1)?).ok()?.1.as_stream().ok()?;
            int(doc, &s.dict, b"N") as usize
        }
        _ => return None,
    };
    let lookup = match doc.dereference(a.get(3)?).ok()?.1 {
        Object::String(s, _) => s.clone(),
        Object::Stream(s) => pdf::inflate(s, 256 * 4).ok()?,
        _ => return None,
    };
    let rgb = lookup
        .chunks_exact(comps)
        .map(|c| match c {
            [g] => [*g, *g, *g],
            [r, g, b] => [*r, *g, *b],
            _ => [255, 255, 255],
        })
        .collect();
    Some(Samples::Palette { bits, rgb })
}

/// Undoes PNG row filters (each row prefixed by its filter type) on rows of `row` bytes,
/// with `bpp` bytes a pixel (at least 1) for the left neighbour.
fn unpredict_png(data: &[u8], row: usize, bpp: usize) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let Some((&kind, line)) = chunk.split_first() else {
            break;
        };
        let mut cur = line.to_vec();
        cur.resize(row, 0);
        for i in 0..row {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let (b, c) = (prev[i], if i >= bpp { prev[i - bpp] } else { 0 });
            let add = match kind {
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => {
                    let p = i16::from(a) + i16::from(b) - i16::from(c);
                    let (pa, pb, pc) = (
                        (p - i16::from(a)).abs(),
                        (p - i16::from(b)).abs(),
                        (p - i16::from(c)).abs(),
                    );
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                _ => 0,
            };
            cur[i] = cur[i].wrapping_add(add);
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    out
}

/// Decodes CCITT fax data to 1-bit rows (bit 1 = white, as DeviceGray reads them).
fn ccitt(
    doc: &Document,
    parms: Option<&Dictionary>,
    w: u32,
    h: u32,
    data: &[u8],
) -> Result<Vec<u8>, PageProblem> {
    let get = |key: &[u8]| parms.map(|p| int(doc, p, key));
    let flag = |key: &[u8]| {
        parms
            .and_then(|p| p.get(key).ok())
            .and_then(|o| o.as_bool().ok())
            .unwrap_or(false)
    };
    let k = get(b"K").unwrap_or(0);
    let columns = get(b"Columns").filter(|c| *c > 0).unwrap_or(1728);
    let black_is_1 = flag(b"BlackIs1");
    let (Ok(width), Ok(rows)) = (u16::try_from(columns), u16::try_from(h)) else {
        return Err(PageProblem::Broken(format!(
            "a fax image {columns} × {h} pixels wide"
        )));
    };
    let row_bytes = (w as usize).div_ceil(8);
    let mut out = Vec::with_capacity(row_bytes * h as usize);
    let mut line = |transitions: &[u16]| {
        if out.len() >= row_bytes * h as usize {
            return;
        }
        let mut row = vec![0u8; row_bytes];
        for (x, c) in fax::decoder::pels(transitions, width)
            .enumerate()
            .take(w as usize)
        {
            // Without BlackIs1 the filter writes 0 for black, so that DeviceGray shows black.
            let bit = (c == fax::Color::White) != black_is_1;
            if bit {
                row[x / 8] |= 0x80 >> (x % 8);
            }
        }
        out.extend_from_slice(&row);
    };
    let ok = if k < 0 {
        fax::decoder::decode_g4(data.iter().copied(), width, Some(rows), &mut line)
    } else if k == 0 {
        fax::decoder::decode_g3(data.iter().copied(), &mut line)
    } else {
        return Err(PageProblem::Unsupported(
            "CCITT Group 3 two-dimensional fax images; set the scanner to Group 4 (G4) or JPEG"
                .into(),
        ));
    };
    if ok.is_none() && out.is_empty() {
        return Err(PageProblem::Broken(
            "the CCITT fax image data is damaged".into(),
        ));
    }
    // A short image (damaged data) is padded with white so that what was read still counts.
    let white = if black_is_1 { 0x00 } else { 0xFF };
    out.resize(row_bytes * h as usize, white);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    /// A one-page PDF whose page draws one image XObject with `dict` entries and `data`.
    fn pdf_with_image(dict: Dictionary, data: Vec<u8>) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let mut d = dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
        };
        d.extend(&dict);
        let img = doc.add_object(Stream::new(d, data));
        let content = doc.add_object(Stream::new(
            dictionary! {},
            b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec(),
        ));
        let pages_id = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        // Resources inherited from the page tree, as some scanners write them.
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page.into()],
                "Count" => 1,
                "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => img } },
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn flate_grey_image_with_inherited_resources() {
        use std::io::Write;
        let (w, h) = (400u32, 300u32);
        let raw: Vec<u8> = (0..w * h)
            .map(|i| if i % 2 == 0 { 0 } else { 255 })
            .collect();
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(&raw).unwrap();
        let bytes = pdf_with_image(
            dictionary! {
                "Width" => w as i64, "Height" => h as i64, "BitsPerComponent" => 8,
                "ColorSpace" => "DeviceGray", "Filter" => "FlateDecode",
            },
            z.finish().unwrap(),
        );
        let scan = PdfScan::open(&bytes, 10).unwrap();
        assert_eq!(scan.page_count(), 1);
        let imgs = scan.page_images(0).unwrap();
        assert_eq!((imgs[0].width, imgs[0].height), (w, h));
        assert_eq!(imgs[0].pixels[..4], [0, 255, 0, 255]);
    }

    #[test]
    fn png_predictors_on_one_bit_rows() {
        // Two rows of 12 one-bit pixels (2 bytes each): row 1 "Sub", row 2 "Up".
        let filtered = [1, 0b1000_0000, 0b0000_0000, 2, 0b0000_0001, 0b0000_0000];
        assert_eq!(unpredict_png(&filtered, 2, 1), [0x80, 0x80, 0x81, 0x80]);
        let paeth = [4, 10, 20, 4, 1, 1];
        assert_eq!(unpredict_png(&paeth, 2, 1), [10, 30, 11, 31]);
    }

    #[test]
    fn jbig2_and_jpeg2000_are_named() {
        let d = |f: &str| {
            dictionary! {
                "Width" => 2480, "Height" => 3508, "BitsPerComponent" => 1,
                "ColorSpace" => "DeviceGray", "Filter" => f,
            }
        };
        let scan = PdfScan::open(&pdf_with_image(d("JBIG2Decode"), vec![0; 16]), 10).unwrap();
        assert_eq!(scan.page_images(0), Err(PageProblem::Jbig2));
        assert!(PageProblem::Jbig2.message().contains("rescan"));
        let scan = PdfScan::open(&pdf_with_image(d("JPXDecode"), vec![0; 16]), 10).unwrap();
        assert_eq!(scan.page_images(0), Err(PageProblem::Jpx));
    }

    #[test]
    fn inverted_decode_and_image_masks() {
        // 8 pixels, one byte: 0b1111_0000.
        let bytes = pdf_with_image(
            dictionary! {
                "Width" => 8, "Height" => 400, "ImageMask" => true,
                "Decode" => vec![1.into(), 0.into()],
            },
            vec![0b1111_0000; 400],
        );
        let imgs = PdfScan::open(&bytes, 10).unwrap().page_images(0).unwrap();
        assert_eq!(imgs[0].pixels[..8], [0, 0, 0, 0, 255, 255, 255, 255]);
    }
}
