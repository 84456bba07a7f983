//! Reading exports: CSV with `,` or `;`, quoted fields, UTF-8 with or without BOM and
//! Windows-1252, JSON arrays of objects — the same data gives the same rows; every problem
//! of a broken export at once, at file:line:column with row and field, pinned by a golden
//! file a person can read (`tests/fixtures/snapshot/expected.txt`, re-bless with
//! `DOWNKIT_BLESS=1`); and no problem ever quotes a value.

use downkit::data::{self, problem::Problem, Export};
use downkit::diag::Severity;
use downkit::fonts::FontSet;
use downkit::model::Dataset;
use std::path::Path;

const KIT: &str = "tests/fixtures/snapshot";

fn dataset() -> Dataset {
    let loaded = downkit::load::load(Path::new(KIT));
    assert!(loaded.diags.is_empty(), "{:?}", loaded.diags);
    loaded.kit.datasets[0].clone()
}

fn read(file: &str) -> (Option<Export>, Vec<Problem>) {
    let shown = format!("exports/{file}");
    let path = Path::new(KIT).join(&shown);
    data::read_file(&path, &shown, &dataset(), &FontSet::builtin(), None)
}

/// The rows as printed: every cell's text, and a `!` for a marked one.
fn table(e: &Export) -> Vec<Vec<String>> {
    e.rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| format!("{}{}", c.text, if c.flagged { " !" } else { "" }))
                .collect()
        })
        .collect()
}

#[test]
fn utf8_windows_1252_and_json_give_the_same_rows() {
    let (csv, p1) = read("klienter.csv");
    let (latin, p2) = read("klienter-1252.csv");
    let (json, p3) = read("klienter.json");
    assert!(
        p1.is_empty() && p2.is_empty() && p3.is_empty(),
        "{p1:?} {p2:?} {p3:?}"
    );
    let (csv, latin, json) = (csv.unwrap(), latin.unwrap(), json.unwrap());
    assert_eq!(csv.encoding, "UTF-8");
    assert_eq!(latin.encoding, "windows-1252");
    assert_eq!(table(&csv), table(&latin));
    assert_eq!(table(&csv), table(&json));
    // Sorted by name in Swedish order (Å and Ö after T); times and phone numbers normalised.
    let t = table(&csv);
    let names: Vec<&str> = t.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        names,
        ["Tolvansson, Tolvan", "Åström, Märta", "Östlund, Ärling"]
    );
    assert_eq!(t[1][4], "08:45");
    assert_eq!(t[1][5], "070-174 06 06");
    assert_eq!(t[2][4], "13:00");
    assert_eq!(t[2][6], "2,5");
    assert_eq!(t[0][7], "Storgatan 1, lgh 1102");
}

fn render(files: &[&str]) -> String {
    let mut out = String::new();
    for f in files {
        out.push_str(&format!("== {f}\n"));
        let (export, problems) = read(f);
        for p in &problems {
            out.push_str(&p.render());
        }
        if let Some(e) = export {
            out.push_str(&format!(
                "read: {} rows, {} marked\n",
                e.rows.len(),
                e.flagged()
            ));
            for r in table(&e) {
                out.push_str(&format!("  {}\n", r.join(" | ")));
            }
        }
    }
    out
}

const BROKEN: [&str; 8] = [
    "broken-rows.csv",
    "broken-header.csv",
    "no-header.csv",
    "header-only.csv",
    "empty.csv",
    "broken-syntax.json",
    "broken-values.json",
    "missing.csv",
];

#[test]
fn every_problem_of_an_export_at_its_line_and_column() {
    let got = render(&BROKEN);
    let path = Path::new(KIT).join("expected.txt");
    if std::env::var_os("DOWNKIT_BLESS").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).expect("bless with DOWNKIT_BLESS=1");
    assert_eq!(got, expected, "the problems of the broken exports changed");
}

#[test]
fn an_export_with_errors_gives_no_rows_and_warnings_alone_do() {
    let (rows, problems) = read("broken-rows.csv");
    assert!(rows.is_none());
    let errors: Vec<&str> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.code)
        .collect();
    assert_eq!(errors, ["field-count", "duplicate-key", "empty-key"]);
    for p in problems.iter().filter(|p| p.severity == Severity::Warning) {
        assert_eq!(p.row, Some(2), "{p:?}");
        assert!(p.field.is_some());
    }
    for f in ["header-only.csv", "empty.csv"] {
        let (rows, problems) = read(f);
        assert!(rows.is_none(), "{f}");
        assert_eq!(problems[0].code, "empty-export", "{f}");
    }
}

#[test]
fn no_problem_quotes_a_value_of_the_export() {
    let dir = Path::new(KIT).join("exports");
    let mut values: Vec<String> = Vec::new();
    for f in BROKEN.iter().filter(|f| dir.join(f).exists()) {
        let text = std::fs::read_to_string(dir.join(f)).unwrap();
        for line in text.lines().skip(usize::from(!f.starts_with("no-header"))) {
            values.extend(
                line.split([';', ',', '"', ':', '{', '}', '[', ']'])
                    .map(|v| v.trim().to_string())
                    .filter(|v| v.chars().count() >= 4),
            );
        }
    }
    let words = [
        "Tolvan",
        "Felsson",
        "Kontroll",
        "Dubblett",
        "Storgatan",
        "Åström",
        "1212",
    ];
    let out = render(&BROKEN);
    for w in words {
        assert!(!out.contains(w), "a problem quotes `{w}`:\n{out}");
    }
    let problems = out
        .lines()
        .filter(|l| !l.starts_with("  ") && !l.starts_with("read:") && !l.starts_with("=="));
    for line in problems {
        for v in values
            .iter()
            .filter(|v| !v.starts_with("Pnr") && v.parse::<f64>().is_err())
        {
            // Header names are the kit's and the export's words, not data; so is JSON.
            let words = [
                "Grupp",
                "Namn",
                "Adress",
                "Född",
                "Antal",
                "Födelsedatum",
                "Grup",
            ];
            if words.contains(&v.as_str()) || ["null", "true", "false"].contains(&v.as_str()) {
                continue;
            }
            assert!(!line.contains(v.as_str()), "`{v}` quoted in: {line}");
        }
    }
}

/// Found by the `export_read` fuzz target: the header's column names were quoted in a
/// problem's hint with their tabs and line breaks, so a header could draw lines of its own
/// in the job's log. They are shown on one line, cut short, control characters as pictures.
#[test]
fn column_names_in_a_hint_are_shown_on_one_line() {
    // Pnr and Grupp are there (a header), the others not; two names hold hostile text.
    let header = "Pnr;Grupp;\"Nam\tn\nerror[x]: fake\";\"\u{1b}[2JF\u{f6}dd\";".to_string()
        + &"y".repeat(500);
    let csv = format!("{header}\n1;2;3;4;5\n");
    let (export, problems) = data::read_bytes(
        csv.as_bytes(),
        "exports/x.csv",
        &dataset(),
        &FontSet::builtin(),
    );
    assert!(export.is_none());
    let text: String = problems.iter().map(Problem::render).collect();
    for line in text.lines() {
        assert!(
            line.starts_with("exports/x.csv:") || line.starts_with("    help: "),
            "{line:?}"
        );
    }
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(!text.contains(&"y".repeat(100)), "{text}");
}
