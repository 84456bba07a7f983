//! Mark reading with real tools: a serialized form built, its copies rendered with pdftoppm,
//! ticks, crosses, filled boxes, pencil, stray strokes and handwriting-like strokes drawn
//! into known boxes with ImageMagick (positions from the layout, through
//! `reconcile::Printed`), the pages degraded and put together with img2pdf, and read back
//! with `downkit reconcile --format json`: no box decided against the truth, blank copies
//! reported unused, an upside-down sheet read, a fax read for its code only.

use crate::support;

// Shared with the benchmark, which uses all of it, and with the serve tests.
#[allow(dead_code)]
#[path = "../../tools/omr/scans.rs"]
pub mod scans;

use downkit::reconcile::Printed;
use scans::{Pen, Rng, Score, Wear};
use serde_json::Value;
use std::path::{Path, PathBuf};
use support::downkit;

const FIXTURE: &str = "tests/fixtures/kits/omr";

fn ok(o: &std::process::Output) -> String {
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The boxes of the order form's code page, from the layout.
fn spots(kit: &Path) -> Vec<scans::Spot> {
    let loaded = downkit::load::load(kit);
    let fonts = downkit::validate::fonts_for(&loaded).expect("fonts");
    let printed = Printed::of(&loaded, &fonts, None).expect("laid out");
    let spec = printed.form("bestallning").unwrap().read.as_ref().unwrap();
    scans::spots(spec)
}

fn reconcile(kit: &Path, extra: &[&str]) -> (Option<i32>, Value) {
    let mut args = vec![
        "reconcile",
        kit.to_str().unwrap(),
        "--format",
        "json",
        "--date",
        "2027-03-21",
    ];
    args.extend_from_slice(extra);
    let o = downkit(&args);
    let v = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o.status.code(), v)
}

/// The entry of the `read` array for `serial`.
fn read_of<'v>(v: &'v Value, serial: &str) -> &'v Value {
    v["read"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["serial"] == serial)
        .unwrap_or_else(|| panic!("{serial} not read: {v:#}"))
}

#[test]
fn ticks_and_writing_are_read_from_the_boxes_the_layout_placed() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    let kit = w.join("markering");
    support::scans::copy_dir(Path::new(FIXTURE), &kit);
    let out = w.join("out");
    ok(&downkit(&[
        "build",
        kit.to_str().unwrap(),
        "--only",
        "bestallning",
        "--copies",
        "9",
        "-o",
        out.to_str().unwrap(),
        "--date",
        "2026-12-01",
        "-q",
    ]));
    let pdf = out.join("markering-1.0-bestallning.pdf");
    let spots = spots(&kit);
    assert!(spots.len() > 40, "{} boxes", spots.len());
    // Copy n: its wear, and whether it is left blank.
    let sheets = [
        (Wear::Clean, false),
        (Wear::Jpeg50, false),
        (Wear::Rotate2, false),
        (Wear::Blur, true),
        (Wear::UpsideDown, false),
        (Wear::OneBit, false),
        (Wear::Noise, true),
        (Wear::Scale95, false),
        (Wear::Fax, false),
    ];
    let mut rng = Rng::new(24);
    let mut pens = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for (i, (wear, blank)) in sheets.iter().enumerate() {
        let p = scans::plan(&spots, &mut rng, *blank);
        let draw = scans::draw_args(&spots, &p, 200, &mut rng);
        files.push(scans::page(
            &pdf,
            i + 1,
            200,
            &draw,
            *wear,
            &w.join(format!("p{i}")),
        ));
        pens.push(p);
    }
    let scan = w.join("scan.pdf");
    scans::img2pdf(&files, &scan);
    let (_, v) = reconcile(
        &kit,
        &[scan.to_str().unwrap(), "--out", out.to_str().unwrap()],
    );

    let mut total = Score::default();
    for (i, (wear, blank)) in sheets.iter().enumerate() {
        let serial = format!("HB-{:04}", i + 1);
        if *wear == Wear::Fax {
            // 98 dpi down the page: a code of 0.66 mm modules is 2.5 pixels a module, too
            // few to read; the page is reported as not read, never as ticks.
            let read = v["read"].as_array().unwrap();
            assert!(
                read.iter()
                    .all(|r| r["serial"] != serial.as_str() || r["state"] == "not-read"),
                "{v:#}"
            );
            continue;
        }
        let r = read_of(&v, &serial);
        if *blank {
            assert_eq!(r["state"], "unused", "{serial} is blank: {r:#}");
            continue;
        }
        assert_ne!(r["state"], "unused", "{serial}");
        let s = scans::score(&spots, &pens[i], r);
        assert_eq!(s.wrong, 0, "{serial} ({wear:?}): {s:?}\n{r:#}");
        total.merge(s);
        let q = &r["quality"];
        let rot = q["rotation"].as_f64().unwrap();
        match wear {
            Wear::UpsideDown => assert!((rot - 180.0).abs() < 1.0, "{q}"),
            Wear::Rotate2 => assert!((rot - 2.0).abs() < 0.7, "{q}"),
            Wear::Scale95 => assert!((q["scale"].as_f64().unwrap() - 0.95).abs() < 0.01, "{q}"),
            _ => assert!((q["dpi"][0].as_f64().unwrap() - 200.0).abs() < 3.0, "{q}"),
        }
    }
    assert!(
        total.uncertain_pct() <= 5.0,
        "{:.1} % of the boxes uncertain: {total:?}",
        total.uncertain_pct()
    );
    // The blank copies are unused, not open work, in the ledger too.
    let unused: Vec<&str> = v["received"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["state"] == "unused")
        .map(|s| s["sheet"].as_str().unwrap())
        .collect();
    assert_eq!(unused, ["HB-0004", "HB-0007"]);
    assert_eq!(v["totals"]["unused"], 2);

    // One row per sheet with the choices decoded, for import.
    let o = downkit(&[
        "reconcile",
        kit.to_str().unwrap(),
        scan.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--date",
        "2027-03-21",
        "--export",
        "csv",
    ]);
    let csv = String::from_utf8(o.stdout).unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let head = rows.headers().unwrap().clone();
    let first7: Vec<&str> = head.iter().take(7).collect();
    assert_eq!(
        first7,
        [
            "form",
            "serial",
            "run",
            "file",
            "page",
            "state",
            "uncertain"
        ]
    );
    assert!(head.iter().any(|h| h == "hjalpmedel") && head.iter().any(|h| h == "bradska"));
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 8, "{csv}");
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let first = rows.iter().find(|r| &r[1] == "HB-0001").unwrap();
    let json_value = read_of(&v, "HB-0001")["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "hjalpmedel")
        .unwrap()["value"]
        .clone();
    assert_eq!(
        first[col("hjalpmedel")],
        json_value.as_str().unwrap().to_string()
    );
    let blank = rows.iter().find(|r| &r[1] == "HB-0004").unwrap();
    assert_eq!(&blank[5], "unused");

    // Blank sheets voided in one step; a field confirmed by a person, recorded with who.
    let o = downkit(&[
        "reconcile",
        kit.to_str().unwrap(),
        "--void-unused",
        "--by",
        "AB",
        "--date",
        "2027-03-22",
    ]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("voided 2 unused sheet(s): HB-0004, HB-0007"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = downkit(&[
        "reconcile",
        kit.to_str().unwrap(),
        "--confirm",
        "HB-0001",
        "--field",
        "bradska",
        "--value",
        "Normal",
        "--by",
        "CD",
        "--date",
        "2027-03-22",
    ]);
    ok(&o);
    let o = downkit(&[
        "reconcile",
        kit.to_str().unwrap(),
        "--confirm",
        "HB-0001",
        "--field",
        "bradska",
        "--value",
        "Anna Andersson",
        "--by",
        "CD",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let ledger = std::fs::read_to_string(kit.join("ledger-2027-03-21.toml")).unwrap();
    assert!(
        ledger.contains(
            "confirmed = [{ field = \"bradska\", value = \"Normal\", by = \"CD\", date = 2027-03-22 }]"
        ),
        "{ledger}"
    );
    assert!(!ledger.contains("Anna"));

    // Every pen drawn somewhere: the test covers ticks, crosses, fills, pencil, strays.
    for pen in [Pen::Tick, Pen::Cross, Pen::Filled, Pen::Stray, Pen::Write] {
        assert!(pens.iter().flatten().any(|p| *p == pen), "{pen:?} drawn");
    }
}
