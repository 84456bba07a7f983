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
        }],
    }
}

fn page(n: u32, codes: &[&str]) -> ScannedPage {
    ScannedPage {
        page: n,
        codes: codes.iter().map(|c| c.to_string()).collect(),
        undecoded: 0,
        problem: None,
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
    let b = sort(&printed(2, 1), std::slice::from_ref(&f));
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
    let b = sort(&printed(1, 0), &[f]);
    assert_eq!(b.unreadable.len(), 3);
}
