//! `downkit build` end to end on a fixture kit that uses every artifact, checked with the real
//! tools a printer room has: qpdf, pdffonts, pdfinfo, pdftotext, pdftoppm + zbarimg.

use crate::support;
use support::{decode_all, downkit, init_kit, tool};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

const KIT: &str = "tests/fixtures/kits/full";
const DATE: &str = "2026-11-27";
/// The print run of a build on `DATE` without `--run`, as serialized copies' codes carry it.
const RUN: &str = "20261127";

/// Builds `kit` into a fresh folder and returns the folder.
fn build(kit: &str, extra: &[&str]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![
        "build",
        kit,
        "-o",
        dir.path().to_str().unwrap(),
        "--date",
        DATE,
    ];
    args.extend_from_slice(extra);
    let o = downkit(&args);
    (dir, o)
}

fn pdf(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    assert!(p.is_file(), "{} was not written", p.display());
    p
}

/// The text of a PDF with all runs of whitespace collapsed to one space.
fn text(p: &Path) -> String {
    let raw = tool("pdftotext", &[p.to_str().unwrap(), "-"]);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn hash() -> String {
    let loaded = downkit::load::load(Path::new(KIT));
    downkit::payload::short_hash(&loaded.kit.fingerprint())
}

#[test]
fn binder_passes_the_printer_room_tools() {
    let (dir, o) = build(KIT, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("testkit-2.1.pdf — 12 pages, 9 QR codes"),
        "{stdout}"
    );
    let p = pdf(dir.path(), "testkit-2.1.pdf");
    let check = tool("qpdf", &["--check", p.to_str().unwrap()]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let fonts = tool("pdffonts", &[p.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        assert!(cols[0].contains('+'), "subset tag: {r}");
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "emb/sub/uni: {r}"
        );
    }
    let info = tool("pdfinfo", &[p.to_str().unwrap()]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(" 12")),
        "{info}"
    );
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
    assert!(
        info.lines()
            .any(|l| l.starts_with("Author:") && l.ends_with(" Exempelby kommun")),
        "{info}"
    );
    let creator = format!(" downkit {}", env!("CARGO_PKG_VERSION"));
    assert!(
        info.lines()
            .any(|l| l.starts_with("Creator:") && l.ends_with(&creator)),
        "{info}"
    );
}

#[test]
fn every_number_item_and_page_label_is_in_the_text() {
    let (dir, _) = build(KIT, &[]);
    let p = pdf(dir.path(), "testkit-2.1.pdf");
    let t = text(&p);
    for number in [
        "031-390 06 00",
        "031-390 06 01",
        "070-174 06 10",
        "08-465 004 10",
    ] {
        assert!(t.contains(number), "missing number {number}");
    }
    for item in [
        "Tjänsteman i beredskap har beslutat om reservrutin",
        "Pärmen är framtagen och blanketterna räknade",
        "Hjälpmedelscentralen är informerad",
        "Personnummer eller reservnummer är kontrollerat mot legitimation",
        "Leveransadress och portkod är ifyllda",
    ] {
        assert!(t.contains(item), "missing checklist item {item:?}");
    }
    for r in ["BESLUTAT", "KONTROLLERAT", "IFYLLT", "KRITISK"] {
        assert!(t.contains(r), "missing {r}");
    }
    // A step that names a contact writes out the number; forms are named with their page.
    assert!(
        t.contains("Ring: Kundtjänst – Växel 031-390 06 00"),
        "step call"
    );
    assert!(
        t.contains("Fyll i: Beställning av hjälpmedel (sidan 5)"),
        "form page ref"
    );
    assert!(
        t.contains("Om ingen svarar inom 10 minuter – gå till steg 3"),
        "branch"
    );
    for page in 1..=12 {
        assert!(
            t.contains(&format!("Sida {page} av 12")),
            "page label {page}"
        );
    }
    assert!(!t.contains('\u{fffd}'), "replacement character in the text");
    // The register lists every serial.
    for s in ["HM-0001", "HM-0002", "HM-0003"] {
        assert!(
            t.matches(s).count() >= 3,
            "{s} on its form, its header and in the register"
        );
    }
}

#[test]
fn every_qr_code_decodes_at_150_and_100_dpi_to_its_payload() {
    let (dir, _) = build(KIT, &[]);
    let p = pdf(dir.path(), "testkit-2.1.pdf");
    let h = hash();
    let expected: BTreeSet<String> = [
        format!("DK1/testkit/-/2.1/{h}"),
        format!("DK1/testkit/vid-avbrott/2.1/{h}"),
        format!("DK1/testkit/fore-sandning/2.1/{h}"),
        format!("DK1/testkit/bestallning/2.1/{h}/HM-0001/{RUN}"),
        format!("DK1/testkit/bestallning/2.1/{h}/HM-0002/{RUN}"),
        format!("DK1/testkit/bestallning/2.1/{h}/HM-0003/{RUN}"),
        format!("DK1/testkit/kvittens/2.1/{h}"),
        "tel:+46313900600".to_string(),
        "tel:+46701740610".to_string(),
    ]
    .into_iter()
    .collect();
    for dpi in [150, 100] {
        let got = decode_all(&p, dpi);
        assert_eq!(got.len(), 9, "{dpi} dpi: {got:?}");
        let got: BTreeSet<String> = got.into_iter().collect();
        assert_eq!(got, expected, "{dpi} dpi");
    }
    // `decode` explains each one and, given the kit, calls the printout current.
    let serial = format!("DK1/testkit/bestallning/2.1/{h}/HM-0002/{RUN}");
    let o = downkit(&["decode", &serial, "--kit", KIT]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("artifact: `bestallning`")
            && out.contains("serial number: HM-0002")
            && out.contains("print run: 2026-11-27 (`20261127`)"),
        "{out}"
    );
    assert!(
        out.contains("Current: the printout matches testkit version 2.1"),
        "{out}"
    );
    let o = downkit(&["decode", "tel:+46313900600"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("031-390 06 00"));
}

#[test]
fn decode_recognises_stale_and_foreign_printouts() {
    let h = hash();
    let older = format!("DK1/testkit/bestallning/2.0/{h}/HM-0001");
    let o = downkit(&["decode", &older, "--kit", KIT]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout)
        .contains("STALE: printed from version 2.0; the kit is now version 2.1"));
    let changed = "DK1/testkit/bestallning/2.1/00000000/HM-0001";
    let o = downkit(&["decode", changed, "--kit", KIT]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("was changed after this was printed"));
    let other = format!("DK1/trygghetslarm/-/2.1/{h}");
    let o = downkit(&["decode", &other, "--kit", KIT]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("ANOTHER KIT"));
    let o = downkit(&["decode", "hello"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a downkit payload"));
}

#[test]
fn decode_format_json_gives_what_a_script_tests() {
    let h = hash();
    let serial = format!("DK1/testkit/bestallning/2.1/{h}/HM-0002/{RUN}");
    let json = |args: &[&str]| {
        let o = downkit(args);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
        (o.status.code(), v)
    };
    let (code, v) = json(&["decode", &serial, "--kit", KIT, "--format", "json"]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["kind"], "downkit");
    assert_eq!(v["artifact"], "bestallning");
    assert_eq!(v["serial"], "HM-0002");
    assert_eq!(v["run"]["date"], "2026-11-27");
    assert_eq!(v["exercise"], false);
    assert_eq!(v["compared"]["verdict"], "current");
    assert_eq!(v["compared"]["current"], true);
    assert_eq!(v["compared"]["hash"], h.as_str());

    let older = format!("DK1/testkit/bestallning/2.0/{h}/HM-0001");
    let (code, v) = json(&["decode", &older, "--kit", KIT, "--format", "json"]);
    assert_eq!(code, Some(1));
    assert_eq!(v["compared"]["verdict"], "stale-version");
    assert_eq!(v["compared"]["version"], "2.1");
    assert_eq!(v["version"], "2.0");
    let gone = format!("DK1/testkit/nedlagd/2.1/{h}");
    let (_, v) = json(&["decode", &gone, "--kit", KIT, "--format", "json"]);
    assert_eq!(v["compared"]["artifact_missing"], true, "{v}");
    let (_, v) = json(&["decode", "DK1/testkit/-/2.1/00000000", "--format", "json"]);
    assert!(
        v.get("compared").is_none() && v["artifact"].is_null(),
        "{v}"
    );

    let (code, v) = json(&["decode", "tel:+4687891000,4512", "--format", "json"]);
    assert_eq!(code, Some(0));
    assert_eq!(v["kind"], "tel");
    assert_eq!(v["e164"], "+4687891000");
    assert_eq!(v["extension"], "4512");
    // An invalid payload prints no JSON at all: the error is on standard error, exit 1.
    let o = downkit(&["decode", "hello", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a downkit payload"));
}

#[test]
fn same_date_gives_byte_identical_pdfs() {
    let (a, _) = build(KIT, &["--split"]);
    let (b, _) = build(KIT, &["--split"]);
    let names: Vec<_> = std::fs::read_dir(a.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    // Six PDFs, the record of the build (which holds the same date and fingerprint) and the
    // record's empty lock file.
    assert_eq!(names.len(), 8);
    for n in names {
        let x = std::fs::read(a.path().join(&n)).unwrap();
        let y = std::fs::read(b.path().join(&n)).unwrap();
        assert!(x == y, "{n:?} differs between two builds");
    }
}

#[test]
fn split_only_copies_and_paper() {
    let (dir, o) = build(KIT, &["--split"]);
    assert!(o.status.success());
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".testkit.last-build.json.downkit-lock",
            "testkit-2.1-bestallning.pdf",
            "testkit-2.1-fore-sandning.pdf",
            "testkit-2.1-kvittens.pdf",
            "testkit-2.1-logg.pdf",
            "testkit-2.1-vid-avbrott.pdf",
            "testkit-2.1.pdf",
            "testkit.last-build.json",
        ]
    );
    let (dir, o) = build(
        KIT,
        &[
            "--only",
            "bestallning",
            "--copies",
            "5",
            "--paper",
            "letter",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let p = pdf(dir.path(), "testkit-2.1-bestallning.pdf");
    // The one PDF, the record of the build and its lock file.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
    let info = tool("pdfinfo", &[p.to_str().unwrap()]);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let payloads = decode_all(&p, 150);
    assert_eq!(payloads.len(), 5, "{payloads:?}");
    assert!(payloads
        .iter()
        .any(|s| s.ends_with(&format!("/HM-0005/{RUN}"))));
    let (_, o) = build(KIT, &["--only", "nope"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the kit has no artifact `nope`"));
}

#[test]
fn a_kit_with_errors_is_not_built_and_a_good_pdf_is_never_overwritten() {
    let work = tempfile::tempdir().unwrap();
    let kit = work.path().join("kit");
    std::fs::create_dir(&kit).unwrap();
    for f in ["kit.toml", "kontakter.toml"] {
        std::fs::copy(Path::new(KIT).join(f), kit.join(f)).unwrap();
    }
    let out = work.path().join("out");
    let args = [
        "build",
        kit.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--date",
        DATE,
    ];
    assert!(downkit(&args).status.success());
    let good = std::fs::read(out.join("testkit-2.1.pdf")).unwrap();
    let broken = std::fs::read_to_string(kit.join("kit.toml"))
        .unwrap()
        .replace("call = \"hmc\"", "call = \"hcm\"");
    std::fs::write(kit.join("kit.toml"), broken).unwrap();
    let o = downkit(&args);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("there is no contact with id `hcm`") && err.contains("not built"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(out.join("testkit-2.1.pdf")).unwrap(),
        good,
        "good PDF was replaced"
    );
    let mut leftovers: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    leftovers.sort();
    // The record's lock file stays by design (write::update_locked); no temporary file does.
    assert_eq!(
        leftovers,
        [
            ".testkit.last-build.json.downkit-lock",
            "testkit-2.1.pdf",
            "testkit.last-build.json"
        ],
        "temporary files left behind"
    );
    // An output folder that cannot be created is a clear error.
    std::fs::write(work.path().join("file"), "x").unwrap();
    let o = downkit(&[
        "build",
        KIT,
        "-o",
        work.path().join("file/sub").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot create the output folder"));
}

#[test]
fn english_kit_uses_english_labels() {
    let work = tempfile::tempdir().unwrap();
    let kit = work.path().join("en");
    init_kit(&kit, "en");
    let (dir, o) = build(kit.to_str().unwrap(), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = text(&pdf(dir.path(), "my-fallback-routine-0.1.pdf"));
    for s in [
        "Page 1 of",
        "Contact list",
        "Review by",
        "When is this routine in force?",
        "Back-entry register",
        "Serial no.",
    ] {
        assert!(t.contains(s), "missing {s:?}");
    }
    assert!(!t.contains("Sida "), "Swedish label in an English kit");
}

/// The binder's page layout as readable text (`tests/golden/binder-full.txt`): every page,
/// every positioned text, box, line and QR code. Re-bless with
/// `DOWNKIT_BLESS=1 cargo test --test it build_binder::` and review the diff like code.
#[test]
fn binder_layout_golden() {
    let loaded = downkit::load::load(Path::new(KIT));
    let fonts = downkit::validate::fonts_for(&loaded).unwrap();
    let opts = downkit::compose::BuildOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        ..Default::default()
    };
    let doc = downkit::compose::binder_document(&loaded, &fonts, &opts).unwrap();
    let got = downkit::layout::dump::dump(&doc);
    let path = Path::new("tests/golden/binder-full.txt");
    if std::env::var_os("DOWNKIT_BLESS").is_some() {
        std::fs::write(path, &got).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).expect("golden file; bless with DOWNKIT_BLESS=1");
    assert!(
        got == expected,
        "binder layout changed; review `git diff` after DOWNKIT_BLESS=1"
    );
}

#[test]
fn two_print_runs_never_share_a_code_and_one_run_is_reproducible() {
    let only = ["--only", "bestallning"];
    let (a, _) = build(KIT, &only);
    let (b, _) = build(KIT, &[&only[..], &["--run", "2"]].concat());
    let (c, _) = build(KIT, &[&only[..], &["--run", "2"]].concat());
    let name = "testkit-2.1-bestallning.pdf";
    let read = |d: &tempfile::TempDir| std::fs::read(d.path().join(name)).unwrap();
    assert_eq!(read(&b), read(&c), "the same run is byte-identical");
    let first: BTreeSet<String> = decode_all(&pdf(a.path(), name), 150).into_iter().collect();
    let second: BTreeSet<String> = decode_all(&pdf(b.path(), name), 150).into_iter().collect();
    assert_eq!(first.len(), 3);
    assert!(first.is_disjoint(&second), "{first:?} {second:?}");
    assert!(
        second.iter().all(|p| p.ends_with(&format!("/{RUN}-2"))),
        "{second:?}"
    );
    let o = downkit(&["decode", second.iter().next().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("print run: 2026-11-27, run 2"));
    // A payload printed before print runs were recorded still decodes.
    let old = format!("DK1/testkit/bestallning/2.1/{}/HM-0002", hash());
    let o = downkit(&["decode", &old, "--kit", KIT]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("print run: not recorded"), "{out}");
    assert_eq!(o.status.code(), Some(0), "{out}");
}
