//! The drill watermark never crosses a QR code (with its quiet zone) or a number: every code
//! of every drill packet of every shipped kit decodes with zbarimg from a 150 and a 100 dpi
//! render, exactly the codes the packet holds.

use crate::support;
use downkit::compose::CodePlace;
use support::decode_codes;

use std::path::{Path, PathBuf};

fn shipped_kits() -> Vec<PathBuf> {
    let mut kits: Vec<PathBuf> = std::fs::read_dir("kits")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("kit.toml").is_file())
        .collect();
    kits.sort();
    kits
}

/// The drill packet of `kit` written into `dir`, the payloads it holds (sorted) and where
/// its codes are printed.
fn packet(kit: &Path, dir: &Path) -> (PathBuf, Vec<String>, Vec<CodePlace>) {
    let loaded = downkit::load::load(kit);
    let fonts = downkit::validate::fonts_for(&loaded).unwrap();
    let opts = downkit::compose::BuildOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        exercise: true,
        ..Default::default()
    };
    let out = downkit::compose::drill_packet(&loaded, &fonts, &opts, None).unwrap();
    let path = dir.join(&out.file_name);
    downkit::write::write_atomic(&path, &out.bytes).unwrap();
    let mut payloads = out.payloads;
    payloads.sort();
    (path, payloads, out.codes)
}

#[test]
fn every_code_of_every_drill_packet_decodes_at_150_and_100_dpi() {
    let dir = tempfile::tempdir().unwrap();
    let kits = shipped_kits();
    assert!(kits.len() >= 4, "{kits:?}");
    let packets: Vec<(PathBuf, Vec<String>, Vec<CodePlace>)> =
        kits.iter().map(|k| packet(k, dir.path())).collect();
    let jobs: Vec<(&PathBuf, &Vec<String>, &Vec<CodePlace>, u32)> = packets
        .iter()
        .flat_map(|(p, want, codes)| [150, 100].map(|dpi| (p, want, codes, dpi)))
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(&(pdf, want, codes, dpi)) = jobs.get(i) else {
                    break;
                };
                let mut got = decode_codes(pdf, codes, dpi);
                got.sort();
                if &got != want {
                    let missing: Vec<&String> = want.iter().filter(|w| !got.contains(w)).collect();
                    failures.lock().unwrap().push(format!(
                        "{} at {dpi} dpi: {} of {} codes decode; missing {missing:?}",
                        pdf.file_name().unwrap().to_string_lossy(),
                        got.len(),
                        want.len()
                    ));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_watermark_is_knocked_out_around_every_code_on_its_page() {
    use downkit::layout::Item;
    for kit in shipped_kits() {
        let loaded = downkit::load::load(&kit);
        let fonts = downkit::validate::fonts_for(&loaded).unwrap();
        let opts = downkit::compose::BuildOptions {
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            exercise: true,
            ..Default::default()
        };
        let doc = downkit::compose::binder_document(&loaded, &fonts, &opts).unwrap();
        for p in 0..doc.pages.len() {
            let items: Vec<&Item> = doc.page_items(p).collect();
            let clear: Vec<[f32; 4]> = items
                .iter()
                .find_map(|i| match i {
                    Item::OutlineText { clear, .. } => Some(clear.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("{}: page {} has no watermark", kit.display(), p + 1));
            for i in &items {
                if let Item::Qr {
                    x,
                    y,
                    module,
                    quiet,
                    modules,
                    payload,
                } = i
                {
                    let side = (modules.len() as f32 + 2.0 * *quiet as f32) * module;
                    let inside = clear.iter().any(|c| {
                        c[0] <= *x
                            && c[1] <= *y
                            && c[0] + c[2] >= x + side
                            && c[1] + c[3] >= y + side
                    });
                    assert!(
                        inside,
                        "{}: page {}: {payload} not kept clear",
                        kit.display(),
                        p + 1
                    );
                }
            }
        }
    }
}

#[test]
fn numbers_are_found_as_they_are_printed() {
    let numbers = downkit::layout::knockout::numbers;
    let found = |t: &str| {
        numbers(t)
            .into_iter()
            .map(|r| t[r].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        found("Mobil 070-174\u{a0}06\u{a0}05"),
        ["070-174\u{a0}06\u{a0}05"]
    );
    assert_eq!(found("tel:+46701740605"), ["+46701740605"]);
}
