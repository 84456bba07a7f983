//! Reading the marks on a scanned sheet: how much ink lies inside each box a person ticks or
//! writes in, from where the layout put the boxes.
//!
//! The sheet's own QR code places the page: the centres of its three finder patterns, read
//! by the decoder, against where the layout printed them (in mm), give the affine map from
//! the printed page to the scan — its scale (a printer's "fit to page", a scanner's
//! resolution), rotation (a sheet fed askew or upside down) and shear. That map puts each box
//! within a millimetre or two of where it is on the scan; each outlined box is then found
//! exactly by its outline (the position near the predicted one where the outline is darkest
//! against the inside), so that no printed registration marks are needed. The ink inside is
//! measured a little inside the outline, so the printed outline never counts, as the share
//! of the area that is clearly darker than the paper (a faint pencil line counts, scanner
//! noise does not). What the ink means (ticked, empty, uncertain) is for `reconcile` to say.

use super::gray::Gray;

/// One box to read, in mm from the printed page's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MarkBox {
    /// Left, mm.
    pub x: f32,
    /// Top, mm.
    pub y: f32,
    /// Width, mm.
    pub w: f32,
    /// Height, mm.
    pub h: f32,
    /// The box has a printed outline of exactly this size (a checkbox, a character box):
    /// it is found by its outline. An area without one (the room above a line) is read
    /// where the map puts it, with a wider margin.
    pub outlined: bool,
}

/// Where a code's symbol (without its quiet zone) is printed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CodePlace {
    /// Left, mm.
    pub x: f32,
    /// Top, mm.
    pub y: f32,
    /// Module, mm.
    pub module: f32,
    /// Modules a side.
    pub modules: usize,
}

/// Where a sheet's code and boxes lie on the printed page.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetLayout {
    /// The printed page's width and height, mm.
    pub page: (f32, f32),
    /// The sheet's code.
    pub code: CodePlace,
    /// The boxes, in the order their readings are returned.
    pub boxes: Vec<MarkBox>,
}

/// The points of a code as the decoder reports them, in mm on the printed page: four are the
/// symbol's outer corners (top-left, top-right, bottom-left, bottom-right: rxing's port of
/// zxing-cpp), three or more the centres of its finder patterns (bottom-left, top-left,
/// top-right: the classic ZXing reader) and an alignment pattern.
pub fn code_points(c: &CodePlace, n_points: usize) -> Vec<(f32, f32)> {
    let side = c.module * c.modules as f32;
    if n_points == 4 {
        return vec![
            (c.x, c.y),
            (c.x + side, c.y),
            (c.x, c.y + side),
            (c.x + side, c.y + side),
        ];
    }
    let near = 3.5 * c.module;
    let far = side - near;
    vec![
        (c.x + near, c.y + far),
        (c.x + near, c.y + near),
        (c.x + far, c.y + near),
    ]
}

/// Which sheets' marks to read: the layout of the page a code is printed on, by the code's
/// text (`None` for a code whose layout is not known: another kit, another version).
pub trait Layouts: Sync {
    /// The layout of the page carrying `code`.
    fn layout(&self, code: &str) -> Option<&SheetLayout>;
}

/// Nothing is read (QR codes only).
impl Layouts for () {
    fn layout(&self, _: &str) -> Option<&SheetLayout> {
        None
    }
}

/// Least resolution marks are read at, pixels per mm along either axis of the printed page
/// (about 75 dpi): below it a checkbox is a dozen pixels and a tick's stroke one, so the page
/// is read for its code only. A fax's 98 dpi vertical resolution is still read.
pub const MIN_PX_PER_MM: f32 = 3.0;

/// Most shear between the page's axes as the code maps them, degrees: more means the code
/// was read from a bent or photographed page, and its map cannot place boxes far from it.
pub const MAX_SHEAR_DEG: f32 = 3.0;

/// How the page was scanned, as measured from its code.
#[derive(Debug, Clone, PartialEq)]
pub struct Quality {
    /// Resolution along the printed page's width and height, dots per inch of the printed
    /// page (a page printed at 95 % and scanned at 300 dpi reads 285).
    pub dpi: (f32, f32),
    /// Size of the page on the scan against the size of the scan image, 1.0 when neither
    /// printer nor scanner scaled it (a phone photo of part of a page reads more).
    pub scale: f32,
    /// Rotation of the page on the scan, degrees clockwise (180: upside down).
    pub rotation: f32,
    /// Why marks were not read, when they were not: the page is read for its code only.
    pub poor: Option<String>,
}

/// One box as read.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxRead {
    /// Share of the area inside the box that holds ink, 0–1.
    pub ink: f32,
    /// Where the box lies on the scan image, pixels: left, top, width, height (axis-aligned
    /// around it): for showing the box beside its value.
    pub at: [u32; 4],
    /// The outline was found where the map put it (within the search); `false` for an
    /// area without outline, or when no outline stood out (a filled box, a smudge).
    pub found: bool,
}

/// The marks read on one page, for one code's layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Marks {
    /// The code whose layout was read.
    pub code: String,
    /// How the page was scanned.
    pub quality: Quality,
    /// Each box of the layout, in its order; empty when the page is too poor to read.
    pub boxes: Vec<BoxRead>,
}

/// A point in mm on the printed page and where it is on the scan, in pixels.
type Pair = ((f32, f32), (f32, f32));

/// The affine map from printed mm to scan pixels: `px = a·x + b·y + c`, `py = d·x + e·y + f`.
#[derive(Debug, Clone, Copy)]
struct Map {
    a: f32,
    b: f32,
    c: f32,
    d: f32,
    e: f32,
    f: f32,
}

impl Map {
    /// The map taking points in mm to points in pixels best (least squares, exact for
    /// three); `None` for fewer than three or points in a line.
    fn fit(pairs: &[Pair]) -> Option<Map> {
        if pairs.len() < 3 {
            return None;
        }
        // Centred on the mean, the normal equations are 2 × 2.
        let n = pairs.len() as f64;
        let mean = |f: fn(&Pair) -> f32| pairs.iter().map(|p| f64::from(f(p))).sum::<f64>() / n;
        let (mx, my) = (mean(|p| p.0 .0), mean(|p| p.0 .1));
        let (px, py) = (mean(|p| p.1 .0), mean(|p| p.1 .1));
        let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
        let (mut ux, mut vx, mut uy, mut vy) = (0.0, 0.0, 0.0, 0.0);
        for ((x, y), (u, v)) in pairs {
            let (x, y) = (f64::from(*x) - mx, f64::from(*y) - my);
            let (u, v) = (f64::from(*u) - px, f64::from(*v) - py);
            sxx += x * x;
            sxy += x * y;
            syy += y * y;
            ux += u * x;
            vx += v * x;
            uy += u * y;
            vy += v * y;
        }
        let det = sxx * syy - sxy * sxy;
        if det.abs() < 1e-9 {
            return None;
        }
        let a = (ux * syy - uy * sxy) / det;
        let b = (uy * sxx - ux * sxy) / det;
        let d = (vx * syy - vy * sxy) / det;
        let e = (vy * sxx - vx * sxy) / det;
        let c = px - a * mx - b * my;
        let f = py - d * mx - e * my;
        let g = |v: f64| v as f32;
        Some(Map {
            a: g(a),
            b: g(b),
            c: g(c),
            d: g(d),
            e: g(e),
            f: g(f),
        })
    }

    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (
            self.a * x + self.b * y + self.c,
            self.d * x + self.e * y + self.f,
        )
    }
}

/// The paper's and the ink's grey levels on the page (from a sample of its pixels).
fn levels(img: &Gray) -> (f32, f32) {
    let mut hist = [0u32; 256];
    let step = (img.pixels.len() / 200_000).max(1);
    let mut n = 0u32;
    for p in img.pixels.iter().step_by(step) {
        hist[*p as usize] += 1;
        n += 1;
    }
    let pct = |q: f32| {
        let want = (n as f32 * q) as u32;
        let mut seen = 0;
        for (v, c) in hist.iter().enumerate() {
            seen += c;
            if seen > want {
                return v as f32;
            }
        }
        255.0
    };
    let (black, white) = (pct(0.005), pct(0.75));
    (white, black.min(white - 64.0).max(0.0))
}

/// Reads the boxes of `layout` on `img`, placed by the code whose points the decoder found at
/// `points` (pixels; see [`code_points`]).
pub fn read(img: &Gray, layout: &SheetLayout, code: &str, points: &[(f32, f32)]) -> Marks {
    let mut marks = Marks {
        code: code.to_string(),
        quality: Quality {
            dpi: (0.0, 0.0),
            scale: 0.0,
            rotation: 0.0,
            poor: None,
        },
        boxes: Vec::new(),
    };
    let mm = code_points(&layout.code, points.len());
    let pairs: Vec<Pair> = mm.into_iter().zip(points.iter().copied()).collect();
    let Some(map) = Map::fit(&pairs) else {
        marks.quality.poor = Some("the code's corners could not be placed".into());
        return marks;
    };
    let sx = map.a.hypot(map.d);
    let sy = map.b.hypot(map.e);
    let rotation = map.d.atan2(map.a).to_degrees();
    let axis_y = map.e.atan2(map.b).to_degrees() - 90.0;
    let shear = ((axis_y - rotation + 540.0) % 360.0 - 180.0).abs();
    let sideways = (rotation.abs() - 90.0).abs() < 45.0;
    let (iw, ih) = if sideways {
        (img.height as f32, img.width as f32)
    } else {
        (img.width as f32, img.height as f32)
    };
    let (pw, ph) = layout.page;
    let scale = (sx * pw / iw).max(sy * ph / ih);
    marks.quality = Quality {
        dpi: ((sx * 25.4).round(), (sy * 25.4).round()),
        scale: (scale * 1000.0).round() / 1000.0,
        rotation: ((rotation + 360.0) % 360.0 * 10.0).round() / 10.0,
        poor: None,
    };
    if sx.min(sy) < MIN_PX_PER_MM {
        marks.quality.poor = Some(format!(
            "the scan is {:.0} × {:.0} dpi, too coarse to read ticks (at least {:.0} dpi); \
             rescan at 200 dpi or more",
            sx * 25.4,
            sy * 25.4,
            MIN_PX_PER_MM * 25.4
        ));
        return marks;
    }
    if shear > MAX_SHEAR_DEG {
        marks.quality.poor = Some(format!(
            "the page is distorted on the scan (its sides meet at {:.0}° instead of 90°: a \
             bent sheet or a photo at an angle); scan it flat on a scanner",
            90.0 + shear
        ));
        return marks;
    }
    let (white, black) = levels(img);
    let ctx = Reader {
        img,
        map,
        white,
        black,
        s: sx.min(sy),
    };
    // Outlined boxes first, each found by its outline near where the map puts it; the
    // median of those shifts is how far the map is off here (a page scaled unevenly, a
    // decoder's corner a pixel out). Each box is then found again within a small radius of
    // that shift, so that a neighbour's outline (character boxes 1 mm apart) never pulls it
    // over; an area without outline, or a box whose outline is hidden (filled in), is moved
    // by the shift alone.
    let first: Vec<(f32, f32)> = layout
        .boxes
        .iter()
        .filter(|b| b.outlined)
        .filter_map(|b| ctx.find(b, (0.0, 0.0), 2.0))
        .collect();
    let median = |mut v: Vec<f32>| {
        v.sort_by(f32::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let drift = (
        median(first.iter().map(|s| s.0).collect()),
        median(first.iter().map(|s| s.1).collect()),
    );
    let found: Vec<Option<(f32, f32)>> = layout
        .boxes
        .iter()
        .map(|b| b.outlined.then(|| ctx.find(b, drift, 0.6)).flatten())
        .collect();
    marks.boxes = layout
        .boxes
        .iter()
        .zip(&found)
        .map(|(b, f)| {
            let shift = f.unwrap_or(drift);
            BoxRead {
                ink: ctx.ink(b, shift),
                at: ctx.bounds(b, shift),
                found: f.is_some(),
            }
        })
        .collect();
    marks
}

/// What reading the boxes of one page needs.
struct Reader<'a> {
    img: &'a Gray,
    map: Map,
    white: f32,
    black: f32,
    /// Pixels per mm (the smaller axis).
    s: f32,
}

impl Reader<'_> {
    /// Darkness of the pixel at `p`, 0 (paper) – 1 (ink); paper outside the image.
    fn dark(&self, p: (f32, f32)) -> f32 {
        let (x, y) = (p.0.round(), p.1.round());
        if x < 0.0 || y < 0.0 || x >= self.img.width as f32 || y >= self.img.height as f32 {
            return 0.0;
        }
        let v = self.img.pixels[y as usize * self.img.width as usize + x as usize] as f32;
        ((self.white - v) / (self.white - self.black)).clamp(0.0, 1.0)
    }

    /// Points along the rectangle `x, y, w, h` (mm) inset by `inset` mm, about a pixel apart.
    fn ring(&self, b: &MarkBox, inset: f32) -> Vec<(f32, f32)> {
        let (x0, y0) = (b.x + inset, b.y + inset);
        let (x1, y1) = (b.x + b.w - inset, b.y + b.h - inset);
        let step = 1.0 / self.s;
        let mut pts = Vec::new();
        let mut t = 0.0;
        while t <= x1 - x0 {
            pts.push(self.map.at(x0 + t, y0));
            pts.push(self.map.at(x0 + t, y1));
            t += step;
        }
        let mut t = step;
        while t < y1 - y0 {
            pts.push(self.map.at(x0, y0 + t));
            pts.push(self.map.at(x1, y0 + t));
            t += step;
        }
        pts
    }

    /// The shift (pixels) from where the map puts box `b` to where its outline is on the
    /// scan: the darkest outline against its inside and outside, within `radius` mm of
    /// `around`; `None` when no position stands out.
    fn find(&self, b: &MarkBox, around: (f32, f32), radius: f32) -> Option<(f32, f32)> {
        let outline = self.ring(b, 0.0);
        let inner = self.ring(b, 0.6);
        let outer = self.ring(b, -0.6);
        let score = |dx: f32, dy: f32| {
            let sum = |pts: &[(f32, f32)]| {
                pts.iter()
                    .map(|p| self.dark((p.0 + dx, p.1 + dy)))
                    .sum::<f32>()
                    / pts.len() as f32
            };
            sum(&outline) - 0.5 * (sum(&inner) + sum(&outer))
        };
        let r = (radius * self.s).ceil() as i32;
        let (ax, ay) = (around.0.round() as i32, around.1.round() as i32);
        let mut best = (f32::MIN, ax, ay);
        let coarse = if r > 4 { 2 } else { 1 };
        for dy in (ay - r..=ay + r).step_by(coarse) {
            for dx in (ax - r..=ax + r).step_by(coarse) {
                let s = score(dx as f32, dy as f32);
                if s > best.0 {
                    best = (s, dx, dy);
                }
            }
        }
        if coarse > 1 {
            let (_, cx, cy) = best;
            for dy in cy - 1..=cy + 1 {
                for dx in cx - 1..=cx + 1 {
                    let s = score(dx as f32, dy as f32);
                    if s > best.0 {
                        best = (s, dx, dy);
                    }
                }
            }
        }
        // An outline stands out by a third of full darkness (a thin rule on a blurred
        // scan still does; a filled or scribbled-over box does not).
        (best.0 > 0.3).then_some((best.1 as f32, best.2 as f32))
    }

    /// Share of the inside of box `b`, moved by `shift` pixels, that holds ink: the box
    /// inset past its outline (and the blur around it).
    fn ink(&self, b: &MarkBox, shift: (f32, f32)) -> f32 {
        let inset = if b.outlined { 0.55 } else { 0.9 } + 1.5 / self.s;
        let (w, h) = (b.w - 2.0 * inset, b.h - 2.0 * inset);
        if w <= 0.0 || h <= 0.0 {
            return 0.0;
        }
        let step = 1.0 / self.s;
        let (nx, ny) = ((w / step).ceil() as usize, (h / step).ceil() as usize);
        let mut sum = 0.0;
        for j in 0..ny {
            for i in 0..nx {
                let (x, y) = (
                    b.x + inset + (i as f32 + 0.5) * w / nx as f32,
                    b.y + inset + (j as f32 + 0.5) * h / ny as f32,
                );
                let p = self.map.at(x, y);
                let d = self.dark((p.0 + shift.0, p.1 + shift.1));
                // Below a quarter of full darkness is paper (noise, JPEG, show-through).
                if d > 0.25 {
                    sum += d;
                }
            }
        }
        sum / (nx * ny) as f32
    }

    /// The box's bounds on the image, pixels.
    fn bounds(&self, b: &MarkBox, shift: (f32, f32)) -> [u32; 4] {
        let corners = [
            self.map.at(b.x, b.y),
            self.map.at(b.x + b.w, b.y),
            self.map.at(b.x, b.y + b.h),
            self.map.at(b.x + b.w, b.y + b.h),
        ];
        let xs = corners.iter().map(|p| p.0 + shift.0);
        let ys = corners.iter().map(|p| p.1 + shift.1);
        let clamp = |v: f32, max: u32| v.max(0.0).min(max as f32) as u32;
        let x0 = clamp(xs.clone().fold(f32::MAX, f32::min).floor(), self.img.width);
        let x1 = clamp(xs.fold(f32::MIN, f32::max).ceil(), self.img.width);
        let y0 = clamp(ys.clone().fold(f32::MAX, f32::min).floor(), self.img.height);
        let y1 = clamp(ys.fold(f32::MIN, f32::max).ceil(), self.img.height);
        [x0, y0, x1 - x0, y1 - y0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white page at `s` px/mm with a code's finders and two outlined boxes, one ticked.
    fn page(s: f32) -> (Gray, SheetLayout, Vec<(f32, f32)>) {
        let (w, h) = ((100.0 * s) as u32, (100.0 * s) as u32);
        let mut img = Gray {
            width: w,
            height: h,
            pixels: vec![250; (w * h) as usize],
        };
        let mut rect = |x: f32, y: f32, bw: f32, bh: f32, v: u8| {
            for py in (y * s) as u32..((y + bh) * s) as u32 {
                for px in (x * s) as u32..((x + bw) * s) as u32 {
                    img.pixels[(py * w + px) as usize] = v;
                }
            }
        };
        // A black blob standing for the code, so that the levels see ink.
        rect(5.0, 5.0, 20.0, 20.0, 10);
        for (x, y) in [(50.0, 50.0), (70.0, 50.0)] {
            rect(x, y, 4.5, 0.2, 10);
            rect(x, y + 4.3, 4.5, 0.2, 10);
            rect(x, y, 0.2, 4.5, 10);
            rect(x + 4.3, y, 0.2, 4.5, 10);
        }
        // A tick in the first box, drawn as two strokes.
        rect(51.0, 52.0, 1.5, 0.6, 20);
        rect(52.0, 51.0, 0.6, 2.8, 20);
        let code = CodePlace {
            x: 5.0,
            y: 5.0,
            module: 0.8,
            modules: 25,
        };
        let px = code_points(&code, 4)
            .into_iter()
            .map(|(x, y)| (x * s, y * s))
            .collect();
        let layout = SheetLayout {
            page: (100.0, 100.0),
            code,
            boxes: [(50.0, 50.0), (70.0, 50.0)]
                .into_iter()
                .map(|(x, y)| MarkBox {
                    x,
                    y,
                    w: 4.5,
                    h: 4.5,
                    outlined: true,
                })
                .collect(),
        };
        (img, layout, px)
    }

    #[test]
    fn a_ticked_box_holds_ink_and_an_empty_one_none() {
        let (img, layout, px) = page(8.0);
        let m = read(&img, &layout, "c", &px);
        assert_eq!(m.quality.poor, None);
        assert_eq!(m.quality.dpi, (203.0, 203.0));
        assert!(m.boxes[0].ink > 0.1, "{:?}", m.boxes);
        assert!(m.boxes[1].ink < 0.01, "{:?}", m.boxes);
        assert!(m.boxes.iter().all(|b| b.found));
    }

    #[test]
    fn a_misplaced_map_is_corrected_by_the_outline() {
        let (img, layout, px) = page(8.0);
        // The code read 1 mm to the right of where it is: the outlines are found anyway.
        let off: Vec<_> = px.iter().map(|(x, y)| (x + 8.0, *y)).collect();
        let m = read(&img, &layout, "c", &off);
        assert!(
            m.boxes[0].ink > 0.1 && m.boxes[1].ink < 0.01,
            "{:?}",
            m.boxes
        );
    }

    #[test]
    fn a_coarse_scan_is_read_for_its_code_only() {
        let (img, layout, px) = page(2.5);
        let m = read(&img, &layout, "c", &px);
        assert!(m.quality.poor.as_deref().unwrap().contains("too coarse"));
        assert!(m.boxes.is_empty());
    }

    #[test]
    fn the_map_measures_rotation_and_scale() {
        let code = CodePlace {
            x: 10.0,
            y: 10.0,
            module: 1.0,
            modules: 21,
        };
        // Upside down at 4 px/mm on a 100 mm page, as finder centres.
        let pairs: Vec<_> = code_points(&code, 3)
            .into_iter()
            .map(|(x, y)| ((x, y), (400.0 - 4.0 * x, 400.0 - 4.0 * y)))
            .collect();
        let m = Map::fit(&pairs).unwrap();
        let (x, y) = m.at(50.0, 25.0);
        assert!((x - 200.0).abs() < 0.01 && (y - 300.0).abs() < 0.01);
        assert!((m.d.atan2(m.a).to_degrees().abs() - 180.0).abs() < 0.01);
    }
}
