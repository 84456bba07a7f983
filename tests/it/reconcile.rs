//! Scan-back with real tools: kits built, rendered with pdftoppm at 200 dpi, degraded with
//! ImageMagick, put together with img2pdf — pages left out, one photocopied, one from a drill
//! packet, one from an older version, one of another kit, one from a second print run — and
//! read back with `downkit reconcile`.

use crate::support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::scans::{copy_dir, damage_all, img2pdf, magick_run, page_with, render, Damage};
use support::{downkit, tool};

const FIXTURE: &str = "tests/fixtures/kits/scanback";
const DATE: &str = "2026-12-01";
const DPI: u32 = 200;

fn ok(o: &std::process::Output) -> String {
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Builds one artifact of `kit` into `out` and returns the PDF.
fn build(kit: &Path, only: &str, out: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec![
        "build",
        kit.to_str().unwrap(),
        "--only",
        only,
        "-o",
        out.to_str().unwrap(),
        "--date",
        DATE,
        "-q",
    ];
    args.extend_from_slice(extra);
    ok(&downkit(&args));
    std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(&format!("-{only}.pdf")))
        .expect("the built PDF")
}

fn reconcile(kit: &Path, args: &[&str]) -> (Option<i32>, Value, String) {
    let mut all = vec![
        "reconcile",
        kit.to_str().unwrap(),
        "--format",
        "json",
        "--date",
        "2027-03-21",
    ];
    all.extend_from_slice(args);
    let o = downkit(&all);
    let json = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (
        o.status.code(),
        json,
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// `form:sheet@run` of each entry of a report array.
fn sheets(v: &Value, key: &str) -> Vec<String> {
    let mut out: Vec<String> = v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}:{}@{}",
                s["form"].as_str().unwrap(),
                s["sheet"].as_str().unwrap(),
                s["run"].as_str().unwrap_or("-")
            )
        })
        .collect();
    out.sort();
    out
}

/// Covers the middle of the page's QR code with a black block, leaving its three finder
/// patterns: a code that is seen but cannot be read (a coffee stain, a pen stroke).
fn spoil_code(kit: &Path, png: &Path, page: usize, run: u32) {
    let loaded = downkit::load::load(kit);
    let fonts = downkit::validate::fonts_for(&loaded).unwrap();
    let opts = downkit::compose::BuildOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        run,
        ..Default::default()
    };
    let doc = downkit::compose::artifact_document(&loaded, &fonts, &opts, "bestallning").unwrap();
    let (x, y, module, quiet, n) = doc
        .page_items(page - 1)
        .find_map(|i| match i {
            downkit::layout::Item::Qr {
                x,
                y,
                module,
                quiet,
                modules,
                ..
            } => Some((*x, *y, *module, *quiet as f32, modules.len() as f32)),
            _ => None,
        })
        .expect("a code on the page");
    let px = |mm: f32| (mm / 25.4 * DPI as f32).round() as i64;
    let (x0, y0) = (x + quiet * module, y + quiet * module);
    let (a, b) = (8.0 * module, (n - 8.0) * module);
    let rect = format!(
        "rectangle {},{} {},{}",
        px(x0 + a),
        px(y0 + a),
        px(x0 + b),
        px(y0 + b)
    );
    magick_run(png, &["-fill", "black", "-draw", &rect], png);
}

#[test]
fn a_stack_of_scans_is_sorted_sheet_by_sheet_into_the_ledger() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    let kit = w.join("skanning");
    copy_dir(Path::new(FIXTURE), &kit);
    let old = w.join("old");
    copy_dir(Path::new(FIXTURE), &old);
    let toml = std::fs::read_to_string(old.join("kit.toml")).unwrap();
    std::fs::write(
        old.join("kit.toml"),
        toml.replace("version = \"3.0\"", "version = \"2.9\""),
    )
    .unwrap();

    let orders = build(&kit, "bestallning", &w.join("b1"), &[]);
    let second = build(&kit, "bestallning", &w.join("b2"), &["--run", "2"]);
    let notes = build(&kit, "samtal", &w.join("b3"), &[]);
    let long = build(&kit, "utredning", &w.join("b4"), &[]);
    let stale = build(&old, "bestallning", &w.join("b5"), &[]);
    let other = build(
        Path::new("examples/serial-form.toml"),
        "kvittens",
        &w.join("b6"),
        &[],
    );
    ok(&downkit(&[
        "drill",
        kit.to_str().unwrap(),
        "-o",
        w.join("b7").to_str().unwrap(),
        "--date",
        DATE,
        "-q",
    ]));
    let drill = w.join("b7/skanning-3.0-ovning.pdf");
    assert!(
        tool("pdfinfo", &[long.to_str().unwrap()]).contains("Pages:           4"),
        "a long form copy takes two pages"
    );

    let r = |pdf: &Path, page: usize, name: &str| render(pdf, page, DPI, &w.join(name));
    let drill_page = page_with(&drill, &["Löpnummer HM-0002", "ÖVNING"]);
    let pages = [
        (r(&orders, 1, "hm1"), Damage::Jpeg50),
        (r(&orders, 2, "hm2"), Damage::BlurJpeg),
        (r(&orders, 3, "hm3"), Damage::Rotated),
        (r(&orders, 3, "hm3-copy"), Damage::Noise),
        (r(&orders, 5, "hm5"), Damage::OneBit),
        (r(&long, 1, "ut1a"), Damage::Jpeg50),
        (r(&long, 2, "ut1b"), Damage::Jpeg50),
        (r(&notes, 1, "ta1"), Damage::Mfp),
        (r(&drill, drill_page, "drill"), Damage::Jpeg50),
        (r(&stale, 5, "old5"), Damage::Blur),
        (r(&other, 1, "other"), Damage::Clean),
        (r(&second, 1, "run2-1"), Damage::Jpeg50),
        (r(&second, 2, "run2-2"), Damage::Clean),
        (r(&notes, 3, "ta3"), Damage::OneBit),
        // A copy's code heads its first page: the fax holds that page of UT-002.
        (r(&long, 3, "ut2a"), Damage::OneBit),
    ];
    spoil_code(&kit, &pages[12].0, 2, 2);
    let blank = w.join("blank.png");
    magick_run(
        &pages[0].0,
        &["-fill", "white", "-draw", "rectangle 0,0 5000,5000"],
        &blank,
    );
    let files = damage_all(&pages);
    let mut pdf_pages: Vec<PathBuf> = files[..13].to_vec();
    pdf_pages.push(blank);
    let scan = w.join("skanning-mars.pdf");
    img2pdf(&pdf_pages, &scan);
    // A multi-page G4 TIFF and a single PNG from a phone, as they come.
    let tiff = w.join("fax.tif");
    magick_run(
        &files[13],
        &[files[14].to_str().unwrap(), "-compress", "Group4"],
        &tiff,
    );
    let png = w.join("telefon.png");
    std::fs::copy(render(&orders, 6, DPI, &w.join("hm6")), &png).unwrap();
    let images = tool("pdfimages", &["-list", scan.to_str().unwrap()]);
    for enc in ["jpeg", "ccitt", "image"] {
        assert!(
            images.contains(enc),
            "the scan holds {enc} images: {images}"
        );
    }

    let args = [
        scan.to_str().unwrap(),
        tiff.to_str().unwrap(),
        png.to_str().unwrap(),
        "--incident",
        "2027-03",
    ];
    let (code, v, err) = reconcile(&kit, &args);
    assert_eq!(
        code,
        Some(1),
        "gaps and strays need attention: {v:#}\n{err}"
    );
    assert_eq!(v["pages"], 17, "{v:#}");
    assert_eq!(
        sheets(&v, "received"),
        [
            "bestallning:HM-0001@20261201",
            "bestallning:HM-0001@20261201-2",
            "bestallning:HM-0002@20261201",
            "bestallning:HM-0003-B@20261201",
            "bestallning:HM-0003@20261201",
            "bestallning:HM-0005@20261201",
            "bestallning:HM-0006@20261201",
            "samtal:TA-001@20261201",
            "samtal:TA-003@20261201",
            "utredning:UT-001@20261201",
            "utredning:UT-002@20261201",
        ],
        "{v:#}"
    );
    let ut1 = v["received"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["serial"] == "UT-001")
        .unwrap();
    assert_eq!(
        ut1["pages"].as_array().unwrap().len(),
        2,
        "both pages of a copy are one sheet: {ut1}"
    );
    let missing: Vec<&str> = v["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["serial"].as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        ["HM-0004", "TA-002"],
        "only gaps; nothing scanned is missing: {v:#}"
    );
    let dups = v["duplicates"].as_array().unwrap();
    assert_eq!(dups.len(), 1, "{v:#}");
    assert_eq!(dups[0]["serial"], "HM-0003");
    let named: Vec<u64> = dups[0]["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["pages"][0]["page"].as_u64().unwrap())
        .collect();
    assert_eq!(named, [3, 4], "both pages named");
    assert_eq!(v["exercise"].as_array().unwrap().len(), 1, "{v:#}");
    assert_eq!(v["exercise"][0]["serial"], "HM-0002");
    assert_eq!(v["other-kit"][0]["kit"], "serial-form");
    assert_eq!(v["other-version"].as_array().unwrap().len(), 1);
    assert_eq!(v["other-version"][0]["version"], "2.9");
    assert_eq!(v["other-version"][0]["sheet"], "HM-0005");
    let unreadable: Vec<(u64, &str)> = v["unreadable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["page"].as_u64().unwrap(), u["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        unreadable,
        [(13, "code-not-decoded"), (14, "no-code")],
        "{v:#}"
    );
    let ledger = kit.join("ledger-2027-03.toml");
    let text = std::fs::read_to_string(&ledger).unwrap();
    assert_eq!(
        text.matches("[[sheet]]").count(),
        12,
        "received and the older version: {text}"
    );

    // A file read again: nothing new, nothing doubled; the text report says what to do.
    let o = downkit(&[
        "reconcile",
        kit.to_str().unwrap(),
        png.to_str().unwrap(),
        "--date",
        "2027-03-22",
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&ledger).unwrap(), text, "{out}");
    for s in [
        "Received: 11 sheet(s) of version 3.0, 0 new in this scan",
        "MISSING: 2 sheet(s)",
        "Beställning, print run 2026-12-01: HM-0004",
        "HM-0003: HM-0003 (",
        "OTHER VERSION",
        "HM-0005 (version 2.9",
    ] {
        assert!(out.contains(s), "{s}: {out}");
    }
}

#[test]
fn jbig2_and_pdfs_made_on_a_computer_are_named_and_other_files_refused() {
    use lopdf::{dictionary, Document, Object, Stream};
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    let kit = w.join("skanning");
    copy_dir(Path::new(FIXTURE), &kit);
    let mut doc = Document::with_version("1.5");
    let img = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2480, "Height" => 3508,
            "BitsPerComponent" => 1, "ColorSpace" => "DeviceGray", "Filter" => "JBIG2Decode",
        },
        vec![0; 64],
    ));
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec(),
    ));
    let pages_id = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => img } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let jbig2 = w.join("jbig2.pdf");
    doc.save(&jbig2).unwrap();
    let built = build(&kit, "samtal", &w.join("b"), &[]);
    let word = w.join("notes.docx");
    std::fs::write(&word, b"PK\x03\x04 not a scan").unwrap();
    let (code, v, err) = reconcile(
        &kit,
        &[
            jbig2.to_str().unwrap(),
            built.to_str().unwrap(),
            word.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(1));
    assert!(
        err.contains("notes.docx") && err.contains("not a PDF, PNG, JPEG or TIFF"),
        "{err}"
    );
    let u = v["unreadable"].as_array().unwrap();
    assert_eq!(u.len(), 4, "{v:#}");
    let msg = u[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("JBIG2") && msg.contains("rescan") && msg.contains("G4"),
        "{msg}"
    );
    assert!(
        u[1]["message"]
            .as_str()
            .unwrap()
            .contains("no scanned image"),
        "{v:#}"
    );
    assert!(
        !kit.join("ledger-2027-03-21.toml").exists(),
        "nothing received, no ledger"
    );
}
