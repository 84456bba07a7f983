//! Mark-reading benchmark: accuracy per degradation and resolution, and pages read per second
//! per core. The order form of `tests/fixtures/kits/omr` is built in one copy per sheet; each
//! sheet is rendered with `pdftoppm` at 150, 200 and 300 dpi, filled in with pens drawn into
//! known boxes (`tools/omr/scans.rs`: ticks, crosses, filled boxes, pencil, stray strokes,
//! writing; a tenth of the sheets left blank), degraded (clean, blur, noise, 2° and −3°
//! rotation, 95 % and 105 % scale, JPEG q50, 1-bit, fax 204 × 98, upside down), put into one
//! PDF per resolution and degradation with `img2pdf`, and read back in process with one
//! thread (`scan::scan_with`, `reconcile::sort`). Every decision is compared with the truth:
//! a box decided ticked or empty against it is wrong; uncertain boxes are counted. The ink
//! measured in each kind of box is summarised, which is how the thresholds in
//! `reconcile::marks` were chosen. Run it with `scripts/bench-omr.sh`.
//!
//! ```text
//! cargo run --release --example bench_omr -- [--sheets N] [--work DIR] [--dpi 150,200,300]
//! ```

#[path = "../omr/scans.rs"]
mod scans;

use downkit::reconcile::{self, report::read_json, Printed};
use downkit::scan::{self, Reading};
use scans::{Pen, Rng, Score, Spot, Wear};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Parser)]
struct Cli {
    /// Sheets per resolution and degradation.
    #[arg(long, default_value_t = 10)]
    sheets: usize,
    /// Where the scans are made (kept); a temporary folder when not given.
    #[arg(long)]
    work: Option<PathBuf>,
    /// Resolutions, dpi.
    #[arg(long, value_delimiter = ',', default_values_t = [150, 200, 300])]
    dpi: Vec<u32>,
    /// The downkit binary (default: beside this example).
    #[arg(long)]
    bin: Option<PathBuf>,
    /// Read the scans a run before left in --work instead of making them again (the pens
    /// are the same: the drawing is seeded).
    #[arg(long)]
    reuse: bool,
}

/// One sheet: its serial's number, the pens drawn, blank or not.
struct Sheet {
    copy: usize,
    pens: Vec<Pen>,
    blank: bool,
}

/// Ink measured per kind of drawn box (min, max, count).
#[derive(Default, Clone, Copy)]
struct Range(f32, f32, usize);

impl Range {
    fn add(&mut self, x: f32) {
        if self.2 == 0 {
            *self = Range(x, x, 1);
        } else {
            *self = Range(self.0.min(x), self.1.max(x), self.2 + 1);
        }
    }
}

fn main() {
    let cli: Cli = clap::Parser::parse();
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let work = cli.work.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&work).unwrap();
    let bin = cli.bin.clone().unwrap_or_else(|| {
        let exe = std::env::current_exe().unwrap();
        exe.parent().unwrap().parent().unwrap().join("downkit")
    });
    let kit = Path::new("tests/fixtures/kits/omr");
    let cells: Vec<(u32, Wear)> = cli
        .dpi
        .iter()
        .flat_map(|d| Wear::ALL.iter().map(move |w| (*d, *w)))
        .collect();
    let copies = cells.len() * cli.sheets;
    let out = work.join("out");
    let status = std::process::Command::new(&bin)
        .args([
            "build",
            kit.to_str().unwrap(),
            "--only",
            "bestallning",
            "--copies",
        ])
        .arg(copies.to_string())
        .args(["-o", out.to_str().unwrap(), "--date", "2026-12-01", "-q"])
        .status()
        .expect("runs downkit");
    assert!(status.success(), "downkit build");
    let pdf = out.join("markering-1.0-bestallning.pdf");

    let loaded = downkit::load::load(kit);
    let fonts = downkit::validate::fonts_for(&loaded).expect("fonts");
    let printed = Printed::of(&loaded, &fonts, Some(copies as u32)).expect("laid out");
    let spots = scans::spots(printed.form("bestallning").unwrap().read.as_ref().unwrap());

    // The scans: one PDF per cell, its pages made on all cores.
    let made = Instant::now();
    let mut plans: Vec<Vec<Sheet>> = Vec::new();
    let mut pdfs = Vec::new();
    for (c, (dpi, wear)) in cells.iter().enumerate() {
        let mut rng = Rng::new(c as u64 + 1);
        let sheets: Vec<Sheet> = (0..cli.sheets)
            .map(|i| {
                let blank = i % 10 == 9;
                Sheet {
                    copy: c * cli.sheets + i + 1,
                    pens: scans::plan(&spots, &mut rng, blank),
                    blank,
                }
            })
            .collect();
        let draws: Vec<Vec<String>> = sheets
            .iter()
            .map(|s| scans::draw_args(&spots, &s.pens, *dpi, &mut rng))
            .collect();
        let scan = work.join(format!("{dpi}-{wear:?}.pdf"));
        if cli.reuse && scan.exists() {
            pdfs.push(scan);
            plans.push(sheets);
            continue;
        }
        let dir = work.join(format!("{dpi}-{wear:?}"));
        std::fs::create_dir_all(&dir).unwrap();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let files: std::sync::Mutex<Vec<Option<PathBuf>>> =
            std::sync::Mutex::new(vec![None; sheets.len()]);
        std::thread::scope(|s| {
            for _ in 0..std::thread::available_parallelism().map_or(1, |n| n.get()) {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(sheet) = sheets.get(i) else { break };
                    let f = scans::page(
                        &pdf,
                        sheet.copy,
                        *dpi,
                        &draws[i],
                        *wear,
                        &dir.join(format!("p{i:03}")),
                    );
                    files.lock().unwrap()[i] = Some(f);
                });
            }
        });
        let files: Vec<PathBuf> = files.into_inner().unwrap().into_iter().flatten().collect();
        scans::img2pdf(&files, &scan);
        for f in files {
            std::fs::remove_file(f).ok();
        }
        pdfs.push(scan);
        plans.push(sheets);
    }
    eprintln!(
        "made {} pages in {:.0} s",
        copies,
        made.elapsed().as_secs_f64()
    );

    // Reading, one thread: pages per second per core.
    println!("| dpi | degradation | pages | boxes | wrong | uncertain | of them not corrections | blank copies unused | not read | s/page |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let mut by_dpi: std::collections::BTreeMap<u32, (Score, usize, f64)> = Default::default();
    let mut inks: std::collections::BTreeMap<String, Range> = Default::default();
    let mut all_pages = 0;
    let mut all_time = 0.0;
    let today = chrono::NaiveDate::from_ymd_opt(2027, 3, 21).unwrap();
    for ((dpi, wear), (scan, sheets)) in cells.iter().zip(pdfs.iter().zip(&plans)) {
        let reading = Reading {
            threads: 1,
            layouts: &printed,
            progress: None,
        };
        let t = Instant::now();
        let (files, errors) = scan::scan_with(std::slice::from_ref(scan), &reading);
        let secs = t.elapsed().as_secs_f64();
        assert!(errors.is_empty(), "{errors:?}");
        all_pages += sheets.len();
        all_time += secs;
        let batch = reconcile::sort(&printed, &files, today);
        let mut score = Score::default();
        let (mut unused, mut blanks, mut not_read) = (0, 0, 0);
        for sheet in sheets {
            let serial = format!("HB-{:04}", sheet.copy);
            let Some(found) = batch.sheets.iter().find(|s| s.serial == serial) else {
                not_read += 1;
                continue;
            };
            let v = read_json(&found.read);
            if v["state"] == "not-read" || v["state"] == "not-known" {
                not_read += 1;
                continue;
            }
            if sheet.blank {
                blanks += 1;
                unused += usize::from(found.unused());
                continue;
            }
            score.merge(scans::score(&spots, &sheet.pens, &v));
            // The ink of each kind of drawn box, from the page's marks.
            let page = &files[0].pages[found.pages[0].page as usize - 1];
            if let Some(m) = page.marks.first() {
                for (spot, pen) in spots.iter().zip(&sheet.pens) {
                    if let Some(b) = m.boxes.get(spot.bx) {
                        inks.entry(ink_kind(spot, *pen)).or_default().add(b.ink);
                    }
                }
            }
        }
        println!(
            "| {dpi} | {wear:?} | {} | {} | {} | {:.1} % | {:.1} % | {unused} of {blanks} | {not_read} | {:.3} |",
            sheets.len(),
            score.boxes,
            score.wrong,
            score.uncertain_pct(),
            score.doubt_pct(),
            secs / sheets.len() as f64
        );
        let e = by_dpi.entry(*dpi).or_default();
        e.0.merge(score);
        e.1 += sheets.len();
        e.2 += secs;
    }
    println!();
    println!("| dpi | boxes | wrong | uncertain | of them not corrections | pages/s on one core |");
    println!("|---|---|---|---|---|---|");
    for (dpi, (s, pages, secs)) in &by_dpi {
        println!(
            "| {dpi} | {} | {} | {:.2} % | {:.2} % | {:.1} |",
            s.boxes,
            s.wrong,
            s.uncertain_pct(),
            s.doubt_pct(),
            *pages as f64 / secs
        );
    }
    println!();
    println!(
        "all {all_pages} pages on one core: {:.1} s, {:.1} pages/s",
        all_time,
        all_pages as f64 / all_time
    );
    // The whole batch at once on every core, as `reconcile` reads it.
    let t = Instant::now();
    let (files, _) = scan::scan_with(
        &pdfs,
        &Reading {
            threads: 0,
            layouts: &printed,
            progress: None,
        },
    );
    let pages: usize = files.iter().map(|f| f.pages.len()).sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "all {pages} pages on {cores} cores: {:.1} s, {:.1} pages/s",
        t.elapsed().as_secs_f64(),
        pages as f64 / t.elapsed().as_secs_f64()
    );
    println!();
    println!("| box drawn | boxes | ink min | ink max |");
    println!("|---|---|---|---|");
    for (k, r) in &inks {
        println!("| {k} | {} | {:.3} | {:.3} |", r.2, r.0, r.1);
    }
}

/// The kind of box and pen, for the ink summary.
fn ink_kind(spot: &Spot, pen: Pen) -> String {
    let kind = match (spot.kind, spot.outlined) {
        (reconcile::marks::Kind::Write, true) => "character box",
        (reconcile::marks::Kind::Write, false) => "area to write on",
        _ => "checkbox",
    };
    format!("{kind}: {pen:?}")
}
