//! What Forms v2 must show on paper: a serialized order form is one page a copy, a 9-row
//! order table with a header block and an approval chain fits one A4 page, 32 contacts fit
//! two pages in list mode, no page is mostly empty but where a part ends, and no table or
//! register row is left alone on a page.

use crate::support;

use downkit::compose::{binder_document, build, BuildOptions};
use downkit::layout::{Document, Item};
use std::path::{Path, PathBuf};
use support::{fill, tool};

fn opts() -> BuildOptions {
    BuildOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        ..BuildOptions::default()
    }
}

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn document(kit: &Path) -> Document {
    let loaded = downkit::load::load(kit);
    let fonts = downkit::validate::fonts_for(&loaded).unwrap();
    binder_document(&loaded, &fonts, &opts()).unwrap_or_else(|e| panic!("{kit:?}: {e}"))
}

/// Every text on page `i` (template items included).
fn texts(doc: &Document, i: usize) -> Vec<String> {
    doc.page_items(i)
        .filter_map(|it| match it {
            Item::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// 0-based pages whose text contains `needle`.
fn pages_with(doc: &Document, needle: &str) -> Vec<usize> {
    (0..doc.pages.len())
        .filter(|&i| texts(doc, i).iter().any(|t| t.contains(needle)))
        .collect()
}

#[test]
fn the_care_aid_order_form_prints_one_page_per_serialized_copy() {
    let doc = document(&root("kits/hjalpmedel-hemtjanst"));
    for n in 1..=25 {
        let serial = format!("HM-{n:04}");
        // The copy's running header names its serial on every page of the copy.
        let pages = pages_with(&doc, &format!("Löpnummer {serial}"));
        assert_eq!(pages.len(), 1, "{serial} on pages {pages:?}");
        let t = texts(&doc, pages[0]);
        assert!(
            t.iter().any(|s| s == "Blankett sida 1 av 1"),
            "{serial}: {t:?}"
        );
        assert!(
            t.iter().any(|s| s.contains("Blankett HM-1")),
            "{serial}: form code"
        );
    }
}

#[test]
fn a_nine_row_order_table_with_header_and_approval_chain_fits_one_a4_page() {
    let kit = root("examples/order-table.toml");
    let loaded = downkit::load::load(&kit);
    let fonts = downkit::validate::fonts_for(&loaded).unwrap();
    let out = build(&loaded, &fonts, &opts()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join(&out[0].file_name);
    std::fs::write(&pdf, &out[0].bytes).unwrap();
    let p = pdf.to_str().unwrap();
    for copy in 1..=3 {
        let serial = format!("FM-{copy:04}");
        let mut on = Vec::new();
        for page in 1..=out[0].pages {
            let n = page.to_string();
            let text = tool("pdftotext", &["-layout", "-f", &n, "-l", &n, p, "-"]);
            if text.contains(&format!("Löpnummer {serial}")) {
                on.push(text);
            }
        }
        assert_eq!(on.len(), 1, "{serial} is on {} pages", on.len());
        let page = &on[0];
        assert!(page.contains("Blankett sida 1 av 1"), "{page}");
        assert!(
            page.contains("A4") || page.contains("Artikelnummer"),
            "{page}"
        );
        for row in 1..=9 {
            assert!(
                page.lines()
                    .any(|l| l.trim_start().starts_with(&row.to_string())),
                "{serial}: row {row} missing"
            );
        }
        for who in [
            "Upprättad av",
            "Godkänd av",
            "Mottagen av förrådet",
            "Enhetschef",
        ] {
            assert!(page.contains(who), "{serial}: {who} missing");
        }
        assert!(page.contains("Efterregistrering"), "{serial}: back-entry");
    }
    let info = tool("pdfinfo", &[p]);
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
}

#[test]
fn thirty_two_contacts_fit_two_pages_in_list_mode() {
    let kit = root("examples/phone-list.toml");
    let doc = document(&kit);
    let loaded = downkit::load::load(&kit);
    assert_eq!(loaded.kit.contacts.len(), 32);
    let first = doc.anchors["contacts"] - 1;
    let list_pages: Vec<usize> = (first..doc.pages.len())
        .take_while(|&i| i == first || texts(&doc, i).iter().any(|t| t.starts_with("Kontaktlista")))
        .collect();
    assert!(
        list_pages.len() <= 2,
        "phone list on {} pages",
        list_pages.len()
    );
    for c in &loaded.kit.contacts {
        let number = c.phones[0].number.v.national().replace(' ', "\u{a0}");
        let on: Vec<usize> = pages_with(&doc, &number);
        assert!(
            on.iter().any(|p| list_pages.contains(p)),
            "{} ({number}) not on the list",
            c.role.v
        );
    }
    // At least 15 contacts on a full page of the list.
    let per_page = |i: usize| {
        loaded
            .kit
            .contacts
            .iter()
            .filter(|c| {
                let n = c.phones[0].number.v.national().replace(' ', "\u{a0}");
                texts(&doc, i).iter().any(|t| t.contains(&n))
            })
            .count()
    };
    assert!(
        per_page(list_pages[0]) >= 15,
        "{} on page one",
        per_page(list_pages[0])
    );
}

fn kits() -> Vec<PathBuf> {
    let mut all = vec![root("tests/fixtures/kits/full")];
    for folder in ["kits", "examples"] {
        for e in std::fs::read_dir(root(folder)).unwrap() {
            let p = e.unwrap().path();
            let is_kit = p.join("kit.toml").is_file() || p.extension().is_some_and(|x| x == "toml");
            if is_kit && !p.ends_with("broken") {
                all.push(p);
            }
        }
    }
    all.sort();
    all
}

#[test]
fn no_page_is_mostly_empty_unless_it_ends_a_part() {
    for kit in kits() {
        let doc = document(&kit);
        for i in 0..doc.pages.len() {
            if doc.pages[i].ends_part {
                continue;
            }
            let f = fill(&doc, i);
            assert!(
                f >= 0.35,
                "{}: page {} of {} is {:.0} % filled",
                kit.display(),
                i + 1,
                doc.pages.len(),
                f * 100.0
            );
        }
    }
}

#[test]
fn no_register_row_is_alone_on_a_page() {
    for kit in kits() {
        let doc = document(&kit);
        let loaded = downkit::load::load(&kit);
        let Some(start) = doc.anchors.get("register") else {
            continue;
        };
        let serials: Vec<String> = loaded
            .kit
            .forms
            .iter()
            .filter_map(|f| f.serial.as_ref())
            .flat_map(|s| (0..s.copies).map(|i| s.nth(i)).collect::<Vec<_>>())
            .collect();
        for i in start - 1..doc.pages.len() {
            let t = texts(&doc, i);
            let here = serials.iter().filter(|s| t.contains(s)).count();
            assert!(
                here != 1,
                "{}: page {} holds one register row",
                kit.display(),
                i + 1
            );
        }
    }
}

#[test]
fn the_covers_contents_stay_on_the_cover_for_thirty_entries() {
    let dir = tempfile::tempdir().unwrap();
    let mut kit = String::from(
        r#"[kit]
id = "many"
title = "En pärm med många delar"
subtitle = "Trettio avsnitt i innehållet"
organisation = "Exempelby kommun"
owner = "Enhetschef"
version = "1.0"
issued = 2026-10-01
review-by = 2027-04-01
activation = "Enhetschefen beslutar att reservrutinen gäller och meddelar det per telefon till alla som arbetar, och sedan till anhöriga som behöver veta."
how-to-use = "Börja med den första rutinen. Varje checklista gås igenom vid sin tidpunkt. Blanketterna fylls i för hand och läggs i facket för efterregistrering."
"#,
    );
    for i in 1..=30 {
        kit.push_str(&format!(
            "\n[[checklist]]\nid = \"lista-{i}\"\ntitle = \"Checklista nummer {i} för ett moment i rutinen\"\npause-point = \"Vid moment {i}\"\nkind = \"read-do\"\n\n[[checklist.item]]\ntext = \"Gör moment {i}\"\nresponse = \"KLART\"\n"
        ));
    }
    let path = dir.path().join("kit.toml");
    std::fs::write(&path, kit).unwrap();
    let doc = document(&path);
    assert_eq!(doc.anchors["cover"], 1);
    assert_eq!(doc.anchors["cl-lista-1"], 2, "the contents ran onto page 2");
    for i in 1..=30 {
        let title = format!("Checklista nummer {i} för");
        assert!(
            texts(&doc, 0).iter().any(|t| t.contains(&title)),
            "entry {i} not on the cover"
        );
    }
}
