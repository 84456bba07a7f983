//! Sorting scanned pages: sheets, continuation pages, drill copies, other kits and versions.

use super::*;
use crate::model::Serial;
use crate::scan::ScannedPage;

pub(crate) fn printed(pages_per_copy: usize, code_page: usize) -> Printed {
    Printed {
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
            pages_per_copy,
            code_page,
            read: None,
        }],
        runs: Vec::new(),
        record: None,
        copies_given: false,
        checklists: Vec::new(),
    }
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2027, 3, 21).unwrap()
}

fn page(n: u32, codes: &[&str]) -> ScannedPage {
    ScannedPage {
        page: n,
        codes: codes.iter().map(|c| c.to_string()).collect(),
        undecoded: 0,
        problem: None,
        marks: Vec::new(),
    }
}

fn file(name: &str, digest: &str, pages: Vec<ScannedPage>) -> ScannedFile {
    ScannedFile {
        name: name.into(),
        digest: digest.into(),
        pages,
    }
}

#[test]
fn pages_are_sorted_by_what_their_codes_say() {
    let mut undecoded = page(7, &[]);
    undecoded.undecoded = 1;
    let mut jbig2 = page(8, &[]);
    jbig2.problem = Some(PageProblem::Jbig2);
    let f = file(
        "a.pdf",
        "d1",
        vec![
            page(1, &["DK1/k/order/1.0/0123abcd/HM-0001/20261201"]),
            page(2, &["DK1/k/order/1.0/0123abcd/HM-0002/20261201/X"]),
            page(3, &["DK1/other/order/1.0/0123abcd/HM-0001/20261201"]),
            page(4, &["DK1/k/order/0.9/99999999/HM-0003"]),
            page(5, &["DK1/k/vid-avbrott/1.0/0123abcd", "tel:+46701740605"]),
            page(6, &["tel:+46701740605"]),
            undecoded,
            jbig2,
        ],
    );
    let b = sort(
        &printed(1, 0),
        &[f.clone(), file("copy.pdf", "d1", f.pages.clone())],
        today(),
    );
    assert_eq!(b.files, vec!["a.pdf"]);
    assert_eq!(
        b.repeated,
        vec![("copy.pdf".to_string(), "a.pdf".to_string())]
    );
    assert_eq!(b.sheets.len(), 2);
    assert!(b.sheets[0].current && b.sheets[0].serial == "HM-0001");
    assert_eq!(b.sheets[0].run.unwrap().to_string(), "20261201");
    assert!(!b.sheets[1].current && b.sheets[1].run.is_none());
    assert_eq!(b.exercise.len(), 1);
    assert_eq!(b.other_kit.len(), 1);
    assert_eq!(b.not_serialized.len(), 1);
    let why: Vec<(u32, &str)> = b
        .unreadable
        .iter()
        .map(|(p, u)| (p.page, u.key()))
        .collect();
    assert_eq!(
        why,
        vec![(6, "no-code"), (7, "code-not-decoded"), (8, "image")]
    );
}

#[test]
fn continuation_pages_of_a_copy_count_with_it() {
    // A copy of two pages, its code on the second: the page before it belongs to it.
    let code = |s: &str| format!("DK1/k/order/1.0/0123abcd/{s}/20261201");
    let f = file(
        "a.pdf",
        "d1",
        vec![
            page(1, &[]),
            page(2, &[&code("HM-0001")]),
            page(3, &[]),
            page(4, &[&code("HM-0002")]),
            page(5, &[&code("HM-0003")]),
            page(6, &[]),
        ],
    );
    let b = sort(&printed(2, 1), std::slice::from_ref(&f), today());
    let pages: Vec<Vec<u32>> = b
        .sheets
        .iter()
        .map(|s| s.pages.iter().map(|p| p.page).collect())
        .collect();
    assert_eq!(pages, vec![vec![2, 1], vec![4, 3], vec![5]]);
    // Page 6 follows a copy whose other page would come before it: no sheet of this kit.
    assert_eq!(b.unreadable.len(), 1);
    assert_eq!(b.unreadable[0].0.page, 6);
    // With one page a copy, a page without a code is never taken into a sheet.
    let b = sort(&printed(1, 0), &[f], today());
    assert_eq!(b.unreadable.len(), 3);
}

#[test]
fn codes_never_printed_and_forged_ones_are_refused_not_received() {
    let ok = |s: &str, run: &str| format!("DK1/k/order/1.0/0123abcd/{s}/{run}");
    let pages = vec![
        page(1, &[&ok("HM-0001", "20261201")]),
        // Above the 10 copies printed, and a run dated after today.
        page(2, &[&ok("HM-0025", "20261201")]),
        page(3, &[&ok("HM-0002", "20300101")]),
        // Absurd and hostile serials: not even payloads.
        page(4, &[&ok(&format!("HM-{}", "9".repeat(1000)), "20261201")]),
        page(5, &["DK1/k/order/1.0/0123abcd/HM-\u{1b}[2J0003/20261201"]),
        page(6, &["DK1/k/order/1.0/0123abcd/HM-0004\nrm -rf/20261201"]),
        // A form the kit does not number.
        page(7, &["DK1/k/other/1.0/0123abcd/HM-0005/20261201"]),
    ];
    let b = sort(&printed(1, 0), &[file("a.pdf", "d1", pages)], today());
    let received: Vec<&str> = b.sheets.iter().map(|s| s.serial.as_str()).collect();
    assert_eq!(received, ["HM-0001"]);
    let refused: Vec<u32> = b.refused.iter().map(|r| r.page.page).collect();
    assert_eq!(refused, [2, 3, 4, 5, 6, 7]);
    for r in &b.refused {
        assert!(!r.code.chars().any(char::is_control), "{r:?}");
        assert!(!r.why.chars().any(char::is_control), "{r:?}");
        assert!(r.code.chars().count() <= 121, "{r:?}");
    }
    assert!(b.refused[0].why.contains("HM-0025"), "{:?}", b.refused[0]);
    assert!(
        b.refused[1].why.contains("after today"),
        "{:?}",
        b.refused[1]
    );
    assert!(
        b.refused[5].why.contains("no numbered form"),
        "{:?}",
        b.refused[5]
    );
    // No page of these is counted as without a code.
    assert!(b.unreadable.is_empty(), "{:?}", b.unreadable);
}

#[test]
fn the_print_record_decides_which_runs_and_serials_exist() {
    use crate::lifecycle::{LastBuild, PrintedRun};
    let payloads: Vec<String> = (1..=30)
        .map(|n| format!("DK1/k/order/1.0/0123abcd/HM-{n:04}/20261201"))
        .collect();
    let record = LastBuild {
        kit: "k".into(),
        version: "1.0".into(),
        fingerprint: "0123abcd".into(),
        print_date: "2026-12-01".into(),
        runs: PrintedRun::from_payloads(payloads.iter().map(String::as_str)),
    };
    assert_eq!(record.runs[0].forms["order"].copies, 30);
    // `--copies 20` below the 30 printed is an error, not a quiet report.
    let mut twenty = printed(1, 0);
    twenty.forms[0].serial.copies = 20;
    twenty.copies_given = true;
    let e = twenty
        .with_record(record.clone(), "out/k.last-build.json")
        .unwrap_err();
    assert!(e.contains("--copies 20") && e.contains("30 copies"), "{e}");
    // Without --copies the record says what was printed.
    let p = printed(1, 0)
        .with_record(record, "out/k.last-build.json")
        .unwrap();
    let code = |s: &str, run: &str| format!("DK1/k/order/1.0/0123abcd/{s}/{run}");
    let f = file(
        "a.pdf",
        "d1",
        vec![
            page(1, &[&code("HM-0001", "20261201")]),
            page(2, &[&code("HM-0025", "20261201")]),
            page(3, &[&code("HM-0031", "20261201")]),
            page(4, &[&code("HM-0002", "20261201-2")]),
        ],
    );
    let b = sort(&p, &[f], today());
    let received: Vec<&str> = b.sheets.iter().map(|s| s.serial.as_str()).collect();
    assert_eq!(received, ["HM-0001", "HM-0025"]);
    let why: Vec<&str> = b.refused.iter().map(|r| r.why.as_str()).collect();
    assert!(why[0].contains("not among the 30 copies"), "{why:?}");
    assert!(why[1].contains("never printed"), "{why:?}");
}
