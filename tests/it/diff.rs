//! `downkit diff` through the binary, between two versions of one fixture kit
//! (`tests/fixtures/diff/v1.toml` → `v2.toml`: version raised, a contact's number changed,
//! step 3 of the second procedure reworded): the changes in words and the pages to reprint,
//! checked against the pages' text in the new binder with `pdftotext`.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(name)
}

fn downkit(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_downkit"))
        .args(args)
        .output()
        .unwrap()
}

/// Builds a kit file into `out`; the binder's path.
fn build(kit: &Path, out: &Path, date: &str) -> PathBuf {
    let o = downkit(&[
        "build",
        kit.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--date",
        date,
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .unwrap()
}

/// The text of page `n` (1-based).
fn page_text(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    support::run(
        "pdftotext",
        &["-layout", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
    )
}

fn page_count(pdf: &Path) -> usize {
    support::run("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap()
}

#[test]
fn diff_names_the_changes_and_the_pages_to_reprint() {
    let dir = support::tmp("diff");
    let old_pdf = build(&fixture("v1.toml"), &dir.join("v1"), "2026-11-01");
    let new_pdf = build(&fixture("v2.toml"), &dir.join("v2"), "2026-12-01");
    let out = downkit(&[
        "diff",
        old_pdf.to_str().unwrap(),
        fixture("v2.toml").to_str().unwrap(),
        "--format",
        "json",
        "--date",
        "2026-12-01",
    ]);
    assert_eq!(out.status.code(), Some(1), "pages to reprint: exit 1");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes: Vec<&str> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let has = |s: &str| changes.iter().any(|c| c.contains(s));
    assert!(has("[kit]: `version` changed (1.0 → 1.1)"), "{changes:?}");
    assert!(
        has("contact `enhetschef`: phone number 1 changed"),
        "{changes:?}"
    );
    assert!(has("070-174 06 99"), "{changes:?}");
    assert!(
        has("procedure `efterregistrera`: step 3 reworded"),
        "{changes:?}"
    );
    assert_eq!(changes.len(), 3, "{changes:?}");

    // The pages named are exactly those whose text changed (the cover names the version; a
    // code's version and hash do not count, see src/layout/fingerprint.rs).
    let reprint: Vec<usize> = v["reprint"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_u64().unwrap() as usize)
        .collect();
    let pages = page_count(&new_pdf);
    assert_eq!(pages, page_count(&old_pdf));
    let strip = |t: String| {
        t.lines()
            .filter(|l| {
                !l.contains("2026-11-01") && !l.contains("2026-12-01") && !l.contains("DK1/")
            })
            .map(|l| l.replace("1.0", "1.1"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut changed = Vec::new();
    for p in 1..=pages {
        if strip(page_text(&old_pdf, p)) != strip(page_text(&new_pdf, p)) || p == 1 {
            changed.push(p);
        }
    }
    assert_eq!(reprint, changed, "reprint list vs pages whose text changed");
    assert!(
        reprint.len() < pages,
        "not the whole binder: {reprint:?} of {pages}"
    );
    let with = |s: &str| {
        (1..=pages)
            .find(|p| page_text(&new_pdf, *p).contains(s))
            .unwrap()
    };
    assert!(reprint.contains(&with("070-174 06 99")), "the contact page");
    assert!(
        reprint.contains(&with("signum och datum")),
        "the procedure's page"
    );
    assert!(
        !reprint.contains(&with("Ta fram pärmen")),
        "the checklist is unchanged"
    );

    // The same answer from the old kit instead of its PDF, and in words for a person.
    let human = downkit(&[
        "diff",
        fixture("v1.toml").to_str().unwrap(),
        fixture("v2.toml").to_str().unwrap(),
        "--date",
        "2026-12-01",
    ]);
    let text = String::from_utf8_lossy(&human.stdout);
    let list: Vec<String> = reprint.iter().map(usize::to_string).collect();
    assert!(
        text.contains(&format!("pages: {}", list.join(", "))),
        "{text}"
    );
    assert!(text.contains("step 3 reworded"), "{text}");

    // A kit against itself: nothing to reprint, exit 0.
    let same = downkit(&[
        "diff",
        new_pdf.to_str().unwrap(),
        fixture("v2.toml").to_str().unwrap(),
    ]);
    assert_eq!(
        same.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&same.stdout)
    );
    assert!(String::from_utf8_lossy(&same.stdout).contains("Nothing to reprint"));
}

#[test]
fn a_pdf_without_a_record_is_refused_with_what_to_do() {
    let dir = support::tmp("diff-norecord");
    let pdf = dir.join("other.pdf");
    let o = downkit(&[
        "testpage",
        "-o",
        dir.to_str().unwrap(),
        "--date",
        "2026-12-01",
    ]);
    assert!(o.status.success());
    std::fs::rename(dir.join("testpage-a4.pdf"), &pdf).unwrap();
    let out = downkit(&[
        "diff",
        pdf.to_str().unwrap(),
        fixture("v2.toml").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no reprint record") && err.contains("compare with the kit"),
        "{err}"
    );
}
