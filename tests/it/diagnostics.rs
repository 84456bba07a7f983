//! Every diagnostic, with its exact message, position and hint, pinned by golden files a
//! person can read: `tests/fixtures/diag/<case>/expected.txt`. Re-bless with
//! `DOWNKIT_BLESS=1 cargo test --test it diagnostics::` and review the diff like code.
//!
//! A case is the kit's `check` diagnostics, one line each. A case folder with an `args.txt`
//! (one argument a line, run in the crate folder) is instead what that `downkit`
//! command prints, as a user sees it, with its exit status: problems only the binary
//! reports, such as those of a dataset's sample export, which `check` reads as a real one.

use chrono::NaiveDate;
use std::path::Path;
use std::process::Command;

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

/// What `downkit <args.txt>` prints, on `today()`, without colour.
fn run(args: &str) -> String {
    let noon = today().and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp();
    let out = Command::new(env!("CARGO_BIN_EXE_downkit"))
        .args(args.lines().map(str::trim).filter(|a| !a.is_empty()))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", noon.to_string())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    text.push_str(&format!(
        "exit status: {}\n",
        out.status.code().unwrap_or(-1)
    ));
    text
}

fn case(name: &str) {
    let dir = Path::new("tests/fixtures/diag").join(name);
    let got = match std::fs::read_to_string(dir.join("args.txt")) {
        Ok(args) => run(&args),
        Err(_) => render(&dir),
    };
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

#[test]
fn datasets() {
    case("datasets");
}

#[test]
fn export() {
    case("export");
}

#[test]
fn outage() {
    case("outage");
}

#[test]
fn poster() {
    case("poster");
}

#[test]
fn reservnummer() {
    case("reservnummer");
}

#[test]
fn drills() {
    case("drills");
}

/// The help lines of the most common diagnostics are in the kit's language: the same
/// mistakes in a Swedish and an English kit.
#[test]
fn help_in_swedish() {
    case("help-sv");
}

#[test]
fn help_in_english() {
    case("help-en");
    case("help-en-fit");
}

#[test]
fn pictures() {
    case("pictures");
}

#[test]
fn files() {
    case("files");
}

#[test]
fn include_depth() {
    case("include-depth");
}

#[test]
fn kit_ids() {
    case("kit-ids");
}

#[test]
fn fit() {
    case("fit");
}

#[test]
fn fit_build() {
    case("fit-build");
}

#[test]
fn label_wraps() {
    case("label-wraps");
}

#[test]
fn layout() {
    case("layout");
}

#[test]
fn no_kit() {
    case("no-kit");
}

#[test]
fn stale() {
    case("stale");
}

#[test]
fn tables() {
    case("tables");
}

#[test]
fn roles() {
    case("roles");
}

#[test]
fn references() {
    case("references");
}

#[test]
fn free_text() {
    case("free-text");
}

#[test]
fn terms() {
    case("terms");
}

#[test]
fn inserts() {
    case("inserts");
}

#[test]
fn flow() {
    case("flow");
}

#[test]
fn reach() {
    case("reach");
}

#[test]
fn fill() {
    case("fill");
}

#[test]
fn poster_wall() {
    case("poster-wall");
}
