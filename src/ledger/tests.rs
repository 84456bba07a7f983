//! Recording sheets and the back office's actions, with every refusal.

use super::*;
use crate::reconcile::{FoundSheet, PageRef, Printed, PrintedForm};

fn printed() -> Printed {
    Printed {
        kit: "k".into(),
        version: "1.0".into(),
        hash: "0123abcd".into(),
        forms: vec![PrintedForm {
            id: "order".into(),
            title: "Order".into(),
            serial: crate::model::Serial {
                copies: 10,
                prefix: "HM-".into(),
                first: 1,
                digits: 4,
            },
            pages_per_copy: 1,
            code_page: 0,
            read: None,
        }],
        runs: Vec::new(),
        record: None,
        copies_given: false,
        checklists: Vec::new(),
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn found(serial: &str, run: &str, file: &str, page: u32) -> FoundSheet {
    FoundSheet {
        form: "order".into(),
        serial: serial.into(),
        run: PrintRun::parse(run),
        version: "1.0".into(),
        hash: "0123abcd".into(),
        pages: vec![PageRef {
            file: file.into(),
            page,
            digest: format!("{file}-digest"),
        }],
        current: true,
        read: crate::reconcile::SheetRead::NotKnown,
    }
}

fn target(serial: &str) -> Target {
    Target {
        serial: serial.into(),
        run: None,
        form: None,
    }
}

fn enter(case: &str, by: &str) -> Action {
    Action::Enter {
        case: case.into(),
        by: by.into(),
    }
}

#[test]
fn the_same_page_twice_is_one_sheet_and_another_page_a_copy() {
    let mut l = Ledger::new("k", "i");
    assert_eq!(
        l.receive(&found("HM-0007", "20260110", "a.pdf", 3), day(21)),
        Receipt::New(0)
    );
    assert_eq!(
        l.receive(&found("HM-0007", "20260110", "a.pdf", 3), day(22)),
        Receipt::Known(0)
    );
    assert_eq!(
        l.receive(&found("HM-0007", "20260110", "b.pdf", 1), day(22)),
        Receipt::Copy { index: 1, first: 0 }
    );
    assert_eq!(l.sheets[1].id(), "HM-0007-B");
    // Another print run with the same serial is another sheet, not a copy.
    assert_eq!(
        l.receive(&found("HM-0007", "20260401", "b.pdf", 2), day(22)),
        Receipt::New(2)
    );
    let t = l.totals();
    assert_eq!((t.sheets, t.received, t.open), (3, 3, 3));
}

#[test]
fn entering_twice_or_a_serial_never_printed_is_an_error() {
    let p = printed();
    let mut l = Ledger::new("k", "i");
    l.receive(&found("HM-0007", "20260110", "a.pdf", 3), day(21));
    l.apply(&p, &target("HM-0007"), &enter("4711", "AB"), day(22))
        .unwrap();
    let e = l
        .apply(&p, &target("HM-0007"), &enter("4712", "CD"), day(23))
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("HM-0007 was already entered on 2026-03-22, case 4711, by AB"),
        "{e}"
    );
    let e = l
        .apply(&p, &target("HM-0011"), &enter("1", "AB"), day(23))
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("`HM-0011` was never printed (order prints HM-0001–HM-0010)"),
        "{e}"
    );
    assert!(
        e.text(crate::model::Lang::Sv)
            .contains("`HM-0011` har aldrig tryckts (order trycks HM-0001–HM-0010)"),
        "{e:?}"
    );
    let e = l
        .apply(&p, &target("XX-0001"), &enter("1", "AB"), day(23))
        .unwrap_err();
    assert!(e.to_string().contains("never printed"), "{e}");
    assert_eq!(l.sheets.len(), 1, "a refused command adds nothing");
    // A printed serial not scanned yet may be entered; a later scan takes its pages.
    l.apply(&p, &target("HM-0002"), &enter("4713", "AB"), day(23))
        .unwrap();
    assert_eq!(
        l.sheets[1].run,
        PrintRun::parse("20260110"),
        "the only run of the form"
    );
    assert_eq!(
        l.receive(&found("HM-0002", "20260110", "c.pdf", 1), day(24)),
        Receipt::New(1)
    );
    assert_eq!(
        l.sheets[1].entered.as_ref().unwrap().case.as_deref(),
        Some("4713")
    );
}

#[test]
fn checks_voids_and_duplicates() {
    let p = printed();
    let mut l = Ledger::new("k", "i");
    l.receive(&found("HM-0001", "20260110", "a.pdf", 1), day(21));
    l.receive(&found("HM-0001", "20260110", "a.pdf", 2), day(21));
    l.receive(&found("HM-0003", "20260110", "a.pdf", 3), day(21));
    let check = |by: &str| Action::Check { by: by.into() };
    let e = l
        .apply(&p, &target("HM-0001"), &check("CD"), day(22))
        .unwrap_err();
    assert!(e.to_string().contains("has not been entered"), "{e}");
    l.apply(&p, &target("HM-0001"), &enter("4711", "AB"), day(22))
        .unwrap();
    let e = l
        .apply(&p, &target("HM-0001"), &check("ab"), day(22))
        .unwrap_err();
    assert!(e.to_string().contains("second person"), "{e}");
    l.apply(&p, &target("HM-0001"), &check("CD"), day(22))
        .unwrap();
    let void = Action::Void {
        reason: "skannad två gånger".into(),
        by: Some("AB".into()),
    };
    l.apply(&p, &target("HM-0001-B"), &void, day(22)).unwrap();
    let e = l
        .apply(&p, &target("HM-0001-B"), &enter("1", "AB"), day(22))
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("HM-0001-B was voided on 2026-03-22, by AB"),
        "{e}"
    );
    let e = l
        .apply(&p, &target("HM-0001-C"), &void, day(22))
        .unwrap_err();
    assert!(e.to_string().contains("no sheet `HM-0001-C`"), "{e}");
    let dup = Action::Duplicate {
        case: "4720".into(),
        by: "AB".into(),
    };
    l.apply(&p, &target("HM-0003"), &dup, day(22)).unwrap();
    let t = l.totals();
    assert_eq!(
        (t.entered, t.checked, t.void, t.duplicate, t.open),
        (1, 1, 1, 1, 0)
    );
    assert_eq!(l.overdue(day(30)), 0);
    l.receive(&found("HM-0004", "20260110", "a.pdf", 4), day(21));
    l.ended = Some(day(25));
    assert_eq!((l.overdue(day(25)), l.overdue(day(26))), (0, 1));
}

#[test]
fn two_print_runs_with_one_serial_need_the_run() {
    let p = printed();
    let mut l = Ledger::new("k", "i");
    l.receive(&found("HM-0007", "20260110", "a.pdf", 1), day(21));
    l.receive(&found("HM-0007", "20260401", "a.pdf", 2), day(21));
    let e = l
        .apply(&p, &target("HM-0007"), &enter("1", "AB"), day(22))
        .unwrap_err();
    assert!(
        e.to_string().contains("--run")
            && e.to_string().contains("20260110")
            && e.to_string().contains("20260401"),
        "{e}"
    );
    let t = Target {
        run: PrintRun::parse("20260401"),
        ..target("HM-0007")
    };
    assert_eq!(l.apply(&p, &t, &enter("1", "AB"), day(22)), Ok(1));
}

#[test]
fn the_same_file_read_again_under_another_name_is_no_second_sheet() {
    let mut l = Ledger::new("k", "i");
    let first = found("HM-0011", "20260110", "mars.pdf", 2);
    assert_eq!(l.receive(&first, day(21)), Receipt::New(0));
    // The same bytes uploaded again as "mars (1).pdf": same digest and page.
    let mut again = first.clone();
    again.pages[0].file = "mars (1).pdf".into();
    assert_eq!(l.receive(&again, day(22)), Receipt::Known(0));
    assert_eq!(l.sheets.len(), 1);
    assert_eq!(l.sheets[0].id(), "HM-0011");
}

/// A sheet read with every field empty (`unused`), or with `hjalpmedel` ticked.
fn read_sheet(serial: &str, page: u32, ticked: &[&str]) -> FoundSheet {
    use crate::reconcile::marks::{FieldRead, Kind};
    use crate::reconcile::SheetRead;
    let mut s = found(serial, "20260110", "a.pdf", page);
    s.read = SheetRead::Read {
        quality: crate::scan::Quality {
            dpi: (300.0, 300.0),
            scale: 1.0,
            rotation: 0.0,
            poor: None,
        },
        fields: vec![FieldRead {
            key: "hjalpmedel".into(),
            label: "Hjälpmedel".into(),
            kind: Kind::Any,
            ticked: ticked.iter().map(|t| t.to_string()).collect(),
            written: false,
            doubts: Vec::new(),
            several: false,
            at: [0; 4],
        }],
    };
    s
}

#[test]
fn a_blank_sheet_is_unused_not_open_and_voided_in_one_step() {
    let mut l = Ledger::new("k", "i");
    l.receive(&read_sheet("HM-0001", 1, &["Rollator"]), day(21));
    l.receive(&read_sheet("HM-0002", 2, &[]), day(21));
    l.receive(&read_sheet("HM-0003", 3, &[]), day(21));
    assert_eq!(l.sheets[1].state(), "unused");
    let t = l.totals();
    assert_eq!((t.sheets, t.unused, t.open), (3, 2, 1));
    assert_eq!(l.void_unused(Some("AB"), day(22)), vec![1, 2]);
    let t = l.totals();
    assert_eq!((t.void, t.unused, t.open), (2, 0, 1));
    assert_eq!(
        l.sheets[2].void.as_ref().unwrap().reason.as_deref(),
        Some("unused (blank when scanned)")
    );
    // Nothing left to void.
    assert!(l.void_unused(None, day(22)).is_empty());
    // The ledger's text keeps it.
    let back = crate::ledger::parse(&crate::ledger::to_toml(&l)).unwrap();
    assert_eq!(back, l);
}

#[test]
fn a_confirmation_names_a_field_read_from_scans_and_its_options_only() {
    let mut l = Ledger::new("k", "i");
    l.receive(&found("HM-0001", "20260110", "a.pdf", 1), day(21));
    let confirm = |value: &str| Action::Confirm {
        field: "hjalpmedel".into(),
        value: value.into(),
        by: "CD".into(),
    };
    // The form of the test kit reads no fields.
    let e = l
        .apply(
            &printed(),
            &target("HM-0001"),
            &confirm("Rollator"),
            day(22),
        )
        .unwrap_err();
    assert!(e.to_string().contains("no field `hjalpmedel`"), "{e}");
    let mut p = printed();
    p.forms[0].read = Some(crate::reconcile::marks::SheetSpec {
        layout: crate::scan::SheetLayout {
            page: (210.0, 297.0),
            code: crate::scan::CodePlace {
                x: 170.0,
                y: 20.0,
                module: 0.7,
                modules: 33,
            },
            boxes: Vec::new(),
        },
        fields: vec![crate::reconcile::marks::FieldSpec {
            key: "hjalpmedel".into(),
            label: "Hjälpmedel".into(),
            kind: crate::reconcile::marks::Kind::Any,
            options: vec!["Rollator".into(), "Rullstol".into()],
            boxes: Vec::new(),
        }],
    });
    let e = l
        .apply(&p, &target("HM-0001"), &confirm("Anna Andersson"), day(22))
        .unwrap_err();
    assert!(e.to_string().contains("\"Rollator\", \"Rullstol\""), "{e}");
    l.apply(
        &p,
        &target("HM-0001"),
        &confirm("Rollator; Rullstol"),
        day(22),
    )
    .unwrap();
    // A correction replaces it.
    l.apply(&p, &target("HM-0001"), &confirm("Rullstol"), day(23))
        .unwrap();
    let c = &l.sheets[0].confirmed;
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].value.as_str(), c[0].by.as_str()), ("Rullstol", "CD"));
    assert_eq!(c[0].date, day(23));
}
