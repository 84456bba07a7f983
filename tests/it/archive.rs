//! `downkit archive` and `build --archive`: the PDF/A copy of a kit version, checked with real
//! tools (pdfinfo, qpdf, pdfdetach, tar, sha256sum) and a PDF/A validator; snapshots refused.

use std::path::{Path, PathBuf};

use super::support::{downkit, tmp, tool};
use super::tagged::validate;

const KIT: &str = "kits/hjalpmedel-hemtjanst";

/// `downkit archive KIT -o <fresh folder> --date 2026-12-01 <extra>`: the folder and the
/// JSON report.
fn archive(extra: &[&str]) -> (PathBuf, serde_json::Value) {
    let out = tmp("archive");
    let mut args = vec![
        "archive",
        KIT,
        "-o",
        out.to_str().unwrap(),
        "--date",
        "2026-12-01",
        "--format",
        "json",
    ];
    args.extend(extra);
    let o = downkit(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (out, serde_json::from_slice(&o.stdout).unwrap())
}

/// The catalog of `pdf` and a function giving any object by reference, from `qpdf --json`.
fn qpdf_json(pdf: &Path) -> serde_json::Value {
    serde_json::from_str(&tool("qpdf", &["--json", pdf.to_str().unwrap()])).unwrap()
}

fn object<'j>(json: &'j serde_json::Value, r: &str) -> &'j serde_json::Value {
    &json["qpdf"][1][format!("obj:{r}")]
}

fn catalog(json: &serde_json::Value) -> &serde_json::Value {
    let root = json["qpdf"][1]["trailer"]["value"]["/Root"]
        .as_str()
        .unwrap();
    &object(json, root)["value"]
}

/// The XMP metadata of `pdf`.
fn xmp(pdf: &Path, json: &serde_json::Value) -> String {
    let meta = catalog(json)["/Metadata"].as_str().unwrap();
    tool(
        "qpdf",
        &[
            &format!("--show-object={}", meta.trim_end_matches(" 0 R")),
            "--raw-stream-data",
            pdf.to_str().unwrap(),
        ],
    )
}

/// The kit's source files as they are on disk, by the names the archive gives them.
fn sources_on_disk() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (dir, prefix) in [(KIT, "hjalpmedel-hemtjanst"), ("kits/shared", "shared")] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml") {
                let name = format!("{prefix}/{}", p.file_name().unwrap().to_str().unwrap());
                out.push((name, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn archive_is_pdf_a_3_with_the_kits_sources_embedded() {
    let (out, report) = archive(&[]);
    let pdf = PathBuf::from(report["path"].as_str().unwrap());
    assert_eq!(pdf, out.join("hjalpmedel-hemtjanst-1.1-arkiv.pdf"));
    assert_eq!(report["pdfa"], "3A");
    let kit = downkit::load::load(std::path::Path::new(KIT)).kit;
    let issued = kit.meta.issued.v.to_string();
    assert_eq!(
        report["valid_from"],
        issued.as_str(),
        "the kit's issued date"
    );
    assert!(report["valid_to"].is_null());
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    for want in [
        "Tagged:          yes",
        "PDF version:     1.7",
        "Metadata Stream: yes",
        "Encrypted:       no",
    ] {
        assert!(info.contains(want), "{want}: {info}");
    }
    let json = qpdf_json(&pdf);
    let cat = catalog(&json);
    let intent = &cat["/OutputIntents"][0];
    assert_eq!(intent["/S"], "/GTS_PDFA1");
    assert_eq!(intent["/OutputConditionIdentifier"], "u:sRGB IEC61966-2.1");
    let profile = object(&json, intent["/DestOutputProfile"].as_str().unwrap());
    assert_eq!(profile["stream"]["dict"]["/N"], 3);
    assert_eq!(
        cat["/AF"].as_array().unwrap().len(),
        8,
        "7 sources and SHA256SUMS"
    );
    let x = xmp(&pdf, &json);
    for want in [
        "<pdfaid:part>3</pdfaid:part>",
        "<pdfaid:conformance>A</pdfaid:conformance>",
        "<pdfuaid:part>1</pdfuaid:part>",
        "<downkit:kit>hjalpmedel-hemtjanst</downkit:kit>",
        &*format!("<downkit:version>{}</downkit:version>", kit.meta.version.v),
        &*format!("<downkit:validFrom>{issued}</downkit:validFrom>"),
        "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>",
    ] {
        assert!(x.contains(want), "{want}:\n{x}");
    }
    assert!(!x.contains("<downkit:validTo>"), "{x}");
    // The embedded files are the kit's files, byte for byte, and SHA256SUMS checks them.
    let list = tool("pdfdetach", &["-list", pdf.to_str().unwrap()]);
    let mut embedded = std::collections::BTreeMap::new();
    for line in list.lines().skip(1) {
        let (n, name) = line.split_once(": ").unwrap();
        let file = out.join(format!("embedded-{n}"));
        tool(
            "pdfdetach",
            &[
                "-save",
                n,
                "-o",
                file.to_str().unwrap(),
                pdf.to_str().unwrap(),
            ],
        );
        embedded.insert(name.to_string(), std::fs::read(&file).unwrap());
    }
    let sums = String::from_utf8(embedded.remove("SHA256SUMS").expect("SHA256SUMS")).unwrap();
    assert_eq!(embedded.into_iter().collect::<Vec<_>>(), sources_on_disk());
    assert_eq!(sums.lines().count(), 7, "{sums}");
    for line in sums.lines() {
        let (sum, name) = line.split_once("  ").unwrap();
        let bytes = sources_on_disk()
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap()
            .1;
        let file = out.join("check");
        std::fs::write(&file, bytes).unwrap();
        let got = tool("sha256sum", &[file.to_str().unwrap()]);
        assert_eq!(got.split(' ').next().unwrap(), sum, "{name}");
    }
    // A validator says PDF/A-3a and PDF/UA-1.
    for profile in ["3a", "ua1"] {
        let failed = validate(&pdf, profile);
        assert!(failed.is_empty(), "{profile}: {failed:#?}");
    }
    // The same kit and date give the same bytes; `diff` reads the copy's reprint record.
    let (again, _) = archive(&[]);
    assert!(
        std::fs::read(&pdf).unwrap()
            == std::fs::read(again.join("hjalpmedel-hemtjanst-1.1-arkiv.pdf")).unwrap(),
        "two archive copies of one version and date differ"
    );
    let o = downkit(&["diff", pdf.to_str().unwrap(), KIT, "--date", "2026-12-01"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Nothing to reprint"));
}

#[test]
fn sidecar_is_pdf_a_2_with_a_tar_of_the_sources_and_their_checksums() {
    let (out, report) = archive(&["--sidecar", "--valid-to", "2027-03-31"]);
    let pdf = PathBuf::from(report["path"].as_str().unwrap());
    assert_eq!(report["pdfa"], "2A");
    assert_eq!(report["valid_to"], "2027-03-31");
    let json = qpdf_json(&pdf);
    let cat = catalog(&json);
    assert!(
        cat["/AF"].is_null() && cat["/Names"].is_null(),
        "PDF/A-2 embeds nothing: {cat}"
    );
    assert!(cat["/OutputIntents"].is_array());
    let x = xmp(&pdf, &json);
    assert!(x.contains("<pdfaid:part>2</pdfaid:part>"), "{x}");
    assert!(
        x.contains("<downkit:validTo>2027-03-31</downkit:validTo>"),
        "{x}"
    );
    let tar = PathBuf::from(report["sidecar"].as_str().unwrap());
    assert_eq!(tar, out.join("hjalpmedel-hemtjanst-1.1-arkiv-kallor.tar"));
    // Unpacked beside the PDF, its SHA256SUMS checks the sources and the PDF.
    tool(
        "tar",
        &["-xf", tar.to_str().unwrap(), "-C", out.to_str().unwrap()],
    );
    let dir = out.join("hjalpmedel-hemtjanst-1.1");
    let o = std::process::Command::new("sha256sum")
        .args(["-c", "SHA256SUMS"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        said.matches(": OK").count(),
        8,
        "7 sources and the PDF: {said}"
    );
    for (name, bytes) in sources_on_disk() {
        assert_eq!(std::fs::read(dir.join(&name)).unwrap(), bytes, "{name}");
    }
    let listing = tool("tar", &["-tvf", tar.to_str().unwrap()]);
    assert!(
        listing.lines().all(|l| l.starts_with("-rw-r--r-- 0/0")),
        "{listing}"
    );
    for profile in ["2a", "ua1"] {
        let failed = validate(&pdf, profile);
        assert!(failed.is_empty(), "{profile}: {failed:#?}");
    }
}

#[test]
fn build_archive_writes_the_binder_and_its_archive_copy() {
    let out = tmp("build-archive");
    let o = downkit(&[
        "build",
        KIT,
        "-o",
        out.to_str().unwrap(),
        "--date",
        "2026-12-01",
        "--archive",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["archive"]["pdfa"], "3A");
    assert!(out.join("hjalpmedel-hemtjanst-1.1.pdf").exists());
    assert!(out.join("hjalpmedel-hemtjanst-1.1-arkiv.pdf").exists());
    // The binder itself is tagged but claims no PDF/A.
    let binder = tool(
        "pdfinfo",
        &[out.join("hjalpmedel-hemtjanst-1.1.pdf").to_str().unwrap()],
    );
    assert!(binder.contains("Tagged:          yes"), "{binder}");
    let o = downkit(&["build", KIT, "-o", out.to_str().unwrap(), "--sidecar"]);
    assert_eq!(o.status.code(), Some(2), "--sidecar needs --archive");
}

#[test]
fn snapshots_and_other_pdfs_are_refused_with_the_reason() {
    let out = tmp("archive-refused");
    let o = downkit(&[
        "snapshot",
        "kits/hemtjanst-planering",
        "--sample",
        "--no-encrypt",
        "--archive",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("a snapshot is never archived: it holds personal data"),
        "{err}"
    );
    assert!(
        std::fs::read_dir(&out).unwrap().next().is_none(),
        "nothing written"
    );
    // A snapshot file given to `archive`, and any other PDF.
    let snap = out.join("hemtjanst-planering-snapshot-2026-12-01-0700.pdf");
    std::fs::write(&snap, b"%PDF-1.7\n").unwrap();
    let o = downkit(&[
        "archive",
        snap.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("never archived"));
    let other = out.join("binder.pdf");
    std::fs::write(&other, b"%PDF-1.7\n").unwrap();
    let o = downkit(&[
        "archive",
        other.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a PDF"));
    // A version cannot end before it is in force.
    let o = downkit(&[
        "archive",
        KIT,
        "-o",
        out.to_str().unwrap(),
        "--valid-to",
        "2026-09-30",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("before the version is in force"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
