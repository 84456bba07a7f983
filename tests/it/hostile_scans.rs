//! Scans made to hurt (issue 28, items 6, 9 and 12), each made here in a few kilobytes:
//! pages of gigapixel images, files of thousands of pages, a page tree that loops, an image
//! with 0 bits per sample. Each is refused with what to do, the rest of the batch is read,
//! and no panic text reaches the terminal.

use crate::support;

use lopdf::dictionary;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};
use support::downkit;
use support::scans::{copy_dir, pdf_of_image, qr_png, zeros_deflated};

fn kit(dir: &Path) -> PathBuf {
    let kit = dir.join("skanning");
    copy_dir(Path::new("tests/fixtures/kits/scanback"), &kit);
    kit
}

fn reconcile(kit: &Path, scans: &[&Path]) -> (Output, Value, Duration) {
    let mut args = vec![
        "reconcile".to_string(),
        kit.display().to_string(),
        "--format".into(),
        "json".into(),
        "--date".into(),
        "2027-03-21".into(),
    ];
    args.extend(scans.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let t = Instant::now();
    let o = downkit(&args);
    let took = t.elapsed();
    let json = serde_json::from_slice(&o.stdout).unwrap_or(Value::Null);
    (o, json, took)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The unreadable pages' messages of a report.
fn unreadable(v: &Value) -> Vec<String> {
    v["unreadable"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|u| u["message"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A good file beside the hostile ones: one blank page (no code), read as such.
fn blank_page(dir: &Path) -> PathBuf {
    let p = dir.join("tom.png");
    qr_png(&[], &p);
    p
}

#[test]
fn an_image_with_zero_bits_per_sample_is_a_page_problem_and_no_panic_text_shows() {
    let dir = tempfile::tempdir().unwrap();
    let kit = kit(dir.path());
    let pdf = dir.path().join("noll-bitar.pdf");
    let image = dictionary! {
        "Width" => 400, "Height" => 400, "BitsPerComponent" => 0,
        "ColorSpace" => "DeviceGray", "Filter" => "FlateDecode",
    };
    std::fs::write(&pdf, pdf_of_image(image, zeros_deflated(400 * 400), 1)).unwrap();
    let (o, v, _) = reconcile(&kit, &[&pdf]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("gray.rs"),
        "{err}"
    );
    assert!(!err.contains("backtrace"), "{err}");
    let msgs = unreadable(&v);
    assert!(
        msgs.len() == 1 && msgs[0].contains("0 bits per sample"),
        "{msgs:?}"
    );
}

#[test]
fn a_page_of_a_hundred_megapixels_is_refused_before_it_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let kit = kit(dir.path());
    // 10,900 × 10,900 grey pixels (119 megapixels) in about 120 kB of Flate.
    let side = 10_900i64;
    let image = dictionary! {
        "Width" => side, "Height" => side, "BitsPerComponent" => 8,
        "ColorSpace" => "DeviceGray", "Filter" => "FlateDecode",
    };
    let pdf = dir.path().join("jatte.pdf");
    let bytes = pdf_of_image(image, zeros_deflated((side * side) as usize), 1);
    assert!(bytes.len() < 400_000);
    std::fs::write(&pdf, bytes).unwrap();
    let blank = blank_page(dir.path());
    let (o, v, _) = reconcile(&kit, &[&pdf, &blank]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let msgs = unreadable(&v);
    assert!(
        msgs.iter()
            .any(|m| m.contains("119 megapixels") && m.contains("300 dpi")),
        "{msgs:?}"
    );
    // The rest of the batch was read.
    assert_eq!(v["pages"], 2, "{v}");
}

#[test]
fn a_file_of_more_pages_than_are_read_is_refused_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let kit = kit(dir.path());
    let image = dictionary! {
        "Width" => 400, "Height" => 400, "BitsPerComponent" => 8,
        "ColorSpace" => "DeviceGray", "Filter" => "FlateDecode",
    };
    // 2,000 pages drawing one shared image: a few kilobytes.
    let pdf = dir.path().join("tusen.pdf");
    std::fs::write(&pdf, pdf_of_image(image, zeros_deflated(400 * 400), 2000)).unwrap();
    let blank = blank_page(dir.path());
    let (o, v, took) = reconcile(&kit, &[&pdf, &blank]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("tusen.pdf") && err.contains("more than 500 pages") && err.contains("split"),
        "{err}"
    );
    assert_eq!(v["files"], serde_json::json!([blank.display().to_string()]));
    assert_eq!(v["pages"], 1);
    assert!(took < Duration::from_secs(60), "{took:?}");
}

#[test]
fn a_file_whose_pages_hold_gigapixels_together_is_refused_before_decoding() {
    let dir = tempfile::tempdir().unwrap();
    let kit = kit(dir.path());
    // 200 pages of one shared 5,000 × 5,000 image: 5 gigapixels in a few hundred kB.
    let image = dictionary! {
        "Width" => 5000, "Height" => 5000, "BitsPerComponent" => 8,
        "ColorSpace" => "DeviceGray", "Filter" => "FlateDecode",
    };
    let pdf = dir.path().join("gigapixel.pdf");
    std::fs::write(&pdf, pdf_of_image(image, zeros_deflated(25_000_000), 200)).unwrap();
    let (o, _, took) = reconcile(&kit, &[&pdf]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("5000 megapixels") && err.contains("split the scan"),
        "{err}"
    );
    assert!(took < Duration::from_secs(60), "{took:?}");
}

#[test]
fn a_pdf_whose_page_tree_loops_is_an_error_not_an_empty_scan() {
    use lopdf::{Document, Object};
    let dir = tempfile::tempdir().unwrap();
    let kit = kit(dir.path());
    let mut doc = Document::with_version("1.5");
    let root = doc.new_object_id();
    doc.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![root.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root });
    doc.trailer.set("Root", catalog);
    let pdf = dir.path().join("slinga.pdf");
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    std::fs::write(&pdf, bytes).unwrap();
    let (o, _, _) = reconcile(&kit, &[&pdf]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("slinga.pdf") && err.contains("loops"), "{err}");
}

#[test]
fn a_png_claiming_a_gigantic_size_is_refused_from_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let kit = kit(dir.path());
    // A PNG whose header says 30,000 × 30,000 pixels, with one small IDAT chunk.
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&crc.sum().to_be_bytes());
        c
    };
    let mut ihdr = 30_000u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&30_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(chunk(b"IHDR", &ihdr));
    bytes.extend(chunk(b"IDAT", &zeros_deflated(1000)));
    bytes.extend(chunk(b"IEND", &[]));
    let png = dir.path().join("stor.png");
    std::fs::write(&png, bytes).unwrap();
    let (o, v, _) = reconcile(&kit, &[&png]);
    let text = format!("{}{v}", stderr(&o));
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("megapixels"), "{text}");
}
