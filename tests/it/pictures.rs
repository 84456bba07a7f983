//! Pictures in kits: a logo in the form header and pictures in sections (PNG with alpha,
//! greyscale JPEG, SVG), laid out at their proportions, embedded in the PDF (read back
//! with `pdfimages`), tagged as figures with their alternative text, byte-identical from
//! build to build; and a picture file too large to read refused with its size.

use crate::support::{self, tagged};
use downkit::compose::{binder_document, BuildOptions};
use downkit::layout::{Document, Item, Paper};
use std::path::Path;

fn document(kit: &Path) -> Document {
    let loaded = downkit::load::load(kit);
    assert!(loaded.diags.is_empty(), "{:?}", loaded.diags);
    let fonts = downkit::validate::fonts_for(&loaded).unwrap();
    let opts = BuildOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        paper: Some(Paper::A4),
        ..BuildOptions::default()
    };
    binder_document(&loaded, &fonts, &opts).unwrap()
}

fn kit() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/pictures"))
}

#[test]
fn pictures_are_laid_out_at_their_proportions_golden() {
    let doc = document(kit());
    let page = doc.anchors["form-utrymning"] - 1;
    let pictures: Vec<(f32, f32, String)> = doc
        .page_items(page)
        .filter_map(|i| match i {
            Item::Image { w, h, picture, .. } => Some((*w, *h, picture.name.clone())),
            _ => None,
        })
        .collect();
    let names: Vec<&str> = pictures
        .iter()
        .map(|p| p.2.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(names, ["logo.png", "plan.svg", "larmpanel.jpg"]);
    // The logo 12 mm tall (square), the plan 120 mm wide (180 × 80), the photo 35 mm tall
    // (360 × 240 pixels).
    let near = |a: f32, b: f32| (a - b).abs() < 0.01;
    assert!(
        near(pictures[0].0, 12.0) && near(pictures[0].1, 12.0),
        "{pictures:?}"
    );
    assert!(near(pictures[1].0, 120.0) && near(pictures[1].1, 120.0 * 80.0 / 180.0));
    assert!(near(pictures[2].1, 35.0) && near(pictures[2].0, 35.0 * 1.5));
    crate::forms_fit::golden("feature-pictures", &doc, page..page + 1);
}

#[test]
fn pictures_reach_the_pdf_tagged_and_identical_every_build() {
    let out = support::tmp("pictures");
    let build = |dir: &str| {
        let o = support::downkit(&[
            "build",
            kit().to_str().unwrap(),
            "-o",
            out.join(dir).to_str().unwrap(),
            "--date",
            "2026-11-27",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read(out.join(dir).join("pictures-1.0.pdf")).unwrap()
    };
    let (a, b) = (build("a"), build("b"));
    assert!(a == b, "two builds of the same kit differ");
    let pdf = out.join("a/pictures-1.0.pdf");
    let list = support::run("pdfimages", &["-list", pdf.to_str().unwrap()]);
    let rows: Vec<Vec<&str>> = list
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    // page num type width height color comp bpc enc …
    let kinds: Vec<String> = rows
        .iter()
        .map(|r| format!("{} {}x{} {} {}", r[2], r[3], r[4], r[5], r[8]))
        .collect();
    assert_eq!(
        kinds,
        [
            "image 240x240 rgb image",
            "smask 240x240 gray image",
            "image 360x240 gray jpeg"
        ],
        "{list}"
    );
    // The SVG is vector drawing: a form XObject, not an image.
    let doc = lopdf::Document::load_mem(&a).unwrap();
    let forms = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").ok() == Some(&lopdf::Object::Name(b"Form".to_vec())))
        .filter(|s| s.dict.get(b"BBox").is_ok())
        .count();
    assert!(forms >= 1, "no form XObject for the SVG");
    support::run("qpdf", &["--check", pdf.to_str().unwrap()]);
    // Each picture a figure with its alternative text.
    let t = tagged::read(&pdf);
    let alts: Vec<String> = t
        .elems()
        .iter()
        .filter(|e| e.tag == "Figure")
        .filter_map(|e| e.alt.clone())
        .collect();
    for want in [
        "Exempelby kommuns vapen",
        "Planritning över avdelning 3",
        "Foto av larmpanelen",
    ] {
        assert!(
            alts.iter().any(|a| a.starts_with(want)),
            "no figure `{want}…` in {alts:?}"
        );
    }
}

#[test]
fn a_picture_file_too_large_is_refused_with_its_size() {
    let dir = support::tmp("picture-large");
    support::scans::copy_dir(kit(), &dir);
    // 5 MB: more than a picture may be (4 MB), refused before it is read.
    std::fs::write(dir.join("logo.png"), vec![0u8; 5 * 1024 * 1024]).unwrap();
    let loaded = downkit::load::load(&dir);
    let d: Vec<String> = loaded
        .diags
        .iter()
        .map(|d| {
            format!(
                "{} {} | {}",
                d.code,
                d.message,
                d.hint.clone().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].starts_with("file-too-large the picture `")
            && d[0].contains("logo.png` is 5 MB; a picture may be at most 4 MB")
            && d[0].contains("scale it down"),
        "{d:?}"
    );
}

#[test]
fn serialized_copies_draw_the_pictures_of_their_shared_page_template() {
    let dir = support::tmp("pictures-serial");
    support::scans::copy_dir(kit(), &dir);
    let text = std::fs::read_to_string(dir.join("kit.toml")).unwrap();
    let text = text.replace(
        "personal-data = true\n",
        "personal-data = true\nserial = { copies = 3, prefix = \"U-\", first = 1, digits = 3 }\n",
    );
    std::fs::write(dir.join("kit.toml"), text).unwrap();
    let out = dir.join("out");
    let o = support::downkit(&[
        "build",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--date",
        "2026-11-27",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = out.join("pictures-1.0.pdf");
    support::run("qpdf", &["--check", pdf.to_str().unwrap()]);
    let list = support::run("pdfimages", &["-list", pdf.to_str().unwrap()]);
    // Each of the three copies' pages draws the logo (with its mask) and the photo, and
    // every copy uses the same two image objects.
    let rows: Vec<Vec<String>> = list
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 9, "{list}");
    let mut pages: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    pages.dedup();
    assert_eq!(pages.len(), 3, "{list}");
    let mut objects: Vec<&str> = rows.iter().map(|r| r[10].as_str()).collect();
    objects.sort_unstable();
    objects.dedup();
    assert_eq!(objects.len(), 2, "{list}");
    // The first copy's figures are read with their alternative text.
    let t = tagged::read(&pdf);
    let alts = t
        .elems()
        .iter()
        .filter(|e| e.tag == "Figure")
        .filter_map(|e| e.alt.clone())
        .filter(|a| a.starts_with("Foto av larmpanelen"))
        .count();
    assert!(alts >= 1, "no figure for the photo");
}
