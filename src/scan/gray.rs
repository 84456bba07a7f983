//! The page image every scan format is turned into: 8-bit grey, 0 black, 255 white, rows
//! top to bottom. Conversions from the sample layouts scanners write (1-bit, grey, RGB, CMYK,
//! palette) live here, so that PDF, PNG and TIFF readers share them.

/// Most pixels read on one page (all its images together): A4 at 600 dpi is 35 megapixels,
/// A3 at 400 dpi 31; beyond this a file is more likely a mistake (or a bomb) than a scan, and
/// 300 dpi reads every code downkit prints.
pub const MAX_PAGE_PIXELS: u64 = 40_000_000;

/// A grey page image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width × height` samples, row by row.
    pub pixels: Vec<u8>,
}

/// How the samples of an image are laid out.
#[derive(Debug, Clone, PartialEq)]
pub enum Samples {
    /// One grey sample per pixel (`bits` 1, 2, 4, 8 or 16), 0 = black unless `inverted`.
    Gray { bits: u8 },
    /// Red, green and blue (8 or 16 bits each).
    Rgb { bits: u8 },
    /// Cyan, magenta, yellow and black (8 bits each).
    Cmyk,
    /// Indices (`bits` 1–8) into a palette of RGB triples.
    Palette { bits: u8, rgb: Vec<[u8; 3]> },
}

/// Why samples could not be turned into an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleError(pub String);

/// Checks a size against [`MAX_PAGE_PIXELS`].
pub fn check_size(width: u32, height: u32) -> Result<(), SampleError> {
    if width == 0 || height == 0 {
        return Err(SampleError(format!(
            "the image is {width} × {height} pixels"
        )));
    }
    if u64::from(width) * u64::from(height) > MAX_PAGE_PIXELS {
        return Err(SampleError(format!(
            "the image is {width} × {height} pixels, more than the {} megapixels downkit \
             reads a page; scan at 300 dpi",
            MAX_PAGE_PIXELS / 1_000_000
        )));
    }
    Ok(())
}

/// Whether `bits` is a sample width the layouts read (1, 2, 4, 8 or 16).
fn check_bits(bits: u8) -> Result<(), SampleError> {
    match bits {
        1 | 2 | 4 | 8 | 16 => Ok(()),
        b => Err(SampleError(format!(
            "the image has {b} bits per sample; scanners write 1, 8 or 16"
        ))),
    }
}

/// Reads `bits`-wide unsigned samples from rows padded to whole bytes.
fn unpack(data: &[u8], bits: u8, per_row: usize, rows: usize) -> Result<Vec<u16>, SampleError> {
    let row_bytes = (per_row * bits as usize).div_ceil(8);
    if data.len() < row_bytes * rows {
        return Err(SampleError(format!(
            "the image data is {} bytes, {} expected",
            data.len(),
            row_bytes * rows
        )));
    }
    let mut out = Vec::with_capacity(per_row * rows);
    for row in data.chunks(row_bytes).take(rows) {
        match bits {
            8 => out.extend(row.iter().map(|&b| u16::from(b))),
            16 => out.extend(
                row.chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]) >> 8),
            ),
            1 | 2 | 4 => {
                let per_byte = 8 / bits as usize;
                let mask = (1u16 << bits) - 1;
                out.extend((0..per_row).map(|i| {
                    let byte = u16::from(row[i / per_byte]);
                    let shift = 8 - bits as usize * (i % per_byte + 1);
                    (byte >> shift) & mask
                }));
            }
            b => return Err(SampleError(format!("{b} bits per sample"))),
        }
    }
    Ok(out)
}

/// Scales a `bits`-wide sample to 0–255 (16-bit samples were already cut to 8).
fn to_byte(v: u16, bits: u8) -> u8 {
    match bits {
        8 | 16 => v as u8,
        b => (u32::from(v) * 255 / ((1u32 << b) - 1)) as u8,
    }
}

/// Luminance of an RGB pixel (ITU-R BT.601 weights).
pub fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000) as u8
}

impl Gray {
    /// An image from decoded samples; `inverted` flips grey (1-bit masks, `/Decode [1 0]`).
    pub fn from_samples(
        width: u32,
        height: u32,
        layout: &Samples,
        data: &[u8],
        inverted: bool,
    ) -> Result<Gray, SampleError> {
        check_size(width, height)?;
        match layout {
            Samples::Gray { bits } | Samples::Rgb { bits } | Samples::Palette { bits, .. } => {
                check_bits(*bits)?
            }
            Samples::Cmyk => {}
        }
        let (w, h) = (width as usize, height as usize);
        let mut pixels: Vec<u8> = match layout {
            Samples::Gray { bits: 8 } if data.len() >= w * h => data[..w * h].to_vec(),
            Samples::Gray { bits } => unpack(data, *bits, w, h)?
                .into_iter()
                .map(|v| to_byte(v, *bits))
                .collect(),
            Samples::Rgb { bits } => unpack(data, *bits, w * 3, h)?
                .chunks_exact(3)
                .map(|c| luma(c[0] as u8, c[1] as u8, c[2] as u8))
                .collect(),
            Samples::Cmyk => unpack(data, 8, w * 4, h)?
                .chunks_exact(4)
                .map(|c| {
                    let k = 255 - c[3] as u32;
                    let ch = |v: u16| (((255 - u32::from(v)) * k) / 255) as u8;
                    luma(ch(c[0]), ch(c[1]), ch(c[2]))
                })
                .collect(),
            Samples::Palette { bits, rgb } => unpack(data, *bits, w, h)?
                .into_iter()
                .map(|i| {
                    rgb.get(i as usize)
                        .map_or(255, |[r, g, b]| luma(*r, *g, *b))
                })
                .collect(),
        };
        if inverted {
            pixels.iter_mut().for_each(|p| *p = 255 - *p);
        }
        Ok(Gray {
            width,
            height,
            pixels,
        })
    }

    /// The image halved in both directions (each pixel the mean of a 2 × 2 block).
    pub fn half(&self) -> Gray {
        let (w, h) = (self.width as usize / 2, self.height as usize / 2);
        let src = self.width as usize;
        let mut pixels = Vec::with_capacity(w * h);
        for y in 0..h {
            let (a, b) = (2 * y * src, (2 * y + 1) * src);
            for x in 0..w {
                let s = u32::from(self.pixels[a + 2 * x])
                    + u32::from(self.pixels[a + 2 * x + 1])
                    + u32::from(self.pixels[b + 2 * x])
                    + u32::from(self.pixels[b + 2 * x + 1]);
                pixels.push((s / 4) as u8);
            }
        }
        Gray {
            width: w as u32,
            height: h as u32,
            pixels,
        }
    }
}

/// The maximum (`max = true`) or minimum of each window of `2r + 1` samples along rows
/// (`step` 1) or columns (`step` = width), clamped at the edges. Plain index loops: this runs
/// on whole pages, also in unoptimised test builds.
fn run_extreme(
    src: &[u8],
    len: usize,
    lines: usize,
    step: usize,
    line_step: usize,
    r: usize,
    max: bool,
) -> Vec<u8> {
    let mut out = vec![0u8; src.len()];
    for l in 0..lines {
        let base = l * line_step;
        for i in 0..len {
            let a = i.saturating_sub(r);
            let b = if i + r < len { i + r } else { len - 1 };
            let mut v = src[base + a * step];
            let mut j = a + 1;
            while j <= b {
                let x = src[base + j * step];
                if (max && x > v) || (!max && x < v) {
                    v = x;
                }
                j += 1;
            }
            out[base + i * step] = v;
        }
    }
    out
}

impl Gray {
    /// The image with dark lines up to `2r` pixels wide removed (a grey closing: dilate
    /// white, then erode): pen strokes, rules and outline letters across a QR code vanish,
    /// while its modules, several times wider, keep their size.
    pub fn without_thin_lines(&self, r: usize) -> Gray {
        let (w, h) = (self.width as usize, self.height as usize);
        let pass = |src: &[u8], max: bool| {
            let rows = run_extreme(src, w, h, 1, w, r, max);
            run_extreme(&rows, h, w, w, 1, r, max)
        };
        let opened = pass(&pass(&self.pixels, true), false);
        Gray {
            width: self.width,
            height: self.height,
            pixels: opened,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bit_rows_are_padded_to_bytes() {
        // 3 pixels a row, 2 rows: 101 / 011 (1 = white for DeviceGray).
        let g = Gray::from_samples(
            3,
            2,
            &Samples::Gray { bits: 1 },
            &[0b1010_0000, 0b0110_0000],
            false,
        )
        .unwrap();
        assert_eq!(g.pixels, vec![255, 0, 255, 0, 255, 255]);
        let inv = Gray::from_samples(
            3,
            2,
            &Samples::Gray { bits: 1 },
            &[0b1010_0000, 0b0110_0000],
            true,
        )
        .unwrap();
        assert_eq!(inv.pixels, vec![0, 255, 0, 255, 0, 0]);
    }

    #[test]
    fn colour_layouts_become_grey() {
        let rgb = Gray::from_samples(
            2,
            1,
            &Samples::Rgb { bits: 8 },
            &[255, 255, 255, 0, 0, 0],
            false,
        )
        .unwrap();
        assert_eq!(rgb.pixels, vec![255, 0]);
        let cmyk =
            Gray::from_samples(2, 1, &Samples::Cmyk, &[0, 0, 0, 0, 0, 0, 0, 255], false).unwrap();
        assert_eq!(cmyk.pixels, vec![255, 0]);
        let pal = Samples::Palette {
            bits: 8,
            rgb: vec![[0, 0, 0], [255, 255, 255]],
        };
        assert_eq!(
            Gray::from_samples(2, 1, &pal, &[1, 0], false)
                .unwrap()
                .pixels,
            vec![255, 0]
        );
        assert!(Gray::from_samples(4, 4, &Samples::Gray { bits: 8 }, &[0; 3], false).is_err());
        assert!(check_size(20_000, 20_000).is_err());
    }

    #[test]
    fn thin_lines_go_and_blocks_stay() {
        // A 1-pixel dark line across a 12 × 12 white image with a 5 × 5 dark block.
        let mut px = vec![255u8; 144];
        for x in 0..12 {
            px[3 * 12 + x] = 0;
        }
        for y in 6..11 {
            for x in 4..9 {
                px[y * 12 + x] = 0;
            }
        }
        let g = Gray {
            width: 12,
            height: 12,
            pixels: px,
        }
        .without_thin_lines(1);
        assert!(
            g.pixels[3 * 12..4 * 12].iter().all(|&p| p == 255),
            "line removed"
        );
        assert!(
            (6..11).all(|y| (4..9).all(|x| g.pixels[y * 12 + x] == 0)),
            "block kept"
        );
    }

    #[test]
    fn half_averages_blocks() {
        let g = Gray {
            width: 2,
            height: 2,
            pixels: vec![0, 255, 255, 255],
        };
        assert_eq!(g.half().pixels, vec![191]);
    }
}
