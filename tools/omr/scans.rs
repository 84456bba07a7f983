//! Filled-in scans made the way they happen, with the truth of every box recorded: a form's
//! pages rendered with `pdftoppm`, pen marks drawn into known boxes with ImageMagick (ticks,
//! crosses, filled boxes, faint pencil, stray strokes across box edges, handwriting-like
//! strokes), the page degraded (blur, noise, rotation, scale, JPEG, 1-bit, fax), and the
//! pages put together with `img2pdf`. Shared by the mark-reading tests (`tests/it/marks.rs`)
//! and benchmark (`tools/bench/omr.rs`); the box positions come from the layout through
//! `reconcile::Printed`, never from the PDF.

use downkit::reconcile::marks::{Kind, SheetSpec};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What is drawn into one box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pen {
    /// Nothing.
    None,
    /// A tick in ballpoint.
    Tick,
    /// A cross in ballpoint.
    Cross,
    /// The box filled in: a tick crossed out.
    Filled,
    /// A faint pencil tick.
    Pencil,
    /// A stroke across the box's edge that barely enters it.
    Stray,
    /// Handwriting-like strokes.
    Write,
}

/// What reading a box must give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    /// Ticked (or written); uncertain is allowed, empty is wrong.
    Marked,
    /// Empty; uncertain is allowed, ticked is wrong.
    Empty,
    /// A correction: only uncertain is right.
    Correction,
}

impl Pen {
    /// The truth of a box drawn so.
    pub fn truth(self) -> Truth {
        match self {
            Pen::None | Pen::Stray => Truth::Empty,
            Pen::Filled => Truth::Correction,
            Pen::Tick | Pen::Cross | Pen::Pencil | Pen::Write => Truth::Marked,
        }
    }
}

/// One box on the page: its field, its option (or character box, line), where it is in mm,
/// and whether it is ticked (a checkbox) or written in.
#[derive(Debug, Clone)]
pub struct Spot {
    /// The field's key.
    pub key: String,
    /// The option's label (empty for a written field).
    pub option: String,
    /// The option from 0.
    pub index: u32,
    /// How the field is filled in.
    pub kind: Kind,
    /// Left, top, width, height, mm.
    pub rect: [f32; 4],
    /// Has an outline (a checkbox, a character box).
    pub outlined: bool,
    /// Its place among the layout's boxes (and the marks read).
    pub bx: usize,
}

/// Every box of a sheet spec.
pub fn spots(spec: &SheetSpec) -> Vec<Spot> {
    let mut out = Vec::new();
    for f in &spec.fields {
        for &(index, b) in &f.boxes {
            let bx = spec.layout.boxes[b];
            out.push(Spot {
                key: f.key.clone(),
                option: f.options.get(index as usize).cloned().unwrap_or_default(),
                index,
                kind: f.kind,
                rect: [bx.x, bx.y, bx.w, bx.h],
                outlined: bx.outlined,
                bx: b,
            });
        }
    }
    out
}

/// A small deterministic random number generator (xorshift), so that a run is repeatable.
pub struct Rng(u64);

impl Rng {
    /// Seeded.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// 0 ≤ x < 1.
    pub fn f(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 40) as f32 / (1u64 << 24) as f32
    }

    /// True with probability `p`.
    pub fn p(&mut self, p: f32) -> bool {
        self.f() < p
    }
}

/// What to draw on a sheet: a pen per spot. `blank` draws nothing (an unused copy).
pub fn plan(spots: &[Spot], rng: &mut Rng, blank: bool) -> Vec<Pen> {
    let mut pens = vec![Pen::None; spots.len()];
    if blank {
        return pens;
    }
    let mut i = 0;
    while i < spots.len() {
        let key = &spots[i].key;
        let end = i + spots[i..].iter().take_while(|s| s.key == *key).count();
        let kind = spots[i].kind;
        match kind {
            Kind::One => {
                if rng.p(0.85) {
                    let pick = i + (rng.f() * (end - i) as f32) as usize;
                    pens[pick] = if rng.p(0.25) { Pen::Cross } else { Pen::Tick };
                    if rng.p(0.1) {
                        pens[pick] = Pen::Pencil;
                    }
                    // Now and then the first choice crossed out and another ticked.
                    if rng.p(0.08) && end - i > 1 {
                        let other = if pick + 1 < end { pick + 1 } else { i };
                        pens[other] = Pen::Filled;
                    }
                }
            }
            Kind::Any => {
                for pen in &mut pens[i..end] {
                    if rng.p(0.35) {
                        *pen = if rng.p(0.25) { Pen::Cross } else { Pen::Tick };
                        if rng.p(0.08) {
                            *pen = Pen::Pencil;
                        }
                    } else if rng.p(0.04) {
                        *pen = Pen::Filled;
                    }
                }
            }
            Kind::Write => {
                if rng.p(0.7) {
                    // The first boxes or lines written in, as a person fills a field.
                    let n = 1 + (rng.f() * (end - i) as f32) as usize;
                    for pen in &mut pens[i..(i + n).min(end)] {
                        *pen = Pen::Write;
                    }
                }
            }
        }
        i = end;
    }
    // Stray strokes across the edges of a few boxes left empty.
    for (s, pen) in spots.iter().zip(&mut pens) {
        if *pen == Pen::None && s.outlined && s.kind != Kind::Write && rng.p(0.08) {
            *pen = Pen::Stray;
        }
    }
    pens
}

/// ImageMagick `-draw` arguments for the pens at `dpi`.
pub fn draw_args(spots: &[Spot], pens: &[Pen], dpi: u32, rng: &mut Rng) -> Vec<String> {
    let px = |mm: f32| mm * dpi as f32 / 25.4;
    let mut args: Vec<String> = vec!["-fill".into(), "none".into()];
    let stroke = |args: &mut Vec<String>, colour: &str, width_mm: f32| {
        args.extend([
            "-stroke".into(),
            colour.into(),
            "-strokewidth".into(),
            format!("{:.1}", px(width_mm).max(1.0)),
        ]);
    };
    for (s, pen) in spots.iter().zip(pens) {
        let [x, y, w, h] = s.rect;
        // A point at (u, v) of the box, each 0–1, jittered a little as a hand does.
        let at = |u: f32, v: f32, rng: &mut Rng| {
            let j = 0.06;
            format!(
                "{:.1},{:.1}",
                px(x + w * (u + (rng.f() - 0.5) * j)),
                px(y + h * (v + (rng.f() - 0.5) * j))
            )
        };
        let line = |pts: Vec<String>| format!("polyline {}", pts.join(" "));
        match pen {
            Pen::None => continue,
            Pen::Tick => {
                stroke(&mut args, "gray10", 0.45);
                let pts = vec![
                    at(0.15, 0.55, rng),
                    at(0.42, 0.85, rng),
                    at(0.95, 0.05, rng),
                ];
                args.extend(["-draw".into(), line(pts)]);
            }
            Pen::Pencil => {
                stroke(&mut args, "gray55", 0.3);
                let pts = vec![at(0.2, 0.55, rng), at(0.42, 0.8, rng), at(0.85, 0.15, rng)];
                args.extend(["-draw".into(), line(pts)]);
            }
            Pen::Cross => {
                stroke(&mut args, "gray10", 0.45);
                let a = vec![at(0.12, 0.12, rng), at(0.88, 0.88, rng)];
                let b = vec![at(0.88, 0.12, rng), at(0.12, 0.88, rng)];
                args.extend(["-draw".into(), line(a), "-draw".into(), line(b)]);
            }
            Pen::Filled => {
                stroke(&mut args, "gray10", 0.45);
                args.extend([
                    "-fill".into(),
                    "gray15".into(),
                    "-draw".into(),
                    format!(
                        "rectangle {:.1},{:.1} {:.1},{:.1}",
                        px(x + 0.1),
                        px(y + 0.1),
                        px(x + w - 0.1),
                        px(y + h - 0.1)
                    ),
                    "-fill".into(),
                    "none".into(),
                ]);
            }
            Pen::Stray => {
                // From outside across an edge, entering the box by at most half a mm.
                stroke(&mut args, "gray10", 0.4);
                let side = (rng.f() * 4.0) as u32;
                let (a, b) = match side {
                    0 => ((x - 3.0, y + h * 0.3), (x + 0.4, y + h * 0.6)),
                    1 => ((x + w + 3.0, y + h * 0.4), (x + w - 0.4, y + h * 0.7)),
                    2 => ((x + w * 0.2, y - 3.0), (x + w * 0.7, y + 0.4)),
                    _ => ((x + w * 0.3, y + h + 3.0), (x + w * 0.8, y + h - 0.4)),
                };
                args.extend([
                    "-draw".into(),
                    format!(
                        "line {:.1},{:.1} {:.1},{:.1}",
                        px(a.0),
                        px(a.1),
                        px(b.0),
                        px(b.1)
                    ),
                ]);
            }
            Pen::Write => {
                stroke(&mut args, "gray10", 0.4);
                if s.outlined {
                    // A digit-like stroke in a character box.
                    let n = 3 + (rng.f() * 3.0) as usize;
                    let pts = (0..n)
                        .map(|_| at(0.2 + rng.f() * 0.6, 0.15 + rng.f() * 0.7, rng))
                        .collect();
                    args.extend(["-draw".into(), line(pts)]);
                } else {
                    // A written line: a wavy stroke on the lower half of the area, a third
                    // to two thirds of its width.
                    let len = 0.3 + rng.f() * 0.4;
                    let n = 8 + (len * 30.0) as usize;
                    let pts = (0..n)
                        .map(|k| {
                            let u = 0.05 + len * k as f32 / n as f32;
                            let v = if k % 2 == 0 { 0.55 } else { 0.85 };
                            at(u, v, rng)
                        })
                        .collect();
                    args.extend(["-draw".into(), line(pts)]);
                }
            }
        }
    }
    args
}

/// How a page is degraded between the pen and the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wear {
    /// As rendered.
    Clean,
    /// Out of focus.
    Blur,
    /// Sensor noise.
    Noise,
    /// Fed in at 2°.
    Rotate2,
    /// Fed in at -3°, and at 1°.
    Rotate3,
    /// Printed at 95 % ("fit to page").
    Scale95,
    /// Printed at 105 %.
    Scale105,
    /// JPEG at quality 50.
    Jpeg50,
    /// Black and white at a 55 % threshold (CCITT G4).
    OneBit,
    /// A fax: 204 × 98 dpi, black and white.
    Fax,
    /// Scanned upside down.
    UpsideDown,
}

impl Wear {
    /// Every wear, in table order.
    pub const ALL: [Wear; 11] = [
        Wear::Clean,
        Wear::Blur,
        Wear::Noise,
        Wear::Rotate2,
        Wear::Rotate3,
        Wear::Scale95,
        Wear::Scale105,
        Wear::Jpeg50,
        Wear::OneBit,
        Wear::Fax,
        Wear::UpsideDown,
    ];

    /// ImageMagick options (for a page rendered at `dpi`) and the output extension.
    pub fn args(self, dpi: u32) -> (Vec<String>, &'static str) {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        match self {
            Wear::Clean => (v(&[]), "png"),
            Wear::Blur => (v(&["-blur", "0x1.2"]), "png"),
            Wear::Noise => (
                v(&[
                    "-attenuate",
                    "0.6",
                    "+noise",
                    "Gaussian",
                    "-colorspace",
                    "Gray",
                ]),
                "png",
            ),
            Wear::Rotate2 => (v(&["-background", "white", "-rotate", "2"]), "png"),
            Wear::Rotate3 => (v(&["-background", "white", "-rotate", "-3"]), "png"),
            Wear::Scale95 | Wear::Scale105 => {
                let pct = if self == Wear::Scale95 { "95%" } else { "105%" };
                (
                    v(&[
                        "-resize",
                        pct,
                        "-background",
                        "white",
                        "-gravity",
                        "center",
                        "-extent",
                    ])
                    .into_iter()
                    .chain([format!("{}x{}", a4_px(210.0, dpi), a4_px(297.0, dpi))])
                    .collect(),
                    "png",
                )
            }
            Wear::Jpeg50 => (v(&["-quality", "50"]), "jpg"),
            Wear::OneBit => (
                v(&[
                    "-threshold",
                    "55%",
                    "-type",
                    "bilevel",
                    "-compress",
                    "Group4",
                ]),
                "tif",
            ),
            Wear::Fax => {
                let (sx, sy) = (204.0 / dpi as f32 * 100.0, 98.0 / dpi as f32 * 100.0);
                (
                    v(&["-resize"])
                        .into_iter()
                        .chain([format!("{sx:.2}%x{sy:.2}%!")])
                        .chain(v(&[
                            "-threshold",
                            "55%",
                            "-type",
                            "bilevel",
                            "-compress",
                            "Group4",
                        ]))
                        .collect(),
                    "tif",
                )
            }
            Wear::UpsideDown => (v(&["-rotate", "180"]), "png"),
        }
    }
}

fn a4_px(mm: f32, dpi: u32) -> u32 {
    (mm * dpi as f32 / 25.4).round() as u32
}

/// The ImageMagick command: `magick` (IM 7), else `convert-im6.q16` (Debian's IM 6).
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
            .expect("ImageMagick is needed (apt-get install imagemagick)")
    })
}

/// Runs a command, panicking with its error output when it fails.
pub fn run(cmd: &str, args: &[String]) {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is needed: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Renders page `page` (from 1) of `pdf` in grey at `dpi`, draws `draw` into it and degrades
/// it by `wear`; returns the file.
pub fn page(pdf: &Path, page: usize, dpi: u32, draw: &[String], wear: Wear, out: &Path) -> PathBuf {
    let p = page.to_string();
    let png = out.with_extension("png");
    let stem = out.to_str().unwrap().to_string();
    run(
        "pdftoppm",
        &[
            "-r".into(),
            dpi.to_string(),
            "-gray".into(),
            "-f".into(),
            p.clone(),
            "-l".into(),
            p,
            "-singlefile".into(),
            "-png".into(),
            pdf.to_str().unwrap().into(),
            stem.clone(),
        ],
    );
    let (wear_args, ext) = wear.args(dpi);
    let dst = PathBuf::from(format!("{stem}-{wear:?}.{ext}"));
    let mut args = vec![png.to_str().unwrap().to_string()];
    args.extend_from_slice(draw);
    args.extend(wear_args);
    args.push(dst.to_str().unwrap().into());
    run(magick(), &args);
    std::fs::remove_file(&png).ok();
    dst
}

/// Puts images into one PDF with img2pdf (a fax's resolution kept: `--imgsize` from dpi is
/// left to the image's own header).
pub fn img2pdf(images: &[PathBuf], out: &Path) {
    let mut args: Vec<String> = images.iter().map(|p| p.to_str().unwrap().into()).collect();
    args.extend(["-o".into(), out.to_str().unwrap().into()]);
    run("img2pdf", &args);
}

/// How the decisions on boxes compare with the truth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Boxes (ticks: each box; written fields: each field).
    pub boxes: usize,
    /// Decided ticked/written where the truth is empty or a correction, or empty where it is
    /// marked or a correction.
    pub wrong: usize,
    /// Left uncertain.
    pub uncertain: usize,
    /// Of those, corrections (filled boxes): uncertain by design.
    pub corrections: usize,
}

impl Score {
    /// Adds a decision (`Some(true)` marked, `Some(false)` empty, `None` uncertain).
    pub fn add(&mut self, truth: Truth, decided: Option<bool>) {
        self.boxes += 1;
        if (truth, decided) == (Truth::Correction, None) {
            self.corrections += 1;
        }
        match (truth, decided) {
            (_, None) => self.uncertain += 1,
            (Truth::Marked, Some(true)) | (Truth::Empty, Some(false)) => {}
            _ => self.wrong += 1,
        }
    }

    /// Adds another score.
    pub fn merge(&mut self, o: Score) {
        self.boxes += o.boxes;
        self.wrong += o.wrong;
        self.uncertain += o.uncertain;
        self.corrections += o.corrections;
    }

    /// Share of boxes uncertain other than corrections, percent.
    pub fn doubt_pct(&self) -> f64 {
        100.0 * (self.uncertain - self.corrections) as f64 / self.boxes.max(1) as f64
    }

    /// Share of boxes uncertain, percent.
    pub fn uncertain_pct(&self) -> f64 {
        100.0 * self.uncertain as f64 / self.boxes.max(1) as f64
    }
}

/// Scores the fields read on one sheet (`read`, from `reconcile --format json`'s `read`
/// array) against the pens drawn: each checkbox by its option, each written field as a
/// whole.
pub fn score(spots: &[Spot], pens: &[Pen], read: &serde_json::Value) -> Score {
    let mut s = Score::default();
    let fields = read["fields"].as_array().cloned().unwrap_or_default();
    let field = |key: &str| fields.iter().find(|f| f["id"] == key);
    let mut written: Vec<(String, bool)> = Vec::new();
    for (spot, pen) in spots.iter().zip(pens) {
        let f = field(&spot.key).unwrap_or_else(|| panic!("field {} not read", spot.key));
        if spot.kind == Kind::Write {
            match written.iter_mut().find(|(k, _)| *k == spot.key) {
                Some((_, w)) => *w |= *pen == Pen::Write,
                None => written.push((spot.key.clone(), *pen == Pen::Write)),
            }
            continue;
        }
        let doubt = f["doubts"]
            .as_array()
            .is_some_and(|d| d.iter().any(|d| d["index"] == spot.index));
        let ticked = f["ticked"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t == spot.option.as_str()));
        s.add(pen.truth(), if doubt { None } else { Some(ticked) });
    }
    for (key, w) in written {
        let f = field(&key).expect("read");
        let truth = if w { Truth::Marked } else { Truth::Empty };
        let decided = if f["uncertain"] == true {
            None
        } else {
            Some(f["written"] == true)
        };
        s.add(truth, decided);
    }
    s
}
