//! `downkit testpage` through the real binary, checked with real tools: page size, validity,
//! fonts, text, QR codes decoded from rendered pages, and the 100 mm bars measured in pixels.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use downkit::compose::testpage::{self, TestPageOptions, QR_MODULES};
use downkit::fonts::FontSet;
use downkit::layout::{Item, Paper};
use downkit::model::Lang;
use support::{run, tmp};

const DATE: &str = "2025-03-01";

/// Runs `downkit testpage` and returns the PDF's path.
fn testpage(dir: &Path, paper: &str, lang: &str) -> PathBuf {
    let out = Command::new(env!("CARGO_BIN_EXE_downkit"))
        .args(["testpage", "--paper", paper, "--lang", lang, "--date", DATE])
        .arg("-o")
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = dir.join(format!("testpage-{paper}.pdf"));
    assert!(p.is_file(), "{} not written", p.display());
    p
}

/// Whitespace collapsed, so that phrases wrapped across lines still match.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn pdf_is_valid_with_page_size_fonts_and_instructions() {
    let dir = tmp("testpage-pdf");
    for (paper, size) in [
        ("a4", "Page size:       595.276 x 841.89 pts (A4)"),
        ("letter", "Page size:       612 x 792 pts (letter)"),
    ] {
        let p = testpage(&dir, paper, "sv");
        let ps = p.to_str().unwrap();
        let info = run("pdfinfo", &[ps]);
        assert!(info.contains(size), "{info}");
        assert!(info.contains("Pages:           1"), "{info}");
        run("qpdf", &["--check", ps]);
        let fonts = run("pdffonts", &[ps]);
        for row in fonts.lines().skip(2) {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert_eq!(
                &cols[cols.len() - 5..cols.len() - 3],
                &["yes", "yes"],
                "emb sub: {row}"
            );
        }
        let raw = run("pdftotext", &[ps, "-"]);
        assert!(!raw.contains('\u{a0}'), "no-break spaces extract as spaces");
        let text = words(&raw);
        for needle in [
            "Testsida för skrivare och kopiator",
            "varje stapel ska vara 100 mm ± 1 mm",
            "Stäng av ”Anpassa till sida”",
            "”Faktisk storlek” (100 %)",
            "använd en annan kopiator",
            "Går koden med modul 0,8 mm inte att läsa: använd inte den kopiatorn för pärmar.",
            "8 pt – Ring växeln – åäö ÅÄÖ",
            "0,25 pt",
            "Modul 0,5 mm DK1-TEST/0.5mm",
            "testpage – 0.1.0 – 2025-03-01",
            "Sida 1 av 1",
        ] {
            assert!(
                text.contains(needle),
                "{paper}: missing {needle:?} in\n{text}"
            );
        }
    }
    let p = testpage(&dir, "a4", "en");
    let text = words(&run("pdftotext", &[p.to_str().unwrap(), "-"]));
    for needle in [
        "each bar must measure 100 mm ± 1 mm",
        "Turn off “Fit to page”",
        "If the 0.8 mm code does not scan, do not use that copier for kits.",
        "Page 1 of 1",
    ] {
        assert!(text.contains(needle), "en: missing {needle:?} in\n{text}");
    }
}

/// Payloads zbarimg decodes from the page rendered at `dpi`.
fn decoded(pdf: &Path, dpi: &str) -> Vec<String> {
    let prefix = pdf.with_extension(format!("r{dpi}"));
    run(
        "pdftoppm",
        &[
            "-r",
            dpi,
            "-png",
            "-singlefile",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = prefix.with_extension(format!("r{dpi}.png"));
    // zbarimg exits 4 when it finds nothing; that is a result here, not a failure.
    let out = Command::new("zbarimg")
        .args(["--raw", "-q", png.to_str().unwrap()])
        .output()
        .unwrap();
    let mut found: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    found.sort();
    found
}

#[test]
fn qr_codes_decode_from_rendered_pages() {
    let dir = tmp("testpage-qr");
    for paper in ["a4", "letter"] {
        let p = testpage(&dir, paper, "sv");
        let all: Vec<String> = QR_MODULES
            .iter()
            .map(|m| testpage::qr_payload(*m))
            .collect();
        // Every module size at 150 dpi.
        assert_eq!(decoded(&p, "150"), all, "{paper} at 150 dpi");
        // The harsh case: at 100 dpi at least every code at 0.8 mm and above.
        let at100 = decoded(&p, "100");
        for (m, payload) in QR_MODULES.iter().zip(&all) {
            if *m >= 0.8 {
                assert!(at100.contains(payload), "{paper}: {payload} at 100 dpi");
            }
        }
        eprintln!("{paper}: decoded at 100 dpi: {at100:?}");
    }
}

/// A binary greyscale image (`P5`, 8 bit).
struct Pgm {
    w: usize,
    h: usize,
    px: Vec<u8>,
}

impl Pgm {
    fn read(path: &Path) -> Pgm {
        let data = std::fs::read(path).unwrap();
        // Header: "P5", width, height, maxval, each followed by whitespace.
        let mut fields = Vec::new();
        let mut i = 0;
        while fields.len() < 4 {
            while data[i].is_ascii_whitespace() {
                i += 1;
            }
            let start = i;
            while !data[i].is_ascii_whitespace() {
                i += 1;
            }
            fields.push(String::from_utf8(data[start..i].to_vec()).unwrap());
        }
        assert_eq!(fields[0], "P5");
        assert_eq!(fields[3], "255");
        let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
        let px = data[i + 1..].to_vec();
        assert_eq!(px.len(), w * h);
        Pgm { w, h, px }
    }

    fn dark(&self, x: usize, y: usize) -> bool {
        self.px[y * self.w + x] < 128
    }

    /// Length in pixels of the dark run through (`x`, `y`) along x (`horizontal`) or y.
    fn run_through(&self, x: usize, y: usize, horizontal: bool) -> usize {
        assert!(self.dark(x, y), "no ink at {x},{y}");
        let step = |(x, y): (usize, usize), d: isize| -> Option<(usize, usize)> {
            let (nx, ny) = if horizontal {
                (x.checked_add_signed(d)?, y)
            } else {
                (x, y.checked_add_signed(d)?)
            };
            (nx < self.w && ny < self.h && self.dark(nx, ny)).then_some((nx, ny))
        };
        let mut n = 1;
        for d in [-1, 1] {
            let mut at = (x, y);
            while let Some(next) = step(at, d) {
                n += 1;
                at = next;
            }
        }
        n
    }
}

#[test]
fn bars_measure_100_mm_on_the_rendered_page() {
    let dir = tmp("testpage-bars");
    for (name, paper) in [("a4", Paper::A4), ("letter", Paper::Letter)] {
        let p = testpage(&dir, name, "sv");
        // 254 dpi = 10 px per mm.
        let prefix = dir.join(format!("bars-{name}"));
        run(
            "pdftoppm",
            &[
                "-r",
                "254",
                "-gray",
                "-singlefile",
                p.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );
        let img = Pgm::read(&prefix.with_extension("pgm"));
        let (w_mm, h_mm) = paper.size_mm();
        assert!((img.w as f32 - w_mm * 10.0).abs() <= 1.0, "width {}", img.w);
        assert!(
            (img.h as f32 - h_mm * 10.0).abs() <= 1.0,
            "height {}",
            img.h
        );
        // Where the bars are, from the same layout the binary rendered.
        let opts = TestPageOptions {
            paper,
            lang: Lang::Sv,
            date: NaiveDate::parse_from_str(DATE, "%Y-%m-%d").unwrap(),
        };
        let doc = testpage::layout(&opts, &FontSet::builtin()).unwrap();
        let bars: Vec<(f32, f32, f32, f32)> = doc.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill: true,
                    ..
                } => Some((*x, *y, *w, *h)),
                _ => None,
            })
            .collect();
        assert_eq!(bars.len(), 2, "{bars:?}");
        for (x, y, w, h) in bars {
            let horizontal = w > h;
            let (cx, cy) = (
                ((x + w / 2.0) * 10.0) as usize,
                ((y + h / 2.0) * 10.0) as usize,
            );
            let px = img.run_through(cx, cy, horizontal);
            eprintln!("{name}: bar {w} x {h} mm measures {px} px");
            assert!(
                (990..=1010).contains(&px),
                "{name}: {} bar is {px} px at 10 px/mm",
                if horizontal { "horizontal" } else { "vertical" }
            );
        }
    }
}
