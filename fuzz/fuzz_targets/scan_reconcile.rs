//! Fuzz target: reconcile's reading of scans. An input whose first byte is even is a scan
//! file (PDF, PNG, JPEG or TIFF, as an upload to `serve` or a file to `reconcile`): it is
//! read page by page on one thread, every image decoded and searched for QR codes. An odd
//! first byte makes the rest lines of QR code texts, three a page, as a scanner might have
//! read them. Either way the pages are sorted against a kit with a print record, recorded
//! in a ledger and reported as text and JSON.
//!
//! Oracle: no panic (a decoder's own panic is caught and costs its page, as in the tool),
//! no hang, bounded memory; the report shows no control character but line breaks; a
//! sheet is received only when the record says it was printed.
#![no_main]

use downkit::lifecycle::{LastBuild, PrintedRun};
use downkit::model::Serial;
use downkit::reconcile::{Printed, PrintedForm};
use downkit::scan::{ScannedFile, ScannedPage};
use libfuzzer_sys::fuzz_target;

/// The kit the codes are judged against: one numbered form, 30 copies printed in one run.
fn printed() -> Printed {
    let p = Printed {
        kit: "k".into(),
        version: "1.0".into(),
        hash: "0123abcd".into(),
        forms: vec![PrintedForm {
            id: "order".into(),
            title: "Order".into(),
            serial: Serial {
                copies: 10,
                prefix: "HM-".into(),
                first: 1,
                digits: 4,
            },
            pages_per_copy: 2,
            code_page: 1,
            read: None,
        }],
        runs: Vec::new(),
        record: None,
        copies_given: false,
        checklists: Vec::new(),
    };
    let printed: Vec<String> = (1..=30)
        .map(|n| format!("DK1/k/order/1.0/0123abcd/HM-{n:04}/20261201"))
        .collect();
    let record = LastBuild {
        kit: "k".into(),
        version: "1.0".into(),
        fingerprint: "0123abcd".into(),
        print_date: "2026-12-01".into(),
        runs: PrintedRun::from_payloads(printed.iter().map(String::as_str)),
    };
    p.with_record(record, "out/k.last-build.json")
        .expect("the record fits the kit")
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let files: Vec<ScannedFile> = if mode % 2 == 0 {
        let (files, errors) = downkit::scan::scan_memory(vec![("scan".into(), rest.to_vec())], 1);
        for e in &errors {
            assert!(!e.message.is_empty());
        }
        files
    } else {
        let text = String::from_utf8_lossy(rest);
        let lines: Vec<&str> = text.lines().collect();
        let pages = lines
            .chunks(3)
            .enumerate()
            .map(|(i, codes)| ScannedPage {
                page: i as u32 + 1,
                codes: codes.iter().map(|c| c.to_string()).collect(),
                undecoded: 0,
                problem: None,
                marks: Vec::new(),
            })
            .collect();
        vec![ScannedFile {
            name: "codes.pdf".into(),
            digest: "0011223344556677".into(),
            pages,
        }]
    };
    let printed = printed();
    let today = downkit_fuzz::date();
    let batch = downkit::reconcile::sort(&printed, &files, today);
    for s in &batch.sheets {
        assert!(downkit::payload::is_serial(&s.serial), "{:?}", s.serial);
        if s.current {
            let f = printed.form(&s.form).expect("a current sheet's form is printed");
            assert!(f.number_of(&s.serial).is_some(), "{} was never printed", s.serial);
        }
    }
    let mut ledger = downkit::ledger::Ledger::new("k", "fuzz");
    let receipts: Vec<_> = batch
        .sheets
        .iter()
        .map(|s| ledger.receive(s, today))
        .collect();
    let text = downkit::ledger::to_toml(&ledger);
    assert_eq!(downkit::ledger::parse(&text).as_ref(), Ok(&ledger));
    let report = downkit::reconcile::report::Report::new(
        printed,
        ledger,
        "ledger-fuzz.toml".into(),
        batch,
        &receipts,
    );
    let shown = report.text();
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "a control character reached the report: {shown:?}"
    );
    let _ = report.to_json().to_string();
    let _ = report.register();
});
