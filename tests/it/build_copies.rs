//! Serialized form copies share one page template in the PDF, and every copy still prints
//! and decodes as its own: checked with qpdf, pdftotext, pdftoppm + zbarimg.

use crate::support;
use support::tool;

use std::path::{Path, PathBuf};
use std::process::Command;

const KIT: &str = "tests/fixtures/kits/full";

/// Builds the order form alone in `copies` copies; returns the folder and the PDF.
fn form(copies: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_downkit"))
        .args([
            "build",
            KIT,
            "--only",
            "bestallning",
            "--date",
            "2026-11-27",
        ])
        .args(["--copies", &copies.to_string(), "-q", "-o"])
        .arg(dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = dir.path().join("testkit-2.1-bestallning.pdf");
    (dir, p)
}

fn pages(p: &Path) -> usize {
    let info = tool("pdfinfo", &[p.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

#[test]
fn every_copy_decodes_to_its_own_serial() {
    let copies = 9;
    let (dir, p) = form(copies);
    let check = tool("qpdf", &["--check", p.to_str().unwrap()]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let per_copy = pages(&form(1).1);
    assert_eq!(pages(&p), per_copy * copies as usize);
    let hash = {
        let loaded = downkit::load::load(Path::new(KIT));
        downkit::payload::short_hash(&loaded.kit.fingerprint())
    };
    let prefix = dir.path().join("page");
    tool(
        "pdftoppm",
        &[
            "-r",
            "150",
            "-png",
            p.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    for copy in 0..copies as usize {
        let serial = format!("HM-{:04}", copy + 1);
        // The print run: the build date, run 1.
        let payload = format!("DK1/testkit/bestallning/2.1/{hash}/{serial}/20261127");
        let mut decoded = Vec::new();
        for page in copy * per_copy + 1..=(copy + 1) * per_copy {
            let text = tool(
                "pdftotext",
                &[
                    "-f",
                    &page.to_string(),
                    "-l",
                    &page.to_string(),
                    p.to_str().unwrap(),
                    "-",
                ],
            );
            assert!(text.contains(&serial), "page {page} shows {serial}");
            for other in (1..=copies).map(|i| format!("HM-{i:04}")) {
                assert!(
                    other == serial || !text.contains(&other),
                    "page {page} shows {other}"
                );
            }
            let png = dir.path().join(if pages(&p) >= 10 {
                format!("page-{page:02}.png")
            } else {
                format!("page-{page}.png")
            });
            let out = Command::new("zbarimg")
                .args(["--raw", "-q"])
                .arg(&png)
                .output()
                .expect("zbarimg is installed");
            decoded.extend(
                String::from_utf8_lossy(&out.stdout)
                    .lines()
                    .map(str::to_string),
            );
        }
        assert_eq!(decoded, [payload], "copy {}", copy + 1);
    }
}

#[test]
fn extra_copies_cost_only_their_serial_and_qr_code() {
    let one = std::fs::metadata(form(1).1).unwrap().len();
    let (_dir, p) = form(21);
    let many = std::fs::metadata(&p).unwrap().len();
    let per_copy = (many - one) / 20;
    // A copy (two pages of this form) adds its serial, its QR code (vector module runs, about
    // 0.6 KB compressed), headers, page labels and two page objects: about 1.7 KB; the first
    // copy with the template costs ~20 KB.
    assert!(per_copy < 2200, "{per_copy} bytes per extra copy");
    let qdf = tempfile::NamedTempFile::new().unwrap();
    tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            p.to_str().unwrap(),
            qdf.path().to_str().unwrap(),
        ],
    );
    let body = String::from_utf8_lossy(&std::fs::read(qdf.path()).unwrap()).into_owned();
    // Per page of a copy: the form XObject the first copy reads as tagged content, and the
    // one every later copy draws, marked as repeated (render/tags.rs).
    let forms = body.matches("/Subtype /Form").count();
    assert_eq!(
        forms,
        2 * pages(&form(1).1),
        "two form XObjects per page of a copy"
    );
    assert_eq!(body.matches("/Type /Page\n").count(), pages(&p));
}
