//! Tagged PDF (PDF/UA-1): every shipped binder read back as a screen reader reads it, and
//! compared with what pdftotext sees on the page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::support::{downkit, tagged, tmp, tool};

/// Builds the binder of `kit` on 2026-12-01 into a fresh folder: its path and QR code count.
fn binder(kit: &str) -> (PathBuf, u64) {
    let out = tmp("tagged");
    let o = downkit(&[
        "build",
        kit,
        "-o",
        out.to_str().unwrap(),
        "--date",
        "2026-12-01",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let file = &v[0]["files"][0];
    (
        PathBuf::from(file["path"].as_str().unwrap()),
        file["qr_codes"].as_u64().unwrap(),
    )
}

/// The shipped kits.
fn shipped() -> Vec<String> {
    let mut kits: Vec<String> = std::fs::read_dir("kits")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("kit.toml").exists())
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    kits.sort();
    assert!(kits.len() >= 4, "{kits:?}");
    kits
}

/// The characters of `s` but whitespace, and hyphens (pdftotext joins a word hyphenated at
/// a line end), counted.
fn chars(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace() && *c != '-') {
        *m.entry(c).or_default() += 1;
    }
    m
}

/// `s` without whitespace and hyphens (pdftotext joins words hyphenated at a line end and
/// sets pieces of a line apart by its own judgement of the gaps).
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// A piece of the structure just read: the pdftotext lines of its last line, its extent, its
/// text, and whether it is in a table.
struct Read {
    lines: Vec<usize>,
    top: f32,
    bottom: f32,
    left: f32,
    text: String,
    cell: bool,
}

/// The lines of a leaf (its pieces on one baseline joined), squeezed.
fn leaf_lines(leaf: &tagged::Leaf) -> Vec<String> {
    let mut out: Vec<(f32, String)> = Vec::new();
    for (_, y, _, text) in &leaf.at {
        match out.last_mut() {
            Some((b, line)) if (*b - y).abs() < 0.01 => line.push_str(text),
            _ => out.push((*y, text.clone())),
        }
    }
    out.into_iter()
        .map(|(_, l)| squeeze(&l))
        .filter(|l| !l.is_empty())
        .collect()
}

/// A leaf's top, bottom (points from the top of an A4 or Letter page: only compared with
/// each other) and left edge.
fn extent(leaf: &tagged::Leaf) -> (f32, f32, f32) {
    let top = leaf
        .at
        .iter()
        .map(|(_, y, s, _)| -y - s)
        .fold(f32::MAX, f32::min);
    let bottom = leaf
        .at
        .iter()
        .map(|(_, y, s, _)| -y + 0.3 * s)
        .fold(f32::MIN, f32::max);
    let left = leaf
        .at
        .iter()
        .map(|(x, _, _, _)| *x)
        .fold(f32::MAX, f32::min);
    (top, bottom, left)
}

/// Reads `pdf` as a screen reader and checks it against the page: everything read or marked
/// as furniture, read in pdftotext's order (but where content stands side by side, which
/// pdftotext reads line by line across), every code described, headings in steps.
fn check_binder(pdf: &Path, codes: u64) {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("Tagged:          yes"), "{info}");
    let t = tagged::read(pdf);
    let name = pdf.display();
    // Every marked-content sequence belongs to exactly one element, and every reference
    // points at one.
    let mut used = t.mcids.clone();
    used.sort();
    let mut referenced = t.referenced.clone();
    referenced.sort();
    assert_eq!(
        used, referenced,
        "{name}: MCIDs in content vs in the structure"
    );
    referenced.dedup();
    assert_eq!(
        referenced.len(),
        t.referenced.len(),
        "{name}: an MCID read twice"
    );
    for (p, unmarked) in t.unmarked.iter().enumerate() {
        assert!(
            unmarked.is_empty(),
            "{name} page {}: text neither tagged nor furniture: {unmarked:?}",
            p + 1
        );
    }
    // Everything on a page is read, or is furniture.
    let texts = t.texts();
    for p in 1..=t.artifacts.len() {
        let page = p.to_string();
        let seen = tool(
            "pdftotext",
            &["-f", &page, "-l", &page, pdf.to_str().unwrap(), "-"],
        );
        let mut read: String = texts
            .iter()
            .filter(|(q, _)| *q == p)
            .map(|(_, x)| x.as_str())
            .collect();
        read.extend(t.artifacts[p - 1].iter().map(String::as_str));
        assert_eq!(
            chars(&seen),
            chars(&read),
            "{name} page {p}: pdftotext vs structure and furniture"
        );
    }
    // The structure reads in pdftotext's order: of two pieces read one after the other,
    // pdftotext has the first on a line before (or on) a line of the second, unless they stand
    // side by side (pdftotext reads across them line by line), the second starts a new
    // column or the next row of a grid, or both are cells of a table (the structure reads
    // rows, pdftotext may read a column first).
    let (mut total, mut lost): (usize, Vec<String>) = (0, Vec::new());
    for p in 1..=t.artifacts.len() {
        let page = p.to_string();
        let seen = tool(
            "pdftotext",
            &["-f", &page, "-l", &page, pdf.to_str().unwrap(), "-"],
        );
        let lines: Vec<String> = seen
            .lines()
            .map(squeeze)
            .filter(|l| !l.is_empty())
            .collect();
        // Where pdftotext has a line (its start, when it mixed the line with another).
        let places = |line: &str| -> Vec<usize> {
            let start: String = line.chars().take(8).collect();
            [line, start.as_str()]
                .iter()
                .map(|l| {
                    (0..lines.len())
                        .filter(|i| lines[*i].contains(l))
                        .collect::<Vec<_>>()
                })
                .find(|f| !f.is_empty())
                .unwrap_or_default()
        };
        let mut prev: Option<Read> = None;
        for leaf in t
            .leaves()
            .into_iter()
            .filter(|l| l.page == p && !l.at.is_empty())
        {
            let (top, bottom, left) = extent(&leaf);
            let own = leaf_lines(&leaf);
            let Some(first) = own.first() else { continue };
            let here = places(first);
            total += 1;
            if here.is_empty() {
                lost.push(leaf.text.clone());
            }
            let cell = leaf.within.iter().any(|t| t == "Table");
            if let Some(b) = prev
                .as_ref()
                .filter(|b| !b.lines.is_empty() && !here.is_empty())
            {
                let in_order = b.lines.iter().any(|l| here.iter().any(|h| l <= h));
                let beside = top < b.bottom && b.top < bottom;
                // Up and to the right: the next column. Down and to the left: the next row of
                // fields side by side, which pdftotext may read as columns.
                let next_column = bottom <= b.top && left > b.left + 20.0;
                let next_row = top >= b.bottom - 2.0 && left < b.left - 20.0;
                // Straight down the same column (cards three side by side, each under the
                // last): the natural order, whichever way pdftotext joins the columns.
                let down_the_column = top >= b.bottom - 2.0 && (left - b.left).abs() < 20.0;
                assert!(
                    in_order
                        || beside
                        || next_column
                        || next_row
                        || down_the_column
                        || (cell && b.cell),
                    "{name} page {p}: {:?} is read after {:?}, but pdftotext reads it before, and it is above it, not beside",
                    leaf.text,
                    b.text
                );
            }
            prev = Some(Read {
                lines: own.last().map(|l| places(l)).unwrap_or_default(),
                top,
                bottom,
                left,
                text: leaf.text.clone(),
                cell,
            });
        }
    }
    // pdftotext mixes a few lines of adjacent cells into one; those are not placed.
    assert!(
        lost.len() * 100 <= total,
        "{name}: pdftotext has no line for {lost:?}"
    );
    // Every code says what it holds; headings go down one level at a time from H1.
    let elems = t.elems();
    let figures: Vec<_> = elems.iter().filter(|e| e.tag == "Figure").collect();
    for f in &figures {
        assert!(
            f.alt.as_deref().is_some_and(|a| !a.trim().is_empty()),
            "{name}: a figure without alternative text"
        );
    }
    assert_eq!(
        figures.len() as u64,
        codes,
        "{name}: one described figure per QR code"
    );
    let mut level = 0;
    for e in &elems {
        if let Some(n) = e.tag.strip_prefix('H').and_then(|n| n.parse::<u32>().ok()) {
            assert!(n <= level + 1, "{name}: H{n} after H{level}");
            level = n;
        }
    }
    assert!(level > 0, "{name}: no headings");
}

#[test]
fn every_shipped_binder_is_tagged_and_reads_in_order() {
    for kit in shipped() {
        let (pdf, codes) = binder(&kit);
        check_binder(&pdf, codes);
    }
}

/// The structure of `kit`'s binder as an outline, against `tests/golden/<golden>`; bless with
/// `DOWNKIT_BLESS=1 cargo test --test it tagged::` and review the diff like code.
fn golden(kit: &str, golden: &str) {
    let (pdf, codes) = binder(kit);
    check_binder(&pdf, codes);
    let got = tagged::read(&pdf).outline();
    let path = format!("{}/tests/golden/{golden}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("DOWNKIT_BLESS").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).expect("golden file; bless with DOWNKIT_BLESS=1");
    assert!(
        got == want,
        "the structure of {kit} changed; review `git diff` after DOWNKIT_BLESS=1\n{got}"
    );
}

#[test]
fn a_serialized_form_reads_in_full_once_then_copy_by_copy() {
    golden("examples/serial-form.toml", "tagged-serial-form.txt");
}

#[test]
fn an_english_kit_reads_as_its_golden_outline() {
    golden("examples/english.toml", "tagged-english.txt");
}

#[test]
fn catalog_metadata_and_structure_show_in_qpdf_json() {
    let (pdf, _) = binder("examples/english.toml");
    let json: serde_json::Value =
        serde_json::from_str(&tool("qpdf", &["--json", pdf.to_str().unwrap()])).unwrap();
    let objects = &json["qpdf"][1];
    let root = objects["trailer"]["value"]["/Root"]
        .as_str()
        .unwrap()
        .to_string();
    let object = |r: &str| &objects[format!("obj:{r}")]["value"];
    let catalog = object(&root);
    assert_eq!(catalog["/Lang"], "u:en", "{catalog}");
    assert_eq!(catalog["/MarkInfo"]["/Marked"], true);
    assert_eq!(catalog["/ViewerPreferences"]["/DisplayDocTitle"], true);
    let tree = object(catalog["/StructTreeRoot"].as_str().unwrap());
    assert_eq!(tree["/Type"], "/StructTreeRoot");
    assert!(tree["/ParentTree"]["/Nums"].as_array().unwrap().len() >= 2);
    let elems = objects
        .as_object()
        .unwrap()
        .values()
        .filter(|o| o["value"]["/S"].is_string() && o["value"]["/P"].is_string())
        .count();
    assert!(elems > 20, "{elems} structure elements");
    // The XMP metadata says PDF/UA-1 and the title; an ordinary binder claims no PDF/A.
    let meta = catalog["/Metadata"].as_str().unwrap();
    let xmp = tool(
        "qpdf",
        &[
            &format!("--show-object={}", meta.trim_end_matches(" 0 R")),
            "--raw-stream-data",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"),
        "{xmp}"
    );
    assert!(!xmp.contains("pdfaid:part"), "{xmp}");
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        info.contains("Tagged:          yes") && info.contains("Metadata Stream: yes"),
        "{info}"
    );
}

#[test]
fn codes_say_what_they_hold() {
    let (pdf, _) = binder("kits/hjalpmedel-hemtjanst");
    let t = tagged::read(&pdf);
    let alts: Vec<String> = t.elems().iter().filter_map(|e| e.alt.clone()).collect();
    for want in [
        "Ring 070-174 06 10",
        "Blankett HM-1, löpnummer HM-0001",
        "Blankett HM-1, löpnummer HM-0025",
        "Pärmens kod: Beställning av hjälpmedel när beställningssystemet ligger nere, version 1.1",
    ] {
        assert!(
            alts.iter().any(|a| a == want),
            "no figure says {want:?}: {alts:?}"
        );
    }
    // Form boxes carry their field's label.
    let fields: Vec<String> = t
        .elems()
        .iter()
        .filter(|e| e.tag == "Form")
        .flat_map(|e| e.attrs.clone())
        .collect();
    assert!(
        fields.contains(
            &"PrintField/Desc=Personnummer eller reservnummer (ÅÅÅÅMMDD-NNNN)".to_string()
        ),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"PrintField/Role=cb".to_string()),
        "{fields:?}"
    );
}

/// Runs page-validation (a PDF/A and PDF/UA validator that passes the veraPDF corpus:
/// `pip install page-validation`) on `pdf` with `profile`; the failed rules.
pub fn validate(pdf: &Path, profile: &str) -> Vec<String> {
    let script = "import sys, page\nr = page.validate_pdf(sys.argv[1], profile=sys.argv[2])\nfor f in r.failures: print(f.rule_id, f.message)\nprint('compliant' if r.is_compliant else 'not compliant')";
    let out = std::process::Command::new("python3")
        .args(["-c", script, pdf.to_str().unwrap(), profile])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "the PDF validator is needed for this test (`pip install page-validation`, see .ci/run): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let verdict = lines.pop().unwrap_or_default();
    assert_eq!(verdict == "compliant", lines.is_empty(), "{text}");
    lines
}

#[test]
fn every_shipped_binder_passes_a_pdf_ua_validator() {
    for kit in shipped() {
        let (pdf, _) = binder(&kit);
        let failed = validate(&pdf, "ua1");
        assert!(failed.is_empty(), "{kit}: PDF/UA-1 {failed:#?}");
    }
}
