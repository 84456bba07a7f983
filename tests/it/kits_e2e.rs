//! Proof that every shipped kit and every example works on paper: each is built and checked
//! with the real tools — qpdf, pdffonts, pdfinfo, pdftotext, pdftoppm + zbarimg.

use crate::support;
use support::{decode_codes, tool};

use downkit::compose::{build, BuildOptions};
use downkit::model::Kit;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// Kit folders and kit files under `kits/` and `examples/` (the deliberately broken example
/// is left out).
fn all_kits() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut kits = Vec::new();
    for folder in ["kits", "examples"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            let is_kit = p.join("kit.toml").is_file() || p.extension().is_some_and(|x| x == "toml");
            if is_kit && !p.ends_with("broken") {
                kits.push(p);
            }
        }
    }
    kits.sort();
    kits
}

/// The payloads the kit defines: its cover, every checklist, every form copy, every contact's
/// primary number.
fn expected_payloads(kit: &Kit, hash: &str) -> BTreeSet<String> {
    let id = &kit.meta.id.v;
    let v = &kit.meta.version.v;
    let mut s = BTreeSet::new();
    s.insert(format!("DK1/{id}/-/{v}/{hash}"));
    for c in &kit.checklists {
        s.insert(format!("DK1/{id}/{}/{v}/{hash}", c.id.v));
    }
    // The recovery section's checklist is tagged like any checklist.
    if kit.recovery.is_some() {
        s.insert(format!(
            "DK1/{id}/{}/{v}/{hash}",
            downkit::model::RECOVERY_ID
        ));
    }
    for f in &kit.forms {
        match &f.serial {
            Some(ser) => {
                for i in 0..ser.copies.max(1) {
                    // Serialized copies carry the print run: the build date, run 1.
                    s.insert(format!(
                        "DK1/{id}/{}/{v}/{hash}/{}/20261127",
                        f.id.v,
                        ser.nth(i)
                    ));
                }
            }
            None => {
                s.insert(format!("DK1/{id}/{}/{v}/{hash}", f.id.v));
            }
        }
    }
    // The phone list alone has no `tel:` codes; the detailed entries do.
    if kit.meta.contact_sheet != downkit::model::ContactSheet::List {
        for c in &kit.contacts {
            // An extension is dialled after a pause (`tel:+468…,4512`); an internal
            // extension alone has no code.
            if let Some(uri) = c.phones.first().and_then(|p| p.number.v.tel_uri()) {
                s.insert(uri);
            }
        }
    }
    s
}

/// The tables of a kit that can continue over pages: the line printed above their repeated
/// heading row, and the words of their column headings.
fn continued_tables(kit: &Kit) -> Vec<(String, Vec<String>)> {
    let cont = downkit::labels::Label::ContinuedShort.text(kit.meta.language);
    let mut out = Vec::new();
    for f in &kit.forms {
        for sec in &f.sections {
            if let Some(t) = &sec.table {
                let headings = t
                    .columns
                    .iter()
                    .flat_map(|c| c.heading.v.split_whitespace().map(str::to_string))
                    .collect();
                out.push((format!("{} ({cont})", sec.title.v), headings));
            }
        }
    }
    out
}

/// pdftotext finds every table heading on every page the table continues on.
fn headings_repeat(name: &str, kit: &Kit, pdf: &str, pages: usize) {
    let tables = continued_tables(kit);
    if tables.is_empty() {
        return;
    }
    let mut continued = 0;
    for page in 1..=pages {
        let n = page.to_string();
        let text = tool("pdftotext", &["-f", &n, "-l", &n, pdf, "-"]);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for (marker, words) in &tables {
            if !flat.contains(marker.as_str()) {
                continue;
            }
            continued += 1;
            for w in words {
                // pdftotext drops a hyphen where a heading broke at it.
                let bare = w.replace('-', "");
                assert!(
                    flat.contains(w.as_str()) || flat.replace('-', "").contains(&bare),
                    "{name}: page {page} continues {marker:?} without its heading word {w:?}"
                );
            }
        }
    }
    if name.contains("key-register") {
        assert!(continued > 0, "{name}: the long table never continued");
    }
}

/// True when `item`'s words appear in order in `words`, with at most a few other words between
/// them: a table's next cell (the response) may be read in between by pdftotext, nothing else.
/// A word broken at its hyphen across two lines comes back as one word without the hyphen.
fn in_reading_order(words: &[&str], item: &[&str]) -> bool {
    const SLACK: usize = 3;
    (0..words.len()).any(|start| {
        let mut next = 0;
        let mut skipped = 0;
        for w in &words[start..] {
            if next == item.len() {
                break;
            }
            // pdftotext drops a hyphen at a line end ("IT-" / "servicedesk" → "ITservicedesk").
            if w.replace('-', "") == item[next].replace('-', "") {
                next += 1;
            } else if next == 0 {
                return false;
            } else {
                skipped += 1;
                if skipped > SLACK {
                    return false;
                }
            }
        }
        next == item.len()
    })
}

fn check_kit(path: &Path) {
    let name = path.display().to_string();
    let loaded = downkit::load::load(path);
    let diags = downkit::validate::check(&loaded, date());
    assert!(
        !downkit::diag::has_errors(&diags),
        "{name} has errors: {diags:?}"
    );
    let fonts = downkit::validate::fonts_for(&loaded).expect("fonts load");
    let opts = BuildOptions {
        date: date(),
        ..BuildOptions::default()
    };
    let outputs = build(&loaded, &fonts, &opts).unwrap_or_else(|e| panic!("{name}: {e}"));
    let out = &outputs[0];
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join(&out.file_name);
    std::fs::write(&pdf, &out.bytes).unwrap();
    let p = pdf.to_str().unwrap();

    let check = tool("qpdf", &["--check", p]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{name}: {check}"
    );
    for row in tool("pdffonts", &[p]).lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].contains('+'), "{name}: font not subset: {row}");
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 3],
            ["yes", "yes"],
            "{name}: emb/sub {row}"
        );
    }
    // QR codes and symbols are vectors: a raster image blurs when copied and scaled. The
    // only raster images are the kit's own PNG and JPEG pictures (and their alpha masks).
    let kit = &loaded.kit;
    let own: Vec<(u32, u32)> = kit
        .meta
        .logo
        .iter()
        .chain(kit.forms.iter().flat_map(|f| {
            f.logo
                .iter()
                .chain(f.sections.iter().filter_map(|s| s.image.as_ref()))
        }))
        .filter_map(|i| i.picture.as_ref().and_then(|p| p.pixels))
        .collect();
    let images = tool("pdfimages", &["-list", p]);
    for row in images.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let size: (u32, u32) = (cols[3].parse().unwrap(), cols[4].parse().unwrap());
        assert!(
            own.contains(&size),
            "{name}: a raster image that is not one of the kit's pictures: {row}"
        );
    }
    let info = tool("pdfinfo", &[p]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    assert_eq!(pages, out.pages, "{name}");
    let size = match loaded.kit.meta.paper {
        downkit::layout::Paper::A4 => "595.276 x 841.89 pts (A4)",
        downkit::layout::Paper::Letter => "612 x 792 pts (letter)",
    };
    assert!(info.contains(size), "{name}: {info}");

    let raw = tool("pdftotext", &[p, "-"]);
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!text.contains('\u{fffd}'), "{name}: replacement character");
    for c in &loaded.kit.contacts {
        for ph in &c.phones {
            let n = ph.number.v.national();
            assert!(
                text.contains(&n),
                "{name}: contact {} number {n} not in the text",
                c.id.v
            );
        }
    }
    let words: Vec<&str> = text.split(' ').collect();
    for cl in &loaded.kit.checklists {
        for item in &cl.items {
            let t: Vec<&str> = item.text.v.split_whitespace().collect();
            assert!(
                in_reading_order(&words, &t),
                "{name}: checklist item {:?} not in the text",
                item.text.v
            );
        }
    }
    headings_repeat(&name, &loaded.kit, p, pages);
    let label = downkit::labels::Label::PageOf.text(loaded.kit.meta.language);
    for page in 1..=pages {
        let l = label
            .replace("{page}", &page.to_string())
            .replace("{pages}", &pages.to_string());
        assert!(text.contains(&l), "{name}: page {page} lacks {l:?}");
    }

    let hash = downkit::payload::short_hash(&loaded.kit.fingerprint());
    let expected = expected_payloads(&loaded.kit, &hash);
    for dpi in [150, 100] {
        let got = decode_codes(&pdf, &out.codes, dpi);
        assert_eq!(
            got.len(),
            out.qr_count,
            "{name} at {dpi} dpi: {} of {} codes decoded",
            got.len(),
            out.qr_count
        );
        let got: BTreeSet<String> = got.into_iter().collect();
        assert_eq!(got, expected, "{name} at {dpi} dpi");
    }
}

#[test]
fn every_shipped_kit_and_example_works_on_paper() {
    let kits = all_kits();
    assert!(kits.len() >= 2, "no kits found");
    // Two at a time: the external tools run in their own processes.
    let (left, right) = kits.split_at(kits.len() / 2);
    std::thread::scope(|s| {
        let a = s.spawn(|| left.iter().for_each(|k| check_kit(k)));
        right.iter().for_each(|k| check_kit(k));
        a.join().expect("the other half passes");
    });
}
