//! A binder a stranger finds the way through: the start page of every shipped kit (golden
//! files a person can read), a page number beside every reference in the text of every
//! shipped binder (pdftotext), the continues cue and no lone last step, the poster read
//! from two metres on A4 and within the rules on US Letter.

use crate::support::{self, downkit, lay, para, tmp};

use downkit::compose::{self, BuildOptions};
use downkit::layout::{Block, Item, Paper};
use downkit::model::{Kit, RefKind, TextPiece};
use std::path::{Path, PathBuf};

/// The shipped kits (folders under `kits/` with a kit.toml).
fn shipped() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("kits");
    let mut out: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("kit.toml").is_file())
        .collect();
    out.sort();
    out
}

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap()
}

fn document(
    kit: &Path,
    paper: Option<Paper>,
) -> (downkit::load::Loaded, downkit::layout::Document) {
    let loaded = downkit::load::load(kit);
    let fonts = downkit::validate::fonts_for(&loaded).unwrap();
    let opts = BuildOptions {
        date: date(),
        paper,
        ..Default::default()
    };
    let doc = compose::binder_document(&loaded, &fonts, &opts).unwrap();
    (loaded, doc)
}

/// The text of a page as lines in reading order: items on one baseline joined left to right,
/// each line with the size and weight of its first item.
fn page_lines(page: &downkit::layout::Page) -> Vec<String> {
    let mut texts: Vec<(f32, f32, f32, bool, String)> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text {
                x,
                y,
                size_pt,
                weight,
                text,
            } => Some((
                *y,
                *x,
                *size_pt,
                matches!(weight, downkit::layout::Weight::Bold),
                text.clone(),
            )),
            _ => None,
        })
        .collect();
    texts.sort_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap());
    let mut lines: Vec<(f32, f32, bool, String)> = Vec::new();
    for (y, _, size, bold, text) in texts {
        match lines.last_mut() {
            Some(l) if (l.0 - y).abs() < 1.5 => {
                l.3.push_str(" | ");
                l.3.push_str(&text);
            }
            _ => lines.push((y, size, bold, text)),
        }
    }
    lines
        .into_iter()
        .map(|(_, size, bold, text)| {
            format!(
                "{size:>4.1}pt {} {}",
                if bold { "bold" } else { "    " },
                text.replace('\u{a0}', " ")
            )
        })
        .collect()
}

/// The start page of every shipped kit, as text a person can review:
/// `tests/golden/start-<kit>.txt`. Re-bless with `DOWNKIT_BLESS=1 cargo test --test it
/// wayfind::` and review the diff like code.
#[test]
fn start_page_of_every_shipped_kit() {
    let mut changed = Vec::new();
    for kit in shipped() {
        let (loaded, doc) = document(&kit, None);
        let start = doc.anchors["start"];
        let end = doc.anchors[compose::start::END];
        assert_eq!(
            start,
            end,
            "{}: the start page runs onto another page",
            kit.display()
        );
        // The first right-hand page after the cover, or the cover itself.
        assert!(
            start == 1 || start == 3,
            "{}: start page is page {start}",
            kit.display()
        );
        let mut got = format!(
            "start page of {} (page {start} of {})\n",
            loaded.kit.meta.id.v,
            doc.pages.len()
        );
        for l in page_lines(&doc.pages[start - 1]) {
            got.push_str(&l);
            got.push('\n');
        }
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/golden/start-{}.txt", loaded.kit.meta.id.v));
        if std::env::var_os("DOWNKIT_BLESS").is_some() {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("missing {}; bless with DOWNKIT_BLESS=1", path.display()));
        if got != want {
            changed.push(path.display().to_string());
        }
    }
    assert!(
        changed.is_empty(),
        "start pages changed: {changed:?}; review after DOWNKIT_BLESS=1"
    );
}

/// Text as pdftotext gives it, with line breaks, hyphenation at line ends and no-break
/// spaces made plain, so that a reference broken over two lines reads whole.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(l) = lines.next() {
        let l = l.trim();
        let next_lower = lines
            .peek()
            .and_then(|n| n.trim().chars().next())
            .is_some_and(char::is_lowercase);
        if l.ends_with('-') && next_lower && !l.ends_with(" -") {
            out.push_str(&l[..l.len() - 1]);
        } else {
            out.push_str(l);
            out.push(' ');
        }
    }
    out.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every reference written in the kit's running text that names a part of the binder, with
/// the title it prints and the anchor of its page; steps by their number.
fn written_references(kit: &Kit) -> Vec<(String, RefKind, String)> {
    let mut texts: Vec<(Option<usize>, &str)> =
        vec![(None, &kit.meta.activation), (None, &kit.meta.how_to_use)];
    for (pi, p) in kit.procedures.iter().enumerate() {
        texts.push((Some(pi), &p.when));
        for s in &p.steps {
            texts.push((Some(pi), &s.text.v));
        }
    }
    for c in &kit.contacts {
        texts.extend(c.notes.iter().map(|n| (None, n.as_str())));
    }
    for i in &kit.inserts {
        texts.extend([&i.what, &i.printed_by, &i.every, &i.if_missing].map(|t| (None, t.as_str())));
    }
    for t in &kit.terms {
        texts.push((None, &t.means.v));
    }
    for f in &kit.forms {
        texts.push((None, &f.purpose));
        texts.extend(f.sections.iter().map(|s| (None, s.title.v.as_str())));
    }
    let mut out = Vec::new();
    for (proc, text) in texts {
        for p in downkit::model::guide::pieces(text) {
            let TextPiece::Ref {
                kind: Some(kind),
                id,
                written,
                ..
            } = p
            else {
                continue;
            };
            let (title, anchor) = match kind {
                RefKind::Procedure => {
                    let p = kit.procedures.iter().find(|p| p.id.v == id).unwrap();
                    (p.title.v.clone(), format!("proc-{id}"))
                }
                RefKind::Form => {
                    let f = kit.forms.iter().find(|f| f.id.v == id).unwrap();
                    (f.title.v.clone(), format!("form-{id}"))
                }
                RefKind::Log => {
                    let l = kit.logs.iter().find(|l| l.id.v == id).unwrap();
                    (l.title.v.clone(), format!("log-{id}"))
                }
                RefKind::Checklist => {
                    let c = kit.checklists.iter().find(|c| c.id.v == id).unwrap();
                    (c.title.v.clone(), format!("cl-{id}"))
                }
                RefKind::Insert => {
                    let i = kit.inserts.iter().find(|i| i.id.v == id).unwrap();
                    (i.title.v.clone(), format!("insert-{id}"))
                }
                RefKind::Recovery => (
                    kit.recovery.as_ref().unwrap().title_in(kit),
                    "recovery".to_string(),
                ),
                RefKind::Contacts => (
                    match kit.meta.language {
                        downkit::model::Lang::Sv => "kontaktlistan".into(),
                        downkit::model::Lang::En => "the contact list".into(),
                    },
                    "contacts".into(),
                ),
                RefKind::Step => {
                    let (pi, sid) = match id.split_once('.') {
                        Some((p, s)) => {
                            (kit.procedures.iter().position(|x| x.id.v == p).unwrap(), s)
                        }
                        None => (proc.unwrap(), id),
                    };
                    let p = &kit.procedures[pi];
                    let n = p
                        .steps
                        .iter()
                        .position(|s| s.id.as_ref().is_some_and(|i| i.v == sid))
                        .unwrap();
                    (format!("#step {}", n + 1), format!("step-{}-{n}", p.id.v))
                }
                _ => continue,
            };
            let _ = written;
            out.push((title, kind, anchor));
        }
    }
    out
}

/// pdftotext finds every reference of every shipped binder with a page number beside it,
/// and the number is the page its target starts on; no reference is left unprinted.
#[test]
fn every_reference_in_every_shipped_binder_carries_its_page() {
    let out = tmp("wayfind-refs");
    for kit in shipped() {
        let (loaded, doc) = document(&kit, None);
        let o = downkit(&[
            "build",
            kit.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--date",
            "2026-12-08",
            "-q",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let pdf = out.join(format!(
            "{}-{}.pdf",
            loaded.kit.meta.id.v, loaded.kit.meta.version.v
        ));
        let text = support::run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        let pages: Vec<String> = text.split('\u{c}').map(plain).collect();
        let all = pages.join(" ");
        assert!(
            !all.contains("{procedure:") && !all.contains("{contact") && !all.contains("{step:"),
            "{}: a reference printed as written",
            kit.display()
        );
        let page_word = match loaded.kit.meta.language {
            downkit::model::Lang::Sv => "sidan",
            downkit::model::Lang::En => "page",
        };
        assert!(
            !all.contains(&format!("{page_word} ?")),
            "{}: a page never resolved",
            kit.display()
        );
        let refs = written_references(&loaded.kit);
        assert!(!refs.is_empty(), "{}: no references", kit.display());
        for (title, kind, anchor) in refs {
            let page = doc.anchors[&anchor];
            let with_page = format!("{title}, {page_word} {page}");
            if kind == RefKind::Step {
                // "steg 8" alone when the step is on the same page, else with its page.
                let step = title.trim_start_matches("#step ");
                let word = if page_word == "sidan" { "steg" } else { "step" };
                let near = format!("{word} {step}, {page_word} {page}");
                let same_page = pages
                    .get(page - 1)
                    .is_some_and(|p| p.contains(&format!("{word} {step}")));
                assert!(
                    all.contains(&near) || same_page,
                    "{}: `{word} {step}` printed neither with page {page} nor on that page",
                    kit.display()
                );
                continue;
            }
            let found = all.to_lowercase().contains(&with_page.to_lowercase());
            assert!(
                found,
                "{}: `{with_page}` not in the binder's text",
                kit.display()
            );
            // The page named is the page the target starts on: its title is there.
            let target = pages[page - 1].to_lowercase();
            let head = title
                .to_lowercase()
                .replace("kontaktlistan", "kontaktlista")
                .replace("the contact list", "contact list");
            assert!(
                target.contains(&head),
                "{}: page {page} does not hold `{title}`",
                kit.display()
            );
        }
        // Every page number printed after "sidan"/"page" is a page of the binder.
        let n = doc.pages.len();
        for w in all.split(&format!("{page_word} ")).skip(1) {
            if let Some(num) = w
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .filter(|s| !s.is_empty())
            {
                let p: usize = num.parse().unwrap();
                assert!(
                    p >= 1 && p <= n,
                    "{}: `{page_word} {p}` of {n} pages",
                    kit.display()
                );
            }
        }
        // Every jump to another step names the step's page when it is on another page.
        let go = if page_word == "sidan" {
            "gå till steg"
        } else {
            "go to step"
        };
        for (i, p) in pages.iter().enumerate() {
            for w in p.split(go).skip(1) {
                let w = w.trim_start();
                let num: String = w.chars().take_while(char::is_ascii_digit).collect();
                if w[num.len()..].starts_with(&format!(", {page_word}")) {
                    continue;
                }
                // Without a page, the step is on this page.
                assert!(
                    p.contains(&format!("{num}. ")),
                    "{}: page {}: `{go} {num}` without a page, and step {num} is not on it",
                    kit.display(),
                    i + 1
                );
            }
        }
    }
}

/// Every page a procedure continues from says so at its foot, and no procedure leaves its
/// last step alone on a page of its own.
#[test]
fn procedures_say_they_continue_and_keep_their_last_steps_together() {
    for kit in shipped() {
        let (loaded, doc) = document(&kit, None);
        let cue = match loaded.kit.meta.language {
            downkit::model::Lang::Sv => "Fortsätter på nästa sida",
            downkit::model::Lang::En => "Continues on the next page",
        };
        for p in &loaded.kit.procedures {
            let pages: Vec<usize> = (0..p.steps.len())
                .map(|i| doc.anchors[&compose::resolve::step_anchor(&p.id.v, i)])
                .collect();
            let first = doc.anchors[&format!("proc-{}", p.id.v)];
            let last = *pages.last().unwrap();
            for page in first..last {
                let has = doc.pages[page - 1]
                    .items
                    .iter()
                    .any(|i| matches!(i, Item::Text { text, .. } if text == cue));
                assert!(
                    has,
                    "{}: `{}` continues from page {page} without the cue",
                    kit.display(),
                    p.id.v
                );
            }
            let on_last = pages.iter().filter(|pg| **pg == last).count();
            assert!(
                last == first || on_last >= 2,
                "{}: the last step of `{}` stands alone on page {last}",
                kit.display(),
                p.id.v
            );
        }
    }
}

/// The poster of every shipped kit is one page; on A4 its lines that matter are at least
/// 10 mm high (42.5 pt with the built-in font), on US Letter (`--only poster`) its type is
/// scaled down but its title stays at 36 pt or more.
#[test]
fn poster_reads_from_two_metres_and_fits_letter() {
    for kit in shipped() {
        for paper in [Paper::A4, Paper::Letter] {
            let loaded = downkit::load::load(&kit);
            let fonts = downkit::validate::fonts_for(&loaded).unwrap();
            let opts = BuildOptions {
                date: date(),
                paper: Some(paper),
                ..Default::default()
            };
            let doc = compose::artifact_document(&loaded, &fonts, &opts, "poster").unwrap();
            let page = doc.anchors["poster"];
            assert_eq!(
                page,
                doc.anchors[compose::poster::END],
                "{}: {paper:?} poster runs over",
                kit.display()
            );
            let sizes: Vec<f32> = doc.pages[page - 1]
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text { size_pt, .. } => Some(*size_pt),
                    _ => None,
                })
                .collect();
            let title = sizes.iter().cloned().fold(0.0, f32::max);
            assert!(
                title >= 36.0,
                "{}: {paper:?} title {title} pt",
                kit.display()
            );
            if paper == Paper::A4 {
                let large = sizes
                    .iter()
                    .filter(|s| **s >= compose::poster::LINE_PT - 0.01)
                    .count();
                assert!(
                    large >= 5,
                    "{}: only {large} lines read from 2 m",
                    kit.display()
                );
            }
            // What the poster may show, not the binder's marking.
            let marking = doc.pages[page - 1].items.iter().any(|i| matches!(i, Item::Text { text, .. } if text.contains("förvaras inlåst") || text.contains("keep locked away")));
            assert!(
                !marking,
                "{}: the poster carries the binder's marking",
                kit.display()
            );
        }
    }
}

/// A numbered list never leaves its last item alone at the top of a page: when the last
/// item does not fit, the one before goes with it.
#[test]
fn a_list_keeps_its_last_two_items_together() {
    for filler in 28..40 {
        let mut blocks: Vec<Block> = (0..filler).map(|i| para(&format!("Fyllnad {i}"))).collect();
        blocks.push(Block::NumberedList {
            start: 1,
            items: (1..=4)
                .map(|i| vec![para(&format!("STEG {i} gör så här."))])
                .collect(),
            size_pt: 14.0,
        });
        let doc = lay(&blocks);
        let page_of = |t: &str| {
            doc.pages
                .iter()
                .position(|p| {
                    p.items
                        .iter()
                        .any(|i| matches!(i, Item::Text { text, .. } if text.contains(t)))
                })
                .unwrap()
        };
        let (three, four) = (page_of("STEG 3"), page_of("STEG 4"));
        assert_eq!(
            three,
            four,
            "after {filler} lines the last step is alone on page {}",
            four + 1
        );
    }
}

/// `status --snapshots` names the binder's insert that a missing snapshot leaves out of
/// date, for the kit whose insert is printed from its dataset.
#[test]
fn status_names_the_insert_a_missing_snapshot_leaves_out_of_date() {
    let empty = tmp("wayfind-snapshots");
    let o = downkit(&[
        "status",
        "kits",
        "--snapshots",
        empty.to_str().unwrap(),
        "--format",
        "json",
        "--date",
        "2026-12-08",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let kit = v
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "hemtjanst-planering")
        .unwrap();
    assert_eq!(
        kit["snapshot"]["inserts"][0],
        "Reservutskrift: brukare, besök och signeringsblanketter"
    );
    let problems = kit["problems"].to_string();
    assert!(
        problems.contains("no snapshot in") && problems.contains("insert `Reservutskrift"),
        "{problems}"
    );
    // A kit without datasets has no snapshot line at all.
    let other = v
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "trygghetslarm")
        .unwrap();
    assert!(other["snapshot"].is_null(), "{other}");
}

/// A kit written before roles and references (free-text `who`, titles in running text)
/// still builds; `check` says how to add them.
#[test]
fn an_old_kit_still_builds_and_check_says_how_to_add_roles() {
    let kit = "tests/fixtures/kits/full";
    let o = downkit(&["check", kit, "--date", "2026-11-27"]);
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("warning[who-text]"), "{err}");
    assert!(err.contains("declare the roles once (`[[role]]`"), "{err}");
    let out = tmp("wayfind-old");
    let o = downkit(&[
        "build",
        kit,
        "-o",
        out.to_str().unwrap(),
        "--date",
        "2026-11-27",
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = support::run(
        "pdftotext",
        &[out.join("testkit-2.1.pdf").to_str().unwrap(), "-"],
    );
    // Its start page says who in the kit's own words.
    assert!(
        text.contains("Vad har hänt?") && text.contains("Hjälpmedelssamordnaren"),
        "{text}"
    );
}

/// The cover sends the reader to the start page by the title printed on it and its page, and
/// the contents list it first; a kit that names the page in words instead is warned about.
#[test]
fn the_cover_and_the_contents_name_the_start_page_with_its_page() {
    for kit in shipped() {
        let (loaded, doc) = document(&kit, None);
        let start = doc.anchors["start"];
        if start == 1 {
            continue;
        }
        let title = downkit::labels::Label::StartTitle.text(loaded.kit.meta.language);
        let page_word = match loaded.kit.meta.language {
            downkit::model::Lang::Sv => "sidan",
            downkit::model::Lang::En => "page",
        };
        let cover: String = doc.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let cover = plain(&cover);
        // "Börja på startsidan ”Vad har hänt?”, sidan 3": the title as the page prints it.
        let named = format!("{title}”, {page_word} {start}");
        assert!(
            cover.contains(&named),
            "{}: the cover does not send the reader to {title} on page {start}: {cover}",
            kit.display()
        );
        let contents = doc.pages[doc.anchors["contents"] - 1]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect::<Vec<_>>();
        let at = contents.iter().position(|t| t == title);
        assert!(
            at.is_some_and(|i| contents[i + 1..]
                .iter()
                .take(3)
                .any(|t| *t == start.to_string())),
            "{}: the contents do not list {title} with page {start}: {contents:?}",
            kit.display()
        );
    }
}
