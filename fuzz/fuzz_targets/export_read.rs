//! Fuzz target: the readers of care-system exports. The first byte picks a dataset (one of
//! every column kind, or the home-care kit's clients or visits) and whether the rest is read
//! as CSV or JSON; the rest is the export's bytes (any encoding: UTF-8 with or without BOM,
//! Windows-1252). An export that reads without errors, of at most 60 rows, is laid out as
//! the snapshot's pages.
//!
//! Oracle: no panic, no hang; no problem shows a control character; no printed field is
//! longer than the export reader allows.
#![no_main]

use downkit::data;
use downkit::diag::Severity;
use downkit::fonts::FontSet;
use downkit::load::Loaded;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

/// The kits whose datasets the exports are read for, loaded once.
fn kits() -> &'static [Loaded; 2] {
    static KITS: OnceLock<[Loaded; 2]> = OnceLock::new();
    KITS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let load = |p: &str| {
            let l = downkit::load::load(&root.join(p));
            assert!(!downkit::diag::has_errors(&l.diags), "{p}: {:?}", l.diags);
            l
        };
        [
            load("tests/fixtures/snapshot"),
            load("kits/hemtjanst-planering"),
        ]
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let kits = kits();
    let (loaded, ds) = match mode % 3 {
        0 => (&kits[0], &kits[0].kit.datasets[0]),
        1 => (&kits[1], &kits[1].kit.datasets[0]),
        _ => (&kits[1], &kits[1].kit.datasets[1]),
    };
    let shown = if mode & 4 == 0 { "export.csv" } else { "export.json" };
    let fonts = FontSet::builtin();
    let (export, problems) = data::read_bytes(bytes, shown, ds, &fonts);
    for p in &problems {
        let text = p.render();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
    }
    let Some(export) = export else {
        assert!(problems.iter().any(|p| p.severity == Severity::Error));
        return;
    };
    let group = ds.group_by.as_ref().map(|g| g.v.as_str());
    for row in &export.rows {
        for (cell, col) in row.cells.iter().zip(&ds.columns) {
            let max = if Some(col.name.v.as_str()) == group {
                data::MAX_GROUP_CHARS
            } else {
                data::MAX_FIELD_CHARS
            };
            // A phone number or a time may be printed longer than read (its national
            // form); never more than a few characters over.
            assert!(cell.text.chars().count() <= max + 8, "{}", cell.text.len());
        }
    }
    if export.rows.len() > 60 {
        return;
    }
    let opts = downkit::compose::snapshot::SnapshotOptions {
        as_of: downkit_fuzz::date().and_hms_opt(6, 0, 0).expect("a time"),
        paper: None,
    };
    let _ = downkit::compose::snapshot::snapshot_document(loaded, &fonts, &[export], &opts);
});
