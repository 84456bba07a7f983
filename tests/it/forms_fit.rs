//! Real forms at their original page count: a form is set tighter, within the field rules,
//! before it grows a page; `pages = N` says what does not fit; the header is one band;
//! every shipped kit and example builds on A4 and on Letter, with checkbox rows never closer
//! than the field rules allow.

use crate::support;

use downkit::compose::{binder_document, BuildOptions};
use downkit::layout::{Block, Document, Item, Origin, Paper, Width};
use std::path::{Path, PathBuf};

fn opts(paper: Paper) -> BuildOptions {
    BuildOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap(),
        paper: Some(paper),
        ..BuildOptions::default()
    }
}

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn document(kit: &Path, paper: Paper) -> Result<Document, String> {
    let loaded = downkit::load::load(kit);
    let fonts = downkit::validate::fonts_for(&loaded).map_err(|e| format!("{e:?}"))?;
    binder_document(&loaded, &fonts, &opts(paper)).map_err(|e| e.to_string())
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

/// Every shipped kit and example (the broken example excluded).
pub fn shipped() -> Vec<PathBuf> {
    let mut all = Vec::new();
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
fn every_shipped_kit_and_example_builds_on_a4_and_on_letter() {
    let mut failed = Vec::new();
    for kit in shipped() {
        for paper in [Paper::A4, Paper::Letter] {
            if let Err(e) = document(&kit, paper) {
                failed.push(format!("{} on {paper:?}: {e}", kit.display()));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Squares 4–4.5 mm wide: the checkboxes of a page.
fn checkboxes(doc: &Document, i: usize) -> Vec<(f32, f32, f32)> {
    doc.page_items(i)
        .filter_map(|it| match it {
            Item::Rect {
                x,
                y,
                w,
                h,
                fill: false,
                ..
            } if (*w - *h).abs() < 0.01 && (3.99..=4.51).contains(w) => Some((*x, *y, *w)),
            _ => None,
        })
        .collect()
}

/// ICS 206 is one page on paper but two within the field rules (its example says why): with
/// `pages = 1` the error names the sections past the page and the height missing, the room
/// left on the first page counted (not the whole second page).
#[test]
fn ics_206_at_one_page_is_an_error_naming_the_height_missing() {
    let dir = support::tmp("ics-206-one-page");
    let text = std::fs::read_to_string(root("examples/ics-206-medical-plan.toml")).unwrap();
    let text = text.replace("back-entry = false\n", "back-entry = false\npages = 1\n");
    std::fs::write(dir.join("kit.toml"), text).unwrap();
    let err = document(&dir, Paper::Letter).unwrap_err();
    let mm: f32 = err
        .split("about ")
        .nth(1)
        .and_then(|r| r.split(" mm are missing").next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no missing height in: {err}"));
    assert!((80.0..110.0).contains(&mm), "{mm} mm missing: {err}");
    assert!(
        err.contains("past page 1: section \"5. Hospitals\""),
        "{err}"
    );
}

#[test]
fn checkbox_rows_are_at_least_3_mm_apart_in_every_shipped_kit() {
    let mut close = Vec::new();
    for kit in shipped() {
        for paper in [Paper::A4, Paper::Letter] {
            let Ok(doc) = document(&kit, paper) else {
                continue;
            };
            for i in 0..doc.pages.len() {
                let boxes = checkboxes(&doc, i);
                for a in &boxes {
                    for b in &boxes {
                        // b in a later row, overlapping a's column.
                        let overlaps = b.0 < a.0 + a.2 && a.0 < b.0 + b.2;
                        let gap = b.1 - (a.1 + a.2);
                        if overlaps && gap > -0.01 && gap < 3.0 - 0.01 {
                            close.push(format!(
                                "{} ({paper:?}) page {}: boxes at y {:.1} and {:.1} are {gap:.1} mm apart",
                                kit.display(),
                                i + 1,
                                a.1,
                                b.1
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(close.is_empty(), "{}", close.join("\n"));
}

/// The 19-field care-aid order form (third and half widths, two choice groups, ruled lines,
/// a signature, the back-entry line) takes one page a serialized copy: it took 2.06.
#[test]
fn the_19_field_order_form_takes_one_a4_page_a_copy() {
    let kit = root("tests/fixtures/kits/order-form");
    let loaded = downkit::load::load(&kit);
    let fields: usize = loaded.kit.forms[0]
        .sections
        .iter()
        .map(|s| s.fields.len())
        .sum();
    assert_eq!(fields, 19);
    let doc = document(&kit, Paper::A4).unwrap();
    for n in 1..=12 {
        let serial = format!("BH-{n:04}");
        let on: Vec<usize> = (0..doc.pages.len())
            .filter(|&i| texts(&doc, i).iter().any(|t| t.contains(&serial)))
            .collect();
        // The copy's page, and its row in the register.
        let copy: Vec<&usize> = on
            .iter()
            .filter(|&&i| texts(&doc, i).iter().any(|t| t == "Blankett sida 1 av 1"))
            .collect();
        assert_eq!(copy.len(), 1, "{serial}: {on:?}");
        let t = texts(&doc, *copy[0]);
        for must in [
            "Beställt av – namnförtydligande",
            "Efterregistrering – registrerad i systemet av",
            "Förskrivarens telefon",
        ] {
            assert!(t.iter().any(|s| s.contains(must)), "{serial}: {must}");
        }
    }
}

/// Lays out a kit given as TOML text.
fn kit_doc(toml: &str, paper: Paper) -> Result<Document, String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kit.toml"), toml).unwrap();
    document(&dir.path().join("kit.toml"), paper)
}

const KIT: &str = r#"[kit]
id = "tata"
title = "Täta blanketter"
organisation = "Exempelby kommun"
owner = "Enhetschef"
version = "1.0"
issued = 2026-10-01
review-by = 2027-04-01
activation = "Enhetschefen beslutar."
"#;

/// A form of `n` rows of three fields each (a text box, a date, a choice).
fn rows_form(n: usize, extra: &str) -> String {
    let mut k = format!(
        "{KIT}\n[[form]]\nid = \"rader\"\ntitle = \"Rader\"\n{extra}\n[[form.section]]\ntitle = \"Uppgifter\"\n"
    );
    for i in 1..=n {
        k.push_str(&format!(
            "\n[[form.section.field]]\nlabel = \"Uppgift {i}\"\nwidth = 4\n\n[[form.section.field]]\nlabel = \"Datum {i}\"\nkind = \"date\"\nwidth = 4\n\n[[form.section.field]]\nlabel = \"Val {i}\"\nkind = \"choice\"\noptions = [\"Ja\", \"Nej\"]\nwidth = 4\n"
        ));
    }
    k
}

/// Pages of the form "rader" in a binder (from its anchor to the next part).
fn form_pages(doc: &Document) -> usize {
    let first = doc.anchors["form-rader"] - 1;
    (first..doc.pages.len())
        .take_while(|&i| texts(doc, i).iter().any(|t| t.starts_with("rader")))
        .count()
}

/// A line of fields as forms print them: a text box, a date and a choice.
fn field_line(i: usize) -> Block {
    Block::FieldRow {
        cells: vec![
            (
                Width::Grid(4),
                vec![Block::TextField {
                    label: format!("Uppgift {i}"),
                    write_mm: 6.5,
                    value: None,
                }],
            ),
            (
                Width::Grid(4),
                vec![Block::CharBoxes {
                    label: format!("Datum {i}"),
                    groups: vec![4, 2, 2],
                    separators: "-".into(),
                    prefill: None,
                }],
            ),
            (
                Width::Grid(4),
                vec![Block::Checkboxes {
                    label: Some(format!("Val {i}")),
                    options: vec!["Ja".into(), "Nej".into()],
                    checked: vec![false, false],
                }],
            ),
        ],
        gap_mm: 5.0,
    }
}

/// The least height of the character boxes on page `i`.
fn box_height(doc: &Document, i: usize) -> f32 {
    doc.page_items(i)
        .filter_map(|it| match it {
            Item::Rect { w, h, .. } if (*w - 4.0).abs() < 0.01 && *h > 4.6 => Some(*h),
            _ => None,
        })
        .fold(f32::MAX, f32::min)
}

#[test]
fn content_that_spills_a_little_is_set_tighter_within_the_field_rules_before_it_grows() {
    let fitted = |n: usize| {
        vec![Block::Fit {
            origin: Origin::default(),
            pages: None,
            blocks: (1..=n).map(field_line).collect(),
        }]
    };
    // The most lines a page holds set comfortably, then one more.
    let mut n = 10;
    while support::lay(&(1..=n + 1).map(field_line).collect::<Vec<_>>())
        .pages
        .len()
        == 1
    {
        n += 1;
    }
    let plain = support::lay(&(1..=n + 1).map(field_line).collect::<Vec<_>>());
    assert_eq!(plain.pages.len(), 2);
    let tight = support::lay(&fitted(n + 1));
    assert_eq!(
        tight.pages.len(),
        1,
        "{} lines set tighter fit one page",
        n + 1
    );
    let (loose_h, tight_h) = (box_height(&plain, 0), box_height(&tight, 0));
    assert!(tight_h < loose_h, "{tight_h} < {loose_h}");
    assert!(
        tight_h >= 5.0 - 1e-3,
        "character boxes at least 5 mm high: {tight_h}"
    );
    for it in tight.page_items(0) {
        match it {
            Item::Text { size_pt, .. } => assert!(*size_pt >= 8.0, "nothing under 8 pt"),
            Item::Rect { w, h, .. } if (*w - *h).abs() < 0.01 && *w < 4.6 => {
                assert!(*w >= 4.0 - 1e-3, "checkboxes at least 4 mm: {w}")
            }
            _ => {}
        }
    }
    // What fits comfortably stays comfortable.
    let fits = support::lay(&fitted(n));
    assert_eq!(box_height(&fits, 0), loose_h);
    // Far too much for a page is not squeezed: it grows, comfortably.
    let long = support::lay(&fitted(3 * n));
    assert_eq!(box_height(&long, 0), loose_h);
}

#[test]
fn pages_n_names_what_does_not_fit_and_the_millimetres_missing() {
    let err = kit_doc(&rows_form(40, "pages = 1"), Paper::A4).unwrap_err();
    assert!(err.contains("may take 1 page (`pages = 1`) but needs 3 even set as tightly as the field rules allow"), "{err}");
    assert!(err.contains("mm are missing"), "{err}");
    assert!(
        err.contains("section \"Uppgifter\" of form \"rader\""),
        "{err}"
    );
    // Without `pages` the same form simply grows.
    assert_eq!(
        form_pages(&kit_doc(&rows_form(40, ""), Paper::A4).unwrap()),
        3
    );
}

#[test]
fn a_form_header_is_one_band_of_about_25_mm_and_later_pages_have_a_one_line_header() {
    let doc = kit_doc(
        &rows_form(40, "serial = { copies = 2, prefix = \"R-\" }"),
        Paper::A4,
    )
    .unwrap();
    let first = doc.anchors["form-rader"] - 1;
    let top = 12.0 + 9.0 * 1.3 * 25.4 / 72.0 + 4.0;
    let (qr_y, bottom) = doc
        .page_items(first)
        .find_map(|it| match it {
            Item::Qr {
                y,
                module,
                modules,
                quiet,
                ..
            } => Some((*y, y + module * (modules.len() as f32 + *quiet as f32))),
            _ => None,
        })
        .expect("the code in the header");
    assert!(qr_y < top, "its quiet zone above lies in the header's gap");
    assert!(
        bottom - top <= 25.5,
        "the code ends {:.1} mm below the top",
        bottom - top
    );
    // Title, serial and the code's text within the band.
    for needle in ["Rader", "R-0001", "DK1/tata/rader/"] {
        let y = doc
            .page_items(first)
            .find_map(|it| match it {
                Item::Text { y, text, .. } if text.contains(needle) => Some(*y),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{needle} on the first page"));
        assert!(y - top <= 25.5, "{needle} at {:.1} mm", y - top);
    }
    // The copy's second page: its running header in one line, no band, no code.
    let second = first + 1;
    let t = texts(&doc, second);
    assert!(
        t.iter()
            .any(|s| s == "Rader · Löpnummer R-0001 – fortsättning"),
        "{t:?}"
    );
    assert!(!doc
        .page_items(second)
        .any(|it| matches!(it, Item::Qr { .. })));
}

#[test]
fn a_narrow_field_with_a_long_label_no_longer_stretches_every_box_on_its_line() {
    let field = |label: &str| {
        vec![Block::TextField {
            label: label.into(),
            write_mm: 6.5,
            value: None,
        }]
    };
    let doc = support::lay(&[Block::FieldRow {
        cells: vec![
            (Width::Grid(10), field("Namn")),
            (
                Width::Grid(2),
                field("Antal besök per vecka enligt det senaste biståndsbeslutet"),
            ),
        ],
        gap_mm: 5.0,
    }]);
    let boxes: Vec<f32> = doc.pages[0]
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Rect { h, w, .. } if *w > 20.0 => Some(*h),
            _ => None,
        })
        .collect();
    // "Namn": its label's line, 6.5 mm to write; as tall as a box under a two-line label.
    assert!(boxes[0] < 16.0, "the name box is {:.1} mm tall", boxes[0]);
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert!(doc.warnings[0].message.contains("wraps onto"));
}

#[test]
fn an_instruction_takes_the_width_it_is_given() {
    let toml = format!(
        "{KIT}\n[[form]]\nid = \"instr\"\ntitle = \"Instruktion\"\n\n[[form.section]]\ntitle = \"Del\"\n\n[[form.section.field]]\nlabel = \"Fyll i med versaler\"\nkind = \"instruction\"\nwidth = \"half\"\n\n[[form.section.field]]\nlabel = \"Namn\"\nwidth = \"half\"\n"
    );
    let doc = kit_doc(&toml, Paper::A4).unwrap();
    let page = doc.anchors["form-instr"] - 1;
    let y_of = |needle: &str| {
        doc.page_items(page)
            .find_map(|it| match it {
                Item::Text { y, text, .. } if text == needle => Some(*y),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{needle}"))
    };
    // The name field shares the instruction's line.
    assert!((y_of("Fyll i med versaler") - y_of("Namn")).abs() < 8.0);
}

#[test]
fn the_personal_data_marking_is_printed_once_when_the_classification_says_it_in_other_words() {
    let toml = KIT.replace(
        "activation",
        "classification = \"Sekretess – innehåller personuppgifter\"\nactivation",
    ) + "\n[[form]]\nid = \"pd\"\ntitle = \"Personuppgifter\"\npersonal-data = true\nno-identity = \"personalens namn\"\n\n[[form.section]]\ntitle = \"Del\"\n\n[[form.section.field]]\nlabel = \"Namn\"\n";
    let doc = kit_doc(&toml, Paper::A4).unwrap();
    let page = doc.anchors["form-pd"] - 1;
    let t = texts(&doc, page);
    assert!(t
        .iter()
        .any(|s| s == "Sekretess – innehåller personuppgifter"));
    assert!(
        !t.iter().any(|s| s.contains("förvaras inlåst")),
        "printed twice: {t:?}"
    );
}

/// The x of every vertical cell edge of the first table row under a heading `{n}`.
fn day_columns(doc: &Document, page: usize) -> Vec<f32> {
    let mut xs: Vec<f32> = doc
        .page_items(page)
        .filter_map(|it| match it {
            Item::Text { text, x, .. } if text.parse::<u32>().is_ok() => Some(*x),
            _ => None,
        })
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup();
    xs
}

#[test]
fn repeated_columns_start_at_their_first_number_and_are_equally_wide() {
    // Every column but the days has a width: a day column used to lead, three times as wide.
    let toml = format!(
        "{KIT}\n[[log]]\nid = \"insulin\"\ntitle = \"Signeringslista insulin\"\norientation = \"landscape\"\nrows = 8\nsheets = 1\ncolumns = [\n  {{ heading = \"Insulin och dos\", width = 3 }},\n  {{ heading = \"{{n}}\", repeat = 15, first = 17 }},\n]\n"
    );
    let doc = kit_doc(&toml, Paper::A4).unwrap();
    let page = doc.anchors["log-insulin"] - 1;
    let t = texts(&doc, page);
    assert!(t.iter().any(|s| s == "17") && t.iter().any(|s| s == "31"));
    assert!(!t.iter().any(|s| s == "16" || s == "32"), "{t:?}");
    let xs = day_columns(&doc, page);
    let steps: Vec<f32> = xs.windows(2).map(|w| w[1] - w[0]).collect();
    let (lo, hi) = steps
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), s| (a.min(*s), b.max(*s)));
    assert!(hi - lo < 0.5, "day columns from {lo:.1} to {hi:.1} mm wide");
}

/// The 32 contacts of `examples/phone-list.toml` with the default contact sheet (the list,
/// then the detailed entries) and opening hours for every one.
fn thirty_two_contacts() -> String {
    let text = std::fs::read_to_string(root("examples/phone-list.toml")).unwrap();
    let hours = [
        "Dygnet runt",
        "Mån–fre 08.00–16.30",
        "Mån–fre 07.00–22.00",
        "Helger 08.00–20.00",
    ];
    let mut out = String::new();
    let mut n = 0;
    for line in text.lines() {
        if line.starts_with("contact-sheet") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
        if line.starts_with("verified") {
            out.push_str(&format!("hours = \"{}\"\n", hours[n % 4]));
            n += 1;
        }
    }
    assert_eq!(n, 32);
    out
}

#[test]
fn thirty_two_contacts_with_every_number_hours_and_a_tel_code_fit_three_a4_pages() {
    let doc = kit_doc(&thirty_two_contacts(), Paper::A4).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kit.toml"), thirty_two_contacts()).unwrap();
    let loaded = downkit::load::load(&dir.path().join("kit.toml"));
    let first = doc.anchors["contacts"] - 1;
    let pages: Vec<usize> = (first..doc.pages.len())
        .take_while(|&i| i == first || texts(&doc, i).iter().any(|t| t.starts_with("Kontaktlista")))
        .collect();
    assert!(
        pages.len() <= 3,
        "the contact sheet takes {} pages",
        pages.len()
    );
    let all: Vec<String> = pages.iter().flat_map(|&i| texts(&doc, i)).collect();
    let codes: Vec<String> = pages
        .iter()
        .flat_map(|&i| doc.page_items(i))
        .filter_map(|it| match it {
            Item::Qr { payload, .. } => Some(payload.clone()),
            _ => None,
        })
        .collect();
    for c in &loaded.kit.contacts {
        for p in &c.phones {
            let n = p.number.v.national().replace(' ', "\u{a0}");
            // The primary number on the list and on the card; every other one on the card.
            let times = all.iter().filter(|t| t.contains(&n)).count();
            assert!(times >= 1, "{}: {n}", c.role.v);
        }
        let tel = c.phones[0].number.v.tel_uri().unwrap();
        assert!(codes.contains(&tel), "{}: no code {tel}", c.role.v);
        // The code's text beside it.
        let text = tel.replace(' ', "\u{a0}");
        assert!(
            all.iter().any(|t| t.contains(&text)),
            "{}: {tel} not printed",
            c.role.v
        );
        let hours = c.hours.as_deref().unwrap();
        assert!(
            all.iter()
                .any(|t| t.contains(hours.split(' ').next().unwrap())),
            "{}: hours",
            c.role.v
        );
    }
    // Two or three cards side by side: codes at three x positions on a full page.
    let xs: std::collections::BTreeSet<i32> = doc
        .page_items(pages[pages.len() - 1])
        .filter_map(|it| match it {
            Item::Qr { x, .. } => Some(*x as i32),
            _ => None,
        })
        .collect();
    assert_eq!(xs.len(), 3, "{xs:?}");
}

/// Compares the layout of the pages `pages` (0-based) of `doc` with
/// `tests/golden/<name>.txt` (rewritten with DOWNKIT_BLESS=1): every item with its place.
pub(crate) fn golden(name: &str, doc: &Document, pages: std::ops::Range<usize>) {
    let flat = Document {
        pages: pages
            .map(|i| downkit::layout::Page {
                items: doc.page_items(i).cloned().collect(),
                template: None,
                ..doc.pages[i].clone()
            })
            .collect(),
        templates: Vec::new(),
        ..doc.clone()
    };
    let got = downkit::layout::dump::dump(&flat);
    let path = format!("{}/tests/golden/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("DOWNKIT_BLESS").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("golden file {path}; run with DOWNKIT_BLESS=1 to create"));
    assert!(
        got == want,
        "layout of {name} changed; review `git diff` after DOWNKIT_BLESS=1"
    );
}

/// Golden layouts, one per feature: a form's page with its header band, footer boxes, side
/// labels, a two-level heading and a write-in option (ICS 206); a tick-box checklist list
/// with nested options (ICS 202); three checklists beside each other on a landscape page
/// with stems, level-2 headings, group ends, codes and a footnote; the contact cards.
#[test]
fn feature_layouts_are_golden() {
    let doc = document(&root("examples/ics-206-medical-plan.toml"), Paper::Letter).unwrap();
    golden("feature-ics-206", &doc, 1..doc.pages.len());
    let doc = document(
        &root("examples/ics-202-incident-objectives.toml"),
        Paper::Letter,
    )
    .unwrap();
    golden("feature-ics-202", &doc, 1..2);
    let doc = document(&root("examples/checklist-features.toml"), Paper::A4).unwrap();
    golden("feature-checklists", &doc, 1..2);
    let doc = document(&root("examples/contacts.toml"), Paper::A4).unwrap();
    let first = doc.anchors["contacts"] - 1;
    golden("feature-contact-cards", &doc, first..first + 1);
    let doc = document(&root("tests/fixtures/kits/order-form"), Paper::A4).unwrap();
    golden("feature-order-form", &doc, 1..2);
}

#[test]
fn nested_options_and_a_write_in_line_are_laid_out_under_and_after_their_option() {
    let doc = support::lay(&[Block::Checkboxes {
        label: Some("Hjälpmedel".into()),
        options: vec![
            "Rollator".into(),
            downkit::layout::Choice {
                text: "Rullstol".into(),
                write_in: false,
                sub: vec!["Manuell".into(), "Elektrisk".into()],
            },
            downkit::layout::Choice {
                text: "Annat".into(),
                write_in: true,
                sub: Vec::new(),
            },
        ],
        checked: vec![false; 3],
    }]);
    let at = |needle: &str| {
        doc.pages[0]
            .items
            .iter()
            .find_map(|it| match it {
                Item::Text { x, y, text, .. } if text == needle => Some((*x, *y)),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{needle}"))
    };
    let (rx, ry) = at("Rullstol");
    let (mx, my) = at("Manuell");
    assert!(my > ry + 4.0, "the sub-options on the next line");
    assert!(
        mx > rx - 0.01,
        "indented under the option's label: {mx} {rx}"
    );
    let (_, ay) = at("Annat");
    assert!(ay > my + 4.0, "the next option after the sub-options");
    let line = doc.pages[0].items.iter().any(|it| {
        matches!(it, Item::Line { x1, y1, x2, .. } if (*y1 - ay).abs() < 2.0 && x2 - x1 >= 20.0)
    });
    assert!(line, "a line to write on after \"Annat\"");
}
