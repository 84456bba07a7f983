//! Every diagnostic, with its exact message, position and hint, pinned by golden files a
//! person can read: `tests/fixtures/diag/<case>/expected.txt`. Re-bless with
//! `DOWNKIT_BLESS=1 cargo test --test diagnostics` and review the diff like code.

use chrono::NaiveDate;
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn render(kit: &Path) -> String {
    let loaded = downkit::load::load(kit);
    let diags = downkit::validate::check(&loaded, today());
    let mut out = String::new();
    for d in &diags {
        out.push_str(&d.short(&loaded.sources));
        out.push('\n');
        if let Some(h) = &d.hint {
            out.push_str(&format!("    help: {h}\n"));
        }
    }
    out
}

fn case(name: &str) {
    let dir = Path::new("tests/fixtures/diag").join(name);
    let got = render(&dir);
    let expected_path = dir.join("expected.txt");
    if std::env::var_os("DOWNKIT_BLESS").is_some() {
        std::fs::write(&expected_path, &got).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
        panic!(
            "missing {}; bless with DOWNKIT_BLESS=1",
            expected_path.display()
        )
    });
    assert_eq!(got, expected, "diagnostics of {name} changed");
}

#[test]
fn forms() {
    case("forms");
}

#[test]
fn keys() {
    case("keys");
}

#[test]
fn refs() {
    case("refs");
}

#[test]
fn bare_date() {
    case("bare-date");
}

#[test]
fn dates() {
    case("dates");
}

#[test]
fn content() {
    case("content");
}

#[test]
fn include_cycle() {
    case("include-cycle");
}

#[test]
fn include_missing() {
    case("include-missing");
}

#[test]
fn syntax() {
    case("syntax");
}

#[test]
fn glyph() {
    case("glyph");
}

#[test]
fn limits() {
    case("limits");
}

#[test]
fn fonts() {
    case("fonts");
}

#[test]
fn tokens() {
    case("tokens");
}

#[test]
fn values() {
    case("values");
}

#[test]
fn characters() {
    case("characters");
}
