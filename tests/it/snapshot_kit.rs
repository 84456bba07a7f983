//! Datasets in the kit and the pages they print: every problem of a dataset declaration
//! (golden file), `check` reading the sample exports, every snapshot page stamped with the
//! data time, destroy-after date, classification and page count, no page mostly empty but
//! where a part ends, marked values, pre-filled forms, and byte-identical output.

use crate::support;

use downkit::compose::snapshot::{snapshot, snapshot_document, SnapshotOptions};
use downkit::data::{self, Export};
use downkit::fonts::FontSet;
use downkit::layout::{Document, Item};
use downkit::load::Loaded;
use std::path::{Path, PathBuf};
use support::fill;

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn as_of() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(6, 0, 0)
        .unwrap()
}

/// A kit and its datasets' exports read from `files` (the samples when `None`).
fn kit_and_exports(kit: &str, files: Option<&[&str]>) -> (Loaded, Vec<Export>) {
    let loaded = downkit::load::load(&root(kit));
    let errors: Vec<_> = downkit::validate::check(&loaded, as_of().date())
        .into_iter()
        .filter(|d| d.severity == downkit::diag::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let fonts = FontSet::builtin();
    let exports = loaded
        .kit
        .datasets
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let rel = match files {
                Some(f) => f[i].to_string(),
                None => d.sample.as_ref().unwrap().v.clone(),
            };
            let path = loaded.dir.join(&rel);
            let (e, problems) = data::read_file(&path, &rel, d, &fonts, None);
            e.unwrap_or_else(|| panic!("{rel}: {problems:?}"))
        })
        .collect();
    (loaded, exports)
}

fn document(kit: &str, files: Option<&[&str]>) -> Document {
    let (loaded, exports) = kit_and_exports(kit, files);
    let opts = SnapshotOptions {
        as_of: as_of(),
        paper: None,
    };
    snapshot_document(&loaded, &FontSet::builtin(), &exports, &opts).unwrap()
}

fn texts(doc: &Document, i: usize) -> Vec<String> {
    doc.page_items(i)
        .filter_map(|it| match it {
            Item::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_problem_of_a_dataset_declaration() {
    // Relative, as diagnostics show paths given relative (the tests run in the crate).
    let dir = Path::new("tests/fixtures/snapshot/declarations");
    let loaded = downkit::load::load(dir);
    let mut out = String::new();
    for d in downkit::validate::check(&loaded, as_of().date()) {
        out.push_str(&d.short(&loaded.sources));
        out.push('\n');
        if let Some(h) = &d.hint {
            out.push_str(&format!("    help: {h}\n"));
        }
    }
    let path = dir.join("expected.txt");
    if std::env::var_os("DOWNKIT_BLESS").is_some() {
        std::fs::write(&path, &out).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).expect("bless with DOWNKIT_BLESS=1");
    assert_eq!(out, expected, "the dataset diagnostics changed");
}

#[test]
fn every_snapshot_page_carries_the_data_time_destroy_date_classification_and_page() {
    for (kit, stamp) in [
        (
            "kits/hemtjanst-planering",
            "Uppgifter per 2026-12-01 06:00 · Förstör efter 2026-12-15",
        ),
        (
            "tests/fixtures/snapshot",
            "Uppgifter per 2026-12-01 06:00 · Förstör efter 2026-12-08",
        ),
    ] {
        let doc = document(kit, None);
        let n = doc.pages.len();
        for i in 0..n {
            let t = texts(&doc, i);
            let has = |s: &str| t.iter().any(|x| x.contains(s));
            assert!(has(stamp), "{kit}: page {} has no stamp: {t:?}", i + 1);
            assert!(
                has("Innehåller personuppgifter – förvaras inlåst"),
                "{kit}: page {}",
                i + 1
            );
            assert!(
                has(&format!("Sida {} av {n}", i + 1)),
                "{kit}: page {}",
                i + 1
            );
            assert!(has("2026-12-01 06:00"), "{kit}: page {}", i + 1);
        }
    }
}

#[test]
fn no_snapshot_page_is_mostly_empty_unless_it_ends_a_part() {
    for kit in ["kits/hemtjanst-planering", "tests/fixtures/snapshot"] {
        let doc = document(kit, None);
        for i in 0..doc.pages.len() {
            if doc.pages[i].ends_part {
                continue;
            }
            let f = fill(&doc, i);
            assert!(
                f >= 0.35,
                "{kit}: page {} is {:.0} % filled",
                i + 1,
                f * 100.0
            );
        }
    }
}

#[test]
fn the_home_care_snapshot_has_a_list_per_group_a_page_per_group_and_day_and_signing_forms() {
    let doc = document("kits/hemtjanst-planering", None);
    let pages_with = |needle: &str| {
        (0..doc.pages.len())
            .filter(|&i| texts(&doc, i).iter().any(|t| t.contains(needle)))
            .count()
    };
    for g in ["Centrum", "Norr", "Söder"] {
        assert_eq!(
            pages_with(&format!("Brukare – adress, nyckel och anhörig – {g}")),
            2,
            "{g}: cover and list"
        );
        assert_eq!(
            pages_with(&format!("Besök – {g} – Tisdag 2026-12-01")),
            1,
            "{g}"
        );
        assert_eq!(
            pages_with(&format!("Besök – {g} – Måndag 2026-12-14")),
            1,
            "{g}"
        );
    }
    assert_eq!(
        pages_with("– Tisdag 2026-12-15"),
        0,
        "14 days from the data date"
    );
    // One signing form per client given medication (12 of the 18 in the sample).
    assert_eq!(pages_with("Blankett sida 1 av 1"), 12);
    // The cover names the parts with their pages.
    let cover = texts(&doc, 0).join("\n");
    assert!(
        cover.contains("Förstör efter") && cover.contains("2026-12-15"),
        "{cover}"
    );
    assert!(
        cover.contains("Signering av läkemedel och delegerade insatser"),
        "{cover}"
    );
}

#[test]
fn values_that_look_wrong_are_printed_as_given_and_marked() {
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join("kit");
    std::fs::create_dir_all(kit.join("exports")).unwrap();
    std::fs::copy(
        root("tests/fixtures/snapshot/kit.toml"),
        kit.join("kit.toml"),
    )
    .unwrap();
    // A mistyped check digit, a month 13, a ten-digit personnummer.
    std::fs::write(
        kit.join("exports/klienter.csv"),
        "Pnr;Namn;Grupp;Född;Tid;Tel;Antal;Adress\n\
         19121212-1213;Felsson, Kontroll;Öst;1912-13-12;08:00;070-174 06 05;1;Gatan 1\n\
         121212-1212;Tiosiffrig, Tea;Öst;1912-12-12;09:00;070-174 06 06;1;Gatan 2\n",
    )
    .unwrap();
    let loaded = downkit::load::load(&kit);
    let d = &loaded.kit.datasets[0];
    let (e, problems) = data::read_file(
        &kit.join("exports/klienter.csv"),
        "klienter.csv",
        d,
        &FontSet::builtin(),
        None,
    );
    assert_eq!(problems.len(), 2, "{problems:?}");
    let e = e.unwrap();
    let opts = SnapshotOptions {
        as_of: as_of(),
        paper: None,
    };
    let doc = snapshot_document(&loaded, &FontSet::builtin(), &[e], &opts).unwrap();
    let all: Vec<String> = (0..doc.pages.len()).flat_map(|i| texts(&doc, i)).collect();
    assert!(
        all.iter().any(|t| t.contains("2 uppgifter är markerade")),
        "{all:?}"
    );
    assert!(all.iter().any(|t| t == "19121212-1213"), "printed as given");
    assert!(all.iter().any(|t| t == "1912-13-12"), "printed as given");
    let marks = doc
        .all_items()
        .filter(|i| matches!(i, Item::Path { .. }))
        .count();
    assert!(
        marks >= 3,
        "the cover's legend and two marked cells: {marks}"
    );
    // The ten-digit personnummer does not fill the form's 12 boxes: it is printed as text
    // under the field; the twelve-digit one goes into the boxes.
    assert!(
        all.iter()
            .any(|t| t.contains("Enligt exporten: 121212-1212")),
        "{all:?}"
    );
    assert!(!all
        .iter()
        .any(|t| t.contains("Enligt exporten: 19121212-1213")));
}

#[test]
fn the_same_exports_and_data_time_give_byte_identical_snapshots() {
    let (loaded, exports) = kit_and_exports("kits/hemtjanst-planering", None);
    let opts = SnapshotOptions {
        as_of: as_of(),
        paper: None,
    };
    let fonts = FontSet::builtin();
    let a = snapshot(&loaded, &fonts, &exports, &opts).unwrap();
    let b = snapshot(&loaded, &fonts, &exports, &opts).unwrap();
    assert_eq!(a.output.bytes, b.output.bytes);
    assert_eq!(
        a.output.file_name,
        "hemtjanst-planering-snapshot-2026-12-01-0600.pdf"
    );
    assert!(a.personal);
}

#[test]
fn check_reads_the_sample_exports_and_names_their_problems() {
    let o = support::downkit(&["check", "kits/hemtjanst-planering", "--deny-warnings"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join("kit");
    std::fs::create_dir_all(kit.join("exports")).unwrap();
    let toml = std::fs::read_to_string(root("tests/fixtures/snapshot/kit.toml")).unwrap();
    std::fs::write(
        kit.join("kit.toml"),
        toml.replace("exports/klienter.csv", "exports/broken-rows.csv"),
    )
    .unwrap();
    std::fs::copy(
        root("tests/fixtures/snapshot/exports/broken-rows.csv"),
        kit.join("exports/broken-rows.csv"),
    )
    .unwrap();
    let o = support::downkit(&["check", kit.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["errors"], 3);
    let diags = v[0]["diagnostics"].as_array().unwrap();
    let dup = diags.iter().find(|d| d["code"] == "duplicate-key").unwrap();
    assert_eq!(
        (dup["line"].as_u64(), dup["column"].as_u64()),
        (Some(5), Some(1))
    );
    assert_eq!(dup["row"], 4);
    assert_eq!(dup["field"], "Pnr");
    assert!(dup["file"]
        .as_str()
        .unwrap()
        .ends_with("exports/broken-rows.csv"));
}

#[test]
fn an_address_never_leaves_its_house_or_flat_number_alone_on_the_next_line() {
    let doc = document("kits/hemtjanst-planering", None);
    // The list pages of the clients: every line of text as laid out.
    let lines: Vec<String> = (0..doc.pages.len())
        .filter(|&i| {
            texts(&doc, i)
                .iter()
                .any(|t| t.starts_with("Brukare – adress"))
        })
        .flat_map(|i| texts(&doc, i))
        .map(|t| t.replace('\u{a0}', " "))
        .collect();
    assert!(!lines.is_empty());
    for street in ["Kyrkogatan 8", "Kyrkogatan 2,", "Storgatan 1,", "lgh 1401"] {
        assert!(
            lines.iter().any(|l| l.contains(street)),
            "`{street}` is broken across lines: {lines:?}"
        );
    }
    // No line of a list ends in a hyphenated piece of a street name.
    assert!(!lines.iter().any(|l| l.ends_with("Kyrkoga-")), "{lines:?}");
}
